"""The local engine sorts the rows of a named query that ends in a plain ORDER BY itself (pyoxigraph's ORDER BY
reads each compared IRI's text from a prepared store): the rows must be exactly those of the query's own ORDER BY."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TECH_PGM, TECH_PM, run_main

from rolegraph import queries, resources
from rolegraph.engines import base, local
from rolegraph.engines.local import LocalEngine
from rolegraph.kb import KnowledgeBase, open_kb
from rolegraph.queries import IRI, ParamValue

ROLE = "https://w3id.org/rolegraph/id/role/"
_SELECT = LocalEngine.select  # not the spy some tests put in its place


def _both(engine: LocalEngine, text: str, params: dict[str, ParamValue], monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """The rows sorted here, and the rows pyoxigraph's ORDER BY gives (no local sorting)."""
    here = _SELECT(engine, text, params)
    with monkeypatch.context() as patch:
        patch.setattr(base, "NAMED_ORDERS", {})
        patch.setattr(local, "NAMED_ORDERS", {})
        theirs = _SELECT(engine, text, params)
    return (here.columns, here.rows), (theirs.columns, theirs.rows)


def test_the_plain_order_by_of_role_links_is_recorded() -> None:
    query = queries.get("role-links")
    base.plan_named(query)
    unordered, keys = base.NAMED_ORDERS[query.text]
    assert keys == (("role", False), ("kind", False), ("importance", True), ("target_label", False), ("link", False))
    assert "ORDER BY" not in unordered and query.text.startswith(unordered)
    assert base.NAMED_PLANS[unordered] == base.NAMED_PLANS[query.text]


@pytest.mark.parametrize("tail", ["ORDER BY ?a LIMIT 3", "ORDER BY STR(?a)", "ORDER BY ?a # why", "ORDER BY DESC(?a + ?b)"])
def test_an_order_by_that_is_not_plain_and_last_stays_in_the_query(tail: str) -> None:
    query = queries.NamedQuery("x", f"SELECT ?a ?b WHERE {{ ?a ?p ?b }}\n{tail}\n")
    base.plan_named(query)
    assert query.text in base.NAMED_PLANS and query.text not in base.NAMED_ORDERS


