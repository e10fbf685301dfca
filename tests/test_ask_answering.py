"""Answering: scope filtering, verdicts, rankings and counts decided by the data, not by the wording of one question."""

from __future__ import annotations

import pytest

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


@pytest.mark.parametrize("question", [
    "seed only please, what does a tpgm do all day long",  # the seed's part on it is a recorded gap
    "seed only: what fills a tech pgm's typical day",  # no seed text on it found
])
def test_a_seed_scoped_answer_shows_outside_rows_only_under_their_own_heading(kb: KnowledgeBase, question: str) -> None:
    result = ask(kb, question)
    outside = [t for t in result.tables if t.title == "From outside sources (not the seed)"]
    assert len(outside) == 1 and any("unblocking teams" in str(r[0]) for r in outside[0].rows)
    assert all("seed" in str(r[t.columns.index("basis")]) for t in result.tables if t not in outside and "basis" in t.columns
               for r in t.rows), "an outside row under the seed's heading"
    assert "unblocking teams" not in str(result.meta["lead"])
