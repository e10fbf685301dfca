"""Full-text retrieval for a plan: strong hits scoped by its roles, dimension and basis, and answers made from them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from itertools import pairwise

from rolegraph import compare
from rolegraph.ask.answer.abstain import nothing
from rolegraph.ask.answer.base import FUNCTION_WORDS, Answer, asks_bound, bound_held, has_synonym, hit_text, states_bound, stems_of, term_groups
from rolegraph.ask.plan import Plan
from rolegraph.ask.retrieve import Hit, index
from rolegraph.ask.text import content_words, stem, synonyms, vocabulary, word_set
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import normalise

#: A retrieved document counts when it matches at least this share of the question's terms.
MIN_COVERAGE = 0.5


#: A question with no intent is answered from a text only if the best one has this share of its words (idf-weighted).
TOPIC_COVERAGE = 0.6


#: Kinds of text an answer draws on; standard classifications and source notes only when asked for.
ANSWER_KINDS = ("fact", "gap", "disagreement", "position", "abbreviation", "role", "focus", "ownership", "skill", "team",
                "activity", "deliverable", "metric", "transition", "hiring", "level", "title", "transfer", "interview")


_STANDARD_WORDS = word_set("standards")


def retrieve_hits(kb: KnowledgeBase, plan: Plan, search_only: bool = False) -> list[Hit]:
    """Strong hits for the plan's terms, scoped by its roles, dimension and basis.

    For an intent answered by search alone (``search_only``: why a role grows, where it comes
    from, examples) a hit must have the words that name the intent ("growing", "origin"), and
    hits in the intent's dimension come first.
    """
    groups = term_groups(plan)
    if not groups:
        return []
    idx = index(kb)
    roles = [r.iri for r in plan.roles]
    known = [g for g in groups if any(idx.has(w) for w in g) and g[0] not in FUNCTION_WORDS]  # "…, right?" asks nothing of the texts
    need = max(1, round(len(known) * MIN_COVERAGE))
    required = [set(map(stem, g)) for g in known if stem(g[0]) in _cue_stems(plan.intent)] if search_only else []
    if required:
        need = 1
    kinds = () if set(plan.terms) & _STANDARD_WORDS else ANSWER_KINDS
    found: dict[str, Hit] = {}
    searched = plan.intent in vocabulary()["searched"]["intents"]  # levels, interviews, growth …: their dimension first
    for scope in (roles, []) if roles else ([],):  # the roles named first; any role when their texts have nothing on it
        for dims in ([*plan.dimensions], []) if plan.dimensions else ([],):
            for h in idx.search(groups, roles=scope, dimensions=dims, kinds=kinds, seed_only=plan.scope == "seed", limit=6):
                if h.matched >= need and h.statement not in found and h.sources and (  # unsourced texts decide nothing
                        h.coverage >= TOPIC_COVERAGE or all(g & stems_of(f"{h.label} {h.body}") for g in required)):  # most words asked
                    found[h.statement] = h
        if found and not (searched and not any(h.dimension in plan.dimensions for h in found.values())):
            break  # a searched intent: else the texts in its dimension on other roles say it ("microsoft program manager ladder")

    bound = asks_bound(plan)  # "how big does a company need to be": a text that states a bound first

    def fit(h: Hit) -> tuple[int, int, int, int, int, int, float]:
        in_dimension = h.dimension in plan.dimensions
        own = 2 if h.roles and set(h.roles) <= set(roles) else int(bool(set(h.roles) & set(roles)))
        return (-int(bound and states_bound(h.text)), -int(bool(required) and in_dimension), -h.matched, -int(searched and in_dimension),
                int(h.kind == "gap"), -own, h.score)  # a searched intent's dimension decides between texts with as many words
        # asked; a text that states it before a recorded gap as good ('years of experience for a google tpm': 8 and 10)

    return sorted(found.values(), key=fit)


def _cue_stems(intent: str) -> frozenset[str]:
    """Stems of the one-word cues of ``intent`` (cues.toml)."""
    from rolegraph.ask.parse.vocabulary import cues

    return frozenset(p[0] for p, w in cues().intents.get(intent, []) if len(p) == 1 and w >= 2)


def off_topic(kb: KnowledgeBase, plan: Plan, hits: list[Hit], idle: bool = False) -> bool:
    """True when the question's own subject (beyond roles and cue words) is nowhere in the graph, or is one no job-role
    knowledge covers ('should i buy netflix shares'); ``idle``: no intent of it has the roles its answer needs, so its
    cue is as weak as none ('best pizza near …': nearest to no role)."""
    from rolegraph.ask.parse.single import off_domain

    if off_domain(plan):
        return True
    if not plan.topic or plan.intent in ("abbreviation", "catalogue", "dimensions", "person", "certifications", "pay") or (
            plan.intent == "ownership" and plan.concerns):  # "the rationale for building it": the concern is the subject
        return False
    if plan.skills and plan.form in ("yes-no", "which-one", "rank") and _named_roles(kb, plan):
        return False  # "does a project manager care much about budget": the skill named is the subject, its rating decides
    if plan.form == "yes-no" and bound_held(kb, plan):
        return False  # "we're about 30 engineers total, do we need a tpgm yet": the number is held against a recorded bound
    idx = index(kb)
    unknown = [t for t in plan.topic if not t.endswith("ly") and not idx.has(t) and not has_synonym(t)]
    weak_intent = plan.intent in ("definition", "compare", "unknown") or not plan.intents or idle
    if weak_intent and plan.form == "which-one" and len(plan.roles) >= 2:  # "i wonder which of the two fits deep tech
        return bool(unknown) and not any(h.matched >= 2 for h in hits)  # products": a text with two of its words is on topic
    if not plan.intents and not plan.roles and len(plan.topic) >= 2 and hits and hits[0].coverage < TOPIC_COVERAGE:
        return True  # "when was uber founded": no text has most of what is asked, only a name from it
    if weak_intent:  # "the best programming language for a tpgm": no role card when no text has half its subject
        return bool(unknown) or (plan.form == "define" and len(plan.topic) >= 2 and not any(h.coverage >= MIN_COVERAGE for h in hits))
    return len(plan.topic) >= 2 and bool(unknown) and len(unknown) * 2 >= len(plan.topic) and not any(h.matched >= 2 for h in hits)


def _named_roles(kb: KnowledgeBase, plan: Plan) -> bool:
    """Whether the question names a role itself (not only roles assumed for it)."""
    from rolegraph.resolve import find_roles_in_text

    return bool(plan.roles and find_roles_in_text(kb, plan.question))


def term_share(kb: KnowledgeBase, words: list[str]) -> Callable[[Hit], float]:
    """How much of ``words`` (a question's content words) a text holds: the share of their weight (idf; a word no
    text has weighs most) among the words of the text, a word's synonyms counting for it."""
    idx = index(kb)
    groups = [{stem(w) for w in (t, *synonyms(t))} for t in words]
    weights = [idx.weight((t, *synonyms(t))) or idx.rarest() for t in words]
    total = sum(weights) or 1.0

    def share(h: Hit) -> float:
        said = stems_of(f"{h.label} {h.body}")
        return sum(w for g, w in zip(groups, weights, strict=True) if g & said) / total

    return share


