"""Question → :class:`Plan`: score every intent and form from the cue vocabulary (cues.toml),
find the roles and the part each plays, the scope, and what else the question names.

Never raises on any text: a question with nothing to go on gets status ``cannot-parse``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from itertools import pairwise
from typing import Any

from rolegraph.ask import text as tx
from rolegraph.ask.fit import clauses, liked
from rolegraph.ask.mentions import in_context, named_twice, one_role_named_twice, unknown_beside, usual_reading
from rolegraph.ask.plan import TECH_PGM, TECH_PM, TPM_ROLES, Plan, PlanRole
from rolegraph.errors import RolegraphError, RoleNotFound
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import CONCERNS, asked_concerns
from rolegraph.queries import IRI
from rolegraph.resolve import RoleRef, find_roles_in_text, normalise, resolve_role

#: Lowest score at which an intent counts as asked.
INTENT_MIN = 2

Cue = tuple[tuple[str, ...], int]


@dataclass(frozen=True)
class Cues:
    """The cue vocabulary, stemmed."""

    intents: dict[str, list[Cue]]
    forms: dict[str, list[Cue]]
    priority: list[str]
    dimensions: dict[str, list[str]]
    yes_no: frozenset[str]
    claims: frozenset[str]
    seed: list[tuple[str, ...]]
    outside: list[tuple[str, ...]]
    negators: list[tuple[str, ...]]
    follow_up: list[tuple[str, ...]]
    reverse: list[tuple[str, ...]]
    onward: list[tuple[str, ...]]
    measures: list[tuple[str, ...]]
    known: frozenset[str]
    fillers: frozenset[str]
    idioms: list[tuple[str, ...]]
    cited_before: list[tuple[str, ...]]
    cited_after: list[tuple[str, ...]]
    writers: list[tuple[str, ...]]
    which_role: list[tuple[str, ...]]
    absorbs: dict[str, list[str]]
    hedges: list[tuple[str, ...]]
    exclusive: list[tuple[str, ...]]
    durations: dict[str, frozenset[str]]
    other_one: list[tuple[str, ...]]
    pointers: list[tuple[str, ...]]


def _weighted(table: dict[str, Any]) -> dict[str, list[Cue]]:
    """Each entry's cue phrases as stems, once each ("company" and "companies" are one cue), at their highest weight; a
    number word of a phrase also matches in figures ("in one sentence" is "in 1 sentence", "nine to five" "9 to 5")."""
    out: dict[str, list[Cue]] = {}
    for name, weights in table.items():
        best: dict[tuple[str, ...], int] = {}
        for w, phrases in weights.items():
            for stems in dict.fromkeys(s for p in phrases for s in (tx.phrase_stems(p), tx.phrase_stems(tx.in_figures(p)))):
                best[stems] = max(best[stems], int(w)) if stems in best else int(w)  # a negative weight counts against
        out[name] = list(best.items())
    return out


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """The cue vocabulary of ``cues.toml`` beside this module, stemmed (kept compiled between processes)."""
    return Cues(*tx.compiled("cues", lambda: tuple(getattr(_compile(), f.name) for f in fields(Cues))))


def _compile() -> Cues:
    data = tx.vocabulary()
    return Cues(
        intents=_weighted(data["intents"]),
        forms=_weighted(data["forms"]),
        priority=list(data["priority"]["order"]),
        dimensions={k: list(v) for k, v in data["dimensions"].items()},
        yes_no=frozenset(data["yes_no"]["openers"]),
        claims=frozenset(tx.stem(w) for w in data["yes_no"]["claims"]),
        seed=[tx.phrase_stems(p) for p in data["scope"]["seed"]],
        outside=[tx.phrase_stems(p) for p in data["scope"]["outside"]],
        negators=[tx.phrase_stems(p) for p in data["scope"].get("negators", [])],
        hedges=[tx.phrase_stems(p) for p in data["scope"].get("hedges", [])],
        exclusive=[tx.phrase_stems(p) for p in data["scope"].get("exclusive", [])],
        follow_up=[tx.phrase_stems(p) for p in data["follow_up"]["openers"]],
        reverse=[tx.phrase_stems(p) for p in data["follow_up"]["reverse"]],
        onward=[tx.phrase_stems(p) for p in data["transitions"]["onward"]],
        measures=[tx.phrase_stems(p) for group in ("categories", "category_complements")
                  for phrases in data.get(group, {}).values() for p in phrases],
        known=frozenset(w for table in (data["intents"], data["forms"]) for weights in table.values() for phrases in weights.values()
                        for p in phrases for w in normalise(p).split())
        | frozenset(w for group in ("scope", "follow_up", "transitions") for phrases in data[group].values() for p in phrases
                    for w in normalise(p).split())
        | frozenset(data.get("synonyms", {})) | frozenset(data["yes_no"]["openers"]),
        fillers=frozenset(tx.stems(data["fillers"]["words"])),
        idioms=[tx.phrase_stems(p) for p in data["fillers"].get("phrases", [])],
        cited_before=[tx.phrase_stems(p) for p in data["attribution"]["before"]],
        cited_after=[tx.phrase_stems(p) for p in data["attribution"]["after"]],
        writers=[tx.phrase_stems(p) for p in data["attribution"]["writers"]],
        which_role=[tx.phrase_stems(p) for p in data["which_role"]["phrases"]],
        absorbs={k: list(v) for k, v in data["absorbs"].items()},
        durations={k: frozenset(tx.stems(v)) for k, v in data["durations"].items()},
        other_one=[tx.phrase_stems(p) for p in data["follow_up"]["other"]],
        pointers=[tx.phrase_stems(p) for p in data["follow_up"]["pointers"]],
    )


def score(table: dict[str, list[Cue]], stemmed: list[str]) -> dict[str, int]:
    """Each entry's score: the sum of the weights of its cue phrases found in ``stemmed``."""
    found = {}
    for name, phrases in table.items():
        total = sum(w for p, w in phrases if p and tx.find_phrase(stemmed, p) >= 0)
        if total:
            found[name] = total
    return found


# --- roles --------------------------------------------------------------------------------------

#: Words that end a job title: a title-like phrase that is not a modelled role is reported as unknown.
_HEADS = rf"(?:{'|'.join(map(re.escape, tx.word_list('title_heads')))})s?"
_TITLE = re.compile(rf"\b((?:[a-z]+ ){{0,2}}{_HEADS}(?: {_HEADS})?)\b")  # "developer advocate": a head may qualify a head
_GENERIC_HEADS = tx.word_set("generic_heads")
_NOT_TITLE_WORDS = tx.word_set("not_title")


_SOURCE_WORDS = tx.word_set("source_words")
_SHORT_QUALIFIERS = tx.word_set("short_qualifiers")
_PEOPLE_HEADS = tx.word_set("people_heads")
_LEAD_KINDS = tx.word_set("lead_kinds")
_PRONOUNS = tx.word_set("pronouns")
_HOLDERS = tx.word_set("holders")


def unknown_titles(kb: KnowledgeBase, words: list[str], mentions: list[tuple[int, str, list[RoleRef]]]) -> list[str]:
    """Job-title phrases that are not modelled roles (e.g. 'scrum master'); the roles found are masked first."""
    masked = list(words)
    for _, s, e in _writers(kb, words):  # "gergely orosz (pragmatic engineer)": a source's author or publication
        masked[s:e] = ["|"] * (e - s)
    for start, phrase, _ in mentions:
        if phrase.rstrip("s") in _GENERIC_HEADS:
            continue  # "devops engineer": a generic word is not the whole title
        for i in range(start, start + len(phrase.split())):
            masked[i] = "|"
    unknown = []
    held = {e for _, e in _activity_spans(kb, tx.stems(words)).values()}
    for m in _TITLE.finditer(" ".join(masked)):
        found = m.group(1).split()
        if found[-1] in _HOLDERS and len(" ".join(masked)[: m.end(1)].split()) - 1 in held:
            continue  # "go no go decision owner", "readiness review owner?": who holds that activity, not a job title
        cut = [i for i, w in enumerate(found[:-1]) if w != "of" and (w in _NOT_TITLE_WORDS or w in tx.stopwords() or (
            len(w) <= 3 and w not in _SHORT_QUALIFIERS))]  # "qa engineer", "ux designer": a short word that qualifies a title
        before = [*" ".join(masked)[: m.start(1)].split()[-1:], *found[: cut[-1] + 1 if cut else 0]][-1:]
        if len(found) - (cut[-1] + 1 if cut else 0) == 1 and before and (before[0] in _PRONOUNS or before[0] == "|"):
            continue  # "who do they coach", "does a tech pm coach anyone": a verb after its subject, not a title
        found = found[cut[-1] + 1 :] if cut else found  # "moving from engineer" is no title; "chief of staff" stays whole
        phrase = " ".join(found)
        if not phrase or (" " not in phrase and (phrase.rstrip("s") in _GENERIC_HEADS or phrase.endswith("s"))):
            continue
        head = phrase.split()[-1]
        if phrase.split()[0] in _SOURCE_WORDS or _source_name(kb, phrase):
            continue  # "the seed writer", "the article author", "the pragmatic engineer": a source, not a job title
        if " " in phrase and _company(kb, phrase.rsplit(" ", 1)[0]):
            continue  # "an amazon recruiter": a person at a company, not a job title
        if head.endswith("s") and head.rstrip("s") in _PEOPLE_HEADS:
            continue  # "a team of engineers": people, not a role
        qualifier = _as_titles(phrase.split()[-2:-1])
        if qualifier and qualifier[0].endswith("s") and qualifier[0][:-1] in _PEOPLE_HEADS:
            continue  # "the devs' manager", "the developers' lead": whoever leads those people, not a job title
        if head.rstrip("s") == "developer":
            continue  # "a java developer": a developer of any kind is the Software Engineer ('developer' names it)
        if phrase.endswith(" lead") and phrase.split()[0] not in _LEAD_KINDS:
            continue  # "backgrounds lead into …": a verb, not a Tech Lead
        try:
            resolve_role(kb, phrase)
        except RoleNotFound:
            unknown.append(phrase)
        except RolegraphError:
            continue
    return unknown


def _source_name(kb: KnowledgeBase, phrase: str) -> bool:
    """Whether ``phrase`` is part of the name of a source's author or publication ('The Pragmatic Engineer')."""
    return any(f" {phrase} " in f" {normalise(ref.creator)} " for ref in kb.sources().values())


def _company(kb: KnowledgeBase, words: str) -> bool:
    """Whether ``words`` are the name of a company the graph records."""
    from rolegraph.ask.retrieve import index

    return any(kind == "hiring" and normalise(label) == words for label, kind in index(kb).named(tx.stems(words.split())))


def _part_said(words: list[str], start: int, end: int) -> tuple[str, int]:
    """The part a role named at ``start`` (up to ``end``) plays and how many words before it say so, read off the words
    just before it ([parts] in cues.toml): the longest phrase found wins ('end up as a' is where a move goes although 'as
    a' is where one comes from; 'same thing as a' compares), a source on a tie; else off the words right after it
    ([parts_after]: 'developer here')."""
    found = [(len(p.split()), -i, part) for i, (part, phrases) in enumerate(tx.vocabulary()["parts"].items()) for p in phrases
             if words[max(0, start - len(p.split())) : start] == p.split()]
    after = [part for part, phrases in tx.vocabulary().get("parts_after", {}).items() for p in phrases
             if words[end : end + len(p.split())] == p.split()]
    return (max(found)[2], max(found)[0]) if found else (after[0], 0) if after else ("subject", 0)


def _title_terms(words: list[str], quoted: set[int], roles: list[PlanRole]) -> list[str]:
    """A name quoted as a title asks about titles, and about the words of the role asked that the title leaves out
    ('a job title that just says product manager, could it be a technical pm role': 'technical')."""
    if not quoted:
        return []
    said = {words[i] for i in quoted}
    return ["title", *(w for r in roles for w in r.label.lower().split() if w not in said)]


def _quoted(words: list[str], mentions: list[tuple[int, str, list[RoleRef]]]) -> set[int]:
    """Where a role's name is quoted as what a title or posting reads ('a job title that just says product manager',
    [parts].title), with the words that quote it: a name, neither a role asked about nor a subject of the question."""
    at: set[int] = set()
    for start, phrase, _ in mentions:
        part, said = _part_said(words, start, start + len(phrase.split()))
        if part == "title":
            at |= set(range(start - said, start + len(phrase.split())))
    return at


def _roles(kb: KnowledgeBase, words: list[str], mentions: list[tuple[int, str, list[RoleRef]]]) -> tuple[
        list[PlanRole], list[dict[str, Any]], list[str]]:
    """The roles named, the ambiguous short forms (unresolved), and notes on how short forms were read."""
    named = {r.iri for _, _, readings in mentions if len(readings) == 1 for r in readings}
    kinds = {str(r["role"]): str(r["kind_of"] or "") for r in kb.named("role-info", role=tuple(IRI(i) for i in sorted(named))).records()} if named else {}
    parents = {kinds[i] for i in named if kinds.get(i)}
    roles: list[PlanRole] = []
    ambiguous: list[dict[str, Any]] = []
    assumptions: list[str] = []
    contrasted = _contrasted(kb, words, mentions)
    if contrasted:
        assumptions.append(" and ".join(f"'{p.upper()}'" for p in contrasted) + " offered side by side: read as the "
                           + " and the ".join(r.label for r in contrasted.values()) + ".")
    for start, phrase, readings in mentions:
        chosen: list[RoleRef] = [contrasted[phrase]] if phrase in contrasted else readings
        if len(readings) > 1 and {TECH_PM, TECH_PGM} <= {r.iri for r in readings} and _both(words, start, phrase):
            for iri, label in TPM_ROLES.items():
                if all(r.iri != iri for r in roles):
                    roles.append(PlanRole(iri, label, "compared"))
            continue
        if len(chosen) > 1:
            parent = [r for r in readings if r.label in parents and r.iri not in named]
            usual = usual_reading(kb, phrase)
            if usual and usual not in named and (parent or named & {r.iri for r in readings}):  # "pm or tpgm", "pm or pgm":
                parent = [r for r in readings if r.iri == usual]  # PM in its usual reading, not the role set against it
            if parent:  # "PM" beside "Tech PM": the plain role the Tech PM is a kind of
                chosen = parent[:1]
                assumptions.append(f"'{phrase.upper()}' read as {chosen[0].label}, beside {', '.join(r.label for r in _labels(kb, named))}.")
            else:
                ambiguous.append({"text": phrase, "readings": [r.label for r in readings], "iris": [r.iri for r in readings],
                                  "usual": usual_reading(kb, phrase)})
                continue
        ref = chosen[0]
        part = _part_said(words, start, start + len(phrase.split()))[0]
        if part == "title":
            assumptions.append(f"'{phrase}' read as the title a posting gives, not as a role asked about.")
            continue
        if roles and _listed(words, start, mentions):
            part = roles[-1].part  # "become a Tech PM or a Tech PgM": both are where the move goes
        if all(r.iri != ref.iri for r in roles):
            roles.append(PlanRole(ref.iri, ref.label, part))
    return roles, ambiguous, assumptions


