"""Terse and chatty questions: chat forms, '<activity> owner?', partners named in passing, and values no text carries."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.ask.text import words
from rolegraph.kb import KnowledgeBase


def test_chat_forms_are_read_as_the_words_they_stand_for() -> None:
    assert words("wats a tpgm? y/n")[:2] == ["what", "s"]
    assert words("is it a tpgm? y/n")[-3:] == ["yes", "or", "no"]
    assert words("is she doing good")[-2:] == ["doing", "well"]


@pytest.mark.parametrize("question", ["is a tech pgm a program manager? y/n", "is a tech pgm a program manager, yes or no"])
def test_the_answer_s_own_alternatives_offer_no_choice(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["plan"]["form"] == "yes-no" and str(meta["lead"]).startswith("Yes")


def test_both_do_asks_what_is_shared(kb: KnowledgeBase) -> None:
    assert parse(kb, "stuff a product manager and a project manager both do").intents[:1] == ["shared"]


@pytest.mark.parametrize(("question", "owner"), [
    ("risk register owner?", "Technical Program Manager is accountable"),
    ("product vision/roadmap owner pls", "Technical Product Manager is accountable"),  # two names of one activity in a row
])
def test_an_activity_owner_is_who_holds_the_matrix_row(kb: KnowledgeBase, question: str, owner: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and owner in str(meta["lead"])


def test_a_title_with_owner_is_still_unknown(kb: KnowledgeBase) -> None:
    assert parse(kb, "product owner?").unknown_roles == ["product owner"]


def test_a_partner_named_in_passing_is_no_role_asked_about(kb: KnowledgeBase) -> None:
    plan = parse(kb, "is the tpgm paired with a tech lead")
    assert plan.unknown_roles == [] and plan.intents[:1] == ["team"]
    assert parse(kb, "tech pgm vs tech lead").unknown_roles == ["tech lead"]


@pytest.mark.parametrize("question", [
    "how many months does it take to move from tech pm to tech pgm",  # a duration: only the recorded gap has one
    "how many technical program managers work at amazon",  # a headcount at a company: no text counts them
    "total number of tech pms at google",
    "google senior tpgm level code?",  # a level code of any kind: none follows Google's name
    "tasty burgers near the booking.com office",  # near no role: off topic, though the graph knows the company
])
def test_a_value_no_text_carries_abstains(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "abstained"


def test_the_duration_gap_is_named(kb: KnowledgeBase) -> None:
    assert "how long a move between these roles takes" in str(ask(kb, "typical time to switch from tech pgm to tech pm?").meta["lead"])


@pytest.mark.parametrize("question", [
    "how long is the google tpm interview process",  # 'over some eight weeks'
    "how many tpgms at meta sit in product rather than engineering",  # a share of them: '10 to 15 percent'
])
def test_a_value_a_text_carries_is_answered(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "answered"


def test_the_closest_roles_to_an_unmodelled_one_answer_a_neighbours_question(kb: KnowledgeBase) -> None:
    meta = ask(kb, "which role resembles a delivery manager most").meta
    assert meta["status"] == "answered" and "not a modelled role" in str(meta["lead"]) and meta["answer"]
    assert ask(kb, "what does a delivery manager do").meta["status"] == "unknown-role"


def test_po_is_the_product_owner(kb: KnowledgeBase) -> None:
    assert parse(kb, "po vs tech pgm, what's different").unknown_roles == ["product owner"]


def test_pm_or_tpm_offered_reads_the_program_tpm(kb: KnowledgeBase) -> None:
    plan = parse(kb, "late launch: blame the pm or the tpm?")
    assert [r.label for r in plan.roles] == ["Product Manager", "Technical Program Manager"] and plan.status == "answered"
    assert plan.assumptions and "offered side by side" in plan.assumptions[0]
    assert parse(kb, "tpm vs pm").ambiguous  # compared, not offered: what the short forms name stays open


def test_plural_tpms_in_a_dimensions_question_are_both_roles(kb: KnowledgeBase) -> None:
    assert ask(kb, "how many dimensions split the tpms").meta["status"] == "answered"


def test_tpm_is_one_role_is_a_premise_both_readings_answer(kb: KnowledgeBase) -> None:
    meta = ask(kb, "tpm is one role anyway, so what matters").meta
    assert meta["status"] == "answered" and str(meta["lead"]).startswith("Premise not supported")


def test_the_same_level_is_no_premise_about_roles(kb: KnowledgeBase) -> None:
    meta = ask(kb, "at the same level, who has the broader reach: an em or a tpm").meta
    assert "Premise not supported" not in str(meta["lead"]) and meta["status"] == "answered"


def test_a_pay_figure_no_reading_has_abstains(kb: KnowledgeBase) -> None:
    assert ask(kb, "tpm compensation in euros").meta["status"] == "abstained"


def test_hurried_shorthand_is_read_as_the_words_it_stands_for(kb: KnowledgeBase) -> None:
    plan = parse(kb, "google sr tpm yrs exp")
    assert {"senior", "years", "experience"} <= set(plan.terms)
    assert "10 for a Senior TPM posting" in str(ask(kb, "google sr tpm yrs exp").meta["lead"])
