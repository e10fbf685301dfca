"""Charts drawn from the graph: a skill-category radar, a separate-vs-shared diagram, the
career-transition graph and a roles × skills importance heat map. SVG or PNG, sized for a
projector (1600 px wide at the default 100 dpi, text ≥ 10 pt), readable in greyscale (line
styles, markers, hatching and printed numbers carry the meaning, not colour), labelled with
their sources, byte-for-byte deterministic. Text is never parsed as mathtext (``$`` is a
dollar sign).

matplotlib is imported only inside :func:`figure` and :func:`draw`.

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
from rolegraph.extras import require
from rolegraph.kb import KnowledgeBase, source_sort_key

__all__ = ["CHARTS", "FORMATS", "ChartSpec", "draw", "figure", "heatmap", "radar", "transitions", "venn"]

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
    if a == b:
        raise RolegraphError("a venn chart needs two different roles; both names are the same role", "name two different roles")
    sep, common = compare.separate(kb, a, b), compare.shared(kb, a, b)
    la, lb = _label(kb, a), _label(kb, b)
    spec = ChartSpec("venn", f"{la} vs {lb}: separating and shared skills")
    spec.axes = [la, "shared", lb]
    spec.groups = {
        "a": [str(r["skill"]) for r in sep.tables[0].records()],
        "shared": [str(r["skill"]) for r in common.tables[0].records()],
        "b": [str(r["skill"]) for r in sep.tables[1].records()],
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


def heatmap(kb: KnowledgeBase) -> ChartSpec:
    """Skill importance (0–5) for every role × every skill, skills grouped by category."""
    rows = kb.named("skill-links").records()
    if not rows:
        raise RolegraphError("the knowledge base records no skill links", "add rg:SkillLink data")
    roles = sorted({(str(r["role_label"]), str(r["role"])) for r in rows})
    skills = sorted({(str(r["category"]), str(r["skill_label"]), str(r["skill"])) for r in rows})
    value: dict[tuple[str, str], float] = {}
    for r in rows:
        key = (str(r["skill"]), str(r["role"]))
        value[key] = max(value.get(key, 0.0), float(str(r["importance"])))
    spec = ChartSpec("heatmap", "Skill importance by role (0 = not needed … 5 = core)", axes=[label for label, _ in roles])
    spec.series = {f"{label} ({category})": [value.get((skill, role), 0.0) for _, role in roles] for category, label, skill in skills}
    spec.source_ids = _ids(kb, [str(r["link"]) for r in rows])
    spec.notes.append("Each cell: the importance the role gives the skill (darker = more important; blank = 0 or not recorded).")
    return spec


CHARTS: dict[str, Callable[..., ChartSpec]] = {"radar": radar, "venn": venn, "transitions": transitions, "heatmap": heatmap}

#: Figure sizes in inches: 16 inches at the default 100 dpi is 1600 px, enough for a projector.
WIDTH = 16.0
DPI = 100
#: Smallest font size anywhere on a chart (points).
MIN_FONT = 10
#: Items shown inside a Venn region; the rest are listed beside the diagram.
VENN_INSIDE = 7
STYLE = {
    "svg.hashsalt": "rolegraph", "svg.fonttype": "path", "font.family": "DejaVu Sans", "hatch.linewidth": 0.6,
    "text.parse_math": False, "text.usetex": False, "path.simplify": False,
}


def _height(spec: ChartSpec) -> float:
    if spec.kind == "heatmap":
        return max(9.0, 0.34 * len(spec.series) + 3.5)
    return 10.0 if spec.kind == "radar" else 9.0


def _footer(fig: Any, spec: ChartSpec) -> float:
    """Notes and source IDs at the bottom; returns the figure fraction they take."""
    lines = [*spec.notes, "Sources: " + (", ".join(spec.source_ids) or "none") + " (titles and links: `rolegraph sources`)."]
    wrapped = "\n".join(textwrap.fill(x, 150) for x in lines)
    fig.text(0.01, 0.01, wrapped, fontsize=11, va="bottom", ha="left")
    return float((wrapped.count("\n") + 1) * 11 * 1.35 / (fig.get_figheight() * 72) + 0.03)


def _draw_radar(fig: Any, spec: ChartSpec, rect: tuple[float, float, float, float]) -> None:
    import math

    ax = fig.add_axes(rect, projection="polar")
    angles = [2 * math.pi * i / len(spec.axes) for i in range(len(spec.axes))]
    for i, (name, values) in enumerate(spec.series.items()):
        line, marker, hatch = STYLES[i % len(STYLES)]
        colour = GREYS[i % len(GREYS)]
        xs, ys = [*angles, angles[0]], [*values, values[0]]
        ax.plot(xs, ys, linestyle=line, marker=marker, markersize=8, color=colour, linewidth=2.2, label=name)
        ax.fill(xs, ys, facecolor="none", edgecolor=colour, hatch=hatch, alpha=0.35, linewidth=0)
    ax.set_xticks(angles, [textwrap.fill(a, 16) for a in spec.axes], fontsize=13)
    ax.set_ylim(0, 5)
    ax.set_yticks([1, 2, 3, 4, 5], ["1", "2", "3", "4", "5"], fontsize=11)
    top = rect[1] + rect[3]
    fig.legend(loc="lower center", bbox_to_anchor=(0.5, top + 0.035), ncols=min(3, len(spec.series)), fontsize=13, frameon=False)


def _venn_lines(items: Sequence[str], width: int) -> str:
    return "\n".join(textwrap.fill(s, width, subsequent_indent="  ", break_on_hyphens=False) for s in items) or "—"


def _draw_venn(fig: Any, spec: ChartSpec, rect: tuple[float, float, float, float]) -> None:
    from matplotlib.patches import Circle

    left, bottom, width, height = rect
    ax = fig.add_axes((left, bottom, width * 0.64, height))
    la, _, lb = spec.axes
    for x, hatch in ((-0.75, "//"), (0.75, "\\\\")):
        ax.add_patch(Circle((x, 0), 1.45, facecolor="none", edgecolor="black", hatch=hatch, alpha=0.2, linewidth=0))
        ax.add_patch(Circle((x, 0), 1.45, facecolor="none", edgecolor="black", linewidth=2))
    names = {"a": f"{la} needs more", "shared": "shared core", "b": f"{lb} needs more"}
    overflow = []
    for x, key in ((-1.45, "a"), (0, "shared"), (1.45, "b")):
        items = spec.groups[key]
        shown, rest = items[:VENN_INSIDE], items[VENN_INSIDE:]
        body = _venn_lines(shown, 19)
        if rest:
            body += f"\n(+{len(rest)} listed at right)"
            overflow.append((names[key], rest))
        ax.text(x, 1.5, f"{textwrap.fill(names[key], 22)}\n({len(items)})", ha="center", va="bottom", fontsize=13, weight="bold")
        ax.text(x, 0, body, ha="center", va="center", fontsize=11, linespacing=1.15,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    ax.set_xlim(-2.35, 2.35)
    ax.set_ylim(-1.6, 2.25)
    ax.set_aspect("equal")
    ax.axis("off")
    if overflow:
        text = "\n\n".join(f"{name} (continued):\n" + _venn_lines(items, 40) for name, items in overflow)
        fig.text(left + width * 0.67, bottom + height, text, fontsize=11, va="top", ha="left", linespacing=1.15)


def _box_exit(centre: tuple[float, float], box: Any, towards: tuple[float, float], margin: float) -> tuple[float, float]:
    """Where the ray from ``centre`` towards ``towards`` leaves ``box`` grown by ``margin`` (display units)."""
    dx, dy = towards[0] - centre[0], towards[1] - centre[1]
    steps = []
    if dx:
        steps.append(((box.x1 + margin if dx > 0 else box.x0 - margin) - centre[0]) / dx)
    if dy:
        steps.append(((box.y1 + margin if dy > 0 else box.y0 - margin) - centre[1]) / dy)
    t = min(steps) if steps else 0.0
    return centre[0] + t * dx, centre[1] + t * dy


def _draw_transitions(fig: Any, spec: ChartSpec, rect: tuple[float, float, float, float]) -> None:
    """Nodes on an ellipse; each arrow runs from the edge of its source box to a gap before its target box."""
    import math

    from matplotlib.patches import FancyArrowPatch

    ax = fig.add_axes(rect)
    ax.set_xlim(-1.75, 1.75)
    ax.set_ylim(-1.2, 1.2)
    ax.axis("off")
    count = len(spec.nodes)
    pos = {n: (1.35 * math.cos(math.pi / 2 - 2 * math.pi * i / count), 0.92 * math.sin(math.pi / 2 - 2 * math.pi * i / count))
           for i, (n, _) in enumerate(spec.nodes)}
    texts = {}
    for node, label in spec.nodes:
        bold = node in spec.highlight
        texts[node] = ax.text(*pos[node], textwrap.fill(label, 16), ha="center", va="center", fontsize=14, zorder=3,
                              weight="bold" if bold else "normal",
                              bbox={"boxstyle": "round,pad=0.45", "facecolor": "white", "edgecolor": "black", "linewidth": 3 if bold else 1.5})
    fig.canvas.draw()
    boxes = {node: t.get_bbox_patch().get_window_extent() for node, t in texts.items()}
    to_data = ax.transData.inverted()
    for source, target, prevalence, basis in spec.edges:
        a, b = ax.transData.transform(pos[source]), ax.transData.transform(pos[target])
        start = _box_exit(tuple(a), boxes[source], tuple(b), 6)
        end = _box_exit(tuple(b), boxes[target], tuple(a), 10)
        ax.add_patch(FancyArrowPatch(
            to_data.transform(start), to_data.transform(end), arrowstyle="-|>", mutation_scale=26, shrinkA=0, shrinkB=0,
            color="black", linewidth=1 + 1.2 * prevalence, linestyle="--" if basis == "external" else "-",
            connectionstyle="arc3,rad=0.08", zorder=2, joinstyle="miter",
        ))


def _draw_heatmap(fig: Any, spec: ChartSpec, rect: tuple[float, float, float, float]) -> None:
    left, bottom, width, height = rect
    ax = fig.add_axes((left + 0.2, bottom, width - 0.27, height - 0.06))
    rows = list(spec.series)
    matrix = [spec.series[r] for r in rows]
    image = ax.imshow(matrix, cmap="Greys", vmin=0, vmax=5, aspect="auto", interpolation="nearest")
    for i, values in enumerate(matrix):
        for j, v in enumerate(values):
            if v:
                ax.text(j, i, f"{v:g}", ha="center", va="center", fontsize=11, color="white" if v >= 3 else "black")
    ax.set_xticks(range(len(spec.axes)), [textwrap.fill(a, 14) for a in spec.axes], fontsize=11)
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(rows)), rows, fontsize=11)
    ax.tick_params(length=0)
    bar = fig.colorbar(image, ax=ax, fraction=0.03, pad=0.01)
    bar.ax.tick_params(labelsize=11)
    bar.set_label("importance (0–5)", fontsize=11)


DRAWERS: dict[str, Callable[[Any, ChartSpec, tuple[float, float, float, float]], None]] = {
    "radar": _draw_radar, "venn": _draw_venn, "transitions": _draw_transitions, "heatmap": _draw_heatmap,
}


def style() -> Any:
    """The matplotlib settings every chart is drawn under (a context manager)."""
    from matplotlib import rc_context

    settings: Any = STYLE  # matplotlib types its keys as literals
    return rc_context(settings)


def figure(spec: ChartSpec, dpi: int = DPI) -> Any:
    """The matplotlib Figure for ``spec`` (call inside :func:`style`); tests read its geometry."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH, _height(spec)), dpi=dpi)
    FigureCanvasAgg(fig)
    title_room = 0.9 * 72 / (fig.get_figheight() * 72)
    fig.suptitle(textwrap.fill(spec.title, 90), fontsize=18, weight="bold", y=1 - 0.25 / fig.get_figheight())
    bottom = _footer(fig, spec)
    top = 1 - title_room - (0.06 if spec.kind == "radar" else 0.0)
    DRAWERS[spec.kind](fig, spec, (0.04, bottom, 0.92, top - bottom))
    return fig


def draw(spec: ChartSpec, fmt: str = "svg", dpi: int = DPI) -> bytes:
    """Render ``spec`` as SVG or PNG bytes (no dates, fixed IDs: the same spec gives the same bytes)."""
    if fmt not in FORMATS:
        raise RolegraphError(f"unknown chart format {fmt!r}", "use svg or png")
    if not 50 <= dpi <= 600:
        raise RolegraphError(f"--dpi {dpi} is out of range", "use a value from 50 to 600 (100 gives 1600 px wide)")
    require("matplotlib")
    with style():
        fig = figure(spec, dpi)
        buffer = io.BytesIO()
        metadata = {"Date": None, "Creator": "rolegraph"} if fmt == "svg" else {"Software": "rolegraph"}
        fig.savefig(buffer, format=fmt, metadata=metadata, dpi=dpi)
    data = buffer.getvalue()
    return data if data.endswith(b"\n") or fmt == "png" else data + b"\n"
