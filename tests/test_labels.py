"""User-visible wording: readings of short forms, row labels, one question per disagreement, no
instructions to the query layer in answers; RDF exports hold the triples behind every row."""

from __future__ import annotations

import json
import re

from rdflib import Graph, URIRef
from typer.testing import CliRunner

from rolegraph import compare, provenance
from rolegraph.cli.app import app
from rolegraph.kb import KnowledgeBase
from rolegraph.resources import data_paths

ROLE = "https://w3id.org/rolegraph/id/role/"
TECH_PM, TECH_PGM = ROLE + "technical-product-manager", ROLE + "technical-program-manager"


def test_tpm_readings_name_the_technical_project_manager() -> None:
    result = CliRunner().invoke(app, ["show", "TPM"])
    assert "Technical Project Manager (the Project Manager role)" in result.stderr
    assert "mean Technical Product Manager or Technical Program Manager or" in result.stderr  # plain names first, as the hint's examples


def test_row_labels_do_not_repeat_and_companies_say_yes_with_their_domain(kb: KnowledgeBase) -> None:
    tables = {t.title: t for t in compare.compare(kb, TECH_PM, TECH_PGM).tables}
    items = [r[0] for r in tables["team structure"].rows]
    assert "direct reports" in items and not any(re.match(r"(.+): \1$", str(i)) for i in items)
    values = {str(v) for r in tables["companies and domains"].rows for v in r[1:3]}
    assert values <= {"yes", "—"} | {v for v in values if re.fullmatch(r"yes \(.+\)", v)}
    assert "yes (infrastructure)" in values


def test_disagreements_ask_each_question_once(kb: KnowledgeBase) -> None:
    result = provenance.disagreements(kb)
    questions = [str(r["question"]) for r in kb.named("disagreements").records()]
    assert len(result.tables) == len(set(questions))
    assert all(t.columns == ["position", "held by"] and sum(q in t.title for q in set(questions)) == 1 for t in result.tables)


def test_shipped_texts_hold_no_instructions_to_the_query_layer() -> None:
    """Texts the answers print (rg:text, definitions, reasons) describe; they never tell rolegraph what to answer."""
    graph = Graph()
    for path in data_paths():
        graph.parse(path, format="turtle")
    said = [str(o) for p in ("https://w3id.org/rolegraph/ns#text", "http://www.w3.org/2004/02/skos/core#definition")
            for o in graph.objects(None, URIRef(p))]
    leaks = [t for t in said if re.search(r"should be answered|query layer|answers? should|ask or offer|resolve it from context", t, re.I)]
    assert not leaks, leaks


def test_rdf_exports_hold_the_triples_behind_every_row() -> None:
    runner = CliRunner()
    skills = json.loads(runner.invoke(app, ["query", "skills", "-f", "json"]).stdout)["tables"][0]
    graph = Graph().parse(data=runner.invoke(app, ["skills", "-f", "turtle"]).stdout, format="turtle")
    label = URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")
    assert {str(s) for s in graph.subjects(label, None)} >= {str(r[0]) for r in skills["rows"]}
    profile = ["query", "skill-profile", "-p", f"role=<{TECH_PM}>"]
    rows = json.loads(runner.invoke(app, [*profile, "-f", "json"]).stdout)["tables"][0]
    links = {str(r[rows["columns"].index("link")]) for r in rows["rows"]}
    graph = Graph().parse(data=runner.invoke(app, [*profile, "-f", "turtle"]).stdout, format="turtle")
    assert links and links <= {str(s) for s in graph.subjects(URIRef("https://w3id.org/rolegraph/ns#importance"), None)}
