"""The quiz: answers and sources from the graph, seeded, and exports that real importers accept."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from exports_support import real_kb
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from rolegraph import quiz
from rolegraph.cli.app import app

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def questions() -> list[quiz.Question]:
    return quiz.generate(real_kb())


def test_every_item_has_an_answer_statements_and_sources(questions: list[quiz.Question]) -> None:
    kinds = {q.kind for q in questions}
    assert {"owner", "more-likely", "which-role", "true-false", "disagreement"} <= kinds
    known = {s.id for s in real_kb().sources().values()}
    for q in questions:
        assert q.answer and q.facts and q.sources and set(q.sources) <= known, q
        assert (q.answer in q.choices and len(q.choices) == len(set(q.choices)) >= 2) if q.choices else q.answer in ("true", "false")
    assert len({q.id for q in questions}) == len(questions)


def test_answers_come_from_the_graph(questions: list[quiz.Question]) -> None:
    by_question = {q.question: q for q in questions}
    when = by_question["Which of these roles owns the when?"]
    assert when.answer in ("Technical Program Manager", "Project Manager")
    prd = by_question["Which role is more likely to produce the product requirements document (PRD)?"]
    assert prd.answer == "Technical Product Manager" and prd.facts and all(f.startswith("link/") for f in prd.facts) and prd.sources == ["E1"]
    assert by_question["True or false: the Technical Program Manager owns the what."].answer == "false"
    disagreement = next(q for q in questions if q.kind == "disagreement")
    assert disagreement.answer == "false" and "Positions:" in disagreement.explanation


def test_the_seed_makes_it_deterministic() -> None:
    kb = real_kb()
    assert quiz.to_json(quiz.generate(kb, 7)) == quiz.to_json(quiz.generate(kb, 7))
    assert quiz.to_json(quiz.generate(kb, 7)) != quiz.to_json(quiz.generate(kb, 8))
    assert len(quiz.generate(kb, 7, count=5)) == 5


def test_json_export_matches_its_shape(questions: list[quiz.Question]) -> None:
    data = json.loads(quiz.to_json(questions))
    assert data["kind"] == "quiz" and len(data["items"]) == len(questions)
    types = {"id": str, "kind": str, "question": str, "answer": str, "choices": list, "explanation": str, "facts": list, "sources": list}
    for item in data["items"]:
        assert {k: type(v) for k, v in item.items()} == types


def read_anki(data: bytes) -> tuple[dict[str, str], list[list[str]]]:
    """Anki's text import rules: '#key:value' headers first, then rows split by the declared separator."""
    text = data.decode("utf-8")
    headers: dict[str, str] = {}
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):
        key, _, value = lines.pop(0)[1:].partition(":")
        headers[key] = value
    separator = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " "}[headers["separator"]]
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=separator, quotechar='"'))
    return headers, rows


def test_anki_file_follows_ankis_column_rules(questions: list[quiz.Question]) -> None:
    headers, rows = read_anki(quiz.to_anki(questions))
    assert {"separator", "html", "notetype", "deck", "columns", "tags column"} <= set(headers)
    columns = headers["columns"].split("\t")
    assert columns == ["Front", "Back", "Tags"] and headers["tags column"] == "3" and headers["html"] == "false"
    assert len(rows) == len(questions)
    for row, q in zip(rows, questions, strict=True):
        assert len(row) == len(columns) and all(field.strip() for field in row)
        assert row[0].startswith(q.question.split()[0]) and "Sources: " in row[1]
        assert all(" " not in tag for tag in row[2].split(" ")) and "rolegraph" in row[2].split(" ")


def test_moodle_xml_validates_against_the_schema(questions: list[quiz.Question]) -> None:
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(FIXTURES / "moodle-quiz.xsd")))
    document = etree.fromstring(quiz.to_moodle(questions))
    assert schema.validate(document), schema.error_log
    graded = document.findall("question")[1:]
    assert len(graded) == len(questions)
    for node in graded:
        fractions = [a.get("fraction") for a in node.findall("answer")]
        assert fractions.count("100") == 1
        assert "Sources: " in node.findtext("generalfeedback/text", "")


