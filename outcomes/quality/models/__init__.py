"""The quality app's models, split by sub-domain."""

from .complaints import Complaint, ComplaintEvent
from .surveys import Survey

__all__ = ["Complaint", "ComplaintEvent", "Survey"]
