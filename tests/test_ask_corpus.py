"""The public `ask` evaluation corpus (tests/ask_corpus/) is well-formed.

Accuracy is measured by benchmarks/ask_eval.py; test_ask_eval.py asserts the bar.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
from ask_eval_support import load_ask_eval

from rolegraph.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]


ask_eval = load_ask_eval()
FAMILIES = ask_eval.load_corpus()
HELDOUT_DIR = ROOT / "tests" / "ask_heldout"
HELDOUT = ask_eval.load_corpus(HELDOUT_DIR)


def test_corpus_is_large_enough() -> None:
    assert sum(len(f.questions) for f in FAMILIES) >= 300


def test_every_capability_has_several_families() -> None:
    per = Counter(f.capability for f in FAMILIES)
    assert {c for c in ask_eval.CAPABILITIES if per[c] < 2} == set()
    assert set(per) <= set(ask_eval.CAPABILITIES), "a family names a capability the runner does not list"


def test_ids_and_questions_are_unique() -> None:
    ids = Counter(f.id for f in FAMILIES)
    assert [i for i, n in ids.items() if n > 1] == []
    asked = Counter((f.previous, q.strip().lower()) for f in FAMILIES for q in f.questions)
    assert [q for q, n in asked.items() if n > 1] == []


def test_families_are_paraphrase_families() -> None:
    """At least three phrasings per need, except follow-up chains (they carry a previous question)."""
    assert [f.id for f in FAMILIES if len(f.questions) < (1 if f.previous else 3)] == []


def test_expectations_are_well_typed() -> None:
    for f in FAMILIES:
        statuses = [f.status] if isinstance(f.status, str) else f.status
        assert statuses and set(statuses) <= set(ask_eval.STATUSES), f.id
        assert all(isinstance(q, str) and q.strip() for q in f.questions), f.id
        assert all(isinstance(w, str) or (isinstance(w, list) and w) for w in f.lead), f.id
        assert all(isinstance(g, list) and g for g in f.must_any), f.id
        assert f.basis in ("", "seed-only", "seed", "seed-article", "external"), f.id
        # a family must check something beyond its status
        assert f.lead or f.must or f.must_any or f.must_not or f.order or f.basis or f.status != "answered", f.id


def test_unknown_keys_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "x.toml").write_text('[[family]]\nid = "a"\ncapability = "count"\nquestions = ["q"]\nmust_have = ["x"]\n')
    with pytest.raises(ValueError, match="unknown keys"):
        ask_eval.load_corpus(tmp_path)


def test_corpus_files_parse_and_hold_only_families() -> None:
    for path in sorted([*(ROOT / "tests" / "ask_corpus").glob("*.toml"), *HELDOUT_DIR.glob("*.toml")]):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        assert set(data) == {"family"}, path.name


def test_heldout_sets_are_well_formed(kb: KnowledgeBase) -> None:
    """tests/ask_heldout/: valid families, ids unique across both corpora, role labels (or level titles) from the graph."""
    assert sum(len(f.questions) for f in HELDOUT) >= 300
    assert {f.capability for f in HELDOUT} == set(ask_eval.CAPABILITIES)
    ids = Counter(f.id for f in [*FAMILIES, *HELDOUT])
    assert [i for i, n in ids.items() if n > 1] == []
    roles = kb.named("roles").records()
    labels = {str(r["label"]).lower() for r in roles}  # role labels, and the titles companies give them at a level
    labels |= {str(t["title"]).lower() for r in roles for t in kb.named("level-titles", role=str(r["role"])).records()}
    for f in HELDOUT:
        statuses = [f.status] if isinstance(f.status, str) else f.status
        assert statuses and set(statuses) <= set(ask_eval.STATUSES), f.id
        terms = [t for w in [*f.lead, *f.order, *f.must] for t in ([w] if isinstance(w, str) else w)]
        assert [t for t in terms if t.lower().endswith(("manager", "engineer")) and t.lower() not in labels] == [], f.id


def test_role_labels_named_in_expectations_exist(kb: KnowledgeBase) -> None:
    """Any "... Manager"/"... Engineer" phrase in lead, order or must is a role label from the graph."""
    labels = {str(r["label"]).lower() for r in kb.named("roles").records()}
    for f in FAMILIES:
        terms = [t for w in [*f.lead, *f.order, *f.must] for t in ([w] if isinstance(w, str) else w)]
        for term in terms:
            if term.lower().endswith(("manager", "engineer")):
                assert term.lower() in labels, f"{f.id}: {term!r} is not a role label"


@pytest.mark.parametrize(
    ("term", "text", "hit"),
    [
        ("no", "no, it does not", True),
        ("no", "not really", False),
        ("engineer", "works with engineers", True),
        ("Product Manager", "a technical-product  manager", True),
        ("3", "13 teams", False),
        ("day to day", "its day-to-day work", True),
        ("Booking.com", "uber and booking.com", True),
        ("%", "about 20% more", True),
    ],
)
def test_matching_is_by_whole_words(term: str, text: str, hit: bool) -> None:
    assert ask_eval.occurs(term, ask_eval.norm(text)) is hit


def test_order_does_not_find_a_label_inside_a_longer_one() -> None:
    text = ask_eval.norm("Technical Product Manager, then Project Manager, then Product Manager")
    assert ask_eval.in_order(["Technical Product Manager", "Project Manager", "Product Manager"], text)
    assert not ask_eval.in_order(["Product Manager", "Technical Product Manager"], text)


class _Result:
    def __init__(self, meta: dict[str, object], notes: list[str]) -> None:
        self.meta, self.notes, self.tables = meta, notes, []


def test_check_reports_each_shortfall() -> None:
    family = ask_eval.Family(id="x", capability="count", questions=["q"], lead=[["3", "three"]], must=["teams"],
                             must_not=["Software Engineer"], basis="seed-only", status="answered")
    right = _Result({"lead": "About 3 or more.", "status": "answered", "answer": [{"text": "engineering teams", "basis": "seed-article"}]}, [])
    assert ask_eval.check(family, ask_eval.observe(right)) == []
    wrong = _Result({"lead": "Several.", "status": "abstained",
                     "answer": [{"text": "From Software Engineer", "basis": "external"}]}, [])
    reasons = ask_eval.check(family, ask_eval.observe(wrong))
    assert len(reasons) == 5


def test_old_engine_results_degrade() -> None:
    """Without lead/status the first item's text is the lead and the status reads answered."""
    seen = ask_eval.observe(_Result({"answer": [{"text": "The Technical Product Manager owns the what.", "basis": "seed"}]}, ["a note"]))
    assert seen.status == "answered" and seen.lead.startswith("The Technical Product Manager")
    assert "a note" in seen.text


def test_summary_line_names_the_lowest_capability() -> None:
    f1 = ask_eval.Family(id="a", capability="count", questions=["q"])
    f2 = ask_eval.Family(id="b", capability="team", questions=["q"])
    outcomes = [ask_eval.Outcome(f1, "q", []), ask_eval.Outcome(f2, "q", ["wrong"]), ask_eval.Outcome(f2, "r", [])]
    assert ask_eval.summary(outcomes)["line"] == "ask-eval: overall 66.7% (2/3); lowest team 50.0%"


def test_runner_runs_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The runner asks the real engine (follow-ups with the previous plan) and closes with its line."""
    (tmp_path / "x.toml").write_text(
        '[[family]]\nid = "a"\ncapability = "ownership"\nquestions = ["who owns the what"]\nmust = ["what"]\n\n'
        '[[family]]\nid = "b"\ncapability = "follow-ups"\nprevious = "who owns the what"\nquestions = ["and the when?"]\nmust = ["when"]\n'
    )
    assert ask_eval.main(["--corpus", str(tmp_path), "-v"]) == 0
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(r"ask-eval: overall \d+\.\d% \(\d/2\); lowest [a-z-]+ \d+\.\d%", last), last
