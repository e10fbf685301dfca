"""Self-assessment: rate your skills, get the modelled roles ranked with the reasons."""

from __future__ import annotations

from collections.abc import Mapping

from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import normalise
from rolegraph.results import Cell, Result, Table

#: The level assumed for a skill that is listed without a rating.
LISTED_LEVEL = 4


def skill_index(kb: KnowledgeBase) -> dict[str, tuple[str, str]]:
    """Normalised skill names and aliases → (skill IRI, label)."""
    index: dict[str, tuple[str, str]] = {}
    for r in kb.named("skill-names").records():
        for name in (str(r["name"]), str(r["skill"]).rsplit("/", 1)[-1]):
            index.setdefault(normalise(name), (str(r["skill"]), str(r["label"])))
    return index


#: A misspelt skill name is read as a modelled one only this close (difflib ratio) and this far ahead of the next skill.
TYPO_RATIO, TYPO_MARGIN = 0.85, 0.08


def resolve_skill(kb: KnowledgeBase, name: str, index: dict[str, tuple[str, str]] | None = None) -> tuple[str, str]:
    """Find a skill by label, alias or IRI slug, tolerating typos but never a different skill
    ("stakeholder management" is not read as "people management": it is refused with the closest names)."""
    index = index or skill_index(kb)
    key = normalise(name)
    if key in index:
        return index[key]
    from difflib import SequenceMatcher, get_close_matches

    scored = sorted(((SequenceMatcher(None, key, k).ratio(), k) for k in index), reverse=True)
    best = scored[0] if scored else (0.0, "")
    rival = next((r for r, k in scored if index[k] != index[best[1]]), 0.0)
    if best[0] >= TYPO_RATIO and best[0] - rival >= TYPO_MARGIN:
        return index[best[1]]
    suggestions = list(dict.fromkeys(index[s][1] for s in get_close_matches(key, list(index), n=4, cutoff=0.4)))
    raise RolegraphError(
        f"{name!r} is not a modelled skill",
        ("closest: " + ", ".join(suggestions)) if suggestions else "run `rolegraph skills` to list them",
    )


def parse_ratings(kb: KnowledgeBase, entries: list[str], read_as: list[str] | None = None) -> dict[str, int]:
    """Turn ``["product strategy=4", "coding"]`` into skill IRI → level (0–5).

    ``read_as`` collects a line for each name that was read as a differently named skill
    (an alias or a typo: "'coding' read as 'writing code'"), so the user always sees it.
    """
    index = skill_index(kb)
    ratings: dict[str, int] = {}
    for entry in entries:
        name, sep, level_text = entry.rpartition("=") if "=" in entry else (entry, "", "")
        level = LISTED_LEVEL
        if sep:
            try:
                level = int(level_text.strip())
            except ValueError:
                raise RolegraphError(f"rating {entry!r} needs a whole number after '='", "e.g. 'risk management=3'") from None
            if not 0 <= level <= 5:
                raise RolegraphError(f"rating {entry!r} is outside 0–5", "0 = none … 5 = expert")
        iri, label = resolve_skill(kb, name.strip(), index)
        if read_as is not None and normalise(name) != normalise(label):
            read_as.append(f"{name.strip()!r} read as {label!r}.")
        ratings[iri] = level
    if not ratings:
        raise RolegraphError("no skills given", "list skills, e.g. --skill 'coding=5' --skill 'product strategy=2'")
    return ratings


def fit(kb: KnowledgeBase, ratings: Mapping[str, int], top_reasons: int = 3) -> Result:
    """Rank roles by how well ``ratings`` (skill IRI → 0–5) cover each role's weighted profile.

    Score = Σ importance × min(level, importance) ÷ Σ importance² over the role's skills, so
    a role's core skills count most and being over-qualified earns nothing extra.
    """
    profiles: dict[str, list[dict[str, Cell]]] = {}
    labels: dict[str, str] = {}
    for r in kb.named("skill-links").records():
        profiles.setdefault(str(r["role"]), []).append(r)
        labels[str(r["role"])] = str(r["role_label"])
    table = Table("Roles ranked by fit", ["rank", "role", "fit", "strengths", "biggest gaps"])
    scored = []
    for role, skills in profiles.items():
        total = sum(int(str(s["importance"])) ** 2 for s in skills)
        got = sum(int(str(s["importance"])) * min(ratings.get(str(s["skill"]), 0), int(str(s["importance"]))) for s in skills)
        strengths = sorted(
            (s for s in skills if ratings.get(str(s["skill"]), 0) >= 3 and int(str(s["importance"])) >= 3),
            key=lambda s: (-int(str(s["importance"])), str(s["skill_label"])),
        )
        gaps = sorted(
            (s for s in skills if int(str(s["importance"])) - ratings.get(str(s["skill"]), 0) >= 2),
            key=lambda s: (ratings.get(str(s["skill"]), 0) - int(str(s["importance"])), str(s["skill_label"])),
        )
        scored.append((got / total if total else 0.0, labels[role], strengths, gaps, role))
    scored.sort(key=lambda x: (-x[0], x[1]))
    for rank, (score, label, strengths, gaps, _) in enumerate(scored, start=1):
        table.rows.append([
            rank,
            label,
            round(score, 3),
            ", ".join(f"{s['skill_label']} (needs {s['importance']})" for s in strengths[:top_reasons]) or "—",
            ", ".join(f"{s['skill_label']} (needs {s['importance']}, {_yours(ratings, str(s['skill']))})" for s in gaps[:top_reasons]) or "—",
        ])
    used = sorted(str(s["link"]) for skills in profiles.values() for s in skills)
    return kb.attribute(Result(
        table.title,
        [table],
        sources=kb.statement_refs(used),
        notes=[
            "Fit = Σ importance × min(your level, importance) ÷ Σ importance² over the role's skills (1.0 = every skill at the level the role needs).",
            f"A skill listed without a level counts as {LISTED_LEVEL}. A skill you did not rate is shown as 'not rated', not as 0: "
            "it is unknown; the score alone counts it as 0.",
        ],
        kind="fit",
        meta={"ratings": dict(sorted(ratings.items())), "roles": [s[4] for s in scored], "subjects": sorted({*profiles, *used})},
    ))


def _yours(ratings: Mapping[str, int], skill: str) -> str:
    """Your rating of ``skill`` as gap text: 'you 2', or 'not rated' when you gave none (unknown is not zero)."""
    return f"you {ratings[skill]}" if skill in ratings else "not rated"
