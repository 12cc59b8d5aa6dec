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


def describe_actors(pairs, *, person_code=None) -> dict:
    """Who did something, by role and never by name, for pages outside the provider (the ministry's complaint
    handling): {(actor code, provider code): label} for each pair given, in the reader's language.

    `person_code` (the user of the record the page is about) reads "The job seeker"; staff read "<role>, <provider>"
    from their membership at that provider (their first one when they have none there); ministry staff are named
    ("Ministry: <name>"), since handling a complaint needs to know which colleague acted; no actor reads "The
    portal"; an unknown code "A former user". Two queries whatever the number of pairs."""
    pairs = set(pairs)
    codes = {actor for actor, _provider in pairs if actor}
    users = {u.code: u for u in User.objects.filter(code__in=codes)}
    memberships: dict = {}
    for membership in (Membership.objects.filter(user__code__in=codes).select_related("user", "provider")
                       .order_by("active_from", "pk")):
        memberships.setdefault(membership.user.code, []).append(membership)
    labels = {}
    for actor, provider_code in pairs:
        user = users.get(actor)
        if actor is None:
            label = _("The portal")
        elif person_code is not None and actor == person_code:
            label = _("The job seeker")
        elif user is None:
            label = _("A former user")
        elif user.kind == User.Kind.MINISTRY:
            label = _("Ministry: %(name)s") % {"name": user.display_name}
        elif user.kind == User.Kind.JOB_SEEKER:
            label = _("Another job seeker")
        else:
            held = memberships.get(actor, [])
            here = [m for m in held if m.provider.code == provider_code] or held
            label = (_("%(role)s, %(provider)s") % {"role": here[0].get_role_display(),
                                                    "provider": here[0].provider.name}
                     if here else _("Staff member"))
        labels[(actor, provider_code)] = label
    return labels
