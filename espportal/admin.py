from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from espportal import audit, notifications
from espportal.models import AuditEvent, Heartbeat, Membership, Notification, Provider, User


class NoEditAdmin(admin.ModelAdmin):
    """Rows the admin may list and look at but never add, change or delete (the audit trail, the ledger...)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoEditAdmin):
    """For people's records: they change only through services (validated, audited, never silently deleted).

    The admin only looks, and each look at one record is audited like any other open of a client's file.
    """

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None:
            client = obj if obj._meta.model_name == "client" else getattr(obj, "client", None)
            audit.record(action="admin.viewed", request=request, client=client, target=obj)
        return response


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["provider", "role", "active_from", "active_to"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "kind", "preferred_language", "is_active"]
    list_filter = ["kind", "is_active", "is_staff"]
    search_fields = ["email", "first_name", "last_name", "code"]
    readonly_fields = ["code", "last_login", "date_joined"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["code", "email", "password"]}),
        (_("Person"), {"fields": ["first_name", "last_name", "kind", "preferred_language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "kind", "password1", "password2"]})]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "languages"]
    list_filter = ["region"]
    search_fields = ["name", "code"]
    readonly_fields = ["code", "created_at"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "provider", "role", "active_from", "active_to"]
    list_filter = ["role", "provider"]
    search_fields = ["user__email", "provider__name"]
    autocomplete_fields = ["user", "provider"]
    readonly_fields = ["code"]


@admin.register(AuditEvent)
class AuditEventAdmin(NoEditAdmin):
    list_display = ["at", "action", "actor_label", "client_code", "target_type", "ip"]
    list_filter = ["action"]
    search_fields = ["actor_label", "client_code", "target_code", "actor_code"]
    date_hierarchy = "at"


class OutcomeUnknownFilter(admin.SimpleListFilter):
    title = _("delivery")
    parameter_name = "delivery"

    def lookups(self, request, model_admin):
        return [("unknown", _("Outcome unknown (held for review)"))]

    def queryset(self, request, queryset):
        if self.value() == "unknown":
            return queryset.filter(pk__in=notifications.outcome_unknown().values("pk"))
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "channel", "due_at", "send_started_at", "sent_at", "attempts"]
    list_filter = [OutcomeUnknownFilter, "channel"]
    search_fields = ["subject", "recipient__email"]
    raw_id_fields = ["recipient"]
    readonly_fields = ["message_id", "send_started_at"]
    actions = ["send_again"]

    @admin.action(description=_("Send again with the same Message-ID (after checking it did not arrive)"))
    def send_again(self, request, queryset):
        released = notifications.release_for_resend(notification_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, ngettext("%(count)d notification released; the sweep sends it within a minute.",
                                            "%(count)d notifications released; the sweep sends them within a minute.",
                                            released) % {"count": released})


admin.site.register(Heartbeat)


# --- API tokens for BI clients (DRF authtoken): created by an admin for one user, revoked by deleting, audited ---
from rest_framework.authtoken.admin import TokenAdmin  # noqa: E402
from rest_framework.authtoken.models import TokenProxy  # noqa: E402

admin.site.unregister(TokenProxy)


@admin.register(TokenProxy)
class AuditedTokenAdmin(TokenAdmin):
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        audit.record(action="api_token.created", request=request, target=obj.user,
                     detail={"user": str(obj.user.code)})

    def delete_model(self, request, obj):
        audit.record(action="api_token.revoked", request=request, target=obj.user,
                     detail={"user": str(obj.user.code)})
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for token in queryset.select_related("user"):
            audit.record(action="api_token.revoked", request=request, target=token.user,
                         detail={"user": str(token.user.code)})
        super().delete_queryset(request, queryset)
