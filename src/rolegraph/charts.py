"""Charts drawn from the graph: a skill-category radar, a separate-vs-shared diagram and the
career-transition graph. SVG or PNG, readable in greyscale (line styles, markers and hatching
carry the meaning, not colour), labelled with their sources, byte-for-byte deterministic.

matplotlib is imported only inside :func:`draw`.

>>> from rolegraph import open_kb
>>> from rolegraph.resolve import resolve_role
>>> kb = open_kb()
>>> spec = radar(kb, [resolve_role(kb, "Tech PM").iri, resolve_role(kb, "Tech PgM").iri])
>>> spec.kind, len(spec.series)
('radar', 2)
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rolegraph import compare
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase, source_sort_key

__all__ = ["CHARTS", "FORMATS", "ChartSpec", "draw", "radar", "transitions", "venn"]

FORMATS = ("svg", "png")
STATS = ("mean", "max")
#: Line styles, markers and hatches per series, so series differ without colour.
STYLES = [("-", "o", "//"), ("--", "s", "\\\\"), (":", "^", ".."), ("-.", "D", "xx"), ((0, (5, 1, 1, 1)), "v", "++")]
GREYS = ["#000000", "#555555", "#333333", "#777777", "#222222"]

CATEGORIES = """
PREFIX rg: <https://w3id.org/rolegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?notation ?label WHERE { ?c a rg:SkillCategory ; skos:notation ?notation ; skos:prefLabel ?l ; rg:order ?order .
  BIND(STR(?l) AS ?label) } ORDER BY ?order
