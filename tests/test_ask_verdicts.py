"""Verdicts the data decides: orders, choices between roles, yes/no on a skill or a claim, and how two roles meet."""

from __future__ import annotations

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase


def lead(kb: KnowledgeBase, question: str) -> str:
    return str(ask(kb, question).meta["lead"])


def test_an_order_the_ratings_decide_is_no_abstention(kb: KnowledgeBase) -> None:
    result = ask(kb, "rank for a project manager: software architecture, release coordination, budget and scope control")
    assert result.meta["status"] == "answered"
    assert str(result.meta["lead"]).startswith("For the Project Manager, by importance: budget and scope control (5)")


def test_a_cue_said_twice_is_no_subject(kb: KnowledgeBase) -> None:
    assert "vs" not in parse(kb, "product strategy importance ranking: project manager vs tech pgm vs tech pm").topic


def test_a_ranking_asked_with_vs_is_an_order_by_the_skill_named(kb: KnowledgeBase) -> None:
    said = lead(kb, "product strategy importance ranking: project manager vs tech pgm vs tech pm")
    assert said.startswith("Ranked by product strategy: Technical Product Manager (5), Technical Program Manager (2), Project Manager")


def test_where_one_role_beats_the_other_asks_what_separates_them(kb: KnowledgeBase) -> None:
    said = lead(kb, "list the abilities where the technical product manager beats the technical program manager on importance")
    assert said.startswith("Ranked by importance gap, what the Technical Product Manager needs more")


def test_a_middle_rating_is_decided_by_its_reason_when_that_says_no(kb: KnowledgeBase) -> None:
    said = lead(kb, "do engineering managers still code daily?")
    assert said.startswith("No: the Engineering Manager rates writing code 2") and "no longer codes" in said


def test_a_short_form_beside_a_word_for_both_is_both_tpm_roles(kb: KnowledgeBase) -> None:
    plan = parse(kb, "neither tpm type manages people, right? both ics?")
    assert [r.label for r in plan.roles] == ["Technical Product Manager", "Technical Program Manager"]


def test_each_claim_of_a_closed_question_is_read_on_its_own(kb: KnowledgeBase) -> None:
    # "neither manages people" and "both ICs" both say none: not a negation of an absence
    assert lead(kb, "neither tpm type manages people, right? both ics?").startswith("Yes, true of both")
    assert lead(kb, "isn't a tpgm an ic?").startswith("Yes")


def test_or_not_closes_a_question_and_mgmt_is_management(kb: KnowledgeBase) -> None:
    plan = parse(kb, "risk mgmt: core skill for the tech pgm or not")
    assert plan.form == "yes-no" and plan.skills == ["risk management"]


def test_a_collaboration_question_on_something_in_particular_leads_with_that_fact(kb: KnowledgeBase) -> None:
    assert "week" in lead(kb, "how often should the tech pm and the tpgm sync")


def test_roles_the_matrix_leaves_out_are_read_as_their_technical_kinds(kb: KnowledgeBase) -> None:
    result = ask(kb, "how do a product manager and a program manager work together")
    assert str(result.meta["lead"]).startswith("How Technical Product Manager and Technical Program Manager work together")
    assert any("technical kinds" in n for n in result.notes)


def test_a_choice_between_assumed_roles_none_rated_goes_to_the_roles_that_are(kb: KnowledgeBase) -> None:
    assert lead(kb, "who's in charge of budget and scope for just one project").startswith("The Project Manager")


def test_an_identity_said_with_an_equals_sign_is_a_premise(kb: KnowledgeBase) -> None:
    said = lead(kb, "tech pm = program manager with a tech flavour, so it owns timelines right?")
    assert said.startswith("Premise not supported: the knowledge base does not record the Technical Product Manager as a Program Manager")


def test_a_claim_a_question_concludes_from_with_so_is_a_premise(kb: KnowledgeBase) -> None:
    said = lead(kb, "the tpgm writes the product roadmap, so what's left for product?")
    assert said.startswith("Premise not supported: in the responsibility matrix the Technical Program Manager is consulted")
    assert "the Technical Product Manager is accountable" in said


def test_a_premise_that_a_role_does_work_it_is_responsible_for_is_borne_out(kb: KnowledgeBase) -> None:
    assert "Premise" not in lead(kb, "since the tpgm keeps the risk log, who else is involved")


def test_an_identity_premise_brings_the_roles_rating_of_the_skill_asked(kb: KnowledgeBase) -> None:
    result = ask(kb, "because a technical program manager is basically a coder, how much of the week is programming?")
    assert any(i["text"] == "Technical Program Manager — writing code: importance 1 of 5" for i in result.meta["answer"])


def test_a_skill_named_for_a_named_role_is_the_subject_of_a_verdict(kb: KnowledgeBase) -> None:
    assert lead(kb, "does a project manager care much about budget?").startswith("Yes: the Project Manager rates budget and scope control 5")
    assert ask(kb, "best laptop for coding 2024?").meta["status"] == "abstained"  # no role named: nothing to rate


