"""Full-text retrieval for a plan: strong hits scoped by its roles, dimension and basis, and answers made from them."""

from __future__ import annotations

from rolegraph import compare
from rolegraph.ask.answer.abstain import nothing
from rolegraph.ask.answer.base import FUNCTION_WORDS, Answer, expanded_terms, has_synonym, hit_text
from rolegraph.ask.plan import Plan
from rolegraph.ask.retrieve import Hit, index
from rolegraph.kb import KnowledgeBase

#: A retrieved document counts when it matches at least this share of the question's terms.
MIN_COVERAGE = 0.5


#: Kinds of text an answer draws on; standard classifications and source notes only when asked for.
ANSWER_KINDS = ("fact", "gap", "disagreement", "position", "abbreviation", "role", "focus", "ownership", "skill", "team",
                "activity", "deliverable", "metric", "transition", "hiring", "level", "title", "transfer", "interview")


_STANDARD_WORDS = {"esco", "onet", "sfia", "standard", "standards", "classification", "occupation", "isco"}


def retrieve_hits(kb: KnowledgeBase, plan: Plan) -> list[Hit]:
    """Strong hits for the plan's terms, scoped by its roles, dimension and basis."""
    terms = expanded_terms(plan)
    if not terms:
        return []
    idx = index(kb)
    roles = [r.iri for r in plan.roles]
    known = [t for t in plan.terms if idx.has(t) and t not in FUNCTION_WORDS]  # "…, right?" asks nothing of the texts
    need = max(1, round(len(known) * MIN_COVERAGE))
    kinds = () if set(plan.terms) & _STANDARD_WORDS else ANSWER_KINDS
    found: dict[str, Hit] = {}
    for dims in ([*plan.dimensions], []) if plan.dimensions else ([],):
        for h in idx.search(terms, roles=roles, dimensions=dims, kinds=kinds, seed_only=plan.scope == "seed", limit=6):
            if h.matched >= need and h.statement not in found and h.sources:  # unsourced texts (vocabulary notes) decide nothing
                found[h.statement] = h
    return sorted(found.values(), key=lambda h: (-h.matched, h.score))


def off_topic(kb: KnowledgeBase, plan: Plan, hits: list[Hit]) -> bool:
    """True when the question's own subject (beyond roles and cue words) is nowhere in the graph."""
    if not plan.topic or plan.intent in ("abbreviation", "catalogue", "dimensions", "person", "certifications"):
        return False
    idx = index(kb)
    unknown = [t for t in plan.topic if not t.endswith("ly") and not idx.has(t) and not has_synonym(t)]
    weak_intent = plan.intent in ("definition", "compare", "unknown") or not plan.intents
    if weak_intent:
        return bool(unknown)
    return len(plan.topic) >= 2 and bool(unknown) and len(unknown) * 2 >= len(plan.topic) and not any(h.matched >= 2 for h in hits)


def from_hits(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    if not hits:
        nothing(plan, ans)
        return
    for h in hits[:4]:
        ans.add(kb, hit_text(h), [h.statement])
        if h.disputed_by:
            ans.notes += [n for n in compare.disagreement_notes(kb, [h.disputed_by]) if n not in ans.notes]
    ans.lead = ans.items[0]["text"] if ans.items else (ans.external[0]["text"] if ans.external else "")
