"""Helpers every renderer shares: spreadsheet-formula neutralisation and the attribution line."""

from __future__ import annotations

import re

from rolegraph.results import Cell, Result

#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: Column names whose cells hold source IDs (``S1, E13``) that renderers may link.
SOURCE_COLUMNS = ("sources", "source", "source_ids")

_SOURCE_ID = re.compile(r"\b[A-Z]{1,3}\d{1,4}\b")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: Cell) -> Cell:
    """Prefix a text cell that a spreadsheet would run as a formula with ``'``; other cells pass."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def spreadsheet_cell(value: Cell) -> Cell:
    """A cell as CSV, TSV and XLSX all hold it: formula neutralised, line breaks as ``\\n``,
    control characters (which XLSX cannot store) replaced by U+FFFD."""
    value = neutralise(value)
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def attribution_text(result: Result) -> str:
    """One line naming every source (ID and URL) and every licence notice; empty if there are none."""
    parts = []
    if result.sources:
        parts.append("Sources: " + "; ".join(f"{s.id} {s.url}".strip() for s in result.sources))
    if result.attribution:
        parts.append("Licences: " + " ".join(result.attribution))
    return " | ".join(parts)


def split_source_ids(text: str, known: set[str]) -> list[tuple[str, bool]]:
    """Split ``text`` into (piece, is_known_source_id) runs so renderers can link the IDs."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in _SOURCE_ID.finditer(text):
        if match.group(0) not in known:
            continue
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if position < len(text):
        pieces.append((text[position:], False))
    return pieces
