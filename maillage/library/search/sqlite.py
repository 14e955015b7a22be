"""SQLite FTS5 backend: `library_fts` (one row per resource: title, subjects, description, body) holds the
text stemmed in Python (Snowball French), tokenised by unicode61 with diacritics removed, with prefix
indexes of 4 and 5 characters (migration 0006); bm25 weights favour title and subjects. Totals and facets
need only the matching rowids (base._count); the ranked page joins the documents through the covering
index `library_sd_facets` (never the wide rows with the body). Snippets are cut in Python for the page's
hits only (text.snippet)."""

from __future__ import annotations

from django.db import connection

from maillage.library.models import SearchDocument
from maillage.library.search.base import SD, SearchBackend
from maillage.library.search.text import ParsedQuery, index_text, stem

WEIGHTS = "10.0, 8.0, 3.0, 1.0"  # title, subjects, description, body


def _quote(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def compile_match(parsed: ParsedQuery, tier: str = "") -> str:
    """The FTS5 query. tier "title": also a query word in the title or subjects; "rest": none there."""
    positives = []
    for term in parsed.terms:
        if term.prefix:
            # Stems are often shorter than the typed prefix ("associat*" → "associ"): accept them too.
            # Options the stem's prefix already covers are left out (each costs a doclist merge).
            word, root = term.folded, term.stem or term.folded
            shorter = {word[:k] for k in range(max(4, len(word) - 4), len(word))}
            options = {_quote(root) + "*"} | {_quote(w) for w in shorter if not w.startswith(root)}
            if not word.startswith(root):
                options.add(_quote(word) + "*")
        else:
            options = {_quote(term.stem)} | {_quote(stem(w)) for w in parsed.alternatives.get(term.word, [])}
        positives.append("(" + " OR ".join(sorted(options)) + ")" if len(options) > 1 else options.pop())
    for phrase in parsed.phrases:
        positives.append(_quote(" ".join(stem(w) for w in phrase)))
    expression = " AND ".join(positives)
    if parsed.excluded:
        expression = f"({expression}) NOT (" + " OR ".join(_quote(stem(w)) for w in parsed.excluded) + ")"
    if tier:
        in_title = "{title subjects} : (" + " OR ".join(positives) + ")"
        expression = f"({expression}) {'AND' if tier == 'title' else 'NOT'} ({in_title})"
    return expression


class SQLiteBackend(SearchBackend):
    vendor = "sqlite"

    def index(self, documents: list[SearchDocument]) -> None:
        rows = [
            (
                doc.pk,
                index_text(doc.title),
                index_text(doc.subjects),
                index_text(doc.description),
                index_text(doc.body),
            )
            for doc in documents
        ]
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM library_fts WHERE rowid = %s", [(row[0],) for row in rows])
            cursor.executemany(
                "INSERT INTO library_fts (rowid, title, subjects, description, body) VALUES (%s, %s, %s, %s, %s)",
                rows,
            )
        self.remember_terms([f"{d.title} {d.subjects} {d.description} {d.body}" for d in documents])

    def remove(self, resource_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.executemany("DELETE FROM library_fts WHERE rowid = %s", [(pk,) for pk in resource_ids])

    def matched(self, parsed, where, params, *, scored=False, tier="", ids=None):
        score = f"-bm25(library_fts, {WEIGHTS})" if scored else "0.0"
        sql = (
            f"SELECT f.rowid AS id, {score} AS score, d.kind, d.year, d.sort_date, d.theme_ids, d.department_ids "  # noqa: S608 (constant names; values bound)
            f"FROM library_fts f CROSS JOIN {SD} d INDEXED BY library_sd_facets "
            f"WHERE library_fts MATCH %s AND d.resource_id = f.rowid AND {where}"
        )
        return sql, [compile_match(parsed, tier), *params]

    def match_ids(self, parsed):
        return "SELECT rowid FROM library_fts WHERE library_fts MATCH %s", [compile_match(parsed)]

    def similar_terms(self, word: str) -> list[str]:
        trigrams = {word[i : i + 3] for i in range(len(word) - 2)}
        if not trigrams:
            return []
        expression = " OR ".join(_quote(t) for t in sorted(trigrams))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT term FROM library_term_trigram WHERE library_term_trigram MATCH %s ORDER BY rank LIMIT 200",
                [expression],
            )
            return [row[0] for row in cursor.fetchall()]
