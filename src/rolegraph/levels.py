"""Seniority levels: each role's ladder, a side-by-side of two roles (or two levels) at a level.

A level is a band of one shared scale (entry, mid, senior, staff/principal, director); a role
at a level is its own node with qualified links (``ladder`` and ``level-titles`` queries).
Every function takes role IRIs (see :mod:`rolegraph.resolve`) and returns a
:class:`~rolegraph.results.Result`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rolegraph.basis import basis_notes, derived_reasons, low_only, low_only_note
from rolegraph.compare import bases, disagreement_notes, role_labels
from rolegraph.errors import RolegraphError
from rolegraph.gaps import gap_notes, gaps_about
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import normalise
from rolegraph.results import Cell, Result, Table

LEVEL_CAVEAT = ("Levels are bands of one shared scale; companies' ladders are placed on it by scope, not by title, "
                "and the same title can mean different levels at different companies (D20).")


@dataclass(frozen=True)
class Level:
    """A seniority band: its IRI, code (``senior``), label and position on the scale."""

    iri: str
    notation: str
    label: str
    order: int


def all_levels(kb: KnowledgeBase) -> list[Level]:
    """The shared seniority bands, lowest first."""
    return [Level(str(r["iri"]), str(r["notation"]), str(r["label"]), int(str(r["level_order"])))
            for r in ({**r, "iri": r["level"]} for r in kb.named("levels").records())]


def resolve_level(kb: KnowledgeBase, name: str) -> Level:
    """A level by its code, label or another name ('junior', 'principal', 'staff'), case-insensitive."""
    wanted = normalise(name)
    for r in kb.named("levels").records():
        names = {str(r["notation"]), str(r["label"]), *str(r["names"] or "").split("|")}
        if wanted in {normalise(n) for n in names if n}:
            return Level(str(r["level"]), str(r["notation"]), str(r["label"]), int(str(r["level_order"])))
    known = ", ".join(level.notation for level in all_levels(kb))
    raise RolegraphError(f"{name!r} is not a seniority level", f"choose from: {known} (junior and principal also work)")


def ladder_rows(kb: KnowledgeBase, role: str) -> dict[str, list[dict[str, Cell]]]:
    """The role's ladder links by level code; an empty dict when no ladder is recorded."""
    by_level: dict[str, list[dict[str, Cell]]] = defaultdict(list)
    label = role_labels(kb, role).get(role, role)
    for r in kb.named("ladder", role=role).records():
        by_level[str(r["level"])].append({**r, "role_label": label})
    return dict(by_level)


def _require_ladder(kb: KnowledgeBase, role: str) -> dict[str, list[dict[str, Cell]]]:
    rows = ladder_rows(kb, role)
    if not rows:
        roles = [str(r["role"]) for r in kb.select(
            "PREFIX rg: <https://w3id.org/rolegraph/ns#> SELECT DISTINCT ?role WHERE { ?x rg:levelOf ?role }").records()]
        labels = role_labels(kb, role, *roles)
        with_ladder = sorted({labels[r] for r in roles})
        raise RolegraphError(f"no seniority ladder is recorded for {labels.get(role, role)}",
                             "ladders exist for: " + (", ".join(with_ladder) or "no role"))
    return rows


def _row(kb: KnowledgeBase, link: dict[str, Cell]) -> list[Cell]:
    return [link["aspect_label"], link["text"], link["basis"], kb.source_ids([str(link["link"])]), link["disputed_by"] or ""]


def _notes(kb: KnowledgeBase, links: list[dict[str, Cell]], roles: set[str]) -> list[str]:
    """Caveat, weak-basis explanations, low-only rows, gaps and disagreements for a set of ladder links."""
    notes = [LEVEL_CAVEAT]
    notes += basis_notes(link["basis"] for link in links)
    notes += derived_reasons(links)
    notes += low_only_note(f"{link['role_label']}, {link['level']}: {link['aspect_label']}" for link in links if low_only([link["basis"]]))
    notes += gap_notes(gaps_about(kb, roles, ("levels",), all_roles=False))
    notes += disagreement_notes(kb, (link["disputed_by"] for link in links))
    return notes


def ladder(kb: KnowledgeBase, role: str) -> Result:
    """A role's ladder: one table per level (scope, autonomy, influence, teams, titles, …) and the company titles."""
    by_level = _require_ladder(kb, role)
    label = role_labels(kb, role).get(role, role)
    tables = []
    used: list[str] = []
    kb.sources_by_statement(str(link["link"]) for rows in by_level.values() for link in rows)  # one query for every row's sources
    for level in all_levels(kb):
        links = by_level.get(level.notation, [])
        if links:
            tables.append(Table(f"{label}, {level.label}", ["aspect", "value", "basis", "sources", "disputed"], [_row(kb, link) for link in links]))
            used += [str(link["link"]) for link in links]
    titles = titles_table(kb, role)
    if titles.rows:
        tables.append(titles)
        used += [str(r["link"]) for r in kb.named("level-titles", role=role).records()]
    links = [link for rows in by_level.values() for link in rows]
    return kb.attribute(Result(
        f"Ladder: {label}",
        tables,
        sources=kb.statement_refs(used),
        notes=_notes(kb, links, {role}),
        kind="ladder",
        meta={"role": role, "label": label, "subjects": sorted({role, *used})},
    ))


