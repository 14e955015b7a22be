"""Ingestion: attach files to a resource, read them in a background job, store their pages and index them.

The job writes nothing visible until the very end: pages, file state, suggestions and search index are
written in one transaction, so a crash mid-job leaves the previous state (no half-indexed document).
"""

from __future__ import annotations

import datetime
import logging
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from maillage.library.models import IngestionJob, Page, Resource, ResourceFile
from maillage.library.services import indexing, ocr_knowledge, sandbox
from maillage.library.services.sandbox import IngestionError

logger = logging.getLogger(__name__)
UNEXPECTED = "Erreur inattendue pendant l'analyse du fichier (le détail est dans les journaux du serveur)."


def attach(resource: Resource, uploads, user=None) -> list[IngestionJob]:
    """Store uploaded files on the resource and queue one ingestion job per file."""
    jobs = []
    with transaction.atomic():
        for upload in uploads:
            record = ResourceFile(
                resource=resource, original_name=Path(upload.name).name[:255], size=upload.size
            )
            record.file.save(Path(upload.name).name, upload, save=False)
            record.save()
            job = IngestionJob.objects.create(
                file=record, created_by=user if user and user.is_authenticated else None
            )
            jobs.append(job)
        transaction.on_commit(lambda: [enqueue(job) for job in jobs])
    return jobs


def enqueue(job: IngestionJob) -> None:
    from maillage.library.tasks import ingest_file

    result = ingest_file.enqueue(job.pk)
    IngestionJob.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])


def retry(job: IngestionJob) -> IngestionJob:
    IngestionJob.objects.filter(pk=job.pk).update(
        status=IngestionJob.Status.QUEUED, error="", pages_done=0, started_at=None, finished_at=None
    )
    ResourceFile.objects.filter(pk=job.file_id).update(status=ResourceFile.Status.PENDING, error="")
    transaction.on_commit(lambda: enqueue(job))
    job.refresh_from_db()
    return job


def repair(text: str) -> tuple[str, int]:
    """OCR text of a page through textkit's repair engine when it is there: lines joined into paragraphs
    (separated by a blank line), then repaired; (repaired text, number of edits)."""
    if not settings.LIBRARY_OCR_REPAIR or not text.strip():
        return text, 0
    try:
        from textkit import repair_page
    except ImportError:  # the engine is optional: keep the raw OCR text
        return text, 0
    try:
        result = repair_page(
            text, vocabulary=ocr_knowledge.domain_vocabulary(), knowledge_path=ocr_knowledge.knowledge_path()
        )
    except Exception:
        logger.exception("OCR repair failed; raw text kept")
        return text, 0
    return result.text, len(result.edits)


def build_pages(record: ResourceFile, extraction: dict) -> list[Page]:
    pages = []
    for page in extraction["pages"]:
        raw = page["text"]
        text, edits = repair(raw) if page["origin"] == Page.Origin.OCR else (raw, 0)
        pages.append(
            Page(
                file=record,
                number=page["number"],
                text=text,
                raw_text=raw if page["origin"] == Page.Origin.OCR else "",
                origin=page["origin"],
                confidence=page["confidence"],
                repair_edits=edits,
            )
        )
    return pages


def _start(job: IngestionJob) -> None:
    now = timezone.now()
    with transaction.atomic():  # one commit rather than two
        IngestionJob.objects.filter(pk=job.pk).update(
            status=IngestionJob.Status.RUNNING,
            attempts=job.attempts + 1,
            started_at=now,
            error="",
            pages_done=0,
        )
        ResourceFile.objects.filter(pk=job.file_id).update(status=ResourceFile.Status.PROCESSING, error="")


def _fail(job: IngestionJob, message: str) -> None:
    with transaction.atomic():
        IngestionJob.objects.filter(pk=job.pk).update(
            status=IngestionJob.Status.FAILED, error=message, finished_at=timezone.now()
        )
        ResourceFile.objects.filter(pk=job.file_id).update(status=ResourceFile.Status.ERROR, error=message)


def run(job_id: int) -> str:
    """The body of the background job. Never raises for bad input: the error is recorded in French."""
    job = IngestionJob.objects.select_related("file__resource").get(pk=job_id)
    record = job.file
    _start(job)
    workdir = Path(tempfile.mkdtemp(prefix="maillage-ingest-"))

    def progress(done: int, total: int) -> None:
        IngestionJob.objects.filter(pk=job.pk).update(pages_done=done, pages_total=total)

    try:
        path = Path(record.file.path)
        if not path.exists():
            raise IngestionError("Le fichier déposé est introuvable sur le serveur.")
        extraction = sandbox.extract(path, workdir, progress)
        pages = build_pages(record, extraction)
        _commit(job, record, extraction, pages)
    except IngestionError as exc:
        _fail(job, str(exc))
        return "échec"
    except Exception:
        logger.exception("Ingestion job %s failed", job_id)
        _fail(job, UNEXPECTED)
        return "échec"
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return "terminé"


def _commit(job: IngestionJob, record: ResourceFile, extraction: dict, pages: list[Page]) -> None:
    stored = None
    try:
        with transaction.atomic():
            record.pages.all().delete()
            Page.objects.bulk_create(pages, batch_size=500)
            record.kind = extraction["kind"]
            record.page_count = len(pages)
            record.scanned_pages = extraction["scanned_pages"]
            record.suggestions = extraction["suggestions"]
            record.status = ResourceFile.Status.INDEXED
            record.error = ""
            if extraction.get("searchable_pdf"):
                with open(extraction["searchable_pdf"], "rb") as handle:
                    name = Path(record.original_name).stem + "-ocr.pdf"
                    record.searchable_pdf.save(name, File(handle), save=False)
                    stored = record.searchable_pdf.name
            record.save()
            indexing.reindex([record.resource])
            IngestionJob.objects.filter(pk=job.pk).update(
                status=IngestionJob.Status.DONE,
                pages_done=len(pages),
                pages_total=len(pages),
                finished_at=timezone.now(),
                error="",
            )
    except Exception:
        if stored:
            record.searchable_pdf.storage.delete(stored)
        raise


def apply_suggestions(resource: Resource, record: ResourceFile) -> list[str]:
    """Copy the suggested title and date into empty or default fields; returns what changed."""
    changed = []
    suggestions = record.suggestions or {}
    if suggestions.get("title") and (not resource.title or resource.title == record.original_name):
        resource.title = suggestions["title"][:255]
        changed.append("titre")
    if suggestions.get("date") and not resource.date:
        resource.date = datetime.date.fromisoformat(suggestions["date"])
        changed.append("date")
    if suggestions.get("author") and not resource.publisher:
        resource.publisher = suggestions["author"][:200]
        changed.append("éditeur")
    if changed:
        resource.save()
        indexing.reindex([resource])
    return changed
