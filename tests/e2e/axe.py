"""Run axe-core on a page and fail on serious or critical WCAG violations, saying which and where."""

from axe_playwright_python.sync_playwright import Axe

BLOCKING = ("serious", "critical")
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
           "resultTypes": ["violations"]}

_axe = Axe()


def violations(page, rules: list[str] | None = None) -> list[dict]:
    """Serious or critical violations; with `rules`, only those axe rules run (cheaper, for a second viewport)."""
    options = {"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]} if rules else WCAG_AA
    results = _axe.run(page, options=options)
    return [v for v in results.response["violations"] if v.get("impact") in BLOCKING]


def report(found: list[dict]) -> str:
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} - {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    found = violations(page)
    assert not found, f"axe found serious or critical problems on {page.url}:\n{report(found)}"
