"""Role cards and comparisons built on the named queries; every row names its sources.

All functions take role IRIs (see :mod:`rolegraph.resolve`) and return a
:class:`~rolegraph.results.Result`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import IRI
from rolegraph.results import Cell, Result, Table

BASIS_ORDER = {"seed": 0, "seed-article": 1, "external": 2, "external-low": 3, "derived": 4}

#: Default smallest importance gap (0–5 scale) for a skill to "separate" two roles.
SEPARATE_THRESHOLD = 2
#: Default lowest importance both roles must have for a skill to count as shared.
SHARED_MIN_IMPORTANCE = 3

STANCE = {"owns": "owns", "shares": "shares", "does-not-own": "does not own"}

#: Dimensions whose data hangs on levels, activities or interview topics rather than on role links: where to see it.
ELSEWHERE = {
    "levels": "Level by level, every aspect sourced: rolegraph compare A B --level senior (or entry, mid, staff, director).",
    "collaboration": "Who does what between the two roles: rolegraph collaborate A B.",
    "interviews": "Interview stages and question categories: rolegraph show ROLE.",
}

#: What a skill cell says when no source rates the skill for that role (unknown is not zero).
NOT_RECORDED = "not recorded"
UNKNOWN_NOTE = ("'not recorded': no source rates that skill for that role. It is unknown, not zero; "
                "the gap counts it as 0, so it is an upper bound rather than a measured difference.")


def fact_ids(kb: KnowledgeBase, links: Iterable[str]) -> str:
    """The fact-sheet IDs of ``links`` (``TPM-F2, PGM-M1``), sorted; empty when none has one."""
    return ", ".join(sorted({i for ids in kb.ids_by_statement(links).values() for i in ids}))


def bases(values: Iterable[Cell]) -> str:
    """Distinct bases, strongest (seed) first."""
    return ", ".join(sorted({str(v) for v in values if v}, key=lambda b: BASIS_ORDER.get(b, 9)))


class Profile(NamedTuple):
    """Everything linked to one role, fetched once."""

    iri: str
    label: str
    links: list[dict[str, Cell]]

    def of_kind(self, *kinds: str) -> list[dict[str, Cell]]:
        return [link for link in self.links if link["kind"] in kinds]


def profile(kb: KnowledgeBase, iri: str) -> Profile:
    """The role's label and all of its qualified links."""
    return profiles(kb, iri)[0]


def role_labels(kb: KnowledgeBase, *iris: str) -> dict[str, str]:
    """The preferred label of each role in ``iris`` (one bound query), or of every role when none is given."""
    rows = role_info(kb, *iris) if iris else kb.named("roles").records()
    return {str(r["role"]): str(r["label"]) for r in rows}


def role_info(kb: KnowledgeBase, *iris: str) -> list[dict[str, Cell]]:
    """Label, definition and parent of each role in ``iris`` (the ``roles`` rows, bound to them)."""
    return kb.named("role-info", role=tuple(IRI(i) for i in dict.fromkeys(iris))).records() if iris else []


def profiles(kb: KnowledgeBase, *iris: str) -> list[Profile]:
    """The profile of each role in ``iris``, from one ``role-links`` query; their sources are fetched at once
    (their fact-sheet IDs by :func:`compare_profiles`, the one view that shows them)."""
    found = _linked(kb, "role-links", iris)
    kb.sources_by_statement(str(link["link"]) for p in found for link in p.links)
    return found


def team_profiles(kb: KnowledgeBase, *iris: str) -> list[Profile]:
    """The profile of each role in ``iris`` with its team links only (``team-links``: all :func:`shared` reads)."""
    return _linked(kb, "team-links", iris, {"kind": "team"})


def _linked(kb: KnowledgeBase, query: str, iris: tuple[str, ...], extra: dict[str, Cell] | None = None) -> list[Profile]:
    """Each role's label and the links the named ``query`` (bound to them all at once) gives, with ``extra`` keys."""
    labels = role_labels(kb, *iris)
    by_iri = {iri: Profile(iri, labels.get(iri, iri), []) for iri in iris}
    for link in kb.named(query, role=tuple(by_iri)).records():
        by_iri[str(link["role"])].links.append({**link, **(extra or {})})
    return [by_iri[iri] for iri in iris]


