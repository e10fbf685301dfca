"""The answer being built and the helpers every handler and form decider shares."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rolegraph.ask.plan import Plan, PlanRole
from rolegraph.ask.retrieve import Hit, tier_basis
from rolegraph.ask.text import word_set
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell, Table

NEGATION = re.compile(r"\b(not|no|never|none|without|neither|nor|cannot|doesn t|does not|isn t|rarely|doesn|isn|don|aren|didn|wasn|"
                      r"weren|hasn|haven|dont|doesnt|isnt|arent|didnt|fewer|non|minus)\b")
#: A negative auxiliary opening a question ('doesn't a TPgM have reports?', 'is it not the TPgM who …', 'isn't it true
#: that …') asks the plain claim.
_NEGATIVE_OPENER = re.compile(r"^(?:(?:so|ok|okay|but|and|well|wait|hey|hmm) )*(?:(?:doesn|isn|don|aren|didn|wasn|weren|hasn|haven|"
                              r"shouldn|wouldn|couldn|won|can) t|doesnt|isnt|dont|arent|didnt|cant|wont|shouldnt) "
                              r"|^((?:(?:so|ok|okay|but|and|well|wait|hey|hmm) )*(?:is|are|does|do|did|was|were|has|have|can|could|"
                              r"should|would|will)(?: \w+){0,3}?) not\b")
#: The alternatives a closed question offers ('yes or no', 'or not') and names with a 'no' inside ('the go/no-go call') negate nothing.
_ALTERNATIVES = re.compile(r"\b(?:yes or no|no or yes|or not|or no|true or false|go no go|no go|no code|no brainer)\b")
#: The asker's own guess after the question ('tpgm must code? no right', '…? i think not', '…? doubt it'): a few words
#: after the question mark, no part of the claim.
_GUESS = re.compile(r"\?(?:\W*\w+){1,4}\W*$")


@dataclass
class Answer:
    """What the handlers build up before it becomes a Result."""

    plan: Plan
    lead: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    statements: list[str] = field(default_factory=list)
    external: list[dict[str, Any]] = field(default_factory=list)
    abstained: bool = False

    def add(self, kb: KnowledgeBase, text: str, statements: Iterable[str], basis: str | None = None) -> None:
        """One item, its basis read from its own statements' sources (``basis`` only for derived items)."""
        sts = [s for s in statements if s]
        if any(i["text"] == text for i in self.items + self.external):
            return
        self.statements += sts
        ids = kb.source_ids(sts)
        item = {"text": text, "basis": basis or basis_of(kb, sts), "sources": [s for s in ids.split(", ") if s]}
        if self.plan.scope == "seed" and "seed" not in item["basis"] and item["basis"] != "derived":
            self.external.append(item)
        else:
            self.items.append(item)


def basis_of(kb: KnowledgeBase, statements: Iterable[str]) -> str:
    """'seed', 'seed-article', 'external' or several of them, from the tiers of the statements' sources."""
    return tier_basis(kb.statement_refs(statements)) or "external"


def role_facts(kb: KnowledgeBase, roles: Iterable[str]) -> list[dict[str, Cell]]:
    seen: dict[str, dict[str, Cell]] = {}
    for role in roles:
        for f in kb.named("facts", role=role).records():
            seen.setdefault(str(f["fact"]), f)
    return list(seen.values())



#: A stored reason that gives a minority view: weaker evidence than the row it disputes.
COUNTER_VIEW = re.compile(r"\b(minority|counter-?view|counterpoint)\b", re.IGNORECASE)


def join_names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


def pair(plan: Plan) -> tuple[PlanRole, PlanRole]:
    roles = [r for r in plan.roles if r.part in ("compared", "subject", "source", "target")]
    return roles[0], roles[1]


EXAMPLES = {
    "ownership": "Who owns the what and the why?",
    "separate": "Which skills separate a Tech PM from a Tech PgM?",
    "shared": "What do the Tech PM and the Tech PgM have in common?",
    "team": "How many teams does a Tech PgM coordinate?",
    "day-to-day": "What does a Tech PgM do day to day?",
    "deliverables": "What does a Tech PM produce?",
    "metrics": "How is a Tech PgM measured?",
    "transitions": "How do I become a Tech PM from software engineering?",
    "hiring": "Which companies hire Tech PMs?",
    "definition": "What is a Technical Program Manager?",
    "abbreviation": "What does TPM stand for?",
    "neighbours": "Which roles are closest to the Tech PgM?",
    "person": "Where did the seed author apply?",
}


def expanded_terms(plan: Plan) -> list[str]:
    """The plan's search terms and their synonyms, and those of its intent (``[synonyms]`` in cues.toml)."""
    return list(dict.fromkeys(w for group in term_groups(plan) for w in group))


def term_groups(plan: Plan) -> list[tuple[str, ...]]:
    """Each search term with its synonyms: one group, which a text matches once whichever of its words it has."""
    from rolegraph.ask.text import synonyms

    groups = [(t, *synonyms(t)) for t in plan.terms]
    intent = plan.intents[:1]  # the intent's own words too: "the rise of …" (growth) finds "growing"
    if intent and intent[0] not in plan.terms and synonyms(intent[0]):
        groups.append((intent[0], *synonyms(intent[0])))
    return groups


def has_synonym(word: str) -> bool:
    from rolegraph.ask.text import synonyms

    return bool(synonyms(word))


