"""Messages are stored as a key and parameters and rendered in the reader's language when shown or sent: a French
job seeker reads French even when an English-speaking counsellor caused the message (issue 14 §4)."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from caseload import services as case_services
from espportal import messages, notifications, services
from espportal.models import Notification

TORONTO = zoneinfo.ZoneInfo("America/Toronto")


@pytest.fixture
def appointment_for_french_seeker(case_b, counsellor_b):
    # 15:30 UTC on 2 Dec 2030 is 10:30 in Toronto (EST): the message must say 10:30, not 15:30.
    starts_at = dt.datetime(2030, 12, 2, 15, 30, tzinfo=dt.UTC)
    with translation.override("en"):  # the counsellor works in English
        return case_services.appointment_schedule(case=case_b, staff=counsellor_b, mode="phone",
                                                  starts_at=starts_at, scheduled_by=counsellor_b)


def test_it_stores_a_key_and_parameters_not_a_sentence(appointment_for_french_seeker, seeker_b):
    row = Notification.objects.get(recipient=seeker_b)

    assert row.template == "caseload.appointment_reminder_client"
    assert row.context == {"starts_at": "2030-12-02T15:30:00+00:00", "mode": "phone",
                           "staff": appointment_for_french_seeker.staff.display_name,
                           "client": appointment_for_french_seeker.client.full_name}


def test_a_french_seeker_reads_the_reminder_in_french_and_toronto_time(appointment_for_french_seeker, seeker_b,
                                                                       login):
    Notification.objects.filter(recipient=seeker_b).update(sent_at=timezone.now())

    page = login(seeker_b).get(reverse("espportal:notifications")).content.decode()

    assert "Rappel : rendez-vous le 2 décembre 2030 10:30" in page
    assert "Rendez-vous (Téléphone) avec" in page
    assert "Reminder" not in page and "15:30" not in page


def test_the_same_row_reads_in_english_once_the_person_switches(appointment_for_french_seeker, seeker_b, login):
    Notification.objects.filter(recipient=seeker_b).update(sent_at=timezone.now())
    services.user_set_language(user=seeker_b, language="en")

    page = login(seeker_b).get(reverse("espportal:notifications")).content.decode()

    assert "Reminder: appointment on Dec. 2, 2030, 10:30 a.m." in page
    assert "Phone appointment with" in page


def test_the_api_renders_in_the_language_of_the_request(appointment_for_french_seeker, seeker_b, login):
    Notification.objects.filter(recipient=seeker_b).update(sent_at=timezone.now())

    rows = login(seeker_b).get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="fr").json()["results"]

    assert rows[0]["subject"] == "Rappel : rendez-vous le 2 décembre 2030 10:30"


def test_an_email_goes_out_in_the_recipients_language_whoever_caused_it(seeker_b):
    with translation.override("en"):
        row = services.notification_send(recipient=seeker_b, channel=Notification.Channel.EMAIL,
                                         message="employers.match_shared",
                                         params={"title": "Cuisinier", "employer": "Bistro Nord"})

    assert notifications.deliver(row.pk)

    assert [m.subject for m in mail.outbox] == ["Une offre d'emploi pour vous : Cuisinier"]
    assert "Bistro Nord" in mail.outbox[0].body and "Your counsellor" not in mail.outbox[0].body


def test_a_french_manager_reads_a_system_task_in_french_and_an_english_one_in_english(case_a, manager_a,
                                                                                      counsellor_a, login):
    with translation.override("en"):
        task = case_services.task_create(assignee=manager_a, kind="transfer", case=case_a, due_on=timezone.localdate(),
                                         message="caseload.transfer_assign", params={"client": "Lina Farah"})
    assert (task.title_key, task.title_params) == ("caseload.transfer_assign", {"client": "Lina Farah"})

    services.user_set_language(user=manager_a, language="fr")
    french = login(manager_a).get(reverse("caseload:case", args=[case_a.code])).content.decode()
    english = login(counsellor_a).get(reverse("caseload:case", args=[case_a.code])).content.decode()

    assert "Affectez un conseiller à Lina Farah (transfert reçu)" in french
    assert "Assign a counsellor to Lina Farah (transferred in)" in english


def test_the_task_title_copy_is_in_the_assignees_language(case_a, manager_a):
    manager_a.preferred_language = "fr"
    manager_a.save()
    with translation.override("en"):
        task = case_services.task_create(assignee=manager_a, kind="retention_overdue", case=case_a,
                                         due_on=timezone.localdate(), message="outcomes.retention_check_overdue",
                                         params={"months": 1, "client": "Lina Farah"})

    assert task.title == "Suivi après 1 mois en retard : Lina Farah"


@pytest.mark.parametrize(("language", "months", "expected"), [
    ("en", 1, "It has been 1 month since you started as Cook."),
    ("en", 3, "It has been 3 months since you started as Cook."),
    ("fr", 1, "Cela fait 1 mois que vous occupez le poste de Cook."),
    ("fr", 12, "Cela fait 12 mois que vous occupez le poste de Cook."),
])
def test_the_check_in_counts_months_in_both_languages(language, months, expected, db):
    _, body = messages.render("outcomes.retention_check_client", {"months": months, "title": "Cook"},
                              language=language)

    assert body.startswith(expected)


def test_an_unknown_key_is_refused_when_stored_and_shows_the_stored_text_when_read(seeker_a):
    with pytest.raises(ValueError):
        services.notification_send(recipient=seeker_a, message="nobody.defined_this")
    row = Notification.objects.create(recipient=seeker_a, subject="Stored", body="Text",
                                      template="removed.message", context={})

    assert row.rendered("fr") == ("Stored", "Text")


def test_naive_datetimes_are_refused_as_parameters():
    with pytest.raises(TypeError):
        messages.encode({"at": dt.datetime(2030, 1, 1, 9, 0)})
    assert messages.encode({"at": dt.datetime(2030, 1, 1, 9, 0, tzinfo=TORONTO)}) == {
        "at": "2030-01-01T09:00:00-05:00"}
