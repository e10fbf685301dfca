"""A ranked full-text index (SQLite FTS5, bm25) over every text in the graph.

One document per statement: a fact, a link (its target's label and its reason), a role's
definition and comments, a disagreement and each of its positions, a knowledge gap, an
abbreviation. Each document keeps its roles, dimension and basis, so a search can be scoped
by the plan. For data files the index is built once and kept in the cache directory, one file per set of
files (named by a checksum of their paths), holding its key in a ``meta`` table: the files'
sizes and modification times, :data:`LAYOUT`, ask's code (:func:`rolegraph.ask.cache.code_stamp`)
and the query that reads the texts. A file whose key differs is rebuilt in place. Other knowledge
bases (an endpoint) get an in-memory index.
"""

from __future__ import annotations

import math
import re
import sqlite3
import weakref
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rolegraph import queries
from rolegraph.ask import cache
from rolegraph.ask.names import IndexedNames, add_names
from rolegraph.ask.postings import Postings, add_postings
from rolegraph.ask.text import phrase_stems, stem
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import use_index
from rolegraph.results import SourceRef

#: Bump when the index layout changes (part of the cache key).
LAYOUT = 8
#: bm25 weights of the columns: a link target's label counts more than its reason.
WEIGHTS = (3.0, 1.0)
_TIERS = {"seed": "seed", "seed-family": "seed-article"}
_BASIS_ORDER = ("seed", "seed-article", "external")


def tier_basis(sources: Iterable[SourceRef]) -> str:
    """'seed', 'seed-article', 'external' or several of them (strongest first) from the sources' tiers; '' for none."""
    tiers = {_TIERS.get(s.tier, "external") for s in sources}
    return ", ".join(b for b in _BASIS_ORDER if b in tiers)


@dataclass(frozen=True)
class Hit:
    """One matching document."""

    statement: str
    kind: str
    label: str
    body: str
    roles: tuple[str, ...]
    dimension: str
    basis: str
    sources: tuple[str, ...]
    id: str
    disputed_by: str
    score: float
    matched: int
    coverage: float = 0.0

    @property
    def text(self) -> str:
        """The readable text: the body, or the label when there is no body."""
        return self.body or self.label


