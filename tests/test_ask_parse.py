"""How `ask` reads a question (parse) and what its full-text index ranks first (retrieve)."""

from __future__ import annotations

import pytest

from rolegraph.ask import parse
from rolegraph.ask.retrieve import index
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize(("question", "intent"), [
    ("typical project manager day", "day-to-day"),          # the cue phrase around a role name
    ("a normal tech pgm week, what happens", "day-to-day"),
    ("whats driving the growth of tpgm jobs", "growth"),     # 'whats' opens the question; no definition asked
    ("what certs help a tech pm get hired", "certifications"),
    ("tech pm vs pm whats the diff", "compare"),
])
def test_intent_read(kb: KnowledgeBase, question: str, intent: str) -> None:
    assert parse(kb, question).intents[:1] == [intent]


@pytest.mark.parametrize("question", ["do technical program managers get more vacation days", "how many vacation days do spotify employees get"])
def test_an_incidental_word_is_no_cue(kb: KnowledgeBase, question: str) -> None:
    assert "day-to-day" not in parse(kb, question).intents


def test_origin_is_not_the_seed_scope(kb: KnowledgeBase) -> None:
    assert parse(kb, "origin of the tech pgm title?").scope == "any"
    assert parse(kb, "what does the seed article say about titles").scope == "seed"


def test_form_words_are_not_search_terms(kb: KnowledgeBase) -> None:
    plan = parse(kb, "rank product manager, software engineer and engineering manager by how much they code")
    assert plan.form == "rank" and "rank" not in plan.terms and "code" in plan.terms


def test_another_form_of_a_known_word_is_not_respelt(kb: KnowledgeBase) -> None:
    """'prioritises' is not in the graph but 'prioritised' is: same stem, so no correction (whose ties once
    depended on the hash seed)."""
    assert "prioritises" in parse(kb, "who prioritises features: tech pgm, product manager or tech pm").terms


def test_a_choice_opened_by_are_is_which_one(kb: KnowledgeBase) -> None:
    assert parse(kb, "are technical specs a tech pm or a tech pgm deliverable").form == "which-one"


def test_search_ranks_by_share_of_terms_matched(kb: KnowledgeBase) -> None:
    """A text with both asked words beats texts with the rarer one only, and a synonym group counts once."""
    hits = index(kb).search(["title", "technical", "leaves"], kinds=("fact",), limit=3)
    assert hits and hits[0].id == "TPM-S1" and hits[0].coverage > hits[-1].coverage
    grouped = index(kb).search([("growth", "growing", "grow"), "complexity"], limit=1)
    assert grouped[0].id == "PGM-F4" and grouped[0].matched == 2
