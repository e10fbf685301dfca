"""Shared pieces of the export, chart, handbook and docs tests (not a test module)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rolegraph import resources
from rolegraph.kb import KnowledgeBase, open_kb
from rolegraph.results import Result, SourceRef, Table

HERE = Path(__file__).parent
MINI = HERE / "fixtures" / "exports" / "mini.ttl"
GOLDEN = HERE / "golden" / "exports"
ROLE = "https://w3id.org/rolegraph/id/role/"
TPM, TPGM, SE = ROLE + "technical-product-manager", ROLE + "technical-program-manager", ROLE + "software-engineer"

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+1+cmd",
    "-2-cmd",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
    "<script>alert('x')</script>",
    "a|b",
    "R&D 100% $5 #1 _x_ {y} ~z ^w \\cmd",
    "line one\nline two",
    "\u202eevil.exe",
    "עברית",
    "العربية",
]
ESCO = "This service uses the ESCO classification of the European Commission."


@cache
def mini_kb() -> KnowledgeBase:
    """The ontology plus the tiny export fixture graph."""
    return open_kb([resources.ontology_path(), MINI], include_packaged=False)


@cache
def real_kb() -> KnowledgeBase:
    """The shipped knowledge base."""
    return open_kb()


def small_result() -> Result:
    """A fixed, two-part result used by the golden files."""
    return Result(
        "Tech PM vs Tech PgM (sample)",
        [
            Table("focus areas", ["item", "Tech PM", "Tech PgM", "basis", "sources"], [
                ["product outcomes", "yes", "—", "seed", "S1"],
                ["program delivery", "—", "yes", "external", "S1, E1"],
            ], notes=["The seed names this dimension."]),
            Table("skills", ["skill", "importance", "sources"], [["dependency management", 5, "E1"], ["=risky", -1, ""]]),
        ],
        sources=[SourceRef("S1", "Tech PM vs Tech PgM", "https://example.org/s1", "A. Writer", "2021", "seed"),
                 SourceRef("E1", "What a program manager does", "https://example.org/e1", tier="secondary")],
        notes=["Sources disagree on who owns the how (D1)."],
        attribution=[ESCO],
        kind="compare",
        meta={"subjects": [TPM, TPGM, "https://w3id.org/rolegraph/id/link/tpm-strategy"]},
    )


def hostile_result() -> Result:
    """Every hostile string as a title, a column, a cell, a note, a source title and a graph label."""
    rows: list[list[str | int | float | bool | None]] = [[h, h, i] for i, h in enumerate(HOSTILE)]
    return Result(
        HOSTILE[0] + " " + HOSTILE[6],
        [Table(HOSTILE[6], ["label", HOSTILE[0], "sources"], rows, notes=HOSTILE[6:8]),
         Table(HOSTILE[8], ["x"], [[None], [True], [1.5]])],
        sources=[SourceRef("S1", HOSTILE[6], "javascript:alert(1)"), SourceRef("E1", HOSTILE[10], "https://example.org/?a=1&b=<2>")],
        notes=list(HOSTILE),
        attribution=[HOSTILE[9]],
        meta={
            "subjects": [TPM],
            "graph": {"nodes": [{"id": str(i), "label": h} for i, h in enumerate(HOSTILE)],
                      "edges": [{"source": "0", "target": str(i), "label": h} for i, h in enumerate(HOSTILE)]},
        },
    )