#: A word of a question's subject is decisive when at most this many texts have it ('recipe', 'months', 'duration').
DECISIVE_TEXTS = 5


def decisive_gap(kb: KnowledgeBase, plan: Plan, relevant: Callable[[Hit], bool]) -> Hit | None:
    """The recorded knowledge gap that says the graph lacks what is asked ('how many months does the move take': no
    source says how long a move takes; 'the steps of the promised collaboration recipe': it could not be read).

    Of the texts about the roles asked that hold most of the question's decisive words (the rare words of its
    subject, :data:`DECISIVE_TEXTS`), the gap holds the most of them, then of all the question's words (at least
    half), then ranks first (bm25) with at most one text as good. A question naming a person asks for their writing,
    which the gap is not."""
    idx = index(kb)
    decisive = [t for t in plan.topic if 0 < idx.texts_having(t) <= DECISIVE_TEXTS]
    if not decisive or plan.people:
        return None
    held, share = term_share(kb, decisive), term_share(kb, plan.terms)
    texts = [h for h in idx.search([(t, *synonyms(t)) for t in decisive], limit=24) if relevant(h) and held(h) >= 0.5]
    ranked = sorted(texts, key=lambda h: (-held(h), -share(h)))  # stable: ties keep the search's bm25 order
    best = ranked[0] if ranked else None
    if best is None or best.kind != "gap" or not best.sources or share(best) < 0.5:
        return None
    ties = [h for h in ranked[1:] if (held(h), share(h)) == (held(best), share(best))]
    return best if len(ties) <= 1 else None  # a word several texts hold as fully ('model') is no subject the gap is about


