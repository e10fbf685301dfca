"""Helpers every renderer shares: spreadsheet-formula neutralisation and the attribution line."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rolegraph.results import Cell, Result, SourceRef, Table

#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n")  # a leading line break too: some programs strip it

#: Column names whose cells hold source IDs (``S1, E13``) that renderers may link.
SOURCE_COLUMNS = ("sources", "source", "source_ids")

_SOURCE_ID = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?![\w-])")  # S1, E13, STD-ESCO
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]{0,14})(?:\.[0-9]+)?")
#: What must never reach a reader raw: C0 controls but tab and newline, DEL, C1 controls (ESC, CSI
#: and OSC start with these), bidirectional overrides and lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible_controls(text: str) -> str:
    """``text`` with every control character, bidi override and lone surrogate written as a
    visible escape (``\\x1b``, ``\\u202e``), so data can neither drive a terminal nor hide text."""
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def neutralise(value: Cell) -> Cell:
    """Prefix a text cell that a spreadsheet would run as a formula with ``'``; other cells pass."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def xml_text(value: Cell) -> Cell:
    """A cell as spreadsheets hold it: line breaks as ``\\n``; control characters, noncharacters
    (U+FFFE, U+FFFF) and lone surrogates, which XML cannot store, as U+FFFD."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


def spreadsheet_cell(value: Cell) -> Cell:
    """A cell as CSV and TSV hold it: formula neutralised, then as :func:`xml_text`."""
    return xml_text(neutralise(value))


def typed(value: Cell) -> Cell:
    """Text that is exactly a number (``4``, ``-2``, ``0.75``; no leading zeros) as that number; other cells pass."""
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return float(value) if "." in value else int(value)
    return value


def notice_holders(result: Result) -> dict[str, set[str]]:
    """Each licence notice of ``result`` with the IDs of the sources that require it (``meta["notices"]``)."""
    holders = result.meta.get("notices")
    if not isinstance(holders, dict):
        return {}
    return {str(n): {str(i) for i in ids} for n, ids in holders.items() if n in result.attribution}


def row_notices(result: Result, table: Table, row: list[Cell]) -> str:
    """The licence notices of the standards a row cites in its sources column (empty for most rows)."""
    where = [i for i, c in enumerate(table.columns) if c.lower() in SOURCE_COLUMNS]
    holders = notice_holders(result)
    if not where or not holders:
        return ""
    cited = {piece for i in where for piece, is_id in split_source_ids(str(row[i] or ""), {s.id for s in result.sources}) if is_id}
    return " ".join(n for n, ids in holders.items() if ids & cited)


def attribution_text(sources: Iterable[SourceRef], attribution: Iterable[str]) -> str:
    """One line naming every source (ID and URL) and every licence notice; empty if there are none."""
    parts = []
    named = "; ".join(f"{s.id} {s.url}".strip() for s in sources)
    if named:
        parts.append("Sources: " + named)
    notices = " ".join(attribution)
    if notices:
        parts.append("Licences: " + notices)
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
