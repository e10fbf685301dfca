"""Leads that give the verdict asked: the owner recorded, a role's own kind, a remark asking for a verdict, a person's
text that has what was asked, a choice by a skill category."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


def test_which_role_owns_a_concern_neither_assumed_role_owns_names_its_recorded_owner(kb: KnowledgeBase) -> None:
    assert lead(kb, "which role owns the how").startswith("The Engineering Manager and the Project Manager own the how")


def test_a_concern_word_after_an_ownership_verb_ending_the_question_is_its_question_word(kb: KnowledgeBase) -> None:
    assert parse(kb, "project mgr owns what exactly").concerns == []
    assert lead(kb, "project mgr owns what exactly").startswith("The Project Manager owns the how and the when")
    assert parse(kb, "does the tpgm own the what").concerns == ["what"]


def test_a_flavour_of_a_role_named_is_an_identity_claim(kb: KnowledgeBase) -> None:
    assert lead(kb, "is a tech pgm a flavour of program manager?").startswith("Yes: the Technical Program Manager is a kind of")
    assert "three variants" in lead(kb, "are there different flavours of tech pm")


def test_a_remark_asking_for_a_verdict_makes_the_rest_a_closed_claim(kb: KnowledgeBase) -> None:
    assert parse(kb, "true or false: a tech pgm has direct reports").form == "yes-no"
    assert lead(kb, "yes or no - the tech pm manages engineers").startswith("No")


def test_a_closed_question_about_a_person_is_yes_when_their_text_has_what_was_asked(kb: KnowledgeBase) -> None:
    assert lead(kb, "did the seed author hold a phd").startswith("Yes: ")
    assert not lead(kb, "did the author work at google").startswith(("Yes", "No"))


def test_a_choice_between_roles_by_a_skill_category_is_decided_by_their_ratings(kb: KnowledgeBase) -> None:
    assert lead(kb, "who needs more technical depth, the pm or the tpgm").startswith("The Technical Program Manager (technical skills")


def test_concerns_a_leading_condition_grants_one_tpm_role_are_not_asked(kb: KnowledgeBase) -> None:
    plan = parse(kb, "so if the tech pm has the what and the why, who owns the who and the when")
    assert plan.concerns == ["who", "when"]
    assert [r.label for r in plan.roles] == ["Technical Product Manager", "Technical Program Manager"]
    assert lead(kb, "so if the tech pm has the what and the why, who owns the who and the when").startswith(
        "The Technical Program Manager owns the who")
