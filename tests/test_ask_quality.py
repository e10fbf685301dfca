"""Answering quality found on unseen phrasings: the responsibility matrix by activity, everyday role names,
facts the data links to a concern, a skill asked about in the role moved to."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


@pytest.mark.parametrize(("question", "first", "activity", "accountable"), [
    ("which of the two tpms maintains the risks register", "The Technical Program Manager: ", "risk log (RAID)", "Technical Program Manager"),
    ("who is supposed to keep the dependency maps", "The Technical Program Manager: ", "dependency management", "Technical Program Manager"),
    ("who makes the final ship decision, tech pm or tpgm?", "", "go/no-go decision", "executive sponsor"),
    ("go no go call, who owns it", "", "go/no-go decision", "executive sponsor"),
])
def test_who_does_a_named_activity_is_its_row_of_the_responsibility_matrix(kb: KnowledgeBase, question: str, first: str, activity: str,
                                                                            accountable: str) -> None:
    said = lead(kb, question)
    assert said.startswith(f"{first}{activity}: the {accountable} is accountable"), said


def test_a_longer_activity_name_wins_over_a_shorter_one_inside_it(kb: KnowledgeBase) -> None:
    said = lead(kb, "who owns the program roadmap")
    assert "program roadmap: the Technical Program Manager is accountable" in said and "product vision" not in said
    assert "owns the what" not in said  # the roadmap's row, not the what/why/how/who/when


@pytest.mark.parametrize("question", [
    "i'm a backend dev thinking about becoming a technical program manager, what do i lack",
    "how does a frontend developer become a tech pgm",
    "can a full stack engineer become a tpgm",
])
def test_a_kind_of_developer_is_the_software_engineer(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.status == "answered" and [(r.label, r.part) for r in plan.roles] == [
        ("Software Engineer", "source"), ("Technical Program Manager", "target")]


def test_dev_before_a_noun_is_development_not_a_developer(kb: KnowledgeBase) -> None:
    assert [r.label for r in parse(kb, "tpgm works with just one dev team, yes or no").roles] == ["Technical Program Manager"]


def test_ownership_cites_the_facts_the_data_links_to_the_concern(kb: KnowledgeBase) -> None:
    texts = [i["text"] for i in ask(kb, "who owns the who and the when").meta["answer"]]
    assert any(t.endswith("(PGM-F2)") for t in texts) and not any("(TPM-F1)" in t for t in texts)


def test_a_skill_asked_about_after_a_move_is_judged_in_the_role_moved_to(kb: KnowledgeBase) -> None:
    said = lead(kb, "if i move from swe into technical program management will i still be writing code?")
    assert said.startswith("No: the Technical Program Manager rates writing code")


@pytest.mark.parametrize(("question", "verdict"), [
    ("are tech pms and tech pgms both individual contributors", "Yes, true of both"),
    ("is it true neither the product tpm nor the program tpm has reports", "Yes, true of both"),
    ("do tech pms and tpgms have direct reports", "No, true of neither"),
    ("are engineering managers and tpgms both people managers", "No, true only of the Engineering Manager"),
])
def test_a_closed_question_about_several_roles_is_decided_for_each(kb: KnowledgeBase, question: str, verdict: str) -> None:
    said = lead(kb, question)
    assert said.startswith(verdict) and said.count("direct reports") >= 2, said


@pytest.mark.parametrize(("question", "verdict"), [
    ("is a tech pm somebody's boss", "No"),
    ("is a tpgm an IC", "Yes"),
    ("does anyone actually report to a tpgm or are they an ic", "No"),
])
def test_a_closed_question_on_a_slice_is_decided_by_its_row(kb: KnowledgeBase, question: str, verdict: str) -> None:
    assert lead(kb, question).startswith(f"{verdict}: Technical ")


@pytest.mark.parametrize(("question", "verdict"), [
    ("at amazon, does TPM mean the program manager one", "Yes"),
    ("if an amazon recruiter says tpm do they mean technical program manager?", "Yes"),
    ("is tpm at amazon the program role and not the product role", "Yes"),
    ("does tpm at amazon mean technical product manager", "No"),
    ("at dropbox is a tpm the product one", "No"),
])
def test_what_a_short_form_means_at_a_company_is_decided_by_the_graphs_use_there(kb: KnowledgeBase, question: str,
                                                                                 verdict: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "answered" and meta["lead"].startswith(f"{verdict}: beside "), meta["lead"]
    assert "TPM means the Technical Program Manager" in meta["lead"]


def test_a_person_at_a_company_is_no_unknown_role(kb: KnowledgeBase) -> None:
    assert parse(kb, "what does a google recruiter look for in a tpgm").unknown_roles == []
    assert parse(kb, "what does a scrum master do").unknown_roles == ["scrum master"]


@pytest.mark.parametrize("question", [
    "what does the seed article say about a tech pgm's day to day",
    "according to the seed, how does a tpgm spend the day",
])
def test_a_seed_scoped_question_the_seed_cannot_answer_abstains_and_counts_the_outside_rows(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "abstained" and result.meta["lead"].startswith("The seed material has no")
    assert not any(str(c) == "external" for t in result.tables for row in t.rows for c in row)  # counted, not shown
    assert any("ask without the seed scope" in n for n in result.notes)


@pytest.mark.parametrize("question", [
    "what companies did the author of the seed try to get hired at",
    "which companies did kalmykov interview with back then",
    "where did the seed author apply",
])
def test_which_companies_a_person_tried_is_the_text_naming_companies(kb: KnowledgeBase, question: str) -> None:
    assert "Google, Booking.com, SpaceX" in lead(kb, question)


@pytest.mark.parametrize("question", [
    "what does orosz say about technical program managers",
    "orosz about tpgms - what does he say",
    "what did orosz write about tpms",
])
def test_what_an_author_says_on_a_role_is_the_facts_their_sources_back(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    rows = [[str(c) for c in row] for t in result.tables for row in t.rows]
    assert sum(r[-1] == "E2" and " wrote " not in r[0] for r in rows) >= 2  # facts only Orosz's text backs


@pytest.mark.parametrize("question", [
    "which of the two coordinates the most teams",
    "which tpm role spans more engineering teams",
])
def test_which_one_has_more_of_a_count_compares_the_counted_rows(kb: KnowledgeBase, question: str) -> None:
    assert lead(kb, question).startswith("The Technical Program Manager (teams coordinated: Technical Program Manager N, 3+;")


@pytest.mark.parametrize("question", [
    "project manager or program manager? i always get them mixed up",
    "em and tpgm, i keep getting them mixed up",
])
def test_a_pair_someone_mixes_up_is_compared_not_an_unknown_topic(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "answered" and " owns the " in result.meta["lead"]


@pytest.mark.parametrize("question", [
    "since the tech pm gets blamed when launches are late, how do they track timelines",
    "the technical product manager is the one blamed for a late launch, so how do they avoid that",
    "given tech pms take the fall for late launches, what should they watch",
])
def test_a_premise_the_graph_ties_to_another_role_is_corrected(kb: KnowledgeBase, question: str) -> None:
    said = lead(kb, question)
    assert said.startswith("Premise not supported: the knowledge base ties that to the Technical Program Manager: blamed for a late")


def test_a_premise_the_graph_ties_to_the_role_asserted_stands(kb: KnowledgeBase) -> None:
    assert not lead(kb, "since the tech pgm gets blamed for late launches, how do they avoid it").startswith("Premise")


@pytest.mark.parametrize(("question", "verdict"), [
    ("does the tpgm write the prd", "No"),
    ("is the tpgm responsible for dependency management", "Yes"),
    ("does a tech pm own the risk log", "No"),
    ("is the go/no-go call the tpgm's", "No"),  # the sponsor answers for it; the Tech PgM runs it
    ("does the tpgm run the go no go meeting", "Yes"),
])
def test_a_closed_question_on_an_activity_is_decided_by_the_roles_part_in_its_row(kb: KnowledgeBase, question: str,
                                                                                  verdict: str) -> None:
    meta = ask(kb, question).meta
    assert meta["plan"]["intents"] == ["collaboration"] or meta["plan"]["intents"][0] == "collaboration"
    assert meta["lead"].startswith(f"{verdict}: "), meta["lead"]


@pytest.mark.parametrize(("question", "verdict"), [
    ("is a tpgm less strategic than a tech pm", "Yes: on product skills"),
    ("is the tech pm better at stakeholder management than the tpgm", "No: on interpersonal skills"),
    ("is a tech pm more technical than a tpgm", "No, about the same: on technical skills"),
])
def test_a_comparison_is_decided_by_importance_not_by_identity(kb: KnowledgeBase, question: str, verdict: str) -> None:
    assert lead(kb, question).startswith(verdict)


def test_which_of_the_two_with_no_intent_picks_one(kb: KnowledgeBase) -> None:
    plan = parse(kb, "which tpm talks to customers more")
    assert plan.intents != ["abbreviation"] and plan.form == "which-one"
    assert lead(kb, "which tpm talks to customers more").startswith("The Technical Product Manager")


def test_a_source_name_is_no_unknown_role(kb: KnowledgeBase) -> None:
    assert parse(kb, "what does the pragmatic engineer say about tpms").unknown_roles == []


@pytest.mark.parametrize(("question", "order"), [
    ("order these by coding importance: product manager, software engineer, engineering manager",
     "Ranked by writing code: Software Engineer (5), Engineering Manager (2), Product Manager (0)."),
    ("distributed systems - which of program manager / tech pm / tpgm needs it most, then next, then least",
     "Ranked by distributed systems: Technical Program Manager (4), Technical Product Manager (3), Program Manager (1)."),
])
def test_an_order_asked_in_everyday_words_ranks_by_the_skill_named(kb: KnowledgeBase, question: str, order: str) -> None:
    assert lead(kb, question) == order


@pytest.mark.parametrize("question", ["why are there suddenly so many tpgm jobs, what changed", "why is tech pgm booming"])
def test_why_a_role_grows_is_answered_from_the_growth_text(kb: KnowledgeBase, question: str) -> None:
    assert "service-oriented architecture" in lead(kb, question)


def test_a_count_naming_a_short_form_does_not_ask_what_it_means(kb: KnowledgeBase) -> None:
    assert parse(kb, "how many tpgms does amazon have").intents != ["abbreviation"]


@pytest.mark.parametrize("question", ["do tpgms talk to customers", "do tpgms need an mba"])
def test_a_closed_question_naming_a_short_form_does_not_ask_what_it_means(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).intents != ["abbreviation"]


def test_a_text_about_another_role_decides_no_closed_question(kb: KnowledgeBase) -> None:
    said = lead(kb, "do tpgms need an mba")
    assert said.startswith("Not recorded for the Technical Program Manager") and "PM-T" in said
    assert lead(kb, "does a tech pm need an mba").startswith("Yes")


def test_a_roles_part_in_an_activity_is_its_row(kb: KnowledgeBase) -> None:
    said = lead(kb, "what's the tpgm's role in a launch")
    assert said.startswith("launch readiness: ") and "Technical Program Manager is responsible" in said


@pytest.mark.parametrize("question", ["program tpm -> product tpm, how hard and what to build up", "swe -> tpgm?"])
def test_an_arrow_between_two_roles_is_a_move(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intents == ["transitions"] and [r.part for r in plan.roles] == ["source", "target"]
    assert plan.roles[0].label != plan.roles[1].label


def test_how_people_end_up_in_a_role_is_the_way_in(kb: KnowledgeBase) -> None:
    assert "from Software Engineer" in lead(kb, "how do most people end up as tech pms")


@pytest.mark.parametrize("question", ["whats the average salary of a tech pgm in berlin", "how much do tpgms make in tokyo"])
def test_pay_anywhere_is_the_recorded_gap_not_an_unknown_topic(kb: KnowledgeBase, question: str) -> None:
    meta = ask(kb, question).meta
    assert meta["status"] == "abstained" and meta["lead"].startswith("The knowledge base has no pay figure for Technical Program Manager")


def test_how_much_alone_is_no_pay_question(kb: KnowledgeBase) -> None:
    assert parse(kb, "how much does a tpgm coordinate").intents[0] == "team"


@pytest.mark.parametrize(("question", "verdict"), [
    ("do technical program managers code day to day or nah", "No: the Technical Program Manager rates writing code"),
    ("is coding important for a tpgm", "No: the Technical Program Manager rates writing code"),
    ("does a tech pm need to know system design", "Yes: the Technical Product Manager rates software architecture"),
])
def test_an_everyday_word_for_a_skill_names_it(kb: KnowledgeBase, question: str, verdict: str) -> None:
    assert lead(kb, question).startswith(verdict)


@pytest.mark.parametrize(("question", "verdict"), [
    ("does a tech pm report to engineering", "No"),
    ("does a tpgm report to engineering", "Yes"),
])
def test_a_slice_row_naming_something_else_answers_no(kb: KnowledgeBase, question: str, verdict: str) -> None:
    assert lead(kb, question).startswith(f"{verdict}: Technical ")


def test_concerns_set_against_each_other_are_both_asked(kb: KnowledgeBase) -> None:
    plan = parse(kb, "what vs when - who is responsible for each one, tech pm or tech pgm?")
    assert {"what", "when"} <= set(plan.concerns)


@pytest.mark.parametrize(("question", "growth"), [
    ("why does a tech pm supervise so many developers", False),  # "so many" alone: no growth question
    ("why are there so many tpgm job ads lately", True),  # "so many" with a word of change over time
])
def test_so_many_asks_about_growth_only_beside_a_word_of_change(kb: KnowledgeBase, question: str, growth: bool) -> None:
    assert ("growth" in parse(kb, question).intents) is growth


def test_what_one_role_is_accountable_for_in_a_dimension_is_that_dimension(kb: KnowledgeBase) -> None:
    plan = parse(kb, "which kpis is a tech pgm accountable for")
    assert "collaboration" not in plan.intents and "metrics" in plan.intents
    assert [r.label for r in plan.roles] == ["Technical Program Manager"]


def test_everyday_skill_words_match_as_typed_not_by_stem(kb: KnowledgeBase) -> None:
    assert parse(kb, "which of the two tpms leads the program increment planning").skills == []  # 'program' is not 'programming'
    assert parse(kb, "is programming part of a tpgm's job").skills == ["writing code"]


@pytest.mark.parametrize(("question", "scope"), [
    ("how do people become tech pgms, no outside sources", "seed"),  # the outside sources ruled out
    ("tech pm deliverables, ignore other sources", "seed"),
    ("what do other sources say about tech pm deliverables", "external"),
    ("tech pm deliverables from outside sources", "external"),
])
def test_an_outside_phrase_ruled_out_asks_for_the_seed(kb: KnowledgeBase, question: str, scope: str) -> None:
    assert parse(kb, question).scope == scope


@pytest.mark.parametrize("question", [
    "sticking strictly to the seed, where do tech pms usually come from",
    "going only by the original article, how do most folks get into technical product management",
    "based solely on the seed: how do most end up as tech pms",
])
def test_the_words_around_a_scope_phrase_are_no_subject(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.scope == "seed" and plan.topic == []
    assert "Software Engineer" in str(ask(kb, question).meta["lead"])
