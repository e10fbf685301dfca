"""Question → :class:`Plan`: score every intent and form from the cue vocabulary (cues.toml),
find the roles and the part each plays, the scope, and what else the question names.

Never raises on any text: a question with nothing to go on gets status ``cannot-parse``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rolegraph.ask import text as tx
from rolegraph.ask.parse.defaults import _PAIRED
from rolegraph.ask.parse.parts import (
    _asks,
    _beside_person,
    _joined_back,
    _joined_cited,
    _joined_concerns,
    _joined_pairs,
    _own_roles,
    _pointed_back,
    _slices_apart,
    _without_bystanders,
    _without_chatter,
)
from rolegraph.ask.parse.single import _finish, _single
from rolegraph.ask.parse.vocabulary import INTENT_MIN, absorbed, cues, score
from rolegraph.ask.plan import Plan
from rolegraph.kb import KnowledgeBase


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
        if score(c.forms, tx.stems(tx.words(chatter))).get("yes-no", 0) >= INTENT_MIN and plan.form in ("list", "explain", "define"):
            plan.form = "yes-no"  # "true or false: a tech pm has direct reports": the remark asks for a verdict on the rest
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
        several = len(tops) > 1 and (len(whole.intents) > 1 or len(absorbed(c, asked)) > 1 or _beside_person(subs))
        if apart or several or _slices_apart(subs):  # "…, and which org they sit in"; "(a) success metrics (b) blamed for what"
            for s in subs:  # a part that names no role is about the roles of the whole question
                if not s.roles:
                    s.roles = list(whole.roles)
                elif s.intent in _PAIRED and len(s.roles) < 2 <= len(whole.roles):  # "…, and how is that role different
                    s.roles = [replace(r, part="compared") for r in whole.roles]  # from a tech pgm": the roles asked before too
            whole.parts = subs
            whole.intents = list(dict.fromkeys(i for s in subs for i in s.intents[:1]))
            return _finish(kb, whole, words, stemmed, c, prev)
    return _finish(kb, whole, words, stemmed, c, prev)
