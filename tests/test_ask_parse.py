"""How `ask` reads a question (parse) and what its full-text index ranks first (retrieve)."""

from __future__ import annotations

import pytest

from rolegraph.ask import parse
from rolegraph.ask.retrieve import index
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize(("question", "intent"), [
    ("typical project manager day", "day-to-day"),          # the cue phrase around a role name
    ("a normal tech pgm week, what happens", "day-to-day"),
    ("whats driving the growth of tpgm jobs", "growth"),     # 'whats' opens the question; no definition asked
    ("what certs help a tech pm get hired", "certifications"),
    ("tech pm vs pm whats the diff", "compare"),
])
def test_intent_read(kb: KnowledgeBase, question: str, intent: str) -> None:
    assert parse(kb, question).intents[:1] == [intent]


@pytest.mark.parametrize("question", ["do technical program managers get more vacation days", "how many vacation days do spotify employees get"])
def test_an_incidental_word_is_no_cue(kb: KnowledgeBase, question: str) -> None:
    assert "day-to-day" not in parse(kb, question).intents


def test_origin_is_not_the_seed_scope(kb: KnowledgeBase) -> None:
    assert parse(kb, "origin of the tech pgm title?").scope == "any"
    assert parse(kb, "what does the seed article say about titles").scope == "seed"


def test_form_words_are_not_search_terms(kb: KnowledgeBase) -> None:
    plan = parse(kb, "rank product manager, software engineer and engineering manager by how much they code")
    assert plan.form == "rank" and "rank" not in plan.terms and "code" in plan.terms


def test_another_form_of_a_known_word_is_not_respelt(kb: KnowledgeBase) -> None:
    """'prioritises' is not in the graph but 'prioritised' is: same stem, so no correction (whose ties once
    depended on the hash seed)."""
    assert "prioritises" in parse(kb, "who prioritises features: tech pgm, product manager or tech pm").terms


def test_a_choice_opened_by_are_is_which_one(kb: KnowledgeBase) -> None:
    assert parse(kb, "are technical specs a tech pm or a tech pgm deliverable").form == "which-one"


def test_search_ranks_by_share_of_terms_matched(kb: KnowledgeBase) -> None:
    """A text with both asked words beats texts with the rarer one only, and a synonym group counts once."""
    hits = index(kb).search(["title", "technical", "leaves"], kinds=("fact",), limit=3)
    assert hits and hits[0].id == "TPM-S1" and hits[0].coverage > hits[-1].coverage
    grouped = index(kb).search([("growth", "growing", "grow"), "complexity"], limit=1)
    assert grouped[0].id == "PGM-F4" and grouped[0].matched == 2


@pytest.mark.parametrize(("question", "relations"), [
    ("how many people report to a technical product manager", ["direct-reports"]),
    ("who does a tech pm report to", ["reports-to"]),
    ("who does a tech pm report to and how many engineers do they work with", ["reports-to", "works-with"]),
    ("which teams does a technical product manager collaborate with", ["works-with"]),
])
def test_a_team_answer_narrows_to_the_relations_named(kb: KnowledgeBase, question: str, relations: list[str]) -> None:
    from rolegraph.ask.answer.dimensions import asked_relations

    plan = parse(kb, question)
    assert plan.intent == "team" and sorted(asked_relations(plan, "team")) == relations


def test_outside_the_seed_is_its_own_scope(kb: KnowledgeBase) -> None:
    plan = parse(kb, "which companies outside the seed have many technical pms")
    assert plan.scope == "external" and "outside" not in plan.topic
    assert "outside the seed" in plan.understood()


@pytest.mark.parametrize(("question", "form"), [
    ("tpgm owns product roadmap?", "yes-no"),
    ("tech pm = a kind of product manager?", "yes-no"),
    ("pjm to tpgm, can that work?", "yes-no"),
    ("tech pm planning horizons?", "list"),        # a noun phrase asks for the thing, not a verdict
    ("companies known for technical pms like stripe?", "list"),
])
def test_a_question_mark_alone_is_no_yes_no(kb: KnowledgeBase, question: str, form: str) -> None:
    assert parse(kb, question).form == form


def test_a_full_title_with_meaning_asks_for_a_definition(kb: KnowledgeBase) -> None:
    assert parse(kb, "tech product manager meaning?").intents[:1] == ["definition"]
    assert parse(kb, "what does tpm mean").intents[:1] == ["abbreviation"]


