"""Run the public `ask` evaluation corpus (tests/ask_corpus/*.toml) and report accuracy.

    python benchmarks/ask_eval.py [-v] [--capability X] [--json] [--corpus DIR]

It is a measurement, not a test: the exit code is always 0. The last line of the plain
report reads ``ask-eval: overall P% (N/M); lowest CAPABILITY Q%``.

Case format: each corpus file holds ``[[family]]`` tables, one need phrased several ways::

    [[family]]
    id = "ownership-what-why"          # unique across the corpus
    capability = "ownership"           # the capability it measures
    questions = ["who owns the what and the why", "which tpm is responsible for why we build stuff"]
    lead = ["Technical Product Manager"]   # all must appear in meta["lead"] (the direct answer line);
                                           # an entry may be a list of alternatives: [["3", "three"]]
    order = ["Product Manager", "Project Manager"]  # optional: these appear in the lead in this order
    must = ["what", "why"]                 # all must appear in the answer text
    must_any = [["customer", "user"]]      # each group: at least one appears in the answer text
    must_not = ["Software Engineer"]       # none may appear in the answer text
    status = "answered"                    # default; or abstained / unknown-role / ambiguous-role / cannot-parse,
                                           # or a list of statuses that are all right for this need
    basis = "seed-only"                    # optional: "seed-only" = every answer item's basis names seed or
                                           # seed-article; any other string: every item's basis contains it
    previous = "who owns the what?"        # optional: asked first; each question is a follow-up to it

Every question of a family must meet every expectation of the family. Matching is
case-insensitive, with runs of whitespace, hyphens and dashes read as one space, and by
whole words (a trailing plural "s"/"es" allowed): "no" does not match "not", "engineer"
matches "engineers".
"Answer text" is the lead, each answer item's text, every table cell and the result notes.

The engine contract is ``rolegraph.ask.ask(kb, question, previous=...)`` returning a
``Result`` whose ``meta`` has ``lead``, ``status`` and ``answer``. With an older engine
(no ``lead``/``status``, no ``previous``) the first answer item's text stands in for the
lead, the status reads "answered", and a follow-up is asked without its context.
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "ask_corpus"
STATUSES = ("answered", "abstained", "unknown-role", "ambiguous-role", "cannot-parse")
KEYS = {"id", "capability", "questions", "lead", "order", "must", "must_any", "must_not", "status", "basis", "previous"}
CAPABILITIES = (
    "ownership", "separate", "shared", "team", "day-to-day", "deliverables", "metrics", "transitions", "companies",
    "definitions", "abbreviations", "neighbours", "seed-author", "facts", "yes-no", "which-one", "ranking", "count",
    "multi-part", "seed-scoped", "premises", "unknown-roles", "ambiguous", "person", "unanswerable", "follow-ups",
    "levels", "collaboration", "interviews",
)
_SPACES = re.compile(r"[\s\-\u2010-\u2015\u2212]+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def norm(text: str) -> str:
    """Lower case, curly quotes made straight, runs of whitespace/hyphens/dashes as one space."""
    return _SPACES.sub(" ", text.translate(_QUOTES).lower()).strip()


def find(term: str, text: str) -> int:
    """Where ``term`` first occurs in normalised ``text`` as whole words (plural allowed); -1 if absent."""
    term = norm(term)
    left = "(?<![a-z0-9])" if term[:1].isalnum() else ""
    right = "(?:e?s)?(?![a-z0-9])" if term[-1:].isalnum() else ""
    found = re.search(left + re.escape(term) + right, text)
    return found.start() if found else -1


def occurs(term: str | list[str], text: str) -> bool:
    """True when the term (or, for a list, any of its alternatives) occurs in normalised ``text``."""
    return any(find(t, text) >= 0 for t in ([term] if isinstance(term, str) else term))


def in_order(terms: list[str], text: str) -> bool:
    """True when every term occurs in ``text`` and they come in the given order. Longer terms are
    placed first, so "Product Manager" is not found inside "Technical Product Manager"."""
    positions: dict[str, int] = {}
    for term in sorted(terms, key=len, reverse=True):
        at = find(term, text)
        if at < 0:
            return False
        positions[term] = at
        text = text[:at] + "#" * len(norm(term)) + text[at + len(norm(term)):]
    return [positions[t] for t in terms] == sorted(positions[t] for t in terms)


@dataclass
class Family:
    """One need, phrased several ways, and what a right answer contains."""

    id: str
    capability: str
    questions: list[str]
    lead: list[str | list[str]] = field(default_factory=list)
    order: list[str] = field(default_factory=list)
    must: list[str] = field(default_factory=list)
    must_any: list[list[str]] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    status: str | list[str] = "answered"
    basis: str = ""
    previous: str = ""
    file: str = ""


def load_corpus(directory: Path = CORPUS) -> list[Family]:
    """Every family of every ``*.toml`` file in ``directory``, in file order."""
    families = []
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for raw in data.get("family", []):
            unknown = set(raw) - KEYS
            if unknown:
                raise ValueError(f"{path.name}: family {raw.get('id')!r} has unknown keys {sorted(unknown)}")
            families.append(Family(**raw, file=path.name))
    return families


@dataclass
class Observed:
    """What one answer showed, reduced to what the corpus checks."""

    status: str
    lead: str
    text: str
    bases: list[str]


def observe(result: Any) -> Observed:
    """Read status, lead, answer text and item bases from a Result (old or new engine)."""
    meta = result.meta
    items = meta.get("answer") or []
    lead = meta.get("lead")
    if lead is None:  # old engine: the first item is the nearest thing to a direct answer
        lead = items[0]["text"] if items else ""
    elif not isinstance(lead, str):
        lead = " ".join(str(x) for x in lead)
    parts = [lead, *(str(i.get("text", "")) for i in items)]
    for table in result.tables:
        parts += [str(cell) for row in table.rows for cell in row if cell is not None]
        parts += list(table.notes)
    parts += list(result.notes)
    return Observed(str(meta.get("status") or "answered"), lead, "\n".join(parts), [str(i.get("basis") or "") for i in items])


def check(family: Family, seen: Observed) -> list[str]:
    """The reasons an answer falls short of the family's expectations (empty when right)."""
    reasons = []
    statuses = [family.status] if isinstance(family.status, str) else family.status
    if seen.status not in statuses:
        reasons.append(f"status {seen.status!r}, expected {' or '.join(map(repr, statuses))}")
    lead, text = norm(seen.lead), norm(seen.text)
    reasons += [f"lead lacks {w!r}" for w in family.lead if not occurs(w, lead)]
    if family.order and not in_order(family.order, lead):
        reasons.append(f"lead does not list {family.order!r} in that order")
    reasons += [f"answer lacks {w!r}" for w in family.must if not occurs(w, text)]
    reasons += [f"answer lacks any of {g!r}" for g in family.must_any if not occurs(g, text)]
    reasons += [f"answer contains {w!r}" for w in family.must_not if occurs(w, text)]
    if family.basis == "seed-only":
        reasons += [f"item basis {b!r} is not seed" for b in seen.bases if "seed" not in b]
    elif family.basis:
        reasons += [f"item basis {b!r} lacks {family.basis!r}" for b in seen.bases if family.basis not in b]
    return reasons


