"""OCR with Tesseract (French, 300 dpi) and page rendering with poppler's pdftoppm. Plain Python, no Django.

One Tesseract run per page writes the text (`txt`), the word confidences (`tsv`) and, when asked, a PDF
(`pdf`; with `textonly_pdf=1` only the invisible text layer, to lay over the original page). External
tools run with a timeout and resource limits (address space, CPU time), one thread each. For a PDF,
`ocr_pdf_pages` prepares the image of page N+1 (textkit/ocr_render.py) while Tesseract reads page N.
"""

from __future__ import annotations

import csv
import io
import os
import resource
import subprocess
from collections.abc import Callable, Iterator
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


def _lower(kind: int, soft: int, hard: int) -> None:
    """Set a limit, never above the hard limit already in force (an unprivileged process cannot raise it:
    inside an extraction child limited to a few CPU seconds, Tesseract gets those few seconds)."""
    current = resource.getrlimit(kind)[1]
    if current != resource.RLIM_INFINITY:
        hard = min(hard, current)
    resource.setrlimit(kind, (min(soft, hard), hard))


def _limits(memory: int = MEMORY_BYTES, cpu_seconds: int = TIMEOUT_SECONDS):
    def apply():  # runs in the child between fork and exec
        _lower(resource.RLIMIT_AS, memory, memory)
        _lower(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 5)
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
    """Page `number` (1-based) of `pdf` as a grey PGM at `dpi`, by pdftoppm.

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


class _Tesseract:
    """One Tesseract run started in the background (same limits and outputs as `ocr_image`)."""

    def __init__(self, image: Path, out_dir: Path, *, pdf: bool, text_only_pdf: bool, dpi: int):
        self.base, self.pdf = out_dir / (image.stem + "-ocr"), pdf
        command = ["tesseract", str(image), str(self.base), "-l", LANG, "--dpi", str(dpi)]
        if pdf and text_only_pdf:
            command += ["-c", "textonly_pdf=1"]
        command += ["txt", "tsv"] + (["pdf"] if pdf else [])
        try:
            self.process = subprocess.Popen(
                command,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                preexec_fn=_limits(),  # noqa: PLW1509 (no threads in the caller's child)
                env=tool_env(),
            )
        except FileNotFoundError as exc:
            raise OCRError("tesseract n'est pas installé sur ce serveur.") from exc

    def result(self) -> OCRResult:
        try:
            _, stderr = self.process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            self.cancel()
            raise OCRError(f"Tesseract a dépassé le temps autorisé ({TIMEOUT_SECONDS} s).") from exc
        if self.process.returncode != 0:
            detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise OCRError(f"Tesseract a échoué (code {self.process.returncode}) : {detail[0][:200]}")
        text = self.base.with_suffix(".txt").read_text(encoding="utf-8", errors="replace")
        confidence = parse_tsv(self.base.with_suffix(".tsv").read_text(encoding="utf-8", errors="replace"))
        return OCRResult(
            text=text.replace("\x0c", "").strip(),
            confidence=confidence,
            pdf_path=self.base.with_suffix(".pdf") if self.pdf else None,
        )

    def cancel(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def ocr_image(
    image: Path, out_dir: Path, *, pdf: bool = False, text_only_pdf: bool = False, dpi: int = DPI
) -> OCRResult:
    """OCR one image: text, mean confidence and optionally a PDF, in a single Tesseract run."""
    return _Tesseract(image, out_dir, pdf=pdf, text_only_pdf=text_only_pdf, dpi=dpi).result()


def ocr_pdf_pages(
    render: Callable[[int], Path], numbers: list[int], dpis: dict[int, int], out_dir: Path
) -> Iterator[tuple[int, OCRResult]]:
    """OCR these pages in order: (number, result with the text-only PDF layer), each page at its dpi.

    `render(number)` makes a page's image. The image of page N+1 is made while Tesseract reads page N:
    neither waits for the other. Tesseract itself still reads one page at a time on one thread, exactly as
    `ocr_image` does; each image is deleted once read."""
    image = render(numbers[0]) if numbers else None
    for index, number in enumerate(numbers):
        running = _Tesseract(image, out_dir, pdf=True, text_only_pdf=True, dpi=dpis[number])
        upcoming = None
        try:
            if index + 1 < len(numbers):
                upcoming = render(numbers[index + 1])
            result = running.result()
        except BaseException:
            running.cancel()
            if upcoming is not None:
                upcoming.unlink(missing_ok=True)
            raise
        finally:
            image.unlink(missing_ok=True)
        yield number, result
        image = upcoming


def tesseract_version() -> str:
    try:
        out = run_tool(["tesseract", "--version"], timeout=20).stdout.decode()
    except OCRError:
        return ""
    return out.splitlines()[0] if out else ""
