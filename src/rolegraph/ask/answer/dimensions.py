"""Dimension handlers (team, day-to-day, metrics, deliverables), narrowed to the slice asked, and the seed's dimensions."""

from __future__ import annotations

import re
from collections.abc import Callable

from rolegraph import compare
from rolegraph.ask.answer.base import Answer, expanded_terms, role_facts
from rolegraph.ask.plan import TECH_PGM, TECH_PM, Plan
from rolegraph.ask.text import word_set
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell, Table


def _dimensions(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    dims = [d for d in kb.named("dimensions").records() if d["seed_named"]]
    facts = [f for f in role_facts(kb, [TECH_PM, TECH_PGM]) if f["basis"] == "seed" and f["dimension"] in ("team", "day-to-day")]
    order = ", ".join(str(d["label"]) for d in dims)
    ans.add(kb, f"In the seed's order: {order}.", sorted({str(f["fact"]) for f in facts}))
    ans.lead = f"The seed names {len(dims)} dimensions, in this order: {order}."
    ans.tables.append(Table("Dimensions named by the seed", ["order", "dimension"], [[d["order"], d["label"]] for d in dims]))
    ans.notes.append("The seed names these four dimensions, but only the focus-areas content could be read; "
                     "team structure, tech skills and day-to-day answers come from outside sources.")


def _dimension(dimension: str) -> Callable[[KnowledgeBase, Plan, Answer], None]:
    def handler(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
        roles = plan.roles
        relations = asked_relations(plan, dimension)
        found = compare.profiles(kb, *(r.iri for r in roles))
        focus = [] if relations else _focus_terms(plan, dimension)
        per_role: dict[str, list[str]] = {}
        shown_items: set[str] = set()
        for role, prof in zip(roles, found, strict=True):
            for link in prof.links:
                if link["dimension"] != dimension or (relations and link["relation"] not in relations):
                    continue
                if focus and not _mentions(link, focus) and any(_mentions(x, focus) for x in prof.links if x["dimension"] == dimension):
                    continue
                item, value = compare.item_and_value(link)
                if value == "yes" and link["relation"] == "coordinates":
                    value = "N (several, no number given)"
                shown = item if value == "yes" else f"{item}: {value}"
                dispute = f" (disputed: {link['disputed_by']})" if link["disputed_by"] else ""
                reason = f" — {link['reason']}" if link["reason"] and (focus or relations or plan.form in ("yes-no", "explain")) else ""
                text = f"{role.label} — {shown}{dispute}{reason}"
                ans.add(kb, text, [str(link["link"])])
                shown_items.add(item)
                if any(i["text"] == text for i in ans.items):  # not a row kept apart as outside a seed-scoped answer
                    per_role.setdefault(role.label, []).append(shown + dispute)
        result = compare.compare_profiles(kb, found[0], found[1] if len(found) > 1 else found[0], [dimension])
        for t in result.tables:
            if relations:  # the relations asked ("who reports to …"), not the whole dimension
                t.rows = [r for r in t.rows if str(r[0]) in shown_items] or t.rows
            elif focus:  # the slice asked, not the whole dimension
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
                                "'according to the seed'.")
        if per_role:
            ans.lead = "; ".join(f"{label}: {', '.join(v[:4])}" for label, v in per_role.items()) + "."
    return handler


#: Words that make a count one of people, not of teams.
_PEOPLE = word_set("people")


def _extra_roles_table(kb: KnowledgeBase, profiles: list[compare.Profile], dimension: str) -> Table:
    table = Table(f"{dimension}: more roles", ["role", "item", "value", "basis", "sources"])
    labels = compare.role_labels(kb)
    for prof in profiles:
        for link in prof.links:
            if link["dimension"] == dimension:
                item, value = compare.item_and_value(link)
                table.rows.append([labels.get(str(link["role"]), ""), item, value, link["basis"], kb.source_ids([str(link["link"])])])
    return table


_ARTICLES = word_set("articles")


def asked_relations(plan: Plan, dimension: str) -> list[str]:
    """The relations of a dimension the question asks about ('how many people report to …' → direct-reports), from the
    phrases of ``[slices.DIMENSION]`` in cues.toml; a phrase inside a longer one of another relation does not count
    ('report to' inside 'report to a'). A count of teams asks about the teams coordinated. Empty when none is named; the
    relation most words name first ('manage engineers … their boss': direct reports before reports-to)."""
    from rolegraph.ask.parse.vocabulary import cues, loose_positions
    from rolegraph.ask.text import find_phrase, phrase_stems, stems, vocabulary, words

    said = stems(words(plan.question))
    kept_at = [i for i, s in enumerate(said) if s not in _ARTICLES]  # "manage the engineers" is "manage engineers"
    around_at = loose_positions(cues(), plan.reading) if len(plan.reading) == len(said) else []  # "who does an em manage": no role name
    bare, around = [said[i] for i in kept_at], [plan.reading[i] for i in around_at]
    found: list[tuple[str, int, int]] = []
    for relation, phrases in vocabulary().get("slices", {}).get(dimension, {}).items():
        for p in map(phrase_stems, phrases):
            at = find_phrase(said, p) if p else -1
            if at >= 0:
                found.append((relation, at, at + len(p)))
            elif p and (at := find_phrase(bare, p)) >= 0:
                found.append((relation, kept_at[at], kept_at[at + len(p) - 1] + 1))
            elif p and (at := find_phrase(around, p)) >= 0:
                found.append((relation, around_at[at], around_at[at + len(p) - 1] + 1))
    kept = [(r, b - a) for r, a, b in found if not any(r2 != r and a2 <= a and b <= b2 and b2 - a2 > b - a for r2, a2, b2 in found)]
    if not kept and dimension == "team" and plan.form == "count" and not _PEOPLE & set(plan.terms):
        kept = [("coordinates", 1)]  # "how many teams …"; "how many people report to …" counts people
    score = {r: sum(n for r2, n in kept if r2 == r) for r, _ in kept}
    return sorted(score, key=lambda r: (-score[r], r))


def _focus_terms(plan: Plan, dimension: str) -> list[str]:
    """Words that narrow a dimension answer to the slice asked ('reporting line', 'late launch')."""
    from rolegraph.ask.text import focus_stems, stem

    wanted = [t for t in expanded_terms(plan) if stem(t).startswith(focus_stems(dimension))]
    return [stem(w) for w in wanted]


def _mentions(link: dict[str, Cell], stems: list[str]) -> bool:
    from rolegraph.ask.text import stem

    words = {stem(w) for w in re.split(r"\W+", f"{link['target_label']} {link['relation'] or ''} {link['reason'] or ''}".lower()) if w}
    return any(s in words or (len(s) >= 5 and any(w.startswith(s) for w in words)) for s in stems)


#: This module's handlers, by intent.
HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {
    "dimensions": _dimensions,
    "team": _dimension('team'),
    "day-to-day": _dimension('day-to-day'),
    "metrics": _dimension('metrics'),
    "deliverables": _dimension('deliverables'),
}
