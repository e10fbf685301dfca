"""Quiz questions with answers from the graph, and exports that learning tools import.

Questions: who owns a concern (what, why, how, who, when); which role is more likely to
produce a deliverable or be measured by a metric; which role a recorded fact describes (when
the fact does not name it); true/false from seed-backed facts and from ownership stances; and, for each disagreement, "the sources agree" (false) with every
position as the explanation. Each question carries the statements it rests on and their
source IDs. Generation is deterministic: the seed picks the distractors and the order.

Exports: JSON, an Anki text file (tab-separated with Anki's ``#`` file headers), Moodle XML
and Moodle GIFT.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from html import escape
from xml.etree import ElementTree as ET

from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import CONCERNS
from rolegraph.results import Cell

FORMATS = {"json": "quiz.json", "anki": "quiz-anki.txt", "moodle": "quiz-moodle.xml", "gift": "quiz.gift"}
#: Wrong choices offered beside the right one in a multiple-choice question.
DISTRACTORS = 3
DEFAULT_SEED = 16


@dataclass
class Question:
    """One quiz item. ``choices`` is empty for true/false (the answer is "true" or "false")."""

    id: str
    kind: str
    question: str
    answer: str
    choices: list[str] = field(default_factory=list)
    explanation: str = ""
    facts: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


def statement_id(iri: str) -> str:
    """A short, stable name for a statement: the last two segments of its IRI (``fact/TPM-F2``, ``link/em-owns-who``)."""
    return "/".join(iri.rstrip("/").split("/")[-2:])


def _qid(kind: str, text: str) -> str:
    return f"{kind}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}"


class _Maker:
    """Builds questions, naming the statements and sources behind each."""

    def __init__(self, kb: KnowledgeBase, rng: random.Random) -> None:
        self.kb, self.rng = kb, rng
        self.roles = {str(r["role"]): str(r["label"]) for r in kb.named("roles").records()}
        self.questions: list[Question] = []

    def add(self, kind: str, question: str, answer: str, statements: Sequence[object], explanation: str, wrong: list[str] | None = None) -> None:
        qid = _qid(kind, f"{question}\n{answer}")
        if any(q.id == qid for q in self.questions):
            return
        iris = sorted({str(s) for s in statements if s})
        sources = self.kb.source_ids(iris)
        choices: list[str] = []
        if wrong is not None:
            picked = self.rng.sample(sorted(set(wrong) - {answer}), min(DISTRACTORS, len(set(wrong) - {answer})))
            if not picked:
                return
            choices = [answer, *picked]
            self.rng.shuffle(choices)
        self.questions.append(Question(
            qid, kind, question, answer, choices, explanation,
            [statement_id(i) for i in iris], sources.split(", ") if sources else [],
        ))


def _owners(m: _Maker) -> None:
    for concern in CONCERNS:
        rows = m.kb.named("concern-owners", concern=concern).records()
        owners = sorted({str(r["role_label"]) for r in rows if r["stance"] == "owns"})
        for owner in owners:
            others = [label for label in m.roles.values() if label not in owners]
            links = [r["link"] for r in rows]
            stances = "; ".join(f"{r['role_label']} {str(r['stance']).replace('-', ' ')}" for r in rows)
            m.add("owner", f"Which of these roles owns the {concern}?", owner, links, f"Recorded stances on the {concern}: {stances}.", others)


def _more_likely(m: _Maker) -> None:
    by_target: dict[tuple[str, str], list[dict[str, Cell]]] = defaultdict(list)
    for profile_iri in sorted(m.roles):
        for link in m.kb.named("role-links", role=profile_iri).records():
            if link["kind"] in ("deliverable", "metric"):
                by_target[(str(link["kind"]), str(link["target_label"]))].append(link)
    for (kind, target), links in sorted(by_target.items()):
        holders = sorted({m.roles[str(link["role"])] for link in links})
        if len(holders) != 1:
            continue
        others = [label for label in m.roles.values() if label not in holders]
        verb = "produce" if kind == "deliverable" else "be measured by"
        m.add("more-likely", f"Which role is more likely to {verb} the {target}?" if kind == "deliverable" else
              f"Which role is more likely to {verb} “{target}”?", holders[0], [link["link"] for link in links],
              f"The knowledge base records “{target}” as a {kind} of the {holders[0]} only.", others)


def _names(m: _Maker) -> list[str]:
    """Every name a role goes by (labels, aliases, abbreviations), longest first."""
    names = {str(r["name"]) for r in m.kb.named("role-names").records() if r["name"]} | set(m.roles.values())
    return sorted((n for n in names if len(n) >= 2), key=lambda n: (-len(n), n))


def _true_false(m: _Maker) -> None:
    """Facts: seed-backed ones as true statements; a fact about one role that does not name it as "which role?"."""
    about: dict[str, list[str]] = defaultdict(list)
    rows: dict[str, dict[str, Cell]] = {}
    for iri in sorted(m.roles):
        for f in m.kb.named("facts", role=iri).records():
            about[str(f["fact"])].append(m.roles[iri])
            rows[str(f["fact"])] = f
    names = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in _names(m)), re.IGNORECASE)
    for fact, f in sorted(rows.items()):
        if f["disputed_by"]:
            continue
        roles = sorted(set(about[fact]))
        if len(roles) == 1 and not names.search(str(f["text"])):
            m.add("which-role", f"Which role does this describe? “{f['text']}”", roles[0], [fact],
                  f"Recorded fact {f['id']} ({f['basis']}) about the {roles[0]}.", list(m.roles.values()))
        elif f["basis"] in ("seed", "seed-article"):
            m.add("true-false", f"True or false, about the {' and the '.join(roles)}: {f['text']}", "true", [fact],
                  f"True: recorded fact {f['id']} ({f['basis']}).")
    for concern in CONCERNS:
        stances = m.kb.named("concern-owners", concern=concern).records()
        owners = sorted({str(r["role_label"]) for r in stances if r["stance"] == "owns"})
        for r in stances:
            if r["stance"] != "owns" and not r["disputed_by"]:
                real = ", ".join(owners) or "no modelled role"
                m.add("true-false", f"True or false: the {r['role_label']} owns the {concern}.", "false",
                      [r["link"]] + [x["link"] for x in stances if x["stance"] == "owns"],
                      f"False: the {r['role_label']} {str(r['stance']).replace('-', ' ')} the {concern}; it is owned by {real}.")


def _disagreements(m: _Maker) -> None:
    grouped: dict[str, list[dict[str, Cell]]] = defaultdict(list)
    for r in m.kb.named("disagreements").records():
        grouped[str(r["id"])].append(r)
    for d, rows in sorted(grouped.items()):
        positions = "; ".join(f"{r['position_text']} [{m.kb.source_ids([str(r['position'])])}]" for r in rows)
        m.add("disagreement", f"True or false: the sources agree on this question — {rows[0]['question']}", "false",
              [r["position"] for r in rows] + [r["disagreement"] for r in rows], f"False: sources disagree ({d}). Positions: {positions}")


def generate(kb: KnowledgeBase, seed: int = DEFAULT_SEED, count: int | None = None) -> list[Question]:
    """The quiz: every question the graph supports (or ``count`` of them), in a seeded order."""
    if count is not None and count < 1:
        raise RolegraphError(f"--count {count} is too small", "ask for 1 or more questions")
    m = _Maker(kb, random.Random(seed))
    for make in (_true_false, _owners, _more_likely, _disagreements):
        make(m)
    questions = sorted(m.questions, key=lambda q: q.id)
    m.rng.shuffle(questions)
    return questions[:count] if count else questions


def to_json(questions: list[Question]) -> bytes:
    return (json.dumps({"kind": "quiz", "items": [asdict(q) for q in questions]}, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _flat(text: str) -> str:
    """One line: tabs and line breaks become spaces (Anki fields and GIFT lines)."""
    return re.sub(r"\s+", " ", text).strip()


def _back(q: Question) -> str:
    right = {"true": "True", "false": "False"}.get(q.answer, q.answer)
    return _flat(f"{right} — {q.explanation} Sources: {', '.join(q.sources) or 'none'}. Statements: {', '.join(q.facts)}.")


def to_anki(questions: list[Question]) -> bytes:
    """Anki's text import: tab-separated Front, Back, Tags, with the file headers Anki reads."""
    lines = ["#separator:tab", "#html:false", "#notetype:Basic", "#deck:rolegraph", "#columns:Front\tBack\tTags", "#tags column:3"]
    for q in questions:
        front = q.question + ("" if not q.choices else " Choices: " + " / ".join(q.choices))
        tags = " ".join(["rolegraph", f"rolegraph::{q.kind}", *(f"source::{s}" for s in q.sources)])
        lines.append("\t".join(_flat(x).replace('"', "”") for x in (front, _back(q), tags)))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    """``<tag format=…><text>…</text></tag>``; text in an html field is HTML-escaped first (Moodle reads it as HTML)."""
    node = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(node, "text").text = escape(text, quote=False) if fmt == "html" else text
    return node


