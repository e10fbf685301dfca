"""The count form: a number from the column asked about, a lead or a row that has one."""

from __future__ import annotations

import re
from collections.abc import Callable

from rolegraph.ask.answer import dimensions
from rolegraph.ask.answer.base import Answer, hit_text, role_facts, stems_of, synonyms_of, tx_words
from rolegraph.ask.plan import Plan
from rolegraph.ask.retrieve import Hit
from rolegraph.ask.text import answer_words, stem, vocabulary
from rolegraph.kb import KnowledgeBase
from rolegraph.results import Cell

#: A number on its own, not part of an identifier (S4, E28, TPM-N3).
_NUMBER = re.compile(r"(?<![A-Za-z0-9-])\d")


def _counted(plan: Plan, ans: Answer) -> tuple[str, list[str]] | None:
    """'how many domains …': the distinct values of the answer's column of that name (a list cell counts each entry)."""
    noun = plan.counted
    if not noun:
        return None
    names = {stem(w) for w in [noun, *synonyms_of([noun])]}  # "industries" counts the domain column
    for table in ans.tables:
        for i, column in enumerate(table.columns):
            if stem(column.split()[-1] if column.split() else column) in names:
                values = _entries(table.rows, i)
                if values:
                    return noun, values
    for table in ans.tables:  # "how many social networks …": the entries of the rows of that slice
        rows = [row for row in table.rows if any(stem(noun) in stems_of(str(cell or "")) for cell in row[:2])]
        lists = [i for i, column in enumerate(table.columns) if column not in _NOT_COUNTED and any(", " in str(r[i] or "") for r in rows)]
        if rows and lists:
            return noun, _entries(rows, max(lists, key=lambda i: len(_entries(rows, i))))
    return None


def _listed(plan: Plan, texts: list[str]) -> tuple[str, list[str], str] | None:
    """'how many planning horizons …' and a text 'moves between planning horizons: a, b, and c': the entries listed."""
    noun = plan.counted
    if not noun:
        return None
    for text in texts:
        for at in re.finditer(r"([A-Za-z-]+)\s*:\s*([^.:;()]+)", text):
            entries = [e.strip() for e in re.split(r",\s*(?:and\s+|or\s+)?", at.group(2)) if e.strip()]
            if stem(at.group(1).lower()) == stem(noun) and len(entries) >= 2:
                return noun, entries, text
    return None


#: The most words a row of parallel rows may have of its own (the thing it names: 'Facebook', 'Booking.com').
_OWN_WORDS = 3


def _parallel(plan: Plan, ans: Answer) -> list[str]:
    """'how many social networks are named' and rows that say the same of one thing each ('The seed names Facebook for
    social networks.', '… Instagram …'), each with the noun counted or a word of the subject: the things they name, each
    row's own words."""
    asked = stems_of(" ".join([plan.counted, *plan.topic]))
    rows = [i["text"].rstrip(".").split() for i in ans.items if asked & stems_of(i["text"])] if plan.counted else []
    if len(rows) < 2 or len(rows) < len(ans.items):
        return []
    common = set.intersection(*(set(r) for r in rows))
    own = [" ".join(w for w in r if w not in common) for r in rows]
    return own if all(0 < len(o.split()) <= _OWN_WORDS for o in own) and len(set(own)) == len(own) else []


#: Columns that say where a row comes from, not what it lists.
_NOT_COUNTED = {"basis", "sources", "caveats", "note", "disputed", "facts"}


def _entries(rows: list[list[Cell]], column: int) -> list[str]:
    """The distinct entries of a column (a list cell counts each entry; '(no domain given)' none)."""
    values = [v.strip() for row in rows for v in str(row[column] or "").split(", ") if v.strip()]
    return [v for v in dict.fromkeys(values) if not v.startswith("(")]


