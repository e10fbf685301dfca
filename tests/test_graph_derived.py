"""What networkx derives from the data and the graph commands read back from the cache directory
(rolegraph.graph.derived): equal to networkx's live answers, computed again when the data or the code
changes, and read without importing networkx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from conftest import SWE, TECH_PGM, TECH_PM

from rolegraph import cache, graph
from rolegraph.kb import KnowledgeBase, open_kb

ROLE = "https://w3id.org/rolegraph/id/role/"
PGM = ROLE + "program-manager"

MOVE = """@prefix rg: <https://w3id.org/rolegraph/ns#> .
@prefix role: <https://w3id.org/rolegraph/id/role/> .
@prefix src: <https://w3id.org/rolegraph/id/source/> .
@prefix dct: <http://purl.org/dc/terms/> .
<https://w3id.org/rolegraph/id/link/test-move> a rg:TransitionLink ; rg:role role:{source} ; rg:target role:{target} ;
    rg:prevalence 3 ; rg:basis rg:External ; rg:dimension rg:Background ; dct:source src:E2 .
"""


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def live_route(kb: KnowledgeBase, source: str, target: str) -> list[str] | None:
    try:
        return list(nx.shortest_path(graph.transition_graph(graph.moves_of(kb.named("transitions").records())), source, target, weight="cost"))
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def derived_routes(kb: KnowledgeBase) -> dict[tuple[str, str], list[str] | None]:
    transitions = kb.named("transitions")
    found = graph.moves_of(transitions.records())
    roles = [*found[0], ROLE + "not-a-role"]
    return {(a, b): graph.shortest_route(kb, transitions.rows, found, a, b) for a in roles for b in roles if a != b}


@pytest.mark.parametrize("which", ["kb", "mini_kb"])
def test_stored_routes_are_networkx_shortest_paths(which: str, request: pytest.FixtureRequest) -> None:
    kb = request.getfixturevalue(which)
    for _ in range(2):  # computed and stored, then read back
        found = derived_routes(kb)
        assert found == {(a, b): live_route(kb, a, b) for a, b in found}
        assert list(cache.directory().glob("graph-routes-*"))


def test_a_large_transition_graph_is_routed_live(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graph, "ROUTED_AHEAD", 1)
    found = derived_routes(kb)
    assert found == {(a, b): live_route(kb, a, b) for a, b in found}
    assert any(r is not None and len(r) > 2 for r in found.values())
    assert not list(cache.directory().glob("graph-routes-*")), "nothing derived ahead"


def test_stored_skill_graph_is_networkx_s(kb: KnowledgeBase) -> None:
    live = graph.skill_graph(kb.named("skill-links").records())
    for _ in range(2):  # computed and stored, then read back
        view = graph.skill_view(kb)
        assert view == graph.skill_data(live)
        assert list(view["nodes"]) == list(live.nodes)  # networkx's node order, which ties are listed in
        assert view["degree"] == {n: live.degree(n, weight="weight") for n in live}


def test_derived_values_follow_the_rows_and_the_code(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    rows = [["a", 1]]

    def compute() -> list[int]:
        calls.append(1)
        return [len(calls)]

    assert graph.derived(kb, "test", rows, compute) == [1]
    assert graph.derived(kb, "test", rows, compute) == [1], "read back"
    assert graph.derived(kb, "test", [["a", 2]], compute) == [2], "other rows: computed again"
    monkeypatch.setattr(graph, "_code_stamp", lambda: ["edited"])
    assert graph.derived(kb, "test", [["a", 2]], compute) == [3], "other code: computed again"
    for stored in cache.directory().glob("graph-test-*"):
        stored.write_bytes(b"not marshal")
    assert graph.derived(kb, "test", [["a", 2]], compute) == [4], "unreadable: computed again"


def test_a_changed_data_file_changes_the_route(tmp_path: Path) -> None:
    extra = tmp_path / "move.ttl"
    extra.write_text(MOVE.format(source="program-manager", target="software-engineer"), encoding="utf-8")
    before = graph.path(open_kb([extra]), PGM, TECH_PM).meta["route"]
    assert before == [PGM, SWE, TECH_PM]
    extra.write_text(MOVE.format(source="program-manager", target="technical-product-manager"), encoding="utf-8")  # same file, new rows
    kb = open_kb([extra])
    assert graph.path(kb, PGM, TECH_PM).meta["route"] == [PGM, TECH_PM] == live_route(kb, PGM, TECH_PM)


def test_graph_commands_read_back_without_networkx(cache_dir: Path) -> None:
    script = f"""
import sys
from rolegraph import graph
from rolegraph.kb import open_kb
kb = open_kb()
graph.path(kb, {SWE!r}, {TECH_PM!r}); graph.neighbours(kb, {TECH_PGM!r}); graph.centrality(kb)
print("networkx" in sys.modules)
"""
    env = {"ROLEGRAPH_CACHE_DIR": str(cache_dir), "PATH": ""}
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"], "the first run derives with networkx, the second reads back"
