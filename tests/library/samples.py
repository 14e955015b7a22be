"""Test documents made on the fly: born-digital and scanned PDFs, DOCX, ODT, HTML, and hostile files."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _escape(text: str) -> bytes:
    data = text.encode("cp1252", errors="replace")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def text_pdf(
    pages: list[str], title: str = "", author: str = "", extra_objects: list[bytes] | None = None
) -> bytes:
    """A born-digital PDF: one text page per string (Helvetica, WinAnsi), optional Info dictionary."""
    objects: list[bytes] = []
    n_pages = len(pages)
    font_id = 3
    first_page_id = 4
    page_ids = [first_page_id + 2 * i for i in range(n_pages)]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects.append(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for i, text in enumerate(pages):
        lines = text.split("\n")
        stream = (
            b"BT /F1 11 Tf 50 780 Td 14 TL " + b" ".join(b"(%s) '" % _escape(line) for line in lines) + b" ET"
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (font_id, page_ids[i] + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    info_id = None
    if title or author:
        objects.append(b"<< /Title (%s) /Author (%s) >>" % (_escape(title), _escape(author)))
        info_id = len(objects)
    for extra in extra_objects or []:
        objects.append(extra)
    return _assemble(objects, info_id)


def _assemble(objects: list[bytes], info_id: int | None = None, encrypt: bytes = b"") -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info_id:
        trailer += b" /Info %d 0 R" % info_id
    trailer += encrypt + b" >>"
    out.write(b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))
    return out.getvalue()


def page_image(text: str, size=(1240, 1754), font_size=42):
    """A page scanned at 150 dpi: black text on white (Pillow)."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, font_size)
    y = 120
    for line in text.split("\n"):
        draw.text((100, y), line, fill=0, font=font)
        y += int(font_size * 1.6)
    return image


def scanned_pdf(pages: list[str]) -> bytes:
    """A scanned PDF: one image per page, no text layer."""
    images = [page_image(text) for text in pages]
    out = io.BytesIO()
    images[0].save(out, "PDF", resolution=150, save_all=True, append_images=images[1:])
    return out.getvalue()


def png(text: str) -> bytes:
    out = io.BytesIO()
    page_image(text).save(out, "PNG", dpi=(150, 150))
    return out.getvalue()


def docx(paragraphs: list[str], title: str = "", creator: str = "") -> bytes:
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(
        '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        if p == "\f"
        else f"<w:p><w:r><w:t>{_xml(p)}</w:t></w:r></w:p>"
        for p in paragraphs
    )
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{w}"><w:body>{body}</w:body></w:document>'
    core = (
        '<?xml version="1.0"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
        f"<dc:title>{_xml(title)}</dc:title><dc:creator>{_xml(creator)}</dc:creator>"
        "<dcterms:created>2021-03-15T10:00:00Z</dcterms:created></cp:coreProperties>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", document)
        archive.writestr("docProps/core.xml", core)
    return out.getvalue()


def odt(paragraphs: list[str], title: str = "") -> bytes:
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office_ns = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    body = "".join(
        "<text:soft-page-break/>" if p == "\f" else f"<text:p>{_xml(p)}</text:p>" for p in paragraphs
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office_ns}" '
        f'xmlns:text="{text_ns}"><office:body><office:text>{body}</office:text></office:body></office:document-content>'
    )
    meta = (
        f'<?xml version="1.0"?><office:document-meta xmlns:office="{office_ns}" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<office:meta><dc:title>{_xml(title)}</dc:title></office:meta></office:document-meta>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", meta, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def html(body: str, title: str = "Page") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{_xml(title)}</title>"
        f"<script>var x = 'caché';</script></head><body><p>{_xml(body)}</p></body></html>"
    ).encode()


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- hostile and broken files -------------------------------------------------------------------


def corrupt_pdf() -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n garbage \x00\x01\x02 trailer <<>>\n"


def encrypted_pdf() -> bytes:
    """A PDF encrypted with a user password (pypdf)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(
        clone_from=PdfReader(io.BytesIO(text_pdf(["Document confidentiel du centre de ressources"])))
    )
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def huge_page_count_pdf() -> bytes:
    """A page tree that announces ten million pages."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 10000000 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    return _assemble(objects)


def nested_pdf(depth: int = 100_000) -> bytes:
    """A page whose resources hold arrays nested `depth` deep."""
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Foo " + nested + b" >>",
        b"<< /Length 10 >>\nstream\nBT ET     \nendstream",
    ]
    return _assemble(objects)


def zip_bomb_docx(uncompressed_mb: int = 300) -> bytes:
    """A DOCX whose document.xml inflates to hundreds of megabytes of zeros."""
    out = io.BytesIO()
    chunk = b"0" * (1024 * 1024)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(uncompressed_mb):
                member.write(chunk)
    return out.getvalue()


def zip_bomb_odt(uncompressed_mb: int = 300) -> bytes:
    out = io.BytesIO()
    chunk = b" " * (1024 * 1024)
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        info = zipfile.ZipInfo("content.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(uncompressed_mb):
                member.write(chunk)
    return out.getvalue()


def giant_png(side: int = 20_000) -> bytes:
    """A 1-bit PNG of side × side pixels: tiny on disk, 400 megapixels once decoded."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (side, side), 1).save(out, "PNG", optimize=True)
    return out.getvalue()


def write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path
