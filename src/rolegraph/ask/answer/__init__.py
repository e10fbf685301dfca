"""Plan → answer: a direct lead in the form asked, then the deciding rows, each with the basis
of its own sources; full-text retrieval is consulted for every plan."""

from __future__ import annotations

import re
from collections.abc import Callable

from rolegraph import compare
from rolegraph.ask.answer import choice, count, dimensions, library, ownership, routes, skills, sources, topics, yesno
from rolegraph.ask.answer.abstain import cannot_parse, explain_unknown, nothing
from rolegraph.ask.answer.base import Answer, asks_bound, basis_of, hit_text, states_bound, stems_of, tx_stopwords, tx_words, without_roles
from rolegraph.ask.answer.premises import check_premises
from rolegraph.ask.answer.search import company_level_gap, decisive_gap, from_hits, off_topic, retrieve_hits, value_gap
from rolegraph.ask.answer.yesno import identity_verdict
from rolegraph.ask.parse.defaults import ASSUMED_PAIR
from rolegraph.ask.parse.form import seed_only
from rolegraph.ask.plan import TPM_ROLES, Plan
from rolegraph.ask.retrieve import Hit
from rolegraph.ask.text import answer_words, vocabulary
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import CONCERNS

__all__ = ["Answer", "respond"]


#: Every handler, by intent.
HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {
    **library.HANDLERS, **skills.HANDLERS, **topics.HANDLERS, **dimensions.HANDLERS, **ownership.HANDLERS, **routes.HANDLERS,
    **sources.HANDLERS,
}
#: Every form decider, by answer form.
DECIDERS: dict[str, Callable[[KnowledgeBase, Plan, Answer, list[Hit]], None]] = {**yesno.DECIDERS, **choice.DECIDERS, **count.DECIDERS}
#: A recorded knowledge gap answers (abstains) only when it has at least this share of the question's words (idf-weighted).
GAP_COVERAGE = 0.75
#: Handlers that need at least this many roles.
NEEDS = {"levels": 1, "collaboration": 2,
         "compare": 2, "separate": 2, "shared": 2, "team": 1, "day-to-day": 1, "metrics": 1, "deliverables": 1, "definition": 1, "skills": 1,
         "neighbours": 1, "transitions": 1}


def respond(kb: KnowledgeBase, plan: Plan) -> Answer:
    """Answer ``plan``: its handlers, the retrieved texts, and a lead in the form asked."""
    ans = Answer(plan)
    if plan.status == "cannot-parse":
        cannot_parse(kb, plan, ans)
        return ans
    if plan.unknown_roles:  # an unknown role, or the closest modelled roles to one ("which role is closest to a devrel")
        explain_unknown(kb, plan, ans, asked=plan.status != "unknown-role")
        return ans
    if plan.status == "ambiguous-role" and not plan.roles:
        for a in plan.ambiguous:
            ans.notes.append(f"{a['text'].upper()!r} is ambiguous: it can mean " + " or ".join(a["readings"]) + "; say which one.")
        ans.lead = ans.notes[0]
        return ans
    for part in plan.parts or [plan]:
        sub = Answer(part) if plan.parts else ans
        _answer_one(kb, part, sub)
        if plan.parts:
            ans.items += sub.items
            ans.external += sub.external
            ans.tables += sub.tables
            ans.notes += [n for n in sub.notes if n not in ans.notes]
            ans.statements += sub.statements
            ans.lead = (ans.lead + " " if ans.lead else "") + (sub.lead or "")
            ans.abstained = ans.abstained and sub.abstained if ans.items else sub.abstained
    check_premises(kb, plan, ans)
    if plan.scope == "seed":
        _seed_rows(ans)
        _unread_section(kb, plan, ans)
    only = plan.scope == "seed" and seed_only(plan)
    if plan.scope == "seed" and not ans.items and ans.external:
        ans.abstained = True  # asked what the seed says, and it says nothing: the outside items are counted, not shown
        if not ans.lead.startswith(("The seed", "Yes", "No")):
            ans.lead = "The seed material has no content on this; " + _left_out(ans)
    if plan.scope == "seed":
        _seed_notes(kb, ans, only)
    for a in plan.ambiguous:
        ans.notes.append(f"{a['text'].upper()!r} is ambiguous ({' or '.join(a['readings'])}); it was not used to pick a role.")
    return ans


