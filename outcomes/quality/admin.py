from django.contrib import admin

from outcomes.quality.models import Complaint, ComplaintEvent, Survey


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["moment", "respondent", "provider", "sent_at", "answered_at", "score", "anonymous"]
    list_filter = ["moment", "respondent", "provider"]
    raw_id_fields = ["client", "placement", "contact"]


class ComplaintEventInline(admin.TabularInline):
    model = ComplaintEvent
    extra = 0
    raw_id_fields = ["actor"]


@admin.register(Complaint)
class ComplaintAdmin(admin.ModelAdmin):
    list_display = ["kind", "status", "provider", "received_at", "due_on", "resolved_at"]
    list_filter = ["kind", "status", "provider"]
    raw_id_fields = ["client", "filed_by", "assignee", "resolved_by"]
    inlines = [ComplaintEventInline]
