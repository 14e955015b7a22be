"""What the search backends index: one row per resource, and the vocabulary for typo tolerance."""

from django.db import models


class SearchDocument(models.Model):
    """The searchable text of a resource. SQLite mirrors it in the FTS5 table `library_fts`; PostgreSQL
    adds a weighted `vector` tsvector column with a GIN index (migration 0002) and a small `meta_vector`
    (title and subjects) with its own GIN index (migration 0004), and `pairs`, the document's word pairs
    one or two positions apart, with a GIN index for phrase queries (migration 0007)."""

    resource = models.OneToOneField(
        "library.Resource", primary_key=True, on_delete=models.CASCADE, related_name="search_document"
    )
    title = models.TextField()
    subjects = models.TextField(blank=True)
    description = models.TextField(blank=True)
    body = models.TextField(blank=True)
    kind = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField(null=True)
    is_published = models.BooleanField(default=False)
    sort_date = models.DateField(null=True)
    # Facet values copied here ("3,7"): the search counts themes and territories by grouping these
    # strings over the matched rows, instead of probing the link tables once per hit.
    theme_ids = models.CharField(max_length=500, blank=True)
    department_ids = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "document indexé"
        verbose_name_plural = "documents indexés"
        indexes = [
            models.Index(fields=["is_published", "kind"]),
            # Covering index: the search joins matched ids to their facet values without reading the
            # wide rows (body), see maillage/library/search/sqlite.py.
            models.Index(
                fields=[
                    "resource",
                    "is_published",
                    "kind",
                    "year",
                    "sort_date",
                    "theme_ids",
                    "department_ids",
                ],
                name="library_sd_facets",
            ),
        ]

    def __str__(self):
        return self.title


class SearchTerm(models.Model):
    """Folded words seen in the index: candidates for correcting a misspelt or OCR-garbled query word."""

    term = models.CharField(max_length=60, unique=True)

    class Meta:
        verbose_name = "terme indexé"

    def __str__(self):
        return self.term


class SearchState(models.Model):
    """One row (pk 1) whose token changes, by database triggers (migration 0005), whenever a search
    document is written or deleted: the search rebuilds its in-memory facet index when it differs
    (maillage/library/search/facets.py)."""

    token = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "état de l'index de recherche"

    def __str__(self):
        return str(self.token)
