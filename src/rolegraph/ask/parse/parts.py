"""Questions of several parts, and the chatter or context around a question: split, read each part, join back."""

from __future__ import annotations

import re
from collections.abc import Callable

from rolegraph.ask import text as tx
from rolegraph.ask.parse.form import _WH
from rolegraph.ask.parse.named import _CONCERN_SET, _cited
from rolegraph.ask.parse.roles import _as_titles
from rolegraph.ask.parse.single import _single
from rolegraph.ask.parse.vocabulary import Cues, _cue_words, _known
from rolegraph.ask.plan import Plan
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import find_roles_in_text


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


def _slices_apart(subs: list[Plan]) -> bool:
    """Whether parts that ask one dimension ask different slices of it: one narrowed (a word of ``[focus]``: "what is it
    blamed for") and another the whole of it ("how is success measured"), so each is answered on its own."""
    tops = {s.intents[0] for s in subs}
    focus = tx.focus_stems(next(iter(tops))) if len(tops) == 1 else ()
    narrowed = [any(tx.stem(t).startswith(focus) for t in s.terms) for s in subs] if focus else []
    return any(narrowed) and not all(narrowed)
