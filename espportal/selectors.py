from django.db.models import QuerySet
from django.utils.translation import gettext as _

from espportal.models import AuditEvent, Membership, Notification, Provider, Role, User
from espportal.vocab import OpenReason, OpenRoute


def notifications_for(user: User):
    return Notification.objects.filter(recipient=user, channel=Notification.Channel.IN_APP, sent_at__isnull=False)


def audit_events_of(provider: Provider) -> QuerySet[AuditEvent]:
    """The audit log of one provider (events whose provider_code is its code), newest first; read by page with
    pagination.AuditKeysetPagination on the (provider_code, -at) index."""
    return AuditEvent.objects.filter(provider_code=provider.code).order_by("-at", "-id")


def staff_of(provider: Provider, *, roles=None):
    memberships = Membership.objects.active().filter(provider=provider).select_related("user")
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships.order_by("user__last_name", "user__first_name")


def opens_of(client_code, *, except_actor_code=None) -> QuerySet[AuditEvent]:
    """Every recorded open or export of one person's record (audit.record_open), newest first, except the
    person's own (`except_actor_code`)."""
    events = AuditEvent.objects.filter(client_code=client_code, detail__has_key="route")
    if except_actor_code is not None:
        events = events.exclude(actor_code=except_actor_code)
    return events.order_by("-at", "-id")


def describe_opens(events) -> list[dict]:
    """Rows for "who opened my file", in the reader's language: {"at", "name", "role", "provider", "why", "how"}.

    Names come from the user and provider as they are now (two queries for any number of events); the ministry
    and automatic jobs are named as such. Keys stored in the event are shown as labels (espportal.vocab)."""
    events = list(events)
    users = {u.code: u for u in User.objects.filter(code__in={e.actor_code for e in events if e.actor_code})}
    providers = dict(Provider.objects.filter(code__in={e.provider_code for e in events if e.provider_code})
                     .values_list("code", "name"))
    rows = []
    for event in events:
        user = users.get(event.actor_code)
        role = event.detail.get("role") or ""
        if event.actor_code is None:
            name, role_label = _("The portal"), _("Automatic job")
        elif user is None:
            name, role_label = _("A former user"), ""
        else:
            name = user.display_name
            role_label = (Role(role).label if role in Role.values
                          else User.Kind(role).label if role in User.Kind.values else "")
        if user is not None and user.kind == User.Kind.MINISTRY:
            provider = _("The ministry")
        else:
            provider = providers.get(event.provider_code, "")
        reason = event.detail.get("reason")
        route = event.detail.get("route")
        rows.append({"at": event.at, "name": name, "role": role_label, "provider": provider,
                     "why": OpenReason(reason).label if reason in OpenReason.values else "",
                     "how": OpenRoute(route).label if route in OpenRoute.values else ""})
    return rows
