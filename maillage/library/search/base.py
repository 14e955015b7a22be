"""One search interface, two backends: SQLite FTS5 and PostgreSQL full-text search (ADR 0003).

A backend compiles a parsed query into one SQL sub-select over the matching, filtered documents
(`id, score, kind, year, sort_date`). The shared code wraps it in a single statement: the text match
runs once (a materialised CTE), and the total, the page of hits and the four facets (kind, year, theme,
territory) are all read from it. Snippets are cut for the page's hits only.

Typo tolerance: only when the exact query finds fewer than `FEW_HITS` documents, every query word the
index has never seen is replaced by the closest known words (edit distance 1, 2 for long words), found
with the backend's trigram index over the vocabulary (`SearchTerm`), and the query runs again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection
from rapidfuzz.distance import Levenshtein

from maillage.library.models import Resource, SearchDocument, SearchTerm
from maillage.library.search.text import ParsedQuery, fold, parse_query, snippet, words

PER_PAGE = 20
FEW_HITS = 3  # below this many hits, try correcting unknown words
SD = SearchDocument._meta.db_table
SUBJECTS = Resource.subjects.through._meta.db_table
DEPARTMENTS = Resource.departments.through._meta.db_table
FACETS = ("kind", "year", "theme", "department")


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

    def matched(self, parsed: ParsedQuery, where: str, params: list) -> tuple[str, list]:
        """SELECT id, score, kind, year, sort_date of the documents matching `parsed` and `where`
        (a condition on `d`, the SearchDocument table), and its parameters."""
        raise NotImplementedError

    def similar_terms(self, word: str) -> list[str]:
        raise NotImplementedError

    def snippets(self, parsed: ParsedQuery, ids: list[int]) -> dict[int, str]:
        """Highlighted excerpts of these documents; the default cuts them in Python (text.snippet)."""
        stems = parsed.highlight_stems()
        rows = SearchDocument.objects.filter(pk__in=ids).values_list("pk", "body", "description")
        return {pk: snippet(body or description, stems) for pk, body, description in rows}

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
        if parsed.is_empty:
            matched = f"SELECT d.resource_id AS id, 0.0 AS score, d.kind, d.year, d.sort_date FROM {SD} d WHERE {where}"  # noqa: S608 (constant table names; values bound)
            matched_params = params
        else:
            matched, matched_params = self.matched(parsed, where, params)
        offset = (max(query.page, 1) - 1) * query.per_page
        # One statement: the match runs once; the total, the page and the facets are read from it.
        parts = [
            "SELECT 'total' AS f, NULL AS v, count(*) AS n, NULL AS score, NULL AS sd FROM m",
            "SELECT 'hit', CAST(p.id AS VARCHAR(20)), NULL, p.score, CAST(p.sort_date AS VARCHAR(20)) FROM ("
            "SELECT id, score, sort_date FROM m ORDER BY score DESC, sort_date DESC NULLS LAST, id DESC "
            "LIMIT %s OFFSET %s) p",
        ]
        part_params: list = [query.per_page, offset]
        if query.with_facets:
            # Kind and year in one pass (summed below); themes and territories by probing the link tables'
            # (resource_id, …) unique indexes from the matched ids (CROSS JOIN keeps SQLite from scanning
            # the whole link table instead).
            parts += [
                "SELECT 'kind_year', m.kind, count(*), NULL, CAST(m.year AS VARCHAR(20)) FROM m GROUP BY m.kind, m.year",
                f"SELECT 'theme', CAST(s.theme_id AS VARCHAR(20)), count(*), NULL, NULL FROM m CROSS JOIN {SUBJECTS} s WHERE s.resource_id = m.id GROUP BY s.theme_id",  # noqa: S608 (constant table names)
                f"SELECT 'department', CAST(t.department_id AS VARCHAR(20)), count(*), NULL, NULL FROM m CROSS JOIN {DEPARTMENTS} t WHERE t.resource_id = m.id GROUP BY t.department_id",  # noqa: S608 (constant table names)
            ]
        sql = f"WITH m AS MATERIALIZED ({matched}) " + " UNION ALL ".join(parts)
        with connection.cursor() as cursor:
            cursor.execute(sql, matched_params + part_params)
            rows = cursor.fetchall()
        total, ranked = 0, []
        facets: dict[str, list[tuple]] = {name: [] for name in FACETS} if query.with_facets else {}
        kinds: dict[str, int] = {}
        years: dict[int, int] = {}
        for name, value, count, score, extra in rows:
            if name == "total":
                total = count
            elif name == "hit":
                ranked.append((float(score or 0), str(extra or ""), int(value)))
            elif name == "kind_year":
                kinds[value] = kinds.get(value, 0) + count
                if extra is not None:
                    years[int(extra)] = years.get(int(extra), 0) + count
            else:
                facets[name].append((int(value), count))
        if query.with_facets:
            facets["kind"], facets["year"] = list(kinds.items()), list(years.items())
        for values in facets.values():
            values.sort(key=lambda item: (-item[1], str(item[0])))
        # The page, in the SQL order (the UNION does not keep it): score, then date (missing last), then id.
        ranked.sort(key=lambda r: (-r[0], _date_key(r[1]), -r[2]))
        hits = [Hit(resource_id=pk, rank=score) for score, _, pk in ranked]
        if hits and not parsed.is_empty:
            snippets = self.snippets(parsed, [h.resource_id for h in hits])
            for hit in hits:
                hit.snippet = snippets.get(hit.resource_id, "")
        return SearchResults(query, parsed, total, hits, facets, parsed.alternatives)


def _date_key(value: str) -> tuple:
    if not value:
        return (1, 0)
    return (0, -datetime.date.fromisoformat(value[:10]).toordinal())


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from maillage.library.search.postgres import PostgresBackend

        return PostgresBackend()
    from maillage.library.search.sqlite import SQLiteBackend

    return SQLiteBackend()
