"""Database helpers every app's services share."""

import functools
import re
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, QuerySet, Subquery, Value


def hashed_subquery(queryset: QuerySet) -> Subquery:
    """`queryset` (one column, e.g. `.values("pk")`) as the right side of an `__in` that PostgreSQL reads once and
    probes as a hash: the subquery ends in OFFSET 0, which keeps the planner from flattening it into a join. Inside
    a correlated count run for each outer row (`subquery_count`), the hash is built on the first row and reused
    for the others, where the flattened join probed an index once per inner row (the manager page's team counts:
    15,900 probes of the provider's open cases, 16-24 ms at the province, 7 ms this way; issue 11). Same rows as
    `__in=queryset`; only the plan differs."""
    return _OffsetZero(queryset.order_by())


class _OffsetZero(Subquery):
    """A subquery ending in OFFSET 0 (hashed_subquery); SQLite wants a LIMIT before an OFFSET (-1: none)."""

    template = "(%(subquery)s OFFSET 0)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(%(subquery)s LIMIT -1 OFFSET 0)", **extra_context)


def subquery_count(queryset: QuerySet) -> Subquery:
    """A correlated COUNT(*) of `queryset` (filtered on an OuterRef) for annotate(): an integer, 0 when no row
    matches (a COUNT without GROUP BY always gives a row). Unlike Count() over a join, which groups every outer
    row before ORDER BY and LIMIT, the database counts only for the rows a page reads; COUNT(*), so an index that
    holds the filtered columns answers without reading the table. No GROUP BY on purpose: with one, PostgreSQL
    de-duplicated a `hashed_subquery` and hashed the outer side instead, once per outer row (issue 11, the manager
    page's team: 36 ms where this form takes 7)."""
    return Subquery(queryset.order_by().annotate(one=Value(1)).values("one").annotate(n=Count("*")).values("n"),
                    output_field=IntegerField())


@contextmanager
def constraint_refusal(message, *, field: str | None = None):
    """Run a save in a savepoint; a unique or check constraint that a simultaneous request won (IntegrityError)
    becomes the ValidationError `message` (on `field` if given), the same refusal the sequential case gets from
    full_clean(). The enclosing transaction stays usable."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise ValidationError({field: message} if field else message) from error


@functools.cache
def _constraint_messages() -> dict:
    from django.apps import apps

    return {constraint.name: constraint.violation_error_message
            for model in apps.get_models() for constraint in model._meta.constraints}


def constraint_name(error: IntegrityError) -> str | None:
    """The name of the constraint a database refused a write for: PostgreSQL's diagnostics (psycopg), or SQLite's
    message ("CHECK constraint failed: <name>", "UNIQUE constraint failed: index '<name>'"); None when unknown."""
    diag = getattr(error.__cause__, "diag", None)
    if getattr(diag, "constraint_name", None):
        return diag.constraint_name
    match = re.search(r"CHECK constraint failed: (\w+)|UNIQUE constraint failed: index '(\w+)'", str(error))
    if match:
        return match.group(1) or match.group(2)
    # SQLite names a partial unique index by its columns only ("UNIQUE constraint failed: table.col, table.col"):
    # the one unique constraint of that table on exactly those columns, if there is exactly one.
    match = re.search(r"UNIQUE constraint failed: ([\w.]+(?:, [\w.]+)*)", str(error))
    if not match:
        return None
    columns = [part.split(".") for part in match.group(1).split(", ")]
    return _unique_constraints_by_columns().get((columns[0][0], frozenset(column for _table, column in columns)))


@functools.cache
def _unique_constraints_by_columns() -> dict:
    from django.apps import apps
    from django.db.models import UniqueConstraint

    found: dict = {}
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if isinstance(constraint, UniqueConstraint) and constraint.fields:
                key = (model._meta.db_table,
                       frozenset(model._meta.get_field(name).column for name in constraint.fields))
                found[key] = None if key in found else constraint.name  # two on the same columns: unknown
    return found


def constraint_message(error: IntegrityError) -> str | None:
    """The human message (Meta.constraints' violation_error_message, in the active language) of the constraint
    behind `error`, or None for a constraint without one (the caller then says something general)."""
    message = _constraint_messages().get(constraint_name(error))
    return str(message) if message else None


def ids_in(field: str, ids):
    """A Q filter `field IN ids` for a large collection of integer ids. On PostgreSQL the ids travel as one text
    parameter unpacked by the database (`IN (SELECT unnest(string_to_array(%s, ',')::bigint[]))`): a list of
    300,000 ids as as many placeholders spent most of a province-scale KPI rollup in building and parsing the query
    text, and even one array parameter is quoted element by element on the client. Elsewhere, the ordinary
    `__in`. Raises ValueError (from int()) for an id that is not an integer."""
    from django.db import connection
    from django.db.models import Q
    from django.db.models.expressions import RawSQL

    if connection.vendor == "postgresql":
        joined = ",".join(str(int(pk)) for pk in ids)
        return Q(**{f"{field}__in": RawSQL("SELECT unnest(string_to_array(%s, ',')::bigint[])", (joined,))})
    return Q(**{f"{field}__in": list(ids)})
