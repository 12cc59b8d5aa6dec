"""Run axe-core on a page and fail on serious or critical WCAG violations, saying which and where."""

from axe_playwright_python.base import AXE_SCRIPT

BLOCKING = ("serious", "critical")
WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
           "resultTypes": ["violations"]}


def violations(page, rules: list[str] | None = None) -> list[dict]:
    """Serious or critical violations; with `rules`, only those axe rules run. axe-core (the copy
    axe-playwright-python ships) is injected once per document: a second run on the same page, say at another
    width, reuses it."""
    options = {"runOnly": {"type": "rule", "values": rules}, "resultTypes": ["violations"]} if rules else WCAG_AA
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => axe.run(document, options)", options)
    return [v for v in results["violations"] if v.get("impact") in BLOCKING]


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
