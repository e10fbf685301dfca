"""Free-text questions routed to the query layer. Shows how it understood the question and
never invents: unknown roles, ambiguous short forms and dimensions the seed says nothing
about are reported as such.

The answer is a :class:`~rolegraph.results.Result` whose ``meta`` holds
``interpretation`` (intent, roles, concerns, dimensions, assumptions) and ``answer``
(items, each with ``text``, ``basis`` and ``sources``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rolegraph import compare
from rolegraph.errors import RolegraphError, RoleNotFound
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import CONCERNS, asked_concerns
from rolegraph.resolve import RoleRef, find_roles_in_text, normalise, resolve_role
from rolegraph.results import Cell, Result, Table

TECH_PM = "https://w3id.org/rolegraph/id/role/technical-product-manager"
TECH_PGM = "https://w3id.org/rolegraph/id/role/technical-program-manager"


# Words that end a job title: a title-like phrase that is not a modelled role is reported as unknown.
_TITLE = re.compile(
    r"\b((?:[a-z]+ ){0,2}(?:master|owner|scientist|designer|lead|analyst|architect|director|officer|manager|engineer|"
    r"developer|recruiter|consultant|coach|marketer|researcher|writer)s?)\b"
)
_GENERIC_HEADS = {"manager", "engineer", "lead", "owner", "director", "officer", "master", "analyst", "architect", "developer"}
_FILLER = {"a", "an", "the", "which", "what", "does", "do", "from", "to", "and", "or", "is", "of", "separate", "between", "vs",
           "versus", "skills", "skill", "become", "good", "as", "for", "each", "every", "my", "our", "their", "same", "other",
           "that", "would", "can", "how", "who", "why", "when", "most", "common", "way", "any", "in", "with", "compare"}


@dataclass
class Answer:
    """What :func:`ask` builds up before it becomes a Result."""

    question: str
    intent: str = "unknown"
    roles: list[RoleRef] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def add(self, kb: KnowledgeBase, text: str, basis: Cell, statements: list[str]) -> None:
        """One answer item, sourced by the statements behind it."""
        self.statements += statements
        ids = kb.source_ids(statements)
        self.items.append({"text": text, "basis": str(basis or ""), "sources": [s for s in ids.split(", ") if s]})


def route(kb: KnowledgeBase, question: str) -> Answer:
    """Route ``question`` to its handler and collect the answer."""
    text = " " + normalise(question) + " "
    ans = Answer(question)
    mentions = find_roles_in_text(kb, question)
    ambiguous = [m for m in mentions if len(m[2]) > 1]
    roles: list[RoleRef] = []
    for _, _, readings in mentions:
        if len(readings) == 1 and readings[0] not in roles:
            roles.append(readings[0])
    ans.roles = roles
    ans.extra["ambiguous"] = ambiguous

    for route in ROUTES:
        if route.matches(text, ans, ambiguous):
            if route.needs_roles and not _ready_roles(kb, ans, ambiguous, route.needs_roles, text):
                break
            ans.intent = route.intent
            route.handler(kb, ans, text)
            break
    else:
        _fallback(kb, ans, text, ambiguous)
    return ans


@dataclass(frozen=True)
class Route:
    """An intent: when it applies, how many roles it needs, and what answers it."""

    intent: str
    test: Callable[[str, Answer, list[Any]], bool]
    handler: Callable[[KnowledgeBase, Answer, str], None]
    needs_roles: int = 0

    def matches(self, text: str, ans: Answer, ambiguous: list[Any]) -> bool:
        return self.test(text, ans, ambiguous)


def has(text: str, *phrases: str) -> bool:
    """True when any phrase occurs as whole words in the normalised text."""
    return any(f" {p} " in text for p in phrases)


def has_prefix(text: str, *stems: str) -> bool:
    """True when any word starts with one of the stems."""
    return any(re.search(rf"\s{re.escape(s)}", text) for s in stems)


# --- role handling ------------------------------------------------------------------------------


def _unknown_titles(kb: KnowledgeBase, question: str, known: list[tuple[int, str, list[RoleRef]]]) -> list[str]:
    """Job-title phrases in the question that are not modelled roles (e.g. 'scrum master')."""
    known_spans = [m[1] for m in known]
    unknown = []
    for m in _TITLE.finditer(normalise(question)):
        words = [w for w in m.group(1).split() if w not in _FILLER]
        phrase = " ".join(words)
        if not words or (len(words) == 1 and words[0].rstrip("s") in _GENERIC_HEADS):
            continue
        if any(phrase in k or k in phrase for k in known_spans):
            continue
        try:
            resolve_role(kb, phrase)
        except RoleNotFound:
            unknown.append(phrase)
        except RolegraphError:
            continue
    return unknown


def _ready_roles(kb: KnowledgeBase, ans: Answer, ambiguous: list[Any], needed: int, text: str) -> bool:
    """Make sure ``needed`` roles are known; otherwise explain why not and return False."""
    unknown = _unknown_titles(kb, ans.question, find_roles_in_text(kb, ans.question))
    if unknown:
        ans.intent = "unknown-role"
        for phrase in unknown:
            try:
                resolve_role(kb, phrase)
            except RoleNotFound as err:
                ans.notes.append(
                    f"{phrase.title()!r} is not a modelled role, so the knowledge base cannot answer for it; "
                    f"closest modelled roles: {', '.join(err.suggestions)}."
                )
                gap = _unmodelled_gap(kb, phrase)
                if gap:
                    ans.add(kb, gap[0], gap[1], [gap[2]])
        return False
    comparative = has(text, "two tpm", "both", "each", "they", "them", "reverse", "the two", "two roles", "tpms")
    if ambiguous and len(ans.roles) < needed and not (comparative and not ans.roles):
        ans.intent = "ambiguous-role"
        for _, phrase, readings in ambiguous:
            ans.notes.append(f"{phrase.upper()!r} is ambiguous: it can mean " + " or ".join(r.label for r in readings) + "; say which one.")
        return False
    if len(ans.roles) < needed:
        if not ans.roles and comparative:
            needed = 2
        if needed == 2 and len(ans.roles) <= 1 and (comparative or not ans.roles):
            defaults = [TECH_PM, TECH_PGM]
            if ans.roles and ans.roles[0].iri in defaults:
                defaults.remove(ans.roles[0].iri)
            for iri in defaults[: needed - len(ans.roles)]:
                ans.roles.append(resolve_role(kb, iri))
            if has(text, "reverse"):
                ans.roles.reverse()
            ans.assumptions.append("No roles named: assumed the two TPM roles, " + " and ".join(r.label for r in ans.roles) + ".")
            return True
        if needed == 1 and not ans.roles:
            ans.intent = "missing-role"
            ans.notes.append("The question names no modelled role; name one, e.g. 'Tech PM' or 'Technical Program Manager'.")
            return False
        if needed == 2:
            ans.intent = "missing-role"
            ans.notes.append("This needs two roles; name both, e.g. 'Tech PM' and 'Tech PgM'.")
            return False
    return True


def _unmodelled_gap(kb: KnowledgeBase, phrase: str) -> tuple[str, Cell, str] | None:
    for g in kb.named("gaps").records():
        if g["dimension"] == "naming" and normalise(phrase).rstrip("s") in normalise(str(g["text"])):
            return str(g["text"]), g["basis"], str(g["gap"])
    return None


# --- handlers ------------------------------------------------------------------------------------


def _abbreviation(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    rows = kb.named("abbreviations").records()
    asked = [r for r in rows if has(text, normalise(str(r["short_form"])))] or [r for r in rows if r["short_form"] == "TPM"]
    forms = sorted({str(r["short_form"]) for r in asked})
    for form in forms:
        readings = [r for r in asked if r["short_form"] == form]
        ambiguous = bool(readings[0]["ambiguous"])
        text_ = (f"{form} is ambiguous: it can stand for " if ambiguous else f"{form} stands for ") + " or ".join(
            str(r["role_label"]) for r in readings
        ) + "."
        ans.add(kb, text_, readings[0]["basis"], [str(readings[0]["abbreviation"])])
        if readings[0]["text"]:
            ans.add(kb, str(readings[0]["text"]), readings[0]["basis"], [str(readings[0]["abbreviation"])])
    for role in (TECH_PM, TECH_PGM):
        for f in kb.named("facts", role=role).records():
            if f["dimension"] == "naming" and str(f["fact"]) not in ans.statements:
                ans.add(kb, f"{f['text']} ({f['id']})", f["basis"], [str(f["fact"])])
    ans.tables.append(Table("Readings", ["short form", "role", "ambiguous"], [[r["short_form"], r["role_label"], r["ambiguous"]] for r in asked]))


def _dimensions(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    dims = [d for d in kb.named("dimensions").records() if d["seed_named"]]
    facts = [f for f in kb.named("facts", role=TECH_PM).records() + kb.named("facts", role=TECH_PGM).records()
             if f["basis"] == "seed" and f["dimension"] in ("team", "day-to-day")]
    statements = sorted({str(f["fact"]) for f in facts})
    ans.add(kb, "In the seed's order: " + ", ".join(str(d["label"]) for d in dims) + ".", "seed", statements)
    ans.tables.append(Table("Dimensions named by the seed", ["order", "dimension"], [[d["order"], d["label"]] for d in dims]))
    ans.notes.append("The seed names these four dimensions, but only the focus-areas content could be read; "
                     "team structure, tech skills and day-to-day answers come from outside sources.")


def _ownership(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    concerns = asked_concerns(ans.question) or list(CONCERNS)
    ans.extra["concerns"] = concerns
    table = Table("Who owns " + ", ".join(f"the {c}" for c in concerns), ["concern", "role", "stance", "basis", "sources", "disputed"])
    disputed: list[Cell] = []
    for concern in concerns:
        rows = kb.named("concern-owners", concern=concern).records()
        rows.sort(key=lambda r: (compare.BASIS_ORDER.get(str(r["basis"]), 9), str(r["role_label"])))
        owners = [r for r in rows if r["stance"] == "owns"]
        for r in rows:
            table.rows.append([concern, r["role_label"], r["stance"], r["basis"], kb.source_ids([str(r["link"])]), r["disputed_by"] or ""])
            disputed.append(r["disputed_by"])
        for role in ans.roles:  # a question can carry a false premise ("why does the Tech PgM own the what?")
            mine = [r for r in rows if r["role"] == role.iri]
            if not any(r["stance"] == "owns" for r in mine):
                stance = compare.STANCE.get(str(mine[0]["stance"]), str(mine[0]["stance"])) if mine else "no recorded stance"
                real = ", ".join(sorted({str(r["role_label"]) for r in owners})) or "no modelled role"
                ans.add(kb, f"No: the {role.label} does not own the {concern} ({stance}); it is owned by {real}.",
                        mine[0]["basis"] if mine else "", [str(r["link"]) for r in mine + owners])
        for r in rows:
            verb = compare.STANCE.get(str(r["stance"]), str(r["stance"]))
            dispute = f" (disputed: {r['disputed_by']})" if r["disputed_by"] else ""
            ans.add(kb, f"The {r['role_label']} {verb} the {concern}.{dispute}", r["basis"], [str(r["link"])])
    ans.tables.append(table)
    if {"what", "why"} & set(concerns):
        fact = _fact(kb, TECH_PM, "TPM-F1")
        if fact:
            ans.add(kb, f"{fact['text']} ({fact['id']})", fact["basis"], [str(fact["fact"])])
    ans.notes += compare.disagreement_notes(kb, disputed)


def _fact(kb: KnowledgeBase, role: str, fact_id: str) -> dict[str, Cell] | None:
    return next((f for f in kb.named("facts", role=role).records() if f["id"] == fact_id), None)


def _skill_item(ans: Answer, kb: KnowledgeBase, text: str, row: dict[str, Cell]) -> None:
    """One answer item from a skill-pair row, sourced by both roles' links."""
    ans.add(kb, text, compare.bases([row["basis_a"], row["basis_b"]]), [str(x) for x in (row["link_a"], row["link_b"]) if x])


