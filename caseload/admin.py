from django.contrib import admin

from caseload.models import (
    Appointment,
    Assignment,
    CaseFile,
    CaseNote,
    HandoffBrief,
    Referral,
    Task,
    Transfer,
)
from espportal.admin import ReadOnlyAdmin


@admin.register(CaseFile)
class CaseFileAdmin(ReadOnlyAdmin):
    list_display = ["code", "provider", "status", "opened_at", "closed_at"]
    list_filter = ["status", "provider"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["case", "staff", "role", "started_at", "ended_at", "reason"]


@admin.register(CaseNote)
class CaseNoteAdmin(ReadOnlyAdmin):
    list_display = ["code", "provider", "kind", "visibility", "created_at"]


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ["title", "assignee", "kind", "due_on", "done_at"]


admin.site.register([HandoffBrief, Appointment, Transfer, Referral], ReadOnlyAdmin)
