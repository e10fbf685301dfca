"""Questions answered from a fact's text: a count given in words, a relative pay claim, everyday verbs for outputs."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", ["whats the usual pm to engineer ratio", "typical eng to pm ratio"])
def test_a_count_given_in_words_leads_in_figures(kb: KnowledgeBase, question: str) -> None:
    lead = str(ask(kb, question).meta["lead"])
    assert lead.startswith("6 to 10 engineers: ") and "six to ten engineers" in lead


@pytest.mark.parametrize("question", ["pay gap between pm-t and pm at amazon?", "salary bump for tech pm vs plain pm"])
def test_a_pay_gap_is_answered_by_the_relative_claim(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and any("20 percent" in i["text"] for i in meta["answer"])


@pytest.mark.parametrize("question", ["what does a project manager hand in", "what do technical pms hand to the team",
                                      "what artifacts does a tpgm put together"])
def test_handing_in_asks_for_deliverables(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).intents[0] == "deliverables"


def test_calling_for_a_role_asks_nothing_of_its_name(kb: KnowledgeBase) -> None:
    plan = parse(kb, "at how many eng teams does an initiative call for a technical program manager")
    assert "abbreviation" not in plan.intents and plan.intents[0] == "team"


def test_a_number_of_teams_is_a_team_count_not_a_metric(kb: KnowledgeBase) -> None:
    plan = parse(kb, "at what number of teams do companies usually add a technical program manager")
    assert plan.intents[0] == "team" and "metrics" not in plan.intents


@pytest.mark.parametrize("question", ["how far ahead does a technical product manager plan? short term vs long term",
                                      "short term vs long term planning for a technical product manager — what ranges?"])
def test_two_time_spans_set_against_each_other_are_no_comparison_of_roles(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert "compare" not in meta["plan"]["intents"] and "coming quarters" in " ".join(i["text"] for i in meta["answer"])


def test_a_pay_claim_that_answers_a_gap_is_no_abstention_of_its_figure(kb: KnowledgeBase) -> None:
    assert ask(kb, "what's the pay difference between pm-t and pm at amazon").meta["status"] == "answered"


@pytest.mark.parametrize(("question", "said"), [
    ("em span of control, roughly how many devs", "12"),
    ("what did kalmykov study for his doctorate", "climate"),
    ("can someone without a tech background become a project manager", "without a technical background"),
])
def test_everyday_words_and_abbreviations_reach_the_datas_words(kb: KnowledgeBase, question: str, said: str) -> None:
    meta = ask(kb, question).meta
    assert said in " ".join([str(meta["lead"]), *(i["text"] for i in meta["answer"])])


@pytest.mark.parametrize("question", ["what's the technical product manager's title at amazon",
                                      "the tech pm job title in amazon?"])
def test_a_title_at_a_company_asks_for_the_roles_names(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and "PM-T" in str(meta["lead"])


@pytest.mark.parametrize("question", ["the tpgm's title at apple?", "what do they call the tpgm at apple"])
def test_a_short_form_that_only_names_the_role_gets_the_roles_names(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert any("EPM" in i["text"] for i in meta["answer"])


@pytest.mark.parametrize("question", ["we're about 30 engineers total, do we need a technical program manager yet",
                                      "we are 120 engineers altogether, time for a tpgm?"])
def test_a_number_held_against_a_bound_is_on_topic_whatever_words_surround_it(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and "the 50 in" in str(meta["lead"])


@pytest.mark.parametrize("question", ["one product manager for how many devs typically?", "a single pm usually covers how many developers"])
def test_a_count_of_an_everyday_noun_is_read_from_the_roles_facts(kb: KnowledgeBase, question: str) -> None:
    assert str(ask(kb, question).meta["lead"]).startswith("6 to 10 engineers: ")


@pytest.mark.parametrize("question", ["how many different domains are tech pms hired in, according to the data",
                                      "based on the data, how many sectors do tech pms get hired in"])
def test_the_knowledge_base_cited_as_ground_names_no_domain(kb: KnowledgeBase, question: str) -> None:
    assert str(ask(kb, question).meta["lead"]).startswith("6 ")


@pytest.mark.parametrize("question", ["why is tech pgm such a growing skill set right now",
                                      "how come program management skills are booming for tpgms"])
def test_why_a_role_grows_is_answered_by_the_texts_on_its_growth(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["plan"]["form"] == "explain" and meta["plan"]["intents"] == ["growth"] and "complexity" in str(meta["lead"])


@pytest.mark.parametrize("question", ["amazon tpgm hiring steps?", "what are the stages of getting hired as a tpgm at amazon"])
def test_the_steps_of_being_hired_are_the_interview(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).intents == ["interview"]


@pytest.mark.parametrize("question", ["which people does a tech pm work with every week",
                                      "who are the people a product manager talks to every day"])
def test_the_people_a_role_deals_with_are_its_partners(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["plan"]["intents"][0] == "team" and "works with: design and UX" in str(meta["lead"])


@pytest.mark.parametrize("question", ["what does a swe need that a tech pm doesn't really",
                                      "what does a tech pgm require that a project manager doesn't"])
def test_what_one_role_needs_that_another_does_not_is_one_side_of_the_skills(kb: KnowledgeBase, question: str) -> None:
    assert str(ask(kb, question).meta["lead"]).startswith("Ranked by importance gap")


def test_noun_phrases_joined_by_plus_are_each_asked(kb: KnowledgeBase) -> None:
    assert "up to 12" in str(ask(kb, "em team size plus tpgm team count?").meta["lead"])


@pytest.mark.parametrize("question", ["besides timelines, what else do tpgms sometimes do",
                                      "what extra stuff does a tech pgm do beyond scheduling at some companies"])
def test_what_else_a_role_does_is_its_day_to_day(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and meta["plan"]["intents"][0] == "day-to-day" and "leading sprints" in str(meta["lead"])


@pytest.mark.parametrize("question", ["does a tpgm get measured on anything, like what",
                                      "at some companies a tech pgm does extra stuff beyond scheduling, like what?"])
def test_a_closed_opener_with_a_tail_asking_for_the_items_is_a_list(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).form == "list"


def test_each_part_with_no_role_named_gets_the_roles_its_own_intent_implies(kb: KnowledgeBase) -> None:
    plan = parse(kb, "who owns the timeline of a multi-team program, and who does that person report to")
    assert [len(p.roles) for p in plan.parts] == [2, 2]
    assert "reports to: engineering organisation" in str(ask(kb, plan.question).meta["lead"])


@pytest.mark.parametrize("question", ["swe here: gaps for product tpm vs gaps for program tpm, both please",
                                      "project manager here, what to learn for tech pm and for tpgm"])
def test_a_move_asked_towards_two_goals_gives_each_route(kb: KnowledgeBase, question: str) -> None:
    lead = str(ask(kb, question).meta["lead"])
    assert "to Technical Product Manager" in lead and "to Technical Program Manager" in lead


@pytest.mark.parametrize("question", ["what fills a project manager's working day", "typical daily tasks for a pjm?"])
def test_a_project_managers_day_keeps_time_budget_and_scope(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert "time, budget and scope" in str(meta["lead"]) and meta["answer"][0]["basis"] == "external"


@pytest.mark.parametrize("question", ["google tpgm: how many years of experience do postings ask", "years of experience google wants from a tpm?"])
def test_a_text_that_states_it_comes_before_a_gap_with_as_many_words(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and "10 for a Senior TPM posting" in str(meta["lead"])


@pytest.mark.parametrize("question", ["how long ago did kalmykov make the move to tech pm", "author switched to tech pm how long ago?"])
def test_a_length_of_time_asked_and_given_in_words_leads_in_figures(kb: KnowledgeBase, question: str) -> None:
    assert str(ask(kb, question).meta["lead"]).startswith("5 years: ")


def test_a_ratio_leads_with_the_row_or_text_that_gives_its_number(kb: KnowledgeBase) -> None:
    assert str(ask(kb, "ratio of engineers per product manager, typically?").meta["lead"]).startswith("6 to 10 engineers")


def test_a_length_of_time_asked_about_a_person_leads_with_their_text_that_gives_one(kb: KnowledgeBase) -> None:
    assert str(ask(kb, "in years, how long since the author turned tech pm").meta["lead"]).startswith("5 years")

