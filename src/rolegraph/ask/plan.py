"""The plan: what a question asks, as one typed, inspectable object passed from parse to answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: Answer forms a plan can ask for.
FORMS = ("define", "list", "yes-no", "which-one", "rank", "count", "explain", "route")
#: Plan statuses; ``answered`` and ``abstained`` are decided when answering.
STATUSES = ("answered", "abstained", "unknown-role", "ambiguous-role", "cannot-parse")
#: The part a role plays in a question.
PARTS = ("compared", "source", "target", "subject")


#: How an intent reads in the "Understood: …" line.
READABLE = {"separate": "which skills separate", "shared": "what is shared", "ownership": "who owns", "team": "team structure",
            "day-to-day": "day-to-day work", "transitions": "career moves", "hiring": "who hires", "definition": "what it is",
            "abbreviation": "what the short form means", "dimensions": "the separating dimensions", "neighbours": "closest roles",
            "person": "about a person", "source": "who says it", "compare": "how they differ", "catalogue": "the modelled roles", "levels": "seniority levels",
            "collaboration": "who does what together", "unknown": "search the knowledge base"}


#: The two roles both called "TPM": the pair a question means when it names no role.
TECH_PM = "https://w3id.org/rolegraph/id/role/technical-product-manager"
TECH_PGM = "https://w3id.org/rolegraph/id/role/technical-program-manager"
TPM_ROLES = {TECH_PM: "Technical Product Manager", TECH_PGM: "Technical Program Manager"}


@dataclass(frozen=True)
class PlanRole:
    """A role named (or assumed) by the question and the part it plays."""

    iri: str
    label: str
    part: str = "subject"


@dataclass
class Plan:
    """How a question was understood. ``to_dict`` is the JSON kept in ``Result.meta["plan"]``."""

    question: str
    intents: list[str] = field(default_factory=list)
    form: str = "list"
    roles: list[PlanRole] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    activities: list[str] = field(default_factory=list)
    companies: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    scope: str = "any"
    status: str = "answered"
    terms: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    unknown_roles: list[str] = field(default_factory=list)
    ambiguous: list[dict[str, Any]] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    parts: list[Plan] = field(default_factory=list)
    follow_up: bool = False
    #: Only what the first role has and the second lacks ("what does A have that B doesn't"), not both sides.
    one_way: bool = False
    #: The noun a count asks about ("how many levels …": levels), read once by the parser; "" when none is named.
    counted: str = ""
    #: A ratio asked ("the usual pm to engineer ratio", "devs per pm": ``[word_sets].ratio_asked``): unless the form is a
    #: count already, the answer leads with a row or text that gives the number. Read once by the parser.
    ratio: bool = False
    #: Each intent's score: the weights of its cue phrases found; intents with no cue found are left out.
    scores: dict[str, int] = field(default_factory=dict)
    #: The stems the intents were scored on (``|`` for a role name or a cited source).
    reading: list[str] = field(default_factory=list)

    @property
    def intent(self) -> str:
        """The best-scoring intent ("unknown" when none)."""
        return self.intents[0] if self.intents else "unknown"

    def role_iris(self, *parts: str) -> list[str]:
        """IRIs of the roles playing any of ``parts`` (all roles when none given)."""
        return [r.iri for r in self.roles if not parts or r.part in parts]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping (the ``plan`` field of ``ask`` results)."""
        data = asdict(self)
        data["parts"] = [p.to_dict() for p in self.parts]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        """Rebuild a plan from :meth:`to_dict` output (unknown keys are ignored)."""
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["roles"] = [PlanRole(**r) for r in known.get("roles", [])]
        known["parts"] = [cls.from_dict(p) for p in known.get("parts", [])]
        return cls(**known)

    def understood(self) -> str:
        """One line: 'Understood: which skills separate · Tech PM vs Tech PgM · any source'."""
        if self.status == "cannot-parse":
            return "Understood: nothing rolegraph can answer"
        roles = [r.label for r in self.roles]
        joiner = " vs " if any(r.part == "compared" for r in self.roles) else ", "
        asked = " + ".join(READABLE.get(i, i.replace("-", " ")) for i in (self.intents or ["unknown"])[:3])
        bits = [asked if self.form in ("list", "define") else f"{asked} ({self.form})", joiner.join(roles) or "no role named",
                {"seed": "seed only", "external": "outside the seed"}.get(self.scope, "any source")]
        return "Understood: " + " · ".join(bits)
