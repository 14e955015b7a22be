"""Work done inside Django for the library benchmarks (run by bench/library.py through `manage.py shell`)."""

from __future__ import annotations

import json
import random
import statistics
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "corpus_fr"
PAGES_PER_DOC = 5
PAGE_CHARS = 1200


def paragraphs() -> list[str]:
    out = []
    for path in sorted(CORPUS.glob("*.txt")):
        out += [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if len(p.strip()) > 80]
    return out


def documents(count: int, seed: int = 5):
    rng = random.Random(seed)
    paras = paragraphs()
    for n in range(count):
        pages = []
        for _ in range(PAGES_PER_DOC):
            text = ""
            while len(text) < PAGE_CHARS:
                text += rng.choice(paras) + "\n"
            pages.append(text)
        title = " ".join(rng.choice(paras).split()[:8])
        yield n + 1, title, pages


def queries(count: int = 200, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    words = [w.strip(".,;:()«»") for p in paragraphs()[:5000] for w in p.split()]
    words = [w for w in words if len(w) > 4 and w.isalpha()]
    out = []
    for n in range(count):
        picked = rng.sample(words, 2 if n % 3 else 3)
        if n % 10 == 0:
            out.append(f'"{" ".join(rng.choice(paragraphs()[:2000]).split()[2:4])}"')
        elif n % 10 == 1:
            out.append(picked[0][:5] + "*")
        else:
            out.append(" ".join(picked))
    return out


def build(count: int) -> float:
    from django.db import transaction

    from maillage.library.models import Resource, SearchDocument
    from maillage.library.services import indexing

    start = time.perf_counter()
    batch = []
    for pk, title, pages in documents(count):
        batch.append((pk, title, pages))
        if len(batch) == 1000:
            _flush(batch, Resource, SearchDocument, indexing, transaction)
            batch = []
    if batch:
        _flush(batch, Resource, SearchDocument, indexing, transaction)
    return time.perf_counter() - start


def _flush(batch, Resource, SearchDocument, indexing, transaction):  # noqa: N803
    with transaction.atomic():
        Resource.objects.bulk_create(
            [
                Resource(pk=pk, title=title[:255], status=Resource.Status.PUBLISHED, slug="r")
                for pk, title, _ in batch
            ]
        )
        docs = [
            SearchDocument(
                resource_id=pk, title=title, body="\n".join(pages), kind="publication", is_published=True
            )
            for pk, title, pages in batch
        ]
        indexing.bulk_index(docs)


def time_queries(search, texts) -> dict:
    timings = []
    for text in texts:
        start = time.perf_counter()
        search(text)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {"p50": statistics.median(timings), "p95": timings[int(0.95 * len(timings)) - 1]}


def search_bench(count: int, out: str) -> None:
    from maillage.library.search.base import SearchQuery, get_backend

    build_seconds = build(count)
    backend = get_backend()
    texts = queries()
    for text in texts[:10]:  # warm caches
        backend.search(SearchQuery(text=text))
    result = {
        "build_s": build_seconds,
        "db": time_queries(lambda t: backend.search(SearchQuery(text=t)), texts),
    }
    result["db_no_facets"] = time_queries(
        lambda t: backend.search(SearchQuery(text=t, with_facets=False)), texts
    )
    result["tantivy"] = tantivy_bench(count, texts)
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def tantivy_bench(count: int, texts: list[str]) -> dict:
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("title", stored=True, tokenizer_name="fr_stem")
    builder.add_text_field("body", stored=False, tokenizer_name="fr_stem")
    schema = builder.build()
    index = tantivy.Index(schema, path=tempfile.mkdtemp(prefix="tantivy-"))
    writer = index.writer(heap_size=200_000_000, num_threads=1)
    for _pk, title, pages in documents(count):
        writer.add_document(tantivy.Document(title=title, body="\n".join(pages)))
    writer.commit()
    index.reload()
    searcher = index.searcher()

    def search(text):
        try:
            query = index.parse_query(text.replace("*", ""), ["title", "body"])
        except ValueError:
            return []
        return searcher.search(query, 20).hits

    return time_queries(search, texts)
