"""CSV and TSV that are safe to open in a spreadsheet and stay a plain grid.

Convention (docs/formats.md): a header row, then one line per row; several tables become one
grid with a leading ``part`` column. When the result has sources or licence notices, one final
``attribution`` column gives, on every row, the ID and URL of each source that row cites in its
``sources`` column (every source of the result when the table has no such column) and the
licence notices — so a row that is copied, filtered or sorted keeps its attribution, and
``csv.DictReader``/pandas read the file unchanged. Text cells that a spreadsheet
would run as a formula are prefixed with ``'``; line breaks are written as ``\\n`` and control
characters as U+FFFD, so the CSV, TSV and XLSX exports hold the same cells.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from rolegraph.formats.common import SOURCE_COLUMNS, attribution_text, split_source_ids, spreadsheet_cell
from rolegraph.formats.text import rows_with_part
from rolegraph.results import Cell, Result

ATTRIBUTION_COLUMN = "attribution"


def grid(result: Result) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows exactly as CSV, TSV and the xlsx data sheets hold them (neutralised)."""
    columns, rows = rows_with_part(result)
    if result.sources or result.attribution:
        where = next((i for i, c in enumerate(columns) if c.lower() in SOURCE_COLUMNS), None)
        columns = [*columns, ATTRIBUTION_COLUMN]
        rows = [[*row, row_attribution(result, None if where is None else row[where])] for row in rows]
    return [str(spreadsheet_cell(c)) for c in columns], [[spreadsheet_cell(c) for c in row] for row in rows]


def row_attribution(result: Result, sources_cell: Cell | str | None) -> str:
    """The sources a row cites (ID and URL) and the result's licence notices.

    ``sources_cell`` is the row's ``sources`` cell; ``None`` means the table has no such
    column, and then every source of the result is named.
    """
    by_id = {s.id: s for s in result.sources}
    cited = list(result.sources) if sources_cell is None else [by_id[piece] for piece, is_id in split_source_ids(str(sources_cell), set(by_id)) if is_id]
    return attribution_text(Result(result.title, [], sources=list(dict.fromkeys(cited)), attribution=result.attribution))


def _delimited(result: Result, delimiter: str) -> bytes:
    columns, rows = grid(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([["" if c is None else c for c in row] for row in rows])
    return buffer.getvalue().encode("utf-8")


def to_csv(result: Result, **_: Any) -> bytes:
    """Comma-separated values (RFC 4180 quoting, ``\\n`` line ends, UTF-8)."""
    return _delimited(result, ",")


def to_tsv(result: Result, **_: Any) -> bytes:
    """Tab-separated values, quoted like CSV where a cell holds a tab, quote or newline."""
    return _delimited(result, "\t")
