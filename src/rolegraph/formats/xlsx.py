"""XLSX: a real workbook — one sheet per table, a bold frozen header, sized columns, and a
``Sources`` sheet. Data sheets hold exactly the cells of the CSV export; bytes are deterministic
(fixed zip timestamps and document dates)."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from rolegraph.formats.common import spreadsheet_cell
from rolegraph.formats.tabular import grid
from rolegraph.results import Result, Table

#: The date written into the workbook's properties and zip entries, so output is reproducible.
FIXED_DATE = "2000-01-01T00:00:00Z"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


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
    for line in ws.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text
    ws.freeze_panes = "A2"
    for index, name in enumerate(columns, start=1):
        longest = max([len(str(name))] + [len(str(r[index - 1] or "")) for r in rows])
        ws.column_dimensions[get_column_letter(index)].width = min(60, max(8, longest + 2))


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
    """The workbook as bytes."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in result.tables or [Table(result.title, [])]:
        columns, rows = grid(Result(result.title, [table], result.sources, attribution=result.attribution))
        _fill(workbook.create_sheet(sheet_title(table.title, taken)), columns, rows)
    details = [[spreadsheet_cell(v) for v in (s.id, s.title, s.url, s.creator, s.date, s.tier)] for s in result.sources]
    extra = [["licence", a] for a in result.attribution] + [["note", n] for n in result.notes]
    details += [[kind, spreadsheet_cell(text), None, None, None, None] for kind, text in extra]
    _fill(workbook.create_sheet(sheet_title("Sources", taken)), ["id", "title", "url", "creator", "date", "tier"], details)
    workbook.properties.creator = "rolegraph"
    workbook.properties.title = str(spreadsheet_cell(result.title))[:200]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _deterministic(buffer.getvalue())
