"""Property tests: whatever text a user's Turtle holds, CSV, Markdown and HTML stay well-formed."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from rolegraph import formats
from rolegraph.formats.common import FORMULA_TRIGGERS, spreadsheet_cell, visible_controls
from rolegraph.results import Result, Table

cells = st.text(st.characters(blacklist_categories=["Cs"]), max_size=40)
rows = st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=5)


def result_of(grid: list[list[str]]) -> Result:
    return Result("t", [Table("t", ["a", "b", "c"], [list(r) for r in grid])])


@settings(max_examples=150, deadline=None)
@given(rows)
def test_csv_cells_round_trip_neutralised(grid: list[list[str]]) -> None:
    parsed = list(csv.reader(io.StringIO(formats.render(result_of(grid), "csv").decode(), newline="")))
    assert parsed[0] == ["a", "b", "c"]
    assert parsed[1:] == [[str(spreadsheet_cell(c)) for c in row] for row in grid]
    assert not any(c.startswith(FORMULA_TRIGGERS) for row in parsed for c in row)


@settings(max_examples=150, deadline=None)
@given(rows)
def test_markdown_rows_keep_their_shape(grid: list[list[str]]) -> None:
    text = formats.render(result_of(grid), "markdown").decode()
    table = [line for line in text.split("\n") if line.startswith("|")]
    assert len(table) == 2 + len(grid)
    for line in table:
        assert len(re.findall(r"(?<!\\)\|", line.replace("\\\\", ""))) == 4


class Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.cells: list[str] = []
        self.tags: set[str] = set()
        self._in = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag == "td":
            self._in = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in = False

    def handle_data(self, data: str) -> None:
        if self._in:
            self.cells[-1] += data


@settings(max_examples=150, deadline=None)
@given(rows)
def test_html_cells_hold_exactly_the_text(grid: list[list[str]]) -> None:
    parser = Cells()
    parser.feed(formats.render(result_of(grid), "html").decode())
    assert parser.cells == [visible_controls(c) for row in grid for c in row]  # control characters as visible escapes (S7)
    assert parser.tags <= {"html", "head", "meta", "title", "style", "body", "main", "section", "h1", "table", "thead", "tbody",
                           "tr", "th", "td"}
