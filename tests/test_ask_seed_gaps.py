"""A seed-scoped question about a dimension the seed names but whose content could not be read abstains."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", [
    "going by the seed article, what is a technical program manager's typical day like",
    "what does the seed piece say about how a tech pm's team is organised",
])
def test_an_unread_seed_section_abstains_with_the_gap_first(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "abstained"
    assert str(meta["lead"]).startswith("The seed material has no content on this")
    assert all("seed" in str(i["basis"]) for i in meta["answer"])  # outside rows are not items of a seed answer


def test_a_dimension_with_a_seed_backed_link_still_answers(kb: KnowledgeBase) -> None:
    assert ask(kb, "seed only: teams per technical program manager").meta["status"] == "answered"  # the seed's N teams


def test_a_seed_scoped_table_keeps_no_row_resting_on_outside_sources(kb: KnowledgeBase) -> None:
    result = ask(kb, "just the seed: how is a tech pgm's team set up")
    rows = [str(r[t.columns.index("basis")]) for t in result.tables if "basis" in t.columns and "outside" not in t.title for r in t.rows]
    assert rows and not any("external" in b for b in rows)


@pytest.mark.parametrize("question", [
    "what tech skills does the seed article list for a tech pgm",
    "according to the author which technical skills separate the two tpms",
])
def test_the_unread_tech_skills_section_abstains(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "abstained" and str(meta["lead"]).startswith("The seed material has no content on this")


def test_a_technical_skill_the_seed_rates_is_the_answer_and_the_lead(kb: KnowledgeBase) -> None:
    meta = ask(kb, "according to the seed what technical skills does a tech pm need").meta
    assert meta["status"] == "answered" and meta["lead"] == "Technical Product Manager: systems thinking (3)."


def test_a_seed_scoped_skills_lead_names_the_seed_rows_only(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "per the article, what skills does a tech pgm need").meta["lead"])
    assert "cross-team scheduling" in lead and "risk management" not in lead  # risk management rests on outside sources


def test_asked_of_the_seed_only_with_nothing_from_it_abstains(kb: KnowledgeBase) -> None:
    meta = ask(kb, "seed only: what do tech pms get paid").meta
    assert meta["status"] == "abstained" and not meta["answer"]  # the outside items are counted, not shown
