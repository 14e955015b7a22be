"""OCR with Tesseract (French, 300 dpi) and page rendering with poppler's pdftoppm. Plain Python, no Django.

One Tesseract run per page writes the text (`txt`), the word confidences (`tsv`) and, when asked, a PDF
(`pdf`; with `textonly_pdf=1` only the invisible text layer, to lay over the original page). External
tools run with a timeout and resource limits (address space, CPU time), one thread each.
"""

from __future__ import annotations

import csv
import io
import os
import resource
import subprocess
from dataclasses import dataclass
from pathlib import Path

DPI = 300
LANG = "fra"
TIMEOUT_SECONDS = 180
MEMORY_BYTES = 2 * 1024**3


class OCRError(Exception):
    """A French message for the documentalist."""


@dataclass
class OCRResult:
    text: str
    confidence: float | None  # mean word confidence, 0–100; None when no word was read
    pdf_path: Path | None = None


def _limits(memory: int = MEMORY_BYTES, cpu_seconds: int = TIMEOUT_SECONDS):
    def apply():  # runs in the child between fork and exec
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def tool_env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"  # Tesseract's threads fight over 2 cores; one page at a time is faster
    env.setdefault("LC_ALL", "C.UTF-8")
    return env


def run_tool(
    command: list[str], timeout: int = TIMEOUT_SECONDS, what: str = ""
) -> subprocess.CompletedProcess:
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            timeout=timeout,
            preexec_fn=_limits(cpu_seconds=timeout),  # noqa: PLW1509 (no threads in the caller's child)
            env=tool_env(),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise OCRError(f"{what or command[0]} a dépassé le temps autorisé ({timeout} s).") from exc
    except FileNotFoundError as exc:
        raise OCRError(f"{command[0]} n'est pas installé sur ce serveur.") from exc
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        raise OCRError(f"{what or command[0]} a échoué (code {result.returncode}) : {detail[0][:200]}")
    return result


def render_pdf_page(pdf: Path, number: int, out_dir: Path, dpi: int = DPI) -> Path:
    """Page `number` (1-based) of `pdf` as a grey PGM at `dpi`.

    PGM, not PNG: compressing a 300 dpi A4 page to PNG costs more than Tesseract reading it, and the
    file is only a temporary input for Tesseract (read a little faster, same text)."""
    base = out_dir / f"page-{number:05d}"
    run_tool(
        ["pdftoppm", "-r", str(dpi), "-f", str(number), "-l", str(number), "-gray", "-singlefile"]
        + [str(pdf), str(base)],
        what="Le rendu de la page",
    )
    return base.with_suffix(".pgm")


def parse_tsv(tsv: str) -> float | None:
    """Mean confidence of the words Tesseract read (level 5 rows with text and conf ≥ 0)."""
    confidences = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        try:
            conf = float(row.get("conf") or -1)
        except ValueError:
            continue
        if row.get("level") == "5" and conf >= 0 and (row.get("text") or "").strip():
            confidences.append(conf)
    return round(sum(confidences) / len(confidences), 1) if confidences else None


def ocr_image(
    image: Path, out_dir: Path, *, pdf: bool = False, text_only_pdf: bool = False, dpi: int = DPI
) -> OCRResult:
    """OCR one image: text, mean confidence and optionally a PDF, in a single Tesseract run."""
    base = out_dir / (image.stem + "-ocr")
    command = ["tesseract", str(image), str(base), "-l", LANG, "--dpi", str(dpi)]
    if pdf and text_only_pdf:
        command += ["-c", "textonly_pdf=1"]
    command += ["txt", "tsv"] + (["pdf"] if pdf else [])
    run_tool(command, what="Tesseract")
    text = base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
    confidence = parse_tsv(base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace"))
    return OCRResult(
        text=text.replace("\x0c", "").strip(),
        confidence=confidence,
        pdf_path=base.with_suffix(".pdf") if pdf else None,
    )


def tesseract_version() -> str:
    try:
        out = run_tool(["tesseract", "--version"], timeout=20).stdout.decode()
    except OCRError:
        return ""
    return out.splitlines()[0] if out else ""
