"""The job-quality index: how good a job is, in parts a counsellor and the ministry can read.

Each part is met or not; the index is the sum of the weights of the parts met (0-100):

- permanent (20): a permanent job, not a contract, seasonal or casual one;
- full_time (20): 30 or more hours a week (Statistics Canada's line);
- pay (20): hourly pay at or above settings.ESP_QUALITY_PAY_THRESHOLD;
- goal_aligned (15): the job is in the unit group or the minor group of one of the client's occupational goals;
- teer_fit (15): no underemployment, i.e. the job's TEER is not 2 or more levels below the client's qualification
  (a higher TEER number means less training; the qualification is the best of their goals and their education,
  as the matching engine reads it). Unknown qualification counts as a fit;
- benefits (10): the job comes with benefits.
"""

from decimal import Decimal

from django.conf import settings

from clients.models import Client
from employers.facts import EDUCATION_TEER
from employers.models import FULL_TIME_HOURS, Permanence

WEIGHTS = {"permanent": 20, "full_time": 20, "pay": 20, "goal_aligned": 15, "teer_fit": 15, "benefits": 10}
UNDEREMPLOYMENT_GAP = 2


def qualification_teer(client: Client) -> int | None:
    """The most demanding TEER the client is qualified or aiming for (lowest number), as matching reads it."""
    teers = [g.occupation.teer for g in client.goals.all() if g.occupation.teer is not None]
    if client.education_level in EDUCATION_TEER:
        teers.append(EDUCATION_TEER[client.education_level])
    return min(teers) if teers else None


def goal_codes(client: Client) -> list[str]:
    return [g.occupation.code for g in client.goals.all()]


def job_quality(*, permanence: str, hours_per_week, hourly_pay, benefits: bool, noc_code: str, teer: int,
                goals: list[str], qualification: int | None, pay_threshold: Decimal | None = None) -> tuple[int, dict]:
    """(index 0-100, parts). Pure: the caller reads the client's goals and qualification."""
    threshold = Decimal(settings.ESP_QUALITY_PAY_THRESHOLD if pay_threshold is None else pay_threshold)
    underemployed = qualification is not None and teer - qualification >= UNDEREMPLOYMENT_GAP
    aligned = any(noc_code == code or (len(code) >= 4 and noc_code[:4] == code[:4]) for code in goals)
    met = {
        "permanent": permanence == Permanence.PERMANENT,
        "full_time": Decimal(hours_per_week) >= FULL_TIME_HOURS,
        "pay": Decimal(hourly_pay) >= threshold,
        "goal_aligned": aligned,
        "teer_fit": not underemployed,
        "benefits": bool(benefits),
    }
    parts = {name: {"met": ok, "points": WEIGHTS[name] if ok else 0, "weight": WEIGHTS[name]}
             for name, ok in met.items()}
    parts["pay"]["threshold"] = str(threshold)
    parts["teer_fit"].update({"job_teer": teer, "qualification_teer": qualification, "underemployment": underemployed})
    return sum(p["points"] for p in parts.values()), parts
