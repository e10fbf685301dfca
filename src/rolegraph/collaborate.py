"""How two roles work together: the responsibility (RACI) matrix, friction points, shared rituals.

The matrix is rolegraph's synthesis (basis ``derived``): no source publishes it. Contested cells
are marked and every position of the disagreement behind them is listed. The seed promises a
collaboration recipe that could not be read; every answer says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rolegraph.basis import basis_notes, derived_reasons, low_only, low_only_note
from rolegraph.compare import bases, disagreement_notes, role_labels
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


@dataclass
class RaciCell:
    """One party's part in one activity."""

    party_label: str
    codes: list[str]
    text: str
    basis: str
    reason: str
    disputed_by: str
    responsibility: str

    def row(self, activity: str) -> dict[str, Cell]:
        """As a plain row (for the basis notes)."""
        return {"activity": activity, "basis": self.basis, "reason": self.reason}


@dataclass
class Activity:
    """One row of the matrix: the activity and each party's cell."""

    label: str
    order: int
    note: str
    cells: dict[str, RaciCell] = field(default_factory=dict)


def matrix_rows(kb: KnowledgeBase) -> dict[str, Activity]:
    """The matrix by activity IRI; each activity's cells by party IRI."""
    activities: dict[str, Activity] = {}
    for r in kb.named("raci").records():
        activity = activities.setdefault(str(r["activity"]), Activity(str(r["activity_label"]), int(str(r["activity_order"])), str(r["scope_note"] or "")))
        cell = activity.cells.setdefault(str(r["party"]), RaciCell(
            str(r["party_label"]), [], str(r["text"] or ""), str(r["basis"]), str(r["reason"] or ""), str(r["disputed_by"] or ""),
            str(r["responsibility"]),
        ))
        cell.codes.append(str(r["code"]))
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


def _cell(cell: RaciCell | None) -> str:
    if cell is None:
        return "—"
    text = ", ".join(sorted(cell.codes, key="ARCI".index))
    if cell.disputed_by:
        text += "*"
    if cell.text and cell.text != "contested":
        text += f" ({cell.text})"
    return text


def collaborate(kb: KnowledgeBase, a: str, b: str, activity: str | None = None) -> Result:
    """The RACI matrix between roles ``a`` and ``b`` (plus the other parties sources place in it),
    friction points and shared rituals. ``activity`` keeps only the matching activities ('go/no-go')."""
    if a == b:
        raise RolegraphError("collaboration needs two different roles", "e.g. collaborate 'Tech PM' 'Tech PgM'")
    activities = matrix_rows(kb)
    parties = {p for act in activities.values() for p in act.cells}
    labels = role_labels(kb, a, b, *sorted(parties))
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
    others = sorted({p for act in activities.values() for p in act.cells} - {a, b}, key=lambda p: (p not in labels, p))
    party_label = {p: c.party_label for act in activities.values() for p, c in act.cells.items()} | {a: labels[a], b: labels[b]}
    columns = [party_label[p] for p in (a, b, *others)]
    matrix = Table("Responsibility matrix (rolegraph's synthesis)", ["activity", *columns, "basis", "sources", "disputed", "note"])
    cells_used: list[tuple[str, RaciCell]] = []
    for act in sorted(activities.values(), key=lambda x: x.order):
        row_cells = [act.cells.get(p) for p in (a, b, *others)]
        present = [c for c in row_cells if c]
        cells_used += [(act.label, c) for c in present]
        matrix.rows.append([
            act.label, *(_cell(c) for c in row_cells),
            bases(c.basis for c in present),
            kb.source_ids(c.responsibility for c in present),
            ", ".join(sorted({c.disputed_by for c in present if c.disputed_by})),
            act.note,
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
    used = [c.responsibility for _, c in cells_used] + [str(f["fact"]) for f in facts]
    notes = [RACI_KEY]
    notes += gap_notes(gaps_about(kb, {a, b}, ("relations", "collaboration")))  # the seed's unread recipe first
    notes += basis_notes([c.basis for _, c in cells_used] + [f["basis"] for f in facts])
    notes += derived_reasons([c.row(label) for label, c in cells_used], item="activity")
    notes += low_only_note(f"{f['id']}" for f in facts if low_only([f["basis"]]))
    notes += disagreement_notes(kb, [c.disputed_by for _, c in cells_used] + [f["disputed_by"] for f in facts])
    return kb.attribute(Result(
        f"How {labels[a]} and {labels[b]} work together",
        tables,
        sources=kb.statement_refs(used),
        notes=notes,
        kind="collaborate",
        meta={"roles": [a, b], "labels": [labels[a], labels[b]], "subjects": sorted({a, b, *used}),
              "graph": _graph(activities, [a, b, *others], party_label)},
    ))



def _graph(activities: dict[str, Activity], parties: list[str], party_label: dict[str, str]) -> dict[str, object]:
    """The matrix as a graph (party → activity, labelled with its RACI codes) for graph-shaped exports such as mermaid."""
    nodes = [{"id": p, "label": party_label[p]} for p in parties]
    edges = []
    for iri, act in sorted(activities.items(), key=lambda x: x[1].order):
        nodes.append({"id": iri, "label": act.label})
        edges += [{"source": p, "target": iri, "label": _cell(act.cells[p]), "basis": act.cells[p].basis} for p in parties if p in act.cells]
    return {"nodes": nodes, "edges": edges, "directed": True}
