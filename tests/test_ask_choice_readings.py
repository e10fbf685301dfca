"""Choices and closed questions read as asked: a short form set against a role, the roles a choice offers, where a
closed question opens, and the bottom of a role's skills."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


def labels(kb: KnowledgeBase, question: str) -> list[str]:
    return [r.label for r in parse(kb, question).roles]


def test_a_short_form_set_against_a_role_takes_its_usual_reading(kb: KnowledgeBase) -> None:
    assert labels(kb, "customer interviews, pm or tpgm?") == ["Product Manager", "Technical Program Manager"]
    assert labels(kb, "pm or pgm, who sets the vision") == ["Product Manager", "Program Manager"]


def test_a_short_form_beside_a_kind_of_its_usual_reading_is_that_reading(kb: KnowledgeBase) -> None:
    assert labels(kb, "tech pm vs pm: what changes") == ["Technical Product Manager", "Product Manager"]


def test_a_question_opens_after_the_seed_is_named(kb: KnowledgeBase) -> None:
    plan = parse(kb, "per the article is a tech pm a kind of product manager")
    assert plan.form == "yes-no"
    assert lead(kb, "per the article is a tech pm a kind of product manager").startswith("Yes")


def test_a_name_held_to_be_another_is_a_claim_to_confirm(kb: KnowledgeBase) -> None:
    assert parse(kb, "tech pm still basically a product manager?").form == "yes-no"
    assert lead(kb, "tpgm and tech pm essentially one job?").startswith("No")


def test_a_question_after_a_dash_opens_there(kb: KnowledgeBase) -> None:
    plan = parse(kb, "release coordination - which of them")
    assert plan.form == "which-one"
    assert lead(kb, "risk management - which tpm").startswith("The Technical Program Manager")


def test_a_people_word_before_a_product_noun_is_no_role(kb: KnowledgeBase) -> None:
    assert "Software Engineer" not in labels(kb, "who owns the roadmap of a developer platform")
    assert "Software Engineer" in labels(kb, "what does a developer do all day")


def test_running_people_asked_among_roles_is_decided_by_reports(kb: KnowledgeBase) -> None:
    said = lead(kb, "who among the tpgm and the em handles hiring")
    assert said.startswith("The Engineering Manager (direct reports")


def test_who_to_hire_is_a_choice_of_role(kb: KnowledgeBase) -> None:
    said = lead(kb, "a single project with fixed scope and budget, who would we hire")
    assert said.startswith("The Project Manager")


def test_the_least_important_skills_come_from_the_bottom(kb: KnowledgeBase) -> None:
    said = lead(kb, "which skill matters least for an engineering manager")
    assert said.startswith("Engineering Manager, least important first: cross-team dependency management (2)")
    assert not lead(kb, "what skills does a tpgm need at least").startswith("Technical Program Manager, least")


def test_people_reporting_to_a_role_are_its_direct_reports(kb: KnowledgeBase) -> None:
    assert lead(kb, "do developers report to our tech pgm?").startswith("No: Technical Program Manager — direct reports: 0")
    assert lead(kb, "does a tpgm report to engineering").startswith("Yes: Technical Program Manager — reports to")


def test_a_claim_put_in_a_bare_seeds_mouth_is_checked_against_the_seed(kb: KnowledgeBase) -> None:
    said = lead(kb, "seed claims you need an mba?")
    assert said.startswith("No: the seed does not say that") and "Software Engineer" in said


def test_a_short_form_read_by_its_qualifier_is_no_reading_offered(kb: KnowledgeBase) -> None:
    assert parse(kb, "could a program tpm steer the product?").intents != ["abbreviation"]
    assert parse(kb, "is tpm at amazon the program role?").intents == ["abbreviation"]
