"""What the search pages and resource pages show: results with their resources and facet labels, citations."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings

from maillage.library.forms import SearchForm
from maillage.library.models import Resource
from maillage.library.search.base import SearchQuery, get_backend
from maillage.programme.models import Theme
from maillage.territory.models import Department

FACET_TITLES = {"kind": "Type", "theme": "Thème", "department": "Territoire", "year": "Année"}


def run_search(params, published_only: bool = True) -> dict:
    form = SearchForm(params)
    data = form.cleaned_data if form.is_valid() else {}
    query = SearchQuery(
        text=(data.get("q") or "")[:300],
        published_only=published_only,
        kind=data.get("kind") or "",
        theme=data.get("theme"),
        department=data.get("department"),
        year=data.get("year"),
        page=data.get("page") or 1,
    )
    results = get_backend().search(query)
    resources = Resource.objects.in_bulk([hit.resource_id for hit in results.hits])
    for hit in results.hits:
        hit.resource = resources.get(hit.resource_id)
    results.hits = [hit for hit in results.hits if hit.resource is not None]
    base = {k: v for k, v in params.items() if k != "page" and v}
    return {
        "form": form,
        "results": results,
        "facets": _facets(results.facets, base),
        "active_filters": _active(base),
        "page_links": _pages(results, base),
        "query_text": query.text,
    }


def _labels(name: str, values: list) -> dict:
    if name == "kind":
        return dict(Resource.Kind.choices)
    if name == "theme":
        return dict(Theme.objects.filter(pk__in=values).values_list("pk", "name"))
    if name == "department":
        return {
            pk: f"{name} ({code})"
            for pk, code, name in Department.objects.filter(pk__in=values).values_list("pk", "code", "name")
        }
    return {value: str(value) for value in values}


def _facets(facets: dict, base: dict) -> list[dict]:
    out = []
    for name in ("kind", "theme", "department", "year"):
        values = facets.get(name, [])
        if name == "year":
            values = sorted(values, key=lambda item: -item[0])
        labels = _labels(name, [value for value, _ in values])
        items = []
        for value, count in values[:15]:
            selected = str(base.get(name, "")) == str(value)
            link = {k: v for k, v in base.items() if k != name}
            if not selected:
                link[name] = value
            items.append(
                {
                    "label": labels.get(value, value),
                    "count": count,
                    "selected": selected,
                    "url": "?" + urlencode(link),
                }
            )
        if items:
            out.append({"name": name, "title": FACET_TITLES[name], "items": items})
    return out


def _active(base: dict) -> list[dict]:
    return [
        {"name": name, "url": "?" + urlencode({k: v for k, v in base.items() if k != name})}
        for name in ("kind", "theme", "department", "year")
        if base.get(name)
    ]


def _pages(results, base: dict) -> dict:
    page = results.query.page

    def url(n):
        return "?" + urlencode({**base, "page": n})

    return {
        "number": page,
        "count": results.pages,
        "previous": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if page < results.pages else None,
    }


def citation(resource: Resource, request=None) -> str:
    """A ready-made citation (author-date style close to ISO 690)."""
    authors = resource.creator_names(people=True)
    who = ", ".join(authors) if authors else (resource.publisher or settings.SITE_URL)
    year = resource.date.year if resource.date else "s. d."
    url = (
        request.build_absolute_uri(resource.get_absolute_url())
        if request
        else settings.SITE_URL + resource.get_absolute_url()
    )
    parts = [f"{who} ({year}). {resource.title}."]
    if resource.publisher and authors:
        parts.append(f"{resource.publisher}.")
    parts.append(f"{resource.get_kind_display().capitalize()}. En ligne : {url}")
    return " ".join(parts)
