from django.contrib import admin

from maillage.network import models


class PositionInline(admin.TabularInline):
    model = models.Position
    extra = 0
    autocomplete_fields = ["organisation", "person"]


class CityContractRoleInline(admin.TabularInline):
    model = models.CityContractRole
    extra = 0
    autocomplete_fields = ["city_contract"]


class ConsentInline(admin.TabularInline):
    model = models.Consent
    extra = 0


class RepresentativeInline(admin.TabularInline):
    model = models.Representative
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "commune", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["search_name", "name", "acronym"]
    autocomplete_fields = ["commune", "communes", "epcis", "qpvs"]
    inlines = [CityContractRoleInline, PositionInline]


@admin.register(models.Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "is_active", "is_demo"]
    list_filter = ["is_active", "is_demo"]
    search_fields = ["search_name", "email"]
    inlines = [PositionInline, ConsentInline]


@admin.register(models.GovernanceMembership)
class GovernanceMembershipAdmin(admin.ModelAdmin):
    list_display = ["organisation", "college", "started_on", "ended_on"]
    list_filter = ["college"]
    autocomplete_fields = ["organisation"]
    inlines = [RepresentativeInline]


@admin.register(models.Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["person", "purpose", "source", "given_at", "withdrawn_at"]
    list_filter = ["purpose", "source"]
    autocomplete_fields = ["person"]
