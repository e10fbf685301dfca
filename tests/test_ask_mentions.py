"""Ambiguous role mentions settled by the question's own words (rolegraph.ask.mentions), never guessed."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask, parse
from rolegraph.kb import KnowledgeBase

ROLE = "https://w3id.org/rolegraph/id/role/"
TECH_PM, TECH_PGM = ROLE + "technical-product-manager", ROLE + "technical-program-manager"


def roles(kb: KnowledgeBase, question: str, previous: object = None) -> list[str]:
    return parse(kb, question, previous).role_iris()  # type: ignore[arg-type]


def test_a_qualifier_beside_the_short_form_picks_the_reading(kb: KnowledgeBase) -> None:
    plan = parse(kb, "who keeps the risk log, the product tpm or the program tpm")
    assert plan.role_iris() == [TECH_PM, TECH_PGM] and plan.status == "answered" and not plan.ambiguous
    assert any("'program tpm' read as the Technical Program Manager" in a for a in plan.assumptions)
    assert roles(kb, "typical question in a tpm program interview") == [TECH_PGM]


def test_alternatives_are_no_qualifier(kb: KnowledgeBase) -> None:
    plan = parse(kb, "is tpm product or program manager")
    assert plan.ambiguous and plan.ambiguous[0]["text"] == "tpm"


def test_a_name_the_graph_uses_the_short_form_with_settles_it(kb: KnowledgeBase) -> None:
    plan = parse(kb, "whats the highest tpm level at dropbox")
    assert plan.role_iris() == [TECH_PGM] and plan.status == "answered"
    assert any("beside Dropbox" in a for a in plan.assumptions)
    assert parse(kb, "what does a tpm earn").status == "ambiguous-role"  # no name: still both readings


def test_a_word_no_text_writes_is_no_name_though_another_form_of_it_is_written(kb: KnowledgeBase) -> None:
    """'having' and 'find' are in no text (only 'has', 'finding'), so they say nothing of how a company uses TPM."""
    assert parse(kb, "having trouble: what does a tpm own").status == "ambiguous-role"
    plan = parse(kb, "find me what a tpm does at amazon")
    assert plan.role_iris() == [TECH_PGM] and any("beside Amazon" in a for a in plan.assumptions)


def test_a_short_form_with_a_usual_reading_is_read_so_one_without_stays_ambiguous(kb: KnowledgeBase) -> None:
    for question in ("kpis a pm gets judged on?", "do pms have to manage people", "who does a pm sit with every week"):
        plan = parse(kb, question)
        assert plan.role_iris() == [ROLE + "product-manager"] and plan.status == "answered" and not plan.ambiguous, question
        assert any("Program Manager or the Project Manager" in a for a in plan.assumptions), question
    assert parse(kb, "what does PM stand for").intent == "abbreviation"  # the short form asked about: every reading
    assert parse(kb, "kpis a tpm gets judged on?").status == "ambiguous-role"  # TPM has no usual reading in the graph


def test_the_program_one_names_one_of_the_two_tpm_roles(kb: KnowledgeBase) -> None:
    first = parse(kb, "how is a tech pm measured")
    assert roles(kb, "same question for the program one", first.to_dict()) == [TECH_PGM]
    assert roles(kb, "and the product side?", first.to_dict()) == [TECH_PM]


def test_joined_qualifiers_name_each_reading_and_which_tpm_the_two(kb: KnowledgeBase) -> None:
    plan = parse(kb, "who sets the timelines, product or program tpm")
    assert plan.role_iris() == [TECH_PM, TECH_PGM] and plan.status == "answered"
    assert roles(kb, "the who and the when belong to which tpm") == [TECH_PM, TECH_PGM]
    assert parse(kb, "which companies hire tpms").status == "ambiguous-role"


def test_a_misspelt_word_before_a_name_makes_the_longer_name(kb: KnowledgeBase) -> None:
    assert roles(kb, "who is a tecnical program manager") == [TECH_PGM]
    assert roles(kb, "kpis for a normal (non technical) product manager") == [ROLE + "product-manager"]
    assert roles(kb, "what does a senior program manager do") == [ROLE + "program-manager"]


def test_a_word_no_text_uses_set_against_a_role_is_an_unmodelled_role(kb: KnowledgeBase) -> None:
    assert parse(kb, "devrel vs tech pm, which should i pick").unknown_roles == ["devrel"]
    assert parse(kb, "tpgm or a sre, which pays better").unknown_roles == ["sre"]
    assert parse(kb, "tech pm vs tpgm, which should i pick").unknown_roles == []  # both modelled
    assert parse(kb, "risk vs tpgm").unknown_roles == []  # a word the graph uses is no role name


def test_a_qualifier_after_a_short_form_is_its_own_unless_the_next_one_can_take_it(kb: KnowledgeBase) -> None:
    plan = parse(kb, "order em, pm (product), pjm by software architecture")
    assert [r.label for r in plan.roles] == ["Engineering Manager", "Product Manager", "Project Manager"], plan
    assert roles(kb, "program tpm product tpm") == [TECH_PGM, TECH_PM]  # 'product' qualifies the tpm after it


def test_the_manager_of_a_group_of_people_is_no_unmodelled_title(kb: KnowledgeBase) -> None:
    assert parse(kb, "as the tpgm is the devs' manager, how do they do reviews").unknown_roles == []
    assert parse(kb, "what does a scrum master do").unknown_roles == ["scrum master"]


def test_one_role_named_by_two_names_asks_about_the_names(kb: KnowledgeBase) -> None:
    """'is pmt the same thing as a tech pm' names one role twice: no second role is assumed, and the names are the answer."""
    from rolegraph.ask import ask

    plan = parse(kb, "is PMT the same thing as a tech pm")
    assert plan.role_iris() == [TECH_PM] and plan.intents == ["abbreviation"]
    assert ask(kb, "is sdm another name for engineering manager").meta["lead"].startswith("Yes: 'sdm' and 'engineering manager' name")
    assert parse(kb, "is pmt the same as tpgm").role_iris() == [TECH_PM, TECH_PGM]  # two roles: they are compared


def test_a_word_no_text_uses_in_a_role_slot_is_an_unmodelled_role(kb: KnowledgeBase) -> None:
    """'what does a devrel do', 'how do i become a devrel' ([role_slots]): an unmodelled role, not a search for the word."""
    for question in ("what does devrel do compared to a tech pm", "how do i become a devrel", "what does an sre do"):
        plan = parse(kb, question)
        assert plan.status == "unknown-role" and plan.unknown_roles, question
    assert parse(kb, "what does a tpgm do").unknown_roles == []


def test_the_other_one_after_one_tpm_role_is_the_other_tpm_role(kb: KnowledgeBase) -> None:
    first = parse(kb, "what does a tech pgm do day to day")
    for question in ("and for the other one?", "what about the other tpm"):
        plan = parse(kb, question, first)
        assert plan.role_iris() == [TECH_PM] and plan.intents == ["day-to-day"] and not plan.ambiguous, question
    assert parse(kb, "and the reverse?", first).role_iris() == [TECH_PGM]


def test_a_side_of_the_short_form_names_its_reading(kb: KnowledgeBase) -> None:
    """'the product flavour of tpm', 'the program side of a tpm': the reading the qualifier names, not both TPM roles."""
    assert roles(kb, "what's the routine like for the product flavour of tpm") == [TECH_PM]
    assert roles(kb, "what does the program side of a tpm own") == [TECH_PGM]


def test_a_role_slot_with_any_word_no_text_uses_is_an_unmodelled_role(kb: KnowledgeBase) -> None:
    plan = parse(kb, "what does a devrel person do vs a tpgm")
    assert plan.status == "unknown-role" and plan.unknown_roles == ["devrel person"]


def test_which_short_form_names_a_role_named_in_full(kb: KnowledgeBase) -> None:
    """'pgm or pjm - which one is the project manager': the short form that stands for the role named in full."""
    from rolegraph.ask import ask

    assert ask(kb, "pgm or pjm - which one is the project manager").meta["lead"] == "PJM: it stands for the Project Manager."


def test_the_two_sides_offered_are_the_choices_not_the_subject(kb: KnowledgeBase) -> None:
    """'whose fault, product or program side': the two TPM roles offered; the late launch decides."""
    plan = parse(kb, "when a launch is late whose fault is it mostly, product or program side")
    assert plan.role_iris() == [TECH_PM, TECH_PGM] and not {"product", "program", "side"} & set(plan.topic)
    assert str(ask(kb, "when a launch is late whose fault is it mostly, product or program side").meta["lead"]).startswith(
        "The Technical Program Manager")
    assert roles(kb, "incomplete launch: product side or program side to blame?") == [TECH_PM, TECH_PGM]
    assert parse(kb, "is a tpm product or program").intent == "abbreviation"  # the short form is the subject


def test_a_title_only_the_offered_roles_share_is_their_common_name(kb: KnowledgeBase) -> None:
    plan = parse(kb, "for a dev like me, which of the two technical manager roles do engineers move into most often: product or program?")
    assert plan.status == "answered" and not plan.unknown_roles
    assert [(r.label, r.part) for r in plan.roles] == [("Software Engineer", "source"), ("Technical Product Manager", "target"),
                                                       ("Technical Program Manager", "target")]


def test_a_reading_offered_for_a_short_form_at_a_company_is_a_closed_question(kb: KnowledgeBase) -> None:
    """'tpm at amazon = product role?', 'tpm at amazon: the product one?': the reading proposed, against the one used there."""
    for question in ("tpm at amazon = product role?", "tpm at amazon: the product one?"):
        said = str(ask(kb, question).meta["lead"])
        assert said.startswith("No: beside Amazon, TPM means the Technical Program Manager, not the Technical Product Manager")
    assert str(ask(kb, "tpm at amazon = program role?").meta["lead"]).startswith("Yes: beside Amazon")


@pytest.mark.parametrize(("question", "title"), [("cpo responsibilities", "cpo"), ("what does the coo own", "coo")])
def test_a_chief_officer_by_its_short_form_is_an_unmodelled_title(kb: KnowledgeBase, question: str, title: str) -> None:
    """'cpo' is a title even where a text of the graph uses it ('… VP, CPO'): the role is not modelled."""
    assert parse(kb, question).unknown_roles == [title]


@pytest.mark.parametrize("question", ["product one and program one - what is each accountable for",
                                      "tell me what each owns: product role and program role"])
def test_sides_listed_with_and_name_both_tpm_roles_and_no_concern(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert {r.label for r in plan.roles} == {"Technical Product Manager", "Technical Program Manager"}
    assert not plan.concerns and "product" not in plan.topic
