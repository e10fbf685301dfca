"""One question, or one part of it, to a :class:`Plan`: intents, form, roles, scope and what else it names."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from rolegraph.ask import text as tx
from rolegraph.ask.mentions import in_context, named_twice, one_role_named_twice, unknown_beside
from rolegraph.ask.parse.defaults import _default_roles
from rolegraph.ask.parse.follow_up import _is_follow_up, _merge
from rolegraph.ask.parse.form import _ARROW, _MEANING, _WH, _alternative, _asks_which, _counted_noun, _form, _narrowed, _seedless, narrowing_at
from rolegraph.ask.parse.framing import framing_at, recording_at, shape_at
from rolegraph.ask.parse.named import (
    _BESIDE_CONCERN,
    _activity_asked,
    _activity_spans,
    _cited,
    _concerns,
    _fit,
    _held,
    _named,
    _people,
    _phrased_concerns,
    _skill_over,
    _writers,
)
from rolegraph.ask.parse.roles import (
    _AGAINST,
    _as_titles,
    _audience,
    _common_name,
    _is_short,
    _names_readings,
    _non_technical,
    _offered_moves,
    _offers_readings,
    _one_of_the_kinds,
    _one_side,
    _one_way,
    _partner,
    _qualified_after,
    _quoted,
    _roles,
    _shared_heads,
    _technical_one,
    _title_terms,
    _unbroken,
    _unit,
    unknown_titles,
)
from rolegraph.ask.parse.spelling import _corrected
from rolegraph.ask.parse.vocabulary import (
    _ARTICLES,
    INTENT_MIN,
    Cues,
    _cue_words,
    _known,
    _ranked_intents,
    _scope,
    _specific_collaboration,
    absorbed,
    intent_scores,
    loose,
    score,
)
from rolegraph.ask.plan import TPM_ROLES, Plan, PlanRole
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import RoleRef, find_roles_in_text

#: Intents a question that names one role by two names asks as a question about the names ("pmt vs tech pm").
_NAMING = ("compare", "definition", "abbreviation", "separate", "shared")


def _headcount(words: list[str], mention: tuple[int, str, list[RoleRef]]) -> bool:
    """Whether a mention counts people, not a role asked about ('20 devs'); a figure of ``[word_sets].both`` before a
    short form of several readings names them all ('the 2 tpms')."""
    at, _, refs = mention
    return bool(at) and words[at - 1].isdigit() and not (len(refs) > 1 and words[at - 1] in tx.word_set("both"))


def _single(kb: KnowledgeBase, question: str, c: Cues) -> Plan:
    words = tx.words(_qualified_after(kb, question))
    titles = {i for _, s, e in _writers(kb, words) if len(words[s:e]) > 1 for i in range(s, e)}  # "the pragmatic engineer"
    mentions = [m for m in _unbroken(kb, _as_titles(words), _qualified_after(kb, question)) if not _headcount(words, m)
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
    recording = recording_at(words)  # "what does the knowledge base cite": the knowledge base answers, no source is asked
    stemmed = ["·" if i in quoted | recording else "|" if i in role_at else s for i, s in enumerate(tx.stems(words))]  # "product" in
    # "product manager" is no cue; a title quoted ("the ad says product manager") is neither cue nor role
    seedless = _seedless(words, stemmed)
    scope = _scope(c, seedless)
    said_where = _cue_words({"scope": [(p, 1) for p in c.seed]}, seedless, ["scope"]) - _cue_words(
        c.intents, stemmed, ["person"])  # "the original article" asks no origin; "the author", "whose blog" may ask who
    said_where |= narrowing_at(words)  # "… or only one of them": the claim narrowed, no one-sided skills asked
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
    plan.ratio = bool(set(tx.words(question)) & tx.word_set("ratio_asked"))
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
    if (plan.form == "yes-no" or offered) and intents[:1] in ([], ["definition"]) and not _narrowed(words) and any(
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
                          if not _common_name(u, roles) and not (roles and "team" in intents and _partner(words, role_at, u))
                          and not (roles and _askers_own(words, u) and not set(intents) & _FROM_THE_ASKER)]
    content = set(tx.content_words(words))
    scope_at = _cue_words({"scope": [(p, 1) for p in c.seed + c.outside]}, _seedless(words, stemmed), ["scope"])
    if plan.scope != "any":  # "sticking strictly to the seed", "going only by …": how the scope is said, no subject
        scope_at |= _cue_words({"hedge": [(p, 1) for p in c.hedges]}, tx.stems(words), ["hedge"])
    form_at = _cue_words(c.forms, stemmed, list(c.forms))  # "rank", "how many", "right?" ask for a form, not about a subject
    scope_at |= framing_at(question, words)  # "as the knowledge base records it", "for the intro lecture": no subject
    if roles and not set(intents) & _FROM_THE_ASKER:  # "define tech pm for me, im a founder": who asks, not what
        scope_at |= _askers_title_at(words, role_at)
    plan.terms = list(dict.fromkeys([w for i, w in enumerate(words) if i not in role_at | scope_at | form_at and w in content]
                                    + _title_terms(words, quoted, roles)))
    other = {"follow-up": [(p, 1) for p in c.follow_up + c.reverse + c.onward + c.seed + c.outside],
             "measure": [(p, 1) for p in c.measures], "idiom": [(p, 1) for p in c.idioms]}  # "more technical", "at heart"
    cue_at = _cue_words(c.intents, stemmed, list(c.intents)) | _cue_words(c.forms, stemmed, list(c.forms)) | _cue_words(
        other, stemmed, list(other))  # cue words are no subject of their own
    plan.topic = list(dict.fromkeys(w for i, w in enumerate(words) if i not in role_at | cue_at | scope_at | shape_at(words) and w in content
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


_NEARER = tx.word_set("nearer")

#: Intents that start from the asker's own role ("im a qa engineer, how do i become a tpgm"): their title is asked about.
_FROM_THE_ASKER = tx.word_set("from_the_asker")
_TELLING = tx.word_set("telling") | tx.word_set("being")


def _askers_title_at(words: list[str], role_at: set[int]) -> set[int]:
    """Positions of the title the asker gives themself, or someone they tell of ('im a founder', 'as a recruiter, …'):
    up to two words after a word of telling or being and an article, none of them a role named or a stop word."""
    found: set[int] = set()
    for i, w in enumerate(words[:-1]):
        if (w in _TELLING or (i == 0 and w in tx.word_set("being_openers"))) and words[i + 1] in _ARTICLES:
            for j in range(i + 2, min(i + 4, len(words))):
                if j in role_at or words[j] in tx.stopwords():
                    break
                found.add(j)
    return found


def _askers_own(words: list[str], title: str) -> bool:
    """Whether ``title`` is the asker's own, or that of someone they tell of ('define tech pm for me, im a founder', 'as a
    recruiter, …', 'my cofounder asked …'): a word of telling or being just before it (an article between), or a word
    opening the question ('as', not 'the same as')."""
    found = tx.find_phrase(words, tuple(tx.words(title)))
    at = found - 1 if found > 0 and words[found - 1] in _ARTICLES else found
    return at > 0 and (words[at - 1] in _TELLING or (at == 1 and words[0] in tx.word_set("being_openers")))


#: Role mentions that may only count people ("engineers", "devs").
_PEOPLE_WORDS = tx.word_set("people_words")


#: Intents a "who/which role …" question naming an activity of the responsibility matrix is answered from that matrix instead.
_WHO_DOES = ("ownership", "definition", "deliverables", "day-to-day", "compare", "skills")


#: Words for a role's share of the work after its possessive ("the tech pm's job", "the tpgm's call"), as stems.
_DUTIES = frozenset(tx.stems(tx.word_list("duties")))


def _possessed(reading: list[str]) -> bool:
    """Whether the question ends on a role's possessive after "the", alone or before a word for its share of the work
    ('… the tpgm's', '… the tech pm's job'; ``reading``: its stems, ``|`` for a role name): what comes before is that
    role's. Not after "of" ('a big part of the pjm's job' asks whether it is among its duties) nor "a" (any one of them)."""
    at = len(reading) - (2 if reading[-1:] and reading[-1] in _DUTIES else 1)
    start = at
    while start >= 1 and reading[start - 1] == "|":
        start -= 1
    return start < at and reading[at] == "s" and reading[start - 1 : start] == ["the"] and reading[start - 2 : start - 1] != ["of"]


def _finish(kb: KnowledgeBase, plan: Plan, words: list[str], stemmed: list[str], c: Cues, prev: Plan | None) -> Plan:
    if prev is not None and prev.status not in ("cannot-parse",) and _is_follow_up(c, words, stemmed, plan, prev):
        plan = _merge(c, plan, prev, stemmed)
    elif _possessed(plan.reading) and plan.concerns and set(plan.intents) <= set(_BESIDE_CONCERN) and words[:1] and (
            words[0] in c.yes_no):  # "is the why the tpgm's", "is timeline across teams the tech pm's job": who owns it
        plan.intents, plan.form = ["ownership"], "yes-no"
        plan.dimensions = list(c.dimensions.get("ownership", []))
    elif not plan.intents and not plan.terms and not plan.parts and len(plan.roles) + len(plan.ambiguous) == 1:
        plan.intents, plan.form = ["definition"], "define"  # "project manager = ?", "what tpm does", "tpm job?": one role
        # (or short form), nothing else asked
    elif not plan.intents and not plan.terms and not plan.parts and not plan.skills and plan.form == "which-one" and len(
            plan.role_iris("compared", "subject")) >= 2:  # "do i need an engineering manager or a technical program manager":
        plan.intents = ["compare"]  # roles offered with nothing else asked: how they differ decides it
        plan.dimensions = list(c.dimensions.get("compare", []))
    if not plan.intents and plan.skills:  # "which matters most: risk management or writing code", "will i write code"
        plan.intents = ["skills"]
        plan.dimensions = list(c.dimensions["skills"])
    if all(i in _BESIDE_CONCERN for i in plan.intents) and plan.concerns and plan.form in ("which-one", "yes-no", "list") and _phrased_concerns(words):
        plan.intents = ["ownership"]  # "reasons behind building something - tech pm or tpgm territory?", "who
        plan.dimensions = list(c.dimensions.get("ownership", []))  # picks the teams": who owns the why, the who
    if plan.intents[:1] == ["ownership"] and plan.form == "which-one":
        _granted(kb, plan)
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


#: Words that open a condition the question takes as given ("if the tech pm has the what/why, who owns …").
_GIVEN = tx.word_set("granting")


def _granted(kb: KnowledgeBase, plan: Plan) -> None:
    """'ok so if the tech pm has the what/why, who owns the who and the when': the concerns a leading condition gives to the
    one role named there are no part of what is asked, and the choice is between that role and the other TPM role."""
    head, comma, rest = plan.question.partition(",")
    words = tx.words(head)
    opens = next((i for i, w in enumerate(words[:3]) if w in _GIVEN), None)
    given = _concerns(head, []) if comma and opens is not None else []
    asked = [c for c in plan.concerns if c not in given]
    if not (given and asked) or len(plan.roles) != 1 or plan.roles[0].iri not in TPM_ROLES or find_roles_in_text(kb, rest):
        return
    plan.concerns = asked
    plan.roles = [replace(plan.roles[0], part="compared"), *(PlanRole(i, label, "compared") for i, label in TPM_ROLES.items()
                                                              if i != plan.roles[0].iri)]
    plan.assumptions.append(f"The {' and the '.join(given)} taken as given; the choice is between the two TPM roles.")


_THE_WORK = tx.word_set("the_work")


def _asks_work(words: list[str], at: int) -> bool:
    """Whether words after the short form at ``at`` ask about the role's work ("what does a tpm do", "a tpm's job")."""
    return bool(_THE_WORK & set(words[at + 1 :]))


def off_domain(plan: Plan) -> bool:
    """Whether the question names a subject of ``[off_domain]`` (markets, weather), a company's name left out between
    its words ('should i buy netflix shares')."""
    named = {w for c in plan.companies for w in tx.words(c)}
    said = tx.stems([w for w in tx.words(plan.question) if w not in named])
    return any(tx.find_phrase(said, tx.phrase_stems(p)) >= 0 for p in tx.vocabulary()["off_domain"]["phrases"]) or _forecast(plan)


def _forecast(plan: Plan) -> bool:
    """Whether the question asks about a year to come ('will tpgm still exist in 2035'): the knowledge base records what
    its sources say, no forecast."""
    return any(int(y) > date.today().year for y in _YEAR.findall(plan.question))


_YEAR = re.compile(r"\b(2\d{3})\b")


def _searchable(kb: KnowledgeBase, plan: Plan) -> bool:
    """Whether the question's own words find anything at all in the graph."""
    from rolegraph.ask.retrieve import index

    return bool(plan.terms) and any(h.matched >= max(1, (len(plan.terms) + 1) // 2) for h in index(kb).search(plan.terms, limit=3))
