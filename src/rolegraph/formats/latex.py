"""LaTeX: booktabs tables to ``\\input`` into an article or a beamer slide.

Compiles with pdflatex for any text when the preamble has ``\\usepackage[T1]{fontenc}`` and
``\\usepackage{booktabs,longtable,array}`` (docs/embedding.md). Every character with a meaning
in LaTeX is escaped, so data can never run a command; control characters are shown as escapes;
a character pdflatex has no glyph for is written as ``\\rolegraphchar{05E2}`` (by default
``[U+05E2]``; redefine it, e.g. for XeLaTeX). Tables are ``longtable``s of ragged-right
``p`` columns whose widths add up to ``\\linewidth``; long tokens (URLs) may break after
punctuation, so nothing runs into the margin.
"""

from __future__ import annotations

import re
from typing import Any

from rolegraph.formats.common import visible_controls
from rolegraph.results import Cell, Result, Table

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
    '"': r"\textquotedbl{}",
    "\n": r"\newline{}",
    "\t": " ",
    "\u2026": r"\textellipsis{}",
    "\u2212": r"\ensuremath{-}",
    "\u2264": r"\ensuremath{\leq}",
    "\u2265": r"\ensuremath{\geq}",
    "\u2248": r"\ensuremath{\approx}",
    "\u2192": r"\textrightarrow{}",
}
#: Non-ASCII characters that LaTeX's utf8 input with T1 (and the kernel's TS1) typesets.
_TYPESET = frozenset(
    c
    for low, high in ((0xA0, 0xB7), (0xB9, 0x125), (0x128, 0x137), (0x139, 0x13E), (0x141, 0x148), (0x14A, 0x165), (0x168, 0x17E),
                      (0x2010, 0x2016), (0x2018, 0x201A), (0x201C, 0x201E), (0x2020, 0x2022), (0x2030, 0x2030), (0x2039, 0x203A),
                      (0x20AC, 0x20AC), (0x2122, 0x2122))
    for c in range(low, high + 1)
)
#: Where a long token (a URL, a path) may break.
_BREAK_AFTER = re.compile(r"(?<=[^\w\s])(?=[\w])")
#: Characters about one and a half times as wide as a letter in Computer Modern.
_WIDE = frozenset("<>%&#$@~^{}|\\MWmw")
_LONG = 10
#: The longest piece a table column must hold whole (longer words are hyphenated, longer runs broken).
_PIECE = 12
#: Widths (em) a character needs in a table: bold header, body text.
_HEAD_EM, _BODY_EM = 0.6, 0.5
_BREAK = "\x00"  # stands for a break point (zero glue) until the text is escaped (data's own NULs are escaped before)
PREAMBLE = r"\usepackage[T1]{fontenc} \usepackage{booktabs,longtable,array}"