def _asked(kb: KnowledgeBase, question: str) -> tuple[str, str, str]:
    from rolegraph.ask import ask

    meta = ask(kb, question).meta
    return meta["status"], meta["lead"], " ".join(i["text"] for i in meta["answer"])


@pytest.mark.parametrize(("question", "wanted"), [
    ("why is tech pgm growing so fast lately, is it because systems are more complex or what", "service-oriented architecture"),
    ("whats driving the growth of tpgm jobs", "service-oriented architecture"),
    ("how many program managers does a cloud migration need", "more than one program manager"),  # found beyond the role named
    ("does the job title always say technical for tech pm jobs", "leaves out the word Technical"),
    ("are there different flavours of tech pm", "internal products"),
])
def test_facts_that_are_not_links_are_found(kb: KnowledgeBase, question: str, wanted: str) -> None:
    status, lead, text = _asked(kb, question)
    assert status == "answered" and wanted in f"{lead} {text}"


@pytest.mark.parametrize("question", ["when was uber founded", "how many vacation days do spotify employees get"])
def test_a_name_from_the_graph_in_an_unrelated_question_abstains(kb: KnowledgeBase, question: str) -> None:
    status, _, text = _asked(kb, question)
    assert status in ("abstained", "cannot-parse") and not text


def test_a_contested_pay_comparison_says_so(kb: KnowledgeBase) -> None:
    status, lead, text = _asked(kb, "do product managers earn more than technical program managers")
    assert status == "answered" and lead.startswith("Not settled") and "D16" in lead and "D16" in text


@pytest.mark.parametrize("question", ["order pm, technical pm and tpgm by pay", "who is paid best: product manager or tech pgm"])
def test_an_order_or_a_choice_of_roles_by_pay_is_a_relative_pay_question(kb: KnowledgeBase, question: str) -> None:
    status, lead, text = _asked(kb, question)
    assert status == "answered" and lead.startswith("Not settled") and "D16" in lead and "D16" in text, lead


@pytest.mark.parametrize("follow_up", ["ok what about becoming a tech pgm instead", "and if the goal were technical program manager?"])
def test_a_route_follow_up_naming_a_new_goal_keeps_the_start(kb: KnowledgeBase, follow_up: str) -> None:
    previous = parse(kb, "how can a software engineer become a technical product manager")
    plan = parse(kb, follow_up, previous)
    assert plan.follow_up
    assert [(r.label, r.part) for r in plan.roles] == [("Software Engineer", "source"), ("Technical Program Manager", "target")]


def test_a_follow_up_pointing_back_with_they_asks_about_the_previous_role(kb: KnowledgeBase) -> None:
    plan = parse(kb, "so how can you tell they did well", parse(kb, "what does a tech pgm hand over"))
    assert plan.follow_up and plan.intents[:1] == ["metrics"]
    assert [r.label for r in plan.roles] == ["Technical Program Manager"]


@pytest.mark.parametrize("question", [
    "technical program manager: key deliverables? and where does the role sit in the org",  # a part closed by '?'
    "quick pair: what does a tpgm produce, and where do they sit org wise",                 # asked after an introduction
])
def test_a_part_without_a_question_word_of_its_own_is_still_asked(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert [p.intents[:1] for p in plan.parts] == [["deliverables"], ["team"]]


def test_parts_asking_the_same_thing_of_different_roles_are_answered_apart(kb: KnowledgeBase) -> None:
    plan = parse(kb, "how many direct reports does an em have; how many teams does a tech pgm coordinate")
    assert [[r.label for r in p.roles] for p in plan.parts] == [["Engineering Manager"], ["Technical Program Manager"]]


@pytest.mark.parametrize("question", [
    "the launch slipped by 3 weeks, who gets blamed",
    "release is a couple of weeks late, whose fault is that",
    "if the rollout is delayed by a week is that on the tech pgm",
    "we're two sprints behind, who should have flagged it",
])
def test_a_length_of_time_is_no_routine(kb: KnowledgeBase, question: str) -> None:
    """'3 weeks' is how long, not a weekly routine: the unit after a count ([durations]) is no day-to-day cue."""
    assert "day-to-day" not in parse(kb, question).intents


@pytest.mark.parametrize("question", ["walk me through a week of a tech pm", "what does a tpgm do every week",
                                      "whats a tech pgm's week look like", "what does a tpgm do day by day"])
def test_a_week_of_work_is_still_a_routine(kb: KnowledgeBase, question: str) -> None:
    assert parse(kb, question).intents[:1] == ["day-to-day"]


def test_word_sets_are_data_not_code() -> None:
    """The words ask reads sit in cues.toml ([word_sets]), not in module-level set literals (or frozenset({…})) of ask's code."""
    import ast
    from pathlib import Path

    import rolegraph.ask

    root = Path(rolegraph.ask.__file__).parent
    headings = {"_NOT_COUNTED"}  # table column headings ('basis', 'sources'), not words of a question
    literals = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
            if isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("set", "frozenset") and len(value.args) == 1:
                value = value.args[0]  # frozenset({…})
            name = getattr(node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None), "id", "")
            if name not in headings and isinstance(value, ast.Set) and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in value.elts):
                literals.append(f"{path.name}:{node.lineno}")
    assert literals == []


