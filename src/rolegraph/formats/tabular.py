"""CSV and TSV that are safe to open in a spreadsheet and stay one plain grid.

Layout (docs/formats.md): a header row, then the data rows. When a result has several tables,
notes or sources, a leading ``part`` column says what each row is: the title of its table, or
``note``, ``source`` or ``licence`` for the rows after the data, whose text is in a final ``text``
column. So the notes the terminal shows travel with the data, and the sources and licence
notices are written once. A row that cites a licensed standard (ESCO, O*NET, SFIA) in its
``sources`` column also carries that notice in an ``attribution`` column (present only when
some row does), so it keeps it when copied, filtered or sorted. Text cells that a spreadsheet
would run as a formula are prefixed with ``'``; line breaks are written as ``\\n`` and
characters XML cannot hold as U+FFFD, so CSV, TSV and XLSX hold the same cells.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any

from rolegraph.formats.common import row_notices, spreadsheet_cell
from rolegraph.results import Cell, Result

PART, ATTRIBUTION, TEXT = "part", "attribution", "text"


def footer(result: Result) -> list[tuple[str, str]]:
    """The rows after the data: (``note`` | ``source`` | ``licence``, text)."""
    several = len(result.tables) > 1
    rows = [("note", f"{t.title}: {n}" if several else n) for t in result.tables for n in t.notes]
    rows += [("note", n) for n in result.notes]
    rows += [("source", f"{s.id}: {s.title} {s.url}".strip()) for s in result.sources]
    rows += [("licence", a) for a in result.attribution]
    return list(dict.fromkeys(rows))


def grid(result: Result, cell: Callable[[Cell], Cell] = spreadsheet_cell) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows as CSV and TSV hold them, every cell passed through ``cell``."""
    after = footer(result)
    parted = len(result.tables) > 1 or bool(after)
    data_columns: list[str] = []
    for table in result.tables:
        data_columns += [c for c in table.columns if c not in data_columns]
    notices = [row_notices(result, t, r) for t in result.tables for r in t.rows]
    licensed = any(notices)
    columns = [PART] * parted + data_columns + [ATTRIBUTION] * licensed + [TEXT] * bool(after)
    rows: list[list[Cell]] = []
    for table in result.tables:
        for record in table.records():
            rows.append([table.title] * parted + [record.get(c) for c in data_columns] + [notices[len(rows)]] * licensed + [None] * bool(after))
    blank: list[Cell] = [None] * (len(data_columns) + licensed)
    rows += [[part, *blank, text] for part, text in after]
    return [str(cell(c)) for c in columns], [[cell(c) for c in row] for row in rows]


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
