"""What a question names besides roles: people and writers, cited sources, concerns, and the activities of the graph."""

from __future__ import annotations

import functools
import re
from dataclasses import replace

from rolegraph.ask import text as tx
from rolegraph.ask.fit import liked
from rolegraph.ask.parse.vocabulary import _ARTICLES, Cues
from rolegraph.ask.plan import TPM_ROLES, Plan, PlanRole
from rolegraph.kb import KnowledgeBase
from rolegraph.provenance import CONCERNS, asked_concerns
from rolegraph.resolve import RoleRef, normalise

_HOLDERS = tx.word_set("holders")


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


#: A concern after an ownership verb ("owns the why", "responsible for what and when").
_CONCERN_AFTER = re.compile(r"\b(?:owns?|decides?|deciding|responsible for|in charge of|accountable for|sets?)\s+(the\s+)?"
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
        concern = m.group(2)
        if not m.group(1) and _asked_in_place(question[: m.start()], question[m.end() :]):
            continue  # "the tpgm is responsible for what": the question word, asking what it owns; "who owns when" names it
        if concern not in found:
            found.append(concern)
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


def _asked_in_place(before: str, after: str) -> bool:
    """Whether a bare concern word is the question word itself: it ends the question (fillers aside: "… for what
    exactly?") and no question word comes before it."""
    fillers = tx.vocabulary()["fillers"]["words"]
    return all(w in fillers for w in tx.words(after)) and not tx.word_set("question_words") & set(tx.words(before))


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
