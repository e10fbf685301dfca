"""How a question is understood, on phrasings the public corpus did not have: filler words inside a cue,
questions about the knowledge base itself, a source named as attribution, title and short-form variants."""

from __future__ import annotations

from typing import Any

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize(("question", "intent"), [
    ("wait, what even is a tech pgm", "definition"),
    ("how many job roles does rolegraph cover", "catalogue"),
    ("what sets the program side apart skill wise", "separate"),
])
def test_a_filler_word_inside_a_cue_phrase_does_not_hide_it(kb: KnowledgeBase, question: str, intent: str) -> None:
    plan = parse(kb, question)
    assert plan.intent == intent and not {"even", "job", "apart", "sets"} & set(plan.topic), plan


@pytest.mark.parametrize(("question", "one_way"), [
    ("how do the skills of a dev differ from a technical product manager's", False),  # differ from: both ways
    ("what separates a tech pgm from a tech pm", True),
    ("how is a tpgm different from a tech pm, skills only the tpgm has", True),
])
def test_from_after_a_word_of_difference_asks_both_ways(kb: KnowledgeBase, question: str, one_way: bool) -> None:
    assert parse(kb, question).one_way is one_way


@pytest.mark.parametrize(("question", "plan_of"), [
    ("who actually decides what we build and the reason we're building it", lambda p: p.concerns == ["what", "why"]),
    ("who does the user interviews, the product tpm or the program tpm",
     lambda p: "interview" not in p.intents and p.skills == ["customer discovery and user research"]),
    ("size of the tech program manager's own team (people who report to them)", lambda p: p.intents == ["team"]),
])
def test_everyday_words_for_a_concern_a_skill_or_ones_own_team_are_read_as_such(kb: KnowledgeBase, question: str, plan_of: Any) -> None:
    plan = parse(kb, question)
    assert plan_of(plan), plan


