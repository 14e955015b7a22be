"""Text of a document, page by page, with OCR of scanned pages. Plain Python, no Django.

`extract(path, limits)` checks the file (size, emptiness, magic bytes against the extension), then reads
PDF text layers (pypdf, BSD licence), DOCX/ODT/HTML/plain text, and OCRs with Tesseract the PDF pages
whose text layer is missing or too short, and images (page images: textkit/ocr_render.py). For scanned
PDFs it writes a searchable PDF: the invisible text layer Tesseract produced for each OCR'd page laid over
the original page (textkit/ocr_layer.py).

Bad input raises `ExtractionError` with a French message. The Django side runs `main` in a sandboxed child
process forked per file by textkit/extraction_server.py (the same as `python -m textkit.extraction FILE
--workdir DIR`: JSON lines on stdout), so a hostile file can only kill that child.
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from textkit import ocr, ocr_layer, ocr_render, office
from textkit.suggestions import suggest_metadata

KINDS = {
    "pdf": "PDF",
    "docx": "document Word (DOCX)",
    "odt": "document OpenDocument (ODT)",
    "html": "page HTML",
    "text": "texte brut",
    "image": "image",
}
EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".odt": "odt",
    ".html": "html",
    ".htm": "html",
    ".txt": "text",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}


class ExtractionError(Exception):
    """Bad input: the message is French and meant for the documentalist."""


@dataclass
class Limits:
    max_bytes: int = 200 * 1024 * 1024
    max_pages: int = 2000
    max_pixels: int = 60_000_000  # ~ A3 at 400 dpi; 20,000 × 20,000 px is refused
    min_text_chars: int = 25  # below this, a PDF page counts as scanned
    ocr: bool = True
    zip: office.ZipLimits = field(default_factory=office.ZipLimits)


@dataclass
class Page:
    number: int
    text: str
    origin: str  # "text_layer", "ocr" or "document"
    confidence: float | None = None


@dataclass
class Extraction:
    kind: str
    pages: list[Page]
    metadata: dict[str, str]
    suggestions: dict[str, str]
    scanned_pages: int = 0
    searchable_pdf: str | None = None


Progress = Callable[[int, int], None]
PROGRESS_INTERVAL = 0.5  # seconds between two progress events of the child process


def detect_kind(head: bytes) -> str | None:
    """The kind of a file from its first bytes, or None."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        if b"mimetypeapplication/vnd.oasis.opendocument.text" in head[:100]:
            return "odt"
        return "zip"  # DOCX, or another zip: decided when opened
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
        return "image"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image"
    if (
        stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--"))
        or b"<html" in stripped[:512]
    ):
        return "html"
    if b"\x00" in head:
        return None
    try:
        head.decode("utf-8")
        return "text"
    except UnicodeDecodeError as exc:
        return "text" if exc.start > len(head) - 4 else None


def check_file(path: Path, limits: Limits) -> str:
    """Size, emptiness, and the extension against the content; returns the kind."""
    size = path.stat().st_size
    if size == 0:
        raise ExtractionError("Le fichier est vide.")
    if size > limits.max_bytes:
        raise ExtractionError(
            f"Le fichier pèse {size / 1024 / 1024:.1f} Mo, au-delà de la limite de "
            f"{limits.max_bytes / 1024 / 1024:.0f} Mo."
        )
    expected = EXTENSIONS.get(path.suffix.lower())
    if expected is None:
        known = ", ".join(sorted(EXTENSIONS))
        raise ExtractionError(
            f"Format non pris en charge ({path.suffix or 'sans extension'}) : formats acceptés {known}."
        )
    with path.open("rb") as handle:
        head = handle.read(2048)
    found = detect_kind(head)
    if found == "zip" and expected == "docx":
        found = "docx"
    if found != expected and not (expected == "text" and found == "html"):
        what = KINDS.get(found, "un format inconnu") if found != "zip" else "une archive zip"
        raise ExtractionError(
            f"L'extension {path.suffix.lower()} ne correspond pas au contenu du fichier, qui est {what}."
        )
    return expected


