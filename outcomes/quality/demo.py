"""Demo quality data: surveys issued and a few answered, complaints in every state (one privacy breach), a QA
sample for last quarter, a finding, and a contested attribution waiting in the QA queue. Synthetic only."""

import datetime as dt

from django.utils import timezone

from espportal.models import User
from outcomes import services as outcome_services
from outcomes.models import Placement
from outcomes.quality.models import Complaint, Survey
from outcomes.quality.services import complaints, qa, surveys


def seed(stdout, context: dict) -> dict:
    if Complaint.objects.exists() or Survey.objects.exists():
        stdout.write("Quality: already seeded.\n")
        return {}
    ministry = User.objects.filter(kind=User.Kind.MINISTRY).order_by("pk").first()
    now = timezone.now()
    # Surveys for every placement (client and, where the employer has a contact with an e-mail, the employer).
    for placement in Placement.objects.select_related("client", "provider", "employer").order_by("pk"):
        surveys.survey_issue(provider=placement.provider, moment="placement", client=placement.client,
                             placement=placement)
    for n, survey in enumerate(Survey.objects.filter(respondent="client").order_by("pk")):
        if n % 3 != 2:
            surveys.survey_answer(survey=survey, score=(5, 4, 3, 5, 2, 4)[n % 6], anonymous=n % 2 == 0,
                                  comment="" if n % 2 else "My counsellor called back the same day.")
    # Complaints: one per state, filed by the person or by staff on their behalf.
    placements = list(Placement.objects.select_related("client__user", "provider", "recorded_by").order_by("pk"))
    texts = [
        ("privacy_breach", "My file was discussed at the front desk where other people could hear."),
        ("service", "I waited three weeks for a first meeting and nobody called."),
        ("language", "I asked for service in French and was told to come back another day."),
        ("accessibility", "The workshop room is upstairs and there is no elevator."),
    ]
    made = []
    for (kind, body), placement in zip(texts, placements, strict=False):
        client = placement.client
        filer = client.user or placement.recorded_by
        made.append(complaints.complaint_file(client=client, provider=placement.provider, kind=kind, body=body,
                                              filed_by=filer, now=now - dt.timedelta(days=20 - 5 * len(made))))
    if ministry and made:
        complaints.complaint_assign(complaint=made[0], assignee=ministry, assigned_by=ministry)
        if len(made) > 1:
            complaints.complaint_resolve(complaint=made[1], resolved_by=ministry,
                                         resolution="The provider apologised and set a meeting within two days.")
        if len(made) > 2:
            Complaint.objects.filter(pk=made[2].pk).update(due_on=timezone.localdate() - dt.timedelta(days=1))
            complaints.complaint_escalate(complaint_id=made[2].pk)
    # Last quarter's QA samples, a finding, and one contested attribution in the queue.
    last_quarter, _start, _end = qa.quarter_of(timezone.localdate() - dt.timedelta(days=92))
    if ministry:
        qa.qa_samples_draw_quarter(quarter=last_quarter, drawn_by=ministry)
        if placements:
            qa.qa_finding_record(provider=placements[0].provider, topic="records", severity="minor",
                                 reviewer=ministry, body="Two sampled files lacked a dated consent to be contacted.")
    self_found = next((p for p in placements if p.attribution == "self_found" and not p.attribution_contested), None)
    if self_found is not None:
        outcome_services.placement_contest(placement=self_found, contested_by=self_found.recorded_by,
                                           reason="We ran the resume clinic she attended the week before.")
    stdout.write(f"Quality: {Survey.objects.count()} surveys, {len(made)} complaints, QA samples for "
                 f"{last_quarter}.\n")
    return {}
