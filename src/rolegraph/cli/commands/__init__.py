"""One module per command group; importing them registers the commands on the app."""

from rolegraph.cli.commands import kbcmds, querycmds  # noqa: F401
from rolegraph.cli.commands import scale  # noqa: F401