def asker(ask: Callable[..., Any], kb: Any) -> Callable[[str, Any], Any]:
    """``ask`` bound to ``kb``; the previous answer's plan is passed on when the engine takes it."""
    takes_previous = "previous" in inspect.signature(ask).parameters

    def run(question: str, previous: Any = None) -> Any:
        if takes_previous and previous is not None:
            return ask(kb, question, previous=previous.meta.get("plan"))
        return ask(kb, question)

    return run


@dataclass
class Outcome:
    """One question's verdict."""

    family: Family
    question: str
    reasons: list[str]


def evaluate(families: Iterable[Family], run: Callable[[str, Any], Any]) -> list[Outcome]:
    """Ask every question (after its ``previous`` one, if any) and check the answer."""
    outcomes = []
    for family in families:
        for question in family.questions:
            try:
                before = run(family.previous) if family.previous else None
                reasons = check(family, observe(run(question, before)))
            except Exception as exc:  # a crash is a wrong answer, not the end of the measurement
                reasons = [f"raised {type(exc).__name__}: {exc}"]
            outcomes.append(Outcome(family, question, reasons))
    return outcomes


def summary(outcomes: list[Outcome]) -> dict[str, Any]:
    """Accuracy per capability and overall, and the closing line."""
    per: dict[str, list[int]] = {}
    for o in outcomes:
        tally = per.setdefault(o.family.capability, [0, 0])
        tally[0] += not o.reasons
        tally[1] += 1
    passed, total = sum(t[0] for t in per.values()), sum(t[1] for t in per.values())

    def pct(n: int, m: int) -> float:
        return 100.0 * n / m if m else 0.0

    lowest = min(per, key=lambda c: (pct(*per[c]), c)) if per else "-"
    line = f"ask-eval: overall {pct(passed, total):.1f}% ({passed}/{total}); lowest {lowest} {pct(*per[lowest]) if per else 0.0:.1f}%"
    return {
        "overall": {"passed": passed, "total": total, "percent": round(pct(passed, total), 1)},
        "capabilities": {c: {"passed": n, "total": m, "percent": round(pct(n, m), 1)} for c, (n, m) in sorted(per.items())},
        "line": line,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failing question with its reasons")
    parser.add_argument("--capability", help="run only the families of this capability")
    parser.add_argument("--json", action="store_true", help="print the results as JSON instead")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of corpus *.toml files")
    args = parser.parse_args(argv)

    from rolegraph import open_kb
    from rolegraph.ask import ask

    families = [f for f in load_corpus(args.corpus) if args.capability in (None, f.capability)]
    if not families:
        print(f"no family to run (capabilities: {', '.join(CAPABILITIES)})")
        return 0
    outcomes = evaluate(families, asker(ask, open_kb()))
    report = summary(outcomes)
    if args.json:
        report["failures"] = [{"id": o.family.id, "capability": o.family.capability, "question": o.question, "reasons": o.reasons}
                              for o in outcomes if o.reasons]
        print(json.dumps(report, indent=2))
        return 0
    if args.verbose:
        for o in outcomes:
            if o.reasons:
                print(f"FAIL {o.family.id} [{o.family.capability}] {o.question!r}: " + "; ".join(o.reasons))
        print()
    for cap, stats in report["capabilities"].items():
        print(f"{cap:<16} {stats['percent']:5.1f}%  ({stats['passed']}/{stats['total']})")
    print(report["line"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
