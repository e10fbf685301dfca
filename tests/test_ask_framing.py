"""Words that frame a question (the knowledge base named as its ground, the occasion an answer is for, the shape it is
wanted in) are no subject of it, and short formal verbs ask what a name stands for."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", [
    "describe the project manager the way the knowledge base records it",
    "glossary entry needed - engineering manager",
    "for our onboarding handbook: what is a technical program manager",
    "tech pm vs tech pgm, in a table, for the bootcamp cohort",
])
def test_framing_words_are_no_subject(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and not meta["plan"]["topic"], meta["plan"]["topic"]


def test_the_knowledge_base_s_verb_is_no_cue(kb: KnowledgeBase) -> None:
    """'cite' after the knowledge base asks nothing of a source: the knowledge base answers."""
    assert "source" not in parse(kb, "which deliverables of a tpgm does the kb cite").intents


@pytest.mark.parametrize("question", ["list every role the kb has", "what roles does the knowledge base cover in total"])
def test_every_role_of_the_knowledge_base_is_the_catalogue(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["plan"]["intents"][:1] == ["catalogue"] and "Engineering Manager" in meta["lead"]


@pytest.mark.parametrize("question", ["what does SDM denote", "expand 'SDM' please", "SDM refers to which role?",
                                      "the short form sdm corresponds to what"])
def test_formal_verbs_ask_what_a_name_stands_for(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["plan"]["intents"][:1] == ["abbreviation"] and "Engineering Manager" in meta["lead"]


@pytest.mark.parametrize("question", ["engineering manager def", "quick def of a project manager"])
def test_def_asks_for_a_definition(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "answered"
