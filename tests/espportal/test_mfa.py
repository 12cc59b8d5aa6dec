"""Signing in: TOTP for staff and ministry, the idle timeout, and password reset."""

import datetime as dt

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from espportal.demo import current_code
from espportal.models import AuditEvent, Role, User
from tests.factories import MembershipFactory, UserFactory

PASSWORD = "correct horse battery"  # tests/factories.py
MFA_OFF_NOTICE = "Local demo: two-step verification is switched off"

pytestmark = pytest.mark.usefixtures("fresh_cache")


@pytest.fixture
def counsellor_without_totp(provider_a):
    user = UserFactory(email="new.counsellor@example.test")
    MembershipFactory(user=user, provider=provider_a, role=Role.COUNSELLOR)
    return user


def sign_in(web, user):
    return web.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})


def signed_in_as(web):
    return web.session.get("_auth_user_id")


# --- staff must set up TOTP ------------------------------------------------------------------------------------


def test_it_sends_staff_without_totp_to_set_it_up(web, counsellor_without_totp):
    sign_in(web, counsellor_without_totp)
    assert signed_in_as(web) == str(counsellor_without_totp.pk)

    for page in (reverse("home"), reverse("caseload:home"), reverse("espportal:notifications")):
        response = web.get(page)
        assert response.status_code == 302, page
        assert response["Location"] == reverse("mfa_activate_totp"), page

    # allauth asks for the password again before showing the QR code; the reason shows on that page.
    setup = web.get(reverse("mfa_activate_totp"), follow=True)
    assert setup.status_code == 200
    assert setup.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert "Set up two-step verification before you continue." in setup.content.decode()


def test_it_refuses_the_api_to_staff_without_totp(web, counsellor_without_totp):
    sign_in(web, counsellor_without_totp)
    response = web.get(reverse("api:me-list"))
    assert response.status_code == 403
    assert response.json() == {"detail": "Set up two-step verification first."}


def test_it_lets_job_seekers_in_without_totp(web, seeker_a):
    sign_in(web, seeker_a)
    assert web.get(reverse("clients:me")).status_code == 200


def test_it_lets_staff_through_when_the_demo_switches_mfa_off(web, settings, counsellor_without_totp):
    settings.ESP_REQUIRE_MFA = False
    login_page = web.get(reverse("account_login"))
    assert MFA_OFF_NOTICE in login_page.content.decode()

    sign_in(web, counsellor_without_totp)
    assert web.get(reverse("caseload:home")).status_code == 200
    assert web.get(reverse("api:me-list")).status_code == 200


def test_it_shows_no_demo_notice_when_mfa_is_required(web):
    response = web.get(reverse("account_login"))
    assert response.status_code == 200  # absent from a page that rendered, not from an error
    assert MFA_OFF_NOTICE not in response.content.decode()


# --- signing in with a code ----------------------------------------------------------------------------------


def test_it_asks_for_the_code_before_signing_staff_in(web, counsellor_a):
    response = sign_in(web, counsellor_a)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert signed_in_as(web) is None
    assert not AuditEvent.objects.filter(action="auth.login").exists()


def test_it_keeps_a_wrong_code_out(web, counsellor_a):
    sign_in(web, counsellor_a)
    right = current_code(counsellor_a)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = web.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert "Incorrect code." in response.content.decode()
    assert signed_in_as(web) is None
    assert web.get(reverse("caseload:home"))["Location"].startswith(reverse("account_login"))
    assert AuditEvent.objects.get(action="auth.mfa_failed").actor_code == counsellor_a.code


