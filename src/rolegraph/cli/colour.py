"""The coloured terminal view drawn without rich's console: what :class:`rolegraph.cli.render.RichLines`
records, byte for byte but for the hyperlinks' ids.

rich's console costs about 20 ms to import and 10 ms to lay out a comparison, more than the
rest of the view. Its recording (``export_text(styles=True)``) is plain text with an SGR code
around each styled piece, so this module writes the plain view's lines (:mod:`rolegraph.cli.plain`)
with those codes and rich's ``SIMPLE_HEAD`` box: no edges, a rule under the bold header.
tests/test_render.py checks both give the same text.
"""

from __future__ import annotations

from collections.abc import Sequence

from rolegraph.cli.plain import PlainLines, row_lines

#: The SGR codes of the styles the view uses (rich's ``Style.render``).
CODES = {"bold": "1", "dim": "2", "yellow": "33"}


def styled(text: str, style: str) -> str:
    """``text`` in ``style`` as rich records it: on each line the code, the text, a reset (nothing around an empty line)."""
    return "\n".join(f"\x1b[{CODES[style]}m{line}\x1b[0m" if style and line else line for line in text.split("\n"))


class ColourLines(PlainLines):
    """Collects the coloured view's lines: styled text, hyperlinked URLs, grids with a bold header."""

    def __init__(self, width: int) -> None:
        super().__init__(width)
        self.links: dict[str, int] = {}

    def line(self, text: str, style: str = "") -> None:
        self.lines.append(styled(text, style))

    def link(self, head: str, url: str) -> None:
        """``head``, then ``url`` as an OSC 8 hyperlink when it is http(s) (one id per URL)."""
        if url.lower().startswith(("http://", "https://")):
            number = self.links.setdefault(url, len(self.links) + 1)
            url = "\n".join(f"\x1b]8;id={number};{url}\x1b\\{line}\x1b]8;;\x1b\\" if line else line for line in url.split("\n"))
        self.lines.append(head + url)

    def grid(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
        edge = " " * (sum(widths) + 3 * len(widths) + 1)
        head = [
            " " + " ".join(styled(" " * (w + 2), "bold") if cell is None else styled(" ", "bold") + styled(cell, "bold") + styled(" ", "bold")
                           for cell, w in zip(line, widths, strict=True)) + " "
            for line in row_lines(headers, widths, header=True)
        ]
        self.lines += [edge, *head, " " + "─" * (len(edge) - 2) + " "]
        for row in rows:
            self.lines += ["  " + "   ".join(cell or " " * w for cell, w in zip(line, widths, strict=True)) + "  " for line in row_lines(row, widths)]
        self.lines.append(edge)
