"""RDF exports (Turtle, JSON-LD) of the subgraph behind a result, so every row traces to triples.

The subgraph holds every triple of each IRI in ``meta["subjects"]``, of each IRI in the rows
(query results) and of each source, the
labels, identifiers and URLs of what they point to, and the licence of any standard they use.
A node ``urn:rolegraph:result`` names the result, its sources and its licence notes.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from rolegraph.queries import IRI, check_iri
from rolegraph.results import Result

if TYPE_CHECKING:
    from rdflib import Graph

    from rolegraph.kb import KnowledgeBase

RESULT_IRI = "urn:rolegraph:result"

PREFIXES = {
    "rg": "https://w3id.org/rolegraph/ns#",
    "role": "https://w3id.org/rolegraph/id/role/",
    "skill": "https://w3id.org/rolegraph/id/skill/",
    "src": "https://w3id.org/rolegraph/id/source/",
    "fact": "https://w3id.org/rolegraph/id/fact/",
    "link": "https://w3id.org/rolegraph/id/link/",
    "rgd": "https://w3id.org/rolegraph/id/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dct": "http://purl.org/dc/terms/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

SUBGRAPH = """
PREFIX rg: <https://w3id.org/rolegraph/ns#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
CONSTRUCT { ?s ?p ?o . ?o ?lp ?lv . ?scheme ?sp ?sv . }
WHERE {
  ?s ?p ?o .
  OPTIONAL { ?o ?lp ?lv . VALUES ?lp { skos:prefLabel dct:title dct:identifier schema:url skos:notation skos:inScheme } }
  OPTIONAL { ?o skos:inScheme ?scheme . ?scheme ?sp ?sv . VALUES ?sp { skos:prefLabel rg:attribution dct:license schema:url } }
}
"""


def row_iris(result: Result) -> set[str]:
    """Every cell of the result that is an IRI (query results name their nodes this way)."""
    return {c for t in result.tables for r in t.rows for c in r if isinstance(c, str) and c.startswith(("http://", "https://", "urn:"))
            and not any(ch in c for ch in ' <>"{}|\\^`')}


def subjects(result: Result, kb: KnowledgeBase) -> list[IRI]:
    """``meta["subjects"]``, every IRI in the rows and the IRI of every source: checked, sorted, without repeats."""
    by_id = {ref.id: iri for iri, ref in kb.sources().items()}
    wanted = {str(s) for s in result.meta.get("subjects", [])} | row_iris(result)
    wanted |= {by_id[s.id] for s in result.sources if s.id in by_id}
    return [check_iri(s) for s in sorted(wanted)]


def subgraph(result: Result, kb: KnowledgeBase | None = None) -> Graph:
    """The rdflib graph behind ``result`` (the packaged knowledge base unless ``kb`` is given)."""
    from rdflib import Graph, Literal, Namespace, URIRef
    from rdflib.namespace import RDF

    if kb is None:
        from rolegraph.kb import open_kb

        kb = open_kb()
    graph = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri))
    for subject in subjects(result, kb):
        graph.parse(data=kb.engine.construct(SUBGRAPH, {"s": subject}), format="nt")
    node, dct, prov = URIRef(RESULT_IRI), Namespace(PREFIXES["dct"]), Namespace(PREFIXES["prov"])
    graph.add((node, RDF.type, prov.Entity))
    graph.add((node, dct.title, Literal(result.title)))
    for subject in result.meta.get("subjects", []):
        graph.add((node, prov.wasDerivedFrom, URIRef(str(subject))))
    by_id = {ref.id: iri for iri, ref in kb.sources().items()}
    for source in result.sources:
        if source.id in by_id:
            graph.add((node, dct.source, URIRef(by_id[source.id])))
    for notice in result.attribution:
        graph.add((node, dct.rights, Literal(notice)))
    return graph


def _one_line(text: str) -> str:
    return " ".join(text.split())


def to_turtle(result: Result, *, kb: KnowledgeBase | None = None, **_: Any) -> bytes:
    """Turtle, with a comment header naming the result, its sources and licence notes."""
    header = [f"# rolegraph export: {_one_line(result.title)}"]
    header += [f"# source {_one_line(s.id)}: {_one_line(s.title)} <{_one_line(s.url)}>" for s in result.sources]
    header += [f"# licence: {_one_line(a)}" for a in result.attribution]
    body = subgraph(result, kb).serialize(format="turtle")
    return ("\n".join(header) + "\n\n" + body.strip("\n") + "\n").encode("utf-8")


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def to_jsonld(result: Result, *, kb: KnowledgeBase | None = None, **_: Any) -> bytes:
    """JSON-LD with the prefixes as ``@context``; nodes sorted by ``@id``, values sorted, so bytes are stable."""
    data = json.loads(subgraph(result, kb).serialize(format="json-ld", context=PREFIXES, auto_compact=True))
    nodes = data.get("@graph", [data] if "@id" in data else [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=_sort_key)
    nodes = [{k: v for k, v in n.items() if k != "@context"} for n in sorted(nodes, key=lambda n: str(n.get("@id", "")))]
    document = {"@context": PREFIXES, "@graph": nodes}
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
