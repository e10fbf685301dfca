"""Import ESCO's CSV package into rolegraph's model.

Reads ``occupations_en.csv``, ``skills_en.csv`` and ``occupationSkillRelations_en.csv``
(and ``ISCOGroups_en.csv`` when present) by column name, so extra columns are ignored.
ESCO IRIs are kept. The mapping (see docs/scale.md):

* occupation → ``rg:Role`` (also an ``rg:StandardEntry`` of the ESCO scheme, with its code
  as ``skos:notation``); ``description`` → ``skos:definition``; ``altLabels`` (one per
  line) → ``skos:altLabel``; ``hiddenLabels`` → ``skos:hiddenLabel``;
* its ISCO-08 unit group → an ``rg:FocusArea`` and one ``rg:FocusLink`` per occupation;
* skill → ``rg:Skill``; category: ``reuseLevel`` transversal → interpersonal,
  ``skillType`` knowledge → technical, any other skill/competence → delivery;
* relation → ``rg:SkillLink``: essential → importance 4 (high), optional → 2 (useful);
* every link has ``rg:basis rg:External`` and ``dct:source`` the ESCO source, which carries
  the acknowledgement ESCO requires (:data:`ATTRIBUTION`) as ``rg:attribution``.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from rolegraph.errors import DataFileError
from rolegraph.output import atomic_writer

ATTRIBUTION = "This service uses the ESCO classification of the European Commission."
OCCUPATIONS, SKILLS, RELATIONS, ISCO = (
    "occupations_en.csv",
    "skills_en.csv",
    "occupationSkillRelations_en.csv",
    "ISCOGroups_en.csv",
)
IMPORTANCE = {"essential": 4, "optional": 2}

RG = "https://w3id.org/rolegraph/ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
SCHEMA = "https://schema.org/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SOURCE = ox.NamedNode("https://w3id.org/rolegraph/id/source/ESCO")
LINK = "https://w3id.org/rolegraph/id/link/esco-"
ISCO_GROUP = "http://data.europa.eu/esco/isco/C"
PREFIXES = {
    "rg": RG,
    "skos": SKOS,
    "dct": DCT,
    "schema": SCHEMA,
    "src": "https://w3id.org/rolegraph/id/source/",
    "link": LINK.rsplit("/", 1)[0] + "/",
    "occupation": "http://data.europa.eu/esco/occupation/",
    "skill": "http://data.europa.eu/esco/skill/",
    "isco": "http://data.europa.eu/esco/isco/",
}

REQUIRED = {
    OCCUPATIONS: ("conceptUri", "preferredLabel"),
    SKILLS: ("conceptUri", "preferredLabel", "skillType"),
    RELATIONS: ("occupationUri", "relationType", "skillUri"),
    ISCO: ("code",),
}


def rg(name: str) -> ox.NamedNode:
    return ox.NamedNode(RG + name)


def skos(name: str) -> ox.NamedNode:
    return ox.NamedNode(SKOS + name)


def dct(name: str) -> ox.NamedNode:
    return ox.NamedNode(DCT + name)


def en(text: str) -> ox.Literal:
    return ox.Literal(text, language="en")


@dataclass
class Summary:
    """What an import produced and what it skipped (with reasons)."""

    roles: int = 0
    skills: int = 0
    links: int = 0
    triples: int = 0
    skipped: list[str] = field(default_factory=list)


def category(skill_type: str, reuse_level: str) -> ox.NamedNode:
    """rolegraph's skill category for an ESCO skill type and reuse level."""
    if reuse_level.strip().lower() == "transversal":
        return rg("InterpersonalSkills")
    if skill_type.strip().lower() == "knowledge":
        return rg("TechnicalSkills")
    return rg("DeliverySkills")