def extract(
    path: Path, workdir: Path, limits: Limits | None = None, progress: Progress | None = None
) -> Extraction:
    limits = limits or Limits()
    progress = progress or (lambda done, total: None)
    kind = check_file(path, limits)
    try:
        if kind == "pdf":
            return _extract_pdf(path, workdir, limits, progress)
        if kind == "image":
            return _extract_image(path, workdir, limits, progress)
        if kind == "docx":
            document = office.docx_text(path, limits.zip)
        elif kind == "odt":
            document = office.odt_text(path, limits.zip)
        elif kind == "html":
            document = office.html_text(path)
        else:
            document = office.OfficeText(pages=[path.read_bytes().decode("utf-8", errors="replace")])
    except office.DocumentError as exc:
        raise ExtractionError(str(exc)) from exc
    except RecursionError as exc:
        raise ExtractionError("Document refusé : structure anormalement imbriquée.") from exc
    pages = [Page(number=i, text=text, origin="document") for i, text in enumerate(document.pages, 1)]
    progress(len(pages), len(pages))
    return _finish(kind, pages, document.metadata)


def _finish(kind, pages, metadata, scanned=0, searchable=None) -> Extraction:
    first = next((page.text for page in pages if page.text.strip()), "")
    return Extraction(
        kind=kind,
        pages=pages,
        metadata=metadata,
        suggestions=suggest_metadata(metadata, first),
        scanned_pages=scanned,
        searchable_pdf=searchable,
    )


def _open_pdf(path: Path, limits: Limits):
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except (FileNotDecryptedError, NotImplementedError, PdfReadError) as exc:
                raise ExtractionError(
                    "Le PDF est protégé par un mot de passe : retirez la protection."
                ) from exc
            if not ok:
                raise ExtractionError("Le PDF est protégé par un mot de passe : retirez la protection.")
        declared = reader.trailer["/Root"]["/Pages"].get("/Count", 0)
        if not isinstance(declared, int) or declared > limits.max_pages:
            raise ExtractionError(f"PDF refusé : il annonce {declared} pages (limite : {limits.max_pages}).")
        count = len(reader.pages)
    except ExtractionError:
        raise
    except RecursionError as exc:
        raise ExtractionError("PDF refusé : structure anormalement imbriquée (fichier hostile ?).") from exc
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise ExtractionError("Le PDF est endommagé ou illisible.") from exc
    if count == 0:
        raise ExtractionError("Le PDF ne contient aucune page.")
    if count > limits.max_pages:
        raise ExtractionError(f"PDF refusé : {count} pages (limite : {limits.max_pages}).")
    return reader


def _page_dpi(page, limits: Limits) -> int:
    """300 dpi, lowered for huge pages so that the rendered image stays under the pixel limit."""
    try:
        width, height = float(page.mediabox.width) / 72, float(page.mediabox.height) / 72
    except Exception:
        return ocr.DPI
    area = max(width * height, 1e-6)
    return max(50, min(ocr.DPI, int(math.sqrt(limits.max_pixels / area))))


