"""``python -m rolegraph``."""

from rolegraph.cli import main

main()