def _count(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """A number: the distinct entries of the column asked about, a lead that has one, or the first row or text with one."""
    _pick(kb, plan, ans, hits)
    in_figures(plan, ans)


#: A span of numbered levels of one ladder: 'IC1 to IC6', 'L4 through L10'.
_SPAN = re.compile(r"\b([A-Z]{1,3})(\d{1,2})\s+(?:to|through|-|–)\s+\1(\d{1,2})\b")
#: A span of levels given by a rung word: 'levels 4 to 7'.
_WORD_SPAN = re.compile(rf"\b({'|'.join(sorted(answer_words('rungs')))})\s+(\d{{1,2}})\s+(?:to|through|-|–)\s+(\d{{1,2}})\b", re.IGNORECASE)


def _spans(text: str) -> list[re.Match[str]]:
    """The spans of numbered levels in ``text`` (the numbers in groups 2 and 3)."""
    return sorted([*_SPAN.finditer(text), *_WORD_SPAN.finditer(text)], key=lambda m: m.start())


def span_counted(plan: Plan, ans: Answer) -> None:
    """'how many levels …' and a lead 'runs from IC1 to IC6': the lead starts with the levels the span counts (any intent:
    the levels answer keeps its own form)."""
    spans = _spans(ans.lead)
    if not spans or plan.counted not in answer_words("rungs") or re.match(r"\d", ans.lead):
        return
    asked = stems_of(plan.question)  # of two ladders in the lead, the one whose clause has more of the question's words
    span = max(spans, key=lambda s: len(asked & stems_of(re.split(r"[;.]", ans.lead[: s.end()])[-1])))
    low, high = int(span.group(2)), int(span.group(3))
    if high > low:
        ans.lead = f"{high - low + 1} {plan.counted} ({span.group(0)}): {ans.lead}"


def readings_counted(plan: Plan, ans: Answer) -> None:
    """'tpm can mean how many things' and a table of a short form's readings: the lead starts with the roles it can stand
    for (any intent: the short form answer keeps its own form)."""
    noun = plan.counted
    tables = [t for t in ans.tables if {"short form", "role"} <= set(t.columns)]
    if noun in answer_words("readings") and tables and not re.match(r"\d", ans.lead):
        roles = _entries(tables[0].rows, tables[0].columns.index("role"))
        ans.lead = f"{len(roles)} {noun}: " + ", ".join(roles) + ". " + ans.lead


def in_figures(plan: Plan, ans: Answer, units: tuple[str, ...] = (), counted_only: bool = False) -> None:
    """A lead that gives the number asked in words only starts with it in figures: '6 to 10 engineers: … one PM for roughly
    six to ten engineers …' (the number right before a word of the question's own subject, not a role's name, or of
    ``units``: a length of time asked, 'about five years before writing'; only the noun counted with ``counted_only``)."""
    if _NUMBER.search(ans.lead):
        return
    counted = [plan.counted, *synonyms_of([plan.counted])] if plan.counted else []
    wanted = [*counted] if counted_only else [*counted, *plan.topic, *synonyms_of(plan.topic), *units]
    for at in _WORDED.finditer(ans.lead):  # the noun right after the number, or after one word more ('five product levels'),
        said = [n for n in at.group(3, 4) if n]  # the noun counted before a word of the subject
        noun = next((n for ws in (counted, wanted) for n in said if any(_same_noun(n.lower(), w) for w in ws)), None)
        if noun:
            low, high = (_VALUES[w.lower()] for w in (at.group(1), at.group(2) or at.group(1)))
            ans.lead = f"{low} to {high} {noun}: {ans.lead}" if high != low else f"{low} {noun}: {ans.lead}"
            return


def ratio_led(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """'typical ratio of product managers to engineers': a lead with no number gives way to the first row or text found
    that gives a number of a word searched ('one PM for roughly six to ten engineers'), then in figures."""
    if not (_NUMBER.search(ans.lead) or _NUMBER_WORD.search(ans.lead)):
        rows = [(i["text"], "") for i in ans.items] + [(hit_text(h), h.statement) for h in hits]
        best = next(((text, st) for text, st in rows if any(gives_count(text, w) for w in plan.terms)), None)
        if best:
            if best[1]:
                ans.add(kb, best[0], [best[1]])
            ans.lead = best[0]
    in_figures(plan, ans, () if plan.topic else tuple(plan.terms))  # 'ratio of engineers per pm': no subject but the words searched


def _pick(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """The lead of a count: the entries of the column asked about, a lead that has a number, or the best text with one."""
    counted = _counted(plan, ans)
    if counted:
        noun, values = counted
        ans.lead = f"{len(values)} {noun}: " + ", ".join(values) + ". " + ans.lead
        return
    noun = plan.counted
    texts = [i["text"] for i in ans.items] + [hit_text(h) for h in hits]
    amounts = [t for t in texts if noun and _amount_of(t, noun)]
    if noun and not amounts and not _amount_of(ans.lead, noun):  # "one pm for how many devs": a fact of the roles named
        facts = [f for f in role_facts(kb, plan.role_iris()) if _amount_of(str(f["text"]), noun)]  # that gives the number
        for f in facts:
            ans.add(kb, f"{f['text']} ({f['id']})", [str(f["fact"])])
        amounts = [f"{f['text']} ({f['id']})" for f in facts]
    if _NUMBER.search(ans.lead) and plan.intent in dimensions.HANDLERS and dimensions.asked_relations(plan, plan.intent):
        return  # "how many engineers does a tpgm manage": the count of the relation asked (direct reports: 0) answers it
    if amounts and not _amount_of(ans.lead, noun):  # "how many engineers before …": a number of engineers,
        wanted = stems_of(" ".join(plan.topic or plan.terms))        # not the handler's count of teams
        ans.lead = max(amounts, key=lambda t: len(wanted & stems_of(t)))
        return
    if _NUMBER.search(ans.lead):
        return
    parallel = _parallel(plan, ans)
    if parallel:
        ans.lead = f"{len(parallel)} {plan.counted}: " + ", ".join(parallel) + ". " + ans.lead
        return
    listed = _listed(plan, [i["text"] for i in ans.items] + [hit_text(h) for h in hits])
    if listed:
        noun, entries, text = listed
        ans.lead = f"{len(entries)} {noun}: " + "; ".join(entries) + f". {text}"
        return
    asked = plan.topic or plan.terms
    wanted = stems_of(" ".join([*asked, *synonyms_of(asked)]))  # 'eng' asks for engineers
    numbered = [t for t in texts if _NUMBER.search(t) or _NUMBER_WORD.search(t)]
    if numbered:  # best: a number right before the noun counted ('six to ten engineers'), then the words asked
        ans.lead = max(numbered, key=lambda t: (bool(noun and _amount_of(t, noun)), len(wanted & stems_of(t))))


#: Numbers written as words and their values ([numbers] in cues.toml).
_VALUES: dict[str, int] = {str(w): int(v) for w, v in vocabulary()["numbers"].items()}
_NUMBER_WORD = re.compile(rf"\b(?:{'|'.join(_VALUES)})\b", re.IGNORECASE)
_ONE = "|".join(_VALUES)
#: A number in words, or a range of two ('six to ten', 'three or four'), and the word after it (and the one after that).
_WORDED = re.compile(rf"\b({_ONE})(?:\s+(?:to|or)\s+({_ONE}))?\s+(?:or more\s+)?([A-Za-z]+)(?:\s+([A-Za-z]+))?", re.IGNORECASE)


def _amount_of(text: str, noun: str) -> bool:
    """Whether ``text`` gives a number of ``noun`` or of a word the texts use for it ('devs': engineers): a number (or
    number word) at most four words before it ('three or more engineering teams')."""
    words = tx_words(text)
    nouns = [noun, *synonyms_of([noun])] if noun else []
    return any(any(_same_noun(w, n) for n in nouns) and any(x.isdigit() or _NUMBER_WORD.fullmatch(x) for x in words[max(0, i - 4) : i])
               for i, w in enumerate(words))


def gives_count(text: str, noun: str) -> bool:
    """Whether ``text`` gives a number of ``noun``: a span of numbered levels for a rung ('runs from IC1 to IC6', 'levels
    4 to 7'), or a number (in figures or words) right before it or one word before ('five product levels')."""
    if noun in answer_words("rungs") and _spans(text):
        return True
    words = tx_words(text)
    nouns = [noun, *synonyms_of([noun])] if noun else []
    return any(any(_same_noun(w, n) for n in nouns) and any(x.isdigit() or x in _VALUES for x in words[max(0, i - 2) : i])
               for i, w in enumerate(words))


def _same_noun(word: str, noun: str) -> bool:
    """The same noun, in the singular or the plural ('engineer', 'engineers'; not 'engineering')."""
    return word.removesuffix("s").removesuffix("e") == noun.removesuffix("s").removesuffix("e")


#: This module's form deciders, by answer form.
DECIDERS: dict[str, Callable[[KnowledgeBase, Plan, Answer, list[Hit]], None]] = {
    "count": _count,
}
