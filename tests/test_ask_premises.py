"""Premises: what a question takes for granted is checked against the graph, and the correction is an answer."""

from __future__ import annotations

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


def test_an_identity_premise_is_corrected_even_when_the_rest_is_unknown(kb: KnowledgeBase) -> None:
    meta = ask(kb, "since a tech pm is basically a program manager, what tools do they use for scheduling").meta
    assert meta["status"] == "answered" and meta["lead"].startswith("Premise not supported")
    assert any("kind of Product Manager" in i["text"] for i in meta["answer"])


def test_a_claim_about_the_role_of_the_main_clause_is_checked(kb: KnowledgeBase) -> None:
    meta = ask(kb, "as the boss of the engineers, how does a technical program manager run 1:1s").meta
    assert meta["lead"].startswith("Premise not supported") and "report" in meta["lead"]


def test_people_management_taken_for_granted_is_checked(kb: KnowledgeBase) -> None:
    meta = ask(kb, "how does a tech pgm do performance reviews for their engineers").meta
    assert meta["lead"].startswith("Premise not supported") and "manages no people" in meta["lead"]
    assert not ask(kb, "how does an engineering manager do performance reviews").meta["lead"].startswith("Premise")
