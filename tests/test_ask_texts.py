"""Intents the graph's texts answer (growth, examples, origin): retrieved, not the role card."""

from __future__ import annotations

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


def test_an_intent_without_a_handler_is_answered_from_the_texts_not_the_card(kb: KnowledgeBase) -> None:
    meta = ask(kb, "whats driving the rise of tech pgm roles").meta
    texts = " ".join(i["text"] for i in meta["answer"])
    assert "complexity of modern platforms" in texts and "An individual contributor who runs large programs" not in texts


def test_concrete_programs_and_what_transfers(kb: KnowledgeBase) -> None:
    meta = ask(kb, "can u name concrete programs that tech program managers drove").meta
    assert meta["plan"]["intents"] == ["examples"] and meta["plan"]["form"] == "list" and "GDPR" in meta["lead"]
    plan = ask(kb, "swe to tpgm: what transfers and what's new").meta["plan"]
    assert plan["intents"][0] == "transitions" and [r["part"] for r in plan["roles"]] == ["source", "target"]


def test_blame_words_ask_how_a_role_is_judged(kb: KnowledgeBase) -> None:
    meta = ask(kb, "which one takes the heat when a release is late").meta
    assert meta["plan"]["intents"] == ["metrics"] and meta["lead"].startswith("The Technical Program Manager")
    assert "growing quickly" in ask(kb, "why is the tech pgm role growing so fast").meta["lead"]
