"""Role similarity that respects the model: skills, what each role owns and what it focuses on.

For two roles A and B, three parts, each between 0 and 1:

* ``skills``: the cosine of their skill-importance vectors (0–5 per skill);
* ``ownership``: the cosine of their stance vectors over the concerns (what, why, how, who,
  when), with owns = 1, shares = 0.5, does not own = 0;
* ``focus``: the Jaccard index of their focus areas (shared ÷ either).

``similarity = (0.5·skills + 0.25·ownership + 0.25·focus) ÷ (the weights of the parts known)``.
A part is unknown when either role records nothing for it (no stance on any concern, no focus
area): missing data is not counted as a difference, and the result says which parts it used.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from rolegraph.compare import Profile

#: Weight of each part; skills carry half, what a role owns and focuses on the other half.
WEIGHTS = {"skills": 0.5, "ownership": 0.25, "focus": 0.25}
#: A stance on a concern as a number.
STANCE_VALUE = {"owns": 1.0, "shares": 0.5, "does-not-own": 0.0}
FORMULA = (
    "similarity = (0.5 × skills + 0.25 × ownership + 0.25 × focus) ÷ the weights of the parts known; "
    "skills = cosine of the skill-importance vectors, ownership = cosine of the stances on what/why/how/who/when "
    "(owns 1, shares 0.5, does not own 0), focus = shared focus areas ÷ all focus areas of either role; "
    "a part is left out when either role records nothing for it."
)


@dataclass
class Features:
    """What the formula reads from one role's profile."""

    label: str
    skills: dict[str, float] = field(default_factory=dict)
    stances: dict[str, float] = field(default_factory=dict)
    focus: dict[str, str] = field(default_factory=dict)  # target IRI -> label


@dataclass
class Similarity:
    """The similarity of two roles and its parts (None: unknown for this pair)."""

    value: float
    parts: dict[str, float | None]
    shared_concerns: list[str]
    shared_focus: list[str]

    def reason(self, a: Features, b: Features) -> str:
        """One line naming the owned concerns and focus areas behind the ownership and focus parts."""
        pieces = []
        if self.parts["ownership"] is None:
            pieces.append("no stance on the concerns recorded for " + " or ".join(f.label for f in (a, b) if not f.stances))
        elif self.shared_concerns:
            pieces.append("both own or share " + ", ".join(f"the {c}" for c in self.shared_concerns))
        else:
            pieces.append(f"they own different concerns ({owned(a) or 'none'} vs {owned(b) or 'none'})")
        if self.parts["focus"] is None:
            pieces.append("no focus area recorded for " + " or ".join(f.label for f in (a, b) if not f.focus))
        elif self.shared_focus:
            pieces.append("shared focus: " + ", ".join(self.shared_focus))
        else:
            pieces.append("no shared focus area")
        return "; ".join(pieces)


def features(profile: Profile) -> Features:
    """Skill importances (highest per skill), concern stances and focus areas of a role."""
    f = Features(profile.label)
    for link in profile.links:
        target = str(link["target"])
        if link["kind"] == "skill" and link["importance"] is not None:
            f.skills[target] = max(f.skills.get(target, 0.0), float(str(link["importance"])))
        elif link["kind"] == "ownership" and str(link["stance"]) in STANCE_VALUE:
            concern = str(link["target_label"])
            f.stances[concern] = max(f.stances.get(concern, 0.0), STANCE_VALUE[str(link["stance"])])
        elif link["kind"] == "focus":
            f.focus[target] = str(link["target_label"])
    return f


def owned(f: Features) -> str:
    """The concerns a role owns, as 'the what, the why'."""
    return ", ".join(f"the {c}" for c, v in sorted(f.stances.items()) if v == 1.0)


def cosine(u: Mapping[str, float], v: Mapping[str, float]) -> float:
    """Cosine of two sparse vectors (0 when either is all zeros)."""
    dot = sum(u[k] * v[k] for k in u.keys() & v.keys())
    norm = math.sqrt(sum(x * x for x in u.values())) * math.sqrt(sum(x * x for x in v.values()))
    return dot / norm if norm else 0.0


def similarity(a: Features, b: Features) -> Similarity:
    """The formula of this module for two roles."""
    parts: dict[str, float | None] = {
        "skills": cosine(a.skills, b.skills) if a.skills and b.skills else None,
        "ownership": cosine(a.stances, b.stances) if a.stances and b.stances else None,
        "focus": len(a.focus.keys() & b.focus.keys()) / len(a.focus.keys() | b.focus.keys()) if a.focus and b.focus else None,
    }
    known = {name: value for name, value in parts.items() if value is not None}
    weight = sum(WEIGHTS[name] for name in known)
    value = sum(WEIGHTS[name] * v for name, v in known.items()) / weight if weight else 0.0
    concerns = sorted(c for c in a.stances.keys() & b.stances.keys() if a.stances[c] > 0 and b.stances[c] > 0)
    focus = sorted(a.focus[t] for t in a.focus.keys() & b.focus.keys())
    return Similarity(value, parts, concerns, focus)