def _contrasted(kb: KnowledgeBase, words: list[str], mentions: list[tuple[int, str, list[RoleRef]]]) -> dict[str, RoleRef]:
    """Two short forms offered as a choice ('pm or tpm', 'the pm or the tpm'), where one usually means a role (PM: the Product
    Manager) that one TPM reading is a kind of: the pair contrasts that role with the other TPM reading (the Technical
    Program Manager). Each short form with the reading it takes; empty when the question has no such pair."""
    short = [(phrase, readings) for _, phrase, readings in mentions if len(readings) > 1]
    tpm = [(p, rs) for p, rs in short if {TECH_PM, TECH_PGM} <= {r.iri for r in rs}]
    at = [(s, s + len(p.split())) for s, p, rs in mentions if len(rs) > 1]
    if len(short) != 2 or len(tpm) != 1 or words[at[0][1] : at[1][0]] not in (["or"], *(["or", a] for a in _ARTICLES)):
        return {}  # 'pm or the tpm' offers the two; 'tpm vs pm', 'a tpm and a pm' ask what the short forms name
    (plain, readings), = [(p, rs) for p, rs in short if p != tpm[0][0]]
    usual = next((r for r in readings if r.iri == usual_reading(kb, plain)), None)
    kind = {str(r["role"]): str(r["kind_of"] or "") for r in kb.named("role-info", role=(IRI(TECH_PM), IRI(TECH_PGM))).records()}
    if usual is None or kind.get(TECH_PM) != usual.label or kind.get(TECH_PGM) == usual.label:
        return {}
    return {plain: usual, tpm[0][0]: RoleRef(TECH_PGM, TPM_ROLES[TECH_PGM])}


def _listed(words: list[str], start: int, mentions: list[tuple[int, str, list[RoleRef]]]) -> bool:
    """Whether the role named at ``start`` follows another role mention with only 'or'/'and' (and an article, or a 'for'
    said again: 'to learn for tech pm and for tpgm') between."""
    ends = {s + len(p.split()) for s, p, _ in mentions if s < start}
    return any(words[end:start] in (["or"], ["and"], ["or", "a"], ["or", "an"], ["or", "the"], ["and", "a"], ["and", "an"], ["and", "the"],
                                    ["and", "for"], ["or", "for"], ["and", "for", "a"], ["and", "for", "the"]) for end in ends)


_BOTH = tx.word_set("both")


def _offered_moves(words: list[str], mentions: list[tuple[int, str, list[RoleRef]]], roles: list[PlanRole]) -> list[PlanRole]:
    """A choice between moves that names no direction ('for a dev, which is the usual next step: product or program?'):
    the roles offered with 'or' are where the move goes, the one other role where it starts; ``roles`` as they are
    otherwise."""
    offered = {r.iri for s, p, refs in mentions for r in refs if len(refs) == 1 and (
        _listed(words, s, mentions) or any(_listed(words, o, [(s, p, refs)]) for o, _, _ in mentions if o > s))}
    offered = {iri for iri in offered if any(r.iri == iri for r in roles)}
    start = [r for r in roles if r.iri not in offered]
    if len(offered) < 2 or len(start) != 1:
        return roles
    return [replace(start[0], part="source"), *(replace(r, part="target") for r in roles if r.iri in offered)]


def _both(words: list[str], start: int, phrase: str) -> bool:
    """'the two TPM roles', 'both TPMs', 'which tpm type': the two TPM roles, not one unknown reading."""
    near = set(words[max(0, start - 3) : start + len(phrase.split()) + 2])
    return bool(near & _BOTH) or (start > 0 and words[start - 1] == "which")  # "belongs to which tpm": one of the two


def _labels(kb: KnowledgeBase, iris: set[str]) -> list[RoleRef]:
    return [resolve_role(kb, i) for i in sorted(iris)]


# --- the plan -----------------------------------------------------------------------------------


_WH = tx.word_set("question_words")


#: A count and its noun: a plural at most three words after the count words ("how many levels", "number of ic levels",
#: "count the social network companies", "counting the uk government product levels").
_COUNTED = re.compile(r"\b(?:how many|number of|count(?:ing)?(?: of| the)?)\s+(?:\w+\s+){0,3}?(\w+s)\b")


def _counted_noun(question: str, intents: list[str], form: str) -> str:
    """The noun a count asks about ('how many levels …': levels; 'social networks named …, how many': networks); a count
    of a ladder that names none ('dropbox tpm ladder length?') counts its levels (the first word of ``[answer_words].rungs``); "" when no count is asked."""
    said = tx.words(question)
    m = _COUNTED.search(" ".join(said))
    if m:
        return m.group(1)
    if said[-2:] == ["how", "many"]:  # "social networks named as employers, how many": the first plural of what comes before
        return next((w for w in tx.content_words(said[:-2]) if len(w) > 3 and w.endswith("s") and not w.endswith("ss")), "")
    return tx.vocabulary()["answer_words"]["rungs"][0] if form == "count" and "levels" in intents else ""


#: An arrow between two roles: a move from one to the other.
_ARROW = re.compile(r"-+>|→|=>|⇒")
#: Words that open a place, setting or standpoint before the question itself ("at amazon, does …", "in a startup do …",
#: "as a pm-t will i …").
_PLACE = tx.word_set("place")


#: Words that open a condition before the question itself ("if a launch slips is it on the tpgm").
_CONDITION = tx.word_set("condition")
#: Words that can follow the opener of a closed question as its subject ("is it", "will i", "does the").
_SUBJECT = tx.word_set("subject")
#: Two role mentions (``|``) with an "or" between them, a word or two apart: "a tech pm thing or a tech pgm thing".
_ROLE_OR_ROLE = re.compile(r"\| (?:[^|\s]+ ){0,2}or (?:[^|\s]+ ){0,2}\|")


def _after_condition(c: Cues, words: list[str]) -> str:
    """The opener of the closed question after a condition ('a launch slips is it …' → 'is') or of a choice ('i love
    talking to customers which tpm …' → 'which'), '' when there is none before another question word ('we launch but …
    who gets blamed')."""
    for i, w in enumerate(words[:-1]):
        if w in _WH:
            return w if w == "which" else ""
        if w in c.yes_no and words[i + 1] in _SUBJECT:
            return w
    return ""


def _alternative(words: list[str], stemmed: list[str]) -> set[str]:
    """The words only the alternative of a closed question has ('on the rise or dying out', 'true or false'): the first
    reading decides it, so they are no subject the graph must know; none when a role follows the 'or' (a choice)."""
    if "or" not in words[2:]:
        return set()
    at = len(words) - 1 - words[::-1].index("or")
    return set() if "|" in stemmed[at:] else set(words[at + 1 :]) - set(words[:at])


def _closing_yes_no(c: Cues, question: str) -> bool:
    """Whether the question's last clause is a closed one ('…, do they exist?')."""
    clauses = [tx.words(part) for part in question.split(",")[1:]]
    return bool(clauses and clauses[-1] and clauses[-1][0] in c.yes_no and not set(clauses[-1]) & _WH)


_LOW, _HIGH = tx.word_set("low"), tx.word_set("high")


def _end_to_end(words: list[str], at: int) -> bool:
    """Whether an order from one end to the other starts at ``at``: 'least technical to most', 'most to least'."""
    ends = (_LOW, _HIGH) if words[at] in _LOW else (_HIGH, _LOW) if words[at] in _HIGH else None
    if ends is None:
        return False
    to = next((i for i in range(at + 1, min(at + 4, len(words))) if words[i] == "to"), None)
    return to is not None and words[to + 1 : to + 2] != [] and words[to + 1] in ends[1]


#: A question mark at the end, or before a few words of the asker's guess ("…? i think not").
_ASKED = re.compile(r"\?(?:\W*\w+){0,4}\W*$")


def _form(c: Cues, words: list[str], stemmed: list[str], intents: list[str], roles: list[PlanRole], question: str) -> str:
    question_mark = bool(_ASKED.search(question))
    opener = next((w for w in words if w not in ("and", "so", "but", "ok", "okay", "hey", "hi", "well", "also", "then", "now")), "")
    if opener in _PLACE and (after := [w for w in words[words.index(opener) + 1 : words.index(opener) + 10] if w in c.yes_no or w in _WH]):
        opener = after[0]  # "at dropbox is a tpm the product one", "between A and B, who …": the question opens after it
    if opener not in _WH and opener not in c.yes_no and (after_colon := tx.words(_BREAK.split(question, maxsplit=1)[1:][0] if _BREAK.search(
            question) else "")) and (after_colon[0] in _WH or after_colon[0] in c.yes_no):
        opener = after_colon[0]  # "tpgm vs tech pm: who needs deeper architecture chops", "dependency mgmt - which tpm": the
        # question opens after the colon or dash
    scoped, _, rest = question.partition(",")
    if opener not in _WH and opener not in c.yes_no and rest and _scope(c, _seedless(tx.words(scoped))) != "any" and (
            after_scope := tx.words(rest)) and (after_scope[0] in _WH or after_scope[0] in c.yes_no):
        opener = after_scope[0]  # "going only by the seed, does a tpgm decide …": the question opens after its scope
    if opener not in _WH and opener not in c.yes_no and (after_seed := _after_seed(c, words)):
        opener = after_seed  # "per the article is the tech pm still a pm": the question opens after the seed is named
    if opener in _CONDITION and (closed := _after_condition(c, words[words.index(opener) + 1 :])):
        opener = closed  # "if a launch slips is it on the tpgm": the closed question after the condition
    stemmed = [s if s != "no" or stemmed[i + 1 : i + 2] in ([], ["or"]) else "" for i, s in enumerate(stemmed)]  # "with no
    # reports", "no code": a determiner, no answer word ("yes or no", "…, no?" still are)
    forms = score(c.forms, stemmed)
    forms = {n: max(forms.get(n, 0), w) for n, w in score(c.forms, loose(c, stemmed)).items()}
    if any(_end_to_end(words, i) for i in range(len(words))):
        forms["rank"] = max(forms.get("rank", 0), 3)  # "least technical to most", "most senior to least": an order
    if len([r for r in roles if r.part != "source"]) >= 2 and any(s == "which" and stemmed[i + 1 : i + 2] == ["|"] for i, s in enumerate(stemmed)):
        forms["which-one"] = max(forms.get("which-one", 0), 3)  # "…across 6 teams, which tpm do we need": one of the roles
    joined = " ".join(words)
    choice = len([r for r in roles if r.part != "source"]) >= 2 and (opener in ("which", "who", "whose", "is", "are", "does", "do") or question_mark)
    if choice and _OR_CHOICE.search(joined) and not forms.get("rank"):  # not "yes or no", "or not": the answer's alternatives
        return "which-one"
    if len([r for r in roles if r.part != "source"]) >= 2 and _ROLE_OR_ROLE.search(" ".join(stemmed)) and not forms.get("rank"):
        return "which-one"  # "dependency map - a tech pm thing or a tech pgm thing": the roles are the choices
    request = re.search(r"\b(?:can|could|would|will) (?:you|u) (\w+)", joined)  # "can you name …" asks for a list
    the_one = any(tx.find_phrase(stemmed, tx.phrase_stems(p)) >= 0 for p in tx.vocabulary()["yes_no"].get("the_one", []))
    if opener in c.yes_no and (not forms.get("which-one") or the_one) and not forms.get("count") and not _open_tail(words) and not (
            request and request.group(1) in _WH):  # "is the tpgm the one who does …" asks about the role named
        return "yes-no"
    if not forms and opener not in _WH and _closing_yes_no(c, question):
        return "yes-no"  # "spotify tech pm openings, do they exist"
    if question_mark and not set(words) & _WH and not (set(forms) - {"yes-no"}) and "s" not in words and _claims(
            c, question, words, stemmed):  # "tpgm's team?", "tech pm planning horizons?": a noun phrase asks for the thing
        return "yes-no"  # "tpgm owns product roadmap?", "tech pm = a kind of pm?"
    if opener == "who" and not roles:
        return "which-one"
    if opener in ("which", "who") and len(roles) >= 2 and not forms and (
            not intents or (set(intents) <= {"compare"} and _asks_which(words))):
        return "which-one"  # "which tpm talks to customers more", "A vs B: who needs deeper …": one of the roles
    if forms:
        best = max(forms.items(), key=lambda kv: (kv[1], -list(c.forms).index(kv[0])))[0]
        if best == "define" and intents and intents[0] not in ("definition", "abbreviation"):
            return "list"
        return best
    if intents and intents[0] in ("definition", "abbreviation"):
        return "define"
    if intents and intents[0] == "transitions" and any(r.part == "source" for r in roles) and any(r.part == "target" for r in roles):
        return "route"
    return "list"


#: An "or" that offers a choice: not before a word of an answer's own alternative ("…? yes or no", "or not").
_OR_CHOICE = re.compile(rf"\bor (a |an |the )?(?!(?:{'|'.join(map(re.escape, tx.word_list('answer_alternatives')))})\b)[a-z]")


#: How far into a question a phrase naming the seed may end for the question to open after it ('according to the seed').
_SEED_LEAD = 5


