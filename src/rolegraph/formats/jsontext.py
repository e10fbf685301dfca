"""The JSON format, in a module of its own: ``--format json`` imports neither the Markdown nor the
spreadsheet helpers (and their regular expressions)."""

from __future__ import annotations

import json
from typing import Any

from rolegraph.results import Result


def to_json(result: Result, **_: Any) -> bytes:
    """Stable, indented JSON of :meth:`Result.to_dict`."""
    return (json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
