"""The answer forms `ask` decides from the data: yes/no, which one, count, both-way differences, concern lists."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


@pytest.mark.parametrize(("question", "verdict"), [
    ("would a 30 engineer company have a technical program manager", "No"),
    ("would a 500 engineer company have a technical program manager", "Yes"),
])
def test_yes_no_weighs_the_number_asked_against_a_bound_in_the_data(kb: KnowledgeBase, question: str, verdict: str) -> None:
    said = lead(kb, question)
    assert said.startswith(verdict) and " the 50 in: " in said


@pytest.mark.parametrize(("question", "verdict"), [
    ("does a program manager need software architecture", "No"),
    ("does a tech pm need product strategy", "Yes"),
])
def test_yes_no_on_a_named_skill_is_decided_by_its_importance(kb: KnowledgeBase, question: str, verdict: str) -> None:
    assert lead(kb, question).startswith(verdict)


def test_yes_no_prefers_the_roles_own_row_to_a_level_description(kb: KnowledgeBase) -> None:
    assert lead(kb, "do tech pgms manage a team of engineers directly").startswith("No")


def test_non_technical_names_the_plain_role(kb: KnowledgeBase) -> None:
    plan = parse(kb, "are non tech program managers expected to know software architecture")
    assert [r.label for r in plan.roles] == ["Program Manager"]


def test_count_reads_a_listed_set(kb: KnowledgeBase) -> None:
    assert lead(kb, "how many planning horizons does a tech pm juggle").startswith("3 horizons")


def test_count_after_a_closed_clause(kb: KnowledgeBase) -> None:
    assert parse(kb, "does an em run a single team or many, how many").form == "count"


def test_a_closing_closed_clause_asks_yes_no(kb: KnowledgeBase) -> None:
    assert parse(kb, "spotify technical product manager openings, do they exist").form == "yes-no"
    assert parse(kb, "i want to be a tech pm, is that common and what should i expect").form != "yes-no"


def test_which_one_prefers_the_mainstream_row_to_a_counter_view(kb: KnowledgeBase) -> None:
    assert lead(kb, "which one usually reports into the product org, tech pm or tech pgm").startswith("The Technical Product Manager")


def test_which_one_on_a_skill_is_decided_by_its_importance(kb: KnowledgeBase) -> None:
    assert lead(kb, "which role owns the program roadmap").startswith("The Technical Program Manager")


def test_roles_joined_by_or_play_the_same_part(kb: KnowledgeBase) -> None:
    parts = {r.label: r.part for r in parse(kb, "do more swes become tech pms or tech pgms").roles}
    assert parts == {"Software Engineer": "source", "Technical Product Manager": "target", "Technical Program Manager": "target"}


def test_what_separates_them_answers_both_ways(kb: KnowledgeBase) -> None:
    both = lead(kb, "what separates a tech pm and a tech pgm")
    assert "customer discovery and user research" in both and "cross-team dependency management" in both
    one_way = lead(kb, "which skills separate a tech pm from a tech pgm")
    assert "cross-team dependency management" not in one_way


@pytest.mark.parametrize(("question", "concerns"), [
    ("project manager owns which of the what why how who when", ["what", "why", "how", "who", "when"]),
    ("whos accountable for deciding what gets built and why, tech pm or tech pgm", ["what", "why"]),
    ("who is in charge of the when and who in a big multi team program", ["who", "when"]),
])
def test_a_list_of_concerns_is_read_whole(kb: KnowledgeBase, question: str, concerns: list[str]) -> None:
    plan = parse(kb, question)
    assert plan.concerns == concerns and not plan.parts


def test_which_of_the_concerns_a_named_role_owns(kb: KnowledgeBase) -> None:
    assert lead(kb, "project manager owns which of the what why how who when") == "The Project Manager owns the how and the when."


@pytest.mark.parametrize(("question", "label"), [
    ("what does an eng manager spend their time on", "Engineering Manager"),
    ("program mgr skills", "Program Manager"),
])
def test_short_title_words_name_the_role(kb: KnowledgeBase, question: str, label: str) -> None:
    assert [r.label for r in parse(kb, question).roles] == [label]


def test_a_choice_opened_by_are_asks_which_one(kb: KnowledgeBase) -> None:
    assert parse(kb, "are technical specs a tech pm or a tech pgm deliverable").form == "which-one"


def test_high_to_low_asks_for_an_order(kb: KnowledgeBase) -> None:
    said = lead(kb, "risk management importance, high to low: tech pm, tech pgm, project manager")
    assert said.startswith("Ranked by risk management: Technical Program Manager")


def test_a_count_of_people_is_not_a_count_of_teams(kb: KnowledgeBase) -> None:
    assert "direct reports: 0" in lead(kb, "how many people report to a technical product manager")


def test_or_and_filler_words_decide_no_yes_no(kb: KnowledgeBase) -> None:
    assert lead(kb, "does anyone actually report to a technical program manager or are they an ic").startswith("No")


@pytest.mark.parametrize(("question", "source", "target"), [
    ("my title is program manager (not technical), what would get me a tpgm job", "Program Manager", "Technical Program Manager"),
    ("as an engineer what do i already have for tech pm and what must i learn", "Software Engineer", "Technical Product Manager"),
])
def test_a_move_from_a_named_source_goes_to_the_other_role(kb: KnowledgeBase, question: str, source: str, target: str) -> None:
    plan = parse(kb, question)
    assert plan.intent == "transitions"
    assert {r.label: r.part for r in plan.roles} == {source: "source", target: "target"}


def test_a_full_name_with_meaning_asks_for_the_definition(kb: KnowledgeBase) -> None:
    assert lead(kb, "tech product manager meaning?").startswith("The Technical Product Manager is a product manager")


def test_what_a_short_form_does_is_its_definition(kb: KnowledgeBase) -> None:
    assert lead(kb, "what does a swe do").startswith("The Software Engineer is an engineer who designs")


@pytest.mark.parametrize(("question", "verdict"), [
    ("if a release slips is that on the technical program manager", "Yes"),
    ("if the launch is late does it fall on the tpgm", "Yes"),
])
def test_a_closed_question_after_a_condition_gets_a_verdict(kb: KnowledgeBase, question: str, verdict: str) -> None:
    assert parse(kb, question).form == "yes-no"
    assert lead(kb, question).startswith(verdict)


def test_a_condition_before_a_question_word_stays_open(kb: KnowledgeBase) -> None:
    assert parse(kb, "if we launch but half the features are missing who gets blamed").form == "which-one"


def test_two_roles_joined_by_or_are_the_choices(kb: KnowledgeBase) -> None:
    plan = parse(kb, "risk register: a tech pm job or a tech pgm job")
    assert plan.form == "which-one"
    assert lead(kb, "risk register: a tech pm job or a tech pgm job").startswith("The Technical Program Manager")


@pytest.mark.parametrize(("question", "verdict"), [
    ("is the tpgm role booming or fizzling out", "Yes"),  # the alternative after "or" is no subject the graph must know
    ("the tech pgm directly shapes the product, true or false", "No"),
    ("is a tech pgm a program manager in essence", "Yes"),  # an idiom names no subject
])
def test_alternatives_and_idioms_do_not_make_a_closed_question_abstain(kb: KnowledgeBase, question: str, verdict: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "answered"
    assert str(result.meta["lead"]).startswith(verdict)


@pytest.mark.parametrize("question", ["will i have engineers reporting to me as a tpgm", "does the tpgm manage the developers on the team"])
def test_a_team_slice_is_found_around_articles_and_in_the_first_person(kb: KnowledgeBase, question: str) -> None:
    said = lead(kb, question)
    assert said.startswith("No") and "direct reports: 0" in said


@pytest.mark.parametrize("question", ["who holds one on ones, the tech pgm or the em", "which role does the hiring for its team"])
def test_running_a_teams_people_asks_who_has_reports(kb: KnowledgeBase, question: str) -> None:
    said = lead(kb, question)
    assert "direct reports" in said and "Engineering Manager" in said and "hiring by domain" not in said


def test_the_reasons_for_building_are_the_why(kb: KnowledgeBase) -> None:
    assert "the why" in lead(kb, "who owns the reasons we build a feature")


@pytest.mark.parametrize(("question", "role"), [
    ("if i love talking to customers which tpm should i go for", "Technical Product Manager"),  # a choice after a condition
    ("i wonder which of the two tpm jobs fits deep tech products", "Technical Product Manager"),  # 'wonder' is no topic
    ("which tpm type would suit someone who likes ml platforms", "Technical Product Manager"),
])
def test_a_choice_between_two_roles_with_chatty_words_picks_a_role(kb: KnowledgeBase, question: str, role: str) -> None:
    result = ask(kb, question)
    assert result.meta["plan"]["form"] == "which-one" and str(result.meta["lead"]).startswith(f"The {role}")


@pytest.mark.parametrize("question", ["which tpm kind gets more vacation days", "which one has the better parking spot, tech pm or tech pgm"])
def test_a_choice_on_a_subject_the_graph_lacks_still_abstains(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "abstained"


@pytest.mark.parametrize(("question", "concerns", "owner"), [
    ("the reasons behind building something: tech pm or tpgm territory?", ["why"], "Technical Product Manager"),
    ("choosing the teams for a program - which tpm kind does that", ["who"], "Technical Program Manager"),
    ("em, tpgm or tech pm: who deals with how stuff gets built", ["how"], "Engineering Manager"),
    ("engineering manager ownership: which of the five questions", ["what", "why", "how", "who", "when"], "Engineering Manager"),
])
def test_a_concern_named_in_everyday_words_asks_its_owner(kb: KnowledgeBase, question: str, concerns: list[str], owner: str) -> None:
    result = ask(kb, question)
    assert result.meta["plan"]["concerns"] == concerns and result.meta["plan"]["intents"][:1] == ["ownership"]
    assert str(result.meta["lead"]).startswith(f"The {owner} owns")


@pytest.mark.parametrize(("question", "verdict"), [
    ("can a tech pm skip knowing apis?", "No"),  # API literacy 4: the claim that it does without is false
    ("could a tpgm get by without risk management", "No"),
    ("must a pjm be technical?", "No"),  # its technical skills, 0.5 on average
    ("is an em expected to be technical", "Yes"),
    ("r tech pgms ICs?", "Yes"),  # 'r': chat for 'are'
])
def test_closed_questions_on_a_skill_or_a_kind_of_skill(kb: KnowledgeBase, question: str, verdict: str) -> None:
    assert lead(kb, question).startswith(f"{verdict}:")


@pytest.mark.parametrize("question", ["who owns what between tech pm and tech pgm", "tpm vs tpgm: who is responsible for what"])
def test_who_owns_what_asks_every_concern(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).concerns == ["what", "why", "how", "who", "when"]


def test_ownership_asked_of_the_seed_names_the_seeds_owners_only(kb: KnowledgeBase) -> None:
    said = lead(kb, "according to the seed who owns what between tech pm and tech pgm")
    assert "owns the what and the why" in said and "owns the who and the when" in said  # S1's rows
    assert "The seed names no owner of the how" in said and "Engineering Manager" not in said and "D1" not in said  # E2, E16: outside


@pytest.mark.parametrize("question", [
    "tech pm and tech pgm - basically the same role?",
    "product tpm vs program tpm, totally different or mostly the same?",
])
def test_whether_two_roles_are_the_same_job_reports_the_recorded_disagreement(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert "Disputed (D8): " in str(result.meta["lead"]) and "sliding scale" in str(result.meta["lead"]), result.meta["lead"]
    notes = [row for t in result.tables for row in t.rows if str(row[0]).startswith("Sources disagree (D8)")]
    assert notes and all(row[t.columns.index("sources")] for t in result.tables for row in t.rows if row in notes)  # its positions' sources


def test_a_question_sharing_one_word_with_a_disagreement_is_not_that_disagreement(kb: KnowledgeBase) -> None:
    assert "D8" not in str(ask(kb, "do tech pm and tech pgm need different skills?").meta["lead"])
