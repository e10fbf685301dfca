"""Role names → roles: labels, aliases, abbreviations; case-, punctuation- and typo-tolerant.

An ambiguous name (TPM, PM) is never guessed: :class:`AmbiguousRole` lists the readings.
An unknown name raises :class:`RoleNotFound` with the closest modelled roles.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections import defaultdict
from collections.abc import Callable, Container, Iterable, Mapping
from typing import NamedTuple

from rolegraph.errors import AmbiguousRole, QueryError, RoleNotFound
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import IRI, LangString

#: Lowest similarity (0–1) at which a misspelt name is accepted.
FUZZY_CUTOFF = 0.8
#: How much better the best role must score than the runner-up to be accepted.
FUZZY_MARGIN = 0.04
#: Lowest similarity of a free-text span's first and last words to those of the name they misspell.
EDGE_WORD_CUTOFF = 0.5


class RoleRef(NamedTuple):
    """A resolved role: its IRI and preferred label."""

    iri: str
    label: str


def normalise(name: str) -> str:
    """Lower-case, accents stripped, punctuation to spaces, single spaces."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'")).encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"(?<=\b[a-z])\.", "", text)  # "p.m." is "pm"; "what's" stays "what s"
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^(a|an|the) ", "", text)


def name_kinds(name: str, kind: str) -> tuple[str, bool, bool]:
    """A role name (as written, with its kind from the ``role-names`` query) normalised, and whether it is a
    short form (TPM, PM-T, TPgM; not "Tech PM") and whether misspellings of it are matched."""
    normal = normalise(name)
    short = name.isupper() or (kind in ("abbreviation", "short-form") and " " not in name)
    fuzzy = (kind in ("label", "alias", "hidden") and len(normal) > 4) or " " in normal  # "tehc pgm" is "tech pgm", not "pgm"
    return normal, short, fuzzy


class NameIndex:
    """Every lookup name of every role, normalised."""

    def __init__(self, exact: Mapping[str, set[str]], labels: Mapping[str, str], fuzzy: Mapping[str, set[str]], short_forms: Container[str]) -> None:
        self.exact, self.labels, self.fuzzy, self.short_forms = exact, labels, fuzzy, short_forms

    @classmethod
    def build(cls, kb: KnowledgeBase) -> NameIndex:
        exact: dict[str, set[str]] = defaultdict(set)
        fuzzy: dict[str, set[str]] = defaultdict(set)
        labels: dict[str, str] = {}
        short_forms: set[str] = set()
        for row in kb.named("role-names").records():
            role = str(row["role"])
            labels[role] = str(row["label"])
            name, short, close = name_kinds(str(row["name"]), str(row["kind"]))
            if not name:
                continue
            exact[name].add(role)
            if short:
                short_forms.add(name)
            if close:
                fuzzy[name].add(role)
        return cls(dict(exact), labels, dict(fuzzy), short_forms)

    def is_short_form(self, name: str) -> bool:
        """True for an abbreviation-like name (upper-case in the data: TPM, PM, SWE)."""
        return name in self.short_forms

    def ref(self, iri: str) -> RoleRef:
        return RoleRef(iri, self.labels[iri])

    def near(self, phrase: str, edits: float) -> Iterable[tuple[str, set[str]]]:
        """The fuzzy names (with their roles) that may be ``phrase`` with at most ``edits`` × its length changed:
        here every one; an index of the names (rolegraph.ask.retrieve) narrows them by shared letter pairs."""
        return self.fuzzy.items()

    def having(self, size: int, at: int, word: str) -> Iterable[tuple[str, set[str]]]:
        """The fuzzy names (with their roles) of ``size`` words whose word ``at`` is ``word``: here every one, for the
        caller to check; an index of the names narrows them."""
        return self.fuzzy.items()

    def scores(self, name: str, at_least: float = 0.0, fits: Callable[[str, str], bool] | None = None) -> list[tuple[float, str]]:
        """Best similarity per role, highest first; only the roles scoring ``at_least`` when that is given, and only
        the names that ``fits`` ``name``."""
        best: dict[str, float] = {}
        for candidate, roles in (self.near(name, 1 - at_least) if at_least else self.fuzzy.items()):
            score = similarity(name, candidate)
            if score < at_least or (fits is not None and not fits(name, candidate)):
                continue
            for role in roles:
                best[role] = max(best.get(role, 0.0), score)
        return sorted(((s, r) for r, s in best.items()), key=lambda x: (-x[0], self.labels[x[1]]))


