"""Finds the packaged knowledge base: ``kb/`` and ``data/`` inside the installed package,
or at the top of a source checkout (editable installs)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _root() -> Path:
    """The directory that holds ``kb/`` and ``data/``."""
    if (_PACKAGE_DIR / "kb" / "ontology.ttl").is_file():
        return _PACKAGE_DIR  # installed wheel: files are shipped inside the package
    checkout = _PACKAGE_DIR.parent.parent
    if (checkout / "kb" / "ontology.ttl").is_file():
        return checkout
    raise FileNotFoundError(f"rolegraph's knowledge base is missing next to {_PACKAGE_DIR}")


def ontology_path() -> Path:
    """The OWL vocabulary."""
    return _root() / "kb" / "ontology.ttl"


def shapes_path() -> Path:
    """The SHACL shapes."""
    return _root() / "kb" / "shapes.ttl"


def data_path() -> Path:
    """The curated facts (the first data file; the others extend it)."""
    return _root() / "data" / "roles.ttl"


def data_paths() -> list[Path]:
    """Every curated data file: ``roles.ttl`` first, then the others in name order (``levels.ttl``, ...)."""
    main = data_path()
    return [main, *sorted(p for p in main.parent.glob("*.ttl") if p != main)]


def queries_dir() -> Path:
    """The named SPARQL queries, one ``.rq`` file each."""
    return _root() / "kb" / "queries"


def packaged_graph_paths() -> list[Path]:
    """The Turtle files that make up the shipped knowledge base, in load order."""
    return [ontology_path(), *data_paths()]
