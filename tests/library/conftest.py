"""Library fixtures: resources with pages, indexed; ingestion run in the test process."""

import datetime

import pytest

from maillage.library.models import Page, Resource, ResourceFile
from maillage.library.services import indexing
from maillage.programme.models import Theme


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    from maillage.library.services import ocr_knowledge

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.LIBRARY_OCR_KNOWLEDGE = tmp_path / "textkit" / "knowledge-library.pickle"
    ocr_knowledge._cache.clear()
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def theme(db):
    return Theme.objects.get_or_create(name="Renouvellement urbain et cadre de vie")[0]


def make_resource(
    title,
    body="",
    *,
    description="",
    kind=Resource.Kind.PUBLICATION,
    published=True,
    themes=(),
    date=datetime.date(2021, 5, 1),
    departments=(),
    index=True,
    **fields,
):
    resource = Resource.objects.create(title=title, description=description, kind=kind, date=date, **fields)
    if themes:
        resource.subjects.set(themes)
    if departments:
        resource.departments.set(departments)
    if body:
        record = ResourceFile.objects.create(
            resource=resource, original_name="doc.pdf", status=ResourceFile.Status.INDEXED
        )
        Page.objects.create(file=record, number=1, text=body, origin=Page.Origin.TEXT_LAYER)
    if published:
        resource.publish()
    if index:
        indexing.reindex([resource])
    return resource


@pytest.fixture
def resource_factory(db):
    return make_resource
