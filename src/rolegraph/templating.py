"""Jinja2 templates (autoescaped) shared by the handbook, the cheat sheet and the HTML slides.

jinja2 is imported only here, and only when a template is rendered.
"""

from __future__ import annotations

from functools import cache
from typing import Any
from urllib.parse import urlsplit


def host(url: str) -> str:
    """The host name of ``url`` without ``www.`` (empty for anything that is not http(s))."""
    parts = urlsplit(url)
    return (parts.hostname or "").removeprefix("www.") if parts.scheme in ("http", "https") else ""


@cache
def environment() -> Any:
    """The template environment: package templates, autoescaping on, undefined names are errors."""
    from rolegraph.extras import require

    jinja2 = require("jinja2")
    env = jinja2.Environment(loader=jinja2.PackageLoader("rolegraph", "templates"), autoescape=True, undefined=jinja2.StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["host"] = host
    return env


def render(name: str, **context: Any) -> str:
    """Render the template ``name`` with ``context`` (every value escaped unless marked safe)."""
    context.setdefault("root", "")
    context.setdefault("attribution", [])
    return str(environment().get_template(name).render(**context))
