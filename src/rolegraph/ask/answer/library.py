"""Answers from other library modules (seniority levels, collaboration), taken in row by row with each row's basis."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from rolegraph.ask.answer.base import Answer, negated_claim, pair, tx_words, without_roles
from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.ask.text import answer_words
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Result


def _from_result(kb: KnowledgeBase, ans: Answer, result: Result, lead: str) -> None:
    """Take a library result's tables and notes into the answer, each table row an item with its own basis."""
    ans.tables += result.tables
    ans.notes += [n for n in result.notes if n not in ans.notes]
    ans.statements += [str(s) for s in result.meta.get("subjects", [])]
    ans.lead = lead
    for table in result.tables:
        if "basis" not in table.columns:
            continue
        at_basis = table.columns.index("basis")
        at_sources = table.columns.index("sources") if "sources" in table.columns else None
        for row in table.rows:
            text = " · ".join(f"{c}" for i, c in enumerate(row) if c not in (None, "", "—") and i not in (at_basis, at_sources))
            sources = [x for x in str(row[at_sources] or "").split(", ") if x] if at_sources is not None else []
            item = {"text": text, "basis": str(row[at_basis] or "derived"), "sources": sources}
            if not text or any(i["text"] == text for i in ans.items + ans.external):
                continue
            seed_only = ans.plan.scope == "seed" and "seed" not in item["basis"]
            (ans.external if seed_only else ans.items).append(item)


def _named_levels(kb: KnowledgeBase, plan: Plan) -> list[str]:
    """Seniority levels the question names ('senior', 'staff', 'principal'), lowest first."""
    from rolegraph.levels import all_levels
    from rolegraph.resolve import normalise

    said = f" {normalise(without_roles(kb, plan.question))} "
    found = []
    for r in kb.named("levels").records():
        names = {str(r["notation"]), str(r["label"]), *str(r["names"] or "").split("|")}
        if any(n and f" {normalise(n)} " in said for n in names):
            found.append((int(str(r["level_order"])), str(r["notation"])))
    order = [lv.notation for lv in all_levels(kb)]
    return [n for _, n in sorted(set(found))] if order else []


