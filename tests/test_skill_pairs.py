"""The Python skill comparisons agree with the named queries they stand in for."""

from __future__ import annotations

import pytest
from conftest import ROLE, SWE, TECH_PGM, TECH_PM

from rolegraph.compare import shared_skills, skill_differences
from rolegraph.kb import KnowledgeBase

PAIRS = [(TECH_PM, TECH_PGM), (TECH_PGM, TECH_PM), (SWE, TECH_PM), (ROLE + "engineering-manager", ROLE + "product-manager")]


@pytest.mark.parametrize(("a", "b"), PAIRS)
@pytest.mark.parametrize("threshold", [1, 2, 4])
def test_differences_match_the_named_query(kb: KnowledgeBase, a: str, b: str, threshold: int) -> None:
    expected = kb.named("skill-differences", a=a, b=b, threshold=threshold).records()
    assert skill_differences(kb, a, b, threshold) == expected


@pytest.mark.parametrize(("a", "b"), PAIRS)
def test_shared_matches_the_named_query(kb: KnowledgeBase, a: str, b: str) -> None:
    expected = kb.named("shared-skills", a=a, b=b, min_importance=3).records()
    assert shared_skills(kb, a, b, 3) == expected
