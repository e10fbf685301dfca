"""Levels, collaboration, transfers and interview preparation (issue 15): coverage of the companion
fact sheet, the shapes for the new classes, the library functions and their commands."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, ROLE, SWE, TECH_PGM, TECH_PM
from typer.testing import CliRunner

from rolegraph import collaborate, compare, fit, formats, graph, interviews, levels, transfers
from rolegraph.cli.app import app
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Result
from rolegraph.validate import Report, validate

PM = ROLE + "product-manager"
EM = ROLE + "engineering-manager"


def sheet() -> dict[str, str]:
    """Fact ID → the basis its flag in levels-and-collaboration.md maps to."""
    lines = (FIXTURES / "levels_fact_ids.txt").read_text().splitlines()
    return dict(line.split("\t") for line in lines if line and not line.startswith("#"))


# --- coverage of the companion sheet ----------------------------------------------------------------

def test_every_fact_of_the_companion_sheet_is_in_the_graph_with_its_flag(kb: KnowledgeBase) -> None:
    rows = kb.select(
        "PREFIX dct: <http://purl.org/dc/terms/> PREFIX rg: <https://w3id.org/rolegraph/ns#> "
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?id ?basis WHERE { ?f a rg:Fact ; dct:identifier ?id ; rg:basis/skos:notation ?basis ; dct:source ?s }"
    ).records()
    found = {str(r["id"]): str(r["basis"]) for r in rows}
    expected = sheet()
    assert len(expected) == 116
    missing = sorted(set(expected) - set(found))
    assert not missing, missing
    wrong = {i: (b, found[i]) for i, b in expected.items() if found[i] != b}
    assert not wrong, wrong


def test_every_disagreement_of_the_sheet_has_all_its_positions(kb: KnowledgeBase) -> None:
    positions: dict[str, int] = {}
    for r in kb.named("disagreements").records():
        positions[str(r["id"])] = positions.get(str(r["id"]), 0) + 1
    for d in range(10, 21):
        assert positions.get(f"D{d}", 0) >= 2, d
    assert positions["D12"] == 5  # launch readiness: five positions


# --- shapes -----------------------------------------------------------------------------------------

#: bad node → a fragment of the rule message it must trigger (tests/fixtures/bad/levels.ttl)
EXPECTED = {
    "fact/bad-derived": ["needs an rg:reason"],
    "fact/bad-low-seed": ["cites only outside sources"],
    "bad-level": ["exactly one code", "exactly one rg:order"],
    "bad-ral": ["exactly one rg:levelOf", "exactly one rg:level,"],
    "link/bad-level-link": ["must be an rg:RoleAtLevel", "rg:text stating the value"],
    "link/bad-title": ["must be an rg:Company", "exactly one rg:title"],
    "bad-responsibility": ["an rg:Role or an rg:OrgUnit"],
    "bad-raci-code": ["at least one rg:raci"],
    "collab-bad-activity": ["exactly one accountable party"],
    "collab-bad-two-owners": ["exactly one accountable party"],
    "link/bad-transfer": ["from a role to itself", "exactly one rg:transfer"],
    "bad-guide": ["rg:toBuild", "rg:hurdle"],
    "link/bad-interview": ["rg:InterviewTopic", "rg:text describing"],
}


@pytest.fixture(scope="module")
def bad_report() -> Report:
    return validate([FIXTURES / "bad" / "levels.ttl"])


@pytest.mark.parametrize("node", sorted(EXPECTED))
def test_each_new_shape_fires_on_its_bad_node(bad_report: Report, node: str) -> None:
    messages = [v.message for v in bad_report.violations if v.focus == node]
    for fragment in EXPECTED[node]:
        assert any(fragment in m for m in messages), (node, fragment, messages)


def test_only_the_bad_level_nodes_are_reported(bad_report: Report) -> None:
    assert not bad_report.conforms
    for v in bad_report.violations:
        assert "bad-" in v.focus + v.value + v.message or v.value.endswith("Maybe"), v


# --- levels -----------------------------------------------------------------------------------------

def test_levels_resolve_by_code_and_other_names(kb: KnowledgeBase) -> None:
    assert levels.resolve_level(kb, "Senior").notation == "senior"
    assert levels.resolve_level(kb, "junior").notation == "entry"
    assert levels.resolve_level(kb, "principal").notation == "staff"
    with pytest.raises(RolegraphError, match="not a seniority level"):
        levels.resolve_level(kb, "wizard")


def test_compare_at_senior_level_is_sourced_and_marks_rolegraphs_alignment(kb: KnowledgeBase) -> None:
    result = levels.compare_at_level(kb, TECH_PM, TECH_PGM, "senior")
    table = result.table
    assert table.columns[1:3] == ["Technical Product Manager", "Technical Program Manager"]
    rows = {r[0]: r for r in table.rows}
    for aspect in ("typical titles", "scope", "autonomy and ambiguity", "influence", "decides", "reporting line", "SFIA level (rolegraph's alignment)"):
        assert aspect in rows, aspect
    assert all(r[4] for r in table.rows), "every row names its sources"
    assert rows["SFIA level (rolegraph's alignment)"][3] == "derived"
    assert "D13" in rows["decides"][5]
    assert any("rolegraph's interpretation (SFIA" in n for n in result.notes)
    assert any(n.startswith("Levels are bands") for n in result.notes)
    assert {s.id for s in result.sources} >= {"E47", "E48", "S1"}


def test_what_changes_from_senior_to_staff(kb: KnowledgeBase) -> None:
    result = levels.compare_levels(kb, TECH_PGM, "senior", "staff")
    assert result.table.columns[1:3] == ["senior", "staff / principal"]
    scope = next(r for r in result.table.rows if r[0] == "scope")
    assert "IC5" in str(scope[2])


def test_a_role_without_a_ladder_is_an_error_naming_the_ones_with_one(kb: KnowledgeBase) -> None:
    with pytest.raises(RolegraphError) as err:
        levels.compare_at_level(kb, SWE, TECH_PM, "senior")
    assert "Technical Program Manager" in err.value.hint


def test_ladder_lists_every_level_and_the_confirmed_company_titles(kb: KnowledgeBase) -> None:
    result = levels.ladder(kb, TECH_PGM)
    assert len(result.tables) == 6
    titles = result.tables[-1]
    companies = {r[1] for r in titles.rows}
    assert {"Amazon", "Google", "Microsoft", "Dropbox"} <= companies
    ic4 = next(r for r in titles.rows if r[3] == "IC4")
    assert ic4[0] == "senior" and ic4[4] == "derived" and ic4[6]
    pm_titles = {(r[0], r[1], r[3]): r for r in levels.titles_table(kb, TECH_PM).rows}
    assert pm_titles[("senior", "Amazon", "L6")][2] == "Senior PM-T" and pm_titles[("senior", "Amazon", "L6")][4] == "external-low"
    assert ("senior", "GitLab", "") in pm_titles and ("director", "Meta", "IC8") in pm_titles


def test_show_lists_the_ladder_and_interview_preparation(kb: KnowledgeBase) -> None:
    card = compare.show(kb, TECH_PM)
    titles = [t.title for t in card.tables]
    assert "Seniority ladder" in titles and "Interview preparation" in titles
    ladder = next(t for t in card.tables if t.title == "Seniority ladder")
    assert [r[0] for r in ladder.rows] == ["entry", "mid-level", "senior", "staff / principal", "group / director"]


# --- collaboration ----------------------------------------------------------------------------------

def test_the_matrix_has_one_accountable_party_per_activity_and_marks_contested_cells(kb: KnowledgeBase) -> None:
    result = collaborate.collaborate(kb, TECH_PM, TECH_PGM)
    matrix = result.tables[0]
    assert matrix.columns[1:5] == ["Technical Product Manager", "Technical Program Manager", "Engineering Manager", "executive sponsor"]
    assert len(matrix.rows) == 12
    for row in matrix.rows:
        assert sum(str(c).startswith("A") for c in row[1:5]) == 1, row
        assert row[5] == "derived" and row[6]
    rows = {r[0]: r for r in matrix.rows}
    assert rows["go/no-go decision"][4].startswith("A*") and rows["go/no-go decision"][7] == "D12"
    assert rows["requirements and PRD"][1].startswith("A, R")
    d12 = next(n for n in result.notes if n.startswith("Sources disagree (D12)"))
    assert d12.count("[") == 5, "every position of a contested row is listed"
    assert any("recipe" in n and "could not be read" in n for n in result.notes)
    assert [t.title for t in result.tables[1:]] == ["How sources split the work", "Friction points", "Shared rituals"]


def test_collaborate_on_one_activity_and_refusals(kb: KnowledgeBase) -> None:
    only = collaborate.collaborate(kb, TECH_PM, TECH_PGM, "Who says go/no-go?")
    assert [r[0] for r in only.tables[0].rows] == ["go/no-go decision"]
    assert collaborate.find_activities(kb, "who writes the PRD") == ["https://w3id.org/rolegraph/id/collab-requirements"]
    with pytest.raises(RolegraphError, match="no responsibility matrix"):
        collaborate.collaborate(kb, SWE, TECH_PM)
    with pytest.raises(RolegraphError, match="no activity"):
        collaborate.collaborate(kb, TECH_PM, TECH_PGM, "lunch")


# --- transfers and unknown-is-not-zero --------------------------------------------------------------

def test_path_shows_what_transfers_and_never_have_zero_without_a_source(kb: KnowledgeBase) -> None:
    result = graph.path(kb, SWE, TECH_PM)
    titles = [t.title for t in result.tables]
    assert "What transfers" in titles and "The move in short (rolegraph's synthesis)" in titles
    moves = next(t for t in result.tables if t.title == "What transfers")
    have = {r[1] for r in moves.rows}
    assert {"software architecture", "technical trade-offs"} <= have
    assert {r[4] for r in moves.rows} >= {"customer discovery and user research", "product strategy"}
    skills = next(t for t in result.tables if t.title == "Skills to build")
    swe_skills = {str(r["skill"]) for r in kb.named("skill-profile", role=SWE).records()}
    names = {str(r["skill"]): str(r["label"]) for r in kb.named("skills").records()}
    for row in skills.rows:
        if row[5] in (0, "0"):
            assert any(names[s] == row[2] for s in swe_skills), row
        assert row[5] == "not recorded" or isinstance(row[5], int)
    assert any(n.startswith("The seed family (TR-1)") and "bumpy" in n for n in result.notes)


@pytest.mark.parametrize(("source", "target"), [(SWE, TECH_PM), (SWE, TECH_PGM), (TECH_PGM, TECH_PM), (TECH_PM, TECH_PGM),
                                                (ROLE + "project-manager", TECH_PGM), (PM, TECH_PM)])
def test_every_recorded_move_says_what_transfers(kb: KnowledgeBase, source: str, target: str) -> None:
    result = transfers.transfers(kb, source, target)
    moves, guide = result.tables[0], result.tables[1]
    assert moves.rows and all(r[0] or r[3] for r in moves.rows)
    assert guide.rows[0][3], "the usual interview hurdle"
    assert result.sources


def test_separate_and_fit_do_not_call_unknown_zero(kb: KnowledgeBase) -> None:
    result = compare.separate(kb, TECH_PM, SWE)
    for table in result.tables:
        for row in table.rows:
            assert row[3] != 0 or row[4] != 0
    assert any("unknown, not zero" in n for n in result.notes)
    ranked = fit.fit(kb, {"https://w3id.org/rolegraph/id/skill/coding": 5})
    text = " ".join(str(r[4]) for r in ranked.table.rows)
    assert "not rated" in text and "you 0" not in text


# --- interviews -------------------------------------------------------------------------------------

def test_interview_preparation_for_both_roles(kb: KnowledgeBase) -> None:
    pm = interviews.interview_prep(kb, TECH_PM)
    assert [t.title for t in pm.tables][:2] == ["Interview stages", "Question categories"]
    assert pm.tables[-1].title.startswith("As a Product Manager")
    assert any(r[3] == "seed-article" for r in pm.tables[1].rows)
    pgm = interviews.interview_prep(kb, TECH_PGM)
    topics = {r[0] for t in pgm.tables for r in t.rows}
    assert {"phone screen", "onsite loop", "system design", "program sense and execution", "behavioural and leadership"} <= topics
    assert any(n.startswith("Only low-authority sources say this") for n in pgm.notes)
    with pytest.raises(RolegraphError, match="no interview facts"):
        interviews.interview_prep(kb, EM)


def _weak_rows(result: Result) -> list[list[object]]:
    return [r for t in result.tables for r in t.rows if "external-low" in [str(c) for c in r] and "external" not in [str(c) for c in r]]


@pytest.mark.parametrize("build", [
    lambda kb: levels.compare_at_level(kb, TECH_PM, TECH_PGM, "staff"),
    lambda kb: collaborate.collaborate(kb, TECH_PM, TECH_PGM),
    lambda kb: interviews.interview_prep(kb, TECH_PGM),
    lambda kb: transfers.transfers(kb, TECH_PGM, TECH_PM),
])
def test_an_answer_resting_on_low_authority_sources_says_so(kb: KnowledgeBase, build) -> None:  # type: ignore[no-untyped-def]
    result = build(kb)
    assert _weak_rows(result)
    assert any(n.startswith("Basis external-low") for n in result.notes)
    assert any(n.startswith("Only low-authority sources say this") for n in result.notes)


# --- commands ---------------------------------------------------------------------------------------

def test_compare_level_command(runner: CliRunner) -> None:
    out = runner.invoke(app, ["compare", "Tech PM", "Technical Program Manager", "--level", "senior", "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["kind"] == "levels" and data["meta"]["level"] == "senior" and data["sources"]
    bad = runner.invoke(app, ["compare", "Tech PM", "Tech PgM", "--level", "wizard"])
    assert bad.exit_code != 0 and "not a seniority level" in bad.stderr and bad.stdout == ""
    both = runner.invoke(app, ["compare", "Tech PM", "Tech PgM", "--level", "senior", "--dimension", "team"])
    assert both.exit_code != 0 and "cannot be combined" in both.stderr


@pytest.mark.parametrize("fmt", formats.names())
def test_collaborate_renders_in_every_format(runner: CliRunner, fmt: str) -> None:
    out = runner.invoke(app, ["collaborate", "Tech PM", "Tech PgM", "-f", fmt])
    assert out.exit_code == 0, out.stderr
    if fmt not in ("xlsx",):
        assert "go/no-go" in out.stdout or "go/no-go" in out.stdout.replace("&#47;", "/") or "go-no-go" in out.stdout
