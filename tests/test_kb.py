"""The knowledge base: loading, coverage of the fact sheet, what the data must say."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, TECH_PGM, TECH_PM

from rolegraph import open_kb, queries
from rolegraph.engines import local
from rolegraph.engines.local import LocalEngine
from rolegraph.errors import DataFileError
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import IRI


def fact_ids() -> list[str]:
    return [line for line in (FIXTURES / "fact_ids.txt").read_text().splitlines() if line and not line.startswith("#")]


def test_every_fact_of_the_sheet_is_in_the_graph(kb: KnowledgeBase) -> None:
    rows = kb.select(
        "PREFIX dct: <http://purl.org/dc/terms/> PREFIX rg: <https://w3id.org/rolegraph/ns#> "
        "SELECT ?id ?basis ?source WHERE { ?f a rg:Fact ; dct:identifier ?id ; rg:basis ?basis ; dct:source ?source }"
    ).records()
    found = {str(r["id"]) for r in rows}
    missing = sorted(set(fact_ids()) - found)
    assert not missing, missing
    assert len(fact_ids()) >= 110


def test_seed_facts_are_marked_as_seed(kb: KnowledgeBase) -> None:
    facts = {str(f["id"]): f["basis"] for role in (TECH_PM, TECH_PGM) for f in kb.named("facts", role=role).records()}
    assert facts["TPM-B1"] == "seed"  # most popular route: from Software Engineer
    assert facts["TPM-F2"] == "seed-article"  # owns what and why
    assert facts["PGM-F2"] == "seed-article"  # owns who and when
    assert facts["PGM-D2"] == "external"  # day-to-day comes from outside sources


def test_tpm_is_recorded_as_ambiguous(kb: KnowledgeBase) -> None:
    rows = [r for r in kb.named("abbreviations").records() if r["short_form"] == "TPM"]
    assert {r["role_label"] for r in rows} >= {"Technical Product Manager", "Technical Program Manager"}
    assert all(r["ambiguous"] is True for r in rows)
    assert any(r["short_form"] == "PM" and r["ambiguous"] for r in kb.named("abbreviations").records())


def test_both_tpm_roles_have_graded_profiles_over_all_categories(kb: KnowledgeBase) -> None:
    categories = {str(r["notation"]) for r in kb.select(
        "PREFIX rg: <https://w3id.org/rolegraph/ns#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?notation WHERE { ?c a rg:SkillCategory ; skos:notation ?notation }").records()}
    for role in (TECH_PM, TECH_PGM):
        profile = kb.named("skill-profile", role=role).records()
        assert len(profile) >= 20
        assert {r["category"] for r in profile} == categories
        assert all(0 <= int(str(r["importance"])) <= 5 for r in profile)


def test_known_gaps_are_recorded(kb: KnowledgeBase) -> None:
    gaps = {(r["role"], r["dimension"]) for r in kb.named("gaps").records()}
    for role in (TECH_PM, TECH_PGM):
        for dimension in ("team", "tech-skills", "day-to-day"):
            assert (role, dimension) in gaps


def test_seed_dimensions_in_order(kb: KnowledgeBase) -> None:
    seed = [r["label"] for r in kb.named("dimensions").records() if r["seed_named"]]
    assert seed == ["focus areas", "team structure", "tech skills", "day-to-day work"]


def test_extra_files_merge_on_top(tmp_path) -> None:  # type: ignore[no-untyped-def]
    extra = tmp_path / "mine.ttl"
    extra.write_text((FIXTURES / "mini.ttl").read_text(), encoding="utf-8")
    merged = open_kb([extra])
    labels = {r["label"] for r in merged.named("roles").records()}
    assert {"Alpha Manager", "Technical Product Manager"} <= labels


def test_syntax_error_reports_file_line(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix ex: <http://e/> .\nex:a ex:b ex:c .\nex:a ex:b .\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        open_kb([bad])
    assert err.value.line == 3 and "bad.ttl:3" in str(err.value)


def test_missing_and_directory_inputs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DataFileError, match="no such file"):
        open_kb([tmp_path / "absent.ttl"])
    with pytest.raises(DataFileError, match="not a file"):
        open_kb([tmp_path])


@pytest.mark.parametrize("name", sorted(queries.catalogue()))
def test_named_query_plans_agree_with_the_lexer(name: str) -> None:
    """The engines bind named queries without the SPARQL lexer: the same VALUES place."""
    from rolegraph.engines.base import NAMED_PLANS, plan_named

    query = queries.get(name)
    plan_named(query)
    brace = NAMED_PLANS[query.text]
    params = {"x": IRI("https://example.org/x")}
    assert f"{query.text[:brace]} {queries.values_block(params)} {query.text[brace:]}" == queries.inject_values(query.text, params)


def test_a_named_query_binds_even_one_value_with_values(kb: KnowledgeBase) -> None:
    """A term substituted into role-links' patterns makes pyoxigraph plan it from every role link of the store
    (20 s at 1.13M triples, 15 ms with VALUES): named queries take a VALUES block, whatever their values."""
    store = kb.engine.store  # type: ignore[attr-defined]
    seen: list[object] = []

    class Spy:
        def query(self, text: str, substitutions: object = None) -> object:
            seen.append(substitutions)
            return store.query(text, substitutions=substitutions)

    one = kb.named("role-links", role=IRI(TECH_PGM)).rows
    assert KnowledgeBase(LocalEngine(Spy())).named("role-links", role=IRI(TECH_PGM)).rows == one  # type: ignore[arg-type]
    assert seen == [None]


def test_a_kept_whole_graph_answer_follows_its_data_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The kept answer of a query without parameters (see LocalEngine) is run again once a data file changes."""
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    extra = tmp_path / "extra.ttl"

    def source_ids(identifier: str) -> set[str]:
        extra.write_text('@prefix rg: <https://w3id.org/rolegraph/ns#> . @prefix dct: <http://purl.org/dc/terms/> .\n'
                         f'<https://example.org/src> a rg:Source ; dct:identifier "{identifier}" ; dct:title "A test source" .\n')
        return {ref.id for ref in open_kb([extra], conform=False).sources().values()}

    assert {"T1", "S0"} <= source_ids("T1")
    assert "T1" not in source_ids("T22") and "T22" in source_ids("T22")


