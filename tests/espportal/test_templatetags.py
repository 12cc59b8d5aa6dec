from django.utils import translation

from espportal.templatetags.portal import money


def test_money_reads_as_each_language_writes_it():
    with translation.override("en"):
        assert money("1234.5") == "$1,234.50"
    with translation.override("fr"):
        assert money("1234.5") == "1\u00a0234,50\u00a0$"
    assert money(None) == ""


def test_pay_reads_the_same_way_on_every_page_in_each_language():
    from espportal.templatetags.portal import pay_range

    with translation.override("en"):
        assert pay_range("17.2", "30") == "$17.20 to $30.00 an hour"
        assert pay_range("17.2", None) == "$17.20 an hour"
        assert pay_range("17.2", "17.2") == "$17.20 an hour"
        assert pay_range(None, None) == "not stated"
    with translation.override("fr"):
        assert pay_range("17.2", "30") == "De 17,20\u00a0$ à 30,00\u00a0$ l'heure"
        assert pay_range("17.2", None) == "17,20\u00a0$ l'heure"


def test_every_date_on_a_page_is_in_the_readers_format(db, web, case_a, counsellor_a):
    """The issue's example: "30 novembre 2026" on a French page, never a hand-formatted 2026-11-30."""
    import datetime as dt

    from django.urls import reverse
    from django.utils import timezone

    from caseload import services

    note = services.note_add(case=case_a, author=counsellor_a, kind="contact", body="Called.", visibility="team")
    when = timezone.make_aware(dt.datetime(2026, 11, 30, 10, 5))
    type(note).objects.filter(pk=note.pk).update(created_at=when)
    web.force_login(counsellor_a)
    for language, shown in (("fr", "30 novembre 2026 10:05"), ("en", "Nov. 30, 2026, 10:05 a.m.")):
        counsellor_a.preferred_language = language
        counsellor_a.save(update_fields=["preferred_language"])
        page = web.get(reverse("caseload:case", args=[case_a.code])).content.decode()
        assert shown in page, language
        assert ">2026-11-30" not in page


def test_no_template_formats_a_date_by_hand():
    """Dates a person reads use the language's formats (DATE_FORMAT, DATETIME_FORMAT, ...); a literal format such as
    "Y-m-d" is only for machine attributes (value='...', datetime='...'), written in single quotes."""
    import re
    from pathlib import Path

    from django.conf import settings

    found = []
    for path in Path(settings.BASE_DIR, "templates").rglob("*.html"):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for fmt in re.findall(r'\|date:"([^"]*)"', line):
                if not fmt.endswith("_FORMAT"):
                    found.append(f"{path.name}:{number}: |date:\"{fmt}\"")
    assert not found, "\n".join(found)
