"""Orders read as asked: no role name across a colon or comma, and an order of roles by a counted measure."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def test_no_role_name_runs_across_a_colon(kb: KnowledgeBase) -> None:
    plan = parse(kb, "sort by technical: product manager, software engineer")
    assert [r.label for r in plan.roles] == ["Product Manager", "Software Engineer"]
    plan = parse(kb, "rank these by how technical: program manager, technical program manager")
    assert [r.label for r in plan.roles] == ["Program Manager", "Technical Program Manager"]


def test_roles_ranked_by_a_counted_measure(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "rank the em and the tpgm by teams coordinated").meta["lead"])
    assert lead.startswith("Ranked by teams coordinated: Technical Program Manager")
    assert lead.index("Technical Program Manager") < lead.index("Engineering Manager")


def test_an_order_from_the_lowest_up_is_turned_round(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "rank swe, pm and tech pm by technical depth, least to most").meta["lead"])
    assert lead.startswith("Ranked by technical skills, lowest first: Product Manager")
    assert lead.index("Product Manager") < lead.index("Technical Product Manager") < lead.index("Software Engineer")


def test_hiring_which_role_is_a_choice_not_where_it_is_hired(kb: KnowledgeBase) -> None:
    plan = parse(kb, "data centre move across many orgs - hire which tpm")
    assert plan.form == "which-one"
    assert "hiring" not in plan.intents


def test_many_of_a_counted_thing_chooses_who_has_more(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "which one should we hire for a program spanning several teams, tech pm or tpgm").meta["lead"])
    assert lead.startswith("The Technical Program Manager (teams coordinated")


def test_a_dev_tool_is_a_product_not_a_developer(kb: KnowledgeBase) -> None:
    assert "Software Engineer" not in [r.label for r in parse(kb, "who owns the vision for our dev tool").roles]


def test_the_most_popular_way_into_a_role_is_its_usual_route(kb: KnowledgeBase) -> None:
    assert parse(kb, "per the article, the most popular route into tech pgm").intents == ["transitions"]
    assert str(ask(kb, "per the seed, most popular way to tech pm").meta["lead"]).startswith(
        "Most common way into Technical Product Manager: from Software Engineer")