def test_a_costly_bound_answer_is_kept_under_its_values_and_their_kinds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A named query's answer with parameters is kept when it took KEEP_BOUND or longer, then read back for the
    same values only (not for other values, nor for a string of an IRI's text), and never when it was quick."""
    kb = open_kb()
    role_links = queries.get("role-links")
    one = kb.named("role-links", role=IRI(TECH_PGM)).rows
    store = kb.engine.store  # type: ignore[attr-defined]

    class Counting:
        runs = 0

        def query(self, text: str, substitutions: object = None) -> object:
            Counting.runs += 1
            return store.query(text, substitutions=substitutions)

    def rows(engine: LocalEngine, value: object) -> list[list[object]]:
        return engine.select(role_links.text, {"role": value}).rows  # type: ignore[dict-item]

    quick = LocalEngine(Counting(), kept=tmp_path / "quick")  # type: ignore[arg-type]
    monkeypatch.setattr(local, "KEEP_BOUND", 3600.0)
    assert rows(quick, IRI(TECH_PGM)) == rows(quick, IRI(TECH_PGM)) and Counting.runs == 2

    Counting.runs = 0
    kept = LocalEngine(Counting(), kept=tmp_path / "kept")  # type: ignore[arg-type]
    monkeypatch.setattr(local, "KEEP_BOUND", 0.0)
    assert rows(kept, (IRI(TECH_PGM),)) == one
    assert rows(LocalEngine(None, kept=tmp_path / "kept"), (IRI(TECH_PGM),)) == one  # type: ignore[arg-type]  # no store
    assert rows(kept, (IRI(TECH_PM),)) != one and rows(kept, TECH_PGM) == []
    assert Counting.runs == 3
