"""The roles a question names and the part each plays; title-like phrases that are no modelled role."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise
from typing import Any

from rolegraph.ask import text as tx
from rolegraph.ask.fit import clauses
from rolegraph.ask.mentions import usual_reading
from rolegraph.ask.parse.named import _HOLDERS, _activity_spans, _writers
from rolegraph.ask.parse.vocabulary import _ARTICLES
from rolegraph.ask.plan import TECH_PGM, TECH_PM, TPM_ROLES, PlanRole
from rolegraph.errors import RolegraphError, RoleNotFound
from rolegraph.kb import KnowledgeBase
from rolegraph.queries import IRI
from rolegraph.resolve import RoleRef, find_roles_in_text, normalise, resolve_role

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


#: Words that open a question ("which", "what"): after a move word they name no place the move goes to.
_QUESTION_WORDS = tx.word_set("question_words")


def _part_said(words: list[str], start: int, end: int) -> tuple[str, int]:
    """The part a role named at ``start`` (up to ``end``) plays and how many words before it say so, read off the words
    just before it ([parts] in cues.toml): the longest phrase found wins ('end up as a' is where a move goes although 'as
    a' is where one comes from; 'same thing as a' compares), a source on a tie; else off the words right after it
    ([parts_after]: 'developer here')."""
    found = [(len(p.split()), -i, part) for i, (part, phrases) in enumerate(tx.vocabulary()["parts"].items()) for p in phrases
             if words[max(0, start - len(p.split())) : start] == p.split()]
    table = tx.vocabulary().get("parts_after", {})
    after = [part for part, phrases in table.items() if part != "moves" for p in phrases if words[end : end + len(p.split())] == p.split()]
    after += ["source" for p in table.get("moves", []) if words[end : end + len(p.split())] == p.split()
              and not set(words[end + len(p.split()) : end + len(p.split()) + 1]) - _QUESTION_WORDS]  # "swe moves into which roles"
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


#: Words that set one role against another ("a vs b").
_AGAINST = tx.word_set("against")


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
