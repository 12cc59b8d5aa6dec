"""The employer profile's own forms: the site's error summary, a flash on success, no contact added twice, and
activities newest first (tester's report, 2026-11-30)."""

import datetime as dt

from django.urls import reverse

from employers.models import Contact, EngagementActivity


def test_the_profile_forms_use_the_sites_error_summary_and_say_when_they_went_through(employer, developer_a,
                                                                                       login):
    web = login(developer_a)
    page = web.get(reverse("employers:employer_detail", args=[employer.code])).content.decode()
    for name in ("relationship_set", "contact_add"):
        action = reverse(f"employers:{name}", args=[employer.code])
        assert f'action="{action}" novalidate>' in page, name
    added = web.post(reverse("employers:contact_add", args=[employer.code]),
                     {"name": "Pat Lee", "role": "recruiter", "email": "pat@example.test"}, follow=True)
    assert "Contact added." in added.content.decode()
    saved = web.post(reverse("employers:relationship_set", args=[employer.code]), {"stage": "engaged"}, follow=True)
    assert "Relationship saved." in saved.content.decode()


def test_the_same_contact_is_not_added_twice(employer, developer_a, login):
    web, url = login(developer_a), reverse("employers:contact_add", args=[employer.code])
    assert web.post(url, {"name": "Pat Lee", "role": "recruiter", "email": "pat@example.test"}).status_code == 302
    again = web.post(url, {"name": "PAT LEE", "role": "owner", "email": "Pat@Example.test"})
    assert again.status_code == 422
    assert again.context["contact_form"].errors["name"] == [
        "PAT LEE is already a contact of this employer, with the same e-mail or phone."]
    assert 'value="PAT LEE"' in again.content.decode()  # what was typed is kept
    assert web.post(url, {"name": "Pat Lee", "role": "recruiter", "phone": "416-555-0199"}).status_code == 302
    assert web.post(url, {"name": "pat lee", "role": "recruiter", "phone": "416-555-0199"}).status_code == 422
    # A namesake with another e-mail is another person.
    assert web.post(url, {"name": "Pat Lee", "role": "owner", "email": "p.lee@other.test"}).status_code == 302
    assert Contact.objects.filter(employer=employer).count() == 3


def test_the_profile_lists_activities_newest_first(employer, provider_a, developer_a, login):
    for day in (dt.date(1999, 3, 1), dt.date(2026, 11, 2), dt.date(2024, 6, 5)):
        EngagementActivity.objects.create(provider=provider_a, staff=developer_a, employer=employer,
                                          kind="site_visit", date=day)
    page = login(developer_a).get(reverse("employers:employer_detail", args=[employer.code])).content.decode()
    section = page[page.index('id="h-acts"'):]
    assert section.index("Nov. 2, 2026") < section.index("June 5, 2024") < section.index("March 1, 1999")
