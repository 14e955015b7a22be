"""Ingestion: upload, background job, pages with their origin, bad input in French, atomicity, retry, command."""

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from maillage.library.models import IngestionJob, Page, Resource, ResourceFile, SearchDocument
from maillage.library.search.base import get_backend
from maillage.library.services import indexing, ingestion, sandbox
from tests.library import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def resource(db):
    return Resource.objects.create(title="Archives 2019")


def upload(staff_client, resource, capture, *files):
    with capture(execute=True):
        response = staff_client.post(reverse("library:upload", args=[resource.pk]), {"files": list(files)})
    assert response.status_code == 302


def test_upload_many_files_pages_and_suggestions(staff_client, resource, django_capture_on_commit_callbacks):
    pdf = samples.text_pdf(
        [
            "Compte rendu du 4 février 2019\nLa médiation sociale à Lens",
            "Suite du compte rendu de la réunion du réseau",
        ],
        title="Médiation sociale",
        author="CRPV",
    )
    upload(
        staff_client,
        resource,
        django_capture_on_commit_callbacks,
        SimpleUploadedFile("cr.pdf", pdf),
        SimpleUploadedFile("note.docx", samples.docx(["Note sur l'habitat"])),
    )
    pdf_file, docx_file = ResourceFile.objects.filter(resource=resource).order_by("pk")
    assert pdf_file.status == ResourceFile.Status.INDEXED and pdf_file.page_count == 2
    assert list(pdf_file.pages.values_list("origin", flat=True)) == ["text_layer", "text_layer"]
    assert pdf_file.suggestions["date"] == "2019-02-04"
    assert docx_file.pages.get().text == "Note sur l'habitat"
    assert all(
        job.status == IngestionJob.Status.DONE and job.percent == 100 for job in IngestionJob.objects.all()
    )
    resource.publish()
    indexing.reindex([resource])
    assert get_backend().search("médiation").total == 1
    staff_client.post(reverse("library:apply_suggestions", args=[pdf_file.pk]))
    resource.refresh_from_db()
    assert str(resource.date) == "2019-02-04" and resource.publisher == "CRPV"


