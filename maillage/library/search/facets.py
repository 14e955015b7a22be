"""Exact totals and facet counts over large result sets: an in-memory facet index of integer bitsets.

For each facet value (kind, year, theme, territory) and for "indexed" / "published", the index holds a
bitset of the resource ids that have it: a Python integer with one byte per id (byte `id` is 1 when
the resource has the value). A search fetches the ids the text matches (one pass over the full-text
index, nothing joined), sets them in a byte array, and every count is then `(matched & value).bit_count()`:
a few dozen AND/popcounts over 50 KB integers at 50,000 documents, whatever the number of hits.

The index is built from `SearchDocument` (one query) once per process and rebuilt when the index
changes: triggers on the search document table (migration 0005) write a new random token in
`SearchState` on every insert, update or delete, in the writing transaction; a search reads the token
(one primary-key lookup) and rebuilds when it differs from the token the index was built at. Because
the token is random rather than a counter, a rolled-back write can't make a stale index look current.
Memory: about (number of facet values + 2) × largest resource id bytes (~4 MB at 50,000 documents).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from django.db import connection

from maillage.library.models import SearchDocument, SearchState

FACETS = ("kind", "year", "theme", "department")


@dataclass
class FacetIndex:
    token: int | None
    size: int  # largest resource id + 1
    indexed: int = 0  # every resource with a search document
    published: int = 0
    values: dict[str, dict] = field(default_factory=dict)  # facet → value → bitset
    by_date: list[int] = field(default_factory=list)  # ids, newest first (sort_date, then id, descending)

    @classmethod
    def build(cls, token: int | None) -> FacetIndex:
        # SQLite: from the covering index, never the wide rows that hold the text.
        indexed_by = " INDEXED BY library_sd_facets" if connection.vendor == "sqlite" else ""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT resource_id, is_published, kind, year, theme_ids, department_ids, CAST(sort_date AS TEXT) "  # noqa: S608 (constant names)
                f"FROM {SearchDocument._meta.db_table}{indexed_by}"
            )
            rows = cursor.fetchall()
        size = max((row[0] for row in rows), default=0) + 1
        indexed, published = bytearray(size), bytearray(size)
        bytes_by_value: dict[str, dict] = {name: {} for name in FACETS}

        def mark(name, value, pk):
            buffer = bytes_by_value[name].get(value)
            if buffer is None:
                buffer = bytes_by_value[name][value] = bytearray(size)
            buffer[pk] = 1

        for pk, is_published, kind, year, theme_ids, department_ids, _ in rows:
            indexed[pk] = 1
            if is_published:
                published[pk] = 1
            mark("kind", kind, pk)
            if year is not None:
                mark("year", year, pk)
            for value in theme_ids.split(",") if theme_ids else ():
                mark("theme", int(value), pk)
            for value in department_ids.split(",") if department_ids else ():
                mark("department", int(value), pk)
        return cls(
            token=token,
            size=size,
            indexed=_bits(indexed),
            published=_bits(published),
            values={
                name: {value: _bits(buffer) for value, buffer in by_value.items()}
                for name, by_value in bytes_by_value.items()
            },
            by_date=[
                row[0]
                for row in sorted(rows, key=lambda r: (r[6] is not None, r[6] or "", r[0]), reverse=True)
            ],
        )

    def bitset(self, ids) -> int:
        """The bitset of these resource ids (an iterable of 1-tuples, as cursors return them)."""
        buffer = bytearray(self.size)
        size = self.size
        for (pk,) in ids:
            if pk < size:
                buffer[pk] = 1
        return _bits(buffer)

    def as_bytes(self, bits: int) -> bytes:
        """Byte `id` is 1 when the bitset holds `id`: for membership tests."""
        return bits.to_bytes(self.size, "little")

    def restrict(self, matched: int, query) -> int:
        """Only the documents the query's filters keep (published, kind, year, theme, territory)."""
        matched &= self.published if query.published_only else self.indexed
        for name, value in (
            ("kind", query.kind),
            ("year", query.year),
            ("theme", query.theme),
            ("department", query.department),
        ):
            if value:
                matched &= self.values[name].get(value, 0)
        return matched

    def counts(self, matched: int) -> dict[str, list[tuple]]:
        facets = {}
        for name in FACETS:
            counted = ((value, (matched & bits).bit_count()) for value, bits in self.values[name].items())
            facets[name] = sorted(
                ((value, count) for value, count in counted if count),
                key=lambda item: (-item[1], str(item[0])),
            )
        return facets


def _bits(buffer: bytearray) -> int:
    return int.from_bytes(buffer, "little")


_lock = threading.Lock()
_indexes: dict[str, FacetIndex] = {}


def current_token() -> int | None:
    return SearchState.objects.filter(pk=1).values_list("token", flat=True).first()


def facet_index() -> FacetIndex:
    """The facet index of the current database, rebuilt when its token changed (see module doc)."""
    token = current_token()
    key = f"{connection.vendor}:{connection.settings_dict['NAME']}"
    with _lock:
        index = _indexes.get(key)
        if index is None or token is None or index.token != token:
            index = _indexes[key] = FacetIndex.build(token)
        return index
