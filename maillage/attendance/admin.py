from django.contrib import admin

from maillage.attendance.models import (
    Answer,
    Attendance,
    ConnectionLog,
    ConnectionLogRow,
    Question,
    Questionnaire,
    SurveyResponse,
)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 1
    fields = ["position", "text", "kind", "required"]
    ordering = ["position", "pk"]


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default"]
    list_filter = ["is_default"]
    inlines = [QuestionInline]


class AnswerInline(admin.TabularInline):
    model = Answer
    extra = 0
    readonly_fields = ["question", "rating", "yes", "text"]
    can_delete = False


@admin.register(SurveyResponse)
class SurveyResponseAdmin(admin.ModelAdmin):
    list_display = ["registration", "questionnaire", "submitted_at"]
    list_select_related = ["registration__person", "registration__session__action", "questionnaire"]
    readonly_fields = ["registration", "questionnaire", "submitted_at"]
    inlines = [AnswerInline]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["registration", "slot", "present", "source", "recorded_at", "recorded_by"]
    list_filter = ["slot", "present", "source"]
    list_select_related = ["registration__person", "registration__session__action", "recorded_by"]
    raw_id_fields = ["registration", "recorded_by"]
    search_fields = ["registration__person__last_name", "registration__person__email"]


class ConnectionLogRowInline(admin.TabularInline):
    model = ConnectionLogRow
    extra = 0
    raw_id_fields = ["registration"]
    fields = ["line", "name", "email", "joined_at", "left_at", "registration", "ignored"]


@admin.register(ConnectionLog)
class ConnectionLogAdmin(admin.ModelAdmin):
    list_display = ["filename", "session", "threshold", "imported_at", "imported_by"]
    raw_id_fields = ["session", "imported_by"]
    inlines = [ConnectionLogRowInline]