def item_and_value(link: dict[str, Cell]) -> tuple[str, str]:
    """How a link reads in a side-by-side row: the item and this role's value."""
    kind, label = link["kind"], str(link["target_label"])
    if kind == "ownership":
        return f"the {label}", STANCE.get(str(link["stance"]), str(link["stance"]))
    if kind == "skill":
        return label, str(link["importance"])
    if kind == "team":
        relation = str(link["relation"]).replace("-", " ")
        if relation == "coordinates":
            return "teams coordinated", count_text(link)
        return relation if label == relation else f"{relation}: {label}", count_text(link)
    if kind == "transition":
        return f"moves on to {label}", f"prevalence {link['prevalence'] or 1}/3"
    if kind == "transition-in":
        return f"comes from {label}", f"prevalence {link['prevalence'] or 1}/3"
    if kind == "hiring":
        return label, f"yes ({link['domain']})" if link["domain"] else "yes"
    if kind == "standard":
        return label, str(link["match_type"]).rsplit("#", 1)[-1]
    return label, "yes"


def count_text(link: dict[str, Cell]) -> str:
    """A team link's count as text: '0', '1', '6–10', '3+' or 'yes'."""
    low, high = link["min_count"], link["max_count"]
    if low is None and high is None:
        return "yes"
    if high is None:
        return f"{low}+"
    if low is None or low == high:
        return f"up to {high}" if low is None else str(high)
    return f"{low}–{high}"


def _dimensions(kb: KnowledgeBase) -> list[dict[str, Cell]]:
    return kb.named("dimensions").records()


def compare(kb: KnowledgeBase, a: str, b: str, dimensions: list[str] | None = None) -> Result:
    """Side by side over every dimension (or only ``dimensions``, by notation), marking basis, sources and disagreements.

    The whole comparison opens with summary tables (``meta["summary"]`` counts them): what
    separates the roles, the skills that separate them most and their shared core.
    """
    pa, pb = _linked(kb, "role-links", (a, b))
    incoming = [t["link"] for t in kb.named("transitions").records() if t["to_role"] in (a, b)]
    cited = _cited_positions(kb, pa, pb, dimensions)
    kb.sources_by_statement(str(s) for s in [a, b, *(link["link"] for p in (pa, pb) for link in p.links), *incoming, *cited])  # in one query
    result = compare_profiles(kb, pa, pb, dimensions)
    if dimensions:
        return result
    head, links = summary_tables(kb, pa, pb)
    result.tables[:0] = head
    result.meta["summary"] = len(head)
    result.meta["subjects"] = sorted({*result.meta["subjects"], *links})
    result.sources = kb.statement_refs(result.meta["subjects"])
    return kb.attribute(result)


def _cited_positions(kb: KnowledgeBase, pa: Profile, pb: Profile, dimensions: list[str] | None) -> list[str]:
    """The positions of the disagreements :func:`compare_profiles` cites (its links' in the dimensions it shows), read
    by the same bound ``disagreements-of`` query it runs, so their sources come with the others."""
    shown = set(dimensions) if dimensions else {str(d["notation"]) for d in _dimensions(kb)}
    return _positions(kb, (link["disputed_by"] for p in (pa, pb) for link in p.links if link["dimension"] in shown))


def _positions(kb: KnowledgeBase, disagreement_ids: Iterable[Cell]) -> list[str]:
    """The positions of the disagreements ``disagreement_ids``, from the bound query :func:`disagreement_notes` runs."""
    wanted = sorted({str(i) for i in disagreement_ids if i})
    return [str(r["position"]) for r in kb.named("disagreements-of", id=tuple(wanted)).records()] if wanted else []


#: The side-by-side essentials, after the fact sheet's "what separates" summary.
ESSENTIALS = ("owns", "works on", "coordinates", "output", "measured by", "blamed for", "reports to", "direct reports")
#: How the label of a metric that is an accountability signal, not a target, begins.
BLAME = "blamed for "


