"""A learned intent score beside the cue phrases: a linear model over tf-idf features of the question's stems.

The model (``intents.json`` beside this module) is trained at development time from the public corpus
(``python benchmarks/train_intents.py``, scikit-learn); here it is read and applied in pure Python, so asking
a question imports neither scikit-learn nor numpy. :func:`features` is the one feature extractor both use.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from itertools import pairwise
from pathlib import Path
from typing import Any

from rolegraph.ask.text import compiled

MODEL = Path(__file__).parent / "intents.json"
#: The class of questions that name no intent (answered by full-text search alone).
NONE = "none"
#: Lengths of the character n-grams taken inside each stem.
CHAR_NGRAMS = (3,)


def features(stems: list[str]) -> list[str]:
    """The features of a question read as stems (a role name is ``|``): each stem (``w``), each pair of neighbouring
    stems (``b``), and the character n-grams of each stem padded with spaces (``c``), so that another form or a
    misspelling of a word shares most of its features."""
    out = [f"w {s}" for s in stems]
    out += [f"b {a} {b}" for a, b in pairwise(stems)]
    for s in stems:
        if s != "|" and len(s) > 2:
            padded = f" {s} "
            out += [f"c {padded[i : i + n]}" for n in CHAR_NGRAMS for i in range(len(padded) - n + 1)]
    return out


@functools.lru_cache(maxsize=1)
def model() -> dict[str, Any]:
    """The shipped model: ``classes``, ``intercepts``, ``scale`` and ``features`` (feature → [idf, class, weight, …]);
    kept compiled between processes like the cues (reading the JSON costs five times as much)."""
    return compiled("intent-model", lambda: json.loads(MODEL.read_text(encoding="utf-8")))


def probabilities(stems: list[str]) -> dict[str, float]:
    """Each intent's probability for a question read as ``stems`` (``|`` for a role name) by the shipped model;
    the :data:`NONE` class is left out."""
    return {c: p for c, p in apply(model(), stems).items() if c != NONE}


def apply(m: dict[str, Any], stems: list[str]) -> dict[str, float]:
    """Each intent's probability by model ``m``: tf-idf (sublinear tf, L2-normalised) times each intent's weights
    (a linear SVM, one intent against the rest) plus its intercept, then a softmax of those margins times the
    model's ``scale``."""
    table = m["features"]
    counts = Counter(f for f in features(stems) if f in table)
    values = {f: (1.0 + math.log(n)) * table[f][0] for f, n in counts.items()}
    norm = math.sqrt(sum(v * v for v in values.values())) or 1.0
    margins = list(m["intercepts"])
    for f, v in values.items():
        row = table[f]
        for k in range(1, len(row), 2):
            margins[int(row[k])] += v / norm * row[k + 1]
    top = max(margins)
    exp = [math.exp(m["scale"] * (x - top)) for x in margins]
    total = sum(exp)
    return {c: e / total for c, e in zip(m["classes"], exp, strict=True)}
