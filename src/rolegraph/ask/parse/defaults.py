"""The roles assumed when a question names none, or only a bare "TPM"."""

from __future__ import annotations

from dataclasses import replace

from rolegraph.ask import text as tx
from rolegraph.ask.plan import TECH_PGM, TECH_PM, TPM_ROLES, Plan, PlanRole

#: How the note on a pair of roles the question did not name begins.
ASSUMED_PAIR = "Not both roles named: assumed"


#: Intents that compare two roles; with fewer named, the two TPM roles are assumed.
_PAIRED = ("separate", "shared", "compare", "collaboration", "dimensions")


#: Intents that answer for the two TPM roles when no role is named (or search every role).
_ROLE_FREE = ("levels", "team", "day-to-day", "deliverables", "metrics", "skills", "ownership", "pay", "examples", "growth",
              "origin", "interview")


def _says(question: str, phrases: list[str]) -> bool:
    """Whether the question has one of ``phrases`` (matched on stems)."""
    said = tx.stems(tx.words(question))
    return any(tx.find_phrase(said, tx.phrase_stems(p)) >= 0 for p in phrases)


def _default_roles(plan: Plan) -> None:
    """Fill in the roles a question leaves implicit and mark their parts."""
    tpm_readings = any({TECH_PM, TECH_PGM} <= set(a["iris"]) for a in plan.ambiguous)
    only_ambiguous = bool(plan.ambiguous) and not plan.roles and plan.intent not in _PAIRED
    which = plan.form == "which-one" and plan.intents[:1] != ["definition"]
    if plan.intent in _PAIRED or (which and len(plan.roles) < 2 and not only_ambiguous):
        have = {r.iri for r in plan.roles}
        if tpm_readings and len(plan.roles) == 1 and not have & set(TPM_ROLES) and plan.status == "answered":
            plan.roles += [PlanRole(iri, label, "compared") for iri, label in TPM_ROLES.items()]  # "tpm vs em": each reading
            plan.ambiguous = [a for a in plan.ambiguous if not {TECH_PM, TECH_PGM} <= set(a["iris"])]
            plan.assumptions.append("'TPM' is ambiguous: compared for both readings, the Technical Product Manager and "
                                    "the Technical Program Manager.")
            plan.status = "ambiguous-role"
        elif len(plan.roles) < 2 and (tpm_readings or not plan.roles or plan.intent in _PAIRED):
            for iri, label in TPM_ROLES.items():
                if iri not in have and len(plan.roles) < 2:
                    plan.roles.append(PlanRole(iri, label, "compared"))
            plan.assumptions.append(f"{ASSUMED_PAIR} the two TPM roles, "
                                    + " and ".join(r.label for r in plan.roles) + ".")
            if tpm_readings:
                plan.ambiguous = [a for a in plan.ambiguous if not {TECH_PM, TECH_PGM} <= set(a["iris"])]
        plan.roles = [replace(r, part="compared") if r.part == "subject" else r for r in plan.roles]
    elif tpm_readings and not plan.roles and plan.intent != "abbreviation":
        plan.roles = [PlanRole(iri, label, "subject") for iri, label in TPM_ROLES.items()]
        plan.ambiguous = [a for a in plan.ambiguous if not {TECH_PM, TECH_PGM} <= set(a["iris"])]
        if plan.intent in tx.vocabulary()["searched"]["intents"] or plan.people:  # "where did the tpm role come from",
            # "mario on tpm interviews": the texts say 'TPM' too
            plan.assumptions.append("'TPM' can mean either TPM role: the texts on both were searched.")
            return
        plan.assumptions.append("'TPM' is ambiguous: answered for both readings, the Technical Product Manager and the "
                                "Technical Program Manager.")
        plan.status = "ambiguous-role"
    elif plan.ambiguous and plan.ambiguous[0]["usual"] and not plan.roles and plan.intents and plan.intent != "abbreviation":
        readings = plan.ambiguous.pop(0)  # "pm success metrics": the reading the graph records as the usual one, said so
        usual = readings["iris"].index(readings["usual"])
        plan.roles = [PlanRole(readings["usual"], readings["readings"][usual], "subject")]
        others = [label for i, label in enumerate(readings["readings"]) if i != usual]
        plan.assumptions.append(f"'{readings['text'].upper()}' can mean the {readings['readings'][usual]} (its usual meaning, "
                                f"answered here), the {' or the '.join(others)}.")
    elif plan.ambiguous and not plan.roles and plan.intent != "abbreviation":
        readings = plan.ambiguous[0]
        plan.roles = [PlanRole(i, label, "subject") for i, label in zip(readings["iris"], readings["readings"], strict=True)]
        plan.ambiguous = plan.ambiguous[1:]
        if not plan.intents:  # "how many devs per pm is normal": a fact searched for, in texts that use the short form too
            plan.assumptions.append(f"'{readings['text'].upper()}' can mean {', '.join(readings['readings'])}: "
                                    "the texts on every reading were searched, the short form with them.")
            plan.terms = list(dict.fromkeys([*plan.terms, *readings["text"].split()]))
            return
        plan.assumptions.append(f"'{readings['text'].upper()}' is ambiguous: answered for each reading, "
                                + ", ".join(readings["readings"]) + ".")
        plan.status = "ambiguous-role"  # answered for every reading, and said so
    elif not plan.roles and not plan.ambiguous and plan.intent in _ROLE_FREE and plan.status == "answered":
        plan.roles = [PlanRole(iri, label, "compared") for iri, label in TPM_ROLES.items()]
        plan.assumptions.append("No role named: answered for the two TPM roles.")
    elif len(plan.roles) >= 2 and all(r.part == "subject" for r in plan.roles):
        plan.roles = [replace(r, part="compared") for r in plan.roles]
    if plan.intent == "transitions" and len(plan.roles) == 1 and plan.roles[0].part == "subject":
        plan.roles = [replace(plan.roles[0], part="target")]
    if plan.intent == "transitions" and any(r.part == "target" for r in plan.roles):
        other = "target" if any(r.part == "source" for r in plan.roles) else "source"  # "as a swe, what to learn for tech pm,
        plan.roles = [replace(r, part=other) if r.part in ("subject", "compared") else r for r in plan.roles]  # and for tpgm"
    if plan.intent == "transitions" and any(r.part == "source" for r in plan.roles) and not any(r.part == "target" for r in plan.roles):
        plan.roles = [replace(r, part="target") if r.part in ("subject", "compared") else r for r in plan.roles]  # "as an engineer … for tech pm"
    if plan.intent == "transitions" and len(plan.roles) >= 2 and not any(r.part in ("source", "target") for r in plan.roles) and _says(
            plan.question, tx.vocabulary()["transitions"]["origins"]):  # "backgrounds for both tpm roles": the ways into each
        plan.roles = [replace(r, part="target") for r in plan.roles]
    if plan.intent == "transitions" and len(plan.roles) == 2 and not any(r.part in ("source", "target") for r in plan.roles):
        plan.roles = [replace(plan.roles[0], part="source"), replace(plan.roles[1], part="target")]
