"""Slices: an answer narrowed to the part asked (a hiring domain), and counts over that slice."""

from __future__ import annotations

from rolegraph.ask import ask
from rolegraph.kb import KnowledgeBase


def test_companies_in_the_domain_asked_only(kb: KnowledgeBase) -> None:
    lead = ask(kb, "which travel companies hire technical product managers").meta["lead"]
    assert "Booking.com" in lead and "Netflix" not in lead
    lead = ask(kb, "infra companies hiring tech pms").meta["lead"]
    assert "infrastructure: Amazon" in lead and "TikTok" not in lead
    assert "Netflix" in ask(kb, "which companies hire tech pms").meta["lead"]  # no domain named: every domain


def test_a_count_over_a_slice_and_a_column_named_by_a_synonym(kb: KnowledgeBase) -> None:
    assert ask(kb, "how many social networks hire tech pms").meta["lead"].startswith("3 networks: Facebook, Instagram, TikTok")
    assert ask(kb, "count the industries the seed names for tech pm openings").meta["lead"].startswith("6 industries:")


def test_a_count_asked_as_count_of_and_companies_named_by_a_short_word(kb: KnowledgeBase) -> None:
    assert ask(kb, "count of travel companies that hire tech pms").meta["lead"].startswith("2 companies:")
    assert ask(kb, "how many social network firms hire technical product managers").meta["lead"].startswith("3 firms:")
    assert ask(kb, "number of infra cos hiring tech pms").meta["lead"].startswith("2 cos:")


def test_one_side_of_separate_and_its_reverse(kb: KnowledgeBase) -> None:
    first = ask(kb, "what can a tech pm do that a tech pgm cant, skills wise")
    assert first.meta["plan"]["intents"] == ["separate"] and first.meta["plan"]["one_way"]
    assert "customer discovery" in first.meta["lead"] and "cross-team dependency management" not in first.meta["lead"]
    flipped = ask(kb, "ok now flip it", previous=first.meta["plan"]).meta["lead"]
    assert "cross-team dependency management" in flipped and "customer discovery" not in flipped
    both = ask(kb, "which skills separate the tech pm and the tech pgm").meta["lead"]
    assert "customer discovery" in both and "cross-team dependency management" in both


def test_a_count_prefers_a_number_given_for_the_noun_counted(kb: KnowledgeBase) -> None:
    assert "six to ten engineers" in ask(kb, "how many engineers per product manager is normal").meta["lead"]
    em = ask(kb, "how many engineers max does one engineering manager usually manage").meta["lead"]
    assert "12 engineers" in em or "engineers: up to 12" in em, em  # from the texts, or the team row


def test_a_count_of_levels_from_a_span_of_numbered_levels(kb: KnowledgeBase) -> None:
    assert ask(kb, "how many levels does dropbox's tpgm track have").meta["lead"].startswith("6 levels (IC1 to IC6)")
    assert ask(kb, "how many levels does the engineering manager track at dropbox have").meta["lead"].startswith("5 levels (M3 to M7)")
