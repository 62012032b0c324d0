"""collabgraph: network analysis of collaboration across professions, organisations and domains.

Examples
--------
>>> import collabgraph as cg
>>> ds = cg.load_example()
>>> t = cg.ties(ds)
>>> int(t["count"].sum()) > 0
True
>>> import pandas as pd
>>> small = cg.from_frames(interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
>>> cg.analyze(small, cg.AnalysisOptions(permutations=0, stability_runs=0, bootstraps=0)).summary.ties
2

``cg.write_report(ds, "reports/demo")`` writes the HTML report with its exports.
"""

from pathlib import Path as _Path

# In a source checkout, cli/ and datasets/ sit beside this package; an installed wheel has them as
# collabgraph.cli and collabgraph.datasets (pyproject's package-dir). Put the checkout root on this
# package's path so `python -m pytest` in a checkout imports the same code a wheel would contain.
_checkout = _Path(__file__).resolve().parent.parent
if (_checkout / "pyproject.toml").is_file() and (_checkout / "datasets" / "__init__.py").is_file():
    __path__.append(str(_checkout))

from collabgraph.errors import CollabGraphError, InputError, Issue, ParameterError, ValidationError

#: Public name -> module defining it. They are imported on first use (PEP 562), so importing
#: collabgraph (and ``collabgraph --version``) does not load pandas, igraph or scipy.
_LAZY = {
    "AnalysisOptions": "collabgraph.analysis",
    "analyze": "collabgraph.analysis",
    "write_report": "collabgraph.report.html",
    "Dataset": "collabgraph.dataset",
    "Window": "collabgraph.dataset",
    "load_example": "collabgraph.datasets",
    "attribute_graph": "collabgraph.graph",
    "bipartite_graph": "collabgraph.graph",
    "network_graph": "collabgraph.graph",
    "ties": "collabgraph.graph",
    "to_graph": "collabgraph.graph",
    "to_igraph": "collabgraph.graph",
    "from_frames": "collabgraph.io",
    "load": "collabgraph.io",
    "read_dataset": "collabgraph.io",
    "validate": "collabgraph.io",
}


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'collabgraph' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__version__ = "0.1.0"

__all__ = [
    "AnalysisOptions",
    "CollabGraphError",
    "Dataset",
    "InputError",
    "Issue",
    "ParameterError",
    "ValidationError",
    "Window",
    "__version__",
    "analyze",
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
    "write_report",
]
