from django.db import migrations, models
from django.db.models import F, Q


def forwards(apps, schema_editor):
    """Existing rows: taught by a counsellor's dismissal when someone other than the person made it (their user
    account is the client's `user`); when its author is gone, when its match ended up dismissed."""
    LearnedPreference = apps.get_model("employers", "LearnedPreference")
    by_staff = Q(created_by__isnull=False) & (Q(client__user__isnull=True) | ~Q(created_by=F("client__user")))
    by_gone = Q(created_by__isnull=True, match__status="dismissed")
    LearnedPreference.objects.filter(by_staff | by_gone).update(source="dismissal")


class Migration(migrations.Migration):

    dependencies = [
        ("employers", "0006_constraint_messages"),
    ]

    operations = [
        migrations.AddField(
            model_name="learnedpreference",
            name="source",
            field=models.CharField(choices=[("answer", "the person's own answer"),
                                            ("dismissal", "a counsellor's dismissal")],
                                   default="answer", max_length=10),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