def essentials(prof: Profile) -> dict[str, tuple[str, list[str]]]:
    """A role's value and link IRIs for each aspect of :data:`ESSENTIALS`."""
    def team(relation: str) -> list[dict[str, Cell]]:
        return [link for link in prof.of_kind("team") if link["relation"] == relation]

    owned = [link for link in prof.of_kind("ownership") if link["stance"] in ("owns", "shares")]
    metrics = prof.of_kind("metric")
    picks: dict[str, tuple[list[dict[str, Cell]], list[str]]] = {
        "owns": (owned, ["; ".join(
            f"{STANCE[stance]} " + ", ".join(f"the {link['target_label']}" for link in owned if link["stance"] == stance)
            for stance in ("owns", "shares") if any(link["stance"] == stance for link in owned))]),
        "works on": (prof.of_kind("focus"), []),
        "coordinates": (team("coordinates"), [f"{label} ({' / '.join(counts)})" for label, counts in _by_label(team("coordinates")).items()]),
        "output": (prof.of_kind("deliverable"), []),
        "measured by": ([m for m in metrics if not str(m["target_label"]).startswith(BLAME)], []),
        "blamed for": ([m for m in metrics if str(m["target_label"]).startswith(BLAME)],
                       [str(m["target_label"])[len(BLAME):] for m in metrics if str(m["target_label"]).startswith(BLAME)]),
        "reports to": (team("reports-to"), []),
        "direct reports": (team("direct-reports"), [count_text(link) for link in team("direct-reports")]),
    }
    out = {}
    for aspect in ESSENTIALS:
        links, values = picks[aspect]
        values = values or [str(link["target_label"]) for link in links]
        out[aspect] = ("; ".join(dict.fromkeys(v for v in values if v)), [str(link["link"]) for link in links])
    return out


def _by_label(links: list[dict[str, Cell]]) -> dict[str, list[str]]:
    """Team links' counts grouped by target label, in link order."""
    grouped: dict[str, list[str]] = {}
    for link in links:
        grouped.setdefault(str(link["target_label"]), []).append(count_text(link))
    return grouped


def summary_tables(kb: KnowledgeBase, pa: Profile, pb: Profile, top: int = 3, core: int = 5) -> tuple[list[Table], list[str]]:
    """What separates ``pa`` and ``pb`` side by side, the ``top`` skills separating each way and the
    ``core`` shared skills; with the links behind their rows."""
    ea, eb = essentials(pa), essentials(pb)
    separates = Table("What separates them", ["aspect", pa.label, pb.label, "sources"])
    links: list[str] = []
    for aspect in ESSENTIALS:
        (va, la), (vb, lb) = ea[aspect], eb[aspect]
        if va or vb:
            separates.rows.append([aspect, va or "—", vb or "—", kb.source_ids(la + lb)])
            links += la + lb
    differences = skill_differences(kb, pa.iri, pb.iri, SEPARATE_THRESHOLD, (pa, pb))
    skills = Table("Skills that separate them most", ["skill", pa.label, pb.label, "sources"],
                   notes=["Skill values are importances on the 0–5 scale (0 not needed … 5 core)."])
    for side in ("a", "b"):
        for r in [r for r in differences if r["favours"] == side][:top]:
            pair = [str(x) for x in (r["link_a"], r["link_b"]) if x]
            skills.rows.append([r["label"], r["importance_a"], r["importance_b"], kb.source_ids(pair)])
            links += pair
    common = Table("Shared core", ["skill", pa.label, pb.label, "sources"])
    for r in shared_skills(kb, pa.iri, pb.iri, SHARED_MIN_IMPORTANCE, (pa, pb))[:core]:
        pair = [str(r["link_a"]), str(r["link_b"])]
        common.rows.append([r["label"], r["importance_a"], r["importance_b"], kb.source_ids(pair)])
        links += pair
    return [t for t in (separates, skills, common) if t.rows], links