def _after_seed(c: Cues, words: list[str]) -> str:
    """The question word or closed opener right after a phrase naming the seed near the start ('per the article is …',
    'according to the seed does …'); '' when there is none."""
    stemmed = tx.stems(words[:_SEED_LEAD])  # as typed: the words citing the seed are no cue of the plan's reading
    ends = [at + len(p) for p in c.seed if (at := tx.find_phrase(stemmed, p)) >= 0 and at + len(p) <= _SEED_LEAD]
    after = words[max(ends)] if ends and max(ends) < len(words) else ""
    return after if after in _WH or after in c.yes_no else ""


#: What sets a topic before its question apart: a colon or a free-standing dash ('dependency mgmt - which tpm').
_BREAK = re.compile(r":|\s[-\u2013\u2014]\s")


def _open_tail(words: list[str]) -> bool:
    """Whether the question ends asking for the items ('…, like what?', 'what are they?'; ``[yes_no].open_tails``)."""
    return any(words[-len(p.split()) :] == p.split() for p in tx.vocabulary()["yes_no"]["open_tails"])


def _asks_which(words: list[str]) -> bool:
    """Whether 'who' or 'which' is followed by a comparative ('who talks to customers more', 'who needs deeper …')."""
    at = next((i for i, w in enumerate(words) if w in ("who", "which")), None)
    said = tx.word_set("more") | tx.word_set("fewer") | tx.word_set("comparatives")
    return at is not None and any(w in said for w in words[at + 1 :])


#: Cue words that ask what a name means: of a full title ("tech product manager meaning?") they ask for its definition.
_MEANING = tx.word_set("meaning")


#: An '=' with something after it ('tech pm = a kind of pm?'), not '= ?'.
_EQUALS_SOMETHING = re.compile(r"=\s*[^\s?]")


def _claims(c: Cues, question: str, words: list[str], stemmed: list[str]) -> bool:
    """Whether a question with no question word asserts something to confirm: an '=', a yes/no word after the
    first ('…, can that work?', '… possible?') or a claim verb ('owns', 'codes'); a bare noun phrase asks for a list,
    and so does one set equal to nothing ('tech pm short form = ?')."""
    return bool(_EQUALS_SOMETHING.search(question)) or bool(set(words[1:]) & c.yes_no) or any(s in c.claims for s in stemmed)


def loose(c: Cues, stemmed: list[str]) -> list[str]:
    """``stemmed`` without role names (``|``), the article just before one, and filler words ([fillers] in cues.toml),
    so that a cue phrase is found around them: 'what even is', 'how many job roles', 'sets the program side apart'."""
    return [stemmed[i] for i in loose_positions(c, stemmed)]


def loose_positions(c: Cues, stemmed: list[str]) -> list[int]:
    """Positions :func:`loose` keeps."""
    return [i for i, s in enumerate(stemmed) if s != "|" and s not in c.fillers
            and not (s in _ARTICLES and stemmed[i + 1 : i + 2] == ["|"])]


_ARTICLES = tx.word_set("articles")
#: Words that set one role against another ("a vs b").
_AGAINST = tx.word_set("against")


def _cue_words(table: dict[str, list[Cue]], stemmed: list[str], names: list[str]) -> set[int]:
    """Positions of the words that the cue phrases of ``names`` cover."""
    covered: set[int] = set()
    kept = loose_positions(cues(), stemmed)
    around = [stemmed[i] for i in kept]
    for name in names:
        for phrase, _ in table.get(name, []):
            at = tx.find_phrase(stemmed, phrase) if phrase else -1
            if at >= 0:
                covered.update(range(at, at + len(phrase)))
            at = tx.find_phrase(around, phrase) if phrase else -1
            if at >= 0:  # found around a role name or a filler word
                covered.update(kept[at : at + len(phrase)])
    return covered


def intent_scores(c: Cues, stemmed: list[str]) -> dict[str, int]:
    """Each intent's score: the weights of its cue phrases found, also around a role name or a filler word ("a typical
    project manager day"). Intents with no cue found are left out. A length of time ("slipped by 3 weeks") is no cue of
    a routine: its unit is not read."""
    stemmed = _without_durations(c, stemmed)
    cue = score(c.intents, stemmed)
    around = score(c.intents, loose(c, stemmed))
    beside = score(c.intents, [s for s in stemmed if s != "|"])  # "where are tpm jobs": a cue with a filler word of its own
    if _whom_with(stemmed):
        cue["team"] = max(cue.get("team", 0), 3)
    return {n: max(cue.get(n, 0), around.get(n, 0), beside.get(n, 0)) for n in sorted(cue | around | beside)}


def _whom_with(stemmed: list[str]) -> bool:
    """'who does a tech pgm spend most of their time working with', 'who does a pm sit with every week': a question
    opened by 'who' that ends on 'with' (a time may follow) asks for the role's partners, whatever the verb."""
    return bool(stemmed) and stemmed[0] in ("who", "whom") and "with" in stemmed[-3:] and "with" not in stemmed[1:-3]


def _without_durations(c: Cues, stemmed: list[str]) -> list[str]:
    """``stemmed`` with each unit of a length of time blanked ([durations] in cues.toml): a unit after a count ("3 weeks",
    "a couple of days", "by a week", not "day by day") or before a word of delay ("a week late")."""
    d = c.durations
    out = list(stemmed)
    for i, s in enumerate(stemmed):
        if s not in d["units"]:
            continue
        j = i - 1
        while j >= 0 and stemmed[j] in d["between"]:
            j -= 1
        counted = j >= 0 and (stemmed[j] in d["before"] or stemmed[j].isdigit() or (stemmed[j] in d["before_between"] and j < i - 1))
        if counted or (i + 1 < len(stemmed) and stemmed[i + 1] in d["after"]):
            out[i] = "#"
    return out


def _ranked_intents(c: Cues, scores: dict[str, int]) -> list[str]:
    """Intents by score, best first: the best one, and every other one that names itself outright (score ≥ 3)."""
    order = {name: i for i, name in enumerate(c.priority)}
    ranked = sorted((n for n, s in scores.items() if s >= INTENT_MIN), key=lambda n: (-scores[n], order.get(n, 99)))
    return absorbed(c, ranked[:1] + [n for n in ranked[1:] if scores[n] >= 3])


def absorbed(c: Cues, intents: list[str]) -> list[str]:
    """``intents`` without those another one of them answers ([absorbs] in cues.toml: "what should I learn to become …"
    is the route's skill gap, "which skills separate" asks no skill list of its own)."""
    return [i for i in intents if not any(o != i and (i in c.absorbs.get(o, ()) or "*" in c.absorbs.get(o, ())) for o in intents)]


def _named(kb: KnowledgeBase, words: list[str], stemmed: list[str]) -> dict[str, list[str]]:
    """Skills, activities and companies whose labels the question names (by stems)."""
    from rolegraph.ask.retrieve import index

    found: dict[str, list[str]] = {"skill": [], "activity": [], "hiring": []}
    for label, kind in index(kb).named(stemmed):  # by the label's first words: "customer discovery" names
        if label not in found[kind]:  # "customer discovery and user research"
            found[kind].append(label)
    for phrase, label in tx.vocabulary().get("skill_words", {}).items():  # "do tpgms code": writing code
        # the words as typed, not their stems: 'programming' is writing code, 'program' is not
        if tx.find_phrase(words, tuple(phrase.split())) >= 0 and label not in found["skill"] and not any(
                label.split()[-1] in known for known in found["skill"]):
            found["skill"].append(label)
    return found


def _people(kb: KnowledgeBase, words: list[str]) -> list[str]:
    """Source authors the question names by surname ('orosz') or in full; organisations ('The …') are not people."""
    return list(dict.fromkeys(person for person, _, _ in _writers(kb, words) if person))


def _writers(kb: KnowledgeBase, words: list[str]) -> list[tuple[str, int, int]]:
    """Where the question names a source's author (in full, by surname or by a first name only they have) or
    publication: (the author's name, or '' for a publication without one; start; end)."""
    from rolegraph.ask.retrieve import index

    found: list[tuple[str, int, int]] = []
    writers = _writer_names(kb)
    firsts = [names[0] for _, names, publication in writers if not publication]
    for person, names, publication in writers:
        whole = tx.find_phrase(words, names)
        alone = [n for n in ((names[-1], names[0]) if firsts.count(names[0]) == 1 else (names[-1],)) if n in words]
        if whole >= 0:
            found.append((person, whole, whole + len(names)))
        elif not publication and alone and len(alone[0]) >= 4 and not index(kb).common(alone[0]):  # "business" is a word, not a name
            at = words.index(alone[0])  # the surname, or a first name no other writer has ("who is gergely")
            found.append((person, at, at + 1))
    return found


@functools.lru_cache(maxsize=4)
def _writer_names(kb: KnowledgeBase) -> tuple[tuple[str, tuple[str, ...], bool], ...]:
    """Each source's authors (2-3 capitalised words, surname of 4+ letters) and publications ('The Pragmatic Engineer',
    cited for its author): (the person, the name's words, whether a publication)."""
    out: dict[tuple[str, tuple[str, ...], bool], None] = {}
    for ref in kb.sources().values():
        for person in re.split(r",|/| and |\(", ref.creator):
            names = normalise(person).split()
            if person.strip().startswith("The "):
                title = tuple(names[1:] if names[:1] == ["the"] else names)
                if len(title) >= 2:
                    out[(_author(ref.creator), title, True)] = None
                continue
            proper = all(w[:1].isupper() for w in person.split()) and not re.search(r"[.()]", person)
            if proper and 2 <= len(names) <= 3 and len(names[-1]) >= 4:
                out[(person.strip(), tuple(names), False)] = None
    return tuple(out)


def _author(creator: str) -> str:
    """The person among a source's creators ('Gergely Orosz, The Pragmatic Engineer' → 'Gergely Orosz'), else ''."""
    return next((p.strip() for p in creator.split(",") if not p.strip().startswith("The ") and len(p.split()) in (2, 3)), "")


def _cited(c: Cues, kb: KnowledgeBase, words: list[str], stemmed: list[str]) -> set[int]:
    """Positions of the sources the question cites as the ground of a claim ('according to kalmykov, …', 'the pragmatic
    engineer on …', 'companies kalmykov lists'), not as its subject ('how did kalmykov become …'): a source or its
    author named right after an attribution phrase or right before one ([attribution] in cues.toml)."""
    spans = [(s, e) for _, s, e in _writers(kb, words)]
    for phrase in c.writers:
        at = tx.find_phrase(stemmed, phrase)
        if at >= 0:
            spans.append((at, at + len(phrase)))
    cited: set[int] = set()
    for s, e in spans:
        while s and words[s - 1] in _ARTICLES | {"vladimir"}:
            s -= 1
        before = max((len(p) for p in c.cited_before if tuple(stemmed[max(0, s - len(p)) : s]) == p), default=0)
        after = max((len(p) for p in c.cited_after if tuple(stemmed[e : e + len(p)]) == p), default=0)
        if before or after:
            cited.update(range(s - before, e + after))  # the source and the words that cite it
    return cited


def parse(kb: KnowledgeBase, question: str, previous: Plan | dict[str, Any] | None = None) -> Plan:
    """How ``question`` is understood (a follow-up is read against ``previous``); never raises."""
    from rolegraph.ask.retrieve import index

    index(kb)  # opened first: the role names are looked up in it
    prev = Plan.from_dict(previous) if isinstance(previous, dict) else previous
    question = tx.spelt_out(tx.clip(question))
    c = cues()
    rest, bystanders = _without_bystanders(kb, question)
    if bystanders:  # "my boss is an em and i'm a swe, how do i …": the boss's job is context, not a role asked about
        plan = parse(kb, rest, prev)
        plan.question = question
        plan.assumptions += [f"'{b}' read as context about someone else, not as a role asked about." for b in bystanders]
        return plan
    chatter, rest = _without_chatter(kb, c, question)
    if chatter:  # "having trouble: what does a tpm own": a remark around the question, no subject of its own
        plan = parse(kb, rest, prev)
        plan.question = question
        plan.assumptions.append(f"'{chatter}' read as a remark around the question, not as what it asks.")
        return plan
    words = tx.words(question)
    stemmed = tx.stems(words)
    pointed = _pointed_back(kb, c, question)
    whole = pointed or _single(kb, question, c)
    parts = _joined_back(c, _joined_concerns([p for p in tx.split_parts(question) if tx.content_words(tx.words(p))]))
    parts = _joined_cited(kb, c, parts)
    parts = _joined_pairs(kb, c, parts, question)
    if len(parts) > 1 and not pointed:
        subs = [_single(kb, p, c) for p in parts]
        apart = _own_roles(c, subs, question)  # the same intent asked of different roles in different words
        if apart and whole.intents:  # "how many engineers does an em manage and how many teams …"
            for s in subs:
                s.intents = s.intents or whole.intents[:1]  # a part with no cue of its own asks what the whole question asks
        apart = apart and all(s.intents for s in subs)
        subs = [s for s in subs if s.intents]
        tops = list(dict.fromkeys(s.intents[0] for s in subs))
        asked = list(dict.fromkeys(s.intents[0] for s in subs if _asks(c, s.question, question)))  # not "my title is …": context
        if apart or (len(tops) > 1 and (len(whole.intents) > 1 or len(absorbed(c, asked)) > 1 or _beside_person(subs))):  # "…, and which org they sit in"
            for s in subs:  # a part that names no role is about the roles of the whole question
                if not s.roles:
                    s.roles = list(whole.roles)
                elif s.intent in _PAIRED and len(s.roles) < 2 <= len(whole.roles):  # "…, and how is that role different
                    s.roles = [replace(r, part="compared") for r in whole.roles]  # from a tech pgm": the roles asked before too
            whole.parts = subs
            whole.intents = list(dict.fromkeys(i for s in subs for i in s.intents[:1]))
            return _finish(kb, whole, words, stemmed, c, prev)
    return _finish(kb, whole, words, stemmed, c, prev)


def _beside_person(subs: list[Plan]) -> bool:
    """Whether a question about a person has a part about something else, which the person's answer does not cover: a
    part naming a role or pointing at a thing ('who wrote the seed and what domains does it list', 'author + tech pm
    domains'), not one pointing at the person ('… and where do they work')."""
    return any("person" in s.intents for s in subs) and any(
        "person" not in s.intents and s.intents and (s.roles or set(tx.words(s.question)) & _THING) for s in subs)


