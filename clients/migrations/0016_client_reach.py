from django.db import migrations

# Clients for a lead (employers.matching.client_candidates): a GiST index of the box each client reaches from home,
# queried with "reach box @> the lead's place". A copy of employers.matching.REACH_BOX_SQL as it stands at this
# migration (tests/employers/test_matching_reach.py checks the two are the same text: the planner uses the index
# only for the same expression). It replaces the fixed 100 km box on client_place and the long-commute index: at
# province scale that box held 286,561 of 500,000 clients and the planner scanned the table. PostgreSQL only;
# SQLite keeps the per-row box (demo-sized data).
REACH_BOX_SQL = (
    'box(point("clients_client"."longitude"::float8 - (COALESCE("clients_client"."max_commute_km", 30)::float8 / '
    '(111.320 * GREATEST(cos(radians(abs("clients_client"."latitude"::float8) + '
    '(COALESCE("clients_client"."max_commute_km", 30)::float8 / 110.574))), 0.01))) - 0.001, '
    '"clients_client"."latitude"::float8 - (COALESCE("clients_client"."max_commute_km", 30)::float8 / 110.574) - 0.001), '
    'point("clients_client"."longitude"::float8 + (COALESCE("clients_client"."max_commute_km", 30)::float8 / '
    '(111.320 * GREATEST(cos(radians(abs("clients_client"."latitude"::float8) + '
    '(COALESCE("clients_client"."max_commute_km", 30)::float8 / 110.574))), 0.01))) + 0.001, '
    '"clients_client"."latitude"::float8 + (COALESCE("clients_client"."max_commute_km", 30)::float8 / 110.574) + 0.001))'
)


def reach_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS client_reach ON clients_client USING gist (({REACH_BOX_SQL}))")


def reach_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS client_reach")


class Migration(migrations.Migration):

    dependencies = [
        ('clients', '0015_noc_major_groups_french'),
    ]

    operations = [
        migrations.RemoveIndex(model_name='client', name='client_long_commute'),
        migrations.RunPython(reach_create, reach_drop),
    ]
