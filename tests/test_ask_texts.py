"""Intents the graph's texts answer (growth, examples, origin): retrieved, not the role card."""

from __future__ import annotations

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


def test_an_intent_without_a_handler_is_answered_from_the_texts_not_the_card(kb: KnowledgeBase) -> None:
    meta = ask(kb, "whats driving the rise of tech pgm roles").meta
    texts = " ".join(i["text"] for i in meta["answer"])
    assert "complexity of modern platforms" in texts and "An individual contributor who runs large programs" not in texts
