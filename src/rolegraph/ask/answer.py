"""Plan → answer: a direct lead in the form asked, then the deciding rows, each with the basis
of its own sources; full-text retrieval is consulted for every plan."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rolegraph import compare
from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.ask.retrieve import Hit, index, tier_basis
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import CONCERNS
from rolegraph.results import Cell, Result, Table

#: A retrieved document counts when it matches at least this share of the question's terms.
MIN_COVERAGE = 0.5
_NEGATION = re.compile(r"\b(not|no|never|none|without|neither|nor|cannot|doesn t|does not|isn t|rarely|doesn|isn|don|fewer)\b")


@dataclass
class Answer:
    """What the handlers build up before it becomes a Result."""

    plan: Plan
    lead: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    external: list[dict[str, Any]] = field(default_factory=list)
    abstained: bool = False

    def add(self, kb: KnowledgeBase, text: str, statements: Iterable[str], basis: str | None = None) -> None:
        """One item, its basis read from its own statements' sources (``basis`` only for derived items)."""
        sts = [s for s in statements if s]
        if any(i["text"] == text for i in self.items + self.external):
            return
        self.statements += sts
        ids = kb.source_ids(sts)
        item = {"text": text, "basis": basis or basis_of(kb, sts), "sources": [s for s in ids.split(", ") if s]}
        if self.plan.scope == "seed" and "seed" not in item["basis"] and item["basis"] != "derived":
            self.external.append(item)
        else:
            self.items.append(item)


def basis_of(kb: KnowledgeBase, statements: Iterable[str]) -> str:
    """'seed', 'seed-article', 'external' or several of them, from the tiers of the statements' sources."""
    return tier_basis(kb.statement_refs(statements)) or "external"


def role_label(plan: Plan, iri: str) -> str:
    return next((r.label for r in plan.roles if r.iri == iri), iri.rsplit("/", 1)[-1])


# --- handlers ------------------------------------------------------------------------------------


