"""Who owns the what, why, how, who and when: leads, yes/no verdicts and false-ownership premises."""

from __future__ import annotations

from collections.abc import Callable

from rolegraph import compare
from rolegraph.ask.answer.base import Answer, basis_of, join_names, negated_claim
from rolegraph.ask.plan import TECH_PM, Plan
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import CONCERNS
from rolegraph.results import Cell, Table


def _ownership(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    concerns = plan.concerns or list(CONCERNS)
    table = Table("Who owns " + ", ".join(f"the {c}" for c in concerns), ["concern", "role", "stance", "basis", "sources", "disputed"])
    disputed: list[Cell] = []
    leads = []
    single = plan.form == "which-one" and len(plan.roles) == 1  # "which of the what … when does the Project Manager own?"
    subjects = list(plan.roles) if single else [r for r in plan.roles if r.part in ("subject", "source")] if plan.form != "which-one" else []
    asserted = subjects if plan.concerns and not single else []  # a premise needs a role and a concern the question names
    owned_by_subject: list[str] = []
    for concern in concerns:
        rows = kb.named("concern-owners", concern=concern).records()
        rows.sort(key=lambda r: (compare.BASIS_ORDER.get(str(r["basis"]), 9), str(r["role_label"])))
        scoped = [r for r in rows if plan.scope != "seed" or "seed" in str(r["basis"])]  # asked of the seed: the rows it has
        owners = [r for r in scoped if r["stance"] == "owns"]
        candidates = {r.iri for r in plan.roles}
        if (plan.form == "which-one" or len(plan.role_iris("compared")) >= 2) and any(r["role"] in candidates for r in owners):
            owners = [r for r in owners if r["role"] in candidates]  # "which role …", "A vs B": answer among the roles in question
        dispute_ids = sorted({str(r["disputed_by"]) for r in scoped if r["disputed_by"]})
        names = join_names(sorted({f"the {r['role_label']}" for r in owners}, key=lambda s: (TECH_PM not in s, s)))
        if plan.form == "yes-no" and asserted:
            yes, no = ("No", "Yes") if negated_claim(plan.question) else ("Yes", "No")  # "tech pgms never own the what, right?"
            for role in asserted:
                mine = [r for r in rows if r["role"] == role.iri]
                if any(r["stance"] == "owns" for r in mine):
                    leads.append(f"{yes}: the {role.label} owns the {concern}")
                elif mine:
                    leads.append(f"{no}: the {role.label} does not own the {concern} ({compare.STANCE.get(str(mine[0]['stance']), '')}); "
                                 f"{names or 'no modelled role'} {'own' if len(owners) > 1 else 'owns'} it")
                else:
                    leads.append(f"No recorded stance: the knowledge base does not say whether the {role.label} owns the {concern}; "
                                 f"{names or 'no modelled role'} {'own' if len(owners) > 1 else 'owns'} it")
        else:
            lead = f"{names[0].upper() + names[1:]} {'own' if len(owners) > 1 else 'owns'} the {concern}" if owners \
                else f"The seed names no owner of the {concern}" if plan.scope == "seed" else f"No modelled role is recorded as owning the {concern}"
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
    if len(subjects) == 1 and (single or not plan.concerns) and plan.form != "yes-no":  # "what is the Tech PM responsible for?"
        ans.lead = (f"The {subjects[0].label} owns " + join_names([f"the {c}" for c in owned_by_subject]) + "." if owned_by_subject
                    else f"No ownership of the what, why, how, who or when is recorded for the {subjects[0].label}.")
    if not plan.concerns and plan.form != "yes-no":  # "em and swe responsibilities": a role that owns none of them, in a line
        owning = {str(row[1]) for row in table.rows if row[2] == "owns"}
        infos = {str(r["role"]): r for r in compare.role_info(kb, *plan.role_iris())}
        for role in plan.roles:
            if role.label not in owning and infos.get(role.iri, {}).get("definition"):
                said = f"The {role.label} owns none of the what, why, how, who or when: {infos[role.iri]['definition']}"
                ans.add(kb, said, [role.iri])
                ans.lead = said if ans.lead.startswith("No ownership") else f"{ans.lead} {said}"
    ans.tables.append(table)
    for fact in concern_facts(kb, concerns):
        ans.add(kb, f"{fact['text']} ({fact['id']})", [str(fact["fact"])])
    ans.notes += compare.disagreement_notes(kb, disputed)


_CONCERN_FACTS = """PREFIX rg: <https://w3id.org/rolegraph/ns#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?fact ?id ?text ?concern WHERE {
  ?fact a rg:Fact ; dct:subject ?c ; dct:identifier ?id ; rg:text ?t .
  ?c a rg:Concern ; skos:notation ?concern .
  BIND(STR(?t) AS ?text)
} ORDER BY ?id ?concern"""


def concern_facts(kb: KnowledgeBase, concerns: list[str]) -> list[dict[str, Cell]]:
    """Facts whose ``dct:subject`` is one of ``concerns`` (the evidence the data names for who owns it), once each."""
    found: dict[str, dict[str, Cell]] = {}
    for r in kb.select(_CONCERN_FACTS).records():
        if r["concern"] in concerns:
            found.setdefault(str(r["fact"]), r)
    return list(found.values())


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


#: This module's handlers, by intent.
HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {
    "ownership": _ownership,
}