def read_rows(path: Path) -> Iterator[dict[str, str]]:
    """The rows of one ESCO CSV file, checked for the columns rolegraph needs."""
    if not path.is_file():
        raise DataFileError(f"{path}: no such file", "give the directory of ESCO's CSV package (English)", path=str(path))
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED.get(path.name, ()) if c not in (reader.fieldnames or [])]
            if missing:
                raise DataFileError(f"{path}: missing column {missing[0]!r}", "is this ESCO's CSV package?", path=str(path))
            try:
                for row in reader:
                    yield {k: (v or "").strip() for k, v in row.items() if k}
            except csv.Error as exc:
                raise DataFileError(
                    f"{path}:{reader.line_num}: not valid CSV ({exc})", path=str(path), line=reader.line_num
                ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{path}: cannot read ({exc})", "ESCO's CSV package is UTF-8 text", path=str(path)) from None


def _iri(value: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(value) if value.startswith(("http://", "https://")) else None
    except ValueError:
        return None


def _lines(value: str) -> list[str]:
    return [v.strip() for v in value.splitlines() if v.strip()]


def _tail(iri: str) -> str:
    tail = iri.rstrip("/").rsplit("/", 1)[-1]
    return tail if tail.replace("-", "").isalnum() else hashlib.sha256(iri.encode()).hexdigest()[:16]


def source_triples() -> Iterator[ox.Triple]:
    """The ESCO source (also the ESCO scheme), with the acknowledgement exports must carry."""
    yield ox.Triple(SOURCE, RDF_TYPE, rg("Source"))
    yield ox.Triple(SOURCE, RDF_TYPE, rg("Standard"))
    yield ox.Triple(SOURCE, skos("prefLabel"), en("ESCO"))
    yield ox.Triple(SOURCE, dct("title"), ox.Literal("ESCO — European Skills, Competences, Qualifications and Occupations"))
    yield ox.Triple(SOURCE, dct("identifier"), ox.Literal("ESCO"))
    yield ox.Triple(SOURCE, dct("creator"), ox.Literal("European Commission"))
    yield ox.Triple(SOURCE, ox.NamedNode(SCHEMA + "url"), ox.NamedNode("https://esco.ec.europa.eu/"))
    yield ox.Triple(SOURCE, rg("tier"), ox.Literal("primary"))
    yield ox.Triple(SOURCE, rg("attribution"), ox.Literal(ATTRIBUTION))


def _labels(node: ox.NamedNode, row: dict[str, str]) -> Iterator[ox.Triple]:
    yield ox.Triple(node, skos("prefLabel"), en(row["preferredLabel"]))
    for alt in _lines(row.get("altLabels", "")):
        yield ox.Triple(node, skos("altLabel"), en(alt))
    for hidden in _lines(row.get("hiddenLabels", "")):
        yield ox.Triple(node, skos("hiddenLabel"), en(hidden))


def _definition(row: dict[str, str], kind: str) -> ox.Literal:
    text = row.get("description") or row.get("definition") or f"The ESCO {kind} '{row['preferredLabel']}'."
    return en(" ".join(text.split()))


def _sourced(link: ox.NamedNode, kind: str, role: ox.NamedNode, target: ox.NamedNode, reason: str) -> Iterator[ox.Triple]:
    yield ox.Triple(link, RDF_TYPE, rg(kind))
    yield ox.Triple(link, rg("role"), role)
    yield ox.Triple(link, rg("target"), target)
    yield ox.Triple(link, rg("basis"), rg("External"))
    yield ox.Triple(link, dct("source"), SOURCE)
    yield ox.Triple(link, rg("reason"), en(reason))


class Importer:
    """Turns one ESCO CSV package into triples, counting what it made and skipped."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.summary = Summary()
        self.roles: set[str] = set()
        self.skills: dict[str, ox.NamedNode] = {}  # skill IRI → the comparison dimension of links to it

    def _skip(self, why: str) -> None:
        self.summary.skipped.append(why)

    def triples(self) -> Iterator[ox.Triple]:
        """Every triple of the import, streamed (ESCO-size packages never sit in memory)."""
        yield from source_triples()
        groups = {r["code"]: r for r in read_rows(self.directory / ISCO)} if (self.directory / ISCO).is_file() else {}
        used_groups: set[str] = set()
        for row in read_rows(self.directory / OCCUPATIONS):
            yield from self._occupation(row, used_groups)
        for code in sorted(used_groups):
            group = ox.NamedNode(ISCO_GROUP + code)
            label = (
                groups[code]["preferredLabel"]
                if code in groups and groups[code].get("preferredLabel")
                else f"ISCO-08 unit group {code}"
            )
            yield ox.Triple(group, RDF_TYPE, rg("FocusArea"))
            yield ox.Triple(group, skos("prefLabel"), en(label))
            yield ox.Triple(group, skos("notation"), ox.Literal(code))
        for row in read_rows(self.directory / SKILLS):
            yield from self._skill(row)
        for row in read_rows(self.directory / RELATIONS):
            yield from self._relation(row)

    def _occupation(self, row: dict[str, str], used_groups: set[str]) -> Iterator[ox.Triple]:
        role = _iri(row["conceptUri"])
        if role is None or not row["preferredLabel"]:
            self._skip(f"occupation {row['conceptUri']!r}: no valid IRI or label")
            return
        self.roles.add(role.value)
        self.summary.roles += 1
        yield ox.Triple(role, RDF_TYPE, rg("Role"))
        yield ox.Triple(role, RDF_TYPE, rg("StandardEntry"))
        yield ox.Triple(role, skos("inScheme"), SOURCE)
        yield ox.Triple(role, dct("source"), SOURCE)
        yield from _labels(role, row)
        yield ox.Triple(role, skos("definition"), _definition(row, "occupation"))
        if row.get("code"):
            yield ox.Triple(role, skos("notation"), ox.Literal(row["code"]))
        group = row.get("iscoGroup", "")
        if group.isdigit():
            used_groups.add(group)
            link = ox.NamedNode(f"{LINK}focus-{_tail(role.value)}")
            yield from _sourced(
                link, "FocusLink", role, ox.NamedNode(ISCO_GROUP + group), f"ESCO places it in ISCO-08 unit group {group}"
            )
            yield ox.Triple(link, rg("dimension"), rg("FocusAreas"))

    def _skill(self, row: dict[str, str]) -> Iterator[ox.Triple]:
        skill = _iri(row["conceptUri"])
        if skill is None or not row["preferredLabel"]:
            self._skip(f"skill {row['conceptUri']!r}: no valid IRI or label")
            return
        kind = category(row["skillType"], row.get("reuseLevel", ""))
        self.skills[skill.value] = rg("TechSkills" if kind == rg("TechnicalSkills") else "OtherSkills")
        self.summary.skills += 1
        yield ox.Triple(skill, RDF_TYPE, rg("Skill"))
        yield from _labels(skill, row)
        yield ox.Triple(skill, skos("definition"), _definition(row, "skill"))
        yield ox.Triple(skill, rg("category"), kind)

    def _relation(self, row: dict[str, str]) -> Iterator[ox.Triple]:
        kind = row["relationType"].lower()
        if row["occupationUri"] not in self.roles or row["skillUri"] not in self.skills or kind not in IMPORTANCE:
            self._skip(
                f"relation {row['occupationUri']} → {row['skillUri']} ({kind or 'no type'}): unknown occupation, skill or type"
            )
            return
        role, skill = ox.NamedNode(row["occupationUri"]), ox.NamedNode(row["skillUri"])
        link = ox.NamedNode(f"{LINK}{_tail(role.value)}-{_tail(skill.value)}")
        self.summary.links += 1
        yield from _sourced(link, "SkillLink", role, skill, f"ESCO lists it as {kind} for this occupation")
        yield ox.Triple(link, rg("dimension"), self.skills[skill.value])
        yield ox.Triple(
            link,
            rg("importance"),
            ox.Literal(str(IMPORTANCE[kind]), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
        )


def _counted(importer: Importer) -> Iterator[ox.Triple]:
    for triple in importer.triples():
        importer.summary.triples += 1
        yield triple


def import_csv(directory: str | Path, output: str | Path) -> Summary:
    """Convert ESCO's CSV package in ``directory`` to a Turtle file at ``output`` (written atomically)."""
    importer = Importer(Path(directory))
    with atomic_writer(output) as handle:
        handle.write(f"# Imported from ESCO's CSV package by rolegraph. {ATTRIBUTION}\n".encode())
        ox.serialize(_counted(importer), handle, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return importer.summary