def to_moodle(questions: list[Question]) -> bytes:
    """Moodle XML: a category, then multichoice, truefalse or essay questions with general feedback naming the sources."""
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _text(category, "category", "$course$/top/rolegraph", None)
    for q in questions:
        kind = "multichoice" if q.choices else "truefalse"
        node = ET.SubElement(quiz, "question", {"type": kind})
        _text(node, "name", q.id, None)
        _text(node, "questiontext", q.question)
        _text(node, "generalfeedback", f"{q.explanation} Sources: {', '.join(q.sources) or 'none'}. Statements: {', '.join(q.facts)}.")
        ET.SubElement(node, "defaultgrade").text = "1"
        ET.SubElement(node, "penalty").text = "0.3333333" if q.choices else "1"
        ET.SubElement(node, "hidden").text = "0"
        ET.SubElement(node, "idnumber").text = q.id
        if q.choices:
            ET.SubElement(node, "single").text = "true"
            ET.SubElement(node, "shuffleanswers").text = "true"
            ET.SubElement(node, "answernumbering").text = "abc"
        options = q.choices or ["true", "false"]
        for option in options:
            answer = _text(node, "answer", option, "moodle_auto_format" if not q.choices else "html")
            answer.set("fraction", "100" if option == q.answer else "0")
            _text(answer, "feedback", "Right." if option == q.answer else f"No: {q.answer}.")
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + bytes(ET.tostring(quiz, encoding="utf-8")) + b"\n"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (~ = # { } :) and flatten to one line."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", _flat(text))


def to_gift(questions: list[Question]) -> bytes:
    """Moodle GIFT: ``::id:: question {=right ~wrong …####feedback}`` or ``{TRUE|FALSE####feedback}``."""
    blocks = ["// rolegraph quiz: every answer comes from the knowledge graph; feedback names the sources.", "$CATEGORY: $course$/top/rolegraph", ""]
    for q in questions:
        feedback = gift_escape(f"{q.explanation} Sources: {', '.join(q.sources) or 'none'}.")
        right = "TRUE" if q.answer == "true" else "FALSE"
        body = " ".join(("=" if c == q.answer else "~") + gift_escape(c) for c in q.choices) if q.choices else right
        blocks += [f"::{gift_escape(q.id)}:: {gift_escape(q.question)} {{{body}####{feedback}}}", ""]
    return "\n".join(blocks).encode("utf-8")


WRITERS = {"json": to_json, "anki": to_anki, "moodle": to_moodle, "gift": to_gift}


def exports(questions: list[Question]) -> dict[str, bytes]:
    """Every export, by its file name in the handbook."""
    return {name: WRITERS[fmt](questions) for fmt, name in FORMATS.items()}
