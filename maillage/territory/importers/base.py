"""The shape shared by every layout: read, check every row, then apply all of it or nothing."""

import re
from collections.abc import Callable, Iterable

from django.db import transaction

from maillage.core.tabular import Table, TabularError, read_table
from maillage.territory.importers.sources import Source, checksum, read_source
from maillage.territory.importers.upsert import Counts
from maillage.territory.models import ImportRun

MAX_REPORTED_ERRORS = 30


class ImportFailed(Exception):
    """The file was rejected; nothing was written. `errors` name the lines."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        shown = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(shown)
        text = "\n".join(shown) + (f"\n… et {more} autres erreurs." if more else "")
        super().__init__(f"Fichier rejeté, aucune donnée modifiée :\n{text}")


class RowErrors:
    def __init__(self):
        self.errors: list[str] = []

    def add(self, line: int, message: str) -> None:
        self.errors.append(f"Ligne {line} : {message}")

    def check(self) -> None:
        if self.errors:
            raise ImportFailed(self.errors)


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(";") if item.strip()]


def parse_int(value: str, line: int, column: str, errors: RowErrors) -> int | None:
    if value in ("", "NA"):
        return None
    try:
        number = int(float(value)) if "." in value else int(value)
    except ValueError:
        errors.add(line, f"{column} : nombre attendu, reçu « {value} ».")
        return None
    if number < 0:
        errors.add(line, f"{column} : nombre positif attendu, reçu « {value} ».")
        return None
    return number


def check_code(value: str, pattern: str, line: int, column: str, errors: RowErrors) -> bool:
    if not re.fullmatch(pattern, value):
        errors.add(line, f"{column} : code « {value} » invalide.")
        return False
    return True


class Layout:
    """One official file layout. Subclasses define `columns` and `load(table, errors, progress)`."""

    name: str = ""
    label: str = ""
    source: Source
    columns: tuple[str, ...] = ()
    max_bytes = 100 * 1024 * 1024

    def load(self, table: Table, errors: RowErrors, progress: Callable[[Iterable], Iterable]) -> Counts:
        raise NotImplementedError

    def run(
        self,
        data: bytes | None = None,
        origin: str = "",
        progress: Callable[[Iterable], Iterable] = iter,
        force: bool = False,
    ) -> tuple[dict[str, int], str, bool]:
        """Import the file. Returns (summary, origin, skipped) where skipped means same file as last run."""
        if data is None:
            data, origin = read_source(self.source)
        digest = checksum(data)
        last = ImportRun.objects.filter(layout=self.name).first()
        if not force and last is not None and last.checksum == digest:
            total = last.created + last.updated + last.unchanged
            return {"created": 0, "updated": 0, "unchanged": total}, origin, True
        try:
            table = read_table(data, max_bytes=self.max_bytes, filename=origin)
            table.require(*self.columns)
        except TabularError as exc:
            raise ImportFailed([str(exc)]) from exc
        errors = RowErrors()
        with transaction.atomic():
            counts = self.load(table, errors, progress)
            errors.check()  # raising here rolls the whole transaction back
            summary = counts.as_dict()
            ImportRun.objects.create(layout=self.name, source=origin[:500], checksum=digest, **summary)
        return summary, origin, False
