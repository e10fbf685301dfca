"""Role names: labels, aliases, abbreviations, typos; ambiguity and unknown roles."""

from __future__ import annotations

import pytest
from conftest import TECH_PGM, TECH_PM
from hypothesis import given, settings
from hypothesis import strategies as st

from rolegraph.errors import AmbiguousRole, RoleNotFound
from rolegraph.kb import KnowledgeBase
from rolegraph.resolve import find_roles_in_text, resolve_role


@pytest.mark.parametrize(("name", "iri"), [
    ("Technical Product Manager", TECH_PM),
    ("technical program manager", TECH_PGM),
    ("tech pgm", TECH_PGM),
    ("Tech-PM", TECH_PM),
    ("TECH_PM", TECH_PM),
    ("PM-T", TECH_PM),
    ("Techincal Progam Manger", TECH_PGM),
    ("Technical Prodcut Manager", TECH_PM),
    (TECH_PGM, TECH_PGM),
    ("SWE", "https://w3id.org/rolegraph/id/role/software-engineer"),
    ("EM", "https://w3id.org/rolegraph/id/role/engineering-manager"),
])
def test_resolves(kb: KnowledgeBase, name: str, iri: str) -> None:
    assert resolve_role(kb, name).iri == iri


@pytest.mark.parametrize("name", ["TPM", "tpm", "PM", "p.m."])
def test_ambiguous_short_forms_are_never_guessed(kb: KnowledgeBase, name: str) -> None:
    with pytest.raises(AmbiguousRole) as err:
        resolve_role(kb, name)
    assert len(err.value.readings) >= 2


def test_tpm_readings(kb: KnowledgeBase) -> None:
    with pytest.raises(AmbiguousRole) as err:
        resolve_role(kb, "TPM")
    assert {"Technical Product Manager", "Technical Program Manager"} <= set(err.value.readings)


@pytest.mark.parametrize("name", ["Scrum Master", "Data Scientist", "Product Owner", "", "???"])
def test_unknown_roles_get_suggestions(kb: KnowledgeBase, name: str) -> None:
    with pytest.raises(RoleNotFound) as err:
        resolve_role(kb, name)
    assert err.value.suggestions
    assert "not a modelled role" in str(err.value)


def test_mentions_in_text(kb: KnowledgeBase) -> None:
    found = find_roles_in_text(kb, "Which skills separate a Tech PM from a Techincal Progam Manger?")
    assert [m[2][0].iri for m in found] == [TECH_PM, TECH_PGM]
    ambiguous = find_roles_in_text(kb, "what does TPM mean")
    assert len(ambiguous) == 1 and len(ambiguous[0][2]) >= 2


@pytest.mark.parametrize(("text", "labels"), [
    ("waht is a tecnical product manager", ["Technical Product Manager"]),  # not the Product Manager inside it
    ("what does a technical prodcut manager do", ["Technical Product Manager"]),
    ("rank tech pgm, project manager and tech pm by risk", ["Technical Program Manager", "Project Manager", "Technical Product Manager"]),
    ("rank program manager, tech pgm and product manager", ["Program Manager", "Technical Program Manager", "Product Manager"]),
    ("sfia level of a senior technical program manager", ["Technical Program Manager"]),
])
def test_mentions_beside_other_words(kb: KnowledgeBase, text: str, labels: list[str]) -> None:
    """A misspelt word joins the exact name beside it only when together they spell a longer name."""
    assert [m[2][0].label for m in find_roles_in_text(kb, text)] == labels


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["Technical Product Manager", "Technical Program Manager", "Engineering Manager", "Software Engineer"]),
       st.lists(st.sampled_from(["upper", "lower", "title", "dash", "underscore", "spaces", "dots"]), max_size=3))
def test_case_and_punctuation_do_not_matter(kb: KnowledgeBase, label: str, changes: list[str]) -> None:
    name = label
    for change in changes:
        name = {
            "upper": name.upper(), "lower": name.lower(), "title": name.title(), "dash": name.replace(" ", "-"),
            "underscore": name.replace(" ", "_"), "spaces": f"  {name}  ", "dots": name.replace(" ", ". "),
        }[change]
    assert resolve_role(kb, name).label == label


@pytest.mark.parametrize(("text", "labels"), [
    ("project manager here. how do i get into technical program managment", ["Project Manager", "Technical Program Manager"]),
    ("difference between tecnical program manger and technical prodct manager", ["Technical Program Manager", "Technical Product Manager"]),
    ("what does a techincal program manger do day to day", ["Technical Program Manager"]),
])
def test_a_misspelt_long_name_is_not_lost_to_a_shorter_one(kb: KnowledgeBase, text: str, labels: list[str]) -> None:
    """A span must start and end with words of the name it misspells ('into technical …' is no 'non technical …'), and
    a runner-up exactly one edit behind ('prodct': product 1, project 2) loses despite floating-point rounding."""
    assert [m[2][0].label for m in find_roles_in_text(kb, text)] == labels
