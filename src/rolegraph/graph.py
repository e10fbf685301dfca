"""Graph answers over the knowledge base: nearest roles, transition routes, central skills.

* nearest roles: the model-aware similarity of :mod:`rolegraph.similarity` over the role–skill graph;
* transition paths: the cheapest route in the career-transition graph (Dijkstra), and the skills
  each step adds;
* skill centrality: which skills the most roles lean on, weighted by importance.

The graphs have tens of nodes, so they are plain dictionaries: importing networkx cost more
than four times ``python -c pass`` on every graph command (benchmarks/bench_cli.py). The tests
check the routes against networkx's shortest paths.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

from rolegraph import transfers
from rolegraph.compare import NOT_RECORDED, UNKNOWN_NOTE, bases, role_labels, skill_differences
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell, Result, Table

#: A skill is worth building for a step when the target role rates it this much higher.
GAP_THRESHOLD = 1


class Graph:
    """Nodes and edges with attributes, in the order they were added (networkx's model, the part these answers use)."""

    def __init__(self, directed: bool = False) -> None:
        self.directed = directed
        self.nodes: dict[str, dict[str, Any]] = {}
        self.adj: dict[str, dict[str, dict[str, Any]]] = {}

    def __contains__(self, node: object) -> bool:
        return node in self.nodes

    def __getitem__(self, node: str) -> dict[str, dict[str, Any]]:
        """The neighbours of ``node`` (successors in a directed graph), each with the edge's attributes."""
        return self.adj[node]

    def add_node(self, node: str, **attrs: Any) -> None:
        self.nodes.setdefault(node, {}).update(attrs)
        self.adj.setdefault(node, {})

    def add_edge(self, u: str, v: str, **attrs: Any) -> None:
        self.add_node(u)
        self.add_node(v)
        data = self.adj[u].setdefault(v, {})
        data.update(attrs)
        if not self.directed:
            self.adj[v][u] = data

    def edges(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every edge once with its attributes (an undirected one from the node added first)."""
        seen: set[str] = set()
        for u, near in self.adj.items():
            for v, data in near.items():
                if self.directed or v not in seen:
                    yield u, v, data
            seen.add(u)

    def degree(self, node: str, weight: str) -> Any:
        """The sum of ``weight`` over the edges of ``node``."""
        return sum(data[weight] for data in self.adj[node].values())

    def subgraph(self, nodes: Iterable[str]) -> Graph:
        """The graph of ``nodes`` and the edges between them."""
        keep = set(nodes)
        sub = Graph(self.directed)
        for n in (n for n in self.nodes if n in keep):
            sub.add_node(n, **self.nodes[n])
        for u, v, data in self.edges():
            if u in keep and v in keep:
                sub.add_edge(u, v, **data)
        return sub


def cheapest_route(graph: Graph, source: str, target: str, weight: str) -> list[str] | None:
    """The route from ``source`` to ``target`` whose edges' ``weight`` sums least (Dijkstra), or None when there is none."""
    if source not in graph or target not in graph:
        return None
    done: dict[str, Any] = {}
    best: dict[str, Any] = {source: 0}
    previous: dict[str, str] = {}
    order = itertools.count()
    queue: list[tuple[Any, int, str]] = [(0, next(order), source)]
    while queue:
        cost, _, node = heapq.heappop(queue)
        if node in done:
            continue
        done[node] = cost
        if node == target:
            break
        for near, data in graph[node].items():
            total = cost + data[weight]
            if near not in done and (near not in best or total < best[near]):
                best[near], previous[near] = total, node
                heapq.heappush(queue, (total, next(order), near))
    if target not in done:
        return None
    route = [target]
    while route[-1] != source:
        route.append(previous[route[-1]])
    return route[::-1]


def skill_graph(kb: KnowledgeBase) -> Graph:
    """Bipartite graph: role and skill nodes, edges weighted by importance and carrying their link IRIs."""
    graph = Graph()
    for r in kb.named("skill-links").records():
        role, skill = str(r["role"]), str(r["skill"])
        graph.add_node(role, kind="role", label=r["role_label"])
        graph.add_node(skill, kind="skill", label=r["skill_label"], category=r["category"])
        edge = graph[role].get(skill)
        if edge:
            edge["weight"] = max(edge["weight"], int(str(r["importance"])))
            edge["links"].append(str(r["link"]))
        else:
            graph.add_edge(role, skill, weight=int(str(r["importance"])), links=[str(r["link"])])
    return graph


def edge_links(graph: Graph, nodes: Iterable[str]) -> list[str]:
    """The link IRIs on every edge touching ``nodes`` (the statements a graph result rests on)."""
    return sorted({link for node in nodes for edge in graph[node].values() for link in edge["links"]})


def neighbours(kb: KnowledgeBase, role: str) -> Result:
    """Roles ranked by the model-aware similarity of :mod:`rolegraph.similarity` (skills, ownership, focus), with its parts."""
    from rolegraph import compare, similarity

    graph = skill_graph(kb)
    if role not in graph:
        raise RolegraphError("this role has no skill profile to compare", "add rg:SkillLink data for it")
    roles = sorted(n for n, d in graph.nodes.items() if d["kind"] == "role")
    feats = {p.iri: similarity.features(p) for p in compare.profiles(kb, *roles)}
    sims = {other: similarity.similarity(feats[role], feats[other]) for other in roles if other != role}
    near = Graph()
    for n in roles:
        near.add_node(n, label=graph.nodes[n]["label"])
    for other, s in sims.items():
        near.add_edge(role, other, weight=s.value)
    label = graph.nodes[role]["label"]
    rows: list[list[Cell]] = []
    for other in sorted(sims, key=lambda o: (-round(sims[o].value, 6), graph.nodes[o]["label"])):
        s = sims[other]
        common = sorted(set(graph[role]) & set(graph[other]), key=lambda k: (-(graph[role][k]["weight"] + graph[other][k]["weight"]), graph.nodes[k]["label"]))
        rows.append([
            graph.nodes[other]["label"], round(s.value, 3), ", ".join(graph.nodes[k]["label"] for k in common[:5]),
            *("—" if s.parts[p] is None else round(float(s.parts[p] or 0.0), 3) for p in similarity.WEIGHTS),
            s.reason(feats[role], feats[other]),
        ])
    table = Table(f"Roles nearest to {label}", ["role", "similarity", "strongest shared skills", "skills", "ownership", "focus", "why"], rows)
    notes = [f"Similarity weighs what each role owns and focuses on, not only skill overlap: {similarity.FORMULA}"]
    by_skills = max(sims, key=lambda o: (float(sims[o].parts["skills"] or 0.0), graph.nodes[o]["label"]))
    if rows and by_skills != role and graph.nodes[by_skills]["label"] != rows[0][0]:
        notes.append(
            f"By skill overlap alone the nearest role would be {graph.nodes[by_skills]['label']} "
            f"(skills {sims[by_skills].parts['skills']:.3f}); {rows[0][0]} comes first because {rows[0][-1]}."
        )
    used = edge_links(graph, roles) + sorted({str(link["link"]) for f in compare.profiles(kb, *roles) for link in f.links
                                              if link["kind"] in ("ownership", "focus")})
    return kb.attribute(Result(
        table.title,
        [table],
        sources=kb.statement_refs(used),
        notes=notes,
        kind="neighbours",
        meta={"role": role, "graph": _graph_meta(near, weighted=True), "subjects": sorted({*roles, *used})},
    ))


def transition_graph(kb: KnowledgeBase) -> Graph:
    """Directed graph of career transitions; edge cost is lower for more common moves."""
    graph = Graph(directed=True)
    for t in kb.named("transitions").records():
        source, target = str(t["from_role"]), str(t["to_role"])
        graph.add_node(source, label=t["from_label"])
        graph.add_node(target, label=t["to_label"])
        prevalence = int(str(t["prevalence"]))
        graph.add_edge(source, target, cost=4 - prevalence, prevalence=prevalence, link=t["link"], basis=t["basis"])
    return graph


def skill_gap(kb: KnowledgeBase, source: str, target: str) -> list[dict[str, Cell]]:
    """Skills ``target`` rates at least :data:`GAP_THRESHOLD` higher than ``source``, biggest need first."""
    return [r for r in skill_differences(kb, target, source, GAP_THRESHOLD) if r["favours"] == "a"]


def path(kb: KnowledgeBase, source: str, target: str) -> Result:
    """What someone in ``source`` must build to move to ``target``: the route and each step's skills."""
    graph = transition_graph(kb)
    labels = role_labels(kb, source, target, *graph.nodes)  # the roles a route can pass through
    if source == target:
        raise RolegraphError(f"{labels.get(source, source)} is already the target role", "pick two different roles")
    notes: list[str] = []
    route = cheapest_route(graph, source, target, "cost")
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
        edge = graph[u].get(v) if u in graph else None
        if edge:
            used.append(str(edge["link"]))
        steps.rows.append([
            number, labels[u], labels[v],
            f"{edge['prevalence']}/3" if edge else "no recorded transition",
            edge["basis"] if edge else "",
            kb.source_ids([str(edge["link"])]) if edge else "",
        ])
        step_moves = transfers.transfer_rows(kb, u, v)
        moves.rows += transfers.side_by_side(kb, step_moves, number)
        step_guides = transfers.guide_rows(kb, u, v)
        guides += [(number, g) for g in step_guides]
        step_facts = kb.named("transition-facts", from_role=u, to_role=v).records()
        move_rows += step_moves
        facts += step_facts
        used += [str(r["link"]) for r in step_moves] + [str(g["guide"]) for g in step_guides]
        for rank, r in enumerate(skill_gap(kb, u, v), start=1):
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
        meta={"roles": [source, target], "route": route, "graph": _graph_meta(graph.subgraph(route)) if len(route) > 1 else {}},
    ))


