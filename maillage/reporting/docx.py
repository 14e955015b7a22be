"""The report as an editable Word document (python-docx): same sections, real headings, tables, PNG charts."""

import io

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

BLUE = RGBColor(0x00, 0x00, 0x91)
GREY = RGBColor(0x3A, 0x3A, 0x3A)
FONT = "Arial"  # Liberation Sans in LibreOffice; Marianne is not installed on members' computers


def _field(paragraph, instruction: str, placeholder: str | list[str] = "") -> None:
    """A Word field (page number, table of contents), computed by Word when the document is opened."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    lines = [placeholder] if isinstance(placeholder, str) else placeholder
    shown = []
    for index, line in enumerate(lines):
        if index:
            shown.append(OxmlElement("w:br"))
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        text.text = line
        shown.append(text)
    for element in (begin, code, separate, *shown, end):
        run._r.append(element)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(10)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size in (("Title", 30), ("Heading 1", 17), ("Heading 2", 12)):
        style = document.styles[name]
        style.font.name, style.font.size, style.font.color.rgb = FONT, Pt(size), BLUE
        style.font.bold = True


def _cover(document, report) -> None:
    for _ in range(6):
        document.add_paragraph()
    kicker = document.add_paragraph("RAPPORT D’ACTIVITÉ PRÉSENTÉ À L’ASSEMBLÉE GÉNÉRALE")
    kicker.runs[0].font.color.rgb = GREY
    document.add_paragraph(report.title, style="Title")
    scope = document.add_paragraph(report.scope_label)
    scope.runs[0].font.size = Pt(14)
    for _ in range(4):
        document.add_paragraph()
    name = document.add_paragraph(report.organisation)
    name.runs[0].font.size, name.runs[0].font.bold, name.runs[0].font.color.rgb = Pt(15), True, BLUE
    if report.version:
        mention = f"Version {report.version.number}, adoptée par l’assemblée générale."
    else:
        mention = f"Document de travail, édité le {timezone.localdate():%d/%m/%Y}."
    document.add_paragraph(mention).runs[0].font.color.rgb = GREY
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("Sommaire", style="Heading 2")
    titles = [f"{n}. {s.title}" for n, s in enumerate(report.visible_sections, start=1)]
    _field(document.add_paragraph(), 'TOC \\o "1-1" \\h \\z \\u', titles)
    hint = document.add_paragraph("Les numéros de page s’affichent quand Word met à jour le sommaire (F9).")
    hint.runs[0].font.size, hint.runs[0].font.color.rgb = Pt(8), GREY


def _header_footer(document, report) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = f"{report.organisation} — {report.title}"
    header.runs[0].font.size, header.runs[0].font.color.rgb = Pt(8), GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("Page ").font.size = Pt(8)
    _field(footer, "PAGE", "1")


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _table(document, table) -> None:
    caption = document.add_paragraph(table.title)
    caption.runs[0].font.bold = True
    caption.paragraph_format.keep_with_next = True
    rows = table.display_rows()
    total = table.display_total()
    grid = document.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    _repeat_header(grid.rows[0])
    for cell, column in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = column.label
        run = cell.paragraphs[0].runs[0]
        run.font.bold, run.font.size, run.font.color.rgb = True, Pt(9), BLUE
        if column.kind != "text":
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for values in rows + ([total] if total else []):
        cells = grid.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = value["text"]
            paragraph = cell.paragraphs[0]
            paragraph.runs[0].font.size = Pt(9)
            paragraph.runs[0].font.bold = values is total
            if "num" in value["css"]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.note:
        note = document.add_paragraph(table.note)
        note.runs[0].font.size, note.runs[0].font.color.rgb = Pt(8), GREY
    document.add_paragraph()


def _chart(document, chart) -> None:
    document.add_picture(io.BytesIO(chart.png()), width=Cm(15.5))
    document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    # the PNG's alternative text, for screen readers: the chart's description
    doc_pr = document.inline_shapes[-1]._inline.docPr
    doc_pr.set("descr", chart.description)
    doc_pr.set("title", chart.title)
    caption = document.add_paragraph(chart.title)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.runs[0].font.size, caption.runs[0].font.italic = Pt(8), True


def render_docx(report) -> bytes:
    document = Document()
    _styles(document)
    first = document.sections[0]
    first.page_height, first.page_width = Cm(29.7), Cm(21)
    first.left_margin = first.right_margin = Cm(2)
    document.core_properties.title = f"{report.title} — {report.scope_label}"
    document.core_properties.author = report.organisation
    document.core_properties.language = "fr-FR"
    _cover(document, report)
    _header_footer(document, report)
    for number, section in enumerate(report.visible_sections, start=1):
        heading = document.add_heading(f"{number}. {section.title}", level=1)
        if number > 1 and not section.narrative_key:
            heading.paragraph_format.page_break_before = True
        for kind, block in section.blocks:
            if kind == "p":
                document.add_paragraph(block)
            elif kind == "ul":
                for item in block:
                    document.add_paragraph(item, style="List Bullet")
            elif kind == "chart":
                _chart(document, block)
            elif kind == "table":
                _table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
