"""Who says it: the texts that state what a question asks about, each named with the sources behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from rolegraph.ask.answer.base import Answer, hit_text, tx_words
from rolegraph.ask.answer.search import retrieve_hits
from rolegraph.ask.plan import Plan
from rolegraph.ask.text import phrase_stems, stem, vocabulary
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import asked_concerns
from rolegraph.results import SourceRef

#: At most this many claims are attributed.
CLAIMS = 3


def cited(ref: SourceRef) -> str:
    """A source as a reader names it: 'E2 (Gergely Orosz, The Pragmatic Engineer: What TPMs Do …)'."""
    about = ": ".join(p for p in (ref.creator, ref.title) if p)
    return f"{ref.id} ({about})" if about else ref.id


def _source(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """'Who says small startups have no TPMs': the texts that state the claim (its own words, not the cue words), each
    with its sources; the lead names the sources of the best one."""
    numbers = [w for w in tx_words(plan.question) if w.isdigit()]  # "under 50 engineers": the number is part of the claim
    concerns = asked_concerns(plan.question)  # "… owns the when": the concern is part of the claim
    claim = replace(plan, terms=[*(t for t in plan.terms if stem(t) not in _asking()), *numbers, *concerns], intents=[])
    hits = [h for h in retrieve_hits(kb, claim) if h.sources][:CLAIMS]
    if not hits:
        return
    known = {ref.id: ref for ref in kb.sources().values()}
    for h in hits:
        ans.add(kb, hit_text(h), [h.statement])
    who = "; ".join(cited(known[i]) for i in hits[0].sources if i in known)
    ans.lead = f"Said by {who}: {hit_text(hits[0])}"


def _asking() -> frozenset[str]:
    """Stems of the words that ask who says something (the source intent's cues, 'claims', 'says'), not what is said."""
    words = vocabulary()
    phrases = [*(p for ps in words["intents"]["source"].values() for p in ps), *words["attribution"]["after"]]
    return frozenset(st for p in phrases for st in phrase_stems(p)) - frozenset(stem(w) for w in words["stopwords"]["words"])


#: This module's handlers, by intent.
HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {"source": _source}
