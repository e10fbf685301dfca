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


def _no_build(kb: object) -> None:
    raise AssertionError("the cached index was rebuilt")


@pytest.mark.parametrize("change", ["data", "layout", "code"])
def test_the_key_changes_with_the_data_the_layout_and_the_code(
        change: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: Path) -> None:
    """The cached index is used as it is until its data files, the index layout or ask's code change; then it is rebuilt in place."""
    monkeypatch.setattr(retrieve, "build", _no_build)
    retrieve.index(open_kb([extra]))  # unchanged: opened, not built
    if change == "data":
        extra.write_text(extra.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    elif change == "layout":
        monkeypatch.setattr(retrieve, "LAYOUT", retrieve.LAYOUT + 1)
    else:
        monkeypatch.setattr(retrieve.cache, "code_stamp", lambda: "another version of ask")
    with pytest.raises(AssertionError, match="rebuilt"):
        retrieve.index(open_kb([extra]))
    monkeypatch.undo()
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    if change == "layout":
        monkeypatch.setattr(retrieve, "LAYOUT", retrieve.LAYOUT + 1)
    elif change == "code":
        monkeypatch.setattr(retrieve.cache, "code_stamp", lambda: "another version of ask")
    retrieve.index(open_kb([extra]))  # rebuilt and saved under the new key
    monkeypatch.setattr(retrieve, "build", _no_build)
    retrieve.index(open_kb([extra]))
    assert len(list((tmp_path / "cache").glob("ask-index-*.sqlite"))) == 2


def test_code_stamp_changes_when_a_module_of_ask_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rolegraph.ask import cache

    copy = tmp_path / "ask"
    copy.mkdir()
    for name in cache._CODE:
        (copy / name).parent.mkdir(exist_ok=True)
        (copy / name).write_bytes((cache._HERE / name).read_bytes())
    (tmp_path / "resolve.py").write_bytes((cache._HERE.parent / "resolve.py").read_bytes())
    monkeypatch.setattr(cache, "_HERE", copy)
    before = cache.code_stamp()
    (copy / "retrieve.py").write_text((copy / "retrieve.py").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.code_stamp() != before
    edited = cache.code_stamp()
    (copy / "parse" / "roles.py").write_text((copy / "parse" / "roles.py").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.code_stamp() != edited  # the parser's modules count too
    edited = cache.code_stamp()
    (copy / "cues.toml").write_text((copy / "cues.toml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert cache.code_stamp() != edited


def test_cached_values_are_read_back_only_under_their_key(tmp_path: Path) -> None:
    from rolegraph.ask import cache

    path = tmp_path / "c.marshal"
    cache.save(path, "key 1", {"a": [("x",), 1], "b": frozenset({"y"})})
    assert cache.load(path, "key 1") == {"a": [("x",), 1], "b": frozenset({"y"})}
    assert cache.load(path, "key 2") is None
    path.write_bytes(b"not marshal data")
    assert cache.load(path, "key 1") is None
    assert cache.load(tmp_path / "absent", "key 1") is None


def test_compiled_cues_are_kept_and_rebuilt_when_ask_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stemmed cue vocabulary is compiled once and read back by later processes, until cues.toml or ask's code change."""
    import importlib

    from rolegraph.ask import text

    parse = importlib.import_module("rolegraph.ask.parse.vocabulary")
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    built: list[str] = []

    def build() -> dict[str, int]:
        built.append("x")
        return {"n": len(built)}

    assert text.compiled("probe", build) == {"n": 1}
    assert text.compiled("probe", build) == {"n": 1} and built == ["x"]  # read back, not rebuilt
    monkeypatch.setattr(text, "_stamp", lambda: "cues.toml edited")
    assert text.compiled("probe", build) == {"n": 2}
    monkeypatch.undo()
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    fresh = parse._compile()
    parse.cues.cache_clear()
    try:
        assert parse.cues() == fresh  # compiled, saved, then
        parse.cues.cache_clear()
        assert parse.cues() == fresh  # read back unchanged
    finally:
        parse.cues.cache_clear()


def test_indexes_named_the_older_way_are_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ROLEGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    old = tmp_path / "cache" / "ask-index-0123456789abcdef-fedcba9876543210.sqlite"
    old.write_bytes(b"")
    extra = tmp_path / "mine.ttl"
    extra.write_text((FIXTURES / "mini.ttl").read_text(), encoding="utf-8")
    retrieve.index(open_kb([extra]))
    assert not old.exists() and len(list((tmp_path / "cache").glob("ask-index-*.sqlite"))) == 1
