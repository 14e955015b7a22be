from django.contrib import admin

from maillage.participation.models import Registration


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = [
        "person",
        "session",
        "status",
        "source",
        "organisation",
        "organisation_name",
        "created_at",
    ]
    list_filter = ["status", "source"]
    search_fields = ["person__last_name", "person__email", "organisation_name", "session__action__title"]
    raw_id_fields = ["person", "session", "organisation", "commune"]
    readonly_fields = [
        "token",
        "group",
        "submission_key",
        "created_at",
        "cancelled_at",
        "confirmation_sent_at",
    ]
    date_hierarchy = "created_at"
