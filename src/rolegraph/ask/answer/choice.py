"""The which-one and rank forms: the role that fits, or an order, by a skill measure, a move or the texts found."""

from __future__ import annotations

import re
from collections.abc import Callable

from rolegraph.ask.answer.base import (
    COUNTER_VIEW,
    FUNCTION_WORDS,
    Answer,
    expanded_terms,
    hit_text,
    is_negative,
    join_names,
    stems_of,
    synonyms_of,
    tx_words,
    without_roles,
)
from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.ask.retrieve import Hit, index
from rolegraph.ask.text import word_set
from rolegraph.compare import Profile
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell


def _skill_asked(kb: KnowledgeBase, plan: Plan) -> list[str]:
    """The skills the question names, or the one whose texts match its words best."""
    if plan.skills:
        return plan.skills
    words = plan.topic or plan.terms
    hits = index(kb).search(words, kinds=("skill",), limit=3) if words else []
    widened = index(kb).search([(w, *synonyms_of([w])) for w in words], kinds=("skill",), limit=3) if words else []
    if widened and widened[0].matched > max((h.matched for h in hits), default=0):
        hits = widened  # "talks to the execs": executive communication matches both words through their synonyms
    best = [h for h in hits if h.matched >= max(1, len(words) // 2)]
    return [best[0].label] if best else []


#: Mean importances closer than this are about the same (a comparison says so rather than pick one).
SAME_IMPORTANCE = 0.25


def importance(kb: KnowledgeBase, role: str, skills: list[str]) -> tuple[float, list[dict[str, Cell]]]:
    rows = [r for r in kb.named("skill-profile", role=role).records() if r["label"] in skills or r["category"] in skills]
    total = sum(int(str(r["importance"])) for r in rows)
    return (total / len(rows) if rows else 0.0), rows


def measure_asked(kb: KnowledgeBase, plan: Plan) -> tuple[str, list[str]]:
    """What to rank or choose by: a skill category the question names ('more technical'), else skills."""
    from rolegraph.ask.text import find_phrase, phrase_stems, stem, vocabulary

    named = {stem(w) for skill in plan.skills for w in skill.split()}  # "technical trade-offs" names a skill, not a category
    stems = [stem(w) for w in plan.terms]
    categories = vocabulary().get("categories", {})
    said = [stem(w) for w in tx_words(without_roles(kb, plan.question))]  # "apart from": with its function words
    for category, cues in vocabulary().get("category_complements", {}).items():  # "non technical skills": every other one
        if any(find_phrase(said, phrase_stems(c)) >= 0 for c in cues):
            return f"non-{category} skills", [c for c in categories if c != category]
    for category, cues in categories.items():
        if any(_said_as(plan.terms, stems, c) and not set(phrase_stems(c)) <= named for c in cues):  # "stakeholder
            # management": a phrase of the terms
            return f"{category} skills", [category]
    skills = _skill_asked(kb, plan)
    return ", ".join(skills), skills


def _said_as(terms: list[str], stems: list[str], cue: str) -> bool:
    """Whether the terms have the cue phrase, each word as typed or a longer form of it ('technically' for 'technical'),
    not only a word of the same stem ('executives' is no 'execution')."""
    from rolegraph.ask.text import find_phrase, phrase_stems

    at = find_phrase(stems, phrase_stems(cue))
    return at >= 0 and all(t.startswith(w) or w.startswith(t) for t, w in zip(terms[at:], cue.split(), strict=False))


def _rank(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """An order: the roles named (every role when none is) by a skill or category, or one role's skills by importance."""
    from rolegraph.ask.text import vocabulary
    from rolegraph.resolve import find_roles_in_text

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
        ans.abstained = False  # the role's ratings decide, whatever the texts found
        return
    if len(roles) >= 2 and not plan.skills and _by_count(kb, plan, ans, rank=True):
        return  # "who spans more teams, a or b, ranked": by the counted rows of the measure named
    name, measure = measure_asked(kb, plan)
    if len(roles) == 1 and measure and set(measure) <= set(vocabulary().get("categories", {})):  # "which technical skills …"
        rows = [r for r in kb.named("skill-profile", role=roles[0].iri).records() if r["category"] in measure]
        rows.sort(key=lambda r: -int(str(r["importance"])))
        for r in rows:
            ans.add(kb, f"{r['label']}: importance {r['importance']} for the {roles[0].label}", [str(r["link"])])
        if rows:
            ans.lead = f"For the {roles[0].label}, its {name} by importance: " + ", ".join(
                f"{r['label']} ({r['importance']})" for r in rows) + "."
        return
    if len(roles) == 1 or not measure:
        return
    if not find_roles_in_text(kb, plan.question):
        roles = []  # the roles were assumed, not named: an order of every role the measure rates
    scored = []
    for role in roles or [PlanRole(str(r["role"]), str(r["label"])) for r in kb.named("roles").records()]:  # none named: every role
        value, rows = importance(kb, role.iri, measure)
        if rows or roles:  # a role no source rates on the measure is left out of an order of every role
            scored.append((value, role, rows))
            ans.add(kb, f"{role.label} — {name}: {value:.3g}", [str(r["link"]) for r in rows])
    if len(scored) < 2:
        return
    scored.sort(key=lambda x: x[0] if _ascending(plan) else -x[0])
    values = [value for value, _, _ in scored]
    if len(set(values)) == 1:  # "rank the two tpms on stakeholder communication": no order to give
        ans.lead = f"Tie on {name}: " + ", ".join(f"{role.label} ({value:.3g})" for value, role, _ in scored) + ", no role ahead."
        return
    ans.lead = f"Ranked by {name}{', lowest first' if _ascending(plan) else ''}: " + ", ".join(
        f"{role.label} ({value:.3g}{', tied' if values.count(value) > 1 else ''})"
                                                  for value, role, _ in scored) + "."


def _ascending(plan: Plan) -> bool:
    """Whether the order asked runs from the lowest up: 'least technical to most' (a word of ``[word_sets].low`` before
    one of ``[word_sets].high``), 'lowest first' (``[word_sets].ascending``)."""
    words = tx_words(plan.question)
    said = f" {' '.join(words)} "
    low = next((i for i, w in enumerate(words) if w in word_set("low")), None)
    high = next((i for i, w in enumerate(words) if w in word_set("high")), None)
    return any(f" {p} " in said for p in word_set("ascending")) or (low is not None and high is not None and low < high)


#: An ownership lead that names who owns a concern ("The Engineering Manager owns the how").
_OWNER_LEAD = re.compile(r"The [A-Z][\w ]+? owns? the (?:what|why|how|who|when)\b")


def _which_one(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """The role that fits: by the handlers' own lead, a skill, the rows found, or the texts of each role."""
    named = ans.lead.startswith(tuple(f"The {r.label}" for r in plan.roles)) and plan.intent != "definition"  # not a card
    named = named or (plan.intent == "ownership" and bool(_OWNER_LEAD.match(ans.lead)))  # "which role owns the how": the
    # owner the matrix records, also when none of the roles assumed is it (the Engineering Manager)
    if len(plan.roles) < 2 or re.match(r"(?:no|yes)\b", ans.lead.lower()) or named:
        return  # a verdict, not "Not directly: …" (a route), nor a text that opens with "The" ("The PM owns a … checklist")
    chosen_by_skill = plan.intent in ("skills", "separate", "compare", "definition", "unknown") or not plan.intents or bool(plan.skills)
    name, measure = measure_asked(kb, plan) if chosen_by_skill else ("", [])
    if measure and _by_measure(kb, _rated_roles(kb, plan, measure), ans, name, measure):
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
    if _by_count(kb, plan, ans) or _by_presence(kb, plan, ans):
        return
    best = _best_row(kb, plan, ans)
    if best:
        ans.lead = f"The {best[0].label}: {best[1].removeprefix(f'{best[0].label} — ')}"
        return
    winner = _which(kb, plan)
    if winner and winner[1].kind == "skill" and _by_measure(kb, plan, ans, winner[1].label, [winner[1].label]):
        return  # a skill's row describes both roles: its importance for each decides
    if winner:
        ans.lead = f"The {winner[0].label}: {hit_text(winner[1])}"
        ans.add(kb, hit_text(winner[1]), [winner[1].statement])


#: Words that open a closed question ('does a Tech PgM … or is that the Tech PM's job').
_AUXILIARIES = word_set("auxiliaries")


def closed_on_first(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """A which-one question that asserts something of the first role before offering the other ('do tpgms decide X,
    or is that the tech pm's job') gets Yes or No on that role before the role that fits; 'does A or B …' stays a
    neutral choice."""
    from rolegraph.resolve import find_roles_in_text, normalise

    words = normalise(plan.question).split()
    mentions = find_roles_in_text(kb, plan.question)
    if not (words and words[0] in _AUXILIARIES and mentions and mentions[0][0] <= 2 and ans.lead.startswith("The ")):
        return
    start, phrase, refs = mentions[0]
    rest = words[start + len(phrase.split()):]
    if "or" in rest and any(s < start + len(phrase.split()) + rest.index("or") for s, _, _ in mentions[1:]):
        return  # "is a tpgm closer to an em or a pm": the first role is the subject, the choices come after it
    said = [w for w in rest[: rest.index("or")] if w not in FUNCTION_WORDS] if "or" in rest else []
    first = next((r for r in plan.roles if any(ref.iri == r.iri for ref in refs)), None)
    if said and first is not None:
        ans.lead = f"{'Yes' if ans.lead.startswith(f'The {first.label}') else 'No'}: {ans.lead[0].lower()}{ans.lead[1:]}"


def _rated_roles(kb: KnowledgeBase, plan: Plan, measure: list[str]) -> Plan:
    """``plan``, or, when its roles were assumed (none named) and none of them is rated on ``measure``, the plan with
    every modelled role that is ('who is in charge of budget and scope for one project': the Project Manager)."""
    from dataclasses import replace

    from rolegraph.resolve import find_roles_in_text

    if find_roles_in_text(kb, plan.question) or any(importance(kb, r.iri, measure)[1] for r in plan.roles):
        return plan
    rated = [PlanRole(str(r["role"]), str(r["label"]), "compared") for r in kb.named("roles").records()]
    rated = [r for r in rated if importance(kb, r.iri, measure)[1]]
    return replace(plan, roles=[*rated, *plan.roles]) if rated else plan


def _by_measure(kb: KnowledgeBase, plan: Plan, ans: Answer, name: str, measure: list[str]) -> bool:
    """Lead with the role that rates the measure highest, or say they are about the same; False when the roles tie on a
    measure the question does not name (the rows found may decide)."""
    scored = sorted(((importance(kb, r.iri, measure)[0], r) for r in plan.roles), key=lambda x: -x[0])
    if scored[0][0] <= scored[1][0] and not (plan.skills and scored[0][0]):  # a tie on a skill named is the answer
        return False
    values = ", ".join(f"{r.label} {v:.3g}" for v, r in scored)
    close = scored[0][0] - scored[1][0] < SAME_IMPORTANCE  # "which one is more technical": 3.11 vs 3.09 picks no one
    ans.lead = f"About the same on {name} ({values})." if close else f"The {scored[0][1].label} ({name}: {values})."
    ans.abstained = False  # the ratings decide, whatever the texts found ("more visionary": no text has the word)
    for v, r in scored:
        ans.add(kb, f"{r.label} — {name}: {v:.3g}", [str(x["link"]) for x in importance(kb, r.iri, measure)[1]])
    return True


#: Words that ask which role has more (1) or fewer (-1) of a counted thing ('works across more teams').
_MORE = {**dict.fromkeys(word_set("more"), 1), **dict.fromkeys(word_set("fewer"), -1)}

#: Words that ask for many of a counted thing ('a multi team migration'): the choice goes to who has more.
_SEVERAL = word_set("several")

#: A counted row: 'Role — teams coordinated: 3+ …' ('N' is several, no number given: at least 2).
_COUNTED = re.compile(r"^(?P<role>[^—]+?) — (?P<what>[^:—]+): (?P<value>\d+\+?|N)(?!\w)")


def _by_count(kb: KnowledgeBase, plan: Plan, ans: Answer, rank: bool = False) -> bool:
    """'Which one works across more teams': the role whose counted rows (mainstream views) of the measure the question
    names are highest, or lowest for 'fewer'; with ``rank``, the roles in that order (most first unless 'fewer' is
    asked). False when no comparative (or order) is asked, a role has no count, or they tie."""
    from rolegraph.resolve import normalise

    said = normalise(plan.question).split()
    many = set(said) & _SEVERAL or any(w.isdigit() and int(w) > 1 for w in said)  # "across 6 teams": many of them
    sign = next((_MORE[w] for w in said if w in _MORE), (-1 if _ascending(plan) else 1) if rank or many else 0)
    counts: dict[str, dict[str, list[str]]] = {}  # measure -> role -> values
    for item in ans.items:
        m = _COUNTED.match(item["text"])
        if m and not COUNTER_VIEW.search(item["text"]) and any(r.label == m["role"] for r in plan.roles):
            counts.setdefault(m["what"], {}).setdefault(m["role"], []).append(m["value"])
    asked = stems_of(plan.question)
    named = [what for what in counts if asked & stems_of(what) and len(counts[what]) == len(plan.roles)]
    if not sign or len(named) != 1:
        return False
    what, values = named[0], counts[named[0]]
    pick = max if sign > 0 else min
    score = {role: pick(2 if v == "N" else int(v.rstrip("+")) for v in vs) for role, vs in values.items()}
    ranked = sorted(score, key=lambda role: -sign * score[role])
    if score[ranked[0]] == score[ranked[1]]:
        return False
    if rank:
        ans.lead = f"Ranked by {what}{', lowest first' if sign < 0 else ''}: " + ", ".join(
            f"{role} ({', '.join(values[role])})" for role in ranked) + "."
        return True
    ans.lead = f"The {ranked[0]} ({what}: " + "; ".join(f"{role} {', '.join(values[role])}" for role in ranked) + ")."
    return True


#: Team relations whose recorded count says whether a role has any (direct reports: 0 for an individual contributor).
_COUNTED_RELATIONS = ("direct-reports", "coordinates")


def _by_presence(kb: KnowledgeBase, plan: Plan, ans: Answer) -> bool:
    """'Who has reports', 'which of these manages people': the roles whose recorded count of the team relation asked is
    above zero, when some have none; when none of the roles in question has any and they were assumed, not named, the
    modelled roles that have. False when no counted relation is asked or every role in question has some."""
    from rolegraph.ask.answer.dimensions import asked_relations
    from rolegraph.compare import count_text, role_labels, team_profiles
    from rolegraph.resolve import find_roles_in_text

    relations = asked_relations(plan, "team") if "team" in plan.intents else []  # "1:1s and performance reviews": metrics too
    if not relations or relations[0] not in _COUNTED_RELATIONS:
        return False
    relation, said = relations[0], relations[0].replace("-", " ")
    counts = _relation_counts(team_profiles(kb, *(r.iri for r in plan.roles)), relation)
    if len(counts) != len(plan.roles):
        return False
    having = [r for r in plan.roles if _above_zero(counts[r.iri])]
    if having and len(having) < len(plan.roles):
        ans.lead = f"{join_names([f'The {having[0].label}', *(f'the {r.label}' for r in having[1:])])} ({said}: " + "; ".join(
            f"{r.label} {', '.join(count_text(x) for x in counts[r.iri])}" for r in [*having, *(r for r in plan.roles if r not in having)]) + ")."
        return True
    if having:
        return False
    neither = f"Neither the {' nor the '.join(r.label for r in plan.roles)} ({said}: 0)"
    labels = role_labels(kb) if not find_roles_in_text(kb, plan.question) else {}  # roles assumed: which modelled roles have any
    others = {iri: links for iri, links in _relation_counts(team_profiles(kb, *sorted(set(labels) - set(counts))), relation).items()
              if _above_zero(links)} if labels else {}
    for iri, links in others.items():
        for link in links:
            ans.add(kb, f"{labels[iri]} — {said}: {count_text(link)}", [str(link["link"])])
    ans.lead = neither + ("; of the modelled roles, " + "; ".join(
        f"the {labels[iri]} has {', '.join(count_text(x) for x in links)} {said}" for iri, links in others.items()) if others else "") + "."
    return True


def _relation_counts(profiles: list[Profile], relation: str) -> dict[str, list[dict[str, Cell]]]:
    """Each role's links of ``relation`` that record a count, by role (roles without one are left out)."""
    found: dict[str, list[dict[str, Cell]]] = {}
    for prof in profiles:
        for link in prof.links:
            if link["relation"] == relation and (link["min_count"] is not None or link["max_count"] is not None):
                found.setdefault(prof.iri, []).append(link)
    return found


def _above_zero(links: list[dict[str, Cell]]) -> bool:
    """Whether any of a role's counted links records more than none."""
    return any(int(str(x["max_count"] if x["max_count"] is not None else x["min_count"])) > 0 for x in links)


def _best_row(kb: KnowledgeBase, plan: Plan, ans: Answer) -> tuple[PlanRole, str] | None:
    """The handlers' row that best matches the question and says yes, when it belongs to one role only: most words
    asked, then most of them in the item itself (not its reason), then the mainstream view over a counter-view."""
    asked = plan.topic or plan.terms
    wanted = stems_of(" ".join([*asked, *synonyms_of(asked)]))  # "half the features missing": an incomplete launch
    if not wanted:
        return None
    matches: list[tuple[tuple[int, int, bool], PlanRole, str]] = []
    for item in ans.items:
        owner = next((r for r in plan.roles if item["text"].startswith(r.label)), None)
        if owner is None or is_negative(item["text"]):
            continue
        shown = item["text"].split(" — ")
        in_item = len(wanted & stems_of(without_roles(kb, shown[1]))) if len(shown) > 1 else 0
        key = (len(wanted & stems_of(without_roles(kb, item["text"]))), in_item, not COUNTER_VIEW.search(item["text"]))
        matches.append((key, owner, item["text"]))
    if not matches:
        return None
    top = max(m[0] for m in matches)
    winners = {m[1].iri for m in matches if m[0] == top}
    if top[0] < max(1, len(stems_of(" ".join(asked))) // 2) or len(winners) != 1:  # half the words asked, synonyms aside
        return None
    _, owner, text = next(m for m in matches if m[0] == top)
    return owner, text


def _which(kb: KnowledgeBase, plan: Plan) -> tuple[PlanRole, Hit] | None:
    """The role whose own texts match the question best."""
    idx = index(kb)
    best: tuple[int, float, PlanRole, Hit] | None = None
    terms = expanded_terms(plan)
    for role in plan.roles:
        hits = [h for h in idx.search(terms, roles=[role.iri], limit=4) if role.iri in h.roles and len(h.roles) == 1]
        hits = [h for h in hits if not is_negative(h.text)]
        if hits and (best is None or (hits[0].matched, -hits[0].score) > best[:2]):
            best = (hits[0].matched, -hits[0].score, role, hits[0])
    return (best[2], best[3]) if best else None


#: This module's form deciders, by answer form.
DECIDERS: dict[str, Callable[[KnowledgeBase, Plan, Answer, list[Hit]], None]] = {
    "which-one": _which_one,
    "rank": _rank,
}
