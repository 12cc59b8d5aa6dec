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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Changes go through caseload.services (validated, audited); the admin only looks."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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
