"""A search scoped by roles: its candidates and their bm25 scores from postings kept in the index, so
that it reads only the postings of its words in texts about those roles (and texts about no role),
not every text that has one of its words (138,000 texts have "skill" at 1.13M triples). A search of
every role is FTS5's own query (``retrieve.Index.search``): it reads them all anyway, faster in C.

The scores are the ones SQLite's FTS5 gives (its ``bm25()`` with the same column weights, bit for
bit: the same formula, terms and operations; ``tests/test_ask_scale.py`` compares both): for each
word of the query (a phrase of one token), ``idf × f × (k1 + 1) / (f + k1 × (1 − b + b × D / avgdl))``
with ``f`` the weighted count of the token in the text, ``D`` the text's length in tokens, and
``idf = log((N − n + 0.5) / (n + 0.5))`` (1e-6 when not positive) over the ``N`` texts, ``n`` of which
have the token. Texts with equal scores come in the order of their row ids, as FTS5 lists them.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

K1 = 1.2
B = 0.75


def add_postings(conn: sqlite3.Connection, weights: tuple[float, float]) -> None:
    """The ``scoped`` (role number, kind, token, text, its counts in the label and the body; role 0 for a text about
    no role; ``role_iris`` numbers the roles) and ``tokens`` (texts per token) tables, and each text's length in
    ``facets.size``; and ``impacts``: each token's texts by their bm25 before the token's idf, best first (the
    best texts for one word are read off it, not scored one by one). From the FTS5 index ``docs`` and the
    ``facets`` just built, in SQL (a Python loop over every token took twice as long)."""
    conn.execute("CREATE VIRTUAL TABLE temp.instances USING fts5vocab(main, docs, 'instance')")
    conn.execute("CREATE TEMP TABLE postings AS SELECT i.term AS token, f.kind AS kind, i.doc AS doc, sum(i.col = 'label') AS label, "
                 "sum(i.col != 'label') AS body FROM temp.instances i JOIN facets f ON f.doc = i.doc GROUP BY i.term, i.doc")
    conn.execute("DROP TABLE temp.instances")
    roles_of = {int(d): str(r).split() for d, r in conn.execute("SELECT doc, roles FROM facets")}
    conn.execute("CREATE TABLE role_iris (id INTEGER PRIMARY KEY, role TEXT UNIQUE)")  # 0: about no role
    conn.executemany("INSERT INTO role_iris VALUES (?, ?)", enumerate(["", *sorted({r for rs in roles_of.values() for r in rs})]))
    number = {str(r): int(i) for i, r in conn.execute("SELECT id, role FROM role_iris")}
    conn.execute("CREATE TEMP TABLE doc_roles (doc INTEGER, role INTEGER)")
    conn.executemany("INSERT INTO temp.doc_roles VALUES (?, ?)", ((d, number[r]) for d, rs in roles_of.items() for r in rs or [""]))
    conn.execute("CREATE TABLE scoped (role INTEGER, kind TEXT, token TEXT, doc INTEGER, label INTEGER, body INTEGER, "
                 "PRIMARY KEY (role, kind, token, doc)) WITHOUT ROWID")
    conn.execute("INSERT INTO scoped SELECT r.role, p.kind, p.token, p.doc, p.label, p.body FROM temp.postings p "
                 "JOIN temp.doc_roles r ON r.doc = p.doc")
    conn.execute("DROP TABLE temp.doc_roles")
    conn.execute("CREATE TABLE tokens (token TEXT PRIMARY KEY, texts INTEGER)")
    conn.execute("INSERT INTO tokens SELECT token, count(*) FROM temp.postings GROUP BY token")
    conn.execute("CREATE TEMP TABLE sizes (doc INTEGER PRIMARY KEY, size INTEGER)")
    conn.execute("INSERT INTO temp.sizes SELECT doc, sum(label + body) FROM temp.postings GROUP BY doc")
    conn.execute("ALTER TABLE facets ADD COLUMN size INTEGER NOT NULL DEFAULT 0")
    conn.execute("UPDATE facets SET size = coalesce((SELECT size FROM temp.sizes s WHERE s.doc = facets.doc), 0)")
    conn.execute("INSERT INTO meta SELECT 'tokens', coalesce(sum(size), 0) FROM temp.sizes")
    texts, tokens = (int(x) for x in conn.execute("SELECT count(*), coalesce(sum(size), 0) FROM facets").fetchone())
    conn.execute("CREATE TABLE impacts (token TEXT, impact REAL, doc INTEGER, PRIMARY KEY (token, impact DESC, doc)) WITHOUT ROWID")
    conn.execute(f"INSERT INTO impacts SELECT p.token, {_IMPACT}, p.doc FROM temp.postings p JOIN temp.sizes s ON s.doc = p.doc",
                 {"label_weight": weights[0], "body_weight": weights[1], "k1": K1, "b": B, "average": tokens / texts if texts else 1.0})
    conn.execute("DROP TABLE temp.postings")
    conn.execute("DROP TABLE temp.sizes")


#: A text's bm25 for one token before the token's idf, as FTS5 computes it (the same operations, in SQL).
_IMPACT = ("((p.label * :label_weight + p.body * :body_weight) * (:k1 + 1.0)) / ((p.label * :label_weight + p.body * :body_weight)"
           " + :k1 * (1 - :b + :b * s.size / :average))")


class Postings:
    """bm25-ranked candidates of one index (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection, weights: tuple[float, float]) -> None:
        self.conn = conn
        self.weights = weights
        meta = dict(conn.execute("SELECT name, value FROM meta WHERE name IN ('docs', 'tokens')"))
        self.texts = int(meta["docs"])
        self.average = int(meta["tokens"]) / self.texts if self.texts else 0.0
        self._kinds: list[str] | None = None
        self._tokens: dict[str, str] = {}

    def token(self, word: str) -> str:
        """The token FTS5 indexes ``word`` as (its porter stem), read from FTS5's own tokenizer; '' when it has not one."""
        if word not in self._tokens:
            self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.said USING fts5(word, tokenize='porter unicode61')")
            self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.said_tokens USING fts5vocab(temp, said, 'instance')")
            self.conn.execute("DELETE FROM temp.said")
            self.conn.execute("INSERT INTO temp.said VALUES (?)", (word,))
            found = [str(t) for (t,) in self.conn.execute("SELECT term FROM temp.said_tokens")]
            self._tokens[word] = found[0] if len(found) == 1 else ""
        return self._tokens[word]

    def texts_with(self, word: str) -> int:
        """How many texts have ``word`` (its token)."""
        row = self.conn.execute("SELECT texts FROM tokens WHERE token = ?", (self.token(word),)).fetchone()
        return int(row[0]) if row else 0

    def ranked(self, words: Sequence[str], roles: Sequence[str], kinds: Sequence[str], dimensions: Sequence[str],
               seed_only: bool, limit: int) -> list[tuple[int, float]]:
        """(text, bm25) of the best ``limit`` texts having any of ``words``, about any of ``roles`` (a role whose IRI
        contains one of them, as instr() over the texts' roles) or about no role, of the ``kinds`` and ``dimensions``
        given (all when empty)."""
        tokens = {t for t in map(self.token, words) if t}
        if not tokens or not roles:
            return []
        scope = [0, *(i for (i,) in self.conn.execute(
            f"SELECT id FROM role_iris WHERE id > 0 AND ({' OR '.join('instr(role, ?) > 0' for _ in roles)})", tuple(roles)))]
        hits: dict[int, dict[str, tuple[int, int]]] = {}
        for doc, token, label, body in _chunked(self.conn, "SELECT doc, token, label, body FROM scoped "
                                                "WHERE role IN ({}) AND kind IN ({}) AND token IN ({})", scope, list(kinds) or self.kinds(), tokens):
            hits.setdefault(doc, {})[token] = (label, body)
        facets = {d: (dim, basis, size) for d, dim, basis, size in _chunked(
            self.conn, "SELECT doc, dimension, basis, size FROM facets WHERE doc IN ({})", list(hits))}
        keep = [d for d in hits if (not dimensions or facets[d][0] in dimensions) and (not seed_only or "seed" in facets[d][1])]
        idf = {w: self._idf(self.token(w)) for w in words}
        scored = [(self._score(words, idf, hits[d], facets[d][2]), d) for d in keep]
        return [(d, s) for s, d in sorted(scored)[:limit]]

    def best(self, word: str, limit: int) -> list[tuple[int, float]]:
        """(text, bm25) of the best ``limit`` texts of all having ``word``: read off ``impacts`` in its order."""
        token = self.token(word)
        idf = self._idf(token)
        return [(int(d), -1.0 * (0.0 + idf * float(g))) for d, g in self.conn.execute(
            "SELECT doc, impact FROM impacts WHERE token = ? ORDER BY impact DESC, doc LIMIT ?", (token, limit))] if token else []

    def kinds(self) -> list[str]:
        if self._kinds is None:
            self._kinds = [str(k) for (k,) in self.conn.execute("SELECT DISTINCT kind FROM facets")]
        return self._kinds

    def _idf(self, token: str) -> float:
        row = self.conn.execute("SELECT texts FROM tokens WHERE token = ?", (token,)).fetchone()
        hit = float(row[0]) if row else 0.0
        idf = math.log((self.texts - hit + 0.5) / (hit + 0.5))
        return idf if idf > 0.0 else 1e-6

    def _score(self, words: Sequence[str], idf: dict[str, float], found: dict[str, tuple[int, int]], size: int) -> float:
        score = 0.0
        for word in words:  # one phrase each, in the order of the query
            label, body = found.get(self.token(word), (0, 0))
            f = label * self.weights[0] + body * self.weights[1]
            score += idf[word] * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + B * size / self.average)))
        return -1.0 * score


def _chunked(conn: sqlite3.Connection, sql: str, *lists: Iterable[object]) -> list[Any]:
    """Rows of ``sql`` whose ``{}`` are filled with the values of ``lists`` (the last one in chunks of 400)."""
    *fixed, last = [list(values) for values in lists]
    values = list(last)
    rows: list[Any] = []
    for i in range(0, max(len(values), 1), 400):
        chunk = values[i : i + 400]
        if not chunk:
            break
        marks = [", ".join("?" for _ in v) for v in (*fixed, chunk)]
        rows += conn.execute(sql.format(*marks), [*(x for v in fixed for x in v), *chunk])
    return rows
