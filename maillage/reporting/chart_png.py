"""The same chart shapes painted with Pillow, for the DOCX (Word does not take SVG reliably)."""

import io
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from maillage.reporting.charts import Chart

FONT_FILES = {
    False: [
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    ],
    True: [
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ],
}


@cache
def _font(size: int, bold: bool):
    for path in FONT_FILES[bold]:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _hatched(w: int, h: int, bg: str, hatch: str, step: int) -> Image.Image:
    tile = Image.new("RGB", (max(w, 1), max(h, 1)), bg)
    draw = ImageDraw.Draw(tile)
    for offset in range(-h, w + h, step):
        draw.line([(offset, h), (offset + h, 0)], fill=hatch, width=max(1, step // 2))
    return tile


def to_png(chart: Chart, scale: float = 2.5) -> bytes:
    image = Image.new("RGB", (int(chart.width * scale), int(chart.height * scale)), "#ffffff")
    draw = ImageDraw.Draw(image)
    for shape in chart.shapes:
        if shape[0] == "rect":
            _, x, y, w, h, fill = shape
            box = [round(x * scale), round(y * scale), round((x + w) * scale), round((y + h) * scale)]
            if box[2] <= box[0] or box[3] <= box[1]:
                continue
            if fill.hatch:
                image.paste(
                    _hatched(box[2] - box[0], box[3] - box[1], fill.colour, fill.hatch, round(6 * scale)),
                    box[:2],
                )
            else:
                draw.rectangle(box, fill=fill.colour)
            if fill.border:
                draw.rectangle(box, outline=fill.border, width=max(1, round(scale)))
        elif shape[0] == "text":
            _, x, y, text, size, anchor, bold, colour = shape
            pil_anchor = {"start": "ls", "middle": "ms", "end": "rs"}[anchor]
            draw.text(
                (x * scale, y * scale),
                text,
                font=_font(round(size * scale), bold),
                fill=colour,
                anchor=pil_anchor,
            )
        else:
            _, x1, y1, x2, y2, colour, width = shape
            draw.line(
                [(x1 * scale, y1 * scale), (x2 * scale, y2 * scale)],
                fill=colour,
                width=max(1, round(width * scale)),
            )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