def compare_profiles(kb: KnowledgeBase, pa: Profile, pb: Profile, dimensions: list[str] | None = None) -> Result:
    """:func:`compare` for profiles the caller already has."""
    a, b = pa.iri, pb.iri
    incoming = [t["link"] for t in kb.named("transitions").records() if t["to_role"] in (a, b)] if "background" in (dimensions or ["background"]) else []
    kb.ids_by_statement(str(s) for s in [*(link["link"] for link in pa.links + pb.links), *incoming])  # the facts column's IDs: one query
    known = _dimensions(kb)
    notations = [str(d["notation"]) for d in known]
    for wanted in dimensions or []:
        if wanted not in notations:
            raise RolegraphError(f"unknown dimension {wanted!r}", "choose from: " + ", ".join(notations))
    gaps = kb.named("gaps").records()
    tables: list[Table] = []
    used: list[str] = []
    for dim in known:
        notation = str(dim["notation"])
        if dimensions and notation not in dimensions:
            continue
        rows: dict[str, dict[str, list[dict[str, Cell]]]] = defaultdict(lambda: {"a": [], "b": []})
        for side, prof in (("a", pa), ("b", pb)):
            for link in prof.links:
                if link["dimension"] == notation:
                    rows[item_and_value(link)[0]][side].append(link)
        if notation == "background":
            _add_incoming(kb, rows, pa, pb)
        table = Table(
            str(dim["label"]),
            ["item", pa.label, pb.label, "basis", "sources", "facts", "disputed"],
        )
        for item in sorted(rows, key=lambda i: _row_order(rows[i], i)):
            links = rows[item]["a"] + rows[item]["b"]
            used += [str(link["link"]) for link in links]
            table.rows.append([
                item,
                " / ".join(item_and_value(link)[1] for link in rows[item]["a"]) or "—",
                " / ".join(item_and_value(link)[1] for link in rows[item]["b"]) or "—",
                bases(link["basis"] for link in links),
                kb.source_ids(str(link["link"]) for link in links),
                fact_ids(kb, (str(link["link"]) for link in links)),
                ", ".join(sorted({str(link["disputed_by"]) for link in links if link["disputed_by"]})),
            ])
        table.notes += gap_notes(gaps, notation, {a, b}, bool(dim["seed_named"]))
        if dimensions or table.rows or table.notes:
            tables.append(table)
    notes = [
        "Basis: seed = stated in the seed page itself; seed-article = the fuller seed article; external = outside sources only.",
        "Skill values are importances on the 0–5 scale (0 not needed … 5 core).",
    ]
    notes += disagreement_notes(kb, (link["disputed_by"] for link in pa.links + pb.links if str(link["link"]) in used))
    return kb.attribute(Result(
        f"{pa.label} vs {pb.label}",
        tables,
        sources=kb.statement_refs(used),
        notes=notes,
        kind="compare",
        meta={"roles": [a, b], "labels": [pa.label, pb.label], "subjects": sorted({a, b, *used})},
    ))


def _row_order(sides: dict[str, list[dict[str, Cell]]], item: str) -> tuple[float, str]:
    importances = [float(str(link["importance"])) for link in sides["a"] + sides["b"] if link["importance"] is not None]
    return (-max(importances, default=0.0), item)


def _add_incoming(kb: KnowledgeBase, rows: dict[str, dict[str, list[dict[str, Cell]]]], pa: Profile, pb: Profile) -> None:
    incoming = [t for t in kb.named("transitions").records() if t["to_role"] in (pa.iri, pb.iri)]
    kb.sources_by_statement(str(t["link"]) for t in incoming)  # their fact IDs came with the links' (compare_profiles)
    for t in incoming:
        for side, prof in (("a", pa), ("b", pb)):
            if t["to_role"] == prof.iri:
                link: dict[str, Cell] = {
                    "link": t["link"], "kind": "transition-in", "target_label": t["from_label"], "basis": t["basis"],
                    "disputed_by": None, "importance": None, "prevalence": t["prevalence"],
                }
                rows[item_and_value(link)[0]][side].append(link)


def gap_notes(gaps: list[dict[str, Cell]], dimension: str, roles: set[str], seed_named: bool) -> list[str]:
    """Notes for the knowledge gaps recorded for these roles in this dimension."""
    notes = [
        f"{'No seed data' if g['basis'] == 'seed' else 'Not known'} for {g['role_label']}: {g['text']}"
        for g in gaps
        if g["dimension"] == dimension and g["role"] in roles
    ]
    if notes and dimension in ELSEWHERE:
        notes.append(ELSEWHERE[dimension])
    if seed_named and notes:
        notes.insert(0, "The seed names this dimension as one that separates the two TPM roles, but gives no readable content for it; "
                     "the rows come from outside sources.")
    return notes