def similarity(a: str, b: str) -> float:
    """1 − (OSA edit distance, i.e. with adjacent transpositions ÷ longer length); 0 when lengths differ a lot."""
    longest = max(len(a), len(b))
    if not longest or abs(len(a) - len(b)) > longest // 4:
        return 0.0
    from rapidfuzz.distance import OSA  # imported only when two names are compared (7 ms)

    return float(OSA.normalized_similarity(a, b))


_INDEX_CACHE: weakref.WeakKeyDictionary[KnowledgeBase, NameIndex] = weakref.WeakKeyDictionary()


def use_index(kb: KnowledgeBase, idx: NameIndex) -> None:
    """Look ``kb``'s role names up in ``idx`` (e.g. read from ask's cached index) instead of building the full index."""
    _INDEX_CACHE[kb] = idx


def index(kb: KnowledgeBase) -> NameIndex:
    """The name index of ``kb`` (built once per knowledge base, unless :func:`use_index` gave one)."""
    if kb not in _INDEX_CACHE:
        _INDEX_CACHE[kb] = NameIndex.build(kb)
    return _INDEX_CACHE[kb]


def exact_roles(kb: KnowledgeBase, name: str) -> list[RoleRef]:
    """The roles ``name`` names exactly as written (or in upper, lower or title case): index lookups, no scan of the graph."""
    if re.match(r"^https?://", name):
        try:
            return [RoleRef(name, str(r["label"])) for r in kb.named("role-info", role=IRI(name)).records()]
        except QueryError:
            return []
    forms = {f for f in (name, name.strip(), name.lower(), name.upper(), name.title()) if f}
    if not forms:
        return []
    names = tuple(sorted(forms)) + tuple(LangString(f, "en") for f in sorted(forms))
    return [RoleRef(str(r["role"]), str(r["label"])) for r in kb.named("role-lookup", written=names).records()]


def reading(kb: KnowledgeBase, role: str, label: str, short_form: str) -> str:
    """How ``role`` reads as ``short_form``: its alias whose initials spell the short form, with the
    role's label ("Technical Project Manager (the Project Manager role)"), or else its label."""
    def spells(name: str) -> bool:
        return "".join(w[0] for w in name.split()).lower() == normalise(short_form).replace(" ", "")

    if not spells(label):
        for row in kb.named("role-names").records():
            if row["role"] == role and row["kind"] == "alias" and spells(str(row["name"])):
                return f"{row['name']} (the {label} role)"
    return label


def resolve_role(kb: KnowledgeBase, name: str) -> RoleRef:
    """Resolve ``name`` (an IRI, label, alias, abbreviation or a close misspelling) to one role.

    A name that exactly one role carries is found by index lookups; anything else (other
    spellings, ambiguous short forms, misspellings) goes through the full name index.
    """
    exact = exact_roles(kb, name)
    if len(exact) == 1:
        return exact[0]
    idx = index(kb)
    if name in idx.labels:
        return idx.ref(name)
    key = normalise(name)
    if not key:
        raise RoleNotFound(name, sorted(idx.labels.values())[:3])
    if key in idx.exact:
        roles = sorted(idx.exact[key], key=lambda r: idx.labels[r])
        if len(roles) == 1:
            return idx.ref(roles[0])
        readings = [reading(kb, r, idx.labels[r], name) for r in roles]
        raise AmbiguousRole(name, sorted(readings, key=lambda text: (text not in idx.labels.values(), text)))  # plain names first
    best = _fuzzy_match(idx, key)
    if best is not None:
        return idx.ref(best)
    raise RoleNotFound(name, [idx.labels[r] for _, r in idx.scores(key)[:3]])


def _fuzzy_match(idx: NameIndex, phrase: str, fits: Callable[[str, str], bool] | None = None) -> str | None:
    """The one role a misspelt ``phrase`` names: scored at least FUZZY_CUTOFF and FUZZY_MARGIN above any other
    (so only roles within FUZZY_CUTOFF − FUZZY_MARGIN can decide it); only names that ``fits`` the phrase count, if given.
    The margin allows for rounding: one edit in 25 letters is exactly FUZZY_MARGIN, computed a hair below it."""
    scores = idx.scores(phrase, at_least=FUZZY_CUTOFF - FUZZY_MARGIN, fits=fits)
    if scores and scores[0][0] >= FUZZY_CUTOFF and (len(scores) == 1 or scores[0][0] - scores[1][0] >= FUZZY_MARGIN - 1e-9):
        return scores[0][1]
    return None


