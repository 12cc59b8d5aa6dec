"""Shared vocabularies: every app speaks of regions, sectors, populations and languages with these codes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    EN = "en", _("English")
    FR = "fr", _("French")


class Region(models.TextChoices):
    TORONTO = "toronto", _("Toronto")
    CENTRAL = "central", _("Central")
    EASTERN = "eastern", _("Eastern")
    WESTERN = "western", _("Western")
    NORTHERN = "northern", _("Northern")


class Population(models.TextChoices):
    NEWCOMERS = "newcomers", _("Newcomers")
    DISABILITY = "disability", _("People with disabilities")
    INDIGENOUS = "indigenous", _("Indigenous people")
    RACIALIZED = "racialized", _("Racialized people")
    FRANCOPHONE = "francophone", _("Francophones")
    YOUTH = "youth", _("Youth under 30")
    MATURE = "mature", _("Workers 55+")
    SOCIAL_ASSISTANCE = "social_assistance", _("People on social assistance")


class Sector(models.TextChoices):
    """NAICS 2022 two-digit sectors."""

    AGRICULTURE = "11", _("Agriculture, forestry, fishing and hunting")
    MINING = "21", _("Mining, quarrying, and oil and gas extraction")
    UTILITIES = "22", _("Utilities")
    CONSTRUCTION = "23", _("Construction")
    MANUFACTURING = "31", _("Manufacturing")
    WHOLESALE = "41", _("Wholesale trade")
    RETAIL = "44", _("Retail trade")
    TRANSPORTATION = "48", _("Transportation and warehousing")
    INFORMATION = "51", _("Information and cultural industries")
    FINANCE = "52", _("Finance and insurance")
    REAL_ESTATE = "53", _("Real estate and rental and leasing")
    PROFESSIONAL = "54", _("Professional, scientific and technical services")
    MANAGEMENT = "55", _("Management of companies and enterprises")
    ADMINISTRATIVE = "56", _("Administrative and support services")
    EDUCATION = "61", _("Educational services")
    HEALTH = "62", _("Health care and social assistance")
    ARTS = "71", _("Arts, entertainment and recreation")
    ACCOMMODATION = "72", _("Accommodation and food services")
    OTHER_SERVICES = "81", _("Other services (except public administration)")
    PUBLIC_ADMINISTRATION = "91", _("Public administration")


def labels(choices, values) -> list[str]:
    """Human labels for a list of stored codes, skipping unknown ones."""
    mapping = dict(choices.choices)
    return [str(mapping[value]) for value in values if value in mapping]


class OpenReason(models.TextChoices):
    """Why someone opened a person's record (audit.OPEN_REASONS), as the person reads it in "who opened my file"."""

    CARE = "care", _("Your provider, serving you")
    OWN_COUNSELLOR = "own_counsellor", _("Your counsellor, serving you")
    SHARED = "shared", _("A provider you agreed to share your file with (a move or a referral)")
    TRANSFER = "transfer", _("Your move to another provider")
    REFERRAL = "referral", _("A referral to a specialist")
    QA = "qa", _("Ministry quality review")
    COMPLAINT = "complaint", _("Investigation of your complaint")
    SYSTEM = "system", _("An automatic job of the portal")
    SELF = "self", _("You")


class OpenRoute(models.TextChoices):
    PAGE = "page", _("Viewed on screen")
    API = "api", _("Read by a connected system")
    EXPORT = "export", _("Downloaded")
    SYSTEM = "system", _("Read by an automatic job")
