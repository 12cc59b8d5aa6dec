"""E-mailed invitation links are made at send time now: take the links out of outbox rows queued or sent before.

A row not sent yet keeps its invitation (found by the hash of the token in its link) so the delivery makes a new
link; a sent row keeps no link at all (the e-mail already carries it)."""

import hashlib
import re

from django.db import migrations

TOKEN = re.compile(r"/join/([\w-]+)/")


def _hash(token):
    return hashlib.sha256(token.strip().encode()).hexdigest()


def forwards(apps, schema_editor):
    Notification = apps.get_model("espportal", "Notification")
    Invitation = apps.get_model("clients", "Invitation")
    for row in Notification.objects.filter(template="clients.invitation"):
        link = row.context.pop("link", None)
        if not link:
            continue
        found = TOKEN.search(link)
        invitation = Invitation.objects.filter(token_hash=_hash(found.group(1))).first() if found else None
        if invitation is not None:
            row.context["invitation"] = str(invitation.code)
        row.context["base_url"] = link[:found.start()] if found else ""
        row.body = row.body.replace(link, "…")
        row.save(update_fields=["context", "body"])


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0009_client_name_key"),
        ("espportal", "0004_notification_message_id"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