def _edges_fit(phrase: str, name: str) -> bool:
    """Whether a span of free text starts and ends with (misspelt) words of ``name``: 'into technical program
    managment' is no misspelling of 'non technical program manager', although the whole strings are close."""
    from rapidfuzz.distance import OSA

    said, named = phrase.split(), name.split()
    return all(OSA.normalized_similarity(a, b) >= EDGE_WORD_CUTOFF for a, b in ((said[0], named[0]), (said[-1], named[-1])))


#: Words that never start or end a role name; fuzzy matching skips spans that do.
_EDGE_WORDS = {"a", "an", "the", "what", "which", "who", "does", "do", "is", "are", "of", "from", "to", "and", "or", "for",
               "in", "on", "with", "as", "vs", "versus", "my", "day", "how", "why", "when", "become", "separate"}


def find_roles_in_text(kb: KnowledgeBase, text: str) -> list[tuple[int, str, list[RoleRef]]]:
    """Role mentions in free text: (word position, matched words, readings), in text order.

    Exact names (longest first) are found before misspellings; a misspelt multi-word name is
    matched with the same cut-off as :func:`resolve_role`. An ambiguous short form yields
    several readings.
    """
    idx = index(kb)
    words = normalise(text).split()
    found: list[tuple[int, str, list[RoleRef]]] = []
    taken: set[int] = set()

    def spans(size: int) -> list[tuple[int, str]]:
        return [(start, " ".join(words[start : start + size])) for start in range(len(words) - size + 1)]

    def take(start: int, size: int, phrase: str, roles: list[str]) -> None:
        taken.update(range(start, start + size))
        found.append((start, phrase, [idx.ref(r) for r in sorted(roles, key=lambda r: idx.labels[r])]))

    def exact(sizes: tuple[int, ...]) -> None:
        for size in sizes:
            for start, phrase in spans(size):
                if taken.intersection(range(start, start + size)):
                    continue
                if phrase in idx.exact:
                    take(start, size, phrase, list(idx.exact[phrase]))
                elif phrase.endswith("s") and phrase[:-1] in idx.exact and (size > 1 or idx.is_short_form(phrase[:-1])):
                    take(start, size, phrase, list(idx.exact[phrase[:-1]]))  # "engineers" is people, "TPMs" is the role

    def respelt(start: int, size: int) -> tuple[tuple[int, str, list[RoleRef]], str] | None:
        """An exact mention plus misspelt words of a longer name around it ('tecnical' + 'product manager'):
        (the inner mention, the longer name's role)."""
        within = [m for m in found if start <= m[0] and m[0] + len(m[1].split()) <= start + size]
        covered = {i for m in within for i in range(m[0], m[0] + len(m[1].split()))}
        if len(within) != 1 or taken.intersection(range(start, start + size)) != covered:
            return None
        span = words[start : start + size]
        at = min(covered) - start
        for name, roles in idx.having(size, at, span[at]):
            parts = name.split()
            if len(parts) == size and len(roles) == 1 and all(
                    w == n if start + i in covered else (w not in idx.exact and similarity(w, n) >= FUZZY_CUTOFF)
                    for i, (w, n) in enumerate(zip(span, parts, strict=True))):
                return within[0], next(iter(roles))
        return None

    exact((5, 4, 3, 2))
    for size in (4, 3):
        for start, _ in spans(size):
            fix = respelt(start, size) if taken.intersection(range(start, start + size)) else None
            if fix is not None and [r.iri for r in fix[0][2]] != [fix[1]]:
                found.remove(fix[0])
                taken.difference_update(range(fix[0][0], fix[0][0] + len(fix[0][1].split())))
                take(start, size, " ".join(words[start : start + size]), [fix[1]])
    for size in (4, 3, 2):
        for start, phrase in spans(size):
            edge = {words[start], words[start + size - 1]}
            if edge & _EDGE_WORDS or len(phrase) < 7 or taken.intersection(range(start, start + size)):
                continue
            if edge & idx.exact.keys() and any(idx.is_short_form(w) for w in edge):
                continue  # "em, developer": a short form that names a role on its own is no misspelt word of another name
            best = _fuzzy_match(idx, phrase, fits=_edges_fit)
            if best is not None:
                take(start, size, phrase, [best])
    exact((1,))
    return sorted(found)
