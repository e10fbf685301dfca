"""Commands that answer questions about roles: show, compare, separate, shared, path, fit, …"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from rolegraph.cli.options import Arg, DataOpt, DetailOpt, EndpointOpt, FormatOpt, FragmentOpt, GraphOpt, Opt, OutputOpt, command
from rolegraph.cli.shared import emit, get_kb
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import resolve_role

RoleArg = Annotated[str, Arg(help="A role name, alias or abbreviation, e.g. 'Tech PM' or 'technical program manager'.", show_default=False)]


def _role(kb: KnowledgeBase, name: str) -> str:
    return resolve_role(kb, name).iri


@command()
def show(role: RoleArg, data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None,
         fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
         top: Annotated[int, Opt(help="How many top skills to list.")] = 10) -> None:
    """A role card: definition, focus and ownership, top skills, team, day-to-day, outputs, transitions, sources.

    Example: rolegraph show "Tech PgM"
    """
    from rolegraph.compare import show as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb, _role(kb, role), top=top), fmt, output, kb=kb, fragment=fragment)


@command()
def compare(
    a: RoleArg,
    b: RoleArg,
    dimension: Annotated[list[str] | None, Opt("--dimension", help="Only these dimensions (repeatable): focus, team, tech-skills, "
                                                        "day-to-day, skills, deliverables, metrics, background, hiring, naming, relations, pay, standards.",
                                                        show_default=False)] = None,
    level: Annotated[str | None, Opt("--level", help="Compare the two roles at one seniority level instead: entry (junior), mid, "
                                              "senior, staff (principal) or director.", show_default=False)] = None,
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
    detail: DetailOpt = False,
) -> None:
    """Compare two roles side by side: a summary of what separates them, then (with --detail) every dimension,
    marking seed vs external facts and disagreements.

    Example: rolegraph compare "Tech PM" "Technical Program Manager" --level senior
    """
    from rolegraph.compare import compare as build  # imported while the graph may still be loading

    kb = get_kb(data, endpoint, graph)
    if level is not None:
        if dimension:
            raise RolegraphError("--level and --dimension cannot be combined", "a level comparison covers the ladder aspects only")
        from rolegraph.levels import compare_at_level

        emit(compare_at_level(kb, _role(kb, a), _role(kb, b), level), fmt, output, kb=kb, fragment=fragment)
        return
    emit(build(kb, _role(kb, a), _role(kb, b), dimension or None), fmt, output, kb=kb, fragment=fragment, detail=detail)


@command()
def collaborate(
    a: RoleArg, b: RoleArg,
    activity: Annotated[str | None, Opt("--activity", help="Only the activities this names, e.g. 'go/no-go', 'PRD', 'launch plan'.",
                                                 show_default=False)] = None,
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
) -> None:
    """How two roles work together: who is responsible, accountable, consulted, informed per activity (disputes marked), friction, rituals.

    Example: rolegraph collaborate "Tech PM" "Tech PgM" --activity go/no-go
    """
    from rolegraph.collaborate import collaborate as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb, _role(kb, a), _role(kb, b), activity), fmt, output, kb=kb, fragment=fragment)


@command()
def separate(
    a: RoleArg, b: RoleArg,
    threshold: Annotated[int, Opt(min=1, max=5, help="Smallest importance gap (0–5 scale) that separates.")] = 2,
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
) -> None:
    """Which skills separate A from B (and B from A), ranked by importance gap, each row sourced.

    Example: rolegraph separate "Tech PM" "Tech PgM"
    """
    from rolegraph.compare import separate as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb, _role(kb, a), _role(kb, b), threshold), fmt, output, kb=kb, fragment=fragment)


@command()
def shared(
    a: RoleArg, b: RoleArg,
    min_importance: Annotated[int, Opt(min=0, max=5, help="Lowest importance both roles must give a skill.")] = 3,
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
) -> None:
    """The common core: skills both roles need.

    Example: rolegraph shared "Tech PM" "Tech PgM"
    """
    from rolegraph.compare import shared as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb, _role(kb, a), _role(kb, b), min_importance), fmt, output, kb=kb, fragment=fragment)


@command()
def path(
    from_role: Annotated[str, Arg(metavar="FROM", help="The role you are in now.", show_default=False)],
    to_role: Annotated[str, Arg(metavar="TO", help="The role you want.", show_default=False)],
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
) -> None:
    """What someone in FROM must build to move to TO: the route through recorded transitions and each step's skills.

    Example: rolegraph path "Software Engineer" "Tech PM"
    """
    from rolegraph.graph import path as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb, _role(kb, from_role), _role(kb, to_role)), fmt, output, kb=kb, fragment=fragment)


@command()
def neighbours(
    role: RoleArg, data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None,
    fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False
) -> None:
    """Roles ranked by similarity of skills, what they own and what they focus on (docs/similarity.md).

    Example: rolegraph neighbours "Tech PgM"
    """
    from rolegraph.graph import neighbours as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb, _role(kb, role)), fmt, output, kb=kb, fragment=fragment)


@command()
def centrality(
    top: Annotated[int, Opt(min=1, help="How many skills to list.")] = 15,
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
) -> None:
    """Skills ranked by how many roles lean on them, weighted by importance.

    Example: rolegraph centrality --top 10
    """
    from rolegraph.graph import centrality as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb, top), fmt, output, kb=kb, fragment=fragment)


@command()
def skills(data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None,
           fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False) -> None:
    """List the modelled skills by category (names usable with `fit --skill`).

    Example: rolegraph skills --format csv
    """
    from rolegraph.results import Result

    kb = get_kb(data, endpoint, graph)
    table = kb.run("skills")
    iris = sorted(str(row[0]) for row in table.rows)  # the RDF exports hold the triples behind every row
    table.columns, table.rows = table.columns[1:], [row[1:] for row in table.rows]
    emit(Result("Modelled skills", [table], kind="skills", meta={"subjects": iris}), fmt, output, kb=kb, fragment=fragment)


@command()
def fit(
    skill: Annotated[list[str] | None, Opt("--skill", "-s", help="A skill you have, optionally rated 0–5: 'coding=5' (repeatable).",
                                                    show_default=False)] = None,
    file: Annotated[Path | None, Opt("--file", help="A text file with one 'skill=level' per line (# comments allowed).",
                                              show_default=False)] = None,
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
) -> None:
    """Self-assessment: rate your skills (flags, a file, or interactively on a terminal) and get roles ranked with reasons.

    Example: rolegraph fit -s "coding=5" -s "software architecture=4" -s "product strategy=2"
    """
    from rolegraph.fit import fit as build
    from rolegraph.fit import parse_ratings

    kb = get_kb(data, endpoint, graph)
    entries = list(skill or [])
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise RolegraphError(f"{file}: cannot read ({exc.strerror})", "give a text file with one 'skill=level' per line") from None
        except UnicodeDecodeError as exc:
            raise RolegraphError(f"{file}: byte {exc.start} is not UTF-8", "save the file as UTF-8 text") from None
        entries += [line.split("#", 1)[0].strip() for line in lines if line.split("#", 1)[0].strip()]
    if not entries and sys.stdin.isatty():
        from rolegraph.cli.rate import prompt_ratings

        entries = prompt_ratings(kb, sys.stdin, sys.stderr)
    read_as: list[str] = []
    result = build(kb, parse_ratings(kb, entries, read_as))
    result.notes[:0] = read_as  # a name read as another skill is always shown
    emit(result, fmt, output, kb=kb, fragment=fragment)


@command()
def why(
    words: Annotated[list[str], Arg(metavar="[ROLE [ROLE]] TOPIC", help="Up to two roles, then the topic (e.g. 'how', 'team', "
                                               "'day to day', a skill).", show_default=False)],
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
) -> None:
    """The provenance behind a statement: facts, basis, sources and, where sources disagree, every position.

    Example: rolegraph why "Tech PgM" team
    """
    from rolegraph.provenance import why as build

    kb = get_kb(data, endpoint, graph)
    roles: list[str] = []
    rest = list(words)
    while len(rest) > 1 and len(roles) < 2:
        try:
            roles.append(_role(kb, rest[0]))
        except RolegraphError:
            break
        rest.pop(0)
    emit(build(kb, roles, " ".join(rest)), fmt, output, kb=kb, fragment=fragment)


@command()
def sources(data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None,
            fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False) -> None:
    """Every source: ID, title, author, date, tier and URL.

    Example: rolegraph sources --format markdown
    """
    from rolegraph.provenance import sources as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb), fmt, output, kb=kb, fragment=fragment)


@command()
def disagreements(data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None,
                  fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False) -> None:
    """Where sources disagree (who owns the how, how many teams a TPM covers, …) with every position and who holds it.

    Example: rolegraph disagreements
    """
    from rolegraph.provenance import disagreements as build

    kb = get_kb(data, endpoint, graph)
    emit(build(kb), fmt, output, kb=kb, fragment=fragment)


@command()
def ask(
    question: Annotated[str | None, Arg(help="A question in your own words; none starts an interactive session.",
                                                   show_default=False)] = None,
    interactive: Annotated[bool, Opt("--interactive", "-i", help="Read questions line by line; follow-ups "
                                              "('and the reverse?') continue the previous one.")] = False,
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
    detail: DetailOpt = False,
) -> None:
    """Answer a free-text question from the graph: first how it was understood, then a direct answer (with --detail, the rows behind it); never invents.

    Example: rolegraph ask "Which skills separate a Tech PM from a Technical Program Manager?"
    """
    from rolegraph.ask import ask as answer

    kb = get_kb(data, endpoint, graph)
    if question is not None and not interactive:
        emit(answer(kb, question), fmt, output, kb=kb, fragment=fragment, detail=detail)
        return
    previous = None
    if question is not None:
        result = answer(kb, question)
        emit(result, fmt, None, kb=kb, fragment=fragment)
        previous = result.meta["plan"]
    prompt = sys.stdin.isatty()
    while True:
        if prompt:
            sys.stderr.write("ask> ")
            sys.stderr.flush()
        line = sys.stdin.readline()
        if not line or line.strip().lower() in ("quit", "exit", "q"):
            break
        if line.strip():
            result = answer(kb, line.strip(), previous)
            emit(result, fmt, None, kb=kb, fragment=fragment)
            previous = result.meta["plan"]


@command()
def query(
    name_or_file: Annotated[str | None, Arg(metavar="NAME|FILE", help="A named query (see --list) or a .rq file.",
                                                       show_default=False)] = None,
    param: Annotated[list[str] | None, Opt("--param", "-p", help="A parameter: name=value; IRIs as <https://…> (repeatable).",
                                                    show_default=False)] = None,
    list_: Annotated[bool, Opt("--list", help="List the named queries and their parameters.")] = False,
    timeout: Annotated[str | None, Opt("--timeout", help="Stop the query after this many seconds (env ROLEGRAPH_QUERY_TIMEOUT; "
                                                "default 30).", show_default=False)] = None,
    data: DataOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False,
) -> None:
    """Run a named or your own read-only SPARQL query (updates, SERVICE, LOAD, FROM are refused; size, time and memory are limited).

    Example: rolegraph query skill-profile -p role=<https://w3id.org/rolegraph/id/role/technical-product-manager>
    """
    from rolegraph.sparql import list_queries, run_query

    if list_ or name_or_file is None:
        emit(list_queries(), fmt, output, kb=None, fragment=fragment)
        return
    kb = get_kb(data, endpoint, graph)
    emit(run_query(kb, name_or_file, param or [], timeout), fmt, output, kb=kb, fragment=fragment)
