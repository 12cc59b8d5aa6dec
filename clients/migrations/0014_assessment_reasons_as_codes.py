"""Assessment reasons were stored as sentences in the language of the request that made them; they are codes and
parameters now (clients.assessment.reason_text words them for each reader). Each stored assessment's reasons are
worked out again from its stored answers, which the instrument turns into the same segment and points; a row whose
answers no longer validate keeps its sentences (they are still shown as written)."""

from django.core.exceptions import ValidationError
from django.db import migrations


def reasons_to_codes(apps, schema_editor):
    from clients import assessment as instrument  # a pure function of the answers: no model state involved

    Assessment = apps.get_model("clients", "Assessment")
    for row in Assessment.objects.exclude(reasons=[]).only("pk", "answers", "reasons", "points").iterator():
        if not any(isinstance(reason, str) for reason in row.reasons):
            continue
        try:
            result = instrument.compute(instrument.validate(row.answers))
        except (ValidationError, KeyError, TypeError):
            continue
        if result.points == row.points:
            Assessment.objects.filter(pk=row.pk).update(reasons=result.reasons)


def codes_to_reasons(apps, schema_editor):
    from django.utils import translation

    from clients import assessment as instrument

    Assessment = apps.get_model("clients", "Assessment")
    with translation.override("en"):
        for row in Assessment.objects.exclude(reasons=[]).only("pk", "reasons").iterator():
            Assessment.objects.filter(pk=row.pk).update(reasons=instrument.reason_texts(row.reasons))


class Migration(migrations.Migration):
    dependencies = [("clients", "0013_constraint_messages")]
    operations = [migrations.RunPython(reasons_to_codes, codes_to_reasons)]
