from django.contrib import admin

from clients.models import (
    ActionPlan,
    Assessment,
    Client,
    ClientRevision,
    Consent,
    Occupation,
    PlanItem,
    ServiceCatalogueEntry,
    Skill,
)
from espportal.admin import ReadOnlyAdmin


@admin.register(Occupation)
class OccupationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "level", "teer"]
    list_filter = ["level", "teer"]
    search_fields = ["code", "title", "title_fr"]
    raw_id_fields = ["parent"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "name_fr", "code"]
    search_fields = ["name", "name_fr", "code"]


@admin.register(ServiceCatalogueEntry)
class ServiceCatalogueEntryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Client)
class ClientAdmin(ReadOnlyAdmin):
    list_display = ["code", "current_provider", "registered_at", "first_meeting_at"]
    list_filter = ["current_provider", "preferred_language"]
    search_fields = ["code"]
    exclude = ["skills"]


@admin.register(ClientRevision)
class ClientRevisionAdmin(ReadOnlyAdmin):
    list_display = ["client", "changed_at", "changed_by"]


@admin.register(Consent)
class ConsentAdmin(ReadOnlyAdmin):
    list_display = ["code", "scope", "provider", "granted_at", "withdrawn_at"]
    list_filter = ["scope"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["client", "assessed_at"]


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ["client"]


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyAdmin):
    list_display = ["client", "status"]
    list_filter = ["status"]
