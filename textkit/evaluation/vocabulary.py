"""A domain vocabulary read from the project's territorial referential CSVs (read in place, never copied).

Used by the benchmark and the tests to mimic what the library passes to the engine: names of QPV,
contrats de ville, EPCI and the communes of one region (Hauts-de-France by default).
"""

from __future__ import annotations

import csv
from pathlib import Path

from textkit.paths import corpus_dir

COLUMNS = {
    "qpv_2024_liste_anct.csv": ("lib_qp", "lib_com", "lib_epci"),
    "qpv_2015_liste_insee.csv": ("lib_qp",),
    "contrats_de_ville_2015_anct.csv": ("lib_cv",),
    "cog2026_epci.csv": ("lib_epci",),
    "cog2026_departements.csv": ("lib_dep",),
    "cog2026_regions.csv": ("lib_reg",),
}


def territorial_vocabulary(data_dir: Path | None = None, region: str = "32") -> list[str]:
    data_dir = data_dir or corpus_dir().parent
    names: set[str] = set()
    for name, columns in COLUMNS.items():
        path = data_dir / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                names.update(row[column] for column in columns if row.get(column))
    communes = data_dir / "cog2026_communes.csv"
    if communes.exists():
        with communes.open(encoding="utf-8", newline="") as handle:
            names.update(row["lib_com"] for row in csv.DictReader(handle) if row["insee_reg"] == region)
    return sorted(names)
