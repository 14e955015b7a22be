"""A chart's shapes as an SVG document: accessible (role, <title>, <desc>), patterns for hatching."""

from xml.sax.saxutils import escape, quoteattr

from maillage.reporting.charts import FONT, Chart


def _fmt(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def to_svg(chart: Chart) -> str:
    ident = chart.slug
    patterns: dict[tuple, str] = {}
    body = []
    for shape in chart.shapes:
        if shape[0] == "rect":
            _, x, y, w, h, fill = shape
            colour = fill.colour
            if fill.hatch:
                key = (fill.colour, fill.hatch)
                if key not in patterns:
                    patterns[key] = f"{ident}-motif-{len(patterns) + 1}"
                colour = f"url(#{patterns[key]})"
            stroke = f' stroke="{fill.border}" stroke-width="1"' if fill.border else ""
            body.append(
                f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{_fmt(w)}" height="{_fmt(h)}" fill="{colour}"{stroke}/>'
            )
        elif shape[0] == "text":
            _, x, y, text, size, anchor, bold, colour = shape
            weight = ' font-weight="bold"' if bold else ""
            body.append(
                f'<text x="{_fmt(x)}" y="{_fmt(y)}" font-size="{size}" text-anchor="{anchor}" '
                f'fill="{colour}"{weight}>{escape(text)}</text>'
            )
        else:
            _, x1, y1, x2, y2, colour, width = shape
            body.append(
                f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" '
                f'stroke="{colour}" stroke-width="{width}"/>'
            )
    defs = "".join(
        f'<pattern id="{pid}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{bg}"/><line x1="0" y1="0" x2="0" y2="6" stroke="{hatch}" stroke-width="3"/>'
        "</pattern>"
        for (bg, hatch), pid in patterns.items()
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bilan-chart" role="img" '
        f'viewBox="0 0 {chart.width} {chart.height}" width="{chart.width}" height="{chart.height}" '
        f'aria-labelledby="{ident}-titre {ident}-desc" font-family={quoteattr(FONT)}>'
        f'<title id="{ident}-titre">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>'
        f"<defs>{defs}</defs>" + "".join(body) + "</svg>"
    )
