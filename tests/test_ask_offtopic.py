"""Questions the knowledge base cannot answer abstain plainly instead of answering a nearby card."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", [
    "should i buy netflix shares",  # 'shares' of a company: no skills shared
    "should i buy amazon shares before my tpm interview",
    "is it going to rain in seattle tomorrow",  # understood, and outside what it covers: not 'cannot parse'
])
def test_a_subject_outside_job_roles_abstains(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "abstained"


def test_sharing_between_roles_is_still_answered(kb: KnowledgeBase) -> None:
    assert ask(kb, "what does a tech pm share with a tech pgm").meta["status"] == "answered"


@pytest.mark.parametrize("question", [
    "whats the best programming language for a tech pgm to learn",
    "what's the best laptop for a technical product manager",
])
def test_no_role_card_when_no_text_has_the_subject(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "abstained" and "nothing on" in str(meta["lead"])


def test_a_plain_definition_still_gets_the_card(kb: KnowledgeBase) -> None:
    assert ask(kb, "what is a technical program manager").meta["status"] == "answered"


def test_where_the_jobs_are_is_a_hiring_question(kb: KnowledgeBase) -> None:
    assert parse(kb, "where are the jobs for tech pgms").intents[:1] == ["hiring"]