def _levels(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """Seniority: one role between two levels, two roles at one level, or a role's whole ladder (rolegraph.levels)."""
    from rolegraph import levels
    from rolegraph.errors import RolegraphError

    named = _named_levels(kb, plan)
    roles = plan.roles
    try:
        if len(roles) == 1 and len(named) >= 2:
            result = levels.compare_levels(kb, roles[0].iri, named[0], named[-1])
        elif len(roles) >= 2 and named:
            result = levels.compare_at_level(kb, roles[0].iri, roles[1].iri, named[0])
        else:
            result = levels.ladder(kb, roles[0].iri)
    except RolegraphError as err:  # no ladder for the role: the levels text that has its subject, if any
        ans.notes.append(str(err))
        _named_text_first(kb, plan, ans, loose=True)
        return
    cells = [f"{t.title}: " + "; ".join(" · ".join(str(c) for c in row[:3] if c) for row in t.rows[:3]) for t in result.tables[:1]]
    _from_result(kb, ans, result, _rungs_counted(kb, plan, named) + result.title + (" — " + cells[0] if cells else ""))
    _named_text_first(kb, plan, ans)


def _rungs_counted(kb: KnowledgeBase, plan: Plan, named: list[str]) -> str:
    """'how many levels for tech pm': a role's whole ladder asked as a count starts with its recorded levels ('5 levels: …. ')."""
    from rolegraph import levels

    noun = plan.counted
    if len(plan.roles) != 1 or named or noun not in answer_words("rungs"):
        return ""
    recorded = levels.ladder_rows(kb, plan.roles[0].iri)
    rungs = [level.label for level in levels.all_levels(kb) if level.notation in recorded]
    return f"{len(rungs)} {noun}: " + ", ".join(rungs) + ". " if rungs else ""


def _named_text_first(kb: KnowledgeBase, plan: Plan, ans: Answer, loose: bool = False) -> None:
    """A levels question about something in particular ('the tpm ladder in the engineering ladders project', 'dropbox')
    leads with the levels text that has most (two in three) of the words of its subject, before the ladder's rows."""
    from rolegraph.ask.answer.base import hit_text, stems_of, synonyms_of
    from rolegraph.ask.answer.count import gives_count
    from rolegraph.ask.answer.search import retrieve_hits
    from rolegraph.ask.retrieve import index

    # a word, or for a count or a role with no ladder a word the texts use for it ('the uk gov ladder': government)
    groups = [(w, *(synonyms_of([w]) if plan.counted or loose else ())) for w in plan.topic]
    hits = retrieve_hits(kb, plan)
    if plan.counted:  # 'how many levels does the dropbox ladder have': the levels text of any role that gives the number
        hits = [h for h in index(kb).search(groups, dimensions=["levels"], kinds=["fact"], limit=20) if gives_count(h.text, plan.counted)] + hits
    best = next((h for h in hits if h.dimension == "levels" and h.kind == "fact" and sum(
        bool(stems_of(" ".join(g)) & stems_of(h.text)) for g in groups) * 3 >= len(groups) * 2), None) if groups else None
    if best is not None:
        before = list(ans.items)
        ans.items.clear()
        ans.add(kb, hit_text(best), [best.statement])
        ans.items += [i for i in before if i not in ans.items]
        ans.lead = hit_text(best)


def _collaboration(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """Who does what between two roles: the responsibility matrix, friction points and rituals (rolegraph.collaborate)."""
    from rolegraph import collaborate
    from rolegraph.ask.parse.named import matrix_activities
    from rolegraph.ask.text import stems
    from rolegraph.errors import RolegraphError

    a, b = _in_matrix(kb, ans, *pair(plan))
    activities = matrix_activities(kb, stems(tx_words(plan.question)))
    label = {str(r["activity"]): str(r["label"]) for r in kb.named("raci-activities").records()}
    labels = [label[a] for a in activities]  # in the order the question names them
    try:
        result = collaborate.collaborate(kb, a.iri, b.iri, " ".join(sorted(labels)) if activities else None)
    except RolegraphError as err:
        ans.notes.append(str(err))
        return
    if activities and result.tables:  # a label names no other activity: "program roadmap" is not the product roadmap
        result.tables[0].rows = sorted((row for row in result.tables[0].rows if row[0] in labels), key=lambda row: labels.index(str(row[0])))
    rows = result.tables[0].rows if result.tables else []
    if activities and rows:
        columns = result.tables[0].columns
        parties = range(1, columns.index("basis") if "basis" in columns else 3)  # every party of the row: the sponsor too
        lead = "; ".join(f"{row[0]}: " + ", ".join(f"the {columns[i]} is {_raci_words(row[i])}"
                                                   for i in sorted(parties, key=lambda i: _raci_rank(row[i])) if _raci_rank(row[i]) < 4)
                         for row in rows[:3])
        at = {label: i for i, label in enumerate(columns)}
        named = sorted((r for r in plan.roles if r.label in at), key=lambda r: _raci_rank(rows[0][at[r.label]]))
        if plan.form == "which-one" and named and _raci_rank(rows[0][at[named[0].label]]) == 0:
            lead = f"The {named[0].label}: {lead}"  # "which of the two keeps the risk log": the one of them accountable for it
        elif plan.form == "yes-no" and plan.roles[0].label in at:  # "does the tpgm write the prd": the role asked about's part
            highest = 0 if set(tx_words(plan.question)) & answer_words("accountable") else 1  # "own", "the call": accountable
            held = _raci_rank(rows[0][at[plan.roles[0].label]]) <= highest
            lead = f"{'Yes' if held != negated_claim(plan.question) else 'No'}: {lead}"  # "the tpgm doesn't keep the risk log, right?"
    else:
        fact = _fact_asked(kb, replace(plan, roles=[a, b]), result)  # after the title, which names the two roles
        lead = f"{result.title}: {fact}" if fact else result.title
    _from_result(kb, ans, result, lead if lead.endswith((".", ")")) else lead + ".")


def _in_matrix(kb: KnowledgeBase, ans: Answer, a: PlanRole, b: PlanRole) -> tuple[PlanRole, PlanRole]:
    """The two roles, a role the responsibility matrix leaves out read as its technical kind that the matrix has ('a
    product manager and a program manager' work together as the Tech PM and the Tech PgM do), said in a note; the roles
    as named when that leaves one role twice."""
    from rolegraph.collaborate import matrix_rows
    from rolegraph.compare import role_info

    parties = {p for act in matrix_rows(kb).values() for p in act.cells}
    info = role_info(kb, *parties)
    kinds = {str(r["kind_of"]): PlanRole(str(r["role"]), str(r["label"]), "compared") for r in info if r["kind_of"]}
    read = [r if r.iri in parties else kinds.get(r.label, r) for r in (a, b)]
    if read[0].iri == read[1].iri or read == [a, b]:
        return a, b
    ans.notes.append(f"No responsibility matrix is recorded for {' and '.join(r.label for r, x in zip((a, b), read, strict=True) if r != x)}"
                     f"; answered for {' and '.join(f'the {r.label}' for r in read)}, the technical kinds the matrix covers.")
    return read[0], read[1]


def _fact_asked(kb: KnowledgeBase, plan: Plan, result: Result) -> str:
    """The collaboration fact of ``result`` that the question's own subject asks for ('how often should they meet': the
    weekly meeting), the best retrieved; empty when the question asks nothing in particular or no fact has it."""
    from rolegraph.ask.answer.base import hit_text
    from rolegraph.ask.answer.search import retrieve_hits

    used = {str(s) for s in result.meta.get("subjects", [])}
    best = next((h for h in retrieve_hits(kb, plan) if h.statement in used and h.kind == "fact"), None) if plan.topic else None
    return hit_text(best) if best is not None else ""


#: The matrix codes in words.
RACI_WORDS = {"A": "accountable", "R": "responsible", "C": "consulted", "I": "informed"}


def _raci_words(cell: object) -> str:
    """A matrix cell in words: 'A, R* (keeps the log)' → 'accountable and responsible (contested; keeps the log)'."""
    codes, _, note = str(cell).partition(" (")
    words = " and ".join(RACI_WORDS[c] for c in re.findall(r"[ARCI]", codes))
    notes = (["contested"] if "*" in codes else []) + ([note.rstrip(")")] if note else [])
    return words + (f" ({'; '.join(notes)})" if notes else "")


def _raci_rank(cell: object) -> int:
    """Accountable first, then responsible, consulted, informed, none."""
    code = str(cell or "")[:1]
    return "ARCI".index(code) if code and code in "ARCI" else 4


#: This module's handlers, by intent.
HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {
    "levels": _levels,
    "collaboration": _collaboration,
}
