"""ask's learned intent score (rolegraph.ask.learned): what it reads, how it combines with the cues, and that the
shipped model is the one its training data gives (benchmarks/train_intents.py)."""

from __future__ import annotations

import importlib
import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from rolegraph.ask import ask, learned, parse
from rolegraph.ask.parse import INTENT_MIN, LEARNED_MIN
from rolegraph.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
parse_module = importlib.import_module("rolegraph.ask.parse")  # the module: ``rolegraph.ask.parse`` is also the function


def trainer() -> ModuleType:
    """benchmarks/train_intents.py, loaded as a module."""
    if "train_intents" in sys.modules:
        return sys.modules["train_intents"]
    sys.path.insert(0, str(ROOT / "benchmarks"))
    spec = importlib.util.spec_from_file_location("train_intents", ROOT / "benchmarks" / "train_intents.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_intents"] = module
    spec.loader.exec_module(module)
    return module


def test_the_model_names_an_intent_no_cue_names(kb: KnowledgeBase) -> None:
    """'who sits above a tpgm': no cue phrase covers it (the cues alone read it as what TPGM stands for); the model
    reads the team question, and the answer has the reporting line."""
    result = ask(kb, "who sits above a tpgm")
    plan = result.meta["plan"]
    assert plan["intents"][:1] == ["team"]
    scored = plan["scores"]["team"]
    assert scored["cues"] < INTENT_MIN <= scored["total"] and scored["learned"] >= LEARNED_MIN  # the model decided it
    assert "reports to" in result.meta["lead"]


@pytest.mark.parametrize(("probability", "decides"), [(0.9, True), (LEARNED_MIN - 0.01, False)])
def test_the_model_decides_only_where_the_cues_are_silent_and_it_is_sure(
        kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, probability: float, decides: bool) -> None:
    monkeypatch.setattr(parse_module, "probabilities", lambda stems: {"growth": probability, "team": 1 - probability})
    assert (parse(kb, "everyone is a tpgm now, why").intents[:1] == ["growth"]) is decides
    plan = parse(kb, "which skills separate a tech pm from a tech pgm?")  # a cue names it: the model's reading is only shown
    assert plan.intents[:1] == ["separate"] and plan.scores["growth"] == {"cues": 0, "learned": probability, "total": 0.0}


def test_a_negative_cue_rules_the_model_out(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    """'user interviews' (-3 for interview in cues.toml) is no interview question, however sure the model is."""
    monkeypatch.setattr(parse_module, "probabilities", lambda stems: {"interview": 0.99})
    assert "interview" not in parse(kb, "who does the user interviews, the product tpm or the program tpm").intents


def test_the_score_is_tf_idf_times_weights_then_softmax() -> None:
    model = {"classes": ["none", "team"], "intercepts": [0.5, -0.5], "scale": 2.0,
             "features": {"w boss": [2.0, 1, 1.0], "w the": [1.0, 0, 0.25]}}
    # 'boss' twice (tf 1 + ln 2) at idf 2, 'the' once at idf 1; an unknown word counts for nothing
    boss, the = (1 + math.log(2)) * 2.0, 1.0
    norm = math.hypot(boss, the)
    margins = [0.5 + the / norm * 0.25, -0.5 + boss / norm * 1.0]
    expected = math.exp(2.0 * margins[1]) / (math.exp(2.0 * margins[0]) + math.exp(2.0 * margins[1]))
    assert learned.apply(model, ["boss", "the", "boss", "unknown"])["team"] == pytest.approx(expected)


def test_features_are_stems_pairs_and_letter_runs() -> None:
    assert learned.features(["|", "boss"]) == ["w |", "w boss", "b | boss", "c  bo", "c bos", "c oss", "c ss "]


def test_the_shipped_model_was_trained_on_the_current_corpus() -> None:
    """Adding or editing a corpus family means retraining: python benchmarks/train_intents.py."""
    train = trainer()
    labels = json.loads(train.LABELS.read_text(encoding="utf-8"))
    model = json.loads(learned.MODEL.read_text(encoding="utf-8"))
    assert labels["corpus"] == train.corpus_hash(), "the corpus changed since labelling: run python benchmarks/train_intents.py"
    assert model["corpus"] == labels["corpus"] and model["labels"] == train.examples_hash(labels["examples"])


def test_retraining_reproduces_the_shipped_model() -> None:
    train = trainer()
    examples = json.loads(train.LABELS.read_text(encoding="utf-8"))["examples"]
    model = json.loads(learned.MODEL.read_text(encoding="utf-8"))
    again = train.train(examples)
    assert again["classes"] == model["classes"] and again["scale"] == model["scale"]
    assert again["intercepts"] == pytest.approx(model["intercepts"], abs=2e-4)
    assert again["features"].keys() == model["features"].keys()
    for name, row in model["features"].items():
        assert again["features"][name] == pytest.approx(row, abs=2e-3), name


def test_asking_imports_no_scikit_learn_or_numpy() -> None:
    code = ("import sys; from rolegraph import open_kb; from rolegraph.ask import ask; "
            "ask(open_kb(), 'everyone is a tpgm now, why'); print(sorted({'sklearn', 'numpy', 'scipy'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
