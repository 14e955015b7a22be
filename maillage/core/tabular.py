"""Read spreadsheet exports (CSV in UTF-8 or Latin-1, comma or semicolon, with or without BOM; XLSX).

Errors are `TabularError` with a French message that names the line when there is one.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

XLSX_MAGIC = b"PK\x03\x04"
DELIMITERS = ",;\t"


class TabularError(ValueError):
    def __init__(self, message: str, line: int | None = None):
        self.line = line
        super().__init__(f"Ligne {line} : {message}" if line else message)


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    encoding: str = "utf-8"
    delimiter: str = ","

    def require(self, *columns: str) -> None:
        missing = [c for c in columns if c not in self.header]
        if missing:
            raise TabularError(
                "colonnes manquantes : "
                + ", ".join(missing)
                + " (colonnes lues : "
                + ", ".join(self.header)
                + ")",
                line=1,
            )


def decode(data: bytes) -> tuple[str, str]:
    """Decode text bytes: UTF-8 (BOM removed) first, then Windows-1252 / Latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def sniff_delimiter(sample: str) -> str:
    first_line = sample.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_table(data: bytes, *, max_bytes: int | None = None, filename: str = "") -> Table:
    if max_bytes is not None and len(data) > max_bytes:
        raise TabularError(
            f"le fichier pèse {len(data) / 1_048_576:.1f} Mo, au-delà de la limite de {max_bytes / 1_048_576:.0f} Mo."
        )
    if not data.strip():
        raise TabularError("le fichier est vide.")
    if data.startswith(XLSX_MAGIC) or filename.lower().endswith(".xlsx"):
        return _read_xlsx(data)
    text, encoding = decode(data)
    delimiter = sniff_delimiter(text[:4096])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise TabularError("le fichier est vide.") from exc
    except csv.Error as exc:
        raise TabularError(f"en-tête illisible ({exc}).", line=1) from exc
    if not any(header):
        raise TabularError("la première ligne (en-tête) est vide.", line=1)
    table = Table(header=header, encoding=encoding, delimiter=delimiter)
    try:
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise TabularError(f"{len(values)} colonnes au lieu de {len(header)}.", line=line)
            table.rows.append((line, {h: v.strip() for h, v in zip(header, values, strict=True)}))
    except csv.Error as exc:
        raise TabularError(f"ligne CSV mal formée ({exc}).", line=reader.line_num) from exc
    return table


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > 200 * 1_048_576:
                raise TabularError("classeur XLSX trop volumineux une fois décompressé.")
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except TabularError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of errors on a corrupt file
        raise TabularError("le fichier XLSX est illisible ou corrompu.") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    try:
        header = [str(h).strip() if h is not None else "" for h in next(rows)]
    except StopIteration as exc:
        raise TabularError("le classeur est vide.") from exc
    table = Table(header=header, encoding="xlsx", delimiter="")
    for line, values in enumerate(rows, start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        if not any(cells):
            continue
        cells = (cells + [""] * len(header))[: len(header)]
        table.rows.append((line, dict(zip(header, cells, strict=True))))
    workbook.close()
    return table
