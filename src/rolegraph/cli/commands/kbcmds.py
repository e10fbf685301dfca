"""Commands about the knowledge base itself: validate, roles, formats."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from rolegraph import formats
from rolegraph.cli.options import Arg, CommandExit, DataOpt, EndpointOpt, FormatOpt, FragmentOpt, GraphOpt, OutputOpt, command
from rolegraph.cli.shared import emit, get_kb
from rolegraph.errors import ExitCode
from rolegraph.results import Cell, Result, Table


@command()
def validate(
    files: Annotated[list[Path] | None, Arg(help="Extra Turtle files to validate with the shipped data.", show_default=False)] = None,
    fmt: FormatOpt = None,
    output: OutputOpt = None,
    fragment: FragmentOpt = False,
) -> None:
    """Check the shipped data (plus FILES) against the SHACL shapes.

    Exit 0 when it conforms, 3 when it does not, 1 when a file cannot be read.

    Example: rolegraph validate my-company-roles.ttl
    """
    from rolegraph.validate import validate as run_validation

    report = run_validation(files or [])
    emit(report.to_result(), fmt, output, kb=None, fragment=fragment)
    if not report.conforms:
        sys.stderr.write(f"rolegraph: validation failed: {len(report.violations)} violation(s)\n")
        raise CommandExit(int(ExitCode.VALIDATION_FAILED))


@command()
def roles(
    data: DataOpt = None, fmt: FormatOpt = None, output: OutputOpt = None, endpoint: EndpointOpt = None, graph: GraphOpt = None, fragment: FragmentOpt = False
) -> None:
    """List the modelled roles with their aliases and one-line definitions.

    Example: rolegraph roles --format markdown
    """
    from rolegraph.compare import roles_overview

    kb = get_kb(data, endpoint, graph)
    emit(roles_overview(kb), fmt, output, kb=kb, fragment=fragment)


@command("formats")
def list_formats(fmt: FormatOpt = None, output: OutputOpt = None, fragment: FragmentOpt = False) -> None:
    """List the output formats every command accepts with --format.

    Example: rolegraph formats
    """
    rows: list[list[Cell]] = [["rich", "txt", "text/plain", "the terminal view (plain text when piped)"]]
    rows += [[f.name, f.extension, f.media_type, f.description] for f in formats.all_formats()]
    table = Table("Output formats", ["name", "extension", "media_type", "description"], rows)
    emit(Result("Output formats", [table], kind="formats"), fmt, output, kb=None, fragment=fragment)
