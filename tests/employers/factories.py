import datetime as dt
from decimal import Decimal

import factory

from clients.models import Client, ClientVisibility, Consent, Occupation, OccupationalGoal, Skill
from employers.models import Employer, JobLead
from tests.factories import ProviderFactory, UserFactory

TITLES = {"1": "Business, finance and administration occupations", "11": "Professional occupations in finance",
          "111": "Auditors, accountants and investment professionals", "1110": "Financial auditors and accountants",
          "11100": "Financial auditors and accountants", "11101": "Financial and investment analysts"}


def noc(code: str, title: str = "") -> Occupation:
    """The occupation and its ancestors, reusing rows the NOC data migration may already hold."""
    parent = None
    for length in range(1, len(code) + 1):
        part = code[:length]
        parent, _ = Occupation.objects.get_or_create(
            code=part,
            defaults={"level": length, "parent": parent, "teer": Occupation.teer_of(part) if length > 1 else None,
                      "title": title if part == code and title else TITLES.get(part, f"NOC {part}")},
        )
    return parent


def skill(code: str) -> Skill:
    return Skill.objects.get_or_create(code=code, defaults={"name": code.replace("-", " ").title()})[0]


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Employer {n}")
    postal_code = "M5V 2T6"
    sector = "54"
    size_band = "small"


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobLead
        skip_postgeneration_save = True

    employer = factory.SubFactory(EmployerFactory)
    provider = factory.SubFactory(ProviderFactory)
    title = "Accountant"
    occupation = factory.LazyFunction(lambda: noc("11100"))
    noc_code = factory.LazyAttribute(lambda o: o.occupation.code)
    teer = factory.LazyAttribute(lambda o: Occupation.teer_of(o.occupation.code))
    postal_code = "M5V 2T6"
    latitude = Decimal("43.64000")
    longitude = Decimal("-79.39000")
    pay_min = Decimal("25.00")
    pay_max = Decimal("30.00")
    hours_per_week = 37
    permanence = "permanent"
    closing_date = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=30))

    @factory.post_generation
    def required(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.required_skills.set(extracted)


def client_at(provider, *, user=None, consent=True, goals=("11100",), skills=(), **fields) -> Client:
    defaults = {"first_name": "Jo", "last_name": "Seeker", "date_of_birth": dt.date(1990, 1, 1),
                "postal_code": "M5V 3L9", "latitude": Decimal("43.64000"), "longitude": Decimal("-79.39000"),
                "education_level": "bachelor", "min_hourly_wage": Decimal("20.00"), "max_commute_km": 25}
    defaults.update(fields)
    client = Client.objects.create(current_provider=provider, user=user, **defaults)
    ClientVisibility.objects.create(provider=provider, client=client, via=ClientVisibility.Via.CURRENT)
    for code in goals:
        OccupationalGoal.objects.create(client=client, occupation=noc(code))
    if skills:
        client.skills.set([skill(code) for code in skills])
    if consent:
        Consent.objects.create(client=client, scope=Consent.Scope.SHARE_EMPLOYERS, granted_by=UserFactory())
    return client
