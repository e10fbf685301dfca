"""The offline handbook: a static site built from the knowledge base with Jinja2 templates
(autoescaped; the cheat sheet and the HTML slides use the same ones). No server, no network:
the only script is the offline search over a prebuilt index in ``search-index.js``.

Pages: an index, a page per role, a comparison page per pair of roles (the two TPM roles
always) with its cheat sheet (A4 and Letter) and slides (HTML and PowerPoint), skills,
sources, disagreements, common confusions, a quiz (with Anki, Moodle and JSON files) and search. Every fact links to its source's anchor on ``sources.html`` and
every disagreement ID to ``disagreements.html#D…``.

To add pages, append a builder to :data:`BUILDERS`: it takes the :class:`Site` and adds pages,
index links and search entries (the index page is rendered last, from what the builders added).

The site is written to a temporary directory next to OUTDIR and renamed into place, so an
interrupted run leaves either the old handbook or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from rolegraph import brief, charts, collaborate, compare, levels, provenance
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase, source_sort_key
from rolegraph.output import sweep_parts
from rolegraph.resolve import resolve_role
from rolegraph.results import Result
from rolegraph.templating import environment, render

#: The pair every handbook compares.
DEFAULT_PAIR = ("Technical Product Manager", "Technical Program Manager")
#: A file that marks a directory as a rolegraph handbook, so rebuilding may replace it.
MARKER = ".rolegraph-handbook"
#: Sections of the index page, in order (builders add links to them by key).
SECTIONS = {
    "kit": "Trainer's kit: cheat sheets, slides, quiz",
    "comparisons": "Comparisons",
    "roles": "Roles",
    "knowledge": "Levels and collaboration",
    "reference": "Skills, confusions and provenance",
}


@dataclass
class Link:
    """A link on the index page."""

    href: str
    text: str
    note: str = ""


@dataclass
class Chart:
    """A chart file and what its figure caption says."""

    name: str
    alt: str
    notes: list[str]
    sources: list[str]


@dataclass
class Site:
    """Everything the handbook will write, collected in memory first."""

    kb: KnowledgeBase
    pairs: list[tuple[str, str]]
    files: dict[str, bytes] = field(default_factory=dict)
    attribution: set[str] = field(default_factory=set)
    links: dict[str, list[Link]] = field(default_factory=lambda: defaultdict(list))
    search: list[dict[str, str]] = field(default_factory=list)
    figures: list[Chart] = field(default_factory=list)
    roles: dict[str, str] = field(default_factory=dict)  # IRI -> label
    names: dict[str, str] = field(default_factory=dict)  # IRI -> slug

    @property
    def role_pages(self) -> dict[str, str]:
        """Role label -> page file (for cross-links from any text that names a role)."""
        return {label: f"role-{self.names[iri]}.html" for iri, label in self.roles.items()}

    def page(self, name: str, template: str, title: str, **context: Any) -> None:
        """Render ``template`` into the page ``name``."""
        context.setdefault("roles", self.role_pages)
        html = render(template, title=title, attribution=sorted(self.attribution), **context)
        self.files[name] = html.encode("utf-8")

    def chart(self, name: str, build: Callable[[], charts.ChartSpec], alt: str) -> Chart | None:
        """Draw a chart as SVG, or None when the data cannot make one (e.g. a role without transitions)."""
        try:
            spec = build()
        except RolegraphError:
            return None
        self.files[f"charts/{name}.svg"] = charts.draw(spec, "svg")
        chart = Chart(name, alt, spec.notes, spec.source_ids)
        self.figures.append(chart)
        return chart

    def find(self, kind: str, title: str, url: str, text: str = "") -> None:
        """Add an entry to the search index."""
        self.search.append({"k": kind, "t": title, "u": url, "x": text})


def slug(iri: str) -> str:
    """A file-name-safe slug from the last segment of an IRI."""
    return re.sub(r"[^a-z0-9-]+", "-", iri.rstrip("/").rsplit("/", 1)[-1].lower()).strip("-") or "role"


def slugs(iris: Sequence[str]) -> dict[str, str]:
    """A slug per IRI, unique: when two IRIs share a slug, each gets a short hash of its IRI appended."""
    by_slug: dict[str, list[str]] = {}
    for iri in sorted(set(iris)):
        by_slug.setdefault(slug(iri), []).append(iri)
    return {iri: name if len(group) == 1 else f"{name}-{hashlib.sha256(iri.encode()).hexdigest()[:8]}"
            for name, group in by_slug.items() for iri in group}


def pair_key(site: Site, a: str, b: str) -> str:
    return f"{site.names[a]}-vs-{site.names[b]}"


def _ids(text: str) -> list[str]:
    return text.split(", ") if text else []


def role_pages(site: Site) -> None:
    """A page per role: definition, nearest roles (with the similarity's parts), facts, card, transitions."""
    from rolegraph import graph, similarity

    kb = site.kb
    names: dict[str, list[str]] = defaultdict(list)
    indexed: set[str] = set()  # a fact about several roles is found once, on the first role's page
    for r in kb.named("role-names").records():
        if r["kind"] in ("alias", "abbreviation") and r["name"]:
            names[str(r["role"])].append(str(r["name"]))
    for r in kb.named("roles").records():
        iri, label = str(r["role"]), str(r["label"])
        name = f"role-{site.names[iri]}.html"
        card = compare.show(kb, iri)
        site.attribution.update(card.attribution)
        try:
            near = graph.neighbours(kb, iri).tables[0]
            nearest = [dict(zip(["label", "value", "shared", "skills", "ownership", "focus", "why"], row, strict=True)) for row in near.rows[:3]]
        except RolegraphError:
            nearest = []
        facts: list[dict[str, Any]] = []
        for f in kb.named("facts", role=iri).records():
            if str(f["fact"]) in {x["iri"] for x in facts}:
                continue
            facts.append({"iri": str(f["fact"]), "id": f["id"], "dimension": f["dimension"], "basis": f["basis"], "text": f["text"],
                          "sources": _ids(kb.source_ids([str(f["fact"])])), "disputed": f["disputed_by"] or ""})
            if str(f["fact"]) not in indexed:
                indexed.add(str(f["fact"]))
                site.find("fact", f"{f['id']}: {f['text']}", f"{name}#fact-{f['id']}", label)
        comparisons = [Link(f"compare-{pair_key(site, a, b)}.html", f"{site.roles[a]} vs {site.roles[b]}") for a, b in site.pairs if iri in (a, b)]
        chart = site.chart(f"transitions-{site.names[iri]}", partial(charts.transitions, kb, [iri]), f"Career transitions into and out of {label}")
        site.page(name, "role.html.j2", label, label=label, definition=r["definition"], kind_of=r["kind_of"] or "",
                  names=sorted(set(names.get(iri, [])) - {label}), comparisons=comparisons, nearest=nearest,
                  formula=similarity.FORMULA, facts=facts, card=card, chart=chart)
        site.links["roles"].append(Link(name, label, str(r["definition"])))
        site.find("role", label, name, str(r["definition"]))


def comparison_pages(site: Site) -> None:
    """A page per pair: charts, side by side, separating and shared skills; its cheat sheets in A4 and Letter."""
    kb = site.kb
    for a, b in site.pairs:
        key = pair_key(site, a, b)
        title = f"{site.roles[a]} vs {site.roles[b]}"
        parts = [compare.compare(kb, a, b), compare.separate(kb, a, b), compare.shared(kb, a, b)]
        for part in parts:
            site.attribution.update(part.attribution)
        figures = [
            site.chart(f"radar-{key}", partial(charts.radar, kb, [a, b]), f"Skill categories: {title}"),
            site.chart(f"venn-{key}", partial(charts.venn, kb, a, b), f"Separating and shared skills: {title}"),
        ]
        the_brief = brief.build(kb, a, b)
        sheets = {}
        for paper in ("a4", "letter"):
            sheets[paper] = f"cheatsheet-{key}-{paper}.html"
            site.files[sheets[paper]] = render("cheatsheet.html.j2", brief=the_brief, paper=paper.upper() if paper == "a4" else paper,
                                               title=the_brief.title).encode("utf-8")
        slides = slide_files(site, the_brief, key)
        site.page(f"compare-{key}.html", "compare.html.j2", title, labels=[site.roles[a], site.roles[b]],
                  charts=[f for f in figures if f], parts=parts, sheet_a4=sheets["a4"], sheet_letter=sheets["letter"], slides=slides)
        site.links["comparisons"].append(Link(f"compare-{key}.html", title))
        site.links["kit"].append(Link(sheets["a4"], f"Cheat sheet: {title}", "one page, A4"))
        site.links["kit"].append(Link(sheets["letter"], f"Cheat sheet: {title}", "one page, US Letter"))
        site.links["kit"] += slides


def slide_files(site: Site, the_brief: brief.Brief, key: str) -> list[Link]:
    """The pair's slide deck as an offline HTML page and as PowerPoint (same slides and notes)."""
    from rolegraph import slides

    deck = slides.deck(site.kb, the_brief)
    site.files[f"slides-{key}.html"] = slides.to_html(the_brief, deck).encode("utf-8")
    site.files[f"slides-{key}.pptx"] = slides.to_pptx(the_brief, deck)
    return [Link(f"slides-{key}.html", f"Slides: {the_brief.title}", "in the browser, offline"),
            Link(f"slides-{key}.pptx", f"Slides: {the_brief.title}", "PowerPoint, with speaker notes")]


def quiz_page(site: Site) -> None:
    """The quiz as a page (answers folded) and as files for Anki, Moodle and JSON."""
    from rolegraph import quiz

    items = quiz.generate(site.kb)
    files = quiz.exports(items)
    site.files.update(files)
    notes = {"json": "JSON", "anki": "Anki: File → Import (tab-separated, Front/Back/Tags)", "moodle": "Moodle XML (Question bank → Import)",
             "gift": "Moodle GIFT"}
    site.page("quiz.html", "quiz.html.j2", "Quiz", items=items, downloads=[(quiz.FORMATS[f], notes[f]) for f in quiz.FORMATS])
    site.links["kit"].append(Link("quiz.html", "Quiz and flashcards", f"{len(items)} questions; Anki, Moodle XML, GIFT and JSON files"))


def skills_page(site: Site) -> None:
    """Every skill by category, with the roles that rate it; the heat map on top."""
    kb = site.kb
    rated: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in kb.named("skill-links").records():
        rated[str(r["skill"])].append({"label": r["role_label"], "importance": r["importance"]})
    skills = kb.named("skills").records()
    names = slugs([str(s["skill"]) for s in skills])
    categories: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in skills:
        iri = str(s["skill"])
        roles = sorted(rated.get(iri, []), key=lambda x: (-int(str(x["importance"])), str(x["label"])))
        categories[str(s["category"])].append({"slug": names[iri], "label": s["label"], "definition": s["definition"], "roles": roles})
        site.find("skill", str(s["label"]), f"skills.html#skill-{names[iri]}", str(s["definition"]))
    chart = site.chart("heatmap", partial(charts.heatmap, kb), "Skill importance by role, all roles × all skills")
    site.page("skills.html", "skills.html.j2", "Skills", categories=sorted(categories.items()), chart=chart)
    site.links["reference"].append(Link("skills.html", "Skills", "every skill, the roles that rate it, and the heat map"))


def provenance_pages(site: Site) -> None:
    """Sources, disagreements (anchored by ID) and the common-confusions page."""
    kb = site.kb
    refs = sorted(kb.sources().values(), key=lambda s: source_sort_key(s.id))
    site.page("sources.html", "sources.html.j2", "Sources", sources=refs)
    disputed_roles: dict[str, set[str]] = defaultdict(set)
    for profile in compare.profiles(kb, *site.roles):
        for link in profile.links:
            if link["disputed_by"]:
                disputed_roles[str(link["disputed_by"])].add(profile.label)
    grouped: dict[str, dict[str, Any]] = {}
    for r in kb.named("disagreements").records():
        d = grouped.setdefault(str(r["id"]), {"id": str(r["id"]), "question": r["question"], "positions": [],
                                               "roles": sorted(disputed_roles.get(str(r["id"]), set()))})
        d["positions"].append({"text": r["position_text"], "sources": _ids(kb.source_ids([str(r["position"])]))})
    disagreements = sorted(grouped.values(), key=lambda d: (len(d["id"]), d["id"]))
    for d in disagreements:
        site.find("disagreement", f"{d['id']}: {d['question']}", f"disagreements.html#{d['id']}", " ".join(p["text"] for p in d["positions"]))
    site.page("disagreements.html", "disagreements.html.j2", "Where sources disagree", disagreements=disagreements)
    abbreviations: dict[str, dict[str, Any]] = {}
    for r in kb.named("abbreviations").records():
        if r["ambiguous"]:
            entry = abbreviations.setdefault(str(r["abbreviation"]), {"short_form": r["short_form"], "roles": [], "text": r["text"] or "",
                                                                      "sources": _ids(kb.source_ids([str(r["abbreviation"])]))})
            entry["roles"].append(str(r["role_label"]))
    premises: list[brief.Item] = []
    for a, b in site.pairs:
        pa, pb = compare.profiles(kb, a, b)
        premises += [i for i in brief.confusions(kb, pa, pb) if i.text.startswith("“The ") and i.text not in {p.text for p in premises}]
    site.page("confusions.html", "confusions.html.j2", "Common confusions", abbreviations=list(abbreviations.values()),
              premises=premises, disagreements=disagreements)
    site.links["reference"] += [
        Link("confusions.html", "Common confusions", "ambiguous short forms, false premises, disagreements"),
        Link("disagreements.html", "Where sources disagree"),
        Link("sources.html", "Sources"),
    ]
    site.attribution.update(provenance.sources(kb).attribution)


def search_page(site: Site) -> None:
    """The search page, its script and the prebuilt index (every entry added by the builders before it)."""
    site.page("search.html", "search.html.j2", "Search")
    env = environment()
    site.files["search.js"] = env.loader.get_source(env, "search.js")[0].encode("utf-8")
    entries = sorted(site.search, key=lambda e: (e["k"], e["t"], e["u"]))
    site.files["search-index.js"] = ("var ROLEGRAPH_INDEX = " + json.dumps(entries, ensure_ascii=False, indent=0) + ";\n").encode("utf-8")


def index_page(site: Site) -> None:
    sections = [{"key": key, "title": title, "links": site.links[key]} for key, title in SECTIONS.items() if site.links.get(key)]
    charts_shown = [c for c in site.figures if c.name in ("transitions", "heatmap")]
    site.page("index.html", "index.html.j2", "rolegraph handbook", sections=sections, charts=charts_shown)


def levels_and_collaboration(site: Site) -> None:
    """The levels page (the first pair side by side at every level) and the collaboration page (RACI,
    friction, rituals), each only when the graph records it."""
    kb, (a, b) = site.kb, site.pairs[0]
    builders: list[tuple[str, str, Callable[[], list[Result]]]] = [
        ("levels.html", "Seniority levels", lambda: [levels.compare_at_level(kb, a, b, lv.notation) for lv in levels.all_levels(kb)]),
        ("collaboration.html", "How the two roles work together", lambda: [collaborate.collaborate(kb, a, b)]),
    ]
    for name, title, build_parts in builders:
        try:
            parts = build_parts()
        except RolegraphError:
            continue  # e.g. a graph without ladders or a responsibility matrix
        for part in parts:
            site.attribution.update(part.attribution)
        site.page(name, "results.html.j2", title, parts=parts)
        site.links["knowledge"].append(Link(name, title))


def overview_chart(site: Site) -> None:
    site.chart("transitions", partial(charts.transitions, site.kb), "Career transitions between all roles")


#: Page builders, in order; the index comes last so it can link everything before it.
BUILDERS: list[Callable[[Site], None]] = [
    comparison_pages, role_pages, skills_page, provenance_pages, levels_and_collaboration, quiz_page, overview_chart, search_page,
    index_page,
]


def collect(kb: KnowledgeBase, pairs: Sequence[tuple[str, str]] = ()) -> Site:
    """Every page and chart of the handbook, in memory."""
    resolved = [(resolve_role(kb, a).iri, resolve_role(kb, b).iri) for a, b in [DEFAULT_PAIR, *pairs]]
    for a, b in resolved:
        if a == b:
            raise RolegraphError("a comparison needs two different roles; both names are the same role", "name two different roles")
    site = Site(kb, list(dict.fromkeys(resolved)))
    site.roles = {str(r["role"]): str(r["label"]) for r in kb.named("roles").records()}
    site.names = slugs(list(site.roles))
    for build_pages in BUILDERS:
        build_pages(site)
    site.files["handbook.css"] = environment().loader.get_source(environment(), "handbook.css")[0].encode("utf-8")
    return site


def write(site: Site, outdir: str | Path) -> list[Path]:
    """Write the site to ``outdir`` atomically; an existing non-handbook directory is never replaced."""
    target = Path(outdir).absolute()
    if target.exists() and target.resolve() in (Path.cwd().resolve(), *Path.cwd().resolve().parents):
        raise RolegraphError(f"cannot replace {outdir} (the current directory or one above it)", "name a new subdirectory, e.g. handbook/")
    if target.exists() and not (target.is_dir() and (not any(target.iterdir()) or (target / MARKER).exists())):
        raise RolegraphError(f"{target} exists and is not a rolegraph handbook", "choose a new or empty directory")
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep_parts(target.parent)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent))
    try:
        for name, data in sorted(site.files.items()):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(data)
        (staging / MARKER).write_text("Written by `rolegraph handbook`; rebuilding replaces this directory.\n", encoding="utf-8")
        staging.chmod(0o755)
        if target.exists():
            old = target.with_name(f".{target.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / name for name in sorted(site.files)]


def build(kb: KnowledgeBase, outdir: str | Path, pairs: Sequence[tuple[str, str]] = ()) -> list[Path]:
    """Build the handbook for ``kb`` into ``outdir``; ``pairs`` adds comparisons (role names)."""
    return write(collect(kb, pairs), outdir)
