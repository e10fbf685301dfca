"""Plain-Python results: what every query and command returns, and every exporter consumes.

A :class:`Result` holds one or more :class:`Table` parts (a comparison has one per
dimension), the sources it drew on, the licence notices of any standard it used, and
free-form notes (ambiguities, abstentions, disagreements). Nothing here knows RDF libraries.

Two ``meta`` keys have a fixed meaning for exporters (see docs/formats.md):

* ``meta["subjects"]``: the IRIs (roles, links, facts, sources, ...) the result drew on; the
  ``turtle`` and ``json-ld`` formats export the subgraph around them.
* ``meta["graph"]``: a graph-shaped result, ``{"nodes": [{"id", "label"}], "edges":
  [{"source", "target", "label"}]}`` (ids are IRIs); the ``mermaid`` format draws it.
"""

from __future__ import annotations

from typing import Any, ClassVar, NamedTuple

Cell = str | int | float | bool | None

#: Version of the JSON layout produced by :meth:`Result.to_dict`; bumped on breaking changes.
SCHEMA_VERSION = 1


class SourceRef(NamedTuple):
    """A source behind a result: its short ID (S1, E13, ...), title, URL and provenance tier."""

    id: str
    title: str
    url: str
    creator: str = ""
    date: str = ""
    tier: str = ""

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready mapping."""
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "creator": self.creator,
            "date": self.date,
            "tier": self.tier,
        }


class _Record:
    """Equality and repr by the fields named in ``_fields``, as a dataclass has them (importing dataclasses imports
    inspect, which with the modules it loads costs a tenth of a cold ``compare``)."""

    _fields: ClassVar[tuple[str, ...]]
    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._values() == other._values()

    def __repr__(self) -> str:
        return f"{type(self).__qualname__}({', '.join(f'{f}={v!r}' for f, v in zip(self._fields, self._values(), strict=True))})"

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self._fields)


class Table(_Record):
    """One titled table: column names and rows of plain cells."""

    _fields = ("title", "columns", "rows", "notes")

    def __init__(self, title: str, columns: list[str], rows: list[list[Cell]] | None = None, notes: list[str] | None = None) -> None:
        self.title = title
        self.columns = columns
        self.rows: list[list[Cell]] = [] if rows is None else rows
        self.notes: list[str] = [] if notes is None else notes
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"row {row!r} does not have {len(self.columns)} cells")

    def records(self) -> list[dict[str, Cell]]:
        """The rows as dictionaries keyed by column name."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready mapping."""
        return {
            "title": self.title,
            "columns": list(self.columns),
            "rows": [list(r) for r in self.rows],
            "notes": list(self.notes),
        }


class Result(_Record):
    """The answer to one command or query.

    >>> r = Result("Roles", [Table("Roles", ["role"], [["Software Engineer"]])])
    >>> r.to_dict()["tables"][0]["rows"]
    [['Software Engineer']]
    """

    _fields = ("title", "tables", "sources", "notes", "attribution", "kind", "meta")

    def __init__(self, title: str, tables: list[Table], sources: list[SourceRef] | None = None, notes: list[str] | None = None,
                 attribution: list[str] | None = None, kind: str = "", meta: dict[str, Any] | None = None) -> None:
        self.title = title
        self.tables = tables
        self.sources: list[SourceRef] = [] if sources is None else sources
        self.notes: list[str] = [] if notes is None else notes
        self.attribution: list[str] = [] if attribution is None else attribution
        self.kind = kind
        self.meta: dict[str, Any] = {} if meta is None else meta

    @property
    def table(self) -> Table:
        """The first (often only) table."""
        return self.tables[0]

    def graph(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]] | None:
        """The ``meta["graph"]`` nodes and edges of a graph-shaped result, else None."""
        graph = self.meta.get("graph")
        if not isinstance(graph, dict):
            return None
        return list(graph.get("nodes", [])), list(graph.get("edges", []))

    def to_markdown(self) -> str:
        """The result as GitHub-flavoured Markdown (the ``markdown`` format)."""
        from rolegraph import formats

        return formats.render(self, "markdown").decode("utf-8")

    def _repr_html_(self) -> str:
        """Jupyter's rich display: the ``html`` format as a fragment."""
        from rolegraph import formats

        return formats.render(self, "html", fragment=True).decode("utf-8")

    def to_pandas(self) -> Any:
        """All tables as one ``pandas.DataFrame`` (a ``part`` column when there are several; raw,
        un-neutralised values). Needs pandas, which rolegraph does not install."""
        import importlib

        try:
            pd = importlib.import_module("pandas")
        except ImportError:
            from rolegraph.errors import RolegraphError

            raise RolegraphError("to_pandas() needs pandas", "pip install pandas") from None
        from rolegraph.formats.text import rows_with_part

        columns, rows = rows_with_part(self)
        return pd.DataFrame(rows, columns=columns)

    def to_dict(self) -> dict[str, Any]:
        """A stable, JSON-ready mapping (see docs/json.md)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": self.kind,
            "title": self.title,
            "meta": self.meta,
            "tables": [t.to_dict() for t in self.tables],
            "notes": list(self.notes),
            "sources": [s.to_dict() for s in self.sources],
            "attribution": list(self.attribution),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Result:
        """Rebuild a result from :meth:`to_dict` output (used by round-trip tests and tools)."""
        return cls(
            title=data["title"],
            tables=[
                Table(t["title"], t["columns"], [list(r) for r in t["rows"]], list(t.get("notes", []))) for t in data["tables"]
            ],
            sources=[SourceRef(**s) for s in data.get("sources", [])],
            notes=list(data.get("notes", [])),
            attribution=list(data.get("attribution", [])),
            kind=data.get("kind", ""),
            meta=dict(data.get("meta", {})),
        )
