"""Reference data: NOC 2021 occupations, skills, and the vocabularies a client record uses."""

import re
import unicodedata

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from espportal.vocab import in_language

POSTAL_CODE_RE = r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$"
postal_code_validator = RegexValidator(
    POSTAL_CODE_RE, _("Enter a Canadian postal code such as M5V 2T6."), flags=0
)


def postal_code_field(*, blank: bool = False) -> models.CharField:
    """A Canadian postal code as a person types it ("M5V 2T6": 7 characters at most), checked by
    postal_code_validator; `blank` where a place may be left out (a remote job lead)."""
    return models.CharField(_("postal code"), max_length=7, blank=blank, validators=[postal_code_validator])


def normalise_postal_code(value: str) -> str:
    """A postal code in any spacing, hyphenation or case as Canada Post writes it: " m5v-2t6 " -> "M5V 2T6".
    Anything that is not six characters once compacted comes back trimmed and upper-cased, for the validator to
    refuse."""
    compact = re.sub(r"[\s-]", "", value or "").upper()
    return f"{compact[:3]} {compact[3:]}" if len(compact) == 6 else (value or "").strip().upper()


def postal_code_clean(value: str) -> str:
    """The one rule for every postal code a person types (clients, employers, leads; pages and API): normalised
    by normalise_postal_code, then checked. Returns "A1A 1A1"; raises ValidationError (code "postal_code")
    for anything that is not a Canadian postal code once normalised. "" stays "" (callers decide if required)."""
    if not (value or "").strip():
        return ""
    normalised = normalise_postal_code(value)
    postal_code_validator(normalised)
    return normalised


def normalise_name(value: str) -> str:
    """A person's name as stored: Unicode NFC (a decomposed "é" becomes one character), trimmed, inner runs of
    spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


def name_key(first_name: str, last_name: str) -> str:
    """The duplicate check's key for a name: accents and case dropped, letters and digits only, so "José Gagné",
    "JOSE GAGNE" and a decomposed "José Gagné" share "jose gagne". The same on SQLite and PostgreSQL because it is
    stored (Client.name_key), not computed by the database."""
    def fold(text):
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", text or "") if not unicodedata.combining(ch))
        return " ".join("".join(ch if ch.isalnum() else " " for ch in plain.casefold()).split())

    return f"{fold(first_name)}|{fold(last_name)}"


def normalise_phone(value: str) -> str:
    """Digits only, without the North American trunk prefix: "+1 (416) 555-0100" -> "4165550100"."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    return digits[1:] if len(digits) == 11 and digits.startswith("1") else digits


class Occupation(models.Model):
    """NOC 2021 V1.0: broad category (1 digit) > major (2) > sub-major (3) > minor (4) > unit group (5)."""

    class Level(models.IntegerChoices):
        BROAD = 1, _("Broad occupational category")
        MAJOR = 2, _("Major group")
        SUB_MAJOR = 3, _("Sub-major group")
        MINOR = 4, _("Minor group")
        UNIT = 5, _("Unit group")

    code = models.CharField(max_length=5, unique=True)
    level = models.PositiveSmallIntegerField(choices=Level.choices)
    title = models.CharField(max_length=255)
    title_fr = models.CharField(max_length=255, blank=True)
    definition = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    # TEER (training, education, experience, responsibilities) is the code's second digit; broad categories have none.
    teer = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "code"])]

    def __str__(self):
        return _("%(title)s (NOC %(code)s)") % {"title": self.display_title, "code": self.code}

    @property
    def display_title(self) -> str:
        """The title in the active language: the French title when the reader reads French and the row has one."""
        return in_language(self.title, self.title_fr)

    @staticmethod
    def teer_of(code: str) -> int | None:
        return int(code[1]) if len(code) >= 2 and code[1].isdigit() else None


class Skill(models.Model):
    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name in the active language (forms, pages, e-mails rendered in the recipient's language)."""
        return in_language(self.name, self.name_fr)


class EducationLevel(models.TextChoices):
    NONE = "none", _("No certificate")
    SECONDARY = "secondary", _("High school diploma or equivalent")
    APPRENTICESHIP = "apprenticeship", _("Apprenticeship or trades certificate")
    COLLEGE = "college", _("College diploma")
    BACHELOR = "bachelor", _("Bachelor's degree")
    GRADUATE = "graduate", _("Master's degree or doctorate")


class CredentialRecognition(models.TextChoices):
    NOT_APPLICABLE = "n/a", _("Not applicable")
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    RECOGNIZED = "recognized", _("Recognized")
    PARTIAL = "partial", _("Partly recognized")
    DENIED = "denied", _("Not recognized")


class Accommodation(models.TextChoices):
    SCREEN_READER = "screen_reader", _("Screen reader")
    STEP_FREE = "step_free", _("Step-free access")
    FLEXIBLE_HOURS = "flexible_hours", _("Flexible hours")
    SIGN_LANGUAGE = "sign_language", _("ASL/LSQ interpretation")
    QUIET_WORKSPACE = "quiet_workspace", _("Quiet workspace")
    ASSISTIVE_DEVICES = "assistive_devices", _("Assistive devices")
    OTHER = "other", _("Other")


class GoalCloseness(models.IntegerChoices):
    """How close to one of a person's goals a job must be to be suggested: the NOC 2021 level both codes share."""

    UNIT = 5, _("Only my goal occupations (same unit group)")
    MINOR = 4, _("Very close occupations (same minor group)")
    SUB_MAJOR = 3, _("Close occupations (same sub-major group)")
    MAJOR = 2, _("Related occupations (same major group)")
    BROAD = 1, _("Anything in the same broad category")


def noc_code_list_validator(value) -> None:
    """A list of NOC 2021 codes at any level: 1 to 5 digits each."""
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or not all(isinstance(c, str) and c.isdigit() and 1 <= len(c) <= 5 for c in value):
        raise ValidationError(_("Give NOC 2021 codes of 1 to 5 digits."), code="invalid")


class SelfIdentification(models.TextChoices):
    NEWCOMER = "newcomer", _("Newcomer to Canada")
    DISABILITY = "disability", _("Person with a disability")
    INDIGENOUS = "indigenous", _("Indigenous")
    RACIALIZED = "racialized", _("Racialized")
    FRANCOPHONE = "francophone", _("Francophone")
    YOUTH = "youth", _("Youth under 30")
    MATURE = "mature", _("Worker 55+")
    SOCIAL_ASSISTANCE = "social_assistance", _("Receiving social assistance")
