"""Work done inside Django for the library benchmarks (run by bench/library.py through `manage.py shell`).

Search: a deterministic corpus of N documents (5 pages of ~1,200 characters each, paragraphs drawn from
../shared/data/corpus_fr, a place name in most titles, themes, departments, kinds and years for the
facets), bulk-loaded (bulk_create in batches of 1,000, no per-document save), then 200 realistic French
queries timed through the search backend, and the same texts and queries on tantivy.

Ingestion: born-digital and scanned PDFs generated here, ingested by the real job
(`services.ingestion.run`), against Tesseract alone on the same page images.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from bench.library_corpus import BATCH, PLACES, THEMES, documents, queries


def build(count: int) -> float:
    """Bulk-load `count` resources and their search documents; returns seconds."""
    from django.db import transaction

    from maillage.library.models import Resource, SearchDocument
    from maillage.library.services import indexing
    from maillage.programme.models import Theme
    from maillage.territory.models import Department, Region

    start = time.perf_counter()
    themes = [
        Theme.objects.get_or_create(name=n, defaults={"slug": f"theme-{i}"})[0] for i, n in enumerate(THEMES)
    ]
    region = Region.objects.get_or_create(code="99", defaults={"name": "Région du banc d'essai"})[0]
    departments = [
        Department.objects.get_or_create(code=f"B{i:02d}", defaults={"name": p, "region": region})[0]
        for i, p in enumerate(PLACES)
    ]
    subjects_model = Resource.subjects.through
    departments_model = Resource.departments.through
    batch = []

    def flush():
        with transaction.atomic():
            Resource.objects.bulk_create(
                [
                    Resource(
                        pk=pk, title=title[:255], kind=kind, date=date, description=description,
                        status=Resource.Status.PUBLISHED if published else Resource.Status.DRAFT, slug="r",
                    )
                    for pk, title, description, _, kind, date, published, _, _ in batch
                ]
            )  # fmt: skip
            subjects_model.objects.bulk_create(
                [subjects_model(resource_id=d[0], theme_id=themes[t].pk) for d in batch for t in d[7]]
            )
            departments_model.objects.bulk_create(
                [departments_model(resource_id=d[0], department_id=departments[d[8]].pk) for d in batch]
            )
            indexing.bulk_index(
                [
                    SearchDocument(
                        resource_id=pk, title=title, description=description, body="\n\n".join(pages),
                        subjects=" ; ".join(THEMES[t] for t in theme_ids), kind=kind, year=date.year,
                        is_published=published, sort_date=date,
                        theme_ids=",".join(str(pk) for pk in sorted(themes[t].pk for t in theme_ids)),
                        department_ids=str(departments[place].pk),
                    )
                    for pk, title, description, pages, kind, date, published, theme_ids, place in batch
                ]
            )  # fmt: skip
        batch.clear()

    for document in documents(count):
        batch.append(document)
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("INSERT INTO library_fts(library_fts) VALUES ('optimize')")
            cursor.execute("ANALYZE")
        else:
            # What autovacuum would do after a bulk load: without it the planner scans every row.
            cursor.execute("VACUUM ANALYZE library_searchdocument")
            cursor.execute("ANALYZE")
    return time.perf_counter() - start


def percentiles(timings: list[float]) -> dict:
    timings = sorted(timings)
    return {
        "p50": statistics.median(timings),
        "p95": timings[max(0, int(0.95 * len(timings)) - 1)],
        "max": timings[-1],
        "mean": statistics.fmean(timings),
    }


def time_queries(search, texts: list[str]) -> tuple[dict, list[int], list[float]]:
    """search(text) → number of hits. Returns percentiles (ms, wall clock, plus the CPU time of this
    process: on SQLite that is all the work, and it does not grow when other jobs share the cores),
    hit counts and timings."""
    timings, cpu, counts = [], [], []
    for text in texts:
        start, start_cpu = time.perf_counter(), time.process_time()
        counts.append(search(text))
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    cpu_stats = percentiles(cpu)
    return percentiles(timings) | {"cpu_p50": cpu_stats["p50"], "cpu_p95": cpu_stats["p95"]}, counts, timings


def search_bench(count: int, out: str) -> None:
    from maillage.library.search.base import SearchQuery, get_backend

    build_seconds = build(count)
    backend = get_backend()
    labelled = queries()
    texts = [q for _, q in labelled]
    for text in texts[:20]:  # warm the caches (page cache, stemmer)
        backend.search(SearchQuery(text=text))
    stats, counts, timings = time_queries(lambda t: backend.search(SearchQuery(text=t)).total, texts)
    no_facets, _, _ = time_queries(
        lambda t: backend.search(SearchQuery(text=t, with_facets=False)).total, texts
    )
    tantivy_build, tantivy_stats, tantivy_counts = tantivy_bench(count, texts)
    slowest = sorted(zip(timings, labelled, counts, strict=False), reverse=True)[:10]
    result = {
        "build_s": build_seconds,
        "db": stats,
        "db_no_facets": no_facets,
        "db_zero_hits": sum(1 for c in counts if c == 0),
        "db_median_hits": statistics.median(counts),
        "tantivy_build_s": tantivy_build,
        "tantivy": tantivy_stats,
        "tantivy_zero_hits": sum(1 for c in tantivy_counts if c == 0),
        "tantivy_median_hits": statistics.median(tantivy_counts),
        "slowest": [{"ms": round(t, 1), "category": c, "query": q, "hits": n} for t, (c, q), n in slowest],
        "queries": [
            {"category": c, "query": q, "hits": n, "tantivy_hits": tn}
            for (c, q), n, tn in zip(labelled, counts, tantivy_counts, strict=True)
        ],
    }
    Path(out).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")


def tantivy_query(text: str) -> str:
    """Our query language in tantivy's: every word required, phrases quoted, prefixes as phrase prefixes."""
    from maillage.library.search.text import parse_query

    parsed = parse_query(text)
    parts = []
    for term in parsed.terms:
        parts.append(f"+{term.word}" if term.prefix else f'+"{term.word}"')  # prefix: see tantivy_bench
    # Phrases as typed ("d'incendie" is two tokens for tantivy's tokenizer, one word for ours).
    quoted = [q.replace('"', "") for q in re.findall(r'"([^"]+)"', text)]
    hyphenated = [" ".join(p) for p in parsed.phrases if " ".join(p) not in quoted]
    parts += ['+"' + p.replace("'", " ").replace("’", " ") + '"' for p in quoted if p.strip()]
    parts += ['+"' + p + '"' for p in hyphenated[: max(0, len(parsed.phrases) - len(quoted))]]
    parts += [f'-"{word}"' for word in parsed.excluded]
    return " ".join(parts)


