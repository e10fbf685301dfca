"""`ask` at scale: with an ESCO-shaped import merged in, its work follows the question, not the store.

Once its index is built (once per set of data files), ``ask`` runs no named query that reads every
role, name or text of the graph; it finds role names by lookups in its index (IndexedNames), which
reads them exactly as the full name index does; and the answers about the shipped roles do not
change when the import is merged in. Timings are in benchmarks/bench_scale.py.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_proportional import WHOLE_GRAPH

from rolegraph.ask import ask, retrieve
from rolegraph.ask.names import IndexedNames, pairs
from rolegraph.errors import RolegraphError
from rolegraph.esco import import_csv
from rolegraph.formats import render
from rolegraph.kb import KnowledgeBase, open_kb
from rolegraph.resolve import NameIndex, find_roles_in_text, resolve_role, similarity

FIXTURES = Path(__file__).parent / "fixtures"

QUESTIONS = [
    "which skills separate a tech pm from a tech pgm?",
    "who owns the roadmap?",
    "what does a tpm do",
    "can a software engineer become a tech pgm?",
    "how many direct reports does a tech pgm have",
    "which companies hire tech pms",
    "tech pm vs tech pgm day to day",
    "what do tpgms get measured on",
    "when was uber founded",
    "is a tecnical program manager the same as a tehc pm?",
]


@pytest.fixture(scope="module")
def esco_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """The shipped graph plus a small ESCO import (tests/fixtures/esco), with its own cache directory."""
    work = tmp_path_factory.mktemp("scale")
    import_csv(FIXTURES / "esco", work / "esco.ttl")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ROLEGRAPH_CACHE_DIR", str(work / "cache"))
        yield open_kb([work / "esco.ttl"])


@pytest.mark.parametrize("question", QUESTIONS)
def test_answers_about_the_shipped_roles_do_not_change_with_an_import(question: str, kb: KnowledgeBase, esco_kb: KnowledgeBase) -> None:
    assert render(ask(esco_kb, question), "json") == render(ask(kb, question), "json")


def test_ask_reads_no_whole_graph_query_once_its_index_is_built(esco_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    retrieve.index(esco_kb)
    ran: list[str] = []
    named = KnowledgeBase.named

    def spy(self: KnowledgeBase, name: str, **params: object) -> object:
        ran.append(name)
        return named(self, name, **params)  # type: ignore[arg-type]

    monkeypatch.setattr(KnowledgeBase, "named", spy)
    for question in [*QUESTIONS, "what is a scrum master", "whats a tpm", "skills of a data scientist"]:
        ask(esco_kb, question)
    assert ran, "the spy saw no query"
    assert not WHOLE_GRAPH & set(ran), sorted(WHOLE_GRAPH & set(ran))


@pytest.fixture(scope="module")
def both(esco_kb: KnowledgeBase) -> tuple[NameIndex, IndexedNames]:
    return NameIndex.build(esco_kb), IndexedNames(retrieve.build(esco_kb))


_WORDS = ["tech", "technical", "program", "product", "manager", "pm", "tpm", "pgm", "engineer", "software", "data", "scientist",
          "engineering", "the", "a", "from", "to", "vs", "which", "skills", "lead", "designer", "ux", "owner", "scrum", "master"]


def _typo(word: str, data: st.DataObject) -> str:
    """The word, or it with one letter changed, dropped or swapped with the next."""
    kind = data.draw(st.sampled_from(["same", "same", "change", "drop", "swap"]))
    if kind == "same" or len(word) < 3:
        return word
    i = data.draw(st.integers(0, len(word) - 2))
    if kind == "change":
        return word[:i] + data.draw(st.sampled_from(string.ascii_lowercase)) + word[i + 1 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_indexed_names_read_text_as_the_full_name_index(data: st.DataObject, both: tuple[NameIndex, IndexedNames],
                                                        esco_kb: KnowledgeBase) -> None:
    """Role mentions and resolved names (with the closest roles of an unknown one) are the same either way."""
    text = " ".join(_typo(w, data) for w in data.draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=7)))
    results = []
    for idx in both:
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr("rolegraph.resolve.index", lambda kb, idx=idx: idx)
            try:
                resolved: object = resolve_role(esco_kb, text)
            except RolegraphError as err:
                resolved = (type(err).__name__, str(err))
            results.append((find_roles_in_text(esco_kb, text), resolved))
    assert results[0] == results[1], text


@settings(max_examples=200, deadline=None)
@given(a=st.text("abcdemnoprt ", min_size=7, max_size=30), b=st.text("abcdemnoprt ", min_size=1, max_size=40))
def test_names_within_the_edits_share_the_letter_pairs_counted_on(a: str, b: str) -> None:
    """The bound IndexedNames.near relies on: a name within k edits of a phrase of length n shares ≥ n − 1 − 3k letter pairs."""
    if not similarity(a, b):
        return
    edits = round((1 - similarity(a, b)) * max(len(a), len(b)))
    shared = sum((pairs(a) & pairs(b)).values())
    assert shared >= max(len(a), len(b)) - 1 - 3 * edits


def _fts5_ranked(conn: object, words: list[str], roles: list[str], kinds: list[str], dims: list[str], seed_only: bool,
                 limit: int) -> list[tuple[int, float]]:
    """The reference: the same search as one FTS5 query, bm25() computed by SQLite."""
    sql = "SELECT docs.rowid, bm25(docs, 3.0, 1.0) AS score FROM docs JOIN facets f ON f.doc = docs.rowid WHERE docs MATCH ?"
    args: list[object] = [" OR ".join(f'"{w}"' for w in words)]
    if roles:
        sql += " AND (f.roles = '' OR " + " OR ".join("instr(f.roles, ?) > 0" for _ in roles) + ")"
        args += roles
    if dims:
        sql += f" AND f.dimension IN ({', '.join('?' for _ in dims)})"
        args += dims
    if kinds:
        sql += f" AND f.kind IN ({', '.join('?' for _ in kinds)})"
        args += kinds
    if seed_only:
        sql += " AND instr(f.basis, 'seed') > 0"
    return [(int(d), float(s)) for d, s in conn.execute(sql + " ORDER BY score LIMIT ?", [*args, limit])]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def esco_index(esco_kb: KnowledgeBase) -> retrieve.Index:
    return retrieve.Index(retrieve.build(esco_kb))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_postings_rank_texts_as_fts5_bm25_does(data: st.DataObject, esco_index: retrieve.Index) -> None:
    """A search scoped by roles: its candidates and scores from the postings equal FTS5's bm25() query, bit for bit and
    in the same order (a search of every role is that query)."""
    idx = esco_index
    vocabulary = sorted(idx.vocabulary())
    words = sorted(set(data.draw(st.lists(st.sampled_from(vocabulary) | st.sampled_from(["skills", "measuring", "zzz", "owns"]),
                                          min_size=1, max_size=6))))
    all_roles = sorted({r for (rs,) in idx.conn.execute("SELECT roles FROM facets") for r in str(rs).split()})
    roles = data.draw(st.lists(st.sampled_from([*all_roles, "https://w3id.org/rolegraph/id/role/technical-pro"]), min_size=1, max_size=3))
    kinds = data.draw(st.lists(st.sampled_from(idx.postings.kinds()), max_size=4))
    dims = data.draw(st.lists(st.sampled_from(["team", "skills", "focus", "naming", "hiring"]), max_size=2))
    seed_only, limit = data.draw(st.booleans()), data.draw(st.sampled_from([5, 60, 200]))
    assert idx.postings.ranked(words, roles, kinds, dims, seed_only, limit) == _fts5_ranked(
        idx.conn, words, roles, kinds, dims, seed_only, limit)


@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_the_best_texts_for_one_word_are_fts5s(data: st.DataObject, esco_index: retrieve.Index) -> None:
    """A search of every role for one word reads its best texts off ``impacts``: the same texts, scores and order as FTS5."""
    word = data.draw(st.sampled_from(sorted(esco_index.vocabulary())) | st.sampled_from(["skills", "measuring", "zzz"]))
    limit = data.draw(st.sampled_from([1, 5, 200]))
    assert esco_index.postings.best(word, limit) == _fts5_ranked(esco_index.conn, [word], [], [], [], False, limit)
