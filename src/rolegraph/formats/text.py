"""Text formats: Markdown tables, and all of a result's tables as one grid."""

from __future__ import annotations

import re
from typing import Any

from rolegraph.formats.common import visible_controls
from rolegraph.results import Cell, Result


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


_MD_MARKUP = re.compile(r"[\\`*_\[\]|~@]|:(?=//)|(?<![^\W_])(?i:www)\.")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")


def md_cell(value: Cell) -> str:
    """Markdown text that renders as exactly itself: HTML characters as entities; backslash-escaped
    emphasis, code, link, table and strikethrough characters, ``@`` and the ``://`` and ``www.`` of
    autolinks; newlines as ``<br>``, tabs as ``&#9;``; control characters shown as escapes."""
    text = visible_controls("" if value is None else str(value))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")  # not html.escape: its import slows every --format json
    text = _MD_MARKUP.sub(lambda m: "\\" + m.group() if len(m.group()) == 1 else (m.group()[:-1] + "\\." if m.group().endswith(".") else "\\:"), text)
    return text.replace("\t", "&#9;").replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")


def md_text(value: Cell) -> str:
    """:func:`md_cell` for text that starts a block (a list item, a quote): a leading ``#``, ``>``,
    ``+``, ``-`` or ``1.`` is escaped, leading spaces are entities (never an indented code block)."""
    text = md_cell(value)
    spaces = len(text) - len(text.lstrip(" "))
    text = "&#32;" * spaces + text[spaces:]
    return "\\" + text if text[:1] in ("#", ">", "+", "-") else _MD_ORDERED.sub(r"\1\\\2", text)


def md_link(url: str) -> str:
    """An http(s) URL as a Markdown link to itself; anything else as plain text."""
    if not url.lower().startswith(("http://", "https://")):
        return md_cell(url)
    target = "".join(ch if ch.isprintable() and ch not in " <>\\" else "%" + "%".join(f"{b:02X}" for b in ch.encode("utf-8", "replace"))
                     for ch in url)
    return f"[{md_cell(url)}](<{target}>)"


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
        out += [f"> {md_text(n)}" for n in table.notes]
        out.append("")
    if result.notes:
        out += ["## Notes", ""] + [f"- {md_text(n)}" for n in result.notes] + [""]
    if result.sources:
        out += ["## Sources", ""]
        out += [f"- {md_text(s.id)}: {md_cell(s.title)} — {md_link(s.url)}" for s in result.sources]
        out.append("")
    if result.attribution:
        out += ["## Attribution", ""] + [f"- {md_text(a)}" for a in result.attribution] + [""]
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")
