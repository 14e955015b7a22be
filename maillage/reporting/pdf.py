"""The report as a PDF (WeasyPrint): A4, cover page, table of contents with page numbers, running heads.

Font: Marianne, read at run time from the installed django-dsfr package (never copied into this
repository), unless MAILLAGE_BILAN_FONT=libre; Liberation Sans and DejaVu Sans (Debian packages) are
the fallback. The licence decision is written in docs/bilan.md.
"""

import os
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

FONT_WEIGHTS = {"Regular": (400, "normal"), "Bold": (700, "normal"), "Regular_Italic": (400, "italic")}
FONT_WEIGHTS["Medium"] = (500, "normal")


@cache
def marianne_dir() -> Path | None:
    """The Marianne font files shipped inside django-dsfr, or None (not installed, or disabled)."""
    if os.environ.get("MAILLAGE_BILAN_FONT", "marianne").lower() != "marianne":
        return None
    try:
        import dsfr
    except ImportError:
        return None
    folder = Path(dsfr.__file__).parent / "static" / "dsfr" / "dist" / "fonts"
    return folder if (folder / "Marianne-Regular.woff").is_file() else None


def font_faces() -> list[dict]:
    folder = marianne_dir()
    if folder is None:
        return []
    return [
        {"url": (folder / f"Marianne-{name}.woff").as_uri(), "weight": weight, "style": style}
        for name, (weight, style) in FONT_WEIGHTS.items()
        if (folder / f"Marianne-{name}.woff").is_file()
    ]


def render_pdf(report) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reporting/pdf/report.html",
        {"report": report, "font_faces": font_faces(), "generated_on": timezone.localdate()},
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
