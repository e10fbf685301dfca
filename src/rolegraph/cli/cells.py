"""Terminal cell widths as rich measures them (``rich.cells``), without importing rich for text
whose every character is one cell wide.

rich loads a Unicode width table the first time it meets a character outside its own one-cell
ranges (an em dash is enough), and importing ``rich.cells`` and that table costs more than laying
out a whole comparison. :data:`ONE_CELL` is rich's one-cell ranges plus the punctuation the data
and the views use: text made only of those is measured here, anything else by rich.
tests/test_render.py checks that rich gives every character of :data:`ONE_CELL` one cell.
"""

from __future__ import annotations

#: rich's ranges of characters one cell wide (``rich.cells._SINGLE_CELL_UNICODE_RANGES``).
_RICH_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2500, 0x25FC), (0x2800, 0x28FF))
#: Punctuation of the data and the views outside those ranges, one cell wide too.
PUNCTUATION = "–—‘’“”•…→⇒−≤≥"
ONE_CELL = frozenset(chr(c) for low, high in _RICH_RANGES for c in range(low, high + 1)) | frozenset(PUNCTUATION)
_one_cell_each = ONE_CELL.issuperset


def cell_len(text: str) -> int:
    """rich's ``cell_len``: how many cells ``text`` takes on a terminal."""
    if _one_cell_each(text):
        return len(text)
    from rich.cells import cell_len as measure

    return measure(text)


def set_cell_size(text: str, total: int) -> str:
    """rich's ``set_cell_size``: ``text`` padded with spaces (or cropped) to ``total`` cells."""
    if len(text) <= total and _one_cell_each(text):
        return text + " " * (total - len(text))
    from rich.cells import set_cell_size as fit

    return fit(text, total)


def chop_cells(text: str, width: int) -> list[str]:
    """rich's ``chop_cells``: ``text`` folded into lines of at most ``width`` cells."""
    from rich.cells import chop_cells as chop

    return chop(text, width)
