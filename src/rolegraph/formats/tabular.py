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
from rolegraph.results import Cell, Result, SourceRef

ATTRIBUTION_COLUMN = "attribution"


def grid(result: Result) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows exactly as CSV, TSV and the xlsx data sheets hold them (neutralised)."""
    columns, rows = rows_with_part(result)
    if result.sources or result.attribution:
        where = next((i for i, c in enumerate(columns) if c.lower() in SOURCE_COLUMNS), None)
        by_id = {s.id: s for s in result.sources}
        # per row: does its table have a sources column? (rows come table by table)
        has_column = [any(c.lower() in SOURCE_COLUMNS for c in t.columns) for t in result.tables for _ in t.rows]

        def cited(row: list[Cell], sourced: bool) -> list[SourceRef]:
            """The sources in the row's sources cell; every source of the result when its table has no such column."""
            if where is None or not sourced:
                return result.sources
            return [by_id[piece] for piece, is_id in split_source_ids(str(row[where] or ""), set(by_id)) if is_id]

        columns = [*columns, ATTRIBUTION_COLUMN]
        rows = [[*row, attribution_text(dict.fromkeys(cited(row, sourced)), result.attribution)] for row, sourced in zip(rows, has_column, strict=True)]
    return [str(spreadsheet_cell(c)) for c in columns], [[spreadsheet_cell(c) for c in row] for row in rows]


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
