"""The terminal view's text when it is not coloured (piped, a file, ``NO_COLOR``), drawn without rich's console.

Importing and laying out with rich's console cost more than the rest of a short command.
Without colour the view is lines of text and ASCII grids, so this module draws them itself,
line for line as rich draws them with colour off (``box.ASCII2``, one space of padding,
cells wrapped at whitespace): tests/test_render.py checks both give the same text. Only
rich's measure of a character's width on a terminal is used (:mod:`rolegraph.cli.cells`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from rolegraph.cli.cells import cell_len, chop_cells, set_cell_size

#: A word and the whitespace after it (the first word also takes any whitespace before it).
_WORD = re.compile(r"\s*\S+\s*")


class PlainLines:
    """Collects the view's lines: text, source lines and ASCII grids."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []

    def line(self, text: str, style: str = "") -> None:
        """One line of text (``style`` is for a coloured view)."""
        self.lines.append(text)

    def link(self, head: str, url: str) -> None:
        """A source line: its ID (and title) and its URL."""
        self.lines.append(head + url)

    def grid(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
        """A table with these column widths: a ruled header, then the rows, each cell wrapped within its column."""
        rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.lines += [rule, *grid_row(headers, widths, header=True), rule]
        for row in rows:
            self.lines += grid_row(row, widths)
        self.lines.append(rule)

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def grid_row(cells: Sequence[str], widths: Sequence[int], header: bool = False) -> list[str]:
    """The lines of one grid row, ``| cell | cell |`` (see :func:`row_lines`)."""
    return ["| " + " | ".join(cell or " " * width for cell, width in zip(line, widths, strict=True)) + " |"
            for line in row_lines(cells, widths, header)]


def row_lines(cells: Sequence[str], widths: Sequence[int], header: bool = False) -> list[tuple[str | None, ...]]:
    """Each line of one grid row as its cells' text, each cell wrapped and padded to its width; a row is as high as its
    highest cell, the others filled with None (below the text; above it in the ``header`` row, whose names sit on the rule)."""
    columns: list[list[str | None]] = [[*cell_lines(cell, width)] for cell, width in zip(cells, widths, strict=True)]
    height = max(len(c) for c in columns)
    for c in columns:
        blank: list[str | None] = [None] * (height - len(c))
        c[:] = blank + c if header else c + blank
    return list(zip(*columns, strict=True))


def cell_lines(text: str, width: int) -> list[str]:
    """``text`` as the lines of a grid cell ``width`` cells wide, each padded (or cut) to exactly that width."""
    return [fit(piece, width) for paragraph in text.split("\n") for piece in divide(paragraph, width)]


def divide(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` cells at whitespace, a word longer than a line folded across lines."""
    breaks: list[int] = []
    used = 0
    for word in _WORD.finditer(text):
        start, piece = word.start(), word.group()
        length = cell_len(piece.rstrip())
        if width - used >= length:
            used += cell_len(piece)
        elif length > width:
            folded = chop_cells(piece, width)
            for part in folded[:-1]:
                if start:
                    breaks.append(start)
                start += len(part)
            if start:
                breaks.append(start)
            used = cell_len(folded[-1])
        elif used and start:
            breaks.append(start)
            used = cell_len(piece)
    bounds = [0, *breaks, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def fit(line: str, width: int) -> str:
    """``line`` made exactly ``width`` cells wide: trailing whitespace past the width dropped, then cut or padded."""
    excess = len(line) - width
    if excess > 0:
        trailing = len(line) - len(line.rstrip())
        line = line[: len(line) - min(trailing, excess)]
    return set_cell_size(line, width)
