"""A move written with an arrow and a route word ('pjm -> tpgm route?') is a move from the first role to the second;
'on hook' is 'on the hook'; a choice the ratings decide is answered."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def test_an_arrow_with_a_route_word_is_a_move(kb: KnowledgeBase) -> None:
    plan = parse(kb, "project manager -> tech pgm path?")
    assert [(r.label, r.part) for r in plan.roles] == [("Project Manager", "source"), ("Technical Program Manager", "target")]
    assert str(ask(kb, "project manager -> tech pgm path?").meta["lead"]).startswith("Yes: moving from Project Manager")


def test_on_hook_is_on_the_hook(kb: KnowledgeBase) -> None:
    assert "ownership" in parse(kb, "who's on hook for adoption and revenue").intents


def test_a_choice_the_ratings_decide_is_answered(kb: KnowledgeBase) -> None:
    result = ask(kb, "which of tpgm and tech pm is more visionary")
    assert result.meta["status"] == "answered"
    assert str(result.meta["lead"]).startswith("The Technical Product Manager (product skills")


def test_a_role_right_before_a_move_word_is_where_the_move_starts(kb: KnowledgeBase) -> None:
    plan = parse(kb, "project managers typically switch into which roles")
    assert [(r.label, r.part) for r in plan.roles] == [("Project Manager", "source")]
    assert "Technical Program Manager" in str(ask(kb, "project managers typically switch into which roles").meta["lead"])
    assert "source" not in [r.part for r in parse(kb, "tech pgm moving to product, what changes").roles]  # a place follows


def test_a_figure_two_before_a_short_form_names_both_readings_not_a_headcount(kb: KnowledgeBase) -> None:
    assert len(parse(kb, "closest jobs to the 2 tpms").roles) == 2
    assert not parse(kb, "we have 3 tpms, is that enough").roles  # a headcount still names no role asked about
