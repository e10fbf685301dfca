"""The view of results for people: coloured at a terminal (:mod:`rolegraph.cli.colour`), plain text (:mod:`rolegraph.cli.plain`) otherwise.

The view puts a result's summary first: when ``meta["summary"]`` is ``k`` (or the result is an
answer with a lead, whose first table the others repeat), the first ``k`` tables are shown and the
rest only with ``detail`` (``--detail``). A table is drawn as a grid when the
width is at least :data:`WIDE` and every column fits its longest word; otherwise each row becomes
a card (the first cell as its heading, the other cells as ``column: value`` beneath). Words are
never split: a line breaks only at spaces, and a token longer than the line (a URL) stays whole.
Rows cite sources by ID; one compact list of the sources cited follows, then the licence notices
of exactly those sources (a source's title is left out when it does not fit
beside its URL). No note is printed twice. Control characters from data are shown as
escapes, never sent to the terminal. Both views are drawn as rich's console would draw them;
the console itself is imported only for the SVG pictures (:func:`render_svg`).
"""

from __future__ import annotations

import io
import os
import textwrap
from collections.abc import Iterable, Sequence
from typing import Protocol

from rolegraph.cli.cells import cell_len
from rolegraph.cli.plain import PlainLines
from rolegraph.formats.common import SOURCE_COLUMNS, split_source_ids, visible_controls
from rolegraph.results import Cell, Result, SourceRef, Table

#: Narrower than this, tables become stacked cards.
WIDE = 100
#: Width of the view when it does not go to a terminal (and COLUMNS is not set).
PIPED_WIDTH = 120


def clean(value: Cell) -> str:
    """A cell as display text: control characters and bidi overrides made visible, tabs as spaces."""
    text = "" if value is None else str(value)
    return visible_controls(text.replace("\r\n", "\n").replace("\t", " "))