def disagreement_notes(kb: KnowledgeBase, disagreement_ids: Iterable[Cell], seed_only: bool = False) -> list[str]:
    """One note per disagreement, with every position and the sources that hold it (``seed_only``: the positions a
    seed source holds, the others only counted)."""
    wanted = sorted({str(i) for i in disagreement_ids if i})
    by_id: dict[str, list[dict[str, Cell]]] = defaultdict(list)
    for row in kb.named("disagreements-of", id=tuple(wanted)).records() if wanted else []:
        by_id[str(row["id"])].append(row)
    kb.sources_by_statement(str(r["position"]) for d in wanted for r in by_id.get(d, []))
    notes = []
    for d in wanted:
        rows = by_id.get(d, [])
        shown = [r for r in rows if not seed_only or any(ref.tier.startswith("seed") for ref in kb.statement_refs([str(r["position"])]))]
        if shown:
            positions = "; ".join(f"{r['position_text']} [{kb.source_ids([str(r['position'])])}]" for r in shown)
            note = f" rolegraph's note: {rows[0]['note']}" if rows[0].get("note") and len(shown) == len(rows) else ""
            left = f" ({len(rows) - len(shown)} more held only by outside sources, left out)" if len(shown) < len(rows) else ""
            notes.append(f"Sources disagree ({d}) — {rows[0]['question']} Positions: {positions}{left}{note}")
    return notes


def skill_pairs(kb: KnowledgeBase, a: str, b: str, profiles: tuple[Profile, Profile] | None = None) -> list[dict[str, Cell]]:
    """Every skill either role needs, with both importances (0 when missing), links and bases.

    Built from two role-bound ``skill-profile`` queries: on large stores this is far faster
    than one query over the union of both profiles (see docs/scale.md). When the caller has both
    roles' ``profiles``, their skill links give the same rows without a query.
    """
    pairs: dict[str, dict[str, Cell]] = {}
    for side, role, prof in zip("ab", (a, b), profiles or (None, None), strict=True):
        for r in skill_rows(prof) if prof else kb.named("skill-profile", role=role).records():
            pair = pairs.setdefault(str(r["skill"]), {
                "skill": r["skill"], "label": r["label"], "category": r["category"],
                "importance_a": 0, "importance_b": 0, "link_a": "", "link_b": "", "basis_a": "", "basis_b": "",
            })
            pair[f"importance_{side}"], pair[f"link_{side}"], pair[f"basis_{side}"] = r["importance"], r["link"], r["basis"]
    return list(pairs.values())


def skill_rows(prof: Profile) -> list[dict[str, Cell]]:
    """A profile's graded skill links as ``skill-profile`` rows (skill, label, category, importance, basis, reason, link),
    in that query's order (``role-links`` sorts a role's links of one kind by importance, label and link too)."""
    return [
        {"skill": link["target"], "label": link["target_label"], "category": link["category"], "importance": link["importance"],
         "basis": link["basis"], "reason": link["reason"], "link": link["link"]}
        for link in prof.of_kind("skill") if link["importance"] is not None and link["category"] is not None and link["target_label"]
    ]


def skill_differences(kb: KnowledgeBase, a: str, b: str, threshold: int, profiles: tuple[Profile, Profile] | None = None) -> list[dict[str, Cell]]:
    """Skills whose importance differs by at least ``threshold``; rows as the ``skill-differences`` named query gives them
    (``profiles``: see :func:`skill_pairs`)."""
    rows = []
    for pair in skill_pairs(kb, a, b, profiles):
        difference = int(str(pair["importance_a"])) - int(str(pair["importance_b"]))
        if abs(difference) >= threshold:
            rows.append({**pair, "difference": difference, "favours": "a" if difference > 0 else "b"})
    return sorted(rows, key=lambda r: (str(r["favours"]), -abs(int(str(r["difference"]))),
                                       -(int(str(r["importance_a"])) + int(str(r["importance_b"]))), str(r["label"])))


def shared_skills(kb: KnowledgeBase, a: str, b: str, min_importance: int, profiles: tuple[Profile, Profile] | None = None) -> list[dict[str, Cell]]:
    """Skills both roles rate at least ``min_importance``; rows as the ``shared-skills`` named query gives them
    (``profiles``: see :func:`skill_pairs`)."""
    rows = []
    for pair in skill_pairs(kb, a, b, profiles):
        low = min(int(str(pair["importance_a"])), int(str(pair["importance_b"])))
        if pair["link_a"] and pair["link_b"] and low >= min_importance:
            rows.append({**pair, "common": low})
    return sorted(rows, key=lambda r: (-int(str(r["common"])), -(int(str(r["importance_a"])) + int(str(r["importance_b"]))),
                                       str(r["label"]), str(r["link_a"]), str(r["link_b"])))


