"""The audit table refuses UPDATE and DELETE in the database itself, not only in the ORM."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION espportal_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'espportal_auditevent is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER espportal_auditevent_no_update BEFORE UPDATE ON espportal_auditevent
    FOR EACH ROW EXECUTE FUNCTION espportal_auditevent_append_only();
CREATE TRIGGER espportal_auditevent_no_delete BEFORE DELETE ON espportal_auditevent
    FOR EACH ROW EXECUTE FUNCTION espportal_auditevent_append_only();
CREATE TRIGGER espportal_auditevent_no_truncate BEFORE TRUNCATE ON espportal_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION espportal_auditevent_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS espportal_auditevent_no_update ON espportal_auditevent;
DROP TRIGGER IF EXISTS espportal_auditevent_no_delete ON espportal_auditevent;
DROP TRIGGER IF EXISTS espportal_auditevent_no_truncate ON espportal_auditevent;
DROP FUNCTION IF EXISTS espportal_auditevent_append_only();
"""
SQLITE_UP = [
    "CREATE TRIGGER espportal_auditevent_no_update BEFORE UPDATE ON espportal_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'espportal_auditevent is append-only'); END;",
    "CREATE TRIGGER espportal_auditevent_no_delete BEFORE DELETE ON espportal_auditevent "
    "BEGIN SELECT RAISE(ABORT, 'espportal_auditevent is append-only'); END;",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS espportal_auditevent_no_update;",
    "DROP TRIGGER IF EXISTS espportal_auditevent_no_delete;",
]


def _run(schema_editor, postgres, sqlite):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(postgres, params=None)  # no parameters: the '%' in RAISE is PL/pgSQL's, not ours
    elif vendor == "sqlite":
        for statement in sqlite:
            schema_editor.execute(statement)


def up(apps, schema_editor):
    _run(schema_editor, POSTGRES_UP, SQLITE_UP)


def down(apps, schema_editor):
    _run(schema_editor, POSTGRES_DOWN, SQLITE_DOWN)


class Migration(migrations.Migration):
    dependencies = [("espportal", "0001_initial")]
    operations = [migrations.RunPython(up, down)]
