"""What each of two roles is, the scope of each, a levels text when a role has no ladder, a company's former name, a
person question with a part about something else, where a person works."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def test_what_each_of_two_roles_is_asks_both_definitions(kb: KnowledgeBase) -> None:
    plan = parse(kb, "in one go: what each of tpgm and tech pm is")
    assert plan.intents[:1] == ["definition"] and len(plan.roles) == 2


@pytest.mark.parametrize("question", ["scope of each role: tpgm vs em", "lay out the scope of each: tech pm, tpgm"])
def test_the_scope_of_each_asks_what_each_owns_not_the_what_alone(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intents[:1] == ["ownership"] and plan.concerns == []


def test_a_role_with_no_ladder_leads_with_the_levels_text_on_its_subject(kb: KnowledgeBase) -> None:
    assert "hardest step" in str(ask(kb, "which promotion is the hardest for a product manager").meta["lead"])


def test_a_no_hire_is_an_interview_outcome_not_who_hires(kb: KnowledgeBase) -> None:
    assert parse(kb, "amazon tpm loops: what leads to a no hire").intents == ["interview"]


def test_a_company_is_found_by_its_former_name(kb: KnowledgeBase) -> None:
    said = " ".join(str(i["text"]) for i in ask(kb, "fb tpgm interview: which types of tpm are there").meta["answer"])
    assert "infrastructure TPMs" in said


@pytest.mark.parametrize("question", ["who's the seed's author, and which industries does it name", "seed writer + tech pm domains"])
def test_a_person_question_with_a_part_about_something_else_answers_both(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert len(meta["plan"]["parts"]) == 2 and "Kalmykov" in str(meta["lead"]) and "Spotify" in str(meta["lead"])


def test_where_a_person_works_is_their_career(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "vladimir kalmykov's employer?").meta["lead"])
    assert "career" in lead and "Booking.com" in lead


def test_a_role_that_owns_no_concern_is_said_so_with_what_it_does(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "em + swe: what is each responsible for").meta["lead"])
    assert "The Software Engineer owns none of the what, why, how, who or when: An engineer who designs" in lead
