"""Comparisons, role cards, graph algorithms and self-assessment over the shipped data."""

from __future__ import annotations

from conftest import SWE, TECH_PGM, TECH_PM

from rolegraph import compare, fit, graph, provenance
from rolegraph.kb import KnowledgeBase


def _skills(table) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(r[1]) for r in table.rows]


def test_separate_puts_product_skills_on_the_tech_pm_side(kb: KnowledgeBase) -> None:
    result = compare.separate(kb, TECH_PM, TECH_PGM)
    pm_side, pgm_side = result.tables
    pm, pgm = _skills(pm_side), _skills(pgm_side)
    for skill in ("customer discovery and user research", "product strategy", "feature prioritisation"):
        assert skill in pm, pm
    for skill in ("cross-team dependency management", "risk management", "cross-team scheduling"):
        assert skill in pgm, pgm
        assert skill not in pm
    assert pm.index("customer discovery and user research") < pm.index("feature prioritisation")  # ranked by gap
    gaps = [int(r[5]) for r in pm_side.rows]
    assert gaps == sorted(gaps, reverse=True)
    for table in result.tables:
        assert all(r[-1] for r in table.rows), "every row names its sources"
    assert any("at least 2" in n for n in result.notes)


def test_separate_threshold_is_respected(kb: KnowledgeBase) -> None:
    strict = compare.separate(kb, TECH_PM, TECH_PGM, threshold=4)
    assert all(int(r[5]) >= 4 for t in strict.tables for r in t.rows)


def test_shared_core(kb: KnowledgeBase) -> None:
    result = compare.shared(kb, TECH_PM, TECH_PGM)
    skills = _skills(result.tables[0])
    assert {"software architecture", "technical trade-offs", "stakeholder communication"} <= set(skills)
    assert "cross-team dependency management" not in skills
    assert "individual contributors" in result.tables[1].rows[0][0]


def test_compare_covers_the_seed_dimensions_and_flags_disagreements(kb: KnowledgeBase) -> None:
    result = compare.compare(kb, TECH_PM, TECH_PGM)
    first = result.meta["summary"]
    titles = [t.title for t in result.tables]
    assert titles[:first] == ["What separates them", "Skills that separate them most", "Shared core"]
    assert titles[first:first + 4] == ["focus areas", "team structure", "tech skills", "day-to-day work"]
    focus = {r[0]: (r[1], r[2]) for r in result.tables[first].rows}
    assert focus["the what"][0] == "owns" and focus["the who"][1] == "owns"
    team = result.tables[first + 1]
    assert any("gives no readable content" in n for n in team.notes)
    assert any(record["disputed"] == "D3" for record in team.records())
    assert any(record["facts"] for record in team.records())  # fact-sheet IDs of the links behind a row
    assert any(n.startswith("Sources disagree (D3)") for n in result.notes)
    bases = {r[3] for t in result.tables for r in t.rows}
    assert {"seed", "external"} <= {b for cell in bases for b in str(cell).split(", ")}


def test_compare_opens_with_what_separates_the_roles(kb: KnowledgeBase) -> None:
    """The fact sheet's "what separates" summary, from the links: owns, works on, output, measured by, blamed for, reports to."""
    result = compare.compare(kb, TECH_PM, TECH_PGM)
    essentials = {r[0]: (r[1], r[2]) for r in result.tables[0].rows}
    assert essentials["owns"] == ("owns the what, the why", "owns the when, the who; shares the how")
    assert essentials["blamed for"] == ("an incomplete launch", "a late launch")
    assert "product organisation" in essentials["reports to"][0] and "engineering organisation" in essentials["reports to"][1]
    assert "product roadmap" in essentials["output"][0] and "dependency map" in essentials["output"][1]
    assert "adoption" in essentials["measured by"][0] and "timelines and milestones met" in essentials["measured by"][1]
    separating = [r[0] for r in result.tables[1].rows]
    assert separating[:1] == ["customer discovery and user research"] and "cross-team scheduling" in separating
    assert all(r[1] >= 3 and r[2] >= 3 for r in result.tables[2].rows)
    cited = {i for t in result.tables[:3] for r in t.rows for i in str(r[-1]).split(", ")}
    assert cited <= {s.id for s in result.sources}


def test_compare_one_dimension(kb: KnowledgeBase) -> None:
    result = compare.compare(kb, TECH_PM, TECH_PGM, ["team"])
    assert [t.title for t in result.tables] == ["team structure"]


def test_every_link_lands_in_the_table_of_its_dimension(kb: KnowledgeBase) -> None:
    """Rows are grouped by each link's rg:dimension in the data; no link is left out."""
    result = compare.compare(kb, TECH_PM, TECH_PGM)
    by_title = {t.title: t for t in result.tables}
    standards = {r[0]: (r[1], r[2]) for r in by_title["standard classifications"].rows}
    assert standards["ICT product manager"] == ("closeMatch", "—")
    assert "names and abbreviations" not in by_title  # only facts are about naming; compare shows links
    pa, pb = compare.profiles(kb, TECH_PM, TECH_PGM)
    shown = set(result.meta["subjects"])
    assert {str(link["link"]) for link in pa.links + pb.links} <= shown


def test_profiles_answer_each_role_once_even_when_repeated(kb: KnowledgeBase) -> None:
    one = compare.profile(kb, TECH_PM)
    again, pgm, same = compare.profiles(kb, TECH_PM, TECH_PGM, TECH_PM)
    assert again.links == one.links and same is again
    assert pgm.links and all(link["role"] == TECH_PGM for link in pgm.links)


