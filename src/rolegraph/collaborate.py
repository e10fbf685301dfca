"""How two roles work together: the responsibility (RACI) matrix, friction points, shared rituals.

The matrix is rolegraph's synthesis (basis ``derived``): no source publishes it. Contested cells
are marked and every position of the disagreement behind them is listed. The seed promises a
collaboration recipe that could not be read; every answer says so.
"""

from __future__ import annotations

import re
from rolegraph.basis import bases, basis_notes, derived_reasons, low_only, low_only_note
from rolegraph.compare import disagreement_notes, role_labels
from rolegraph.errors import RolegraphError
from rolegraph.gaps import gap_notes, gaps_about
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import normalise
from rolegraph.results import Cell, Result, Table

RACI_KEY = "R = responsible (does the work), A = accountable (answers for it; one per activity), C = consulted, I = informed. * = contested."
KINDS = (("split", "How sources split the work"), ("friction", "Friction points"), ("ritual", "Shared rituals"))


def _id_key(fact_id: str) -> tuple[str, int]:
    head, _, number = fact_id.rpartition("-")
    return (head, int(number) if number.isdigit() else 0)


def matrix_rows(kb: KnowledgeBase) -> dict[str, dict[str, object]]:
    """The matrix by activity IRI: label, order, scope note and, per party IRI, its codes and cell statement."""
    activities: dict[str, dict[str, object]] = {}
    for r in kb.named("raci").records():
        activity = activities.setdefault(str(r["activity"]), {
            "label": r["activity_label"], "order": r["activity_order"], "note": r["scope_note"] or "", "cells": {},
        })
        cells = activity["cells"]
        assert isinstance(cells, dict)
        cell = cells.setdefault(str(r["party"]), {
            "party_label": r["party_label"], "codes": [], "text": r["text"] or "", "basis": r["basis"], "reason": r["reason"],
            "disputed_by": r["disputed_by"] or "", "responsibility": r["responsibility"],
        })
        cell["codes"].append(str(r["code"]))
    return activities


def find_activities(kb: KnowledgeBase, words: str) -> list[str]:
    """Activity IRIs whose label or another name ('PRD', 'go/no-go', 'launch plan') occurs in ``words``."""
    text = f" {normalise(words)} "
    found = []
    for r in kb.named("raci-activities").records():
        names = [str(r["label"]), *str(r["names"] or "").split("|")]
        if any(n and re.search(rf"\b{re.escape(normalise(n))}\b", text) for n in names):
            found.append(str(r["activity"]))
    return found


def _cell(cell: dict[str, object] | None) -> str:
    if not cell:
        return "—"
    codes = cell["codes"]
    assert isinstance(codes, list)
    text = ", ".join(sorted(codes, key="ARCI".index))
    if cell["disputed_by"]:
        text += "*"
    note = str(cell["text"])
    if note and note != "contested":
        text += f" ({note})"
    return text