def _separate(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    a, b = ans.roles[0], ans.roles[1]
    differences = compare.skill_differences(kb, a.iri, b.iri, compare.SEPARATE_THRESHOLD)
    result = compare.separate_rows(kb, a.iri, b.iri, differences, compare.SEPARATE_THRESHOLD)
    ans.tables += result.tables
    ans.notes += result.notes
    rows = [r for r in differences if r["favours"] == "a"]
    for r in rows:
        _skill_item(ans, kb, f"{r['label']}: {a.label} {r['importance_a']} vs {b.label} {r['importance_b']}", r)
    if not rows:
        ans.notes.append(f"No skill is rated much higher for {a.label} than for {b.label}.")


def _shared(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    a, b = ans.roles[0], ans.roles[1]
    pa, pb = compare.profiles(kb, a.iri, b.iri)
    rows = compare.shared_skills(kb, a.iri, b.iri, compare.SHARED_MIN_IMPORTANCE)
    result = compare.shared_rows(kb, pa, pb, rows, compare.SHARED_MIN_IMPORTANCE)
    ans.tables += result.tables
    ans.notes += result.notes
    for r in rows:
        _skill_item(ans, kb, f"{r['label']} ({r['category']}): {a.label} {r['importance_a']}, {b.label} {r['importance_b']}", r)
    ic = compare.individual_contributor(pa) + compare.individual_contributor(pb)
    for table in result.tables[1:]:
        for trait, basis, _sources in table.rows:
            ans.add(kb, str(trait), basis, [str(link["link"]) for link in ic])


def _dimension_compare(dimension: str) -> Callable[[KnowledgeBase, Answer, str], None]:
    def handler(kb: KnowledgeBase, ans: Answer, text: str) -> None:
        only_teams = dimension == "team" and has_prefix(text, "coordinat", "how many team", "span", "cover")
        found = compare.profiles(kb, *(r.iri for r in ans.roles))
        for role, prof in zip(ans.roles, found, strict=True):
            for link in prof.links:
                if only_teams and link["relation"] != "coordinates":
                    continue
                if link["dimension"] == dimension:
                    item, value = compare.item_and_value(link)
                    shown = item if value in ("yes",) else f"{item}: {value}"
                    dispute = f" (disputed: {link['disputed_by']})" if link["disputed_by"] else ""
                    ans.add(kb, f"{role.label} — {shown}{dispute}", link["basis"], [str(link["link"])])
        if len(found) == 2:
            result = compare.compare_profiles(kb, found[0], found[1], [dimension])
        else:
            result = compare.compare_profiles(kb, found[0], found[0], [dimension])
            for t in result.tables:
                t.columns, t.rows = [t.columns[0], *t.columns[2:]], [[r[0], *r[2:]] for r in t.rows]
        ans.tables += result.tables
        ans.notes += [n for t in result.tables for n in t.notes]
        ans.notes += [n for n in result.notes if n.startswith("Sources disagree")]
        if _seed_claimed(text):
            ans.notes.insert(0, "The seed article names this dimension but its content could not be read, so nothing here is "
                                "'according to the seed'; the items are from outside sources as marked.")
    return handler


def _seed_claimed(text: str) -> bool:
    return has(text, "seed", "the article", "according to the article", "kalmykov")


def _transitions(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    target = ans.roles[-1]
    if len(ans.roles) >= 2 and has(text, "from"):
        from rolegraph import graph  # networkx: only for routes and neighbours

        result = graph.path(kb, ans.roles[0].iri, target.iri)
        ans.tables += result.tables
        ans.notes += result.notes
        for row in result.tables[0].rows:
            ans.add(kb, f"Step {row[0]}: {row[1]} → {row[2]} ({row[3]})", row[4], [])
            ans.items[-1]["sources"] = [s for s in str(row[5]).split(", ") if s]
        return
    moves = [t for t in kb.named("transitions").records() if t["to_role"] == target.iri]
    moves.sort(key=lambda t: (-int(str(t["prevalence"])), compare.BASIS_ORDER.get(str(t["basis"]), 9)))
    seed_only = _seed_claimed(text)
    for t in moves:
        if seed_only and t["basis"] == "external":
            continue
        ans.add(kb, f"From {t['from_label']} (how common: {t['prevalence']}/3)", t["basis"], [str(t["link"])])
    for f in kb.named("facts", role=target.iri).records():
        if f["dimension"] == "background" and f["disputed_by"] and f["basis"] == "external":
            ans.notes.append(f"Outside counterpoint ({f['id']}, not the seed's answer): {f['text']}")
            ans.notes += compare.disagreement_notes(kb, [f["disputed_by"]])
    ans.tables.append(Table(f"Ways into {target.label}", ["from", "how common", "basis", "sources"], [
        [t["from_label"], f"{t['prevalence']}/3", t["basis"], kb.source_ids([str(t["link"])])] for t in moves
    ]))
    if not moves:
        ans.notes.append(f"The knowledge base records no transition into {target.label}.")


def _hiring(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    roles = ans.roles or [resolve_role(kb, TECH_PM)]
    if not ans.roles:
        ans.assumptions.append("No role named: the seed's hiring list is about the Technical Product Manager.")
    table = Table("Who hires", ["role", "domain", "companies", "basis", "sources"])
    for role in roles:
        links = compare.profile(kb, role.iri).of_kind("hiring")
        by_domain: dict[str, list[dict[str, Cell]]] = {}
        for link in links:
            by_domain.setdefault(str(link["domain"] or "(no domain given)"), []).append(link)
        for domain in sorted(by_domain, key=lambda d: (d.startswith("("), d)):
            group = sorted(by_domain[domain], key=lambda x: str(x["target_label"]))
            statements = [str(x["link"]) for x in group]
            companies = ", ".join(str(x["target_label"]) for x in group)
            basis = compare.bases(x["basis"] for x in group)
            table.rows.append([role.label, domain, companies, basis, kb.source_ids(statements)])
            ans.add(kb, f"{role.label} — {domain}: {companies}", basis, statements)
    ans.tables.append(table)


def _define(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    infos = {str(r["role"]): r for r in kb.named("roles").records()}
    for role in ans.roles:
        info = infos[role.iri]
        ans.add(kb, f"{role.label}: {info['definition']}", _role_basis(kb, role.iri), [role.iri])
        if info["kind_of"]:
            ans.add(kb, f"A {role.label} is a kind of {info['kind_of']}.", _role_basis(kb, role.iri), [role.iri])
        prof = compare.profile(kb, role.iri)
        for link in prof.of_kind("ownership"):
            if link["stance"] == "owns":
                ans.add(kb, f"Owns the {link['target_label']}.", link["basis"], [str(link["link"])])
        for link in prof.of_kind("focus")[:4]:
            ans.add(kb, f"Focus: {link['target_label']}.", link["basis"], [str(link["link"])])
        if has(text, "do", "does"):
            for link in prof.of_kind("activity")[:5]:
                ans.add(kb, f"Day to day: {link['target_label']}.", link["basis"], [str(link["link"])])
        ans.tables.append(compare.show(kb, role.iri).tables[0])


def _role_basis(kb: KnowledgeBase, iri: str) -> str:
    links = compare.profile(kb, iri).of_kind("ownership", "focus")
    return compare.bases(link["basis"] for link in links).split(", ")[0] if links else "external"


def _skills_of(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    for role in ans.roles:
        rows = kb.named("skill-profile", role=role.iri).records()[:10]
        for r in rows:
            ans.add(kb, f"{role.label} — {r['label']} ({r['category']}): importance {r['importance']}", r["basis"], [str(r["link"])])
        ans.tables.append(Table(f"Top skills of {role.label}", ["skill", "category", "importance", "basis", "sources"], [
            [r["label"], r["category"], r["importance"], r["basis"], kb.source_ids([str(r["link"])])] for r in rows
        ]))
    ans.notes += compare.skill_gap_notes(kb, {r.iri for r in ans.roles})


def _neighbours(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    from rolegraph import graph  # networkx: only for routes and neighbours

    result = graph.neighbours(kb, ans.roles[0].iri)
    ans.tables += result.tables
    ans.notes += result.notes
    for row in result.tables[0].rows[:4]:
        ans.add(kb, f"{row[0]} (similarity {row[1]}; shares {row[2]})", "derived", [])
    ans.statements += [str(s) for s in result.meta["subjects"]]  # the skill links the similarities come from
    ans.extra["derived"] = "Similarity is computed from the sourced skill profiles; see `rolegraph separate` for the sources."


def _gap_topic(dimension: str, label: str) -> Callable[[KnowledgeBase, Answer, str], None]:
    def handler(kb: KnowledgeBase, ans: Answer, text: str) -> None:
        roles = ans.roles or _readings(ans) or [resolve_role(kb, TECH_PM), resolve_role(kb, TECH_PGM)]
        for role in roles:
            for f in kb.named("facts", role=role.iri).records():
                if f["dimension"] == dimension:
                    ans.add(kb, f"{role.label}: {f['text']} ({f['id']})", f["basis"], [str(f["fact"])])
        gaps = [g for g in kb.named("gaps").records() if g["dimension"] == dimension and g["role"] in {r.iri for r in roles}]
        for g in gaps:
            ans.notes.append(f"The seed has no data on {label} for {g['role_label']}: {g['text']}")
        if not ans.items:
            ans.notes.append(f"The knowledge base has no facts on {label} for these roles; nothing is inferred.")
    return handler


def _readings(ans: Answer) -> list[RoleRef]:
    """Every reading of the ambiguous short forms in the question."""
    return list(dict.fromkeys(r for _, _, readings in ans.extra.get("ambiguous", []) for r in readings))


def _certifications(kb: KnowledgeBase, ans: Answer, text: str) -> None:
    gaps = [g for g in kb.named("gaps").records() if "certif" in str(g["text"]).lower()]
    for g in gaps:
        ans.notes.append(f"The seed has no data for that: {g['text']}")
    if not gaps:
        ans.notes.append("The knowledge base has no data on certifications; nothing is inferred.")


def _fallback(kb: KnowledgeBase, ans: Answer, text: str, ambiguous: list[Any]) -> None:
    if _ready_roles(kb, ans, ambiguous, 1, text) and ans.roles:
        ans.intent = "definition"
        _define(kb, ans, text)
        return
    if ans.intent in ("unknown", "missing-role"):
        ans.intent = "unanswerable"
        ans.notes = [n for n in ans.notes if "names no modelled role" not in n]
        ans.notes.append("The question does not match anything the knowledge base holds. It can answer: who owns the what/why/how/"
                         "who/when, which skills separate or are shared, team structure, day-to-day work, deliverables and metrics, "
                         "career transitions, hiring companies and domains, definitions and abbreviations, neighbouring roles.")


# --- routing table (first match wins) --------------------------------------------------------------

ROUTES: list[Route] = [
    Route("abbreviation", lambda t, a, amb: (has(t, "mean", "means", "stand", "stands", "abbreviation", "acronym", "short for")
                                              and (bool(amb) or has(t, "tpm", "pm", "pgm", "em")))
          or (bool(amb) and not a.roles and has(t, "what is", "what s", "who is") and len(t.split()) <= 5), _abbreviation),
    Route("dimensions", lambda t, a, amb: has_prefix(t, "dimension"), _dimensions),
    Route("certifications", lambda t, a, amb: has_prefix(t, "certif", "pmp"), _certifications),
    Route("separate", lambda t, a, amb: (has_prefix(t, "separat", "differ", "distinguish", "set apart", "more than", "reverse")
                                         and has_prefix(t, "skill", "reverse")), _separate, 2),
    Route("shared", lambda t, a, amb: has_prefix(t, "share", "overlap", "both need", "in common", "common core", "common skills",
                                                 "have in common"), _shared, 2),
    Route("ownership", lambda t, a, amb: (has(t, "own", "owns", "owner", "responsible", "accountable", "in charge")
                                          or any(f'"{c}"' in a.question.lower() or f"“{c}”" in a.question.lower() for c in CONCERNS)),
          _ownership),
    Route("team", lambda t, a, amb: has_prefix(t, "team", "report", "direct report", "coordinat", "individual contributor", "manage people"),
          _dimension_compare("team"), 1),
    Route("day-to-day", lambda t, a, amb: has(t, "day to day", "daily", "typical day", "day", "routine", "all day"),
          _dimension_compare("day-to-day"), 1),
    Route("metrics", lambda t, a, amb: has_prefix(t, "metric", "measured", "success", "kpi", "blame", "judged"),
          _dimension_compare("metrics"), 1),
    Route("deliverables", lambda t, a, amb: has_prefix(t, "deliverable", "produce", "output", "prd", "artifact", "artefact", "write"),
          _dimension_compare("deliverables"), 1),
    Route("hiring", lambda t, a, amb: has_prefix(t, "domain", "compan", "hire", "hiring", "employer", "industr"), _hiring),
    Route("pay", lambda t, a, amb: has_prefix(t, "pay", "salar", "earn", "compensation", "paid"), _gap_topic("pay", "pay")),
    Route("transitions", lambda t, a, amb: has_prefix(t, "become", "transition", "move into", "switch", "get into", "way into",
                                                      "path", "route", "career", "background", "come from"), _transitions, 1),
    Route("neighbours", lambda t, a, amb: has_prefix(t, "similar", "neighbo", "closest", "related role", "nearest"), _neighbours, 1),
    Route("skills", lambda t, a, amb: has_prefix(t, "skill"), _skills_of, 1),
    Route("definition", lambda t, a, amb: has(t, "what is", "what s", "who is", "define", "definition", "what does", "explain"), _define, 1),
]


def result(kb: KnowledgeBase, ans: Answer, meta: dict[str, Any]) -> Result:
    items_table = Table("Answer", ["answer", "basis", "sources"], [
        [i["text"], i["basis"], ", ".join(i["sources"])] for i in ans.items
    ])
    ambiguous = ans.extra.pop("ambiguous", [])
    if ambiguous and ans.intent not in ("abbreviation", "ambiguous-role"):
        for _, phrase, readings in ambiguous:
            ans.notes.append(f"{phrase.upper()!r} is ambiguous ({' or '.join(r.label for r in readings)}); it was not used to pick a role.")
    interpretation = {
        "intent": ans.intent,
        "roles": [{"iri": r.iri, "label": r.label} for r in ans.roles],
        "ambiguous": [{"text": phrase, "readings": [r.label for r in readings]} for _, phrase, readings in ambiguous],
        "assumptions": ans.assumptions,
        **ans.extra,
    }
    kinds = [set(str(i["basis"]).split(", ")) for i in ans.items]  # an item's basis may list several ("seed, external")
    seeds = sum(1 for k in kinds if k & {"seed", "seed-article"})
    external = sum(1 for k in kinds if k == {"external"})
    derived = len(kinds) - seeds - external
    summary = []
    if ans.items:
        summary.append(f"{seeds} item(s) backed by the seed material, {external} from outside sources only"
                       + (f", {derived} computed from the graph." if derived else "."))
    seen_notes = list(dict.fromkeys(ans.assumptions + summary + ans.notes))
    return kb.attribute(Result(
        f"Q: {ans.question}",
        [items_table, *ans.tables],
        sources=kb.source_refs(s for st in ans.statements for s in kb.sources_of(st)),
        notes=seen_notes,
        kind="ask",
        meta={
            "question": ans.question,
            **meta,
            "interpretation": interpretation,
            "answer": ans.items,
            "subjects": sorted(set(ans.statements)),
        },
    ))
