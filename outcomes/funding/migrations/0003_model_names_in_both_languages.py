"""A funding model's name was one English sentence: it becomes reference data in both languages (name_en, the old
name; name_fr, filled here for the models the demo and the first deployments created, and a copy of the English
name for any other until an administrator edits it)."""

from django.db import migrations, models

FRENCH_NAMES = {
    "block": "Financement global (contrat annuel)",
    "outcome": "Axé sur les résultats (paiement aux résultats)",
}


def fill_french_names(apps, schema_editor):
    FundingModel = apps.get_model("funding", "FundingModel")
    for model in FundingModel.objects.filter(name_fr=""):
        model.name_fr = FRENCH_NAMES.get(model.code, model.name_en)
        model.save(update_fields=["name_fr"])


class Migration(migrations.Migration):

    dependencies = [
        ("funding", "0002_constraint_messages"),
    ]

    operations = [
        migrations.RenameField(model_name="fundingmodel", old_name="name", new_name="name_en"),
        migrations.AlterField(model_name="fundingmodel", name="name_en",
                              field=models.CharField(max_length=120, verbose_name="name (English)")),
        migrations.AddField(model_name="fundingmodel", name="name_fr",
                            field=models.CharField(default="", max_length=120, verbose_name="name (French)"),
                            preserve_default=False),
        migrations.AlterModelOptions(name="fundingmodel", options={"ordering": ["name_en"]}),
        migrations.RunPython(fill_french_names, migrations.RunPython.noop),
    ]
