"""Train ask's learned intent score (src/rolegraph/ask/intents.json) from the public corpus (tests/ask_corpus/).

    python benchmarks/train_intents.py    # label the corpus, train, write the labels and the model

It also prints family-grouped cross-validation accuracy: cues alone, learned alone, combined.

Labels: every public question is asked with the cues alone (the learned score switched off); each one that
passes its evaluation gives one example, its reading (the stems the intents were scored on) labelled with the
intent the cues ranked first (``none`` when no intent). Each part of a multi-part question is an example of its
own. The labels go to tests/ask_corpus/intent-labels.json, the model to the package; both record the corpus
hash, and the model the labels' hash (tests/test_ask_learned.py fails when either is stale). Never trained on
tests/ask_heldout/. Needs scikit-learn (the ``test`` extra); ask itself never imports it.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import math
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ask_eval

from rolegraph.ask import learned

parse = importlib.import_module("rolegraph.ask.parse")  # the module (``rolegraph.ask.parse`` is also the function)

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "ask_corpus" / "intent-labels.json"
#: Regularisation of the linear SVM (inverse strength), chosen by grouped cross-validation.
C = 1.0
#: Weights smaller than this are dropped from the shipped model (a fifth of its size, as accurate in
#: grouped cross-validation); the rest are rounded to 3 decimals.
MIN_WEIGHT = 0.15
FOLDS = 5


def corpus_hash(directory: Path = ask_eval.CORPUS) -> str:
    """sha256 of the corpus files (names and contents, in order): any change to a family changes it."""
    digest = hashlib.sha256()
    for path in sorted(directory.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def examples_hash(examples: list[dict[str, Any]]) -> str:
    """sha256 of the labelled examples (reading and intent, in order)."""
    return hashlib.sha256(json.dumps([[e["reading"], e["intent"]] for e in examples]).encode()).hexdigest()


def cue_intent(scores: dict[str, dict[str, float]]) -> str:
    """The intent the cues rank first in a plan's scores (``none`` when no intent)."""
    cues_only = {n: {**s, "total": s["cues"]} for n, s in scores.items()}
    return (parse._ranked_intents(parse.cues(), cues_only) or [learned.NONE])[0]


def label() -> list[dict[str, Any]]:
    """One example per passing question (per part of a multi-part one), asked with the cues alone."""
    from rolegraph import open_kb
    from rolegraph.ask import ask

    run = ask_eval.asker(ask, open_kb())
    examples: list[dict[str, Any]] = []
    for family in ask_eval.load_corpus():
        for question in family.questions:
            before = run(family.previous) if family.previous else None
            result = run(question, before)
            if ask_eval.check(family, ask_eval.observe(result)):
                continue  # a reading not verified by its answer
            plan = result.meta["plan"]
            for p in plan["parts"] or [plan]:
                examples.append({"family": family.id, "question": p["question"], "reading": p["reading"],
                                 "intent": cue_intent(p["scores"])})
    return examples


def fit(examples: list[dict[str, Any]]) -> Any:
    """A tf-idf (sublinear tf, L2) + linear SVM (one intent against the rest) pipeline over :func:`learned.features`."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    pipe = make_pipeline(TfidfVectorizer(analyzer=learned.features, sublinear_tf=True), LinearSVC(C=C, random_state=0))
    pipe.fit([e["reading"] for e in examples], [e["intent"] for e in examples])
    return pipe


def export(pipe: Any, scale: float = 1.0) -> dict[str, Any]:
    """The fitted pipeline as the model file's data (what :func:`learned.apply` reads): weights under
    :data:`MIN_WEIGHT` dropped, the rest rounded."""
    vectorizer, svm = pipe.steps[0][1], pipe.steps[1][1]
    features: dict[str, list[float]] = {}
    for name, column in sorted(vectorizer.vocabulary_.items()):
        row: list[float] = [round(float(vectorizer.idf_[column]), 4)]
        for k in range(len(svm.classes_)):
            weight = float(svm.coef_[k, column])
            if abs(weight) >= MIN_WEIGHT:
                row += [k, round(weight, 3)]
        if len(row) > 1:
            features[name] = row
    return {"classes": [str(c) for c in svm.classes_], "intercepts": [round(float(b), 4) for b in svm.intercept_],
            "scale": scale, "features": features}


def model_json(data: dict[str, Any]) -> str:
    """The model file's text: one feature a line, so a diff shows what changed."""
    head = {k: v for k, v in data.items() if k != "features"}
    lines = [f"  {json.dumps(name)}: {json.dumps(row)}" for name, row in data["features"].items()]
    return json.dumps(head, indent=1)[:-2] + ',\n "features": {\n' + ",\n".join(lines) + "\n }\n}\n"