def test_the_plain_or_technical_kind_of_a_role_leads_the_neighbours(kb: KnowledgeBase) -> None:
    """'the non-technical version of X' is the role X is a kind of; 'the technical version of X' the roles that are a kind of X."""
    from rolegraph.ask import ask

    assert ask(kb, "what's the non-technical version of a tech pgm").meta["lead"].startswith(
        "The Program Manager: the Technical Program Manager is a kind of Program Manager.")
    assert ask(kb, "program manager but technical - what's that role").meta["lead"].startswith("The Technical Program Manager")
    assert ask(kb, "roles like tpgm?").meta["lead"].startswith("Closest to the Technical Program Manager")


@pytest.mark.parametrize("question", ["a technical product manager is a special case of which broader role",
                                      "what's the parent job family of pm-t", "tech pm: a subtype of which more general role?"])
def test_the_broader_or_parent_role_is_the_role_it_is_a_kind_of(kb: KnowledgeBase, question: str) -> None:
    from rolegraph.ask import ask

    assert "The Product Manager: the Technical Product Manager is a kind of Product Manager." in ask(kb, question).meta["lead"]


def test_the_role_between_two_named_roles_is_nearest_to_both(kb: KnowledgeBase) -> None:
    """'which role sits between a product manager and a software engineer': by the sum of the similarities to both."""
    from rolegraph.ask import ask

    lead = ask(kb, "which role sits between a product manager and a software engineer").meta["lead"]
    assert lead.startswith("Nearest to both the Product Manager and the Software Engineer: Technical Product Manager")


def test_a_part_comparing_that_role_with_another_takes_the_roles_asked_before(kb: KnowledgeBase) -> None:
    plan = parse(kb, "which companies hire tech pms, and how is that role different from a tech pgm")
    assert [p.intents[0] for p in plan.parts] == ["hiring", "compare"]
    assert len(plan.parts[1].roles) == 2


def test_a_slice_is_found_around_a_role_name(kb: KnowledgeBase) -> None:
    """'who does an engineering manager manage': the direct reports, the role's name left out of the phrase."""
    from rolegraph.ask.answer.dimensions import asked_relations

    assert asked_relations(parse(kb, "who does an engineering manager manage"), "team") == ["direct-reports"]


def test_a_short_word_qualifies_an_unmodelled_title(kb: KnowledgeBase) -> None:
    assert parse(kb, "i'm a QA engineer, how do i become a tpgm").unknown_roles == ["qa engineer"]
    assert parse(kb, "i'm a software engineer, how do i become a tpgm").unknown_roles == []


def test_chatty_words_and_possessives_are_no_subject(kb: KnowledgeBase) -> None:
    """'kinda', 'sorta', 'mine' ([stopwords]) ask about nothing the graph must know: no abstention on them."""
    from rolegraph.ask import ask

    assert ask(kb, "what kinda stuff fills up an em's week").meta["status"] == "answered"
    assert ask(kb, "im a tech pgm and bored, what jobs are basically next door to mine").meta["lead"].startswith(
        "Closest to the Technical Program Manager")


def test_a_roles_short_forms_and_the_roles_least_like_it(kb: KnowledgeBase) -> None:
    from rolegraph.ask import ask

    assert ask(kb, "short forms for technical product manager?").meta["lead"].startswith(
        "Short forms of the Technical Product Manager: PM-T, PMT, Tech PM (and TPM")
    assert ask(kb, "which role is least like a tech pm").meta["lead"].startswith("Least like the Technical Product Manager: ")


