"""Render a clean paragraph as a degraded scan image (Pillow only, seeded, deterministic)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

import pyphen
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from textkit.paths import FONT_DIRS

FONT_FILES = (
    "LiberationSerif-Regular.ttf",
    "LiberationSans-Regular.ttf",
    "DejaVuSerif.ttf",
    "DejaVuSans.ttf",
)
MASTER_DPI = 600
POINTS = 10  # the benchmark's type: 10-point text, 83 pixels on the master
TYPE_SIZE = round(POINTS * MASTER_DPI / 72)
PAGE_WIDTH = 4150  # pixels of the master at TYPE_SIZE (6.9 inches); page and margins scale with the type
MARGIN = 146


@dataclass(frozen=True)
class Level:
    """One degradation level. ``scale`` < 1 lowers the resolution of the 600 dpi master (scan dpi / 600)."""

    name: str
    scale: float
    blur: float
    noise: int  # amplitude of uniform grey noise, 0-128
    skew: float  # maximum rotation, degrees
    threshold: int | None  # binarisation threshold after degradation, None = keep greys
    speckle: float  # share of pixels turned black or white


# 10-point text scanned in black and white (the bilevel scans of most archives) at decreasing resolutions;
# the generator then renders and reads each scan exactly as the library's ingestion does (generate.py)
LEVELS = {
    "light": Level("light", scale=100 / MASTER_DPI, blur=0.8, noise=40, skew=0.8, threshold=190, speckle=0.0),
    "moderate": Level(
        "moderate", scale=85 / MASTER_DPI, blur=0.8, noise=40, skew=0.8, threshold=190, speckle=0.0
    ),
    "heavy": Level("heavy", scale=75 / MASTER_DPI, blur=0.8, noise=40, skew=0.8, threshold=190, speckle=0.0),
}


@cache
def _font(index: int, size: int = TYPE_SIZE) -> ImageFont.FreeTypeFont:
    name = FONT_FILES[index % len(FONT_FILES)]
    for directory in FONT_DIRS:
        if (directory / name).exists():
            return ImageFont.truetype(str(directory / name), size)
    for directory in FONT_DIRS:  # any installed fallback
        for path in sorted(directory.glob("*.ttf")):
            return ImageFont.truetype(str(path), size)
    raise FileNotFoundError("no TrueType font found; install fonts-liberation or fonts-dejavu-core")


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="fr")


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, rng: random.Random) -> list[str]:
    """Greedy line breaking; long words at a line end are sometimes hyphenated (French patterns)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if font.getlength(candidate) <= width:
            current = candidate
            continue
        if current and len(word) >= 7 and word.isalpha() and rng.random() < 0.6:
            for head, tail in _hyphenator().iterate(word):
                if font.getlength(f"{current} {head}-") <= width:
                    lines.append(f"{current} {head}-")
                    current = tail
                    break
            else:
                lines.append(current)
                current = word
            continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def render(text: str, level: Level, seed: int, type_size: int = TYPE_SIZE) -> Image.Image:
    """`text` on the master (type of `type_size` pixels, the page and margins in proportion), degraded
    as `level` says."""
    rng = random.Random(seed)
    font = _font(rng.randrange(len(FONT_FILES)), type_size)
    width, margin = PAGE_WIDTH * type_size // TYPE_SIZE, MARGIN * type_size // TYPE_SIZE
    lines = wrap(text, font, width - 2 * margin, rng)
    line_height = int(type_size * 1.45)
    image = Image.new("L", (width, 2 * margin + line_height * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text((margin, margin + number * line_height), line, font=font, fill=rng.randint(0, 40))
    if level.skew:
        image = image.rotate(rng.uniform(-level.skew, level.skew), Image.BICUBIC, expand=True, fillcolor=255)
    if level.blur:
        image = image.filter(ImageFilter.GaussianBlur(level.blur / level.scale * 0.5))
    width, height = image.size
    image = image.resize(
        (max(1, int(width * level.scale)), max(1, int(height * level.scale))), Image.BILINEAR
    )
    if level.blur:
        image = image.filter(ImageFilter.GaussianBlur(level.blur * 0.5))
    size = image.size
    if level.noise:
        amplitude = level.noise
        noise = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
        noise = noise.point(lambda v: 128 + (v - 128) * amplitude // 128)
        image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    if level.threshold is not None:
        cut = level.threshold
        image = image.point(lambda v: 0 if v < cut else 255)
    if level.speckle:
        limit = int(256 * level.speckle)
        specks = Image.frombytes("L", size, rng.randbytes(size[0] * size[1]))
        image = ImageChops.darker(image, specks.point(lambda v: 0 if v < limit else 255))
        image = ImageChops.lighter(image, specks.point(lambda v: 255 if v > 255 - limit else 0))
    return image


def scan(text: str, level: Level, seed: int, type_size: int = TYPE_SIZE) -> Image.Image:
    """`render`, as a scanner would store it: black and white (mode "1") when the level binarises."""
    image = render(text, level, seed, type_size)
    return image.convert("1") if level.threshold is not None else image
