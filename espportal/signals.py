from allauth.mfa.signals import authentication_failed as mfa_authentication_failed
from allauth.mfa.signals import authenticator_removed
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.utils import translation

from espportal import audit
from espportal.middleware import RequireMFAMiddleware


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    audit.record(action="auth.login", actor=user, request=request)
    # The rest of the sign-in request (allauth's welcome message) speaks the person's language already.
    if user.preferred_language:
        translation.activate(user.preferred_language)


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record(action="auth.logout", actor=user, request=request)


@receiver(user_login_failed)
def audit_login_failed(sender, credentials, request=None, **kwargs):
    attempted = (credentials or {}).get("email") or (credentials or {}).get("username") or ""
    audit.record(action="auth.login_failed", request=request, detail={"email": str(attempted)[:254]})


@receiver(authenticator_removed)
def forget_mfa_check(sender, request, user, authenticator, **kwargs):
    if request is not None:
        request.session.pop(RequireMFAMiddleware.SESSION_KEY, None)


@receiver(mfa_authentication_failed)
def audit_mfa_failed(sender, request, user, authenticator, **kwargs):
    audit.record(action="auth.mfa_failed", actor=user, request=request)
