"""How a statement's basis reads in an answer, above all the two weakest ones.

``external-low`` (a low-authority outside source) is a signal, never the only ground of an
answer without saying so; ``derived`` is rolegraph's own interpretation (an alignment or a
synthesis, with its reason), never a source's claim. These helpers write the notes that say so.
"""

from __future__ import annotations

from collections.abc import Iterable

from rolegraph.results import Cell

LOW = "external-low"
DERIVED = "derived"

LOW_NOTE = ("Basis external-low: only a low-authority source (an anonymous forum post, an unverified commercial page, "
            "an AI-assisted course page) says it. Treat it as a signal, not as an established fact.")
DERIVED_NOTE = ("Basis derived: rolegraph's own interpretation (an alignment or synthesis of the cited facts, with its reason); "
                "no source states it.")


def low_only(values: Iterable[Cell]) -> bool:
    """True when every basis given is ``external-low`` (and there is at least one)."""
    found = {str(v) for v in values if v}
    return found == {LOW}


def basis_notes(values: Iterable[Cell]) -> list[str]:
    """The explanation of each weak basis that occurs in ``values``."""
    found = {str(v) for v in values if v}
    return [note for basis, note in ((LOW, LOW_NOTE), (DERIVED, DERIVED_NOTE)) if basis in found]


def low_only_note(items: Iterable[str]) -> list[str]:
    """A note naming the rows that rest on low-authority sources alone (empty when there are none)."""
    names = sorted(set(items))
    if not names:
        return []
    return ["Only low-authority sources say this (no stronger source confirms it): " + "; ".join(names) + "."]


def derived_reasons(rows: Iterable[dict[str, Cell]], item: str = "aspect_label") -> list[str]:
    """One note per distinct reason of the derived rows: which rows rolegraph concluded, and why."""
    by_reason: dict[str, list[str]] = {}
    for row in rows:
        if row.get("basis") == DERIVED and row.get("reason"):
            names = by_reason.setdefault(str(row["reason"]), [])
            if str(row[item]) not in names:
                names.append(str(row[item]))
    return [f"rolegraph's interpretation ({', '.join(names)}): {reason}" for reason, names in by_reason.items()]
