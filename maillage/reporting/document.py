"""The report as a document: sections with text, tables and charts, built once from the figures.

The web preview, the PDF, the DOCX and the CSV/XLSX exports all render this same structure, so they
say the same thing. Figures come from `indicators.compute()` or from a frozen version.
"""

from dataclasses import dataclass, field

from maillage.reporting import typography as ty


@dataclass(frozen=True)
class Change:
    current: float | None
    previous: float | None

    @property
    def delta(self):
        return ty.change(self.current, self.previous)[0]

    @property
    def pct(self):
        return ty.change(self.current, self.previous)[1]

    def __str__(self):
        return ty.change_text(self.current, self.previous)

    @property
    def css(self) -> str:
        delta = self.delta
        return "" if not delta else ("up" if delta > 0 else "down")


@dataclass
class Column:
    label: str
    kind: str = "int"  # text, int, pct, avg, change


@dataclass
class Table:
    slug: str
    title: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None
    note: str = ""

    def _cell(self, value, kind: str) -> dict:
        if isinstance(value, Change):
            return {"text": str(value), "css": f"num change {value.css}".strip()}
        if kind == "text":
            return {"text": ty.french(str(value)) if value is not None else "—", "css": ""}
        if kind == "pct":
            return {"text": ty.percent(value), "css": "num"}
        if kind == "avg":
            return {"text": ty.number(value, 1) if value is not None else "—", "css": "num"}
        return {"text": ty.number(value), "css": "num"}

    def display_rows(self) -> list[list[dict]]:
        return [[self._cell(v, c.kind) for v, c in zip(row, self.columns, strict=True)] for row in self.rows]

    def display_total(self) -> list[dict] | None:
        if not self.total:
            return None
        return [self._cell(v, c.kind) for v, c in zip(self.total, self.columns, strict=True)]

    def export(self) -> tuple[list[str], list[list]]:
        """Header and rows with raw values; a change column becomes « évolution » and « évolution (%) »."""
        header: list[str] = []
        for column in self.columns:
            header += [column.label, f"{column.label} (%)"] if column.kind == "change" else [column.label]
        rows = []
        for row in self.rows + ([self.total] if self.total else []):
            out = []
            for value in row:
                out += [value.delta, value.pct] if isinstance(value, Change) else [value]
            rows.append(out)
        return header, rows


@dataclass
class Section:
    slug: str
    title: str
    blocks: list = field(
        default_factory=list
    )  # ("p", text) | ("ul", [items]) | ("table", Table) | ("chart", Chart)
    narrative_key: str = ""  # set for the sections staff write
    empty: bool = False

    @property
    def tables(self) -> list[Table]:
        return [b[1] for b in self.blocks if b[0] == "table"]

    @property
    def charts(self) -> list:
        return [b[1] for b in self.blocks if b[0] == "chart"]

    def text(self, *paragraphs: str) -> None:
        self.blocks += [("p", ty.french(p)) for p in paragraphs if p]

    def table(self, table: Table) -> None:
        if table.rows:
            self.blocks.append(("table", table))

    def chart(self, chart) -> None:
        if chart is not None:
            self.blocks.append(("chart", chart))


@dataclass
class Report:
    year: int
    scope_label: str
    organisation: str
    title: str
    sections: list[Section]
    figures: dict
    version: object = None

    @property
    def visible_sections(self) -> list[Section]:
        return [s for s in self.sections if not s.empty]

    def tables(self) -> dict[str, Table]:
        return {t.slug: t for s in self.sections for t in s.tables}


def narrative_blocks(text: str) -> list:
    """Paragraphs separated by blank lines; lines starting with « - » or « • » make a bulleted list."""
    blocks = []
    for chunk in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        if all(line.startswith(("- ", "• ", "* ")) for line in lines):
            blocks.append(("ul", [ty.french(line[2:].strip()) for line in lines]))
        else:
            blocks.append(("p", ty.french(" ".join(lines))))
    return blocks


def comparison(slug, title, label, current: dict, previous: dict | None, note="", total=True) -> Table:
    """Rows « label | N | N−1 | évolution » over the union of keys, in the order of `current`."""
    previous = previous or {}
    keys = list(current) + [k for k in previous if k not in current]
    rows = [
        [key, current.get(key, 0), previous.get(key, 0), Change(current.get(key, 0), previous.get(key, 0))]
        for key in keys
        if current.get(key) or previous.get(key)
    ]
    columns = [Column(label, "text"), Column("année", "int"), Column("année précédente", "int")]
    columns.append(Column("évolution", "change"))
    table = Table(slug, title, columns, rows, note=note)
    if total and rows:
        cur, prev = sum(r[1] for r in rows), sum(r[2] for r in rows)
        table.total = ["Total", cur, prev, Change(cur, prev)]
    return table


def name_years(table: Table, year: int) -> Table:
    for column in table.columns:
        if column.label == "année":
            column.label = str(year)
        elif column.label == "année précédente":
            column.label = str(year - 1)
    return table
