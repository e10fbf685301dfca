"""Sweep the format registry: every format renders empty, hostile and real results safely,
deterministically, with a final newline, carrying its attribution; machine formats round-trip."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest
from exports_support import ESCO, HOSTILE, SE, TPGM, TPM, hostile_result, mini_kb, real_kb, small_result

from rolegraph import compare, formats
from rolegraph.errors import RolegraphError
from rolegraph.formats.common import spreadsheet_cell
from rolegraph.resolve import resolve_role
from rolegraph.results import Result, Table

ALL = formats.all_formats()
TEXT = [f for f in ALL if not f.binary]
NEW = ["tsv", "html", "latex", "xlsx", "mermaid", "turtle", "json-ld"]


def render(result: Result, name: str) -> bytes:
    return formats.render(result, name, kb=mini_kb())


def real_comparison() -> Result:
    kb = real_kb()
    return compare.compare(kb, resolve_role(kb, "Tech PM").iri, resolve_role(kb, "Technical Program Manager").iri)


def test_registry_has_the_export_formats() -> None:
    assert set(NEW) <= set(formats.names())
    assert [f.name for f in ALL if f.graph_only] == ["mermaid"]
    assert len({f.extension for f in ALL}) == len(ALL)


def empty_result() -> Result:
    return Result("Empty", [Table("Empty", ["a", "b"])], meta={"graph": {"nodes": [], "edges": []}})


@pytest.mark.parametrize("fmt", ALL, ids=lambda f: f.name)
@pytest.mark.parametrize("make", [empty_result, hostile_result, small_result], ids=["empty", "hostile", "small"])
def test_every_format_renders_deterministically(fmt: formats.Format, make: Callable[[], Result]) -> None:
    result = make()
    if fmt.graph_only and result.graph() is None:
        pytest.skip("graph-only format")
    first, second = render(result, fmt.name), render(result, fmt.name)
    assert first == second
    if not fmt.binary:
        assert first.endswith(b"\n") and not first.endswith(b"\n\n\n")
        first.decode("utf-8")


@pytest.mark.parametrize("fmt", [f for f in ALL if not f.graph_only], ids=lambda f: f.name)
def test_real_comparison_renders_with_attribution(fmt: formats.Format) -> None:
    result = real_comparison()
    data = formats.render(result, fmt.name, kb=real_kb())
    assert data
    if fmt.name == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data))
        assert book.sheetnames[-2:] == ["Notes", "Sources"] and len(book.sheetnames) == len([t for t in result.tables if t.rows]) + 2
        return
    text = data.decode("utf-8").replace(r"\hspace{0pt}", "")
    for source in result.sources[:3]:
        assert source.id in text
    if fmt.name not in ("turtle", "json-ld"):  # RDF carries the sources as IRIs, checked below
        assert result.sources[0].url in text


def test_graph_only_format_refuses_a_table_with_a_useful_message() -> None:
    with pytest.raises(RolegraphError) as error:
        formats.render(small_result(), "mermaid")
    assert "graph-shaped" in error.value.message and "rolegraph path" in error.value.hint


def test_mermaid_escapes_labels_and_keeps_one_line_per_statement() -> None:
    text = formats.render(hostile_result(), "mermaid").decode()
    lines = text.splitlines()
    assert lines[0].startswith("%% ") and "flowchart LR" in lines
    body = [line for line in lines if not line.startswith("%%")]
    assert len(body) == 1 + 2 * len(HOSTILE)
    for line in body[1:]:
        inside = line.split('"')[1::2]
        assert all(ch not in "".join(inside) for ch in '<>&|`\n')


@pytest.mark.parametrize("name", ["csv", "tsv"])
def test_delimited_round_trip_and_formula_neutralisation(name: str) -> None:
    result = hostile_result()
    rows = list(csv.reader(io.StringIO(render(result, name).decode()), delimiter="," if name == "csv" else "\t"))
    header, body = rows[0], rows[1:]
    assert header[0] == "part" and header[-1] == "text" and "attribution" not in header  # no row cites a licensed standard
    data = [r for r in body if r[0] not in ("note", "source", "licence")]
    assert len(data) == sum(len(t.rows) for t in result.tables)
    for cell in [c for row in rows for c in row]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    labels = [row[1] for row in data[: len(HOSTILE)]]
    assert labels[0] == "'" + HOSTILE[0] and labels[6] == HOSTILE[6] and labels[9] == HOSTILE[9]
    footer = [(r[0], r[-1]) for r in body[len(data):]]
    assert [p for p, _ in footer].count("note") == len(result.notes) + sum(len(t.notes) for t in result.tables)
    assert [p for p, _ in footer].count("source") == len(result.sources) and footer[-1] == ("licence", HOSTILE[9])


def licensed_result() -> Result:
    from rolegraph.results import SourceRef

    return Result("standards", [Table("links", ["item", "sources"], [["ESCO match", "STD-ESCO, S1"], ["seed only", "S1"], ["unsourced", None]],
                                      notes=["A table note."])],
                  sources=[SourceRef("S1", "seed", "https://example.org/s1"), SourceRef("STD-ESCO", "ESCO", "https://esco.ec.europa.eu/")],
                  notes=["A result note."], attribution=[ESCO], meta={"notices": {ESCO: ["STD-ESCO"]}})


def test_csv_attribution_once_and_per_row_only_where_a_row_uses_a_licensed_standard() -> None:
    header, *body = list(csv.reader(io.StringIO(formats.render(licensed_result(), "csv").decode())))
    assert header == ["part", "item", "sources", "attribution", "text"]
    assert [r[3] for r in body[:3]] == [ESCO, "", ""]  # only the row citing STD-ESCO carries the notice
    footer = [(r[0], r[4]) for r in body[3:]]
    assert footer == [("note", "A table note."), ("note", "A result note."), ("source", "S1: seed https://example.org/s1"),
                      ("source", "STD-ESCO: ESCO https://esco.ec.europa.eu/"), ("licence", ESCO)]
    assert sum(c.count(ESCO) for r in body for c in r) == 2  # the licensed row and the footer, nowhere else


@pytest.mark.parametrize("name", ["csv", "tsv", "xlsx", "json"])
def test_exports_carry_the_notes_the_terminal_shows(name: str) -> None:
    result = real_comparison()
    notes = [n for t in result.tables for n in t.notes] + result.notes
    assert len(notes) > 10
    data = formats.render(result, name)
    if name == "xlsx":
        from openpyxl import load_workbook

        text = "\n".join(str(c.value) for row in load_workbook(io.BytesIO(data))["Notes"].iter_rows() for c in row)
    else:
        text = data.decode()
        if name == "json":
            text = json.dumps(json.loads(text), ensure_ascii=False)
    assert all(n.replace('"', '""' if name in ("csv", "tsv") else '"') in text or n in text for n in notes)


def test_xlsx_holds_the_same_typed_cells_as_csv() -> None:
    from openpyxl import load_workbook

    for result in (hostile_result(), small_result(), real_comparison(), licensed_result()):
        header, *body = list(csv.reader(io.StringIO(formats.render(result, "csv").decode())))
        book = load_workbook(io.BytesIO(formats.render(result, "xlsx")))
        sheets = iter(book.worksheets)
        rebuilt, numbers = [], 0
        for table in (t for t in result.tables if t.rows):
            sheet = next(sheets)
            assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
            columns, *rows = [[c.value for c in row] for row in sheet.iter_rows()]
            numbers += sum(isinstance(v, int | float) and not isinstance(v, bool) for r in rows for v in r)
            for row in rows:
                record = {str(spreadsheet_cell(k)): "" if v is None else str(spreadsheet_cell(v)) for k, v in zip(columns, row, strict=True)}
                if "part" in header:
                    record["part"] = str(spreadsheet_cell(table.title))
                rebuilt.append([record.get(c, "") for c in header])
        assert rebuilt == [r for r in body if r[0] not in ("note", "source", "licence")] if "part" in header else body
        assert not any(sheet.max_row < 2 for sheet in book.worksheets), "no empty sheets"
        if result.sources:
            sources = [[c.value for c in row] for row in book["Sources"].iter_rows(min_row=2)]
            assert [r[0] for r in sources[: len(result.sources)]] == [s.id for s in result.sources]
        if result is not hostile_result and any(isinstance(c, str) and c.isdigit() for t in result.tables for r in t.rows for c in r):
            assert numbers, "numbers are stored as numbers"


def test_xlsx_cells_are_never_formulas() -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(formats.render(hostile_result(), "xlsx")))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_json_round_trips() -> None:
    for result in (hostile_result(), small_result(), real_comparison()):
        assert Result.from_dict(json.loads(formats.render(result, "json"))).to_dict() == result.to_dict()


@pytest.mark.parametrize("name,parser", [("turtle", "turtle"), ("json-ld", "json-ld")])
def test_rdf_exports_parse_and_hold_the_subgraph(name: str, parser: str) -> None:
    from rdflib import Graph, Literal, URIRef

    result = small_result()
    graph = Graph().parse(data=render(result, name).decode(), format=parser)
    link = URIRef("https://w3id.org/rolegraph/id/link/tpm-strategy")
    assert (link, URIRef("https://w3id.org/rolegraph/ns#importance"), Literal(5)) in graph
    node = URIRef("urn:rolegraph:result")
    assert (node, URIRef("http://purl.org/dc/terms/source"), URIRef("https://w3id.org/rolegraph/id/source/S1")) in graph
    assert (node, URIRef("http://purl.org/dc/terms/rights"), Literal(ESCO)) in graph


def test_rdf_export_of_a_standard_link_carries_the_standards_attribution() -> None:
    result = Result("ESCO", [Table("t", ["a"])], meta={"subjects": ["https://w3id.org/rolegraph/id/link/tpm-esco"]})
    assert ESCO in render(result, "turtle").decode()


def test_rdf_bytes_do_not_depend_on_hash_seed() -> None:
    code = (
        "import sys; sys.path.insert(0, 'tests'); from exports_support import *; from rolegraph import formats;"
        "r = small_result();"
        "sys.stdout.buffer.write(formats.render(r, 'json-ld', kb=mini_kb()) + formats.render(r, 'turtle', kb=mini_kb()))"
    )
    run = [sys.executable, "-c", code]
    env = dict(os.environ)
    outputs = {subprocess.run(run, capture_output=True, check=True, env={**env, "PYTHONHASHSEED": s}).stdout for s in "123"}
    assert len(outputs) == 1


def test_html_escapes_everything_and_links_only_web_urls() -> None:
    text = render(hostile_result(), "html").decode()
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert 'href="javascript:' not in text
    assert 'href="https://example.org/?a=1&amp;b=&lt;2&gt;"' in text
    assert '<a href="#src-S1">S1</a>' not in text or 'id="src-S1"' in text


def test_html_fragment_is_a_section_without_page_chrome() -> None:
    text = formats.render(small_result(), "html", fragment=True).decode()
    assert text.startswith('<section class="rolegraph-result">') and "<html" not in text and "<style" not in text
    assert '<a href="#src-E1">E1</a>' in text and 'id="src-E1"' in text


def test_latex_escapes_special_characters() -> None:
    text = render(hostile_result(), "latex").decode()
    assert r"R\&D 100\% \$5 \#1 \_x\_ \{y\} \textasciitilde{}z \textasciicircum{}w \textbackslash{}cmd" in text
    assert "\u202e" not in text and r"\begin{longtable}" in text and r"\toprule" in text


def test_notebook_methods() -> None:
    result = small_result()
    assert result.to_markdown() == formats.render(result, "markdown").decode()
    assert result._repr_html_().startswith("<section")
    try:
        import pandas  # noqa: F401
    except ImportError:
        with pytest.raises(RolegraphError, match="pandas"):
            result.to_pandas()
    else:
        frame = result.to_pandas()
        assert next(iter(frame.columns)) == "part" and len(frame) == 4


def test_graph_helper() -> None:
    assert small_result().graph() is None
    assert hostile_result().graph() is not None


def test_mini_kb_roles_exist() -> None:
    labels = {r["role"] for r in mini_kb().named("roles").records()}
    assert {TPM, TPGM, SE} <= labels
