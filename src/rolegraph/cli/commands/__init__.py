"""One module per command group; importing them registers the commands on the app."""

from rolegraph.cli.commands import exports, kbcmds, querycmds, scale, trainer  # noqa: F401