BAD = [
    ("vide.pdf", b"", "vide"),
    ("casse.pdf", samples.corrupt_pdf(), "endommagé"),
    ("secret.pdf", None, "mot de passe"),
    ("hostile.pdf", samples.huge_page_count_pdf(), "pages"),
    ("bombe.docx", None, "bombe de décompression"),
    ("faux.pdf", samples.docx(["x"]), "ne correspond pas"),
    ("geante.png", None, "Image refusée"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD)
def test_bad_input_gets_a_french_error_and_the_rest_goes_on(
    staff_client, resource, django_capture_on_commit_callbacks, name, data, message
):
    data = (
        data
        if data is not None
        else {
            "secret.pdf": samples.encrypted_pdf,
            "bombe.docx": samples.zip_bomb_docx,
            "geante.png": samples.giant_png,
        }[name]()
    )
    good = samples.text_pdf(["Un bon document sur la politique de la ville"])
    upload(
        staff_client,
        resource,
        django_capture_on_commit_callbacks,
        SimpleUploadedFile(name, data),
        SimpleUploadedFile("bon.pdf", good),
    )
    bad_file, good_file = ResourceFile.objects.filter(resource=resource).order_by("pk")
    assert bad_file.status == ResourceFile.Status.ERROR and message in bad_file.error
    assert good_file.status == ResourceFile.Status.INDEXED
    job = bad_file.jobs.get()
    assert job.status == IngestionJob.Status.FAILED and job.can_retry
    page = staff_client.get(reverse("library:jobs")).content.decode()
    assert message in page.replace("&#x27;", "'")


def test_file_over_the_size_limit(staff_client, resource, settings, django_capture_on_commit_callbacks):
    settings.LIBRARY_MAX_UPLOAD_BYTES = 500
    upload(
        staff_client,
        resource,
        django_capture_on_commit_callbacks,
        SimpleUploadedFile("gros.pdf", samples.text_pdf(["texte " * 200])),
    )
    assert "au-delà de la limite" in ResourceFile.objects.get().error


def test_a_crash_mid_job_leaves_no_half_indexed_document(resource, monkeypatch):
    record = ResourceFile.objects.create(resource=resource, original_name="a.pdf")
    record.file.save(
        "a.pdf", SimpleUploadedFile("a.pdf", samples.text_pdf(["Texte de la première page", "Seconde page"]))
    )
    job = IngestionJob.objects.create(file=record)

    def boom(resources):
        raise RuntimeError("crash while indexing")

    monkeypatch.setattr(indexing, "reindex", boom)
    assert ingestion.run(job.pk) == "échec"
    assert Page.objects.count() == 0 and not SearchDocument.objects.filter(pk=resource.pk).exists()
    job.refresh_from_db()
    assert job.status == IngestionJob.Status.FAILED and "inattendue" in job.error
    monkeypatch.undo()
    ingestion.retry(job)
    assert ingestion.run(job.pk) == "terminé"
    job.refresh_from_db()
    assert job.attempts == 2 and Page.objects.count() == 2


def test_ocr_page_keeps_raw_text_beside_repaired_text(resource):
    record = ResourceFile.objects.create(resource=resource, original_name="scan.pdf")
    pages = ingestion.build_pages(
        record,
        {
            "pages": [
                {"number": 1, "text": "Ia commune a Iancé un proqramme", "origin": "ocr", "confidence": 71.0},
                {"number": 2, "text": "Texte natif", "origin": "text_layer", "confidence": None},
            ]
        },
    )
    assert pages[0].raw_text == "Ia commune a Iancé un proqramme"
    assert pages[0].text.startswith("La commune") and pages[0].repair_edits >= 1
    assert pages[1].raw_text == "" and pages[1].text == "Texte natif"


def test_ocr_lines_are_joined_into_paragraphs_before_repair(resource):
    record = ResourceFile.objects.create(resource=resource, original_name="scan.pdf")
    raw = "Ia commune a lancé un pro-\ngramme pour\nles habitants.\n\nDeuxième paragraphe."
    extraction = {"pages": [{"number": 1, "text": raw, "origin": "ocr", "confidence": 80.0}]}
    [page] = ingestion.build_pages(record, extraction)
    assert page.text == "La commune a lancé un programme pour les habitants.\n\nDeuxième paragraphe."
    assert page.raw_text == raw


def test_scanned_pdf_is_ocred_and_searchable_pdf_is_offered(client, resource, tmp_path):
    record = ResourceFile.objects.create(resource=resource, original_name="scan.pdf")
    record.file.save(
        "scan.pdf", SimpleUploadedFile("scan.pdf", samples.scanned_pdf(["Le conseil citoyen\nde Roubaix"]))
    )
    job = IngestionJob.objects.create(file=record)
    assert ingestion.run(job.pk) == "terminé"
    record.refresh_from_db()
    page = record.pages.get()
    assert page.origin == Page.Origin.OCR and page.confidence and record.scanned_pages == 1
    assert "conseil" in page.text.lower() and page.raw_text
    assert record.searchable_pdf
    resource.publish()
    response = client.get(reverse("library:download_searchable", args=[record.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_ingest_command(tmp_path):
    folder = tmp_path / "archives"
    folder.mkdir()
    samples.write(
        folder,
        "rapport_2018.pdf",
        samples.text_pdf(["Rapport d'activité 2018 du centre"], title="Rapport 2018"),
    )
    samples.write(folder, "vide.odt", b"")
    samples.write(folder, "page.html", samples.html("Actualité du réseau", title="Une actualité"))
    call_command("ingest", str(folder), verbosity=0)
    assert Resource.objects.count() == 3
    assert ResourceFile.objects.filter(status=ResourceFile.Status.ERROR).count() == 1
    assert Resource.objects.filter(title="Rapport 2018").exists()


@pytest.mark.django_db(transaction=True)
def test_jobs_run_on_the_database_backend(settings, resource, django_capture_on_commit_callbacks):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        ingestion.attach(resource, [SimpleUploadedFile("a.html", samples.html("Bonjour"))])
    job = IngestionJob.objects.get()
    assert job.status == IngestionJob.Status.QUEUED and job.task_id
    call_command("db_worker", "--batch", "--queue-name", "*", verbosity=0)
    job.refresh_from_db()
    assert job.status == IngestionJob.Status.DONE


# The warm extraction server: one per worker, a fresh limited child per file, and it never takes the
# worker down.


def _job(resource, name, data):
    record = ResourceFile.objects.create(resource=resource, original_name=name)
    record.file.save(name, SimpleUploadedFile(name, data))
    return IngestionJob.objects.create(file=record)


def _run(job):
    outcome = ingestion.run(job.pk)
    job.refresh_from_db()
    return outcome, job


def _group_members(pgid: int) -> list[str]:
    """Names of the live processes in process group `pgid` (zombies aside)."""
    names = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, tail = stat.read_text().rsplit(")", 1)
        except OSError:
            continue
        fields = tail.split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            names.append(head.split("(", 1)[1])
    return names


def test_one_warm_server_forks_a_fresh_child_per_file(resource):
    assert (
        _run(_job(resource, "a.pdf", samples.text_pdf(["Premier document sur la politique de la ville"])))[0]
        == "terminé"
    )
    server, first = sandbox.server().pid, sandbox.stats["last_child"]
    assert _run(_job(resource, "b.html", samples.html("Second document du réseau")))[0] == "terminé"
    second = sandbox.stats["last_child"]
    assert sandbox.server().pid == server and first != second and server not in (first, second)
    assert not _group_members(first) and not _group_members(second)  # each child is gone


def test_the_extraction_processes_do_not_see_the_workers_secrets(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://maillage:motdepasse@db/maillage")
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    sandbox.shutdown()
    environ = Path(f"/proc/{sandbox.server().pid}/environ").read_bytes().split(b"\0")
    names = {entry.split(b"=", 1)[0].decode() for entry in environ if entry}
    assert "DATABASE_URL" not in names and "DJANGO_SETTINGS_MODULE" not in names
    assert {"PATH", "LC_ALL"} <= names


def test_a_child_out_of_memory_fails_the_file_not_the_server(resource, settings):
    before = sandbox.server().pid
    settings.LIBRARY_EXTRACTION_MEMORY_MB = 16  # less than the child already maps: no new block can be had
    big = ("Une ligne de texte brut pour occuper la mémoire.\n" * 200_000).encode()
    outcome, job = _run(_job(resource, "gros.txt", big))
    assert outcome == "échec" and job.status == IngestionJob.Status.FAILED
    assert job.error == sandbox.INTERRUPTED
    assert sandbox.server().pid == before  # the server went on
    settings.LIBRARY_EXTRACTION_MEMORY_MB = 3072
    outcome, job = _run(_job(resource, "b.txt", big))
    assert outcome == "terminé" and sandbox.server().pid == before


@pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract absent")
def test_a_timeout_kills_the_child_with_its_tesseract_and_the_next_file_gets_a_new_server(resource, settings):
    before = sandbox.server().pid
    settings.LIBRARY_EXTRACTION_TIMEOUT = 1
    long_scan = samples.scanned_pdf(["Le conseil citoyen de Roubaix et la rénovation urbaine\n" * 20] * 4)
    outcome, job = _run(_job(resource, "scan.pdf", long_scan))
    assert outcome == "échec" and job.error == sandbox.INTERRUPTED
    child = sandbox.stats["last_child"]
    time.sleep(0.2)
    assert not _group_members(child)  # Tesseract and pdftoppm went with it
    settings.LIBRARY_EXTRACTION_TIMEOUT = 3600
    outcome, job = _run(_job(resource, "b.html", samples.html("Après le délai dépassé")))
    assert outcome == "terminé" and sandbox.server().pid != before


def test_a_server_killed_between_files_is_restarted(resource):
    dead = sandbox.server()
    os.kill(dead.pid, signal.SIGKILL)
    dead.process.wait()
    outcome, _ = _run(_job(resource, "a.html", samples.html("Bonjour après la panne")))
    assert outcome == "terminé" and sandbox.server().pid != dead.pid


@pytest.mark.skipif(not shutil.which("tesseract"), reason="Tesseract absent")
def test_a_server_killed_mid_file_fails_that_file_in_french_and_the_worker_goes_on(resource, tmp_path):
    pdf = samples.scanned_pdf(["Le conseil citoyen\nde Roubaix"] * 3)  # progress after each OCR'd page
    path = samples.write(tmp_path, "a.pdf", pdf)
    killed = []

    def progress(done, total):
        if not killed:
            killed.append(sandbox.stats["last_server"])
            os.kill(killed[0], signal.SIGKILL)

    with pytest.raises(sandbox.IngestionError, match="échoué"):
        sandbox.extract(path, tmp_path, progress)
    assert killed and sandbox.server().pid != killed[0]
    time.sleep(0.2)
    assert not _group_members(sandbox.stats["last_child"])  # the child and its Tesseract are gone
    outcome, _ = _run(_job(resource, "b.pdf", pdf))
    assert outcome == "terminé"


def test_threads_share_the_warm_server_and_leave_none_behind(tmp_path):
    sandbox.shutdown()
    paths = [samples.write(tmp_path, f"{n}.txt", f"Texte numéro {n} du réseau".encode()) for n in range(4)]
    pids, results = [], []

    def one(path):
        workdir = tmp_path / path.stem
        workdir.mkdir()
        results.append(sandbox.extract(path, workdir, lambda done, total: None)["pages"][0]["text"])
        pids.append(sandbox.stats["last_server"])

    for path in paths[:2]:  # a thread per request, one after the other: one server, reused
        thread = threading.Thread(target=one, args=(path,))
        thread.start()
        thread.join()
    assert len(set(pids)) == 1
    threads = [threading.Thread(target=one, args=(path,)) for path in paths[2:]]  # at the same time
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == sorted(f"Texte numéro {n} du réseau" for n in range(4))
    assert len(sandbox._live) <= sandbox.MAX_IDLE and len(sandbox._idle) <= sandbox.MAX_IDLE
