"""Hostile labels in every file format: Markdown renders no markup from data (S6), Mermaid forms no
directive (S8), HTML and LaTeX carry no control characters (S7), xlsx stays well-formed XML and
never holds a formula (D2), and LaTeX compiles with pdflatex within the page (checked in CI)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.dom import minidom

import pytest
from exports_support import HOSTILE, TPGM, TPM, hostile_result, real_kb
from hypothesis import given, settings
from hypothesis import strategies as st

from rolegraph import compare, formats
from rolegraph.formats.latex import PREAMBLE
from rolegraph.results import Result, SourceRef, Table

#: Strings that try every kind of markup, directive and escape.
ATTACKS = [
    "_x_", "*x*", "**x**", "`code`", "[t](https://evil.example)", "![i](https://evil.example/i.png)", "<b>x</b>", "~~s~~",
    "https://evil.example/", "www.evil.example", "mail@evil.example", "x><img src=x onerror=alert(1)>", "# heading", "> quote",
    "1. item", "- item", "    indented", "%%{init: {'theme':'dark'}}%%", "{a}", "%", "\x1b[2J", "\x1b]0;pwned\x07", "\x9b31m",
    "\ufffe", "\uffff", "\\section{x}", "$x$", "^^5c", "\u202eevil",
]
labels = st.lists(st.sampled_from(ATTACKS) | st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=6),
                  min_size=1, max_size=4).map(" ".join).filter(str.strip)


def labelled(label: str, url: str = "https://example.org/s1") -> Result:
    """``label`` in every field a renderer writes: title, table title, column, cells, notes, source, graph."""
    return Result(label, [Table(label, ["item", label, "sources"], [[label, label, "S1"]], notes=[label])],
                  sources=[SourceRef("S1", label, url)], notes=[label], attribution=[label],
                  meta={"graph": {"nodes": [{"id": "a", "label": label}, {"id": "b", "label": label}],
                                  "edges": [{"source": "a", "target": "b", "label": label}]}})


def markdown_nodes(text: str) -> list[tuple[str, str]]:
    """Every block and inline node of ``text`` parsed as GitHub-flavoured Markdown (markdown-it-py's
    ``gfm-like``: tables, strikethrough, autolinked URLs), with link targets; plain text and the
    ``<br>`` that stands for a line break left out."""
    from markdown_it import MarkdownIt

    out = []
    for token in MarkdownIt("gfm-like").parse(text):
        for node in [token, *(token.children or [])]:
            if node.type not in ("text", "softbreak") and not (node.type == "html_inline" and node.content == "<br>"):
                out.append((node.type, str(node.attrGet("href") or "")))
    return out


def test_markdown_of_the_hostile_fixture_has_no_markup_from_data() -> None:
    nodes = markdown_nodes(formats.render(hostile_result(), "markdown").decode())
    assert not {t for t, _ in nodes} & {"em_open", "strong_open", "code_inline", "code_block", "fence", "s_open", "html_inline",
                                         "html_block", "image", "ordered_list_open"}
    assert [href for t, href in nodes if t == "link_open"] == ["https://example.org/?a=1&b=%3C2%3E"]  # only the http(s) source URL
    assert [t for t, _ in nodes].count("heading_open") == 6  # title, two tables, Notes, Sources, Attribution: none from data


@settings(max_examples=60, deadline=None)
@given(labels)
def test_markdown_renders_no_markup_from_any_label(label: str) -> None:
    """S6: whatever a label holds, the document has the structure of one holding plain words: no
    emphasis, code, link, image, HTML, heading or list comes from data; only http(s) source URLs link."""
    assert markdown_nodes(formats.render(labelled(label), "markdown").decode()) == markdown_nodes(
        formats.render(labelled("plain words"), "markdown").decode())


def test_markdown_never_writes_a_source_url_as_html() -> None:
    """S6's reproducer: a source URL holding HTML becomes text, not a tag or an autolink."""
    result = labelled("Zeta", url="x><img src=x onerror=alert(1)>")
    nodes = markdown_nodes(formats.render(result, "markdown").decode())
    assert not {t for t, _ in nodes} & {"html_inline", "html_block", "link_open", "image"}


MERMAID_DIRECTIVE = re.compile(r"%{2}{\s*(?:(\w+)\s*:|(\w+))\s*(?:(\w+)|((?:(?!}%{2}).|\r?\n)*))?\s*(?:}%{2})?", re.IGNORECASE)


