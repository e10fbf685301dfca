"""Named queries: headers, golden results on the fixture graph, bound parameters, read-only checks.

Regenerate the golden files with ``UPDATE_GOLDEN=1 python -m pytest tests/test_queries.py``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolegraph import queries
from rolegraph.errors import QueryError
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import IRI
from rolegraph.sparql import run_query

GOLDEN = Path(__file__).parent / "golden" / "queries"
ROLE = "https://w3id.org/rolegraph/id/role/"
#: Values for the role parameters on the fixture graph (other parameters use their defaults).
PARAMS = {"role": ROLE + "alpha", "a": ROLE + "alpha", "b": ROLE + "beta", "from_role": ROLE + "gamma", "to_role": ROLE + "alpha",
          "statement": "https://w3id.org/rolegraph/id/link/alpha-focus", "written": "XM", "source": "https://w3id.org/rolegraph/id/source/M2",
          "id": "DX"}


def test_every_query_has_a_header() -> None:
    for q in queries.catalogue().values():
        assert q.summary, q.name
        assert q.columns, q.name
        for p in q.params:
            assert p.type in queries.PARAM_TYPES


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_named_query_golden(mini_kb: KnowledgeBase, name: str) -> None:
    query = queries.get(name)
    params = {p.name: IRI(PARAMS[p.name]) if p.type == "iri" else PARAMS[p.name] for p in query.params if p.name in PARAMS}
    rows = mini_kb.named(name, **params)
    assert rows.columns == list(query.columns), "the #+ columns header must match the SELECT"
    ordered = re.search(r"\bORDER\s+BY\b", queries.code_only(query.text), re.IGNORECASE)
    got = {"columns": rows.columns, "rows": rows.rows if ordered else sorted(rows.rows, key=repr)}
    path = GOLDEN / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(("bound", "whole"), [("source-info", "sources"), ("attributions-of", "attributions")])
def test_a_bound_source_query_gives_the_whole_querys_rows_of_those_sources(kb: KnowledgeBase, bound: str, whole: str) -> None:
    columns = queries.get(bound).columns
    rows = [{c: r[c] for c in columns} for r in kb.named(whole).records()]
    sources = sorted({str(r["source"]) for r in rows})
    assert len(sources) > 2
    for some in (sources, sources[::3]):
        got = kb.named(bound, source=tuple(IRI(s) for s in some)).records()
        assert sorted(got, key=repr) == sorted((r for r in rows if r["source"] in some), key=repr)


def test_disagreements_bound_to_ids_give_the_whole_querys_rows_of_those_ids(kb: KnowledgeBase) -> None:
    rows = kb.named("disagreements").records()
    ids = sorted({str(r["id"]) for r in rows})
    assert len(ids) > 2
    for some in (ids, ids[::3], ids[1:2]):
        assert kb.named("disagreements-of", id=tuple(some)).records() == [r for r in rows if r["id"] in some]  # in the same order


def test_a_sources_attribution_travels_with_results_drawing_on_it(mini_kb: KnowledgeBase) -> None:
    from rolegraph.compare import show

    notice = "Includes material from Mini external (A. Writer)."  # rg:attribution of source M2 in tests/fixtures/mini.ttl
    beta = show(mini_kb, ROLE + "beta")
    assert [s.id for s in beta.sources] == ["M2"] and notice in beta.attribution
    assert mini_kb.attributions([]) == []


@pytest.mark.parametrize("text", [
    "DELETE WHERE { ?s ?p ?o }",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "SELECT * WHERE { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }",
    "LOAD <http://evil.example/data.ttl>",
    "SELECT * FROM <http://evil.example/g> WHERE { ?s ?p ?o }",
    "select * where { service <http://x/> { ?s ?p ?o } }",
])
def test_unsafe_queries_are_refused(text: str) -> None:
    with pytest.raises(QueryError, match="does not run"):
        queries.check_read_only(text)


def test_keywords_inside_strings_iris_and_names_are_fine() -> None:
    queries.check_read_only('SELECT ?load ?from WHERE { ?load <http://e/insert> "DELETE SERVICE" . # LOAD\n ?from ?p ?o }')


def test_user_query_file_runs_with_params(mini_kb: KnowledgeBase, tmp_path: Path) -> None:
    q = tmp_path / "mine.rq"
    q.write_text("PREFIX rg: <https://w3id.org/rolegraph/ns#>\nSELECT ?skill ?i WHERE { ?l rg:role ?role ; rg:target ?skill ; rg:importance ?i } "
                 "ORDER BY DESC(?i) ?skill", encoding="utf-8")
    result = run_query(mini_kb, str(q), [f"role=<{ROLE}beta>"])
    assert result.table.rows[0] == [ "https://w3id.org/rolegraph/id/skill/scheduling", 5]


def test_user_update_file_is_refused(mini_kb: KnowledgeBase, tmp_path: Path) -> None:
    q = tmp_path / "drop.rq"
    q.write_text("DROP ALL", encoding="utf-8")
    with pytest.raises(QueryError):
        run_query(mini_kb, str(q), [])


def test_unknown_parameter_and_bad_iri(mini_kb: KnowledgeBase) -> None:
    with pytest.raises(QueryError, match="no parameter"):
        mini_kb.named("skill-profile", role=IRI(PARAMS["role"]), colour="red")
    with pytest.raises(QueryError, match="not an absolute IRI"):
        queries.check_iri("<http://e/> } ; DROP ALL ; {")


@given(st.one_of(st.text(), st.from_regex(r"[A-Za-z][A-Za-z0-9+.-]*:.*", fullmatch=True),
                 st.builds(lambda t: "https://w3id.org/rolegraph/id/" + t, st.text())))
def test_an_iri_is_refused_for_a_missing_scheme_or_any_character_an_iriref_excludes(value: str) -> None:
    """check_iri's one pattern says what a scheme at the start and a search for the excluded characters said."""
    safe = re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value) and not re.search(r'[\x00-\x20<>"{}|^`\\]', value)
    try:
        assert queries.check_iri(value) == value and safe
    except QueryError:
        assert not safe


