"""A title the asker gives themself is who asks, not a role asked about; a word no text has in a title's place of a team
question is a role the graph does not model."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", [
    "what does a project manager do? im a cofounder",
    "as a headhunter, what does a tpgm own",
    "i am a cto - explain the engineering manager",
])
def test_the_askers_own_title_is_no_subject(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and not meta["plan"]["topic"] and not meta["plan"]["unknown_roles"]


def test_a_move_from_the_askers_title_still_needs_it(kb: KnowledgeBase) -> None:
    assert ask(kb, "i'm a QA engineer, how do i become a tpgm").meta["status"] == "unknown-role"


@pytest.mark.parametrize("question", ["sre reporting line", "who does a devops report to", "the sdet's boss?"])
def test_an_unknown_word_in_a_titles_place_is_an_unknown_role(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "unknown-role"
