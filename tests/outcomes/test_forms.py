from django.utils import translation

from outcomes.forms import SeekerCheckForm


def test_a_seekers_answer_is_kept_in_the_sites_language_whatever_they_read_in():
    form = SeekerCheckForm({"still_working": "yes", "same_employer": "no", "hours_per_week": "32",
                            "something_wrong": "no", "details": "Mon horaire a changé."})
    with translation.override("fr"):
        assert form.is_valid(), form.errors
        evidence = form.evidence()
    assert evidence.splitlines() == ["Still working: Yes", "Same employer: No", "Hours a week: 32",
                                     "Something going wrong: No", "Mon horaire a changé."]

