"""Seed-scoped questions: the seed's author cited as the ground of a claim, scope words that ask nothing, the seed's
own account of why the Tech PM role is growing."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", [
    "according to the author, does a technical program manager directly influence product development",
    "the article says tech pgms directly shape the product, correct?",
])
def test_a_claim_grounded_on_the_author_is_decided_from_the_seed_not_about_the_person(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert "person" not in meta["plan"]["intents"]
    assert str(meta["lead"]).startswith("No") and all("seed" in str(i["basis"]) for i in meta["answer"])


@pytest.mark.parametrize(("question", "intent"), [
    ("what route into tech pm does the author describe as most popular", "transitions"),  # the author's words, not his life
    ("the author splits the two roles along which dimensions", "dimensions"),
    ("strictly from kalmykov's piece: tech pm responsibilities", "ownership"),
])
def test_the_author_saying_something_is_the_scope_not_the_subject(kb: KnowledgeBase, question: str, intent: str) -> None:
    plan = parse(kb, question)
    assert plan.scope == "seed" and intent in plan.intents and "person" not in plan.intents


def test_the_authors_own_life_is_still_asked_about(kb: KnowledgeBase) -> None:
    assert parse(kb, "according to kalmykov, how did he become a tech pm").intents == ["person"]


def test_words_that_name_the_seed_ask_for_nothing(kb: KnowledgeBase) -> None:
    assert "origin" not in parse(kb, "what product types does the original article match with technical product managers").intents
    assert parse(kb, "whose blog is this knowledge base built on").intents == ["person"]  # a person cue inside a scope phrase


@pytest.mark.parametrize("question", [
    "according to the seed, why is the tech pm role gaining popularity",
    "seed only: why are tech pm jobs popping up everywhere",
])
def test_the_seed_says_why_the_tech_pm_role_grows(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and "thin interface" in str(meta["lead"])
    assert all("seed" in str(i["basis"]) for i in meta["answer"])


def test_a_seed_question_with_an_everyday_word_for_the_move_is_answered(kb: KnowledgeBase) -> None:
    result = ask(kb, "according to the seed is the road from software engineer to tech pm easy")
    assert result.meta["status"] == "answered" and "bumpy" in " ".join(str(i["text"]) for i in result.meta["answer"]) + " ".join(result.notes)


def test_a_closed_question_after_its_scope_is_closed(kb: KnowledgeBase) -> None:
    meta = ask(kb, "going only by the seed, does a tpgm decide what the product does?").meta
    assert meta["plan"]["form"] == "yes-no" and str(meta["lead"]).startswith("No")


def test_the_post_is_the_seed(kb: KnowledgeBase) -> None:
    assert parse(kb, "the post says tech pms should get an mba first, right?").scope == "seed"


def test_shaping_the_product_is_influencing_it(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "in kalmykov's view does the technical program manager shape the product").meta["lead"])
    assert lead.startswith("No") and "influence" in lead
