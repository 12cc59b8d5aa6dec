"""The job seeker at /me/: my counsellor now and before, my appointments (confirm, ask for another time), a question
about my plan, marking a step done; each request lands in the counsellor's inbox; nobody reaches another's."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone, translation

from caseload import services
from caseload.models import Appointment, Task
from clients.models import PlanItem
from espportal import notifications
from espportal.models import Notification, User
from tests.clients.factories import make_plan_item


def test_my_counsellor_now_and_before(login, seeker_a, case_a, counsellor_a, counsellor_a2, manager_a):
    services.assignment_change(case=case_a, role="counsellor", staff=counsellor_a2, changed_by=manager_a,
                               reason="caseload_balance")
    response = login(seeker_a).get(reverse("caseload:me_counsellor"))
    assert response.status_code == 200
    assert response.context["counsellor"] == counsellor_a2
    history = [(a.staff, a.case.provider.name, a.ended_at is None) for a in response.context["history"]]
    assert history == [(counsellor_a2, "Provider A", True), (counsellor_a, "Provider A", False)]
    assert f'mailto:{counsellor_a2.email}' in response.content.decode()


def test_confirming_an_appointment_once(login, seeker_a, appointment_a):
    web = login(seeker_a)
    url = reverse("caseload:me_appointment_confirm", args=[appointment_a.code])
    assert web.post(url).status_code == 302
    first = Appointment.objects.get(pk=appointment_a.pk).confirmed_at
    assert first is not None
    assert web.post(url).status_code == 302  # double submit: nothing changes
    assert Appointment.objects.get(pk=appointment_a.pk).confirmed_at == first
    page = web.get(reverse("caseload:me_appointments")).content.decode()
    assert "You confirmed you will come." in page


def test_asking_for_another_time_is_a_task_for_the_counsellor(login, seeker_a, appointment_a, counsellor_a):
    web = login(seeker_a)
    url = reverse("caseload:me_appointment_reschedule", args=[appointment_a.code])
    empty = web.post(url, {"reason": "   "})
    assert empty.status_code == 422 and empty.context["form"].errors["reason"]
    assert not Task.objects.filter(kind="appointment_change").exists()
    assert web.post(url, {"reason": "I start a shift that morning."}).status_code == 302
    web.post(url, {"reason": "Again, in case."})  # a second request while one is open adds nothing
    task = Task.objects.get(kind="appointment_change")
    assert (task.assignee, task.detail, task.done_at) == (counsellor_a, "I start a shift that morning.", None)
    assert task.due_on <= timezone.localdate(appointment_a.starts_at)
    assert Appointment.objects.get(pk=appointment_a.pk).change_requested_at is not None


def test_a_past_appointment_cannot_be_confirmed(login, seeker_a, appointment_a):
    Appointment.objects.filter(pk=appointment_a.pk).update(starts_at=timezone.now() - dt.timedelta(days=1))
    response = login(seeker_a).post(reverse("caseload:me_appointment_confirm", args=[appointment_a.code]))
    assert response.status_code == 422 and "can no longer be confirmed" in response.content.decode()
    assert Appointment.objects.get(pk=appointment_a.pk).confirmed_at is None


def test_past_and_upcoming_are_apart(login, seeker_a, appointment_a, case_a, counsellor_a):
    Appointment.objects.create(case=case_a, client=case_a.client, staff=counsellor_a, created_by=counsellor_a,
                               starts_at=timezone.now() - dt.timedelta(days=10), status="attended")
    response = login(seeker_a).get(reverse("caseload:me_appointments"))
    assert [a.pk for a in response.context["upcoming"]] == [appointment_a.pk]
    assert [a.status for a in response.context["past"].object_list] == ["attended"]


def test_a_question_about_my_plan_lands_in_the_counsellor_inbox(login, seeker_a, case_a, counsellor_a):
    item = make_plan_item(case_a.client, by=counsellor_a)
    web = login(seeker_a)
    url = reverse("caseload:me_plan_question", args=[item.code])
    empty = web.post(url, {"question": ""})
    assert empty.status_code == 422 and "Write your question first." in empty.content.decode()
    assert not Task.objects.filter(kind="client_question").exists()
    assert web.post(url, {"question": "Which documents should I bring?"}).status_code == 302
    task = Task.objects.get(kind="client_question")
    assert (task.assignee, task.detail, task.case) == (counsellor_a, "Which documents should I bring?", case_a)
    home = login(counsellor_a).get(reverse("caseload:home")).content.decode()
    assert "Which documents" in home or case_a.client.full_name in home


def test_i_mark_a_step_done_and_the_counsellor_sees_who(login, seeker_a, case_a, counsellor_a):
    item = make_plan_item(case_a.client, by=counsellor_a)
    web = login(seeker_a)
    assert web.post(reverse("caseload:me_plan_item_done", args=[item.code])).status_code == 302
    item.refresh_from_db()
    assert (item.status, item.completed_by) == (PlanItem.Status.COMPLETED, seeker_a)
    panel = login(counsellor_a).get(reverse("clients:panel_plan", args=[case_a.client.code])).content.decode()
    assert "marked done by the client" in panel


def test_the_counsellor_is_told_once_in_their_language(login, seeker_a, case_a, counsellor_a):
    User.objects.filter(pk=counsellor_a.pk).update(preferred_language="fr")
    item = make_plan_item(case_a.client, by=counsellor_a)  # "Resume writing workshop" / "Atelier de rédaction de CV"
    web = login(seeker_a)
    url = reverse("caseload:me_plan_item_done", args=[item.code])
    assert [web.post(url).status_code, web.post(url).status_code] == [302, 302]  # a double click
    told = Notification.objects.get(recipient=counsellor_a)
    name = case_a.client.full_name
    assert (told.template, told.channel) == ("caseload.plan_item_done_by_client", "in_app")
    assert told.rendered(language="fr")[0] == (
        f"{name} a indiqué avoir fait une étape de son plan : Atelier de rédaction de CV")
    assert told.rendered(language="en")[0] == f"{name} marked a step of their plan done: Resume writing workshop"
    assert told.link == reverse("clients:detail", args=[case_a.client.code]) + "#panel-plan"
    assert notifications.deliver(told.pk) is True
    assert notifications.deliver(told.pk) is False  # delivered once


def test_a_question_title_reads_in_the_counsellors_language(login, seeker_a, case_a, counsellor_a):
    item = make_plan_item(case_a.client, by=counsellor_a)
    login(seeker_a).post(reverse("caseload:me_plan_question", args=[item.code]), {"question": "Quand?"})
    task = Task.objects.get(kind="client_question")
    with translation.override("fr"):
        assert task.shown_title == (f"Question de {case_a.client.full_name} sur son plan : "
                                    "Atelier de rédaction de CV")


def test_nobody_reaches_anothers_records(login, seeker_a, case_a, case_b, counsellor_b):
    theirs = services.appointment_schedule(case=case_b, staff=counsellor_b, mode="phone", scheduled_by=counsellor_b,
                                           starts_at=timezone.now() + dt.timedelta(days=3))
    item = make_plan_item(case_b.client, by=counsellor_b)
    web = login(seeker_a)
    assert web.post(reverse("caseload:me_appointment_confirm", args=[theirs.code])).status_code == 404
    assert web.get(reverse("caseload:me_appointment_reschedule", args=[theirs.code])).status_code == 404
    assert web.post(reverse("caseload:me_plan_question", args=[item.code]), {"question": "x"}).status_code == 404
    assert web.post(reverse("caseload:me_plan_item_done", args=[item.code])).status_code == 404
    assert Appointment.objects.get(pk=theirs.pk).confirmed_at is None
    assert PlanItem.objects.get(pk=item.pk).status != PlanItem.Status.COMPLETED
    assert not Task.objects.filter(kind__in=["client_question", "appointment_change"]).exists()


def test_my_appointments_page_reads_a_bounded_number_of_queries(login, seeker_a, case_a, counsellor_a,
                                                                django_assert_max_num_queries):
    for days in range(1, 26):
        Appointment.objects.create(case=case_a, client=case_a.client, staff=counsellor_a, created_by=counsellor_a,
                                   starts_at=timezone.now() - dt.timedelta(days=days), status="attended")
    web = login(seeker_a)
    with django_assert_max_num_queries(14):
        response = web.get(reverse("caseload:me_appointments"))
    assert len(response.context["past"].object_list) == 20


def test_my_appointments_are_listed_once_across_the_portal(login, seeker_a, appointment_a, case_a, counsellor_a):
    later = services.appointment_schedule(case=case_a, staff=counsellor_a, mode="video", scheduled_by=counsellor_a,
                                          starts_at=timezone.now() + dt.timedelta(days=9))
    web = login(seeker_a)
    shown = [f'<time datetime="{timezone.localtime(a.starts_at).isoformat()}">' for a in (appointment_a, later)]
    home = web.get(reverse("clients:me")).content.decode()
    panel = web.get(reverse("caseload:me_panel"), headers={"HX-Request": "true"}).content.decode()
    listing = web.get(reverse("caseload:me_appointments")).content.decode()
    assert [listing.count(tag) for tag in shown] == [1, 1]  # the one list, with its actions
    assert [(home + panel).count(tag) for tag in shown] == [1, 0]  # /me/ names only the next one
    assert reverse("caseload:me_appointments") in panel
