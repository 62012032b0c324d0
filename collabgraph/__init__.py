"""collabgraph: network analysis of collaboration across professions, organisations and domains.

Examples
--------
>>> import collabgraph as cg
>>> ds = cg.load_example()
>>> t = cg.ties(ds)
>>> int(t["count"].sum()) > 0
True
"""

from pathlib import Path as _Path

# In a source checkout, cli/ and datasets/ sit beside this package; an installed wheel has them as
# collabgraph.cli and collabgraph.datasets (pyproject's package-dir). Put the checkout root on this
# package's path so `python -m pytest` in a checkout imports the same code a wheel would contain.
_checkout = _Path(__file__).resolve().parent.parent
if (_checkout / "pyproject.toml").is_file() and (_checkout / "datasets" / "__init__.py").is_file():
    __path__.append(str(_checkout))

from collabgraph.dataset import Dataset, Window
from collabgraph.datasets import load_example
from collabgraph.errors import CollabGraphError, InputError, Issue, ParameterError, ValidationError
from collabgraph.graph import (
    attribute_graph,
    bipartite_graph,
    network_graph,
    ties,
    to_graph,
    to_igraph,
)
from collabgraph.io import from_frames, load, read_dataset, validate

__version__ = "0.1.0"

__all__ = [
    "CollabGraphError",
    "Dataset",
    "InputError",
    "Issue",
    "ParameterError",
    "ValidationError",
    "Window",
    "__version__",
    "attribute_graph",
    "bipartite_graph",
    "from_frames",
    "load",
    "load_example",
    "network_graph",
    "read_dataset",
    "ties",
    "to_graph",
    "to_igraph",
    "validate",
]
