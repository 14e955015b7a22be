"""Small charts drawn from the figures: one list of shapes, rendered as SVG (web, PDF) or PNG (DOCX).

No JavaScript. Each chart has a title and a description (SVG <title>/<desc>), writes its values as
text next to the bars, and tells series apart by colour *and* pattern (hatching), so it stays readable
in black and white. Colours are from the DSFR palette.
"""

from dataclasses import dataclass, field

from maillage.reporting import typography as ty

BLUE = "#000091"  # bleu France
BLUE_LIGHT = "#cacafb"  # bleu France 925
GREEN = "#18753c"  # succès
ORANGE = "#b34000"  # warning 425
GREY = "#666666"
GRID = "#dddddd"
INK = "#161616"
FONT = "Marianne, 'Liberation Sans', 'DejaVu Sans', Arial, sans-serif"


@dataclass
class Fill:
    colour: str
    hatch: str = ""  # hatching colour: diagonal lines over the colour
    border: str = ""


@dataclass
class Chart:
    slug: str
    title: str
    description: str
    width: int
    height: int
    shapes: list = field(default_factory=list)
    legend: list = field(default_factory=list)  # (label, Fill)

    def rect(self, x, y, w, h, fill: Fill):
        self.shapes.append(("rect", x, y, max(w, 0), max(h, 0), fill))

    def text(self, x, y, text, size=11, anchor="start", bold=False, colour=INK):
        self.shapes.append(("text", x, y, str(text).replace("'", "’"), size, anchor, bold, colour))

    def line(self, x1, y1, x2, y2, colour=GRID, width=1):
        self.shapes.append(("line", x1, y1, x2, y2, colour, width))

    def svg(self) -> str:
        from maillage.reporting.chart_svg import to_svg

        return to_svg(self)

    def png(self, scale: float = 2.5) -> bytes:
        from maillage.reporting.chart_png import to_png

        return to_png(self, scale)


def _scale_max(value: float) -> int:
    """A round maximum for the axis: 7 → 8, 23 → 25, 126 → 150."""
    for power in range(0, 7):
        for step in (1, 2, 2.5, 5, 10):
            top = step * 10**power
            if top >= value:
                return int(top) if top >= 1 else 1
    return int(value)


def _legend(chart: Chart, x: int, y: int) -> None:
    for label, fill in chart.legend:
        chart.rect(x, y - 10, 14, 12, fill)
        chart.text(x + 20, y, label, size=11)
        x += 30 + int(len(label) * 6.3)


def half_days_by_type(figures: dict) -> Chart | None:
    done = figures["half_days"]["by_type"]
    planned = figures["half_days"].get("planned_by_type", {})
    rows = [(k, planned.get(k, 0), done.get(k, 0)) for k in done if planned.get(k) or done.get(k)]
    if not rows:
        return None
    label_w, bar_w, row_h = 210, 330, 46
    chart = Chart(
        "demi-journees-par-type",
        f"Demi-journées prévues et réalisées par type d’action en {figures['year']}",
        "Pour chaque type d’action de la nomenclature ANCT, deux barres : demi-journées prévues au programme "
        "voté, et demi-journées réalisées. "
        + " ; ".join(f"{k} : {p} prévues, {d} réalisées" for k, p, d in rows)
        + ".",
        width=label_w + bar_w + 70,
        height=40 + row_h * len(rows) + 10,
    )
    planned_fill, done_fill = Fill(BLUE_LIGHT, hatch=BLUE, border=BLUE), Fill(BLUE)
    chart.legend = [("prévues au programme voté", planned_fill), ("réalisées", done_fill)]
    _legend(chart, label_w, 18)
    top = _scale_max(max(max(p, d) for _, p, d in rows))
    for i, (label, p, d) in enumerate(rows):
        y = 34 + i * row_h
        chart.text(label_w - 10, y + 22, label, anchor="end")
        for j, (value, fill) in enumerate(((p, planned_fill), (d, done_fill))):
            w = bar_w * value / top
            chart.rect(label_w, y + 6 + j * 17, w, 15, fill)
            chart.text(label_w + w + 5, y + 18 + j * 17, ty.number(value), size=10, bold=j == 1)
        chart.line(label_w, y + 2, label_w, y + row_h - 4, colour=GREY)
    return chart


