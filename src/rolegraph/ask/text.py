"""Question text → bounded, normalised words and their stems (Snowball, via PyStemmer)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from rolegraph.ask import cache
from rolegraph.resolve import normalise

T = TypeVar("T")

#: Longest question read, in characters and in words; the rest is ignored (bounded work per question).
MAX_CHARS = 600
MAX_WORDS = 80



@functools.lru_cache(maxsize=1)
def vocabulary() -> dict[str, Any]:
    """The cue vocabulary file ``cues.toml`` beside this module, parsed (kept compiled, see :func:`compiled`)."""
    return compiled("vocabulary", _read_vocabulary)


def _read_vocabulary() -> dict[str, Any]:
    import tomllib

    return tomllib.loads((Path(__file__).parent / "cues.toml").read_text(encoding="utf-8"))


def compiled(name: str, build: Callable[[], T]) -> T:
    """``build()``, kept in the cache directory until ask's code or ``cues.toml`` change (see :mod:`rolegraph.ask.cache`):
    parsing the vocabulary and stemming its phrases costs more than a question does. ``build`` returns plain
    data (dicts, lists, tuples, sets, strings, numbers)."""
    path = cache.directory() / cache.file_name(f"ask-{name}", str(Path(__file__).parent), ".marshal")
    key = _stamp()
    value = cache.load(path, key)
    if value is None:
        value = build()
        cache.save(path, key, value)
    return value  # type: ignore[no-any-return]


@functools.lru_cache(maxsize=1)
def _stamp() -> str:
    return cache.code_stamp()


def stopwords() -> frozenset[str]:
    """Words that carry no meaning for search (``[stopwords]`` in cues.toml)."""
    return _stopwords()


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    return frozenset(vocabulary()["stopwords"]["words"])


@functools.lru_cache(maxsize=1)
def _stemmer() -> object:
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer: the Snowball stemmers in C

    return Stemmer.Stemmer("english")


@functools.lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The Snowball (English) stem of one lower-case word."""
    return str(_stemmer().stemWord(word))  # type: ignore[attr-defined]


def clip(question: str) -> str:
    """The question cut to :data:`MAX_CHARS` characters (at a word boundary)."""
    if len(question) <= MAX_CHARS:
        return question
    cut = question[:MAX_CHARS]
    return cut.rsplit(None, 1)[0] if " " in cut else cut


#: Capital letters typed one by one ("T P M", "S D M"): a run of at least two, each after one space.
_SPELT = re.compile(r"\b(?!I\b)[A-Z](?: [A-Z]\b)+")  # not the pronoun: "I A M new"


def spelt_out(question: str) -> str:
    """Capital letters typed one by one read as the short form they spell: "T P M = ?" is "TPM = ?"."""
    return _SPELT.sub(lambda m: m.group().replace(" ", ""), question)


def words(question: str) -> list[str]:
    """Normalised words of the (clipped) question, at most :data:`MAX_WORDS`."""
    contractions = vocabulary()["contractions"]  # typed without the apostrophe: "whats", "im", "u"
    said = [part for w in normalise(_symbols(spelt_out(clip(question)))).split()[:MAX_WORDS] for part in contractions.get(w, (w,))]
    return _verbs(_chat(said))


def _symbols(question: str) -> str:
    """Symbols of ``[symbols]`` as the words they stand for ("# streaming companies": number of), not beside a figure ("#1",
    "20%": the figure says it)."""
    table = vocabulary().get("symbols", {})
    if not any(s in question for s in table):
        return question
    return re.sub(r"(?<!\d)(" + "|".join(map(re.escape, table)) + r")(?!\s*\d)", lambda m: f" {table[m.group(1)]} ", question)


def _chat(said: list[str]) -> list[str]:
    """Chat phrases of ``[chat]`` ("y/n", "doing good") as the words they stand for ("yes or no", "doing well")."""
    table = vocabulary().get("chat", {})
    out: list[str] = []
    i = 0
    while i < len(said):
        found = next((p for p in table if said[i : i + len(p.split())] == p.split()), None)
        out.extend(table[found] if found else said[i : i + 1])
        i += len(found.split()) if found else 1
    return out


