"""Rich rendering of results for people at a terminal (plain text when piped or NO_COLOR)."""

from __future__ import annotations

import io
import os

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from rolegraph.results import Result


def render_text(result: Result, *, to_terminal: bool) -> str:
    """Render ``result`` as tables and notes; coloured only on a terminal without NO_COLOR."""
    colour = to_terminal and "NO_COLOR" not in os.environ
    console = Console(record=True, force_terminal=colour, no_color=not colour, width=None if to_terminal else 120, file=io.StringIO())
    console.print(Text(result.title, style="bold"))
    for table in result.tables:
        view = RichTable(title=table.title if len(result.tables) > 1 else None, box=box.SIMPLE_HEAD if colour else box.ASCII2, show_lines=False)
        for column in table.columns:
            view.add_column(column.replace("_", " "), overflow="fold")
        for row in table.rows:
            view.add_row(*[Text("" if c is None else str(c)) for c in row])
        if table.rows:
            console.print(view)
        else:
            console.print(Text(f"{table.title}: no rows", style="dim"))
        for note in table.notes:
            console.print(Text("  note: " + note, style="yellow"))
    for note in result.notes:
        console.print(Text("note: " + note, style="yellow"))
    if result.sources:
        console.print(Text("Sources", style="bold"))
        for s in result.sources:
            console.print(Text(f"  {s.id}: {s.title} <{s.url}>"))
    for line in result.attribution:
        console.print(Text(line, style="dim"))
    return console.export_text(styles=colour)
