"""The permission matrix: every named URL of ours x every persona -> expected status.

Each app's tests add their rows in tests/<app>/matrix.py. test_permission_matrix.py fails when a URL exists
that no row covers, so a new page cannot ship without saying who may open it.
"""

from dataclasses import dataclass, field

PERSONAS = ("anonymous", "seeker_a", "intake_a", "counsellor_a", "manager_a", "counsellor_b", "ministry")
LOGIN = 302  # anonymous visitors are sent to sign in


@dataclass(frozen=True)
class Row:
    name: str
    expect: dict
    kwargs: dict = field(default_factory=dict)  # {"code": "client_a.code"}: fixture name, then attributes
    method: str = "get"
    data: dict = field(default_factory=dict)

    def __post_init__(self):
        missing = set(PERSONAS) - set(self.expect)
        if missing:
            raise ValueError(f"{self.name}: no expected status for {sorted(missing)}")

    @property
    def id(self):
        return f"{self.method}:{self.name}"


def staff_only(name, *, anonymous=LOGIN, intake=200, other_provider=200, **kw):
    """A page any staff member of any provider may open (their own data), not job seekers or ministry."""
    return Row(name, {"anonymous": anonymous, "seeker_a": 403, "intake_a": intake, "counsellor_a": 200,
                      "manager_a": 200, "counsellor_b": other_provider, "ministry": 403}, **kw)


def everyone_signed_in(name, *, anonymous=LOGIN, status=200, **kw):
    return Row(name, {"anonymous": anonymous, **{p: status for p in PERSONAS if p != "anonymous"}}, **kw)