#: Words that point back at a thing, not a person ("what domains does it list").
_THING = tx.word_set("thing_pointers")
#: Words that open a part telling of the asker or someone they know ("my team lead got promoted to em"): context.
_TELLING = tx.word_set("telling")
_OWNERS, _HOLDS, _OWN_THINGS = (tx.word_set(n) for n in ("owners", "holds", "own_things"))
_THIRD_PERSON, _FIRST_PERSON = tx.word_set("third_person"), tx.word_set("first_person")


def _someone_elses_job(kb: KnowledgeBase, said: list[str]) -> bool:
    """Whether a clause tells of someone else's job: 'my boss is an em', 'our cto was a tech pm' (the person named by
    words that are no role, then a role after the verb); not 'my tpm interview is tomorrow', 'my title is pm'."""
    verb = next((i for i in (2, 3) if i < len(said) and said[i] in _HOLDS), None)
    if verb is None or said[0] not in _OWNERS or said[1] in _OWN_THINGS:
        return False
    return not find_roles_in_text(kb, " ".join(said[1:verb])) and bool(find_roles_in_text(kb, " ".join(said[verb + 1 :])))


def _without_bystanders(kb: KnowledgeBase, question: str) -> tuple[str, list[str]]:
    """The question without the clauses of its context that tell of someone else's job ("my boss is an em") when what
    is asked is about the asker ("… and i'm a swe, how do i become a tech pgm"), and those clauses. Nothing is dropped
    when an asked part points at a third person ("… what would she need"), who may be the one with that job."""
    parts = tx.split_parts(question)
    clauses = [c.strip() for p in parts for c in re.split(r",|\band\b", p) if c.strip()]
    said = [tx.words(c) for c in clauses]
    other = [c for c, w in zip(clauses, said, strict=True) if _someone_elses_job(kb, w)]
    rest = [w for c, w in zip(clauses, said, strict=True) if c not in other]
    kept = question
    if len(other) == 1 and (held := _THEIR_JOB.search(kept)) and any(set(w) & _FIRST_PERSON for w in rest):
        roles = find_roles_in_text(kb, " ".join(_as_titles(tx.words(other[0]))))  # "… how do i get her job": a goal
        if len(roles) == 1 and len(roles[0][2]) == 1:
            kept = kept[: held.start()] + f"a {roles[0][2][0].label.lower()}" + kept[held.end() :]
            rest = [[w for w in r if w not in _THIRD_PERSON] for r in rest]
    if not other or any(set(w) & _THIRD_PERSON for w in rest) or not any(set(w) & _FIRST_PERSON for w in rest):
        return question, []
    for clause in other:
        kept = re.sub(r"^[\s,;.]*(?:and\b)?[\s,;.]*", "", kept.replace(clause, "", 1))
    return kept, other


#: A remark before the question, up to the first colon, comma, semicolon, spaced dash, full stop or exclamation mark.
_REMARK = re.compile(r"^\s*([^:,;.!?]{1,60}?)\s*(?::|,|;|\s[-\u2013\u2014]+\s|[.!]\s)\s*(\S.*)$", re.DOTALL)
#: At most this many words make a remark ("been stuck on this for days").
_REMARK_WORDS = 7
#: Intents whose cues a remark may hold, as they ask nothing without a role ("noob question", "so confused").
_REMARK_INTENTS = tx.word_set("remark_intents")


def _without_chatter(kb: KnowledgeBase, c: Cues, question: str) -> tuple[str, str]:
    """A remark opening the question ('genuinely curious:', 'quick sanity check -', 'noob question,') and the rest, or
    ("", question). A remark opens no condition ('in london, …'), has no question word, names no role, skill,
    activity, company, person, scope or number, cues no intent beyond :data:`_REMARK_INTENTS`, and has no word the
    graph's texts have beyond fillers, idioms and talk. The rest asks something of a role and does not point back at
    the remark ('kubernetes: does a tpm need it' keeps its subject)."""
    found = _REMARK.match(question)
    if found is None or not 0 < len(tx.words(found.group(1))) <= _REMARK_WORDS:
        return "", question
    remark, rest = found.group(1), found.group(2)
    said = tx.words(remark)
    if said[0] in _CONDITION_OPENERS or set(said) & (_WH | c.yes_no):
        return "", question  # "in london, what does a tpgm do": a condition; "which of what, why, …": the question
    plan = _single(kb, remark, c)
    if (set(plan.intents) - _REMARK_INTENTS or plan.roles or plan.ambiguous or plan.unknown_roles or plan.people
            or plan.skills or plan.activities or plan.companies or plan.scope != "any" or any(ch.isdigit() for ch in remark)):
        return "", question
    from rolegraph.ask.retrieve import index

    if any(index(kb).has(w) for w in _remark_words(c, said)):
        return "", question  # "release went out unfinished, whose head …": words the graph knows tell what is asked
    asked = _single(kb, rest, c)
    if not asked.intents or not (asked.roles or asked.ambiguous) or _REFERS_BACK.search(" ".join(tx.words(rest))):
        return "", question
    return remark, rest


def _remark_words(c: Cues, words: list[str]) -> list[str]:
    """The words of a remark that could say something: no stop word, filler, word of an idiom ('asking for a friend')
    or word of the talk itself ('dumb question')."""
    stemmed = tx.stems(words)
    idioms = _cue_words({"idiom": [(p, 1) for p in c.idioms]}, stemmed, ["idiom"])
    content = set(tx.content_words(words))
    return [w for i, w in enumerate(words) if i not in idioms and stemmed[i] not in c.fillers and w in content
            and w not in _REMARK_TALK]


_CONDITION_OPENERS, _REMARK_TALK = tx.word_set("condition_openers"), tx.word_set("remark_words")
_REFERS_BACK = re.compile(r"\b(?:{})\b".format("|".join(map(re.escape, tx.word_list("refers_back")))))


#: "her job", "his level": the job of the person a context clause tells of.
_THEIR_JOB = re.compile(r"\b(?:{}) (?:{})\b".format(*("|".join(tx.word_list(n)) for n in ("possessives", "held"))), re.IGNORECASE)

#: Words by which the asked part of a question points back at a role named in its context ("that person", "it").
_REFERS = re.compile(r"\b(?:(?:{}) (?:{})|{})\b".format(*("|".join(map(re.escape, tx.word_list(n))) for n in (
    "refers_determiners", "refers_nouns", "refers_pronouns"))))


def _pointed_back(kb: KnowledgeBase, c: Cues, question: str) -> Plan | None:
    """The plan of a question whose context names the role and whose asked part points back at it with nothing else
    asked ("saw 'technical product manager' on linkedin, what is that job", "my friend says she's a project manager,
    what's that mean"): the asked part read with the role in place of the words pointing back, the context's words no
    subject of their own. None when the question has no such shape."""
    parts = [p for p in tx.split_parts(question) if tx.words(p)]
    asked = [p for p in parts if _asks(c, p, question)]
    if len(parts) < 2 or len(asked) != 1 or find_roles_in_text(kb, " ".join(_as_titles(tx.words(asked[0])))):
        return None
    named = [m for p in parts if p not in asked for m in find_roles_in_text(kb, " ".join(_as_titles(tx.words(p))))]
    said = " ".join(tx.words(asked[0]))
    if len(named) != 1 or len(named[0][2]) != 1 or not _REFERS.search(said):
        return None
    if any(_single(kb, p, c).intents for p in parts if p not in asked and tx.words(p)[0] not in _TELLING):
        return None  # "two things: tech pgm deliverables, and what they're judged on": the first part asks too
    role = named[0][2][0]
    plan = _single(kb, _REFERS.sub(f"a {role.label.lower()}", said, count=1), c)
    if not all(_known(kb, c, t) for t in plan.topic) or not (plan.intents or plan.skills) or [r.iri for r in plan.roles] != [role.iri]:
        return None  # "how is he evaluated at work": a subject the graph's texts have is still about the role
    plan.question = question
    plan.assumptions.append(f"The question points back at the {role.label} named before it.")
    return plan


def _own_roles(c: Cues, subs: list[Plan], question: str) -> bool:
    """Whether every part asks something of its own roles, none shared with another part: each is answered apart
    (the same intent about two roles can ask two different things)."""
    iris = [{r.iri for r in s.roles} for s in subs]
    every = [iri for group in iris for iri in group]
    return len(subs) > 1 and all(iris) and len(every) == len(set(every)) and all(_asks(c, s.question, question) for s in subs)


def _asks(c: Cues, part: str, question: str) -> bool:
    """Whether a part of a question asks something rather than giving context ('my title is program manager'): it
    opens with a question word or a yes/no opener (after any introduction ending in a colon: 'two things: what …'),
    or the asker put a question mark after it ('tech pgm: main outputs?') or after the part it is added to ('em team
    size plus tpgm team count?')."""
    said = [w for w in tx.words(part.rsplit(":", 1)[-1]) if w not in ("and", "so", "but", "also", "then", "tell", "me", "pls", "please")]
    if re.search(re.escape(part) + r"\s*\?", question) or (
            question.rstrip().endswith("?") and not set(said) & _TELLING  # not "my title is pgm plus i know sql, …?": context
            and re.search(re.escape(part) + r"\s*,?\s*(?:plus|and also|also)\b", question)):
        return True
    return bool(said) and (said[0] in _WH or said[0] in c.yes_no)


def _joined_concerns(parts: list[str]) -> list[str]:
    """Parts put back together where the split fell inside a list of concerns ('the when | who in a program')."""
    out: list[str] = []
    for part in parts:
        said = tx.words(part)
        if out and said and said[0] in _CONCERN_SET and tx.words(out[-1])[-1:] and tx.words(out[-1])[-1] in _CONCERN_SET:
            out[-1] = f"{out[-1]} and {part}"
        else:
            out.append(part)
    return out


#: Intents a question that names one role by two names asks as a question about the names ("pmt vs tech pm").
_NAMING = ("compare", "definition", "abbreviation", "separate", "shared")


#: Words by which a part of a question points back at the one before ("go no go call, who owns it").
_BACK = tx.word_set("back")
#: Of those, the words that point back at a thing or an event (not at roles: "which failures land on them" asks anew).
_THING = tx.word_set("thing")


def _joined_back(c: Cues, parts: list[str]) -> list[str]:
    """Parts put back together where a short part has no subject of its own, only cue words and a word pointing back
    ('…, who owns it', '…, whose job is that'), or only asks for the form of the answer ('…, what's the reason')."""
    form_words = {s for table in c.forms.values() for p, _ in table for s in p}
    out: list[str] = []
    for part in parts:
        said = tx.words(part)
        back = said and said[-1] in _BACK and len(said) <= (8 if said[-1] in _THING else 4) and all(
            w in c.known for w in tx.content_words(said[:-1]))  # "…, who usually takes the heat for that": the event before
        if out and said and (back or all(tx.stem(w) in form_words for w in tx.content_words(said))):
            out[-1] = f"{out[-1]}, {part}"
        else:
            out.append(part)
    return out


#: Words that may sit beside role names in a part that only names the roles in question ("dev vs tpgm").
_PAIRING = tx.word_set("pairing")


def _joined_pairs(kb: KnowledgeBase, c: Cues, parts: list[str], question: str) -> list[str]:
    """A part that asks nothing and only names roles ('dev vs tpgm, what changes?', '…? tech pgm vs tech pm') is the
    context of the part after it (before it, when it comes last): they are one question."""
    def pair_only(part: str, said: list[str]) -> bool:
        at = {i for start, phrase, _ in find_roles_in_text(kb, " ".join(_as_titles(said))) for i in range(start, start + len(phrase.split()))}
        return bool(at) and not _asks(c, part, question) and all(i in at or w in _PAIRING for i, w in enumerate(said))
    return _joined_context(parts, pair_only)


def _joined_context(parts: list[str], context: Callable[[str, list[str]], bool]) -> list[str]:
    """Each part that is only ``context`` (given the part and its words) joined to the part after it (before it, when
    it comes last)."""
    out: list[str] = []
    pending = ""
    for part in parts:
        if context(part, tx.words(part)):
            pending = f"{pending}{part}, "
        else:
            out.append(pending + part)
            pending = ""
    if pending and out:
        out[-1] = f"{out[-1]}, {pending.rstrip(', ')}"
    return out if out else [pending.rstrip(", ")]


def _joined_cited(kb: KnowledgeBase, c: Cues, parts: list[str]) -> list[str]:
    """A part that only cites a source ('according to kalmykov', 'per the article') joined to the part after it
    (before it, when it comes last)."""
    def cites(part: str, said: list[str]) -> bool:
        cited = _cited(c, kb, said, tx.stems(said))
        return bool(cited) and all(i in cited for i, w in enumerate(said) if w in tx.content_words([w]))
    return _joined_context(parts, cites)


def _corrected(kb: KnowledgeBase, c: Cues, words: list[str], skip: set[int]) -> list[str]:
    """Misspelt words put right against the words of the graph and the cue vocabulary ('reprots' → 'reports')."""
    from rolegraph.ask.retrieve import index

    idx = index(kb)
    out = list(words)
    for i, w in enumerate(words):
        if i in skip or len(w) < 3 or w.isdigit() or w in c.known or idx.known(w) or w in tx.stopwords():
            continue
        known, known_stems = _lexicon(idx, c.known)
        if tx.stem(w) in known_stems:
            continue  # another form of a known word ("prioritises" beside "prioritised")
        from rapidfuzz import process  # only for a word that may be misspelt
        from rapidfuzz.distance import OSA

        matches = process.extract(w, known, scorer=OSA.normalized_similarity, score_cutoff=0.8 if len(w) > 4 else 0.65, limit=5)
        matches.sort(key=lambda m: (-m[1], m[0]))  # ties in a fixed order, whatever the hash seed
        fits = [m[0] for m in matches if len(w) > 4 or sorted(m[0]) == sorted(w)]  # short words: swapped letters only
        if fits or (fits := _clipped(w, known)):
            out[i] = fits[0]
    return out


