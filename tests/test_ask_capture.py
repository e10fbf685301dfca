"""No card captures a question it does not answer: unknown words, unmodelled titles, 'whose call'."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def test_a_short_form_beside_unknown_words_is_no_abbreviation_question(kb: KnowledgeBase) -> None:
    assert parse(kb, "does sundar pichai like tpgms").intents != ["abbreviation"]
    assert ask(kb, "does sundar pichai like tpgms").meta["status"] == "abstained"
    assert parse(kb, "tpgm meaning").intent == "abbreviation"


def test_a_title_qualified_by_another_title_word_is_one_unknown_title(kb: KnowledgeBase) -> None:
    plan = parse(kb, "whats the difference between a developer advocate and a tech pm")
    assert plan.status == "unknown-role" and plan.unknown_roles == ["developer advocate"]


def test_whose_call_asks_who_owns(kb: KnowledgeBase) -> None:
    plan = parse(kb, "the 'how': is that the tpgm's or the engineering manager's call?")
    assert plan.intent == "ownership" and plan.concerns == ["how"]


def test_filler_and_chat_spellings_do_not_stop_a_definition(kb: KnowledgeBase) -> None:
    assert ask(kb, "whats a projct manager do in a nutshell").meta["status"] == "answered"
    assert parse(kb, "wat is a techincal programm manger").intent == "definition"
    assert parse(kb, "tpgm vs em, whats the diff").intent == "compare"


def test_the_writer_of_the_seed_is_a_person_not_a_job_title(kb: KnowledgeBase) -> None:
    plan = parse(kb, "why did the seed writer leave research")
    assert plan.status == "answered" and plan.intent == "person"
