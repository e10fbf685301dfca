"""What to say when there is nothing to answer: a question that cannot be parsed, an unknown role, an unknown topic."""

from __future__ import annotations

from rolegraph.ask.answer.base import EXAMPLES, Answer
from rolegraph.ask.plan import Plan
from rolegraph.kb import KnowledgeBase


def nothing(plan: Plan, ans: Answer) -> None:
    ans.abstained = True
    topic = " ".join(plan.topic[:6]) or "that"
    ans.lead = f"The knowledge base has nothing on {topic!r}; nothing is inferred."
    ans.notes.append("It can answer, for example: " + "; ".join(list(EXAMPLES.values())[:6]))


def cannot_parse(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    from rolegraph.ask.text import stems, words

    asked = set(stems(words(plan.question)))
    near = sorted(EXAMPLES.values(), key=lambda e: -len(asked & set(stems(words(e)))))[:4]
    ans.lead = "rolegraph cannot tell what this asks. It answers questions about the modelled roles, for example: " + " · ".join(near)
    ans.notes.append("It can answer: who owns the what/why/how/who/when, which skills separate or are shared, team structure, "
                     "day-to-day work, deliverables and metrics, career transitions, hiring companies and domains, definitions "
                     "and abbreviations, neighbouring roles, the seed author.")


def explain_unknown(kb: KnowledgeBase, plan: Plan, ans: Answer, asked: bool = False) -> None:
    """Say that the roles named are not modelled and which modelled roles are closest; ``asked``: the closest roles are
    what the question asks for (an item of the answer, computed from the role names)."""
    from rolegraph.errors import RolegraphError, RoleNotFound
    from rolegraph.resolve import resolve_role

    for phrase in plan.unknown_roles:
        try:
            resolve_role(kb, phrase)
            continue
        except RoleNotFound as err:
            closest = ", ".join(err.suggestions)
        except RolegraphError:  # an ambiguous phrase is not unknown
            continue
        ans.notes.append(f"{phrase.title()!r} is not a modelled role, so the knowledge base cannot answer for it; "
                         f"closest modelled roles: {closest}." if not asked else
                         f"{phrase.title()!r} is not a modelled role; the closest modelled roles by name: {closest}.")
        if asked:
            ans.add(kb, f"Closest modelled roles to {phrase.title()!r} (not modelled): {closest}", [], basis="derived")
        for g in kb.named("gaps").records():
            if g["dimension"] == "naming" and phrase.rstrip("s") in str(g["text"]).lower():
                ans.add(kb, str(g["text"]), [str(g["gap"])])
    ans.lead = ans.notes[0] if ans.notes else ""
