"""Retention checks carry their placement's provider (filled here from the placement), so a provider's open
checks are one index range; the next migration makes the column required and indexes it. Two migrations because
PostgreSQL refuses to alter a table whose rows this transaction updated while foreign keys are deferred."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_provider(apps, schema_editor):
    RetentionCheck = apps.get_model("outcomes", "RetentionCheck")
    Placement = apps.get_model("outcomes", "Placement")
    RetentionCheck.objects.update(provider_id=Subquery(
        Placement.objects.filter(pk=OuterRef("placement_id")).values("provider_id")[:1]))


class Migration(migrations.Migration):

    dependencies = [
        ("espportal", "0008_encrypt_authenticator_secrets"),
        ("outcomes", "0007_api_keyset_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="retentioncheck",
            name="provider",
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="espportal.provider"),
        ),
        migrations.RunPython(fill_provider, migrations.RunPython.noop),
    ]
