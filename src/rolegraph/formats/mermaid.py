"""Mermaid flowcharts of graph-shaped results (``meta["graph"]``), for Markdown, MkDocs and slides."""

from __future__ import annotations

from typing import Any

from rolegraph.errors import RolegraphError
from rolegraph.formats.common import attribution_text, visible_controls
from rolegraph.results import Result

#: Commands whose results carry ``meta["graph"]``.
GRAPH_COMMANDS = ("path", "neighbours", "collaborate")

_ENTITIES = {'"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "#": "#35;", "|": "#124;", "`": "#96;",
             "%": "#37;", "{": "#123;", "}": "#125;"}  # % { }: no %%{init}%% directive can form in a label


def label(value: object) -> str:
    """Text safe inside a quoted Mermaid label: entities for markup and directive characters, no line breaks or controls."""
    raw = " ".join(visible_controls(str(value)).split())
    return "".join(_ENTITIES.get(ch, ch) for ch in raw)


def edge_label(edge: dict[str, Any]) -> str:
    """An edge's ``label``, else its prevalence (transitions) or weight (similarity), else nothing."""
    if edge.get("label"):
        return str(edge["label"])
    if "prevalence" in edge:
        return f"{edge['prevalence']}/3 common"
    return str(edge["weight"]) if "weight" in edge else ""


def comment(value: str) -> str:
    """A ``%%`` comment line that can never become a directive."""
    return "%% " + " ".join(visible_controls(value).replace("%%{", "%% {").split())


def to_mermaid(result: Result, **_: Any) -> bytes:
    """A left-to-right flowchart; node IDs are stable (``n0``... in node order); edges whose
    ``basis`` is ``external`` are dotted, so seed-backed and outside claims differ without colour;
    a graph with ``"directed": false`` gets lines instead of arrows."""
    graph = result.graph()
    if graph is None:
        raise RolegraphError(
            "the mermaid format needs a graph-shaped result",
            "use it with: " + ", ".join(f"rolegraph {c}" for c in GRAPH_COMMANDS),
        )
    nodes, edges = graph
    directed = result.meta["graph"].get("directed", True)
    ids = {str(n["id"]): f"n{i}" for i, n in enumerate(nodes)}
    out = [comment(result.title)]
    note = attribution_text(result.sources, result.attribution)
    if note:
        out.append(comment(note))
    out.append("flowchart LR")
    out += [f'  {ids[str(n["id"])]}["{label(n.get("label") or n["id"])}"]' for n in nodes]
    for edge in edges:
        source, target = ids.get(str(edge["source"])), ids.get(str(edge["target"]))
        if source is None or target is None:
            raise RolegraphError(f"graph edge {edge!r} points to a node that is not in the graph")
        arrow = {(True, True): "-.->", (True, False): "-.-", (False, True): "-->", (False, False): "---"}[
            (edge.get("basis") == "external", bool(directed))
        ]
        text = edge_label(edge)
        out.append(f'  {source} {arrow}|"{label(text)}"| {target}' if text else f"  {source} {arrow} {target}")
    return ("\n".join(out) + "\n").encode("utf-8")
