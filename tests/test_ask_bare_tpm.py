"""A bare 'TPM' asked about the role's work, owned metrics or beside another role: answered for each reading."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase

BOTH = ["Technical Product Manager", "Technical Program Manager"]


@pytest.mark.parametrize("question", ["what does a tpm do", "so what's a tpm's job exactly", "what are a tpm's duties"])
def test_the_work_of_a_short_form_is_no_question_about_its_letters(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intent != "abbreviation"
    assert plan.status == "ambiguous-role"
    assert [r.label for r in plan.roles] == BOTH


def test_what_a_short_form_is_still_asks_its_letters(kb: KnowledgeBase) -> None:
    assert parse(kb, "what is a tpm").intent == "abbreviation"


@pytest.mark.parametrize("question", ["what metrics does a tpm own", "which metrics is a tpm accountable for"])
def test_metrics_a_bare_tpm_owns_are_its_own(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert "collaboration" not in plan.intents
    assert plan.status == "ambiguous-role"


@pytest.mark.parametrize("question", ["tpm vs em", "difference between tpm and em", "tpm or engineering manager, how do they differ"])
def test_a_bare_tpm_beside_another_role_is_compared_in_each_reading(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.status == "ambiguous-role"
    assert {r.label for r in plan.roles} == {"Engineering Manager", *BOTH}



@pytest.mark.parametrize("question", ["what did uber tpms run that took over a year",
                                      "the url in a browser question, who uses it in tpm interviews",
                                      "which program did tpms at uber run for more than a year"])
def test_a_bare_tpm_answered_by_a_text_about_one_reading_is_that_reading(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "answered"
    assert [r["label"] for r in result.meta["plan"]["roles"]] == ["Technical Program Manager"]
    assert any("'TPM' read as the Technical Program Manager" in n for n in result.notes)


def test_a_bare_tpm_answered_by_the_handlers_or_a_word_of_its_own_stays_both_readings(kb: KnowledgeBase) -> None:
    assert ask(kb, "what does a tpm do").meta["status"] == "ambiguous-role"
    assert ask(kb, "any tips for the tpm interview loop?").meta["status"] == "ambiguous-role"  # 'tips' settles nothing


@pytest.mark.parametrize("question", ["where are tpm jobs", "where are the tpm jobs"])
def test_a_cue_with_a_filler_word_is_found_around_a_short_form(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intent == "hiring" and plan.status == "ambiguous-role"
