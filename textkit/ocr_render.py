"""Page images for Tesseract: straight from the scan when a PDF page is one JPEG and nothing else.

A scanned PDF page usually draws a single image over the whole page (`q W 0 0 H 0 0 cm /Im0 Do Q`).
Rendering it with pdftoppm at 300 dpi means decoding that image and scaling it to the page size at 300
dpi: on an A4 page, ~0.12 s of CPU, an eighth of Tesseract's own time. Doing the same in-process (Pillow:
decode the JPEG, convert to grey, bilinear scaling to the very size pdftoppm gives) costs ~0.05 s and
Tesseract reads the same text (checked on the benchmark's pages: same text on 3 pages of 4, one character
apart on the fourth). Any page that is not exactly that (other content, several images, rotation, crop
box, mask, decode array, another filter or colour space, size mismatch, more than the pixel limit) goes to
pdftoppm as before. Plain Python, no Django.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

FAST_FILTERS = {"/DCTDecode"}  # JPEG: Pillow reads the header before decoding anything
FAST_COLOURS = {"/DeviceGray", "/DeviceRGB"}
MAX_CONTENT_BYTES = 1024  # a scanned page's content stream is one line


def _single(value):
    """A filter given as a name or as a one-item array; None for anything else."""
    if isinstance(value, list):
        return value[0] if len(value) == 1 else None
    return value


def scan_image(page):
    """The image XObject when `page` (pypdf) only draws one JPEG over its whole media box, else None."""
    try:
        if int(page.get("/Rotate", 0) or 0) % 360:
            return None
        box = [float(v) for v in page.mediabox]
        if [float(v) for v in page.cropbox] != box:
            return None
        xobjects = page["/Resources"].get_object().get("/XObject")
        contents = page.get_contents()
        if xobjects is None or contents is None or len(xobjects) != 1:
            return None
        if len(contents.get_data()) > MAX_CONTENT_BYTES:
            return None
        operations = [(list(operands), operator) for operands, operator in contents.operations]
    except Exception:
        return None
    if [operator for _, operator in operations] not in ([b"q", b"cm", b"Do", b"Q"], [b"cm", b"Do"]):
        return None
    (matrix,) = [operands for operands, operator in operations if operator == b"cm"]
    (name,) = [operands for operands, operator in operations if operator == b"Do"]
    try:
        a, b, c, d, e, f = (float(v) for v in matrix)
        image = xobjects[name[0]].get_object()
    except Exception:
        return None
    width, height = box[2] - box[0], box[3] - box[1]
    if (
        b
        or c
        or abs(a - width) > 0.5
        or abs(d - height) > 0.5
        or abs(e - box[0]) > 0.5
        or abs(f - box[1]) > 0.5
    ):
        return None
    if image.get("/Subtype") != "/Image" or _single(image.get("/Filter")) not in FAST_FILTERS:
        return None
    if image.get("/ColorSpace") not in FAST_COLOURS or image.get("/BitsPerComponent") != 8:
        return None
    if any(key in image for key in ("/SMask", "/Mask", "/Decode", "/DecodeParms")) or image.get("/ImageMask"):
        return None
    return image


def page_size(page, dpi: int) -> tuple[int, int]:
    """The size in pixels pdftoppm gives page `page` at `dpi` (it rounds up)."""
    box = [float(v) for v in page.mediabox]
    return (
        math.ceil((box[2] - box[0]) * dpi / 72 - 1e-6),
        math.ceil((box[3] - box[1]) * dpi / 72 - 1e-6),
    )


def render_scan(image, size: tuple[int, int], out: Path, max_pixels: int) -> Path | None:
    """The JPEG of a scanned page, grey and scaled to `size`, written to `out` (PGM); None to fall back."""
    from PIL import Image

    width, height = size
    if width * height > max_pixels:
        return None
    try:
        with Image.open(io.BytesIO(image.get_data())) as jpeg:
            declared = (int(image.get("/Width", 0)), int(image.get("/Height", 0)))
            if jpeg.format != "JPEG" or jpeg.size != declared or jpeg.width * jpeg.height > max_pixels:
                return None
            jpeg.draft("L", jpeg.size)  # grey straight from the decoder when the JPEG allows it
            grey = jpeg.convert("L")
        grey.resize(size, Image.Resampling.BILINEAR).save(out, format="PPM")
    except Exception:
        out.unlink(missing_ok=True)
        return None
    return out


def render_page(pdf: Path, page, number: int, out_dir: Path, dpi: int, max_pixels: int) -> Path:
    """Page `number` of `pdf` (`page`: its pypdf page, or None) as a grey PGM at `dpi`, for Tesseract."""
    from textkit import ocr

    image = scan_image(page) if page is not None else None
    if image is not None:
        out = out_dir / f"page-{number:05d}.pgm"
        if render_scan(image, page_size(page, dpi), out, max_pixels) is not None:
            return out
    return ocr.render_pdf_page(pdf, number, out_dir, dpi=dpi)
