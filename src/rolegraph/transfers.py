"""What transfers on a move between roles: skills you already have, skills to build, the usual
interview hurdle, and what sources say about the move (the seed's own framing first)."""

from __future__ import annotations

import itertools

from rolegraph.basis import basis_notes, derived_reasons, low_only, low_only_note
from rolegraph.compare import role_labels
from rolegraph.errors import RolegraphError
from rolegraph.gaps import gap_notes, gaps_about
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell, Result, Table

HAVE, BUILD = "carries-over", "to-build"
MOVE_COLUMNS = ["you already have", "basis (have)", "sources (have)", "to build", "basis (build)", "sources (build)"]


def transfer_rows(kb: KnowledgeBase, source: str, target: str) -> list[dict[str, Cell]]:
    """The skill transfers recorded for the move ``source`` → ``target``."""
    return kb.named("transfers", from_role=source, to_role=target).records()


def guide_rows(kb: KnowledgeBase, source: str, target: str) -> list[dict[str, Cell]]:
    """The derived summary of the move (carries over, to build, interview hurdle), if recorded."""
    return [g for g in kb.named("transition-guides").records() if g["from_role"] == source and g["to_role"] == target]


def _skill(kb: KnowledgeBase, row: dict[str, Cell] | None) -> list[Cell]:
    if row is None:
        return ["", "", ""]
    return [row["skill_label"], row["basis"], kb.source_ids([str(row["link"])])]


def side_by_side(kb: KnowledgeBase, rows: list[dict[str, Cell]], step: int | None = None) -> list[list[Cell]]:
    """Rows of 'you already have' beside 'to build' (each with basis and sources)."""
    have = [r for r in rows if r["transfer"] == HAVE]
    build = [r for r in rows if r["transfer"] == BUILD]
    lead: list[Cell] = [step] if step is not None else []
    return [lead + _skill(kb, h) + _skill(kb, b) for h, b in itertools.zip_longest(have, build)]


def guide_table(kb: KnowledgeBase, guides: list[tuple[int, dict[str, Cell]]]) -> Table:
    """The move in short: what carries over, what to build, the interview hurdle (rolegraph's synthesis)."""
    return Table("The move in short (rolegraph's synthesis)", ["step", "carries over", "to build", "interview hurdle", "basis", "sources"], [
        [step, g["carries_over"], g["to_build"], g["hurdle"], g["basis"], kb.source_ids([str(g["guide"])])] for step, g in guides
    ])


def move_notes(kb: KnowledgeBase, transfers: list[dict[str, Cell]], guides: list[dict[str, Cell]], facts: list[dict[str, Cell]]) -> list[str]:
    """Basis explanations, derived reasons and low-only warnings for a move's rows."""
    notes = basis_notes([r["basis"] for r in transfers + guides + facts])
    notes += derived_reasons([{**r, "item": r["skill_label"]} for r in transfers] + [{**g, "item": "the move in short"} for g in guides], item="item")
    notes += low_only_note(str(r["skill_label"]) for r in transfers if low_only([r["basis"]]))
    return notes


def seed_framing(facts: list[dict[str, Cell]]) -> list[str]:
    """What the seed family itself says about the move, as notes."""
    return [f"The seed family ({f['id']}): {f['text']}" for f in facts if f["basis"] in ("seed", "seed-article")]


def transfers(kb: KnowledgeBase, source: str, target: str) -> Result:
    """For the move ``source`` → ``target``: skills you already have beside skills to build, the move in
    short with its interview hurdle, and the facts sources give about it."""
    labels = role_labels(kb, source, target)
    if source == target:
        raise RolegraphError(f"{labels.get(source, source)} is already the target role", "pick two different roles")
    rows = transfer_rows(kb, source, target)
    guides = guide_rows(kb, source, target)
    facts = kb.named("transition-facts", from_role=source, to_role=target).records()
    if not (rows or guides or facts):
        recorded = sorted(f"{g['from_label']} → {g['to_label']}" for g in kb.named("transition-guides").records())
        raise RolegraphError(f"nothing is recorded about moving from {labels.get(source, source)} to {labels.get(target, target)}",
                             "recorded moves: " + "; ".join(recorded))
    used = [str(r["link"]) for r in rows] + [str(g["guide"]) for g in guides] + [str(f["fact"]) for f in facts]
    kb.sources_by_statement(used)  # every row's sources in one query
    tables = [Table("What transfers", MOVE_COLUMNS, side_by_side(kb, rows))]
    if guides:
        tables.append(guide_table(kb, [(1, g) for g in guides]))
    if facts:
        tables.append(Table("What sources say about this move", ["fact", "statement", "basis", "sources"], [
            [f["id"], f["text"], f["basis"], kb.source_ids([str(f["fact"])])] for f in facts
        ]))
    notes = seed_framing(facts) + move_notes(kb, rows, guides, facts)
    notes += gap_notes(gaps_about(kb, {source, target}, ("background",)))
    return kb.attribute(Result(
        f"What transfers from {labels[source]} to {labels[target]}",
        tables,
        sources=kb.statement_refs(used),
        notes=notes,
        kind="transfers",
        meta={"roles": [source, target], "subjects": sorted({source, target, *used})},
    ))
