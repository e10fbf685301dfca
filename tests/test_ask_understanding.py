"""How a question is understood, on phrasings the public corpus did not have: filler words inside a cue,
questions about the knowledge base itself, a source named as attribution, title and short-form variants."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize(("question", "intent"), [
    ("wait, what even is a tech pgm", "definition"),
    ("how many job roles does rolegraph cover", "catalogue"),
    ("what sets the program side apart skill wise", "separate"),
])
def test_a_filler_word_inside_a_cue_phrase_does_not_hide_it(kb: KnowledgeBase, question: str, intent: str) -> None:
    plan = parse(kb, question)
    assert plan.intent == intent and not {"even", "job", "apart", "sets"} & set(plan.topic), plan


@pytest.mark.parametrize("question", ["count of roles you know about?", "which roles do u model", "so how many roles are in here"])
def test_a_question_about_the_knowledge_base_itself_lists_its_roles(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "answered" and result.meta["lead"].startswith("7 roles are modelled"), result.meta["lead"]
