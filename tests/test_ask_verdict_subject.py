"""A verdict about one role names it, and a text's own verdict answers a claim put in the negative the other way round."""

from __future__ import annotations

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


def test_a_verdict_about_one_role_names_it(kb: KnowledgeBase) -> None:
    assert lead(kb, "does a tech pgm have a direct say in how the product develops").startswith(
        "No, for the Technical Program Manager: ")


def test_a_texts_own_verdict_answers_a_negative_claim_the_other_way_round(kb: KnowledgeBase) -> None:
    assert lead(kb, "is it fair to say a tpgm has no direct influence on the product?").startswith("Yes")
