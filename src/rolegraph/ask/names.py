"""Role names kept in ask's index, so that finding the roles a question names costs lookups of its own
words, not a read of every role name in the store (1.9 s at 1.13M triples).

:class:`IndexedNames` answers what :class:`rolegraph.resolve.NameIndex` answers, the same way: exact
names by lookup, and misspellings by comparing only the names that share enough letter pairs with the
words asked. A name within ``k`` edits of a phrase of length ``n`` shares at least ``n − 1 − 3k`` of its
letter pairs (counted with repeats): one edit changes at most three pairs (swapping two letters does).
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TypeVar

from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import NameIndex

V = TypeVar("V")


def add_names(conn: sqlite3.Connection, kb: KnowledgeBase) -> None:
    """The ``names``, ``role_labels`` and ``name_pairs`` tables, from the ``role-names`` query (read once, at build):
    the same names, short forms and fuzzy names as :meth:`NameIndex.build`, fuzzy names in the order it tries them."""
    full = NameIndex.build(kb)
    order = {normal: i for i, normal in enumerate(full.fuzzy)}
    conn.execute("CREATE TABLE names (normal TEXT, role TEXT, short INTEGER, fuzzy INTEGER, ord INTEGER)")
    conn.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?)", (
        (normal, role, full.is_short_form(normal), role in full.fuzzy.get(normal, ()), order.get(normal))
        for normal, roles in full.exact.items() for role in sorted(roles)))
    conn.execute("CREATE INDEX names_by_normal ON names (normal)")
    conn.execute("CREATE TABLE role_labels (role TEXT PRIMARY KEY, label TEXT)")
    conn.executemany("INSERT INTO role_labels VALUES (?, ?)", full.labels.items())
    conn.execute("CREATE TABLE name_pairs (pair TEXT, normal TEXT, n INTEGER)")
    conn.executemany("INSERT INTO name_pairs VALUES (?, ?, ?)", ((p, n, c) for n in full.fuzzy for p, c in pairs(n).items()))
    conn.execute("CREATE INDEX name_pairs_by_pair ON name_pairs (pair)")
    conn.execute("CREATE TABLE name_words (word TEXT, at INTEGER, size INTEGER, normal TEXT)")
    conn.executemany("INSERT INTO name_words VALUES (?, ?, ?, ?)",
                     ((w, i, len(n.split()), n) for n in full.fuzzy for i, w in enumerate(n.split())))
    conn.execute("CREATE INDEX name_words_by_word ON name_words (word, at, size)")


def pairs(text: str) -> Counter[str]:
    """The letter pairs of ``text`` (spaces count), with their number."""
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


class _Lookup(Mapping[str, V]):
    """A mapping read from the index: one key by lookup (remembered), every key only when iterated."""

    def __init__(self, one: Callable[[str], V | None], every: Callable[[], dict[str, V]]) -> None:
        self._one, self._every = one, every
        self._seen: dict[str, V | None] = {}
        self._all: dict[str, V] | None = None

    def __getitem__(self, key: str) -> V:
        if key not in self._seen:
            self._seen[key] = self._one(key) if isinstance(key, str) else None
        value = self._seen[key]
        if value is None:
            raise KeyError(key)
        return value

    def _whole(self) -> dict[str, V]:
        if self._all is None:
            self._all = self._every()
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())


class IndexedNames(NameIndex):
    """The role names of an ask index (see the module docstring)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

        def roles(sql: str) -> Callable[[str], set[str] | None]:
            return lambda key: {r for (r,) in conn.execute(sql, (key,))} or None

        def label(role: str) -> str | None:
            row = conn.execute("SELECT label FROM role_labels WHERE role = ?", (role,)).fetchone()
            return str(row[0]) if row else None

        super().__init__(
            exact=_Lookup(roles("SELECT role FROM names WHERE normal = ?"), lambda: self._grouped("")),
            labels=_Lookup(label, lambda: {str(r): str(lb) for r, lb in conn.execute("SELECT role, label FROM role_labels")}),
            fuzzy=_Lookup(roles("SELECT role FROM names WHERE normal = ? AND fuzzy"), lambda: self._grouped("WHERE fuzzy")),
            short_forms=_Lookup(lambda key: True if conn.execute(
                "SELECT 1 FROM names WHERE normal = ? AND short", (key,)).fetchone() else None, dict),
        )

    def _grouped(self, where: str) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for normal, role in self.conn.execute(f"SELECT normal, role FROM names {where} ORDER BY ord, normal, role"):
            out.setdefault(str(normal), set()).add(str(role))
        return out

    def near(self, phrase: str, edits: float) -> Iterable[tuple[str, set[str]]]:
        """The fuzzy names sharing enough letter pairs with ``phrase`` to be within ``edits`` × its length of it,
        in the order :class:`NameIndex` tries them; every fuzzy name when the phrase is too short to tell."""
        need = math.ceil((1 - 3 * edits) * len(phrase) - 1 - 1e-9)
        if need <= 0:
            return self.fuzzy.items()
        counted = pairs(phrase)
        values = ", ".join("(?, ?)" for _ in counted)
        close = [str(n) for (n,) in self.conn.execute(
            f"WITH asked(pair, n) AS (VALUES {values}) SELECT p.normal FROM asked JOIN name_pairs p ON p.pair = asked.pair "
            "GROUP BY p.normal HAVING sum(min(p.n, asked.n)) >= ?", (*(x for item in counted.items() for x in item), need))]
        if not close:
            return []
        rows: list[tuple[str, str, int]] = []
        for chunk in (close[i : i + 500] for i in range(0, len(close), 500)):
            rows += self.conn.execute(f"SELECT normal, role, ord FROM names WHERE fuzzy AND normal IN ({', '.join('?' for _ in chunk)})", chunk)
        found: dict[str, set[str]] = {}
        for normal, role, _ in sorted(rows, key=lambda r: int(r[2])):
            found.setdefault(str(normal), set()).add(str(role))
        return found.items()

    def having(self, size: int, at: int, word: str) -> Iterable[tuple[str, set[str]]]:
        """The fuzzy names of ``size`` words whose word ``at`` is ``word``, in the order :class:`NameIndex` tries them."""
        found: dict[str, set[str]] = {}
        for normal, role in self.conn.execute(
                "SELECT n.normal, n.role FROM name_words w JOIN names n ON n.normal = w.normal "
                "WHERE w.word = ? AND w.at = ? AND w.size = ? AND n.fuzzy ORDER BY n.ord, n.role", (word, at, size)):
            found.setdefault(str(normal), set()).add(str(role))
        return found.items()
