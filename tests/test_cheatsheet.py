"""The two-role brief and the one-page cheat sheet (HTML; the PDF page count is in test_handbook_browser)."""

from __future__ import annotations

from pathlib import Path

import pytest
from exports_support import TPGM, TPM, real_kb
from handbook_links import Page
from typer.testing import CliRunner

from rolegraph import brief, cheatsheet
from rolegraph.cli.app import app


def test_brief_covers_every_dimension_with_sources() -> None:
    b = brief.build(real_kb(), TPM, TPGM)
    assert [s.key for s in b.sections] == ["owns", "separating", "shared", "team", "day", "deliverables", "measures", "confusions"]
    owns = b.section("owns")
    assert owns.a[0].text == "owns the what" and any(i.text == "owns the when" for i in owns.b)
    assert b.section("separating").a[0].text.startswith("customer discovery and user research (5 vs 1)")
    assert any("product requirements document" in i.text for i in b.section("deliverables").a)
    confusions = [i.text for i in b.section("confusions").both]
    assert any(t.startswith("“TPM” is ambiguous") for t in confusions)
    assert any(t.startswith("“The Technical Program Manager owns the what or the why”") for t in confusions)
    for s in b.sections:
        for item in (*s.a, *s.b, *s.both):
            assert item.sources, (s.key, item.text)
            assert set(item.sources) <= {ref.id for ref in b.sources}


def test_html_is_one_self_contained_page_with_footer() -> None:
    html = cheatsheet.build(real_kb(), TPM, TPGM, "letter")
    page = Page()
    page.feed(html)
    assert page.resources == [] and "<script" not in html
    assert "@page { size: letter;" in html
    assert all(link.startswith("#src-") for link in page.links) and {link[1:] for link in page.links} <= page.ids
    assert "<strong>Licences</strong>" in html and "<strong>S1</strong>" in html
    assert "A typical day" in html and "How success is measured" in html and "Shared core" in html


def test_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "sheet.html"
    result = runner.invoke(app, ["cheatsheet", "Tech PM", "Tech PgM", "-o", str(out), "--paper", "letter"])
    assert result.exit_code == 0, result.output
    assert "Technical Product Manager vs Technical Program Manager — cheat sheet" in out.read_text(encoding="utf-8")
    result = runner.invoke(app, ["cheatsheet", "Tech PM", "Technical Product Manager"])
    assert result.exit_code == 1 and "same role" in result.output
    result = runner.invoke(app, ["cheatsheet", "Tech PM", "Tech PgM", "--paper", "a5"])
    assert result.exit_code == 1 and "a4 or letter" in result.output
    result = runner.invoke(app, ["cheatsheet", "Tech PM", "Tech PgM", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 1 and "html or pdf" in result.output and not (tmp_path / "x.docx").exists()


def test_pdf_without_chromium_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ROLEGRAPH_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = CliRunner().invoke(app, ["cheatsheet", "Tech PM", "Tech PgM", "-o", str(tmp_path / "s.pdf")])
    assert result.exit_code == 1 and "Chromium" in result.output and not (tmp_path / "s.pdf").exists()
