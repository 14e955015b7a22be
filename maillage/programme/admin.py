from django.contrib import admin

from maillage.programme import models


@admin.register(models.Centre)
class CentreAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "is_active"]
    prepopulated_fields = {"slug": ["short_name"]}
    filter_horizontal = ["team"]


@admin.register(models.Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "parent", "is_cross_cutting", "position"]
    list_editable = ["position"]
    search_fields = ["name"]


@admin.register(models.StatusCause)
class StatusCauseAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    list_editable = ["position"]


class RevisionInline(admin.TabularInline):
    model = models.ProgrammeRevision
    extra = 0


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["year", "centre", "status", "voted_on"]
    list_filter = ["centre", "status"]
    inlines = [RevisionInline]


class SessionInline(admin.TabularInline):
    model = models.Session
    extra = 0
    fields = ["date", "start_time", "end_time", "format", "capacity", "status"]


class PartnerInline(admin.TabularInline):
    model = models.ActionPartner
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(models.Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "anct_type", "status", "planned_half_days"]
    list_filter = ["programme__year", "anct_type", "status"]
    search_fields = ["title"]
    filter_horizontal = ["themes", "departments"]
    autocomplete_fields = ["qpvs", "city_contracts", "communes", "epcis"]
    inlines = [PartnerInline, SessionInline]


@admin.register(models.Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "format", "half_days", "status"]
    list_filter = ["format", "status", "action__programme__year"]
    date_hierarchy = "date"
    raw_id_fields = ["action", "commune"]
