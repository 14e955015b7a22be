"""The 2020 demo report as the Assembly reads it: PDF, DOCX, charts, table exports and the ANCT return."""

import csv
import io
import subprocess
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document
from openpyxl import load_workbook

from maillage.core.exports import to_csv, to_xlsx
from maillage.reporting.anct import anct_rows
from maillage.reporting.charts import all_charts
from maillage.reporting.docx import render_docx
from maillage.reporting.pdf import render_pdf
from maillage.reporting.services import report_for
from tests.conftest import load_referential

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once, render every document, and roll everything back."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_referential()
        call_command("load_demo", stdout=io.StringIO())
        report = report_for(2020)
        outputs = {
            "report": report,
            "pdf": render_pdf(report),
            "docx": render_docx(report),
            "charts": all_charts(report.figures),
        }
        transaction.set_rollback(True)
    return outputs


def pdf_text(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def test_pdf_has_cover_contents_sections_and_the_2020_figures(demo):
    text = pdf_text(demo["pdf"])
    assert "Bilan d’activité 2020" in text
    assert "Sommaire" in text
    for title in (
        "L’année en chiffres",
        "Le programme et ses écarts",
        "Les publics touchés",
        "Les territoires",
    ):
        assert title in text
    flat = " ".join(text.replace("\u202f", " ").split())
    assert "32 demi-journées d’actions" in flat and "pour 58 prévues" in flat
    assert "780 participations cumulées" in flat
    assert "La moitié d’entre elles (13)" in flat
    assert "199 quartiers prioritaires" in flat


def test_pdf_table_of_contents_has_page_numbers(demo):
    text = pdf_text(demo["pdf"])
    contents = text.split("Sommaire", 1)[1].split("\f", 1)[0]
    lines = [line for line in contents.splitlines() if "L’année en chiffres" in line]
    assert lines and lines[0].rstrip()[-1].isdigit()


def test_docx_has_real_headings_and_tables(demo):
    document = Document(io.BytesIO(demo["docx"]))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "1. L’année en chiffres" in headings
    assert any("Les publics touchés" in h for h in headings)
    first = document.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["indicateur", "2020", "2019", "évolution"]
    assert first.rows[1].cells[0].text == "Demi-journées réalisées"
    assert first.rows[1].cells[1].text == "32" and first.rows[1].cells[2].text == "50"
    assert len(document.inline_shapes) == 3  # the three charts, as PNG


def test_charts_are_valid_accessible_svg(demo):
    assert set(demo["charts"]) == {
        "demi-journees-par-type",
        "participations-par-mois",
        "causes-non-realisation",
    }
    for chart in demo["charts"].values():
        root = ET.fromstring(chart.svg())
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        assert root.find(f"{SVG}title").text and root.find(f"{SVG}desc").text
        texts = [t.text for t in root.iter(f"{SVG}text")]
        assert texts
    causes = ET.fromstring(demo["charts"]["causes-non-realisation"].svg())
    assert any("(50\u202f%)" in (t.text or "") for t in causes.iter(f"{SVG}text"))
    assert demo["charts"]["participations-par-mois"].png().startswith(b"\x89PNG")


def test_every_table_exports_to_csv_and_xlsx(demo):
    tables = demo["report"].tables()
    assert "chiffres-cles" in tables and "causes" in tables
    header, rows = tables["chiffres-cles"].export()
    assert header == ["indicateur", "2020", "2019", "évolution", "évolution (%)"]
    assert rows[0] == ["Demi-journées réalisées", 32, 50, -18, -36]
    parsed = list(csv.reader(io.StringIO(to_csv(header, rows).decode("utf-8-sig")), delimiter=";"))
    assert parsed[1][:3] == ["Demi-journées réalisées", "32", "50"]
    sheet = load_workbook(io.BytesIO(to_xlsx(header, rows))).active
    assert sheet.cell(2, 2).value == 32
    for table in tables.values():
        header, rows = table.export()
        assert all(len(row) == len(header) for row in rows)


def test_anct_return(demo):
    header, rows = anct_rows(demo["report"].figures)
    assert header[:4] == ["annee", "volet", "rubrique", "code"]
    values = {(r[3], r[4], r[5]): r[7] for r in rows}
    assert values[("demi_journees_realisees", "", "")] == 32
    assert values[("demi_journees_prevues", "", "")] == 58
    assert values[("demi_journees_realisees", "cycle", "distanciel")] == 6
    assert values[("demi_journees_realisees", "cycle", "presentiel")] == 6
    assert values[("participations_cumulees", "", "")] == 780
    by_type_format = sum(
        v for (code, t, f), v in values.items() if code == "demi_journees_realisees" and t and f
    )
    assert by_type_format == 32
