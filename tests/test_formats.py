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
        assert book.sheetnames[-1] == "Sources" and len(book.sheetnames) == len(result.tables) + 1
        return
    text = data.decode("utf-8")
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
    assert header[0] == "part" and header[-1] == "attribution"
    assert len(body) == sum(len(t.rows) for t in result.tables)
    for cell in [c for row in rows for c in row]:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    labels = [row[1] for row in body[: len(HOSTILE)]]
    assert labels[0] == "'" + HOSTILE[0] and labels[6] == HOSTILE[6] and labels[9] == HOSTILE[9]
    assert "S1" not in body[0][-1] and HOSTILE[9] in body[0][-1]  # the row cites no source; the licence travels
    assert "S1" in body[-1][-1] and "E1" in body[-1][-1]  # a table without a sources column names them all


def test_csv_attribution_names_the_sources_each_row_cites() -> None:
    header, *body = list(csv.reader(io.StringIO(formats.render(small_result(), "csv").decode())))
    first = dict(zip(header, body[0], strict=True))
    assert first["sources"] == "S1" and "S1 https://example.org/s1" in first["attribution"]
    assert "E1" not in first["attribution"] and ESCO in first["attribution"]


def test_csv_attribution_reads_standard_ids_and_empty_cells() -> None:
    from rolegraph.results import SourceRef

    result = Result("standards", [Table("links", ["item", "sources"], [["ESCO match", "STD-ESCO, S1"], ["unsourced", None]])],
                    sources=[SourceRef("S1", "seed", "https://example.org/s1"), SourceRef("STD-ESCO", "ESCO", "https://esco.ec.europa.eu/")])
    header, first, second = list(csv.reader(io.StringIO(formats.render(result, "csv").decode())))
    assert header[-1] == "attribution"
    assert first[-1] == "Sources: STD-ESCO https://esco.ec.europa.eu/; S1 https://example.org/s1"  # in the order the cell cites them
    assert second[-1] == ""  # an empty sources cell cites nothing, not everything


def test_xlsx_holds_the_same_cells_as_csv() -> None:
    from openpyxl import load_workbook

    for result in (hostile_result(), small_result(), real_comparison()):
        header, *body = list(csv.reader(io.StringIO(formats.render(result, "csv").decode())))
        book = load_workbook(io.BytesIO(formats.render(result, "xlsx")))
        rebuilt = []
        for table, sheet in zip(result.tables, book.worksheets, strict=False):
            assert sheet.freeze_panes == "A2" and sheet["A1"].font.b
            columns, *rows = [["" if c.value is None else str(c.value) for c in row] for row in sheet.iter_rows()]
            for row in rows:
                record = dict(zip(columns, row, strict=True))
                if len(result.tables) > 1:
                    record["part"] = str(spreadsheet_cell(table.title))
                rebuilt.append([record.get(c, "") for c in header])
        assert rebuilt == body
        sources = [[c.value for c in row] for row in book["Sources"].iter_rows(min_row=2)]
        assert [r[0] for r in sources[: len(result.sources)]] == [s.id for s in result.sources]


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