#: A clipped word has at least this many letters ('goog', 'abbrev'; not 'pub'), and this share of the word it clips.
_CLIP_MIN, _CLIP_SHARE = 4, 0.4
_VOWELS = re.compile(r"(?<=.)[aeiou]")


def _clipped(word: str, known: list[str]) -> list[str]:
    """The one known word (by stem) that ``word`` clips: its start ('goog' → 'google', 'abbrev' → 'abbreviation') or its
    letters without their vowels ('amzn' → 'amazon'); none when several words fit."""
    if not word.isalpha():
        return []
    fits = [k for k in known if (len(word) >= _CLIP_MIN and k.startswith(word) and len(word) >= _CLIP_SHARE * len(k)) or (
        len(word) >= 3 and not _VOWELS.search(word) and len(k) > len(word) and _VOWELS.sub("", k) == word)]
    return sorted(fits, key=len)[:1] if len({tx.stem(k) for k in fits}) == 1 else []


@functools.lru_cache(maxsize=4)
def _lexicon(idx: Any, cue_words: frozenset[str]) -> tuple[list[str], frozenset[str]]:
    """Every word of the graph and the cues (sorted, for a fixed order) and their stems, for spelling correction."""
    known = sorted(cue_words | idx.vocabulary())
    return known, frozenset(tx.stem(w) for w in known)


def _single(kb: KnowledgeBase, question: str, c: Cues) -> Plan:
    words = tx.words(_qualified_after(kb, question))
    titles = {i for _, s, e in _writers(kb, words) if len(words[s:e]) > 1 for i in range(s, e)}  # "the pragmatic engineer"
    mentions = [m for m in _unbroken(kb, _as_titles(words), _qualified_after(kb, question)) if not (m[0] and words[m[0] - 1].isdigit())
                and not titles & set(range(m[0], m[0] + len(m[1].split())))]
    mentions = [_non_technical(kb, words, m) for m in mentions]
    mentions = _shared_heads(kb, words, mentions)
    mentions = _technical_one(kb, words, mentions)
    mentions = [m for m in mentions if not (len(m[2]) == 1 and m[1].rstrip("s") in _PEOPLE_WORDS and (_unit(words, m) or _audience(words, m)))]
    typed = words
    words = _corrected(kb, c, words, {i for start, phrase, _ in mentions for i in range(start, start + len(phrase.split()))})
    labels = {start: readings for start, _, readings in mentions if len(readings) > 1}
    short_forms = {start: {r.iri for r in readings} for start, readings in labels.items()}
    mentions, read_as = in_context(kb, words, mentions)
    roles, ambiguous, assumptions = _roles(kb, words, mentions)
    assumptions = read_as + assumptions
    quoted = _quoted(words, mentions)
    role_at = {i for start, phrase, _ in mentions for i in range(start, start + len(phrase.split()))} | quoted
    stemmed = ["·" if i in quoted else "|" if i in role_at else s for i, s in enumerate(tx.stems(words))]  # "product" in
    # "product manager" is no cue; a title quoted ("the ad says product manager") is neither cue nor role
    seedless = _seedless(words, stemmed)
    scope = _scope(c, seedless)
    said_where = _cue_words({"scope": [(p, 1) for p in c.seed]}, seedless, ["scope"]) - _cue_words(
        c.intents, stemmed, ["person"])  # "the original article" asks no origin; "the author", "whose blog" may ask who
    scores = intent_scores(c, ["·" if i in said_where else s for i, s in enumerate(stemmed)])
    intents = _ranked_intents(c, scores)
    cited = _cited(c, kb, words, stemmed)
    if score(c.intents, loose(c, stemmed)).get("source", 0) >= INTENT_MIN + 1:  # "which author says the tpgm owns the when":
        intents, cited, scope = ["source"], set(), scope if "seed" in stemmed else "any"  # who says it, whatever it is about
    uncited = ["|" if i in cited else s for i, s in enumerate(stemmed)]
    scores_beyond = intent_scores(c, uncited) if cited else {}
    if cited and (beyond := [i for i in _ranked_intents(c, scores_beyond) if i != "person"]):
        # "according to kalmykov, what does a tpgm do": the source grounds the claim; the rest says what is asked
        stemmed, scores = uncited, scores_beyond
        role_at |= cited
        intents = beyond
    elif cited and (roles or ambiguous) and "person" not in scores_beyond:
        # "according to the author, does a tpgm directly shape the product": a claim about the role, searched as written
        stemmed, scores = uncited, scores_beyond
        role_at |= cited
        intents = []
    else:
        cited = set()
    named = _named(kb, words, stemmed) if words else {"skill": [], "activity": [], "hiring": []}
    plan = Plan(
        question=question,
        intents=intents,
        roles=roles,
        concerns=_concerns(question, [m[1] for m in mentions]),
        dimensions=list(dict.fromkeys(d for i in intents for d in c.dimensions.get(i, []))),
        skills=named["skill"],
        activities=named["activity"],
        companies=named["hiring"],
        people=_people(kb, words),
        scope=scope,
        ambiguous=ambiguous,
        assumptions=assumptions,
        scores=scores,
        reading=stemmed,
    )
    if scope == "seed" and intents[:1] and intents[0] in tx.vocabulary()["scope"]["framed"] and not plan.skills and not plan.concerns \
            and set(intents) - {"definition"} <= set(c.absorbs["dimensions"]) and not score(c.intents, loose(c, stemmed)).get("skills"):
        plan.intents = intents = ["dimensions", "compare"]  # "per the article, how do the two differ": the seed's dimensions
    if not intents and len(roles) == 1 and not ambiguous and any(tx.find_phrase(stemmed, p) >= 0 for p in c.which_role):
        plan.intents = intents = ["definition"]  # "Product Manager - Technical = which role?": the role that name is
    if intents in ([], ["definition"]) and any(r.part == "target" for r in roles) and len(roles) >= 2:
        plan.intents = intents = ["transitions"]  # "program manager to tech pgm: is that a thing?"
    if len(roles) >= 3 and any(words[i : i + 2] == [w, "to"] and (i + 2 in role_at or (i + 3 in role_at and words[i + 2] in _ARTICLES))
                               for i, w in enumerate(words) if w in _NEARER):
        plan.intents = intents = ["neighbours"]  # "is a tpgm closer to an em or a pm": which of them is nearer the first
        plan.dimensions = []
    if {"growth", "compare"} <= set(intents) and len(roles) >= 2:
        plan.intents = intents = [i for i in intents if i != "growth"]  # "dev vs tpgm, what changes": how they differ, not over time
    if intents[:1] == ["variants"] and len(roles) >= 2 and _one_of_the_kinds(words, stemmed):
        plan.intents = intents = intents[1:]  # "which tpm type pushes back on estimates": one of the roles, not what kinds exist
    if intents[:1] == ["skills"] and {"source", "target"} <= {r.part for r in roles}:
        plan.intents = intents = ["transitions"]  # "developer here, thinking about tech pgm, what do i need to work on": the gap
    if _ARROW.search(question) and len(roles) == 2 and intents[:1] in ([], ["definition"], ["ownership"], ["compare"], ["skills"],
                                                                        ["separate"], ["transitions"]):  # "pm -> pm-t, what should i learn"
        plan.intents = intents = ["transitions"]  # "program tpm -> product tpm": a move from the first to the second
        plan.roles = roles = [replace(roles[0], part="source"), replace(roles[1], part="target")]
    if intents[:1] == ["transitions"] and len(roles) == 1 and any(tx.find_phrase(stemmed, p) >= 0 for p in c.onward):
        plan.roles = roles = [replace(roles[0], part="source")]  # "what can a Tech PgM move on to?"
    if intents[:1] == ["skills"] and len(roles) == 2 and _one_side(words):
        plan.intents = intents = ["separate", *intents[1:]]  # "what can a Tech PM do that a Tech PgM can't": one side's skills
    plan.one_way = _one_way(words)
    if {"collaboration", "team"} <= set(intents) and len(roles) == 1:
        plan.intents = intents = [i for i in intents if i != "collaboration"]  # "a Tech PM's main collaborators": its team
    spans = _activity_spans(kb, stemmed)  # the activities of the responsibility matrix named, and where
    if "ownership" in intents[:2] and not plan.concerns and spans and not (
            len(roles) + len(plan.ambiguous) == 1 and set(intents) & set(c.dimensions)):  # "what metrics is a tech pm
        # accountable for", "what metrics does a tpm own": its metrics (a short form of several readings names one role)
        # "who owns the RAID log", "who owns the success metrics after launch" (metrics: the row's own words): a row of the matrix
        plan.intents = intents = list(dict.fromkeys(["collaboration", *(i for i in intents if i != "ownership")]))
    if intents[:1] == ["collaboration"] and len(roles) == 1 and not _specific_collaboration(c, stemmed) and not spans:
        # "who does a tpgm collaborate with": the role's partners, not how two roles split the work
        plan.intents = intents = ["team", *[i for i in intents[1:] if i != "team"]]
        plan.dimensions = list(dict.fromkeys(d for i in intents for d in c.dimensions.get(i, [])))
    if plan.people and "person" not in intents and not cited:
        plan.intents = intents = ["person"]  # a named author: a question about the person, not a missing role
    elif cited and set(plan.people) - {s.creator for s in kb.sources().values() if s.tier == "seed"}:
        plan.intents = intents = [*intents, "person"]  # "shinde's take on …": what that author's texts say on it, too
    seed_authors = {s.creator for s in kb.sources().values() if s.tier == "seed"}
    if plan.scope == "seed" and plan.people and not set(plan.people) & seed_authors and "seed" not in stemmed:
        plan.scope = "any"  # "shinde (author of the tpm org post)": the author and the post are hers, not the seed's
    if plan.people and "source" in intents:
        plan.intents = intents = [i for i in intents if i != "source"]  # "which sources are by orosz": the person named says it
    named_at = {i for a, b in spans.values() for i in range(a, b)}  # "go no go" asks no yes or no
    plan.form = _form(c, words, ["|" if i in named_at else s for i, s in enumerate(stemmed)], intents, roles, question)
    plan.counted = _counted_noun(question, intents, plan.form)
    if not intents and len(roles) == 2 and plan.form == "list" and _one_side(words):
        plan.intents = intents = ["separate"]  # "what can a tpgm do that a tech pm wouldn't be expected to": one side's skills
        plan.dimensions = list(dict.fromkeys(d for i in intents for d in c.dimensions.get(i, [])))
    if intents[:1] == ["transitions"] and plan.form == "which-one" and not {"source", "target"} & {r.part for r in roles}:
        plan.roles = roles = _offered_moves(words, mentions, roles)  # "is tech pm or tech pgm the usual next step for a swe"
    searched = [i for i in intents if i in tx.vocabulary()["searched"]["explained"]]
    if plan.form == "explain" and searched and searched != intents:
        plan.intents = intents = searched  # "why is tpgm such a growing skill set": why it grows, from the texts that say it
        plan.dimensions = list(dict.fromkeys(d for i in intents for d in c.dimensions.get(i, [])))
    if plan.form == "which-one" and intents == ["compare"] and _asks_which(words):
        plan.intents, plan.dimensions = intents, _ = [], []  # "A vs B: who talks to customers more": the "vs" names the choices
    if plan.form == "which-one" and intents and intents[0] not in _WHO_DOES and named_at and not _ranked_intents(
            c, intent_scores(c, ["·" if i in named_at else s for i, s in enumerate(stemmed)])):
        plan.intents = intents = []  # "post-launch kpis: product tpm or program tpm?": the intent was only the activity's name
    if (plan.form in ("which-one", "yes-no") or (intents[:1] == ["definition"] and roles) or _held(spans, words)) and intents[:1] in (
            [], *([i] for i in _WHO_DOES)) and _activity_asked(spans, words, mentions) and not _skill_over(plan.skills, spans, stemmed, words):
        # "who keeps the risks register", "does the tpgm write the prd": the matrix row names who does it
        plan.intents = intents = ["collaboration", *intents]
    if intents[:1] == ["collaboration"] and "ownership" in intents and _activity_asked(spans, words, mentions):
        plan.intents = intents = [i for i in intents if i != "ownership"]  # the activity's row, not the what/why/…
        plan.concerns = []
        plan.dimensions = list(dict.fromkeys(d for i in intents for d in c.dimensions.get(i, [])))
    offered = question.rstrip().endswith("?") and plan.form == "list" and not set(words) & _WH  # "tpm at amazon: the product one?"
    if (plan.form == "yes-no" or offered) and intents[:1] in ([], ["definition"]) and any(
            len(readings) == 1 and start not in short_forms and readings[0].iri in iris and not start < at < start + len(phrase.split())
            for start, phrase, readings in mentions for at, iris in short_forms.items()):  # "can a program tpm …": the
        # short form read by its qualifier is the role asked about, no reading offered
        plan.intents = intents = ["abbreviation"]  # "is TPM at Amazon the program role?": what the short form means there
        plan.form = "yes-no"  # a reading offered with a question mark is a closed question too
    if intents[:1] in ([], ["definition"], ["abbreviation"]) and any(start in short_forms and len(readings) == 1 and _offers_readings(
            words, role_at, labels[start]) for start, _, readings in mentions):  # "at amazon tpm is program or product": the
        plan.intents = intents = ["abbreviation"]  # short form read by a name beside it, its readings offered: which it is there
        plan.form = "which-one" if plan.form == "yes-no" else plan.form  # a choice, no yes or no
    if (one_role_named_twice(mentions) or (plan.form == "which-one" and len(named_twice(mentions)) == 1)) and set(
            intents) <= set(_NAMING):  # "pgm or pjm - which one is the project manager": which name is that role's
        plan.intents = intents = ["abbreviation"]  # "is pmt the same thing as a tech pm": two names of one role, not two roles
    plan.unknown_roles = [u for u in (unknown_titles(kb, typed, mentions) or unknown_titles(kb, words, mentions)
                                      or unknown_beside(kb, words, mentions, c.known))  # "devrel vs tech pm"
                          if not _common_name(u, roles) and not (roles and "team" in intents and _partner(words, role_at, u))]
    content = set(tx.content_words(words))
    scope_at = _cue_words({"scope": [(p, 1) for p in c.seed + c.outside]}, _seedless(words, stemmed), ["scope"])
    if plan.scope != "any":  # "sticking strictly to the seed", "going only by …": how the scope is said, no subject
        scope_at |= _cue_words({"hedge": [(p, 1) for p in c.hedges]}, tx.stems(words), ["hedge"])
    form_at = _cue_words(c.forms, stemmed, list(c.forms))  # "rank", "how many", "right?" ask for a form, not about a subject
    plan.terms = list(dict.fromkeys([w for i, w in enumerate(words) if i not in role_at | scope_at | form_at and w in content]
                                    + _title_terms(words, quoted, roles)))
    other = {"follow-up": [(p, 1) for p in c.follow_up + c.reverse + c.onward + c.seed + c.outside],
             "measure": [(p, 1) for p in c.measures], "idiom": [(p, 1) for p in c.idioms]}  # "more technical", "at heart"
    cue_at = _cue_words(c.intents, stemmed, list(c.intents)) | _cue_words(c.forms, stemmed, list(c.forms)) | _cue_words(
        other, stemmed, list(other))  # cue words are no subject of their own
    plan.topic = list(dict.fromkeys(w for i, w in enumerate(words) if i not in role_at | cue_at | scope_at and w in content
                                    and stemmed[i] not in c.fillers  # "wait what even is …": no subject of its own
                                    and not (w in _AGAINST and "|" in stemmed[i + 1 : i + 2])))  # "a vs b vs c": sets roles apart
    if plan.form == "yes-no":
        plan.topic = [w for w in plan.topic if w not in _alternative(words, stemmed)]
    short = [m for m in mentions if (" " not in m[1] and len(m[2]) > 1) or _is_short(kb, m[1])]  # "tpm", "pm-t"
    asks_doing = bool(short) and _asks_work(words, short[0][0])  # "what does a swe do" asks about the work
    closed = len(words) > 3 and words[0] in c.yes_no  # "do tpgms need an mba" asks about the role, not its letters
    if intents in ([], ["definition"]) and len(plan.terms) <= 2 and len(words) <= 6 and short and len(mentions) == 1 and not asks_doing and len(
            plan.roles) < 2 and plan.form not in ("count", "rank") and not closed and not plan.skills and all(
            _known(kb, c, t) for t in plan.terms):  # "does sundar pichai like tpgms" asks about something else; "do tpgms
        # code?" asks about a skill, not the letters
        plan.intents = ["abbreviation"]  # "tpm = ?", "SDM?": a short form on its own asks what it means
        if len(short[0][2]) == 1 and (words[-1:] in (["do"], ["does"]) or words[:1] in (["define"], ["describe"])):
            plan.intents = ["definition"]  # "what does a swe do", "define PgM": what the role is, not what its letters stand for
        plan.form = "define"
    elif plan.intents[:1] == ["abbreviation"] and mentions and not plan.topic and not short and not any(len(m[2]) > 1 for m in mentions) and not (
            _cue_words(c.intents, stemmed, ["abbreviation"]) - _cue_words({"m": [(tx.phrase_stems(w), 3) for w in _MEANING]}, stemmed, ["m"])):
        plan.intents = ["definition", *[i for i in plan.intents[1:] if i != "definition"]]  # "tech product manager meaning?"
        plan.dimensions = list(dict.fromkeys(d for i in plan.intents for d in c.dimensions.get(i, [])))
        plan.form = "define" if plan.form in ("list", "yes-no") else plan.form
    _fit(kb, plan, question, words, stemmed, mentions)
    return plan


