"""pySHACL is the reference: the validator (shacl-rust for SHACL Core, one pyoxigraph query per SPARQL
constraint) reports the same violations as pySHACL on the shipped data and on every fixture.

Both engines get the same data: the graph the one loader (pyoxigraph) built, as N-Triples.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import FIXTURES

from rolegraph import resources
from rolegraph.engines.local import LocalEngine
from rolegraph.errors import DataFileError
from rolegraph.kb import open_kb
from rolegraph.validate import Violation, _short, validate


def _fixtures() -> list[Path]:
    """Every Turtle fixture that loads and that rdflib can read (RDF 1.2 triple terms it cannot)."""
    found = []
    for path in sorted(FIXTURES.rglob("*.ttl")):
        try:
            open_kb([path], conform=False)  # parses; the shape is what is being validated
        except DataFileError:
            continue  # a syntax-error fixture: nothing to validate
        if b"<<" not in path.read_bytes():
            found.append(path)
    return found


def pyshacl_violations(extra: list[Path]) -> set[Violation]:
    """The violations pySHACL finds on the data the loader built, in the report's form."""
    import pyshacl
    import rdflib
    from rdflib.namespace import SH

    kb = open_kb(extra, conform=False)  # the same graph validate reads
    assert isinstance(kb.engine, LocalEngine)
    data = rdflib.Graph().parse(data=kb.engine.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()), format="nt")
    shapes = rdflib.Graph().parse(resources.shapes_path(), format="turtle")
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=False)

    def text(node: object) -> str:
        if node is None:
            return ""
        if isinstance(node, rdflib.BNode):
            inverse = shapes.value(node, SH.inversePath)
            return "^" + text(inverse) if inverse is not None else "[blank node]"
        return _short(str(node))

    return {
        Violation(*(text(results.value(r, p)) for p in (SH.focusNode, SH.resultPath, SH.value, SH.resultMessage, SH.resultSeverity)))
        for r in results.subjects(rdflib.RDF.type, SH.ValidationResult)
    }


def reference_violations(cache: pytest.Cache | None, extra: list[Path]) -> set[Violation]:
    """:func:`pyshacl_violations`, run once per exact input: kept in pytest's cache under a hash of the
    shapes, the data, this module and the versions of pySHACL, rdflib and pyoxigraph (pySHACL takes
    15-40 s here, a tenth of the suite; a fresh checkout, as in CI, always runs it)."""
    import hashlib
    from importlib.metadata import version

    digest = hashlib.sha256()
    for path in [resources.shapes_path(), *resources.packaged_graph_paths(), *extra, Path(__file__)]:
        digest.update(f"{path.name}:{path.stat().st_size}:".encode() + path.read_bytes())
    digest.update(" ".join(version(d) for d in ("pyshacl", "rdflib", "pyoxigraph")).encode())
    key = f"rolegraph/pyshacl-violations/{digest.hexdigest()[:24]}"
    cached = cache.get(key, None) if cache is not None else None
    if cached is not None:
        return {Violation(*v) for v in cached}
    found = pyshacl_violations(extra)
    if cache is not None:
        cache.set(key, sorted([v.focus, v.path, v.value, v.message, v.severity] for v in found))
    return found


def test_same_violations_as_pyshacl_on_every_fixture(request: pytest.FixtureRequest) -> None:
    """One run over the shipped data with every fixture merged (pySHACL takes seconds per run)."""
    fixtures = _fixtures()
    assert FIXTURES / "bad" / "violations.ttl" in fixtures
    ours = validate(fixtures).violations
    assert len(ours) > 20
    assert set(ours) == reference_violations(getattr(request.config, "cache", None), fixtures)


@pytest.mark.parametrize(
    "name, text",
    [
        ("rdf-star.ttl", b"@prefix ex: <http://ex.org/> .\n<< ex:a ex:b ex:c >> ex:p ex:o .\n"),
        ("deep.ttl", ("<http://ex.org/a> <http://ex.org/p> " + "[ <http://ex.org/p> " * 5000 + "1" + " ]" * 5000 + " .\n").encode()),
        ("comment.ttl", b"# caf\xff\n<urn:a> <urn:b> <urn:c> .\n"),
        ("lexical.ttl", b'@prefix rg: <https://w3id.org/rolegraph/ns#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                        b'<urn:x> rg:importance "three"^^xsd:integer .\n'),
    ],
)
def test_validate_reads_what_the_other_commands_read(tmp_path: Path, name: str, text: bytes) -> None:
    """RDF 1.2, deep nesting, a non-UTF-8 comment, an ill-typed literal: a report, never a traceback."""
    path = tmp_path / name
    path.write_bytes(text)
    done = subprocess.run([sys.executable, "-m", "rolegraph", "validate", str(path), "-f", "csv"], capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 3), done.stderr
    assert "Traceback" not in done.stderr
    assert "Counts,,,,,,triples," in done.stdout