"""


@dataclass
class ChartSpec:
    """What a chart shows, independent of drawing: tests check this, :func:`draw` renders it."""

    kind: str
    title: str
    axes: list[str] = field(default_factory=list)
    series: dict[str, list[float]] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    nodes: list[tuple[str, str]] = field(default_factory=list)
    edges: list[tuple[str, str, int, str]] = field(default_factory=list)
    highlight: set[str] = field(default_factory=set)
    source_ids: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _label(kb: KnowledgeBase, iri: str) -> str:
    return next((str(r["label"]) for r in kb.named("roles").records() if r["role"] == iri), iri)


def _ids(kb: KnowledgeBase, links: Sequence[str]) -> list[str]:
    text = kb.source_ids(links)
    return text.split(", ") if text else []


def radar(kb: KnowledgeBase, roles: Sequence[str], stat: str = "mean") -> ChartSpec:
    """Mean (or max) skill importance per skill category for two or more roles."""
    if len(roles) < 2:
        raise RolegraphError("a radar chart needs at least two roles", "name two or more roles")
    if stat not in STATS:
        raise RolegraphError(f"unknown statistic {stat!r}", "use mean or max")
    categories = kb.select(CATEGORIES).records()
    spec = ChartSpec("radar", f"Skill categories ({stat} importance, 0–5)", axes=[str(c["label"]) for c in categories])
    links: list[str] = []
    for role in roles:
        best: dict[str, tuple[int, str]] = {}
        for r in kb.named("skill-profile", role=role).records():
            importance = int(str(r["importance"]))
            if str(r["skill"]) not in best or importance > best[str(r["skill"])][0]:
                best[str(r["skill"])] = (importance, str(r["category"]))
            links.append(str(r["link"]))
        values = []
        for c in categories:
            scores = [i for i, cat in best.values() if cat == c["notation"]]
            values.append(0.0 if not scores else float(max(scores)) if stat == "max" else round(sum(scores) / len(scores), 2))
        spec.series[_label(kb, role)] = values
    spec.source_ids = _ids(kb, links)
    spec.notes.append(f"Each axis: the {stat} importance of the role's skills in that category; no skills = 0.")
    return spec


def venn(kb: KnowledgeBase, a: str, b: str) -> ChartSpec:
    """Skills that separate ``a`` from ``b`` (each side) and the shared core, as a two-set diagram."""
    sep, common = compare.separate(kb, a, b), compare.shared(kb, a, b)
    la, lb = _label(kb, a), _label(kb, b)
    spec = ChartSpec("venn", f"{la} vs {lb}: separating and shared skills")
    spec.groups = {
        la: [str(r["skill"]) for r in sep.tables[0].records()],
        "shared": [str(r["skill"]) for r in common.tables[0].records()],
        lb: [str(r["skill"]) for r in sep.tables[1].records()],
    }
    spec.source_ids = sorted({s.id for s in sep.sources + common.sources}, key=source_sort_key)
    spec.notes = [sep.notes[0], common.notes[0]]
    return spec


def transitions(kb: KnowledgeBase, roles: Sequence[str] = ()) -> ChartSpec:
    """The career-transition graph (all of it, or the moves into and out of ``roles``)."""
    spec = ChartSpec("transitions", "Career transitions between roles", highlight={_label(kb, r) for r in roles})
    links: list[str] = []
    for t in kb.named("transitions").records():
        if roles and t["from_role"] not in roles and t["to_role"] not in roles:
            continue
        spec.edges.append((str(t["from_label"]), str(t["to_label"]), int(str(t["prevalence"])), str(t["basis"])))
        links.append(str(t["link"]))
    if not spec.edges:
        raise RolegraphError("the knowledge base records no transitions for these roles", "try without naming roles")
    labels = sorted({e[0] for e in spec.edges} | {e[1] for e in spec.edges})
    spec.nodes = [(label, label) for label in labels]
    spec.source_ids = _ids(kb, links)
    spec.notes.append("Line width: how common the move is (1–3). Solid: seed-backed; dashed: external sources.")
    return spec


CHARTS: dict[str, Callable[..., ChartSpec]] = {"radar": radar, "venn": venn, "transitions": transitions}


def _footer(fig: Any, spec: ChartSpec) -> None:
    lines = [*spec.notes, "Sources: " + (", ".join(spec.source_ids) or "none") + " (see `rolegraph sources`)."]
    fig.text(0.01, 0.01, "\n".join(textwrap.fill(x, 150) for x in lines), fontsize=7, va="bottom", ha="left")


def _draw_radar(fig: Any, spec: ChartSpec) -> None:
    import math

    ax = fig.add_subplot(projection="polar")
    angles = [2 * math.pi * i / len(spec.axes) for i in range(len(spec.axes))]
    for i, (name, values) in enumerate(spec.series.items()):
        line, marker, hatch = STYLES[i % len(STYLES)]
        colour = GREYS[i % len(GREYS)]
        xs, ys = [*angles, angles[0]], [*values, values[0]]
        ax.plot(xs, ys, linestyle=line, marker=marker, color=colour, linewidth=1.6, label=name)
        ax.fill(xs, ys, facecolor="none", edgecolor=colour, hatch=hatch, alpha=0.35, linewidth=0)
    ax.set_xticks(angles, [textwrap.fill(a, 14) for a in spec.axes], fontsize=9)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"], fontsize=7)
    fig.legend(loc="upper center", bbox_to_anchor=(0.5, 0.95), ncols=min(3, len(spec.series)), fontsize=9, frameon=False)


def _draw_venn(fig: Any, spec: ChartSpec) -> None:
    from matplotlib.patches import Circle

    ax = fig.add_subplot()
    (la, left), (_, middle), (lb, right) = spec.groups.items()
    for x, hatch in ((-0.7, "//"), (0.7, "\\\\")):
        ax.add_patch(Circle((x, 0), 1.3, facecolor="none", edgecolor="black", hatch=hatch, alpha=0.25, linewidth=0))
        ax.add_patch(Circle((x, 0), 1.3, facecolor="none", edgecolor="black", linewidth=1.4))
    columns = ((-1.35, f"{la} needs more", left), (0, "shared core", middle), (1.35, f"{lb} needs more", right))
    for x, name, items in columns:
        shown = [textwrap.shorten(s, 28, placeholder="…") for s in items[:9]]
        shown += [f"+{len(items) - 9} more"] if len(items) > 9 else []
        ax.text(x, 1.38, f"{textwrap.fill(name, 24)}\n({len(items)})", ha="center", va="bottom", fontsize=9, weight="bold")
        ax.text(x, 0, "\n".join(shown) or "—", ha="center", va="center", fontsize=7.5,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    ax.set_xlim(-2.2, 2.2)
    ax.set_ylim(-1.45, 2.0)
    ax.set_aspect("equal")
    ax.axis("off")


def _draw_transitions(fig: Any, spec: ChartSpec) -> None:
    import math

    ax = fig.add_subplot()
    count = len(spec.nodes)
    pos = {n: (math.cos(math.pi / 2 - 2 * math.pi * i / count), math.sin(math.pi / 2 - 2 * math.pi * i / count))
           for i, (n, _) in enumerate(spec.nodes)}
    for source, target, prevalence, basis in spec.edges:
        ax.annotate("", xy=pos[target], xytext=pos[source], arrowprops={
            "arrowstyle": "-|>", "color": "black", "linewidth": 0.8 + prevalence, "shrinkA": 28, "shrinkB": 28,
            "linestyle": "--" if basis == "external" else "-", "connectionstyle": "arc3,rad=0.12", "mutation_scale": 14,
        })
    for node, label in spec.nodes:
        bold = node in spec.highlight
        ax.text(*pos[node], textwrap.fill(label, 16), ha="center", va="center", fontsize=9, weight="bold" if bold else "normal",
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "black", "linewidth": 2 if bold else 1})
    ax.set_xlim(-1.45, 1.45)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")


def draw(spec: ChartSpec, fmt: str = "svg") -> bytes:
    """Render ``spec`` as SVG or PNG bytes (no dates, fixed IDs: the same spec gives the same bytes)."""
    if fmt not in FORMATS:
        raise RolegraphError(f"unknown chart format {fmt!r}", "use svg or png")
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    with rc_context({"svg.hashsalt": "rolegraph", "svg.fonttype": "path", "font.family": "DejaVu Sans", "hatch.linewidth": 0.6}):
        fig = Figure(figsize=(9, 7.5 if spec.kind == "radar" else 6.5), dpi=100)
        {"radar": _draw_radar, "venn": _draw_venn, "transitions": _draw_transitions}[spec.kind](fig, spec)
        fig.suptitle(textwrap.fill(spec.title, 80), fontsize=13, weight="bold")
        _footer(fig, spec)
        fig.subplots_adjust(bottom=0.14, top=0.84 if spec.kind == "radar" else 0.88)
        buffer = io.BytesIO()
        metadata = {"Date": None, "Creator": "rolegraph"} if fmt == "svg" else {"Software": "rolegraph"}
        fig.savefig(buffer, format=fmt, metadata=metadata)
    data = buffer.getvalue()
    return data if data.endswith(b"\n") or fmt == "png" else data + b"\n"
