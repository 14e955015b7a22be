"""The demo archive document goes through the real ingestion: OCR, repair, index."""

import shutil

import pytest
from django.core.management import call_command

from maillage.core.demo_scans import TITLE
from maillage.library.models import Page, Resource


@pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract absent")
@pytest.mark.django_db
def test_demo_scan_is_ocred_repaired_and_published(capsys):
    call_command("load_demo_scans")
    assert "un bilan numérisé de 2 pages" in capsys.readouterr().out
    resource = Resource.objects.get(title=TITLE)
    assert resource.is_published
    pages = Page.objects.filter(file__resource=resource).order_by("number")
    assert [p.origin for p in pages] == ["ocr", "ocr"]
    assert sum(p.repair_edits for p in pages) > 0
    assert "renouvellement urbain" in pages[1].text and pages[1].raw_text != pages[1].text
    call_command("load_demo_scans")
    assert "déjà présent" in capsys.readouterr().out
    assert Resource.objects.filter(title=TITLE).count() == 1