def test_role_links_is_sent_without_its_order_by(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mechanism is used: pyoxigraph never sorts role-links (and the rows are still in its order)."""
    store = kb.engine.store  # type: ignore[attr-defined]
    sent: list[str] = []

    class Spy:
        def query(self, text: str, **kw: object) -> object:
            sent.append(text)
            return store.query(text, **kw)

    query = queries.get("role-links")
    params = query.coerce({"role": (IRI(TECH_PM), IRI(TECH_PGM))})
    rows = KnowledgeBase(LocalEngine(Spy())).named("role-links", role=(IRI(TECH_PM), IRI(TECH_PGM))).rows  # type: ignore[arg-type]
    assert len(sent) == 1 and "ORDER BY" not in sent[0]
    assert rows == _both(kb.engine, query.text, params, monkeypatch)[1][1]  # type: ignore[arg-type,index]


@pytest.mark.parametrize(
    "args",
    [
        ["compare", "Tech PM", "Technical Program Manager"],
        ["show", "Tech PgM"],
        ["separate", "Tech PM", "Tech PgM"],
        ["shared", "Tech PM", "Tech PgM"],
        ["path", "Software Engineer", "Tech PM"],
        ["why", "Tech PgM", "team"],
    ],
)
def test_every_order_sorted_here_by_a_command_is_the_querys_own(args: list[str], monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Each named query a result command runs, sorted here, gives the rows of its own ORDER BY (on the shipped graph)."""
    checked: list[str] = []

    def spy(self: LocalEngine, text: str, params: dict[str, ParamValue], **kw: object) -> object:
        rows = _SELECT(self, text, params, **kw)  # type: ignore[arg-type]
        if text in base.NAMED_ORDERS and not kw:
            here, theirs = _both(self, text, params, monkeypatch)
            assert here == theirs
            checked.append(text)
        return rows

    monkeypatch.setattr(LocalEngine, "select", spy)
    assert not run_main(monkeypatch, *args, "--format", "json")
    capsys.readouterr()
    assert checked


TRICKY = """
@prefix rg: <https://w3id.org/rolegraph/ns#> .
@prefix role: <https://w3id.org/rolegraph/id/role/> .
@prefix link: <https://w3id.org/rolegraph/id/link/> .
@prefix skill: <https://w3id.org/rolegraph/id/skill/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dct: <http://purl.org/dc/terms/> .
@prefix src: <https://w3id.org/rolegraph/id/source/> .

src:T a rg:Source ; dct:identifier "T1" ; dct:title "Tricky" .
role:a a rg:Role ; skos:prefLabel "Role A"@en .
role:B a rg:Role ; skos:prefLabel "Role B"@en .
skill:x1 skos:prefLabel "alpha"@en .
skill:x2 skos:prefLabel "Alpha"@en .
skill:x3 skos:prefLabel "Éclair"@en-GB .
skill:x4 skos:prefLabel "zeta"@en , "zêta"@fr .
skill:x5 skos:prefLabel "sans anglais"@fr .
skill:x6 skos:prefLabel "alpha"@en .
"""
LINKS = [  # link, role, target, importance (None: none)
    ("l1", "a", "x1", 3), ("l2", "a", "x2", 3), ("L3", "a", "x3", None), ("l4", "a", "x4", 5), ("l5", "a", "x5", 0),
    ("l6", "a", "x6", 3), ("l7", "B", "x1", -1), ("l8", "B", "x3", 12), ("l9", "B", "x2", None), ("é10", "B", "x5", 3),
]


def _tricky(tmp_path: Path, extra: str = "") -> KnowledgeBase:
    text = TRICKY + "".join(
        f"link:{link} a rg:SkillLink ; rg:role role:{role} ; rg:target skill:{target} ; rg:basis rg:External ; "
        f"rg:dimension rg:OtherSkills ; dct:source src:T{'' if importance is None else f' ; rg:importance {importance}'} .\n"
        for link, role, target, importance in LINKS
    ) + extra
    path = tmp_path / "tricky.ttl"
    path.write_text(text, encoding="utf-8")
    return open_kb([resources.ontology_path(), path], include_packaged=False, conform=False)


def test_role_links_sorted_here_match_on_awkward_labels_and_importances(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Case, accents, unlabelled targets, equal labels, missing and negative importances, IRIs out of case order."""
    kb = _tricky(tmp_path)
    query = queries.get("role-links")
    base.plan_named(query)
    params = query.coerce({"role": (IRI(ROLE + "a"), IRI(ROLE + "B"))})
    assert kb.engine._sorted(*base.NAMED_ORDERS[query.text][:1], params, base.NAMED_ORDERS[query.text][1]) is not None  # type: ignore[attr-defined]
    here, theirs = _both(kb.engine, query.text, params, monkeypatch)  # type: ignore[arg-type]
    assert here == theirs
    assert len(here[1]) == len(LINKS)  # type: ignore[index]


def test_a_tie_leaves_the_order_to_the_query(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A link in two dimensions gives two rows equal in every ORDER BY key: the query sorts them, as before."""
    kb = _tricky(tmp_path, "link:l1 rg:dimension rg:TechSkills .\n")
    query = queries.get("role-links")
    base.plan_named(query)
    params = query.coerce({"role": (IRI(ROLE + "a"),)})
    unordered, keys = base.NAMED_ORDERS[query.text]
    assert kb.engine._sorted(unordered, params, keys) is None  # type: ignore[attr-defined]
    here, theirs = _both(kb.engine, query.text, params, monkeypatch)  # type: ignore[arg-type]
    assert here == theirs
