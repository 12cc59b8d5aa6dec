from django.db import migrations

# The matching pre-filter asks "offers every accommodation the client needs" with jsonb containment (@>);
# a GIN index answers it on PostgreSQL. SQLite has no such index (or operator): the engine checks in Python there.
FORWARD = "CREATE INDEX IF NOT EXISTS lead_open_accommodations ON employers_joblead USING gin " \
          "(accommodations_offered jsonb_path_ops) WHERE status = 'open'"
BACKWARD = "DROP INDEX IF EXISTS lead_open_accommodations"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("employers", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
