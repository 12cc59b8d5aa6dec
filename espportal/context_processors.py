from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from espportal.access import actor_for


def _unread(request):
    if not request.user.is_authenticated:
        return 0
    return request.user.notifications.filter(channel="in_app", read_at__isnull=True, sent_at__isnull=False).count()


def portal(request):
    return {
        "actor": SimpleLazyObject(lambda: actor_for(request)),
        "unread_notifications": SimpleLazyObject(lambda: _unread(request)),
        "mfa_required": settings.ESP_REQUIRE_MFA,
        # The brand follows the language ("Portail FSE"); a deployment that renames the site keeps its own name.
        "site_name": _("ESP Portal") if settings.ESP_SITE_NAME == "ESP Portal" else settings.ESP_SITE_NAME,
    }
