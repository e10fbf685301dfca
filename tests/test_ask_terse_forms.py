"""Terse forms of real typing: figures for number words in cues, what the answer is for, a role with nothing else
asked, spelt-out letters, clipped words."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.ask.text import words
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize(("question", "intent"), [
    ("software engineer in 1 sentence", "definition"),  # "in one sentence"
    ("what does a tpgm do from 9 to 5", "day-to-day"),  # "nine to five"
    ("who does the 1 on 1 with the engineers, em or tpgm", "team"),  # "one on one"
])
def test_a_number_word_of_a_cue_matches_in_figures(kb: KnowledgeBase, question: str, intent: str) -> None:
    assert intent in parse(kb, question).intents


@pytest.mark.parametrize("question", [
    "deliverables of a tech pgm, for my cheat sheet",
    "project manager metrics for my flashcards",
])
def test_what_the_answer_is_for_is_no_subject(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and not meta["plan"]["topic"]


@pytest.mark.parametrize("question", ["what tpm does", "tpm job?", "what does pm do"])
def test_a_short_form_with_nothing_else_asked_asks_what_the_role_is(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intents[:1] == ["definition"] and plan.form == "define"
    assert ask(kb, question).meta["status"] in ("answered", "ambiguous-role")


@pytest.mark.parametrize(("question", "lead"), [
    ("at dropbox tpm is product or program", "Beside Dropbox, TPM means the Technical Program Manager"),
    ("in amazon speak is tpm program or product", "Beside Amazon, TPM means the Technical Program Manager"),
    ("does tpm at amazon mean product or program", "Beside Amazon, TPM means the Technical Program Manager"),
])
def test_a_short_form_read_by_a_name_beside_it_leads_with_that_reading(kb: KnowledgeBase, question: str, lead: str) -> None:
    meta = ask(kb, question).meta
    assert meta["plan"]["form"] != "yes-no" and str(meta["lead"]).startswith(lead)


def test_capital_letters_typed_one_by_one_spell_a_short_form(kb: KnowledgeBase) -> None:
    assert words("T P M = ?") == ["tpm"] and words("I A M new")[:2] == ["i", "am"]
    assert ask(kb, "what does an S D M do").meta["plan"]["roles"][0]["label"] == "Engineering Manager"


@pytest.mark.parametrize(("question", "read"), [
    ("goog tpgm levels", "google"),  # the start of a word the graph has
    ("tech pm abbrev", "abbreviation"),
    ("amzn pm-t?", "amazon"),  # its letters without their vowels
])
def test_a_clipped_word_is_read_as_the_one_word_it_clips(kb: KnowledgeBase, question: str, read: str) -> None:
    assert read in parse(kb, question).terms


def test_a_clip_of_several_words_is_left_alone() -> None:
    from rolegraph.ask.parse.spelling import _clipped

    assert _clipped("prod", ["product", "production", "prodding"]) == []
    assert _clipped("pub", ["publication"]) == []  # too short to be read as a clip


def test_a_name_set_equal_to_nothing_asks_for_it(kb: KnowledgeBase) -> None:
    assert parse(kb, "tech pm short form = ?").form == "define"
    assert parse(kb, "tech pm = a kind of pm?").form == "yes-no"


@pytest.mark.parametrize("question", ["at amazon does tpm mean technical product manager", "is tpm at amazon the program role and not the product role"])
def test_a_reading_named_in_full_or_not_offered_stays_a_closed_question(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).form == "yes-no"


def test_one_role_and_nothing_else_asked_in_any_form_is_its_definition(kb: KnowledgeBase) -> None:
    assert parse(kb, "what matters most for a technical program manager, ordered").intents == ["definition"]
