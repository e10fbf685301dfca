"""Free-text questions answered from the graph: ``parse`` → :class:`Plan` → retrieve → answer.

See docs/ask.md for the plan, the JSON fields and how to teach ``ask`` new words.
"""

from __future__ import annotations

from typing import Any

from rolegraph.ask.answer import Answer, respond
from rolegraph.ask.parse import parse
from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Result, Table

__all__ = ["Plan", "PlanRole", "ask", "parse"]


def ask(kb: KnowledgeBase, question: str, previous: Plan | dict[str, Any] | None = None) -> Result:
    """Answer ``question`` from the graph; ``previous`` (a Plan or ``meta["plan"]``) resolves follow-ups."""
    plan = parse(kb, question, previous)
    return _result(kb, plan, respond(kb, plan))


def _status(plan: Plan, ans: Answer) -> str:
    if plan.status == "ambiguous-role" and plan.roles and ans.abstained:
        return "abstained"  # answered for every reading, and none has it ('tpm pay in euros': relative claims, no figure)
    if plan.status != "answered":
        return plan.status
    return "abstained" if ans.abstained or not (ans.items or ans.external) else "answered"


def _result(kb: KnowledgeBase, plan: Plan, ans: Answer) -> Result:
    tables = list(ans.tables)
    table_notes = [n for t in tables for n in t.notes]
    for t in tables:  # each note once, with the result's notes
        t.notes = []
    items_table = Table("Answer", ["answer", "basis", "sources"], [[i["text"], i["basis"], ", ".join(i["sources"])] for i in ans.items])
    kinds = [set(str(i["basis"]).split(", ")) for i in ans.items]
    seeds = sum(1 for k in kinds if k & {"seed", "seed-article"})
    external = sum(1 for k in kinds if k == {"external"})
    derived = len(kinds) - seeds - external
    summary = [f"{seeds} item(s) backed by the seed material, {external} from outside sources only"
               + (f", {derived} computed from the graph." if derived else ".")] if ans.items else []
    interpretation = {
        "intent": plan.status if plan.status in ("unknown-role", "cannot-parse") or (not plan.roles and plan.status != "answered") else plan.intent,
        "roles": [{"iri": r.iri, "label": r.label} for r in plan.roles],
        "ambiguous": [{"text": a["text"], "readings": a["readings"]} for a in plan.ambiguous],
        "assumptions": plan.assumptions,
        "concerns": plan.concerns,
    }
    return kb.attribute(Result(
        plan.understood(),
        [items_table, *tables],
        sources=kb.statement_refs(ans.statements),
        notes=list(dict.fromkeys(plan.assumptions + summary + ans.notes + table_notes)),
        kind="ask",
        meta={
            "question": plan.question,
            "plan": plan.to_dict(),
            "understood": plan.understood(),
            "status": _status(plan, ans),
            "lead": ans.lead,
            "interpretation": interpretation,
            "answer": ans.items,
            "subjects": sorted(set(ans.statements)),
        },
    ))
