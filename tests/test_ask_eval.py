"""`ask` clears the bar of issue 10 on the public corpus (tests/ask_corpus/): at least 95 % of the questions
right overall and no capability below 90 %. The corpus is run through benchmarks/ask_eval.py's own functions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ask_eval_support import load_ask_eval

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Result

OVERALL = 95.0
PER_CAPABILITY = 90.0

ask_eval = load_ask_eval()


def shortfalls(report: dict[str, Any]) -> list[str]:
    """What keeps a report under the bar: the overall score, and each capability below its minimum."""
    def pct(stats: dict[str, int]) -> float:
        return 100.0 * stats["passed"] / stats["total"]

    out = [f"overall {pct(report['overall']):.1f}%"] if pct(report["overall"]) < OVERALL else []
    return out + [f"{name} {pct(stats):.1f}%" for name, stats in report["capabilities"].items() if pct(stats) < PER_CAPABILITY]


def evaluate(engine: Callable[..., Result], kb: KnowledgeBase) -> dict[str, Any]:
    report: dict[str, Any] = ask_eval.summary(ask_eval.evaluate(ask_eval.load_corpus(), ask_eval.asker(engine, kb)))
    return report


def test_ask_clears_the_bar(kb: KnowledgeBase) -> None:
    report = evaluate(ask, kb)
    assert shortfalls(report) == [], report["line"]


def _echo(kb: KnowledgeBase, question: str) -> Result:
    """An engine that answers every question with the question itself."""
    return Result(question, [], meta={"lead": question, "status": "answered", "answer": [{"text": question, "basis": "seed"}]})


def test_an_engine_that_echoes_the_question_falls_short(kb: KnowledgeBase) -> None:
    report = evaluate(_echo, kb)
    assert shortfalls(report)[:1] == [f"overall {100.0 * report['overall']['passed'] / report['overall']['total']:.1f}%"]
