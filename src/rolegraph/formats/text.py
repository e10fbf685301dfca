"""Text formats: JSON, CSV and Markdown."""

from __future__ import annotations

import json
from typing import Any

from rolegraph.results import Cell, Result


def to_json(result: Result, **_: Any) -> bytes:
    """Stable, indented JSON of :meth:`Result.to_dict`."""
    return (json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def rows_with_part(result: Result) -> tuple[list[str], list[list[Cell]]]:
    """All tables as one grid; a leading ``part`` column names the table when there are several."""
    if len(result.tables) == 1:
        table = result.tables[0]
        return list(table.columns), [list(r) for r in table.rows]
    columns: list[str] = ["part"]
    for table in result.tables:
        columns += [c for c in table.columns if c not in columns]
    rows: list[list[Cell]] = []
    for table in result.tables:
        for record in table.records():
            rows.append([table.title, *(record.get(c) for c in columns[1:])])
    return columns, rows


def md_cell(value: Cell) -> str:
    """A Markdown table cell: HTML special characters, pipes, backslashes and newlines escaped."""
    text = "" if value is None else str(value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # not html.escape: its import slows every --format json
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def to_markdown(result: Result, **_: Any) -> bytes:
    """GitHub-flavoured Markdown: a heading, one table per part, notes and sources."""
    out = [f"# {md_cell(result.title)}", ""]
    for table in result.tables:
        if len(result.tables) > 1:
            out += [f"## {md_cell(table.title)}", ""]
        if table.rows:
            out.append("| " + " | ".join(md_cell(c) for c in table.columns) + " |")
            out.append("|" + "|".join(" --- " for _ in table.columns) + "|")
            out += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in table.rows]
        else:
            out.append("_No rows._")
        out += [f"> {md_cell(n)}" for n in table.notes]
        out.append("")
    if result.notes:
        out += ["**Notes**", ""] + [f"- {md_cell(n)}" for n in result.notes] + [""]
    if result.sources:
        out += ["**Sources**", ""]
        out += [f"- {md_cell(s.id)}: {md_cell(s.title)} — <{s.url}>" for s in result.sources]
        out.append("")
    if result.attribution:
        out += ["**Attribution**", ""] + [f"- {md_cell(a)}" for a in result.attribution] + [""]
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")
