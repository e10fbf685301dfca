"""Answering quality found on unseen phrasings: the responsibility matrix by activity, everyday role names,
facts the data links to a concern, a skill asked about in the role moved to."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


@pytest.mark.parametrize(("question", "first", "activity", "accountable"), [
    ("which of the two tpms maintains the risks register", "The Technical Program Manager: ", "risk log (RAID)", "Technical Program Manager"),
    ("who is supposed to keep the dependency maps", "The Technical Program Manager: ", "dependency management", "Technical Program Manager"),
    ("who makes the final ship decision, tech pm or tpgm?", "", "go/no-go decision", "executive sponsor"),
    ("go no go call, who owns it", "", "go/no-go decision", "executive sponsor"),
])
def test_who_does_a_named_activity_is_its_row_of_the_responsibility_matrix(kb: KnowledgeBase, question: str, first: str, activity: str,
                                                                            accountable: str) -> None:
    said = lead(kb, question)
    assert said.startswith(f"{first}{activity}: the {accountable} is accountable"), said


def test_a_longer_activity_name_wins_over_a_shorter_one_inside_it(kb: KnowledgeBase) -> None:
    said = lead(kb, "who owns the program roadmap")
    assert "program roadmap: the Technical Program Manager is accountable" in said and "product vision" not in said
    assert "owns the what" not in said  # the roadmap's row, not the what/why/how/who/when


@pytest.mark.parametrize("question", [
    "i'm a backend dev thinking about becoming a technical program manager, what do i lack",
    "how does a frontend developer become a tech pgm",
    "can a full stack engineer become a tpgm",
])
def test_a_kind_of_developer_is_the_software_engineer(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.status == "answered" and [(r.label, r.part) for r in plan.roles] == [
        ("Software Engineer", "source"), ("Technical Program Manager", "target")]


def test_dev_before_a_noun_is_development_not_a_developer(kb: KnowledgeBase) -> None:
    assert [r.label for r in parse(kb, "tpgm works with just one dev team, yes or no").roles] == ["Technical Program Manager"]


def test_ownership_cites_the_facts_the_data_links_to_the_concern(kb: KnowledgeBase) -> None:
    texts = [i["text"] for i in ask(kb, "who owns the who and the when").meta["answer"]]
    assert any(t.endswith("(PGM-F2)") for t in texts) and not any("(TPM-F1)" in t for t in texts)


def test_a_skill_asked_about_after_a_move_is_judged_in_the_role_moved_to(kb: KnowledgeBase) -> None:
    said = lead(kb, "if i move from swe into technical program management will i still be writing code?")
    assert said.startswith("No: the Technical Program Manager rates writing code")
