"""textkit.ocr: Tesseract (French) on scanned pages, confidence, and the searchable PDF."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject

from tests.library import samples
from textkit import ocr, ocr_render
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


# Page images: the scan's JPEG scaled in-process when a page is just that, pdftoppm otherwise.


def _first_page(path):
    return PdfReader(path).pages[0]


def test_a_scanned_page_is_scaled_from_its_jpeg_to_the_size_pdftoppm_gives(tmp_path):
    pdf = samples.write(tmp_path, "scan.pdf", samples.scanned_pdf([TEXT]))
    page = _first_page(pdf)
    assert ocr_render.scan_image(page) is not None
    fast = ocr_render.render_page(pdf, page, 1, tmp_path, 300, 60_000_000)
    (tmp_path / "ref").mkdir()
    slow = ocr.render_pdf_page(pdf, 1, tmp_path / "ref", 300)
    with Image.open(fast) as mine, Image.open(slow) as reference:
        assert mine.size == reference.size == (2480, 3508) and mine.mode == "L"
    result = ocr.ocr_image(fast, tmp_path, dpi=300)
    assert "quartier prioritaire" in result.text and result.confidence > 60


def test_other_pages_go_to_pdftoppm(tmp_path, monkeypatch):
    text_page = _first_page(samples.write(tmp_path, "t.pdf", samples.text_pdf(["Du texte"])))
    assert ocr_render.scan_image(text_page) is None
    scan = samples.write(tmp_path, "scan.pdf", samples.scanned_pdf([TEXT]))
    writer = PdfWriter(clone_from=scan)
    writer.pages[0].rotate(90)
    rotated = tmp_path / "rotated.pdf"
    writer.write(rotated)
    assert ocr_render.scan_image(_first_page(rotated)) is None
    # a JPEG larger than its declared size, or over the pixel limit, is not decoded here
    page = _first_page(scan)
    image = ocr_render.scan_image(page)
    assert ocr_render.render_scan(image, (2480, 3508), tmp_path / "a.pgm", max_pixels=1000) is None
    image[NameObject("/Width")] = NumberObject(100)
    assert ocr_render.render_scan(image, (2480, 3508), tmp_path / "b.pgm", max_pixels=60_000_000) is None
    calls = []
    monkeypatch.setattr(ocr, "render_pdf_page", lambda *args, **kwargs: calls.append(args) or tmp_path / "x")
    ocr_render.render_page(rotated, _first_page(rotated), 1, tmp_path, 300, 60_000_000)
    assert len(calls) == 1


def _bilevel_scan(tmp_path, name, dpi):
    """A one-page bilevel scan at `dpi` (a US-letter width), as a PDF."""
    from PIL import ImageDraw

    image = Image.new("1", (round(8.5 * dpi), round(2 * dpi)), 1)
    ImageDraw.Draw(image).rectangle((dpi // 2, dpi // 2, dpi, dpi * 3 // 2), fill=0)
    path = tmp_path / name
    image.save(path, "PDF", resolution=dpi)
    return path


def test_the_resolution_of_a_scanned_page():
    assert ocr_render.smoothing_radius(300, 100) == pytest.approx(1.2)
    assert ocr_render.smoothing_radius(300, 150) == pytest.approx(0.8)
    assert ocr_render.smoothing_radius(300, 72) == ocr_render.MAX_SMOOTHING
    assert ocr_render.smoothing_radius(300, 300) == ocr_render.smoothing_radius(300, 250) == 0
    assert ocr_render.smoothing_radius(300, None) == 0
    assert ocr_render.smoothing_radius(100, 150) == 0  # a huge page rendered under its scan resolution


def test_a_low_resolution_scan_is_smoothed_once_enlarged_and_a_300_dpi_one_is_not(tmp_path):
    low, good = _bilevel_scan(tmp_path, "low.pdf", 100), _bilevel_scan(tmp_path, "good.pdf", 300)
    assert ocr_render.scan_resolution(_first_page(low)) == pytest.approx(100)
    assert ocr_render.scan_resolution(_first_page(good)) == pytest.approx(300)
    text_page = _first_page(samples.write(tmp_path, "t.pdf", samples.text_pdf(["Du texte"])))
    assert ocr_render.scan_resolution(text_page) is None
    for pdf, smoothed in ((low, True), (good, False)):
        out = tmp_path / pdf.stem
        out.mkdir()
        mine = ocr_render.render_page(pdf, _first_page(pdf), 1, out, 300, 60_000_000)
        (out / "ref").mkdir()
        plain = ocr.render_pdf_page(pdf, 1, out / "ref", 300)
        with Image.open(mine) as a, Image.open(plain) as b:
            assert a.size == b.size
            # the edge of the black square: a blur spreads it over more grey levels
            assert (
                len(a.histogram()) - a.histogram().count(0) > len(b.histogram()) - b.histogram().count(0)
            ) is smoothed
            assert (a.tobytes() == b.tobytes()) is not smoothed


def test_a_page_that_cannot_be_smoothed_is_read_as_rendered(tmp_path, caplog):
    broken = tmp_path / "page-00001.pgm"
    broken.write_bytes(b"P5 not an image")
    assert ocr_render.smooth(broken, 1.2) == broken
    assert broken.read_bytes() == b"P5 not an image" and "could not smooth" in caplog.text
    assert list(tmp_path.iterdir()) == [broken]  # no temporary file left behind


def _my_tesseracts() -> int:
    count = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        if head.split("(", 1)[1] == "tesseract" and int(tail.split()[1]) == os.getpid():
            count += 1
    return count


def test_the_next_page_is_prepared_while_tesseract_reads_this_one(tmp_path):
    pdf = samples.write(tmp_path, "scan.pdf", samples.scanned_pdf([TEXT, TEXT + "\nsuite"]))
    reader = PdfReader(pdf)
    running_during_render = {}

    def render(number):
        running_during_render[number] = _my_tesseracts()
        return ocr_render.render_page(pdf, reader.pages[number - 1], number, tmp_path, 300, 60_000_000)

    results = list(ocr.ocr_pdf_pages(render, [1, 2], {1: 300, 2: 300}, tmp_path))
    assert running_during_render == {1: 0, 2: 1}  # page 2 was made while Tesseract read page 1
    assert [number for number, _ in results] == [1, 2] and "suite" in results[1][1].text
    assert all(result.pdf_path.exists() for _, result in results) and not list(tmp_path.glob("*.pgm"))


def test_a_rendering_failure_stops_tesseract_and_leaves_no_image(tmp_path):
    pdf = samples.write(tmp_path, "scan.pdf", samples.scanned_pdf([TEXT, TEXT]))
    reader = PdfReader(pdf)

    def render(number):
        if number == 2:
            raise ocr.OCRError("rendu impossible")
        return ocr_render.render_page(pdf, reader.pages[0], number, tmp_path, 300, 60_000_000)

    with pytest.raises(ocr.OCRError, match="rendu impossible"):
        list(ocr.ocr_pdf_pages(render, [1, 2], {1: 300, 2: 300}, tmp_path))
    assert not list(tmp_path.glob("*.pgm")) and _my_tesseracts() == 0  # page 1's Tesseract was stopped


def test_the_text_layer_is_grafted_without_touching_the_page(tmp_path):
    pdf = samples.write(tmp_path, "scan.pdf", samples.scanned_pdf([TEXT, "Page sans OCR"]))
    result = extract(pdf, tmp_path, Limits())
    original, searchable = PdfReader(pdf), PdfReader(result.searchable_pdf)
    page = searchable.pages[0]
    assert len(page.images) == 1 and page.images[0].data == original.pages[0].images[0].data
    assert [float(v) for v in page.mediabox] == [float(v) for v in original.pages[0].mediabox]
    streams = [part.get_object().get_data() for part in page["/Contents"]]
    assert streams[0].strip() == b"q" and b"Do Q" in streams[-1] and streams[-1].lstrip().startswith(b"Q")
    layer = page["/Resources"]["/XObject"]["/OCRText0"].get_object()
    assert layer["/Subtype"] == "/Form" and b"3 Tr" in layer.get_data()  # invisible text


def test_tools_inherit_a_lower_hard_limit_instead_of_failing(tmp_path):
    script = (
        "import resource; resource.setrlimit(resource.RLIMIT_CPU, (20, 25))\n"
        "from textkit import ocr; print(ocr.run_tool(['true']).returncode)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert out.returncode == 0 and out.stdout.strip() == "0", out.stderr
