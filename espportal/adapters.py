from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Staff accounts come from their provider's manager or the admin; job seekers are invited by staff.
        return False


class MFAAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator):
        # Where MFA is required, staff and ministry keep their TOTP; a lost phone goes through recovery codes
        # or an administrator.
        from espportal.models import User

        if settings.ESP_REQUIRE_MFA and authenticator.user.kind in (User.Kind.STAFF, User.Kind.MINISTRY):
            return authenticator.type != authenticator.Type.TOTP
        return super().can_delete_authenticator(authenticator)
