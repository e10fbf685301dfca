"""Role similarity respects the model: ownership and focus count, not only skills; parts are shown."""

from __future__ import annotations

from conftest import TECH_PGM, TECH_PM
from hypothesis import given
from hypothesis import strategies as st

from rolegraph import graph, similarity
from rolegraph.kb import KnowledgeBase

ROLE = "https://w3id.org/rolegraph/id/role/"


def test_tech_pm_is_nearest_to_the_product_manager_for_a_stated_reason(kb: KnowledgeBase) -> None:
    result = graph.neighbours(kb, TECH_PM)
    table = result.tables[0]
    first = dict(zip(table.columns, table.rows[0], strict=True))
    assert first["role"] == "Product Manager"
    assert first["ownership"] == 1.0 and "the what, the why" in str(first["why"]) and "product vision and strategy" in str(first["why"])
    tpgm = next(dict(zip(table.columns, r, strict=True)) for r in table.rows if r[0] == "Technical Program Manager")
    assert tpgm["skills"] > first["skills"], "by skills alone the Tech PgM would come first ..."
    assert any(n.startswith("By skill overlap alone the nearest role would be Technical Program Manager") for n in result.notes), "... and the output says so"
    assert any("0.5 × skills + 0.25 × ownership + 0.25 × focus" in n for n in result.notes)
    assert tpgm["ownership"] == 0.0 and tpgm["focus"] == 0.0


def test_parts_recombine_into_the_similarity(kb: KnowledgeBase) -> None:
    for row in graph.neighbours(kb, TECH_PGM).tables[0].rows:
        parts = {name: value for name, value in zip(similarity.WEIGHTS, row[3:6], strict=True) if value != "—"}
        weight = sum(similarity.WEIGHTS[n] for n in parts)
        assert abs(sum(similarity.WEIGHTS[n] * float(v) for n, v in parts.items()) / weight - float(str(row[1]))) < 0.003


def test_missing_data_is_not_a_difference() -> None:
    a = similarity.Features("A", skills={"s": 3.0}, stances={"what": 1.0})
    b = similarity.Features("B", skills={"s": 4.0})
    s = similarity.similarity(a, b)
    assert s.parts == {"skills": 1.0, "ownership": None, "focus": None} and s.value == 1.0
    assert "no stance on the concerns recorded for B" in s.reason(a, b)


features = st.builds(
    similarity.Features,
    st.just("R"),
    skills=st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 5).map(float)),
    stances=st.dictionaries(st.sampled_from(["what", "why", "how", "who", "when"]), st.sampled_from([0.0, 0.5, 1.0])),
    focus=st.dictionaries(st.sampled_from("xyz"), st.just("label")),
)


@given(features, features)
def test_similarity_is_symmetric_and_bounded(a: similarity.Features, b: similarity.Features) -> None:
    ab, ba = similarity.similarity(a, b), similarity.similarity(b, a)
    assert abs(ab.value - ba.value) < 1e-9 and ab.parts == ba.parts
    assert 0.0 <= ab.value <= 1.0 + 1e-9
    itself = similarity.similarity(a, a).parts
    assert (itself["skills"] is None) == (not a.skills) and (itself["ownership"] is None) == (not a.stances)
    assert itself["focus"] in (None, 1.0) and (not any(a.skills.values()) or abs(float(itself["skills"] or 0) - 1.0) < 1e-9)