def participations_per_month(figures: dict) -> Chart | None:
    per_month = figures["participants"]["per_month"]
    if not any(v["présentiel"] + v["distanciel"] for v in per_month.values()):
        return None
    left, plot_w, plot_h, top_y = 48, 560, 200, 44
    chart = Chart(
        "participations-par-mois",
        f"Participations par mois en {figures['year']}, en présentiel et à distance",
        "Barres empilées par mois : participations en présentiel (bleu plein) et à distance (hachures). "
        + " ; ".join(
            f"{m} : {v['présentiel']} en présentiel, {v['distanciel']} à distance"
            for m, v in per_month.items()
        )
        + ".",
        width=left + plot_w + 20,
        height=top_y + plot_h + 40,
    )
    onsite, remote = Fill(BLUE), Fill("#ffffff", hatch=ORANGE, border=ORANGE)
    chart.legend = [("en présentiel", onsite), ("à distance", remote)]
    _legend(chart, left, 18)
    top = _scale_max(max(v["présentiel"] + v["distanciel"] for v in per_month.values()))
    base = top_y + plot_h
    for k in range(5):
        value = top * k / 4
        y = base - plot_h * k / 4
        chart.line(left, y, left + plot_w, y)
        chart.text(left - 6, y + 4, ty.number(round(value)), size=9, anchor="end", colour=GREY)
    slot = plot_w / 12
    for i, (month, v) in enumerate(per_month.items()):
        x = left + i * slot + slot * 0.18
        h1 = plot_h * v["présentiel"] / top
        h2 = plot_h * v["distanciel"] / top
        chart.rect(x, base - h1, slot * 0.64, h1, onsite)
        chart.rect(x, base - h1 - h2, slot * 0.64, h2, remote)
        total = v["présentiel"] + v["distanciel"]
        if total:
            chart.text(
                x + slot * 0.32, base - h1 - h2 - 5, ty.number(total), size=10, anchor="middle", bold=True
            )
        chart.text(x + slot * 0.32, base + 16, month, size=10, anchor="middle")
    chart.line(left, base, left + plot_w, base, colour=INK)
    return chart


def causes(figures: dict) -> Chart | None:
    not_realized = figures["not_realized"]
    if not not_realized["total"]:
        return None
    label_w, bar_w, row_h = 210, 300, 30
    rows = list(not_realized["by_cause"].items())
    shares = not_realized["shares"]
    chart = Chart(
        "causes-non-realisation",
        f"Demi-journées non réalisées en {figures['year']}, par cause",
        f"{not_realized['total']} demi-journées prévues n’ont pas été réalisées. "
        + " ; ".join(f"{c} : {n} ({shares.get(c)} %)" for c, n in rows)
        + ".",
        width=label_w + bar_w + 150,
        height=20 + row_h * len(rows) + 10,
    )
    fills = [
        Fill(ORANGE),
        Fill("#ffffff", hatch=ORANGE, border=ORANGE),
        Fill(GREY),
        Fill(BLUE_LIGHT, hatch=BLUE),
    ]
    top = max(n for _, n in rows)
    for i, (cause, n) in enumerate(rows):
        y = 14 + i * row_h
        chart.text(label_w - 10, y + 15, cause, anchor="end")
        w = bar_w * n / top
        chart.rect(label_w, y + 2, w, 18, fills[i % len(fills)])
        chart.text(
            label_w + w + 6, y + 15, f"{ty.number(n)} ({ty.percent(shares.get(cause))})", size=10, bold=True
        )
    return chart


def all_charts(figures: dict) -> dict[str, Chart]:
    charts = [half_days_by_type(figures), participations_per_month(figures), causes(figures)]
    return {c.slug: c for c in charts if c is not None}