def test_it_signs_staff_in_with_the_right_code(web, counsellor_a):
    sign_in(web, counsellor_a)

    response = web.post(reverse("mfa_authenticate"), {"code": current_code(counsellor_a)}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("caseload:home")
    assert response.status_code == 200
    assert "My caseload" in response.content.decode()
    assert signed_in_as(web) == str(counsellor_a.pk)
    assert AuditEvent.objects.get(action="auth.login").actor_code == counsellor_a.code


def test_it_refuses_a_code_used_twice(web, counsellor_a):
    sign_in(web, counsellor_a)
    code = current_code(counsellor_a)
    web.post(reverse("mfa_authenticate"), {"code": code})
    web.post(reverse("account_logout"))

    sign_in(web, counsellor_a)
    response = web.post(reverse("mfa_authenticate"), {"code": code})

    assert "Incorrect code." in response.content.decode()
    assert signed_in_as(web) is None


def test_it_does_not_let_staff_remove_their_totp(web, counsellor_a):
    sign_in(web, counsellor_a)
    web.post(reverse("mfa_authenticate"), {"code": current_code(counsellor_a)})
    web.post(reverse("mfa_deactivate_totp"))
    assert Authenticator.objects.filter(user=counsellor_a, type=Authenticator.Type.TOTP).exists()


# --- idle timeout --------------------------------------------------------------------------------------------


def test_it_expires_an_idle_staff_session(web, settings, counsellor_a):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        web.force_login(counsellor_a)
        assert web.get(reverse("caseload:home")).status_code == 200
        assert web.session.get_expiry_age() == settings.ESP_STAFF_IDLE_SECONDS

        clock.shift(dt.timedelta(seconds=settings.ESP_STAFF_IDLE_SECONDS - 60))
        assert web.get(reverse("caseload:home")).status_code == 200  # activity slides the window

        clock.shift(dt.timedelta(seconds=settings.ESP_STAFF_IDLE_SECONDS + 1))
        response = web.get(reverse("caseload:home"), follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("account_login"))
    assert "Your session expired. Please sign in again." in response.content.decode()
    assert signed_in_as(web) is None


def test_it_says_nothing_about_expiry_after_a_sign_out(web, counsellor_a):
    web.force_login(counsellor_a)
    web.get(reverse("caseload:home"))
    response = web.post(reverse("account_logout"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("account_login")
    assert "Your session expired" not in response.content.decode()


def test_it_keeps_job_seeker_sessions_on_the_ordinary_cookie_age(web, settings, seeker_a):
    web.force_login(seeker_a)
    web.get(reverse("clients:me"))
    assert web.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


# --- password reset ------------------------------------------------------------------------------------------


def test_it_mails_a_password_reset_link(web, seeker_a):
    response = web.post(reverse("account_reset_password"), {"email": seeker_a.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [seeker_a.email]
    assert "/accounts/password/reset/key/" in message.body


def test_it_mails_nobody_when_the_address_is_unknown(db, web):
    response = web.post(reverse("account_reset_password"), {"email": "nobody@example.test"})
    assert response.status_code == 302  # the same answer as for a known address: no hint either way
    assert not [m for m in mail.outbox if "/accounts/password/reset/key/" in m.body]
    assert not User.objects.filter(email="nobody@example.test").exists()


def test_the_welcome_after_sign_in_speaks_the_persons_language(web, seeker_b):
    response = web.post(reverse("account_login"), {"login": seeker_b.email, "password": "correct horse battery"},
                        follow=True)
    assert response.redirect_chain[-1][0] == reverse("clients:me")
    shown = [str(message) for message in response.context["messages"]]
    assert shown == [f"Connexion avec {seeker_b.display_name} réussie."]


def test_repeated_wrong_passwords_are_rate_limited_even_with_the_right_one_after(web, counsellor_a):
    login_url = reverse("account_login")
    for _ in range(5):
        response = web.post(login_url, {"login": counsellor_a.email, "password": "wrong password"})
        assert response.status_code == 200
    response = web.post(login_url, {"login": counsellor_a.email, "password": "correct horse battery"})
    assert "_auth_user_id" not in web.session
    assert response.status_code in (200, 429)
    assert "Too many failed login attempts" in response.content.decode()


def test_it_writes_a_staff_session_at_most_once_a_minute_and_still_slides_the_idle_window(web, settings,
                                                                                       counsellor_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert web.get(reverse("caseload:home")).status_code == 200
        return sum(1 for q in captured if "django_session" in q["sql"] and q["sql"].lstrip().upper().startswith(
            ("UPDATE", "INSERT")))

    with time_machine.travel(timezone.now(), tick=False) as clock:
        web.force_login(counsellor_a)
        web.get(reverse("caseload:home"))
        clock.shift(dt.timedelta(seconds=20))
        assert session_writes() == 0
        clock.shift(dt.timedelta(seconds=50))
        assert session_writes() == 1  # a minute after the last write: the expiry slides
        clock.shift(dt.timedelta(seconds=settings.ESP_STAFF_IDLE_SECONDS - 30))
        assert web.get(reverse("caseload:home")).status_code == 200  # still inside the window the write opened
        clock.shift(dt.timedelta(seconds=settings.ESP_STAFF_IDLE_SECONDS + 1))
        assert web.get(reverse("caseload:home")).status_code == 302


def test_authenticator_secrets_are_not_stored_in_the_clear_and_still_work(db):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    from espportal.adapters import decrypt_secret

    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    user = UserFactory(email="secret.keeper@example.test")
    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    for authenticator in Authenticator.objects.filter(user=user):
        stored = str(authenticator.data)
        assert secret not in stored and stored.count("fernet:") == 1
    totp = Authenticator.objects.get(user=user, type="totp")
    code = format_hotp_value(hotp_value(secret, next(iter(yield_hotp_counters_from_time()))))
    assert TOTP(totp).validate_code(code)  # allauth decrypts through the adapter
    assert decrypt_secret(secret) == secret  # a row stored in the clear before still reads