def _char(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    if " " <= ch <= "~" or ord(ch) in _TYPESET:
        return ch
    if ch == _BREAK:
        return r"\hspace{0pt}"  # glue, not a penalty: the piece after it may still be hyphenated
    return r"\rolegraphchar{" + f"{ord(ch):04X}" + "}"


def _breakable(token: str) -> str:
    """A long token with break points after punctuation, and every :data:`_PIECE` characters in a run of 20 or more
    letters (no word that long; shorter words are left to LaTeX's hyphenation)."""
    if len(token) <= _LONG:
        return token
    marked = _BREAK_AFTER.sub(_BREAK, token)
    return re.sub(r"\w{20,}", lambda m: _BREAK.join(re.findall(rf"\w{{1,{_PIECE}}}", m.group())), marked)


def tex(value: Cell) -> str:
    """A cell as LaTeX text: every special character escaped, long tokens breakable, line breaks kept
    (blank lines dropped: a ``\\newline`` may not start a paragraph)."""
    raw = visible_controls(("" if value is None else str(value)).replace("\r\n", "\n").replace("\r", "\n"))
    raw = "\n".join(line.strip() for line in raw.split("\n") if line.strip())
    raw = re.sub(r"\S+", lambda m: _breakable(m.group()), raw)
    return "".join(_char(ch) for ch in raw)


def _segment(text: str) -> float:
    """Length of the longest piece of ``text`` that cannot break (capped where LaTeX may hyphenate)."""
    shown = "".join(ch if " " <= ch <= "~" or ord(ch) in _TYPESET or ch.isspace() else " [U+XXXX] " for ch in text)
    pieces = _BREAK_AFTER.sub(" ", shown).split() if len(text) > _LONG else shown.split()
    return min(max((sum(1.5 if ch in _WIDE else 1 for ch in p) for p in pieces), default=1), _PIECE)


def column_spec(table: Table) -> str:
    """Ragged-right ``p`` columns: each at least as wide as its longest unbreakable piece (bold in the
    header), the rest of ``\\linewidth`` shared by how much text each column holds."""
    count = len(table.columns)
    lows, wants = [], []
    for i, column in enumerate(table.columns):
        body = ["" if r[i] is None else str(r[i]) for r in table.rows]
        low = round(max(_HEAD_EM * _segment(column.replace("_", " ")), _BODY_EM * max(map(_segment, body), default=1), 1.5), 1)
        lows.append(low)
        wants.append(max(_BODY_EM * min(max(map(len, body), default=0), 40) - low, 0.0))
    shares = [int(1000 * w / (sum(wants) or 1)) if sum(wants) else 1000 // count for w in wants]
    shares[shares.index(max(shares))] += 1000 - sum(shares)
    room = rf"\linewidth-{2 * (count - 1)}\tabcolsep-{sum(lows):.1f}em"
    return "@{}" + "".join(rf">{{\raggedright\arraybackslash\hspace{{0pt}}}}p{{\dimexpr{low:.1f}em+({room})*{share}/1000\relax}}"
                           for low, share in zip(lows, shares, strict=True)) + "@{}"


def table_tex(table: Table, caption: str) -> list[str]:
    """One longtable with booktabs rules, its caption and notes."""
    header = " & ".join(r"\textbf{" + tex(c.replace("_", " ")) + "}" for c in table.columns) + r" \\"
    out = [r"\begingroup\small\setlength{\tabcolsep}{4pt}", r"\begin{longtable}{" + column_spec(table) + "}"]
    out.append(r"\caption{" + tex(" ".join(caption.split())) + r"}\\")
    out += [r"\toprule", header, r"\midrule", r"\endhead"]
    out += [" & ".join(tex(c) for c in row) + r" \\" for row in table.rows]
    if not table.rows:
        out.append(r"\multicolumn{" + str(len(table.columns)) + r"}{@{}l@{}}{\emph{No rows.}} \\")
    out += [r"\bottomrule", r"\end{longtable}", r"\endgroup"]
    out += [r"{\raggedright\noindent\emph{Note:} " + tex(n) + r"\par}" for n in table.notes]
    return out


def to_latex(result: Result, **_: Any) -> bytes:
    """Tables, notes, sources and licence notices as a LaTeX fragment."""
    out = [
        "% rolegraph export: " + tex(result.title).replace("\n", " "),
        "% needs in the preamble: " + PREAMBLE + " (see docs/embedding.md)",
        r"\providecommand{\rolegraphchar}[1]{\texttt{[U+#1]}\allowbreak}",
    ]
    for table in result.tables:
        out += table_tex(table, table.title if len(result.tables) > 1 else result.title)
    if result.notes:
        out += [r"\paragraph{Notes}", r"\begin{itemize}\raggedright"] + [r"\item " + tex(n) for n in result.notes] + [r"\end{itemize}"]
    if result.sources:
        out += [r"\paragraph{Sources}", r"\begin{itemize}\footnotesize\raggedright"]
        out += [r"\item \textbf{" + tex(s.id) + "} " + tex(s.title) + r" \texttt{" + tex(s.url) + "}" for s in result.sources]
        out.append(r"\end{itemize}")
    if result.attribution:
        out += [r"\paragraph{Attribution}"] + [r"{\footnotesize\raggedright " + tex(a) + r"\par}" for a in result.attribution]
    return ("\n".join(out) + "\n").encode("utf-8")
