"""Career moves: ways into and out of a role, the route between two roles, and neighbouring roles."""

from __future__ import annotations

from collections.abc import Callable

from rolegraph import compare
from rolegraph.ask.answer.base import Answer, basis_of
from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Table


def _transitions(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    sources = [r for r in plan.roles if r.part == "source"]
    targets = [r for r in plan.roles if r.part == "target"] or [r for r in plan.roles if r.part != "source"][-1:]
    if sources and targets:
        _route(kb, plan, ans, sources[0], targets[0])
        if plan.form not in ("which-one", "yes-no"):  # "swe here: gaps for product tpm vs gaps for program tpm": each route
            for target in targets[1:]:
                lead = ans.lead
                _route(kb, plan, ans, sources[0], target)
                ans.lead = f"{lead} {ans.lead}"
        if _asks_inward(plan):  # "can i become a tpgm, and which roles usually move into it"
            route = ans.lead
            _ways_in(kb, plan, ans, targets[0])
            ans.lead = f"{route} {ans.lead}"
        return
    moves = kb.named("transitions").records()
    if sources:  # where people go next
        source = sources[0]
        onward = [t for t in moves if t["from_role"] == source.iri]
        for t in onward:
            ans.add(kb, f"To {t['to_label']} (how common: {t['prevalence']}/3)", [str(t["link"])])
        ans.lead = (f"From {source.label}, recorded moves go on to " + ", ".join(str(t["to_label"]) for t in onward) + "."
                    if onward else f"The knowledge base records no move out of {source.label}.")
        ans.tables.append(Table(f"Moves out of {source.label}", ["to", "how common", "basis", "sources"], [
            [t["to_label"], f"{t['prevalence']}/3", basis_of(kb, [str(t["link"])]), kb.source_ids([str(t["link"])])] for t in onward]))
        return
    for target in targets if all(r.part == "target" for r in plan.roles) else targets[:1]:  # "backgrounds of both": each
        lead = ans.lead
        _ways_in(kb, plan, ans, target)
        ans.lead = f"{lead} {ans.lead}".strip()


def _asks_inward(plan: Plan) -> bool:
    """Whether the question asks where people usually come from ([transitions].inward in cues.toml)."""
    from rolegraph.ask.text import find_phrase, phrase_stems, stems, vocabulary, words

    said = stems(words(plan.question))
    return any(find_phrase(said, phrase_stems(p)) >= 0 for p in vocabulary()["transitions"].get("inward", []))


#: The start of a note quoting an outside source against the seed's answer.
COUNTERPOINT = "Outside counterpoint"


def _ways_in(kb: KnowledgeBase, plan: Plan, ans: Answer, target: PlanRole) -> None:
    """The recorded moves into ``target``, most common first, with the outside counterpoints on its background."""
    moves = kb.named("transitions").records()
    into = [t for t in moves if t["to_role"] == target.iri]
    into.sort(key=lambda t: (-int(str(t["prevalence"])), compare.BASIS_ORDER.get(str(t["basis"]), 9)))
    for t in into:
        ans.add(kb, f"From {t['from_label']} (how common: {t['prevalence']}/3)", [str(t["link"])])
    shown = [t for t in into if plan.scope != "seed" or "seed" in basis_of(kb, [str(t["link"])])]
    if shown:
        ans.lead = f"Most common way into {target.label}: from {shown[0]['from_label']}" + (
            "; also from " + ", ".join(str(t["from_label"]) for t in shown[1:4]) if len(shown) > 1 else "") + "."
    for f in kb.named("facts", role=target.iri).records():
        if f["dimension"] == "background" and f["disputed_by"] and f["basis"] == "external":
            ans.notes.append(f"{COUNTERPOINT} ({f['id']}, not the seed's answer): {f['text']}")
            ans.notes += compare.disagreement_notes(kb, [f["disputed_by"]])
    ans.tables.append(Table(f"Ways into {target.label}", ["from", "how common", "basis", "sources"], [
        [t["from_label"], f"{t['prevalence']}/3", basis_of(kb, [str(t["link"])]), kb.source_ids([str(t["link"])])] for t in shown]))
    if not into:
        ans.lead = f"The knowledge base records no transition into {target.label}."


def _route(kb: KnowledgeBase, plan: Plan, ans: Answer, source: PlanRole, target: PlanRole) -> None:
    from rolegraph import graph  # networkx: only for routes and neighbours

    result = graph.path(kb, source.iri, target.iri)
    for t in result.tables:
        if "need (target)" in t.columns:  # a skill the target barely needs (0-1) is nothing to learn for the move
            at = t.columns.index("need (target)")
            t.rows = [r for r in t.rows if _needed(r[at])]
    ans.tables += result.tables
    ans.notes += result.notes
    rows = result.tables[0].rows if result.tables else []
    for row in rows:
        ans.add(kb, f"Step {row[0]}: {row[1]} → {row[2]} ({row[3]})", [], basis=str(row[4]) or "derived")
        ans.items[-1]["sources"] = [s for s in str(row[5]).split(", ") if s]
    moves = kb.named("transitions").records()
    direct = [t for t in moves if t["from_role"] == source.iri and t["to_role"] == target.iri]
    top = max((int(str(t["prevalence"])) for t in moves if t["to_role"] == target.iri), default=0)
    common = ""
    if direct and int(str(direct[0]["prevalence"])) == top and top > 1:
        level = sorted(str(t["from_label"]) for t in moves if t["to_role"] == target.iri and t["from_role"] != source.iri
                       and int(str(t["prevalence"])) == top)  # a tie is no "most common" of its own
        common = (f" It is one of the most common ways in, level with {_joined(level)}." if level
                  else " It is the most common way in.")
    route = " → ".join([str(rows[0][1])] + [str(r[2]) for r in rows]) if rows else ""
    if direct:
        ans.lead = f"Yes: moving from {source.label} to {target.label} is a recorded transition (how common: {direct[0]['prevalence']}/3).{common}"
    elif rows and any("no recorded" not in str(r[3]) for r in rows):
        ans.lead = f"Not directly: no move from {source.label} to {target.label} is recorded; the recorded route is {route}."
    else:
        ans.lead = (f"No move from {source.label} to {target.label} is recorded; what the {target.label} needs more "
                    "is the skill gap below.")
    if plan.form not in ("yes-no", "route") and direct:
        ans.lead = ans.lead.replace("Yes: moving", "Moving")
    gap = [g for g in graph.skill_gap(kb, source.iri, target.iri) if _needed(g["importance_a"])]
    for g in gap[:6]:
        ans.add(kb, f"To build: {g['label']} ({target.label} {g['importance_a']} vs {source.label} {g['importance_b']})",
                [str(x) for x in (g["link_a"], g["link_b"]) if x])
    if gap:
        ans.lead += " Skills to build: " + ", ".join(str(g["label"]) for g in gap[:5]) + "."


#: The least importance (0-5) a target role gives a skill for it to be a skill to build on the way there.
BUILD_MIN_NEED = 2


def _needed(importance: object) -> bool:
    """Whether the target role needs a skill rated ``importance`` enough for it to be worth building."""
    return str(importance).isdigit() and int(str(importance)) >= BUILD_MIN_NEED


def _neighbours(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    from rolegraph import graph  # networkx: only for routes and neighbours

    if len(plan.roles) >= 3 and plan.form == "which-one":
        _nearer(kb, plan, ans)
        return
    if len(plan.roles) >= 2:
        _between(kb, plan, ans)
        return
    result = graph.neighbours(kb, plan.roles[0].iri)
    ans.tables += result.tables
    ans.notes += result.notes
    for row in result.tables[0].rows[:4]:
        ans.add(kb, f"{row[0]} (similarity {row[1]}; shares {row[2]})", [], basis="derived")
    ans.statements += [str(s) for s in result.meta["subjects"]]
    if result.tables[0].rows:
        ans.lead = f"Closest to the {plan.roles[0].label}: " + ", ".join(str(r[0]) for r in result.tables[0].rows[:3]) + "."
    if result.tables[0].rows and _says(plan, "far"):  # "which role is least like a tech pm"
        far = list(reversed(result.tables[0].rows))[:3]
        ans.lead = f"Least like the {plan.roles[0].label}: " + ", ".join(f"{r[0]} (similarity {r[1]})" for r in far) + "."
    kin = _kin(kb, plan, [str(n["id"]) for n in result.meta["graph"]["nodes"]])
    if kin:
        ans.lead = (f"Yes: t{kin[1:]}" if plan.form == "yes-no" else kin) + f" {ans.lead}"
        ans.add(kb, kin, [plan.roles[0].iri])


def _nearer(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """'Is a Tech PgM closer to an EM or a PM?': of the roles offered after the first, the one most similar to it."""
    from rolegraph import graph

    subject, offered = plan.roles[0], plan.roles[1:]
    result = graph.neighbours(kb, subject.iri)
    ans.tables += result.tables
    ans.statements += [str(s) for s in result.meta["subjects"]]
    similarity = {str(row[0]): float(str(row[1])) for row in result.tables[0].rows}
    ranked = sorted(offered, key=lambda r: -similarity.get(r.label, 0.0))
    for r in ranked:
        ans.add(kb, f"{r.label} (similarity {similarity.get(r.label, 0.0):.3f} to the {subject.label})", [], basis="derived")
    ans.lead = f"The {ranked[0].label}: " + "; ".join(
        f"similarity to the {subject.label}: {r.label} {similarity.get(r.label, 0.0):.3f}" if i == 0 else f"{r.label} {similarity.get(r.label, 0.0):.3f}"
        for i, r in enumerate(ranked)) + "."


def _between(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """The roles nearest to two named roles at once ("which role sits between a product manager and a software
    engineer"): by the sum of their similarities to both, the named roles left out."""
    from rolegraph import graph

    a, b = plan.roles[:2]
    results = [graph.neighbours(kb, r.iri) for r in (a, b)]
    near: dict[str, list[float]] = {}
    for result in results:
        ans.tables += result.tables
        ans.statements += [str(s) for s in result.meta["subjects"]]
        for row in result.tables[0].rows:
            if row[0] not in (a.label, b.label):
                near.setdefault(str(row[0]), []).append(float(str(row[1])))
    both = sorted((label for label, sims in near.items() if len(sims) == 2), key=lambda label: (-sum(near[label]), label))
    for label in both[:3]:
        ans.add(kb, f"{label} (similarity {near[label][0]:.3f} to the {a.label}, {near[label][1]:.3f} to the {b.label})", [],
                basis="derived")
    if both:
        ans.lead = f"Nearest to both the {a.label} and the {b.label}: " + ", ".join(both[:3]) + "."


def _says(plan: Plan, key: str) -> bool:
    """Whether the question has a phrase of ``[neighbours].key`` in cues.toml (on stems)."""
    from rolegraph.ask.text import find_phrase, phrase_stems, stems, vocabulary, words

    said = stems(words(plan.question))
    return any(find_phrase(said, phrase_stems(p)) >= 0 for p in vocabulary()["neighbours"][key])


def _kin(kb: KnowledgeBase, plan: Plan, roles: list[str]) -> str:
    """The role asked for as a kind ([neighbours] in cues.toml): the role the one named is a kind of ("the non-technical
    version of a tech pgm": the Program Manager), or the technical roles that are a kind of it; "" when none is asked."""
    asked = next((key for key in ("plain", "technical") if _says(plan, key)), None)
    role = plan.roles[0]
    kinds = {str(r["role"]): (str(r["label"]), str(r["kind_of"] or "")) for r in compare.role_info(kb, role.iri, *roles)}
    if asked == "plain" and kinds.get(role.iri, ("", ""))[1]:
        parent = kinds[role.iri][1]
        return f"The {parent}: the {role.label} is a kind of {parent}."
    children = sorted(label for iri, (label, parent) in kinds.items() if parent == role.label and iri != role.iri)
    if asked == "technical" and children:
        return " ".join(f"The {child}: it is a kind of {role.label}." for child in children)
    return ""


#: This module's handlers, by intent.
HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {
    "transitions": _transitions,
    "neighbours": _neighbours,
}


def _joined(labels: list[str]) -> str:
    """'the A', 'the A and the B', 'the A, the B and the C'."""
    said = [f"the {label}" for label in labels]
    return ", ".join(said[:-1]) + " and " + said[-1] if len(said) > 1 else said[0]
