"""Topic handlers: abbreviations, the role catalogue, hiring, definitions, known gaps, disagreements, people."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from rolegraph import compare
from rolegraph.ask.answer.base import (
    Answer,
    basis_of,
    expanded_terms,
    has_synonym,
    hit_text,
    join_names,
    negated_claim,
    role_facts,
    stems_of,
    tx_stopwords,
    tx_words,
)
from rolegraph.ask.plan import TECH_PGM, TECH_PM, TPM_ROLES, Plan, PlanRole
from rolegraph.ask.retrieve import index, tier_basis
from rolegraph.ask.text import word_set
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import IRI
from rolegraph.results import Cell, Table


def _abbreviation(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """What a short form stands for: every reading of an ambiguous one (TPM, PM), the role of any other (SDM, PM-T)."""
    from rolegraph.ask.mentions import named_twice, one_role_named_twice
    from rolegraph.resolve import find_roles_in_text
    from rolegraph.resolve import index as names

    rows = kb.named("abbreviations").records()
    mentions = find_roles_in_text(kb, plan.question)
    twice = one_role_named_twice(mentions)
    if twice:  # "is pmt the same thing as a tech pm": the names, not two roles
        said_names, role = twice
        ans.lead = ("Yes: " if plan.form == "yes-no" else "") + " and ".join(f"'{n}'" for n in said_names) + (
            f" name the same role, the {role.label}.")
    elif plan.form == "which-one" and len(both := named_twice(mentions)) == 1:  # "pgm or pjm, which is the project manager"
        said_names, role = both[0]
        short = [n for n in said_names if names(kb).is_short_form(n)]
        if short:
            ans.lead = f"{short[0].upper()}: it stands for the {role.label}."
    said = {m[1] for m in mentions} | {m[1].rstrip("s") for m in mentions}
    asked = [r for r in rows if str(r["short_form"]).lower() in said]
    for _, phrase, readings in mentions:
        if len(readings) == 1 and names(kb).is_short_form(phrase.rstrip("s") if phrase not in names(kb).exact else phrase):
            text = f"{phrase.upper()} stands for the {readings[0].label}."
            ans.lead = ans.lead or text
            ans.add(kb, text, [readings[0].iri])
            for f in role_facts(kb, [readings[0].iri]):
                if f["dimension"] == "naming" and phrase.lower() in str(f["text"]).lower():
                    ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
    if not asked and plan.roles and (not ans.items or _asks_name(plan)):  # "short forms for technical product manager?",
        _short_forms(kb, plan, ans, rows)  # "apple's title for the tpgm role": the role's own
    if not asked:
        if plan.roles and (not ans.lead if "definition" in plan.intents else ans.items and _asks_what_it_is(plan)):
            _define(kb, plan, ans)  # "tech product manager meaning?", "whats a tpgm actually": what the role is, too
        return  # no short form named: the naming facts found by search answer ("job title conventions")
    for form in sorted({str(r["short_form"]) for r in asked}):
        meanings = [r for r in asked if r["short_form"] == form]
        text = (f"{form} is ambiguous: it can stand for " if meanings[0]["ambiguous"] else f"{form} stands for ") + " or ".join(
            str(r["role_label"]) for r in meanings) + "."
        ans.lead = ans.lead or text
        ans.add(kb, text, [str(meanings[0]["abbreviation"])])
        if meanings[0]["text"]:
            ans.add(kb, str(meanings[0]["text"]), [str(meanings[0]["abbreviation"])])
        for f in role_facts(kb, [str(r["role"]) for r in meanings]):
            if f["dimension"] == "naming" and form.lower() in str(f["text"]).lower():
                ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
    ans.tables.append(Table("Readings", ["short form", "role", "ambiguous"], [[r["short_form"], r["role_label"], r["ambiguous"]] for r in asked]))
    if plan.form == "yes-no":
        _reading_verdict(kb, plan, ans)
    else:
        _reading_there(kb, plan, ans)


def _reading_there(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """'tpm at dropbox: product or program': the reading the graph uses for the short form beside a name in the question
    (ask.mentions) leads."""
    from rolegraph.ask.mentions import named_reading
    from rolegraph.resolve import find_roles_in_text

    words = tx_words(plan.question)
    found = find_roles_in_text(kb, " ".join(words))
    taken = {i for s, p, _ in found for i in range(s, s + len(p.split()))}
    for _, phrase, readings in (m for m in found if len(m[2]) > 1):
        named = named_reading(kb, words, taken, phrase, readings)
        if named is not None:
            ans.lead = f"Beside {named[0].title()}, {phrase.upper()} means the {named[1].label}. {ans.lead}"
            return


def _short_forms(kb: KnowledgeBase, plan: Plan, ans: Answer, rows: list[dict[str, Cell]]) -> None:
    """The short forms of the roles named (rg:abbreviation), and the ambiguous ones that can stand for them."""
    for role in plan.roles:
        own = [str(r["name"]) for r in kb.named("role-aliases", role=IRI(role.iri)).records() if r["kind"] == "abbreviation"]
        shared = sorted({str(r["short_form"]) for r in rows if r["role"] == role.iri})
        if not own and not shared:
            continue
        text = f"Short forms of the {role.label}: " + ", ".join(own) + (
            f" (and {', '.join(shared)}, which can also mean other roles)" if shared else "") + "."
        ans.lead = ans.lead or text
        ans.add(kb, text, [role.iri])


def _asks_name(plan: Plan) -> bool:
    """Whether the question asks what a role is called ('apple's title for the tpgm role'), not what a short form in it
    stands for: a short form it names only names the role."""
    said = set(tx_words(plan.question))
    return bool(said & word_set("naming")) and not said & (word_set("meaning") | word_set("short_form"))


def _asks_what_it_is(plan: Plan) -> bool:
    """Whether the question asks what a role is ('whats a tpgm actually', 'explain pm-t'): a definition cue that is no
    cue of what a short form stands for ('mean', 'stand for')."""
    from rolegraph.ask.parse.vocabulary import cues
    from rolegraph.ask.text import find_phrase, stems

    said = stems(tx_words(plan.question))
    letters = {p for p, _ in cues().intents["abbreviation"]}
    return any(p not in letters and w >= 2 and find_phrase(said, p) >= 0 for p, w in cues().intents["definition"])


def _reading_verdict(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """'Does TPM at Amazon mean the program one?': Yes when the role proposed is the reading the graph uses there (a name
    in the question settles it, ask.mentions), No when it is another; without such a name, Yes when it is one reading."""
    from rolegraph.ask.mentions import in_context, named_reading
    from rolegraph.resolve import find_roles_in_text

    words = tx_words(plan.question)
    found = find_roles_in_text(kb, " ".join(words))
    for start, phrase, readings in (m for m in found if len(m[2]) > 1):
        taken = {i for s, p, _ in found for i in range(s, s + len(p.split()))}
        others = [m for m in in_context(kb, words, [m for m in found if m[0] != start])[0] if len(m[2]) == 1]
        proposed = next((m[2][0] for m in others if m[2][0] in readings), None)
        if proposed is None:
            continue
        named = named_reading(kb, words, taken, phrase, readings)
        if named is None:
            ans.lead = f"Yes, among other readings: {ans.lead}"
        else:
            where, meant = named
            ans.lead = (f"{'Yes' if meant == proposed else 'No'}: beside {where.title()}, {phrase.upper()} means the {meant.label}"
                        + ("." if meant == proposed else f", not the {proposed.label}."))
        return


def _catalogue(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """The modelled roles and how many there are."""
    roles = kb.named("roles").records()
    ans.lead = f"{len(roles)} roles are modelled: " + ", ".join(str(r["label"]) for r in roles) + "."
    for r in roles:
        ans.add(kb, f"{r['label']}: {r['definition']}", [str(r["role"])])


#: A stored reason that qualifies its row (a blank in the seed, a missing name, a counter-view) travels with it.
_CAVEAT = re.compile(r"\b(blank|missing|not (?:in|named|stated|readable)|could not|counter|minority|only in|unclear|lost)\b", re.I)


def _hiring(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    roles = [r for r in plan.roles if r.iri in (TECH_PM, TECH_PGM)] or plan.roles[:1] or [PlanRole(TECH_PM, TPM_ROLES[TECH_PM])]
    if plan.roles and len(roles) > 1 and not any("pgm" in a.lower() or "program" in a.lower() for a in [plan.question]):
        roles = roles[:1]
    table = Table("Who hires", ["role", "domain", "companies", "basis", "sources", "caveats"])
    leads = []
    for role in roles:
        by_domain: dict[str, list[dict[str, Cell]]] = {}
        for link in compare.profile(kb, role.iri).of_kind("hiring"):
            if plan.companies and str(link["target_label"]) not in plan.companies and plan.form != "list":
                continue
            by_domain.setdefault(str(link["domain"] or "(no domain given)"), []).append(link)
        asked = _domains_asked(plan, by_domain)
        by_domain = {d: links for d, links in by_domain.items() if d in asked} if asked else by_domain
        for domain in sorted(by_domain, key=lambda d: (d.startswith("("), d)):
            group = sorted(by_domain[domain], key=lambda x: str(x["target_label"]))
            if plan.scope in ("seed", "external"):  # what the seed names, or what only other sources name
                group = [x for x in group if ("seed" in basis_of(kb, [str(x["link"])])) == (plan.scope == "seed")]
                if not group:
                    continue
            statements = [str(x["link"]) for x in group]
            companies = ", ".join(dict.fromkeys(str(x["target_label"]) for x in group))
            caveats = "; ".join(str(x["reason"]) for x in group if x["reason"] and _CAVEAT.search(str(x["reason"])))
            table.rows.append([role.label, domain, companies, basis_of(kb, statements), kb.source_ids(statements), caveats])
            ans.add(kb, f"{role.label} — {domain}: {companies}" + (f" (note: {caveats})" if caveats else ""), statements)
            if not domain.startswith("(") or plan.scope == "external":
                leads.append(f"{domain}: {companies}")
    ans.tables.append(table)
    if leads:
        ans.lead = f"{roles[0].label} hiring by domain — " + "; ".join(leads) + "."


def _domains_asked(plan: Plan, domains: Iterable[str]) -> list[str]:
    """The domains the question names ('travel', 'infra' for infrastructure, 'social media' for social networks), among
    the words it searches for (a source it cites is none: 'according to the data')."""
    asked = [w for w in plan.terms if len(w) >= 4 and w not in tx_stopwords()]
    stems = stems_of(" ".join(asked))
    return [d for d in domains if not d.startswith("(") and any(
        stem in stems or any(len(w) >= 5 and word.startswith(w) for w in asked) for word, stem in _word_stems(d))]


def _word_stems(text: str) -> list[tuple[str, str]]:
    words = tx_words(text)
    return [(w, next(iter(stems_of(w)))) for w in words if w not in tx_stopwords()]


def _define(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    infos = {str(r["role"]): r for r in compare.role_info(kb, *(r.iri for r in plan.roles))}  # bound: not every role
    for role in plan.roles:
        info = infos[role.iri]
        ans.add(kb, f"{role.label}: {info['definition']}", [role.iri])
        if info["kind_of"]:
            ans.add(kb, f"A {role.label} is a kind of {info['kind_of']}.", [role.iri])
        prof = compare.profile(kb, role.iri)
        owned = [link for link in prof.of_kind("ownership") if link["stance"] == "owns"]
        for link in owned:
            ans.add(kb, f"Owns the {link['target_label']}.", [str(link["link"])])
        for link in prof.of_kind("focus")[:4]:
            ans.add(kb, f"Focus: {link['target_label']}.", [str(link["link"])])
        if "day-to-day" in plan.intents or plan.form != "define":
            for link in prof.of_kind("activity")[:5]:
                ans.add(kb, f"Day to day: {link['target_label']}.", [str(link["link"])])
        ans.tables.append(compare.show(kb, role.iri).tables[0])
        own = " and ".join(f"the {link['target_label']}" for link in owned)
        ans.lead = (ans.lead + " " if ans.lead else "") + f"The {role.label} {_predicate(str(info['definition']))}" + (
            f" Owns {own}." if own else "")


def _predicate(definition: str) -> str:
    """A definition as what follows the role's name: 'is an engineer who …' for a noun phrase, 'manages …' for a verb."""
    text = definition[0].lower() + definition[1:]
    return f"is {text}" if text.split(" ", 1)[0] in ("a", "an", "the") else text


def _gap_topic(dimension: str, label: str) -> Callable[[KnowledgeBase, Plan, Answer], None]:
    def handler(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
        for f in role_facts(kb, [r.iri for r in plan.roles]):
            if f["dimension"] == dimension:
                ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
        gaps = [g for g in kb.named("gaps").records() if g["dimension"] == dimension and g["role"] in {r.iri for r in plan.roles}]
        for g in gaps:
            ans.notes.append(f"The seed has no data on {label} for {g['role_label']}: {g['text']}")
        relative = bool(set(tx_words(plan.question)) & word_set("relative")) or (  # "earn more than", "the pay gap between"
            plan.form in ("rank", "which-one") and len(plan.roles) > 1)  # "rank a, b and c by salary": an order is relative
        contested = _topic_disagreements(kb, plan, ans, label) if relative else []  # every position, with its sources
        if contested:
            ans.lead = f"Not settled: sources disagree ({', '.join(contested)}); the claims and positions are listed below."
        elif not ans.items or not relative:  # only relative claims are recorded: an exact figure is a known gap
            ans.abstained = True
            ans.lead = f"The knowledge base has no {label} figure for {join_names([r.label for r in plan.roles]) or 'these roles'}" + (
                "; it records only relative claims, listed below." if ans.items else ".")
        else:
            ans.lead = ans.items[0]["text"]
    return handler


def _topic_disagreements(kb: KnowledgeBase, plan: Plan, ans: Answer, label: str) -> list[str]:
    """The recorded disagreements on ``label`` (their question names it) that concern a role of the plan, as items;
    returns the ids of those that concern every role of the plan (the comparison asked is contested)."""
    from rolegraph.ask.text import synonyms

    roles = {r.iri for r in plan.roles}
    found = [h for h in index(kb).search([(label, *synonyms(label))], kinds=("disagreement",), roles=list(roles), limit=4)
             if set(h.roles) & roles and h.id]
    rows = kb.named("disagreements").records()
    for note in compare.disagreement_notes(kb, [h.id for h in found]):
        ans.add(kb, note, [str(r["position"]) for r in rows if note.startswith(f"Sources disagree ({r['id']})")])
    return sorted({h.id for h in found if roles <= set(h.roles)})


def _certifications(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    gaps = [g for g in kb.named("gaps").records() if "certif" in str(g["text"]).lower()]
    ans.abstained = True
    ans.lead = "The knowledge base has nothing on certifications; nothing is inferred."
    for g in gaps:
        ans.notes.append(f"The seed has no data for that: {g['text']}")


def _disagreement(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    rows = kb.named("disagreements").records()
    ids = sorted({str(r["id"]) for r in rows})
    hits = index(kb).search(plan.terms, kinds=("disagreement", "position"), limit=4) if plan.terms else []
    wanted = {h.id for h in hits if h.kind == "disagreement" and h.id} or set(ids)
    notes = compare.disagreement_notes(kb, sorted(wanted))
    for note in notes:
        ans.add(kb, note, [str(r["position"]) for r in rows if r["id"] in wanted and note.startswith(f"Sources disagree ({r['id']})")])
    ans.lead = f"Sources disagree on {len(wanted)} point(s): " + "; ".join(
        str(next(r["question"] for r in rows if r["id"] == d)) for d in sorted(wanted)[:3])


def _person(kb: KnowledgeBase, plan: Plan, ans: Answer) -> None:
    """A source author (the seed's when none is named): what the texts say about them, and what they wrote."""
    from rolegraph.ask.answer.search import carries, values_asked
    from rolegraph.ask.text import find_phrase, phrase_stems, vocabulary

    known = kb.sources()
    seed_author = next((s.creator for s in known.values() if s.tier == "seed"), "")
    cue_stems = {st for p in vocabulary()["intents"]["person"].values() for phrase in p for st in phrase_stems(phrase)}
    sayings = [phrase_stems(phrase) for phrase in vocabulary()["attribution"]["after"]]  # 'says', 'wrote', 's view'
    saying = {st for phrase in sayings for st in phrase}
    grounds = [p for p in (phrase_stems(phrase) for phrase in vocabulary()["attribution"]["before"]) if len(p) > 1]  # 'according to'
    says = any(find_phrase(list(phrase_stems(plan.question)), phrase) >= 0 for phrase in sayings + grounds)  # what their texts say, too
    timed = "duration" in values_asked(kb, plan)  # "how long ago did the author switch": the text with a length of time
    for person in plan.people or [seed_author]:
        surname = person.split()[-1] if person.split() else person
        theirs = sorted((iri for iri, s in known.items() if surname and surname in s.creator), key=lambda i: known[i].id)
        ids = {known[i].id for i in theirs}
        about = [h for h in index(kb).search([surname.lower(), "he", "his", *expanded_terms(plan)], kinds=("fact", "position"), limit=40)
                 if surname in h.text or (re.search(r"\b(he|his|him)\b", h.text, re.I) and set(h.sources) <= ids)]
        named = stems_of(" ".join([person, *(known[i].creator for i in theirs)]))  # 'orosz', 'the pragmatic engineer'
        asked = stems_of(" ".join(expanded_terms(plan))) - named - {"seed", "author", "writer", "wrote", "articl"} - saying
        wanted = (asked - cue_stems) or asked  # "where did the author apply": 'applied' is a cue word and what is asked
        past = bool(asked & _stems_of_words("history")) or (  # "what did he do before", "vladimir's background": the career;
            not plan.roles and bool(asked & _stems_of_words("employment")))  # "where does he work", with no role asked about
        roles = {r.iri for r in plan.roles}
        short = {a["text"].rstrip("s") for a in plan.ambiguous}  # 'what do tpms do': the texts that say 'TPM'
        said = [h for h in index(kb).from_sources(ids, ("fact", "position"))  # on what is asked, else all they say on the role
                if (wanted & stems_of(h.text) if wanted else short & {w.rstrip("s") for w in tx_words(h.text)} if short
                    else not roles or roles & set(h.roles))] if says else []
        about += [h for h in said if h.statement not in {a.statement for a in about}]  # what their texts say on what is asked
        about.sort(key=lambda h: (-(timed and carries("duration", h.text)), -(past and _CAREER in stems_of(h.text)),
                                  -len(wanted & (stems_of(h.text) | _names_companies(kb, h.text))), says and not set(h.sources) <= ids))
        best = about[0] if about and ((wanted | ({_CAREER} if past else set())) & (
            stems_of(about[0].text) | _names_companies(kb, about[0].text)) or (timed and carries("duration", about[0].text))) else None
        subject = _unknown_subject(kb, plan, named | stems_of(" ".join(known[i].title for i in theirs)))
        if best is None and subject:
            ans.abstained = True
            ans.lead = (ans.lead + " " if ans.lead else "") + f"The knowledge base has nothing on {' '.join(subject)!r} about {person}."
            continue
        for h in about[:5]:
            ans.add(kb, hit_text(h), [h.statement])
        for i in theirs:
            ans.statements.append(i)
            ans.items.append({"text": f"{person} wrote {known[i].id}: {known[i].title} ({known[i].creator}).", "sources": [known[i].id],
                              "basis": tier_basis([known[i]]) or "external"})
        wrote = "; ".join(f"{known[i].id} {known[i].title} ({known[i].creator})" for i in theirs[:4])
        told = f"{person}: {hit_text(best)}" if best else f"{person} wrote {wrote}."
        verdict = _outcome(plan, best.text) if best and plan.form == "yes-no" else ""
        ans.lead = (ans.lead + " " if ans.lead else "") + (f"{verdict}: {told}" if verdict else told)


def _outcome(plan: Plan, text: str) -> str:
    """'Did Google hire him?': Yes or No from how ``text`` tells the person's outcome at the company named (the outcome
    word nearest before the company's name in its clause, else the first after it: 'Google turned him down', 'picked
    Booking.com over Yandex'); '' when no clause tells it."""
    from rolegraph.ask.text import stems, word_list

    refusal = set(stems(word_list("outcome_refused")))
    refused = refusal | set(stems(word_list("outcome_passed")))
    cue = refused | set(stems(word_list("outcome_taken")))
    asked_negative = negated_claim(plan.question) != bool(set(stems(tx_words(plan.question))) & refusal)
    for company in plan.companies:
        name = stems(tx_words(company))
        for clause in re.split(r"[,:;]| and ", text):
            said = stems(tx_words(clause))
            at = next((i for i in range(len(said)) if said[i : i + len(name)] == name), -1)
            told = [w for w in reversed(said[:at]) if w in cue] or [w for w in said[at + len(name):] if w in cue] if at >= 0 else []
            if told:
                return "No" if (told[0] in refused) != asked_negative else "Yes"
    return ""


#: The stem of the word the texts on a person's past use.
_CAREER = "career"


def _stems_of_words(name: str) -> frozenset[str]:
    """The stems of a word list of ``[answer_words]``."""
    from rolegraph.ask.text import answer_words, stems

    return frozenset(stems(sorted(answer_words(name))))


def _unknown_subject(kb: KnowledgeBase, plan: Plan, named: set[str]) -> list[str]:
    """The subject of a question about a person when no text of the graph has any of it ('what did kalmykov eat for
    breakfast'): its words beyond the person's names and the titles of their work; empty when one is known."""
    subject = [t for t in plan.topic if not stems_of(t) & named]
    return [] if any(index(kb).has(t) or has_synonym(t) for t in subject) else subject


def _names_companies(kb: KnowledgeBase, text: str) -> frozenset[str]:
    """The stems of the company words when ``text`` names at least two of the companies the graph records
    ('He applied to Google, Booking.com, SpaceX …' answers 'which companies')."""
    from rolegraph.ask.text import answer_words, stems

    named = {label for label, kind in index(kb).named(stems(tx_words(text))) if kind == "hiring"}
    return frozenset(stems(sorted(answer_words("companies")))) if len(named) >= 2 else frozenset()


#: This module's handlers, by intent.
HANDLERS: dict[str, Callable[[KnowledgeBase, Plan, Answer], None]] = {
    "catalogue": _catalogue,
    "person": _person,
    "abbreviation": _abbreviation,
    "hiring": _hiring,
    "definition": _define,
    "pay": _gap_topic('pay', 'pay'),
    "certifications": _certifications,
    "disagreement": _disagreement,
}
