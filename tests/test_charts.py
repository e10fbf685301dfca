"""Charts: right numbers from the graph, SVG and PNG, labelled, sourced, deterministic."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

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


def spec_of(kind: str) -> charts.ChartSpec:
    kb = real_kb()
    return {
        "radar": lambda: charts.radar(kb, [TPM, TPGM, SE]),
        "venn": lambda: charts.venn(kb, TPM, TPGM),
        "transitions": lambda: charts.transitions(kb),
        "heatmap": lambda: charts.heatmap(kb),
    }[kind]()


def drawn(spec: charts.ChartSpec) -> Any:
    """The drawn matplotlib figure of ``spec`` (its artists carry the plotted geometry)."""
    with charts.style():
        fig = charts.figure(spec)
        fig.canvas.draw()
    return fig


def texts(fig: Any) -> list[Any]:
    from matplotlib.text import Text

    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def test_every_arrowhead_lies_outside_every_node_box() -> None:
    from matplotlib.patches import FancyArrowPatch
    from matplotlib.path import Path as MplPath

    spec = spec_of("transitions")
    fig = drawn(spec)
    boxes = [t.get_bbox_patch().get_window_extent() for t in texts(fig) if t.get_bbox_patch() is not None]
    assert len(boxes) == len(spec.nodes)
    arrows = [p for p in fig.axes[0].patches if isinstance(p, FancyArrowPatch)]
    assert len(arrows) == len(spec.edges) >= 5
    for arrow in arrows:
        path = arrow.get_transform().transform_path(arrow.get_path())
        starts = [i for i, code in enumerate(path.codes) if code == MplPath.MOVETO]
        head = [tuple(v) for v, code in zip(path.vertices[starts[-1]:], path.codes[starts[-1]:], strict=True) if code != MplPath.CLOSEPOLY]
        assert len(starts) == 2 and len(head) == 3, "a shaft and a filled triangular head"
        for x, y in head:
            assert not any(b.x0 <= x <= b.x1 and b.y0 <= y <= b.y1 for b in boxes), f"arrowhead point {(x, y)} is under a node box"


@pytest.mark.parametrize("kind", sorted(charts.CHARTS))
def test_text_is_readable_and_inside_the_figure(kind: str) -> None:
    fig = drawn(spec_of(kind))
    whole = fig.bbox
    for t in texts(fig):
        assert t.get_fontsize() >= charts.MIN_FONT, (t.get_text(), t.get_fontsize())
        box = t.get_window_extent()
        assert whole.x0 - 1 <= box.x0 and box.x1 <= whole.x1 + 1 and whole.y0 - 1 <= box.y0 and box.y1 <= whole.y1 + 1, t.get_text()[:40]


def test_venn_shows_every_item_uncut() -> None:
    spec = spec_of("venn")
    shown = " ".join(" ".join(t.get_text().split()) for t in texts(drawn(spec)))
    for items in spec.groups.values():
        for item in items:
            assert " ".join(item.split()) in shown, item
    assert "…" not in shown and "more" not in shown.replace("needs more", "")


def test_heatmap_covers_all_roles_and_skills() -> None:
    kb = real_kb()
    spec = charts.heatmap(kb)
    assert len(spec.axes) == len(kb.named("roles").records())
    assert len(spec.series) == len(kb.named("skills").records())
    pm, tech_pm = spec.axes.index("Product Manager"), spec.axes.index("Technical Product Manager")
    assert spec.series["customer discovery and user research (product)"][pm] == 5.0
    assert spec.series["writing code (technical)"][tech_pm] == 1.0


def test_png_is_projector_sized_and_dpi_scales() -> None:
    spec = spec_of("radar")
    width = struct.unpack(">I", charts.draw(spec, "png")[16:20])[0]
    assert width >= 1600
    assert struct.unpack(">I", charts.draw(spec, "png", dpi=200)[16:20])[0] == 2 * width
    with pytest.raises(RolegraphError, match="dpi"):
        charts.draw(spec, "png", dpi=5)


def test_dollar_signs_are_text_not_mathtext(tmp_path: Path) -> None:
    """T3: a label with $…$ (or an unbalanced $) is drawn as it is."""
    ttl = tmp_path / "m.ttl"
    ttl.write_text(
        "@prefix rg: <https://w3id.org/rolegraph/ns#> . @prefix role: <https://w3id.org/rolegraph/id/role/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix link: <https://w3id.org/rolegraph/id/link/> .\n"
        "@prefix skill: <https://w3id.org/rolegraph/id/skill/> .\n"
        'role:cost a rg:Role ; skos:prefLabel "Budget $\\\\foo$ Owner $x"@en ; skos:definition "x"@en .\n'
        "link:c1 a rg:SkillLink ; rg:dimension rg:TechSkills ; rg:role role:cost ; rg:target skill:coding ; rg:importance 3 ; rg:basis rg:External .\n"
        "link:c2 a rg:TransitionLink ; rg:dimension rg:Background ; rg:role role:cost ; rg:target role:technical-product-manager ;"
        " rg:prevalence 2 ; rg:basis rg:External .\n",
        encoding="utf-8",
    )
    from rolegraph import open_kb

    kb = open_kb([ttl])
    cost = "https://w3id.org/rolegraph/id/role/cost"
    for spec in (charts.radar(kb, [cost, TPM]), charts.transitions(kb, [cost]), charts.heatmap(kb)):
        assert charts.draw(spec, "png").startswith(b"\x89PNG")
        assert any("$\\foo$" in t.get_text() for t in texts(drawn(spec)))


def test_venn_refuses_one_role_named_twice(tmp_path: Path) -> None:
    """T10: two names for one role give a clear error, not a traceback."""
    with pytest.raises(RolegraphError, match="same role"):
        charts.venn(real_kb(), TPM, TPM)
    result = CliRunner().invoke(app, ["chart", "venn", "Tech PM", "Technical Product Manager", "-o", str(tmp_path / "v.svg")])
    assert result.exit_code == 1 and "same role" in result.output


@pytest.mark.parametrize("kind", sorted(charts.CHARTS))
@pytest.mark.parametrize("fmt", charts.FORMATS)
def test_draw_is_deterministic_and_labelled(kind: str, fmt: str) -> None:
    spec = spec_of(kind)
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