@given(st.text())
def test_bound_strings_cannot_escape_their_literal(mini_kb: KnowledgeBase, value: str) -> None:
    """Whatever text a user gives, binding it never changes the query's shape."""
    rows = mini_kb.select("SELECT ?x WHERE { BIND(?v AS ?x) }", v=value).rows
    assert rows == [[value]]


def test_a_tuple_binds_each_value(mini_kb: KnowledgeBase) -> None:
    alpha, beta = IRI(PARAMS["a"]), IRI(PARAMS["b"])
    both = mini_kb.named("role-links", role=(alpha, beta)).rows
    singles = mini_kb.named("role-links", role=alpha).rows + mini_kb.named("role-links", role=beta).rows
    assert sorted(both, key=repr) == sorted(singles, key=repr)
    assert queries.values_block({"role": (alpha, beta), "n": 2}) == (
        f"VALUES (?role ?n) {{ (<{alpha}> 2) (<{beta}> 2) }}"
    )
    with pytest.raises(QueryError, match="at least one value"):
        mini_kb.named("role-links", role=())


def test_role_links_reads_a_kinds_details_only_for_links_of_that_kind(tmp_path: Path) -> None:
    """A rarer kind's detail (its property's rdfs:domain: stance, prevalence, …) and a team link's counts are read only
    for links of that kind, so a link of another kind costs no lookup for them (a stray one is not shown)."""
    from rolegraph import resources
    from rolegraph.kb import open_kb

    stray = tmp_path / "stray.ttl"
    stray.write_text(
        "@prefix rg: <https://w3id.org/rolegraph/ns#> .\n@prefix link: <https://w3id.org/rolegraph/id/link/> .\n"
        "link:alpha-discovery rg:stance rg:Owns ; rg:minCount 2 ; rg:prevalence 3 .\n"
    )
    fixtures = Path(__file__).parent / "fixtures"
    kb = open_kb([resources.ontology_path(), fixtures / "mini.ttl", stray], include_packaged=False, conform=False)
    rows = {str(r["link"]).rsplit("/", 1)[1]: r for r in kb.named("role-links", role=IRI(PARAMS["a"])).records()}
    skill, ownership = rows["alpha-discovery"], rows["alpha-what"]
    assert (skill["importance"], skill["stance"], skill["min_count"], skill["prevalence"]) == (5, None, None, None)
    assert ownership["stance"] == "owns"
