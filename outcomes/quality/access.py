"""Who may see which quality rows, built on clients.access and espportal.access.

Complaints: the ministry (ombudsperson) sees every complaint; a job seeker sees the complaints filed for their
own record (whoever filed them); staff see none here (they file on a client's behalf, and the client follows it).
Another person's complaint is a 404 (get_or_404), never a hint that it exists.
"""

from django.db.models import QuerySet

from clients.access import rows_for_seeker, visible_client_ids
from espportal import access, audit
from espportal.access import Actor
from outcomes.models import Placement
from outcomes.quality.models import Complaint, Survey


def complaints_for(actor: Actor) -> QuerySet[Complaint]:
    if actor.is_ministry:
        return Complaint.objects.all()
    if actor.is_job_seeker:
        return Complaint.objects.filter(client__in=visible_client_ids(actor))
    return Complaint.objects.none()


def surveys_for_seeker(user) -> QuerySet[Survey]:
    """The surveys the job seeker is asked to answer about their own service; none for anyone else."""
    return rows_for_seeker(user, Survey.objects.filter(respondent=Survey.Respondent.CLIENT))


def survey_for_employer_token(token: str) -> Survey | None:
    """The employer survey an unguessable link token names, or None. An employer contact has no account, so the
    token is their door; the survey asks about the placement and shows nothing of the job seeker's record."""
    return Survey.objects.filter(token=token, respondent=Survey.Respondent.EMPLOYER).select_related(
        "provider", "placement").first()


def complaint_for_ministry(request, code) -> Complaint:
    """A complaint the ombudsperson opens (403 for anyone not ministry, 404 for an unknown code). The page names
    no job seeker, so it is not an open of their record."""
    actor = access.require_ministry(request)
    return access.get_or_404(request, complaints_for(actor).select_related("provider", "client", "assignee"),
                             code=code, what="complaint")


def complaint_audit_for_ministry(request, code) -> Complaint:
    """A privacy complaint whose complainant's audit trail the ombudsperson inspects: that reads the person's
    record, so the open is audited once per visit like every other read (event `complaint_audit.opened`, reason
    "complaint", naming the client), and the person sees in "who opened my file" that the ministry looked, and
    why."""
    complaint = complaint_for_ministry(request, code)
    if complaint.client_id is not None:
        audit.record_open(request=request, client=complaint.client, target=complaint, what="complaint_audit",
                          reason="complaint")
    return complaint


def contested_placement_for_ministry(request, code) -> Placement:
    """A placement whose attribution is contested, opened by the ministry to decide it, named by its contest code
    (Placement.contest_code: the placement's own code never reaches a ministry page): 403 for anyone not
    ministry, 404 when it is not contested. The ministry sees no job seeker through clients.access (it is not a
    provider), and a contested placement is exactly what it is asked to review; the open is a quality review of
    the person's record, audited like a QA sample's (`placement.opened`, reason "qa")."""
    access.require_ministry(request)
    return access.get_or_404(request, Placement.objects.filter(attribution_contested=True)
                             .select_related("provider", "client"), code=code, client_of=lambda p: p.client,
                             what="placement", reason="qa", lookup="contest_code")
