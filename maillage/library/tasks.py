"""Background jobs of the library (Django tasks API, django-tasks database backend; ADR 0004)."""

from django_tasks import task

from maillage.library.services import ingestion


@task(queue_name="default")
def ingest_file(job_id: int) -> str:
    """Read one attached file: text per page, OCR, repair, searchable PDF, index. See services/ingestion.py."""
    return ingestion.run(job_id)
