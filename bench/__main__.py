"""`python -m bench [ENTRY…] [--postgres]`: runs the benchmarks, merges var/bench/results.json, prints a table.

Every entry runs on SQLite; on PostgreSQL too when DATABASE_URL is set (a temporary database is
created on that server for each run) or with --postgres / BENCH_POSTGRES=1 (a throwaway cluster
started with scripts/pg.sh). Exit status 1 when a target is missed or an entry fails. See docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from contextlib import ExitStack

from bench import report
from bench.databases import PostgresBackend, SQLiteBackend, ThrowawayCluster, machine_info
from bench.registry import ROOT, BenchError, Context, load_entries


def parse_args(argv, entries):
    parser = argparse.ArgumentParser(prog="python -m bench", description="Benchmarks de Maillage.")
    parser.add_argument(
        "entries", nargs="*", metavar="ENTRÉE", help=f"parmi : {', '.join(entries)} (toutes par défaut)"
    )
    parser.add_argument(
        "--postgres", action="store_true", help="aussi sur un cluster PostgreSQL jetable (scripts/pg.sh)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="sans la passe SQLite")
    parser.add_argument("--list", action="store_true", help="liste les entrées et s'arrête")
    args = parser.parse_args(argv)
    unknown = [name for name in args.entries if name not in entries]
    if unknown:
        parser.error(f"entrée inconnue : {', '.join(unknown)} (connues : {', '.join(entries)})")
    return args


def main(argv=None) -> int:
    os.chdir(ROOT)
    # SIGTERM unwinds like Ctrl-C: the throwaway cluster and temporary databases are removed on the way out.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    entries = load_entries()
    args = parse_args(argv, entries)
    if args.list:
        for entry in entries.values():
            print(f"{entry.name:16} {entry.title} — {entry.description}")
        return 0
    selected = [entries[name] for name in args.entries] if args.entries else list(entries.values())

    with ExitStack() as stack:
        backends = [] if args.no_sqlite else [SQLiteBackend()]
        if args.postgres or os.environ.get("BENCH_POSTGRES") == "1":
            url = stack.enter_context(ThrowawayCluster())
            backends.append(PostgresBackend(url, "cluster jetable (scripts/pg.sh)"))
        elif os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
            backends.append(PostgresBackend(os.environ["DATABASE_URL"], "DATABASE_URL"))
        if not backends:
            print("Aucune base : retirez --no-sqlite ou ajoutez --postgres.", file=sys.stderr)
            return 2
        return run(selected, backends)


def run(selected, backends) -> int:
    results = report.load()
    machine = machine_info()
    log_dir = report.RESULTS.parent / "logs"
    rows, notes, failed = [], [], False
    for entry in selected:
        for backend in backends:
            if backend.name not in entry.databases:
                continue
            print(f"→ {entry.name} ({backend.name}) : {entry.title}…", flush=True)
            reference = report.previous_values(results, entry.name, backend.name)
            context = Context(backend=backend, log_dir=log_dir, python=sys.executable)
            try:
                database = backend.describe()
                measurements = entry.function(context)
            except BenchError as exc:
                failed = True
                rows.append((entry.name, backend.name, "—", "—", "—", "—", "ERREUR"))
                notes.append(f"{entry.name} ({backend.name}) : {exc}")
                continue
            report.store(results, entry.name, entry.title, database, machine, measurements, context.notes)
            rows.extend(report.rows_for(entry.name, backend.name, measurements, reference))
            notes.extend(f"{entry.name} ({backend.name}) : {note}" for note in context.notes)
            failed = failed or any(m.verdict == "NON" for m in measurements)

    print()
    print(
        f"Machine : {machine['cores']} cœurs, {machine['memory_gb']} Go, Python {machine['python']}, {machine['processor']}, "
        f"charge au départ {machine['load_average_1min']}"
    )
    print(report.table(rows))
    for note in notes:
        print(f"• {note}")
    print(f"Résultats : {report.RESULTS.relative_to(ROOT)} (référence = valeur de la mesure précédente)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