def _abbreviation(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """What a short form stands for: every reading of an ambiguous one (TPM, PM), the role of any other (SDM, PM-T)."""
    from rolegraph.resolve import find_roles_in_text
    from rolegraph.resolve import index as names

    rows = kb.named("abbreviations").records()
    mentions = find_roles_in_text(kb, plan.question)
    said = {m[1] for m in mentions} | {m[1].rstrip("s") for m in mentions}
    asked = [r for r in rows if str(r["short_form"]).lower() in said]
    for _, phrase, readings in mentions:
        if len(readings) == 1 and names(kb).is_short_form(phrase.rstrip("s") if phrase not in names(kb).exact else phrase):
            text = f"{phrase.upper()} stands for the {readings[0].label}."
            ans.lead = ans.lead or text
            ans.add(kb, text, [readings[0].iri])
            for f in _facts(kb, [readings[0].iri]):
                if f["dimension"] == "naming" and phrase.lower() in str(f["text"]).lower():
                    ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
    if not asked:
        return  # no short form named: the naming facts found by search answer ("job title conventions")
    for form in sorted({str(r["short_form"]) for r in asked}):
        meanings = [r for r in asked if r["short_form"] == form]
        text = (f"{form} is ambiguous: it can stand for " if meanings[0]["ambiguous"] else f"{form} stands for ") + " or ".join(
            str(r["role_label"]) for r in meanings) + "."
        ans.lead = ans.lead or text
        ans.add(kb, text, [str(meanings[0]["abbreviation"])])
        if meanings[0]["text"]:
            ans.add(kb, str(meanings[0]["text"]), [str(meanings[0]["abbreviation"])])
        for f in _facts(kb, [str(r["role"]) for r in meanings]):
            if f["dimension"] == "naming" and form.lower() in str(f["text"]).lower():
                ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
    ans.tables.append(Table("Readings", ["short form", "role", "ambiguous"], [[r["short_form"], r["role_label"], r["ambiguous"]] for r in asked]))


def _catalogue(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """The modelled roles and how many there are."""
    roles = kb.named("roles").records()
    ans.lead = f"{len(roles)} roles are modelled: " + ", ".join(str(r["label"]) for r in roles) + "."
    for r in roles:
        ans.add(kb, f"{r['label']}: {r['definition']}", [str(r["role"])])


def _facts(kb: KnowledgeBase, roles: Iterable[str]) -> list[dict[str, Cell]]:
    seen: dict[str, dict[str, Cell]] = {}
    for role in roles:
        for f in kb.named("facts", role=role).records():
            seen.setdefault(str(f["fact"]), f)
    return list(seen.values())


def _dimensions(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    dims = [d for d in kb.named("dimensions").records() if d["seed_named"]]
    facts = [f for f in _facts(kb, [TECH_PM, TECH_PGM]) if f["basis"] == "seed" and f["dimension"] in ("team", "day-to-day")]
    order = ", ".join(str(d["label"]) for d in dims)
    ans.add(kb, f"In the seed's order: {order}.", sorted({str(f["fact"]) for f in facts}))
    ans.lead = f"The seed names {len(dims)} dimensions, in this order: {order}."
    ans.tables.append(Table("Dimensions named by the seed", ["order", "dimension"], [[d["order"], d["label"]] for d in dims]))
    ans.notes.append("The seed names these four dimensions, but only the focus-areas content could be read; "
                     "team structure, tech skills and day-to-day answers come from outside sources.")


TECH_PM = "https://w3id.org/rolegraph/id/role/technical-product-manager"
TECH_PGM = "https://w3id.org/rolegraph/id/role/technical-program-manager"


def _ownership(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    concerns = plan.concerns or list(CONCERNS)
    table = Table("Who owns " + ", ".join(f"the {c}" for c in concerns), ["concern", "role", "stance", "basis", "sources", "disputed"])
    disputed: list[Cell] = []
    leads = []
    subjects = [r for r in plan.roles if r.part in ("subject", "source")] if plan.form != "which-one" else []
    asserted = subjects if plan.concerns else []  # a premise needs a role and a concern the question names
    owned_by_subject: list[str] = []
    for concern in concerns:
        rows = kb.named("concern-owners", concern=concern).records()
        rows.sort(key=lambda r: (compare.BASIS_ORDER.get(str(r["basis"]), 9), str(r["role_label"])))
        owners = [r for r in rows if r["stance"] == "owns"]
        candidates = {r.iri for r in plan.roles}
        if plan.form == "which-one" and any(r["role"] in candidates for r in owners):
            owners = [r for r in owners if r["role"] in candidates]  # "which role …": answer among the roles in question
        dispute_ids = sorted({str(r["disputed_by"]) for r in rows if r["disputed_by"]})
        names = _join(sorted({f"the {r['role_label']}" for r in owners}, key=lambda s: (TECH_PM not in s, s)))
        if plan.form == "yes-no" and asserted:
            for role in asserted:
                mine = [r for r in rows if r["role"] == role.iri]
                if any(r["stance"] == "owns" for r in mine):
                    leads.append(f"Yes: the {role.label} owns the {concern}")
                elif mine:
                    leads.append(f"No: the {role.label} does not own the {concern} ({compare.STANCE.get(str(mine[0]['stance']), '')}); "
                                 f"{names or 'no modelled role'} {'own' if len(owners) > 1 else 'owns'} it")
                else:
                    leads.append(f"No recorded stance: the knowledge base does not say whether the {role.label} owns the {concern}; "
                                 f"{names or 'no modelled role'} {'own' if len(owners) > 1 else 'owns'} it")
        else:
            lead = f"{names[0].upper() + names[1:]} {'own' if len(owners) > 1 else 'owns'} the {concern}" if owners \
                else f"No modelled role is recorded as owning the {concern}"
            leads.append(lead + (f" (disputed: {', '.join(dispute_ids)})" if dispute_ids else ""))
        for r in rows:
            table.rows.append([concern, r["role_label"], r["stance"], r["basis"], kb.source_ids([str(r["link"])]), r["disputed_by"] or ""])
            disputed.append(r["disputed_by"])
            if len(subjects) == 1 and r["role"] == subjects[0].iri and r["stance"] == "owns" and (
                    plan.scope != "seed" or "seed" in basis_of(kb, [str(r["link"])])):
                owned_by_subject.append(concern + (f" (disputed: {r['disputed_by']})" if r["disputed_by"] else ""))
        for role in asserted:  # a false premise ("why does the Tech PgM own the what?")
            mine = [r for r in rows if r["role"] == role.iri]
            if not any(r["stance"] == "owns" for r in mine) and plan.form != "yes-no":
                stance = compare.STANCE.get(str(mine[0]["stance"]), str(mine[0]["stance"])) if mine else "no recorded stance"
                ans.add(kb, f"No: the {role.label} does not own the {concern} ({stance}); it is owned by "
                        f"{', '.join(sorted({str(r['role_label']) for r in owners})) or 'no modelled role'}.",
                        [str(r["link"]) for r in mine + owners])
        for r in rows:
            verb = compare.STANCE.get(str(r["stance"]), str(r["stance"]))
            dispute = f" (disputed: {r['disputed_by']})" if r["disputed_by"] else ""
            ans.add(kb, f"The {r['role_label']} {verb} the {concern}.{dispute}", [str(r["link"])])
    ans.lead = "; ".join(_merge_leads(leads)) + "."
    if len(subjects) == 1 and not plan.concerns and plan.form != "yes-no":  # "what is the Tech PM responsible for?"
        ans.lead = (f"The {subjects[0].label} owns " + _join([f"the {c}" for c in owned_by_subject]) + "." if owned_by_subject
                    else f"No ownership of the what, why, how, who or when is recorded for the {subjects[0].label}.")
    ans.tables.append(table)
    if {"what", "why"} & set(concerns):
        fact = next((f for f in _facts(kb, [TECH_PM]) if f["id"] == "TPM-F1"), None)
        if fact:
            ans.add(kb, f"{fact['text']} ({fact['id']})", [str(fact["fact"])])
    ans.notes += compare.disagreement_notes(kb, disputed)


def _merge_leads(leads: list[str]) -> list[str]:
    """'X owns the what' + 'X owns the why' → 'X owns the what and the why'."""
    merged: list[str] = []
    for lead in leads:
        head, _, concern = lead.rpartition(" the ")
        if merged and merged[-1].rpartition(" the ")[0].split(" the ")[0] == head.split(" the ")[0] and "(" not in lead and "(" not in merged[-1] \
                and merged[-1].startswith(head):
            merged[-1] += f" and the {concern}"
        else:
            merged.append(lead)
    return merged


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def _pair(plan: Plan) -> tuple[PlanRole, PlanRole]:
    roles = [r for r in plan.roles if r.part in ("compared", "subject", "source", "target")]
    return roles[0], roles[1]


def _skill_item(kb: KnowledgeBase, ans: Answer, text: str, row: dict[str, Cell]) -> None:
    ans.add(kb, text, [str(x) for x in (row["link_a"], row["link_b"]) if x])


def _separate(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    a, b = _pair(plan)
    threshold = compare.SEPARATE_THRESHOLD
    differences = compare.skill_differences(kb, a.iri, b.iri, threshold)
    if not any(r["favours"] == "a" for r in differences):  # close roles: the smaller gaps are what separates them
        threshold = 1
        differences = compare.skill_differences(kb, a.iri, b.iri, threshold)
        ans.notes.append(f"No skill is rated 2 or more higher for the {a.label}; these differ by 1 on the 0–5 scale.")
    result = compare.separate_rows(kb, a.iri, b.iri, differences, threshold)
    ans.tables += result.tables[:1]
    ans.notes += result.notes
    rows = [r for r in differences if r["favours"] == "a"]
    for r in rows:
        _skill_item(kb, ans, f"{r['label']}: {a.label} {r['importance_a']} vs {b.label} {r['importance_b']}", r)
    if rows:
        ans.lead = f"Ranked by importance gap, what the {a.label} needs more than the {b.label}: " + ", ".join(
            str(r["label"]) for r in rows[:6]) + "."
    else:
        ans.lead = f"No skill is rated much higher for the {a.label} than for the {b.label}."


def _shared(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    a, b = _pair(plan)
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


def _dimension(dimension: str) -> Callable[[KnowledgeBase, Plan, Answer], None]:
    def handler(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
        roles = plan.roles
        only_teams = dimension == "team" and (plan.form == "count" or any(t.startswith(("coordinat", "span", "cover")) for t in plan.terms))
        found = compare.profiles(kb, *(r.iri for r in roles))
        focus = [] if only_teams else _focus_terms(plan, dimension)
        per_role: dict[str, list[str]] = {}
        for role, prof in zip(roles, found, strict=True):
            for link in prof.links:
                if link["dimension"] != dimension or (only_teams and link["relation"] != "coordinates"):
                    continue
                if focus and not _mentions(link, focus) and any(_mentions(x, focus) for x in prof.links if x["dimension"] == dimension):
                    continue
                item, value = compare.item_and_value(link)
                if value == "yes" and link["relation"] == "coordinates":
                    value = "N (several, no number given)"
                shown = item if value == "yes" else f"{item}: {value}"
                dispute = f" (disputed: {link['disputed_by']})" if link["disputed_by"] else ""
                reason = f" — {link['reason']}" if link["reason"] and (focus or plan.form in ("yes-no", "explain")) else ""
                ans.add(kb, f"{role.label} — {shown}{dispute}{reason}", [str(link["link"])])
                per_role.setdefault(role.label, []).append(shown + dispute)
        result = compare.compare_profiles(kb, found[0], found[1] if len(found) > 1 else found[0], [dimension])
        for t in result.tables:
            if focus:  # the slice asked, not the whole dimension
                t.rows = [r for r in t.rows if _mentions({"target_label": r[0], "relation": "", "reason": ""}, focus)] or t.rows
            if len(found) == 1:
                t.columns, t.rows = [t.columns[0], *t.columns[2:]], [[r[0], *r[2:]] for r in t.rows]
        if len(found) > 2:
            result.tables.append(_extra_roles_table(kb, found[2:], dimension))
        ans.tables += result.tables
        ans.notes += [n for t in result.tables for n in t.notes]
        ans.notes += [n for n in result.notes if n.startswith("Sources disagree")]
        if plan.scope == "seed":
            ans.notes.insert(0, "The seed article names this dimension but its content could not be read, so nothing here is "
                                "'according to the seed'; the items are from outside sources as marked.")
        if per_role:
            ans.lead = "; ".join(f"{label}: {', '.join(v[:4])}" for label, v in per_role.items()) + "."
    return handler


def _extra_roles_table(kb: KnowledgeBase, profiles: list[compare.Profile], dimension: str) -> Table:
    table = Table(f"{dimension}: more roles", ["role", "item", "value", "basis", "sources"])
    labels = compare.role_labels(kb)
    for prof in profiles:
        for link in prof.links:
            if link["dimension"] == dimension:
                item, value = compare.item_and_value(link)
                table.rows.append([labels.get(str(link["role"]), ""), item, value, link["basis"], kb.source_ids([str(link["link"])])])
    return table


def _focus_terms(plan: Plan, dimension: str) -> list[str]:
    """Words that narrow a dimension answer to the slice asked ('reporting line', 'late launch')."""
    from rolegraph.ask.text import stem

    slices = {"team": ("report", "direct", "line", "boss", "manag", "embed", "ratio", "engin", "headcount", "work"),
              "metrics": ("blame", "late", "incomplet", "launch")}
    wanted = [t for t in _expanded(plan) if stem(t).startswith(slices.get(dimension, ()))]
    return [stem(w) for w in wanted]


def _mentions(link: dict[str, Cell], stems: list[str]) -> bool:
    from rolegraph.ask.text import stem

    words = {stem(w) for w in re.split(r"\W+", f"{link['target_label']} {link['relation'] or ''} {link['reason'] or ''}".lower()) if w}
    return any(s in words or (len(s) >= 5 and any(w.startswith(s) for w in words)) for s in stems)


def _transitions(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    sources = [r for r in plan.roles if r.part == "source"]
    targets = [r for r in plan.roles if r.part == "target"] or [r for r in plan.roles if r.part != "source"][-1:]
    if sources and targets:
        _route(kb, plan, ans, sources[0], targets[0])
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
    if not targets:
        return
    target = targets[0]
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
            ans.notes.append(f"Outside counterpoint ({f['id']}, not the seed's answer): {f['text']}")
            ans.notes += compare.disagreement_notes(kb, [f["disputed_by"]])
    ans.tables.append(Table(f"Ways into {target.label}", ["from", "how common", "basis", "sources"], [
        [t["from_label"], f"{t['prevalence']}/3", basis_of(kb, [str(t["link"])]), kb.source_ids([str(t["link"])])] for t in shown]))
    if not into:
        ans.lead = f"The knowledge base records no transition into {target.label}."


def _route(kb: KnowledgeBase, plan: Plan, ans: Answer, source: PlanRole, target: PlanRole) -> None:
    from rolegraph import graph  # networkx: only for routes and neighbours

    result = graph.path(kb, source.iri, target.iri)
    ans.tables += result.tables
    ans.notes += result.notes
    rows = result.tables[0].rows if result.tables else []
    for row in rows:
        ans.add(kb, f"Step {row[0]}: {row[1]} → {row[2]} ({row[3]})", [], basis=str(row[4]) or "derived")
        ans.items[-1]["sources"] = [s for s in str(row[5]).split(", ") if s]
    moves = kb.named("transitions").records()
    direct = [t for t in moves if t["from_role"] == source.iri and t["to_role"] == target.iri]
    top = max((int(str(t["prevalence"])) for t in moves if t["to_role"] == target.iri), default=0)
    common = " It is the most common way in." if direct and int(str(direct[0]["prevalence"])) == top and top > 1 else ""
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
    gap = graph.skill_gap(kb, source.iri, target.iri)
    for g in gap[:6]:
        ans.add(kb, f"To build: {g['label']} ({target.label} {g['importance_a']} vs {source.label} {g['importance_b']})",
                [str(x) for x in (g["link_a"], g["link_b"]) if x])
    if gap:
        ans.lead += " Skills to build: " + ", ".join(str(g["label"]) for g in gap[:5]) + "."


#: A stored reason that qualifies its row (a blank in the seed, a missing name, a counter-view) travels with it.
_CAVEAT = re.compile(r"\b(blank|missing|not (?:in|named|stated|readable)|could not|counter|minority|only in|unclear|lost)\b", re.I)


def _hiring(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    roles = [r for r in plan.roles if r.iri in (TECH_PM, TECH_PGM)] or plan.roles[:1] or [PlanRole(TECH_PM, "Technical Product Manager")]
    if plan.roles and len(roles) > 1 and not any("pgm" in a.lower() or "program" in a.lower() for a in [plan.question]):
        roles = roles[:1]
    table = Table("Who hires", ["role", "domain", "companies", "basis", "sources", "caveats"])
    leads = []
    for role in roles:
        by_domain: dict[str, list[dict[str, Cell]]] = {}
        for link in compare.profile(kb, role.iri).of_kind("hiring"):
            if plan.companies and str(link["target_label"]) not in plan.companies and plan.form != "list":
                continue
            by_domain.setdefault(str(link["domain"] or "(no domain given)"), []).append(link)
        for domain in sorted(by_domain, key=lambda d: (d.startswith("("), d)):
            group = sorted(by_domain[domain], key=lambda x: str(x["target_label"]))
            if plan.scope == "seed":
                group = [x for x in group if "seed" in basis_of(kb, [str(x["link"])])]
                if not group:
                    continue
            statements = [str(x["link"]) for x in group]
            companies = ", ".join(dict.fromkeys(str(x["target_label"]) for x in group))
            caveats = "; ".join(str(x["reason"]) for x in group if x["reason"] and _CAVEAT.search(str(x["reason"])))
            table.rows.append([role.label, domain, companies, basis_of(kb, statements), kb.source_ids(statements), caveats])
            ans.add(kb, f"{role.label} — {domain}: {companies}" + (f" (note: {caveats})" if caveats else ""), statements)
            if not domain.startswith("("):
                leads.append(f"{domain}: {companies}")
    ans.tables.append(table)
    if leads:
        ans.lead = f"{roles[0].label} hiring by domain — " + "; ".join(leads) + "."


def _define(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    infos = {str(r["role"]): r for r in kb.named("roles").records()}
    for role in plan.roles:
        info = infos[role.iri]
        ans.add(kb, f"{role.label}: {info['definition']}", [role.iri])
        if info["kind_of"]:
            ans.add(kb, f"A {role.label} is a kind of {info['kind_of']}.", [role.iri])
        prof = compare.profile(kb, role.iri)
        owned = [link for link in prof.of_kind("ownership") if link["stance"] == "owns"]
        for link in owned:
            ans.add(kb, f"Owns the {link['target_label']}.", [str(link["link"])])
        for link in prof.of_kind("focus")[:4]:
            ans.add(kb, f"Focus: {link['target_label']}.", [str(link["link"])])
        if "day-to-day" in plan.intents or plan.form != "define":
            for link in prof.of_kind("activity")[:5]:
                ans.add(kb, f"Day to day: {link['target_label']}.", [str(link["link"])])
        ans.tables.append(compare.show(kb, role.iri).tables[0])
        own = " and ".join(f"the {link['target_label']}" for link in owned)
        ans.lead = (ans.lead + " " if ans.lead else "") + f"The {role.label} {str(info['definition'])[0].lower()}{str(info['definition'])[1:]}" + (
            f" Owns {own}." if own else "")


def _skills_of(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    leads = []
    for role in plan.roles:
        rows = kb.named("skill-profile", role=role.iri).records()
        rows = ([r for r in rows if r["label"] in plan.skills] if plan.skills else []) or rows[:10]
        for r in rows:
            ans.add(kb, f"{role.label} — {r['label']} ({r['category']}): importance {r['importance']}", [str(r["link"])])
        ans.tables.append(Table(f"Top skills of {role.label}", ["skill", "category", "importance", "basis", "sources"], [
            [r["label"], r["category"], r["importance"], basis_of(kb, [str(r["link"])]), kb.source_ids([str(r["link"])])] for r in rows]))
        leads.append(f"{role.label}: " + ", ".join(f"{r['label']} ({r['importance']})" for r in rows[:5]))
    ans.lead = "; ".join(leads) + "." if leads else ""
    ans.notes += compare.skill_gap_notes(kb, {r.iri for r in plan.roles})


def _neighbours(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    from rolegraph import graph  # networkx: only for routes and neighbours

    result = graph.neighbours(kb, plan.roles[0].iri)
    ans.tables += result.tables
    ans.notes += result.notes
    for row in result.tables[0].rows[:4]:
        ans.add(kb, f"{row[0]} (similarity {row[1]}; shares {row[2]})", [], basis="derived")
    ans.statements += [str(s) for s in result.meta["subjects"]]
    if result.tables[0].rows:
        ans.lead = f"Closest to the {plan.roles[0].label}: " + ", ".join(str(r[0]) for r in result.tables[0].rows[:3]) + "."


def _gap_topic(dimension: str, label: str) -> Callable[[KnowledgeBase, Plan, Answer], None]:
    def handler(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
        for f in _facts(kb, [r.iri for r in plan.roles]):
            if f["dimension"] == dimension:
                ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
        gaps = [g for g in kb.named("gaps").records() if g["dimension"] == dimension and g["role"] in {r.iri for r in plan.roles}]
        for g in gaps:
            ans.notes.append(f"The seed has no data on {label} for {g['role_label']}: {g['text']}")
        relative = bool(set(tx_words(plan.question)) & {"more", "less", "than", "vs", "versus", "compared", "higher", "lower"})
        if not ans.items or not relative:  # only relative claims are recorded: an exact figure is a known gap
            ans.abstained = True
            ans.lead = f"The knowledge base has no {label} figure for {_join([r.label for r in plan.roles]) or 'these roles'}" + (
                "; it records only relative claims, listed below." if ans.items else ".")
        else:
            ans.lead = ans.items[0]["text"]
    return handler


def _certifications(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    gaps = [g for g in kb.named("gaps").records() if "certif" in str(g["text"]).lower()]
    ans.abstained = True
    ans.lead = "The knowledge base has nothing on certifications; nothing is inferred."
    for g in gaps:
        ans.notes.append(f"The seed has no data for that: {g['text']}")


def _disagreement(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    rows = kb.named("disagreements").records()
    ids = sorted({str(r["id"]) for r in rows})
    hits = index(kb).search(plan.terms, kinds=("disagreement", "position"), limit=4) if plan.terms else []
    wanted = {h.id for h in hits if h.kind == "disagreement" and h.id} or set(ids)
    notes = compare.disagreement_notes(kb, sorted(wanted))
    for note in notes:
        ans.add(kb, note, [str(r["position"]) for r in rows if r["id"] in wanted and note.startswith(f"Sources disagree ({r['id']})")])
    ans.lead = f"Sources disagree on {len(wanted)} point(s): " + "; ".join(
        str(next(r["question"] for r in rows if r["id"] == d)) for d in sorted(wanted)[:3])


def _person(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """A source author (the seed's when none is named): what the texts say about them, and what they wrote."""
    from rolegraph.ask.text import phrase_stems, vocabulary

    known = kb.sources()
    seed_author = next((s.creator for s in known.values() if s.tier == "seed"), "")
    cue_stems = {st for p in vocabulary()["intents"]["person"].values() for phrase in p for st in phrase_stems(phrase)}
    for person in plan.people or [seed_author]:
        surname = person.split()[-1] if person.split() else person
        theirs = sorted((iri for iri, s in known.items() if surname and surname in s.creator), key=lambda i: known[i].id)
        ids = {known[i].id for i in theirs}
        about = [h for h in index(kb).search([surname.lower(), "he", "his", *_expanded(plan)], kinds=("fact", "position"), limit=40)
                 if surname in h.text or (re.search(r"\b(he|his|him)\b", h.text, re.I) and set(h.sources) <= ids)]
        wanted = _stems_of(" ".join(_expanded(plan))) - cue_stems - _stems_of(person) - {"seed", "author"}
        about.sort(key=lambda h: -len(wanted & _stems_of(h.text)))
        best = about[0] if about and wanted & _stems_of(about[0].text) else None
        for h in about[:5]:
            ans.add(kb, _hit_text(h), [h.statement])
        for i in theirs:
            ans.statements.append(i)
            ans.items.append({"text": f"{person} wrote {known[i].id}: {known[i].title} ({known[i].creator}).", "sources": [known[i].id],
                              "basis": tier_basis([known[i]]) or "external"})
        wrote = "; ".join(f"{known[i].id} {known[i].title} ({known[i].creator})" for i in theirs[:4])
        ans.lead = (ans.lead + " " if ans.lead else "") + (f"{person}: {_hit_text(best)}" if best else f"{person} wrote {wrote}.")


def _compare(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """How two roles differ: what each owns, and the skills each needs more than the other."""
    a, b = _pair(plan)
    parts = []
    kinds = {str(r["role"]): str(r["kind_of"] or "") for r in kb.named("roles").records()}
    for x, y in ((a, b), (b, a)):
        if kinds.get(x.iri) == y.label:
            parts.append(f"the {x.label} is a kind of {y.label}")
            ans.add(kb, f"The {x.label} is a kind of {y.label}.", [x.iri])
            for f in _facts(kb, [x.iri]):
                if f["dimension"] == "relations" or (f["dimension"] == "focus" and y.label.lower() in str(f["text"]).lower()):
                    ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
    for role in (a, b):
        owned = [str(link["target_label"]) for link in compare.profile(kb, role.iri).of_kind("ownership") if link["stance"] == "owns"]
        for link in compare.profile(kb, role.iri).of_kind("ownership"):
            if link["stance"] == "owns":
                ans.add(kb, f"The {role.label} owns the {link['target_label']}.", [str(link["link"])])
        if owned:
            parts.append(f"the {role.label} owns " + _join([f"the {c}" for c in owned]))
    differences = compare.skill_differences(kb, a.iri, b.iri, compare.SEPARATE_THRESHOLD)
    for side, role in (("a", a), ("b", b)):
        rows = [r for r in differences if r["favours"] == side][:4]
        for r in rows:
            ans.add(kb, f"{r['label']}: {a.label} {r['importance_a']} vs {b.label} {r['importance_b']}",
                    [str(x) for x in (r["link_a"], r["link_b"]) if x])
        if rows:
            parts.append(f"the {role.label} needs more " + ", ".join(str(r["label"]) for r in rows[:3]))
    lead = "; ".join(parts)
    ans.lead = (lead[0].upper() + lead[1:] + ".") if lead else ""


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

    said = f" {normalise(_without_roles(kb, plan.question))} "
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
    except RolegraphError as err:
        ans.notes.append(str(err))
        return
    cells = [f"{t.title}: " + "; ".join(" · ".join(str(c) for c in row[:3] if c) for row in t.rows[:3]) for t in result.tables[:1]]
    _from_result(kb, ans, result, result.title + (" — " + cells[0] if cells else ""))


def _collaboration(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """Who does what between two roles: the responsibility matrix, friction points and rituals (rolegraph.collaborate)."""
    from rolegraph import collaborate
    from rolegraph.errors import RolegraphError

    a, b = _pair(plan)
    activities = collaborate.find_activities(kb, plan.question)
    try:
        result = collaborate.collaborate(kb, a.iri, b.iri, plan.question if activities else None)
    except RolegraphError as err:
        ans.notes.append(str(err))
        return
    rows = result.tables[0].rows if result.tables else []
    if activities and rows:
        columns = result.tables[0].columns
        lead = "; ".join(f"{row[0]}: " + ", ".join(f"{columns[i]} {row[i]}" for i in (1, 2)) for row in rows[:3])
    else:
        lead = result.title
    _from_result(kb, ans, result, lead + ".")


HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {
    "levels": _levels,
    "collaboration": _collaboration,
    "compare": _compare,
    "catalogue": _catalogue,
    "person": _person,
    "abbreviation": _abbreviation,
    "dimensions": _dimensions,
    "ownership": _ownership,
    "separate": _separate,
    "shared": _shared,
    "team": _dimension("team"),
    "day-to-day": _dimension("day-to-day"),
    "metrics": _dimension("metrics"),
    "deliverables": _dimension("deliverables"),
    "transitions": _transitions,
    "hiring": _hiring,
    "definition": _define,
    "skills": _skills_of,
    "neighbours": _neighbours,
    "pay": _gap_topic("pay", "pay"),
    "certifications": _certifications,
    "disagreement": _disagreement,
}
#: Handlers that need at least this many roles.
NEEDS = {"levels": 1, "collaboration": 2,
         "compare": 2, "separate": 2, "shared": 2, "team": 1, "day-to-day": 1, "metrics": 1, "deliverables": 1, "definition": 1, "skills": 1,
         "neighbours": 1, "transitions": 1}


# --- synthesis -----------------------------------------------------------------------------------

EXAMPLES = {
    "ownership": "Who owns the what and the why?",
    "separate": "Which skills separate a Tech PM from a Tech PgM?",
    "shared": "What do the Tech PM and the Tech PgM have in common?",
    "team": "How many teams does a Tech PgM coordinate?",
    "day-to-day": "What does a Tech PgM do day to day?",
    "deliverables": "What does a Tech PM produce?",
    "metrics": "How is a Tech PgM measured?",
    "transitions": "How do I become a Tech PM from software engineering?",
    "hiring": "Which companies hire Tech PMs?",
    "definition": "What is a Technical Program Manager?",
    "abbreviation": "What does TPM stand for?",
    "neighbours": "Which roles are closest to the Tech PgM?",
    "person": "Where did the seed author apply?",
}


def respond(kb: KnowledgeBase, plan: Plan) -> Answer:
    """Answer ``plan``: its handlers, the retrieved texts, and a lead in the form asked."""
    ans = Answer(plan)
    if plan.status == "cannot-parse":
        _cannot_parse(kb, plan, ans)
        return ans
    if plan.status == "unknown-role":
        _unknown(kb, plan, ans)
        return ans
    if plan.status == "ambiguous-role" and not plan.roles:
        for a in plan.ambiguous:
            ans.notes.append(f"{a['text'].upper()!r} is ambiguous: it can mean " + " or ".join(a["readings"]) + "; say which one.")
        ans.lead = ans.notes[0]
        return ans
    for part in plan.parts or [plan]:
        sub = Answer(part) if plan.parts else ans
        _answer_one(kb, part, sub)
        if plan.parts:
            ans.items += sub.items
            ans.external += sub.external
            ans.tables += sub.tables
            ans.notes += [n for n in sub.notes if n not in ans.notes]
            ans.statements += sub.statements
            ans.lead = (ans.lead + " " if ans.lead else "") + (sub.lead or "")
            ans.abstained = ans.abstained and sub.abstained if ans.items else sub.abstained
    _premise(kb, plan, ans)
    if plan.scope == "seed" and not ans.items and ans.external:
        ans.notes.insert(0, "The seed material has no content on this; the items below come from outside sources.")
        ans.tables.append(Table("From outside sources (not the seed)", ["item", "basis", "sources"],
                                [[i["text"], i["basis"], ", ".join(i["sources"])] for i in ans.external]))
    for a in plan.ambiguous:
        ans.notes.append(f"{a['text'].upper()!r} is ambiguous ({' or '.join(a['readings'])}); it was not used to pick a role.")
    return ans


def _answer_one(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    hits = _retrieve(kb, plan)
    if _off_topic(kb, plan, hits):
        _nothing(plan, ans)
        return
    if hits and hits[0].kind == "gap" and (plan.intent in ("compare", "definition", "unknown") or not plan.intents):
        ans.abstained = True  # a recorded knowledge gap: say what is missing, invent nothing
        ans.lead = f"The knowledge base has nothing on that: {hits[0].text}"
        ans.add(kb, hits[0].text, [hits[0].statement])
        return
    intents = [i for i in plan.intents if i in HANDLERS and len(plan.roles) >= NEEDS.get(i, 0)]
    if intents[:1] == ["ownership"] and not plan.concerns and plan.topic and plan.form == "which-one" and not (
            set(tx_words(plan.question)[1:]) & set(CONCERNS)):
        intents = intents[1:]  # "which role owns the program roadmap": a thing, not the what/why/how/who/when
    if len(intents) > 1 and intents[0] == "definition" and plan.form != "define":
        intents = intents[1:]
    elif len(intents) > 1 and "definition" in intents[1:]:
        intents.remove("definition")
    for intent in intents[:3]:
        lead = ans.lead
        HANDLERS[intent](kb, plan, ans)
        ans.lead = f"{lead} {ans.lead}" if lead and ans.lead != lead else (lead or ans.lead)
    if plan.scope == "seed" and not ans.items and hits and hits[0].kind == "gap":
        ans.abstained = True  # asked for the seed, and the seed's text on it is a recorded gap
        ans.lead = f"The seed material has nothing on that: {hits[0].text}"
        ans.add(kb, hits[0].text, [hits[0].statement])
        return
    if (not intents or not (ans.items or ans.lead)) and not (plan.form == "yes-no" and _identity(kb, plan)):
        _from_hits(kb, plan, ans, hits)
    elif not ans.abstained:
        for h in hits[:2]:  # what the texts of the graph add: caveats, facts beside the links
            if h.statement not in ans.statements and (plan.topic or plan.form in ("yes-no", "explain")
                                                      or (plan.form == "count" and re.search(r"\d", h.text))):
                ans.add(kb, _hit_text(h), [h.statement])
    if plan.intent not in _OWN_FORM:
        DECIDERS.get(plan.form, _keep)(kb, plan, ans, hits)
    if not ans.lead:
        ans.lead = ans.items[0]["text"] if ans.items else "The knowledge base has nothing on that."
        ans.abstained = ans.abstained or not ans.items


#: Intents whose handler already answers in its own form (an order, a list of readings, …).
_OWN_FORM = ("levels", "collaboration", "dimensions", "separate", "shared", "abbreviation", "catalogue", "person", "compare")


def _keep(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """The handlers' lead already answers a list, define, explain or route question."""


def _expanded(plan: Plan) -> list[str]:
    """The plan's search terms and their synonyms (``[synonyms]`` in cues.toml)."""
    from rolegraph.ask.text import vocabulary

    synonyms: dict[str, list[str]] = vocabulary().get("synonyms", {})
    out = list(plan.terms)
    for t in plan.terms:
        out += [w for phrase in synonyms.get(t, []) for w in phrase.split()]
    return list(dict.fromkeys(out))


#: Kinds of text an answer draws on; standard classifications and source notes only when asked for.
_ANSWER_KINDS = ("fact", "gap", "disagreement", "position", "abbreviation", "role", "focus", "ownership", "skill", "team",
                 "activity", "deliverable", "metric", "transition", "hiring", "level", "title", "transfer", "interview")
_STANDARD_WORDS = {"esco", "onet", "sfia", "standard", "standards", "classification", "occupation", "isco"}


def _retrieve(kb: KnowledgeBase, plan: Plan) -> list[Hit]:
    """Strong hits for the plan's terms, scoped by its roles, dimension and basis."""
    terms = _expanded(plan)
    if not terms:
        return []
    idx = index(kb)
    roles = [r.iri for r in plan.roles]
    known = [t for t in plan.terms if idx.has(t)]
    need = max(1, round(len(known) * MIN_COVERAGE))
    kinds = () if set(plan.terms) & _STANDARD_WORDS else _ANSWER_KINDS
    found: dict[str, Hit] = {}
    for dims in ([*plan.dimensions], []) if plan.dimensions else ([],):
        for h in idx.search(terms, roles=roles, dimensions=dims, kinds=kinds, seed_only=plan.scope == "seed", limit=6):
            if h.matched >= need and h.statement not in found and h.sources:  # unsourced texts (vocabulary notes) decide nothing
                found[h.statement] = h
    return sorted(found.values(), key=lambda h: (-h.matched, h.score))


def _off_topic(kb: KnowledgeBase, plan: Plan, hits: list[Hit]) -> bool:
    """True when the question's own subject (beyond roles and cue words) is nowhere in the graph."""
    if not plan.topic or plan.intent in ("abbreviation", "catalogue", "dimensions", "person", "certifications"):
        return False
    idx = index(kb)
    unknown = [t for t in plan.topic if not t.endswith("ly") and not idx.has(t) and not _synonym(t)]
    weak_intent = plan.intent in ("definition", "compare", "unknown") or not plan.intents
    if weak_intent:
        return bool(unknown)
    return len(plan.topic) >= 2 and bool(unknown) and len(unknown) * 2 >= len(plan.topic) and not any(h.matched >= 2 for h in hits)


def _synonym(word: str) -> bool:
    from rolegraph.ask.text import vocabulary

    return word in vocabulary().get("synonyms", {})


def _nothing(plan: Plan, ans: Answer) -> None:
    ans.abstained = True
    topic = " ".join(plan.topic[:6]) or "that"
    ans.lead = f"The knowledge base has nothing on {topic!r}; nothing is inferred."
    ans.notes.append("It can answer, for example: " + "; ".join(list(EXAMPLES.values())[:6]))


def _hit_text(h: Hit) -> str:
    label = f"{h.label}: " if h.label and h.body and h.label.lower() not in h.body.lower() else ""
    ident = f" ({h.id})" if h.id and h.kind in ("fact",) else ""
    return f"{label}{h.body or h.label}{ident}"


def _from_hits(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    if not hits:
        _nothing(plan, ans)
        return
    for h in hits[:4]:
        ans.add(kb, _hit_text(h), [h.statement])
        if h.disputed_by:
            ans.notes += [n for n in compare.disagreement_notes(kb, [h.disputed_by]) if n not in ans.notes]
    ans.lead = ans.items[0]["text"] if ans.items else (ans.external[0]["text"] if ans.external else "")


# --- the form asked ------------------------------------------------------------------------------


def _stems_of(text: str) -> set[str]:
    from rolegraph.ask.text import stem

    return {stem(w) for w in re.split(r"[^a-z0-9]+", text.lower()) if w}


def _negative(text: str, near: set[str] | None = None) -> bool:
    """Whether ``text`` says no: a count or importance of 0 (or 1), or a negation close to the words asked about."""
    if re.search(r":\s*0\b|\bimportance [01]\b|\b[01] vs\b", text):
        return True
    if near is None:
        return bool(_NEGATION.search(text.lower()))
    from rolegraph.ask.text import stem

    tokens = re.split(r"[^a-z0-9]+", text.lower())
    return any(t and stem(t) in near and any(_NEGATION.fullmatch(w) for w in tokens[max(0, i - 3) : i + 3] if w)
               for i, t in enumerate(tokens))


def _yes_no(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """Yes or No from the deciding row: an identity, the handlers' rows or the best retrieved text."""
    if ans.lead.startswith(("Yes", "No", "Not ")):
        return
    identity = _identity(kb, plan)
    if identity:
        ans.lead = identity[0]
        ans.add(kb, identity[0], identity[1])
        ans.abstained = False
        return
    wanted = _asked_stems(kb, plan)
    evidence = [(i["text"], None) for i in ans.items] + [(_hit_text(h), h) for h in hits]
    if not evidence or not wanted:
        return
    text, hit = max(evidence, key=lambda e: (len(wanted & _stems_of(_without_roles(kb, e[0]))), e[1] is None))
    if not wanted & _stems_of(_without_roles(kb, text)):
        return
    asked_negative = bool(_NEGATION.search(" ".join(tx_words(plan.question))))
    verdict = "No" if _negative(text, wanted) != asked_negative else "Yes"
    disputed = f" (disputed: {hit.disputed_by})" if hit is not None and hit.disputed_by else ""
    ans.lead = f"{verdict}{disputed}: {text}"
    if hit is not None:
        ans.add(kb, text, [hit.statement])


_FUNCTION_WORDS = {"is", "are", "a", "an", "the", "do", "does", "did", "can", "could", "should", "will", "would", "to", "of", "it",
                   "they", "there", "that", "this", "be", "have", "has", "any", "anyone", "anybody", "right", "yes", "true", "really"}


def _asked_stems(kb: KnowledgeBase, plan: Plan) -> set[str]:
    """Stems of what a closed question asks about: its words (and a follow-up's earlier ones), no role names or function words."""
    words = [w for w in tx_words(_without_roles(kb, plan.question)) if w not in _FUNCTION_WORDS]
    return _stems_of(" ".join(words + _expanded(plan)))


def _without_roles(kb: KnowledgeBase, text: str) -> str:
    """``text`` with role names taken out ('Engineering Manager' does not answer 'manage people')."""
    from rolegraph.resolve import find_roles_in_text, normalise

    words = normalise(text).split()
    for start, phrase, _ in find_roles_in_text(kb, text):
        for i in range(start, start + len(phrase.split())):
            words[i] = ""
    return " ".join(w for w in words if w)


def tx_stopwords() -> frozenset[str]:
    from rolegraph.ask.text import stopwords

    return stopwords()


def tx_words(text: str) -> list[str]:
    from rolegraph.ask.text import words

    return words(text)


_IDENTITY = re.compile(r"\b(kind of|type of|same as|same thing as|a form of|basically|just|really)\b|=")


def _identity(kb: KnowledgeBase, plan: Plan) -> tuple[str, list[str]] | None:
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


def _skill_asked(kb: KnowledgeBase, plan: Plan) -> list[str]:
    """The skills the question names, or the one whose texts match its words best."""
    if plan.skills:
        return plan.skills
    words = plan.topic or plan.terms
    hits = index(kb).search(words, kinds=("skill",), limit=3) if words else []
    best = [h for h in hits if h.matched >= max(1, len(words) // 2)]
    return [best[0].label] if best else []


def _importance(kb: KnowledgeBase, role: str, skills: list[str]) -> tuple[float, list[dict[str, Cell]]]:
    rows = [r for r in kb.named("skill-profile", role=role).records() if r["label"] in skills or r["category"] in skills]
    total = sum(int(str(r["importance"])) for r in rows)
    return (total / len(rows) if rows else 0.0), rows


def _measure(kb: KnowledgeBase, plan: Plan) -> tuple[str, list[str]]:
    """What to rank or choose by: a skill category the question names ('more technical'), else skills."""
    from rolegraph.ask.text import stem, vocabulary

    stems = {stem(w) for w in plan.terms}
    for category, cues in vocabulary().get("categories", {}).items():
        if any(stem(c) in stems for c in cues):
            return f"{category} skills", [category]
    skills = _skill_asked(kb, plan)
    return ", ".join(skills), skills


def _rank(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """An order: roles by a skill (or category), or one role's skills by importance."""
    roles = plan.roles
    if len(roles) == 1 and len(plan.skills) >= 2:
        rows = kb.named("skill-profile", role=roles[0].iri).records()
        imp = {str(r["label"]): r for r in rows}
        ranked = sorted(plan.skills, key=lambda k: -int(str(imp[k]["importance"])) if k in imp else 1)
        for k in ranked:
            ans.add(kb, f"{k}: importance {imp[k]['importance'] if k in imp else 0} for the {roles[0].label}",
                    [str(imp[k]["link"])] if k in imp else [])
        ans.lead = f"For the {roles[0].label}, by importance: " + ", ".join(
            f"{k} ({imp[k]['importance'] if k in imp else 0})" for k in ranked) + "."
        return
    if len(roles) < 2:
        return
    name, measure = _measure(kb, plan)
    if not measure:
        return
    scored = []
    for role in roles:
        value, rows = _importance(kb, role.iri, measure)
        scored.append((value, role, rows))
        ans.add(kb, f"{role.label} — {name}: {value:g}", [str(r["link"]) for r in rows])
    scored.sort(key=lambda x: -x[0])
    ans.lead = f"Ranked by {name}: " + ", ".join(f"{role.label} ({value:g})" for value, role, _ in scored) + "."


def _which_one(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """The role that fits: by the handlers' own lead, a skill, the rows found, or the texts of each role."""
    if len(plan.roles) < 2 or ans.lead.lower().startswith(("the ", "no", "yes")):
        return
    name, measure = _measure(kb, plan) if plan.intent in ("skills", "separate", "compare", "unknown") or not plan.intents else ("", [])
    if measure:
        scored = sorted(((_importance(kb, r.iri, measure)[0], r) for r in plan.roles), key=lambda x: -x[0])
        if scored[0][0] > scored[1][0]:
            ans.lead = f"The {scored[0][1].label} ({name}: " + ", ".join(f"{r.label} {v:g}" for v, r in scored) + ")."
            for v, r in scored:
                ans.add(kb, f"{r.label} — {name}: {v:g}", [str(x["link"]) for x in _importance(kb, r.iri, measure)[1]])
            return
    sources = [r for r in plan.roles if r.part == "source"]
    targets = [r for r in plan.roles if r.part == "target"]
    if sources and len(targets) >= 2:  # "more common for engineers: moving to Tech PM or to Tech PgM?"
        moves = {str(t["to_role"]): t for t in kb.named("transitions").records() if t["from_role"] == sources[0].iri}
        ranked = sorted(targets, key=lambda r: -int(str(moves[r.iri]["prevalence"])) if r.iri in moves else 0)
        if ranked[0].iri in moves:
            ans.lead = f"The {ranked[0].label}: " + "; ".join(
                f"{sources[0].label} → {r.label} (how common: {moves[r.iri]['prevalence'] if r.iri in moves else 0}/3)" for r in ranked) + "."
            for r in ranked:
                if r.iri in moves:
                    ans.add(kb, f"{sources[0].label} → {r.label} (how common: {moves[r.iri]['prevalence']}/3)", [str(moves[r.iri]["link"])])
            return
    wanted = _stems_of(" ".join(plan.topic or plan.terms))
    matches: list[tuple[int, PlanRole, str]] = []
    for item in ans.items:  # the handlers' rows: the role whose row best matches the question, and says yes
        owner = next((r for r in plan.roles if item["text"].startswith(r.label)), None)
        if owner is not None and not _negative(item["text"]):
            matches.append((len(wanted & _stems_of(_without_roles(kb, item["text"]))), owner, item["text"]))
    if matches and wanted:
        top = max(m[0] for m in matches)
        best_roles = {m[1].iri for m in matches if m[0] == top}
        if top >= max(1, len(wanted) // 2) and len(best_roles) == 1:
            _, owner, text = next(m for m in matches if m[0] == top)
            ans.lead = f"The {owner.label}: {text}"
            return
    winner = _which(kb, plan)
    if winner:
        ans.lead = f"The {winner[0].label}: {_hit_text(winner[1])}"
        ans.add(kb, _hit_text(winner[1]), [winner[1].statement])


def _which(kb: KnowledgeBase, plan: Plan) -> tuple[PlanRole, Hit] | None:
    """The role whose own texts match the question best."""
    idx = index(kb)
    best: tuple[int, float, PlanRole, Hit] | None = None
    terms = _expanded(plan)
    for role in plan.roles:
        hits = [h for h in idx.search(terms, roles=[role.iri], limit=4) if role.iri in h.roles and len(h.roles) == 1]
        hits = [h for h in hits if not _negative(h.text)]
        if hits and (best is None or (hits[0].matched, -hits[0].score) > best[:2]):
            best = (hits[0].matched, -hits[0].score, role, hits[0])
    return (best[2], best[3]) if best else None


_COUNTED = re.compile(r"\b(?:how many|number of|count(?: the)?)\s+(?:\w+\s+){0,2}?(\w+s)\b")


def _counted(plan: Plan, ans: Answer) -> tuple[str, list[str]] | None:
    """'how many domains …': the distinct values of the answer's column of that name (a list cell counts each entry)."""
    from rolegraph.ask.text import stem

    m = _COUNTED.search(" ".join(tx_words(plan.question)))
    if not m:
        return None
    noun = m.group(1)
    for table in ans.tables:
        for i, column in enumerate(table.columns):
            if stem(column.split()[-1] if column.split() else column) == stem(noun):
                values = [v.strip() for row in table.rows for v in str(row[i] or "").split(", ") if v.strip()]
                values = [v for v in dict.fromkeys(values) if not v.startswith("(")]
                if values:
                    return noun, values
    return None


def _count(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """A number: the distinct entries of the column asked about, a lead that has one, or the first row or text with one."""
    counted = _counted(plan, ans)
    if counted:
        noun, values = counted
        ans.lead = f"{len(values)} {noun}: " + ", ".join(values) + ". " + ans.lead
        return
    if re.search(r"\d", ans.lead):
        return
    wanted = _stems_of(" ".join(plan.topic or plan.terms))
    texts = [i["text"] for i in ans.items] + [_hit_text(h) for h in hits]
    numbered = [t for t in texts if re.search(r"\d", t)]
    if numbered:
        ans.lead = max(numbered, key=lambda t: len(wanted & _stems_of(t)))


DECIDERS: dict[str, Callable[[KnowledgeBase, Plan, Answer, list[Hit]], None]] = {
    "yes-no": _yes_no, "which-one": _which_one, "rank": _rank, "count": _count,
}


#: Words that mark a clause the question takes for granted ("since …,", "X is basically Y, so …").
_PREMISE_OPENER = re.compile(r"\b(since|given that|given|because|as|now that|assuming)\b|\b(basically|just|really|essentially|"
                             r"simply|actually|identical|the same|one role|same job|a kind of)\b")
_SAME = re.compile(r"\b(same|identical|one role|one and the same|interchangeable|basically the same)\b")


def _premise(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """Check what the question takes for granted, for the roles it asserts something about: an identity
    ('a Tech PM is basically a program manager'), sameness ('the two are one role') or a claim ('a TPgM codes')."""
    from rolegraph.ask.text import clip
    from rolegraph.resolve import find_roles_in_text

    q = " ".join(re.split(r"[^a-z0-9,]+", clip(plan.question).lower()))
    head = re.split(r",|\bso\b", q, maxsplit=1)[0]
    if ("," not in q and " so " not in f" {q} ") or not _PREMISE_OPENER.search(head):
        return
    found = [m for m in find_roles_in_text(kb, head) if len(m[2]) == 1]
    roles = [PlanRole(m[2][0].iri, m[2][0].label) for m in found]
    if len(roles) < 2 and _SAME.search(head) and len(plan.roles) >= 2:
        roles = list(plan.roles)  # "both tpms are one role"
    if len(roles) >= 2 and _SAME.search(head):
        _premise_note(kb, ans, f"the knowledge base records the {roles[0].label} and the {roles[1].label} as different roles",
                      ["different", "roles", "orthogonal", "completely"])
        return
    identity = re.search(r"\b(is|are)\b", head)
    if len(roles) >= 2 and identity:
        a, b = roles[0], roles[1]
        kinds = {str(r["role"]): str(r["kind_of"] or "") for r in kb.named("roles").records()}
        if kinds.get(a.iri) == b.label or a.iri == b.iri:
            return
        parent = kinds.get(a.iri, "")
        _premise_note(kb, ans, f"the knowledge base does not record the {a.label} as a {b.label}"
                      + (f"; the {a.label} is a kind of {parent}" if parent else ""), [])
        ans.add(kb, f"The {a.label} is a kind of {parent}." if parent else f"The {a.label} is a separate role from the {b.label}.", [a.iri])
        return
    if len(roles) != 1:
        return
    role = roles[0]
    spans = {w for m in found for w in m[1].split()}
    words = [w for w in tx_words(head) if w not in spans and not _PREMISE_OPENER.fullmatch(w)]
    claim = [w for w in words if w not in _FUNCTION_WORDS and (w in CONCERNS or w not in tx_stopwords())]
    if not claim:
        return
    verb = _stems_of(" ".join([claim[0], *_synonyms_of(claim[:1])]))  # what the role is said to do: "codes", "manage", "decide"
    wanted = _stems_of(" ".join(claim + _synonyms_of(claim)))
    hits = [h for h in index(kb).search(claim + _synonyms_of(claim), roles=[role.iri], kinds=_ANSWER_KINDS, limit=25) if h.sources]
    hits = [h for h in hits if verb & _stems_of(h.text) or (set(claim) & set(CONCERNS) and h.disputed_by)]
    if not hits:
        return
    best = max(hits, key=lambda h: (_negative(h.text, verb), bool(h.disputed_by), len(wanted & _stems_of(h.text)), -h.score))
    if _negative(best.text, verb):
        _premise_note(kb, ans, f"for the {role.label} the knowledge base says: {_hit_text(best)}", [])
        ans.add(kb, _hit_text(best), [best.statement])
    elif best.disputed_by:
        ans.notes.insert(0, f"Premise disputed ({best.disputed_by}): {_hit_text(best)}")
        ans.notes += [n for n in compare.disagreement_notes(kb, [best.disputed_by]) if n not in ans.notes]
        ans.add(kb, _hit_text(best), [best.statement])


def _synonyms_of(words: list[str]) -> list[str]:
    from rolegraph.ask.text import vocabulary

    table: dict[str, list[str]] = vocabulary().get("synonyms", {})
    return [w for word in words for phrase in table.get(word, []) for w in phrase.split()]


def _premise_note(kb: KnowledgeBase, ans: Answer, text: str, disagreement_words: list[str]) -> None:
    """Say the premise is not supported, in the notes and before the lead; add a disagreement on the point if one is recorded."""
    ans.notes.insert(0, f"Premise not supported: {text}.")
    ans.lead = f"Premise not supported: {text}. " + ans.lead
    if disagreement_words:
        found = [h for h in index(kb).search(disagreement_words, kinds=("disagreement",), limit=2) if h.matched >= 2]
        ans.notes += [n for n in compare.disagreement_notes(kb, [h.id for h in found[:1]]) if n not in ans.notes]


def _cannot_parse(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    from rolegraph.ask.text import stems, words

    asked = set(stems(words(plan.question)))
    near = sorted(EXAMPLES.values(), key=lambda e: -len(asked & set(stems(words(e)))))[:4]
    ans.lead = "rolegraph cannot tell what this asks. It answers questions about the modelled roles, for example: " + " · ".join(near)
    ans.notes.append("It can answer: who owns the what/why/how/who/when, which skills separate or are shared, team structure, "
                     "day-to-day work, deliverables and metrics, career transitions, hiring companies and domains, definitions "
                     "and abbreviations, neighbouring roles, the seed author.")


def _unknown(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
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
                         f"closest modelled roles: {closest}.")
        for g in kb.named("gaps").records():
            if g["dimension"] == "naming" and phrase.rstrip("s") in str(g["text"]).lower():
                ans.add(kb, str(g["text"]), [str(g["gap"])])
    ans.lead = ans.notes[0] if ans.notes else ""
