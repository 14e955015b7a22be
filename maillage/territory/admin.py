from django.contrib import admin

from maillage.territory import models


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["name", "code"]


@admin.register(models.Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["name", "code"]


@admin.register(models.EPCI)
class EPCIAdmin(admin.ModelAdmin):
    list_display = ["siren", "name", "kind", "population"]
    list_filter = ["kind"]
    search_fields = ["name", "siren"]


@admin.register(models.Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["insee_code", "name", "kind", "department", "epci"]
    list_filter = ["kind", "department__region"]
    search_fields = ["search_name", "insee_code"]
    raw_id_fields = ["epci", "parent", "department"]


@admin.register(models.QPV)
class QPVAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "list_year", "department"]
    list_filter = ["list_year", "department__region"]
    search_fields = ["search_name", "code"]
    autocomplete_fields = ["communes", "epcis"]


@admin.register(models.CityContract)
class CityContractAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "generation", "epci"]
    list_filter = ["generation", "departments__region"]
    search_fields = ["search_name", "code"]
    autocomplete_fields = ["communes", "qpvs", "replaces", "epci"]


@admin.register(models.RenewalProject)
class RenewalProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["search_name"]
    autocomplete_fields = ["qpvs"]


@admin.register(models.ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["layout", "finished_at", "created", "updated", "unchanged", "source"]
    list_filter = ["layout"]

    def has_change_permission(self, request, obj=None):
        return False
