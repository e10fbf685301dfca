"""The ask index cache: one index per set of data files, so asking with and without ``--data`` reuses both."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolegraph.ask import retrieve
from rolegraph.kb import KnowledgeBase, open_kb

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A second data file, with the shipped data's index and the index of shipped data plus this file built."""
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    extra = tmp_path / "mine.ttl"
    extra.write_text((FIXTURES / "mini.ttl").read_text(), encoding="utf-8")
    retrieve.index(open_kb())
    retrieve.index(open_kb([extra]))
    return extra


def test_each_file_set_keeps_its_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: Path) -> None:
    assert len(list((tmp_path / "cache").glob("ask-index-*.sqlite"))) == 2

    def no_build(kb: object) -> None:
        raise AssertionError("the cached index was rebuilt")

    monkeypatch.setattr(retrieve, "build", no_build)
    assert retrieve.index(open_kb()).has("roadmap")
    assert retrieve.index(open_kb([extra])).has("roadmap")


def test_a_changed_file_replaces_only_its_own_index(tmp_path: Path, extra: Path) -> None:
    extra.write_text((FIXTURES / "mini.ttl").read_text() + "\n# changed\n", encoding="utf-8")
    retrieve.index(open_kb([extra]))
    assert len(list((tmp_path / "cache").glob("ask-index-*.sqlite"))) == 2


def test_vocabulary_is_every_word_of_every_text(kb: KnowledgeBase) -> None:
    """The words table the build fills holds what reading every text gives (spelling correction and common words)."""
    import re

    from rolegraph.resolve import normalise

    idx = retrieve.Index(retrieve.build(kb))
    texts = [f"{label} {body}" for label, body in idx.conn.execute("SELECT label, body FROM docs")]
    assert idx.vocabulary() == {w for t in texts for w in normalise(t).split()}
    lower = {w for t in texts for w in re.findall(r"[a-z][a-z0-9]*", t)}
    assert {w for w in lower if idx.common(w)} == lower and not idx.common("Tech")
    assert "roadmap" in idx.vocabulary()
