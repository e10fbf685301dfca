"""The cue vocabulary of ``cues.toml``, compiled and stemmed, and the intent scores it gives a question's words."""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from typing import Any

from rolegraph.ask import text as tx
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import normalise

#: Lowest score at which an intent counts as asked.
INTENT_MIN = 2


Cue = tuple[tuple[str, ...], int]


@dataclass(frozen=True)
class Cues:
    """The cue vocabulary, stemmed."""

    intents: dict[str, list[Cue]]
    forms: dict[str, list[Cue]]
    priority: list[str]
    dimensions: dict[str, list[str]]
    yes_no: frozenset[str]
    claims: frozenset[str]
    seed: list[tuple[str, ...]]
    outside: list[tuple[str, ...]]
    negators: list[tuple[str, ...]]
    follow_up: list[tuple[str, ...]]
    reverse: list[tuple[str, ...]]
    onward: list[tuple[str, ...]]
    measures: list[tuple[str, ...]]
    known: frozenset[str]
    fillers: frozenset[str]
    idioms: list[tuple[str, ...]]
    cited_before: list[tuple[str, ...]]
    cited_after: list[tuple[str, ...]]
    writers: list[tuple[str, ...]]
    which_role: list[tuple[str, ...]]
    absorbs: dict[str, list[str]]
    hedges: list[tuple[str, ...]]
    exclusive: list[tuple[str, ...]]
    durations: dict[str, frozenset[str]]
    other_one: list[tuple[str, ...]]
    pointers: list[tuple[str, ...]]


def _weighted(table: dict[str, Any]) -> dict[str, list[Cue]]:
    """Each entry's cue phrases as stems, once each ("company" and "companies" are one cue), at their highest weight; a
    number word of a phrase also matches in figures ("in one sentence" is "in 1 sentence", "nine to five" "9 to 5")."""
    out: dict[str, list[Cue]] = {}
    for name, weights in table.items():
        best: dict[tuple[str, ...], int] = {}
        for w, phrases in weights.items():
            for stems in dict.fromkeys(s for p in phrases for s in (tx.phrase_stems(p), tx.phrase_stems(tx.in_figures(p)))):
                best[stems] = max(best[stems], int(w)) if stems in best else int(w)  # a negative weight counts against
        out[name] = list(best.items())
    return out


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue vocabulary of ``cues.toml`` beside this module, stemmed (kept compiled between processes)."""
    return Cues(*tx.compiled("cues", lambda: tuple(getattr(_compile(), f.name) for f in fields(Cues))))


def _compile() -> Cues:
    data = tx.vocabulary()
    return Cues(
        intents=_weighted(data["intents"]),
        forms=_weighted(data["forms"]),
        priority=list(data["priority"]["order"]),
        dimensions={k: list(v) for k, v in data["dimensions"].items()},
        yes_no=frozenset(data["yes_no"]["openers"]),
        claims=frozenset(tx.stem(w) for w in data["yes_no"]["claims"]),
        seed=[tx.phrase_stems(p) for p in data["scope"]["seed"]],
        outside=[tx.phrase_stems(p) for p in data["scope"]["outside"]],
        negators=[tx.phrase_stems(p) for p in data["scope"].get("negators", [])],
        hedges=[tx.phrase_stems(p) for p in data["scope"].get("hedges", [])],
        exclusive=[tx.phrase_stems(p) for p in data["scope"].get("exclusive", [])],
        follow_up=[tx.phrase_stems(p) for p in data["follow_up"]["openers"]],
        reverse=[tx.phrase_stems(p) for p in data["follow_up"]["reverse"]],
        onward=[tx.phrase_stems(p) for p in data["transitions"]["onward"]],
        measures=[tx.phrase_stems(p) for group in ("categories", "category_complements")
                  for phrases in data.get(group, {}).values() for p in phrases],
        known=frozenset(w for table in (data["intents"], data["forms"]) for weights in table.values() for phrases in weights.values()
                        for p in phrases for w in normalise(p).split())
        | frozenset(w for group in ("scope", "follow_up", "transitions") for phrases in data[group].values() for p in phrases
                    for w in normalise(p).split())
        | frozenset(data.get("synonyms", {})) | frozenset(data["yes_no"]["openers"]),
        fillers=frozenset(tx.stems(data["fillers"]["words"])),
        idioms=[tx.phrase_stems(p) for p in data["fillers"].get("phrases", [])],
        cited_before=[tx.phrase_stems(p) for p in data["attribution"]["before"]],
        cited_after=[tx.phrase_stems(p) for p in data["attribution"]["after"]],
        writers=[tx.phrase_stems(p) for p in data["attribution"]["writers"]],
        which_role=[tx.phrase_stems(p) for p in data["which_role"]["phrases"]],
        absorbs={k: list(v) for k, v in data["absorbs"].items()},
        durations={k: frozenset(tx.stems(v)) for k, v in data["durations"].items()},
        other_one=[tx.phrase_stems(p) for p in data["follow_up"]["other"]],
        pointers=[tx.phrase_stems(p) for p in data["follow_up"]["pointers"]],
    )


def score(table: dict[str, list[Cue]], stemmed: list[str]) -> dict[str, int]:
    """Each entry's score: the sum of the weights of its cue phrases found in ``stemmed``."""
    found = {}
    for name, phrases in table.items():
        total = sum(w for p, w in phrases if p and tx.find_phrase(stemmed, p) >= 0)
        if total:
            found[name] = total
    return found


