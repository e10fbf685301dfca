"""Seed scope, quoted titles, identity premises, level codes and a cited publication: one test per mechanism."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def _text(meta: dict[str, object], tables: list[object], notes: list[str]) -> str:
    cells = [str(c) for t in tables for row in getattr(t, "rows", []) for c in row]
    return " ".join([str(meta["lead"]), *(str(i["text"]) for i in meta["answer"]), *cells, *notes])  # type: ignore[attr-defined]


@pytest.mark.parametrize(("question", "quoted"), [
    ("if a job title just says product manager could it still be a technical pm role", "Product Manager"),
    ("a job posting titled program manager - could it be a technical program manager job?", "Program Manager"),
    ("the role is listed as project manager, can it be a tech pgm gig", "Project Manager"),
])
def test_a_name_quoted_as_a_title_is_no_role_asked_about(kb: KnowledgeBase, question: str, quoted: str) -> None:
    plan = parse(kb, question)
    assert quoted not in [r.label for r in plan.roles] and "title" in plan.terms


def test_a_title_that_leaves_out_technical_is_answered_by_the_title_fact(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "if a job title just says product manager could it still be a technical pm role").meta["lead"])
    assert lead.startswith("Yes") and "Amazon" in lead and "title" in lead


@pytest.mark.parametrize("question", [
    "google senior technical program manager posting - years required?",
    "what do tpm job postings at google ask for",
    "a tpgm role posted on linkedin: is it a real tpm job",
    "post-launch kpis: product tpm or program tpm?",
])
def test_a_job_posting_or_a_post_launch_is_no_seed_post(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).scope == "any"


@pytest.mark.parametrize(("question", "owns"), [
    ("tech pm = program manager with a tech flavour, so it owns timelines right?", "the what and the why"),
    ("since a tpgm is just a product manager, it sets the product vision right?", "the who and the when"),
    ("an em is basically a tech pm with reports, so what does it own", "the how and the who"),
])
def test_a_corrected_identity_says_what_the_role_owns(kb: KnowledgeBase, question: str, owns: str) -> None:
    meta = ask(kb, question).meta
    assert str(meta["lead"]).startswith("Premise not supported") and f"owns {owns}" in str(meta["lead"])


@pytest.mark.parametrize("question", [
    "what does the seed say a tech pgm does day to day",
    "according to the article how much does a tech pm earn",
    "what salary does the seed give for technical product managers",
])
def test_asked_of_the_seed_with_nothing_from_it_abstains_and_counts_the_outside_items(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    said = _text(result.meta, result.tables, result.notes)
    assert result.meta["status"] == "abstained" and "ask without the seed scope" in said
    assert all("seed" in str(i["basis"]) for i in result.meta["answer"])
    assert "unblocking" not in said and "20 percent" not in said  # outside texts are counted, not quoted


@pytest.mark.parametrize("question", [
    "what L number is a staff tpm at google",
    "which L grade is a senior tpgm at google",
    "google: what L band does a staff technical program manager sit at",
])
def test_a_level_code_asked_by_any_level_noun_abstains_without_the_code(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "abstained" and "Google" in str(meta["lead"])


@pytest.mark.parametrize("question", [
    "according to the pragmatic engineer what do tpms do",
    "in the view of the pragmatic engineer, what do tpms do",
    "going by gergely orosz what do tpms do",
])
def test_a_publication_cited_lists_what_its_texts_say_on_the_short_form(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert any("The TPM owns when and who" in str(i["text"]) for i in meta["answer"])


@pytest.mark.parametrize("question", [
    "per the article whose career websites list tech pm openings",
    "according to the seed, on which companies careers portals do tech pm jobs show up",
])
def test_career_websites_reach_the_seeds_career_sites(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    said = _text(result.meta, result.tables, result.notes)
    assert result.meta["status"] == "answered" and all(c in said for c in ("Google", "Uber", "Spotify", "Elastic"))


@pytest.mark.parametrize("question", ["what are the titles on a pm's career ladder", "titles up the ladder for a pm?"])
def test_the_titles_of_a_ladder_ask_for_its_levels_not_the_short_form(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intents == ["levels"] and [r.label for r in plan.roles] == ["Product Manager"]
