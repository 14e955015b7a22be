"""textkit.ocr: Tesseract (French) on scanned pages, confidence, and the searchable PDF."""

import shutil

import pytest
from pypdf import PdfReader

from tests.library import samples
from textkit import ocr
from textkit.extraction import Limits, extract

pytestmark = pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract absent")

TEXT = "La rénovation urbaine\ndu quartier prioritaire\nà Roubaix en 2021"


def test_ocr_image_text_and_confidence(tmp_path):
    image = samples.write(tmp_path, "page.png", samples.png(TEXT))
    result = ocr.ocr_image(image, tmp_path, pdf=False, dpi=150)
    assert "rénovation urbaine" in result.text
    assert result.confidence is not None and result.confidence > 60


def test_parse_tsv_mean_of_words():
    tsv = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    tsv += "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tla\n5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t70\tville\n4\t1\t1\t1\t1\t0\t0\t0\t1\t1\t-1\t\n"
    assert ocr.parse_tsv(tsv) == 80.0


def test_scanned_pdf_is_ocred_and_made_searchable(tmp_path):
    pdf = samples.write(tmp_path, "scan.pdf", samples.scanned_pdf([TEXT]))
    result = extract(pdf, tmp_path, Limits())
    assert result.scanned_pages == 1
    page = result.pages[0]
    assert page.origin == "ocr" and page.confidence > 60
    assert "quartier prioritaire" in page.text
    searchable = PdfReader(result.searchable_pdf)
    assert len(searchable.pages) == 1
    assert "quartier" in searchable.pages[0].extract_text()


def test_tool_timeout_is_a_french_error(tmp_path):
    with pytest.raises(ocr.OCRError, match="temps autorisé"):
        ocr.run_tool(["sleep", "5"], timeout=1, what="Le test")
