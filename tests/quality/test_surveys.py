"""Surveys: issued once per key moment through the outbox in the client's language, answered once, anonymous
answers shown to the provider only in totals of 5 or more; employers answer through a token link."""

import datetime as dt

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from espportal.models import Notification
from outcomes.models import Placement, RetentionCheck
from outcomes.quality.models import Survey
from outcomes.quality.services import surveys
from outcomes.quality.tasks import employer_surveys_deliver, surveys_issue
from tests.caseload.factories import make_case


def test_the_daily_job_issues_one_survey_per_moment_in_the_clients_language(case_b, seeker_b):
    client = case_b.client
    type(client).objects.filter(pk=client.pk).update(first_meeting_at=timezone.now() - dt.timedelta(days=2))
    assert surveys_issue() == {"issued": 1}
    assert surveys_issue() == {"issued": 0}
    survey = Survey.objects.get()
    assert (survey.moment, survey.respondent, survey.client) == ("first_meeting", "client", client)
    note = Notification.objects.get(recipient=seeker_b)  # seeker_b reads French
    assert note.template == "quality.survey_client"
    assert note.subject == "Une petite question sur votre service"
    assert note.link == reverse("quality:me_survey", args=[survey.code])


def test_a_placement_surveys_the_client_and_the_employer_contact(placement_a, case_a):
    from employers.models import Contact
    from tests.employers.factories import EmployerFactory

    employer = EmployerFactory()
    Contact.objects.create(employer=employer, name="Hiring Manager", role="hiring", email="hr@lakeside.test")
    Placement.objects.filter(pk=placement_a.pk).update(employer=employer)
    surveys.surveys_issue()
    assert set(Survey.objects.values_list("moment", "respondent")) == {("placement", "client"),
                                                                      ("employer_hire", "employer")}
    assert employer_surveys_deliver() == {"sent": 1}
    assert employer_surveys_deliver() == {"sent": 0}
    employer_survey = Survey.objects.get(respondent="employer")
    assert mail.outbox[0].to == ["hr@lakeside.test"]
    assert reverse("quality:employer_survey", args=[employer_survey.token]) in mail.outbox[0].body
    assert "Comment s'est passée l'embauche?" in mail.outbox[0].subject


def test_a_six_month_check_confirmed_employed_is_a_moment(placement_a):
    check = placement_a.checks.get(milestone_months=6)
    RetentionCheck.objects.filter(pk=check.pk).update(status="employed_same", answered_at=timezone.now(),
                                                      evidence_kind="call_note", evidence="Still there.")
    surveys.surveys_issue()
    assert Survey.objects.filter(moment="retention_6m", placement=placement_a).count() == 1


def test_the_client_answers_once_and_a_second_answer_changes_nothing(web, survey_a, seeker_a):
    web.force_login(seeker_a)
    url = reverse("quality:me_survey", args=[survey_a.code])
    assert web.post(url, {"score": "4", "comment": "Helpful.", "anonymous": "on"}).status_code == 302
    again = web.post(url, {"score": "1"})
    assert again.status_code == 422
    assert "already answered: only the first answer counts" in again.content.decode()
    survey_a.refresh_from_db()
    assert (survey_a.score, survey_a.comment, survey_a.anonymous) == (4, "Helpful.", True)


def test_an_answer_without_a_score_is_refused(web, survey_a, seeker_a):
    web.force_login(seeker_a)
    response = web.post(reverse("quality:me_survey", args=[survey_a.code]), {"comment": "No score."})
    assert response.status_code == 422 and "Choose a score from 1 to 5." in response.content.decode()
    assert 'No score.' in response.content.decode()
    survey_a.refresh_from_db()
    assert survey_a.answered_at is None


def test_an_employer_answers_without_signing_in(web, employer_survey_a):
    url = reverse("quality:employer_survey", args=[employer_survey_a.token])
    response = web.get(url)
    assert response.status_code == 200  # absent from a page that rendered, not from an error
    assert "anonymous" not in response.content.decode().lower()
    assert web.post(url, {"score": "5"}).status_code == 302
    assert "This survey is answered" in web.get(url).content.decode()
    assert web.get(reverse("quality:employer_survey", args=["not-a-token"])).status_code == 404


def test_the_provider_sees_totals_only_from_five_answers(web, provider_a, counsellor_a, manager_a):
    cases = [make_case(provider_a, counsellor=counsellor_a, first_name=f"P{n}", last_name="Test") for n in range(6)]
    for n, case in enumerate(cases):
        survey = surveys.survey_issue(provider=provider_a, moment="first_meeting", client=case.client)
        if n < 4:
            surveys.survey_answer(survey=survey, score=5 if n < 3 else 2, anonymous=True)
    web.force_login(manager_a)
    page = web.get(reverse("quality:survey_results")).content.decode()
    assert "suppressed (fewer than 5 answers)" in page and "75 %" not in page
    surveys.survey_answer(survey=Survey.objects.filter(answered_at__isnull=True).first(), score=4)
    page = web.get(reverse("quality:survey_results")).content.decode()
    # 5 answers of 6 sent: 83 % responded; 4 of 5 answered 4 or 5: 80 %.
    assert "83 %" in page and "80 %" in page
