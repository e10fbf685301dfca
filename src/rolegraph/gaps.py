"""Knowledge gaps about a set of roles: what the sources do not say, so answers can abstain."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell

_GAP_ROLES = """PREFIX rg: <https://w3id.org/rolegraph/ns#>
SELECT ?gap ?role WHERE { ?gap a rg:KnowledgeGap . { ?gap rg:role ?role } UNION { ?gap rg:concerns ?role } }"""


def gaps_about(kb: KnowledgeBase, roles: Iterable[str], dimensions: Iterable[str], *, all_roles: bool = True) -> list[dict[str, Cell]]:
    """Gaps in ``dimensions`` that are about every role in ``roles`` (or any, with ``all_roles=False``), seed gaps first."""
    wanted, dims = set(roles), set(dimensions)
    about: dict[str, set[str]] = defaultdict(set)
    for r in kb.select(_GAP_ROLES).records():
        about[str(r["gap"])].add(str(r["role"]))
    found = [g for g in kb.named("gaps").records() if g["dimension"] in dims
             and (wanted <= about[str(g["gap"])] if all_roles else wanted & about[str(g["gap"])])]
    unique = {str(g["gap"]): g for g in found}  # the gaps query repeats a gap once per role label
    return sorted(unique.values(), key=lambda g: (g["basis"] != "seed", str(g["gap"])))


def gap_notes(gaps: Iterable[dict[str, Cell]]) -> list[str]:
    """One 'Not known' note per gap."""
    return [f"Not known: {g['text']}" for g in gaps]
