"""PostgreSQL backend: `french_unaccent` configuration (unaccent + French Snowball), a weighted tsvector
(title and subjects A, description B, body C) with a GIN index, a small title and subjects `meta_vector`
with its own GIN index, websearch_to_tsquery, ts_rank on a bounded number of documents (see _page), and
pg_trgm over the vocabulary for misspelt or OCR-garbled words. Phrases go through the word pairs index
(`pairs`, migration 0007; see text_condition) before, or instead of, the check of positions. Snippets
are cut in Python like on SQLite (text.snippet, same Snowball stems): ts_headline re-parses each whole
body and cost ~2 ms per hit."""

from __future__ import annotations

import datetime
import re

from django.db import connection, transaction

from maillage.library.models import SearchDocument
from maillage.library.search import base
from maillage.library.search.base import SD, Hit, SearchBackend
from maillage.library.search.text import ParsedQuery

CONFIG = "french_unaccent"
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C (body), B (description), A (title, subjects)
RANK_ALL = 200  # ts_rank reads each vector from TOAST: up to this many hits only, rank them all
RERANK = 100  # large result sets: documents re-ranked with ts_rank at the head of each tier
VECTOR_CHARS = 500_000  # a tsvector holds at most 1 MB
# The word pairs of a document one or two positions apart, from its vector's positions (migration 0007):
# "a b" when b follows a, "a  b" when one position (a stop word) lies between them.
PAIRS = """ARRAY(SELECT DISTINCT a.lexeme || repeat(' ', g.gap) || b.lexeme
    FROM (SELECT lexeme, unnest(positions) AS p FROM unnest(d.vector)) a
    CROSS JOIN (VALUES (1), (2)) g(gap)
    JOIN (SELECT lexeme, unnest(positions) AS p FROM unnest(d.vector)) b ON b.p = a.p + g.gap)"""
_SAFE = re.compile(r"[^\w]+", re.UNICODE)


def _word(word: str) -> str:
    return _SAFE.sub("", word)


def _phrase_texts(parsed: ParsedQuery) -> list[str]:
    """The phrases with their elided words (`d'une` → `d une`), as PostgreSQL numbers the documents'
    positions; only word characters reach SQL."""
    return [" ".join(w for w in map(_word, text.split()) if w) for text in parsed.phrase_texts()]


def compile_tsquery(
    parsed: ParsedQuery, any_word: bool = False, skip: frozenset = frozenset()
) -> tuple[str, list]:
    """SQL for the tsquery and its parameters. `any_word`: any one of the words or phrases (OR), no
    exclusions (the title tier of large result sets). `skip`: indexes of phrases left out."""
    plain = []
    parts, params = [], []
    for term in parsed.terms:
        word = _word(term.word)
        if not word:
            continue
        if term.prefix:
            # Stems may be shorter than the typed prefix ("associat*" → "associ"): accept them too.
            options = [f"{word}:*"] + [word[:k] for k in range(max(4, len(word) - 4), len(word))]
            parts.append(f"to_tsquery('{CONFIG}', %s)")
            params.append(" | ".join(options))
        elif parsed.alternatives.get(term.word):
            options = [word] + [_word(w) for w in parsed.alternatives[term.word]]
            parts.append(f"to_tsquery('{CONFIG}', %s)")
            params.append(" | ".join(o for o in options if o))
        else:
            plain.append(word)
    plain += ['"' + text + '"' for n, text in enumerate(_phrase_texts(parsed)) if n not in skip]
    if any_word:
        if plain:
            parts.insert(0, f"websearch_to_tsquery('{CONFIG}', %s)")
            params.insert(0, " or ".join(plain))
        return "(" + " || ".join(parts) + ")" if parts else "''::tsquery", params
    plain += ["-" + _word(w) for w in parsed.excluded if _word(w)]
    if plain:
        parts.insert(0, f"websearch_to_tsquery('{CONFIG}', %s)")
        params.insert(0, " ".join(plain))
    return " && ".join(parts) or "''::tsquery", params


