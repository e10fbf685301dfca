"""Verdicts, choices and orders: the polarity of a closed question, ties, and the measure a choice is decided by."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.ask.answer.base import negated_claim
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


@pytest.mark.parametrize(("question", "negated"), [
    ("tech pms don't code, right?", True),
    ("it's not true that tech pms own the when, is it?", True),
    ("isn't it true that tech pms don't code", True),
    ("neither tpm type manages people, right?", True),
    ("doesn't a tpgm have direct reports?", False),
    ("so don't tech pgms have reports", False),
    ("is it not the tpgm who handles dependencies?", False),
    ("does the tpgm not own the when", False),
    ("yes or no: do tech pms write code?", False),
    ("does a tpgm write code or not", False),
    ("are non technical pms paid less", False),
    ("is the go/no-go call the tpgm's", False),
])
def test_a_negative_opener_or_alternative_is_no_negated_claim(question: str, negated: bool) -> None:
    assert negated_claim(question) is negated


@pytest.mark.parametrize(("question", "verdict"), [
    ("doesn't a tpgm have direct reports?", "No"),  # asks whether it has any: it has none
    ("yes or no: do tech pms write code?", "No"),
    ("tech pms don't write code, right?", "Yes"),  # the negative claim holds
    ("tech pgms never own the what, right?", "Yes"),
    ("does the tpgm not own the when?", "Yes"),
    ("is it not the tpgm who handles dependency management?", "Yes"),
])
def test_verdicts_follow_the_polarity_of_the_claim(kb: KnowledgeBase, question: str, verdict: str) -> None:
    assert lead(kb, question).startswith(f"{verdict}:")


def test_a_named_skill_decides_a_comparison_rather_than_a_matrix_row(kb: KnowledgeBase) -> None:
    said = lead(kb, "is a tech pm stronger than a tpgm at risk management?")
    assert said.startswith("No: on risk management") and "RAID" not in said


def test_a_comparison_with_several_words_before_than_is_decided_by_importance(kb: KnowledgeBase) -> None:
    assert lead(kb, "does a tech pm need more risk management than a tpgm").startswith("No: on risk management")


def test_equal_ratings_are_a_tie_not_an_order(kb: KnowledgeBase) -> None:
    assert lead(kb, "rank the two tpms on stakeholder communication").startswith("Tie on stakeholder communication")


def test_close_means_pick_no_role(kb: KnowledgeBase) -> None:
    assert lead(kb, "which one is more technical, tech pm or tpgm").startswith("About the same on technical skills")


def test_a_named_skill_is_the_measure_not_a_category_inside_its_name(kb: KnowledgeBase) -> None:
    assert "technical trade-offs" in lead(kb, "order tech pm and tech pgm by technical trade-offs")


@pytest.mark.parametrize("question", [
    "between tech pm and tpgm, who talks to customers more",
    "out of the product tpm and the program tpm which one interviews users more",
])
def test_choices_named_before_the_question_word_make_a_which_one(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).form == "which-one"
    assert lead(kb, question).startswith("The Technical Product Manager")


def test_caring_about_is_no_subject_of_an_order(kb: KnowledgeBase) -> None:
    said = lead(kb, "order tech pm, tpgm, em by how much they care about risk")
    assert said.startswith("Ranked by risk management: Technical Program Manager")


def test_needing_to_be_stronger_than_asks_what_separates(kb: KnowledgeBase) -> None:
    assert parse(kb, "where does a tpgm need to be stronger than a tech pm").intents[:1] == ["separate"]


def test_who_is_more_is_a_comparison_not_a_definition(kb: KnowledgeBase) -> None:
    assert "definition" not in parse(kb, "tech pm or tech pgm, who is more technical?").intents


def test_ownership_of_a_matrix_row_wins_over_the_intent_its_words_raise(kb: KnowledgeBase) -> None:
    plan = parse(kb, "who owns the success metrics after launch")
    assert plan.intents[0] == "collaboration" and "ownership" not in plan.intents
    assert lead(kb, "who owns the success metrics after launch").startswith("The Technical Product Manager: post-launch metrics")


def test_a_concern_on_a_role_asks_who_owns_it(kb: KnowledgeBase) -> None:
    assert lead(kb, "is the why on the tech pm?") == "Yes: the Technical Product Manager owns the why."


@pytest.mark.parametrize("question", [
    "isn't the tpgm the one who sets the product strategy?",
    "is the tpgm the person who does product strategy",
])
def test_the_one_who_weighs_the_role_against_the_other_tpm(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).form == "yes-no"
    assert lead(kb, question).startswith("No: on product strategy, the Technical Program Manager rates 2 and the Technical Product Manager 5")


@pytest.mark.parametrize(("question", "said"), [
    ("since the tpgm owns the why, rank tech pm and tpgm on product strategy",
     "Premise not supported: the Technical Program Manager has no recorded stance on the why"),
    ("since the tech pgm owns the what, how do they pick features",
     "Premise not supported: the Technical Program Manager does not own the what"),
])
def test_a_premise_of_owning_a_concern_is_checked_against_its_owners(kb: KnowledgeBase, question: str, said: str) -> None:
    assert lead(kb, question).startswith(said)


def test_a_premise_of_owning_a_matrix_activity_names_the_activity(kb: KnowledgeBase) -> None:
    said = lead(kb, "since the tech pgm owns the product roadmap, how do they prioritise features")
    assert said.startswith("Premise not supported") and "product roadmap" in said


def test_a_disputed_owner_in_a_premise_is_reported_as_disputed(kb: KnowledgeBase) -> None:
    notes = ask(kb, "given that the em owns the how, what does a tpgm do").notes
    assert any(n.startswith("Premise disputed (D1)") for n in notes)


def test_a_premise_of_owning_a_matrix_row_is_decided_by_the_row(kb: KnowledgeBase) -> None:
    assert lead(kb, "as the one who owns the roadmap, how does a tpgm prioritise").startswith(
        "Premise not supported: in the responsibility matrix the Technical Program Manager is consulted for the product vision")
    notes = ask(kb, "given the tech pm owns launch readiness, what does the tpgm do at launch").notes
    assert any(n.startswith("Premise disputed (D12)") for n in notes)


def test_no_before_a_noun_is_no_answer_word(kb: KnowledgeBase) -> None:
    assert parse(kb, "as an IC with no reports, how does a tpgm get engineers to do stuff").form != "yes-no"
    assert parse(kb, "does a tpgm write code, yes or no").form == "yes-no"


def test_a_premise_put_in_the_negative_is_not_contradicted_by_a_word_it_shares(kb: KnowledgeBase) -> None:
    assert not lead(kb, "since a tpgm has no direct reports, how do they get things done").startswith("Premise")


def test_vs_then_who_with_a_comparative_is_a_choice(kb: KnowledgeBase) -> None:
    plan = parse(kb, "tech pm vs tpgm: who talks to customers more?")
    assert plan.form == "which-one" and plan.intents == []
    assert parse(kb, "EM or TPgM: difference in a nutshell").intents[:1] == ["compare"]


def test_a_tie_on_a_named_skill_is_about_the_same(kb: KnowledgeBase) -> None:
    assert lead(kb, "who needs more software architecture, tech pm or tpgm").startswith("About the same on software architecture")


def test_a_question_word_after_a_comma_is_no_concern_but_a_list_of_three_is(kb: KnowledgeBase) -> None:
    assert parse(kb, "since the tech pgm owns the what, how do they pick features").concerns == ["what"]
    assert parse(kb, "which of what, why, how, who, when does a pjm own").concerns == ["what", "why", "how", "who", "when"]


@pytest.mark.parametrize(("question", "concerns"), [("the tech pgm is accountable for what", []),
                                                    ("a tpgm is in charge of what exactly?", []),
                                                    ("who is responsible for when", ["when"]),
                                                    ("does the tpgm own the when", ["when"])])
def test_a_bare_question_word_ending_the_question_names_no_concern(kb: KnowledgeBase, question: str, concerns: list[str]) -> None:
    assert parse(kb, question).concerns == concerns  # it asks what the role owns; after a question word it is the concern
