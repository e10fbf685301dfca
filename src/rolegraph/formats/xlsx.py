"""XLSX: a real workbook. One sheet per table that has rows (bold frozen header, sized
columns, typed cells: numbers as numbers, text as text that never runs as a formula, with
no visible guard character), a ``Notes`` sheet when the result has notes, and a ``Sources``
sheet that lists every source and licence notice once. A row citing a licensed standard also
carries its notice in an ``attribution`` column. Bytes are deterministic (fixed zip
timestamps and document dates).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from rolegraph.extras import require
from rolegraph.formats.common import FORMULA_TRIGGERS, row_notices, typed, xml_text
from rolegraph.formats.tabular import ATTRIBUTION
from rolegraph.results import Cell, Result

#: The date written into the workbook's properties and zip entries, so output is reproducible.
FIXED_DATE = "2000-01-01T00:00:00Z"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_BAD_SHEET_CHARS = re.compile("[\\[\\]:*?/\\\\\x00-\x1f\ud800-\udfff\ufffe\uffff]")


def sheet_title(title: str, taken: set[str]) -> str:
    """A legal, unique sheet name (≤31 characters, no ``[]:*?/\\``)."""
    base = _BAD_SHEET_CHARS.sub(" ", title).strip(" '") or "Sheet"
    name, n = base[:31], 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _fill(ws: Any, columns: list[str], rows: list[list[Any]]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    ws.append(columns)
    for row in rows:
        ws.append(row)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.data_type = "s"
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.quotePrefix = cell.value.startswith(FORMULA_TRIGGERS)  # stays text when edited
    ws.freeze_panes = "A2"
    for index, name in enumerate(columns, start=1):
        longest = max([len(str(name))] + [len(str(r[index - 1] or "")) for r in rows])
        ws.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))


def cell(value: Cell) -> Cell:
    """A workbook cell: XML-safe text, numbers as numbers (no formula guard: cells are typed as text)."""
    return typed(xml_text(value))


def _deterministic(data: bytes) -> bytes:
    """Rewrite the zip with fixed entry timestamps and fixed document dates."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + FIXED_DATE.encode(), content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, content)
    return out.getvalue()


def to_xlsx(result: Result, **_: Any) -> bytes:
    """The workbook as bytes (needs openpyxl, the ``export`` extra)."""
    openpyxl = require("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in result.tables:
        if table.rows:
            notices = [row_notices(result, table, row) for row in table.rows]
            licensed = any(notices)
            columns = [*table.columns, *[ATTRIBUTION] * licensed]
            rows = [[*row, *[notice] * licensed] for row, notice in zip(table.rows, notices, strict=True)]
            _fill(workbook.create_sheet(sheet_title(table.title, taken)), [str(cell(c)) for c in columns], [[cell(c) for c in r] for r in rows])
    notes = list(dict.fromkeys([(t.title, n) for t in result.tables for n in t.notes] + [(result.title, n) for n in result.notes]))
    if not notes and not workbook.worksheets:  # a workbook needs a sheet: say there is nothing, not an empty grid
        notes = [(result.title, "no rows")]
    if notes:
        _fill(workbook.create_sheet(sheet_title("Notes", taken)), ["part", "note"], [[cell(p), cell(n)] for p, n in notes])
    if result.sources or result.attribution:
        details = [[cell(v) for v in (s.id, s.title, s.url, s.creator, s.date, s.tier)] for s in result.sources]
        details += [["licence", cell(a), None, None, None, None] for a in result.attribution]
        _fill(workbook.create_sheet(sheet_title("Sources", taken)), ["id", "title", "url", "creator", "date", "tier"], details)
    workbook.properties.creator = "rolegraph"
    workbook.properties.title = str(cell(result.title))[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _deterministic(buffer.getvalue())