def centrality(kb: KnowledgeBase, top: int = 15) -> Result:
    """Skills ranked by importance-weighted degree across all roles."""
    graph = skill_graph(kb)
    roles = [n for n, d in graph.nodes.items() if d["kind"] == "role"]
    skills = [n for n, d in graph.nodes.items() if d["kind"] == "skill"]
    max_weight = 5 * max(len(roles), 1)
    ranked = sorted(skills, key=lambda s: (-graph.degree(s, weight="weight"), graph.nodes[s]["label"]))
    table = Table("Most central skills", ["rank", "skill", "category", "roles needing it (≥3)", "weighted degree", "centrality"])
    for rank, s in enumerate(ranked[:top], start=1):
        strong = sorted(graph.nodes[r]["label"] for r in graph[s] if graph[s][r]["weight"] >= 3)
        degree = graph.degree(s, weight="weight")
        table.rows.append([rank, graph.nodes[s]["label"], graph.nodes[s]["category"], len(strong), degree, round(degree / max_weight, 3)])
    used = edge_links(graph, ranked[:top])
    return kb.attribute(Result(
        table.title,
        [table],
        sources=kb.statement_refs(used),
        notes=[f"Centrality = sum of importances across the {len(roles)} roles ÷ the maximum possible ({max_weight})."],
        kind="centrality",
        meta={"subjects": sorted({*ranked[:top], *used})},
    ))


def _graph_meta(graph: Graph, weighted: bool = False) -> dict[str, Any]:
    """Nodes and edges of a small graph, for graph-shaped exports (mermaid, charts)."""
    nodes = [{"id": n, "label": graph.nodes[n].get("label", n)} for n in sorted(graph.nodes)]
    edges = []
    for u, v, d in sorted(graph.edges()):
        edge = {"source": u, "target": v}
        if weighted:
            edge["weight"] = round(d["weight"], 3)
        elif "prevalence" in d:
            edge["prevalence"] = d["prevalence"]
        edges.append(edge)
    return {"nodes": nodes, "edges": edges, "directed": graph.directed}
