"""SHACL validation: the shipped data conforms; every shape fires on a bad fixture."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from rolegraph.errors import DataFileError
from rolegraph.validate import Report, validate

BAD = FIXTURES / "bad"

#: bad node → a fragment of the rule message it must trigger
EXPECTED = {
    "role/bad-role": ["a role needs a definition", "at least one focus area", "graded skill profile"],
    "link/bad-two-roles": ["exactly one rg:role"],
    "link/bad-no-target": ["exactly one rg:target"],
    "link/bad-importance": ["an integer from 0 to 5"],
    "link/bad-basis": ["exactly one rg:basis"],
    "link/bad-no-source": ["at least one dct:source"],
    "link/bad-no-dimension": ["exactly one rg:dimension"],
    "source/bad-source": ["needs a title", "needs a URL"],
    "link/bad-undescribed": ["must be an rg:Deliverable"],
    "bad-plain-label": ["language tag"],
    "link/bad-stance": ["exactly one rg:stance"],
    "link/bad-counts": ["rg:minCount is larger than rg:maxCount"],
    "bad-abbr": ["must be marked rg:ambiguous true"],
    "bad-disagreement": ["at least two rg:position"],
    "link/bad-duplicate": ["same role to the same skill"],
    "link/bad-self-transition": ["from a role to itself"],
    "link/bad-exact-match": ["never exactMatch"],
    "fact/bad-fact": ["exactly one fact ID"],
}


@pytest.fixture(scope="module")
def bad_report() -> Report:
    return validate([BAD / "violations.ttl"])


def test_shipped_data_conforms() -> None:
    report = validate()
    assert report.conforms, report.violations[:5]
    assert report.violations == []
    assert report.counts["roles"] == 7
    assert report.counts["sources"] >= 44


@pytest.mark.parametrize("node", sorted(EXPECTED))
def test_each_rule_fires_on_its_bad_node(bad_report: Report, node: str) -> None:
    messages = [v.message for v in bad_report.violations if v.focus == node]
    for fragment in EXPECTED[node]:
        assert any(fragment in m for m in messages), (node, fragment, messages)


def test_undescribed_iri_is_named(bad_report: Report) -> None:
    assert any("not described anywhere" in v.message and v.value.endswith("bad-nowhere") for v in bad_report.violations)


def test_only_bad_nodes_are_reported(bad_report: Report) -> None:
    assert not bad_report.conforms
    for v in bad_report.violations:
        assert "bad-" in v.focus + v.value + v.message, v


def test_syntax_error_names_file_and_line() -> None:
    with pytest.raises(DataFileError) as err:
        validate([BAD / "syntax.ttl"])
    assert err.value.line == 5
    assert "syntax.ttl:5" in err.value.message


def test_missing_file_is_named(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DataFileError, match="no such file"):
        validate([tmp_path / "nope.ttl"])