def _verbs(said: list[str]) -> list[str]:
    """Nouns of ``[verb_nouns]`` between a subject and an object as the verbs they stand for ("who authors it": writes)."""
    table = vocabulary()["verb_nouns"]
    return [table["verbs"][w] if w in table["verbs"] and ((i and said[i - 1] in table["subjects"]) or (
        i + 1 < len(said) and said[i + 1] in table["objects"])) else w for i, w in enumerate(said)]


@functools.lru_cache(maxsize=64)
def word_set(name: str) -> frozenset[str]:
    """A word set of ``[word_sets]`` in cues.toml."""
    return frozenset(word_list(name))


def word_list(name: str) -> list[str]:
    """A word list of ``[word_sets]`` in cues.toml, in its order."""
    return list(vocabulary()["word_sets"][name])


@functools.lru_cache(maxsize=8)
def answer_words(name: str) -> frozenset[str]:
    """A word list of ``[answer_words]`` in cues.toml."""
    return frozenset(vocabulary()["answer_words"][name])


def focus_stems(dimension: str) -> tuple[str, ...]:
    """Starts of stems that narrow a dimension answer to a slice of it (``[focus]`` in cues.toml: "blame" for metrics)."""
    return tuple(vocabulary().get("focus", {}).get(dimension, ()))


def synonyms(word: str) -> list[str]:
    """Words the texts use for ``word`` (``[synonyms]`` in cues.toml), looked up by the word or its stem
    ("originated" finds the entry for "originate")."""
    return _synonyms().get(word) or _synonyms().get(stem(word), [])


@functools.lru_cache(maxsize=1)
def _synonyms() -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    for key, phrases in vocabulary().get("synonyms", {}).items():
        words = [w for phrase in phrases for w in phrase.split()]
        table[key] = words
        if stem(key) != key:  # every entry whose key has this stem ('origin', 'originate')
            table[stem(key)] = list(dict.fromkeys(table.get(stem(key), []) + words))
    return table


def stems(tokens: list[str]) -> list[str]:
    """The stem of each word."""
    return [stem(t) for t in tokens]


def content_words(tokens: list[str]) -> list[str]:
    """Words that carry meaning: no stop words, no single letters, no bare numbers."""
    return [t for t in tokens if t not in stopwords() and len(t) > 1 and not t.isdigit()]


def in_figures(phrase: str) -> str:
    """``phrase`` with its number words ([numbers] in cues.toml) in figures: "in one sentence" → "in 1 sentence"."""
    numbers = vocabulary()["numbers"]
    return " ".join(str(numbers.get(w, w)) for w in normalise(phrase).split())


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """A cue phrase as a tuple of stems."""
    return tuple(stem(w) for w in normalise(phrase).split())


def find_phrase(stemmed: list[str], phrase: tuple[str, ...]) -> int:
    """Position of ``phrase`` (stems) in ``stemmed``, or -1."""
    n = len(phrase)
    for i in range(len(stemmed) - n + 1):
        if tuple(stemmed[i : i + n]) == phrase:
            return i
    return -1


_SENTENCE = re.compile(r"[?;+]+|\.\s+|\band also\b|\bplus\b|\balso\b"
                       r"|(?:,?\s+and)?\s*(?:\((?:[a-f]|[1-6]|i{1,3}|iv)\)|(?<![\w(])(?:[a-f]|[1-6])\))\s+"  # "(a) …, and (b) …", "1) …"
                       r"|,?\s+and\s+(?=(?:how|what|who|which|why|when|where|do|does|is|are|can|should)\b)"
                       r"|,\s*(?=(?:how|what|who|which|why|when|where)\b)"
                       r"|\s+[-\u2013\u2014]+\s+(?=(?:do|does|did|is|are|can|could|should|will|would|has|have) (?:she|he|they|i|we|you)\b)",
                       re.IGNORECASE)


def split_parts(question: str) -> list[str]:
    """Candidate parts of a multi-part question (split at '?', ';', '. ', 'and also', 'also', a numbering mark ('(a)',
    'b)', '(ii)'), and a dash before a closed question about a person: 'my sister is a pm - does she …')."""
    return [p.strip() for p in _SENTENCE.split(clip(question)) if p and p.strip()]