@settings(max_examples=80, deadline=None)
@given(labels)
def test_mermaid_labels_never_form_a_directive(label: str) -> None:
    """S8: Mermaid applies its directive pattern to the whole text; no label may match it."""
    text = formats.render(labelled(label), "mermaid").decode()
    assert not MERMAID_DIRECTIVE.search(text)
    body = [line for line in text.splitlines() if not line.startswith("%%")]
    assert not any(ch in line.split('"', 1)[-1] for line in body for ch in "%{}")


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@settings(max_examples=60, deadline=None)
@given(labels)
def test_html_markdown_and_latex_files_carry_no_control_characters(label: str) -> None:
    """S7: control characters from data are written as visible escapes in HTML, Markdown and LaTeX."""
    for name in ("html", "markdown", "latex", "mermaid"):
        assert not _CONTROLS.search(formats.render(labelled(label), name).decode()), name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["\ufffe", "\uffff", "\ud800", "\udfff", "\x00", "\x1b", "=1+1", "+A1", "-2", "@x", "x"]) |
                st.text(max_size=5), min_size=1, max_size=6).map("".join))
def test_xlsx_is_well_formed_and_holds_no_formula_whatever_the_text(label: str) -> None:
    """D2: noncharacters and lone surrogates never reach the workbook's XML; no cell is ever a formula."""
    data = formats.render(labelled(label), "xlsx")
    archive = zipfile.ZipFile(io.BytesIO(data))
    for name in archive.namelist():
        if name.endswith(".xml"):
            xml = archive.read(name)
            minidom.parseString(xml)
            assert b"<f>" not in xml and b"<f " not in xml
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


# --- LaTeX with pdflatex (Debian's TeX Live in CI) -------------------------------------------------------------------


def pdflatex() -> str:
    """The pdflatex executable, or skip (fail under ROLEGRAPH_REQUIRE_SERVER=1, as in CI)."""
    found = shutil.which("pdflatex")
    if found and shutil.which("pdftotext"):
        return found
    if os.environ.get("ROLEGRAPH_REQUIRE_SERVER") == "1":
        pytest.fail("pdflatex/pdftotext are not installed (apt-get install texlive-latex-recommended poppler-utils) but CI requires them")
    pytest.skip("pdflatex or pdftotext not installed")


def compile_latex(result: Result, folder: Path) -> tuple[str, float, float]:
    """The export inside a minimal article with the documented preamble: the log, the page width and the widest word's right edge."""
    (folder / "export.tex").write_bytes(formats.render(result, "latex"))
    (folder / "doc.tex").write_text("\\documentclass{article}\n" + PREAMBLE.replace(" \\use", "\n\\use") +
                                    "\n\\begin{document}\n\\input{export.tex}\n\\end{document}\n", encoding="utf-8")
    done = subprocess.run([pdflatex(), "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=folder, capture_output=True,
                          text=True, errors="replace", timeout=600)
    log = (folder / "doc.log").read_text(errors="replace")
    assert done.returncode == 0, log[-2000:]
    boxes = subprocess.run(["pdftotext", "-bbox", "doc.pdf", "-"], cwd=folder, capture_output=True, text=True, check=True).stdout
    page = float(re.search(r'<page width="([0-9.]+)"', boxes).group(1))  # type: ignore[union-attr]
    right = max(float(x) for x in re.findall(r'xMax="([0-9.]+)"', boxes))
    return log, page, right


@pytest.mark.slow
@pytest.mark.parametrize("which", ["comparison", "hostile"])
def test_latex_compiles_and_fits_the_page(which: str, tmp_path: Path) -> None:
    if which == "comparison":
        result = compare.compare(real_kb(), TPM, TPGM)
    else:
        result = hostile_result()
        result.tables.append(Table(" ".join(ATTACKS), ["a", "b", "c", "d", "e", "f"], [[*ATTACKS[i:i + 5], "x" * 80] for i in range(0, 25, 5)]))
        result.sources.append(SourceRef("E9", "long", "https://example.org/" + "a-very-long-path-segment/" * 8 + "?q=" + "z" * 60))
        result.notes += ["".join(HOSTILE), "\n\nstarts with blank lines"]
    log, page, right = compile_latex(result, tmp_path)
    assert "Overfull \\hbox" not in log, re.findall(r"Overfull \\hbox.*", log)[:3]
    assert right <= page - 72, f"text reaches {right}pt on a {page}pt page"
