"""Commands for a trainer's kit: the one-page cheat sheet, the slide deck and the quiz."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from rolegraph.cli.options import Arg, DataOpt, Opt, command
from rolegraph.cli.shared import get_kb, write_output
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase

RoleA = Annotated[str, Arg(help="The first role (name, alias or abbreviation).", show_default=False)]
RoleB = Annotated[str, Arg(help="The second role.", show_default=False)]


def _kind(fmt: str | None, output: Path | None, known: tuple[str, ...], default: str) -> str:
    """The output kind: --format, else the --output suffix, else ``default``; one line when unknown."""
    name = (fmt or (output.suffix.lstrip(".") if output is not None and output.suffix else default)).lower()
    if name not in known:
        raise RolegraphError(f"cannot write {name!r} here", "use " + " or ".join(known))
    return name


def _emit(data: bytes, output: Path | None, binary: bool) -> None:
    if output is not None:
        write_output(output, data)
    elif binary and sys.stdout.isatty():
        raise RolegraphError("refusing to write binary output to a terminal", "use --output FILE or redirect stdout")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def _pair(kb: KnowledgeBase, a: str, b: str) -> tuple[str, str]:
    from rolegraph.resolve import resolve_role

    first, second = resolve_role(kb, a).iri, resolve_role(kb, b).iri
    if first == second:
        raise RolegraphError(f"{a!r} and {b!r} are the same role", "name two different roles")
    return first, second


@command()
def cheatsheet(
    a: RoleA,
    b: RoleB,
    output: Annotated[Path | None, Opt("--output", "-o", help="The .html or .pdf file (default: HTML on stdout).", show_default=False)] = None,
    fmt: Annotated[str | None, Opt("--format", "-f", help="html or pdf (default: from --output, else html).", show_default=False)] = None,
    paper: Annotated[str, Opt("--paper", help="a4 or letter: the page size the sheet prints on (it fits one page of either).")] = "a4",
    data: DataOpt = None,
) -> None:
    """A one-page cheat sheet comparing two roles, as HTML with print CSS or as PDF (PDF needs chromium).

    What each owns, the top separating skills each way, the shared core, team shape, a typical
    day, deliverables, success measures and common confusions, each with source IDs; the footer
    names the sources and licences.

    Example: rolegraph cheatsheet "Tech PM" "Tech PgM" -o sheet.pdf --paper letter
    """
    from rolegraph import cheatsheet as sheets

    kind = _kind(fmt, output, sheets.FORMATS, "html")
    kb = get_kb(data)
    page = sheets.build(kb, *_pair(kb, a, b), paper=paper.lower())
    _emit(sheets.print_pdf(page) if kind == "pdf" else page.encode("utf-8"), output, kind == "pdf")


@command()
def quiz(
    output: Annotated[Path | None, Opt("--output", "-o", help="The file (.json, .txt/.tsv for Anki, .xml for Moodle, .gift).",
                                                show_default=False)] = None,
    fmt: Annotated[str | None, Opt("--format", "-f", help="json, anki, moodle or gift (default: from --output, else json).",
                                            show_default=False)] = None,
    seed: Annotated[int, Opt("--seed", help="Picks the wrong choices and the order; the same seed gives the same quiz.")] = 16,
    count: Annotated[int | None, Opt("--count", "-n", help="Only this many questions (default: all).", show_default=False)] = None,
    data: DataOpt = None,
) -> None:
    """Quiz questions and flashcards with answers from the graph, each with its statements and sources.

    Who owns a concern, which role is more likely to produce a deliverable, which role a fact
    describes, true/false from facts, stances and disagreements. Exports: JSON, Anki (import
    the .txt as a text file), Moodle XML and Moodle GIFT.

    Example: rolegraph quiz -o quiz.xml --seed 7 --count 20
    """
    from rolegraph import quiz as quizzes

    suffixes = {"txt": "anki", "tsv": "anki", "xml": "moodle"}
    guess = suffixes.get(output.suffix.lstrip(".").lower(), output.suffix.lstrip(".")) if output is not None and output.suffix else None
    kind = _kind(fmt or guess, None, tuple(quizzes.WRITERS), "json")
    questions = quizzes.generate(get_kb(data), seed, count)
    _emit(quizzes.WRITERS[kind](questions), output, False)


@command()
def slides(
    a: RoleA,
    b: RoleB,
    output: Annotated[Path | None, Opt("--output", "-o", help="The .pptx or .html file.", show_default=False)] = None,
    fmt: Annotated[str | None, Opt("--format", "-f", help="pptx or html (default: from --output, else html).", show_default=False)] = None,
    data: DataOpt = None,
) -> None:
    """A slide deck comparing two roles: PowerPoint (.pptx) or one offline HTML page.

    A title slide, one slide per dimension, the radar and Venn charts, and a sources slide; the
    speaker notes of every slide name its sources (docs/embedding.md says why these formats).

    Example: rolegraph slides "Tech PM" "Tech PgM" -o workshop.pptx
    """
    from rolegraph import slides as decks

    kind = _kind(fmt, output, decks.FORMATS, "html")
    kb = get_kb(data)
    _emit(decks.build(kb, *_pair(kb, a, b), fmt=kind), output, kind == "pptx")
