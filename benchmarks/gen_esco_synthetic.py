"""Generate ESCO-shaped synthetic data: a CSV package in ESCO's exact columns, imported into
rolegraph's model with ``rolegraph.esco``.

Sizes follow ESCO v1.2's proportions (3,039 occupations, 13,939 skills, about 41 skill
relations per occupation, one in three essential); the full-size package imports to about
1M triples.

    python benchmarks/gen_esco_synthetic.py --triples 100000 --out /tmp/esco-100k
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import uuid
from pathlib import Path

from rolegraph.esco import import_csv

ESCO = "http://data.europa.eu/esco/"
OCCUPATION_COLUMNS = [
    "conceptType",
    "conceptUri",
    "iscoGroup",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "regulatedProfessionNote",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
    "code",
]
SKILL_COLUMNS = [
    "conceptType",
    "conceptUri",
    "skillType",
    "reuseLevel",
    "preferredLabel",
    "altLabels",
    "hiddenLabels",
    "status",
    "modifiedDate",
    "scopeNote",
    "definition",
    "inScheme",
    "description",
]
#: Triples the importer makes for the full ESCO-sized package (measured), to scale from.
FULL_TRIPLES = 1_011_000
REUSE = ("transversal", "cross-sector", "sector-specific", "occupation-specific")


def iri(kind: str, n: int) -> str:
    return f"{ESCO}{kind}/{uuid.uuid5(uuid.NAMESPACE_URL, f'rolegraph-synthetic:{kind}:{n}')}"


def write_package(directory: Path, triples: int, seed: int = 7) -> None:
    """Write occupations_en.csv, skills_en.csv and occupationSkillRelations_en.csv for about ``triples``."""
    rng = random.Random(seed)
    scale = triples / FULL_TRIPLES
    n_occ, n_skill = max(2, round(3039 * scale)), max(10, round(13939 * scale))
    directory.mkdir(parents=True, exist_ok=True)
    skill_types = {}
    with (directory / "skills_en.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(SKILL_COLUMNS)
        for s in range(n_skill):
            kind = "knowledge" if rng.random() < 0.3 else "skill/competence"
            skill_types[s] = kind
            w.writerow(
                [
                    "KnowledgeSkillCompetence",
                    iri("skill", s),
                    kind,
                    rng.choice(REUSE),
                    f"synthetic skill {s}",
                    f"skill {s} alias\nskill {s} other name",
                    "",
                    "released",
                    "2024-01-01T00:00:00Z",
                    "",
                    "",
                    ESCO + "concept-scheme/skills",
                    f"Synthetic description of skill {s} for benchmarks.",
                ]
            )
    with (directory / "occupations_en.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(OCCUPATION_COLUMNS)
        for o in range(n_occ):
            group = str(1000 + o % 400)
            w.writerow(
                [
                    "Occupation",
                    iri("occupation", o),
                    group,
                    f"synthetic occupation {o}",
                    f"occupation {o} alias",
                    "",
                    "released",
                    "2024-01-01T00:00:00Z",
                    ESCO + "regulated-professions/unregulated",
                    "",
                    "",
                    ESCO + "concept-scheme/occupations",
                    f"Synthetic description of occupation {o}.",
                    f"{group}.{o}",
                ]
            )
    with (directory / "occupationSkillRelations_en.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["occupationUri", "relationType", "skillType", "skillUri"])
        for o in range(n_occ):
            for s in rng.sample(range(n_skill), min(n_skill, rng.randint(25, 58))):
                w.writerow(
                    [iri("occupation", o), "essential" if rng.random() < 0.35 else "optional", skill_types[s], iri("skill", s)]
                )


def generate(triples: int, out: Path) -> Path:
    """The package under ``out/csv`` and its import as ``out/esco.ttl``."""
    write_package(out / "csv", triples)
    summary = import_csv(out / "csv", out / "esco.ttl")
    print(
        f"{out / 'esco.ttl'}: {summary.triples} triples, {summary.roles} roles, {summary.skills} skills, {summary.links} links",
        file=sys.stderr,
    )
    return out / "esco.ttl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    generate(args.triples, args.out)


if __name__ == "__main__":
    main()
