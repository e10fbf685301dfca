"""Words that frame a question, not what it asks about: the knowledge base named as the ground ('as the knowledge base
records it', 'which roles does the kb model'), the occasion the answer is for ('for the intro lecture', 'wiki:', 'quiz -')
and the shape it is wanted in ('key diffs … in bullets'). They are no subject of the question ([framing] in cues.toml)."""

from __future__ import annotations

import functools
import re

from rolegraph.ask import text as tx
from rolegraph.ask.parse.vocabulary import _ARTICLES

#: A label before the question ('quiz:', 'For the intro lecture:', 'wiki entry -'): its words and where the rest starts.
_LABEL = re.compile(r"^\s*([^:;?!]{1,60}?)\s*(?::|\s[-\u2013\u2014]+\s)\s*\S")


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, list[tuple[str, ...]]]:
    data = tx.vocabulary()["framing"]
    return {k: [tx.phrase_stems(p) for p in v] for k, v in data.items()}


def _spans(stemmed: list[str], phrases: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Every place a phrase of ``phrases`` is said: (start, end)."""
    found = []
    for p in phrases:
        for i in range(len(stemmed) - len(p) + 1):
            if p and tuple(stemmed[i : i + len(p)]) == p:
                found.append((i, i + len(p)))
    return found


def _joined(stemmed: list[str], at: int, words: list[tuple[str, ...]], step: int) -> int:
    """How many words of ``words`` (phrases) join the span at ``at`` on one side (``step`` -1: before it, 1: after)."""
    for p in sorted(words, key=len, reverse=True):
        span = stemmed[at - len(p) : at] if step < 0 else stemmed[at : at + len(p)]
        if p and tuple(span) == p and (step > 0 or at - len(p) >= 0):
            return len(p)
    return 0


def framing_at(question: str, words: list[str]) -> set[int]:
    """Positions of ``words`` (the question's words) that frame the question: a name of the knowledge base with the word
    citing it before ('as', 'in') and its verb after ('records', 'models'); an occasion after 'for' with up to two words
    between ('for the intro lecture', 'for my wiki page'); a label before a colon or dash that names an occasion
    ('quiz:', 'fill in:'); a word of how it is to be worded ('formally')."""
    t = _table()
    stemmed = tx.stems(words)
    at: set[int] = set()
    for s, e in _spans(stemmed, t["ground"]):
        verb = _joined(stemmed, e, t["recorded"], 1)
        after = verb + (_joined(stemmed, e + verb, t["back"], 1) if verb else 0)
        while s and words[s - 1] in _ARTICLES:
            s -= 1
        at.update(range(s - _joined(stemmed, s, t["citing"], -1), e + after))
    for s, e in _spans(stemmed, t["occasions"]):
        head = next((j for j in range(s - 1, max(-1, s - 4), -1) if (stemmed[j],) in t["heads"]), -1)
        if head >= 0:
            at.update(range(head, e + _joined(stemmed, e, t["tails"], 1)))
    label = _LABEL.match(question)
    said = tx.words(label.group(1)) if label else []
    framed = {i for s, e in _spans(tx.stems(said), t["occasions"] + t["labels"] + t["shape"] + t["tails"]) for i in range(s, e)}
    if framed and said == words[: len(said)]:  # "quiz:", "Formal definition needed for wiki:": the label frames the rest
        at.update(framed | {i for i, w in enumerate(said) if w in tx.stopwords()})
    at.update(i for s, e in _spans(stemmed, t["manner"]) for i in range(s, e))
    return at


def shape_at(words: list[str]) -> set[int]:
    """Positions of the words that say the shape an answer is wanted in ('in bullets', 'the primary deliverable')."""
    return {i for s, e in _spans(tx.stems(words), _table()["shape"]) for i in range(s, e)}


def recording_at(words: list[str]) -> set[int]:
    """Positions of the verbs by which the question says what the knowledge base records ('does the knowledge base
    cite', 'the kb distinguishes'): no cue of what is asked (a source, a difference), as the knowledge base answers."""
    t = _table()
    stemmed = tx.stems(words)
    return {i for _, e in _spans(stemmed, t["ground"]) for i in range(e, e + _joined(stemmed, e, t["recorded"], 1))}