def tantivy_bench(count: int, texts: list[str]) -> tuple[float, dict, list[int]]:
    """The same documents and queries on tantivy (French: lower case, ASCII folding, Snowball stemmer).
    Title and subjects are boosted like the databases' weights; every query must parse and return hits."""
    import tantivy

    analyzer = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("french"))
        .build()
    )
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True)
    for name in ("title", "subjects", "description", "body"):
        builder.add_text_field(name, stored=False, tokenizer_name="fr_fold")
    schema = builder.build()
    directory = tempfile.mkdtemp(prefix="tantivy-")
    try:
        start = time.perf_counter()
        index = tantivy.Index(schema, path=directory)
        index.register_tokenizer("fr_fold", analyzer)
        writer = index.writer(heap_size=300_000_000, num_threads=1)
        for pk, title, description, pages, _, _, published, theme_ids, _ in documents(count):
            if not published:
                continue  # the database runs the public search: published documents only
            writer.add_document(
                tantivy.Document(
                    id=pk, title=title, description=description, body="\n\n".join(pages),
                    subjects=" ; ".join(THEMES[t] for t in theme_ids),
                )
            )  # fmt: skip
        writer.commit()
        writer.wait_merging_threads()
        index.reload()
        build_seconds = time.perf_counter() - start
        searcher = index.searcher()
        boosts = {"title": 10.0, "subjects": 8.0, "description": 3.0, "body": 1.0}
        fields = list(boosts)

        def parse(query_text: str, prefix: bool):
            # A single-word prefix ("logem*") is a fuzzy query of distance 0 with prefix matching.
            fuzzy = dict.fromkeys(fields, (True, 0, False)) if prefix else None
            return index.parse_query(query_text, fields, field_boosts=boosts, fuzzy_fields=fuzzy)

        parsed = []
        for text in texts:
            query_text = tantivy_query(text)
            # A parse error must not pass for a fast empty answer: let it raise.
            parsed.append(parse(query_text, text.endswith("*")) if query_text else None)
        by_text = dict(zip(texts, parsed, strict=True))

        def fuzzy(text):
            # The databases' typo fallback: when nothing matches, edit distance 1 (2 beyond 6 letters).
            longest = max((len(w) for w in text.split()), default=0)
            distance = 1 if longest <= 6 else 2
            return index.parse_query(
                tantivy_query(text),
                fields,
                field_boosts=boosts,
                fuzzy_fields=dict.fromkeys(fields, (False, distance, True)),
            )

        def search(text):
            query = by_text[text]
            if query is None:
                return 0
            count = searcher.search(query, 20, count=True).count
            if count < 3 and not text.endswith("*") and '"' not in text:
                count = max(count, searcher.search(fuzzy(text), 20, count=True).count)
            return count

        stats, counts, _ = time_queries(search, texts)

        # Parsing is part of a search: time it too, with the query object built inside the loop.
        def search_with_parse(text):
            if not tantivy_query(text):
                return 0
            count = searcher.search(parse(tantivy_query(text), text.endswith("*")), 20, count=True).count
            if count < 3 and not text.endswith("*") and '"' not in text:
                count = max(count, searcher.search(fuzzy(text), 20, count=True).count)
            return count

        stats_with_parse, _, _ = time_queries(search_with_parse, texts)
        return build_seconds, stats_with_parse | {"p95_without_parsing": stats["p95"]}, counts
    finally:
        shutil.rmtree(directory, ignore_errors=True)
