"""Synthetic people and providers for the local demo. No real person is described here."""

import base64
import datetime as dt
import hashlib

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value, yield_hotp_counters_from_time
from allauth.mfa.utils import decrypt

from espportal import services
from espportal.models import Membership, Provider, Role, User

DEMO_PASSWORD = "demo-pass-2026"


def at_work(days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment in office hours, `days` from today (negative: in the past), in Toronto: a weekend day moves to
    the Friday before (past) or the Monday after (future), so demo history reads like a working week.
    Every demo module dates its rows with this, relative to the day the demo is seeded."""
    from django.utils import timezone

    day = timezone.localdate() + dt.timedelta(days=days)
    while day.weekday() >= 5:
        day += dt.timedelta(days=-1 if days < 0 else 1)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

PROVIDERS = [
    {"name": "Lakeshore Employment Services", "region": "toronto", "languages": ["en"],
     "populations": ["newcomers", "disability", "youth"], "sectors": ["54", "62", "44"]},
    {"name": "Services d'emploi du Nord", "region": "northern", "languages": ["en", "fr"],
     "populations": ["francophone", "indigenous", "mature"], "sectors": ["21", "23", "62"]},
    {"name": "Eastern Pathways to Work", "region": "eastern", "languages": ["en", "fr"],
     "populations": ["social_assistance", "racialized"], "sectors": ["31", "48", "72"]},
]

STAFF = [
    # email, first, last, provider index, role, expertise (sectors, populations, languages)
    ("counsellor.a@demo.espportal.ca", "Amira", "Haddad", 0, Role.COUNSELLOR, ["54"], ["newcomers"], ["en"]),
    ("counsellor.a2@demo.espportal.ca", "Ben", "Okafor", 0, Role.COUNSELLOR, ["62"], ["disability"], ["en"]),
    ("developer.a@demo.espportal.ca", "Chloe", "Nguyen", 0, Role.JOB_DEVELOPER, ["54", "44"], ["youth"], ["en"]),
    ("intake.a@demo.espportal.ca", "Dev", "Patel", 0, Role.INTAKE, [], [], ["en"]),
    ("manager.a@demo.espportal.ca", "Elena", "Rossi", 0, Role.MANAGER, [], [], ["en"]),
    ("counsellor.b@demo.espportal.ca", "Félix", "Gagnon", 1, Role.COUNSELLOR, ["21"], ["francophone"], ["en", "fr"]),
    ("developer.b@demo.espportal.ca", "Gabrielle", "Tremblay", 1, Role.JOB_DEVELOPER, ["23"], ["indigenous"],
     ["en", "fr"]),
    ("manager.b@demo.espportal.ca", "Henri", "Lavoie", 1, Role.MANAGER, [], [], ["en", "fr"]),
    ("counsellor.c@demo.espportal.ca", "Ines", "Mensah", 2, Role.COUNSELLOR, ["31"], ["social_assistance"],
     ["en", "fr"]),
    ("manager.c@demo.espportal.ca", "Jonah", "Walsh", 2, Role.MANAGER, [], [], ["en"]),
]

MINISTRY = [("analyst@demo.ministry.ca", "Kim", "Bouchard")]

# Job-seeker accounts; the clients app links each to its Client record.
SEEKERS = [
    ("seeker.a@demo.espportal.ca", "Lina", "Farah", "en"),
    ("seeker.b@demo.espportal.ca", "Marc", "Bélanger", "fr"),
]


def demo_totp_secret(email: str) -> str:
    """A stable TOTP secret per demo account, so the printed instructions stay true after a re-seed."""
    digest = hashlib.sha256(f"espportal-demo:{email}".encode()).digest()[:20]
    return base64.b32encode(digest).decode("ascii")


def current_code(user: User) -> str | None:
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return None
    secret = decrypt(authenticator.data["secret"])
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def _user(email, first, last, kind, language="en"):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = services.user_create(email=email, password=DEMO_PASSWORD, first_name=first, last_name=last,
                                    kind=kind, preferred_language=language)
    if kind in (User.Kind.STAFF, User.Kind.MINISTRY) and not Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists():
        TOTP.activate(user, demo_totp_secret(email))
    return user


def seed(stdout) -> dict:
    providers = []
    for spec in PROVIDERS:
        provider = Provider.objects.filter(name=spec["name"]).first() or services.provider_create(**spec)
        providers.append(provider)
    staff = {}
    for email, first, last, index, role, sectors, populations, languages in STAFF:
        language = "fr" if languages == ["en", "fr"] and index == 1 else "en"
        user = _user(email, first, last, User.Kind.STAFF, language)
        if not Membership.objects.filter(user=user).exists():
            services.membership_grant(user=user, provider=providers[index], role=role, expertise_sectors=sectors,
                                      expertise_populations=populations, expertise_languages=languages)
        staff[email] = user
    for email, first, last in MINISTRY:
        staff[email] = _user(email, first, last, User.Kind.MINISTRY)
    seekers = {email: _user(email, first, last, User.Kind.JOB_SEEKER, language)
               for email, first, last, language in SEEKERS}
    return {"providers": providers, "staff": staff, "seekers": seekers}


def print_logins(stdout, mfa_required: bool) -> None:
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})\n")
    for email, _first, _last, index, role, *_rest in STAFF:
        stdout.write(f"  {email:40} {role:14} {PROVIDERS[index]['name']}\n")
    for email, *_rest in MINISTRY:
        stdout.write(f"  {email:40} ministry analyst\n")
    for email, *_rest in SEEKERS:
        stdout.write(f"  {email:40} job seeker\n")
    if mfa_required:
        stdout.write(
            "\nTwo-step verification is on. Each staff and ministry demo account has an authenticator set up;\n"
            "get its current code with:   python manage.py demo_totp <email>\n"
            "or add the secret that command prints to any authenticator app.\n"
        )
    else:
        stdout.write("\nTwo-step verification is switched off for this demo (ESP_REQUIRE_MFA=false).\n")
