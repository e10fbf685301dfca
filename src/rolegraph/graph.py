"""Graph algorithms over the knowledge base, computed by networkx.

* role neighbours: the model-aware similarity of :mod:`rolegraph.similarity` over the roles of
  the role–skill graph;
* transition paths: shortest routes in the career-transition graph (networkx's Dijkstra), and
  the skills each step adds;
* skill centrality: which skills the most roles lean on (networkx's importance-weighted degree).

Importing networkx takes longer than a whole command, so what it derives from the data is kept
in the cache directory (:mod:`rolegraph.cache`) under the query rows it was derived from, this
module and networkx's version: the skill graph with every node's weighted degree, and the route
networkx's ``shortest_path`` takes between every two roles of the transition graph. A command
reads them back and imports networkx only when the data or the code changed (or the transition
graph is too large to route every pair ahead). tests/test_graph_derived.py holds them to
networkx's live answers.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from rolegraph import transfers
from rolegraph.compare import NOT_RECORDED, UNKNOWN_NOTE, bases, role_labels, skill_differences
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell, Result, Table

#: A skill is worth building for a step when the target role rates it this much higher.
GAP_THRESHOLD = 1
#: Routes between every two roles are derived ahead only for a transition graph of at most this many roles.
ROUTED_AHEAD = 150


def _code_stamp() -> list[object]:
    """This module's and networkx's files (size, modification time): what the derived values also depend on."""
    from importlib.util import find_spec

    from rolegraph import __version__

    spec = find_spec("networkx")
    files = [__file__, *([spec.origin] if spec and spec.origin else [])]
    from rolegraph import cache

    return [__version__, *cache.file_stamp(files)]


def derived(kb: KnowledgeBase, name: str, rows: list[list[Cell]], compute: Callable[[], Any]) -> Any:
    """``compute()``, kept in the cache directory under ``rows`` (the query rows it is computed from) and
    :func:`_code_stamp`: read back while both are unchanged, computed again (and kept) otherwise."""
    from rolegraph import cache

    key = [_code_stamp(), rows]
    path = cache.directory() / cache.file_name(f"graph-{name}", repr([str(f) for f in kb.files]), ".marshal")
    value = cache.load(path, key)
    if value is None:
        value = compute()
        cache.save(path, key, value)
    return value


def skill_graph(links: list[dict[str, Cell]]) -> Any:
    """Bipartite networkx graph of ``skill-links`` rows: role and skill nodes, edges weighted by importance and carrying their link IRIs."""
    import networkx as nx

    graph = nx.Graph()
    for r in links:
        graph.add_node(r["role"], kind="role", label=r["role_label"])
        graph.add_node(r["skill"], kind="skill", label=r["skill_label"], category=r["category"])
        if graph.has_edge(r["role"], r["skill"]):
            edge = graph.edges[r["role"], r["skill"]]
            edge["weight"] = max(edge["weight"], int(str(r["importance"])))
            edge["links"].append(str(r["link"]))
        else:
            graph.add_edge(r["role"], r["skill"], weight=int(str(r["importance"])), links=[str(r["link"])])
    return graph


def skill_view(kb: KnowledgeBase) -> dict[str, Any]:
    """The skill graph as plain data, derived by networkx (see :func:`derived`): ``nodes`` (node → attributes, in
    networkx's order), ``adj`` (node → neighbour → [weight, link IRIs]) and ``degree`` (node → importance-weighted degree)."""
    rows = kb.named("skill-links")
    view: dict[str, Any] = derived(kb, "skills", rows.rows, lambda: skill_data(skill_graph(rows.records())))
    return view


def skill_data(graph: Any) -> dict[str, Any]:
    """The plain form of a :func:`skill_graph` that :func:`skill_view` keeps."""
    return {
        "nodes": dict(graph.nodes(data=True)),
        "adj": {n: {m: [d["weight"], d["links"]] for m, d in graph[n].items()} for n in graph},
        "degree": dict(graph.degree(weight="weight")),
    }


def edge_links(adj: dict[str, dict[str, list[Any]]], nodes: Any) -> list[str]:
    """The link IRIs on every edge touching ``nodes`` (the statements a graph result rests on)."""
    return sorted({link for node in nodes for _, links in adj[node].values() for link in links})


def neighbours(kb: KnowledgeBase, role: str) -> Result:
    """Roles ranked by the model-aware similarity of :mod:`rolegraph.similarity` (skills, ownership, focus), with its parts."""
    from rolegraph import compare, similarity

    view = skill_view(kb)
    nodes, adj = view["nodes"], view["adj"]
    if role not in nodes:
        raise RolegraphError("this role has no skill profile to compare", "add rg:SkillLink data for it")
    roles = sorted(n for n, d in nodes.items() if d["kind"] == "role")
    feats = {p.iri: similarity.features(p) for p in compare.profiles(kb, *roles)}
    sims = {other: similarity.similarity(feats[role], feats[other]) for other in roles if other != role}
    label = nodes[role]["label"]
    rows: list[list[Cell]] = []
    for other in sorted(sims, key=lambda o: (-round(sims[o].value, 6), nodes[o]["label"])):
        s = sims[other]
        common = sorted(set(adj[role]) & set(adj[other]), key=lambda k: (-(adj[role][k][0] + adj[other][k][0]), nodes[k]["label"]))
        rows.append([
            nodes[other]["label"], round(s.value, 3), ", ".join(nodes[k]["label"] for k in common[:5]),
            *("—" if s.parts[p] is None else round(float(s.parts[p] or 0.0), 3) for p in similarity.WEIGHTS),
            s.reason(feats[role], feats[other]),
        ])
    table = Table(f"Roles nearest to {label}", ["role", "similarity", "strongest shared skills", "skills", "ownership", "focus", "why"], rows)
    notes = [f"Similarity weighs what each role owns and focuses on, not only skill overlap: {similarity.FORMULA}"]
    by_skills = max(sims, key=lambda o: (float(sims[o].parts["skills"] or 0.0), nodes[o]["label"]))
    if rows and by_skills != role and nodes[by_skills]["label"] != rows[0][0]:
        notes.append(
            f"By skill overlap alone the nearest role would be {nodes[by_skills]['label']} "
            f"(skills {sims[by_skills].parts['skills']:.3f}); {rows[0][0]} comes first because {rows[0][-1]}."
        )
    used = edge_links(adj, roles) + sorted({str(link["link"]) for f in compare.profiles(kb, *roles) for link in f.links
                                            if link["kind"] in ("ownership", "focus")})
    near = [(min(role, other), max(role, other), {"weight": round(s.value, 3)}) for other, s in sims.items()]  # as an undirected graph lists them
    return kb.attribute(Result(
        table.title,
        [table],
        sources=kb.statement_refs(used),
        notes=notes,
        kind="neighbours",
        meta={"role": role, "graph": _graph_meta({n: nodes[n]["label"] for n in roles}, near, directed=False), "subjects": sorted({*roles, *used})},
    ))


Moves = tuple[dict[str, Cell], dict[tuple[str, str], dict[str, Any]]]


def moves_of(transitions: list[dict[str, Cell]]) -> Moves:
    """``transitions`` rows as the transition graph's nodes (role → label) and edges ((from, to) → cost, prevalence,
    link, basis), in the order networkx adds them; a lower cost for a more common move."""
    labels: dict[str, Cell] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for t in transitions:
        labels[str(t["from_role"])] = t["from_label"]
        labels[str(t["to_role"])] = t["to_label"]
        prevalence = int(str(t["prevalence"]))
        edges[str(t["from_role"]), str(t["to_role"])] = {"cost": 4 - prevalence, "prevalence": prevalence, "link": t["link"], "basis": t["basis"]}
    return labels, edges


def transition_graph(found: Moves) -> Any:
    """The directed networkx graph of career transitions (see :func:`moves_of`)."""
    import networkx as nx

    labels, edges = found
    graph = nx.DiGraph()
    graph.add_nodes_from((n, {"label": label}) for n, label in labels.items())
    graph.add_edges_from((u, v, d) for (u, v), d in edges.items())
    return graph


def all_routes(graph: Any) -> dict[str, dict[str, list[str]]]:
    """networkx's ``shortest_path`` (by cost) from every node of ``graph`` to every other node it reaches."""
    import networkx as nx

    return {s: {t: nx.shortest_path(graph, s, t, weight="cost") for t in sorted(nx.descendants(graph, s))} for s in graph}


def shortest_route(kb: KnowledgeBase, transitions: list[list[Cell]], found: Moves, source: str, target: str) -> list[str] | None:
    """The shortest route from ``source`` to ``target`` (networkx's, by cost), None when there is none.

    ``transitions``: the rows ``found`` comes from. Read from :func:`all_routes` derived once for the data,
    or asked of networkx directly when the graph has more than :data:`ROUTED_AHEAD` roles."""
    if len(found[0]) <= ROUTED_AHEAD:
        known: dict[str, dict[str, list[str]]] = derived(kb, "routes", transitions, lambda: all_routes(transition_graph(found)))
        return known.get(source, {}).get(target)
    import networkx as nx

    try:
        return list(nx.shortest_path(transition_graph(found), source, target, weight="cost"))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def skill_gap(kb: KnowledgeBase, source: str, target: str) -> list[dict[str, Cell]]:
    """Skills ``target`` rates at least :data:`GAP_THRESHOLD` higher than ``source``, biggest need first."""
    return [r for r in skill_differences(kb, target, source, GAP_THRESHOLD) if r["favours"] == "a"]


def path(kb: KnowledgeBase, source: str, target: str) -> Result:
    """What someone in ``source`` must build to move to ``target``: the route and each step's skills."""
    transitions = kb.named("transitions")
    found = moves_of(transitions.records())
    nodes, edges = found
    labels = role_labels(kb, source, target, *nodes)  # the roles a route can pass through
    if source == target:
        raise RolegraphError(f"{labels.get(source, source)} is already the target role", "pick two different roles")
    notes: list[str] = []
    route = shortest_route(kb, transitions.rows, found, source, target)
    if route is None:
        route = [source, target]
        notes.append(
            f"The knowledge base records no career transition from {labels.get(source)} to {labels.get(target)}; "
            "the steps below are the skill gap alone."
        )
    steps = Table("Route", ["step", "from", "to", "how common", "basis", "sources"])
    moves = Table("What transfers", ["step", *transfers.MOVE_COLUMNS])
    skills = Table("Skills to build", ["step", "rank", "skill", "category", "need (target)", "have (now)", "gap", "basis", "sources"])
    used: list[str] = []
    guides: list[tuple[int, dict[str, Cell]]] = []
    move_rows: list[dict[str, Cell]] = []
    facts: list[dict[str, Cell]] = []
    for number, (u, v) in enumerate(itertools.pairwise(route), start=1):
        edge = edges.get((u, v))
        step_moves = transfers.transfer_rows(kb, u, v)
        step_guides = transfers.guide_rows(kb, u, v)
        gap = skill_gap(kb, u, v)
        step_links = [edge["link"] if edge else None, *(r["link"] for r in step_moves), *(g["guide"] for g in step_guides),
                      *(r[f"link_{side}"] for r in gap for side in "ab")]
        kb.sources_by_statement(str(x) for x in step_links if x)  # the step's sources in one query
        if edge:
            used.append(str(edge["link"]))
        steps.rows.append([
            number, labels[u], labels[v],
            f"{edge['prevalence']}/3" if edge else "no recorded transition",
            edge["basis"] if edge else "",
            kb.source_ids([str(edge["link"])]) if edge else "",
        ])
        moves.rows += transfers.side_by_side(kb, step_moves, number)
        guides += [(number, g) for g in step_guides]
        step_facts = kb.named("transition-facts", from_role=u, to_role=v).records()
        move_rows += step_moves
        facts += step_facts
        used += [str(r["link"]) for r in step_moves] + [str(g["guide"]) for g in step_guides]
        for rank, r in enumerate(gap, start=1):
            links = [str(x) for x in (r["link_a"], r["link_b"]) if x]
            used += links
            skills.rows.append([
                number, rank, r["label"], r["category"], r["importance_a"], r["importance_b"] if r["link_b"] else NOT_RECORDED, r["difference"],
                bases([r["basis_a"], r["basis_b"]]), kb.source_ids(links),
            ])
    notes.append(f"A skill is listed when the next role rates it at least {GAP_THRESHOLD} higher (0–5 scale) than the current one.")
    if any(row[5] == NOT_RECORDED for row in skills.rows):
        notes.append(UNKNOWN_NOTE)
    notes = transfers.seed_framing(facts) + notes + transfers.move_notes(kb, move_rows, [g for _, g in guides], facts)
    tables = [steps] + ([moves] if moves.rows else []) + ([transfers.guide_table(kb, guides)] if guides else []) + [skills]
    return kb.attribute(Result(
        f"From {labels[source]} to {labels[target]}",
        tables,
        sources=kb.statement_refs(used),
        notes=notes,
        kind="path",
        meta={"roles": [source, target], "route": route, "graph": _route_meta(found, route) if len(route) > 1 else {}},
    ))


def centrality(kb: KnowledgeBase, top: int = 15) -> Result:
    """Skills ranked by importance-weighted degree across all roles."""
    view = skill_view(kb)
    nodes, adj, degree = view["nodes"], view["adj"], view["degree"]
    roles = [n for n, d in nodes.items() if d["kind"] == "role"]
    skills = [n for n, d in nodes.items() if d["kind"] == "skill"]
    max_weight = 5 * max(len(roles), 1)
    ranked = sorted(skills, key=lambda s: (-degree[s], nodes[s]["label"]))
    table = Table("Most central skills", ["rank", "skill", "category", "roles needing it (≥3)", "weighted degree", "centrality"])
    for rank, s in enumerate(ranked[:top], start=1):
        strong = sorted(nodes[r]["label"] for r, (weight, _) in adj[s].items() if weight >= 3)
        table.rows.append([rank, nodes[s]["label"], nodes[s]["category"], len(strong), degree[s], round(degree[s] / max_weight, 3)])
    used = edge_links(adj, ranked[:top])
    return kb.attribute(Result(
        table.title,
        [table],
        sources=kb.statement_refs(used),
        notes=[f"Centrality = sum of importances across the {len(roles)} roles ÷ the maximum possible ({max_weight})."],
        kind="centrality",
        meta={"subjects": sorted({*ranked[:top], *used})},
    ))


def _route_meta(found: Moves, route: list[str]) -> dict[str, Any]:
    """The transition graph's part among the roles of ``route`` (every transition between two of them)."""
    labels, edges = found
    on = set(route) & labels.keys()
    return _graph_meta({n: labels[n] for n in on}, [(u, v, {"prevalence": d["prevalence"]}) for (u, v), d in edges.items() if u in on and v in on],
                       directed=True)


def _graph_meta(labels: dict[str, Cell], edges: list[tuple[str, str, dict[str, Any]]], directed: bool) -> dict[str, Any]:
    """Nodes (id → label) and edges of a small graph, for graph-shaped exports (mermaid, charts)."""
    return {
        "nodes": [{"id": n, "label": labels[n]} for n in sorted(labels)],
        "edges": [{"source": u, "target": v, **extra} for u, v, extra in sorted(edges, key=lambda e: (e[0], e[1]))],
        "directed": directed,
    }
