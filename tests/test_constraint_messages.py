"""Every database constraint a person can run into has a human message in English and French: full_clean() shows it
next to the form (instead of "Constraint “lead_pay_range_ordered” is violated."), and when the database itself
refuses a write (two simultaneous requests), the page and the API answer that message, never a 500 or the
constraint's name (issue 13, section 5)."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.utils import timezone, translation

from caseload.models import CaseFile, Transfer
from employers.models import JobLead
from espportal.api import exception_handler
from espportal.db import constraint_message, constraint_name
from espportal.middleware import IntegrityErrorMiddleware
from tests.employers.factories import LeadFactory

OURS = ("espportal", "clients", "caseload", "employers", "outcomes")
CONSTRAINTS = sorted(
    ((model, constraint) for model in apps.get_models() if model.__module__.split(".")[0] in OURS
     for constraint in model._meta.constraints),
    key=lambda pair: pair[1].name)


def test_the_constraints_are_found():
    assert len(CONSTRAINTS) >= 50  # as many as the models declared when this test was written: none may slip away


@pytest.mark.parametrize("model,constraint", CONSTRAINTS, ids=[c.name for _m, c in CONSTRAINTS])
def test_every_constraint_has_a_human_message_in_both_languages(model, constraint):
    assert constraint.violation_error_message != constraint.default_violation_error_message
    with translation.override("en"):
        english = str(constraint.violation_error_message)
    with translation.override("fr"):
        french = str(constraint.violation_error_message)
    assert constraint.name not in english and "%(" not in english
    assert french != english, f"{constraint.name} has no French translation"


def _refused(write) -> IntegrityError:
    """The IntegrityError PostgreSQL (or SQLite) raises for `write`, inside a savepoint the test survives."""
    with pytest.raises(IntegrityError) as caught, transaction.atomic():
        write()
    return caught.value


@pytest.fixture
def refusals(case_a, provider_a, provider_b, counsellor_a, employer):
    return {
        "case_one_open_per_client": _refused(lambda: CaseFile.objects.create(
            client=case_a.client, provider=provider_b)),
        "transfer_other_provider": _refused(lambda: Transfer.objects.create(
            client=case_a.client, from_case=case_a, from_provider=provider_a, to_provider=provider_a,
            requested_by=counsellor_a, due_on=timezone.localdate())),
        "lead_pay_range_ordered": _refused(lambda: LeadFactory(
            provider=provider_a, employer=employer, pay_min=Decimal("20"), pay_max=Decimal("15"))),
    }


EXPECTED = {
    "case_one_open_per_client": ("This client already has an open case.", "Ce client a déjà un dossier ouvert."),
    "transfer_other_provider": ("A transfer must go to another provider.",
                                "Un transfert doit aller vers un autre fournisseur."),
    "lead_pay_range_ordered": ("The top of the pay range is below its bottom.", None),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_database_refusal_answers_the_constraints_message_on_pages_and_api(name, refusals):
    error = refusals[name]
    assert constraint_name(error) == name
    english, french = EXPECTED[name]
    with translation.override("en"):
        assert constraint_message(error) == english
        page = IntegrityErrorMiddleware(lambda r: None).process_exception(RequestFactory().get("/caseload/"), error)
        assert page.status_code == 409 and english in page.content.decode()
        assert name not in page.content.decode()
        api = exception_handler(error, {})
        assert api.status_code == 409 and api.data == {"detail": english}
    if french:
        with translation.override("fr"):
            api = exception_handler(error, {})
            assert api.data == {"detail": french}


@pytest.mark.django_db
def test_full_clean_shows_the_message_not_the_constraints_name(provider_a, employer):
    lead = JobLead(provider=provider_a, employer=employer, title="Cook", pay_min=Decimal("20"),
                   pay_max=Decimal("15"), remote=True, hours_per_week=30)
    with pytest.raises(ValidationError) as caught:
        lead.validate_constraints()
    assert caught.value.messages == ["The top of the pay range is below its bottom."]


@pytest.mark.django_db
def test_a_refusal_without_a_known_constraint_still_answers_a_plain_409(counsellor_a):
    error = IntegrityError("duplicate key value violates unique constraint \"something_else\"")
    api = exception_handler(error, {})
    assert api.status_code == 409 and "Reload and check" in api.data["detail"]