def separate(kb: KnowledgeBase, a: str, b: str, threshold: int = SEPARATE_THRESHOLD) -> Result:
    """Skills that separate ``a`` from ``b`` and ``b`` from ``a``, ranked by importance gap."""
    return separate_rows(kb, a, b, skill_differences(kb, a, b, threshold), threshold)


def separate_rows(kb: KnowledgeBase, a: str, b: str, rows: list[dict[str, Cell]], threshold: int) -> Result:
    """:func:`separate` for :func:`skill_differences` rows the caller already has."""
    labels = role_labels(kb, a, b)
    la, lb = labels.get(a, a), labels.get(b, b)
    kb.sources_by_statement(str(r[f"link_{side}"]) for r in rows for side in "ab")
    columns = ["rank", "skill", "category", f"importance ({la})", f"importance ({lb})", "gap", "basis", "sources"]
    tables = []
    used: list[str] = []
    for side, label in (("a", la), ("b", lb)):
        table = Table(f"Where {label} needs more", columns)
        for rank, r in enumerate((r for r in rows if r["favours"] == side), start=1):
            links = [str(x) for x in (r["link_a"], r["link_b"]) if x]
            used += links
            table.rows.append([
                rank, r["label"], r["category"], r["importance_a"] if r["link_a"] else NOT_RECORDED,
                r["importance_b"] if r["link_b"] else NOT_RECORDED, abs(int(str(r["difference"]))),
                bases([r["basis_a"], r["basis_b"]]), kb.source_ids(links),
            ])
        tables.append(table)
    notes = [
        f"A skill separates the roles when their importances (0–5 scale) differ by at least {threshold}.",
    ]
    if any(not (r["link_a"] and r["link_b"]) for r in rows):
        notes.append(UNKNOWN_NOTE)
    notes += skill_gap_notes(kb, {a, b})
    return kb.attribute(Result(
        f"Skills that separate {la} and {lb}",
        tables,
        sources=kb.statement_refs(used),
        notes=notes,
        kind="separate",
        meta={"roles": [a, b], "labels": [la, lb], "threshold": threshold, "subjects": sorted({a, b, *used})},
    ))


def shared(kb: KnowledgeBase, a: str, b: str, min_importance: int = SHARED_MIN_IMPORTANCE) -> Result:
    """The common core: skills both roles need at ``min_importance`` or more."""
    pa, pb = team_profiles(kb, a, b)
    return shared_rows(kb, pa, pb, shared_skills(kb, a, b, min_importance), min_importance)


def shared_rows(kb: KnowledgeBase, pa: Profile, pb: Profile, rows: list[dict[str, Cell]], min_importance: int) -> Result:
    """:func:`shared` for profiles and :func:`shared_skills` rows the caller already has."""
    a, b = pa.iri, pb.iri
    table = Table(
        f"Skills both {pa.label} and {pb.label} need",
        ["rank", "skill", "category", f"importance ({pa.label})", f"importance ({pb.label})", "basis", "sources"],
    )
    used: list[str] = []
    kb.sources_by_statement(str(r[f"link_{side}"]) for r in rows for side in "ab")
    for rank, r in enumerate(rows, start=1):
        links = [str(r["link_a"]), str(r["link_b"])]
        used += links
        table.rows.append([
            rank, r["label"], r["category"], r["importance_a"], r["importance_b"],
            bases([r["basis_a"], r["basis_b"]]), kb.source_ids(links),
        ])
    team = _shared_team_traits(kb, pa, pb)
    tables = [table] + ([team] if team.rows else [])
    if team.rows:
        used += [str(link["link"]) for link in individual_contributor(pa) + individual_contributor(pb)]
    notes = [f"Shared means both roles rate the skill at least {min_importance} on the 0–5 scale."]
    notes += skill_gap_notes(kb, {a, b})
    return kb.attribute(Result(
        table.title,
        tables,
        sources=kb.statement_refs(used),
        notes=notes,
        kind="shared",
        meta={"roles": [a, b], "labels": [pa.label, pb.label], "min_importance": min_importance, "subjects": sorted({a, b, *used})},
    ))


