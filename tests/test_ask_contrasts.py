"""Contrasts between roles: what each role is in a comparison, which other roles share something with one, one side of
what separates two, neighbours said in everyday words."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def _text(meta: dict[str, object]) -> str:
    return " ".join([str(meta["lead"]), *(str(i["text"]) for i in meta["answer"])])  # type: ignore[attr-defined]


def test_a_comparison_says_what_each_role_is(kb: KnowledgeBase) -> None:
    said = _text(ask(kb, "pjm vs tpgm: the gist").meta)
    assert "single project" in said and "several engineering teams" in said


@pytest.mark.parametrize("question", ["on a program, tpgm or eng manager, who does what?", "engineering manager versus tpgm - what's the real distinction"])
def test_who_does_what_between_two_roles_also_says_how_they_differ(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and "direct reports" in str(meta["lead"])


@pytest.mark.parametrize("question", ["the tpgm has tech skills in common with who else", "which other jobs share technical skills with the tech pm"])
def test_which_other_roles_share_something_with_the_one_named(kb: KnowledgeBase, question: str) -> None:
    lead = str(ask(kb, question).meta["lead"])
    assert lead.startswith("Roles sharing technical skills with the") and "Engineering Manager" in lead and "Software Engineer" in lead


def test_what_one_role_can_do_that_the_other_cannot_is_one_side_of_what_separates_them(kb: KnowledgeBase) -> None:
    plan = parse(kb, "what might a tpgm do that a tech pm cannot")
    assert plan.intents[:1] == ["separate"] and plan.one_way
    assert "what the Technical Program Manager needs more than" in str(ask(kb, "what might a tpgm do that a tech pm cannot").meta["lead"])


def test_roles_next_to_one_are_its_neighbours(kb: KnowledgeBase) -> None:
    assert parse(kb, "roles that sit next to a software engineer").intents[:1] == ["neighbours"]


def test_on_which_things_two_roles_differ_asks_the_dimensions(kb: KnowledgeBase) -> None:
    assert parse(kb, "in what respects do the tech pm and tpgm differ").intents[:1] == ["dimensions"]