def margins(data: dict[str, Any], reading: list[str]) -> dict[str, float]:
    """Each class's margin by model ``data`` (its log-probability at scale 1, up to a constant)."""
    return {c: math.log(p) for c, p in learned.apply({**data, "scale": 1.0}, reading).items()}


def out_of_fold(examples: list[dict[str, Any]]) -> list[dict[str, float]]:
    """Each example's margins by a model trained without its family (family-grouped folds)."""
    from sklearn.model_selection import GroupKFold

    found: list[dict[str, float]] = [{} for _ in examples]
    for kept, test in GroupKFold(n_splits=FOLDS).split(examples, groups=[e["family"] for e in examples]):
        data = export(fit([examples[i] for i in kept]))
        for i in test:
            found[i] = margins(data, examples[i]["reading"])
    return found


def softmax(m: dict[str, float], scale: float) -> dict[str, float]:
    top = max(m.values())
    exp = {c: math.exp(scale * (v - top)) for c, v in m.items()}
    total = sum(exp.values())
    return {c: v / total for c, v in exp.items()}


def fitted_scale(examples: list[dict[str, Any]], held: list[dict[str, float]]) -> float:
    """The softmax scale (temperature) that makes the out-of-fold probabilities likeliest for the labels."""
    def loss(scale: float) -> float:
        return -sum(math.log(softmax(m, scale).get(e["intent"], 0.0) or 1e-12) for e, m in zip(examples, held, strict=True))
    return min((s / 2 for s in range(1, 41)), key=loss)


def train(examples: list[dict[str, Any]]) -> dict[str, Any]:
    """The model data for ``examples``: the pipeline fitted on all of them, its softmax scale from the grouped folds."""
    return export(fit(examples), fitted_scale(examples, out_of_fold(examples)))


def report(examples: list[dict[str, Any]], held: list[dict[str, float]], scale: float) -> str:
    """Family-grouped cross-validation (a family's paraphrases never in train and test at once): how often the
    cues alone, the learned model alone and the two combined (as :func:`parse.intent_scores` combines them) give
    a held-out family's verified label. The cues give it every time by construction (the labels are their
    verified readings): 'combined' below 100 % counts the verified readings the learned score would overturn."""
    right = {"cues": 0, "learned": 0, "combined": 0}
    for e, m in zip(examples, held, strict=True):
        probs = softmax(m, scale)
        parse.probabilities = lambda stems, p=probs: {n: v for n, v in p.items() if n != learned.NONE}
        scores = parse.intent_scores(parse.cues(), e["reading"])
        right["cues"] += cue_intent(scores) == e["intent"]
        right["learned"] += max(probs, key=probs.__getitem__) == e["intent"]
        right["combined"] += (parse._ranked_intents(parse.cues(), scores) or [learned.NONE])[0] == e["intent"]
    return f"grouped CV ({FOLDS} folds by family, {len(examples)} examples): " + ", ".join(
        f"{k} {100.0 * v / len(examples):.1f}%" for k, v in right.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--labels", action="store_true", help="reuse the labels file (skip labelling; for trying settings)")
    args = parser.parse_args(argv)
    corpus = corpus_hash()
    if args.labels:
        examples = json.loads(LABELS.read_text(encoding="utf-8"))["examples"]
    else:
        parse.probabilities = lambda stems: {}  # the cues alone: the labels must not depend on the model being trained
        examples = label()
        lines = ",\n".join(json.dumps(e) for e in examples)  # one example a line, so a diff shows what changed
        LABELS.write_text(f'{{"corpus": "{corpus}", "examples": [\n{lines}\n]}}\n', encoding="utf-8")
    counts: dict[str, int] = {}
    for e in examples:
        counts[e["intent"]] = counts.get(e["intent"], 0) + 1
    print(f"{len(examples)} examples from {len({e['family'] for e in examples})} families: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
    held = out_of_fold(examples)
    scale = fitted_scale(examples, held)
    print(report(examples, held, scale))
    data = {"corpus": corpus, "labels": examples_hash(examples), **export(fit(examples), scale)}
    learned.MODEL.write_text(model_json(data), encoding="utf-8")
    print(f"wrote {learned.MODEL} ({learned.MODEL.stat().st_size // 1024} KB, {len(data['features'])} features, scale {scale})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
