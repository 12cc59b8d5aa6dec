from tests.matrix import LOGIN, PERSONAS, Row


def _ministry_only(name, *, anonymous=LOGIN):
    expect = dict.fromkeys(PERSONAS, 403)
    expect.update(anonymous=anonymous, ministry=200)
    return Row(name, expect)


ROWS = [
    _ministry_only("funding:whatif"),
    _ministry_only("funding:ledger"),
    _ministry_only("funding_api:ledger-list", anonymous=403),
    _ministry_only("funding_api:funding", anonymous=403),  # without a period: the fiscal year to date
    # Without a period the what-if API answers 400 (start and end are required), after the permission check.
    Row("funding_api:whatif", {**dict.fromkeys(PERSONAS, 403), "ministry": 400}),
]
