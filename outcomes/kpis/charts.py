"""Server-rendered SVG bar charts: no script, no CDN. Each chart is drawn from the same Table its accessible data
table shows, so the two cannot disagree; suppressed or empty bars are drawn as a gap with a mark."""

from dataclasses import dataclass

from outcomes.kpis.selectors import Table

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 640, 260, 8, 56, 16


@dataclass(frozen=True)
class Bar:
    """One bar; coordinates are strings with a dot decimal (SVG is not localised)."""

    x: str
    y: str
    width: str
    height: str
    value_y: str  # where the value sits, just above the bar
    label: str
    text: str  # the value as the table shows it
    missing: bool


def _n(number: float) -> str:
    return f"{number:.1f}"


def bars(table: Table, slug: str, texts: dict) -> dict:
    """Geometry for a bar chart of KPI `slug` over the table's rows; `texts` maps row keys to displayed values."""
    values = [row.figures[slug].value for row in table.rows]
    top = max([v for v in values if v is not None] or [0]) or 1
    slot = (WIDTH - LEFT) / max(1, len(table.rows))
    drawn = []
    for index, row in enumerate(table.rows):
        value = row.figures[slug].value
        height = 0 if value is None else (HEIGHT - BOTTOM - TOP) * value / top
        y = HEIGHT - BOTTOM - height
        drawn.append(Bar(x=_n(LEFT + index * slot + slot * 0.15), y=_n(y), width=_n(slot * 0.7), height=_n(height),
                         value_y=_n(y - 3), label=row.label, text=texts.get(row.key, ""), missing=value is None))
    baseline = HEIGHT - BOTTOM
    return {"bars": drawn, "width": WIDTH, "height": HEIGHT, "baseline": baseline, "mark_y": baseline - 4,
            "label_y": baseline + 14}
