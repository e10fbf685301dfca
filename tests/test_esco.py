"""ESCO import: the CSV fixtures (in ESCO's exact shapes) round-trip into rolegraph's model,
conform to the shapes, and compare / separate / path / fit work on the imported occupations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_cross_engine import ESCO, ESCO_FIXTURES, ICT_PRODUCT_MANAGER, ICT_PROJECT_MANAGER
from typer.testing import CliRunner

from rolegraph import compare, fit, graph
from rolegraph.cli.app import app
from rolegraph.errors import DataFileError
from rolegraph.esco import ATTRIBUTION, import_csv
from rolegraph.kb import KnowledgeBase, open_kb
from rolegraph.queries import IRI
from rolegraph.validate import validate

PROGRAMME_MANAGER = ESCO + "c94f3565-d987-431f-a46b-6f4e018e0bd7"
SOFTWARE_MANAGER = ESCO + "f31f487b-4ce2-40f3-90e8-7d0011b4ef1d"


@pytest.fixture(scope="module")
def esco_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("esco") / "esco.ttl"
    import_csv(ESCO_FIXTURES, out)
    return out


@pytest.fixture(scope="module")
def esco_kb(esco_ttl: Path) -> KnowledgeBase:
    return open_kb([esco_ttl])


def test_import_counts_and_skips(tmp_path: Path) -> None:
    summary = import_csv(ESCO_FIXTURES, tmp_path / "esco.ttl")
    assert (summary.roles, summary.skills, summary.links) == (6, 18, 45)
    assert len(summary.skipped) == 1 and summary.skipped[0].startswith("relation ")
    assert ATTRIBUTION in (tmp_path / "esco.ttl").read_text(encoding="utf-8")


def test_roles_keep_esco_iris_labels_and_codes(esco_kb: KnowledgeBase) -> None:
    roles = {r["role"]: r for r in esco_kb.named("roles").records()}
    assert roles[ICT_PRODUCT_MANAGER]["label"] == "ICT product manager"
    names = {(r["role"], r["name"]) for r in esco_kb.named("role-names").records()}
    assert (ICT_PROJECT_MANAGER, "IT project manager") in names  # altLabels: one per line
    assert (ICT_PROJECT_MANAGER, "ICT projectmanager") in names  # hiddenLabels
    # an empty ESCO description still gives a definition
    assert "software manager" in str(roles[SOFTWARE_MANAGER]["definition"])


def test_importance_basis_category_and_source(esco_kb: KnowledgeBase) -> None:
    profile = {r["label"]: r for r in esco_kb.named("skill-profile", role=IRI(ICT_PRODUCT_MANAGER)).records()}
    assert profile["market research"]["importance"] == 4  # essential
    assert profile["perform market research"]["importance"] == 2  # optional
    assert {r["basis"] for r in profile.values()} == {"external"}
    assert profile["market research"]["category"] == "technical"  # knowledge
    assert profile["communicate with stakeholders"]["category"] == "interpersonal"  # transversal
    assert profile["plan product management"]["category"] == "delivery"  # skill/competence
    link = str(profile["market research"]["link"])
    assert [s.id for s in esco_kb.source_refs(esco_kb.sources_of(link))] == ["ESCO"]


def test_imported_data_conforms_to_the_shapes(esco_ttl: Path) -> None:
    report = validate([esco_ttl])
    assert report.conforms, [v.message for v in report.violations][:5]


def test_missing_file_and_column(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match=r"occupations_en\.csv: no such file"):
        import_csv(tmp_path, tmp_path / "out.ttl")
    for name in ("occupations_en.csv", "skills_en.csv", "occupationSkillRelations_en.csv"):
        (tmp_path / name).write_text((ESCO_FIXTURES / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "skills_en.csv").write_text("conceptUri,preferredLabel\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing column 'skillType'"):
        import_csv(tmp_path, tmp_path / "out.ttl")
    assert not (tmp_path / "out.ttl").exists()


# --- the comparison commands on imported occupations ----------------------------------------------


def test_separate_esco_occupations(esco_kb: KnowledgeBase) -> None:
    result = compare.separate(esco_kb, ICT_PRODUCT_MANAGER, ICT_PROJECT_MANAGER)
    rows = [r for t in result.tables for r in t.records()]
    text = json.dumps([t.to_dict() for t in result.tables])
    assert rows and "market research" in text and "perform risk analysis" in text
    assert "ESCO" in {s.id for s in result.sources}


def test_compare_and_shared_esco_occupations(esco_kb: KnowledgeBase) -> None:
    result = compare.compare(esco_kb, ICT_PRODUCT_MANAGER, ICT_PROJECT_MANAGER)
    assert "ESCO" in {s.id for s in result.sources}
    shared = compare.shared(esco_kb, ICT_PRODUCT_MANAGER, ICT_PROJECT_MANAGER)
    assert "communicate with stakeholders" in json.dumps(shared.to_dict())


def test_path_between_esco_occupations(esco_kb: KnowledgeBase) -> None:
    result = graph.path(esco_kb, ICT_PROJECT_MANAGER, ICT_PRODUCT_MANAGER)
    assert "market research" in json.dumps(result.to_dict())


def test_fit_ranks_esco_occupations(esco_kb: KnowledgeBase) -> None:
    ratings = fit.parse_ratings(
        esco_kb, ["perform risk analysis=5", "perform resource planning=5", "perform project management=5"]
    )
    result = fit.fit(esco_kb, ratings)
    labels = [str(r[1]) for r in result.table.rows]
    top = {"ICT project manager", "project manager", "programme manager"}
    assert labels and labels[0] in top, labels


def test_cli_import_then_separate(tmp_path: Path) -> None:
    out = tmp_path / "esco.ttl"
    runner = CliRunner()
    result = runner.invoke(app, ["import-esco", str(ESCO_FIXTURES), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "6 roles, 18 skills, 45 skill links" in result.stderr and ATTRIBUTION in result.stderr
    result = runner.invoke(
        app, ["separate", "ICT product manager", "ICT project manager", "--data", str(out), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert "market research" in result.stdout


def test_results_on_esco_data_name_the_esco_acknowledgement(esco_kb: KnowledgeBase) -> None:
    result = compare.separate(esco_kb, ICT_PRODUCT_MANAGER, ICT_PROJECT_MANAGER)
    assert esco_kb.attributions(result.sources) == [ATTRIBUTION]
    assert esco_kb.attributions([]) == []


def test_unwritable_output_is_one_line_and_leaves_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "esco.ttl"
    result = CliRunner().invoke(app, ["import-esco", str(ESCO_FIXTURES), "--output", str(missing)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.startswith(f"rolegraph: error: {missing}: cannot write")
    bad_input = CliRunner().invoke(app, ["import-esco", str(tmp_path / "nowhere"), "--output", str(tmp_path / "x.ttl")])
    assert bad_input.exit_code == 1 and "no such file" in bad_input.stderr
    assert list(tmp_path.iterdir()) == []  # no partial output