class Index:
    """An open index: search it, or list the labels of link targets by kind."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._vocabulary: frozenset[str] | None = None
        self._df: dict[str, int] = {}
        self._size: int | None = None
        self._longest: int | None = None
        self.postings = Postings(conn, WEIGHTS)

    def has(self, word: str) -> bool:
        """Whether any text in the index has ``word`` (stemmed)."""
        if not word.isalnum():
            return False
        return self.conn.execute("SELECT 1 FROM docs WHERE docs MATCH ? LIMIT 1", (f'"{word}"',)).fetchone() is not None

    def vocabulary(self) -> frozenset[str]:
        """Every word of every text (lower-case), for spelling correction: read from the ``words`` table
        the build fills once (reading every text on each question took 6.8 s at 1.13M triples)."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(w for (w,) in self.conn.execute("SELECT word FROM words WHERE normal"))
        return self._vocabulary

    def known(self, word: str) -> bool:
        """Whether ``word`` (normalised) is a word of some text: one lookup in the ``words`` table."""
        return self.conn.execute("SELECT 1 FROM words WHERE word = ? AND normal", (word,)).fetchone() is not None

    def common(self, word: str) -> bool:
        """Whether ``word`` is written in lower case somewhere (an everyday word, not only a name)."""
        return self.conn.execute("SELECT 1 FROM words WHERE word = ? AND lower", (word,)).fetchone() is not None

    def named(self, stemmed: Sequence[str]) -> list[tuple[str, str]]:
        """(label, kind) of the skills, activities and hiring companies a question names: those whose label's first
        stems (its head, see :func:`head`) are words of ``stemmed`` in a row; looked up by the question's own runs
        of words, in the order of the labels in the index."""
        if self._longest is None:
            self._longest = int(self.conn.execute("SELECT coalesce(max(size), 0) FROM heads").fetchone()[0])
        runs = sorted({" ".join(stemmed[i : i + n]) for n in range(1, self._longest + 1) for i in range(len(stemmed) - n + 1)})
        found: list[tuple[str, str, int]] = []
        for chunk in (runs[i : i + 500] for i in range(0, len(runs), 500)):
            found += self.conn.execute(f"SELECT label, kind, ord FROM heads WHERE head IN ({', '.join('?' for _ in chunk)})", chunk)
        return [(str(label), str(kind)) for label, kind, _ in sorted(found, key=lambda r: int(r[2]))]

    def frequency(self, word: str) -> int:
        """How many documents have ``word`` (stemmed); cached."""
        if word not in self._df:
            self._df[word] = self.postings.texts_with(word) if word.isalnum() else 0
        return self._df[word]

    def weight(self, group: Sequence[str]) -> float:
        """How much a group of words (a term and its synonyms) says: the idf of its rarest word in the index; 0 when absent."""
        if self._size is None:
            self._size = self.postings.texts
        found = [self.frequency(w) for w in group if w.isalnum()]
        df = min((f for f in found if f), default=0)
        return math.log(1 + (self._size - df + 0.5) / (df + 0.5)) if df else 0.0

    def texts_having(self, word: str) -> int:
        """How many texts have ``word`` in any of its inflections (the index's own stemmer: 'model' counts 'modelled')."""
        if not word.isalnum():
            return 0
        return int(self.conn.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (f'"{word}"',)).fetchone()[0])

    def rarest(self) -> float:
        """The weight of a word found in one text only (what a word no text has weighs in a share of the question)."""
        if self._size is None:
            self._size = self.postings.texts
        return math.log(1 + (self._size - 0.5) / 1.5)

    def ranked(self, words: Sequence[str], kinds: Sequence[str], dimensions: Sequence[str], seed_only: bool,
               limit: int) -> list[tuple[int, float]]:
        """(text, bm25) of the best ``limit`` texts having any of ``words``, of the kinds and dimensions given (all when
        empty): one FTS5 query, whose filters read the narrow ``facets`` table, not the texts' own columns."""
        sql = "SELECT docs.rowid, bm25(docs, ?, ?) AS score FROM docs JOIN facets f ON f.doc = docs.rowid WHERE docs MATCH ?"
        args: list[object] = [*WEIGHTS, " OR ".join(f'"{w}"' for w in words)]
        if dimensions:
            sql += f" AND f.dimension IN ({', '.join('?' for _ in dimensions)})"
            args += dimensions
        if kinds:
            sql += f" AND f.kind IN ({', '.join('?' for _ in kinds)})"
            args += kinds
        if seed_only:
            sql += " AND instr(f.basis, 'seed') > 0"
        return [(int(d), float(s)) for d, s in self.conn.execute(sql + " ORDER BY score LIMIT ?", [*args, limit])]

    def from_sources(self, ids: Iterable[str], kinds: Iterable[str]) -> list[Hit]:
        """Every document of the given kinds that cites one of the sources ``ids`` ('E2'), in index order."""
        wanted, kind_list = set(ids), list(kinds)
        rows = self.conn.execute("SELECT statement, kind, label, body, roles, dimension, basis, sources, id, disputed_by FROM docs "
                                 f"WHERE kind IN ({', '.join('?' for _ in kind_list)}) ORDER BY rowid", kind_list)
        return [Hit(r[0], r[1], r[2], r[3], tuple(r[4].split()), r[5], r[6], tuple(r[7].split()), r[8], r[9], 0.0, 0)
                for r in rows if wanted & set(r[7].split())]

    def search(
        self,
        terms: Iterable[str | Sequence[str]],
        *,
        roles: Iterable[str] = (),
        dimensions: Iterable[str] = (),
        kinds: Iterable[str] = (),
        seed_only: bool = False,
        limit: int = 8,
    ) -> list[Hit]:
        """Documents matching any of ``terms`` (stemmed), best first, within the given roles/dimensions/kinds.

        A term may be a group of words (a word and its synonyms): a document matching any of them
        matches the term once. Documents are ranked by the share of the terms' weight (idf) they
        match, then by bm25.
        """
        groups = [g for g in ((t,) if isinstance(t, str) else tuple(t) for t in terms) if any(w.isalnum() for w in g)]
        words = sorted({w for g in groups for w in g if w.isalnum()})
        if not words:
            return []
        role_list, dims, kind_list, size = list(roles), list(dimensions), list(kinds), max(limit * 6, 60)  # a wide pool, re-ranked below
        if role_list:
            pool = self.postings.ranked(words, role_list, kind_list, dims, seed_only, size)
        elif len(words) == 1 and not (kind_list or dims or seed_only):
            pool = self.postings.best(words[0], size)  # one word in every text: its best texts, not all of them
        else:
            pool = self.ranked(words, kind_list, dims, seed_only, size)
        rows = {int(r[0]): r[1:] for r in self.conn.execute(
            "SELECT rowid, statement, kind, label, body, roles, dimension, basis, sources, id, disputed_by FROM docs "
            f"WHERE rowid IN ({', '.join('?' for _ in pool)})", [d for d, _ in pool])} if pool else {}
        stemmed = [({stem(w) for w in g}, self.weight(g)) for g in groups]
        total = sum(w for _, w in stemmed) or 1.0
        hits = []
        for doc, score in pool:
            row = rows[doc]
            doc_stems = {stem(w) for w in _words(f"{row[2]} {row[3]}")}
            found = [w for g, w in stemmed if g & doc_stems]
            hits.append(Hit(row[0], row[1], row[2], row[3], tuple(row[4].split()), row[5], row[6], tuple(row[7].split()),
                            row[8], row[9], score, len(found), sum(found) / total))
        hits.sort(key=lambda h: (-round(h.coverage, 6), h.score))
        return hits[:limit]


