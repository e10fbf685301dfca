"""The offline handbook: pages, links, sources, atomic writes, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from exports_support import ESCO, mini_kb, real_kb
from handbook_links import parse, problems
from typer.testing import CliRunner

from rolegraph import handbook
from rolegraph.cli.app import app
from rolegraph.errors import RolegraphError


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hb") / "site"
    handbook.build(real_kb(), out, [("Product Manager", "Tech PM")])
    return out


def test_pages_exist(site: Path) -> None:
    names = {p.name for p in site.glob("*.html")}
    assert {"index.html", "sources.html", "disagreements.html"} <= names
    assert "compare-technical-product-manager-vs-technical-program-manager.html" in names
    assert "compare-product-manager-vs-technical-product-manager.html" in names
    assert {"levels.html", "collaboration.html"} <= names
    roles = real_kb().named("roles").records()
    assert len([n for n in names if n.startswith("role-")]) == len(roles)
    assert list((site / "charts").glob("*.svg"))


def test_every_link_and_resource_resolves_offline(site: Path) -> None:
    assert problems(site) == []


def test_facts_link_to_source_anchors(site: Path) -> None:
    page = parse(site / "compare-technical-product-manager-vs-technical-program-manager.html")
    anchors = [link for link in page.links if link.startswith("sources.html#src-")]
    assert len(anchors) > 10
    source_ids = parse(site / "sources.html").ids
    assert {a.split("#", 1)[1] for a in anchors} <= source_ids


def test_attribution_and_no_scripts(site: Path) -> None:
    for path in site.glob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script" not in text and "http-equiv" not in text
    assert ESCO in (site / "index.html").read_text(encoding="utf-8")


def test_rebuild_is_deterministic_and_replaces_the_old_site(tmp_path: Path) -> None:
    out = tmp_path / "hb"
    handbook.build(mini_kb(), out)
    (out / "stale.html").write_text("old", encoding="utf-8")
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    handbook.build(mini_kb(), out)
    second = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert Path("stale.html") in first and Path("stale.html") not in second
    del first[Path("stale.html")]
    assert first == second
    assert [p.name for p in tmp_path.iterdir()] == ["hb"]


def test_refuses_to_replace_a_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(RolegraphError, match="not a rolegraph handbook"):
        handbook.build(mini_kb(), tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_interrupted_build_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = handbook.collect(mini_kb())

    def boom(self: Path, data: bytes) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "write_bytes", boom)
    with pytest.raises(KeyboardInterrupt):
        handbook.write(site, tmp_path / "hb")
    assert list(tmp_path.iterdir()) == []


def test_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["handbook", str(tmp_path / "hb"), "--pair", "Product Manager,Tech PM"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "hb" / "compare-product-manager-vs-technical-product-manager.html").is_file()
    result = runner.invoke(app, ["handbook", str(tmp_path / "x"), "--pair", "Tech PM"])
    assert result.exit_code == 1 and "two roles" in result.output


def test_two_roles_with_the_same_iri_tail_get_two_pages(tmp_path: Path) -> None:
    """D1: page names are unique per IRI (a case-only difference in the last segment included)."""
    data = tmp_path / "c.ttl"
    data.write_text(
        "@prefix rg: <https://w3id.org/rolegraph/ns#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<http://example.org/a/Widget-Lead> a rg:Role ; skos:prefLabel "Widget Lead A"@en ; skos:definition "Leads widgets (a)."@en .\n'
        '<http://example.org/b/widget-lead> a rg:Role ; skos:prefLabel "Widget Lead B"@en ; skos:definition "Leads widgets (b)."@en .\n',
        encoding="utf-8",
    )
    from rolegraph import open_kb

    out = tmp_path / "hb"
    handbook.build(open_kb([data]), out)
    pages = {label: [p.name for p in out.glob("role-*.html") if label in p.read_text(encoding="utf-8")] for label in ("Widget Lead A", "Widget Lead B")}
    assert len(pages["Widget Lead A"]) == 1 and len(pages["Widget Lead B"]) == 1 and pages["Widget Lead A"] != pages["Widget Lead B"]
    names = handbook.slugs(["http://example.org/a/Widget-Lead", "http://example.org/b/widget-lead", "http://example.org/c/other"])
    assert len(set(names.values())) == 3 and names["http://example.org/c/other"] == "other"


def test_the_current_directory_is_refused_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """T9: `handbook .` in an empty folder is an error line, not a traceback, and writes nothing."""
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["handbook", "."])
    assert result.exit_code == 1 and "current directory" in result.output
    assert list(tmp_path.iterdir()) == []
