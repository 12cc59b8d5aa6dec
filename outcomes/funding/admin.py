"""Funding parameters are data the ministry edits here: a new version, with its effective date, never an edit of
one already used by the ledger."""

from django.contrib import admin

from espportal.admin import NoEditAdmin
from outcomes.funding.models import FundingModel, FundingModelVersion, LedgerEntry


class VersionInline(admin.StackedInline):
    model = FundingModelVersion
    extra = 0
    readonly_fields = ["created_by", "created_at"]


@admin.register(FundingModel)
class FundingModelAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_fr", "code", "kind", "pays_ledger"]
    inlines = [VersionInline]


@admin.register(FundingModelVersion)
class FundingModelVersionAdmin(admin.ModelAdmin):
    list_display = ["model", "effective_from", "operating_base", "placement_payment", "retention_6m_payment"]
    list_filter = ["model"]
    readonly_fields = ["created_by", "created_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.ledger_entries.exists():  # paid on: parameters are history now
            return [f.name for f in obj._meta.fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(NoEditAdmin):
    """Read-only: rows are posted by the ledger job and never edited."""

    list_display = ["posted_at", "provider", "milestone", "kind", "amount", "earned_on"]
    list_filter = ["provider", "milestone", "kind"]
