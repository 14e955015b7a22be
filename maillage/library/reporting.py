"""What the annual report needs from the library: resources published in a year, by kind."""

from django.db.models import Count

from maillage.library.models import Resource


def published_by_kind(year: int) -> dict[str, int]:
    labels = dict(Resource.Kind.choices)
    rows = (
        Resource.objects.filter(status=Resource.Status.PUBLISHED, published_at__year=year)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "kind")
    )
    return {labels[row["kind"]]: row["n"] for row in rows}
