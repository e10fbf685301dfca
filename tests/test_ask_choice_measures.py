"""Choices decided by what the question names: a skill's everyday words, a category said as typed, many of a counted
thing, the role nearer another, the subject before the choices, and the asker's guess after a question."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.ask.answer.base import negated_claim
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


def test_a_skill_is_found_by_the_synonyms_of_the_words_asked(kb: KnowledgeBase) -> None:
    assert lead(kb, "who talks to the execs more, tech pm or tpgm").startswith("The Technical Program Manager (executive communication")


def test_a_text_opening_with_the_is_no_verdict_of_a_choice(kb: KnowledgeBase) -> None:
    assert lead(kb, "program tpm or product tpm, which is more strategic").startswith("The Technical Product Manager (product skills")


def test_a_category_is_named_by_its_word_not_by_a_word_of_the_same_stem(kb: KnowledgeBase) -> None:
    from rolegraph.ask.answer.choice import measure_asked

    assert measure_asked(kb, parse(kb, "which one is more about execution, tech pm or tpgm"))[0] == "delivery skills"
    assert measure_asked(kb, parse(kb, "which one meets executives more, tech pm or tpgm"))[0] != "delivery skills"


def test_which_role_before_a_need_of_many_teams(kb: KnowledgeBase) -> None:
    assert parse(kb, "a rollout across 9 teams, which tpm should lead it").form == "which-one"
    assert lead(kb, "a rollout across 9 teams, which tpm should lead it").startswith("The Technical Program Manager (teams coordinated")


def test_which_of_two_roles_is_nearer_a_third(kb: KnowledgeBase) -> None:
    assert parse(kb, "is a tech pm nearer to a product manager or a software engineer").intents == ["neighbours"]
    assert lead(kb, "is a tech pm nearer to a product manager or a software engineer").startswith("The Product Manager: similarity")


def test_the_subject_of_a_closed_choice_is_no_choice(kb: KnowledgeBase) -> None:
    assert lead(kb, "is a tpgm closer to an em or a pm").startswith("The Engineering Manager")


def test_an_order_from_the_low_end_first_is_turned_round(kb: KnowledgeBase) -> None:
    assert lead(kb, "least technical to most: swe, pm, tech pm").startswith("Ranked by technical skills, lowest first: Product Manager")
    assert lead(kb, "most technical to least: pm, swe, tech pm").startswith("Ranked by technical skills: Software Engineer")


def test_any_few_words_after_the_question_are_the_askers_guess() -> None:
    assert not negated_claim("does the tpgm own what gets built? i think not")
    assert not negated_claim("tech pm owns the roadmap? doubt it")


def test_a_liking_is_no_premise_about_the_askers_role(kb: KnowledgeBase) -> None:
    assert lead(kb, "as a support engineer who loves organising releases, what should i aim for").startswith(
        "The Technical Program Manager (release coordination")


def test_should_i_go_one_or_the_other_is_a_choice_of_moves(kb: KnowledgeBase) -> None:
    assert lead(kb, "i'm a software engineer, should i go tech pm or tech pgm").startswith(
        "The Technical Product Manager: Software Engineer → Technical Product Manager")
