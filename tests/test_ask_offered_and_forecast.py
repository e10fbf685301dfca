"""Roles offered as a choice with nothing else asked are compared; a question about years to come asks a forecast,
which no source records."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", [
    "do we need a project manager or a program manager",
    "engineering manager or tech pgm, which do we want?",
    "product manager or technical product manager: which one should i get?",
])
def test_roles_offered_with_nothing_else_asked_are_compared(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and meta["plan"]["intents"][:1] == ["compare"], meta["lead"]


@pytest.mark.parametrize("question", [
    "will the engineering manager role exist in 2040",
    "tech pm in 2031 - what will it look like",
    "will project managers be replaced by ai",
])
def test_a_forecast_abstains(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "abstained"