def test_show_role_card(kb: KnowledgeBase) -> None:
    card = compare.show(kb, TECH_PGM)
    titles = [t.title for t in card.tables]
    for part in ("Overview", "Focus and ownership", "Top skills", "Team structure", "Day-to-day work", "Comes from", "Standard links"):
        assert part in titles
    assert card.sources and card.attribution
    assert any("ESCO" in a for a in card.attribution)


def test_path_from_software_engineer_to_tech_pm(kb: KnowledgeBase) -> None:
    result = graph.path(kb, SWE, TECH_PM)
    route, skills = result.tables[0], result.tables[-1]
    assert route.rows[0][1:4] == ["Software Engineer", "Technical Product Manager", "3/3"]
    assert route.rows[0][4] == "seed"
    top = [r[2] for r in skills.rows[:5]]
    assert "customer discovery and user research" in top and "writing code" not in top


def test_path_via_intermediate_role(kb: KnowledgeBase) -> None:
    result = graph.path(kb, SWE, "https://w3id.org/rolegraph/id/role/engineering-manager")
    assert len(result.meta["route"]) == 3


def test_neighbours_and_centrality(kb: KnowledgeBase) -> None:
    near = graph.neighbours(kb, TECH_PGM).tables[0]
    sims = [r[1] for r in near.rows]
    assert sims == sorted(sims, reverse=True) and all(0 <= s <= 1 for s in sims)
    central = graph.centrality(kb, top=5).tables[0]
    assert len(central.rows) == 5 and central.rows[0][1] == "stakeholder communication"


def test_fit_ranks_a_coder_as_software_engineer(kb: KnowledgeBase) -> None:
    ratings = fit.parse_ratings(kb, ["writing code=5", "reading code=5", "software architecture=4", "API literacy=4"])
    ranked = fit.fit(kb, ratings).tables[0]
    assert ranked.rows[0][1] == "Software Engineer"
    product = fit.parse_ratings(kb, ["customer discovery=5", "product strategy=5", "feature prioritisation=5", "business metrics=4"])
    assert fit.fit(kb, product).tables[0].rows[0][1] in ("Product Manager", "Technical Product Manager")


def test_why_lists_all_positions(kb: KnowledgeBase) -> None:
    result = provenance.why(kb, [TECH_PGM], "team")
    assert any(r[0] == "PGM-T1" for r in result.table.rows)
    assert any("Sources disagree (D3)" in n for n in result.notes)


def test_why_takes_a_concern_only_when_the_topic_names_it(kb: KnowledgeBase) -> None:
    def concern_rows(topic: str) -> list[str]:
        return [str(r[3]) for r in provenance.why(kb, [TECH_PGM], topic).tables[0].rows if not r[0]]

    assert concern_rows("how") == ["shares the how"]
    assert concern_rows("the who") == ["owns the who"]
    assert concern_rows("how many teams") == [] and concern_rows("when to hire one") == []


def test_graph_and_fit_results_name_the_links_they_rest_on(kb: KnowledgeBase) -> None:
    ratings = fit.parse_ratings(kb, ["writing code=5"])
    for result in (graph.neighbours(kb, TECH_PGM), graph.centrality(kb, top=5), fit.fit(kb, ratings)):
        assert result.sources, result.kind
        assert any(str(s).startswith("https://w3id.org/rolegraph/id/link/") for s in result.meta["subjects"]), result.kind
    near = graph.neighbours(kb, TECH_PGM)
    linked = {str(s) for s in near.meta["subjects"]}
    assert {TECH_PGM, TECH_PM} <= linked


def test_results_drawing_on_a_standard_carry_its_notice(kb: KnowledgeBase) -> None:
    """The curated data keeps each notice on the rg:Standard; a result citing that standard's source carries it."""
    result = compare.compare(kb, TECH_PM, TECH_PGM, ["standards"])
    assert {"STD-ESCO", "STD-ONET", "STD-SFIA"} <= {s.id for s in result.sources}
    assert any("uses the ESCO classification of the European Commission" in n for n in result.attribution)
    assert any(n.startswith("Includes information from O*NET") for n in result.attribution)
    assert not compare.compare(kb, TECH_PM, TECH_PGM, ["team"]).attribution


def test_team_profiles_hold_the_team_links_of_the_full_profiles(kb: KnowledgeBase) -> None:
    """``shared`` reads team links from ``team-links``: the same links, with the same values, as ``role-links`` gives."""
    roles = [str(r["role"]) for r in kb.named("roles").records()]
    columns = ["role", "link", "relation", "min_count", "max_count", "basis", "kind"]
    teams = compare.team_profiles(kb, *roles)
    assert sum(len(p.links) for p in teams) > 10
    for full, team in zip(compare.profiles(kb, *roles), teams, strict=True):
        assert (team.iri, team.label) == (full.iri, full.label)
        expected = sorted(({c: link[c] for c in columns} for link in full.of_kind("team")), key=lambda link: str(link["link"]))
        assert [{c: link[c] for c in columns} for link in team.links] == expected


def test_skill_pairs_from_profiles_equal_the_skill_profile_queries(kb: KnowledgeBase) -> None:
    roles = [str(r["role"]) for r in kb.named("roles").records()]
    assert len(roles) > 4
    for a, b in [(a, b) for a in roles for b in roles if a != b]:
        profiles = (compare.profile(kb, a), compare.profile(kb, b))
        assert compare.skill_pairs(kb, a, b, profiles) == compare.skill_pairs(kb, a, b)
        assert compare.skill_differences(kb, a, b, 2, profiles) == compare.skill_differences(kb, a, b, 2)
        assert compare.shared_skills(kb, a, b, 3, profiles) == compare.shared_skills(kb, a, b, 3)
