"""Regenerate the generated parts of ``docs/`` from the code and the real data.

Markdown files hold blocks between ``<!-- generate: NAME -->`` and ``<!-- end generate -->``;
this module rewrites each block from the generator called NAME (the CLI reference from
``--help``, the format table from the registry, examples from real commands). Run
``python -m rolegraph.cli.gendocs`` after changing commands, formats or data;
``--check`` exits 1 when a file is stale (tests/test_docs.py does the same);
``--screenshots`` redraws the PNG screenshots of the terminal view in ``docs/``.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from typer.main import get_command
from typer.testing import CliRunner

from rolegraph import formats
from rolegraph.cli.app import app
from rolegraph.formats.text import md_cell

DOCS = Path(__file__).resolve().parents[3] / "docs"
FILES = ("cli.md", "formats.md", "embedding.md")
BLOCK = re.compile(r"(<!-- generate: (?P<name>[^>]+?) -->\n)(?P<body>.*?)(<!-- end generate -->)", re.DOTALL)
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb"}


def run(command: str) -> str:
    """Run ``rolegraph COMMAND`` in-process and return its stdout (it must succeed)."""
    result = CliRunner().invoke(app, shlex.split(command), env=ENV, prog_name="rolegraph")
    if result.exit_code != 0:
        raise RuntimeError(f"`rolegraph {command}` failed ({result.exit_code}): {result.output}")
    return result.stdout


def cli_reference() -> str:
    """``--help`` of the program and of every command, in name order."""
    names = sorted(get_command(app).commands)  # type: ignore[attr-defined]
    parts = ["## rolegraph\n", "```text", run("--help").rstrip(), "```", ""]
    for name in names:
        parts += [f"## rolegraph {name}\n", "```text", run(f"{name} --help").rstrip(), "```", ""]
    return "\n".join(parts)


def format_table() -> str:
    """The registry as a Markdown table."""
    rows = ["| name | extension | media type | binary | graph only | what it is |", "| --- | --- | --- | --- | --- | --- |"]
    rows += [
        f"| `{f.name}` | `.{f.extension}` | `{f.media_type}` | {'yes' if f.binary else ''} | {'yes' if f.graph_only else ''} | "
        + md_cell(f.description) + " |"
        for f in formats.all_formats()
    ]
    return "\n".join(rows) + "\n"


def example(command: str, fence: str, max_lines: int = 0) -> Callable[[], str]:
    """A generator that shows ``command`` and its real output."""

    def generate() -> str:
        lines = run(command).rstrip("\n").split("\n")
        if max_lines and len(lines) > max_lines:
            lines = [*lines[:max_lines], "…"]
        return "\n".join([f"```console\n$ rolegraph {command}\n```", "", f"```{fence}", *lines, "```", ""])

    return generate


def html_fragment() -> str:
    """The notebook/LMS path: a fragment rendered through the Python API."""
    from rolegraph import compare, open_kb
    from rolegraph.resolve import resolve_role

    kb = open_kb()
    result = compare.shared(kb, resolve_role(kb, "Tech PM").iri, resolve_role(kb, "Tech PgM").iri)
    lines = formats.render(result, "html", fragment=True).decode("utf-8").rstrip("\n").split("\n")
    code = [
        "from rolegraph import compare, formats, open_kb",
        "from rolegraph.resolve import resolve_role",
        "",
        "kb = open_kb()",
        'result = compare.shared(kb, resolve_role(kb, "Tech PM").iri, resolve_role(kb, "Tech PgM").iri)',
        'html = formats.render(result, "html", fragment=True).decode()  # what result._repr_html_() shows in Jupyter',
    ]
    return "\n".join(["```python", *code, "```", "", "```html", *lines[:12], "…", *lines[-8:], "```", ""])


GENERATORS: dict[str, Callable[[], str]] = {
    "cli-reference": cli_reference,
    "format-table": format_table,
    "markdown-shared": example('shared "Tech PM" "Tech PgM" --format markdown', "markdown"),
    "html-fragment": html_fragment,
    "mermaid-path": example('path "Software Engineer" "Tech PM" --format mermaid', "mermaid"),
    "csv-separate": example('separate "Tech PM" "Tech PgM" --format csv', "text", 6),
    "latex-shared": example('shared "Tech PM" "Tech PgM" --format latex', "latex", 14),
}


def regenerate(text: str) -> str:
    """``text`` with every generated block rewritten."""

    def replace(match: re.Match[str]) -> str:
        name = match.group("name").strip()
        if name not in GENERATORS:
            raise KeyError(f"unknown generated block {name!r}; known: {', '.join(GENERATORS)}")
        return match.group(1) + "\n" + GENERATORS[name]().rstrip("\n") + "\n\n" + match.group(4)

    return BLOCK.sub(replace, text)


def stale(directory: Path = DOCS) -> list[str]:
    """Names of the docs files whose generated blocks are out of date."""
    texts = {name: (directory / name).read_text(encoding="utf-8") for name in FILES}
    return [name for name, text in texts.items() if text != regenerate(text)]


#: Screenshots of the terminal view: file stem → (command words, width in columns).
SCREENSHOTS = {"compare-80": (("compare", "Tech PM", "Tech PgM"), 80), "compare-160": (("compare", "Tech PM", "Tech PgM"), 160)}


def screenshots(directory: Path = DOCS) -> list[Path]:
    """PNG pictures of the coloured terminal view (rich's SVG export, converted by rsvg-convert from librsvg2-bin)."""
    import shutil
    import subprocess
    import tempfile

    from rolegraph.cli.render import render_svg
    from rolegraph.compare import compare
    from rolegraph.kb import open_kb
    from rolegraph.resolve import resolve_role

    converter = shutil.which("rsvg-convert")
    if converter is None:
        raise SystemExit("screenshots need rsvg-convert (apt-get install librsvg2-bin)")
    kb = open_kb()
    written = []
    for stem, (words, width) in SCREENSHOTS.items():
        result = compare(kb, resolve_role(kb, words[1]).iri, resolve_role(kb, words[2]).iri)
        svg = render_svg(result, width=width, title=f"$ rolegraph {shlex.join(words)}   ({width} columns)")
        with tempfile.TemporaryDirectory() as scratch:
            source = Path(scratch) / f"{stem}.svg"
            source.write_text(svg, encoding="utf-8")
            subprocess.run([converter, "--zoom", "1", "-o", str(directory / f"{stem}.png"), str(source)], check=True)
        written.append(directory / f"{stem}.png")
    return written


def main(argv: list[str] | None = None) -> int:
    """Rewrite the docs (or with ``--check`` only report stale files; with ``--screenshots`` redraw the PNGs)."""
    if "--screenshots" in (argv if argv is not None else sys.argv[1:]):
        for path in screenshots():
            sys.stderr.write(f"wrote {path}\n")
        return 0
    check = "--check" in (argv if argv is not None else sys.argv[1:])
    if check:
        old = stale()
        for name in old:
            sys.stderr.write(f"docs/{name} is stale: run python -m rolegraph.cli.gendocs\n")
        return 1 if old else 0
    for name in FILES:
        path = DOCS / name
        path.write_text(regenerate(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
