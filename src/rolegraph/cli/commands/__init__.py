"""One module per command group; importing one registers its commands (rolegraph.cli.options.COMMANDS).

:data:`MODULES` says which module declares each command, so a plain command line imports only
its command's module (tests/test_dispatch.py checks the table against the registrations).
"""

from __future__ import annotations

import importlib

#: Each command's module, in the order the commands are listed (help, docs/cli.md).
MODULES = {
    "chart": "exports", "handbook": "exports",
    "validate": "kbcmds", "roles": "kbcmds", "formats": "kbcmds",
    "show": "querycmds", "compare": "querycmds", "collaborate": "querycmds", "separate": "querycmds", "shared": "querycmds",
    "path": "querycmds", "neighbours": "querycmds", "centrality": "querycmds", "skills": "querycmds", "fit": "querycmds",
    "why": "querycmds", "sources": "querycmds", "disagreements": "querycmds", "ask": "querycmds", "query": "querycmds",
    "publish": "scale", "import-esco": "scale",
    "cheatsheet": "trainer", "quiz": "trainer", "slides": "trainer",
}


def register(name: str | None = None) -> None:
    """Register the command ``name`` by importing its module; every command when ``name`` is None."""
    for module in dict.fromkeys([MODULES[name]] if name is not None else MODULES.values()):
        importlib.import_module(f"rolegraph.cli.commands.{module}")
