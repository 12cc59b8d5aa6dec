"""Writes on cases. Every function is keyword-only, validated, atomic and audited.

Split by sub-domain; import from here (`from caseload import services; services.task_create(...)`).
"""

from caseload.services.appointments import (
    appointment_record,
    appointment_reschedule,
    appointment_schedule,
    case_first_meeting_record,
)
from caseload.services.cases import (
    assignment_change,
    case_close,
    case_open,
    case_reopen,
    case_set_status,
    cases_bulk_reassign,
    handoff_brief_acknowledge,
    reopen_deadline,
)
from caseload.services.consent import consent_withdraw
from caseload.services.contact import case_contact_record, cases_last_contact_recompute
from caseload.services.inbox import task_close_by_source, task_complete, task_create, tasks_create
from caseload.services.notes import note_add, note_amend
from caseload.services.referrals import referral_cancel, referral_complete, referral_request, referral_respond
from caseload.services.seeker import (
    appointment_change_request,
    appointment_confirm,
    plan_item_done_by_client,
    plan_question_ask,
)
from caseload.services.transfers import transfer_cancel, transfer_complete, transfer_request

__all__ = [
    "appointment_change_request", "appointment_confirm", "plan_item_done_by_client", "plan_question_ask",
    "appointment_record", "appointment_reschedule", "appointment_schedule", "assignment_change", "case_first_meeting_record", "case_open",
    "case_close", "case_reopen", "reopen_deadline", "case_contact_record", "consent_withdraw", "referral_cancel", "case_set_status", "cases_last_contact_recompute", "cases_bulk_reassign", "handoff_brief_acknowledge", "note_add", "note_amend",
    "referral_complete", "referral_request", "referral_respond", "task_close_by_source", "task_complete", "task_create", "tasks_create",
    "transfer_cancel", "transfer_complete", "transfer_request",
]
