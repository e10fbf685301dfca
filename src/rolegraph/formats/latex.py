"""LaTeX: booktabs tables to ``\\input`` into an article or a beamer slide.

Needs ``\\usepackage{booktabs}`` (and ``longtable`` for tables that span pages). Every character
with a meaning in LaTeX is escaped, so data can never run a command.
"""

from __future__ import annotations

from typing import Any

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
    "\r": "",
    "\t": " ",
}
#: Bidirectional controls are dropped: LaTeX has no use for them and they can disguise text.
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"))


def tex(value: Cell) -> str:
    """A cell as LaTeX text with every special character escaped."""
    raw = ("" if value is None else str(value)).replace("\r\n", "\n").translate(_BIDI)
    return "".join(_ESCAPES.get(ch, ch) for ch in raw)


def column_spec(table: Table) -> str:
    """Short columns stay ``l``; long text columns wrap in ``p{}`` widths that share the line."""
    lengths = [max([len(c)] + [len("" if r[i] is None else str(r[i])) for r in table.rows]) for i, c in enumerate(table.columns)]
    total = sum(lengths) or 1
    multiline = any("\n" in str(c) for r in table.rows for c in r if c is not None)
    if total <= 60 and not multiline:
        return "@{}" + "l" * len(lengths) + "@{}"
    return "@{}" + "".join(f"p{{{max(0.06, 0.95 * n / total):.2f}\\linewidth}}" for n in lengths) + "@{}"


def table_tex(table: Table, caption: str) -> list[str]:
    """One longtable with booktabs rules, its caption and notes."""
    header = " & ".join(r"\textbf{" + tex(c.replace("_", " ")) + "}" for c in table.columns) + r" \\"
    out = [r"\begin{longtable}{" + column_spec(table) + "}", r"\caption{" + tex(caption) + r"}\\"]
    out += [r"\toprule", header, r"\midrule", r"\endhead"]
    out += [" & ".join(tex(c) for c in row) + r" \\" for row in table.rows]
    if not table.rows:
        out.append(r"\multicolumn{" + str(len(table.columns)) + r"}{@{}l@{}}{\emph{No rows.}} \\")
    out += [r"\bottomrule", r"\end{longtable}"]
    out += [r"\noindent\emph{Note:} " + tex(n) + r"\par" for n in table.notes]
    return out


def to_latex(result: Result, **_: Any) -> bytes:
    """Tables, notes, sources and licence notices as a LaTeX fragment."""
    out = [
        "% rolegraph export: " + tex(result.title),
        r"% needs \usepackage{booktabs,longtable}",
    ]
    for table in result.tables:
        out += table_tex(table, table.title if len(result.tables) > 1 else result.title)
    if result.notes:
        out += [r"\paragraph{Notes}", r"\begin{itemize}"] + [r"\item " + tex(n) for n in result.notes] + [r"\end{itemize}"]
    if result.sources:
        out += [r"\paragraph{Sources}", r"\begin{itemize}\footnotesize"]
        out += [r"\item \textbf{" + tex(s.id) + "} " + tex(s.title) + r" \texttt{" + tex(s.url) + "}" for s in result.sources]
        out.append(r"\end{itemize}")
    if result.attribution:
        out += [r"\paragraph{Attribution}"] + [r"{\footnotesize " + tex(a) + r"\par}" for a in result.attribution]
    return ("\n".join(out) + "\n").encode("utf-8")
