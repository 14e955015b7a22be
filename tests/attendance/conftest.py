"""Fixtures of the attendance tests: a full-day session with three confirmed participants."""

import datetime
import shutil
import subprocess

import pytest
from django.core.cache import cache
from django.utils import timezone

from tests.factories import PersonFactory, RegistrationFactory, SessionFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def session(db):
    return SessionFactory(
        date=datetime.date(2026, 3, 12),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(17, 0),
        action__title="Évaluer le contrat de ville",
    )


@pytest.fixture
def people(session):
    """Three confirmed registrations: Awa Diallo, Émile Zola, Jeanne Martin."""
    specs = [
        ("Awa", "Diallo", "awa.diallo@ville.fr"),
        ("Émile", "Zola", "emile.zola@bailleur.fr"),
        ("Jeanne", "Martin", "jeanne.martin@caf.fr"),
    ]
    return {
        last: RegistrationFactory(
            session=session, person=PersonFactory(first_name=first, last_name=last, email=email)
        )
        for first, last, email in specs
    }


def local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def pdf_text(content: bytes, tmp_path) -> str:
    """The text of a PDF, through poppler's pdftotext."""
    assert content.startswith(b"%PDF"), content[:20]
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) introuvable")
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