def _extract_pdf(path: Path, workdir: Path, limits: Limits, progress: Progress) -> Extraction:
    reader = _open_pdf(path, limits)
    total = len(reader.pages)
    pages: list[Page | None] = []
    to_ocr = {}  # number: (pypdf page, dpi) of the pages without a usable text layer
    for index in range(total):
        number = index + 1
        try:
            page = reader.pages[index]
            text = page.extract_text() or ""
        except RecursionError as exc:
            raise ExtractionError(
                "PDF refusé : structure anormalement imbriquée (fichier hostile ?)."
            ) from exc
        except Exception:
            page, text = None, ""
        text = text.replace("\x00", "")
        if len(text.strip()) >= limits.min_text_chars or not limits.ocr:
            pages.append(Page(number, text, "text_layer"))
            progress(number - len(to_ocr), total)
        else:
            pages.append(None)
            to_ocr[number] = (page, _page_dpi(page, limits) if page is not None else ocr.DPI)
    done, overlays = total - len(to_ocr), {}

    def render(number: int) -> Path:
        page, dpi = to_ocr[number]
        try:
            return ocr_render.render_page(path, page, number, workdir, dpi, limits.max_pixels)
        except ocr.OCRError as exc:
            raise ExtractionError(f"Page {number} : {exc}") from exc

    dpis = {number: dpi for number, (_, dpi) in to_ocr.items()}
    try:
        for number, result in ocr.ocr_pdf_pages(render, list(to_ocr), dpis, workdir):
            pages[number - 1] = Page(number, result.text, "ocr", result.confidence)
            overlays[number - 1] = result.pdf_path
            done += 1
            progress(done, total)
    except ocr.OCRError as exc:
        failed = next(number for number in to_ocr if pages[number - 1] is None)
        raise ExtractionError(f"Page {failed} : {exc}") from exc
    searchable = ocr_layer.searchable_pdf(reader, overlays, workdir) if overlays else None
    metadata = _pdf_metadata(reader)
    return _finish("pdf", pages, metadata, scanned=len(overlays), searchable=searchable)


def _pdf_metadata(reader) -> dict[str, str]:
    try:
        info = reader.metadata or {}
    except Exception:
        return {}
    found = {}
    for key, name in (("title", "/Title"), ("author", "/Author"), ("date", "/CreationDate")):
        value = info.get(name)
        if value and str(value).strip():
            found[key] = str(value).strip()
    return found


def _extract_image(path: Path, workdir: Path, limits: Limits, progress: Progress) -> Extraction:
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
    except Image.DecompressionBombError as exc:
        raise ExtractionError("Image refusée : dimensions démesurées (bombe de décompression ?).") from exc
    except Exception as exc:
        raise ExtractionError("L'image est endommagée ou illisible.") from exc
    if width * height > limits.max_pixels:
        raise ExtractionError(
            f"Image refusée : {width} × {height} pixels, au-delà de la limite de "
            f"{limits.max_pixels // 1_000_000} millions de pixels."
        )
    if not limits.ocr:
        return _finish("image", [Page(1, "", "ocr")], {})
    try:
        result = ocr.ocr_image(path, workdir, pdf=True)
    except ocr.OCRError as exc:
        raise ExtractionError(str(exc)) from exc
    progress(1, 1)
    page = Page(1, result.text, "ocr", result.confidence)
    return _finish("image", [page], {}, scanned=1, searchable=str(result.pdf_path))


def main(argv=None) -> int:
    """Child-process entry: JSON lines on stdout (progress events, then one result or error)."""
    parser = argparse.ArgumentParser(prog="python -m textkit.extraction")
    parser.add_argument("path", type=Path)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--limits", default="{}", help="JSON: champs de Limits")
    args = parser.parse_args(argv)
    options = json.loads(args.limits)
    zip_limits = office.ZipLimits(**options.pop("zip", {}))
    limits = Limits(**options, zip=zip_limits)
    sys.setrecursionlimit(3000)

    def emit(event: dict):
        sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    last = [-math.inf]

    def progress(done: int, total: int):  # at most two a second: each one is a database write
        now = time.monotonic()
        if now - last[0] >= PROGRESS_INTERVAL or done == total:
            last[0] = now
            emit({"event": "progress", "done": done, "total": total})

    try:
        result = extract(args.path, args.workdir, limits, progress)
    except ExtractionError as exc:
        emit({"event": "error", "message": str(exc)})
        return 0
    emit({"event": "result", "extraction": asdict(result)})
    return 0


if __name__ == "__main__":
    sys.exit(main())
