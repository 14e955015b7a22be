"""Page images for Tesseract: straight from the scan when a PDF page is one JPEG and nothing else.

A scanned PDF page usually draws a single image over the whole page (`q W 0 0 H 0 0 cm /Im0 Do Q`).
Rendering it with pdftoppm at 300 dpi means decoding that image and scaling it to the page size at 300
dpi: on an A4 page, ~0.12 s of CPU, an eighth of Tesseract's own time. Doing the same in-process (Pillow:
decode the JPEG, convert to grey, bilinear scaling to the very size pdftoppm gives) costs ~0.05 s and
Tesseract reads the same text (checked on the benchmark's pages: same text on 3 pages of 4, one character
apart on the fourth). Any page that is not exactly that (other content, several images, rotation, crop
box, mask, decode array, another filter or colour space, size mismatch, more than the pixel limit) goes to
pdftoppm as before.

Low-resolution scans (a PDF page that is one image of under 250 dpi) are smoothed after being enlarged
to the render resolution: Tesseract reads the staircase edges of an enlarged scan badly. A Gaussian blur
of 0.4 pixel per unit of enlargement (1.2 px for a 100 dpi scan read at 300 dpi, 0.6 px at 200 dpi) lowers
the character error rate of 100–150 dpi scans by about a quarter (bilevel) or a sixth (grey), and
changes nothing measurable at 200 dpi (`make bench-ocr`, docs/ocr.md); 250 dpi and better are left as
they are. Image files are not smoothed: their
resolution metadata is too often a meaningless default (72 or 96 dpi). Plain Python, no Django.
"""

from __future__ import annotations

import io
import logging
import math
from pathlib import Path

log = logging.getLogger(__name__)
FAST_FILTERS = {"/DCTDecode"}  # JPEG: Pillow reads the header before decoding anything
FAST_COLOURS = {"/DeviceGray", "/DeviceRGB"}
MAX_CONTENT_BYTES = 1024  # a scanned page's content stream is one line
LOW_RESOLUTION_DPI = 250  # scans under this resolution are smoothed once enlarged to the render dpi
SMOOTHING_PER_ENLARGEMENT = 0.4  # Gaussian radius, in pixels, per unit of enlargement
MAX_SMOOTHING = 1.6


def _single(value):
    """A filter given as a name or as a one-item array; None for anything else."""
    if isinstance(value, list):
        return value[0] if len(value) == 1 else None
    return value


def page_image(page):
    """The image XObject when `page` (pypdf) only draws one image over its whole media box, else None."""
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
    return image if image.get("/Subtype") == "/Image" else None


def scan_image(page):
    """The image XObject when `page` (pypdf) only draws one JPEG over its whole media box, else None."""
    return _jpeg(page_image(page))


def _jpeg(image):
    """`image` (a page's only image, or None) when Pillow can decode it in process, else None."""
    if image is None or _single(image.get("/Filter")) not in FAST_FILTERS:
        return None
    if image.get("/ColorSpace") not in FAST_COLOURS or image.get("/BitsPerComponent") != 8:
        return None
    if any(key in image for key in ("/SMask", "/Mask", "/Decode", "/DecodeParms")) or image.get("/ImageMask"):
        return None
    return image


def scan_resolution(page, image=None) -> float | None:
    """The resolution (dpi) of a page that is one scanned image (the lower of its two axes), else None.
    `image`: the page's :func:`page_image`, when the caller has it already."""
    image = image if image is not None else page_image(page)
    if image is None:
        return None
    try:
        box = [float(v) for v in page.mediabox]
        width, height = int(image.get("/Width", 0)), int(image.get("/Height", 0))
        inches = ((box[2] - box[0]) / 72, (box[3] - box[1]) / 72)
        return min(width / inches[0], height / inches[1]) if width and height else None
    except Exception:
        return None


def smoothing_radius(render_dpi: float, resolution: float | None) -> float:
    """The Gaussian radius for a scan of `resolution` dpi rendered at `render_dpi`; 0 to leave it."""
    if not resolution or resolution >= LOW_RESOLUTION_DPI or render_dpi <= resolution:
        return 0.0
    return min(MAX_SMOOTHING, SMOOTHING_PER_ENLARGEMENT * render_dpi / resolution)


def smooth(path: Path, radius: float) -> Path:
    """Blur the image at `path` in place (same format); left as it is if that fails (the OCR still runs)."""
    from PIL import Image, ImageFilter

    try:
        with Image.open(path) as image:
            image.load()
            smoothed = image.filter(ImageFilter.GaussianBlur(radius))
            kind = image.format
        tmp = path.with_name(path.name + ".tmp")
        smoothed.save(tmp, format=kind)
        tmp.replace(path)
    except Exception:
        log.warning("could not smooth %s; it is read as rendered", path, exc_info=True)
    return path


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

    image = page_image(page) if page is not None else None
    radius = smoothing_radius(dpi, scan_resolution(page, image)) if image is not None else 0.0
    rendered = None
    if _jpeg(image) is not None:
        out = out_dir / f"page-{number:05d}.pgm"
        rendered = render_scan(image, page_size(page, dpi), out, max_pixels)
    if rendered is None:
        rendered = ocr.render_pdf_page(pdf, number, out_dir, dpi=dpi)
    return smooth(rendered, radius) if radius else rendered
