"""Named SPARQL queries: ``kb/queries/*.rq`` files whose ``#+`` header describes them.

Header lines (grlc style, so every file stays valid SPARQL)::

    #+ summary: Skills whose importance differs between two roles.
    #+ param: a iri The first role
    #+ param: threshold integer Smallest difference reported (default 2)
    #+ columns: skill, category, importance_a, importance_b, difference, sources

A parameter is a SPARQL variable of the same name (``?a``). Values are bound, never pasted
into the query text: every engine gets a ``VALUES`` block built from escaped RDF terms (rdflib
takes single values as ``initBindings``); a tuple binds one row per value.
"""

from __future__ import annotations

import itertools
import re
from functools import cache
from pathlib import Path
from typing import NamedTuple

from rolegraph import resources
from rolegraph.errors import QueryError

PARAM_TYPES = ("iri", "string", "integer", "decimal", "boolean")


class IRI(str):
    """A string that is an IRI (bound as a named node, not a literal)."""

    __slots__ = ()


class LangString(str):
    """A string with a language tag (bound as ``"text"@lang``), e.g. to look up a label by index."""

    __slots__ = ("lang",)
    lang: str

    def __new__(cls, text: str, lang: str) -> LangString:
        value = super().__new__(cls, text)
        value.lang = lang
        return value


Term = IRI | str | int | float | bool
#: A bound value; a tuple binds the parameter to each of its values in turn (one ``VALUES`` row each).
ParamValue = Term | tuple[Term, ...]


class Param(NamedTuple):
    """A declared query parameter."""

    name: str
    type: str
    description: str = ""


class NamedQuery(NamedTuple):
    """A SPARQL query with its self-description (``defaults``: never changed, so one empty dict serves them all)."""

    name: str
    text: str
    summary: str = ""
    params: tuple[Param, ...] = ()
    columns: tuple[str, ...] = ()
    defaults: dict[str, str] = {}  # noqa: RUF012 (read only, as the docstring says)

    def coerce(self, raw: dict[str, ParamValue | str]) -> dict[str, ParamValue]:
        """Check and convert parameter values (for example from ``--param k=v``)."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            raise QueryError(
                f"query {self.name!r} has no parameter {unknown[0]!r}",
                "its parameters: " + (", ".join(declared) or "none"),
            )
        values: dict[str, ParamValue] = {}
        for p in self.params:
            if p.name in raw:
                given = raw[p.name]
                if isinstance(given, tuple):
                    if not given:
                        raise QueryError(f"parameter {p.name!r} needs at least one value")
                    values[p.name] = tuple(_coerce(p, v) for v in given)
                else:
                    values[p.name] = _coerce(p, given)
            elif p.name in self.defaults:
                values[p.name] = _coerce(p, self.defaults[p.name])
            else:
                raise QueryError(f"query {self.name!r} needs parameter {p.name!r}", f"pass --param {p.name}=…")
        return values


def _coerce(param: Param, value: Term) -> Term:
    try:
        if param.type == "iri":
            return check_iri(str(value))
        if param.type == "integer":
            return int(value)
        if param.type == "decimal":
            return float(value)
        if param.type == "boolean":
            if isinstance(value, bool):
                return value
            if str(value).lower() in ("true", "1", "yes"):
                return True
            if str(value).lower() in ("false", "0", "no"):
                return False
            raise ValueError(value)
        return value if isinstance(value, LangString) else str(value)
    except ValueError:
        raise QueryError(f"parameter {param.name!r} must be {param.type}, got {value!r}") from None


#: An absolute IRI safe to bind: a scheme, then none of the characters an IRIREF excludes (one match per IRI: a
#: command checks hundreds when it binds the statements of its rows, each once as a parameter and once as a term).
_SAFE_IRI = re.compile(r'[A-Za-z][A-Za-z0-9+.-]*:[^\x00-\x20<>"{}|^`\\]*')


def check_iri(value: str) -> IRI:
    """Return ``value`` as an :class:`IRI` if it is an absolute IRI that is safe to bind."""
    if not _SAFE_IRI.fullmatch(value):
        raise QueryError(f"{value!r} is not an absolute IRI", "use a full IRI such as https://w3id.org/rolegraph/id/role/software-engineer")
    return IRI(value)


_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")


def parse(name: str, text: str) -> NamedQuery:
    """Read a query file's header."""
    summary = ""
    params: list[Param] = []
    columns: tuple[str, ...] = ()
    defaults: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "summary":
            summary = value
        elif key == "param":
            pname, ptype, description = [*value.split(maxsplit=2), "", "", ""][:3]
            if ptype not in PARAM_TYPES:
                raise QueryError(f"{name}.rq: parameter {pname!r} has unknown type {ptype!r}", "use one of " + ", ".join(PARAM_TYPES))
            default = re.search(r"\(default ([^)]*)\)", description)
            if default:
                defaults[pname] = default.group(1)
            params.append(Param(pname, ptype, description))
        elif key == "columns":
            columns = tuple(c.strip() for c in value.split(",") if c.strip())
    return NamedQuery(name, text, summary, tuple(params), columns, defaults)


