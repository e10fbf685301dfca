"""A lexer for SPARQL's terminals, and the read-only check and size limits built on it.

The check follows the grammar's own tokens (SPARQL 1.1 §19.8, plus the RDF-star/1.2 ``<<``,
``>>``, ``{|``, ``|}`` and ``~`` an engine may accept), so a keyword is never hidden by
text the lexer misreads as a string, comment or IRI: long strings with escaped quotes,
``\\u`` escapes, ``<`` as an IRI or as *less than* (told apart by the bracket the token is
in, as a parser does), prefixed names with ``\\'`` escapes. Where an engine may split a
word differently (``1SERVICE``, ``trueSERVICE``, ``SERVICE:x``), the check is stricter
than the grammar: a forbidden keyword anywhere inside a bare word, a prefix or a language
tag is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rolegraph.errors import QueryError

#: Keywords of updates, remote calls and dataset clauses: refused in a user's query.
FORBIDDEN = ("SERVICE", "LOAD", "INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING", "FROM")
#: Largest user query (characters) and deepest bracket nesting the engines are given.
MAX_CHARS = 100_000
MAX_DEPTH = 64
#: Most tokens in a user query: long operator chains nest as deeply as brackets in the engine.
MAX_TOKENS = 20_000

_BASE = (
    "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff"
)
_U = _BASE + "_"
_CHARS = _U + "\\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"(?:%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_NAME = re.compile(f"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?")  # PN_PREFIX, also every bare word
_LOCAL = re.compile(f"(?:[{_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?")
_BNODE = re.compile(f"_:[{_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?")
_VAR = re.compile(f"[?$][{_U}0-9][{_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*")
_NUMBER = re.compile(r"(?:[0-9]+\.[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+|[0-9]+[eE][+-]?[0-9]+|[0-9]*\.[0-9]+|[0-9]+)")
_IRI = re.compile(r'<(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>')
_LANGTAG = re.compile(r"@[a-zA-Z]+(?:-[a-zA-Z0-9]*)*")
_SPACE = re.compile(r"[\x20\t\r\n]+")
_COMMENT = re.compile(r"#[^\r\n]*")
_PUNCT = ("^^", "&&", "||", "!=", "<=", ">=", "<<", ">>", "{|", "|}")
_OPEN = {"(": ")", "{": "}", "[": "]", "{|": "|}", "<<": ">>"}
_CLOSE = set(_OPEN.values())
_OPERAND_END = {"var", "iri", "pname", "string", "langtag", "number", "bnode"}


@dataclass(frozen=True)
class Token:
    """One terminal: its kind (word, pname, var, iri, string, number, punct, …), text and offset."""

    kind: str
    text: str
    start: int


@dataclass
class _Context:
    """An open bracket: whether ``<`` inside it can be *less than*, and whether ``(`` opens an expression."""

    bracket: str
    expression: bool
    clause: bool = False  # after SELECT, GROUP BY, ORDER BY or HAVING of a subquery: ``(`` opens an expression


def _string_end(text: str, i: int) -> int:
    """The offset after the string literal starting at ``i`` (``len(text)`` when it never closes)."""
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    j = i + len(quote)
    while j < len(text):
        if text[j] == "\\":
            j += 2
        elif text.startswith(quote, j):
            return j + len(quote)  # the first unescaped closing quote(s), as the grammar's (!"'''" …)* reads
        elif len(quote) == 1 and text[j] in "\r\n":
            return j
        else:
            j += 1
    return len(text)


def tokens(text: str) -> list[Token]:
    """The terminals of ``text``, with ``<`` read as an IRI or an operator as the grammar does."""
    out: list[Token] = []
    stack = [_Context("", expression=False, clause=True)]  # the top level: "(" there opens an expression
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        m = _SPACE.match(text, i) or _COMMENT.match(text, i)
        if m:
            i = m.end()
            continue
        here = stack[-1]
        prev = out[-1] if out else None
        if c in "'\"":
            end = _string_end(text, i)
            tok = Token("string", text[i:end], i)
        elif c == "<":
            tok = _angle(text, i, here, prev)
        elif c == "?" or c == "$":
            m = _VAR.match(text, i)
            tok = Token("var", m.group(), i) if m else Token("punct", c, i)
        elif c == "_" and text.startswith("_:", i):
            m = _BNODE.match(text, i)
            tok = Token("bnode", m.group() if m else "_:", i)
        elif c == "@":
            m = _LANGTAG.match(text, i)
            tok = Token("langtag", m.group(), i) if m else Token("punct", c, i)
        elif (m := _NUMBER.match(text, i)) is not None:
            tok = Token("number", m.group(), i)
        else:
            tok = _name(text, i) or _punct(text, i)
        out.append(tok)
        i = tok.start + len(tok.text)
        _track(stack, tok, prev, out)
    return out


def _angle(text: str, i: int, here: _Context, prev: Token | None) -> Token:
    """``<`` is *less than* only after an operand inside an expression; elsewhere an IRI or ``<<``."""
    operator = here.expression and prev is not None and (prev.kind in _OPERAND_END or prev.text.lower() in (")", ">>", "true", "false"))
    if operator:
        return Token("punct", "<=" if text.startswith("<=", i) else "<", i)
    if text.startswith("<<", i):
        return Token("punct", "<<", i)
    m = _IRI.match(text, i)
    return Token("iri", m.group(), i) if m else Token("punct", "<", i)


def _name(text: str, i: int) -> Token | None:
    """A prefixed name (``ex:a``, ``:a``, ``ex:``) or a bare word (keyword, function, ``true``)."""
    m = _NAME.match(text, i)
    end = m.end() if m else i
    if end < len(text) and text[end] == ":":
        local = _LOCAL.match(text, end + 1)
        return Token("pname", text[i : local.end() if local else end + 1], i)
    return Token("word", m.group(), i) if m else None


def _punct(text: str, i: int) -> Token:
    for p in _PUNCT:
        if text.startswith(p, i):
            return Token("punct", p, i)
    return Token("punct", text[i], i)


def _track(stack: list[_Context], tok: Token, prev: Token | None, out: list[Token]) -> None:
    """Keep the stack of open brackets, and for each whether it holds an expression."""
    here = stack[-1]
    word = tok.text.upper() if tok.kind == "word" else ""
    if word in ("SELECT", "BY", "HAVING"):
        here.clause = True
    elif word in ("WHERE", "LIMIT", "OFFSET", "VALUES"):
        here.clause = False
    if tok.kind != "punct":
        return
    if tok.text in _OPEN:
        expression = tok.text == "(" and _opens_expression(here, prev, out)
        if tok.text == "{":
            here.clause = False
        stack.append(_Context(tok.text, expression))
    elif tok.text in _CLOSE and len(stack) > 1 and (tok.text != ">>" or stack[-1].bracket == "<<"):
        stack.pop()


def _opens_expression(here: _Context, prev: Token | None, out: list[Token]) -> bool:
    """Whether a ``(`` opens an expression (FILTER, BIND, a call) or a collection, path or VALUES row."""
    if here.expression or here.clause:
        return True
    if prev is None:
        return False
    if prev.kind == "word":
        return prev.text.upper() not in ("A", "VALUES")
    if prev.kind in ("iri", "pname") and len(out) >= 3:
        before = out[-3]  # out[-1] is the "(" itself
        return before.kind == "word" and before.text.upper() == "FILTER"
    return False


def unescape_codepoints(text: str) -> str:
    """``\\uXXXX`` and ``\\UXXXXXXXX`` replaced anywhere, as SPARQL 1.1 §19.2 has parsers do before parsing."""
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else m.group()

    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", char, text)


def _hidden_keyword(tok: Token) -> str | None:
    """A forbidden keyword inside a bare word, a prefix or a language tag, in any case."""
    if tok.kind == "word":
        text = tok.text
    elif tok.kind == "pname":
        text = tok.text.split(":", 1)[0]
    elif tok.kind == "langtag":
        text = tok.text
    else:
        return None
    folded = {text.upper(), text.casefold().upper()}
    return next((k for k in FORBIDDEN for f in folded if k in f), None)


def check_read_only(text: str) -> None:
    """Refuse updates and anything that could reach the network or other graphs, and oversize queries."""
    check_size(text)
    readings = [text] if "\\u" not in text and "\\U" not in text else [text, unescape_codepoints(text)]
    for reading in readings:
        for tok in tokens(reading):
            word = _hidden_keyword(tok)
            if word:
                raise QueryError(
                    f"the query uses {word}, which rolegraph does not run",
                    "only read-only SELECT, ASK, CONSTRUCT and DESCRIBE queries over the knowledge base are allowed",
                )


def check_size(text: str) -> None:
    """Refuse a query longer than :data:`MAX_CHARS`, with more than :data:`MAX_TOKENS` or nested deeper than :data:`MAX_DEPTH`."""
    if len(text) > MAX_CHARS:
        raise QueryError(f"the query is {len(text):,} characters long; the limit is {MAX_CHARS:,}", "split it into smaller queries")
    toks = tokens(text)
    if len(toks) > MAX_TOKENS:
        raise QueryError(f"the query has {len(toks):,} tokens; the limit is {MAX_TOKENS:,}", "split it into smaller queries")
    depth = deepest = 0
    for tok in toks:
        if tok.kind == "punct" and tok.text in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif tok.kind == "punct" and tok.text in _CLOSE:
            depth = max(depth - 1, 0)
    if deepest > MAX_DEPTH:
        raise QueryError(f"the query nests {deepest} levels deep; the limit is {MAX_DEPTH}", "flatten the nested brackets or operators")


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, DESCRIBE or ASK: the query's first form keyword ("" when there is none)."""
    for tok in tokens(text):
        if tok.kind == "word" and tok.text.upper() in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
            return tok.text.upper()
    return ""


@lru_cache(maxsize=256)
def projection(text: str) -> frozenset[str] | None:
    """The variables a SELECT or DESCRIBE query projects (``None``: all, ``SELECT *`` or another form).

    pyoxigraph substitutes only these (SEP-0007); the others are bound with ``VALUES``.
    """
    toks = tokens(text)
    form = next((i for i, t in enumerate(toks) if t.kind == "word" and t.text.upper() in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")), None)
    if form is None or toks[form].text.upper() in ("CONSTRUCT", "ASK"):
        return None
    names: set[str] = set()
    depth = 0
    for prev, tok in zip(toks[form:], toks[form + 1 :], strict=False):
        if tok.kind == "punct" and tok.text == "*" and depth == 0:
            return None
        if (tok.kind == "punct" and tok.text == "{") or (tok.kind == "word" and tok.text.upper() in ("WHERE", "FROM")):
            break
        if tok.kind == "punct" and tok.text in ("(", ")"):
            depth += 1 if tok.text == "(" else -1
        elif tok.kind == "var" and (depth == 0 or (prev.kind == "word" and prev.text.upper() == "AS")):
            names.add(tok.text[1:])
    return frozenset(names)


def variables(text: str) -> set[str]:
    """The names of the variables a query mentions (without ``?``/``$``)."""
    return {tok.text[1:] for tok in tokens(text) if tok.kind == "var"}
