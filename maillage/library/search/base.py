"""One search interface, two backends: SQLite FTS5 and PostgreSQL full-text search (ADR 0003).

A search matches the text once to get the matching ids (backend `match_ids`), and counts the exact total
and the four facets (kind, year, theme, territory) against the in-memory facet index (facets.py). The
page of hits is ranked by a second statement (backend `matched`: id, score, kind, year, sort_date of the
matching, filtered documents), in tiers beyond RANK_ALL hits (see _page). Snippets are cut for the
page's hits only.

Typo tolerance: only when the exact query finds fewer than `FEW_HITS` documents, every query word the
index has never seen is replaced by the closest known words (edit distance 1, 2 for long words), found
with the backend's trigram index over the vocabulary (`SearchTerm`), and the query runs again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from django.db.models.functions import Substr
from rapidfuzz.distance import Levenshtein

from maillage.library.models import Resource, SearchDocument, SearchTerm
from maillage.library.search.facets import FacetIndex, facet_index
from maillage.library.search.text import ParsedQuery, fold, parse_query, snippet, words

PER_PAGE = 20
FEW_HITS = 3  # below this many hits, try correcting unknown words
SNIPPET_HEAD = 10_000  # characters of each text read first for its snippet
RANK_ALL = 2000  # up to this many hits, rank them all (see SearchBackend._page)
SD = SearchDocument._meta.db_table
SUBJECTS = Resource.subjects.through._meta.db_table
DEPARTMENTS = Resource.departments.through._meta.db_table


@dataclass
class SearchQuery:
    text: str = ""
    published_only: bool = True
    kind: str = ""
    theme: int | None = None
    department: int | None = None
    year: int | None = None
    page: int = 1
    per_page: int = PER_PAGE
    with_facets: bool = True


@dataclass
class Hit:
    resource_id: int
    rank: float
    snippet: str = ""
    resource: Resource | None = None


@dataclass
class Matches:
    total: int
    facets: dict[str, list[tuple]]
    ids: list[int] | None  # what the text matched, before the filters (None: no text)
    bits: int  # matched and kept by the filters, as a facet index bitset
    index: FacetIndex


@dataclass
class SearchResults:
    query: SearchQuery
    parsed: ParsedQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple]] = field(default_factory=dict)
    corrections: dict[str, list[str]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.query.per_page))


class SearchBackend:
    vendor = ""

    # --- to implement ----------------------------------------------------------------------------
    def index(self, documents: list[SearchDocument]) -> None:
        raise NotImplementedError

    def remove(self, resource_ids: list[int]) -> None:
        raise NotImplementedError

    def matched(
        self,
        parsed: ParsedQuery,
        where: str,
        params: list,
        *,
        scored: bool = False,
        tier: str = "",
        ids: list[int] | None = None,
    ) -> tuple[str, list]:
        """SELECT id, score, kind, year, sort_date, theme_ids, department_ids of the documents matching
        `parsed` and `where` (a condition on `d`, the SearchDocument table), and its parameters.
        `scored`: compute the rank (else score is 0). `tier`: "title" keeps only the documents with a
        query word in their title or themes, "rest" only the others. `ids`: the documents matching
        `parsed`, already known (see rank_by_ids)."""
        raise NotImplementedError

    def rank_by_ids(self, parsed: ParsedQuery) -> bool:
        """Whether the ranking statements select the matched documents by their ids (passed to `matched`
        as `ids`) rather than by matching the text again: when the match is costly to repeat."""
        return False

    def match_ids(self, parsed: ParsedQuery) -> tuple[str, list]:
        """SELECT the ids of the documents whose text matches `parsed` (no filter), and its parameters."""
        raise NotImplementedError

    def similar_terms(self, word: str) -> list[str]:
        raise NotImplementedError

    def snippets(self, parsed: ParsedQuery, ids: list[int]) -> dict[int, str]:
        """Highlighted excerpts of these documents; the default cuts them in Python (text.snippet)."""
        stems = parsed.highlight_stems()
        documents = SearchDocument.objects.filter(pk__in=ids)
        # The head of each text first (PostgreSQL then reads and decompresses only that much): the
        # whole text is read only when the head has no match.
        rows = documents.annotate(head=Substr("body", 1, SNIPPET_HEAD)).values_list(
            "pk", "head", "description"
        )
        out, read_on = {}, []
        for pk, head, description in rows:
            out[pk] = snippet(head or description, stems)
            if len(head) >= SNIPPET_HEAD and "<mark>" not in out[pk]:
                read_on.append(pk)
        for pk, body in documents.filter(pk__in=read_on).values_list("pk", "body"):
            out[pk] = snippet(body, stems)
        return out

    # --- shared ------------------------------------------------------------------------------------
    def remember_terms(self, texts: list[str]) -> None:
        """Add the folded words of these texts to the vocabulary used for typo tolerance."""
        found = {w for text in texts for w in words(text) if 4 <= len(w) <= 40 and w.isalpha()}
        found = {fold(w) for w in found}
        found = {w for w in found if 4 <= len(w) <= 40 and w.isalpha()}
        existing = set()
        candidates = sorted(found)
        for start in range(0, len(candidates), 500):
            chunk = candidates[start : start + 500]
            existing |= set(SearchTerm.objects.filter(term__in=chunk).values_list("term", flat=True))
        SearchTerm.objects.bulk_create(
            [SearchTerm(term=w) for w in candidates if w not in existing],
            batch_size=2000,
            ignore_conflicts=True,
        )

    def correct(self, parsed: ParsedQuery) -> dict[str, list[str]]:
        """Unknown query words → the closest known words."""
        unknown = [t for t in parsed.terms if not t.prefix and len(t.folded) >= 4]
        if not unknown:
            return {}
        known = set(
            SearchTerm.objects.filter(term__in=[t.folded for t in unknown]).values_list("term", flat=True)
        )
        corrections = {}
        for term in unknown:
            if term.folded in known:
                continue
            limit = 1 if len(term.folded) <= 6 else 2
            scored = sorted(
                (Levenshtein.distance(term.folded, c), c)
                for c in self.similar_terms(term.folded)
                if c != term.folded
            )
            best = [c for d, c in scored if d <= limit and d == scored[0][0]][:3] if scored else []
            if best:
                corrections[term.word] = best
        return corrections

    def filters(self, query: SearchQuery) -> tuple[str, list]:
        clauses, params = [], []
        if query.published_only:
            clauses.append("d.is_published = %s")
            params.append(True)
        if query.kind:
            clauses.append("d.kind = %s")
            params.append(query.kind)
        if query.year:
            clauses.append("d.year = %s")
            params.append(query.year)
        if query.theme:
            clauses.append(f"d.resource_id IN (SELECT resource_id FROM {SUBJECTS} WHERE theme_id = %s)")  # noqa: S608 (constant table names; values bound)
            params.append(query.theme)
        if query.department:
            clauses.append(
                f"d.resource_id IN (SELECT resource_id FROM {DEPARTMENTS} WHERE department_id = %s)"  # noqa: S608 (constant table names; values bound)
            )
            params.append(query.department)
        return " AND ".join(clauses) or "1 = 1", params

    def search(self, query: SearchQuery | str) -> SearchResults:
        if isinstance(query, str):
            query = SearchQuery(text=query)
        parsed = parse_query(query.text)
        results = self._search(query, parsed)
        if not parsed.is_empty and results.total < FEW_HITS:
            corrections = self.correct(parsed)
            if corrections:
                parsed.alternatives = corrections
                results = self._search(query, parsed)
                results.corrections = corrections
        return results

    def _search(self, query: SearchQuery, parsed: ParsedQuery) -> SearchResults:
        where, params = self.filters(query)
        matches = self._count(query, parsed)
        hits = self._page(query, parsed, where, params, matches) if matches.total else []
        if hits and not parsed.is_empty:
            snippets = self.snippets(parsed, [h.resource_id for h in hits])
            for hit in hits:
                hit.snippet = snippets.get(hit.resource_id, "")
        return SearchResults(query, parsed, matches.total, hits, matches.facets, parsed.alternatives)

    def _matched(self, parsed, where, params, **options) -> tuple[str, list]:
        if parsed.is_empty:
            sql = (
                "SELECT d.resource_id AS id, 0.0 AS score, d.kind, d.year, d.sort_date, d.theme_ids, "  # noqa: S608 (constant table names; values bound)
                f"d.department_ids FROM {SD} d WHERE {where}"
            )
            return sql, list(params)
        return self.matched(parsed, where, params, **options)

    def _count(self, query, parsed) -> Matches:
        """The exact total and facets: the ids the text matches (one pass over the full-text index,
        nothing joined), counted against the in-memory facet index (facets.py). Also returns those ids
        (before the filters; None for an empty query)."""
        index = facet_index()
        rows = None
        if parsed.is_empty:
            matched = index.indexed
        else:
            sql, sql_params = self.match_ids(parsed)
            with connection.cursor() as cursor:
                cursor.execute(sql, sql_params)
                rows = cursor.fetchall()
            matched = index.bitset(rows)
        matched = index.restrict(matched, query)
        facets = index.counts(matched) if query.with_facets else {}
        ids = None if rows is None else [row[0] for row in rows]
        return Matches(matched.bit_count(), facets, ids, matched, index)

    def _page(self, query, parsed, where, params, matches: Matches) -> list[Hit]:
        """The page of hits, ranked. Up to RANK_ALL hits, every hit is ranked (bm25 / ts_rank, title and
        subjects weighted). Beyond, ranking every hit costs more than the target allows: the hits with a
        query word in their title or themes come first, ranked among themselves, and the others are
        ranked only when the page reaches them."""
        offset = (max(query.page, 1) - 1) * query.per_page
        total, ids = matches.total, matches.ids
        # A few known ids are cheaper to look up than the text match is to repeat (see rank_by_ids).
        ids = ids if ids is not None and len(ids) <= RANK_ALL and self.rank_by_ids(parsed) else None
        if parsed.is_empty or total <= RANK_ALL:
            return self._ranked(
                parsed, where, params, query.per_page, offset, scored=not parsed.is_empty, ids=ids
            )
        hits = self._ranked(parsed, where, params, query.per_page, offset, scored=True, tier="title", ids=ids)
        if len(hits) == query.per_page:
            return hits
        title_total = offset + len(hits)
        if not hits:  # the page starts among the others: count the title tier to place it
            matched, matched_params = self._matched(parsed, where, params, tier="title", ids=ids)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT count(*) FROM ({matched}) m", matched_params)  # noqa: S608 (constant fragments)
                title_total = cursor.fetchone()[0]
        rest_offset = max(0, offset - title_total)
        return hits + self._ranked(
            parsed, where, params, query.per_page - len(hits), rest_offset, scored=True, tier="rest", ids=ids
        )

    def _ranked(self, parsed, where, params, limit, offset, **options) -> list[Hit]:
        matched, matched_params = self._matched(parsed, where, params, **options)
        sql = (
            f"SELECT m.id, m.score FROM ({matched}) m "  # noqa: S608 (built from constant fragments)
            "ORDER BY m.score DESC, m.sort_date DESC NULLS LAST, m.id DESC LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*matched_params, limit, offset])
            return [Hit(resource_id=pk, rank=float(score or 0)) for pk, score in cursor.fetchall()]


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from maillage.library.search.postgres import PostgresBackend

        return PostgresBackend()
    from maillage.library.search.sqlite import SQLiteBackend

    return SQLiteBackend()
