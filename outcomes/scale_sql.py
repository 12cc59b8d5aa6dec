"""SQL building blocks for the scale generator (outcomes.scale): deterministic pseudo-random expressions, an
INSERT ... SELECT that fills the columns it is not given with the model's defaults, and dropping then rebuilding a
table's secondary indexes around a bulk load. PostgreSQL only.

The rows are made by the database (INSERT ... SELECT from generate_series), not built in Python: at province scale
(5,000,000 notes) Python model construction was most of the 2-2.5 hours the generator took.
"""

import uuid

from django.db import connection, models

# hashint8extended(key, salt) is PostgreSQL's 64-bit hash of a bigint: the same number for the same key and salt on
# every run and every plan (parallel or not), unlike random() whose sequence depends on row order.
_MASK = 2**53 - 1


def rnd(key: str, salt: int) -> str:
    """SQL for a pseudo-random float in [0, 1) determined by the SQL bigint expression `key` and `salt`."""
    return f"((hashint8extended(({key})::bigint, {int(salt)}) & {_MASK})::float8 / {float(_MASK + 1)!r})"


def pick(key: str, salt: int, count) -> str:
    """SQL for a pseudo-random integer in [0, count); `count` is a number or an SQL integer expression."""
    return f"floor({rnd(key, salt)} * ({count}))::int"


def weighted(key: str, salt: int, weights) -> str:
    """SQL for an index in [0, len(weights)) drawn with the given relative weights (width_bucket over the cumulative
    thresholds)."""
    total = float(sum(weights))
    running, thresholds = 0.0, []
    for weight in weights[:-1]:
        running += weight
        thresholds.append(repr(running / total))
    if not thresholds:
        return "0"
    return f"width_bucket({rnd(key, salt)}, ARRAY[{', '.join(thresholds)}]::float8[])"


def literal(value) -> str:
    """An SQL literal for one of the generator's own constants (str, int, float, bool or None)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def choice(key: str, salt: int, values: list, weights=None) -> str:
    """SQL for one of `values` (constants), uniformly or with relative `weights`."""
    index = weighted(key, salt, weights) if weights else pick(key, salt, len(values))
    return f"(ARRAY[{', '.join(literal(v) for v in values)}])[1 + {index}]"


def insert_select(model, columns: dict, source: str, now) -> int:
    """INSERT INTO the model's table the rows of `SELECT <columns> <source>`: `columns` maps a column name to an SQL
    expression; every other concrete column gets the model's default (UUID fields a fresh gen_random_uuid(),
    auto_now/auto_now_add fields `now`, the primary key its identity unless given). Returns the rows inserted.
    Raises KeyError for a column the model does not have."""
    known = {f.column for f in model._meta.concrete_fields}
    unknown = set(columns) - known
    if unknown:
        raise KeyError(f"{model.__name__} has no column {sorted(unknown)}")
    names, values, params = [], [], []
    for field in model._meta.concrete_fields:
        names.append(connection.ops.quote_name(field.column))
        if field.column in columns:
            values.append(str(columns[field.column]).replace("%", "%%"))
        elif field.primary_key:
            names.pop()
        elif isinstance(field, models.UUIDField) and field.default is uuid.uuid4:
            values.append("gen_random_uuid()")
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values.append("%s")
            params.append(now)
        elif field.null and not field.has_default():
            values.append("NULL")
        else:
            values.append(f"%s::{field.db_type(connection)}")
            params.append(field.get_db_prep_save(field.get_default(), connection))
    sql = (f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(names)}) "
           f"SELECT {', '.join(values)} {source.replace('%', '%%')}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def next_id(model) -> int:
    """The largest primary key in the model's table (0 when empty): explicit ids are base + n + 1."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT coalesce(max(id), 0) FROM {connection.ops.quote_name(model._meta.db_table)}")
        return cursor.fetchone()[0]


def sync_identity(models_: list) -> None:
    """After rows with explicit ids: move each table's identity sequence past its largest id."""
    with connection.cursor() as cursor:
        for model in models_:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence(%s, 'id'), greatest(max(id), 1)) FROM "
                           f"{connection.ops.quote_name(table)}", [table])


def drop_secondary_indexes(models_: list) -> list[str]:
    """Drop every index of the models' tables but the primary keys (unique constraints too, unless a foreign key
    depends on them); returns the statements that rebuild them. Building an index once over loaded rows is several
    times faster than keeping it up to date row by row."""
    tables = [m._meta.db_table for m in models_]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.relname, ix.relname, pg_get_indexdef(i.indexrelid), c.conname, pg_get_constraintdef(c.oid) "
            "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ix ON ix.oid = i.indexrelid "
            "LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = t.oid AND c.contype IN ('u', 'x') "
            "WHERE t.relname = ANY(%s) AND NOT i.indisprimary AND t.relnamespace = 'public'::regnamespace "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid) "
            "ORDER BY t.relname, ix.relname", [tables])
        rows = cursor.fetchall()
        rebuild = []
        for table, index, definition, constraint, constraint_definition in rows:
            quoted = connection.ops.quote_name(table)
            if constraint:
                cursor.execute(f"ALTER TABLE {quoted} DROP CONSTRAINT {connection.ops.quote_name(constraint)}")
                rebuild.append(f"ALTER TABLE {quoted} ADD CONSTRAINT {connection.ops.quote_name(constraint)} "
                               f"{constraint_definition}")
            else:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(index)}")
                rebuild.append(definition)
    return rebuild


def run(statements: list[str]) -> None:
    """Execute each statement (no parameters)."""
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
