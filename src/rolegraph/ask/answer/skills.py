"""Skill handlers: what separates two roles, what they share, one role's skills, how two roles differ."""

from __future__ import annotations

from collections.abc import Callable

from rolegraph import compare
from rolegraph.ask.answer.base import COUNTER_VIEW, Answer, basis_of, join_names, pair, role_facts, tx_words
from rolegraph.ask.answer.choice import measure_asked
from rolegraph.ask.answer.yesno import each_by_importance
from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.ask.text import word_set
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell, Table


def _skill_item(kb: KnowledgeBase, ans: Answer, text: str, row: dict[str, Cell]) -> None:
    ans.add(kb, text, [str(x) for x in (row["link_a"], row["link_b"]) if x])


def _separate(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    a, b = pair(plan)
    threshold = compare.SEPARATE_THRESHOLD
    differences = compare.skill_differences(kb, a.iri, b.iri, threshold)
    if not any(r["favours"] == "a" for r in differences):  # close roles: the smaller gaps are what separates them
        threshold = 1
        differences = compare.skill_differences(kb, a.iri, b.iri, threshold)
        ans.notes.append(f"No skill is rated 2 or more higher for the {a.label}; these differ by 1 on the 0–5 scale.")
    result = compare.separate_rows(kb, a.iri, b.iri, differences, threshold)
    both_ways = not plan.one_way  # "what separates them": each side
    ans.tables += result.tables if both_ways else result.tables[:1]
    ans.notes += result.notes
    rows = [r for r in differences if r["favours"] == "a"]
    for r in rows:
        _skill_item(kb, ans, f"{r['label']}: {a.label} {r['importance_a']} vs {b.label} {r['importance_b']}", r)
    if rows:
        ans.lead = f"Ranked by importance gap, what the {a.label} needs more than the {b.label}: " + ", ".join(
            str(r["label"]) for r in rows[:6]) + "."
    else:
        ans.lead = f"No skill is rated much higher for the {a.label} than for the {b.label}."
    other = [r for r in differences if r["favours"] == "b"] if both_ways else []
    for r in other:
        _skill_item(kb, ans, f"{r['label']}: {b.label} {r['importance_b']} vs {a.label} {r['importance_a']}", r)
    if other:
        ans.lead += f" What the {b.label} needs more: " + ", ".join(str(r["label"]) for r in other[:6]) + "."



def _shared(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    a, b = pair(plan)
    pa, pb = compare.profiles(kb, a.iri, b.iri)
    rows = compare.shared_skills(kb, a.iri, b.iri, compare.SHARED_MIN_IMPORTANCE)
    result = compare.shared_rows(kb, pa, pb, rows, compare.SHARED_MIN_IMPORTANCE)
    ans.tables += result.tables
    ans.notes += result.notes
    for r in rows:
        _skill_item(kb, ans, f"{r['label']} ({r['category']}): {a.label} {r['importance_a']}, {b.label} {r['importance_b']}", r)
    ic = compare.individual_contributor(pa) + compare.individual_contributor(pb)
    traits = []
    for table in result.tables[1:]:
        for trait, _basis, _sources in table.rows:
            traits.append(str(trait))
            ans.add(kb, str(trait), [str(link["link"]) for link in ic])
    ans.lead = f"Both the {a.label} and the {b.label} need " + ", ".join(str(r["label"]) for r in rows[:5]) + (
        "; " + "; ".join(traits) if traits else "") + "."
    if plan.form == "yes-no" and plan.skills:  # "is talking to stakeholders a shared skill": the skills asked decide
        ans.lead = _shared_verdict(kb, a, b, plan.skills, {str(r["label"]) for r in rows})
    elif plan.form == "yes-no" and not each_by_importance(kb, plan, ans, [a, b]) and plan.intents == ["shared"]:
        ans.lead = f"Yes: {ans.lead}" if rows else (  # "does a tech pm share the core of the pm role": what they share
            f"No: no skill is rated {compare.SHARED_MIN_IMPORTANCE} or more by both the {a.label} and the {b.label}.")
    elif _asks_others(plan):  # "which roles share technical depth with the tpgm": every other role, by skills in common
        ans.lead = " ".join(x for x in (_sharing_roles(kb, plan, a), ans.lead) if x)


def _asks_others(plan: Plan) -> bool:
    """Whether the question names one role and asks which others share something with it ('which roles …', 'who else'):
    the second role was assumed, not named."""
    from rolegraph.ask.parse.defaults import ASSUMED_PAIR
    from rolegraph.ask.text import word_set

    named_one = any(a.startswith(ASSUMED_PAIR) for a in plan.assumptions) and len(plan.roles) == 2 and not plan.ambiguous
    words = set(tx_words(plan.question))
    return named_one and bool(words & word_set("others") or {"which", "roles"} <= words)


def _sharing_roles(kb: KnowledgeBase, plan: Plan, role: PlanRole) -> str:
    """The other modelled roles by how many skills (of the category the question names, if any) they share with ``role``."""
    from rolegraph.ask.answer.choice import measure_asked

    categories = measure_asked(kb, plan)[1]
    common = []
    for other in kb.named("roles").records():
        if str(other["role"]) != role.iri:
            rows = [r for r in compare.shared_skills(kb, role.iri, str(other["role"]), compare.SHARED_MIN_IMPORTANCE)
                    if not categories or r["category"] in categories]
            if rows:
                common.append((len(rows), str(other["label"]), ", ".join(str(r["label"]) for r in rows[:3])))
    common.sort(key=lambda c: -c[0])
    kind = f"{'/'.join(categories)} " if categories else ""
    return (f"Roles sharing {kind}skills with the {role.label} (importance {compare.SHARED_MIN_IMPORTANCE}+ for both), most "
            "first: " + "; ".join(f"{label} ({n}: {names})" for n, label, names in common) + ".") if common else ""


def _shared_verdict(kb: KnowledgeBase, a: PlanRole, b: PlanRole, asked: list[str], shared: set[str]) -> str:
    """Yes when every skill asked is one both roles need, else No with each role's rating of the skills they do not share."""
    if set(asked) <= shared:
        return f"Yes: both the {a.label} and the {b.label} need {join_names(asked)} (importance {compare.SHARED_MIN_IMPORTANCE} or more)."
    ratings = {role.label: {str(r["label"]): r["importance"] for r in kb.named("skill-profile", role=role.iri).records()}
               for role in (a, b)}
    return "No: not shared — " + "; ".join(
        f"{skill}: {a.label} {ratings[a.label].get(skill, 0)}, {b.label} {ratings[b.label].get(skill, 0)}"
        for skill in asked if skill not in shared) + "."


def _skills_of(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    if plan.one_way and len(plan.role_iris("compared", "subject")) == 2 and not plan.skills:  # "skills only the tpgm has"
        _separate(kb, plan, ans)  # what separates it, one way
        return
    leads = []
    categories = measure_asked(kb, plan)[1]
    bottom = _asks_bottom(plan) and not plan.skills
    order = ", least important first" if bottom else ""
    for role in plan.roles:
        rows = kb.named("skill-profile", role=role.iri).records()
        if bottom:  # "the least important skill for a tpgm": from the lowest rating up
            rows = sorted(rows, key=lambda r: int(str(r["importance"])))
        rows = ([r for r in rows if r["label"] in plan.skills] if plan.skills else []) or [
            r for r in rows if r["category"] in categories] or rows[:10]  # "what technical skills": that category's
        for r in rows:
            ans.add(kb, f"{role.label} — {r['label']} ({r['category']}): importance {r['importance']}", [str(r["link"])])
        ans.tables.append(Table(f"{'Bottom' if bottom else 'Top'} skills of {role.label}", ["skill", "category", "importance", "basis", "sources"], [
            [r["label"], r["category"], r["importance"], basis_of(kb, [str(r["link"])]), kb.source_ids([str(r["link"])])] for r in rows]))
        said = [r for r in rows if plan.scope != "seed" or "seed" in basis_of(kb, [str(r["link"])])]  # a seed answer's lead: its rows
        if said:
            leads.append(f"{role.label}{order}: " + ", ".join(f"{r['label']} ({r['importance']})" for r in said[:5]))
    ans.lead = "; ".join(leads) + "." if leads else ""
    ans.notes += compare.skill_gap_notes(kb, {r.iri for r in plan.roles})


def _asks_bottom(plan: Plan) -> bool:
    """Whether the question asks for a role's least important skills ('lowest priority skill'; not 'at least')."""
    words = tx_words(plan.question)
    return any(w in word_set("bottom") and words[i - 1 : i] != ["at"] for i, w in enumerate(words))


def _compare(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """How two roles differ: what each owns, and the skills each needs more than the other."""
    a, b = pair(plan)
    parts = []
    kinds = {str(r["role"]): str(r["kind_of"] or "") for r in compare.role_info(kb, a.iri, b.iri)}  # bound: not every role
    for x, y in ((a, b), (b, a)):
        if kinds.get(x.iri) == y.label:
            parts.append(f"the {x.label} is a kind of {y.label}")
            ans.add(kb, f"The {x.label} is a kind of {y.label}.", [x.iri])
            for f in role_facts(kb, [x.iri]):
                if f["dimension"] == "relations" or (f["dimension"] == "focus" and y.label.lower() in str(f["text"]).lower()):
                    ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
    for role in (a, b):
        owned = [str(link["target_label"]) for link in compare.profile(kb, role.iri).of_kind("ownership") if link["stance"] == "owns"]
        for link in compare.profile(kb, role.iri).of_kind("ownership"):
            if link["stance"] == "owns":
                ans.add(kb, f"The {role.label} owns the {link['target_label']}.", [str(link["link"])])
        if owned:
            parts.append(f"the {role.label} owns " + join_names([f"the {c}" for c in owned]))
    parts += _team_contrast(kb, ans, a, b)
    differences = compare.skill_differences(kb, a.iri, b.iri, compare.SEPARATE_THRESHOLD)
    for side, role in (("a", a),) if plan.one_way else (("a", a), ("b", b)):  # "what sets A apart from B": A's side only
        rows = [r for r in differences if r["favours"] == side][:4]
        for r in rows:
            ans.add(kb, f"{r['label']}: {a.label} {r['importance_a']} vs {b.label} {r['importance_b']}",
                    [str(x) for x in (r["link_a"], r["link_b"]) if x])
        if rows:
            parts.append(f"the {role.label} needs more " + ", ".join(str(r["label"]) for r in rows[:3]))
    lead = "; ".join(parts)
    ans.lead = (lead[0].upper() + lead[1:] + ".") if lead else ""
    if not plan.one_way:  # what each is, in a line ('a single project' against 'programs that span several teams')
        infos = {str(r["role"]): r for r in compare.role_info(kb, a.iri, b.iri)}
        for role in (a, b):
            if infos.get(role.iri, {}).get("definition"):
                ans.add(kb, f"{role.label}: {infos[role.iri]['definition']}", [role.iri])


def _team_contrast(kb: KnowledgeBase, ans: Answer, a: PlanRole, b: PlanRole) -> list[str]:
    """How the two roles' recorded team counts differ (teams coordinated, direct reports: the Engineering Manager's one
    team of up to 12 reports against the Tech PgM's 3+ teams and none), mainstream views only; one part per relation."""
    counted: dict[str, dict[str, list[dict[str, Cell]]]] = {}
    for prof in compare.profiles(kb, a.iri, b.iri):
        for link in prof.of_kind("team"):
            if (link["min_count"] is not None or link["max_count"] is not None) and not COUNTER_VIEW.search(str(link["reason"] or "")):
                counted.setdefault(str(link["relation"]), {}).setdefault(prof.iri, []).append(link)
    parts = []
    for _, by_role in sorted(counted.items()):
        values = {iri: ", ".join(compare.count_text(x) for x in links) for iri, links in by_role.items()}
        if len(values) == 2 and values[a.iri] != values[b.iri]:
            said = compare.item_and_value(by_role[a.iri][0])[0].split(":")[0]
            parts.append(f"{said}: {a.label} {values[a.iri]}, {b.label} {values[b.iri]}")
            ans.add(kb, parts[-1], [str(x["link"]) for links in by_role.values() for x in links])
    return parts


#: This module's handlers, by intent.
HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {
    "compare": _compare,
    "separate": _separate,
    "shared": _shared,
    "skills": _skills_of,
}
