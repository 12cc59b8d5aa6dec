import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("outcomes", "0008_retention_check_provider"),
    ]

    operations = [
        migrations.AlterField(
            model_name="retentioncheck",
            name="provider",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="espportal.provider"),
        ),
        migrations.AddIndex(
            model_name="retentioncheck",
            index=models.Index(condition=models.Q(("status__in", ["due", "escalated"])),
                               fields=["provider", "due_on", "id"], name="retention_check_provider_open"),
        ),
    ]
