"""Text of DOCX, ODT and HTML documents, with limits against zip and XML bombs. Plain Python, no Django.

A DOCX or ODT is a zip: its declared sizes are checked before anything is read, and each member is read
with a hard cap (a lying header cannot make us inflate more). XML is parsed without entities or network.
Pages: DOCX page breaks (explicit and last rendered), ODT soft page breaks; otherwise one page.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_NS = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"


class DocumentError(Exception):
    """A French message for the documentalist."""


@dataclass
class ZipLimits:
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_entries: int = 5000
    max_ratio: int = 200


@dataclass
class OfficeText:
    pages: list[str]
    metadata: dict[str, str] = field(default_factory=dict)


def _parser():
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def open_zip(path: Path, limits: ZipLimits) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocumentError("Le fichier est endommagé : l'archive du document est illisible.") from exc
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise DocumentError(f"Document refusé : l'archive contient trop de fichiers ({len(infos)}).")
    total = sum(info.file_size for info in infos)
    if total > limits.max_unzipped_bytes:
        raise DocumentError(
            "Document refusé : une fois décompressé, il dépasserait "
            f"{limits.max_unzipped_bytes // (1024 * 1024)} Mo (bombe de décompression ?)."
        )
    for info in infos:
        if (
            info.compress_size
            and info.file_size / info.compress_size > limits.max_ratio
            and info.file_size > 1_000_000
        ):
            raise DocumentError("Document refusé : taux de compression anormal (bombe de décompression ?).")
    return archive


def read_member(
    archive: zipfile.ZipFile, name: str, limits: ZipLimits, required: bool = True
) -> bytes | None:
    try:
        with archive.open(name) as member:
            data = member.read(limits.max_unzipped_bytes + 1)
    except KeyError as exc:
        if not required:
            return None
        raise DocumentError(f"Le document est incomplet : « {name} » manque.") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise DocumentError("Le fichier est endommagé : l'archive du document est illisible.") from exc
    if len(data) > limits.max_unzipped_bytes:
        raise DocumentError(
            "Document refusé : contenu décompressé trop volumineux (bombe de décompression ?)."
        )
    return data


def parse_xml(data: bytes):
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise DocumentError("Le fichier est endommagé : son contenu XML est invalide.") from exc


def _core_metadata(root, title_tag, author_tags, date_tags) -> dict[str, str]:
    found = {}
    if root is None:
        return found
    for key, tags in (("title", [title_tag]), ("author", author_tags), ("date", date_tags)):
        for tag in tags:
            element = root.find(f".//{tag}")
            if element is not None and (element.text or "").strip():
                found[key] = element.text.strip()
                break
    return found


def docx_text(path: Path, limits: ZipLimits | None = None) -> OfficeText:
    limits = limits or ZipLimits()
    with open_zip(path, limits) as archive:
        root = parse_xml(read_member(archive, "word/document.xml", limits))
        core_data = read_member(archive, "docProps/core.xml", limits, required=False)
    pages = _docx_pages(root)
    core = parse_xml(core_data) if core_data else None
    metadata = _core_metadata(core, f"{DC}title", [f"{DC}creator"], [f"{DCTERMS}created"])
    return OfficeText(pages=pages or [""], metadata=metadata)


def _docx_pages(root) -> list[str]:
    pages, paragraphs = [], []
    for paragraph in root.iter(f"{W}p"):
        parts = []
        for element in paragraph.iter():
            if element.tag == f"{W}t":
                parts.append(element.text or "")
            elif element.tag == f"{W}tab":
                parts.append("\t")
            elif (element.tag == f"{W}br" and element.get(f"{W}type") == "page") or (
                element.tag == f"{W}lastRenderedPageBreak"
            ):
                if parts:
                    paragraphs.append("".join(parts))
                    parts = []
                if any(p.strip() for p in paragraphs):
                    pages.append("\n".join(paragraphs).strip())
                paragraphs = []
        paragraphs.append("".join(parts))
    if any(p.strip() for p in paragraphs):
        pages.append("\n".join(paragraphs).strip())
    return pages


def odt_text(path: Path, limits: ZipLimits | None = None) -> OfficeText:
    limits = limits or ZipLimits()
    with open_zip(path, limits) as archive:
        root = parse_xml(read_member(archive, "content.xml", limits))
        meta_data = read_member(archive, "meta.xml", limits, required=False)
    pages, paragraphs = [], []
    for element in root.iter(f"{TEXT_NS}p", f"{TEXT_NS}h", f"{TEXT_NS}soft-page-break"):
        if element.tag == f"{TEXT_NS}soft-page-break":
            if any(p.strip() for p in paragraphs):
                pages.append("\n".join(paragraphs).strip())
            paragraphs = []
            continue
        # Nested paragraphs (in frames, notes) are reached by iter() on their own.
        paragraphs.append("".join(_odt_inline(element)))
    if any(p.strip() for p in paragraphs):
        pages.append("\n".join(paragraphs).strip())
    meta = parse_xml(meta_data) if meta_data else None
    metadata = _core_metadata(
        meta, f"{DC}title", [f"{DC}creator", f"{META}initial-creator"], [f"{META}creation-date", f"{DC}date"]
    )
    return OfficeText(pages=pages or [""], metadata=metadata)


def _odt_inline(element):
    if element.text:
        yield element.text
    for child in element:
        if child.tag in (f"{TEXT_NS}p", f"{TEXT_NS}h"):
            pass  # visited on its own
        elif child.tag == f"{TEXT_NS}s":
            yield " " * int(child.get(f"{TEXT_NS}c", "1") or 1)
        elif child.tag == f"{TEXT_NS}tab":
            yield "\t"
        elif child.tag == f"{TEXT_NS}line-break":
            yield "\n"
        else:
            yield from _odt_inline(child)
        if child.tail:
            yield child.tail


class _HTMLText(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "svg"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.author = ""

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            attributes = dict(attrs)
            if (attributes.get("name") or "").lower() == "author":
                self.author = (attributes.get("content") or "").strip()
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        elif not self.skip:
            self.parts.append(data)


def html_text(path: Path) -> OfficeText:
    raw = path.read_bytes()
    charset = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", raw[:2048])
    try:
        text = raw.decode(charset.group(1).decode() if charset else "utf-8")
    except (LookupError, UnicodeDecodeError):
        text = raw.decode("cp1252", errors="replace")
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    body = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    body = re.sub(r"\n\s*\n+", "\n\n", body).strip()
    metadata = {k: v for k, v in {"title": parser.title.strip(), "author": parser.author}.items() if v}
    return OfficeText(pages=[body], metadata=metadata)