#: A level code: a short prefix and a number ('L7', 'IC5', 'E6').
_CODE = re.compile(r"([a-z]{1,3})\d{1,2}")


def _code_prefixes(words: Iterable[str]) -> set[str]:
    return {m.group(1) for w in words if (m := _CODE.fullmatch(w))}


def asked_code_prefixes(kb: KnowledgeBase, plan: Plan) -> set[str]:
    """The prefixes of the level codes a question names ('is staff L7', 'IC5 vs IC4') or asks for ('what L level',
    'which ic level', 'what L number': a prefix of one or two letters that codes of the texts have, before a word of
    `[word_sets].level_nouns`; 'level code': any prefix, `[word_sets].code_words`; 'tpm levels' asks none)."""
    said = re.split(r"[^a-z0-9]+", plan.question.lower())
    known = {p for p in _code_prefixes(index(kb).vocabulary()) if len(p) <= 2}
    if any(stem(w) in _LEVEL_NOUNS and nxt in word_set("code_words") for w, nxt in pairwise(said)):
        ids = [*(i.rsplit("/", 1)[-1] for i in kb.sources()), *(str(r["id"]) for r in kb.named("disagreements").records())]
        return known - _code_prefixes(normalise(i) for i in ids)  # 'staff tpm level code': any code, no source's or dispute's id
    return _code_prefixes(said) | {w for w, nxt in pairwise(said) if stem(nxt) in _LEVEL_NOUNS and w in known}


#: Words that ask for a level code after its prefix ('L level', 'L number', 'IC grade').
_LEVEL_NOUNS = {stem(w) for w in word_set("level_nouns")}


#: A code belongs to a company named at most this many words before it ('Dropbox TPM IC4'; not Google's in a list after it).
_CODE_REACH = 6


