"""Team and shared work: a role's partners, where it rolls up, every party of a responsibility-matrix row; and a routine asked as a working day."""

from __future__ import annotations

import pytest

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


def test_who_with_asks_for_partners_whatever_the_verb(kb: KnowledgeBase) -> None:
    for question in ("who does an engineering manager deal with the most", "who does a tech pm end up talking with every day"):
        assert parse(kb, question).intents[:1] == ["team"], question
    assert "Engineering Manager" in ask(kb, "who does a tech pgm spend most of their time working with").meta["lead"]
    assert parse(kb, "who owns the roadmap").intents[:1] != ["team"]  # no 'with' at the end: not a partners question


@pytest.mark.parametrize("question", ["describe a normal working day for a tech pgm", "hour to hour, what is a tech pgm busy with",
                                      "what's a working week like for a tpgm"])
def test_a_working_day_or_hour_to_hour_is_the_routine(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).intents[:1] == ["day-to-day"], question


@pytest.mark.parametrize("question", ["how many devs does a technical program manager manage on average",
                                      "how many developers does a tpgm manage"])
def test_the_people_managed_asked_before_the_verb_are_direct_reports(kb: KnowledgeBase, question: str) -> None:
    """'how many devs does a tpgm manage': the direct reports (none for an individual contributor), not a text search."""
    assert "direct reports: 0" in str(ask(kb, question).meta["lead"])


@pytest.mark.parametrize("question", ["how many engineers report to a tech pgm", "how many devs report to a tech pm"])
def test_a_count_of_a_relation_asked_keeps_the_relations_count_as_lead(kb: KnowledgeBase, question: str) -> None:
    assert str(ask(kb, question).meta["lead"]).endswith("direct reports: 0.")