def loose(c: Cues, stemmed: list[str]) -> list[str]:
    """``stemmed`` without role names (``|``), the article just before one, and filler words ([fillers] in cues.toml),
    so that a cue phrase is found around them: 'what even is', 'how many job roles', 'sets the program side apart'."""
    return [stemmed[i] for i in loose_positions(c, stemmed)]


def loose_positions(c: Cues, stemmed: list[str]) -> list[int]:
    """Positions :func:`loose` keeps."""
    return [i for i, s in enumerate(stemmed) if s != "|" and s not in c.fillers
            and not (s in _ARTICLES and stemmed[i + 1 : i + 2] == ["|"])]


_ARTICLES = tx.word_set("articles")


def _cue_words(table: dict[str, list[Cue]], stemmed: list[str], names: list[str]) -> set[int]:
    """Positions of the words that the cue phrases of ``names`` cover."""
    covered: set[int] = set()
    kept = loose_positions(cues(), stemmed)
    around = [stemmed[i] for i in kept]
    for name in names:
        for phrase, _ in table.get(name, []):
            at = tx.find_phrase(stemmed, phrase) if phrase else -1
            if at >= 0:
                covered.update(range(at, at + len(phrase)))
            at = tx.find_phrase(around, phrase) if phrase else -1
            if at >= 0:  # found around a role name or a filler word
                covered.update(kept[at : at + len(phrase)])
    return covered


def intent_scores(c: Cues, stemmed: list[str]) -> dict[str, int]:
    """Each intent's score: the weights of its cue phrases found, also around a role name or a filler word ("a typical
    project manager day"). Intents with no cue found are left out. A length of time ("slipped by 3 weeks") is no cue of
    a routine: its unit is not read."""
    stemmed = _without_durations(c, stemmed)
    cue = score(c.intents, stemmed)
    around = score(c.intents, loose(c, stemmed))
    beside = score(c.intents, [s for s in stemmed if s != "|"])  # "where are tpm jobs": a cue with a filler word of its own
    if _whom_with(stemmed):
        cue["team"] = max(cue.get("team", 0), 3)
    return {n: max(cue.get(n, 0), around.get(n, 0), beside.get(n, 0)) for n in sorted(cue | around | beside)}


def _whom_with(stemmed: list[str]) -> bool:
    """'who does a tech pgm spend most of their time working with', 'who does a pm sit with every week': a question
    opened by 'who' that ends on 'with' (a time may follow) asks for the role's partners, whatever the verb."""
    return bool(stemmed) and stemmed[0] in ("who", "whom") and "with" in stemmed[-3:] and "with" not in stemmed[1:-3]


def _without_durations(c: Cues, stemmed: list[str]) -> list[str]:
    """``stemmed`` with each unit of a length of time blanked ([durations] in cues.toml): a unit after a count ("3 weeks",
    "a couple of days", "by a week", not "day by day") or before a word of delay ("a week late")."""
    d = c.durations
    out = list(stemmed)
    for i, s in enumerate(stemmed):
        if s not in d["units"]:
            continue
        j = i - 1
        while j >= 0 and stemmed[j] in d["between"]:
            j -= 1
        counted = j >= 0 and (stemmed[j] in d["before"] or stemmed[j].isdigit() or (stemmed[j] in d["before_between"] and j < i - 1))
        if counted or (i + 1 < len(stemmed) and stemmed[i + 1] in d["after"]):
            out[i] = "#"
    return out


def _ranked_intents(c: Cues, scores: dict[str, int]) -> list[str]:
    """Intents by score, best first: the best one, and every other one that names itself outright (score ≥ 3)."""
    order = {name: i for i, name in enumerate(c.priority)}
    ranked = sorted((n for n, s in scores.items() if s >= INTENT_MIN), key=lambda n: (-scores[n], order.get(n, 99)))
    return absorbed(c, ranked[:1] + [n for n in ranked[1:] if scores[n] >= 3])


def absorbed(c: Cues, intents: list[str]) -> list[str]:
    """``intents`` without those another one of them answers ([absorbs] in cues.toml: "what should I learn to become …"
    is the route's skill gap, "which skills separate" asks no skill list of its own)."""
    return [i for i in intents if not any(o != i and (i in c.absorbs.get(o, ()) or "*" in c.absorbs.get(o, ())) for o in intents)]


def _known(kb: KnowledgeBase, c: Cues, word: str) -> bool:
    """Whether ``word`` is a cue word or occurs in some text of the graph."""
    from rolegraph.ask.retrieve import index

    return word in c.known or index(kb).has(word)


def _scope(c: Cues, stemmed: list[str]) -> str:
    """'external' when the question asks what sources other than the seed say, 'seed' when it asks what the seed says
    or rules the others out ('no outside sources'), else 'any'."""
    outside = [at for p in c.outside if (at := tx.find_phrase(stemmed, p)) >= 0]
    if any(not any(tuple(stemmed[max(0, at - len(n)) : at]) == n for n in c.negators) for at in outside):
        return "external"
    return "seed" if outside or any(tx.find_phrase(stemmed, p) >= 0 for p in c.seed) else "any"


def _specific_collaboration(c: Cues, stemmed: list[str]) -> bool:
    """Whether the question names a part of working together (rituals, a RACI, a launch), beyond the word 'collaborate'."""
    generic = {tx.phrase_stems(p) for p in ("collaborate", "work together", "working together")}
    return any(p not in generic and w >= 3 and tx.find_phrase(stemmed, p) >= 0 for p, w in c.intents["collaboration"])
