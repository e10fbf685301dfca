"""Free-text questions answered from the graph: ``parse`` → :class:`Plan` → answer.

See docs/ask.md for the plan, the JSON fields and how to teach ``ask`` new words.
"""

from __future__ import annotations

from typing import Any

from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.ask.router import Answer, result, route
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Result

__all__ = ["Plan", "PlanRole", "ask", "parse"]

_STATUS = {"unknown-role": "unknown-role", "ambiguous-role": "ambiguous-role", "unanswerable": "cannot-parse"}


def _plan(ans: Answer) -> Plan:
    parts = ("compared",) * 2 if ans.intent in ("separate", "shared") else ("subject",) * len(ans.roles)
    return Plan(
        question=ans.question,
        intents=[ans.intent],
        roles=[PlanRole(r.iri, r.label, parts[i] if i < len(parts) else "subject") for i, r in enumerate(ans.roles)],
        concerns=list(ans.extra.get("concerns", [])),
        status=_STATUS.get(ans.intent, "answered"),
        assumptions=list(ans.assumptions),
    )


def parse(kb: KnowledgeBase, question: str, previous: Plan | dict[str, Any] | None = None) -> Plan:
    """How ``question`` is understood; never raises (an unparseable question has status ``cannot-parse``)."""
    return _plan(route(kb, question))


def ask(kb: KnowledgeBase, question: str, previous: Plan | dict[str, Any] | None = None) -> Result:
    """Answer ``question`` from the graph; ``previous`` (a Plan or ``meta["plan"]``) resolves follow-ups."""
    ans = route(kb, question)
    plan = _plan(ans)
    lead = ans.items[0]["text"] if ans.items else (ans.notes[0] if ans.notes else "")
    status = plan.status if plan.status != "answered" or ans.items else "abstained"
    return result(kb, ans, {"plan": plan.to_dict(), "understood": plan.understood(), "status": status, "lead": lead})
