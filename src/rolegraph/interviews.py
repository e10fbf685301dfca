"""Interview preparation per role: the stages of the process and the kinds of questions asked.

A role that is a kind of another (a Tech PM is a Product Manager) also gets the parent role's
interview facts, marked as such.
"""

from __future__ import annotations

from rolegraph.basis import basis_notes, low_only, low_only_note
from rolegraph.compare import disagreement_notes, role_labels
from rolegraph.errors import RolegraphError
from rolegraph.gaps import gap_notes, gaps_about
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell, Result, Table

COLUMNS = ["topic", "company", "what to expect", "basis", "sources", "disputed"]
TPM_TRAP = ("Interview guides often write TPM for either role: the Technical Program Manager at most companies, "
            "the Technical Product Manager in some (e.g. E88). Each row here is filed under the role its source means.")


def parent_role(kb: KnowledgeBase, role: str) -> str | None:
    """The role ``role`` is a kind of (rg:isKindOf), if any."""
    rows = kb.named("role-parent", role=role).rows
    return str(rows[0][1]) if rows else None


def _rows(kb: KnowledgeBase, links: list[dict[str, Cell]]) -> list[list[Cell]]:
    kb.sources_by_statement(str(r["link"]) for r in links)  # one query for every row's sources
    return [[r["topic_label"], r["company_label"] or "any", r["text"], r["basis"], kb.source_ids([str(r["link"])]), r["disputed_by"] or ""]
            for r in links]


def interview_links(kb: KnowledgeBase, role: str) -> list[dict[str, Cell]]:
    """The role's interview links (stages first, then question categories, in topic order)."""
    return sorted(kb.named("interview-links", role=role).records(), key=lambda r: (r["topic_kind"] != "stage", int(str(r["topic_order"]))))


def interview_prep(kb: KnowledgeBase, role: str) -> Result:
    """How to prepare for the role's interviews: stages and question categories with sources."""
    own = interview_links(kb, role)
    parent = parent_role(kb, role)
    labels = role_labels(kb, role, *([parent] if parent else []))
    inherited = interview_links(kb, parent) if parent else []
    if not own and not inherited:
        roles = [str(r["role"]) for r in kb.select(
            "PREFIX rg: <https://w3id.org/rolegraph/ns#> SELECT DISTINCT ?role WHERE { ?l a rg:InterviewLink ; rg:role ?role }").records()]
        labels = role_labels(kb, role, *roles)
        with_data = sorted({labels[r] for r in roles})
        raise RolegraphError(f"no interview facts are recorded for {labels.get(role, role)}", "recorded for: " + ", ".join(with_data))
    tables = []
    for kind, title in (("stage", "Interview stages"), ("questions", "Question categories")):
        rows = [r for r in own if r["topic_kind"] == kind]
        if rows:
            tables.append(Table(title, COLUMNS, _rows(kb, rows)))
    if inherited and parent:
        tables.append(Table(f"As a {labels[parent]} (the {labels[role]} is a kind of {labels[parent]})", COLUMNS, _rows(kb, inherited)))
    links = own + inherited
    used = [str(r["link"]) for r in links]
    notes = [TPM_TRAP, *basis_notes(r["basis"] for r in links)]
    notes += low_only_note(f"{r['topic_label']}" + (f" at {r['company_label']}" if r["company_label"] else "") for r in links if low_only([r["basis"]]))
    notes += gap_notes(gaps_about(kb, {role}, ("interviews",), all_roles=False))
    notes += disagreement_notes(kb, (r["disputed_by"] for r in links))
    return kb.attribute(Result(
        f"Interview preparation: {labels[role]}",
        tables,
        sources=kb.statement_refs(used),
        notes=notes,
        kind="interviews",
        meta={"role": role, "subjects": sorted({role, *used})},
    ))


def interview_summary(kb: KnowledgeBase, role: str) -> Table:
    """The role's own interview stages and question categories as one table for a role card (may be empty)."""
    return Table("Interview preparation", COLUMNS, _rows(kb, interview_links(kb, role)))
