"""The quality app's models, split by sub-domain."""

from .complaints import BODY_MAX, Complaint, ComplaintEvent
from .surveys import Survey

__all__ = ["BODY_MAX", "Complaint", "ComplaintEvent", "Survey"]