def _words(text: str) -> list[str]:
    from rolegraph.resolve import normalise

    return normalise(text).split()


_CACHE: weakref.WeakKeyDictionary[KnowledgeBase, Index] = weakref.WeakKeyDictionary()


def index(kb: KnowledgeBase) -> Index:
    """The index of ``kb``: opened from the cache when the data files are unchanged, else built. From then on the
    resolver finds ``kb``'s role names in it (:class:`rolegraph.ask.names.IndexedNames`)."""
    if kb not in _CACHE:
        _CACHE[kb] = _open(kb)
        use_index(kb, IndexedNames(_CACHE[kb].conn))  # role names are looked up here too, not read whole from the store
    return _CACHE[kb]


def _open(kb: KnowledgeBase) -> Index:
    where = _cache_path(kb)
    if where is not None and where[0].exists():
        path, key = where
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            if conn.execute("SELECT value FROM meta WHERE name = 'key'").fetchone() == (key,):
                return Index(conn)
            conn.close()
        except sqlite3.Error:
            pass  # unreadable or stale cache: rebuild it below
    conn = build(kb)
    if where is not None:
        _save(conn, *where)
    return Index(conn)


def _cache_path(kb: KnowledgeBase) -> tuple[Path, str] | None:
    """Where the index of ``kb``'s files is kept (one file per set of files), and the key its ``meta`` table
    must hold: the files' sizes and modification times, the layout, ask's code and the texts query."""
    if not kb.files:
        return None
    try:
        paths = [str(p.resolve()) for p in kb.files]
        state = [(p.stat().st_size, p.stat().st_mtime_ns) for p in kb.files]
    except OSError:
        return None
    key = repr([LAYOUT, state, cache.code_stamp(), queries.get("texts").text, sqlite3.sqlite_version])
    return cache.directory() / cache.file_name("ask-index", repr(paths), ".sqlite"), key