def individual_contributor(prof: Profile) -> list[dict[str, Cell]]:
    return [link for link in prof.of_kind("team") if link["relation"] == "direct-reports" and link["max_count"] == 0]


def _shared_team_traits(kb: KnowledgeBase, pa: Profile, pb: Profile) -> Table:
    """Team-structure traits both roles share (both are individual contributors)."""
    table = Table("Shared team traits", ["trait", "basis", "sources"])
    ic = individual_contributor(pa) + individual_contributor(pb)
    if individual_contributor(pa) and individual_contributor(pb):
        table.rows.append([
            "both are individual contributors (no direct reports)",
            bases(link["basis"] for link in ic),
            kb.source_ids(str(link["link"]) for link in ic),
        ])
    return table


def skill_gap_notes(kb: KnowledgeBase, roles: set[str]) -> list[str]:
    gaps = [g for g in kb.named("gaps").records() if g["dimension"] == "tech-skills" and g["role"] in roles]
    if not gaps:
        return []
    return ["The seed names tech skills as a separating dimension but its content could not be read: "
            "importances come from outside sources, except where the basis column says seed or seed-article."]


def role_names(kb: KnowledgeBase) -> dict[str, dict[str, list[str]]]:
    """Each role's abbreviations and aliases, sorted: role IRI → kind → names."""
    names: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"abbreviation": [], "alias": []})
    for r in kb.named("role-names").records():
        if r["kind"] in ("abbreviation", "alias"):
            names[str(r["role"])][str(r["kind"])].append(str(r["name"]))
    return {role: {k: sorted(set(v)) for k, v in kinds.items()} for role, kinds in names.items()}


def roles_overview(kb: KnowledgeBase) -> Result:
    """The modelled roles with abbreviations, aliases, parent role and one-line definitions."""
    names = role_names(kb)
    table = Table("Modelled roles", ["label", "abbreviations", "aliases", "kind_of", "definition"])
    for r in kb.named("roles").records():
        own = names.get(str(r["role"]), {"abbreviation": [], "alias": []})
        table.rows.append([r["label"], "; ".join(own["abbreviation"]), "; ".join(own["alias"]), r["kind_of"], r["definition"]])
    ambiguous = sorted({str(r["short_form"]) for r in kb.named("abbreviations").records() if r["ambiguous"]})
    notes = [f"Ambiguous short forms, never resolved on their own: {', '.join(ambiguous)}."] if ambiguous else []
    subjects = sorted(str(r["role"]) for r in kb.named("roles").records())
    return kb.attribute(Result("Modelled roles", [table], notes=notes, kind="roles", meta={"subjects": subjects}))


def show(kb: KnowledgeBase, role: str, top: int = 10) -> Result:
    """A role card: definition, focus and ownership, top skills, team, day-to-day, outputs, transitions, standards."""
    (prof,) = _linked(kb, "role-links", (role,))
    sections = _card_sections(prof, top)
    _prefetch_card_sources(kb, role, [link for _, _, links in sections for link in links])
    info = next(iter(role_info(kb, role)), {"definition": "", "kind_of": ""})
    names: dict[str, list[str]] = {"abbreviation": [], "alias": []}
    for r in kb.named("role-aliases", role=IRI(role)).records():
        if r["kind"] in names:
            names[str(r["kind"])].append(str(r["name"]))
    names = {k: sorted(set(v)) for k, v in names.items()}
    overview = Table("Overview", ["field", "value"], [
        ["label", prof.label],
        ["definition", info["definition"]],
        ["abbreviations", "; ".join(names["abbreviation"]) or "—"],
        ["aliases", "; ".join(names["alias"]) or "—"],
        ["is a kind of", info["kind_of"] or "—"],
    ])
    tables = [overview]
    used: list[str] = []
    for title, kinds, links in sections:
        table = Table(title, ["item", "value", "basis", "sources", "disputed"])
        for link in links:
            item, value = item_and_value(link)
            if kinds == ("skill",):
                value = f"{value} ({link['category']})"
            used.append(str(link["link"]))
            table.rows.append([item, value, link["basis"], kb.source_ids([str(link["link"])]), link["disputed_by"] or ""])
        if table.rows:
            tables.append(table)
    incoming = [t for t in kb.named("transitions").records() if t["to_role"] == role]
    if incoming:
        tables.append(Table("Comes from", ["item", "value", "basis", "sources", "disputed"], [
            [t["from_label"], f"prevalence {t['prevalence']}/3", t["basis"], kb.source_ids([str(t["link"])]), ""] for t in incoming
        ]))
        used += [str(t["link"]) for t in incoming]
    extra_tables, extra_notes = _ladder_and_interviews(kb, role, used)
    tables += extra_tables
    gaps = [g for g in kb.named("gaps").records() if g["role"] == role]
    return kb.attribute(Result(
        prof.label,
        tables,
        sources=kb.statement_refs(used),
        notes=[f"No seed data ({g['dimension_label']}): {g['text']}" for g in gaps]
        + disagreement_notes(kb, (link["disputed_by"] for link in prof.links if str(link["link"]) in used)) + extra_notes,
        kind="show",
        meta={"role": role, "label": prof.label, "subjects": sorted({role, *used})},
    ))


