"""The generated docs are current: CLI reference, format table, and trainer examples from real data."""

from __future__ import annotations

from pathlib import Path

from typer.main import get_command

from rolegraph import formats
from rolegraph.cli import gendocs
from rolegraph.cli.app import app

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_docs_are_not_stale() -> None:
    assert gendocs.DOCS == DOCS
    assert gendocs.stale() == [], "run: python -m rolegraph.cli.gendocs"


def test_every_command_and_format_is_documented() -> None:
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    for name in get_command(app).commands:  # type: ignore[attr-defined]
        assert f"## rolegraph {name}\n" in cli
    table = (DOCS / "formats.md").read_text(encoding="utf-8")
    for fmt in formats.all_formats():
        assert f"| `{fmt.name}` |" in table


def test_every_generated_block_is_known() -> None:
    for name in gendocs.FILES:
        text = (DOCS / name).read_text(encoding="utf-8")
        blocks = [m.group("name") for m in gendocs.BLOCK.finditer(text)]
        assert blocks and set(blocks) <= set(gendocs.GENERATORS)
