"""``python -m collabgraph.cli``: the same as the ``collabgraph`` command."""

from collabgraph.cli import console_script

console_script()
