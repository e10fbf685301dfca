"""Team and shared work: a role's partners, where it rolls up, and every party of a responsibility-matrix row."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def test_one_roles_collaborators_are_its_team(kb: KnowledgeBase) -> None:
    plan = parse(kb, "tpgm's main collaborators?")
    assert plan.intents == ["team"] and plan.form == "list"
    assert "Engineering Manager" in ask(kb, "who are the closest partners of a tech pgm").meta["lead"]
    assert parse(kb, "how do the tech pm and the tech pgm collaborate").intent == "collaboration"


def test_where_a_role_rolls_up(kb: KnowledgeBase) -> None:
    assert "engineering organisation" in ask(kb, "what org does a tpgm roll up into").meta["lead"]


def test_a_matrix_row_names_every_party_accountable_first(kb: KnowledgeBase) -> None:
    lead = ask(kb, "go/no-go decision: tech pm, tpgm or someone else?").meta["lead"]
    assert lead.startswith("go/no-go decision: the executive sponsor is accountable")
    meta = ask(kb, "who owns the RAID log, the product tpm or the program tpm?").meta
    assert meta["plan"]["intents"][0] == "collaboration" and "risk log (RAID): the Technical Program Manager is accountable" in meta["lead"]
