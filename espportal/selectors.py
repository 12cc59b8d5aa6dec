from espportal.models import Membership, Notification, Provider, User


def notifications_for(user: User):
    return Notification.objects.filter(recipient=user, channel=Notification.Channel.IN_APP, sent_at__isnull=False)


def staff_of(provider: Provider, *, roles=None):
    memberships = Membership.objects.active().filter(provider=provider).select_related("user")
    if roles:
        memberships = memberships.filter(role__in=roles)
    return memberships.order_by("user__last_name", "user__first_name")
