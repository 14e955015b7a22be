"""Keeping the search index in step with resources: one SearchDocument per resource, then the backend."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from maillage.library.models import Page, Resource, SearchDocument
from maillage.library.search.base import get_backend


def build_document(resource: Resource) -> SearchDocument:
    pages = (
        Page.objects.filter(file__resource=resource)
        .order_by("file_id", "number")
        .values_list("text", flat=True)
    )
    extra = [resource.experience_actors, resource.experience_results]
    return SearchDocument(
        resource=resource,
        title=resource.title,
        subjects=" ; ".join(theme.name for theme in resource.subjects.all()),
        description="\n".join(part for part in [resource.description, *extra] if part),
        body="\n\n".join(pages),
        kind=resource.kind,
        year=resource.year,
        is_published=resource.is_published,
        sort_date=resource.date or (resource.published_at.date() if resource.published_at else None),
        theme_ids=",".join(str(pk) for pk in sorted(theme.pk for theme in resource.subjects.all())),
        department_ids=",".join(str(pk) for pk in sorted(resource.departments.values_list("pk", flat=True))),
    )


def reindex(resources: Iterable[Resource]) -> None:
    """Rewrite the index entries of these resources, atomically with the caller's transaction."""
    resources = list(resources)
    if not resources:
        return
    documents = [build_document(resource) for resource in resources]
    with transaction.atomic():
        SearchDocument.objects.filter(pk__in=[r.pk for r in resources]).delete()
        SearchDocument.objects.bulk_create(documents)
        get_backend().index(documents)


def bulk_index(documents: list[SearchDocument]) -> None:
    """For large loads (benchmarks, imports): documents already built, no deletion first."""
    with transaction.atomic():
        SearchDocument.objects.bulk_create(documents, batch_size=500)
        get_backend().index(documents)


def unindex(resource_ids: list[int]) -> None:
    with transaction.atomic():
        get_backend().remove(resource_ids)
        SearchDocument.objects.filter(pk__in=resource_ids).delete()
