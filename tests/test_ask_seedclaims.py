"""A claim a question puts in the seed's mouth is checked against the seed's own texts, not the graph as a whole."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask
from rolegraph.ask.answer.seedclaims import seed_claim
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize(("question", "claim"), [
    ("the seed says tech pgms own the what, so why", "tech pgms own the what"),
    ("since the article recommends getting an mba first what should i study", "getting an mba first what should i study"),
    ("kalmykov s article claims that pms code true", "pms code"),
    ("what does the seed say a tpgm does day to day", ""),  # asks what the seed says; claims nothing
    ("according to the seed who owns the when", ""),
])
def test_the_claim_attributed_to_the_seed_is_read_from_the_question(question: str, claim: str) -> None:
    assert seed_claim(question) == claim


@pytest.mark.parametrize(("question", "seed_says"), [
    ("the blog post says a tpgm owns the what — true?", "does not own the what"),  # the seed's own ownership row
    ("the seed article claims you need an mba to get into tech pm, right?", "Software Engineer"),  # the seed's side of D6
    ("since the seed recommends an mba first, what should a future tech pm study", "Software Engineer"),
    # 'product' in 'technical product manager' names no concern: the claim is checked on its texts, not the what
    ("does the article say you need an mba to be a technical product manager", "Software Engineer"),
    ("author claims mba is the main way into tech pm - correct?", "Software Engineer"),  # 'author' without 'the'
    ("why does kalmykov say tech pms need an mba", "Software Engineer"),  # 'why does X say' takes the claim as said
])
def test_a_claim_the_seed_does_not_make_is_answered_no_with_what_the_seed_says(kb: KnowledgeBase, question: str, seed_says: str) -> None:
    lead = str(ask(kb, question).meta["lead"])
    assert lead.startswith("No: the seed does not say that") and seed_says in lead


def test_a_claim_the_seed_makes_is_not_denied(kb: KnowledgeBase) -> None:
    assert not str(ask(kb, "kalmykov says the tech pm owns the why, right?").meta["lead"]).startswith("No")


@pytest.mark.parametrize("question", [
    "the seed says a tech pm is no longer really a product manager - true?",
    "does the author claim tech pms stop being product managers",
])
def test_a_claim_that_denies_a_recorded_kind_is_answered_no(kb: KnowledgeBase, question: str) -> None:
    lead = str(ask(kb, question).meta["lead"])
    assert lead.startswith("No: the seed does not say that") and "kind of Product Manager" in lead
