"""Library search latency: 200 French queries over 10,000 and 50,000 documents (5 pages each), built from
../shared/data/corpus_fr, on the database's own full-text search, compared in the same run with tantivy.
LIBRARY_BENCH_SIZES (e.g. "2000") overrides the sizes to keep a run short."""

import json
import os

from bench.registry import Context, Measurement, entry

TARGET_P95_MS = 50


@entry(
    "library-search",
    title="Recherche plein texte de la médiathèque",
    description="p50/p95 de 200 requêtes françaises sur 10 000 et 50 000 documents, comparées à tantivy",
)
def library_search(context: Context) -> list[Measurement]:
    sizes = [int(s) for s in os.environ.get("LIBRARY_BENCH_SIZES", "10000,50000").split(",")]
    measurements = []
    for size in sizes:
        with context.fresh_database() as env:
            context.manage(env, "migrate", "--noinput", log_name="library-migrate").check()
            out = context.log_dir / f"library-search-{size}-{context.backend.name}.json"
            script = f"from bench.library_work import search_bench; search_bench({size}, {str(out)!r})"
            context.manage(env, "shell", "-c", script, log_name=f"library-search-{size}").check()
        result = json.loads(out.read_text(encoding="utf-8"))
        measurements += [
            Measurement(f"{size} docs : construction de l'index", result["build_s"], "s"),
            Measurement(f"{size} docs : p50", result["db"]["p50"], "ms"),
            Measurement(
                f"{size} docs : p95 (avec facettes)", result["db"]["p95"], "ms", target=TARGET_P95_MS
            ),
            Measurement(f"{size} docs : p95 sans facettes", result["db_no_facets"]["p95"], "ms"),
            Measurement(f"{size} docs : requêtes sans résultat", result["db_zero_hits"], "", decimals=0),
            Measurement(f"{size} docs : tantivy construction", result["tantivy_build_s"], "s"),
            Measurement(f"{size} docs : tantivy p50", result["tantivy"]["p50"], "ms", decimals=2),
            Measurement(f"{size} docs : tantivy p95", result["tantivy"]["p95"], "ms", decimals=2),
            Measurement(f"{size} docs : tantivy sans résultat", result["tantivy_zero_hits"], "", decimals=0),
        ]
        context.notes.append(
            f"{context.backend.name} {size} docs : 10 requêtes les plus lentes "
            + "; ".join(f"{s['query']} ({s['ms']} ms, {s['hits']} rés.)" for s in result["slowest"])
        )
    return measurements
