"""textkit.extraction and textkit.office: text per page, and bad input refused with a French message."""

import io
import json
import os

import pytest

from tests.library import samples
from textkit import extraction_server
from textkit.extraction import ExtractionError, Limits, detect_kind, extract, main

NO_OCR = Limits(ocr=False)


@pytest.fixture
def make(tmp_path):
    def make(name, data):
        return samples.write(tmp_path, name, data)

    return make


def test_born_digital_pdf_pages_and_metadata(make, tmp_path):
    pdf = make(
        "rapport.pdf",
        samples.text_pdf(
            [
                "Rapport annuel du centre de ressources\nPublié le 12 mars 2021 à Lille",
                "Deuxième page : la rénovation urbaine",
            ],
            title="Rapport annuel 2020",
            author="CRPV Hauts-de-France",
        ),
    )
    result = extract(pdf, tmp_path, NO_OCR)
    assert result.kind == "pdf"
    assert [p.origin for p in result.pages] == ["text_layer", "text_layer"]
    assert "rénovation urbaine" in result.pages[1].text
    assert result.suggestions == {
        "title": "Rapport annuel 2020",
        "date": "2021-03-12",
        "author": "CRPV Hauts-de-France",
    }


def test_docx_pages_split_on_page_breaks(make, tmp_path):
    path = make(
        "note.docx", samples.docx(["Première partie sur l'habitat", "\f", "Seconde partie"], title="Note")
    )
    result = extract(path, tmp_path, NO_OCR)
    assert [p.text for p in result.pages] == ["Première partie sur l'habitat", "Seconde partie"]
    assert result.suggestions["title"] == "Note"
    assert result.suggestions["date"] == "2021-03-15"


def test_odt_and_html(make, tmp_path):
    odt = extract(make("a.odt", samples.odt(["Un", "\f", "Deux"], title="Titre ODT")), tmp_path, NO_OCR)
    assert [p.text for p in odt.pages] == ["Un", "Deux"]
    page = extract(make("a.html", samples.html("Texte visible é", title="Ma page")), tmp_path, NO_OCR)
    assert page.pages[0].text == "Texte visible é"
    assert "caché" not in page.pages[0].text
    assert page.suggestions["title"] == "Ma page"


def test_detect_kind():
    assert detect_kind(b"%PDF-1.7 ...") == "pdf"
    assert detect_kind(b"\x89PNG\r\n\x1a\n....") == "image"
    assert detect_kind(b"  <!DOCTYPE html><html>") == "html"
    assert detect_kind(b"\x00\x01\x02\xff\xfe") is None


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("vide.pdf", b"", "vide"),
        ("casse.pdf", samples.corrupt_pdf(), "endommagé"),
        ("pages.pdf", samples.huge_page_count_pdf(), "10000000 pages"),
        ("image.pdf", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "ne correspond pas"),
        ("texte.docx", samples.text_pdf(["Bonjour tout le monde du centre"]), "ne correspond pas"),
        ("prog.exe", b"MZ\x90\x00", "non pris en charge"),
        ("bombe.docx", samples.zip_bomb_docx(), "bombe de décompression"),
        ("bombe.odt", samples.zip_bomb_odt(), "bombe de décompression"),
    ],
)
def test_bad_input_is_refused_in_french(make, tmp_path, name, data, message):
    with pytest.raises(ExtractionError, match=message):
        extract(make(name, data), tmp_path, NO_OCR)


def test_encrypted_pdf(make, tmp_path):
    with pytest.raises(ExtractionError, match="mot de passe"):
        extract(make("secret.pdf", samples.encrypted_pdf()), tmp_path, NO_OCR)


def test_nested_pdf_is_refused_or_read_without_crashing(make, tmp_path):
    try:
        result = extract(make("nested.pdf", samples.nested_pdf()), tmp_path, NO_OCR)
    except ExtractionError as exc:
        assert "PDF" in str(exc)
    else:
        assert len(result.pages) == 1


def test_file_over_the_size_limit(make, tmp_path):
    path = make("gros.pdf", samples.text_pdf(["x" * 50] * 40))
    with pytest.raises(ExtractionError, match="au-delà de la limite"):
        extract(path, tmp_path, Limits(ocr=False, max_bytes=1000))


def test_giant_image(make, tmp_path):
    with pytest.raises(ExtractionError, match="Image refusée"):
        extract(make("geante.png", samples.giant_png()), tmp_path, Limits())


def test_child_progress_is_throttled_but_ends_on_the_total(make, capsys):
    pdf = make(
        "long.pdf", samples.text_pdf([f"Page numéro {n} du rapport d'activité annuel" for n in range(40)])
    )
    assert main([str(pdf), "--workdir", str(pdf.parent), "--limits", '{"ocr": false}']) == 0
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    progress = [event for event in events if event["event"] == "progress"]
    assert 1 <= len(progress) < 40 and progress[-1] == {"event": "progress", "done": 40, "total": 40}
    assert events[-1]["event"] == "result" and len(events[-1]["extraction"]["pages"]) == 40


def test_extraction_server_forks_a_child_per_task_and_reports_how_it_ended(make, tmp_path):
    good = make("a.html", samples.html("Bonjour le réseau"))
    empty = make("vide.pdf", b"")
    task = {"workdir": str(tmp_path), "limits": {}, "memory_bytes": 2**31, "cpu_seconds": 60}
    tasks = [
        json.dumps({**task, "path": str(path), "stderr": str(tmp_path / f"err{n}.txt")}) + "\n"
        for n, path in enumerate([good, empty, tmp_path / "absent.txt"])
    ]
    out = io.StringIO()
    extraction_server.serve(iter(tasks), out)
    events = [json.loads(line) for line in out.getvalue().splitlines()]
    starts = [event["pid"] for event in events if event["event"] == "started"]
    exits = [event for event in events if event["event"] == "exit"]
    assert len(set(starts)) == 3 and os.getpid() not in starts
    assert [event["code"] for event in exits] == [0, 0, 1]  # the third child crashed: reported, no more
    assert any(event.get("message") == "Le fichier est vide." for event in events)
    assert any(event["event"] == "result" for event in events)
    assert "FileNotFoundError" in (tmp_path / "err2.txt").read_text()


def test_extraction_server_relays_only_the_childs_own_events():
    assert extraction_server._from_child(b'{"event": "progress", "done": 1, "total": 2}\n')
    assert not extraction_server._from_child(b'{"event": "exit", "code": 0}\n')
    assert not extraction_server._from_child(b'{"event": "progress", "event": "started", "pid": 1}\n')
    assert not extraction_server._from_child(b"[1, 2]\n") and not extraction_server._from_child(b"{tronqu")