def _codes_after(text: str, companies: list[set[str]]) -> set[str]:
    """The prefixes of the level codes ``text`` gives within :data:`_CODE_REACH` words after a company's name."""
    said = [stem(w) for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    return {p for i, w in enumerate(said) if any(w in c for c in companies)
            for p in _code_prefixes(said[i + 1 : i + 1 + _CODE_REACH])}


def company_level_gap(kb: KnowledgeBase, plan: Plan, relevant: Callable[[Hit], bool]) -> list[Hit] | None:
    """What a question asking a company's level code for a role ('what L level is a senior tpgm at google', 'a meta
    IC5 tpgm') lacks: ``None`` when a text about the roles asked names the company and a code of the kind asked;
    else the recorded gaps that name the company (maybe none). Another company's ladder or another role's codes are
    neighbours, no answer."""
    prefixes = asked_code_prefixes(kb, plan) if plan.companies and plan.roles else set()
    if not prefixes:
        return None
    asked = [stems_of(c) for c in plan.companies]
    texts = [h for h in index(kb).search([w for c in asked for w in c], roles=plan.role_iris(), limit=24)
             if relevant(h) and all(c <= stems_of(h.text) for c in asked)]
    if any(h.kind != "gap" and _codes_after(h.text, asked) & prefixes for h in texts):
        return None
    return sorted((h for h in texts if h.kind == "gap" and h.sources), key=lambda h: h.dimension not in plan.dimensions)[:1]


def value_gap(kb: KnowledgeBase, plan: Plan, hits: list[Hit]) -> list[Hit] | None:
    """What a question asking a value of a kind lacks ([values] in cues.toml: 'how long does the move take' a duration,
    'how many tpgms does google employ' a headcount there): ``None`` when it asks none, or a retrieved text (no gap) carries
    one and a word of the rest of what is asked (the move, the company named); else the recorded gap on it, if any."""
    asked = values_asked(kb, plan)
    if not asked or plan.people or "person" in plan.intents:  # a person's texts answer ('how long ago did the author switch')
        return None
    said = {stem(w) for phrase, _ in asked.values() for w in phrase.split()}
    rest = [{stem(x) for x in (t, *synonyms(t))} for t in plan.terms if stem(t) not in said and t not in word_set("value_fillers")]
    said = {stem(w) for phrase, _ in asked.values() for w in content_words(phrase.split())}  # 'long' of 'how long', no 'of'
    named = [stems_of(c) for c in plan.companies]

    within = any(not any(g & c for c in named) for g in rest)  # "how many … at meta sit in product": a share of them answers

    def carries(h: Hit) -> bool:
        return all(_CARRIES[k](h.text, counted, within) for k, (_, counted) in asked.items())

    if any(h.kind != "gap" and (not rest or any(g & stems_of(h.text) for g in rest)) and all(c <= stems_of(h.text) for c in named)
           and carries(h) for h in hits):  # of what is asked beside the value: 'senior' in 'how many years to become a senior pm'
        return None
    gaps = [*hits, *index(kb).search([tuple(g) for g in rest], roles=plan.role_iris(), kinds=("gap",), limit=6)]
    return [h for h in gaps if h.kind == "gap" and h.sources and (carries(h) or said & stems_of(h.text))][:1]  # a gap on the value


def values_asked(kb: KnowledgeBase, plan: Plan) -> dict[str, tuple[str, str]]:
    """The kinds of value the question asks for ([values]), each with the phrase that asks it and the word after it (what
    is counted); a headcount only of people (a role or a word for people) at a company the question names."""
    from rolegraph.ask.text import words as tx_words
    from rolegraph.resolve import find_roles_in_text

    said = tx_words(plan.question)
    stemmed = [stem(w) for w in said]
    people = word_set("anyone") | word_set("people_heads")
    kinds = {}
    for kind, entry in vocabulary()["values"].items():
        for phrase in entry["asks"]:
            p = tuple(stem(w) for w in phrase.split())
            at = next((i + len(p) for i in range(len(stemmed)) if tuple(stemmed[i : i + len(p)]) == p), -1)
            named = [m for m in find_roles_in_text(kb, " ".join(said[at : at + 4])) if m[0] == 0] if at >= 0 else []
            counted = named[0][1].split()[-1] if named else said[at] if 0 <= at < len(said) else ""  # 'how many tech pms'
            if at >= 0 and (kind != "headcount" or (plan.companies and counted and not set(said) & word_set("ratio") and (
                    counted.rstrip("s") in people or named))):
                kinds[kind] = (phrase, counted)
                break
    return kinds


def _length_of_time(text: str, counted: str, within: bool) -> bool:
    """Whether ``text`` gives a length of time: a number (in figures or words) and a unit of [durations] ('five years')."""
    said = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    units, numbers = set(vocabulary()["durations"]["units"]), set(vocabulary()["numbers"]) | set(vocabulary()["durations"]["before"])
    return any(w in units and any(x.isdigit() or x in numbers for x in said[max(0, i - 3) : i]) for i, w in enumerate(said))


def _number_of_people(text: str, counted: str, within: bool) -> bool:
    """Whether ``text`` counts people: a number (in figures or words) right before a plural of the word counted or of a
    word for people ('50 engineers', 'some 200 TPMs'; not 'two TPM phone screens'), or, for a count ``within`` a group
    the question narrows ('… sit in product'), before a share ('10 to 15 percent')."""
    said = [w for w in re.split(r"[^a-z0-9]+", text.lower().replace("%", " percent ")) if w]
    nouns = {stem(counted)} | {stem(w) for w in word_set("anyone") | word_set("people_heads")}
    return any(((w.endswith("s") and stem(w) in nouns) or (within and w in word_set("shares"))) and (
        said[i - 1].isdigit() or said[i - 1] in vocabulary()["numbers"]) for i, w in enumerate(said) if i)


#: How a text carries a value of each kind of [values] (the word counted and whether the count is within a group, for a
#: headcount).
_CARRIES: dict[str, Callable[[str, str, bool], bool]] = {"duration": _length_of_time, "headcount": _number_of_people}


def carries(kind: str, text: str) -> bool:
    """Whether ``text`` carries a value of ``kind`` of [values] ('duration': 'about five years before writing')."""
    return _CARRIES[kind](text, "", False)


def from_hits(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    if not hits:
        nothing(plan, ans)
        return
    for h in hits[:4]:
        ans.add(kb, hit_text(h), [h.statement])
        if h.disputed_by:
            ans.notes += [n for n in compare.disagreement_notes(kb, [h.disputed_by]) if n not in ans.notes]
    ans.lead = ans.items[0]["text"] if ans.items else (ans.external[0]["text"] if ans.external else "")
