"""The quality app's models, split by sub-domain."""

from .complaints import BODY_MAX, Complaint, ComplaintEvent
from .qa import AttributionReview, QAFinding, QASample, QASampleMember
from .surveys import Survey

__all__ = ["BODY_MAX", "AttributionReview", "Complaint", "ComplaintEvent", "QAFinding", "QASample",
           "QASampleMember", "Survey"]