@pytest.mark.parametrize("question", ["count of roles you know about?", "which roles do u model", "so how many roles are in here"])
def test_a_question_about_the_knowledge_base_itself_lists_its_roles(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "answered" and result.meta["lead"].startswith("7 roles are modelled"), result.meta["lead"]


@pytest.mark.parametrize(("question", "intent", "roles"), [
    ("according to kalmykov, what does a tpgm do day to day", "day-to-day", ["Technical Program Manager"]),
    ("companies kalmykov lists as hiring tech pms", "hiring", ["Technical Product Manager"]),
    ("going by what the seed author wrote, which tpm owns the why", "ownership",
     ["Technical Product Manager", "Technical Program Manager"]),
])
def test_the_seed_author_cited_as_a_source_scopes_the_question(kb: KnowledgeBase, question: str, intent: str,
                                                               roles: list[str]) -> None:
    plan = parse(kb, question)
    assert (plan.intent, plan.scope, [r.label for r in plan.roles]) == (intent, "seed", roles), plan


@pytest.mark.parametrize("question", ["how did the seed author become a tech pm", "when did kalmykov switch",
                                      "what did gergely orosz write about tpms", "which sources are by orosz"])
def test_a_person_who_is_the_subject_is_asked_about(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).intents == ["person"]


def test_a_publication_cited_is_no_role_and_brings_its_author(kb: KnowledgeBase) -> None:
    plan = parse(kb, "the pragmatic engineer on when a company needs technical program managers")
    assert [r.label for r in plan.roles] == ["Technical Program Manager"] and plan.people == ["Gergely Orosz"]
    assert plan.intents[-1] == "person" and plan.intent != "person"


@pytest.mark.parametrize(("question", "roles"), [
    ("shinde's take on the product vs program manager overlap", ["Product Manager", "Program Manager"]),
    ("is a weekly sync between product and program managers enough", ["Product Manager", "Program Manager"]),
    ("is tpm product or program manager", []),
])
def test_a_qualifier_joined_to_a_role_name_shares_its_head(kb: KnowledgeBase, question: str, roles: list[str]) -> None:
    plan = parse(kb, question)
    assert [r.label for r in plan.roles][: len(roles)] == roles and ("Product Manager" in [r.label for r in plan.roles]) == bool(roles)


@pytest.mark.parametrize(("question", "part"), [
    ("how do most people end up as a technical product manager", "target"),
    ("i work as a software engineer", "source"),
    ("is a tpgm the same thing as a program manager", "compared"),
    ("can a tech pgm switch over to being a tech pm", "target"),
])
def test_the_part_of_a_role_comes_from_the_longest_phrase_before_it(kb: KnowledgeBase, question: str, part: str) -> None:
    assert parse(kb, question).roles[-1].part == part


@pytest.mark.parametrize("question", ["as a pm-t will i be expected to write code", "as a tpgm do i have to code"])
def test_a_standpoint_before_a_closed_question_keeps_it_closed(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert (plan.form, plan.intent, plan.skills) == ("yes-no", "skills", ["writing code"]), plan
    assert ask(kb, question).meta["lead"].startswith("No")


def test_a_negative_cue_weight_counts_against_its_intent(kb: KnowledgeBase) -> None:
    assert "deliverables" not in parse(kb, "does a tech pm write code").intents
    assert parse(kb, "does a tech pm write the prd").intents[:1] in (["deliverables"], ["collaboration"])


def test_is_a_the_same_as_b_gets_a_verdict(kb: KnowledgeBase) -> None:
    assert ask(kb, "is an amazon TPM the same thing as a PM-T").meta["lead"].startswith("No: ")


@pytest.mark.parametrize("question", ["the why of a solution belongs to which of the two tpms", "whose responsibility is the why",
                                      "who is the one choosing which product features to build"])
def test_ownership_asked_in_other_words(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intent == "ownership" and plan.concerns in (["why"], ["what"]), plan


@pytest.mark.parametrize(("question", "label"), [
    ("Product Manager - Technical = which role?", "Technical Product Manager"),
    ("going from product (technical) to program management (technical)", "Technical Program Manager"),
    ("Program Manager (Technical) - which role is that?", "Technical Program Manager"),
])
def test_a_technical_qualifier_after_a_name_belongs_to_it(kb: KnowledgeBase, question: str, label: str) -> None:
    assert parse(kb, question).roles[-1].label == label


def test_a_list_of_roles_is_no_qualifier_after_a_name(kb: KnowledgeBase) -> None:
    labels = [r.label for r in parse(kb, "rank tech pm, tech pgm and project manager by product strategy").roles]
    assert labels == ["Technical Product Manager", "Technical Program Manager", "Project Manager"]


@pytest.mark.parametrize(("question", "intent"), [("define PgM", "definition"), ("Product Manager - Technical = which role?", "definition"),
                                                  ("pm-t?", "abbreviation")])
def test_define_a_short_form_asks_for_the_role(kb: KnowledgeBase, question: str, intent: str) -> None:
    assert parse(kb, question).intents == [intent]


def test_an_arrow_with_what_to_learn_is_the_move(kb: KnowledgeBase) -> None:
    plan = parse(kb, "pm -> pm-t at amazon, what should i learn")
    assert plan.intents == ["transitions"] and [(r.label, r.part) for r in plan.roles] == [
        ("Product Manager", "source"), ("Technical Product Manager", "target")]


@pytest.mark.parametrize("question", ["how many devs per pm is normal", "whats the usual pm to engineer ratio",
                                      "one pm for how many engineers usually"])
def test_a_short_form_in_a_ratio_is_searched_not_reported_ambiguous(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["status"] == "answered" and "Software Engineer" not in [r.label for r in parse(kb, question).roles]
    assert "(TPM-T3)" in result.meta["lead"], result.meta["lead"]


def test_a_second_part_with_a_weaker_cue_is_still_answered(kb: KnowledgeBase) -> None:
    plan = parse(kb, "which tpm owns the why, and which org do they report to")
    assert plan.intents == ["ownership", "team"] and len(plan.parts) == 2


def test_a_skill_gap_after_a_move_stays_one_question(kb: KnowledgeBase) -> None:
    plan = parse(kb, "tech pm here, thinking of switching to program side (tech pgm), what am i missing skill wise")
    assert plan.intents == ["transitions"] and not plan.parts


def test_the_gap_after_a_move_is_its_skill_gap_not_a_definition(kb: KnowledgeBase) -> None:
    plan = parse(kb, "backend engineer hoping to become a tech pgm, what's the gap")
    assert plan.intents == ["transitions"] and not plan.parts, plan
    assert "Skills to build" in ask(kb, "backend engineer hoping to become a tech pgm, what's the gap").meta["lead"]
    assert parse(kb, "what's the gap between a tech pm and a tpgm").intent != "transitions"  # two roles side by side: no move


@pytest.mark.parametrize("question", ["which roles did tpgms hold before", "what did tech pms do before becoming one"])
def test_what_people_did_before_a_role_is_the_ways_in(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).intent == "transitions"
    assert ask(kb, question).meta["lead"].startswith("Most common way into")


@pytest.mark.parametrize("question", ["how come everyone suddenly hires program tpms, what's the reason",
                                      "why are companies hiring so many tpgms lately"])
def test_hiring_named_as_a_change_over_time_asks_why_the_role_grows(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intents == ["growth"] and not plan.parts, plan


@pytest.mark.parametrize(("question", "labels"), [
    ("non technical program mgr vs the technical one, whats the diff", ["Program Manager", "Technical Program Manager"]),
    ("product manager or the tech version, who earns more", ["Product Manager", "Technical Product Manager"]),
])
def test_the_technical_one_is_the_technical_role_of_the_one_named_before(kb: KnowledgeBase, question: str, labels: list[str]) -> None:
    assert [r.label for r in parse(kb, question).roles] == labels


def test_areas_the_roles_are_orthogonal_in_are_the_dimensions(kb: KnowledgeBase) -> None:
    assert parse(kb, "in how many areas are the two TPM roles orthogonal, per the article").intents == ["dimensions"]


@pytest.mark.parametrize("question", [
    "what does gergely orosz (pragmatic engineer) say tpms do",
    "mario gerard (tpm podcast) on what tpgms do",
])
def test_a_source_named_in_brackets_is_no_unknown_role(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.unknown_roles == [] and plan.status == "answered" and plan.intent == "person", plan


@pytest.mark.parametrize(("question", "source"), [
    ("who says small companies under 50 engineers don't have tpms", "E2"),
    ("says who that startups under 50 engineers skip program tpms?", "E2"),
    ("which source claims a pm-t needs an mba", "E4"),
])
def test_who_says_a_claim_names_the_sources_behind_it(kb: KnowledgeBase, question: str, source: str) -> None:
    result = ask(kb, question)
    assert result.meta["plan"]["intents"] == ["source"] and result.meta["status"] == "answered", result.meta["plan"]
    assert result.meta["lead"].startswith("Said by ") and f"{source} (" in result.meta["lead"], result.meta["lead"]


@pytest.mark.parametrize(("question", "role"), [
    ("project manager = ?", "Project Manager"),
    ("software engineer??", "Software Engineer"),
    ("technical programme manager", "Technical Program Manager"),
])
def test_a_role_named_with_nothing_else_asked_is_a_definition(kb: KnowledgeBase, question: str, role: str) -> None:
    result = ask(kb, question)
    assert result.meta["plan"]["intents"] == ["definition"] and result.meta["lead"].startswith(f"The {role} "), result.meta["lead"]


@pytest.mark.parametrize(("question", "role"), [
    ("explain pm-t to a 5 year old", "Technical Product Manager"),
    ("explain tech pm to me like im new to this", "Technical Product Manager"),
    ("what's a tech programme manager in one paragraph", "Technical Program Manager"),
    ("tech program manager for dummies", "Technical Program Manager"),
])
def test_a_definition_asked_for_a_beginner_defines_the_role(kb: KnowledgeBase, question: str, role: str) -> None:
    result = ask(kb, question)
    assert result.meta["plan"]["intents"] == ["definition"] and f"The {role} " in result.meta["lead"], result.meta
    assert result.meta["status"] == "answered"


def test_a_short_form_asked_what_it_is_gets_the_definition_too(kb: KnowledgeBase) -> None:
    lead = ask(kb, "whats a tpgm actually").meta["lead"]
    assert "stands for the Technical Program Manager" in lead and "individual contributor" in lead, lead
    assert "individual contributor" not in ask(kb, "what does tpgm stand for").meta["lead"]


@pytest.mark.parametrize("question", ["which tpm type pushes back on engineering estimates", "which kind of tpm talks to customers"])
def test_one_kind_of_tpm_asks_which_of_the_two_not_what_kinds_there_are(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert "variants" not in plan.intents and plan.form == "which-one" and len(plan.roles) == 2, plan


def test_a_short_form_in_a_list_is_not_read_as_a_misspelt_longer_name(kb: KnowledgeBase) -> None:
    plan = parse(kb, "who needs to code most to least - em, developer, technical pm")
    assert [r.label for r in plan.roles] == ["Engineering Manager", "Software Engineer", "Technical Product Manager"], plan.roles


def test_which_author_says_a_claim_asks_for_its_source_not_the_seed_nor_the_claim(kb: KnowledgeBase) -> None:
    plan = parse(kb, "which author says the tpgm owns the when")
    assert plan.intents == ["source"] and plan.scope == "any", plan


@pytest.mark.parametrize("question", ["tech pm vs tech pgm in a nutshell", "summary of tech pm vs tech pgm differences"])
def test_a_brevity_cue_beside_a_comparison_asks_the_comparison(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).intents == ["compare"]


@pytest.mark.parametrize("question", [
    "the writer switched from swe to product - when, and was it smooth?",
    "did the writer get rejected by google? which other places did he try",
])
def test_the_writer_as_the_subject_is_the_seed_author(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["plan"]["intents"] == ["person"] and result.meta["plan"]["scope"] == "seed", result.meta["plan"]
    lead = str(result.meta["lead"]).removeprefix("Yes: ")  # "did the writer get rejected by google": yes, he was
    assert lead.startswith("Vladimir Kalmykov") and all("seed" in i["basis"] for i in result.meta["answer"])


def test_whose_writing_asks_about_the_seed_author(kb: KnowledgeBase) -> None:
    assert "Kalmykov" in ask(kb, "whose writing is all this based on?").meta["lead"]


@pytest.mark.parametrize("question", ["where did the tpm role originally come from", "where did tpms first come from"])
def test_where_a_role_first_came_from_asks_its_origin_on_both_tpm_readings(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    assert result.meta["plan"]["intents"] == ["origin"] and result.meta["status"] == "answered", result.meta["plan"]
    assert "Microsoft" in result.meta["lead"] and "Amazon" in result.meta["lead"], result.meta["lead"]


@pytest.mark.parametrize("question", ["what does a tpm do every day", "what do tpms do on any given day"])
def test_every_day_asks_the_day_to_day_so_a_bare_tpm_is_ambiguous(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert (plan.intent, plan.status) == ("day-to-day", "ambiguous-role"), plan


@pytest.mark.parametrize("question", ["the tpgm: (a) how is success measured and (b) what is it blamed for",
                                      "tpgm 1) success metrics 2) blamed for what"])
def test_numbered_parts_on_slices_of_one_dimension_are_each_answered(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert len(plan.parts) == 2 and all(p.intent == "metrics" for p in plan.parts)
    text = " ".join(i["text"] for i in ask(kb, question).meta["answer"])
    assert "timelines and milestones met" in text and "blamed for a late launch" in text
