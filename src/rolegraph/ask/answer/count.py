"""The count form: a number from the column asked about, a lead or a row that has one."""

from __future__ import annotations

import re
from collections.abc import Callable

from rolegraph.ask.answer.base import Answer, hit_text, stems_of, tx_words
from rolegraph.ask.plan import Plan
from rolegraph.ask.retrieve import Hit
from rolegraph.kb import KnowledgeBase

#: A number on its own, not part of an identifier (S4, E28, TPM-N3).
_NUMBER = re.compile(r"(?<![A-Za-z0-9-])\d")
_COUNTED = re.compile(r"\b(?:how many|number of|count(?: the)?)\s+(?:\w+\s+){0,2}?(\w+s)\b")


def _counted(plan: Plan, ans: Answer) -> tuple[str, list[str]] | None:
    """'how many domains …': the distinct values of the answer's column of that name (a list cell counts each entry)."""
    from rolegraph.ask.text import stem

    m = _COUNTED.search(" ".join(tx_words(plan.question)))
    if not m:
        return None
    noun = m.group(1)
    for table in ans.tables:
        for i, column in enumerate(table.columns):
            if stem(column.split()[-1] if column.split() else column) == stem(noun):
                values = [v.strip() for row in table.rows for v in str(row[i] or "").split(", ") if v.strip()]
                values = [v for v in dict.fromkeys(values) if not v.startswith("(")]
                if values:
                    return noun, values
    return None


def _listed(plan: Plan, texts: list[str]) -> tuple[str, list[str], str] | None:
    """'how many planning horizons …' and a text 'moves between planning horizons: a, b, and c': the entries listed."""
    from rolegraph.ask.text import stem

    m = _COUNTED.search(" ".join(tx_words(plan.question)))
    if not m:
        return None
    noun = m.group(1)
    for text in texts:
        for at in re.finditer(r"([A-Za-z-]+)\s*:\s*([^.:;()]+)", text):
            entries = [e.strip() for e in re.split(r",\s*(?:and\s+|or\s+)?", at.group(2)) if e.strip()]
            if stem(at.group(1).lower()) == stem(noun) and len(entries) >= 2:
                return noun, entries, text
    return None


def _count(kb: KnowledgeBase, plan: Plan, ans: Answer, hits: list[Hit]) -> None:
    """A number: the distinct entries of the column asked about, a lead that has one, or the first row or text with one."""
    counted = _counted(plan, ans)
    if counted:
        noun, values = counted
        ans.lead = f"{len(values)} {noun}: " + ", ".join(values) + ". " + ans.lead
        return
    if _NUMBER.search(ans.lead):
        return
    listed = _listed(plan, [i["text"] for i in ans.items] + [hit_text(h) for h in hits])
    if listed:
        noun, entries, text = listed
        ans.lead = f"{len(entries)} {noun}: " + "; ".join(entries) + f". {text}"
        return
    wanted = stems_of(" ".join(plan.topic or plan.terms))
    texts = [i["text"] for i in ans.items] + [hit_text(h) for h in hits]
    numbered = [t for t in texts if _NUMBER.search(t)]
    if numbered:
        ans.lead = max(numbered, key=lambda t: len(wanted & stems_of(t)))


#: This module's form deciders, by answer form.
DECIDERS: dict[str, Callable[[KnowledgeBase, Plan, Answer, list[Hit]], None]] = {
    "count": _count,
}
