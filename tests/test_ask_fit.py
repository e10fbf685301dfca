"""Which role fits what the asker likes, a skill asked in a closed question about a short form, and the asker's guess
after a closed question."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.ask.answer.base import negated_claim
from rolegraph.ask.fit import liked
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


def test_the_words_of_a_liking_are_read_when_a_role_is_asked_for() -> None:
    assert liked("ops engineer, enjoy talking with customers, which role") == (2, [3, 4, 5])
    assert liked("which one if i love risk logs, raid logs and status reports") == (4, [5, 6, 7, 8, 9, 10, 11])  # the list goes on
    assert liked("what role if i like herding teams") is not None
    assert liked("i like herding teams") is None  # no role asked for
    assert liked("what does a tpgm like to work on, which one") is None  # not the asker's liking


def test_a_liking_chooses_between_the_tpm_roles(kb: KnowledgeBase) -> None:
    assert lead(kb, "support engineer here, love user research, which role").startswith("The Technical Product Manager")
    assert lead(kb, "i enjoy keeping many teams on one schedule, which role fits").startswith("The Technical Program Manager")


def test_the_askers_own_role_is_no_candidate(kb: KnowledgeBase) -> None:
    plan = parse(kb, "im an engineering manager, love cross team coordination. which")
    assert {r.label for r in plan.roles} == {"Technical Product Manager", "Technical Program Manager"}
    assert plan.form == "which-one"


def test_a_liking_among_roles_offered_chooses_between_them(kb: KnowledgeBase) -> None:
    plan = parse(kb, "me: a dev, i enjoy user research - tech pm or project manager?")
    assert [r.label for r in plan.roles] == ["Technical Product Manager", "Project Manager"]
    assert lead(kb, "me: a dev, i enjoy user research - tech pm or project manager?").startswith("The Technical Product Manager")


def test_a_role_named_after_the_liking_is_asked_about(kb: KnowledgeBase) -> None:
    assert parse(kb, "i like product work, how do i move to tech pm").intents == ["transitions"]


def test_a_skill_asked_of_a_short_form_is_no_question_about_its_letters(kb: KnowledgeBase) -> None:
    assert parse(kb, "pjms code?").intents == ["skills"]
    assert lead(kb, "do tpgms code?").startswith("No")


def test_the_askers_guess_after_the_question_is_no_part_of_the_claim() -> None:
    assert not negated_claim("tpgm must code? no right")
    assert not negated_claim("tech pm owns the roadmap? yes?")
    assert negated_claim("tech pms don't code, right?")


def test_whether_a_move_can_be_done_is_a_closed_question(kb: KnowledgeBase) -> None:
    assert parse(kb, "project manager becoming a tpgm, feasible?").form == "yes-no"
    assert lead(kb, "swe moving to tech pm, doable?").startswith("Yes")
