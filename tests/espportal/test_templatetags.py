from django.utils import translation

from espportal.templatetags.portal import money


def test_money_reads_as_each_language_writes_it():
    with translation.override("en"):
        assert money("1234.5") == "$1,234.50"
    with translation.override("fr"):
        assert money("1234.5") == "1\u00a0234,50\u00a0$"
    assert money(None) == ""
