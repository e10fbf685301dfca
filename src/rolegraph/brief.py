"""A two-role brief: the content of the cheat sheet and the slides, each item with its source IDs.

One :class:`Brief` is built from the graph; the Jinja2 templates (cheat sheet, HTML slides,
handbook) and the PPTX writer only lay it out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rolegraph import compare
from rolegraph.kb import KnowledgeBase, source_sort_key
from rolegraph.provenance import CONCERNS
from rolegraph.results import Cell, SourceRef

#: Items per list on the one-page sheet; the rest are counted ("+N more").
TOP = 5


@dataclass
class Item:
    """One line of the brief, with the IDs of its sources and of any disagreement about it."""

    text: str
    sources: list[str] = field(default_factory=list)
    disputed: str = ""


@dataclass
class Section:
    """One dimension: a heading and the items on each side (or only ``both``)."""

    key: str
    title: str
    a: list[Item] = field(default_factory=list)
    b: list[Item] = field(default_factory=list)
    both: list[Item] = field(default_factory=list)
    more_a: int = 0
    more_b: int = 0
    more_both: int = 0


@dataclass
class Brief:
    """What separates two roles and what they share, ready to lay out."""

    a: str
    b: str
    a_label: str
    b_label: str
    a_definition: str
    b_definition: str
    sections: list[Section]
    sources: list[SourceRef]
    attribution: list[str]

    @property
    def title(self) -> str:
        return f"{self.a_label} vs {self.b_label}"

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


def _ids(kb: KnowledgeBase, links: list[Cell]) -> list[str]:
    text = kb.source_ids(str(link) for link in links if link)
    return text.split(", ") if text else []


def _item(kb: KnowledgeBase, text: str, links: list[dict[str, Cell]]) -> Item:
    disputed = ", ".join(sorted({str(link["disputed_by"]) for link in links if link.get("disputed_by")}))
    return Item(text, _ids(kb, [link["link"] for link in links]), disputed)


def _cut(section: Section, top: int) -> Section:
    section.more_a, section.a = max(0, len(section.a) - top), section.a[:top]
    section.more_b, section.b = max(0, len(section.b) - top), section.b[:top]
    section.more_both, section.both = max(0, len(section.both) - top), section.both[:top]
    return section


def _side_items(kb: KnowledgeBase, prof: compare.Profile, kinds: tuple[str, ...]) -> list[Item]:
    grouped: dict[str, list[dict[str, Cell]]] = defaultdict(list)
    for link in prof.links:
        if link["kind"] in kinds:
            item, value = compare.item_and_value(link)
            if link["kind"] == "ownership":
                if link["stance"] == "does-not-own":
                    continue
                text = f"{value} {item}"
            elif link["kind"] == "team":
                relation, _, target = item.partition(": ")
                item = target if relation == target else item
                text = item if value == "yes" else f"{item} ({value})"
            else:
                text = item
            grouped[text].append(link)
    items = {text: _item(kb, text, links) for text, links in grouped.items()}

    def rank(text: str) -> tuple[int, int, int, str]:
        """Ownership first, then the best-backed items: seed basis, then the most sources."""
        links = grouped[text]
        return (0 if links[0]["kind"] == "ownership" else 1, min(compare.BASIS_ORDER.get(str(link["basis"]), 9) for link in links),
                -len(items[text].sources), text)

    return [items[text] for text in sorted(items, key=rank)]


def _skills(kb: KnowledgeBase, rows: list[dict[str, Cell]], side: str) -> list[Item]:
    out = []
    for r in rows:
        if r["favours"] != side:
            continue
        mine, other = (r["importance_a"], r["importance_b"]) if side == "a" else (r["importance_b"], r["importance_a"])
        out.append(Item(f"{r['label']} ({mine} vs {other})", _ids(kb, [r["link_a"], r["link_b"]])))
    return out


def confusions(kb: KnowledgeBase, pa: compare.Profile, pb: compare.Profile) -> list[Item]:
    """Mix-ups trainers meet: ambiguous abbreviations, false premises about ownership, and disagreements."""
    iris = {pa.iri, pb.iri}
    out: list[Item] = []
    seen: set[str] = set()
    for r in kb.named("abbreviations").records():
        if r["role"] in iris and r["ambiguous"] and str(r["abbreviation"]) not in seen and r["text"]:
            seen.add(str(r["abbreviation"]))
            first = str(r["text"]).split(". ")[0].rstrip(".") + "."
            out.append(Item(f"“{r['short_form']}” is ambiguous: {first}", _ids(kb, [r["abbreviation"]])))
    premises: dict[tuple[str, str], list[str]] = defaultdict(list)
    links: dict[tuple[str, str], list[Cell]] = defaultdict(list)
    for concern in CONCERNS:
        rows = kb.named("concern-owners", concern=concern).records()
        owners = [r for r in rows if r["stance"] == "owns" and r["role"] in iris]
        for prof in (pa, pb):
            if owners and not any(r["role"] == prof.iri for r in owners):
                key = (prof.label, " and ".join(str(r["role_label"]) for r in owners))
                premises[key].append(f"the {concern}")
                links[key] += [r["link"] for r in rows if r["role"] == prof.iri or r in owners]
    for (label, owner), concerns in premises.items():
        out.append(Item(f"“The {label} owns {' or '.join(concerns)}” — no: the {owner} does.", _ids(kb, links[(label, owner)])))
    disputed = sorted({str(link["disputed_by"]) for link in pa.links + pb.links if link["disputed_by"]})
    by_id: dict[str, list[dict[str, Cell]]] = defaultdict(list)
    for r in kb.named("disagreements").records():
        by_id[str(r["id"])].append(r)
    for d in disputed:
        rows = by_id.get(d, [])
        if rows:
            out.append(Item(f"Sources disagree: {rows[0]['question']}", _ids(kb, [r["position"] for r in rows]), d))
    return out


def build(kb: KnowledgeBase, a: str, b: str, top: int = TOP) -> Brief:
    """The brief for roles ``a`` and ``b`` (IRIs); each list keeps its ``top`` items."""
    pa, pb = compare.profiles(kb, a, b)
    definitions = {str(r["role"]): str(r["definition"]) for r in kb.named("roles").records()}
    rows = compare.skill_differences(kb, a, b, compare.SEPARATE_THRESHOLD)
    shared = compare.shared_skills(kb, a, b, compare.SHARED_MIN_IMPORTANCE)
    sections = [
        Section("owns", "Owns and focuses on", _side_items(kb, pa, ("ownership", "focus")), _side_items(kb, pb, ("ownership", "focus"))),
        Section("separating", "Skills that separate them (importance 0–5, this role vs the other)", _skills(kb, rows, "a"), _skills(kb, rows, "b")),
        Section("shared", "Shared core (both rate it 3+)",
                both=[Item(f"{r['label']} ({r['importance_a']}/{r['importance_b']})", _ids(kb, [r["link_a"], r["link_b"]])) for r in shared]),
        Section("team", "Team shape", _side_items(kb, pa, ("team",)), _side_items(kb, pb, ("team",))),
        Section("day", "A typical day", _side_items(kb, pa, ("activity",)), _side_items(kb, pb, ("activity",))),
        Section("deliverables", "Deliverables", _side_items(kb, pa, ("deliverable",)), _side_items(kb, pb, ("deliverable",))),
        Section("measures", "How success is measured", _side_items(kb, pa, ("metric",)), _side_items(kb, pb, ("metric",))),
        Section("confusions", "Common confusions", both=confusions(kb, pa, pb)),
    ]
    sections = [_cut(s, top) for s in sections]
    used = {i for s in sections for item in (*s.a, *s.b, *s.both) for i in item.sources}
    sources = sorted((s for s in kb.sources().values() if s.id in used), key=lambda s: source_sort_key(s.id))
    notices = sorted(kb.notice_holders(sources))
    return Brief(a, b, pa.label, pb.label, definitions.get(a, ""), definitions.get(b, ""), sections, sources, notices)