#: Words that join roles offered as a choice ("pm or pgm", "tech pm vs tpgm").
_CHOICE_JOINERS = tx.word_set("choice_joiners")


def _fit(kb: KnowledgeBase, plan: Plan, question: str, words: list[str], stemmed: list[str],
         mentions: list[tuple[int, str, list[RoleRef]]]) -> None:
    """A question that says what the asker likes and asks which role fits ('im eng mgr, love process & cross team
    coordination. which', 'better fit for me pm or pgm if i like herding teams') chooses between the roles offered, else
    the two TPM roles, by the skills the liked words name; a role named before the liking is the asker's own, and a
    role named after it (not as the head of 'which …') is one asked about: no such choice."""
    def joined(m: tuple[int, str, list[RoleRef]]) -> bool:  # "pm or pgm": offered as a choice
        end = m[0] + len(m[1].split())
        return bool({*words[m[0] - 1 : m[0]], *words[end : end + 1]} & _CHOICE_JOINERS)

    offered_at = {r.iri for m in mentions if joined(m) for r in m[2]}
    offered = [replace(r, part="compared") for r in plan.roles if r.iri in offered_at and r.part not in ("source", "target")]
    found = liked(question, choice=plan.form == "which-one" and len(offered) >= 2)
    if found is None or len(tx.words(question)) != len(words):
        return
    at, places = found
    role_at = {i for s, p, _ in mentions for i in range(s, s + len(p.split()))}
    said = [words[i] for i in places if i not in role_at]  # "…, tech pm or tpgm": the choices are no part of the liking
    asked = [m for m in mentions if m[0] > at and not joined(m) and words[m[0] - 1 : m[0]] not in (["which"], ["what"])]
    if (len(offered) < 2 and asked) or not said:
        return  # "i like product work, how do i move to tech pm": a move to the role named
    kept = {i for i in places if i not in role_at}
    plan.unknown_roles = [u for u in plan.unknown_roles if u.split()[0].lower() not in words[:at]]  # "qa lead, into …": the asker's
    plan.form, plan.intents, plan.dimensions = "which-one", [], []
    plan.roles = offered if len(offered) >= 2 else [PlanRole(iri, label, "compared") for iri, label in TPM_ROLES.items()]
    plan.skills = _named(kb, [w if i in kept else "·" for i, w in enumerate(words)], [s if i in kept else "·" for i, s in enumerate(stemmed)])["skill"]
    content = set(tx.content_words(said))
    plan.topic = plan.terms = [w for w in dict.fromkeys(said) if w in content]
    plan.assumptions = [a for a in plan.assumptions if "read as" in a] + [
        "What the asker likes decides which of the " + " and the ".join(r.label for r in plan.roles) + " fits."]


_NEARER = tx.word_set("nearer")


def _unbroken(kb: KnowledgeBase, words: list[str], question: str) -> list[tuple[int, str, list[RoleRef]]]:
    """Role mentions in ``words`` (the words of ``question``), none across a colon, comma or dash of the question as typed:
    'order by how technical: product manager, …' names the Product Manager, not a Technical Product Manager."""
    found = find_roles_in_text(kb, " ".join(words))
    spans, at = [], 0
    for clause in clauses(question):
        spans.append((at, at + len(clause)))
        at += len(clause)
    if at != len(words) or all(any(a <= s and s + len(p.split()) <= b for a, b in spans) for s, p, _ in found):
        return found
    return [(a + s, p, r) for a, b in spans for s, p, r in find_roles_in_text(kb, " ".join(words[a:b]))]


#: A qualifier set after a name: "Product Manager - Technical", "program management (technical)", "product, technical".
_AFTER_NAME = re.compile(r"\b((?:[a-z]+ ){0,2}[a-z]+)\s*(?:\(\s*(?:tech|technical)\s*\)|[-\u2013\u2014,]\s*(?:tech|technical)\b"
                         r"(?=\s*(?:[^\w\s]|$|(?:or|and|vs|to|at|in|is)\b)))", re.IGNORECASE)  # not 'tech pm, tech pgm': a list


def _partner(words: list[str], role_at: set[int], title: str) -> bool:
    """Whether ``title`` is named after a partner word ([word_sets].partnered: 'tpgm paired with pm and tech lead'), with
    only role names (at ``role_at``), joiners and articles between: someone a named role works with, not a role asked about."""
    at = tx.find_phrase(words, tuple(title.split()))
    before = [w for i, w in enumerate(words[: max(at, 0)]) if i not in role_at and w not in _JOINED | _ARTICLES]
    return bool(before) and before[-1] in tx.word_set("partnered")


def _common_name(title: str, roles: list[PlanRole]) -> bool:
    """Whether ``title`` only has words the names of two or more roles named share ('which of the two technical manager
    roles …: product or program?'): their common name, no role of its own."""
    said = {w.rstrip("s") for w in title.split()}
    return sum(said <= set(normalise(r.label).split()) for r in roles) >= 2


def _qualified_after(kb: KnowledgeBase, question: str) -> str:
    """``question`` with a 'technical' set after a name put before it, where that names one role ('product (technical)'
    → 'technical product manager'); 'manager' is added to a discipline ('product', 'program management')."""
    def fix(m: re.Match[str]) -> str:
        said = m.group(1).split()
        for n in range(len(said), 0, -1):
            for name in (" ".join(["technical", *said[-n:]]), " ".join(["technical", *said[-n:], "manager"])):
                found = [f for f in find_roles_in_text(kb, " ".join(_as_titles(name.lower().split()))) if len(f[2]) == 1]
                if found and found[0][0] == 0 and len(found[0][1].split()) == len(name.split()):
                    return " ".join([*said[:-n], name])
        return m.group(0)
    return _AFTER_NAME.sub(fix, question) if "tech" in question.lower() else question


#: Words after "the technical …" that make it a role: the technical one of the role named before.
_VARIANT = tx.word_set("variant")


def _technical_one(kb: KnowledgeBase, words: list[str], mentions: list[tuple[int, str, list[RoleRef]]]) -> list[
        tuple[int, str, list[RoleRef]]]:
    """'non technical program mgr vs the technical one': the technical role of the one named before, when there is one."""
    taken = {i for start, phrase, _ in mentions for i in range(start, start + len(phrase.split()))}
    out = list(mentions)
    for i in range(1, len(words) - 1):
        if words[i] not in ("technical", "tech") or words[i - 1] not in _ARTICLES or words[i + 1] not in _VARIANT or i in taken:
            continue
        before = [m for m in mentions if m[0] < i and len(m[2]) == 1]
        if before:
            name = f"technical {before[-1][2][0].label.lower()}"
            found = [m for m in find_roles_in_text(kb, name) if m[1] == name and len(m[2]) == 1]
            if found:
                out.append((i, f"{words[i]} {words[i + 1]}", found[0][2]))
    return sorted(out, key=lambda m: m[0])


def _one_of_the_kinds(words: list[str], stemmed: list[str]) -> bool:
    """'which tpm type …', 'which kind of tpm …' (one kind, singular) ask which of the roles, unlike 'which kinds of tpm
    are there' ("|" marks a role's words in ``stemmed``)."""
    for i, w in enumerate(words[:-1]):
        if w == "which" and (stemmed[i + 1] == "|" or (words[i + 1] in _VARIANT and words[i + 2 : i + 3] == ["of"]
                                                       and stemmed[i + 3 : i + 4] == ["|"])):
            return True
    return False


#: Role mentions that may only count people ("engineers", "devs").
_PEOPLE_WORDS = tx.word_set("people_words")
#: Words that make a count of people a ratio: "pm to engineer ratio", "devs per pm", "one pm for every six engineers".
_RATIO = tx.word_set("ratio")


def _unit(words: list[str], mention: tuple[int, str, list[RoleRef]]) -> bool:
    """Whether a mention (engineers, developers, a PM) is a unit of a ratio ('pm to engineer ratio', 'devs per pm', 'one
    pm for how many engineers': 'for' and a count after it)."""
    start, phrase, _ = mention
    end = start + len(phrase.split())
    after = words[end + 1 : end + 3]
    counted = words[end : end + 1] == ["for"] and (after == ["how", "many"] or "".join(after[:1]).isdigit())
    return phrase.rstrip("s") in ("engineer", "developer", "dev", "pm", "tpm") and (
        counted or bool(_RATIO & set(words[max(0, start - 4) : end + 3])))


#: Words after a people word that make it the audience of a product: "a dev platform", "developer facing infra".
_AUDIENCE_NOUNS = tx.word_set("audience_nouns")


def _audience(words: list[str], mention: tuple[int, str, list[RoleRef]]) -> bool:
    """Whether a people word (dev, developer, engineer) qualifies the noun after it ('a dev platform', 'dev customers')
    rather than naming a role."""
    end = mention[0] + len(mention[1].split())
    return words[end : end + 1] != [] and words[end] in _AUDIENCE_NOUNS


_JOINED = tx.word_set("joiners")


def _shared_heads(kb: KnowledgeBase, words: list[str], mentions: list[tuple[int, str, list[RoleRef]]]) -> list[
        tuple[int, str, list[RoleRef]]]:
    """'product vs program manager', 'product and program managers': a qualifier joined to a role's name shares its
    head, so it names a role too (the Product Manager) when qualifier and head make one."""
    taken = {i for start, phrase, _ in mentions for i in range(start, start + len(phrase.split()))}
    out = list(mentions)
    for start, phrase, readings in mentions:
        head = phrase.split()[1:]
        if len(readings) != 1 or not head or start < 2 or words[start - 1] not in _JOINED or {start - 2, start - 3} & taken:
            continue  # "is tpm product or program manager": the qualifiers say which TPM
        name = " ".join([words[start - 2], *head])
        found = [m for m in find_roles_in_text(kb, name) if m[1] == name and len(m[2]) == 1]
        if found and found[0][2][0].iri != readings[0].iri:
            out.append((start - 2, words[start - 2], found[0][2]))
    return sorted(out, key=lambda m: m[0])


def _non_technical(kb: KnowledgeBase, words: list[str], mention: tuple[int, str, list[RoleRef]]) -> tuple[int, str, list[RoleRef]]:
    """'non tech program managers' names the plain Program Manager, not the technical one."""
    start, phrase, _ = mention
    head, _, rest = phrase.partition(" ")
    if not (start and words[start - 1] == "non" and head in ("tech", "technical") and rest):
        return mention
    found = [m for m in find_roles_in_text(kb, rest) if m[1] == rest]
    return (start + 1, rest, found[0][2]) if found else mention


def _one_side(words: list[str]) -> bool:
    """Whether a two-role skills question asks what one side has and the other lacks ([one_way].side in cues.toml)."""
    return bool(set(words) & set(tx.vocabulary()["one_way"]["side"]))


