"""``python -m collabgraph.cli``: the same as the ``collabgraph`` command."""

from collabgraph.cli import main

main()
