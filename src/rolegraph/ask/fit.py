"""Which role fits what the asker likes: the words of a liking ('…, love process & cross team coordination') in a
question that asks which role fits ([fit] in cues.toml)."""

from __future__ import annotations

import re

from rolegraph.ask import text as tx

#: Where a clause ends in the question as typed: punctuation, a free-standing dash.
_BREAK = re.compile(r"[,;:.!?()]|\s[-\u2013\u2014]+\s|[\u2013\u2014]")


def clauses(question: str) -> list[list[str]]:
    """The question's clauses as words ('but' opens a clause too); their words, joined, are ``tx.words(question)``
    when the question is short enough to be read whole."""
    out: list[list[str]] = []
    for part in _BREAK.split(question):
        clause: list[str] = []
        for w in tx.words(part):
            if w == "but" and clause:
                out.append(clause)
                clause = []
            clause.append(w)
        out.append(clause)
    return [c for c in out if c]


def _like_at(clause: list[str], fit: dict[str, list[str]]) -> tuple[int, int] | None:
    """Where a like word of the asker's starts and ends in ``clause``, or None."""
    asker = set(fit["asker"])
    for start in range(len(clause)):
        for phrase in fit["likes"]:
            said = phrase.split()
            if clause[start : start + len(said)] != said:
                continue
            before = clause[:start]
            if all(w in fit["lead_in"] for w in before) or (before[-1] if before else "") in fit["by"] or clause[0] in asker:
                return start, start + len(said)
    return None


def liked(question: str, choice: bool = False) -> tuple[int, list[int]] | None:
    """Where the asker's liking starts and where the words of what they like are (positions in ``tx.words(question)``),
    when the question also asks which role fits (or offers a ``choice`` of roles); else None."""
    fit = tx.vocabulary()["fit"]
    parts = clauses(question)
    said = " ".join(w for c in parts for w in c)
    if not choice and not any(re.search(rf"\b{re.escape(a)}\b", said) for a in fit["asks"]):
        return None
    found: list[int] = []
    start, offset, going = -1, 0, False
    for clause in parts:
        at = _like_at(clause, fit)
        if at is None and going and not _stops(clause, fit):
            at = (0, 0)  # "loves spreadsheets, risk logs and …": the list goes on after the comma
        going = at is not None
        if at is not None:
            start = offset + at[0] if start < 0 else start
            for i, w in enumerate(clause[at[1] :], start=offset + at[1]):
                if w in fit["ends"]:
                    going = False
                    break
                found.append(i)
        offset += len(clause)
    return (start, found) if found else None


def _stops(clause: list[str], fit: dict[str, list[str]]) -> bool:
    """Whether a clause after a liking is no more of it: it opens with the asker, a question or an end word, or asks."""
    said = f" {' '.join(clause)} "
    return clause[0] in {*fit["asker"], *fit["ends"], *tx.word_set("question_words")} or any(f" {a} " in said for a in fit["asks"])
