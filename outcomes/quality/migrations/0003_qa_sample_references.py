"""QA sample members get an opaque reference (the only thing the ministry sees of them); findings may name one."""

import django.db.models.deletion
from django.db import migrations, models

import outcomes.quality.models.qa


def fill_references(apps, schema_editor):
    Member = apps.get_model("quality", "QASampleMember")
    taken = set()
    for member in Member.objects.filter(reference__isnull=True).only("pk"):
        reference = outcomes.quality.models.qa.new_reference()
        while reference in taken:
            reference = outcomes.quality.models.qa.new_reference()
        taken.add(reference)
        Member.objects.filter(pk=member.pk).update(reference=reference)


class Migration(migrations.Migration):

    dependencies = [
        ("quality", "0002_qa_and_attribution_reviews"),
    ]

    operations = [
        migrations.AddField(
            model_name="qasamplemember",
            name="reference",
            field=models.CharField(max_length=12, null=True, verbose_name="sample reference"),
        ),
        migrations.RunPython(fill_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="qasamplemember",
            name="reference",
            field=models.CharField(default=outcomes.quality.models.qa.new_reference, max_length=12, unique=True,
                                   verbose_name="sample reference"),
        ),
        migrations.AddField(
            model_name="qafinding",
            name="member",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="findings", to="quality.qasamplemember"),
        ),
    ]
