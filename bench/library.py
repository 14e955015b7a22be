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


TARGET_OCR_OVERHEAD = 15  # percent of Tesseract's own time


@entry(
    "library-ingest",
    title="Ingestion de la médiathèque",
    description="pages/s pour des PDF nativement numériques et numérisés, contre Tesseract seul",
    databases=("sqlite", "postgresql"),
)
def library_ingest(context: Context) -> list[Measurement]:
    with context.fresh_database() as env:
        context.manage(env, "migrate", "--noinput", log_name="library-ingest-migrate").check()
        out = context.log_dir / f"library-ingest-{context.backend.name}.json"
        script = f"from bench.library_ingest import ingest_bench; ingest_bench({str(out)!r})"
        context.manage(env, "shell", "-c", script, log_name="library-ingest").check()
    r = json.loads(out.read_text(encoding="utf-8"))
    pipeline = r["scanned_pages"] / r["scanned_s"]
    alone = r["tesseract_pages"] / r["tesseract_s"]
    overhead = 100 * (r["scanned_s"] / r["scanned_pages"]) / (r["tesseract_s"] / r["tesseract_pages"]) - 100
    cpu_overhead = (
        100 * (r["scanned_cpu_s"] / r["scanned_pages"]) / (r["tesseract_cpu_s"] / r["tesseract_pages"]) - 100
    )
    context.notes.append(
        f"ingestion : {r['digital_pages']} pages numériques, {r['scanned_pages']} pages numérisées "
        f"(Tesseract seul : {r['tesseract_pages']} pages, mêmes images 300 dpi, intercalé fichier par fichier) ; "
        f"charge en fin de mesure {r['load_average'][0]:.2f} ; premier fichier numérisé d'un worker neuf "
        f"(serveur d'extraction, moteur de réparation) : {r['cold_first_scan_s']:.1f} s pour 1 page"
    )
    return [
        Measurement("PDF numériques", r["digital_pages"] / r["digital_s"], "pages/s", higher_is_better=True),
        Measurement(
            "PDF numérisés (chaîne complète)", pipeline, "pages/s", decimals=2, higher_is_better=True
        ),
        Measurement("Tesseract seul, mêmes pages", alone, "pages/s", decimals=2, higher_is_better=True),
        Measurement("surcoût de la chaîne sur Tesseract", overhead, "%", target=TARGET_OCR_OVERHEAD),
        Measurement("surcoût en temps CPU", cpu_overhead, "%"),
        Measurement(
            "dont Tesseract txt+tsv+pdf (s/page)",
            r["tesseract_txt_tsv_pdf_s"] / r["tesseract_pages"],
            "s",
            decimals=2,
        ),
        Measurement("dont rendu 300 dpi (s/page)", r["render_s"] / r["tesseract_pages"], "s", decimals=2),
        Measurement("rendu pdftoppm (s/page)", r["poppler_render_s"] / r["tesseract_pages"], "s", decimals=2),
        Measurement(
            "Tesseract seul, images pdftoppm (s/page)",
            r["tesseract_poppler_s"] / r["tesseract_pages"],
            "s",
            decimals=2,
        ),
        Measurement("dont réparation OCR (s/page)", r["repair_s"] / r["scanned_pages"], "s", decimals=2),
        Measurement("Tesseract seul (s/page)", r["tesseract_s"] / r["tesseract_pages"], "s", decimals=2),
    ]