#: The role card's sections of links: title, kinds of link and whether only the top few are shown.
CARD_SECTIONS = (
    ("Focus and ownership", ("focus", "ownership"), False),
    ("Top skills", ("skill",), True),
    ("Team structure", ("team",), False),
    ("Day-to-day work", ("activity",), False),
    ("Deliverables", ("deliverable",), False),
    ("Success metrics", ("metric",), False),
    ("Moves on to", ("transition",), False),
    ("Who hires", ("hiring",), False),
    ("Standard links", ("standard",), False),
)


Section = tuple[str, tuple[str, ...], list[dict[str, Cell]]]


def _card_sections(prof: Profile, top: int) -> list[Section]:
    """Each section of the role card with the links it shows (the ``top`` most important skills; every one when 0)."""
    sections: list[Section] = []
    for title, kinds, limited in CARD_SECTIONS:
        links = prof.of_kind(*kinds)
        if kinds == ("skill",):
            links = sorted(links, key=lambda link: (-int(str(link["importance"])), str(link["target_label"])))
        sections.append((title, kinds, links[:top] if limited and top else links))
    return sections


def _prefetch_card_sources(kb: KnowledgeBase, role: str, shown: list[dict[str, Cell]]) -> None:
    """The sources of every statement the role card shows (its ``shown`` links, incoming transitions, ladder and
    interview rows, the positions of the disagreements its links cite) in one bound query, before its sections ask
    for them (on a prepared store each query costs a millisecond or two of reads)."""
    from rolegraph.interviews import interview_links
    from rolegraph.levels import ladder_rows

    incoming = [t["link"] for t in kb.named("transitions").records() if t["to_role"] == role]
    ladder = [link["link"] for rows in ladder_rows(kb, role).values() for link in rows if link["aspect"] in ("titles", "scope")]
    cited = _positions(kb, (link["disputed_by"] for link in shown))
    statements = [*(link["link"] for link in shown), *incoming, *ladder, *(r["link"] for r in interview_links(kb, role)), *cited]
    kb.sources_by_statement(str(s) for s in statements)


def _ladder_and_interviews(kb: KnowledgeBase, role: str, used: list[str]) -> tuple[list[Table], list[str]]:
    """The role card's seniority ladder and interview preparation (when recorded) and the notes their weak bases
    need; adds their statements to ``used``."""
    from rolegraph.basis import basis_notes
    from rolegraph.interviews import interview_links, interview_summary
    from rolegraph.levels import ladder_rows, ladder_summary

    tables = [t for t in (ladder_summary(kb, role), interview_summary(kb, role)) if t.rows]
    ladder = [link for rows in ladder_rows(kb, role).values() for link in rows if link["aspect"] in ("titles", "scope")]
    interviews = interview_links(kb, role)
    used += [str(link["link"]) for link in ladder + interviews]
    notes = ["Seniority ladder: titles and scope per level; `rolegraph compare A B --level senior` shows every aspect side by side."] if ladder else []
    return tables, notes + basis_notes(link["basis"] for link in ladder + interviews)
