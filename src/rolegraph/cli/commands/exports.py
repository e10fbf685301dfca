"""Commands for training material: charts and the offline handbook."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from rolegraph.cli.options import Arg, DataOpt, Opt, command
from rolegraph.cli.shared import get_kb, write_output
from rolegraph.errors import RolegraphError


class ChartKind(StrEnum):
    """The charts rolegraph draws."""

    radar = "radar"
    venn = "venn"
    transitions = "transitions"
    heatmap = "heatmap"


@command()
def chart(
    kind: Annotated[ChartKind, Arg(help="radar (2+ roles), venn (2 roles), transitions (some roles, or all) or heatmap (all roles × skills).")],
    roles: Annotated[list[str] | None, Arg(help="Role names, aliases or abbreviations.", show_default=False)] = None,
    output: Annotated[Path | None, Opt("--output", "-o", help="The .svg or .png file.", show_default=False)] = None,
    fmt: Annotated[str | None, Opt("--format", "-f", help="svg or png (default: from --output, else svg).")] = None,
    stat: Annotated[str, Opt("--stat", help="Radar only: mean or max importance per skill category.")] = "mean",
    dpi: Annotated[int, Opt("--dpi", help="PNG resolution: 100 gives 1600 px wide (50–600).")] = 100,
    data: DataOpt = None,
) -> None:
    """Draw a chart from the knowledge base as SVG or PNG (projector-sized, greyscale-safe, deterministic).

    Example: rolegraph chart radar "Tech PM" "Tech PgM" -o radar.svg
    """
    from rolegraph import charts
    from rolegraph.resolve import resolve_role

    kb = get_kb(data)
    iris = [resolve_role(kb, name).iri for name in roles or []]
    name = (fmt or (output.suffix.lstrip(".") if output is not None and output.suffix else "svg")).lower()
    if name not in charts.FORMATS:
        raise RolegraphError(f"charts are drawn as svg or png, not {name!r}", "use --format svg or --format png")
    if kind is ChartKind.radar:
        spec = charts.radar(kb, iris, stat)
    elif kind is ChartKind.venn:
        if len(iris) != 2:
            raise RolegraphError("a venn chart compares exactly two roles", 'e.g. rolegraph chart venn "Tech PM" "Tech PgM"')
        spec = charts.venn(kb, iris[0], iris[1])
    elif kind is ChartKind.heatmap:
        spec = charts.heatmap(kb)
    else:
        spec = charts.transitions(kb, iris)
    image = charts.draw(spec, name, dpi)
    if output is not None:
        write_output(output, image)
    elif name == "png" and sys.stdout.isatty():
        raise RolegraphError("refusing to write PNG bytes to a terminal", "use --output chart.png or redirect stdout")
    else:
        sys.stdout.buffer.write(image)


@command()
def handbook(
    outdir: Annotated[Path, Arg(help="Directory to write (new, empty, or an earlier handbook).")],
    pair: Annotated[
        list[str] | None,
        Opt("--pair", help='Extra comparison page, as "ROLE A,ROLE B" (repeatable).', show_default=False),
    ] = None,
    data: DataOpt = None,
) -> None:
    """Write the offline handbook: index, role pages, comparisons, sources, disagreements, charts.

    Opens from disk in any browser with no server, network or scripts. Rebuilding replaces an
    earlier handbook atomically.

    Example: rolegraph handbook site/ --pair "Product Manager,Tech PM"
    """
    from rolegraph.extras import require
    from rolegraph.handbook import build

    require("matplotlib")  # the handbook's charts: one line naming the install command, not a handbook without them

    pairs = []
    for text in pair or []:
        a, sep, b = text.partition(",")
        if not sep or not a.strip() or not b.strip():
            raise RolegraphError(f"--pair {text!r} is not two roles", 'write it as "ROLE A,ROLE B"')
        pairs.append((a.strip(), b.strip()))
    files = build(get_kb(data), outdir, pairs)
    sys.stderr.write(f"rolegraph: wrote {len(files)} files to {outdir}/ (open {outdir / 'index.html'})\n")
