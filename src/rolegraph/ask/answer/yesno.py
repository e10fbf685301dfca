"""The yes/no form: a verdict from an identity, the handlers' rows or the best retrieved text."""

from __future__ import annotations

import re
from collections.abc import Callable

from rolegraph.ask.answer.base import (
    ABOVE,
    BELOW,
    FUNCTION_WORDS,
    NEGATION,
    Answer,
    asks_bound,
    expanded_terms,
    hit_text,
    is_negative,
    join_names,
    negated_claim,
    role_facts,
    states_bound,
    stems_of,
    tx_stopwords,
    tx_words,
    without_roles,
)
from rolegraph.ask.plan import TPM_ROLES, Plan, PlanRole
from rolegraph.ask.retrieve import Hit
from rolegraph.ask.text import vocabulary, word_set
from rolegraph.compare import role_info
from rolegraph.kb import KnowledgeBase


def _yes_no(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """Yes or No from the deciding row: an identity, the handlers' rows or the best retrieved text."""
    if plan.intent == "transitions" and plan.skills and _by_importance(kb, plan, ans):
        return  # "if I move into X, will I still be writing code": the skill in the role moved to, not the move
    if _VERDICT.match(ans.lead):  # a handler's verdict, not a text that happens to open with "No public ladder …"
        _as_claimed(plan, ans, hits)
        return
    if _comparative(kb, plan, ans) or _by_company(plan, ans):
        return
    identity = identity_verdict(kb, plan)
    if identity:
        ans.lead = identity[0]
        ans.add(kb, identity[0], identity[1])
        if len(identity[1]) == 2:  # "is a pgm just a pjm with more projects": different roles, and what each one is
            for r in role_info(kb, *identity[1]):
                ans.add(kb, f"{r['label']}: {r['definition']}", [str(r["role"])])
        ans.abstained = False
        return
    if _by_importance(kb, plan, ans):
        return
    wanted = _asked_stems(kb, plan)
    retrieved = {hit_text(h): h for h in hits}  # an item taken from a retrieved text keeps its roles
    evidence = [(i["text"], retrieved.pop(i["text"], None)) for i in ans.items] + [(t, h) for t, h in retrieved.items()]
    if not wanted:
        return
    bound = asks_bound(plan) and not re.search(r"\d", plan.question)  # "is there a minimum company size for tpms"
    evidence += _bounds(kb, plan, wanted, bound)
    if not evidence:
        return
    if bound and (bounded := [e for e in evidence if states_bound(e[0]) and wanted & stems_of(without_roles(kb, e[0]))]):
        text, hit = max(bounded, key=lambda e: len(wanted & stems_of(without_roles(kb, e[0]))))
        ans.lead = f"Yes: {text}"  # a row that states the bound is the bound asked about, whichever way it is phrased
        if hit is not None:
            ans.add(kb, text, [hit.statement])
        return
    asked_negative = _claims_none(plan)
    if _per_role(kb, plan, ans, wanted, asked_negative):
        return
    threshold = _threshold(plan, [e for e in evidence if wanted & stems_of(e[0])])
    reading = ""
    if threshold:
        text, hit, negative, reading = threshold
    else:  # the handlers' rows and texts about the role itself (not one of its levels) count one word more
        asked = {r.iri for r in plan.roles}
        own = stems_of(" ".join(t for t in plan.terms if t not in _FILLERS))  # on a tie, a text with the words asked before one with their synonyms
        text, hit = max(evidence, key=lambda e: (len(wanted & stems_of(without_roles(kb, e[0])))
                                                 + (e[1] is None or bool(asked & set(e[1].roles))),
                                                 len(own & stems_of(e[0])), e[1] is None))
        if not wanted & stems_of(without_roles(kb, text)):
            return
        if hit is not None and hit.roles and asked and not asked & set(hit.roles) and set(hit.roles) <= role_iris(kb):
            names = " or ".join(f"the {r.label}" for r in plan.roles)
            ans.lead = f"Not recorded for {names}; the knowledge base says this of another role: {text}"
            ans.add(kb, text, [hit.statement])  # "do tpgms need an mba": a text about the Tech PM decides nothing for the Tech PgM
            return
        negative = is_negative(text, wanted)
    verdict = "No" if negative != asked_negative else "Yes"
    if verdict == "Yes" and not asked_negative and _UNIVERSAL.search(" ".join(tx_words(plan.question))) and _EXCEPTION.search(text):
        verdict, reading = "No", "not always: "  # "does every posting say X": the row tells of cases without it
    disputed = f" (disputed: {hit.disputed_by})" if hit is not None and hit.disputed_by else ""
    ans.lead = f"{verdict}{disputed}: {reading}{text}"
    if hit is not None:
        ans.add(kb, text, [hit.statement])


def _as_claimed(plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """A retrieved text that opens with its own verdict ('No: the Tech PgM does not directly influence …', a position on
    whether it does) answers a claim put in the negative ('a tpgm has no direct influence, fair to say?') the other way
    round: 'Yes: the Tech PgM does not …'."""
    head = re.match(r"(Yes|No): ", ans.lead)
    if head and any(hit_text(h) == ans.lead for h in hits) and _claims_none(plan):
        ans.lead = f"{'Yes' if head.group(1) == 'No' else 'No'}: {ans.lead[head.end():]}"


def _by_company(plan: Plan, ans: Answer) -> bool:
    """'Is Spotify one of the companies hiring Tech PMs?': a company named is decided by the hiring rows of the roles
    asked; Yes with the row that names it. False when no row names it (the texts found may decide)."""
    labels = [f"{r.label} — " for r in plan.roles]
    rows = [i["text"] for i in ans.items if i["text"].startswith(tuple(labels))
            and any(re.search(rf"\b{re.escape(c)}\b", i["text"]) for c in plan.companies)] if plan.intent == "hiring" and labels else []
    if not rows:
        return False
    ans.lead = f"{'No' if _asked_negative(plan) else 'Yes'}: {rows[0]}"
    return True


#: A lead that already gives a verdict.
_VERDICT = re.compile(r"(?:Yes|No)(?:[,:.]| \(|$)|Not recorded|No recorded stance")
#: A question about every case ('always', 'every posting'); a row that tells of exceptions answers it No.
_UNIVERSAL = re.compile(r"\b(always|every|each|all|any time|without exception)\b")
_EXCEPTION = re.compile(r"\b(even when|even if|leaves? out|left out|not always|sometimes|some|usually|often|mostly|typically|"
                        r"in most|most of|rarely|occasionally|varies|vary|depends)\b", re.IGNORECASE)


def role_iris(kb: KnowledgeBase) -> set[str]:
    return {str(r["role"]) for r in kb.named("roles").records()}


def _phrases(key: str) -> list[tuple[str, ...]]:
    from rolegraph.ask.text import phrase_stems, vocabulary

    return [phrase_stems(p) for p in vocabulary()["yes_no"].get(key, [])]


def _says(plan: Plan, key: str) -> bool:
    """Whether the question has a phrase of ``[yes_no].KEY`` in cues.toml."""
    from rolegraph.ask.text import find_phrase, stems

    said = stems(tx_words(plan.question))
    return any(find_phrase(said, p) >= 0 for p in _phrases(key))


def _asks_absence(question: str) -> bool:
    """'Is a Tech PM an individual contributor?' asks whether a row says none (``[yes_no].absent``); not when it is the
    alternative after 'or' ('does anyone report to them or are they an IC' asks the first)."""
    from rolegraph.ask.text import find_phrase, stems

    words = tx_words(question)
    said = stems(words)
    return any((at := find_phrase(said, p)) >= 0 and "or" not in words[:at] for p in _phrases("absent"))


#: Where one claim of a closed question ends and the next begins ('neither manages people, right? both ics?').
_CLAIMS = re.compile(r"[?;!]+|\.\s+")


def _claims_none(plan: Plan) -> bool:
    """Whether the question claims the row says none: a negative claim ('tech pms don't code') or an absence
    ('an IC'), not both in one claim ('isn't a tpgm an IC' asks whether it has none). Each claim is read on its own;
    the first that says either way decides ('neither manages people, right? both ICs?' says none twice)."""
    for claim in _CLAIMS.split(plan.question):
        negative, absent = negated_claim(claim), _asks_absence(claim)
        if negative or absent:
            return negative != absent
    return False


#: Words for people in general, which name nothing a row must name.
_ANYONE = word_set("anyone")


def _per_role(kb: KnowledgeBase, plan: Plan, ans: Answer, wanted: set[str], asked_negative: bool) -> bool:
    """'Are both Tech PMs and Tech PgMs individual contributors?': each role named decided by its own best row, then
    combined: every role for 'both' / 'neither' / 'A and B', any one for 'either'. False when a role has no row of its own."""
    from rolegraph.ask.answer.dimensions import HANDLERS as DIMENSIONS
    from rolegraph.ask.answer.dimensions import asked_relations

    roles = [r for r in plan.roles if r.part in ("compared", "subject") or (r.part in ("target", "source") and plan.intent != "transitions")]
    relations = asked_relations(plan, plan.intent) if plan.intent in DIMENSIONS else []
    sliced = bool(relations)  # "is a Tech PM somebody's boss": direct reports
    if len(roles) < (1 if sliced else 2):
        return False
    thing = stems_of(" ".join(w for w in plan.topic if not NEGATION.fullmatch(w) and w not in _ANYONE))  # what the row
    # must name, beyond the slice ("people reporting to them" names no one in particular)
    decided = []
    for role in roles:
        own = [i["text"] for i in ans.items if i["text"].startswith(f"{role.label} — ")]
        if not own:
            return False
        first = f"{role.label} — {relations[0].replace('-', ' ')}" if relations else "\0"  # the relation most words name
        text = max(own, key=lambda t: (t.startswith(first), len(wanted & stems_of(without_roles(kb, t)))))  # ties: the handler's order
        said = stems_of(without_roles(kb, text))
        if thing and not thing & said:  # "does a Tech PM report to engineering": the row names another org
            decided.append((role, asked_negative, text))
        else:
            decided.append((role, is_negative(text, wanted) == asked_negative, text))
    held = [role.label for role, holds, _ in decided if holds]
    rows = "; ".join(text for _, _, text in decided)
    if len(decided) == 1 and held and not asked_negative and _UNIVERSAL.search(" ".join(tx_words(plan.question))) and _EXCEPTION.search(rows):
        ans.lead = f"No: not always: {rows}"  # "do tpgms always report to engineering": mostly
    elif len(decided) == 1:
        ans.lead = f"{'Yes' if held else 'No'}: {rows}"
    elif _says(plan, "any") and not _says(plan, "every"):
        ans.lead = (f"Yes, true of the {join_names(held)}: " if held else "No, true of none of them: ") + rows
    elif len(held) == len(decided):
        ans.lead = f"Yes, true of {'both' if len(held) == 2 else 'all of them'}: {rows}"
    else:
        ans.lead = (f"No, true only of the {join_names(held)}: " if held else
                    f"No, true of {'neither' if len(decided) == 2 else 'none of them'}: ") + rows
    return True


def _by_importance(kb: KnowledgeBase, plan: Plan, ans: Answer) -> bool:
    """'Does a Program Manager need software architecture?': one role and the skills named, decided by their importance
    (0–5): at least 3 is Yes, at most 1 is No, a rating in between by its reason when that says no; False when the
    question names no skill or the rating is in between with no such reason."""
    from rolegraph.ask.answer.choice import measure_asked
    from rolegraph.ask.answer.dimensions import HANDLERS as DIMENSIONS
    from rolegraph.ask.answer.dimensions import asked_relations

    targets = [r for r in plan.roles if r.part == "target"]
    roles = targets if plan.intent == "transitions" else plan.roles
    if len(roles) >= 2 and plan.intent != "transitions" and not (plan.intent in DIMENSIONS and asked_relations(plan, plan.intent)):
        return each_by_importance(kb, plan, ans, roles)  # a slice named ("both people managers") is decided by its rows
    if len(roles) != 1:
        return False
    name, measure = ("", plan.skills) if plan.skills else measure_asked(kb, plan)
    if not measure or (name and (name != f"{measure[0]} skills" or _beyond_category(kb, plan, measure[0]))):
        return False  # no skill named, and no category of skills ("must a pjm be technical": its technical skills)
    role = roles[0]
    rows = [r for r in kb.named("skill-profile", role=role.iri).records() if r["label"] in measure or r["category"] in measure]
    if not rows:
        return False
    value = sum(int(str(r["importance"])) for r in rows) / len(rows)
    if plan.skills and _says(plan, "the_one") and role.iri in TPM_ROLES and _against_the_other(kb, plan, ans, role, value):
        return True
    held = value >= 3
    if 1 < value < 3:  # a middle rating: its own reason decides when it says no ('useful: the EM no longer codes day to day')
        near = _asked_stems(kb, plan) | stems_of(" ".join(str(r["label"]) for r in rows))
        if not (len(rows) == 1 and rows[0]["reason"] and is_negative(str(rows[0]["reason"]), near)):
            return False
    asked_negative = _asked_negative(plan)
    verdict = "Yes" if held != asked_negative else "No"
    for r in rows:
        ans.add(kb, f"{role.label} — {r['label']}: importance {r['importance']} of 5" + (f" — {r['reason']}" if r["reason"] else ""),
                [str(r["link"])])
    ans.lead = f"{verdict}: the {role.label} rates " + (f"its {name} {value:.2g} on average" if name else ", ".join(
        f"{r['label']} {r['importance']}" for r in rows)) + " on the 0–5 scale" + (f": {rows[0]['reason']}" if 1 < value < 3 else ".")
    return True




#: Intents whose closed questions about a skill category are decided by the roles' ratings.
_RATED = (["skills"], ["shared"], ["separate"])


def each_by_importance(kb: KnowledgeBase, plan: Plan, ans: Answer, roles: list[PlanRole]) -> bool:
    """'Do both tpms need product strategy?', 'is technical depth something A and B both need': each role decided by its
    mean importance on the skills or the skill category named (at least 3 of 5, as a shared skill), then combined: every
    role, or any one for 'either'. False when the question names neither, or a role has no rating of it."""
    from rolegraph import compare
    from rolegraph.ask.answer.choice import importance, measure_asked

    name, measure = (", ".join(plan.skills), plan.skills) if plan.skills else measure_asked(kb, plan)
    if not measure or (not plan.skills and (name != f"{measure[0]} skills" or plan.intents[:1] not in ([], *_RATED))):
        return False  # no skill named, and no category of skills asked about ('or does one manage people': reports)
    rated = [(role, *importance(kb, role.iri, measure)) for role in roles]
    if not all(rows for _, _, rows in rated):
        return False
    held = [role.label for role, value, _ in rated if value >= compare.SHARED_MIN_IMPORTANCE]
    negative = _asked_negative(plan)
    if _says(plan, "any") and not _says(plan, "every"):
        verdict = (f"Yes, true of the {join_names(held)}" if held else "No, true of none of them") if not negative else (
            "No" if held else "Yes")
    elif len(held) == len(rated):
        verdict = "No" if negative else f"Yes, true of {'both' if len(rated) == 2 else 'all of them'}"
    else:
        verdict = ("Yes" if not held else "No") if negative else (
            f"No, true only of the {join_names(held)}" if held else f"No, true of {'neither' if len(rated) == 2 else 'none of them'}")
    for role, value, rows in rated:
        ans.add(kb, f"{role.label} — {name}: {value:.2g} of 5" + (f" — {rows[0]['reason']}" if len(rows) == 1 and rows[0]["reason"] else ""),
                [str(r["link"]) for r in rows])
    ans.lead = f"{verdict}: on {name} (importance 0–5, {compare.SHARED_MIN_IMPORTANCE}+ counts as needed), " + ", ".join(
        f"the {role.label} rates {value:.2g}" for role, value, _ in rated) + "."
    return True


def _beyond_category(kb: KnowledgeBase, plan: Plan, category: str) -> bool:
    """Whether the question asks about more than the role's skills of ``category``: 'is the word technical always in the
    title' names a title, 'must a pjm be technical' nothing else."""
    from rolegraph.ask.text import phrase_stems, vocabulary

    said = {st for p in vocabulary()["categories"][category] for st in phrase_stems(p)}
    words = [w for w in tx_words(without_roles(kb, plan.question)) if w not in FUNCTION_WORDS and w not in tx_stopwords()]
    return bool(stems_of(" ".join(words)) - said - stems_of(" ".join(word_set("be_like") | word_set("how_deep"))))



def _against_the_other(kb: KnowledgeBase, plan: Plan, ans: Answer, role: PlanRole, value: float) -> bool:
    """'Is the Tech PgM the one who sets the product strategy?': Yes when the role rates the skills named clearly above the
    other TPM role, No when clearly below; False when they are about the same."""
    from rolegraph.ask.answer.choice import SAME_IMPORTANCE, importance

    other_iri = next(iri for iri in TPM_ROLES if iri != role.iri)
    other = PlanRole(other_iri, TPM_ROLES[other_iri])
    theirs, rows = importance(kb, other.iri, plan.skills)
    if abs(value - theirs) < SAME_IMPORTANCE:
        return False
    held = (value > theirs) != _asked_negative(plan)
    ans.lead = (f"{'Yes' if held else 'No'}: on {', '.join(plan.skills)}, the {role.label} rates {value:.2g} and the {other.label} "
                f"{theirs:.2g} (importance, 0–5).")
    ans.add(kb, f"{other.label} — {', '.join(plan.skills)}: {theirs:.2g}", [str(r["link"]) for r in rows])
    return True


def _threshold(plan: Plan, evidence: list[tuple[str, Hit | None]]) -> tuple[str, Hit | None, bool, str] | None:
    """A question with a number ('a 30 engineer company') and a row with a bound ('fewer than about 50 engineers … no TPMs'):
    the row's claim holds when the number is within the bound, and the opposite when it is not; with how it was read."""
    asked = [int(n) for n in re.findall(r"(?<![\w-])(\d+)(?![\w-])", plan.question)]
    if not asked:
        return None
    for text, hit in evidence:
        below, above = BELOW.search(text), ABOVE.search(text)
        bound = below or above
        if bound is None:
            continue
        limit = int(next(g for g in bound.groups() if g))
        within = asked[0] < limit if below else asked[0] > limit
        side = "below" if asked[0] < limit else "above" if asked[0] > limit else "at"
        return text, hit, is_negative(text) == within, f"{asked[0]} is {side} the {limit} in: "
    return None


def _bounds(kb: KnowledgeBase, plan: Plan, wanted: set[str], asked: bool = False) -> list[tuple[str, Hit | None]]:
    """A question with a number ('a 15 person eng team') or that asks for a bound (``asked``: 'is there a minimum …'):
    the named roles' facts that set a bound on a word asked ('fewer than about 50 engineers'); none otherwise."""
    if not plan.roles or not (asked or re.search(r"(?<![\w-])\d+(?![\w-])", plan.question)):
        return []
    found: list[tuple[str, Hit | None]] = []
    for f in role_facts(kb, plan.role_iris()):
        text = str(f["text"])
        if states_bound(text) and wanted & stems_of(text):
            hit = Hit(str(f["fact"]), "fact", "", text, tuple(plan.role_iris()), str(f["dimension"]), str(f["basis"]), (),
                      str(f["id"]), str(f["disputed_by"] or ""), 0.0, len(wanted & stems_of(text)))
            found.append((hit_text(hit), hit))
    return found


def _asked_negative(plan: Plan) -> bool:
    """Whether the claim the question puts is negative ('tech pms don't code, right?'; not 'doesn't a Tech PgM …')."""
    return negated_claim(plan.question)


def _asked_stems(kb: KnowledgeBase, plan: Plan) -> set[str]:
    """Stems of what a closed question asks about: its words (and a follow-up's earlier ones), no role names, function
    words, fillers ('could it still be …': 'still' asks nothing) or words that quote a text ('the ad says …')."""
    left_out = FUNCTION_WORDS | tx_stopwords() | _FILLERS | _QUOTING
    words = [w for w in tx_words(without_roles(kb, plan.question)) if w not in left_out]
    return stems_of(" ".join(words + [t for t in expanded_terms(plan) if t not in left_out]))


#: Words that quote what a text reads ('the job ad says …'): no subject of a closed question.
_QUOTING = word_set("quoting")
#: Words a cue phrase may have inside it ('still', 'just'): no subject of their own.
_FILLERS = frozenset(vocabulary()["fillers"]["words"])
#: "more technical than", "less strategic than": a comparison, not an identity.
_COMPARATIVE = re.compile(r"\b(more|less|better|worse|stronger|weaker|\w+er)\b(?:\s+\w+){0,3}?\s+than\b")


#: "as much tech depth as", "as technical as", "the same technical depth as": whether the first role is level with the second.
_EQUAL = re.compile(r"\bas (?:\w+\s+){1,3}?as\b|\bthe same (?:\w+\s+){1,3}?as\b")


def _equal(kb: KnowledgeBase, plan: Plan, ans: Answer) -> bool:
    """'Does a Tech PM need as much tech depth as a Tech PgM?': Yes when the first role's mean importance on the measure
    named is at least the second's, less :data:`SAME_IMPORTANCE` ('about the same' when within it); else No."""
    from rolegraph.ask.answer.choice import SAME_IMPORTANCE, importance, measure_asked

    name, measure = measure_asked(kb, plan)
    if not measure:
        return False
    first, second = plan.roles
    (a, rows_a), (b, rows_b) = (importance(kb, r.iri, measure) for r in plan.roles)
    if not (rows_a and rows_b):
        return False
    verdict = "Yes, about the same" if abs(a - b) < SAME_IMPORTANCE else "Yes, more" if a > b else "No, less"
    ans.lead = f"{verdict}: on {name}, the {first.label} rates {a:.2g} and the {second.label} {b:.2g} (mean importance, 0–5)."
    ans.add(kb, f"{first.label} — {name}: {a:.2g}", [str(r["link"]) for r in rows_a])
    ans.add(kb, f"{second.label} — {name}: {b:.2g}", [str(r["link"]) for r in rows_b])
    return True


def _comparative(kb: KnowledgeBase, plan: Plan, ans: Answer) -> bool:
    """'Is a Tech PM more technical than a Tech PgM?': the two roles' importance on the measure named (a skill
    category or skills, as for 'which one'); Yes when the first role named is ahead ('less …': behind)."""
    from rolegraph.ask.answer.choice import SAME_IMPORTANCE, importance, measure_asked

    said = _COMPARATIVE.search(" ".join(tx_words(plan.question)))
    if len(plan.roles) == 2 and said is None and _EQUAL.search(" ".join(tx_words(without_roles(kb, plan.question)))):
        return _equal(kb, plan, ans)
    if len(plan.roles) != 2 or said is None:
        return False
    name, measure = measure_asked(kb, plan)
    if not measure:
        return False
    (a, rows_a), (b, rows_b) = (importance(kb, r.iri, measure) for r in plan.roles)
    if a == b:
        return False
    first, second = plan.roles
    ahead = (a > b) != (said.group(1) in ("less", "worse", "weaker"))
    verdict = "No, about the same" if abs(a - b) < SAME_IMPORTANCE else "Yes" if ahead else "No"
    ans.lead = f"{verdict}: on {name}, the {first.label} rates {a:.2g} and the {second.label} {b:.2g} (mean importance, 0–5)."
    ans.add(kb, f"{first.label} — {name}: {a:.2g}", [str(r["link"]) for r in rows_a])
    ans.add(kb, f"{second.label} — {name}: {b:.2g}", [str(r["link"]) for r in rows_b])
    return True


#: Nouns of a kind in the singular: one role said to be a kind of another ("a flavour of product manager").
_KIND_NOUNS = word_set("kind_nouns")


def identity_verdict(kb: KnowledgeBase, plan: Plan) -> tuple[str, list[str]] | None:
    """'Is a Tech PM a product manager?': decided by rg:isKindOf; a comparison ('more technical than') is none."""
    if _COMPARATIVE.search(" ".join(tx_words(plan.question))):
        return None
    kind = plan.intent == "variants" and bool(set(tx_words(plan.question)) & _KIND_NOUNS)  # "a flavour of product manager"
    if len(plan.roles) != 2 or (plan.intent not in ("definition", "compare", "abbreviation", "unknown") and plan.intents and not kind):
        return None
    a, b = plan.roles
    kinds = {str(r["role"]): str(r["kind_of"] or "") for r in role_info(kb, a.iri, b.iri)}  # bound: not every role
    if kinds.get(a.iri) == b.label:
        return f"Yes: the {a.label} is a kind of {b.label}.", [a.iri]
    if kinds.get(b.iri) == a.label:
        return f"No: it is the other way round; the {b.label} is a kind of {a.label}.", [b.iri]
    parent = f" (the {a.label} is a kind of {kinds[a.iri]})" if kinds.get(a.iri) else ""
    return f"No: the {a.label} and the {b.label} are different roles{parent}.", [a.iri, b.iri]


#: A verdict at the head of a lead, and what follows it ('No (disputed: D13): the Tech PgM does not …').
_HEAD = re.compile(r"^(Yes|No)((?: \(disputed: D\d+\))?)[:,.]\s*")


def name_the_subject(plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """A verdict about one role read off a retrieved text that does not name the role by its label ('No: the Tech PgM
    does not directly influence …') names it after the verdict: 'No, for the Technical Program Manager: the Tech PgM …'."""
    head = _HEAD.match(ans.lead)
    texts = {t for h in hits for t in (hit_text(h), _HEAD.sub("", hit_text(h)))}  # a text's own verdict may be turned round
    if len(plan.roles) != 1 or head is None or plan.roles[0].label.lower() in ans.lead.lower() or ans.lead[head.end():] not in texts:
        return
    ans.lead = f"{head.group(1)}{head.group(2)}, for the {plan.roles[0].label}: {ans.lead[head.end():]}"


#: This module's form deciders, by answer form.
DECIDERS: dict[str, Callable[[KnowledgeBase, Plan, Answer, list[Hit]], None]] = {
    "yes-no": _yes_no,
}
