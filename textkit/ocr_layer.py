"""The searchable PDF of a scanned document: the original pages with Tesseract's invisible text laid over.

Plain Python (pypdf), no Django.
"""

from __future__ import annotations

from pathlib import Path


def searchable_pdf(reader, overlays: dict[int, Path], workdir: Path) -> str | None:
    """The original PDF with Tesseract's invisible text laid over each OCR'd page.

    Each text layer is grafted as a form XObject drawn after the page's own content (itself wrapped in
    q … Q so that it cannot move the layer): nothing of either content stream is parsed or rewritten,
    unlike pypdf's merge_transformed_page, which parsed both and cost more than the rest of the file."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject

    writer = PdfWriter(clone_from=reader)

    def stream(data: bytes):
        content = DecodedStreamObject()
        content.set_data(data)
        return writer._add_object(content)

    for index, overlay_path in overlays.items():
        target, overlay = writer.pages[index], PdfReader(overlay_path).pages[0]
        box, obox = target.mediabox, overlay.mediabox
        sx = float(box.width) / float(obox.width or 1)
        sy = float(box.height) / float(obox.height or 1)
        layer = overlay.get_contents()
        form = DecodedStreamObject()
        form.set_data(layer.get_data() if layer is not None else b"")
        form = form.flate_encode()
        form.update(
            {
                NameObject("/Type"): NameObject("/XObject"),
                NameObject("/Subtype"): NameObject("/Form"),
                NameObject("/BBox"): ArrayObject(FloatObject(float(v)) for v in obox),
                NameObject("/Resources"): overlay.get("/Resources", DictionaryObject()).clone(writer),
            }
        )
        name = f"/OCRText{index}"
        resources = target.get("/Resources")
        if resources is None:
            resources = target[NameObject("/Resources")] = DictionaryObject()
        resources = resources.get_object()
        xobjects = resources.get("/XObject")
        if xobjects is None:
            xobjects = resources[NameObject("/XObject")] = DictionaryObject()
        xobjects.get_object()[NameObject(name)] = writer._add_object(form)
        contents = target.raw_get("/Contents") if "/Contents" in target else ArrayObject()
        resolved = contents.get_object()
        original = list(resolved) if isinstance(resolved, ArrayObject) else [contents]
        matrix = f"{sx:.6f} 0 0 {sy:.6f} {float(box.left):.4f} {float(box.bottom):.4f} cm"
        target[NameObject("/Contents")] = ArrayObject(
            [stream(b"q\n"), *original, stream(f"\nQ\nq {matrix} {name} Do Q\n".encode())]
        )
    out = workdir / "searchable.pdf"
    with out.open("wb") as handle:
        writer.write(handle)
    return str(out)
