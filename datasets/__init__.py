"""Bundled example data: the fictitious 'leernetwerken' programme (see leernetwerken/README.md).

Installed as ``collabgraph.datasets``, so the example travels with the wheel.

Examples
--------
>>> ds = load_example()
>>> len(ds.networks)
16
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["EXAMPLE", "load_example", "planted"]

#: Folder of the bundled example dataset.
EXAMPLE = Path(__file__).resolve().parent / "leernetwerken"


def load_example(**kwargs):
    """Load the bundled example as a :class:`~collabgraph.dataset.Dataset` (kwargs go to ``load``).

    >>> len(load_example().people) == planted()["counts"]["people"]
    True
    """
    from collabgraph.io.loaders import load

    return load(EXAMPLE, **kwargs)


def planted() -> dict:
    """What the generator planted in the example (ids of isolated, fading, spanning people ...)."""
    return json.loads((EXAMPLE / "planted.json").read_text(encoding="utf-8"))