def wrap(text: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """``text`` wrapped at spaces only (never inside a word or at a hyphen), each paragraph separately."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += textwrap.wrap(paragraph, max(width, 1), initial_indent=indent, subsequent_indent=hang or indent,
                               break_long_words=False, break_on_hyphens=False) or [indent.rstrip()]
    return lines


def longest_word(text: str) -> int:
    return max((cell_len(w) for w in text.split()), default=0)


def longest_line(text: str) -> int:
    return max((cell_len(line) for line in text.split("\n")), default=0)


def grid_widths(table: Table, width: int) -> list[int] | None:
    """Column widths that fit ``width`` without splitting a word, or None when no such grid exists."""
    cells = [[clean(c) for c in row] for row in table.rows]
    headers = [clean(c.replace("_", " ")) for c in table.columns]
    low = [max([longest_word(h)] + [longest_word(r[i]) for r in cells]) for i, h in enumerate(headers)]
    high = [max([longest_line(h)] + [longest_line(r[i]) for r in cells]) for i, h in enumerate(headers)]
    room = width - 3 * len(headers) - 1  # a space either side of each cell, a rule between and around
    if sum(low) > room:
        return None
    if sum(high) <= room:
        return high
    widths, spare = list(low), room - sum(low)
    hungry = sorted(range(len(widths)), key=lambda i: high[i] - low[i])
    for place, i in enumerate(hungry):  # water-filling: short columns get their whole text, long ones share the rest
        extra = min(high[i] - low[i], spare // (len(hungry) - place))
        widths[i] += extra
        spare -= extra
    return widths


class Lines(Protocol):
    """Where a view's lines go: :class:`rolegraph.cli.plain.PlainLines`, :class:`rolegraph.cli.colour.ColourLines` or
    :class:`RichLines` (pictures)."""

    width: int

    def line(self, text: str, style: str = "") -> None: ...

    def link(self, head: str, url: str) -> None: ...

    def grid(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None: ...


class RichLines:
    """The coloured view drawn by rich on a recording console (``width`` None: the terminal's): the SVG pictures, and the
    reference :class:`rolegraph.cli.colour.ColourLines` is tested against."""

    def __init__(self, width: int | None) -> None:
        from rich.console import Console

        self.console = Console(record=True, force_terminal=True, no_color=False, width=width, file=io.StringIO(), highlight=False, emoji=False,
                               markup=False)
        self.width = self.console.width

    def line(self, text: str, style: str = "") -> None:
        from rich.text import Text

        self.console.print(Text(text, style=style), no_wrap=True, overflow="ignore", crop=False)

    def link(self, head: str, url: str) -> None:
        from rich.style import Style
        from rich.text import Text

        link = Style(link=url) if url.lower().startswith(("http://", "https://")) else Style()
        self.console.print(Text(head) + Text(url, style=link), no_wrap=True, overflow="ignore", crop=False)

    def grid(self, headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> None:
        from rich import box
        from rich.table import Table as RichTable
        from rich.text import Text

        view = RichTable(box=box.SIMPLE_HEAD, show_lines=False, expand=False)
        for header, width in zip(headers, widths, strict=True):
            view.add_column(header, width=width, overflow="fold")
        for row in rows:
            view.add_row(*[Text(c) for c in row])
        self.console.print(view, width=self.width)


class View:
    """Lays out one result on ``out`` and collects the source IDs it shows."""

    def __init__(self, result: Result, out: Lines) -> None:
        self.result, self.out = result, out
        self.width = out.width
        self.known = {s.id for s in result.sources}
        self.cited: set[str] = set()
        self.said: set[str] = set()

    def line(self, text: str, style: str = "") -> None:
        self.out.line(text, style)

    def cite(self, text: str) -> None:
        self.cited |= {piece for piece, is_id in split_source_ids(text, self.known) if is_id}

    def note(self, text: str, indent: str = "") -> None:
        """A note, once per result however many tables carry it."""
        text = clean(text)
        if text in self.said:
            return
        self.said.add(text)
        self.cite(text)
        for line in wrap(text, self.width, indent + "note: ", indent + "      "):
            self.line(line, "yellow")

    def table(self, table: Table, titled: bool) -> None:
        if titled:
            for line in wrap(clean(table.title), self.width):
                self.line(line, "bold")
        if not table.rows:
            self.line("  no rows" if titled else f"{clean(table.title)}: no rows", "dim")
        else:
            for i, column in enumerate(table.columns):
                if column.lower() in SOURCE_COLUMNS:
                    for row in table.rows:
                        self.cite(clean(row[i]))
            widths = grid_widths(table, self.width) if self.width >= WIDE else None
            if widths is None:
                self.cards(table)
            else:
                self.grid(table, widths)
        for note in table.notes:
            self.note(note, "  ")

    def grid(self, table: Table, widths: list[int]) -> None:
        self.out.grid([clean(c.replace("_", " ")) for c in table.columns], [[clean(c) for c in row] for row in table.rows], widths)

    def cards(self, table: Table) -> None:
        """One card per row: the first cell as heading, the others packed as ``column: value`` fields."""
        columns = [clean(c.replace("_", " ")) for c in table.columns]
        for row in table.rows:
            cells = [clean(c) for c in row]
            for line in wrap(cells[0] or "—", self.width, "• ", "  "):
                self.line(line, "bold")
            fields = [f"{name}: {value}" for name, value in zip(columns[1:], cells[1:], strict=True) if value.strip()]
            for line in pack(fields, self.width, "    "):
                self.line(line)

    def sources(self, refs: Iterable[SourceRef]) -> None:
        """One line per source: ID, title and URL, or ID and URL when the title does not fit beside it."""
        refs = list(refs)
        if refs:
            self.line("Sources", "bold")
        for s in refs:
            url = clean(s.url)
            head = f"  {clean(s.id)} {clean(s.title)}" if url else f"  {clean(s.id)}"
            if not url or cell_len(head) + 1 + cell_len(url) > self.width:
                head = f"  {clean(s.id)}" if url else head
            self.out.link(head + " ", url)


def pack(fields: list[str], width: int, indent: str) -> list[str]:
    """Fields joined by `` · `` on as few lines as fit; a field too long for a line wraps on its own."""
    lines: list[str] = []
    current = ""
    for field in fields:
        candidate = f"{current} · {field}" if current else indent + field
        if cell_len(candidate) <= width and "\n" not in field:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        if cell_len(indent + field) <= width and "\n" not in field:
            current = indent + field
        else:
            lines += wrap(field, width, indent, indent + "  ")
    return [*lines, current] if current else lines


def console_width(to_terminal: bool) -> int | None:
    """None on a terminal (see :func:`terminal_width`), else ``COLUMNS`` or :data:`PIPED_WIDTH`."""
    if to_terminal:
        return None
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPED_WIDTH


def terminal_width() -> int:
    """The terminal's width as rich finds it: ``COLUMNS``, else the size of stdin, stdout or stderr, else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    for fd in (0, 1, 2):
        try:
            return os.get_terminal_size(fd).columns or 80
        except (OSError, ValueError):
            continue
    return 80


def rich_width() -> int:
    """The terminal's width as rich's console finds it: 80 on a dumb terminal (unless ``COLUMNS`` and ``LINES`` are
    set), else :func:`terminal_width` (``COLUMNS=0``, with which rich's console prints nothing, is ignored)."""
    columns, lines = os.environ.get("COLUMNS", ""), os.environ.get("LINES", "")
    if os.environ.get("TERM", "").lower() in ("dumb", "unknown") and not (columns.isdigit() and lines.isdigit()):
        return 80
    return terminal_width()


def summary_tables(result: Result) -> int:
    """How many leading tables summarise the rest: ``meta["summary"]``; for an answer with a lead
    (``ask``) its first table, whose rows the tables after it repeat in full; else 0 (show all)."""
    if result.meta.get("summary"):
        return int(result.meta["summary"])
    return 1 if result.meta.get("lead") and len(result.tables) > 1 else 0


def render_text(result: Result, *, to_terminal: bool, width: int | None = None, detail: bool = False) -> str:
    """Render ``result`` for a person: summary first, then (with ``detail``) everything, sources and notices.

    Coloured, with hyperlinked URLs, only on a terminal without NO_COLOR.
    """
    width = width or console_width(to_terminal)
    if to_terminal and "NO_COLOR" not in os.environ:
        from rolegraph.cli.colour import ColourLines

        coloured = ColourLines(width or rich_width())
        render(result, coloured, detail=detail)
        return coloured.text()
    plain = PlainLines(width or terminal_width())
    render(result, plain, detail=detail)
    return plain.text()


def render_svg(result: Result, *, width: int, detail: bool = False, title: str = "rolegraph") -> str:
    """The coloured terminal view as an SVG picture (the screenshots in docs/)."""
    out = RichLines(width)
    render(result, out, detail=detail)
    return out.console.export_svg(title=title)


def render(result: Result, out: Lines, *, detail: bool) -> None:
    """Lay out ``result`` on ``out`` (see :func:`render_text`)."""
    view = View(result, out)
    for line in wrap(clean(result.title), view.width):
        view.line(line, "bold")
    lead = clean(str(result.meta.get("lead") or ""))
    view.said.add(lead)  # a note saying the same is not printed again
    for line in wrap(lead, view.width) if lead else []:
        view.line(line)  # ask: the title says how the question was read, then the direct answer
    summary = summary_tables(result)
    shown = result.tables if detail or not summary else result.tables[:summary]
    titled = len(result.tables) > 1
    for number, table in enumerate(shown):
        if summary and number == summary:
            view.line("")
            view.line("Detail", "bold")
        view.table(table, titled)
    hidden_notes = len(shown) < len(result.tables) and bool(result.meta.get("summary"))  # a summary table states its own caveats
    for note in [] if hidden_notes else result.notes:
        view.note(note)
    if len(shown) < len(result.tables):
        rest = result.tables[summary:]
        more = f"{len(rest)} more {'table' if len(rest) == 1 else 'tables'} ({', '.join(clean(t.title) for t in rest)})"
        if hidden_notes and result.notes:
            more += f" and {len(result.notes)} {'note' if len(result.notes) == 1 else 'notes'}"
        for line in wrap(f"Not shown: {more}. Run again with --detail to see everything.", view.width):
            view.line(line, "dim")
    full = len(shown) == len(result.tables)
    view.sources(s for s in result.sources if full or s.id in view.cited)
    holders = result.meta.get("notices")
    for notice in result.attribution:
        if full or not isinstance(holders, dict) or view.cited & set(holders.get(notice, [])):
            for line in wrap(clean(notice), view.width):
                view.line(line, "dim")
