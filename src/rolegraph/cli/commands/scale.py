"""Commands for large and shared data: publish to a triple store, import ESCO."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

from rolegraph import resources
from rolegraph.cli.options import Arg, DataOpt, Opt, command
from rolegraph.cli.shared import visible
from rolegraph.errors import RolegraphError


@command()
def publish(
    to: Annotated[
        str,
        Opt(
            "--to",
            help="The server (e.g. http://localhost:7878: its Graph Store is found for Oxigraph, Virtuoso, Fuseki), "
            "its Graph Store URL (e.g. http://localhost:7878/store), or an update endpoint with --update.",
        ),
    ],
    graph: Annotated[
        str | None, Opt("--graph", help="Named graph IRI to write (default: the default graph).", show_default=False)
    ] = None,
    replace: Annotated[bool, Opt("--replace", help="Replace the graph's content instead of adding to it.")] = False,
    update: Annotated[
        bool, Opt("--update", help="TO is a SPARQL 1.1 Update endpoint (INSERT DATA) instead of a Graph Store.")
    ] = False,
    batch_size: Annotated[int, Opt("--batch-size", min=1, help="Triples per request.")] = 5000,
    data: DataOpt = None,
) -> None:
    """Load the knowledge base (plus --data files) into a triple store, in batches, and count it there.

    Credentials come only from ROLEGRAPH_ENDPOINT_TOKEN or ROLEGRAPH_ENDPOINT_USER/_PASSWORD
    (HTTP Basic, or Digest when the server asks for it). See docs/scale.md per server.

    Example: rolegraph publish --to http://localhost:7878 --replace
    """
    from rolegraph.publish import publish as run_publish

    files = [*resources.packaged_graph_paths(), *(data or [])]
    done = run_publish(files, to, graph=graph, replace=replace, update=update, batch_size=batch_size)
    where = f"graph <{done.graph}>" if done.graph else "the default graph"
    verb = "replaced" if done.replaced else "added to"
    counted = f"; the store counts {done.counted}" if done.counted is not None else ""
    sys.stderr.write(f"rolegraph: {verb} {where} at {done.target}: {done.triples} triples in {done.batches} batch(es){counted}\n")


@command("import-esco")
def import_esco(
    directory: Annotated[
        Path,
        Arg(
            help="Directory of ESCO's CSV package (occupations_en.csv, skills_en.csv, occupationSkillRelations_en.csv)."
        ),
    ],
    output: Annotated[Path, Opt("--output", "-o", help="Turtle file to write (use it with --data).")],
    prepare: Annotated[
        bool, Opt("--prepare", help="Also build the prepared on-disk store for the shipped data plus OUTPUT.")
    ] = False,
) -> None:
    """Import ESCO occupations, skills and their links into rolegraph's model.

    Occupations become roles (ESCO IRIs kept); essential skills get importance 4, optional 2.
    Results that use the data carry ESCO's acknowledgement.

    Example: rolegraph import-esco ESCO_dataset_v1.2.0/ --output esco.ttl && rolegraph roles --data esco.ttl
    """
    from rolegraph.esco import ATTRIBUTION, import_csv

    if output.suffix.lower() != ".ttl":
        raise RolegraphError(f"{output}: the output must be a Turtle file (.ttl)", "for example --output esco.ttl")
    summary = import_csv(directory, output)
    sys.stderr.write(
        f"rolegraph: wrote {output}: {summary.roles} roles, {summary.skills} skills, {summary.links} skill links, "
        f"{summary.triples} triples; skipped {len(summary.skipped)} row(s)\n"
    )
    for why in summary.skipped[:5]:
        sys.stderr.write(f"rolegraph: skipped {visible(why)}\n")  # the rows' text is data: controls shown escaped
    if prepare:
        from rolegraph.engines.prepared import prepared_path

        sys.stderr.write(f"rolegraph: prepared store {prepared_path([*resources.packaged_graph_paths(), output])}\n")
    sys.stderr.write(f"rolegraph: {ATTRIBUTION}\n")
