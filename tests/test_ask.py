"""The twelve example questions (../shared/reference/example-questions.md) and their kin, through `ask`."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rolegraph.ask import Plan, ask, parse
from rolegraph.ask.plan import FORMS, STATUSES
from rolegraph.ask.text import MAX_CHARS
from rolegraph.cli.app import app
from rolegraph.kb import KnowledgeBase


def answer(kb: KnowledgeBase, question: str) -> dict[str, Any]:
    return ask(kb, question).to_dict()


def texts(data: dict[str, Any]) -> str:
    return "\n".join(i["text"] for i in data["meta"]["answer"])


def test_q1_what_and_why_belong_to_the_tech_pm(kb: KnowledgeBase) -> None:
    data = answer(kb, 'Which role is responsible for the "what" and "why" of a solution?')
    assert data["meta"]["interpretation"]["intent"] == "ownership"
    owners = [i for i in data["meta"]["answer"] if " owns the " in i["text"]]
    assert owners[0]["text"] == "The Technical Product Manager owns the what." and owners[0]["basis"] == "seed-article, external"
    assert data["meta"]["lead"].startswith("The Technical Product Manager owns the what and the why")
    assert "S1" in owners[0]["sources"]
    assert not any("Technical Program Manager owns" in i["text"] for i in data["meta"]["answer"])
    assert "The Technical Program Manager does not own the what." in texts(data)
    assert any("TPM-F1" in i["text"] for i in data["meta"]["answer"])


def test_q2_tpm_is_ambiguous(kb: KnowledgeBase) -> None:
    data = answer(kb, 'What does "TPM" mean?')
    assert data["meta"]["interpretation"]["intent"] == "abbreviation"
    first = data["meta"]["answer"][0]["text"]
    assert "ambiguous" in first and "Technical Product Manager" in first and "Technical Program Manager" in first
    assert {"F-ABBR-2", "F-ABBR-3", "F-ABBR-4"} <= {i["text"].rsplit("(", 1)[-1].rstrip(")") for i in data["meta"]["answer"]}


def test_q3_the_seed_dimensions_in_order(kb: KnowledgeBase) -> None:
    data = answer(kb, "Which dimensions separate the two TPM roles' scopes, in the seed's order?")
    assert data["meta"]["answer"][0]["text"] == "In the seed's order: focus areas, team structure, tech skills, day-to-day work."
    assert data["meta"]["answer"][0]["basis"] == "seed, seed-article"


def test_q4_skills_that_separate_tech_pm(kb: KnowledgeBase) -> None:
    data = answer(kb, "Which skills separate a Tech PM from a Technical Program Manager?")
    items = [i["text"].split(":")[0] for i in data["meta"]["answer"]]
    assert items[:2] == ["customer discovery and user research", "product strategy"]
    assert "feature prioritisation" in items and "business metrics" in items and "switching planning horizons" in items
    assert not any("dependency" in i for i in items)
    assert all(i["sources"] for i in data["meta"]["answer"])
    assert {"seed-article", "external"} <= {b for i in data["meta"]["answer"] for b in i["basis"].split(", ")}


def test_q5_and_the_reverse(kb: KnowledgeBase) -> None:
    data = answer(kb, "And the reverse: which skills separate a Technical Program Manager from a Tech PM?")
    items = [i["text"].split(":")[0] for i in data["meta"]["answer"]]
    for skill in ("cross-team dependency management", "cross-team scheduling", "risk management",
                  "program roadmap integration", "executive communication"):
        assert skill in items
    assert "product strategy" not in items


def test_q6_what_they_share(kb: KnowledgeBase) -> None:
    data = answer(kb, "What do the two TPM roles have in common?")
    body = texts(data)
    assert "software architecture" in body and "technical trade-offs" in body and "stakeholder communication" in body
    assert "individual contributors" in body


def test_q7_teams_each_coordinates_with_the_disagreement(kb: KnowledgeBase) -> None:
    data = answer(kb, "How many teams does each coordinate?")
    body = texts(data)
    assert "Technical Program Manager — teams coordinated: 3+" in body
    assert "Technical Product Manager — teams coordinated: 1" in body
    assert any(n.startswith("Sources disagree (D3)") for n in data["notes"])
    assert data["meta"]["interpretation"]["assumptions"]


def test_q8_day_to_day_is_marked_external(kb: KnowledgeBase) -> None:
    data = answer(kb, "What does a Technical Program Manager do day to day?")
    items = data["meta"]["answer"]
    assert len(items) >= 5 and all(i["basis"] == "external" for i in items)
    assert "dependencies" in texts(data) and "executives" in texts(data)
    assert any("gives no readable content" in n for n in data["notes"])


def test_q9_the_seed_route_into_tech_pm(kb: KnowledgeBase) -> None:
    data = answer(kb, "What is the most common way to become a Tech PM, according to the seed?")
    first = data["meta"]["answer"][0]
    assert first["text"].startswith("From Software Engineer") and first["basis"] == "seed, seed-article"
    assert any("MBA" in n and "not the seed's answer" in n for n in data["notes"])


def test_q10_domains_and_companies(kb: KnowledgeBase) -> None:
    data = answer(kb, "In which domains are Tech PMs hired, with which companies?")
    body = texts(data)
    for line in ("search: Google", "social networks: Facebook, Instagram, TikTok", "travel: Booking.com, Uber",
                 "content streaming: Netflix, Spotify, YouTube", "data processing: Cloudera, Elastic",
                 "infrastructure: Amazon, Microsoft Azure"):
        assert line in body


def test_q11_misspelt_role(kb: KnowledgeBase) -> None:
    data = answer(kb, "What does a Techincal Progam Manger do?")
    assert data["meta"]["interpretation"]["roles"][0]["label"] == "Technical Program Manager"
    assert "Owns the who." in texts(data) and "Owns the when." in texts(data)


def test_q12_unknown_role_is_not_invented(kb: KnowledgeBase) -> None:
    data = answer(kb, "Which skills separate a Scrum Master from a Tech PM?")
    assert data["meta"]["interpretation"]["intent"] == "unknown-role"
    assert any("'Scrum Master' is not a modelled role" in n and "closest modelled roles" in n for n in data["notes"])
    assert not any("importance" in i["text"] for i in data["meta"]["answer"])


def test_nothing_in_the_graph_is_said_plainly(kb: KnowledgeBase) -> None:
    data = answer(kb, "Tell me about the weather")
    assert data["meta"]["status"] == "abstained" and data["meta"]["answer"] == []
    assert data["meta"]["lead"].startswith("The knowledge base has nothing on")


@pytest.mark.parametrize(("question", "intent"), [
    ("Why does the Tech PgM own the product roadmap?", "ownership"),
    ("Who owns the how?", "ownership"),
    ("What does a PM earn?", "pay"),
    ("Which certifications does a Tech PgM need?", "certifications"),
    ("Who reports to whom for a Tech PM?", "team"),
    ("What are the deliverables of a Tech PM?", "deliverables"),
    ("How is a Technical Program Manager measured?", "metrics"),
    ("Which roles are closest to a Tech PgM?", "neighbours"),
    ("What is a TPM?", "abbreviation"),
])
def test_other_kinds_of_question(kb: KnowledgeBase, question: str, intent: str) -> None:
    data = answer(kb, question)
    assert data["meta"]["interpretation"]["intent"] == intent, data["meta"]["interpretation"]


def test_false_premise_is_corrected(kb: KnowledgeBase) -> None:
    data = answer(kb, "Why does the Tech PgM own the product roadmap?")
    assert data["meta"]["answer"][0]["text"].startswith("No: the Technical Program Manager does not own the what")


def test_pm_is_read_as_its_usual_reading_and_the_others_named(kb: KnowledgeBase) -> None:
    data = answer(kb, "What does a PM earn?")  # rgd:abbr-pm rg:usualReading role:product-manager
    assert [r["label"] for r in data["meta"]["plan"]["roles"]] == ["Product Manager"]
    assert any("'PM' can mean the Product Manager (its usual meaning, answered here), the Program Manager or the Project Manager"
               in n for n in data["notes"])


def test_seed_has_no_certification_data(kb: KnowledgeBase) -> None:
    data = answer(kb, "Which certifications does a Tech PgM need?")
    assert data["meta"]["status"] == "abstained" and "nothing on certifications" in data["meta"]["lead"]
    assert all("No certification" in i["text"] for i in data["meta"]["answer"])
    assert any("no data" in n for n in data["notes"])


EXAMPLE_QUESTIONS = [
    'Which role is responsible for the "what" and "why" of a solution?',
    'What does "TPM" mean?',
    "Which dimensions separate the two TPM roles' scopes, in the seed's order?",
    "Which skills separate a Tech PM from a Technical Program Manager?",
    "And the reverse: which skills separate a Technical Program Manager from a Tech PM?",
    "What do the two TPM roles have in common?",
    "How many teams does each coordinate?",
    "What does a Technical Program Manager do day to day?",
    "What is the most common way to become a Tech PM, according to the seed?",
    "In which domains are Tech PMs hired, with which companies?",
    "What does a Techincal Progam Manger do?",
    "Which skills separate a Scrum Master from a Tech PM?",
]


@pytest.mark.parametrize("question", EXAMPLE_QUESTIONS)
def test_every_example_answer_item_says_its_basis_and_sources(kb: KnowledgeBase, question: str) -> None:
    data = answer(kb, question)
    items = data["meta"]["answer"]
    assert items
    for item in items:
        assert item["sources"], item
        assert set(item["basis"].split(", ")) <= {"seed", "seed-article", "external", "external-low", "derived"}, item
    seeds = sum(1 for i in items if {"seed", "seed-article"} & set(i["basis"].split(", ")))
    external = sum(1 for i in items if i["basis"] == "external")
    assert seeds + external == len(items)
    assert f"{seeds} item(s) backed by the seed material, {external} from outside sources only." in data["notes"]


@pytest.mark.parametrize("question", ["What's a TPM?", "What’s a TPM?"])
def test_apostrophes_route_like_the_full_words(kb: KnowledgeBase, question: str) -> None:
    assert answer(kb, question)["meta"]["interpretation"]["intent"] == answer(kb, "What is a TPM?")["meta"]["interpretation"]["intent"]


def test_deliverables_include_the_prd(kb: KnowledgeBase) -> None:
    data = answer(kb, "What are the deliverables of a Tech PM?")
    assert any("product requirements document (PRD)" in i["text"] and i["sources"] for i in data["meta"]["answer"])


def test_metrics_items_have_basis_and_sources(kb: KnowledgeBase) -> None:
    items = answer(kb, "How is a Technical Program Manager measured?")["meta"]["answer"]
    assert items and all(i["text"].startswith("Technical Program Manager — ") for i in items)
    assert all(i["basis"] in ("seed", "seed-article", "external") and i["sources"] for i in items)
    assert any("timelines and milestones met" in i["text"] for i in items)


def test_neighbours_ranked_by_similarity(kb: KnowledgeBase) -> None:
    items = answer(kb, "Which roles are closest to a Tech PgM?")["meta"]["answer"]
    assert items[0]["text"].startswith("Program Manager (similarity "), "ownership and focus count, not only skills"
    similarity = [float(re.search(r"\(similarity ([0-9.]+);", i["text"]).group(1)) for i in items]  # type: ignore[union-attr]
    assert len(similarity) >= 3 and similarity == sorted(similarity, reverse=True) and similarity[0] < 1
    assert not any("Technical Program Manager (" in i["text"] for i in items), "a role is not its own neighbour"
    data = answer(kb, "Which roles are closest to a Tech PgM?")
    assert all(i["basis"] == "derived" for i in items) and data["sources"], "derived items; the result names the links behind them"
    assert f"0 item(s) backed by the seed material, 0 from outside sources only, {len(items)} computed from the graph." in data["notes"]


def test_definition_of_the_program_manager(kb: KnowledgeBase) -> None:
    data = answer(kb, "What is a Technical Program Manager?")
    assert data["meta"]["interpretation"]["intent"] == "definition"
    assert [r["label"] for r in data["meta"]["interpretation"]["roles"]] == ["Technical Program Manager"]
    assert data["meta"]["answer"][0]["text"].startswith("Technical Program Manager: An individual contributor")
    assert "Owns the when." in texts(data) and "Owns the what." not in texts(data)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(["tpm", "PM", "tech pm", "vs", "and the reverse?", "who", "owns", '"what"', "since", "is basically",
                              "a", "or", "?", "scrum master", "teams", "DROP TABLE", "\\x00", "' OR 1=1 --", "seed", "become",
                              "NEAR(", "\"", "*", "-", "^", "how many", "rank", "engineers", "Techincal Progam Manger"]), max_size=40).map(" ".join),
))
def test_parse_never_raises_and_always_returns_a_plan(kb: KnowledgeBase, question: str) -> None:
    plan = parse(kb, question)
    assert isinstance(plan, Plan)
    assert plan.status in STATUSES and plan.form in FORMS
    again = parse(kb, "and the reverse?", previous=plan.to_dict())
    assert again.status in STATUSES


def test_a_huge_question_is_bounded(kb: KnowledgeBase) -> None:
    question = "which skills separate a tech pm from a tech pgm " * 400  # about 20 KB
    plan = parse(kb, question)
    assert len(plan.question) <= MAX_CHARS and plan.intent == "separate"
    assert ask(kb, question).meta["status"] == "answered"


def test_follow_up_reverses_the_previous_plan(kb: KnowledgeBase) -> None:
    first = ask(kb, "Which skills separate a Tech PM from a Tech PgM?")
    data = ask(kb, "and the reverse?", previous=first.meta["plan"]).to_dict()
    assert [r["label"] for r in data["meta"]["plan"]["roles"]] == ["Technical Program Manager", "Technical Product Manager"]
    assert "cross-team dependency management" in texts(data) and data["meta"]["plan"]["follow_up"]
    day = ask(kb, "what about day-to-day?", previous=Plan.from_dict(first.meta["plan"])).to_dict()
    assert day["meta"]["plan"]["intents"][0] == "day-to-day" and len(day["meta"]["plan"]["roles"]) == 2


def test_terminal_view_says_how_it_understood_first_and_each_note_once(runner: CliRunner) -> None:
    result = runner.invoke(app, ["ask", "How many teams does each coordinate?"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].startswith("Understood: team structure")
    notes = [line for line in lines if line.lstrip().startswith("note:")]
    assert notes and len(notes) == len(set(notes))


def test_interactive_session_reads_follow_ups_against_the_previous_question(runner: CliRunner) -> None:
    questions = "Which skills separate a Tech PM from a Tech PgM?\nand the reverse?\nquit\n"
    result = runner.invoke(app, ["ask", "--format", "json"], input=questions)
    assert result.exit_code == 0, result.output
    first, second = [json.loads(chunk) for chunk in re.split(r"(?<=\})\n(?=\{)", result.stdout.strip())]
    assert [r["label"] for r in second["meta"]["plan"]["roles"]] == ["Technical Program Manager", "Technical Product Manager"]
    assert second["meta"]["plan"]["follow_up"] and "cross-team dependency management" in second["meta"]["lead"]
    assert first["meta"]["status"] == second["meta"]["status"] == "answered"
