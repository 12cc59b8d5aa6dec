"""Build the labelled evaluation set (dataset.json next to this file), deterministically.

    .venv/bin/python -m employers.evaluation.generate        # rewrites employers/evaluation/dataset.json

No database and no Django needed: profiles, leads and labels come from the tables below and a seeded random
generator, so the same file comes out every time. How the labels are decided is in `label` and in README.md.
"""

import json
import random
from pathlib import Path

SEED = 2026
HERE = Path(__file__).resolve().parent

# The skills (codes of clients.Skill reference data) a job in each NOC 2021 unit group typically requires.
DOMAIN = {
    "11100": ["bookkeeping", "accounting-software", "spreadsheets"],
    "11101": ["spreadsheets", "problem-solving", "sql"],
    "12010": ["supervision", "scheduling", "word-processing"],
    "12200": ["bookkeeping", "spreadsheets", "data-entry"],
    "13110": ["word-processing", "scheduling", "reception"],
    "13112": ["reception", "scheduling", "word-processing"],
    "14100": ["data-entry", "word-processing", "communication"],
    "14101": ["reception", "customer-service", "bilingual-en-fr"],
    "14200": ["data-entry", "spreadsheets", "bookkeeping"],
    "21223": ["sql", "python", "spreadsheets"],
    "21231": ["python", "sql", "problem-solving"],
    "21232": ["python", "javascript", "sql"],
    "21234": ["javascript", "web-development"],
    "21300": ["project-management", "blueprint-reading", "problem-solving"],
    "21301": ["blueprint-reading", "problem-solving"],
    "22220": ["it-support", "problem-solving"],
    "22221": ["it-support", "customer-service", "problem-solving"],
    "31301": ["patient-care", "first-aid"],
    "32101": ["patient-care", "first-aid"],
    "33102": ["patient-care", "personal-support"],
    "41220": ["communication", "problem-solving"],
    "42201": ["communication", "problem-solving"],
    "42202": ["childcare", "first-aid"],
    "43100": ["childcare", "communication"],
    "44101": ["personal-support", "first-aid", "cleaning"],
    "62010": ["supervision", "sales", "scheduling"],
    "63200": ["cooking", "food-safety"],
    "63202": ["cooking", "food-safety"],
    "64100": ["sales", "customer-service", "point-of-sale"],
    "64409": ["customer-service", "communication", "bilingual-en-fr"],
    "64410": ["first-aid", "communication"],
    "65100": ["cash-handling", "point-of-sale", "customer-service"],
    "65102": ["inventory", "warehouse"],
    "65200": ["customer-service", "cash-handling", "food-safety"],
    "65201": ["food-safety", "customer-service"],
    "65310": ["cleaning"],
    "72106": ["welding", "workplace-safety"],
    "72200": ["electrical", "workplace-safety", "blueprint-reading"],
    "72310": ["carpentry", "power-tools", "blueprint-reading"],
    "72410": ["power-tools", "problem-solving", "workplace-safety"],
    "73300": ["driving-class-a", "workplace-safety"],
    "73301": ["driving-g", "customer-service"],
    "75101": ["warehouse", "forklift"],
    "75110": ["power-tools", "workplace-safety"],
    "75201": ["driving-g", "customer-service"],
    "85121": ["landscaping", "power-tools"],
}
PAY_BY_TEER = {0: (45, 60), 1: (34, 46), 2: (25, 33), 3: (21, 27), 4: (18, 23), 5: (17, 20)}
ACCOMMODATIONS = ["screen_reader", "step_free", "flexible_hours", "quiet_workspace"]

# Who the profiles are, after the focus group: (group, goal sets to draw from, education levels, how many).
# A goal set is one or two NOC unit groups (a newcomer often pairs their profession with a bridging job).
GROUPS = [
    ("newcomer", [("21231",), ("11100", "12200"), ("21300",), ("31301", "32101"), ("41220", "43100"),
                  ("21223",), ("11101",), ("21231", "22221")], ["graduate", "bachelor"], 14),
    ("disability", [("13110",), ("21232",), ("64409",), ("14101",), ("22221",), ("65102",), ("11100",)],
     ["college", "secondary", "bachelor"], 12),
    ("mature", [("12010",), ("64410",), ("14100",), ("72410",), ("73300",), ("62010",), ("72310",)],
     ["secondary", "college", "apprenticeship"], 12),
    ("youth", [("65100",), ("63200",), ("65201",), ("22221",), ("75101",), ("64100",), ("42202",)],
     ["secondary", "none", "college"], 12),
]