def _one_way(words: list[str]) -> bool:
    """Whether "what separates A and B" is one-way, what A has that B does not ([one_way] in cues.toml); 'from' after
    a word of `[one_way].symmetric` ("how do A's skills differ from B's") asks both ways."""
    table = tx.vocabulary()["one_way"]
    both = {i for i, w in enumerate(words) if w == "from" and i and words[i - 1] in table.get("symmetric", [])}
    to_one = any(w in table["to_one"] and words[i + 1 : i + 2] == ["to"] and words[i + 2 : i + 3] and words[i + 2] not in _BOTH
                 for i, w in enumerate(words))  # "skills unique to a tech pm vs a tpgm": that role's side
    return _one_side(words) or to_one or any(w in table["also"] and i not in both for i, w in enumerate(words))


#: Intents a "who/which role …" question naming an activity of the responsibility matrix is answered from that matrix instead.
_WHO_DOES = ("ownership", "definition", "deliverables", "day-to-day", "compare", "skills")


def _activity_asked(spans: dict[str, tuple[int, int]], words: list[str], mentions: list[tuple[int, str, list[RoleRef]]]) -> bool:
    """Whether the question names an activity of the matrix (``spans``: :func:`_activity_spans`) and no concern (what/why/…)
    beyond the activity's own words: 'timelines' is the program plan and the when, but 'timelines + which teams
    participate' asks about the who and when."""
    rest = " ".join(w for i, w in enumerate(words) if not any(s <= i < e for s, e in spans.values()))
    return bool(spans) and not _concerns(rest, [m[1] for m in mentions])


def _held(spans: dict[str, tuple[int, int]], words: list[str]) -> bool:
    """Whether a holder word ([word_sets].holders) follows an activity named ('program roadmap owner?'): who holds it."""
    return any(words[e : e + 1] and words[e] in _HOLDERS for _, e in spans.values())


def _skill_over(skills: list[str], spans: dict[str, tuple[int, int]], stemmed: list[str], words: list[str]) -> bool:
    """Whether a skill named by its full label is longer than every activity name found, or by an everyday word of it
    ([skill_words]) as long as every one: "risk management" is the skill, decided by its importance, not the risk log
    ("risks"); "is programming required" asks about writing code, not the requirements; "the program roadmap" stays the
    matrix row."""
    longest = max((e - s for s, e in spans.values()), default=0)
    everyday = [p for p, label in tx.vocabulary().get("skill_words", {}).items() if label in skills]
    return any(len(p := tx.phrase_stems(skill)) > longest and tx.find_phrase(stemmed, p) >= 0 for skill in skills) or any(
        len(p.split()) >= longest and tx.find_phrase(words, tuple(p.split())) >= 0 for p in everyday)


def matrix_activities(kb: KnowledgeBase, stemmed: list[str]) -> list[str]:
    """Activities of the responsibility matrix (launch readiness, the risk log, go/no-go) the question names by any of
    their names, matched on stems ('dependency maps', 'the risks register' names the risk log), in the order named."""
    spans = _activity_spans(kb, stemmed)
    return sorted(spans, key=spans.__getitem__)


def _activity_spans(kb: KnowledgeBase, stemmed: list[str]) -> dict[str, tuple[int, int]]:
    """Each activity named and where: its longest name found; a name inside a longer one of another activity does not count."""
    spans: dict[str, tuple[int, int]] = {}
    for r in kb.named("raci-activities").records():
        activity = str(r["activity"])
        names = [stems for name in (str(r["label"]), *str(r["names"] or "").split("|")) if (stems := tx.phrase_stems(name))]
        for stems in names:
            at = tx.find_phrase(stemmed, stems)
            start, end = spans.get(activity, (0, 0))
            if at >= 0 and len(stems) > end - start:
                spans[activity] = (at, at + len(stems))
        if activity in spans:  # "product vision/roadmap": two names of one activity in a row are one mention
            start, end = spans[activity]
            while more := next((n for n in names if tuple(stemmed[end : end + len(n)]) == n), None):
                end += len(more)
            spans[activity] = (start, end)
    return {a: (s, e) for a, (s, e) in spans.items()  # "program roadmap" names that activity, not also the one called "roadmap"
            if not any(o != a and os <= s and e <= oe and oe - os > e - s for o, (os, oe) in spans.items())}


def _known(kb: KnowledgeBase, c: Cues, word: str) -> bool:
    """Whether ``word`` is a cue word or occurs in some text of the graph."""
    from rolegraph.ask.retrieve import index

    return word in c.known or index(kb).has(word)


def _scope(c: Cues, stemmed: list[str]) -> str:
    """'external' when the question asks what sources other than the seed say, 'seed' when it asks what the seed says
    or rules the others out ('no outside sources'), else 'any'."""
    outside = [at for p in c.outside if (at := tx.find_phrase(stemmed, p)) >= 0]
    if any(not any(tuple(stemmed[max(0, at - len(n)) : at]) == n for n in c.negators) for at in outside):
        return "external"
    return "seed" if outside or any(tx.find_phrase(stemmed, p) >= 0 for p in c.seed) else "any"


_NOT_SEED = [p.split() for p in tx.word_list("not_seed")]


def _seedless(words: list[str], stemmed: list[str] | None = None) -> list[str]:
    """The stems ``_scope`` reads: words that share a stem with a name of the seed but name no text ('a job posting',
    'posted', 'post-launch': `[word_sets].not_seed`, against 'the post') are left out."""
    stems = list(tx.stems(words) if stemmed is None else stemmed)
    for phrase in _NOT_SEED:
        for i in range(len(words) - len(phrase) + 1):
            if words[i : i + len(phrase)] == phrase:
                stems[i : i + len(phrase)] = ["·"] * len(phrase)
    return stems


def seed_only(plan: Plan) -> bool:
    """Whether a seed-scoped question rules the other sources out ('seed only', 'no outside sources', 'strictly …'):
    then its answer counts the outside items but shows none."""
    c = cues()
    stemmed = tx.stems(tx.words(plan.question))
    return any(tx.find_phrase(stemmed, p) >= 0 for p in c.exclusive + c.outside)


def _specific_collaboration(c: Cues, stemmed: list[str]) -> bool:
    """Whether the question names a part of working together (rituals, a RACI, a launch), beyond the word 'collaborate'."""
    generic = {tx.phrase_stems(p) for p in ("collaborate", "work together", "working together")}
    return any(p not in generic and w >= 3 and tx.find_phrase(stemmed, p) >= 0 for p, w in c.intents["collaboration"])


#: Words after 'dev' that make it development, not a developer ("the dev team").
_DEV_NOUNS = tx.word_set("dev_nouns")


def _as_titles(words: list[str]) -> list[str]:
    """'technical program management' names the Technical Program Manager: the discipline read as its title;
    'mgr' is 'manager', 'mgmt' 'management', 'eng manager' an engineering one and 'dev' a developer."""
    out = ["manager" if w in ("mgr", "mgrs") else "management" if w == "mgmt" else w for w in words]
    out = [{"dev": "developer", "devs": "developers"}.get(w, w) if out[i + 1 : i + 2] == [] or out[i + 1] not in _DEV_NOUNS else w
           for i, w in enumerate(out)]  # "a backend dev": a developer; "the dev team" is no person
    return ["manager" if w == "management" and i and out[i - 1] in ("program", "programme", "product", "project", "engineering")
            else "engineering" if w == "eng" and out[i + 1 : i + 2] in (["manager"], ["managers"]) else w for i, w in enumerate(out)]


def _is_short(kb: KnowledgeBase, phrase: str) -> bool:
    from rolegraph.resolve import index

    return index(kb).is_short_form(phrase) or index(kb).is_short_form(phrase.rstrip("s"))


_CONCERN_AFTER = re.compile(r"\b(?:owns?|decides?|deciding|responsible for|in charge of|accountable for|sets?)\s+(?:the\s+)?"
                            r"(what|why|how|who|when)\b")
_CONCERN_SET = frozenset(CONCERNS)
_CONCERN_RUN = re.compile(r"\b(?:what|why|how|who|when)(?:\s+(?:and\s+|or\s+|vs\s+|versus\s+)?(?:the\s+)?(?:what|why|how|who|when)\b)+")
_CONCERN_TAIL = re.compile(r"\band\s+(?:the\s+)?(what|why|how|who|when)\s*(?:[,?.!]|$)")
_CONCERN_LIST = re.compile(r"\b(?:what|why|how|who|when)(?:\s*,\s*(?:and\s+|or\s+)?(?:the\s+)?(?:what|why|how|who|when)\b){2,}")
_CONCERN_PAIR = re.compile(r"\b(what|why|how|who|when)\s*/\s*(what|why|how|who|when)\b")


def _concerns(question: str, role_phrases: list[str]) -> list[str]:
    """The concerns (what/why/how/who/when) a question names, also as 'what/why' or in everyday words (cues.toml);
    role names are left out first ('product' in 'product manager' is no concern)."""
    for phrase in [*role_phrases, *tx.word_list("whole_scope")]:  # "the scope of each" names every concern, not the what
        question = re.sub(r"\b" + r"\W+".join(map(re.escape, phrase.split())) + r"s?\b", " ", question, flags=re.IGNORECASE)
    found = asked_concerns(question)
    for m in _CONCERN_AFTER.finditer(question.lower()):
        if m.group(1) not in found:
            found.append(m.group(1))
    found += [c for c in _phrased_concerns(tx.words(question)) if c not in found]
    for m in _CONCERN_PAIR.finditer(question.lower()):
        found += [c for c in m.groups() if c not in found]
    for clause in question.lower().split(","):  # a run within a clause: "the why, who needs …" is no run of the why and the who
        for m in _CONCERN_RUN.finditer(" ".join(tx.words(clause))):  # "which of the what why how who when", "the when and who"
            found += [c for c in m.group(0).split() if c in _CONCERN_SET and c not in found]
    for m in _CONCERN_LIST.finditer(" ".join(re.split(r"[^a-z,]+", question.lower()))):  # "which of what, why, how, who, when":
        found += [c for c in re.findall(r"[a-z]+", m.group(0)) if c in _CONCERN_SET and c not in found]  # three or more
    tail = _CONCERN_TAIL.search(question.lower())
    if found and tail and tail.group(1) not in found:
        found.append(tail.group(1))  # "what gets built and why"
    return [c for c in ("what", "why", "how", "who", "when") if c in found]


#: Intents a concern's phrase can cue by its own words ('picking the teams' names teams): the concern comes first.
_BESIDE_CONCERN = ("team", "definition", "compare")


def _phrased_concerns(said: list[str]) -> list[str]:
    """The concerns named by a phrase of cues.toml's ``[concerns]`` ('how things get built', 'picking the teams'); every
    concern for a phrase of its ``every`` list ('which of the five questions')."""
    found: list[str] = []
    for concern, phrases in tx.vocabulary().get("concerns", {}).items():
        if any(tx.find_phrase(said, tuple(normalise(p).split())) >= 0 for p in phrases):
            found += [c for c in (CONCERNS if concern == "every" else [concern]) if c not in found]
    return found


#: Words by which a question without a role of its own means the previous question's roles.
_THEY = tx.word_set("they")
#: Words a follow-up may open with before its opener ("ok what about …").
_FILLERS = tx.word_set("follow_up_fillers")


def _is_follow_up(c: Cues, words: list[str], stemmed: list[str], plan: Plan, prev: Plan) -> bool:
    if not words:
        return False
    lead = next((i for i, w in enumerate(words) if w not in _FILLERS), len(words))
    starts = any(tuple(stemmed[lead: lead + len(p)]) == p for p in c.follow_up) or words[-1] == "instead"  # "… instead?"
    reverse = any(tx.find_phrase(stemmed, p) >= 0 for p in c.reverse)
    back = not plan.roles and not plan.ambiguous and (bool(_THEY & set(words)) or any(  # "how can you tell they did well",
        tx.find_phrase(stemmed, p) >= 0 for p in c.pointers))  # "what background to hire from for that"
    same = not plan.roles and not plan.ambiguous and bool(plan.intents) and plan.intents[0] in prev.intents  # "what carries
    # over from my current job" after a route: the same kind of question, with no roles of its own, is about the same roles
    return (starts or reverse or back or same or (not plan.intents and len(tx.content_words(words)) <= 3)
            or (not plan.roles and len(words) <= 6))


def _finish(kb: KnowledgeBase, plan: Plan, words: list[str], stemmed: list[str], c: Cues, prev: Plan | None) -> Plan:
    if prev is not None and prev.status not in ("cannot-parse",) and _is_follow_up(c, words, stemmed, plan, prev):
        plan = _merge(c, plan, prev, stemmed)
    elif not plan.intents and not plan.terms and not plan.parts and len(plan.roles) + len(plan.ambiguous) == 1:
        plan.intents, plan.form = ["definition"], "define"  # "project manager = ?", "what tpm does", "tpm job?": one role
        # (or short form), nothing else asked
    if not plan.intents and plan.skills:  # "which matters most: risk management or writing code", "will i write code"
        plan.intents = ["skills"]
        plan.dimensions = list(c.dimensions["skills"])
    if all(i in _BESIDE_CONCERN for i in plan.intents) and plan.concerns and plan.form in ("which-one", "yes-no", "list") and _phrased_concerns(words):
        plan.intents = ["ownership"]  # "reasons behind building something - tech pm or tpgm territory?", "who
        plan.dimensions = list(c.dimensions.get("ownership", []))  # picks the teams": who owns the why, the who
    if "ownership" not in plan.intents:
        plan.concerns = []
    if not plan.parts and "definition" in plan.intents[1:]:
        plan.intents.remove("definition")  # "what's driving the growth of …": 'what's' opens the question, it asks no definition
    if plan.unknown_roles and not (plan.roles or "neighbours" not in plan.intents):
        plan.intents = ["neighbours"]  # "which role is closest to a release manager": its closest modelled roles answer it
    elif plan.unknown_roles:
        plan.status = "unknown-role"
    elif not plan.intents and not plan.roles and not plan.ambiguous and not plan.terms:
        plan.status = "cannot-parse"
    at = words.index(plan.ambiguous[0]["text"].split()[0]) if plan.ambiguous and plan.ambiguous[0]["text"].split()[0] in words else -1
    if plan.ambiguous and not plan.roles and plan.intents[:1] == ["definition"] and all(
            _known(kb, c, t) for t in plan.topic) and not (at >= 0 and _asks_work(words, at)):  # "what does a tpm do": its work
        plan.intents.insert(0, "abbreviation")  # "what is a TPM?" asks what the short form means ("the dress code for a pm": not)
    elif plan.ambiguous and not plan.roles and "abbreviation" not in plan.intents and "abbreviation" in absorbed(
            c, ["abbreviation", *plan.intents]) and (  # "pm career ladder titles": the titles of levels, no name asked
            _names_readings(words, plan.ambiguous[0]["readings"]) or score(c.intents, stemmed).get("abbreviation", 0) >= 2):
        plan.intents.insert(0, "abbreviation")  # "is a tpm the product or program role", "pm title history": the short form is the subject
    if plan.ambiguous and not plan.roles and plan.intents[:1] == ["team"] and _unit(words, (
            words.index(plan.ambiguous[0]["text"].split()[0]) if plan.ambiguous[0]["text"].split()[0] in words else 0,
            plan.ambiguous[0]["text"], [])):
        plan.intents = []  # "the usual pm to engineer ratio": the ratio's texts answer it, whichever PM is meant
    if plan.status != "unknown-role" and not plan.unknown_roles and plan.intent not in ("person", "source"):
        _default_roles(plan)  # who said a claim about 'TPMs' is found in the texts on either reading
        for part in plan.parts:  # "who owns the timeline of a program, and who does that person report to": each part's
            if not part.roles and part.intent not in ("person", "source"):  # own intent says which roles it leaves implicit
                _default_roles(part)
    if plan.ambiguous and not plan.roles and plan.intent not in ("abbreviation", "person", "source") and plan.status == "answered":
        plan.status = "ambiguous-role"
    if not plan.intents and plan.status == "answered" and not plan.roles and not _searchable(kb, plan) and not off_domain(plan):
        plan.status = "cannot-parse"  # "is it going to rain tomorrow" is understood: a subject the knowledge base leaves out
    return plan


