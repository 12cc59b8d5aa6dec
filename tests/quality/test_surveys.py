"""Surveys: issued once per key moment through the outbox in the client's language, answered once, anonymous
answers shown to the provider only in totals of 5 or more; employers answer through a token link."""

import datetime as dt
import re

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from espportal.models import Notification
from outcomes.kpis import periods
from outcomes.models import Placement, RetentionCheck
from outcomes.quality import selectors
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


def _surveys(provider, counsellor, prefix, count, *, sent_at):
    """`count` first-meeting surveys of distinct clients, sent at `sent_at`."""
    made = []
    for n in range(count):
        case = make_case(provider, counsellor=counsellor, first_name=f"{prefix}{n}", last_name="Test")
        made.append(surveys.survey_issue(provider=provider, moment="first_meeting", client=case.client))
    Survey.objects.filter(pk__in=[s.pk for s in made]).update(sent_at=sent_at)
    return made


def _answer(survey, score, *, at):
    surveys.survey_answer(survey=survey, score=score, anonymous=True)
    Survey.objects.filter(pk=survey.pk).update(answered_at=at)


def _results_page(web):
    page = web.get(reverse("quality:survey_results")).content.decode()
    return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": "|submission_token" value=")[^"]*', "", page)


def test_one_answer_in_the_current_quarter_leaves_the_page_unchanged(web, provider_a, counsellor_a, manager_a):
    """Staff know who was just placed: a page that moves with one new answer gives that person's score away."""
    now = timezone.now()
    current = _surveys(provider_a, counsellor_a, "C", 7, sent_at=now - dt.timedelta(minutes=5))
    for survey in current[:5]:
        _answer(survey, 5, at=now - dt.timedelta(minutes=1))
    web.force_login(manager_a)
    before = _results_page(web)
    _answer(current[5], 1, at=now)
    assert _results_page(web) == before


def test_a_closed_quarter_shows_from_five_answers_with_its_figures(web, provider_a, counsellor_a, manager_a,
                                                                    django_assert_num_queries):
    today = timezone.localdate()
    quarter = periods.quarter_of(today).previous()  # the last closed fiscal quarter, Toronto time
    middle = timezone.make_aware(dt.datetime.combine(quarter.start + dt.timedelta(days=30), dt.time(12)))
    closed = _surveys(provider_a, counsellor_a, "Q", 6, sent_at=middle)
    for survey, score in zip(closed[:4], (5, 5, 4, 2), strict=True):
        _answer(survey, score, at=middle + dt.timedelta(days=1))
    web.force_login(manager_a)
    page = _results_page(web)
    assert quarter.label in page
    assert "fewer than 5 answers: not shown" in page and "67 %" not in page
    # After the quarter closed: too late to count, or staff could read this one answer back.
    _answer(closed[5], 1, at=timezone.make_aware(dt.datetime.combine(quarter.end + dt.timedelta(days=1), dt.time(9))))
    assert _results_page(web) == page
    Survey.objects.filter(pk=closed[5].pk).update(answered_at=middle + dt.timedelta(days=2))
    with django_assert_num_queries(1):
        rows = selectors.survey_results(provider_a, min_cell=5, today=today)
    first = next(row for row in rows[0]["moments"] if row["moment"] == "first_meeting")
    # 5 answers of 6 sent: 83 % responded; 3 of 5 (5, 5, 4 against 2, 1) answered 4 or 5: 60 %.
    assert (first["sent"], first["answered"], first["response_rate"], first["satisfied_share"]) == (6, 5, 83, 60)
    page = _results_page(web)
    assert "83 %" in page and "60 %" in page


def test_the_results_page_reads_in_french(web, provider_a, counsellor_a, manager_a):
    manager_a.preferred_language = "fr"
    manager_a.save(update_fields=["preferred_language"])
    web.force_login(manager_a)
    page = web.get(reverse("quality:survey_results"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "moins de 5 réponses : non affiché" in page
    assert "trimestres clos" in page




def test_the_results_page_reads_the_same_number_of_queries_whatever_the_data(web, provider_a, counsellor_a,
                                                                             manager_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    web.force_login(manager_a)
    web.get(reverse("quality:survey_results"))  # session and language settle on the first request
    with CaptureQueriesContext(connection) as empty:
        web.get(reverse("quality:survey_results"))
    last = periods.quarter_of(timezone.localdate()).previous()
    for n, quarter in enumerate((last, last.previous(), last.previous(3))):
        sent = timezone.make_aware(dt.datetime.combine(quarter.start + dt.timedelta(days=10), dt.time(12)))
        for survey in _surveys(provider_a, counsellor_a, f"N{n}-", 6, sent_at=sent):
            _answer(survey, 4, at=sent + dt.timedelta(hours=1))
    _surveys(provider_a, counsellor_a, "Now", 2, sent_at=timezone.now())
    with CaptureQueriesContext(connection) as full:
        page = web.get(reverse("quality:survey_results")).content.decode()
    assert page.count("100 %") == 6  # 3 quarters x (response rate, satisfied) for first meetings
    assert len(full) == len(empty)
