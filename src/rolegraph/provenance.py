"""Provenance: the sources, the disagreements between them, and the facts behind a topic."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rolegraph.compare import STANCE, disagreement_notes, role_labels
from rolegraph.kb import KnowledgeBase, source_sort_key
from rolegraph.resolve import normalise
from rolegraph.results import Cell, Result, Table

CONCERNS = ("what", "why", "how", "who", "when")

#: Everyday words that point at a concern when the question does not name it.
CONCERN_WORDS = {
    "what": ("roadmap", "product", "feature", "features", "requirements", "scope", "prd"),
    "why": ("vision", "customer", "customers", "business case", "problem"),
    "how": ("architecture", "implementation", "technical approach", "design"),
    "who": ("staffing", "people", "which teams", "team members"),
    "when": ("timeline", "timelines", "schedule", "deadline", "deadlines", "milestones", "dates"),
}


def asked_concerns(question: str) -> list[str]:
    """Concerns a question names: quoted ("what"), as 'the how', in pairs like 'what and why', or by an everyday word."""
    q = question.lower()
    words = "|".join(CONCERNS)
    found = []
    for c in CONCERNS:
        if c not in q:
            continue  # each pattern below has the word itself (and compiling them costs more than the test)
        quoted = re.search(rf"[\"“‘']{c}[\"”’']", q)
        named = re.search(rf"\bthe {c}\b", q)
        paired = re.search(rf"\b({words}) and (the )?{c}\b|\b{c} and (the )?({words})\b|\b{c} (?:and|or) ({words})\b", q)
        if quoted or named or paired:
            found.append(c)
    if not found:
        text = f" {normalise(question)} "
        found = [c for c, hints in CONCERN_WORDS.items() if any(f" {h} " in text for h in hints)]
    return found


#: Words that name a comparison dimension (by its notation), beyond the dimension labels.
DIMENSION_WORDS: dict[str, tuple[str, ...]] = {
    "focus": ("focus", "focus area", "focus areas", "scope", "responsibility", "responsibilities", "own", "owns", "ownership"),
    "team": ("team", "teams", "team structure", "reports", "report to", "reports to", "direct reports", "org", "organisation", "organization"),
    "tech-skills": ("tech skills", "technical skills", "technical", "tech", "coding", "architecture"),
    "day-to-day": ("day to day", "daily", "day", "activities", "routine", "typical day", "do all day"),
    "skills": ("skills", "soft skills", "non technical skills"),
    "deliverables": ("deliverables", "deliverable", "output", "outputs", "artifacts", "prd", "roadmap"),
    "metrics": ("metrics", "success", "success metrics", "kpi", "kpis", "measured", "blame", "blamed"),
    "background": ("background", "transition", "transitions", "career", "become", "path", "mba", "degree"),
    "hiring": ("hiring", "hire", "companies", "company", "domains", "domain", "employers"),
    "naming": ("name", "names", "abbreviation", "abbreviations", "acronym", "tpm", "title"),
    "relations": ("relation", "relations", "difference", "neighbouring roles", "collaboration"),
    "pay": ("pay", "salary", "salaries", "compensation", "money", "earn", "earns"),
}


def sources(kb: KnowledgeBase) -> Result:
    """Every source with its ID, title, author, date, URL and tier."""
    refs = sorted(kb.sources().values(), key=lambda s: source_sort_key(s.id))
    table = Table("Sources", ["id", "title", "creator", "date", "tier", "url"], [
        [s.id, s.title, s.creator, s.date, s.tier, s.url] for s in refs
    ])
    return kb.attribute(Result("Sources", [table], sources=refs, kind="sources", meta={"subjects": sorted(kb.sources())}))


def disagreements(kb: KnowledgeBase) -> Result:
    """Where sources disagree: each question, every position, and who holds it."""
    rows = kb.named("disagreements").records()
    tables: dict[str, Table] = {}
    for r in rows:  # one table per disagreement: the question once, as its title, then every position
        table = tables.setdefault(str(r["id"]), Table(f"{r['id']}: {r['question']}", ["position", "held by"]))
        table.rows.append([r["position_text"], kb.source_ids([str(r["position"])])])
        note = f"rolegraph's note (not a source's position): {r['note']}"
        if r["note"] and note not in table.notes:
            table.notes.append(note)
    statements = [str(r["position"]) for r in rows] + [str(r["disagreement"]) for r in rows]
    return kb.attribute(Result(
        "Where sources disagree",
        list(tables.values()),
        sources=kb.statement_refs(statements),
        kind="disagreements",
        meta={"subjects": sorted(set(statements))},
    ))


def dimensions_for(topic: str) -> list[str]:
    """Dimension notations a topic names (possibly none)."""
    words = normalise(topic)
    padded = f" {words} "
    found = [dim for dim, names in DIMENSION_WORDS.items() if any(f" {normalise(n)} " in padded for n in names)]
    return found


def why(kb: KnowledgeBase, roles: Sequence[str], topic: str) -> Result:
    """The facts (with basis and sources) behind ``topic`` for ``roles``, plus disagreements and gaps."""
    role_rows = role_labels(kb, *roles)
    targets = list(roles) or sorted(role_rows, key=role_rows.__getitem__)
    dims = dimensions_for(topic)
    words = {w for w in normalise(topic).split() if len(w) > 3}
    table = Table(f"Facts behind: {topic}", ["fact", "role", "dimension", "statement", "basis", "sources", "disputed"])
    disputed: list[Cell] = []
    seen: set[str] = set()
    for role in targets:
        for f in kb.named("facts", role=role).records():
            text_words = set(normalise(str(f["text"])).split())
            if (dims and f["dimension"] in dims) or (not dims and words & text_words):
                if str(f["fact"]) in seen:
                    continue
                seen.add(str(f["fact"]))
                table.rows.append([f["id"], role_rows[role], f["dimension"], f["text"], f["basis"], kb.source_ids([str(f["fact"])]), f["disputed_by"] or ""])
                disputed.append(f["disputed_by"])
    concerns = [normalise(topic)] if normalise(topic) in CONCERNS else asked_concerns(topic)
    for concern in concerns:
        for r in kb.named("concern-owners", concern=concern).records():
            if r["role"] in targets and str(r["link"]) not in seen:
                seen.add(str(r["link"]))
                stance = STANCE.get(str(r["stance"]), str(r["stance"]))
                table.rows.append(["", r["role_label"], "focus", f"{stance} the {concern}", r["basis"], kb.source_ids([str(r["link"])]),
                                   r["disputed_by"] or ""])
                disputed.append(r["disputed_by"])
    gaps = [g for g in kb.named("gaps").records() if g["role"] in targets and (not dims or g["dimension"] in dims)]
    notes = [f"No seed data for {g['role_label']} ({g['dimension_label']}): {g['text']}" for g in gaps if dims]
    notes += disagreement_notes(kb, disputed)
    if not table.rows:
        notes.append(f"The knowledge base has no facts about {topic!r} for these roles; nothing is inferred.")
    return kb.attribute(Result(
        table.title,
        [table],
        sources=kb.statement_refs(seen),
        notes=notes,
        kind="why",
        meta={"roles": list(roles), "topic": topic, "dimensions": dims, "subjects": sorted(seen)},
    ))
