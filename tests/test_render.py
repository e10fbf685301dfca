"""The terminal view: summary first, fits the width without splitting a word, never passes control characters."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from exports_support import TPGM, TPM, real_kb
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from rolegraph.cli.colour import ColourLines
from rolegraph.cli.plain import PlainLines
from rolegraph.cli.render import RichLines, grid_widths, render, render_text, rich_width, terminal_width
from rolegraph.compare import compare
from rolegraph.results import Result, SourceRef, Table

WIDTHS = (60, 80, 120, 160)
_PUNCT = ":,;()[]."
#: Words the view adds around the data.
VIEW_TEXT = "note Not shown more tables and notes Run again with --detail to see everything Sources Detail no rows • · — | + -"
_SOURCE_LINE = re.compile(r"^  \S+ (.* )?https?://\S+$")


def words(text: str) -> set[str]:
    return {w.strip(_PUNCT) for w in text.split()} - {""}


def vocabulary(result: Result) -> set[str]:
    texts = [result.title, *result.notes, *result.attribution]
    for table in result.tables:
        texts += [table.title, *table.notes, *(c.replace("_", " ") for c in table.columns)]
        texts += [str(c) for row in table.rows for c in row if c is not None]
    texts += [f"{s.id} {s.title} {s.url}" for s in result.sources]
    return words(" ".join(texts)) | words(VIEW_TEXT) | {str(n) for n in range(1000)}


def grid_words(line: str) -> set[str]:
    return words(re.sub(r"[|+]|-{3,}|\s-\s", " ", line))


@pytest.fixture(scope="module")
def comparison() -> Result:
    return compare(real_kb(), TPM, TPGM)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("detail", [False, True])
def test_comparison_fits_the_width_without_splitting_a_word(comparison: Result, width: int, detail: bool) -> None:
    text = render_text(comparison, to_terminal=False, width=width, detail=detail)
    lines = text.splitlines()
    too_long = [line for line in lines if len(line) > width]
    assert all(_SOURCE_LINE.match(line) for line in too_long), too_long  # only a source's unbroken URL may run past
    known = vocabulary(comparison)
    split = [(w, line) for line in lines for w in grid_words(line) if w not in known]
    assert not split, split[:5]


@pytest.mark.parametrize("width", WIDTHS)
def test_summary_precedes_the_detail(comparison: Result, width: int) -> None:
    summary = render_text(comparison, to_terminal=False, width=width)
    detail = render_text(comparison, to_terminal=False, width=width, detail=True)
    assert summary.index("What separates them") < summary.index("Shared core") < summary.index("--detail")
    assert "works with" not in summary and "Basis: seed" not in summary
    assert detail.index("Shared core") < detail.index("Detail") < detail.index("team structure")
    assert len(summary.splitlines()) < len(detail.splitlines()) / 3


def test_summary_shows_licences_only_for_standards_it_shows(comparison: Result) -> None:
    summary = render_text(comparison, to_terminal=False, width=120)
    detail = render_text(comparison, to_terminal=False, width=120, detail=True)
    assert "ESCO" not in summary and "O*NET" not in summary
    assert "This service uses the ESCO classification" in detail and detail.count("This service uses the ESCO") == 1


def test_cards_below_a_hundred_columns_grids_above(comparison: Result) -> None:
    assert "• owns" in render_text(comparison, to_terminal=False, width=80)
    assert "| owns " in render_text(comparison, to_terminal=False, width=120)


def test_no_note_is_printed_twice() -> None:
    note = "The same remark."
    result = Result("r", [Table("a", ["x"], [["1"]], notes=[note]), Table("b", ["x"], [["2"]], notes=[note])], notes=[note])
    assert render_text(result, to_terminal=False, width=80).count(note) == 1


def test_urls_are_hyperlinks_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = Result("r", [Table("t", ["x", "sources"], [["a", "S1"]])], sources=[SourceRef("S1", "A title", "https://example.org/a")])
    assert "\x1b]8;" in render_text(result, to_terminal=True, width=80)
    assert "\x1b" not in render_text(result, to_terminal=False, width=80)


SEQUENCES = ["\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m", "\x1b]8;;http://x\x1b\\", "\u202e", "\r"]
hostile = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8) | st.sampled_from(SEQUENCES),
                   max_size=5).map("".join)
_OWN_ESCAPES = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


@settings(max_examples=120, deadline=None)
@given(hostile, hostile, hostile)
def test_control_characters_from_data_never_reach_the_terminal(title: str, cell: str, url: str) -> None:
    """S7: ESC, CSI, OSC and every other C0/C1 control from data is shown as an escape, coloured or not."""
    result = Result(title, [Table(cell, ["item", cell], [[cell, title]], notes=[cell])], notes=[title],
                    sources=[SourceRef("S1", cell, "https://x.org/" + url)], attribution=[cell])
    for to_terminal in (False, True):
        text = _OWN_ESCAPES.sub("", render_text(result, to_terminal=to_terminal, width=80, detail=True))
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def test_an_answer_shows_its_rows_once() -> None:
    """An answer with a lead: its answer table first, the tables repeating those rows only with --detail; notes always."""
    rows = [["customer discovery: 5 vs 1", "S1"]]
    evidence = Table("Where A needs more", ["skill", "gap"], [["customer discovery", 4]])
    result = Result("Understood: separate", [Table("Answer", ["answer", "sources"], rows), evidence],
                    notes=["A caveat."], meta={"lead": "A needs customer discovery more."})
    short, full = (render_text(result, to_terminal=False, width=120, detail=d) for d in (False, True))
    assert "Where A needs more" in short.split("Not shown:")[1] and "| customer discovery " not in short
    assert "A caveat." in short and short.count("A needs customer discovery more.") == 1
    assert "| customer discovery " in full and "Not shown" not in full


#: Text that exercises rich's wrapping: spaces (a run, leading, trailing), other whitespace, wide and zero-width characters.
cell_text = st.lists(st.sampled_from([*"ab c", "de", "  ", "\n", "\u00a0", "\u3000", "中", "é", "\u0301", "—", "x" * 12]), max_size=12).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=4).flatmap(lambda n: st.tuples(
    st.lists(st.text("ab \n", min_size=1, max_size=12).filter(str.strip), min_size=n, max_size=n),
    st.lists(st.lists(cell_text, min_size=n, max_size=n), min_size=1, max_size=4))),
    st.integers(min_value=20, max_value=140))
def test_the_grids_are_what_rich_draws(table: tuple[list[str], list[list[str]]], width: int) -> None:
    """A grid (a named column or more, a row or more) drawn line for line as rich's tables: plain as ASCII2 without
    colour, coloured code for code as SIMPLE_HEAD with a bold header."""
    headers, rows = table
    widths = grid_widths(Table("t", headers, rows), width)
    assume(widths is not None)
    assert widths is not None
    plain, coloured, rich = PlainLines(width), ColourLines(width), RichLines(width)
    for out in (plain, coloured, rich):
        out.grid(headers, rows, widths)
    assert recorded(coloured) == recorded(rich)
    console = Console(record=True, width=width, file=io.StringIO(), no_color=True, highlight=False, emoji=False, markup=False)
    grid = RichTable(box=box.ASCII2, show_lines=False, expand=False)
    for header, w in zip(headers, widths, strict=True):
        grid.add_column(header, width=w, overflow="fold")
    for row in rows:
        grid.add_row(*[Text(c) for c in row])
    console.print(grid, width=width)
    assert plain.text() == console.export_text(styles=False)


@pytest.mark.parametrize("to_terminal", [False, True])
def test_the_views_do_not_import_rich_console(to_terminal: bool) -> None:
    code = ("import sys; from rolegraph.cli.render import render_text; from rolegraph.results import Result, Table; "
            f"render_text(Result('r', [Table('t', ['x'], [['1']])]), to_terminal={to_terminal}); "
            "print(sorted(m for m in sys.modules if m.startswith('rich.')))")
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert "rich.console" not in loaded and "rich.table" not in loaded, loaded


def recorded(out: RichLines | ColourLines) -> str:
    """What a coloured view holds, each hyperlink's id left out (rich draws them at random)."""
    text = out.console.export_text(styles=True) if isinstance(out, RichLines) else out.text()
    return re.sub(r"\x1b\]8;id=[^;]*;", "\x1b]8;id=;", text)


