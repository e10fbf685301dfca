"""The one registry of output formats.

Every format renders a :class:`~rolegraph.results.Result` to bytes. Renderers are named
by ``"module:function"`` and imported only when used, so a format that needs a heavy
library costs nothing until it is asked for. ``--format`` choices, the docs and the
``formats`` command all come from here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any, NamedTuple, cast

from rolegraph.errors import RolegraphError
from rolegraph.results import Result

Renderer = Callable[..., bytes]


class Format(NamedTuple):
    """An output format: name, file extension, media type and a lazily imported renderer."""

    name: str
    extension: str
    media_type: str
    renderer: str
    description: str
    binary: bool = False
    graph_only: bool = False  # only meaningful for graph-shaped results (e.g. mermaid)

    def render(self, result: Result, **options: Any) -> bytes:
        """Render ``result``; options are format-specific (e.g. ``fragment=True`` for html)."""
        module, _, function = self.renderer.partition(":")
        render = cast(Renderer, getattr(importlib.import_module(module), function))
        return render(result, **options)


_REGISTRY: dict[str, Format] = {}


def register(fmt: Format) -> None:
    """Add a format (extensions call this too)."""
    _REGISTRY[fmt.name] = fmt


def names() -> list[str]:
    """Registered format names, in registration order."""
    return list(_REGISTRY)


def all_formats() -> list[Format]:
    """Registered formats, in registration order."""
    return list(_REGISTRY.values())


def get(name: str) -> Format:
    """The format called ``name``; an unknown name lists the known ones."""
    try:
        return _REGISTRY[name.lower()]
    except KeyError:
        raise RolegraphError(f"unknown format {name!r}", "choose one of: " + ", ".join(_REGISTRY)) from None


def render(result: Result, name: str, **options: Any) -> bytes:
    """Render ``result`` in the format called ``name``."""
    return get(name).render(result, **options)


register(Format("json", "json", "application/json", "rolegraph.formats.jsontext:to_json", "stable JSON (see docs/json.md)"))
register(Format("csv", "csv", "text/csv", "rolegraph.formats.tabular:to_csv", "comma-separated, formulas neutralised"))
register(Format("markdown", "md", "text/markdown", "rolegraph.formats.text:to_markdown", "GitHub-flavoured Markdown tables"))
register(Format("tsv", "tsv", "text/tab-separated-values", "rolegraph.formats.tabular:to_tsv", "tab-separated, cells as csv"))
register(Format("html", "html", "text/html", "rolegraph.formats.html:to_html", "offline HTML page; --fragment for a <section>"))
register(Format("latex", "tex", "application/x-latex", "rolegraph.formats.latex:to_latex", "LaTeX longtables that fit the text width (T1 fontenc)"))
register(Format(
    "xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "rolegraph.formats.xlsx:to_xlsx",
    "Excel workbook: typed sheets per table, Notes and Sources sheets (needs openpyxl)", binary=True,
))
register(Format(
    "mermaid", "mmd", "text/vnd.mermaid", "rolegraph.formats.mermaid:to_mermaid",
    "Mermaid flowchart of a graph-shaped result", graph_only=True,
))
register(Format("turtle", "ttl", "text/turtle", "rolegraph.formats.rdf:to_turtle", "Turtle of the subgraph behind the result"))
register(Format("json-ld", "jsonld", "application/ld+json", "rolegraph.formats.rdf:to_jsonld", "JSON-LD of the subgraph"))