_NAME = re.compile(r"[A-Za-z0-9_-]+")


@cache
def _packaged(name: str) -> NamedQuery | None:
    """The packaged query ``name``, read on first use (a command parses only the queries it runs), or None."""
    path = resources.queries_dir() / f"{name}.rq"
    if not _NAME.fullmatch(name) or not path.is_file():
        return None
    return parse(name, path.read_text(encoding="utf-8"))


@cache
def catalogue(directory: Path | None = None) -> dict[str, NamedQuery]:
    """All named queries of a directory (the packaged one by default), by name."""
    if directory is None:
        found = {p.stem: _packaged(p.stem) for p in sorted(resources.queries_dir().glob("*.rq"))}
        return {name: query for name, query in found.items() if query is not None}
    return {p.stem: parse(p.stem, p.read_text(encoding="utf-8")) for p in sorted(directory.glob("*.rq"))}


def get(name: str) -> NamedQuery:
    """The named query ``name``; an unknown name lists the closest ones."""
    query = _packaged(name)
    if query is not None:
        return query
    queries = catalogue()
    import difflib

    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.4)
    raise QueryError(f"no named query {name!r}", "closest: " + ", ".join(close) if close else "run `rolegraph query --list`")


# --- user-supplied SPARQL: the read-only check, and values bound as escaped terms ----------------

#: SPARQL's VARNAME characters. Compiled on first use by a name that is not plain ASCII: the class
#: takes ~1.6 ms to compile, a tenth of ``python -c pass``, and every command binds parameters.
VARNAME = (
    r"[A-Za-z_0-9\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c-\u200d\u203f-\u2040\u2070-\u218f\u2c00-\u2fef"
    r"\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd]+"
)
_ASCII_NAME = re.compile(r"[A-Za-z_0-9]+")


@cache
def _varname() -> re.Pattern[str]:
    return re.compile(VARNAME)


def code_only(text: str) -> str:
    """The query text with strings, IRIs and comments blanked out; every offset is kept."""
    from rolegraph.sparql_tokens import tokens

    chars = [" "] * len(text)
    for tok in tokens(text):
        if tok.kind not in ("string", "iri"):
            chars[tok.start : tok.start + len(tok.text)] = tok.text
    return "".join(chars)


def check_read_only(text: str) -> None:
    """Refuse updates, SERVICE, dataset clauses and oversize queries (see :mod:`rolegraph.sparql_tokens`)."""
    from rolegraph.sparql_tokens import check_read_only as check

    check(text)


def check_name(name: str) -> str:
    """``name`` if it is a SPARQL variable name (what a parameter binds), else a :class:`QueryError`."""
    if not (_ASCII_NAME.fullmatch(name) or _varname().fullmatch(name)):
        raise QueryError(f"{name!r} is not a parameter name", "a parameter is a query variable: letters, digits and _ (e.g. role)")
    return name


def values_block(params: dict[str, ParamValue]) -> str:
    """A SPARQL ``VALUES`` block binding ``params``, built from checked names and escaped terms."""
    if not params:
        return ""
    names = " ".join(f"?{check_name(name)}" for name in params)
    choices = [v if isinstance(v, tuple) else (v,) for v in params.values()]
    rows = " ".join("(" + " ".join(sparql_term(v) for v in row) + ")" for row in itertools.product(*choices))
    return f"VALUES ({names}) {{ {rows} }}"


def sparql_term(value: Term) -> str:
    """Serialise a parameter value as a SPARQL term."""
    if isinstance(value, IRI):
        return f"<{check_iri(value)}>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f'"{value!r}"^^<http://www.w3.org/2001/XMLSchema#decimal>'
    escaped = str(value).translate(
        {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"}
    )
    if isinstance(value, LangString) and re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", value.lang):
        return f'"{escaped}"@{value.lang}'
    return f'"{escaped}"'


def inject_values(text: str, params: dict[str, ParamValue]) -> str:
    """Put a ``VALUES`` block at the start of the query's outermost WHERE group."""
    if not params:
        return text
    from rolegraph.sparql_tokens import tokens

    toks = tokens(text)
    braces = [i for i, t in enumerate(toks) if t.kind == "punct" and t.text == "{"]
    after_where = [i for i in braces if i > 0 and toks[i - 1].kind == "word" and toks[i - 1].text.upper() == "WHERE"]
    if not braces:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    brace = toks[(after_where or braces)[0]].start + 1
    return text[:brace] + " " + values_block(params) + " " + text[brace:]
