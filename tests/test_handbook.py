"""The offline handbook: pages, links, sources, atomic writes, determinism."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
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


def test_attribution_and_scripts_only_for_search(site: Path) -> None:
    for path in site.glob("*.html"):
        page = parse(path)
        text = path.read_text(encoding="utf-8")
        scripts = [r for r in page.resources if r.endswith(".js")]
        assert scripts == (["search-index.js", "search.js"] if path.name == "search.html" else []), path.name
        assert text.count("<script") == len(scripts) and "http-equiv" not in text
    assert ESCO in (site / "index.html").read_text(encoding="utf-8")


def test_every_page_has_one_h1(site: Path) -> None:
    for path in site.glob("*.html"):
        assert len(re.findall(r"<h1[ >]", path.read_text(encoding="utf-8"))) == 1, path.name


def test_cross_links_for_roles_disagreements_and_sources(site: Path) -> None:
    role = parse(site / "role-technical-program-manager.html")
    assert "disagreements.html#D3" in role.links and any(link.startswith("sources.html#src-") for link in role.links)
    assert {"fact-PGM-T1", "nearest"} <= role.ids
    pair = parse(site / "compare-technical-product-manager-vs-technical-program-manager.html")
    assert {"role-technical-product-manager.html", "role-technical-program-manager.html", "disagreements.html#D1"} <= set(pair.links)
    disagreements = parse(site / "disagreements.html")
    assert {"D1", "D3"} <= disagreements.ids and "role-technical-program-manager.html" in disagreements.links
    index = parse(site / "index.html")
    key = "technical-product-manager-vs-technical-program-manager"
    kit = {f"cheatsheet-{key}-a4.html", f"cheatsheet-{key}-letter.html", f"slides-{key}.html", f"slides-{key}.pptx", "quiz.html",
           "confusions.html", "search.html"}
    assert kit <= set(index.links)


def test_quiz_page_links_its_exports(site: Path) -> None:
    quiz = parse(site / "quiz.html")
    assert {"quiz.json", "quiz-anki.txt", "quiz-moodle.xml", "quiz.gift"} <= set(quiz.links)
    assert all((site / name).is_file() for name in ("quiz.json", "quiz-anki.txt", "quiz-moodle.xml", "quiz.gift"))


def test_confusions_page_names_abbreviations_premises_and_disagreements(site: Path) -> None:
    text = (site / "confusions.html").read_text(encoding="utf-8")
    assert "<strong>TPM</strong> can mean" in text
    assert "“The Technical Program Manager owns the what or the why” — no: the Technical Product Manager" in text
    assert 'href="disagreements.html#D1"' in text


def test_search_index_holds_roles_skills_and_facts(site: Path) -> None:
    text = (site / "search-index.js").read_text(encoding="utf-8")
    entries = json.loads(text.removeprefix("var ROLEGRAPH_INDEX = ").rstrip().rstrip(";"))
    kinds = {e["k"] for e in entries}
    assert len({e["t"] for e in entries if e["k"] == "fact"}) == len([e for e in entries if e["k"] == "fact"]), "each fact once"
    assert {"role", "skill", "fact", "disagreement"} <= kinds
    for e in entries:
        page, _, anchor = e["u"].partition("#")
        assert (site / page).is_file() and (not anchor or anchor in parse(site / page).ids), e["u"]


def test_templates_escape_data(tmp_path: Path) -> None:
    data = tmp_path / "x.ttl"
    data.write_text(
        "@prefix rg: <https://w3id.org/rolegraph/ns#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<http://example.org/r/x> a rg:Role ; skos:prefLabel "<script>alert(1)</script> & co"@en ; skos:definition "<b>bold</b>"@en .\n',
        encoding="utf-8",
    )
    from rolegraph import open_kb

    out = tmp_path / "hb"
    handbook.build(open_kb([data]), out)
    page = (out / "role-x.html").read_text(encoding="utf-8")
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</h1>" in page and "<b>bold</b>" not in page


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


def test_a_killed_build_leaves_staging_that_the_next_build_removes(tmp_path: Path) -> None:
    """D3: the staging folder names its process; a later build sweeps those of dead processes."""
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f".hb.{dead.pid}.x1y2.part"
    (left / "sub").mkdir(parents=True)
    (left / "sub" / "page.html").write_text("half", encoding="utf-8")
    alive = tmp_path / f".other.{os.getpid()}.z9.part"
    alive.mkdir()
    handbook.write(handbook.collect(mini_kb()), tmp_path / "hb")
    assert not left.exists() and alive.exists() and (tmp_path / "hb" / handbook.MARKER).is_file()


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
