"""The clients app's models, split by sub-domain; import them from here (``from clients.models import Client``)."""

from .assessment import Assessment
from .consent import Consent
from .invitation import Invitation
from .plan import ActionPlan, PlanGoalsRevision, PlanItem, ServiceCatalogueEntry
from .record import (
    Client,
    ClientRevision,
    ClientVisibility,
    IntakeDraft,
    OccupationalGoal,
    WorkHistoryEntry,
)
from .reference import (
    POSTAL_CODE_RE,
    Accommodation,
    CredentialRecognition,
    EducationLevel,
    GoalCloseness,
    Occupation,
    SelfIdentification,
    Skill,
    name_key,
    normalise_name,
    normalise_phone,
    normalise_postal_code,
    postal_code_clean,
    postal_code_field,
    postal_code_validator,
)

__all__ = [
    "POSTAL_CODE_RE", "Accommodation", "ActionPlan", "Assessment", "Client", "ClientRevision", "ClientVisibility",
    "Consent", "CredentialRecognition", "EducationLevel", "GoalCloseness", "IntakeDraft", "Invitation",
    "Occupation", "OccupationalGoal",
    "PlanGoalsRevision", "PlanItem", "SelfIdentification", "ServiceCatalogueEntry", "Skill", "WorkHistoryEntry",
    "name_key", "normalise_name", "normalise_phone", "normalise_postal_code", "postal_code_clean", "postal_code_field",
    "postal_code_validator",
]
