"""The graph answers' own small graph and route finder, checked against networkx (the reference)."""

from __future__ import annotations

import itertools

import networkx as nx
from hypothesis import given
from hypothesis import strategies as st

from rolegraph import graph
from rolegraph.kb import KnowledgeBase

NODES = [f"n{i}" for i in range(6)]
EDGES = st.lists(st.tuples(st.sampled_from(NODES), st.sampled_from(NODES), st.integers(min_value=1, max_value=3)), max_size=20)


def _both(edges: list[tuple[str, str, int]], directed: bool) -> tuple[graph.Graph, nx.Graph]:
    ours, ref = graph.Graph(directed), nx.DiGraph() if directed else nx.Graph()
    for u, v, cost in edges:
        ours.add_edge(u, v, cost=cost)
        ref.add_edge(u, v, cost=cost)
    return ours, ref


def test_routes_on_the_shipped_data_are_networkx_shortest_paths(kb: KnowledgeBase) -> None:
    moves = graph.transition_graph(kb)
    ref = nx.DiGraph()
    for u, v, data in moves.edges():
        ref.add_edge(u, v, **data)
    assert len(moves.nodes) > 3
    for a in moves.nodes:
        for b in moves.nodes:
            if a != b:
                expected = nx.shortest_path(ref, a, b, weight="cost") if nx.has_path(ref, a, b) else None
                assert graph.cheapest_route(moves, a, b, "cost") == expected, (a, b)


@given(EDGES, st.sampled_from(NODES), st.sampled_from(NODES))
def test_a_route_is_a_cheapest_path_or_none_when_there_is_none(edges: list[tuple[str, str, int]], a: str, b: str) -> None:
    ours, ref = _both(edges, directed=True)
    route = graph.cheapest_route(ours, a, b, "cost")
    if a not in ref or b not in ref or not nx.has_path(ref, a, b):
        assert route is None
        return
    assert route is not None and route[0] == a and route[-1] == b
    assert sum(ours[u][v]["cost"] for u, v in itertools.pairwise(route)) == nx.dijkstra_path_length(ref, a, b, weight="cost")


@given(EDGES, st.booleans())
def test_edges_and_subgraph_match_networkx(edges: list[tuple[str, str, int]], directed: bool) -> None:
    ours, ref = _both(edges, directed)
    assert list(ours.nodes) == list(ref.nodes)
    assert [(u, v, d["cost"]) for u, v, d in ours.edges()] == [(u, v, d["cost"]) for u, v, d in ref.edges(data=True)]
    keep = NODES[::2]
    assert {frozenset((u, v)) for u, v, _ in ours.subgraph(keep).edges()} == {frozenset(e) for e in ref.subgraph(keep).edges()}
    if directed:
        assert sorted((u, v) for u, v, _ in ours.subgraph(keep).edges()) == sorted(ref.subgraph(keep).edges())


@given(EDGES)
def test_weighted_degree_matches_networkx(edges: list[tuple[str, str, int]]) -> None:
    ours, ref = _both([(u, v, cost) for u, v, cost in edges if u != v], directed=False)  # the role–skill graph has no loops
    assert all(ours.degree(n, "cost") == ref.degree(n, weight="cost") for n in ours.nodes)