@settings(max_examples=150, deadline=None)
@given(hostile, cell_text, st.sampled_from(["https://x.org/", "HTTP://x.org/", "ftp://x.org/", ""]), st.integers(min_value=1, max_value=160),
       st.booleans())
def test_the_coloured_view_is_what_rich_records(text: str, cell: str, url: str, width: int, detail: bool) -> None:
    """Titles, notes, cards or grids, sources with and without links, notices: the same text and codes as rich's console."""
    result = Result(text, [Table(cell or "t", ["item", "sources"], [[cell, "S1"], [text, "S2"]], notes=[text]), Table("u", ["x"], [])],
                    notes=[cell], sources=[SourceRef("S1", text, url + cell), SourceRef("S2", cell, url)], attribution=[text],
                    meta={"summary": 1, "lead": cell})
    ours, theirs = ColourLines(width), RichLines(width)
    render(result, ours, detail=detail)
    render(result, theirs, detail=detail)
    assert recorded(ours) == recorded(theirs)


@pytest.mark.parametrize("term", ["xterm-256color", "dumb", "unknown", None])
@pytest.mark.parametrize("columns", ["132", "0", "wide", None])
@pytest.mark.parametrize("lines", ["40", None])
def test_the_coloured_view_is_as_wide_as_richs(monkeypatch: pytest.MonkeyPatch, term: str | None, columns: str | None, lines: str | None) -> None:
    for name, value in (("TERM", term), ("COLUMNS", columns), ("LINES", lines)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    rich = RichLines(None).width
    if rich == 0:  # COLUMNS=0: rich's console would print nothing; the view keeps the terminal's width
        assert columns == "0" and rich_width() == terminal_width()
    else:
        assert rich_width() == rich


def test_cell_widths_are_rich_s_without_rich() -> None:
    import rich.cells

    from rolegraph.cli import cells

    assert all(rich.cells.cell_len(c) == 1 for c in cells.ONE_CELL), "every character measured here is one cell for rich"
    for text in ["", "plain", "Tech PM — Tech PgM", "≥ 3 … “quoted”", "漢字 wide", "e\u0301", "a\u200db", "\x1b[1m", "x" * 600]:
        assert cells.cell_len(text) == rich.cells.cell_len(text), text
        for total in (0, 3, 18, 40):
            assert cells.set_cell_size(text, total) == rich.cells.set_cell_size(text, total), (text, total)
        assert cells.chop_cells(text, 4) == rich.cells.chop_cells(text, 4)


def test_a_view_of_one_cell_characters_imports_no_rich() -> None:
    import subprocess
    import sys

    script = ("import sys; from rolegraph.cli import plain; "
              "print(plain.cell_lines('Tech PM — owns the what ≥ 3 “x”', 12), 'rich' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("False")