class PostgresBackend(SearchBackend):
    vendor = "postgresql"

    def index(self, documents: list[SearchDocument]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"""UPDATE {SD} SET meta_vector = to_tsvector('{CONFIG}', title || ' ' || subjects), vector =
                    setweight(to_tsvector('{CONFIG}', title || ' ' || subjects), 'A')
                    || setweight(to_tsvector('{CONFIG}', description), 'B')
                    || setweight(to_tsvector('{CONFIG}', left(body, {VECTOR_CHARS})), 'C')
                WHERE resource_id = ANY(%s)""",  # noqa: S608
                [[d.pk for d in documents]],
            )
            # From the vectors just written (an UPDATE's expressions read the row as it was).
            cursor.execute(
                f"UPDATE {SD} d SET pairs = {PAIRS} WHERE resource_id = ANY(%s)",  # noqa: S608 (constants)
                [[d.pk for d in documents]],
            )
        self.remember_terms([f"{d.title} {d.subjects} {d.description} {d.body}" for d in documents])

    def remove(self, resource_ids: list[int]) -> None:
        """Nothing to do: the vector lives on the SearchDocument row."""

    def matched(self, parsed, where, params, *, scored=False, tier="", ids=None):
        tsquery, query_params = compile_tsquery(parsed)
        score = f"ts_rank('{RANK_WEIGHTS}', d.vector, query.q)" if scored else "0.0"
        # Already known ids spare re-reading every candidate's vector (phrases, see rank_by_ids).
        if ids is not None:
            condition = "d.resource_id = ANY(%s)"
        else:
            condition, condition_params = text_condition(parsed)
            query_params = [*query_params, *condition_params]
        if tier:
            # A query word in the title or subjects: the small meta_vector and its own GIN index.
            either, either_params = compile_tsquery(parsed, any_word=True)
            test = f"d.meta_vector @@ ({either})"
            condition += f" AND {test}" if tier == "title" else f" AND NOT coalesce({test}, false)"
            query_params = [*query_params, *([ids] if ids is not None else []), *either_params]
        elif ids is not None:
            query_params = [*query_params, ids]
        sql = (
            f"SELECT d.resource_id AS id, {score} AS score, d.kind, d.year, d.sort_date, d.theme_ids, "  # noqa: S608 (constant names; values bound)
            f"d.department_ids FROM {SD} d CROSS JOIN (SELECT {tsquery} AS q) query WHERE {condition} AND {where}"
        )
        return sql, [*query_params, *params]

    def rank_by_ids(self, parsed):
        # A phrase is checked against each candidate's positions (GIN recheck, vector read from TOAST).
        return bool(parsed.phrases)

    def _page(self, query, parsed, where, params, matches):
        """Beyond RANK_ALL (200) hits, the tiers of SearchBackend._page, built from what the search already
        knows rather than by matching the text again: ts_rank reads each document's whole vector from
        TOAST, and so does the planner's filter on `vector` when it starts from the title index. The
        title tier is the meta_vector GIN index's answer (title and subjects) kept by the matched
        bitset, ordered by ts_rank of that small vector; the rest follows, newest first (facet index).
        In each tier, only the first RERANK documents are re-ranked with ts_rank over the whole vector;
        every document keeps one place, so paging reaches each hit once."""
        if parsed.is_empty or matches.total <= min(base.RANK_ALL, RANK_ALL):
            return super()._page(query, parsed, where, params, matches)
        keep = matches.index.as_bytes(matches.bits)
        start = (max(query.page, 1) - 1) * query.per_page
        end = start + query.per_page
        either, either_params = compile_tsquery(parsed, any_word=True)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.resource_id, ts_rank(d.meta_vector, query.e), d.sort_date FROM {SD} d "  # noqa: S608 (constant names; values bound)
                f"CROSS JOIN (SELECT {either} AS e) query WHERE d.meta_vector @@ query.e",
                either_params,
            )
            rows = [row for row in cursor.fetchall() if row[0] < len(keep) and keep[row[0]]]
        rows.sort(key=lambda r: (r[1], r[2] is not None, r[2] or datetime.date.min, r[0]), reverse=True)
        title, rest = [row[0] for row in rows], []
        rest_start, rest_end = max(0, start - len(title)), end - len(title)
        if rest_end > 0:
            wanted = max(rest_end, RERANK) if rest_start < RERANK else rest_end
            in_title = set(title)
            for pk in matches.index.by_date:
                if keep[pk] and pk not in in_title:
                    rest.append(pk)
                    if len(rest) == wanted:
                        break
        # One statement ranks the heads of both tiers that the page reaches.
        heads = (title[:RERANK] if start < RERANK else []) + (rest[:RERANK] if rest_start < RERANK else [])
        scores = {}
        if heads:
            tsquery, tsquery_params = compile_tsquery(parsed)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT d.resource_id, ts_rank('{RANK_WEIGHTS}', d.vector, {tsquery}) FROM {SD} d "  # noqa: S608 (constant names; values bound)
                    "WHERE d.resource_id = ANY(%s)",
                    [*tsquery_params, heads],
                )
                scores = dict(cursor.fetchall())
        hits = _tier(title, start, end, scores)
        return hits + (_tier(rest, rest_start, rest_end, scores) if rest_end > 0 else [])

    def match_ids(self, parsed):
        condition, params = text_condition(parsed)
        return f"SELECT d.resource_id FROM {SD} d WHERE {condition}", params  # noqa: S608

    def similar_terms(self, word: str) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', '0.25', false)")
            cursor.execute(
                "SELECT term FROM library_searchterm WHERE term %% %s ORDER BY similarity(term, %s) DESC LIMIT 50",
                [word, word],
            )
            return [row[0] for row in cursor.fetchall()]

    def search(self, query):
        # The planner does not count the cost of reading (detoasting) each tsvector: with the main heap
        # small, it picks a sequential scan that reads every vector (40 ms at 5,000 documents for a
        # word found in 14 % of them) over the GIN index. The search statements go through the index.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            return super().search(query)


