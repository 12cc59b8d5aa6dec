from django.contrib import admin

from employers.models import (
    Contact,
    Employer,
    EmployerLocation,
    EngagementActivity,
    JobLead,
    Match,
    MatchEvent,
)
from espportal.admin import ReadOnlyAdmin


class LocationInline(admin.TabularInline):
    model = EmployerLocation
    extra = 0


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "postal_code", "sector", "size_band"]
    search_fields = ["name", "postal_code"]
    list_filter = ["sector", "size_band"]
    inlines = [LocationInline, ContactInline]


@admin.register(JobLead)
class JobLeadAdmin(admin.ModelAdmin):
    list_display = ["title", "employer", "noc_code", "status", "closing_date", "provider"]
    list_filter = ["status", "permanence", "unadvertised"]
    search_fields = ["title", "employer__name", "noc_code"]
    raw_id_fields = ["employer", "occupation"]
    readonly_fields = ["noc_code", "teer", "region"]


@admin.register(EngagementActivity)
class EngagementActivityAdmin(admin.ModelAdmin):
    list_display = ["kind", "employer", "provider", "date"]
    list_filter = ["kind"]
    raw_id_fields = ["employer", "staff", "contact"]


class MatchEventInline(admin.TabularInline):
    model = MatchEvent
    extra = 0
    readonly_fields = ["status", "at", "by", "note"]
    can_delete = False


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin):
    """Read-only: matches move through employers.services so every step is audited."""

    list_display = ["code", "status", "score", "created_at"]
    list_filter = ["status"]
    inlines = [MatchEventInline]
