"""What the scale generator's people want and can do, and what its jobs ask for (outcomes.scale): the work each
employer sector offers (NOC groups), the skills each kind of occupation uses, and the temporary lookup tables the
generator's SQL draws them from. PostgreSQL only.

Without these, generated clients had no skills and one goal drawn uniformly from every NOC unit group, while
leads were unrelated to their employer's sector: the relevance gate (employers.relevance) refused every lead for
every client and the benchmark timed empty lists (issue 11).

Sources: the sector -> occupation pairs are the NOC 2021 groups an employer of that NAICS 2022 sector mostly hires
(e.g. retail: 62 retail supervisors, 64 sales representatives, 65 cashiers and store shelf stockers); the skill
lists are the reference skills (clients migration 0003) an occupation of that NOC broad category uses, by hand.
"""

# NAICS sector (outcomes.scale.SECTORS) -> NOC code prefixes of the work its leads offer.
SECTOR_NOC = {
    "44": ["62", "64", "65"], "62": ["3", "44", "422"], "23": ["72", "73"], "31": ["9", "721", "75"],
    "72": ["63", "65", "62"], "48": ["73", "75"], "54": ["2", "11", "12"], "56": ["65", "64", "85"],
    "61": ["41", "43"], "91": ["1", "4"], "52": ["1"], "81": ["72", "65"], "41": ["75", "64", "65"],
    "53": ["12", "65"],
}
# NOC broad category (first digit) -> reference skill codes its occupations use.
SKILLS_BY_CATEGORY = {
    "0": ["supervision", "project-management", "communication", "spreadsheets"],
    "1": ["bookkeeping", "accounting-software", "spreadsheets", "word-processing", "data-entry", "scheduling",
          "reception", "communication"],
    "2": ["python", "javascript", "sql", "web-development", "it-support", "project-management", "spreadsheets",
          "problem-solving"],
    "3": ["patient-care", "personal-support", "first-aid", "communication", "teamwork"],
    "4": ["childcare", "communication", "first-aid", "bilingual-en-fr", "word-processing", "personal-support"],
    "5": ["social-media", "communication", "customer-service"],
    "6": ["customer-service", "cash-handling", "point-of-sale", "food-safety", "cooking", "cleaning", "inventory",
          "sales"],
    "7": ["carpentry", "electrical", "welding", "blueprint-reading", "power-tools", "workplace-safety",
          "driving-class-a", "driving-g", "forklift"],
    "8": ["landscaping", "power-tools", "driving-g", "workplace-safety"],
    "9": ["forklift", "warehouse", "workplace-safety", "power-tools", "inventory"],
}
# Skills anyone may list whatever their occupation.
GENERAL_SKILLS = ["teamwork", "communication", "problem-solving", "bilingual-en-fr", "first-aid", "driving-g"]


def create_lookups(cursor) -> None:
    """Temporary tables over scale_unit (n, id, code, teer; made by the generator first):
    scale_sector (sector, units) and scale_sector_unit (sector, idx, unit_n): the idx-th unit group a sector's leads
    offer (every unit group when none of the sector's prefixes is loaded); scale_unit_skill (unit_n, idx, skill_id)
    with scale_unit.skills its count; scale_general (idx, skill_id) (general_count)."""
    from clients.models import Skill

    skills = dict(Skill.objects.values_list("code", "pk"))
    cursor.execute("SELECT n, code FROM scale_unit ORDER BY n")
    units = cursor.fetchall()
    sector_rows, unit_rows = [], []
    for sector, prefixes in SECTOR_NOC.items():
        mine = [n for n, code in units if any(code.startswith(p) for p in prefixes)] or [n for n, _c in units]
        sector_rows += [(sector, k, n) for k, n in enumerate(mine)]
    counts = {}
    for n, code in units:
        ids = [skills[c] for c in SKILLS_BY_CATEGORY.get(code[0], GENERAL_SKILLS) if c in skills]
        unit_rows += [(n, k, pk) for k, pk in enumerate(ids)]
        counts[n] = len(ids)
    general = [skills[c] for c in GENERAL_SKILLS if c in skills]
    cursor.execute("DROP TABLE IF EXISTS scale_sector, scale_sector_unit, scale_unit_skill, scale_general")
    cursor.execute("CREATE TEMP TABLE scale_sector_unit (sector text, idx int, unit_n int)")
    cursor.executemany("INSERT INTO scale_sector_unit VALUES (%s, %s, %s)", sector_rows)
    cursor.execute("CREATE TEMP TABLE scale_sector AS SELECT sector, count(*)::int AS units FROM scale_sector_unit "
                   "GROUP BY sector")
    cursor.execute("CREATE TEMP TABLE scale_unit_skill (unit_n int, idx int, skill_id bigint)")
    if unit_rows:
        cursor.executemany("INSERT INTO scale_unit_skill VALUES (%s, %s, %s)", unit_rows)
    cursor.execute("ALTER TABLE scale_unit ADD COLUMN skills int NOT NULL DEFAULT 0")
    cursor.executemany("UPDATE scale_unit SET skills = %s WHERE n = %s", [(c, n) for n, c in counts.items()])
    cursor.execute("CREATE TEMP TABLE scale_general (idx int, skill_id bigint)")
    if general:
        cursor.executemany("INSERT INTO scale_general VALUES (%s, %s)", list(enumerate(general)))
    cursor.execute("ANALYZE scale_sector; ANALYZE scale_sector_unit; ANALYZE scale_unit_skill; ANALYZE scale_general")


def general_count(cursor) -> int:
    """How many general skills scale_general holds."""
    cursor.execute("SELECT count(*) FROM scale_general")
    return cursor.fetchone()[0]