#: The lead of an answer with no item at all.
NOTHING = "The knowledge base has nothing on that."


def _seed_rows(ans: Answer) -> None:
    """A seed-scoped answer's tables keep the rows whose own basis names the seed (the outside items are counted in
    a note, not shown), and a table left with no row is dropped."""
    for t in ans.tables:
        if "basis" in t.columns:
            at = t.columns.index("basis")
            t.rows = [r for r in t.rows if "seed" in str(r[at]) and "external" not in str(r[at])]
    ans.tables = [t for t in ans.tables if t.rows]


def _unread_section(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """A seed-scoped question about a dimension whose seed section is a recorded gap for every role asked, with no link of
    it on the seed ('what does the seed say a tech pgm does day to day', 'which tech skills does the article list'),
    abstains: the gaps lead; the seed's own items stay."""
    section = _section_asked(kb, plan)
    if not section or plan.form in ("yes-no", "which-one", "rank", "count") or _seed_has_section(kb, plan, ans, section):
        return  # not a dimension question, or a link of the dimension rests on the seed ('seed only: teams per tpgm')
    gaps = [g for g in kb.named("gaps").records() if g["basis"] == "seed" and g["dimension"] == section]
    found = [[g for g in gaps if g["role"] == r.iri] for r in plan.roles]
    if not (plan.roles and all(found)):
        return
    texts = list(dict.fromkeys(str(g["text"]) for f in found for g in f))
    for f in found:
        for g in f:
            ans.add(kb, str(g["text"]), [str(g["gap"])])
    ans.abstained = True
    ans.lead = "The seed material has no content on this: " + " ".join(texts)


#: The skill category whose ratings make up the seed's tech-skills section.
_TECHNICAL = "technical"


def _section_asked(kb: KnowledgeBase, plan: Plan) -> str:
    """The section of the seed a question asks about: its dimension ('day-to-day'), or the tech skills when a skills
    question names the technical ones ('which tech skills does the article list'); '' for none."""
    if plan.intent in dimensions.HANDLERS:
        return plan.intent
    if plan.intent in skills.HANDLERS and choice.measure_asked(kb, plan)[1] == [_TECHNICAL]:
        return "tech-skills"
    return ""


def _seed_has_section(kb: KnowledgeBase, plan: Plan, ans: Answer, section: str) -> bool:
    """Whether an item of the answer on that section rests on the seed: a link of the dimension ('Technical Program
    Manager — working across teams'), or a technical skill rated by a seed source (the Tech PM's systems thinking)."""
    if section != "tech-skills":
        return any(i["text"].startswith(f"{r.label} — ") for r in plan.roles for i in ans.items)
    links = {str(r["link"]) for role in plan.roles for r in kb.named("skill-profile", role=role.iri).records()
             if r["category"] == _TECHNICAL}
    return any("seed" in basis_of(kb, [st]) for st in links & set(ans.statements))


def _left_out(ans: Answer) -> str:
    """What a seed-scoped answer leaves out: how many outside items, from which sources (their texts are not shown)."""
    ids = sorted({s for i in ans.external for s in i["sources"]}, key=lambda s: (len(s), s))
    asked = "for the seed only" if seed_only(ans.plan) else "what the seed says"
    return (f"outside sources ({', '.join(ids)}) have {len(ans.external)} item(s) on it, left out as the question asks {asked}; "
            "ask without the seed scope to see them.")


def _seed_notes(kb: KnowledgeBase, ans: Answer, only: bool) -> None:
    """The notes of a seed-scoped answer count the outside items it leaves out; asked of the seed only ('seed only',
    'no outside sources') they quote the seed only: an outside counterpoint is dropped, a disagreement keeps the
    positions a seed source holds."""
    notes = []
    for n in ans.notes:
        d = _DISPUTE.match(n)
        notes += (compare.disagreement_notes(kb, [d.group(1)], seed_only=True) if d and only else
                  [] if (only and n.startswith(routes.COUNTERPOINT)) or _OUTSIDE_ROWS in n else [n])
    if ans.external and ans.items and _left_out(ans) not in ans.lead:
        notes.append(f"Also: {_left_out(ans)}")
    ans.notes = list(dict.fromkeys(notes))


_DISPUTE = re.compile(r"Sources disagree \((D\d+)\)")
#: Words of notes that announce outside rows below (not shown in a seed-scoped answer).
_OUTSIDE_ROWS = "the rows come from outside sources"


def _answer_one(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    hits = retrieve_hits(kb, plan, search_only=bool(plan.intents) and plan.intent not in HANDLERS)
    idle = all(i in HANDLERS and len(plan.roles) < NEEDS.get(i, 0) for i in plan.intents)  # "pizza near …": no role to be near
    if off_topic(kb, plan, hits, idle):
        nothing(plan, ans)
        return
    if hits and hits[0].kind == "gap" and hits[0].coverage >= GAP_COVERAGE and (plan.topic or not plan.intents) and all(
            i in ("compare", "definition", "unknown") for i in plan.intents):
        ans.abstained = True  # a recorded knowledge gap: say what is missing, invent nothing
        ans.lead = f"The knowledge base has nothing on that: {hits[0].text}"
        ans.add(kb, hits[0].text, [hits[0].statement])
        return
    lacking = company_level_gap(kb, plan, lambda h: not _other_roles(kb, plan, h))
    if lacking is not None:  # "what L level is a senior tpgm at google": no text has google's codes for the role
        _lacks(kb, plan, ans, lacking, hits)
        return
    lacking = value_gap(kb, plan, [h for h in hits if not _other_roles(kb, plan, h)])
    if lacking is not None:  # "how long does the move take", "how many tpgms does google employ": no text has such a value
        _lacks(kb, plan, ans, lacking, hits, "that")
        return
    gap = decisive_gap(kb, plan, lambda h: not _other_roles(kb, plan, h))
    if gap is not None:  # "how many months does the move take": a recorded gap says no source has it, whatever the intent
        ans.abstained = True
        ans.lead = f"The knowledge base has nothing on that: {gap.text}"
        ans.add(kb, gap.text, [gap.statement])
        return
    intents = [i for i in plan.intents if i in HANDLERS and len(plan.roles) >= NEEDS.get(i, 0)]
    if plan.intents[:1] != intents[:1] and plan.intent not in HANDLERS and "definition" in intents:
        intents.remove("definition")  # "what's driving the rise of …": the texts answer it (growth, examples), not the card
    if intents[:1] == ["ownership"] and (not plan.concerns or plan.skills) and plan.topic and plan.form == "which-one" and not (
            set(tx_words(plan.question)[1:]) & set(CONCERNS)):
        intents = intents[1:]  # "which role owns the program roadmap": a thing (a skill), not the what/why/how/who/when
    if len(intents) > 1 and intents[0] == "definition" and plan.form != "define":
        intents = intents[1:]
    elif len(intents) > 1 and "definition" in intents[1:]:
        intents.remove("definition")
    if len(plan.role_iris("compared")) == 2 and intents and not {"compare", "separate", "shared"} & set(intents) and _asks_difference(plan):
        intents = [*intents[:2], "compare"]  # "eng manager vs tpgm, who does what": the owners, and how the two differ
    for intent in intents[:3]:
        lead = ans.lead
        HANDLERS[intent](kb, plan, ans)
        ans.lead = f"{lead} {ans.lead}" if lead and not ans.lead.startswith(lead) else (ans.lead or lead)
    if plan.scope == "seed" and not ans.items and hits and hits[0].kind == "gap":
        ans.abstained = True  # asked for the seed, and the seed's text on it is a recorded gap: outside items are counted
        ans.lead = f"The seed material has no content on this: {hits[0].text}" + (f" O{_left_out(ans)[1:]}" if ans.external else "")
        ans.add(kb, hits[0].text, [hits[0].statement])
        return
    if (not intents or not (ans.items or ans.lead)) and not (plan.form == "yes-no" and identity_verdict(kb, plan)):
        useful = [h for h in hits if not _other_roles(kb, plan, h)]
        if useful or not ans.external:  # else the seed has nothing: respond() shows the outside rows apart
            from_hits(kb, plan, ans, useful)
    elif not ans.abstained:
        for h in hits[:2]:  # what the texts of the graph add: caveats, facts beside the links
            if h.statement not in ans.statements and not _other_roles(kb, plan, h) and (plan.topic or plan.form in ("yes-no", "explain")
                                                      or (plan.form == "count" and re.search(r"\d", h.text))):
                ans.add(kb, hit_text(h), [h.statement])
    if plan.form in ("list", "explain") and hits and asks_bound(plan) and states_bound(hits[0].text) and not ans.abstained:
        ans.add(kb, hit_text(hits[0]), [hits[0].statement])
        ans.lead = hit_text(hits[0])  # "how big does a company need to be before …": the text that states the bound answers
    if plan.intent not in _OWN_FORM or (plan.form == "yes-no" and plan.intent in ("compare", "abbreviation")) or (
            plan.form in ("yes-no", "which-one") and plan.intent == "separate" and (plan.skills or _category_named(kb, plan))) or (
            plan.form == "rank" and plan.intent == "compare" and plan.skills):  # "product strategy ranking: a vs b vs c": an order
        # "is A the same as B", "is the word Technical always in the title", "does a tech pm need more risk management than a
        # tpgm": a verdict; "who needs more stakeholder communication, A or B": the skill named decides
        DECIDERS.get(plan.form, _keep)(kb, plan, ans, hits)
    if plan.form != "count" and plan.ratio:
        count.ratio_led(kb, plan, ans, hits)  # "the usual pm to engineer ratio" asks a number as much as "how many" does
    elif _asks_duration(plan):  # "how long ago did he switch": 'about five years before writing' leads with 5 years
        count.in_figures(plan, ans, tuple(vocabulary()["durations"]["units"]))
    if plan.form == "count":
        count.span_counted(plan, ans)
        count.readings_counted(plan, ans)
        count.in_figures(plan, ans, counted_only=True)  # "how many levels …" and a lead "… has five product levels": 5 levels
    if len(plan.role_iris("compared", "subject")) == 2 == len(plan.roles) and plan.form in ("yes-no", "which-one"):
        _recorded_dispute(kb, plan, ans)
    if plan.form == "which-one":
        _name_the_role(plan, ans, hits)
        choice.closed_on_first(kb, plan, ans)
    if plan.form == "yes-no":
        yesno.name_the_subject(plan, ans, hits)
        _person_confirmed(plan, ans)
    if not ans.lead:
        ans.lead = ans.items[0]["text"] if ans.items else ans.external[0]["text"] if ans.external else NOTHING
        ans.abstained = ans.abstained or not ans.items
    _read_by_the_text(plan, ans, hits)


#: How the note on a bare 'TPM' answered for both readings begins (parse.defaults._default_roles).
_BOTH_READINGS = "'TPM' is ambiguous: answered for both readings"


#: Words of the question's own subject a text about one TPM reading must have to settle a bare 'TPM'.
_SETTLING_WORDS = 2


def _read_by_the_text(plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """A bare 'TPM' answered by a text about one TPM role only, which has at least two words of the question's subject
    and more of its words than any text about the other ('what did uber tpms run that took over a year': the GDPR program, a Tech PgM's), is read as that
    role: the status is answered and a note says so."""
    if plan.status != "ambiguous-role" or not set(TPM_ROLES) <= set(plan.role_iris()) or not plan.topic or ans.abstained:
        return  # "at the same level who has wider reach, em or tpm": the TPM of the text that answers it, beside the EM
    top = next((h for h in hits if hit_text(h) in ans.lead), None)
    owners = set(top.roles) & set(TPM_ROLES) if top is not None else set()
    if top is None or len(owners) != 1 or any(h.matched >= top.matched and set(h.roles) & set(TPM_ROLES) - owners for h in hits):
        return
    if len(stems_of(" ".join(plan.topic)) & stems_of(top.text)) < _SETTLING_WORDS:
        return  # "any tips for the tpm interview loop": one word of its own ('tips') settles nothing
    role = owners.pop()
    plan.status = "answered"
    plan.roles = [r for r in plan.roles if r.iri == role or r.iri not in TPM_ROLES]
    plan.assumptions = [a for a in plan.assumptions if not a.startswith(_BOTH_READINGS)] + [
        f"'TPM' read as the {TPM_ROLES[role]}: the text that answers it is about that role only."]


def _lacks(kb: KnowledgeBase, plan: Plan, ans: Answer, gaps: list[Hit], hits: list[Hit], asked: str = "") -> None:
    """Abstain on what the question asks in particular (``asked``; a company's level codes when not given): the recorded
    gap on it, else a plain "nothing on that"; the texts the knowledge base does have on the companies asked follow as notes."""
    ans.abstained = True
    asked = asked or f"{' and '.join(plan.companies)}'s level codes for the {' or '.join(r.label for r in plan.roles)}"
    ans.lead = f"The knowledge base has nothing on that: {gaps[0].text}" if gaps else f"The knowledge base has nothing on {asked}."
    for g in gaps:
        ans.add(kb, g.text, [g.statement])
    named = [stems_of(c) for c in plan.companies]
    ans.notes += [f"What it has on {' and '.join(plan.companies)}: {hit_text(h)}" for h in hits
                  if h.kind != "gap" and all(c <= stems_of(h.text) for c in named)][:2]


def _recorded_dispute(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """'Are tech pm and tech pgm completely different jobs?': a recorded disagreement whose question is about the same
    two roles the question names and shares most of its words beyond their names is reported with every position."""
    from rolegraph.ask.text import word_list
    from rolegraph.resolve import find_roles_in_text

    classes = {st: name for name in ("alike", "degree", "refers_nouns") for st in stems_of(" ".join(word_list(name)))}
    names = stems_of(" ".join([*tx_stopwords(), *(r.label for r in plan.roles)]))  # 'product tpm': a name's words too

    def content(text: str) -> set[str]:
        return {classes.get(st, st) for st in stems_of(without_roles(kb, text)) if st in classes or st not in names}

    asked, said = set(plan.role_iris()), content(plan.question)
    if any(a.startswith(ASSUMED_PAIR) for a in plan.assumptions):
        return  # both roles named, not one of them and the other assumed ('does the tpgm write the prd')
    shared: dict[str, int] = {}
    rows = kb.named("disagreements").records()
    for row in {str(r["id"]): r for r in rows}.values():
        question = str(row["question"])
        named = {ref.iri for _, _, refs in find_roles_in_text(kb, question) for ref in refs}
        both = said & content(question)  # most words asked, not only a role noun ('which one is more technical')
        if len(asked) == 2 and named == asked and 2 * len(both) > len(said) and both - {"refers_nouns"}:
            shared[str(row["id"])] = len(both)
    best = [d for d, n in shared.items() if n == max(shared.values())]
    if len(best) == 1:
        note = compare.disagreement_notes(kb, best)[0]
        ans.add(kb, note, [str(r["position"]) for r in rows if str(r["id"]) == best[0]])  # sourced by its positions
        ans.lead = f"{ans.lead} Disputed ({best[0]}): {note.split(' — ', 1)[-1]}".strip()  # after any verdict


def _name_the_role(plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """A which-one lead taken from a text about exactly one of the roles in question starts by naming that role."""
    if len(plan.roles) < 2 or any(r.label in ans.lead for r in plan.roles):
        return
    owners = {r.label for h in hits if hit_text(h) == ans.lead for r in plan.roles if r.iri in h.roles}
    if len(owners) == 1:
        ans.lead = f"The {owners.pop()}: {ans.lead}"


def _person_confirmed(plan: Plan, ans: Answer) -> None:
    """A closed question about a person whose lead (their own text) has every word asked ('did the author do a phd'):
    Yes, with that text. A text without them decides nothing: the lead stays as it is."""
    if plan.intent != "person" or not plan.topic or _VERDICT_HEAD.match(ans.lead) or ans.abstained:
        return
    loose = stems_of(" ".join(answer_words("history") | answer_words("light") | answer_words("employment") | answer_words("held")))
    asked = stems_of(" ".join([*plan.topic, *(r.label for r in plan.roles)])) - loose  # "was the writer a software engineer before"
    if asked and asked <= stems_of(ans.lead):
        ans.lead = f"Yes: {ans.lead}"


#: A lead that opens with a verdict.
_VERDICT_HEAD = re.compile(r"(?:Yes|No)\b")


def _category_named(kb: KnowledgeBase, plan: Plan) -> bool:
    """Whether the question names a skill category as its measure ('who needs more tech depth: pm or tpgm')."""
    name, measure = choice.measure_asked(kb, plan)
    return len(measure) == 1 and name == f"{measure[0]} skills"


def _asks_duration(plan: Plan) -> bool:
    """Whether the question asks a length of time ('how long', 'how many years': [values.duration] in cues.toml)."""
    from rolegraph.ask.text import find_phrase, phrase_stems, stems

    said = stems(tx_words(plan.question))
    return any(find_phrase(said, phrase_stems(p)) >= 0 for p in vocabulary()["values"]["duration"]["asks"])


def _asks_difference(plan: Plan) -> bool:
    """Whether the question has a cue of the compare intent ('vs', 'differ', 'the diff'; cues.toml)."""
    from rolegraph.ask.parse.vocabulary import cues
    from rolegraph.ask.text import find_phrase, stems

    said = stems(tx_words(plan.question))
    return any(find_phrase(said, p) >= 0 for p, _ in cues().intents.get("compare", []))


def _other_roles(kb: KnowledgeBase, plan: Plan, h: Hit) -> bool:
    """Whether ``h`` is a text about modelled roles none of which the plan names (a Tech PM's yardstick is no
    answer about the Tech PgM)."""
    if not (plan.roles and h.roles):
        return False
    from rolegraph.compare import role_info

    asked = set(plan.role_iris())
    roles = {str(r["role"]): (str(r["label"]), str(r["kind_of"] or "")) for r in role_info(kb, *asked, *h.roles)}  # bound
    named = {roles[i] for i in asked if i in roles}
    kin = {i for i, (label, parent) in roles.items() if label in {n for n, _ in named} or parent in {n for n, _ in named}
           or label in {p for _, p in named}}  # the roles named, their kinds and what they are a kind of
    return not set(h.roles) & kin and set(h.roles) <= set(roles)


#: Intents whose handler already answers in its own form (an order, a list of readings, …).
_OWN_FORM = ("levels", "collaboration", "dimensions", "separate", "shared", "abbreviation", "catalogue", "person", "source", "compare",
             "pay")


def _keep(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """The handlers' lead already answers a list, define, explain or route question."""