def text_condition(parsed: ParsedQuery) -> tuple[str, list]:
    """The condition on `d` for documents matching `parsed`, and its parameters: the tsquery on `vector`
    and, for phrases, their word pairs (see phrase_pairs). A phrase of two lexemes one or two positions
    apart is answered by its pair alone (the same condition: one lexeme at p, the other at p + gap),
    without reading any vector from TOAST; longer phrases are checked against the positions, but only
    in the documents holding all their pairs."""
    pairs, covered = phrase_pairs(parsed)
    tsquery, params = compile_tsquery(parsed, skip=covered)
    conditions = [] if tsquery == "''::tsquery" else [f"d.vector @@ ({tsquery})"]
    if pairs:
        conditions.append("d.pairs @> %s::text[]")
        params = [*params, pairs]
    return " AND ".join(conditions) or "false", params


def phrase_pairs(parsed: ParsedQuery) -> tuple[list[str], frozenset]:
    """The word pairs (see PAIRS) every document matching the query's phrases holds, and the indexes of
    the phrases these pairs answer exactly. A phrase matches only where its lexemes sit at the same
    distances as in the phrase itself, so each pair of its lexemes one or two positions apart must be
    among the document's pairs; a phrase of two lexemes, one or two positions apart, matches exactly the
    documents holding that pair. Positions holding more than one lexeme are left out (and their phrase
    is not answered by pairs). Cached on `parsed`."""
    if not parsed.phrases:
        return [], frozenset()
    cached = getattr(parsed, "_pairs", None)
    if cached is not None:
        return cached
    texts = _phrase_texts(parsed)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.n, v.lexeme, v.positions FROM unnest(%s::text[]) WITH ORDINALITY t(s, n), "  # noqa: S608 (constant)
            f"unnest(to_tsvector('{CONFIG}', t.s)) v",
            [texts],
        )
        rows = cursor.fetchall()
    at: dict[tuple[int, int], list[str]] = {}
    for n, lexeme, positions in rows:
        for position in positions or ():
            at.setdefault((n, position), []).append(lexeme)
    pairs, covered = set(), set()
    for (n, position), lexemes in at.items():
        for gap in (1, 2):
            following = at.get((n, position + gap), [])
            if len(lexemes) == 1 and len(following) == 1:
                pairs.add(lexemes[0] + " " * gap + following[0])
                if [len(v) for (m, _), v in at.items() if m == n] == [1, 1]:
                    covered.add(n - 1)  # WITH ORDINALITY counts from 1
    parsed._pairs = sorted(pairs), frozenset(covered)
    return parsed._pairs


def _tier(ordered: list[int], start: int, end: int, scores: dict[int, float]) -> list[Hit]:
    """Positions [start, end) of a tier given in its cheap order, its first RERANK re-ranked by `scores`."""
    head = ordered[:RERANK]
    place = {pk: n for n, pk in enumerate(head)}
    head.sort(key=lambda pk: (-scores.get(pk, 0.0), place[pk]))
    hits = [Hit(resource_id=pk, rank=float(scores.get(pk) or 0)) for pk in head[start:end]]
    return hits + [Hit(resource_id=pk, rank=0.0) for pk in ordered[max(start, RERANK) : end]]
