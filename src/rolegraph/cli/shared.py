"""What every command uses, without typer: the knowledge base, output in the chosen format, error lines."""

from __future__ import annotations

import sys
from pathlib import Path

from rolegraph import formats
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase, open_kb
from rolegraph.results import Result

TERMINAL_FORMAT = "rich"


def error_line(error: RolegraphError) -> str:
    """``error`` as the one line the CLI prints on stderr."""
    line = f"rolegraph: error: {error.message}"
    if error.hint:
        line += f" — {error.hint}"
    return visible(line.replace("\n", " ")) + "\n"


# C0 and C1 controls (ESC starts terminal sequences), DEL, and the line/paragraph separators.
_CONTROLS = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]} | {0x2028: "\\u2028", 0x2029: "\\u2029"}


def visible(text: str, keep: str = "") -> str:
    """``text`` with control characters (but those in ``keep``) shown as ``\\xNN``: nothing from data drives the terminal."""
    return text.translate({c: r for c, r in _CONTROLS.items() if chr(c) not in keep})


#: The local knowledge base the last command opened, still referenced when the command returns: the
#: ``rolegraph`` process then ends (rolegraph.cli.main) without first freeing its store and answers, which
#: costs about 2 ms of a compare; the next command's open replaces it.
_last_opened: list[KnowledgeBase] = []


def get_kb(data: list[Path] | None, endpoint: str | None = None, graph: list[str] | None = None) -> KnowledgeBase:
    """The knowledge base for a command: packaged data plus ``--data`` files, or a remote endpoint (``graph``: its graphs).

    Large data is served from a prepared on-disk store (see :mod:`rolegraph.engines.prepared`). User
    data is checked for the shape the commands read (see :mod:`rolegraph.conform`).
    """
    _last_opened.clear()
    kb = open_kb(data or [], endpoint=endpoint, graphs=graph or (), prepared=None)
    if not endpoint:  # an endpoint's connection is closed as before
        _last_opened.append(kb)
    return kb


def _format_for(fmt: str | None, output: Path | None) -> str:
    if fmt:
        if fmt != TERMINAL_FORMAT:
            formats.get(fmt)  # unknown names fail here with the list of known ones
        return fmt
    if output is not None:
        suffix = output.suffix.lstrip(".").lower()
        for f in formats.all_formats():
            if f.extension == suffix or f.name == suffix:
                return f.name
    return TERMINAL_FORMAT


def emit(result: Result, fmt: str | None, output: Path | None, *, kb: KnowledgeBase | None, fragment: bool = False, detail: bool = False) -> None:
    """Write ``result`` to stdout or ``output`` in the chosen format.

    ``kb`` is the knowledge base the result came from (the graph of Turtle and JSON-LD
    exports), or None for results that come from no graph (validation, formats, query list).
    ``detail`` shows a summarised result whole in the terminal view.
    """
    name = _format_for(fmt, output)
    if name == TERMINAL_FORMAT:
        from rolegraph.cli.render import render_text

        data = render_text(result, to_terminal=output is None and sys.stdout.isatty(), detail=detail).encode("utf-8")
    else:
        data = formats.render(result, name, kb=kb, fragment=fragment)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_output(output, data)


def write_output(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically and say so on stderr."""
    from rolegraph.output import write_atomic  # tempfile, only when writing a file

    write_atomic(path, data)
    sys.stderr.write(f"rolegraph: wrote {visible(str(path))}\n")