@pytest.mark.parametrize("remark", ["feeling overwhelmed:", "quick sanity check -", "sorry, dumb question:", "having trouble.", "ugh!"])
def test_a_remark_before_the_question_is_no_subject(kb: KnowledgeBase, remark: str) -> None:
    plan = parse(kb, f"{remark} what does a tech pgm own")
    bare = parse(kb, "what does a tech pgm own")
    assert (plan.intents, plan.role_iris(), plan.topic) == (bare.intents, bare.role_iris(), bare.topic)
    assert plan.question.startswith(remark) and any("remark" in a for a in plan.assumptions)


def test_a_condition_or_a_subject_pointed_back_at_is_no_remark(kb: KnowledgeBase) -> None:
    assert "london" in parse(kb, "in london, what does a tech pgm do").topic
    assert "kubernetes" in parse(kb, "kubernetes: does a tpm need it").topic
    assert "salary" in parse(kb, "salary: what does a tech pm make").terms


@pytest.mark.parametrize("question", ["the status report - which role authors it?", "who authors the roadmap", "prds are authored by whom"])
def test_a_noun_used_as_a_verb_asks_who_does_it(kb: KnowledgeBase, question: str) -> None:
    """'authors' between a subject and an object is 'writes': no question about the seed's author, no seed scope."""
    plan = parse(kb, question)
    assert "person" not in plan.intents and plan.scope == "any"
    assert "person" in parse(kb, "who authored the seed article").intents


@pytest.mark.parametrize(("previous", "follow_up"), [("what does a project manager do", "do they have to be technical"),
                                                     ("describe the engineering manager", "must they be hands on")])
def test_a_closed_follow_up_asks_its_own_question_of_the_same_roles(kb: KnowledgeBase, previous: str, follow_up: str) -> None:
    """A yes/no follow-up with words of its own is not the previous question (a definition) asked again."""
    prev = parse(kb, previous)
    plan = parse(kb, follow_up, prev)
    assert plan.form == "yes-no" and plan.intent != "definition" and plan.role_iris() == prev.role_iris()


@pytest.mark.parametrize(("question", "verdict"), [("does a proj manager need to be technical, like cs degree level?", "No"),
                                                   ("must a software engineer be technical, like computer science level", "Yes")])
def test_how_deep_a_skill_goes_is_no_level_and_no_other_subject(kb: KnowledgeBase, question: str, verdict: str) -> None:
    """'like cs degree level' says how technical, not a rung of the ladder: the role's technical rating decides."""
    from rolegraph.ask import ask

    assert parse(kb, question).intent != "levels"
    assert ask(kb, question).meta["lead"].startswith(f"{verdict}: ")


@pytest.mark.parametrize("question", ["where do tech pms and tech pgms usually come from", "what backgrounds feed both tpm roles"])
def test_backgrounds_of_two_roles_are_the_ways_into_each(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert plan.intent == "transitions" and [r.part for r in plan.roles] == ["target", "target"]


@pytest.mark.parametrize("question", ["what background should i hire from for this role", "where do people in that job usually come from"])
def test_a_follow_up_pointing_back_at_the_role_keeps_it(kb: KnowledgeBase, question: str) -> None:
    prev = parse(kb, "what is a technical program manager")
    plan = parse(kb, question, previous=prev)
    assert plan.follow_up and [r.label for r in plan.roles] == ["Technical Program Manager"]


def test_the_other_one_after_a_one_way_question_reverses_it(kb: KnowledgeBase) -> None:
    prev = parse(kb, "what separates a tpgm from a tech pm")
    plan = parse(kb, "what about the other one", previous=prev)
    assert [r.label for r in plan.roles] == ["Technical Product Manager", "Technical Program Manager"]


@pytest.mark.parametrize(("question", "one_way"), [
    ("skills unique to a tech pgm compared with a tech pm", True),
    ("what is specific to the technical program manager's skill set vs a technical product manager", True),
    ("skills unique to each: tech pm vs tpgm", False),
])
def test_unique_to_one_role_asks_its_side_only(kb: KnowledgeBase, question: str, one_way: bool) -> None:
    assert parse(kb, question).one_way is one_way