def _point(rng: random.Random) -> tuple[str, str]:
    """Somewhere in central Toronto: within about 6 km of Queen and Yonge, well inside every commute below."""
    return f"{43.652 + rng.uniform(-0.05, 0.05):.5f}", f"{-79.381 + rng.uniform(-0.05, 0.05):.5f}"


def leads(rng: random.Random) -> list[dict]:
    out = []
    for n, (code, skills) in enumerate(sorted(DOMAIN.items())):
        teer = int(code[1])
        low, high = PAY_BY_TEER[teer]
        pay_min = rng.randint(low, high - 2)
        required = [] if n % 8 == 5 else sorted(rng.sample(skills, k=min(2, len(skills))))
        lat, lng = _point(rng)
        out.append({
            "id": f"L{n + 1:02d}", "noc": code, "required_skills": required, "pay_min": pay_min,
            "pay_max": pay_min + rng.randint(1, 4), "accommodations_offered": sorted(
                rng.sample(ACCOMMODATIONS, k=rng.choice([0, 1, 2, 2, 3, 4]))),
            "latitude": lat, "longitude": lng, "days_old": rng.randint(0, 40),
        })
    return out


def profiles(rng: random.Random) -> list[dict]:
    out = []
    for group, goal_sets, educations, count in GROUPS:
        for i in range(count):
            goals = list(goal_sets[i % len(goal_sets)])
            domain = sorted({s for g in goals for s in DOMAIN[g]})
            # Skills recorded so far: newcomers often have none recorded yet (credentials under review).
            k = rng.choice([0, 1, 2] if group in ("newcomer", "youth") else [1, 2, 2, 3])
            skills = sorted(rng.sample(domain, k=min(k, len(domain))))
            if rng.random() < 0.3:  # a transferable skill from elsewhere
                skills = sorted({*skills, rng.choice(["customer-service", "communication", "teamwork",
                                                      "spreadsheets", "driving-g"])})
            lat, lng = _point(rng)
            profile = {
                "id": f"P{len(out) + 1:02d}", "group": group, "goals": goals, "skills": skills,
                "education_level": rng.choice(educations), "foreign_credentials": group == "newcomer",
                "accommodations": [], "min_hourly_wage": 17 + rng.randint(0, 8) if group != "youth" else 17,
                "max_commute_km": rng.choice([25, 30, 40]), "latitude": lat, "longitude": lng,
                "open_to_interim_work": False, "accepted_occupations": [],
            }
            if group == "disability":
                profile["accommodations"] = sorted(rng.sample(ACCOMMODATIONS, k=rng.choice([1, 1, 2])))
            if group == "newcomer" and i % 3 == 2:
                profile["open_to_interim_work"] = True  # survival work while credentials are assessed
            if group == "mature" and i % 4 == 1:
                profile["accepted_occupations"] = ["75201"]  # will also drive deliveries
            out.append(profile)
    return out


def label(profile: dict, lead: dict) -> bool:
    """Would a counsellor put this lead in front of this person? (The rule is in README.md, in words.)

    Independent of the engine's gate: it asks for a closer occupational fit (the same minor group, or the same
    sub-major group with at least one of the lead's required skills), and it counts interim work only at entry
    level (TEER 4 or 5).
    """
    if any(need not in lead["accommodations_offered"] for need in profile["accommodations"]):
        return False
    code, required, skills = lead["noc"], set(lead["required_skills"]), set(profile["skills"])
    if profile["open_to_interim_work"] and int(code[1]) >= 4:
        return True
    if any(code.startswith(accepted) for accepted in profile["accepted_occupations"]):
        return True
    for goal in profile["goals"]:
        shared = next((n for n in range(5, 0, -1) if goal[:n] == code[:n]), 0)
        if shared >= 4 or shared == 3 and (not required or required & skills):
            return True
    return False


def build() -> dict:
    rng = random.Random(SEED)
    lead_rows = leads(rng)
    profile_rows = profiles(rng)
    pairs = [[p["id"], job["id"], label(p, job)] for p in profile_rows for job in lead_rows]
    return {"seed": SEED, "profiles": profile_rows, "leads": lead_rows, "pairs": pairs}


if __name__ == "__main__":
    data = build()
    (HERE / "dataset.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    relevant = sum(1 for _p, _l, yes in data["pairs"] if yes)
    print(f"{len(data['profiles'])} profiles x {len(data['leads'])} leads = {len(data['pairs'])} pairs, "
          f"{relevant} relevant")
