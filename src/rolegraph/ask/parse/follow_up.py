"""A follow-up question read against the plan of the question before it."""

from __future__ import annotations

from dataclasses import replace

from rolegraph.ask import text as tx
from rolegraph.ask.parse.vocabulary import Cues, score
from rolegraph.ask.plan import TECH_PGM, TECH_PM, TPM_ROLES, Plan, PlanRole

#: Words by which a question without a role of its own means the previous question's roles.
_THEY = tx.word_set("they")


#: Words a follow-up may open with before its opener ("ok what about …").
_FILLERS = tx.word_set("follow_up_fillers")


def _is_follow_up(c: Cues, words: list[str], stemmed: list[str], plan: Plan, prev: Plan) -> bool:
    if not words:
        return False
    lead = next((i for i, w in enumerate(words) if w not in _FILLERS), len(words))
    starts = any(tuple(stemmed[lead: lead + len(p)]) == p for p in c.follow_up) or words[-1] == "instead"  # "… instead?"
    reverse = any(tx.find_phrase(stemmed, p) >= 0 for p in c.reverse)
    back = not plan.roles and not plan.ambiguous and (bool(_THEY & set(words)) or any(  # "how can you tell they did well",
        tx.find_phrase(stemmed, p) >= 0 for p in c.pointers))  # "what background to hire from for that"
    same = not plan.roles and not plan.ambiguous and bool(plan.intents) and plan.intents[0] in prev.intents  # "what carries
    # over from my current job" after a route: the same kind of question, with no roles of its own, is about the same roles
    return (starts or reverse or back or same or (not plan.intents and len(tx.content_words(words)) <= 3)
            or (not plan.roles and len(words) <= 6))


def _merge(c: Cues, plan: Plan, prev: Plan, stemmed: list[str]) -> Plan:
    """A follow-up: keep what the new question does not change."""
    other_one = not plan.roles and any(tx.find_phrase(stemmed, p) >= 0 for p in c.other_one)
    reverse = any(tx.find_phrase(stemmed, p) >= 0 for p in c.reverse) or (other_one and len(prev.roles) == 2)  # "what about
    roles = plan.roles or list(prev.roles)  # the other one" after "what separates A from B": B from A
    if reverse:
        roles = _reversed(roles)
    elif other_one and len(roles) == 1 and roles[0].iri in TPM_ROLES:  # "and for the other one?": the other TPM role
        other = next(iri for iri in TPM_ROLES if iri != roles[0].iri)
        roles = [replace(roles[0], iri=other, label=TPM_ROLES[other])]
        plan.ambiguous = [a for a in plan.ambiguous if not {TECH_PM, TECH_PGM} <= set(a["iris"])]  # "the other tpm"
    asked_meaning = score(c.intents, stemmed).get("abbreviation", 0) >= 3
    new_intents = [i for i in plan.intents if (i not in ("separate", "compare") or not reverse) and (i != "abbreviation" or asked_meaning)]
    keep = not new_intents  # "and for the Tech PM?", "now by product strategy": the same question again
    if keep and plan.form == "yes-no" != prev.form and plan.terms and not plan.roles and plan.scope == "any":
        keep = False  # "do they have to be technical" after "what does a pjm do": a closed question of its own on the same
        # roles ("do other sources agree?" asks the previous question again, of other sources)
    merged = replace(
        plan,
        intents=new_intents or (list(prev.intents) if keep else []),
        roles=roles,
        concerns=plan.concerns or (prev.concerns if keep else []),
        dimensions=list(prev.dimensions) if keep else plan.dimensions,
        form=prev.form if keep else plan.form,
        scope=plan.scope if plan.scope != "any" else prev.scope,
        terms=list(dict.fromkeys(plan.terms + prev.terms)) if keep else plan.terms,
        skills=plan.skills or (list(prev.skills) if keep else []),
        one_way=plan.one_way or (prev.one_way and keep),
        follow_up=True,
    )
    if keep and plan.roles and len(plan.roles) < len(prev.roles) and prev.form == "rank":
        merged.roles = list(prev.roles)  # "now by product strategy": the same roles, another measure
    if merged.intent == "transitions" and not reverse:
        merged.roles = _new_end(prev, plan.roles) or merged.roles
    if not plan.roles and prev.ambiguous and not merged.roles:
        merged.ambiguous = list(prev.ambiguous)
    return merged


def _new_end(prev: Plan, roles: list[PlanRole]) -> list[PlanRole]:
    """A route follow-up that names one new role ('and to tech pgm instead?', 'what if i start as a pm'): the previous
    route with that end replaced (the start when the new role is named as one, else the goal); none when it names no
    role, several, or the previous plan was no route."""
    ends = {r.part for r in prev.roles}
    if prev.intent != "transitions" or len(roles) != 1 or not {"source", "target"} <= ends:
        return []
    part = "source" if roles[0].part == "source" else "target"
    kept = [r for r in prev.roles if r.part != part and r.iri != roles[0].iri]
    return [*kept, replace(roles[0], part=part)] if kept else []


def _reversed(roles: list[PlanRole]) -> list[PlanRole]:
    swap = {"source": "target", "target": "source"}
    flipped = [replace(r, part=swap.get(r.part, r.part)) for r in reversed(roles)]
    return flipped
