"""The yes/no form: a verdict from an identity, the handlers' rows or the best retrieved text."""

from __future__ import annotations

from collections.abc import Callable

from rolegraph.ask.answer.base import FUNCTION_WORDS, NEGATION, Answer, expanded_terms, hit_text, is_negative, stems_of, tx_words, without_roles
from rolegraph.ask.plan import Plan
from rolegraph.ask.retrieve import Hit
from rolegraph.kb import KnowledgeBase


def _yes_no(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """Yes or No from the deciding row: an identity, the handlers' rows or the best retrieved text."""
    if ans.lead.startswith(("Yes", "No", "Not ")):
        return
    identity = identity_verdict(kb, plan)
    if identity:
        ans.lead = identity[0]
        ans.add(kb, identity[0], identity[1])
        ans.abstained = False
        return
    wanted = _asked_stems(kb, plan)
    evidence = [(i["text"], None) for i in ans.items] + [(hit_text(h), h) for h in hits]
    if not evidence or not wanted:
        return
    text, hit = max(evidence, key=lambda e: (len(wanted & stems_of(without_roles(kb, e[0]))), e[1] is None))
    if not wanted & stems_of(without_roles(kb, text)):
        return
    asked_negative = bool(NEGATION.search(" ".join(tx_words(plan.question))))
    verdict = "No" if is_negative(text, wanted) != asked_negative else "Yes"
    disputed = f" (disputed: {hit.disputed_by})" if hit is not None and hit.disputed_by else ""
    ans.lead = f"{verdict}{disputed}: {text}"
    if hit is not None:
        ans.add(kb, text, [hit.statement])


def _asked_stems(kb: KnowledgeBase, plan: Plan) -> set[str]:
    """Stems of what a closed question asks about: its words (and a follow-up's earlier ones), no role names or function words."""
    words = [w for w in tx_words(without_roles(kb, plan.question)) if w not in FUNCTION_WORDS]
    return stems_of(" ".join(words + expanded_terms(plan)))


def identity_verdict(kb: KnowledgeBase, plan: Plan) -> tuple[str, list[str]] | None:
    """'Is a Tech PM a product manager?': decided by rg:isKindOf."""
    if len(plan.roles) != 2 or (plan.intent not in ("definition", "compare", "abbreviation", "unknown") and plan.intents):
        return None
    a, b = plan.roles
    kinds = {str(r["role"]): str(r["kind_of"] or "") for r in kb.named("roles").records()}
    if kinds.get(a.iri) == b.label:
        return f"Yes: the {a.label} is a kind of {b.label}.", [a.iri]
    if kinds.get(b.iri) == a.label:
        return f"No: it is the other way round; the {b.label} is a kind of {a.label}.", [b.iri]
    parent = f" (the {a.label} is a kind of {kinds[a.iri]})" if kinds.get(a.iri) else ""
    return f"No: the {a.label} and the {b.label} are different roles{parent}.", [a.iri, b.iri]


#: This module's form deciders, by answer form.
DECIDERS: dict[str, Callable[[KnowledgeBase, Plan, Answer, list[Hit]], None]] = {
    "yes-no": _yes_no,
}
