"""HTML: a standalone, offline page (inline CSS, no scripts, printable) or a fragment to embed.

Everything that comes from data is escaped; only ``http(s)`` URLs become links; cells of a
``sources`` column link each source ID to its entry in the source list (or to
``source_href`` — the handbook points them at its sources page).
"""

from __future__ import annotations

from html import escape
from typing import Any

from rolegraph.formats.common import SOURCE_COLUMNS, split_source_ids, visible_controls
from rolegraph.results import Cell, Result, SourceRef, Table

STYLE = """
body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff;
       max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td { white-space: pre-line; }
.sources li:target { outline: 2px solid #111; }
.notes, .attribution { font-size: 0.92em; }
nav.crumbs { font-size: 0.92em; margin-bottom: 1rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
@media print {
  body { max-width: none; font-size: 11pt; } nav.crumbs { display: none; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  a[href^="http"]::after { content: " <" attr(href) ">"; font-size: 0.85em; }
}
""".strip()


def text(value: Cell) -> str:
    """A cell as escaped HTML text; control characters shown as escapes (``\\x1b``)."""
    return escape(visible_controls("" if value is None else str(value)), quote=True)


def safe_url(url: str) -> str | None:
    """``url`` escaped for an attribute when it is http(s); otherwise None (never a link)."""
    return escape(url, quote=True) if url.lower().startswith(("http://", "https://")) else None


def source_cell(value: Cell, known: set[str], href: str) -> str:
    """A sources cell with every known source ID linked to ``href`` (``{id}`` is replaced)."""
    out = []
    for piece, is_id in split_source_ids("" if value is None else str(value), known):
        out.append(f'<a href="{escape(href.format(id=piece), quote=True)}">{text(piece)}</a>' if is_id else text(piece))
    return "".join(out)


def table_html(table: Table, known: set[str], href: str, caption: bool) -> list[str]:
    """One table (or a 'no rows' line) with its notes."""
    out = ['<table class="rolegraph-table">']
    if caption:
        out.append(f"<caption>{text(table.title)}</caption>")
    headers = "".join(f'<th scope="col">{text(c.replace("_", " "))}</th>' for c in table.columns)
    out.append(f"<thead><tr>{headers}</tr></thead>")
    out.append("<tbody>")
    linked = [c.lower() in SOURCE_COLUMNS for c in table.columns]
    for row in table.rows:
        cells = [source_cell(v, known, href) if link else text(v) for v, link in zip(row, linked, strict=True)]
        out.append("<tr>" + "".join(f'<td dir="auto">{c}</td>' for c in cells) + "</tr>")
    out.append("</tbody></table>")
    if not table.rows:
        out = [f'<p class="empty">{text(table.title)}: no rows.</p>']
    out += [f'<p class="notes" dir="auto">Note: {text(n)}</p>' for n in table.notes]
    return out


def source_item(source: SourceRef, anchor: str) -> str:
    """A source list entry: ID, title, creator, date and its URL (linked when http(s))."""
    url = safe_url(source.url)
    link = f'<a href="{url}">{text(source.url)}</a>' if url else text(source.url)
    extra = ", ".join(text(x) for x in (source.creator, source.date, source.tier) if x)
    return f'<li id="{escape(anchor, quote=True)}"><strong>{text(source.id)}</strong> {text(source.title)}' + (
        f" ({extra})" if extra else ""
    ) + f" — {link}</li>"


def body_html(result: Result, *, level: int = 1, source_href: str = "#src-{id}", source_list: bool = True) -> str:
    """The result as HTML blocks: heading, tables, notes, sources, licence notices."""
    known = {s.id for s in result.sources}
    h, h2 = f"h{level}", f"h{min(level + 1, 6)}"
    out = ['<section class="rolegraph-result">', f"<{h}>{text(result.title)}</{h}>"]
    for table in result.tables:
        out += table_html(table, known, source_href, caption=len(result.tables) > 1)
    if result.notes:
        out += [f"<{h2}>Notes</{h2}>", '<ul class="notes">']
        out += [f'<li dir="auto">{text(n)}</li>' for n in result.notes] + ["</ul>"]
    if result.sources and source_list:
        out += [f"<{h2}>Sources</{h2}>", '<ol class="sources">']
        out += [source_item(s, f"src-{s.id}") for s in result.sources] + ["</ol>"]
    if result.attribution:
        out += [f"<{h2}>Attribution</{h2}>"] + [f'<p class="attribution">{text(a)}</p>' for a in result.attribution]
    out.append("</section>")
    return "\n".join(out)


def page(title: str, body: str, *, lang: str = "en") -> str:
    """A complete offline HTML page around ``body`` (already HTML)."""
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="rolegraph">',
            f"<title>{text(title)}</title>",
            f"<style>\n{STYLE}\n</style>",
            "</head>",
            "<body>",
            body,
            "</body>",
            "</html>",
            "",
        ]
    )


def to_html(result: Result, *, fragment: bool = False, **_: Any) -> bytes:
    """A standalone page, or with ``fragment=True`` a ``<section>`` to paste into a page or notebook."""
    body = body_html(result, level=2 if fragment else 1)
    return ((body + "\n") if fragment else page(result.title, f"<main>\n{body}\n</main>")).encode("utf-8")
