"""Slide decks for two roles, built from the same :mod:`rolegraph.brief` as the cheat sheet.

Two formats: PowerPoint (``.pptx`` through python-pptx), which trainers open, edit and present
offline in PowerPoint, Keynote, LibreOffice Impress or Google Slides, with speaker notes; and
one self-contained HTML page (the handbook's Jinja2 templates; charts inlined as data URIs, no
scripts, one slide per printed page). One slide per dimension, a slide per chart, and the
speaker notes of every slide name the sources of what it shows.
"""

from __future__ import annotations

import base64
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rolegraph import brief as briefs
from rolegraph import charts
from rolegraph.errors import RolegraphError
from rolegraph.kb import KnowledgeBase
from rolegraph.templating import render

FORMATS = ("pptx", "html")
#: A fixed timestamp for every file inside the .pptx, so the same data gives the same bytes.
ZIP_TIME = (2020, 1, 1, 0, 0, 0)


@dataclass
class Slide:
    """One slide: a title, two columns (or one list), an optional chart, and speaker notes."""

    title: str
    section: briefs.Section | None = None
    chart: str = ""  # chart kind, drawn from ``charts``
    image: bytes = b""
    lead: list[str] = field(default_factory=list)
    notes: str = ""


def _source_notes(brief: briefs.Brief, ids: list[str]) -> str:
    by_id = {s.id: s for s in brief.sources}
    lines = [f"{i}: {by_id[i].title} — {by_id[i].url}" for i in ids if i in by_id]
    return "Sources on this slide:\n" + "\n".join(lines) if lines else "No sources on this slide."


def _ids(section: briefs.Section) -> list[str]:
    seen: dict[str, None] = {}
    for item in (*section.a, *section.b, *section.both):
        for i in item.sources:
            seen.setdefault(i, None)
    return list(seen)


def deck(kb: KnowledgeBase, brief: briefs.Brief) -> list[Slide]:
    """The slides: title, one per dimension, the two charts, and the sources."""
    slides = [Slide(brief.title, lead=[f"{brief.a_label}: {brief.a_definition}", f"{brief.b_label}: {brief.b_definition}"],
                    notes="Definitions are rolegraph's own wording. Every later slide names its sources in these notes.")]
    for section in brief.sections:
        disputed = sorted({d for item in (*section.a, *section.b, *section.both) for d in item.disputed.split(", ") if d})
        extra = f"\nDisputed here: {', '.join(disputed)} (see `rolegraph disagreements`)." if disputed else ""
        slides.append(Slide(section.title, section, notes=_source_notes(brief, _ids(section)) + extra))
    specs: dict[str, Callable[[], charts.ChartSpec]] = {
        "radar": lambda: charts.radar(kb, [brief.a, brief.b]),
        "venn": lambda: charts.venn(kb, brief.a, brief.b),
    }
    for kind, build in specs.items():
        spec = build()
        slides.append(Slide(spec.title, chart=kind, image=charts.draw(spec, "png"),
                            notes=" ".join(spec.notes) + "\n" + _source_notes(brief, spec.source_ids)))
    slides.append(Slide("Sources and licences", lead=[f"{s.id}: {s.title}" for s in brief.sources] + brief.attribution,
                        notes=_source_notes(brief, [s.id for s in brief.sources])))
    return slides


def to_html(brief: briefs.Brief, slides: list[Slide]) -> str:
    """The deck as one offline HTML page (charts as data: URIs)."""
    images = {i: "data:image/png;base64," + base64.b64encode(s.image).decode("ascii") for i, s in enumerate(slides) if s.image}
    return render("slides.html.j2", brief=brief, slides=slides, images=images, title=f"Slides: {brief.title}")


def to_pptx(brief: briefs.Brief, slides: list[Slide]) -> bytes:
    """The deck as PowerPoint (16:9), with speaker notes; byte-for-byte the same for the same data."""
    from rolegraph.extras import require

    pptx = require("pptx")
    Inches, Pt = pptx.util.Inches, pptx.util.Pt
    deck_ = pptx.Presentation()
    deck_.slide_width, deck_.slide_height = Inches(13.333), Inches(7.5)
    props = deck_.core_properties
    props.title, props.author, props.last_modified_by, props.revision = f"Slides: {brief.title}", "rolegraph", "rolegraph", 1
    from datetime import datetime

    props.created = props.modified = datetime(2020, 1, 1)
    blank = deck_.slide_layouts[6]
    for slide in slides:
        page = deck_.slides.add_slide(blank)
        _text_box(page, Inches(0.5), Inches(0.3), Inches(12.3), Inches(1.0), [(slide.title, Pt(30), True)])
        if slide.image:
            page.shapes.add_picture(io.BytesIO(slide.image), Inches(1.2), Inches(1.3), height=Inches(5.9))
        elif slide.section is not None:
            _section(page, brief, slide.section, Inches, Pt)
        else:
            size = Pt(20) if len(slide.lead) <= 4 else Pt(11)
            _text_box(page, Inches(0.6), Inches(1.4), Inches(12.1), Inches(5.8), [(line, size, False) for line in slide.lead])
        page.notes_slide.notes_text_frame.text = slide.notes
    out = io.BytesIO()
    deck_.save(out)
    return _fixed_zip(out.getvalue())


def _section(page: Any, brief: briefs.Brief, section: briefs.Section, inches: Any, pt: Any) -> None:
    def lines(items: list[briefs.Item], more: int) -> list[tuple[str, Any, bool]]:
        out = [(f"• {i.text}  [{', '.join(i.sources)}]" + (f" (disputed: {i.disputed})" if i.disputed else ""), pt(17), False) for i in items]
        return out + ([(f"+{more} more (rolegraph compare)", pt(14), False)] if more else []) or [("nothing recorded", pt(17), False)]

    if section.both or not (section.a or section.b):
        _text_box(page, inches(0.6), inches(1.4), inches(12.1), inches(5.8), lines(section.both, section.more_both))
        return
    for x, label, items, more in ((0.6, brief.a_label, section.a, section.more_a), (6.9, brief.b_label, section.b, section.more_b)):
        _text_box(page, inches(x), inches(1.4), inches(5.9), inches(5.8), [(label, pt(20), True), *lines(items, more)])


def _text_box(page: Any, left: int, top: int, width: int, height: int, paragraphs: list[tuple[str, Any, bool]]) -> None:
    frame = page.shapes.add_textbox(left, top, width, height).text_frame
    frame.word_wrap = True
    for n, (text, size, bold) in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if n == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text, run.font.size, run.font.bold = text, size, bold


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with a fixed timestamp on every entry (zip dates are otherwise 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, ZIP_TIME), source.read(info.filename), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def build(kb: KnowledgeBase, a: str, b: str, fmt: str = "pptx") -> bytes:
    """The deck for roles ``a`` and ``b`` (IRIs) as ``pptx`` or ``html`` bytes."""
    if fmt not in FORMATS:
        raise RolegraphError(f"unknown slide format {fmt!r}", "use pptx or html")
    the_brief = briefs.build(kb, a, b)
    slides = deck(kb, the_brief)
    return to_pptx(the_brief, slides) if fmt == "pptx" else to_html(the_brief, slides).encode("utf-8")
