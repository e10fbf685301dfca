"""Misspelt and clipped words put right against the graph's own words."""

from __future__ import annotations

import functools
import re
from typing import Any

from rolegraph.ask import text as tx
from rolegraph.ask.parse.vocabulary import Cues
from rolegraph.kb import KnowledgeBase


def _corrected(kb: KnowledgeBase, c: Cues, words: list[str], skip: set[int]) -> list[str]:
    """Misspelt words put right against the words of the graph and the cue vocabulary ('reprots' → 'reports')."""
    from rolegraph.ask.retrieve import index

    idx = index(kb)
    out = list(words)
    for i, w in enumerate(words):
        if i in skip or len(w) < 3 or w.isdigit() or w in c.known or idx.known(w) or w in tx.stopwords():
            continue
        known, known_stems = _lexicon(idx, c.known)
        if tx.stem(w) in known_stems:
            continue  # another form of a known word ("prioritises" beside "prioritised")
        from rapidfuzz import process  # only for a word that may be misspelt
        from rapidfuzz.distance import OSA

        matches = process.extract(w, known, scorer=OSA.normalized_similarity, score_cutoff=0.8 if len(w) > 4 else 0.65, limit=5)
        matches.sort(key=lambda m: (-m[1], m[0]))  # ties in a fixed order, whatever the hash seed
        fits = [m[0] for m in matches if len(w) > 4 or sorted(m[0]) == sorted(w)]  # short words: swapped letters only
        if fits or (fits := _clipped(w, known)):
            out[i] = fits[0]
    return out


#: A clipped word has at least this many letters ('goog', 'abbrev'; not 'pub'), and this share of the word it clips.
_CLIP_MIN, _CLIP_SHARE = 4, 0.4


_VOWELS = re.compile(r"(?<=.)[aeiou]")


def _clipped(word: str, known: list[str]) -> list[str]:
    """The one known word (by stem) that ``word`` clips: its start ('goog' → 'google', 'abbrev' → 'abbreviation') or its
    letters without their vowels ('amzn' → 'amazon'); none when several words fit."""
    if not word.isalpha():
        return []
    fits = [k for k in known if (len(word) >= _CLIP_MIN and k.startswith(word) and len(word) >= _CLIP_SHARE * len(k)) or (
        len(word) >= 3 and not _VOWELS.search(word) and len(k) > len(word) and _VOWELS.sub("", k) == word)]
    return sorted(fits, key=len)[:1] if len({tx.stem(k) for k in fits}) == 1 else []


@functools.lru_cache(maxsize=4)
def _lexicon(idx: Any, cue_words: frozenset[str]) -> tuple[list[str], frozenset[str]]:
    """Every word of the graph and the cues (sorted, for a fixed order) and their stems, for spelling correction."""
    known = sorted(cue_words | idx.vocabulary())
    return known, frozenset(tx.stem(w) for w in known)
