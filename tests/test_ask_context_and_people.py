"""Context around the question, people named loosely, levels texts that write 'TPM', and abstaining on what no text has."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize(("question", "role"), [
    ("saw 'technical product manager' in a job ad, what does that person actually do", "Technical Product Manager"),
    ("i keep seeing 'technical program manager' on linkedin, what is that job", "Technical Program Manager"),
    ("my friend says she's a project manager, what's that mean", "Project Manager"),
])
def test_a_role_named_in_context_and_pointed_back_at_is_defined(kb: KnowledgeBase, question: str, role: str) -> None:
    plan = parse(kb, question)
    assert plan.intents[:1] == ["definition"] and [r.label for r in plan.roles] == [role] and plan.topic == [], plan
    result = ask(kb, question)
    assert result.meta["status"] == "answered" and str(result.meta["lead"]).count(f"The {role} ") == 1, result.meta["lead"]


def test_a_context_part_that_asks_something_itself_is_not_read_as_context(kb: KnowledgeBase) -> None:
    plan = parse(kb, "two things: tech program mgr deliverables, and what they're judged on")
    assert {"deliverables", "metrics"} <= set(plan.intents), plan.intents


@pytest.mark.parametrize("question", [
    "explain engineering manager to me like a newbie",
    "what does the software engineer role cover in your kb",
    "tech product manager = ? one paragraph pls",
])
def test_beginner_brevity_and_knowledge_base_words_ask_what_the_role_is(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "answered" and result.meta["plan"]["intents"][:1] == ["definition"], result.meta["lead"]


@pytest.mark.parametrize("question", [
    "does your data say anything about remote work for tpms",
    "what's the dress code for a pm",  # no longer read as what the letters stand for
])
def test_an_abstention_is_reported_even_when_a_short_form_has_several_readings(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "abstained"


@pytest.mark.parametrize(("question", "person"), [
    ("who is gergely", "Gergely Orosz"),
    ("who is priyanka", "Priyanka Shinde"),
    ("what does mario say about tpm interviews", "Mario Gerard"),
])
def test_a_writer_is_found_by_a_first_name_no_other_writer_has(kb: KnowledgeBase, question: str, person: str) -> None:
    assert parse(kb, question).people == [person]


@pytest.mark.parametrize("question", ["what did kalmykov eat for breakfast", "what's kalmykov's favourite movie"])
def test_a_person_asked_about_something_no_text_has_abstains(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "abstained" and "wrote S0" not in str(result.meta["lead"]), result.meta["lead"]


@pytest.mark.parametrize("question", ["who wrote the seed", "who is behind the seed material", "who is gergely"])
def test_a_person_asked_with_cue_words_only_is_still_answered(kb: KnowledgeBase, question: str) -> None:
    assert ask(kb, question).meta["status"] == "answered"


@pytest.mark.parametrize("question", [
    "vladimir's background?",
    "what did the guy who wrote the article do before product",
])
def test_words_about_a_persons_past_lead_with_their_career(kb: KnowledgeBase, question: str) -> None:
    assert "PhD" in str(ask(kb, question).meta["lead"])


def test_the_seed_named_as_the_original_write_up_is_cited_not_an_origin_question(kb: KnowledgeBase) -> None:
    plan = parse(kb, "in the original write-up, which companies are hiring technical product managers")
    assert plan.scope == "seed" and "origin" not in plan.intents, plan.intents


def test_levels_texts_answer_a_bare_tpm_without_asking_back(kb: KnowledgeBase) -> None:
    assert ask(kb, "what's a principal tpm").meta["status"] == "answered"


def test_a_levels_question_about_one_ladder_leads_with_that_ladders_text(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "how many levels does the tpm ladder have in the engineering ladders project").meta["lead"])
    assert "levels 4 to 7" in lead, lead


@pytest.mark.parametrize("question", [
    "microsoft program manager career ladder titles?",  # the levels text outranks the naming texts with as many words
    "what are the levels for program managers at microsoft",
])
def test_a_company_ladder_is_found_in_the_levels_texts(kb: KnowledgeBase, question: str) -> None:
    lead = str(ask(kb, question).meta["lead"])
    assert "Partner PM" in lead, lead


def test_a_unit_said_twice_around_by_is_a_routine_not_a_length_of_time(kb: KnowledgeBase) -> None:
    assert parse(kb, "tpm: what's on their plate day by day").intents[:1] == ["day-to-day"]


@pytest.mark.parametrize("question", [
    "list the employers the seed mentions for tech pms, nothing from other sources",
    "which firms hire tech pms? none from outside sources",
])
def test_an_outside_phrase_after_a_negating_phrase_scopes_to_the_seed(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).scope == "seed"


@pytest.mark.parametrize(("question", "intent"), [
    ("tell me why the tpgm role took off", "growth"),
    ("tech pm scorecard - which numbers matter", "metrics"),
    ("name a couple of real programs a tpgm might run", "examples"),
])
def test_other_forms_of_a_cue_name_the_same_intent(kb: KnowledgeBase, question: str, intent: str) -> None:
    assert parse(kb, question).intents[:1] == [intent]


@pytest.mark.parametrize(("question", "role", "verdict"), [
    ("my roommate is a tech pm - does she have any direct reports", "Technical Product Manager", "No"),
    ("my dad is an engineering manager — does he have people reporting to him?", "Engineering Manager", "Yes"),
])
def test_a_closed_question_after_a_dash_points_back_at_the_role_of_the_context(
        kb: KnowledgeBase, question: str, role: str, verdict: str) -> None:
    plan = parse(kb, question)
    assert plan.form == "yes-no" and [r.label for r in plan.roles] == [role], plan
    assert str(ask(kb, question).meta["lead"]).startswith(f"{verdict}:")


def test_a_part_telling_of_a_person_is_context_even_when_it_names_a_move(kb: KnowledgeBase) -> None:
    plan = parse(kb, "our team lead became a tpgm, what does she own")  # not the unmodelled 'team lead'
    assert plan.status != "unknown-role" and plan.intents[:1] == ["ownership"], plan
    assert [r.label for r in plan.roles] == ["Technical Program Manager"], plan


def test_a_subject_the_graph_has_does_not_stop_a_part_pointing_back(kb: KnowledgeBase) -> None:
    plan = parse(kb, "my uncle works as a technical program manager, how do they measure him at work")
    assert plan.intents[:1] == ["metrics"] and plan.assumptions, plan  # read as pointing back at the role named


@pytest.mark.parametrize("question", [
    "since an em has nobody under them, who do they coach?",
    "does a tech pm coach anyone",
])
def test_a_title_word_used_as_a_verb_after_its_subject_is_no_unmodelled_role(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.unknown_roles == [] and plan.status != "unknown-role", plan


def test_an_unmodelled_title_is_still_reported(kb: KnowledgeBase) -> None:
    assert parse(kb, "tech pm vs scrum master").unknown_roles == ["scrum master"]


def test_the_source_text_is_the_seed(kb: KnowledgeBase) -> None:
    result = ask(kb, "in the source text only, what does a tech pm own")
    assert result.meta["plan"]["scope"] == "seed"
    assert all("external" not in str(i.get("basis", "")) for i in result.meta.get("items", [])), result.meta


@pytest.mark.parametrize(("question", "roles"), [
    ("my boss is an EM and i'm a swe, how do i become a tech pgm", ["Software Engineer", "Technical Program Manager"]),
    ("our cto was a tech pm; i'm a pjm, can i move into tech pgm", ["Project Manager", "Technical Program Manager"]),
])
def test_someone_elses_job_in_the_context_is_no_role_asked_about(kb: KnowledgeBase, question: str, roles: list[str]) -> None:
    plan = parse(kb, question)
    assert [r.label for r in plan.roles] == roles and "transitions" in plan.intents, plan
    assert any("someone else" in a for a in plan.assumptions)


def test_someone_elses_job_stays_when_the_question_is_about_them(kb: KnowledgeBase) -> None:
    plan = parse(kb, "my friend works as a program manager. what skills would she need to become a tpgm")
    assert [r.label for r in plan.roles] == ["Program Manager", "Technical Program Manager"], plan


@pytest.mark.parametrize("question", ["my tpm interview is tomorrow, what should i study", "my title is program manager, how do i become a tpgm"])
def test_the_askers_own_things_are_no_one_elses_job(kb: KnowledgeBase, question: str) -> None:
    assert not any("someone else" in a for a in parse(kb, question).assumptions)


@pytest.mark.parametrize(("question", "status"), [
    ("got a tpm interview next week, what will they ask me", "ambiguous-role"),  # interviews differ by reading
    ("mario on tpm interviews?", "answered"),  # an author's texts are searched as they say 'TPM'
])
def test_a_bare_tpm_interview_is_asked_back_unless_an_author_is_named(kb: KnowledgeBase, question: str, status: str) -> None:
    assert parse(kb, question).status == status


def test_the_job_of_the_person_told_of_is_the_goal(kb: KnowledgeBase) -> None:
    plan = parse(kb, "i'm a pgm, my boss is a tpgm. how do i get to her level")
    assert [(r.label, r.part) for r in plan.roles] == [("Program Manager", "source"), ("Technical Program Manager", "target")], plan
    assert "transitions" in plan.intents


def test_a_tie_for_the_most_common_way_in_is_said_as_a_tie(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "i'm a pgm, how do i become a tpgm").meta["lead"])
    assert "one of the most common ways in, level with the Project Manager and the Software Engineer" in lead, lead
    assert "It is the most common way in." in str(ask(kb, "im a swe, how do i become a tech pm").meta["lead"])


@pytest.mark.parametrize(("previous", "question", "roles"), [
    ("how do i go from project manager to tech pgm", "what carries over from my current job", ["Project Manager", "Technical Program Manager"]),
    ("how do i become a tech pm", "ok same but tpgm", ["Technical Program Manager"]),
])
def test_follow_ups_without_a_usual_opener_keep_the_previous_question(kb: KnowledgeBase, previous: str, question: str,
                                                                      roles: list[str]) -> None:
    plan = parse(kb, question, parse(kb, previous))
    assert plan.follow_up and plan.intents[:1] == ["transitions"] and [r.label for r in plan.roles] == roles, plan


def test_an_exclamation_fused_with_the_question_word_asks_what_the_role_is(kb: KnowledgeBase) -> None:
    assert parse(kb, "wtf is a tech pgm").intents[:1] == ["definition"]


@pytest.mark.parametrize(("question", "verdict"), [
    ("did google offer vladimir kalmykov a job?", "No"),
    ("was kalmykov hired at uber?", "No"),
    ("was kalmykov rejected by google?", "Yes"),
    ("did google turn down vladimir?", "Yes"),
])
def test_a_closed_question_on_a_persons_outcome_at_a_company_gets_a_verdict(kb: KnowledgeBase, question: str, verdict: str) -> None:
    said = str(ask(kb, question).meta["lead"])
    assert said.startswith(f"{verdict}: "), said


@pytest.mark.parametrize("question", [
    "is netflix among the firms with openings for technical product managers?",
])
def test_a_closed_question_naming_a_hiring_company_is_decided_by_its_row(kb: KnowledgeBase, question: str) -> None:
    said = str(ask(kb, question).meta["lead"])
    assert said.startswith("Yes: Technical Product Manager — "), said
