"""Graph algorithms over the knowledge base (networkx, imported only here).

* role similarity: cosine similarity of weighted skill profiles (a weighted bipartite
  projection of the role–skill graph);
* transition paths: shortest routes in the career-transition graph, and the skills each
  step adds;
* skill centrality: which skills the most roles lean on, weighted by importance.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

import networkx as nx

from rolegraph import transfers
from rolegraph.compare import NOT_RECORDED, UNKNOWN_NOTE, bases, role_labels, skill_differences
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell, Result, Table

#: A skill is worth building for a step when the target role rates it this much higher.
GAP_THRESHOLD = 1


def skill_graph(kb: KnowledgeBase) -> Any:
    """Bipartite graph: role and skill nodes, edges weighted by importance and carrying their link IRIs."""
    graph = nx.Graph()
    for r in kb.named("skill-links").records():
        graph.add_node(r["role"], kind="role", label=r["role_label"])
        graph.add_node(r["skill"], kind="skill", label=r["skill_label"], category=r["category"])
        if graph.has_edge(r["role"], r["skill"]):
            edge = graph.edges[r["role"], r["skill"]]
            edge["weight"] = max(edge["weight"], int(str(r["importance"])))
            edge["links"].append(str(r["link"]))
        else:
            graph.add_edge(r["role"], r["skill"], weight=int(str(r["importance"])), links=[str(r["link"])])
    return graph


def edge_links(graph: Any, nodes: Any) -> list[str]:
    """The link IRIs on every edge touching ``nodes`` (the statements a graph result rests on)."""
    return sorted({link for node in nodes for _, _, links in graph.edges(node, data="links") for link in links})


def _cosine(graph: Any, u: str, v: str) -> float:
    wu = {s: d["weight"] for s, d in graph[u].items()}
    wv = {s: d["weight"] for s, d in graph[v].items()}
    dot = sum(wu[s] * wv[s] for s in wu.keys() & wv.keys())
    norm = math.sqrt(sum(x * x for x in wu.values())) * math.sqrt(sum(x * x for x in wv.values()))
    return dot / norm if norm else 0.0


def similarity_graph(graph: Any) -> Any:
    """Roles joined by the cosine similarity of their skill profiles (``graph``: a :func:`skill_graph`)."""
    roles = {n for n, d in graph.nodes(data=True) if d["kind"] == "role"}
    projected = nx.bipartite.generic_weighted_projected_graph(graph, roles, weight_function=lambda g, u, v: _cosine(g, u, v))
    for n in projected.nodes:
        projected.nodes[n]["label"] = graph.nodes[n]["label"]
    return projected


def neighbours(kb: KnowledgeBase, role: str) -> Result:
    """Roles ranked by the model-aware similarity of :mod:`rolegraph.similarity` (skills, ownership, focus), with its parts."""
    from rolegraph import compare, similarity

    graph = skill_graph(kb)
    if role not in graph:
        raise RolegraphError("this role has no skill profile to compare", "add rg:SkillLink data for it")
    roles = sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "role")
    feats = {p.iri: similarity.features(p) for p in compare.profiles(kb, *roles)}
    sims = {other: similarity.similarity(feats[role], feats[other]) for other in roles if other != role}
    near = nx.Graph()
    near.add_nodes_from((n, {"label": graph.nodes[n]["label"]}) for n in roles)
    near.add_weighted_edges_from((role, other, s.value) for other, s in sims.items())
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


def transition_graph(kb: KnowledgeBase) -> Any:
    """Directed graph of career transitions; edge cost is lower for more common moves."""
    graph = nx.DiGraph()
    for t in kb.named("transitions").records():
        graph.add_node(t["from_role"], label=t["from_label"])
        graph.add_node(t["to_role"], label=t["to_label"])
        prevalence = int(str(t["prevalence"]))
        graph.add_edge(t["from_role"], t["to_role"], cost=4 - prevalence, prevalence=prevalence, link=t["link"], basis=t["basis"])
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
    try:
        route = nx.shortest_path(graph, source, target, weight="cost")
    except (nx.NetworkXNoPath, nx.NodeNotFound):
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
        edge = graph.edges[u, v] if graph.has_edge(u, v) else None
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
        meta={"roles": [source, target], "route": route, "graph": _graph_meta(graph.subgraph(route)) if len(route) > 1 else {}},
    ))


def centrality(kb: KnowledgeBase, top: int = 15) -> Result:
    """Skills ranked by importance-weighted degree across all roles."""
    graph = skill_graph(kb)
    roles = [n for n, d in graph.nodes(data=True) if d["kind"] == "role"]
    skills = [n for n, d in graph.nodes(data=True) if d["kind"] == "skill"]
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


def _graph_meta(graph: Any, weighted: bool = False) -> dict[str, Any]:
    """Nodes and edges of a small graph, for graph-shaped exports (mermaid, charts)."""
    nodes = [{"id": n, "label": graph.nodes[n].get("label", n)} for n in sorted(graph.nodes)]
    edges = []
    for u, v, d in sorted(graph.edges(data=True)):
        edge = {"source": u, "target": v}
        if weighted:
            edge["weight"] = round(d["weight"], 3)
        elif "prevalence" in d:
            edge["prevalence"] = d["prevalence"]
        edges.append(edge)
    return {"nodes": nodes, "edges": edges, "directed": graph.is_directed()}
