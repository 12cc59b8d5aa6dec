"""TOTP keys and recovery-code seeds were stored in the clear: encrypt them (espportal.adapters.MFAAdapter)."""

from django.db import migrations

FIELDS = ("secret", "seed")


def forwards(apps, schema_editor):
    from espportal.adapters import ENCRYPTED_PREFIX, encrypt_secret

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.all():
        data = dict(authenticator.data or {})
        changed = False
        for field in FIELDS:
            value = data.get(field)
            if isinstance(value, str) and not value.startswith(ENCRYPTED_PREFIX):
                data[field] = encrypt_secret(value)
                changed = True
        if changed:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("espportal", "0007_user_constraint_message"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