def test_an_everyday_word_for_a_skill_outweighs_an_activity_matched_by_one_word(kb: KnowledgeBase) -> None:
    # "required" shares its stem with the requirements row of the matrix; "programming" names writing code
    assert lead(kb, "is programming required for a product manager").startswith("No: the Product Manager rates writing code 0")


def test_words_of_frequency_find_the_recorded_meeting_cadence(kb: KnowledgeBase) -> None:
    assert "week" in lead(kb, "how often should the tech pm and the tpgm sync")
    assert "week" in lead(kb, "how frequently do the tech pm and the tech pgm meet")
    assert "week" in lead(kb, "is a tech pm and tpgm sync cadence of once a month enough")


def test_skills_both_roles_rely_on_are_what_they_share(kb: KnowledgeBase) -> None:
    assert lead(kb, "skills a pm and a pm-t both rely on").startswith("Both the Product Manager and the Technical Product Manager need")


def test_a_negation_joined_to_a_word_denies_that_word_only(kb: KnowledgeBase) -> None:
    from rolegraph.ask.answer.base import is_negative

    text = "Non-technical PM interviews at Amazon are almost entirely behavioural."
    assert not is_negative(text, {"behaviour", "interview"})  # not technical, still behavioural
    assert is_negative(text, {"technic"})
    assert not is_negative(text, {"non", "technic"})  # asked of the non-technical ones: as stated
    assert lead(kb, "are amazon pm interviews mostly behavioural").startswith("Yes")
    assert lead(kb, "would an amazon product manager interview be mostly behavioral questions").startswith("Yes")
    assert lead(kb, "do non-technical pms at amazon get behavioural interviews").startswith("Yes")


def test_a_choice_of_moves_goes_from_the_role_not_offered(kb: KnowledgeBase) -> None:
    said = lead(kb, "my brother is a software engineer; is tech pm or tech pgm the more common next step for someone like him")
    assert said.startswith("The Technical Product Manager: Software Engineer → Technical Product Manager")
    said = lead(kb, "which do project managers more often move into, tech pgm or tech pm?")
    assert said.startswith("The Technical Program Manager: Project Manager → Technical Program Manager")
    said = lead(kb, "for a project manager, is tech pm or tech pgm the more common next step")  # no "Not directly: …" route
    assert said.startswith("The Technical Program Manager: Project Manager → Technical Program Manager")


def test_a_parent_asked_as_a_flavour_of_which_role(kb: KnowledgeBase) -> None:
    assert lead(kb, "tpgm is a flavour of which role").startswith("The Program Manager")
    assert lead(kb, "the technical product manager is a type of which job?").startswith("The Product Manager")
    assert parse(kb, "what kinds of tpm are there").intent == "variants"


def test_a_choice_on_a_matrix_row_named_by_its_own_cue_words_is_that_row(kb: KnowledgeBase) -> None:
    """'kpis' cues the metrics, but here it names the post-launch metrics row: the row decides the choice."""
    plan = parse(kb, "success metrics after launch - tech pm or tech pgm?")
    assert plan.intents[:1] == ["collaboration"]
    assert lead(kb, "success metrics after launch - tech pm or tech pgm?").startswith("The Technical Product Manager: post-launch")
    assert "The Technical Product Manager: launch readiness" in lead(kb, "post-launch kpis: product tpm or program tpm?")


def test_two_roles_that_are_different_say_what_each_one_is(kb: KnowledgeBase) -> None:
    result = ask(kb, "is a pgm just a pjm with more projects?")
    said = [i["text"] for i in result.meta["answer"]]
    assert str(result.meta["lead"]).startswith("No: the Program Manager and the Project Manager are different roles")
    assert any(t.startswith("Program Manager: Coordinates a group of related projects") for t in said)
    assert any(t.startswith("Project Manager: Plans and steers a single project") for t in said)


def test_as_much_as_asks_whether_the_first_role_is_level_with_the_second(kb: KnowledgeBase) -> None:
    assert lead(kb, "do tech pms need as much tech depth as tech pgms").startswith("Yes, about the same: on technical skills")
    assert lead(kb, "is a tech pm as technical as a tpgm").startswith("Yes, about the same")  # no identity verdict
    said = lead(kb, "does a tech pm need as much risk management as a tpgm")
    assert said.startswith("No, less: on risk management, the Technical Product Manager rates 2 and the Technical Program Manager 5")
    assert lead(kb, "do tech pgms code as much as swes").startswith("No, less: on writing code")


def test_a_collaboration_fact_follows_the_title_that_names_both_roles(kb: KnowledgeBase) -> None:
    lead = str(ask(kb, "how do the tech pm and the tpgm collaborate on a shared program").meta["lead"])
    assert lead.startswith("How Technical Product Manager and Technical Program Manager work together: ")
