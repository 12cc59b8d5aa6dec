"""espportal.db.ids_in: a large id filter as one parameter on PostgreSQL, the same rows as `__in` everywhere."""

import pytest

from espportal.db import ids_in
from espportal.models import Provider


@pytest.mark.django_db
def test_it_keeps_exactly_the_given_ids():
    a, b, c = (Provider.objects.create(name=name, region="toronto") for name in ("A", "B", "C"))
    assert set(Provider.objects.filter(ids_in("pk", {a.pk, c.pk})).values_list("name", flat=True)) == {"A", "C"}
    assert not Provider.objects.filter(ids_in("pk", [])).exists()


@pytest.mark.django_db
def test_it_sends_many_ids_as_one_parameter_on_postgresql():
    from django.db import connection

    a = Provider.objects.create(name="A", region="toronto")
    query = Provider.objects.filter(ids_in("pk", [a.pk, *range(10**9, 10**9 + 5000)]))
    _sql, params = query.query.sql_with_params()
    if connection.vendor == "postgresql":
        assert len(params) == 1
    assert list(query.values_list("name", flat=True)) == ["A"]
