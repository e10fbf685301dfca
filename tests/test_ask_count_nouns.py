"""Counts read from the noun asked and the graph's tables: a role's ladder levels, the readings of a short form."""

from __future__ import annotations

import pytest

from rolegraph.ask import Plan, ask, parse
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", ["count the tech product manager levels", "number of levels on the tech pm ladder?"])
def test_a_ladder_asked_as_a_count_leads_with_its_recorded_levels(kb: KnowledgeBase, question: str) -> None:
    lead = str(ask(kb, question).meta["lead"])
    assert lead.startswith("5 ") and "entry" in lead and "staff / principal" in lead


@pytest.mark.parametrize("question", ["how many meanings can tpm have", "tpm, how many expansions"])
def test_the_readings_of_a_short_form_are_counted(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and str(meta["lead"]).startswith("3 ") and "Project Manager" in str(meta["lead"])


@pytest.mark.parametrize(("question", "noun"), [("how many levels for a tech pm", "levels"), ("number of ic levels at dropbox", "levels"),
                                                ("count the social network companies", "companies"), ("what does a tpgm own", "")])
def test_the_counted_noun_is_read_once_into_the_plan(kb: KnowledgeBase, question: str, noun: str) -> None:
    plan = parse(kb, question)
    assert plan.counted == noun and Plan.from_dict(plan.to_dict()).counted == noun


@pytest.mark.parametrize(("question", "count"), [("how many rungs on the dropbox technical program manager track", "6 "),
                                                 ("uk govt product management ladder, number of grades?", "5 levels"),
                                                 ("length of the ladder for tpms at dropbox", "6 levels")])
def test_a_named_ladder_is_counted_from_the_text_that_gives_its_number(kb: KnowledgeBase, question: str, count: str) -> None:
    assert str(ask(kb, question).meta["lead"]).startswith(count)  # not the role's own five bands of the shared scale


def test_rows_that_say_the_same_of_one_thing_each_are_counted(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "number of social platforms named in the seed").meta["lead"])
    assert lead.startswith("3 platforms: Facebook, Instagram, TikTok")


def test_single_counts_as_one(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "pm vs pgm, count of teams each one works with").meta["lead"])
    assert "single dedicated product team" in lead


@pytest.mark.parametrize(("question", "noun"), [("# search companies in the seed", "companies"), ("search cos - how many", "companies"),
                                                ("#1 skill of a tpgm", "")])
def test_a_symbol_or_a_shorthand_plural_names_the_noun_counted(kb: KnowledgeBase, question: str, noun: str) -> None:
    assert parse(kb, question).counted == noun  # "#" before a word is "number of"; before a figure it counts nothing


def test_a_percent_sign_is_read_as_a_word(kb: KnowledgeBase) -> None:
    assert "percent" in parse(kb, "tech pm pay premium %").terms


@pytest.mark.parametrize(("question", "ratio"), [("the usual pm to engineer ratio", True), ("devs per pm?", True),
                                                 ("what does a tpgm own", False)])
def test_a_ratio_asked_is_read_once_into_the_plan(kb: KnowledgeBase, question: str, ratio: bool) -> None:
    plan = parse(kb, question)
    assert plan.ratio is ratio and Plan.from_dict(plan.to_dict()).ratio is ratio  # the answer leads with a number from it
