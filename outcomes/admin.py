from django.contrib import admin

from espportal.admin import ReadOnlyAdmin
from outcomes.models import Placement, Resource, RetentionCheck, SupportRequest


@admin.register(Placement)
class PlacementAdmin(ReadOnlyAdmin):
    list_display = ["title", "employer_name", "provider", "start_date", "attribution", "attribution_contested",
                    "quality_index"]
    list_filter = ["attribution", "attribution_contested", "permanence"]
    readonly_fields = ["attribution", "evidence", "quality_index", "quality_parts"]
    raw_id_fields = ["client", "case", "employer", "lead", "match", "occupation", "verified_by", "recorded_by",
                     "contested_by"]


@admin.register(RetentionCheck)
class RetentionCheckAdmin(ReadOnlyAdmin):
    list_display = ["placement", "milestone_months", "due_on", "status"]
    list_filter = ["status", "milestone_months"]
    raw_id_fields = ["placement", "client", "answered_by"]


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "active"]
    list_filter = ["kind", "active"]


# Support requests are confidential; the admin lists them without their thread.
@admin.register(SupportRequest)
class SupportRequestAdmin(ReadOnlyAdmin):
    list_display = ["code", "provider", "category", "status", "opened_at"]
    list_filter = ["category", "status"]
    fields = ["code", "provider", "category", "status", "opened_at", "employer_share_consent"]
    readonly_fields = fields
