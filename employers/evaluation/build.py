"""Put the evaluation set's profiles and leads in the database, for the length of one evaluation.

Only `employers.evaluation.metrics.evaluate` calls this, inside a transaction it always rolls back: nothing built
here outlives the measurement. Rows are written directly (not through services) because they are scaffolding for
a measurement, never records about real people or employers, and services would audit and notify.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from clients.models import Client, Consent, Occupation, OccupationalGoal, Skill
from employers.models import Employer, JobLead
from espportal.models import Provider, User
from espportal.vocab import Region

TAG = "Matching evaluation"


def build(data: dict) -> tuple[dict, dict]:
    """Create the rows; returns ({profile id: Client}, {lead id: JobLead})."""
    provider = Provider.objects.create(name=f"{TAG} provider", region=Region.TORONTO, languages=["en"])
    granted_by = User.objects.create_user(email="matching-evaluation@example.invalid")
    skills = {s.code: s for s in Skill.objects.all()}
    occupations = {o.code: o for o in Occupation.objects.filter(level=Occupation.Level.UNIT)}
    now = timezone.now()
    clients = {}
    for p in data["profiles"]:
        client = Client.objects.create(
            first_name=p["id"], last_name=TAG, date_of_birth=dt.date(1980, 1, 1), postal_code="M5V 2T6",
            latitude=Decimal(p["latitude"]), longitude=Decimal(p["longitude"]), current_provider=provider,
            education_level=p["education_level"], foreign_credentials=p["foreign_credentials"],
            accommodations=p["accommodations"], min_hourly_wage=Decimal(p["min_hourly_wage"]),
            max_commute_km=p["max_commute_km"], open_to_interim_work=p["open_to_interim_work"],
            accepted_occupations=p["accepted_occupations"],
        )
        client.skills.set([skills[code] for code in p["skills"]])
        for code in p["goals"]:
            OccupationalGoal.objects.create(client=client, occupation=occupations[code])
        Consent.objects.create(client=client, scope=Consent.Scope.SHARE_EMPLOYERS, granted_by=granted_by)
        clients[p["id"]] = client
    leads = {}
    for row in data["leads"]:
        employer = Employer.objects.create(name=f"{TAG} employer {row['id']}", postal_code="M5V 2T6", sector="54",
                                           size_band="small")
        lead = JobLead.objects.create(
            employer=employer, provider=provider, title=f"{row['id']} {occupations[row['noc']].title}"[:200],
            occupation=occupations[row["noc"]], noc_code=row["noc"], teer=int(row["noc"][1]),
            postal_code="M5V 2T6", latitude=Decimal(row["latitude"]), longitude=Decimal(row["longitude"]),
            pay_min=Decimal(row["pay_min"]), pay_max=Decimal(row["pay_max"]), hours_per_week=37,
            permanence="permanent", accommodations_offered=row["accommodations_offered"],
            accommodations_known=True, created_at=now - dt.timedelta(days=row["days_old"]),
        )
        lead.required_skills.set([skills[code] for code in row["required_skills"]])
        leads[row["id"]] = lead
    return clients, leads

