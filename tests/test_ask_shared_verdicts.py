"""A closed question about several roles at once: each role decided by its own ratings, then combined."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


def test_both_or_only_one_narrows_a_claim_and_offers_no_choice(kb: KnowledgeBase) -> None:
    assert parse(kb, "are the tpm and the tpgm both ics or does one of them have reports").form == "yes-no"
    assert parse(kb, "does stakeholder communication matter in both tpm jobs or just for the tpgm").form == "yes-no"


def test_a_skill_asked_of_both_roles_is_decided_by_each_ones_rating(kb: KnowledgeBase) -> None:
    said = lead(kb, "is product strategy needed in both tpm roles")
    assert said.startswith("No, true only of the Technical Product Manager: on product strategy")


def test_a_skill_category_asked_of_both_roles_is_decided_by_each_ones_mean(kb: KnowledgeBase) -> None:
    assert lead(kb, "do the tech pm and the tpgm both need technical depth").startswith("Yes, true of both: on technical skills")
    assert lead(kb, "do a tpgm and a pm both need technical depth").startswith(
        "No, true only of the Technical Program Manager: on technical skills")


def test_a_closed_question_whether_two_roles_share_anything_leads_with_a_verdict(kb: KnowledgeBase) -> None:
    said = lead(kb, "does a technical product manager share much with a product manager?")
    assert said.startswith("Yes: Both the Technical Product Manager and the Product Manager need")


def test_a_closed_question_ending_on_a_roles_possessive_asks_whether_it_owns_the_concern(kb: KnowledgeBase) -> None:
    plan = parse(kb, "is the why the tpgm's")
    assert (plan.intents, plan.form, plan.concerns) == (["ownership"], "yes-no", ["why"])
    assert lead(kb, "is the how the engineering manager's call").startswith("Yes: the Engineering Manager owns the how")
    assert lead(kb, "is timeline across teams the tech pm's job").startswith("No")
    assert parse(kb, "what is the tpgm's job").form != "yes-no"
