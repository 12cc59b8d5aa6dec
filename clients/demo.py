"""Synthetic job seekers for the demo: every segment, both languages, a range of needs. No real person."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from clients import services
from clients.models import Client, Consent, Occupation, ServiceCatalogueEntry, Skill
from espportal.demo import at_work

# first, last, provider index, born, language, postal code, education, accommodations, goals (short, long),
# skills, self-identification, barriers (name -> rating), readiness, re-assessed barriers or None, plan goals,
# share with provider index or None
PEOPLE = [
    ("Lina", "Farah", 0, "1992-04-18", "en", "M6H 2N9", "bachelor", ["flexible_hours"], ["12200"], ["11100"],
     ["bookkeeping", "spreadsheets"], ["newcomer", "racialized"], {"credentials": 2, "childcare": 1}, "needs_tools",
     None, ["Work in accounting again", "A job that fits school hours"], None),
    ("Marc", "Bélanger", 1, "1968-09-02", "fr", "P3A 1W2", "secondary", [], ["73300"], [], ["driving-class-a",
     "forklift"], ["francophone", "mature"], {"time_out_of_work": 2, "digital": 2, "health": 1}, "needs_tools",
     {"time_out_of_work": 1, "digital": 1}, ["Un emploi stable près de chez moi"], None),
    ("Priya", "Raman", 0, "1997-01-23", "en", "M5V 3L9", "bachelor", [], ["21232"], ["21231"],
     ["python", "javascript", "sql"], ["newcomer"], {}, "ready", None, ["A developer job in a team that mentors"],
     None),
    ("Daniel", "Okafor", 0, "1989-06-11", "en", "M4C 1B5", "college", ["screen_reader", "assistive_devices"],
     ["64409"], ["13110"], ["customer-service", "communication"], ["disability", "racialized"],
     {"transport": 2, "health": 2, "digital": 1}, "needs_tools", None, ["A decent job for the next five years"],
     2),
    ("Sarah", "Whitefeather", 1, "2003-03-14", "en", "P3E 4N1", "secondary", [], ["42202"], [],
     ["childcare", "first-aid"], ["indigenous", "youth"], {"childcare": 3, "transport": 2, "housing": 2},
     "exploring", {"childcare": 2, "transport": 1, "housing": 1}, ["Work with kids", "Finish my ECE diploma"], None),
    ("Jean-François", "Lavoie", 1, "1975-11-30", "fr", "P3C 5K3", "apprenticeship", [], ["72310"], [],
     ["carpentry", "power-tools", "blueprint-reading"], ["francophone"], {"health": 2}, "ready", None,
     ["Retourner sur les chantiers"], None),
    ("Amina", "Yusuf", 2, "1990-08-05", "en", "K1N 5T5", "graduate", ["quiet_workspace"], ["31301"], [],
     ["patient-care", "communication"], ["newcomer", "racialized"], {"credentials": 3, "language": 1},
     "needs_tools", None, ["Be a nurse in Canada"], None),
    ("Tyler", "MacDonald", 2, "2005-12-01", "en", "K7L 3N6", "none", [], ["65100"], ["62010"],
     ["cash-handling", "customer-service"], ["youth", "social_assistance"],
     {"housing": 3, "literacy": 2, "record": 2, "transport": 2, "time_out_of_work": 1}, "not_ready",
     None, ["Get my own place and a steady job"], None),
    ("Chantal", "Roy", 2, "1963-05-19", "fr", "K1L 6B8", "college", ["step_free"], ["13110"], [],
     ["word-processing", "reception", "bilingual-en-fr"], ["francophone", "mature", "disability"],
     {"health": 2, "digital": 2, "time_out_of_work": 2}, "needs_tools", None, ["Travailler à temps partiel"], None),
    ("Mohammed", "Al-Sayed", 0, "1984-02-27", "en", "M9V 4B4", "bachelor", [], ["72200"], [],
     ["electrical", "workplace-safety"], ["newcomer"], {"credentials": 3, "language": 2, "transport": 1},
     "needs_tools", None, ["Get my electrician licence recognised"], None),
    ("Grace", "Chen", 0, "1999-10-09", "en", "M2N 6K1", "bachelor", [], ["21234"], [], ["web-development",
     "javascript"], [], {}, "ready", None, ["Front-end developer role"], None),
    ("Kevin", "Thompson", 0, "1979-07-07", "en", "M1P 4P5", "secondary", ["flexible_hours"], ["75101"], [],
     ["forklift", "warehouse"], ["social_assistance"], {"record": 3, "housing": 2, "transport": 2}, "needs_tools",
     None, ["Any steady full-time work"], None),
    ("Élise", "Gagnon", 1, "1994-04-04", "fr", "P3B 2L7", "college", [], ["33102"], ["32101"],
     ["personal-support", "first-aid"], ["francophone"], {"childcare": 2, "transport": 1}, "ready",
     None, ["Devenir infirmière auxiliaire"], None),
    ("Robert", "Cardinal", 1, "1960-01-15", "en", "P3Y 1K4", "secondary", ["assistive_devices"], ["73400"], [],
     ["driving-g"], ["indigenous", "mature"], {"health": 3, "digital": 3, "time_out_of_work": 2}, "exploring",
     None, ["Something easier on my back"], None),
    ("Fatima", "Haidari", 2, "1986-09-21", "en", "K2P 1L4", "bachelor", ["flexible_hours"], ["14101"],
     ["12100"], ["reception", "scheduling"], ["newcomer", "racialized"], {"language": 2, "childcare": 2,
     "credentials": 1}, "needs_tools", None, ["An office job while my children are in school"], None),
    ("Lucas", "Martin", 2, "2001-06-30", "fr", "K1H 8M5", "secondary", [], ["63200"], [], ["cooking",
     "food-safety"], ["francophone", "youth"], {"transport": 1}, "ready", None, ["Cuisinier dans un bon restaurant"],
     None),
    ("Aisha", "Bello", 0, "1995-02-14", "en", "M3J 1P3", "college", ["sign_language"], ["42201"], [],
     ["communication", "teamwork"], ["disability", "racialized"], {"transport": 1, "digital": 1}, "needs_tools",
     None, ["Help people the way I was helped"], None),
    ("Noah", "Wilson", 0, "1972-12-12", "en", "M6P 3T1", "bachelor", [], ["11100"], [], ["bookkeeping",
     "accounting-software", "supervision"], ["mature"], {"time_out_of_work": 2}, "ready", None,
     ["Return to accounting after caring for my father"], None),
    ("Isabelle", "Tremblay", 1, "1991-08-18", "fr", "P3E 2C6", "bachelor", ["quiet_workspace"], ["12200"], [],
     ["bookkeeping", "bilingual-en-fr"], ["francophone", "disability"], {"health": 2, "housing": 1}, "ready", None,
     ["Un poste en comptabilité, à distance si possible"], None),
    ("Hassan", "Karimi", 2, "1983-03-03", "en", "K1R 5A9", "graduate", [], ["21231"], [], ["python", "sql",
     "project-management"], ["newcomer"], {"credentials": 2, "language": 1}, "needs_tools", None,
     ["Software engineering, like back home"], 0),
    ("Olivia", "Brown", 0, "2004-05-25", "en", "M4L 1H1", "secondary", ["other"], ["64100"], [], ["sales",
     "customer-service"], ["youth"], {"childcare": 3, "housing": 3, "transport": 2, "digital": 1},
     "not_ready", {"childcare": 3, "housing": 3, "transport": 1}, ["Stable housing, then a retail job"], None),
    ("Pierre", "Desjardins", 1, "1966-10-10", "fr", "P3A 4R5", "apprenticeship", [], ["72300"], [],
     ["blueprint-reading", "power-tools"], ["francophone", "mature"], {}, "ready", None,
     ["Plombier à mon compte"], None),
    ("Zainab", "Mohamed", 2, "1998-07-19", "en", "K1G 3N4", "college", ["flexible_hours"], ["65201"], ["63200"],
     ["food-safety", "cleaning"], ["racialized", "social_assistance"],
     {"childcare": 2, "transport": 2, "literacy": 1, "time_out_of_work": 1}, "needs_tools", None,
     ["Kitchen work with daytime hours"], None),
    ("Ethan", "Campbell", 0, "1987-11-03", "en", "M8V 1A1", "college", [], ["72310"], [], ["carpentry"],
     [], {"record": 3, "health": 3, "housing": 2}, "not_ready", None, ["Stay sober and get back on a crew"], None),
]

# Plan items for each person, in order: (catalogue code, status, days until due, at another provider)
ITEMS = [
    [("resume-workshop", "completed", -20, False), ("mock-interview", "in_progress", 7, False),
     ("credential-recognition-support", "planned", 30, False)],
    [("digital-skills-basics", "in_progress", 14, False), ("resume-review", "planned", 21, False)],
    [("ats-keywords-clinic", "completed", -5, False), ("information-interviews", "planned", 14, False)],
    [("coaching-one-to-one", "in_progress", 3, False), ("resume-workshop", "completed", -30, False),
     ("mentorship", "proposed", 45, True)],
    [("career-exploration-workshop", "planned", 10, False), ("volunteer-placement", "proposed", 40, False),
     ("first-aid-cpr", "cancelled", 5, False)],
    [("whmis", "completed", -10, False), ("apprenticeship-registration", "planned", 15, False)],
    [("credential-recognition-support", "in_progress", 30, False), ("workplace-language", "planned", 60, False)],
    [("coaching-one-to-one", "in_progress", 2, False), ("money-management", "planned", 9, False),
     ("smart-serve", "proposed", 30, False)],
    [("digital-skills-basics", "completed", -15, False), ("cover-letter-workshop", "planned", 12, False)],
    [("credential-recognition-support", "planned", 20, False), ("apprenticeship-registration", "proposed", 40,
     True)],
    [("linkedin-workshop", "completed", -3, False), ("mock-interview", "planned", 6, False)],
    [("coaching-one-to-one", "in_progress", 4, False), ("forklift-certification", "planned", 25, False)],
    [("resume-workshop", "completed", -12, False), ("paid-work-placement", "proposed", 60, False)],
    [("career-exploration-workshop", "in_progress", 8, False), ("digital-skills-basics", "planned", 30, False)],
    [("resume-workshop", "planned", 11, False), ("interview-skills-workshop", "proposed", 25, False)],
    [("food-handler", "completed", -25, False), ("mock-interview", "planned", 5, False)],
    [("resume-review", "completed", -8, False), ("information-interviews", "in_progress", 20, False)],
    [("linkedin-workshop", "planned", 7, False), ("ats-keywords-clinic", "planned", 14, False)],
    [("resume-workshop", "completed", -40, False), ("interview-skills-workshop", "cancelled", -2, False)],
    [("mentorship", "in_progress", 60, False), ("resume-workshop", "completed", -18, True)],
    [("coaching-one-to-one", "in_progress", 1, False), ("volunteer-placement", "proposed", 50, False)],
    [("self-employment-program", "planned", 30, False)],
    [("food-handler", "planned", 10, False), ("job-search-strategies", "proposed", 20, False)],
    [("coaching-one-to-one", "planned", 3, False)],
]

COUNSELLORS = ["counsellor.a@demo.espportal.ca", "counsellor.b@demo.espportal.ca", "counsellor.c@demo.espportal.ca"]
SEEKER_LINKS = {("Lina", "Farah"): "seeker.a@demo.espportal.ca", ("Marc", "Bélanger"): "seeker.b@demo.espportal.ca"}
BARRIER_KEYS = ["transport", "childcare", "housing", "health", "language", "literacy", "digital", "credentials",
                "record", "time_out_of_work"]


def _answers(barriers, readiness):
    return {"barriers": {key: barriers.get(key, 0) for key in BARRIER_KEYS}, "job_readiness": readiness,
            "interests": ["social"] if readiness == "exploring" else [], "career_exploration_notes": "",
            "skills_self_rating": {"communication": 3, "computer_use": 2}}


def _email(first, last):
    slug = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
    for accented, plain in (("é", "e"), ("è", "e"), ("ç", "c"), ("-", "")):
        slug = slug.replace(accented, plain)
    return f"{slug}@example.org"


# Approximate centres of the forward sortation areas the demo uses, so matching can measure commutes.
FSA_CENTRES = {
    "K1G": ("45.40000", "-75.62000"), "K1H": ("45.39000", "-75.67000"), "K1L": ("45.44000", "-75.66000"),
    "K1N": ("45.43000", "-75.69000"), "K1R": ("45.41000", "-75.71000"), "K2P": ("45.41600", "-75.69500"),
    "K7L": ("44.23000", "-76.48000"), "M1P": ("43.77000", "-79.27200"), "M2N": ("43.76870", "-79.41270"),
    "M3J": ("43.76700", "-79.48700"), "M4C": ("43.69500", "-79.31800"), "M4L": ("43.66800", "-79.31500"),
    "M5V": ("43.64490", "-79.39530"), "M6H": ("43.66900", "-79.44200"), "M6P": ("43.66200", "-79.46400"),
    "M8V": ("43.60500", "-79.50100"), "M9V": ("43.74000", "-79.58500"), "P3A": ("46.50400", "-80.99500"),
    "P3B": ("46.51000", "-80.96000"), "P3C": ("46.49000", "-81.01000"), "P3E": ("46.49000", "-80.99000"),
    "P3Y": ("46.61000", "-81.02000"),
}


def seed(stdout, context: dict) -> dict:
    providers, staff, seekers = context["providers"], context["staff"], context.get("seekers", {})
    made = []
    for index, person in enumerate(PEOPLE):
        (first, last, where, born, language, postal, education, accommodations, short_goals, long_goals, skills,
         self_id, barriers, readiness, reassessed, plan_goals, share_with) = person
        email = _email(first, last)
        client = Client.objects.filter(email=email).first()
        if client is not None:
            made.append(client)
            continue
        counsellor = staff[COUNSELLORS[where]]
        provider = providers[where]
        client = services.client_register(
            provider=provider, registered_by=counsellor, confirmed_not_duplicate=True,
            skills=Skill.objects.filter(code__in=skills), first_name=first, last_name=last,
            date_of_birth=dt.date.fromisoformat(born), email=email, phone=f"705-555-{index + 100:04d}",
            preferred_language=language, postal_code=postal, education_level=education,
            latitude=Decimal(FSA_CENTRES[postal[:3]][0]), longitude=Decimal(FSA_CENTRES[postal[:3]][1]),
            foreign_credentials="newcomer" in self_id,
            credential_recognition="in_progress" if "newcomer" in self_id else "n/a",
            accommodations=accommodations,
            accommodation_notes="Needs written instructions for new tasks." if "other" in accommodations else "",
            self_identification=self_id, self_identification_declined=not self_id,
            wants_part_time=index % 4 == 0, accepts_seasonal=index % 3 == 0, remote_ok=index % 5 == 0,
            min_hourly_wage=Decimal("17.20") + index % 6, max_commute_km=10 + (index % 5) * 10,
        )
        # History relative to today, in office hours: registered 6 to 35 weeks ago, first met days later.
        # Those still waiting for a first meeting registered recently (a long wait would be a demo artefact).
        waiting = index % 6 == 5
        registered_days = -(3 + index % 4) if waiting else -(40 + index * 9)
        registered = at_work(registered_days, hour=9 + index % 7, minute=(index * 13) % 60)
        Client.objects.filter(pk=client.pk).update(registered_at=registered)
        client.refresh_from_db()
        if not waiting:
            services.client_first_meeting_record(
                client=client, at=at_work(registered_days + 2 + index % 9, hour=10 + index % 6), recorded_by=counsellor)
        for code, horizon in [(c, "short") for c in short_goals] + [(c, "long") for c in long_goals]:
            client.goals.get_or_create(occupation=Occupation.objects.get(code=code), horizon=horizon)
        for scope in (["share_employers"] if index % 7 else []) + (["contact_email", "statistics"]
                                                                   if index % 2 else ["contact_phone"]):
            services.consent_grant(client=client, scope=scope, granted_by=counsellor)
        if share_with is not None:
            services.consent_grant(client=client, scope=Consent.Scope.SHARE_PROVIDER,
                                   provider=providers[share_with], granted_by=counsellor)
        first_assessment = services.assessment_record(client=client, answers=_answers(barriers, readiness),
                                                      assessed_by=counsellor, provider=provider)
        if reassessed is not None:
            type(first_assessment).objects.filter(pk=first_assessment.pk).update(
                assessed_at=registered + dt.timedelta(days=3))
            services.assessment_record(client=client, answers=_answers(reassessed, "needs_tools"),
                                       assessed_by=counsellor, provider=provider)
        if index == 13:
            latest = client.assessments.order_by("-assessed_at").first()
            services.assessment_override(assessment=latest, segment=3, overridden_by=counsellor,
                                         reason="Chronic pain limits most of the work he knows; needs a career change "
                                                "plan with a counsellor.")
        plan = services.plan_open(client=client, opened_by=counsellor, provider=provider, goals=plan_goals)
        for code, status, days, elsewhere in ITEMS[index]:
            item = services.plan_item_add(
                plan=plan, added_by=counsellor, provider=providers[(where + 1) % 3] if elsewhere else provider,
                service=ServiceCatalogueEntry.objects.get(code=code),
                due_on=timezone.localdate() + dt.timedelta(days=days),
                status="proposed" if status == "proposed" else "planned")
            if status == "completed":
                services.plan_item_complete(item=item, completed_by=counsellor, outcome="Attended all sessions.")
            elif status in ("in_progress", "cancelled"):
                services.plan_item_update(item=item, changed_by=counsellor, status=status,
                                          outcome="Schedule clash; rebooked." if status == "cancelled" else None)
        seeker_email = SEEKER_LINKS.get((first, last))
        if seeker_email and seeker_email in seekers:
            services.client_link_user(client=client, user=seekers[seeker_email], linked_by=counsellor)
        made.append(client)
    stdout.write(f"Clients: {len(made)} job seekers across {len(providers)} providers.\n")
    return {"clients": made}