def gift_questions(text: str) -> list[dict[str, object]]:
    """A GIFT reader after Moodle's format notes: '::title::' text '{' answers '}', backslash escapes, '####' general feedback."""
    found = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if line.strip() and not line.startswith(("//", "$CATEGORY"))]
        if not lines:
            continue
        source = " ".join(lines)
        tokens = re.findall(r"\\.|[^\\]", source)
        unescaped, special = [], []
        for t in tokens:
            unescaped.append(t[-1])
            special.append(len(t) == 1 and t in "~={}#:")
        joined = "".join(unescaped)
        opens = [i for i, c in enumerate(joined) if c == "{" and special[i]]
        closes = [i for i, c in enumerate(joined) if c == "}" and special[i]]
        assert len(opens) == len(closes) == 1, source
        head, body = joined[: opens[0]], joined[opens[0] + 1 : closes[0]]
        marks = [i for i in range(len(head)) if special[i] and head[i] == ":"]
        assert len(marks) == 4 and marks[0] == 0 and marks[1] == 1, "::title:: first"
        title, question = head[2 : marks[2]], head[marks[3] + 1 :].strip()
        offset = opens[0] + 1
        feedback_at = next((i for i in range(len(body) - 3) if body[i : i + 4] == "####" and special[offset + i]), len(body))
        answers, feedback = body[:feedback_at].strip(), body[feedback_at + 4 :]
        if answers in ("TRUE", "FALSE", "T", "F"):
            options: list[tuple[bool, str]] = [(answers.startswith("T"), "true")]
        else:
            starts = [i for i, c in enumerate(answers) if c in "=~" and special[offset + body.index(answers) + i]]
            options = [(answers[s] == "=", answers[s + 1 : e].strip()) for s, e in zip(starts, [*starts[1:], len(answers)], strict=True)]
        found.append({"title": title, "question": question, "options": options, "feedback": feedback})
    return found


def test_gift_parses_back_to_the_questions(questions: list[quiz.Question]) -> None:
    parsed = gift_questions(quiz.to_gift(questions).decode("utf-8"))
    assert len(parsed) == len(questions)
    for item, q in zip(parsed, questions, strict=True):
        assert item["title"] == q.id and item["question"] == q.question and "Sources: " in str(item["feedback"])
        options = item["options"]
        assert isinstance(options, list)
        if q.choices:
            assert [text for _, text in options] == q.choices and [text for right, text in options if right] == [q.answer]
        else:
            assert options[0][0] == (q.answer == "true")


@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_gift_escaping_round_trips(text: str) -> None:
    q = quiz.Question("x-1", "owner", text + "?", "right " + text, ["right " + text, "wrong " + text], "why " + text, ["fact/F1"], ["S1"])
    item = gift_questions(quiz.to_gift([q]).decode("utf-8"))[0]
    def flat(value: str) -> str:
        return " ".join(value.split())

    assert item["question"] == flat(text + "?") and item["options"] == [(True, flat("right " + text)), (False, flat("wrong " + text))]


def test_cli_writes_each_format(tmp_path: Path) -> None:
    runner = CliRunner()
    for name, check in (("q.json", b'"kind": "quiz"'), ("q.txt", b"#separator:tab"), ("q.xml", b"<quiz>"), ("q.gift", b"$CATEGORY")):
        result = runner.invoke(app, ["quiz", "-o", str(tmp_path / name), "--count", "3", "--seed", "5"])
        assert result.exit_code == 0, result.output
        assert check in (tmp_path / name).read_bytes()
    result = runner.invoke(app, ["quiz", "--count", "0"])
    assert result.exit_code == 1 and "1 or more" in result.output
    result = runner.invoke(app, ["quiz", "-f", "docx"])
    assert result.exit_code == 1 and "json or anki or moodle or gift" in result.output