def _save(conn: sqlite3.Connection, path: Path, key: str) -> None:
    """Write the index next to the other caches, atomically, with its key; a read-only cache directory is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{id(conn)}.tmp")
        disk = sqlite3.connect(tmp)
        conn.backup(disk)
        disk.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (key,))
        disk.commit()
        disk.close()
        tmp.replace(path)
        for stale in path.parent.glob("ask-index-*-*.sqlite"):  # named by the hashes of an older layout: never read again
            stale.unlink(missing_ok=True)
    except (OSError, sqlite3.Error):
        pass


#: Classes whose texts keep their own kind; a link class is named without "Link"; other classes' texts are "term" definitions.
_KINDS = {"Fact": "fact", "KnowledgeGap": "gap", "Disagreement": "disagreement", "Position": "position",
          "Abbreviation": "abbreviation", "Role": "role", "Source": "source"}


def kind_of(class_iri: str) -> str:
    """The kind of a document from its class: 'fact', 'gap', 'skill' (an rg:SkillLink), 'term' (a vocabulary node), …"""
    local = class_iri.rsplit("#", 1)[-1]
    if local in _KINDS:
        return _KINDS[local]
    return local.removesuffix("Link").lower() if local.endswith("Link") else "term"


#: A document's text reads the statement first, then its reason, then comments (rows are otherwise in one order on every engine).
_FIELD_ORDER = {"text": 0, "definition": 1, "question": 2, "reason": 3, "comment": 4}


def build(kb: KnowledgeBase) -> sqlite3.Connection:
    """A fresh in-memory index of every text in ``kb``."""
    docs: dict[str, dict[str, object]] = {}
    rows_in_order = sorted(kb.named("texts").records(), key=lambda r: [_FIELD_ORDER.get(str(r["field"]), 9), *(str(v) for v in r.values())])
    for r in rows_in_order:
        statement = str(r["statement"])
        doc = docs.setdefault(statement, {"kind": kind_of(str(r["class"])), "label": "", "body": [], "roles": [],
                                          "dimension": r["dimension"] or "", "basis": r["basis"] or "", "id": r["id"] or "",
                                          "disputed_by": r["disputed_by"] or ""})
        roles, body = doc["roles"], doc["body"]
        assert isinstance(roles, list) and isinstance(body, list)
        if r["role"] and r["role"] not in roles:
            roles.append(str(r["role"]))
        if r["field"] == "target":
            doc["label"] = str(r["text"])
        elif str(r["text"]) not in body:
            body.append(str(r["text"]))
    known = kb.sources()
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5(label, body, statement UNINDEXED, kind UNINDEXED, roles UNINDEXED, "
                 "dimension UNINDEXED, basis UNINDEXED, sources UNINDEXED, id UNINDEXED, disputed_by UNINDEXED, "
                 "tokenize='porter unicode61')")
    rows = []
    sources_of = kb.sources_by_statement(docs)  # one bound query for every statement, not one each
    for statement, d in docs.items():
        sources = [known[s] for s in sources_of[statement] if s in known]
        basis = tier_basis(sources) or str(d["basis"])
        body, roles = d["body"], d["roles"]
        assert isinstance(body, list) and isinstance(roles, list)
        rows.append((d["label"], " ".join(body), statement, d["kind"], " ".join(roles), d["dimension"], basis,
                     " ".join(sorted({s.id for s in sources})), d["id"], d["disputed_by"]))
    conn.executemany("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    _add_words(conn, (f"{r[0]} {r[1]}" for r in rows))
    conn.execute("CREATE TABLE facets (doc INTEGER PRIMARY KEY, kind TEXT, roles TEXT, dimension TEXT, basis TEXT)")
    conn.execute("INSERT INTO facets SELECT rowid, kind, roles, dimension, basis FROM docs")
    _add_heads(conn)
    add_names(conn, kb)
    conn.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO meta VALUES ('docs', ?)", (str(len(rows)),))
    add_postings(conn, WEIGHTS)
    conn.commit()
    return conn


#: Kinds of link target a question can name by their label (Plan.skills, activities, companies).
NAMED_KINDS = ("skill", "activity", "hiring")


def head(label: str) -> tuple[str, ...]:
    """The stems by which a question names a label: its first two ("customer discovery" names "customer discovery and
    user research"), or all of them when it has fewer than three or its second is 'and' or 'of'."""
    stems = phrase_stems(label)
    return stems[:2] if len(stems) >= 3 and stems[1] not in ("and", "of") else stems


def _add_heads(conn: sqlite3.Connection) -> None:
    """The ``heads`` table: the labels of skills, activities and companies by their head (see :meth:`Index.named`)."""
    conn.execute("CREATE TABLE heads (head TEXT, size INTEGER, label TEXT, kind TEXT, ord INTEGER)")
    rows = []
    for i, (label, kind) in enumerate(conn.execute("SELECT DISTINCT label, kind FROM docs WHERE label != ''").fetchall()):
        if kind in NAMED_KINDS and len(" ".join(phrase_stems(label))) > 3:
            rows.append((" ".join(head(label)), len(head(label)), label, kind, i))
    conn.executemany("INSERT INTO heads VALUES (?, ?, ?, ?, ?)", rows)
    conn.execute("CREATE INDEX heads_by_head ON heads (head)")



def _add_words(conn: sqlite3.Connection, texts: Iterable[str]) -> None:
    """The ``words`` table: each word of the texts, normalised (``normal``) or as written in lower case (``lower``)."""
    from rolegraph.resolve import normalise

    normal: set[str] = set()
    lower: set[str] = set()
    for text in texts:
        normal.update(normalise(text).split())
        lower.update(re.findall(r"[a-z][a-z0-9]*", text))
    conn.execute("CREATE TABLE words (word TEXT PRIMARY KEY, normal INTEGER, lower INTEGER)")
    conn.executemany("INSERT INTO words VALUES (?, ?, ?)", ((w, w in normal, w in lower) for w in sorted(normal | lower)))
