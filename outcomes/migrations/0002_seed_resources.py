"""A few synthetic entries for the resource directory, so referrals work on a fresh install."""

from django.db import migrations

RESOURCES = [
    ("community-mediation-centre", "mediation", "Community Mediation Centre (synthetic)",
     "Free workplace mediation between an employee and their supervisor.", "toronto", ["en", "fr"]),
    ("workplace-wellbeing-counselling", "counselling", "Workplace Wellbeing Counselling (synthetic)",
     "Short-term counselling for stress, conflict and adjustment at work.", "", ["en"]),
    ("northern-legal-clinic", "legal_clinic", "Northern Community Legal Clinic (synthetic)",
     "Employment standards, human rights and wrongful dismissal advice at no cost.", "northern", ["en", "fr"]),
    ("workers-rights-advocacy", "advocacy", "Workers' Rights Advocacy Network (synthetic)",
     "Helps workers raise pay, hours and safety concerns and file complaints.", "", ["en"]),
]


def seed(apps, schema_editor):
    Resource = apps.get_model("outcomes", "Resource")
    for code, kind, name, description, region, languages in RESOURCES:
        Resource.objects.update_or_create(code=code, defaults={
            "kind": kind, "name": name, "description": description, "region": region, "languages": languages})


def unseed(apps, schema_editor):
    apps.get_model("outcomes", "Resource").objects.filter(code__in=[r[0] for r in RESOURCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("outcomes", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