_THE_WORK = tx.word_set("the_work")


def _asks_work(words: list[str], at: int) -> bool:
    """Whether words after the short form at ``at`` ask about the role's work ("what does a tpm do", "a tpm's job")."""
    return bool(_THE_WORK & set(words[at + 1 :]))


def off_domain(plan: Plan) -> bool:
    """Whether the question names a subject of ``[off_domain]`` (markets, weather), a company's name left out between
    its words ('should i buy netflix shares')."""
    named = {w for c in plan.companies for w in tx.words(c)}
    said = tx.stems([w for w in tx.words(plan.question) if w not in named])
    return any(tx.find_phrase(said, tx.phrase_stems(p)) >= 0 for p in tx.vocabulary()["off_domain"]["phrases"])


def _offers_readings(words: list[str], taken: set[int], readings: list[RoleRef]) -> bool:
    """Whether two words that tell a short form's readings apart, outside any role name, are offered as alternatives
    ('product or program'; not 'do they mean technical program manager', 'the program role and not the product role')."""
    labels = [set(normalise(r.label).split()) for r in readings]
    telling = [i for i, w in enumerate(words) if i not in taken and any(w in n for n in labels) and not all(w in n for n in labels)]
    return any(b - a <= 3 and set(words[a + 1 : b]) & _AGAINST and words[a] != words[b] for a, b in pairwise(telling))


def _names_readings(words: list[str], readings: list[str]) -> bool:
    """Whether the question names at least two of the words that tell an ambiguous short form's readings apart
    ('product or program')."""
    labels = [set(normalise(r).split()) for r in readings]
    every = set(labels[0]).intersection(*labels[1:]) if labels else set()
    telling = {w for label in labels for w in label} - every
    return len(telling & set(words)) >= 2


def _searchable(kb: KnowledgeBase, plan: Plan) -> bool:
    """Whether the question's own words find anything at all in the graph."""
    from rolegraph.ask.retrieve import index

    return bool(plan.terms) and any(h.matched >= max(1, (len(plan.terms) + 1) // 2) for h in index(kb).search(plan.terms, limit=3))


def _merge(c: Cues, plan: Plan, prev: Plan, stemmed: list[str]) -> Plan:
    """A follow-up: keep what the new question does not change."""
    other_one = not plan.roles and any(tx.find_phrase(stemmed, p) >= 0 for p in c.other_one)
    reverse = any(tx.find_phrase(stemmed, p) >= 0 for p in c.reverse) or (other_one and len(prev.roles) == 2)  # "what about
    roles = plan.roles or list(prev.roles)  # the other one" after "what separates A from B": B from A
    if reverse:
        roles = _reversed(roles)
    elif other_one and len(roles) == 1 and roles[0].iri in TPM_ROLES:  # "and for the other one?": the other TPM role
        other = next(iri for iri in TPM_ROLES if iri != roles[0].iri)
        roles = [replace(roles[0], iri=other, label=TPM_ROLES[other])]
        plan.ambiguous = [a for a in plan.ambiguous if not {TECH_PM, TECH_PGM} <= set(a["iris"])]  # "the other tpm"
    asked_meaning = score(c.intents, stemmed).get("abbreviation", 0) >= 3
    new_intents = [i for i in plan.intents if (i not in ("separate", "compare") or not reverse) and (i != "abbreviation" or asked_meaning)]
    keep = not new_intents  # "and for the Tech PM?", "now by product strategy": the same question again
    if keep and plan.form == "yes-no" != prev.form and plan.terms and not plan.roles and plan.scope == "any":
        keep = False  # "do they have to be technical" after "what does a pjm do": a closed question of its own on the same
        # roles ("do other sources agree?" asks the previous question again, of other sources)
    merged = replace(
        plan,
        intents=new_intents or (list(prev.intents) if keep else []),
        roles=roles,
        concerns=plan.concerns or (prev.concerns if keep else []),
        dimensions=list(prev.dimensions) if keep else plan.dimensions,
        form=prev.form if keep else plan.form,
        scope=plan.scope if plan.scope != "any" else prev.scope,
        terms=list(dict.fromkeys(plan.terms + prev.terms)) if keep else plan.terms,
        skills=plan.skills or (list(prev.skills) if keep else []),
        one_way=plan.one_way or (prev.one_way and keep),
        follow_up=True,
    )
    if keep and plan.roles and len(plan.roles) < len(prev.roles) and prev.form == "rank":
        merged.roles = list(prev.roles)  # "now by product strategy": the same roles, another measure
    if merged.intent == "transitions" and not reverse:
        merged.roles = _new_end(prev, plan.roles) or merged.roles
    if not plan.roles and prev.ambiguous and not merged.roles:
        merged.ambiguous = list(prev.ambiguous)
    return merged


def _new_end(prev: Plan, roles: list[PlanRole]) -> list[PlanRole]:
    """A route follow-up that names one new role ('and to tech pgm instead?', 'what if i start as a pm'): the previous
    route with that end replaced (the start when the new role is named as one, else the goal); none when it names no
    role, several, or the previous plan was no route."""
    ends = {r.part for r in prev.roles}
    if prev.intent != "transitions" or len(roles) != 1 or not {"source", "target"} <= ends:
        return []
    part = "source" if roles[0].part == "source" else "target"
    kept = [r for r in prev.roles if r.part != part and r.iri != roles[0].iri]
    return [*kept, replace(roles[0], part=part)] if kept else []


def _reversed(roles: list[PlanRole]) -> list[PlanRole]:
    swap = {"source": "target", "target": "source"}
    flipped = [replace(r, part=swap.get(r.part, r.part)) for r in reversed(roles)]
    return flipped


#: How the note on a pair of roles the question did not name begins.
ASSUMED_PAIR = "Not both roles named: assumed"
#: Intents that compare two roles; with fewer named, the two TPM roles are assumed.
_PAIRED = ("separate", "shared", "compare", "collaboration", "dimensions")
#: Intents that answer for the two TPM roles when no role is named (or search every role).
_ROLE_FREE = ("levels", "team", "day-to-day", "deliverables", "metrics", "skills", "ownership", "pay", "examples", "growth",
              "origin", "interview")


def _says(question: str, phrases: list[str]) -> bool:
    """Whether the question has one of ``phrases`` (matched on stems)."""
    said = tx.stems(tx.words(question))
    return any(tx.find_phrase(said, tx.phrase_stems(p)) >= 0 for p in phrases)


def _default_roles(plan: Plan) -> None:
    """Fill in the roles a question leaves implicit and mark their parts."""
    tpm_readings = any({TECH_PM, TECH_PGM} <= set(a["iris"]) for a in plan.ambiguous)
    only_ambiguous = bool(plan.ambiguous) and not plan.roles and plan.intent not in _PAIRED
    which = plan.form == "which-one" and plan.intents[:1] != ["definition"]
    if plan.intent in _PAIRED or (which and len(plan.roles) < 2 and not only_ambiguous):
        have = {r.iri for r in plan.roles}
        if tpm_readings and len(plan.roles) == 1 and not have & set(TPM_ROLES) and plan.status == "answered":
            plan.roles += [PlanRole(iri, label, "compared") for iri, label in TPM_ROLES.items()]  # "tpm vs em": each reading
            plan.ambiguous = [a for a in plan.ambiguous if not {TECH_PM, TECH_PGM} <= set(a["iris"])]
            plan.assumptions.append("'TPM' is ambiguous: compared for both readings, the Technical Product Manager and "
                                    "the Technical Program Manager.")
            plan.status = "ambiguous-role"
        elif len(plan.roles) < 2 and (tpm_readings or not plan.roles or plan.intent in _PAIRED):
            for iri, label in TPM_ROLES.items():
                if iri not in have and len(plan.roles) < 2:
                    plan.roles.append(PlanRole(iri, label, "compared"))
            plan.assumptions.append(f"{ASSUMED_PAIR} the two TPM roles, "
                                    + " and ".join(r.label for r in plan.roles) + ".")
            if tpm_readings:
                plan.ambiguous = [a for a in plan.ambiguous if not {TECH_PM, TECH_PGM} <= set(a["iris"])]
        plan.roles = [replace(r, part="compared") if r.part == "subject" else r for r in plan.roles]
    elif tpm_readings and not plan.roles and plan.intent != "abbreviation":
        plan.roles = [PlanRole(iri, label, "subject") for iri, label in TPM_ROLES.items()]
        plan.ambiguous = [a for a in plan.ambiguous if not {TECH_PM, TECH_PGM} <= set(a["iris"])]
        if plan.intent in tx.vocabulary()["searched"]["intents"] or plan.people:  # "where did the tpm role come from",
            # "mario on tpm interviews": the texts say 'TPM' too
            plan.assumptions.append("'TPM' can mean either TPM role: the texts on both were searched.")
            return
        plan.assumptions.append("'TPM' is ambiguous: answered for both readings, the Technical Product Manager and the "
                                "Technical Program Manager.")
        plan.status = "ambiguous-role"
    elif plan.ambiguous and plan.ambiguous[0]["usual"] and not plan.roles and plan.intents and plan.intent != "abbreviation":
        readings = plan.ambiguous.pop(0)  # "pm success metrics": the reading the graph records as the usual one, said so
        usual = readings["iris"].index(readings["usual"])
        plan.roles = [PlanRole(readings["usual"], readings["readings"][usual], "subject")]
        others = [label for i, label in enumerate(readings["readings"]) if i != usual]
        plan.assumptions.append(f"'{readings['text'].upper()}' can mean the {readings['readings'][usual]} (its usual meaning, "
                                f"answered here), the {' or the '.join(others)}.")
    elif plan.ambiguous and not plan.roles and plan.intent != "abbreviation":
        readings = plan.ambiguous[0]
        plan.roles = [PlanRole(i, label, "subject") for i, label in zip(readings["iris"], readings["readings"], strict=True)]
        plan.ambiguous = plan.ambiguous[1:]
        if not plan.intents:  # "how many devs per pm is normal": a fact searched for, in texts that use the short form too
            plan.assumptions.append(f"'{readings['text'].upper()}' can mean {', '.join(readings['readings'])}: "
                                    "the texts on every reading were searched, the short form with them.")
            plan.terms = list(dict.fromkeys([*plan.terms, *readings["text"].split()]))
            return
        plan.assumptions.append(f"'{readings['text'].upper()}' is ambiguous: answered for each reading, "
                                + ", ".join(readings["readings"]) + ".")
        plan.status = "ambiguous-role"  # answered for every reading, and said so
    elif not plan.roles and not plan.ambiguous and plan.intent in _ROLE_FREE and plan.status == "answered":
        plan.roles = [PlanRole(iri, label, "compared") for iri, label in TPM_ROLES.items()]
        plan.assumptions.append("No role named: answered for the two TPM roles.")
    elif len(plan.roles) >= 2 and all(r.part == "subject" for r in plan.roles):
        plan.roles = [replace(r, part="compared") for r in plan.roles]
    if plan.intent == "transitions" and len(plan.roles) == 1 and plan.roles[0].part == "subject":
        plan.roles = [replace(plan.roles[0], part="target")]
    if plan.intent == "transitions" and any(r.part == "target" for r in plan.roles):
        other = "target" if any(r.part == "source" for r in plan.roles) else "source"  # "as a swe, what to learn for tech pm,
        plan.roles = [replace(r, part=other) if r.part in ("subject", "compared") else r for r in plan.roles]  # and for tpgm"
    if plan.intent == "transitions" and any(r.part == "source" for r in plan.roles) and not any(r.part == "target" for r in plan.roles):
        plan.roles = [replace(r, part="target") if r.part in ("subject", "compared") else r for r in plan.roles]  # "as an engineer … for tech pm"
    if plan.intent == "transitions" and len(plan.roles) >= 2 and not any(r.part in ("source", "target") for r in plan.roles) and _says(
            plan.question, tx.vocabulary()["transitions"]["origins"]):  # "backgrounds for both tpm roles": the ways into each
        plan.roles = [replace(r, part="target") for r in plan.roles]
    if plan.intent == "transitions" and len(plan.roles) == 2 and not any(r.part in ("source", "target") for r in plan.roles):
        plan.roles = [replace(plan.roles[0], part="source"), replace(plan.roles[1], part="target")]
