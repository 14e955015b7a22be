"""Ingestion throughput (run by bench/library.py through `manage.py shell`): born-digital and scanned PDFs
made here from ../shared/data/corpus_fr, ingested by the real background job (`services.ingestion.run`:
sandboxed extraction, 300 dpi rendering, Tesseract, OCR repair, searchable PDF, pages and index written in
one transaction), and, in the same run, Tesseract alone on the same page images.

LIBRARY_BENCH_DIGITAL_PAGES (default 200) and LIBRARY_BENCH_SCANNED_PAGES (default 24) bound the run.
"""

from __future__ import annotations

import json
import os
import random
import resource
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


def _server_cpu() -> float:
    """CPU seconds of the warm extraction server itself (relaying lines, forking), from /proc."""
    from maillage.library.services import sandbox

    try:
        fields = Path(f"/proc/{sandbox.server().pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _cpu() -> float:
    """CPU seconds of this process, of its reaped children, of the extraction server and of the children
    it forked (Tesseract and pdftoppm included): all the work of the pipeline, wherever it ran."""
    from maillage.library.services import sandbox

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (
        own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
        + sandbox.stats["child_cpu"] + _server_cpu()
    )  # fmt: skip


def _render(pdf: Path, workdir: Path, poppler: bool = False) -> list[tuple[Path, int]]:
    """The very page images the pipeline OCRs: textkit's rendering (ocr_render.render_page: the scan's JPEG
    scaled in-process, or pdftoppm), same dpi rule (300), made beforehand and not timed. `poppler`: the
    images pdftoppm makes of the same pages (the reference before the in-process scaling), to check that
    Tesseract alone reads them in the same time."""
    from pypdf import PdfReader

    from textkit import ocr, ocr_render
    from textkit.extraction import Limits, _page_dpi

    images = []
    for number, page in enumerate(PdfReader(pdf).pages, 1):
        dpi = _page_dpi(page, Limits())
        if poppler:
            image = ocr.render_pdf_page(pdf, number, workdir, dpi=dpi)
        else:
            image = ocr_render.render_page(pdf, page, number, workdir, dpi, Limits().max_pixels)
        target = workdir / f"{pdf.stem}-{number}{'-poppler' if poppler else ''}{image.suffix}"
        image.rename(target)
        images.append((target, dpi))
    return images


def _tesseract(images: list[tuple[Path, int]], as_pipeline: bool = False) -> tuple[float, float]:
    """Tesseract by itself on these images, one process a page, one thread (OMP_THREAD_LIMIT=1, as in the
    pipeline), French, the images' dpi: text output only, or, `as_pipeline`, what the pipeline asks for
    (txt + tsv for the confidence + the text-only PDF layer). (seconds, CPU seconds)."""
    from textkit import ocr

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for image, dpi in images:
        outputs = ["-c", "textonly_pdf=1", "txt", "tsv", "pdf"] if as_pipeline else ["txt"]
        command = ["tesseract", str(image), str(image.with_suffix("")), "-l", ocr.LANG, "--dpi", str(dpi)]
        subprocess.run(command + outputs, check=True, capture_output=True, env=ocr.tool_env())
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return seconds, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


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
    """Born-digital files, then the scanned ones with Tesseract alone interleaved file by file (ABBA:
    the reference first for even files, the pipeline first for odd ones), so that a change in the load
    of the shared machine hits both sides alike. Wall-clock and CPU time on each side."""
    from maillage.library.services import sandbox
    from tests.library import samples

    digital_pages = int(os.environ.get("LIBRARY_BENCH_DIGITAL_PAGES", "200"))
    scanned_pages = int(os.environ.get("LIBRARY_BENCH_SCANNED_PAGES", "24"))
    workdir = Path(tempfile.mkdtemp(prefix="maillage-ingest-bench-"))
    try:
        digital = [
            samples.text_pdf(chunk) for chunk in _chunks(_page_texts(digital_pages, 95, 50, seed=1), 10)
        ]
        scanned = [
            samples.scanned_pdf(chunk)
            for chunk in _chunks(_page_texts(scanned_pages, 46, 22, seed=2), PAGES_PER_PDF)
        ]
        # Warm-up, as a long-running worker is: the first scanned file of a worker also starts the
        # extraction server and loads the repair engine and its vocabulary; timed apart ("cold").
        _ingest("echauffement.pdf", digital[0])
        cold_s, _ = _ingest("echauffement-scan.pdf", samples.scanned_pdf(_page_texts(1, 46, 22, seed=3)))
        digital_s = digital_n = 0
        for n, data in enumerate(digital):
            seconds, pages = _ingest(f"numerique-{n}.pdf", data)
            digital_s, digital_n = digital_s + seconds, digital_n + pages
        render_start = time.perf_counter()
        images, poppler_images = [], []
        for n, data in enumerate(scanned):
            path = workdir / f"scan-{n}.pdf"
            path.write_bytes(data)
            images.append(_render(path, workdir))
        render_s = time.perf_counter() - render_start
        render_start = time.perf_counter()
        for n in range(len(scanned)):
            poppler_images.append(_render(workdir / f"scan-{n}.pdf", workdir, poppler=True))
        poppler_render_s = time.perf_counter() - render_start
        totals = dict.fromkeys(
            ["scanned_s", "scanned_cpu", "tesseract_s", "tesseract_cpu", "full_s", "full_cpu"]
            + ["poppler_s", "poppler_cpu"],
            0.0,
        )
        scanned_n = tesseract_n = 0
        for n, data in enumerate(scanned):

            def pipeline(n=n, data=data):
                nonlocal scanned_n
                cpu = _cpu()
                seconds, pages = _ingest(f"scan-{n}.pdf", data)
                totals["scanned_cpu"] += _cpu() - cpu
                totals["scanned_s"] += seconds
                scanned_n += pages

            def alone(n=n):
                nonlocal tesseract_n
                seconds, cpu = _tesseract(images[n])
                totals["tesseract_s"] += seconds
                totals["tesseract_cpu"] += cpu
                tesseract_n += len(images[n])

            for step in (alone, pipeline) if n % 2 == 0 else (pipeline, alone):
                step()
            seconds, cpu = _tesseract(images[n], as_pipeline=True)
            totals["full_s"] += seconds
            totals["full_cpu"] += cpu
            seconds, cpu = _tesseract(poppler_images[n])
            totals["poppler_s"] += seconds
            totals["poppler_cpu"] += cpu
        result = {
            "digital_pages": digital_n,
            "digital_s": digital_s,
            "scanned_pages": scanned_n,
            "scanned_s": totals["scanned_s"],
            "scanned_cpu_s": totals["scanned_cpu"],
            "tesseract_pages": tesseract_n,
            "tesseract_s": totals["tesseract_s"],
            "tesseract_cpu_s": totals["tesseract_cpu"],
            "tesseract_txt_tsv_pdf_s": totals["full_s"],
            "tesseract_txt_tsv_pdf_cpu_s": totals["full_cpu"],
            "repair_s": _repair_seconds(),
            "render_s": render_s,
            "poppler_render_s": poppler_render_s,
            "tesseract_poppler_s": totals["poppler_s"],
            "tesseract_poppler_cpu_s": totals["poppler_cpu"],
            "cold_first_scan_s": cold_s,
            "load_average": os.getloadavg(),
        }
        Path(out).write_text(json.dumps(result, indent=1), encoding="utf-8")
    finally:
        sandbox.shutdown()
        shutil.rmtree(workdir, ignore_errors=True)