def collaborate(kb: KnowledgeBase, a: str, b: str, activity: str | None = None) -> Result:
    """The RACI matrix between roles ``a`` and ``b`` (plus the other parties sources place in it),
    friction points and shared rituals. ``activity`` keeps only the matching activities ('go/no-go')."""
    labels = role_labels(kb)
    if a == b:
        raise RolegraphError("collaboration needs two different roles", "e.g. collaborate 'Tech PM' 'Tech PgM'")
    activities = matrix_rows(kb)
    parties = {p for act in activities.values() for p in act["cells"]}  # type: ignore[attr-defined]
    missing = [labels.get(r, r) for r in (a, b) if r not in parties]
    if missing:
        in_matrix = sorted(labels[p] for p in parties if p in labels)
        raise RolegraphError(f"no responsibility matrix is recorded for {' and '.join(missing)}",
                             "the matrix covers: " + ", ".join(in_matrix))
    if activity:
        wanted = set(find_activities(kb, activity))
        if not wanted:
            names = ", ".join(str(r["label"]) for r in kb.named("raci-activities").records())
            raise RolegraphError(f"no activity of the matrix matches {activity!r}", f"activities: {names}")
        activities = {k: v for k, v in activities.items() if k in wanted}
    others = sorted({p for act in activities.values() for p in act["cells"]} - {a, b},  # type: ignore[attr-defined]
                    key=lambda p: (p not in labels, str(p)))
    columns = [labels[a], labels[b]]
    party_label = {p: str(c["party_label"]) for act in activities.values() for p, c in act["cells"].items()}  # type: ignore[attr-defined]
    columns += [party_label[p] for p in others]
    matrix = Table("Responsibility matrix (rolegraph's synthesis)", ["activity", *columns, "basis", "sources", "disputed", "note"])
    cells_used: list[dict[str, Cell]] = []
    for act in sorted(activities.values(), key=lambda x: int(str(x["order"]))):
        cells = act["cells"]
        assert isinstance(cells, dict)
        row_cells = [cells.get(p) for p in (a, b, *others)]
        present = [c for c in row_cells if c]
        cells_used += [{**c, "activity": act["label"]} for c in present]
        matrix.rows.append([
            act["label"], *(_cell(c) for c in row_cells),
            bases(c["basis"] for c in present),
            kb.source_ids(str(c["responsibility"]) for c in present),
            ", ".join(sorted({str(c["disputed_by"]) for c in present if c["disputed_by"]})),
            act["note"],
        ])
    tables = [matrix]
    facts = [f for f in kb.named("collaboration-facts").records() if {a, b} <= set(str(f["roles"]).split())]
    if not activity:
        for kind, title in KINDS:
            rows = sorted((f for f in facts if f["kind"] == kind), key=lambda f: _id_key(str(f["id"])))
            if rows:
                tables.append(Table(title, ["fact", "statement", "basis", "sources", "disputed"], [
                    [f["id"], f["text"], f["basis"], kb.source_ids([str(f["fact"])]), f["disputed_by"] or ""] for f in rows
                ]))
    else:
        facts = []
    used = [str(c["responsibility"]) for c in cells_used] + [str(f["fact"]) for f in facts]
    notes = [RACI_KEY]
    notes += gap_notes(gaps_about(kb, {a, b}, ("relations", "collaboration")))  # the seed's unread recipe first
    notes += basis_notes([c["basis"] for c in cells_used] + [f["basis"] for f in facts])
    notes += derived_reasons(cells_used, item="activity")
    notes += low_only_note(f"{f['id']}" for f in facts if low_only([f["basis"]]))
    notes += disagreement_notes(kb, [c["disputed_by"] for c in cells_used] + [f["disputed_by"] for f in facts])
    return kb.attribute(Result(
        f"How {labels[a]} and {labels[b]} work together",
        tables,
        sources=kb.source_refs(s for st in used for s in kb.sources_of(st)),
        notes=notes,
        kind="collaborate",
        meta={"roles": [a, b], "labels": [labels[a], labels[b]], "subjects": sorted({a, b, *used}),
              "graph": _graph(activities, [a, b, *others], party_label | {a: labels[a], b: labels[b]})},
    ))



def _graph(activities: dict[str, dict[str, object]], parties: list[str], party_label: dict[str, str]) -> dict[str, object]:
    """The matrix as a graph (party → activity, labelled with its RACI codes) for graph-shaped exports such as mermaid."""
    nodes = [{"id": p, "label": party_label[p]} for p in parties]
    edges = []
    for iri, act in sorted(activities.items(), key=lambda x: int(str(x[1]["order"]))):
        nodes.append({"id": iri, "label": act["label"]})
        cells = act["cells"]
        assert isinstance(cells, dict)
        edges += [{"source": p, "target": iri, "label": _cell(cells[p]), "basis": cells[p]["basis"]} for p in parties if p in cells]
    return {"nodes": nodes, "edges": edges, "directed": True}
