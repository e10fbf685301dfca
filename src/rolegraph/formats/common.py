"""Helpers every renderer shares: spreadsheet-formula neutralisation and the attribution line."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rolegraph.results import Cell, SourceRef

#: Characters that make a spreadsheet treat a cell as a formula (OWASP CSV injection list).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: Column names whose cells hold source IDs (``S1, E13``) that renderers may link.
SOURCE_COLUMNS = ("sources", "source", "source_ids")

_SOURCE_ID = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?![\w-])")  # S1, E13, STD-ESCO
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
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


def spreadsheet_cell(value: Cell) -> Cell:
    """A cell as CSV, TSV and XLSX all hold it: formula neutralised, line breaks as ``\\n``,
    control characters (which XLSX cannot store) replaced by U+FFFD."""
    value = neutralise(value)
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("\ufffd", value.replace("\r\n", "\n").replace("\r", "\n"))


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
