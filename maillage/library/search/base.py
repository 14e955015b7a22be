"""One search interface, two backends: SQLite FTS5 and PostgreSQL full-text search (ADR 0003).

A backend compiles a parsed query into "the set of matching resource ids" (SQL); ranking, counting,
facets (kind, theme, territory, year) and paging are shared. Typo tolerance: every query word the index
has never seen is replaced by the closest known words (edit distance 1, 2 for long words), found with
the backend's trigram index over the vocabulary (`SearchTerm`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection
from rapidfuzz.distance import Levenshtein

from maillage.library.models import Resource, SearchDocument, SearchTerm
from maillage.library.search.text import ParsedQuery, fold, parse_query, words

PER_PAGE = 20
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

    def match(self, parsed: ParsedQuery) -> tuple[str, list, str, list]:
        """(FROM/WHERE fragment selecting `d` rows, params, rank expression, its params)."""
        raise NotImplementedError

    def similar_terms(self, word: str) -> list[str]:
        raise NotImplementedError

    def snippets(self, parsed: ParsedQuery, ids: list[int]) -> dict[int, str]:
        raise NotImplementedError

    # --- shared ------------------------------------------------------------------------------------
    def remember_terms(self, texts: list[str]) -> None:
        """Add the folded words of these texts to the vocabulary used for typo tolerance."""
        found = {fold(w) for text in texts for w in words(text)}
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
        return " AND ".join(clauses), params

    def search(self, query: SearchQuery | str) -> SearchResults:
        if isinstance(query, str):
            query = SearchQuery(text=query)
        parsed = parse_query(query.text)
        if not parsed.is_empty:
            parsed.alternatives = self.correct(parsed)
        where, params = self.filters(query)
        if parsed.is_empty:
            source, source_params = f"{SD} d", []
            rank, rank_params = "0", []
            order = "d.sort_date DESC, d.resource_id DESC"
        else:
            source, source_params, rank, rank_params = self.match(parsed)
            order = "rank DESC, d.sort_date DESC, d.resource_id DESC"
        condition = f" AND {where}" if where else ""
        if " WHERE " not in source:
            condition = f" WHERE {where}" if where else ""
        matched = f"SELECT d.resource_id FROM {source}{condition}"  # noqa: S608 (constant table names; values bound)
        matched_params = source_params + params
        offset = (max(query.page, 1) - 1) * query.per_page
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({matched}) m", matched_params)  # noqa: S608 (constant table names; values bound)
            total = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT d.resource_id, {rank} AS rank FROM {source}{condition} ORDER BY {order} LIMIT %s OFFSET %s",  # noqa: S608 (constant table names; values bound)
                rank_params + matched_params + [query.per_page, offset],
            )
            hits = [Hit(resource_id=row[0], rank=float(row[1] or 0)) for row in cursor.fetchall()]
            facets = self.facets(cursor, matched, matched_params) if query.with_facets else {}
        if hits and not parsed.is_empty:
            snippets = self.snippets(parsed, [h.resource_id for h in hits])
            for hit in hits:
                hit.snippet = snippets.get(hit.resource_id, "")
        return SearchResults(query, parsed, total, hits, facets, parsed.alternatives)

    def facets(self, cursor, matched: str, params: list) -> dict[str, list[tuple]]:
        sql = f"""
            SELECT 'kind', d.kind, count(*) FROM {SD} d WHERE d.resource_id IN ({matched}) GROUP BY d.kind
            UNION ALL
            SELECT 'year', CAST(d.year AS VARCHAR(20)), count(*) FROM {SD} d WHERE d.resource_id IN ({matched}) AND d.year IS NOT NULL GROUP BY d.year
            UNION ALL
            SELECT 'theme', CAST(s.theme_id AS VARCHAR(20)), count(*) FROM {SUBJECTS} s WHERE s.resource_id IN ({matched}) GROUP BY s.theme_id
            UNION ALL
            SELECT 'department', CAST(t.department_id AS VARCHAR(20)), count(*) FROM {DEPARTMENTS} t WHERE t.resource_id IN ({matched})
                GROUP BY t.department_id
        """  # noqa: S608
        cursor.execute(sql, params * 4)
        facets: dict[str, list[tuple]] = {"kind": [], "year": [], "theme": [], "department": []}
        for name, value, count in cursor.fetchall():
            facets[name].append((value if name == "kind" else int(value), count))
        for values in facets.values():
            values.sort(key=lambda item: (-item[1], str(item[0])))
        return facets


def get_backend() -> SearchBackend:
    if connection.vendor == "postgresql":
        from maillage.library.search.postgres import PostgresBackend

        return PostgresBackend()
    from maillage.library.search.sqlite import SQLiteBackend

    return SQLiteBackend()
