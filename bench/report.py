"""var/bench/results.json (merged entry by entry and database by database) and the printed table."""

from __future__ import annotations

import json
import os
from datetime import datetime
from pathlib import Path

from bench.registry import ROOT, Measurement

RESULTS = ROOT / "var" / "bench" / "results.json"


def load(path: Path = RESULTS) -> dict:
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            pass
    return {"entries": {}}


def previous_values(results: dict, entry: str, database: str) -> dict[str, float]:
    """The values recorded by the last run of this entry on this database: the table's reference."""
    record = results.get("entries", {}).get(entry, {}).get(database)
    if not record:
        return {}
    return {m["metric"]: m["value"] for m in record.get("measurements", [])}


def store(
    results: dict,
    entry: str,
    title: str,
    database: dict,
    machine: dict,
    measurements: list[Measurement],
    notes: list[str],
    error: str = "",
    path: Path = RESULTS,
) -> None:
    """Replaces the record of (entry, database), keeps every other one, and writes the file atomically."""
    record = {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "title": title,
        "machine": machine,
        "database": database,
        "measurements": [m.as_dict() for m in measurements],
        "notes": notes,
    }
    if error:
        record["error"] = error
    results.setdefault("entries", {}).setdefault(entry, {})[database["vendor"]] = record
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


HEADERS = ("entrée", "base", "mesure", "valeur", "cible", "référence", "verdict")


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(row[i])) for row in [HEADERS, *rows]) for i in range(len(HEADERS))]

    def line(row):
        return "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()

    separator = "  ".join("─" * width for width in widths)
    return "\n".join([line(HEADERS), separator, *(line(row) for row in rows)])


def rows_for(entry: str, database: str, measurements: list[Measurement], reference: dict[str, float]):
    for m in measurements:
        yield (
            entry,
            database,
            m.metric,
            m.format(m.value),
            m.format_target(),
            m.format(reference.get(m.metric)),
            m.verdict,
        )
