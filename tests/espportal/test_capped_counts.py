"""espportal.pagination.capped_counts (several totals in one query, each cut at the cap) and total_label (how a
capped total reads, in both languages)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from espportal.models import User
from espportal.pagination import capped_counts, total_label


def test_it_counts_each_branch_up_to_the_cap_plus_one_in_one_query(db):
    for name in ("a1", "a2", "a3", "a4", "a5", "b1"):
        User.objects.create_user(email=f"cap.{name}@example.test", password="x-Unused-1")
    people = User.objects.filter(email__startswith="cap.")
    with CaptureQueriesContext(connection) as counted:
        totals = capped_counts({"a": people.filter(email__startswith="cap.a"),
                                "b": people.filter(email__startswith="cap.b"),
                                "c": people.filter(email__startswith="cap.c")}, cap=2)
    assert totals == {"a": 3, "b": 1, "c": 0}
    assert len(counted) == 1


def test_a_total_past_the_cap_reads_as_the_cap_and_a_plus():
    assert (total_label(1001, 1000), total_label(1000, 1000), total_label(7, 1000)) == ("1,000+", "1,000", "7")
    with translation.override("fr"):
        assert total_label(1001, 1000) == "1\xa0000+"


def test_branches_empty_by_construction_count_zero(db):
    assert capped_counts({"a": User.objects.none(), "b": User.objects.filter(pk__in=[])}, cap=2) == {"a": 0, "b": 0}
