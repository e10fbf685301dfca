"""Slides: one per dimension plus charts and sources; speaker notes carry the sources; offline HTML."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from exports_support import TPGM, TPM, real_kb
from handbook_links import Page
from typer.testing import CliRunner

from rolegraph import brief, slides
from rolegraph.cli.app import app


@pytest.fixture(scope="module")
def pptx() -> bytes:
    return slides.build(real_kb(), TPM, TPGM, "pptx")


def test_python_pptx_reads_back_the_slides_and_notes(pptx: bytes) -> None:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(pptx))
    sections = brief.build(real_kb(), TPM, TPGM).sections
    assert len(deck.slides) == 1 + len(sections) + 2 + 1
    titles = [s.shapes[0].text_frame.text for s in deck.slides]
    assert titles[1 : 1 + len(sections)] == [s.title for s in sections]
    for slide in list(deck.slides)[1:]:
        notes = slide.notes_slide.notes_text_frame.text
        assert notes.startswith("Sources on this slide:") or "Sources on this slide:" in notes, notes[:80]
    owns = deck.slides[1]
    assert "S1: Technical Product Manager vs. Technical Program Manager" in owns.notes_slide.notes_text_frame.text
    pictures = [shape for s in deck.slides for shape in s.shapes if shape.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
    assert len(pictures) == 2


def test_pptx_is_deterministic(pptx: bytes) -> None:
    assert slides.build(real_kb(), TPM, TPGM, "pptx") == pptx


def test_html_deck_is_one_offline_page() -> None:
    html = slides.build(real_kb(), TPM, TPGM, "html").decode("utf-8")
    page = Page()
    page.feed(html)
    assert page.resources and all(r.startswith("data:image/png;base64,") for r in page.resources)
    assert "<script" not in html and "<link" not in html
    assert all(link.startswith("#src-") and link[1:] in page.ids for link in page.links)
    assert html.count('<section class="slide"') == 12 and html.count("<h1>") == 1


def test_cli(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["slides", "Tech PM", "Tech PgM", "-o", str(tmp_path / "deck.pptx")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "deck.pptx").read_bytes().startswith(b"PK")
    result = runner.invoke(app, ["slides", "Tech PM", "Tech PgM", "-o", str(tmp_path / "deck.key")])
    assert result.exit_code == 1 and "pptx or html" in result.output