def titles_table(kb: KnowledgeBase, role: str) -> Table:
    """Company titles and level codes per level, with basis (a derived placement says why)."""
    table = Table("Company titles", ["level", "company", "title", "level code", "basis", "sources", "note"])
    rows = kb.named("level-titles", role=role).records()
    kb.sources_by_statement(str(r["link"]) for r in rows)  # one query for every row's sources
    for r in rows:
        table.rows.append([r["level"], r["company_label"], r["title"], r["level_code"] or "", r["basis"],
                           kb.source_ids([str(r["link"])]), r["reason"] or ""])
    return table


def ladder_summary(kb: KnowledgeBase, role: str) -> Table:
    """One row per level (typical titles and scope) for a role card; empty when no ladder is recorded."""
    table = Table("Seniority ladder", ["level", "typical titles", "scope", "basis", "sources"])
    by_level = ladder_rows(kb, role)
    kb.sources_by_statement(str(link["link"]) for rows in by_level.values() for link in rows if link["aspect"] in ("titles", "scope"))  # in one query
    for level in all_levels(kb):
        links = [link for link in by_level.get(level.notation, []) if link["aspect"] in ("titles", "scope")]
        if not links:
            continue
        text = {str(link["aspect"]): str(link["text"]) for link in links}
        table.rows.append([level.label, text.get("titles", "—"), text.get("scope", "—"), bases(link["basis"] for link in links),
                           kb.source_ids(str(link["link"]) for link in links)])
    return table


def compare_at_level(kb: KnowledgeBase, a: str, b: str, level: str) -> Result:
    """Two roles side by side at one level (``level``: a code or name such as 'senior'), every cell sourced."""
    found = resolve_level(kb, level)
    labels = role_labels(kb, a, b)
    sides = [(labels.get(a, a), _require_ladder(kb, a).get(found.notation, [])),
             (labels.get(b, b), _require_ladder(kb, b).get(found.notation, []))]
    return _side_by_side(kb, f"{sides[0][0]} vs {sides[1][0]} at the {found.label} level", sides, {a, b},
                         {"roles": [a, b], "level": found.notation})


def compare_levels(kb: KnowledgeBase, role: str, lower: str, upper: str) -> Result:
    """What changes for one role between two levels ('what changes from senior to staff TPM?')."""
    first, second = resolve_level(kb, lower), resolve_level(kb, upper)
    if first == second:
        raise RolegraphError("the two levels are the same", "give two different levels, e.g. senior and staff")
    label = role_labels(kb, role).get(role, role)
    rows = _require_ladder(kb, role)
    sides = [(first.label, rows.get(first.notation, [])), (second.label, rows.get(second.notation, []))]
    return _side_by_side(kb, f"{label}: {first.label} vs {second.label}", sides, {role},
                         {"role": role, "levels": [first.notation, second.notation]})


def _side_by_side(kb: KnowledgeBase, title: str, sides: list[tuple[str, list[dict[str, Cell]]]], roles: set[str],
                  meta: dict[str, object]) -> Result:
    (left, left_links), (right, right_links) = sides
    kb.sources_by_statement(str(link["link"]) for link in left_links + right_links)  # one query for every row's sources
    aspects: dict[str, dict[str, list[dict[str, Cell]]]] = defaultdict(lambda: {"a": [], "b": []})
    order: dict[str, int] = {}
    for side, links in (("a", left_links), ("b", right_links)):
        for link in links:
            aspects[str(link["aspect_label"])][side].append(link)
            order[str(link["aspect_label"])] = int(str(link["aspect_order"]))
    table = Table(title, ["aspect", left, right, "basis", "sources", "disputed"])
    for aspect in sorted(aspects, key=lambda x: order[x]):
        links = aspects[aspect]["a"] + aspects[aspect]["b"]
        table.rows.append([
            aspect,
            " / ".join(str(link["text"]) for link in aspects[aspect]["a"]) or "not recorded",
            " / ".join(str(link["text"]) for link in aspects[aspect]["b"]) or "not recorded",
            bases(link["basis"] for link in links),
            kb.source_ids(str(link["link"]) for link in links),
            ", ".join(sorted({str(link["disputed_by"]) for link in links if link["disputed_by"]})),
        ])
    links = left_links + right_links
    used = [str(link["link"]) for link in links]
    notes = _notes(kb, links, roles)
    if not links:
        notes.insert(0, "No ladder data is recorded at this level for these roles.")
    notes.append("'not recorded' means no source in the graph describes that aspect at this level; it is not a statement that it is absent.")
    return kb.attribute(Result(
        title,
        [table],
        sources=kb.statement_refs(used),
        notes=notes,
        kind="levels",
        meta={**meta, "subjects": sorted({*roles, *used})},
    ))
