"""Charts: right numbers from the graph, SVG and PNG, labelled, sourced, deterministic."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from exports_support import SE, TPGM, TPM, mini_kb, real_kb
from typer.testing import CliRunner

from rolegraph import charts
from rolegraph.cli.app import app
from rolegraph.errors import RolegraphError


def test_radar_values_come_from_the_skill_links() -> None:
    spec = charts.radar(mini_kb(), [TPM, TPGM])
    assert spec.axes[:3] == ["technical", "product", "delivery"]
    assert spec.series["Technical Product Manager"][:4] == [3.0, 5.0, 2.0, 4.0]
    assert charts.radar(mini_kb(), [TPM, TPGM], "max").series["Technical Program Manager"][2] == 5.0
    assert spec.source_ids == ["S1", "E1"]


def test_radar_needs_two_roles_and_a_known_statistic() -> None:
    with pytest.raises(RolegraphError):
        charts.radar(mini_kb(), [TPM])
    with pytest.raises(RolegraphError):
        charts.radar(mini_kb(), [TPM, TPGM], "median")


def test_transitions_follow_the_transition_links() -> None:
    spec = charts.transitions(mini_kb())
    assert ("Software Engineer", "Technical Program Manager", 3, "seed") in spec.edges
    assert charts.transitions(mini_kb(), [TPM]).edges == [("Software Engineer", "Technical Product Manager", 2, "external")]


def test_venn_on_the_real_data_puts_skills_on_the_right_side() -> None:
    kb = real_kb()
    from rolegraph.resolve import resolve_role

    spec = charts.venn(kb, resolve_role(kb, "Tech PM").iri, resolve_role(kb, "Tech PgM").iri)
    pm, shared, pgm = spec.groups.values()
    assert pm and shared and pgm and not set(pm) & set(pgm)
    assert spec.source_ids


@pytest.mark.parametrize("kind", ["radar", "transitions"])
@pytest.mark.parametrize("fmt", charts.FORMATS)
def test_draw_is_deterministic_and_labelled(kind: str, fmt: str) -> None:
    spec = charts.radar(mini_kb(), [TPM, TPGM, SE]) if kind == "radar" else charts.transitions(mini_kb())
    first = charts.draw(spec, fmt)
    assert first == charts.draw(spec, fmt)
    if fmt == "png":
        assert first.startswith(b"\x89PNG")
    else:
        root = ET.fromstring(first)
        assert root.tag.endswith("svg") and b"<dc:date>" not in first
        assert first.endswith(b"\n")


def test_cli_writes_chart_files(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "radar.png"
    result = runner.invoke(app, ["chart", "radar", "Tech PM", "Tech PgM", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"\x89PNG")
    result = runner.invoke(app, ["chart", "venn", "Tech PM", "-o", str(tmp_path / "v.svg")])
    assert result.exit_code == 1 and "exactly two roles" in result.output
    result = runner.invoke(app, ["chart", "transitions", "-o", str(tmp_path / "t.gif")])
    assert result.exit_code == 1 and "svg or png" in result.output
