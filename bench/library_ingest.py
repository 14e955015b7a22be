"""Ingestion throughput (run by bench/library.py through `manage.py shell`): born-digital and scanned PDFs
made here from ../shared/data/corpus_fr, ingested by the real background job (`services.ingestion.run`:
sandboxed extraction, 300 dpi rendering, Tesseract, OCR repair, searchable PDF, pages and index written in
one transaction), and, in the same run, Tesseract alone on the same page images.

LIBRARY_BENCH_DIGITAL_PAGES (default 200) and LIBRARY_BENCH_SCANNED_PAGES (default 12) bound the run.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

from bench.library_corpus import paragraphs

PAGES_PER_PDF = 4


def _page_texts(count: int, width: int, lines: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    paras = paragraphs()
    pages = []
    for _ in range(count):
        out: list[str] = []
        while len(out) < lines:
            out += textwrap.wrap(rng.choice(paras), width) + [""]
        pages.append("\n".join(out[:lines]))
    return pages


def _chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def _ingest(name: str, data: bytes) -> tuple[float, int]:
    """The ingestion job on one file, as the worker runs it: (seconds, pages)."""
    from django.core.files.base import ContentFile

    from maillage.library.models import IngestionJob, Resource, ResourceFile
    from maillage.library.services import ingestion

    resource = Resource.objects.create(title=name)
    record = ResourceFile(resource=resource, original_name=name, size=len(data))
    record.file.save(name, ContentFile(data), save=True)
    job = IngestionJob.objects.create(file=record)
    start = time.perf_counter()
    outcome = ingestion.run(job.pk)
    seconds = time.perf_counter() - start
    record.refresh_from_db()
    if outcome != "terminé":
        raise RuntimeError(f"ingestion de {name} : {outcome} ({record.error})")
    return seconds, record.page_count


def _tesseract_alone(pdfs: list[Path], workdir: Path) -> tuple[float, int, float, float]:
    """Tesseract by itself (text output only, one thread, French, 300 dpi) on the very page images the
    pipeline OCRs (rendered by textkit.ocr.render_pdf_page, as the pipeline does: 300 dpi) beforehand, timed apart. Also returns the time of Tesseract
    run as the pipeline runs it (txt + tsv for the confidence + text-only PDF layer), for the breakdown."""
    from pypdf import PdfReader

    from textkit import ocr
    from textkit.extraction import Limits, _page_dpi

    images = []
    start = time.perf_counter()
    for pdf in pdfs:
        for number, page in enumerate(PdfReader(pdf).pages, 1):
            dpi = _page_dpi(page, Limits())
            image = ocr.render_pdf_page(pdf, number, workdir, dpi=dpi)
            target = workdir / f"{pdf.stem}-{number}{image.suffix}"
            image.rename(target)
            images.append((target, dpi))
    render_seconds = time.perf_counter() - start
    timings = []
    for extra in ([], ["-c", "textonly_pdf=1", "tsv", "pdf"]):
        start = time.perf_counter()
        for image, dpi in images:
            base = str(image.with_suffix(""))
            subprocess.run(
                [
                    "tesseract",
                    str(image),
                    base,
                    "-l",
                    "fra",
                    "--dpi",
                    str(dpi),
                    *extra[:2],
                    "txt",
                    *extra[2:],
                ],
                check=True,
                capture_output=True,
                env=ocr.tool_env(),
            )
        timings.append(time.perf_counter() - start)
    return timings[0], len(images), timings[1], render_seconds


def _repair_seconds() -> float:
    """The OCR repair step alone, replayed on the raw OCR text the pipeline stored."""
    from maillage.library.models import Page
    from maillage.library.services import ingestion

    texts = list(Page.objects.filter(origin=Page.Origin.OCR).values_list("raw_text", flat=True))
    start = time.perf_counter()
    for text in texts:
        ingestion.repair(text)
    return time.perf_counter() - start


def ingest_bench(out: str) -> None:
    from tests.library import samples

    digital_pages = int(os.environ.get("LIBRARY_BENCH_DIGITAL_PAGES", "200"))
    scanned_pages = int(os.environ.get("LIBRARY_BENCH_SCANNED_PAGES", "12"))
    workdir = Path(tempfile.mkdtemp(prefix="maillage-ingest-bench-"))
    try:
        digital = [
            samples.text_pdf(chunk) for chunk in _chunks(_page_texts(digital_pages, 95, 50, seed=1), 10)
        ]
        scanned = [
            samples.scanned_pdf(chunk)
            for chunk in _chunks(_page_texts(scanned_pages, 46, 22, seed=2), PAGES_PER_PDF)
        ]
        scanned_paths = []
        for n, data in enumerate(scanned):
            path = workdir / f"scan-{n}.pdf"
            path.write_bytes(data)
            scanned_paths.append(path)
        _ingest("echauffement.pdf", digital[0])  # imports, caches
        digital_s = digital_n = 0
        for n, data in enumerate(digital):
            seconds, pages = _ingest(f"numerique-{n}.pdf", data)
            digital_s, digital_n = digital_s + seconds, digital_n + pages
        tesseract_s, tesseract_n, tesseract_full_s, render_s = _tesseract_alone(scanned_paths, workdir)
        scanned_s = scanned_n = 0
        for n, data in enumerate(scanned):
            seconds, pages = _ingest(f"scan-{n}.pdf", data)
            scanned_s, scanned_n = scanned_s + seconds, scanned_n + pages
        result = {
            "digital_pages": digital_n,
            "digital_s": digital_s,
            "scanned_pages": scanned_n,
            "scanned_s": scanned_s,
            "tesseract_pages": tesseract_n,
            "tesseract_s": tesseract_s,
            "tesseract_txt_tsv_pdf_s": tesseract_full_s,
            "repair_s": _repair_seconds(),
            "render_s": render_s,
        }
        Path(out).write_text(json.dumps(result, indent=1), encoding="utf-8")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