def hit_text(h: Hit) -> str:
    label = f"{h.label}: " if h.label and h.body and h.label.lower() not in h.body.lower() else ""
    ident = f" ({h.id})" if h.id and h.kind in ("fact",) else ""
    return f"{label}{h.body or h.label}{ident}"


def stems_of(text: str) -> set[str]:
    from rolegraph.ask.text import stem

    return {stem(w) for w in re.split(r"[^a-z0-9]+", text.lower()) if w}


#: A parenthesised aside of a row ("(no domain given)", "(disputed: D3)"): no part of its claim.
_ASIDE = re.compile(r"\([^()]*\)")


def is_negative(text: str, near: set[str] | None = None) -> bool:
    """Whether ``text`` says no: a count or importance of 0 (or 1), or a negation close to the words asked about."""
    if re.search(r":\s*0\b|\bimportance [01]\b|\b[01] vs\b", text):
        return True
    if near is None:
        return bool(NEGATION.search(text.lower()))
    from rolegraph.ask.text import stem

    tokens = re.split(r"[^a-z0-9]+", _ASIDE.sub(" ", text.lower()))  # "— (no domain given): Stripe": an aside says no claim
    return any(t and stem(t) in near and any(NEGATION.fullmatch(tokens[j]) and (tokens[j] not in _PREFIXES or (j == i - 1 and stem(tokens[j]) not in near))
                                             for j in range(max(0, i - 3), min(len(tokens), i + 3)))
               for i, t in enumerate(tokens))


#: Negations that only deny the word they are joined to ("non-technical PM interviews … are behavioural": not technical,
#: still behavioural).
_PREFIXES = ("non",)



def negated_claim(question: str) -> bool:
    """Whether the claim a closed question puts is negative ('tech pms don't code, right?', 'it's not true that …'): not
    when its only negation is a negative auxiliary opening it ('doesn't a TPgM have reports?' asks whether it has) or an
    alternative ('yes or no', 'or not') or the asker's guess after the question ('…? no right'); 'non' names a role ('non
    tech program managers')."""
    from rolegraph.ask.text import find_phrase, phrase_stems, stems, vocabulary

    question = _GUESS.sub(" ", question)
    text = _ALTERNATIVES.sub(" ", _NEGATIVE_OPENER.sub(lambda m: m.group(1) or "", " ".join(tx_words(question)), count=1))
    said = stems(text.split())  # "can a tech pm skip knowing apis": a claim that the role does without (``[yes_no].without``)
    return any(m.group(1) not in ("non", "minus") for m in NEGATION.finditer(text)) or any(
        find_phrase(said, phrase_stems(p)) >= 0 for p in vocabulary()["yes_no"]["without"])

#: A bound stated in a text: a number after "fewer than", "up to", … (below) or "at least", "more than", "N+" (above).
BELOW = re.compile(r"\b(?:fewer than|less than|under|below|at most|up to)\s+(?:about |around |roughly |some )?(\d+)", re.IGNORECASE)
ABOVE = re.compile(r"\b(?:more than|over|above|at least)\s+(?:about |around |roughly |some )?(\d+)|\b(\d+)\s*(?:\+|or more)", re.IGNORECASE)


def bound_held(kb: KnowledgeBase, plan: Plan) -> bool:
    """Whether a number in the question counts what a named role's fact bounds ('we're 30 engineers total' against 'fewer
    than about 50 engineers'): the noun right after the question's number (or a synonym) is the one after the bound's."""
    from rolegraph.ask.text import synonyms

    words = tx_words(plan.question)
    nouns = [w for i, w in enumerate(words) if w not in tx_stopwords() and any(x.isdigit() for x in words[max(0, i - 2) : i])]
    counted = stems_of(" ".join([*nouns, *(s for n in nouns for s in synonyms(n))]))
    if not counted or not plan.roles:
        return False
    for f in role_facts(kb, plan.role_iris()):
        text = str(f["text"])
        for m in (*BELOW.finditer(text), *ABOVE.finditer(text)):
            if counted & stems_of(" ".join(tx_words(text[m.end() :])[:2])):
                return True
    return False


def states_bound(text: str) -> bool:
    """Whether ``text`` states a bound ('fewer than about 50 engineers', '3+ teams')."""
    return bool(BELOW.search(text) or ABOVE.search(text))


def asks_bound(plan: Plan) -> bool:
    """Whether the question asks for a size or threshold ('how big …', 'is there a minimum …'; ``[yes_no].bound``)."""
    from rolegraph.ask.text import find_phrase, phrase_stems, stems, vocabulary

    said = stems(tx_words(plan.question))
    return any(find_phrase(said, phrase_stems(p)) >= 0 for p in vocabulary()["yes_no"]["bound"])


FUNCTION_WORDS = word_set("function_words")


def without_roles(kb: KnowledgeBase, text: str) -> str:
    """``text`` with role names taken out ('Engineering Manager' does not answer 'manage people')."""
    from rolegraph.resolve import find_roles_in_text, normalise

    words = normalise(text).split()
    for start, phrase, _ in find_roles_in_text(kb, text):
        for i in range(start, start + len(phrase.split())):
            words[i] = ""
    return " ".join(w for w in words if w)


def tx_stopwords() -> frozenset[str]:
    from rolegraph.ask.text import stopwords

    return stopwords()


def tx_words(text: str) -> list[str]:
    from rolegraph.ask.text import words

    return words(text)


def synonyms_of(words: list[str]) -> list[str]:
    from rolegraph.ask.text import synonyms

    return [w for word in words for w in synonyms(word)]
