"""One module per command group; importing them registers the commands (rolegraph.cli.options.COMMANDS)."""

from rolegraph.cli.commands import exports, kbcmds, querycmds, scale, trainer  # noqa: F401
