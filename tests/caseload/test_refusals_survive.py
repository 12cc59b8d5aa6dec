"""A refusal's audit row survives the refusal: no service refuses from inside its own atomic block, where the
row would roll back with everything else."""

import ast
import datetime as dt
import pathlib

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from caseload import services
from caseload.models import Appointment
from espportal.models import AuditEvent

ROOT = pathlib.Path(__file__).resolve().parents[2]
REFUSERS = {"refuse", "_refuse"}


def test_rescheduling_an_appointment_someone_just_rescheduled_is_refused_and_audited(appointment_a, counsellor_a):
    Appointment.objects.filter(pk=appointment_a.pk).update(status=Appointment.Status.RESCHEDULED)  # meanwhile

    with pytest.raises(ValidationError):
        services.appointment_reschedule(appointment=appointment_a, changed_by=counsellor_a,
                                        starts_at=timezone.now() + dt.timedelta(days=5))

    assert AuditEvent.objects.filter(action="appointment.refused", target_code=str(appointment_a.code)).count() == 1
    assert Appointment.objects.count() == 1


def test_recording_an_appointment_someone_just_recorded_is_refused_and_audited(appointment_a, counsellor_a):
    Appointment.objects.filter(pk=appointment_a.pk).update(starts_at=timezone.now() - dt.timedelta(hours=2),
                                                           status=Appointment.Status.NO_SHOW)  # meanwhile
    appointment_a.starts_at = timezone.now() - dt.timedelta(hours=2)

    with pytest.raises(ValidationError):
        services.appointment_record(appointment=appointment_a, status=Appointment.Status.ATTENDED,
                                    recorded_by=counsellor_a)

    assert AuditEvent.objects.filter(action="appointment.refused", target_code=str(appointment_a.code)).count() == 1


def _refusals_inside_atomic_blocks(sources=None) -> list[str]:
    """'path:line' of each refusal call inside an atomic block, in `sources` ({name: source}) or our apps."""
    found = []

    def atomic(node) -> bool:
        return "transaction.atomic" in ast.unparse(node)

    def visit(node, inside, path):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside = any(atomic(decorator) for decorator in node.decorator_list)
        if isinstance(node, ast.With) and any(atomic(item.context_expr) for item in node.items):
            inside = True
        if inside and isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in REFUSERS:
                found.append(f"{path}:{node.lineno}")
        for child in ast.iter_child_nodes(node):
            visit(child, inside, path)

    if sources is None:
        sources = {path.relative_to(ROOT): path.read_text()
                   for app in ("espportal", "clients", "caseload", "employers", "outcomes")
                   for path in (ROOT / app).rglob("*.py") if "migrations" not in path.parts}
    for path, source in sources.items():
        visit(ast.parse(source), False, path)
    return found


def test_the_checker_catches_a_refusal_inside_an_atomic_block():
    source = ("@transaction.atomic\ndef a():\n    refuse('x', action='y')\n\n"
              "def b():\n    with transaction.atomic():\n        _refuse('x', action='y')\n    refuse('z', action='y')\n")
    assert _refusals_inside_atomic_blocks({"s.py": source}) == ["s.py:3", "s.py:7"]


def test_no_service_refuses_from_inside_an_atomic_block():
    assert _refusals_inside_atomic_blocks() == []
