"""OCR of low-resolution scans through the product's page rendering, with and without smoothing.

The repair benchmark's pairs come from tiny type (see docs/ocr.md). This measures what the library does
with ordinary type on poor scans: held-out paragraphs set in 10-point type by the harness's renderer
(``render.py``), scanned at 100, 150, 200 and 300 dpi (blur, grey noise, slight skew, binarised: the
bilevel scans of many archives; grey too, at 100 to 200 dpi), saved as one-image PDF pages, rendered at
300 dpi as ingestion renders them (``ocr_render.render_page``) and read by Tesseract as ingestion reads
them (``ocr.ocr_image``). The same pages rendered by plain pdftoppm, without the smoothing of
low-resolution scans, give the reference. Seeded and deterministic.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from textkit import ocr, ocr_render
from textkit.evaluation import render
from textkit.evaluation.generate import seed_of, select
from textkit.evaluation.render import MASTER_DPI, Level
from textkit.evaluation.score import Tally

# (dpi, kind): bilevel scans (CCITT-like, read by pdftoppm) and grey ones (JPEG, the in-process fast path);
# 300 dpi is the control, rendered as it was
SCANS = (
    (100, "bilevel"),
    (150, "bilevel"),
    (200, "bilevel"),
    (300, "bilevel"),
    (100, "grey"),
    (150, "grey"),
    (200, "grey"),
)
PARAGRAPHS = 20  # per scan setting
BLUR = 0.8
NOISE = 40
SKEW = 0.8
THRESHOLD = 190


def scan(text: str, dpi: int, seed: int, kind: str = "bilevel") -> Image.Image:
    """`text` in 10-point type scanned at `dpi` by the harness's renderer: blurred, noisy, and binarised
    (mode "1", saved as CCITT in a PDF) or grey ("L", saved as JPEG)."""
    level = Level(
        f"scan {dpi} dpi {kind}",
        scale=dpi / MASTER_DPI,
        blur=BLUR,
        noise=NOISE,
        skew=SKEW,
        threshold=THRESHOLD if kind == "bilevel" else None,
        speckle=0.0,
    )
    return render.scan(text, level, seed)


def _read(item: tuple[str, int, str]) -> tuple[str, str]:
    """(plain pdftoppm, product rendering) OCR texts of one paragraph scanned one way."""
    text, dpi, kind = item
    with tempfile.TemporaryDirectory(prefix="textkit-scan-") as tmp:
        tmp = Path(tmp)
        pdf = tmp / "scan.pdf"
        scan(text, dpi, seed_of(text, f"scan{dpi}"), kind).save(pdf, "PDF", resolution=dpi)
        page = PdfReader(pdf).pages[0]
        (tmp / "plain").mkdir()
        plain = ocr.ocr_image(ocr.render_pdf_page(pdf, 1, tmp / "plain", ocr.DPI), tmp / "plain")
        (tmp / "product").mkdir()
        image = ocr_render.render_page(pdf, page, 1, tmp / "product", ocr.DPI, 60_000_000)
        product = ocr.ocr_image(image, tmp / "product")
    return " ".join(plain.text.split()), " ".join(product.text.split())


def evaluate(split: str = "test", workers: int = 2, repairer=None) -> dict:
    """OCR each scan both ways, then repair the product's OCR text (``repairer``: the benchmark's)."""
    paragraphs = [text for _level, text in select(split, PARAGRAPHS)][:PARAGRAPHS]
    items = [(text, dpi, kind) for dpi, kind in SCANS for text in paragraphs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        outputs = list(pool.map(_read, items))
    results = {}
    for dpi, kind in SCANS:
        plain, product, repaired = Tally(), Tally(), Tally()
        for (text, at, how), (without, with_) in zip(items, outputs, strict=True):
            if (at, how) == (dpi, kind):
                plain.add(text, text, without)
                product.add(text, text, with_)
                if repairer is not None:
                    repaired.add(text, with_, repairer.repair(with_).text)
        row = {"dpi": dpi, "kind": kind, "plain": plain.summary(), "smoothed": product.summary()}
        if repairer is not None:
            row["repaired"] = repaired.summary()
        results[f"{dpi} dpi {kind}"] = row
    return {"split": split, "paragraphs": len(paragraphs), "scans": results}


def table(results: dict) -> str:
    repaired = any("repaired" in row for row in results["scans"].values())
    head = f"{'scan':<16} {'radius':>6} {'CER pdftoppm':>12} {'CER smoothed':>12} {'change':>7}"
    if repaired:
        head += f" {'CER repaired':>12} {'reduction':>9} {'harm':>7}"
    lines = [head, "-" * len(head)]
    for name, row in results["scans"].items():
        before, after = row["plain"]["cer_after"], row["smoothed"]["cer_after"]
        change = (after - before) / before if before else 0.0
        radius = ocr_render.smoothing_radius(ocr.DPI, float(row["dpi"]))
        line = f"{name:<16} {radius:>6.1f} {before:>12.2%} {after:>12.2%} {change:>+7.0%}"
        if "repaired" in row:
            fixed = row["repaired"]
            line += f" {fixed['cer_after']:>12.2%} {fixed['cer_reduction']:>9.1%} {fixed['harm_rate']:>7.3%}"
        lines.append(line)
    lines.append(
        f"{results['paragraphs']} {results['split']} paragraphs per scan setting, 10-point type, rendered at "
        "300 dpi as ingestion does (textkit/evaluation/scans.py)"
    )
    return "\n".join(lines)
