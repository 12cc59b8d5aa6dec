import base64
import hashlib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings

# Marks a secret encrypted by MFAAdapter.encrypt; a value without it was stored in the clear before.
ENCRYPTED_PREFIX = "fernet:"


def _fernet() -> MultiFernet:
    """Keys derived from SECRET_KEY (then SECRET_KEY_FALLBACKS, so a rotated key still reads older rows)."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"esp-mfa:{key}".encode()).digest()))
                        for key in keys])


def encrypt_secret(text: str) -> str:
    """An authenticator's secret (TOTP key, recovery-code seed) as stored: Fernet-encrypted, prefixed."""
    return ENCRYPTED_PREFIX + _fernet().encrypt(text.encode()).decode()


def decrypt_secret(stored: str) -> str:
    """The secret back from its stored form; a value stored in the clear (before encryption) as it is.
    cryptography.fernet.InvalidToken when no current or fallback key opens it."""
    if not stored.startswith(ENCRYPTED_PREFIX):
        return stored
    return _fernet().decrypt(stored[len(ENCRYPTED_PREFIX):].encode()).decode()


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Staff accounts come from their provider's manager or the admin; job seekers are invited by staff.
        return False


class MFAAdapter(DefaultMFAAdapter):
    # TOTP keys and recovery-code seeds are secrets at rest: allauth stores them through these hooks.
    def encrypt(self, text: str) -> str:
        return encrypt_secret(text)

    def decrypt(self, encrypted_text: str) -> str:
        return decrypt_secret(encrypted_text)

    def can_delete_authenticator(self, authenticator):
        # Where MFA is required, staff and ministry keep their TOTP; a lost phone goes through recovery codes
        # or an administrator.
        from espportal.models import User

        if settings.ESP_REQUIRE_MFA and authenticator.user.kind in (User.Kind.STAFF, User.Kind.MINISTRY):
            return authenticator.type != authenticator.Type.TOTP
        return super().can_delete_authenticator(authenticator)
