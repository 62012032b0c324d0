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

#: Public name -> module defining it (``"module:attribute"`` where the name differs). They are imported
#: on first use (PEP 562), so importing collabgraph (and ``collabgraph --version``) does not load
#: pandas, igraph or scipy.
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
    "export": "collabgraph.report.export:export_dataset",
}

#: The metric functions, each taking the Dataset first and its options as keywords (docs/architecture.md):
#: name -> module in collabgraph.metrics. ``compare`` is the comparison of two periods (the command of
#: that name); the building blocks on bare tables are in :mod:`collabgraph.metrics`.
METRICS = {
    **dict.fromkeys(["ei_index", "assortativity", "mixing_matrix", "blau_index"], "mixing"),
    "level_ei": "levels", "reach": "reach", "summary": "structure",
    "clusters": "communities", "roles": "roles",
    **dict.fromkeys(["brokers", "gould_fernandez"], "brokerage"), "structural_holes": "holes",
    **dict.fromkeys(["betweenness", "dependency"], "centrality"),
    **dict.fromkeys(["pollination", "openness"], "pollination"),
    "isolation": "isolation", "suggest": "suggest", "hours": "hours", "scorecard": "scorecard",
    "role_group_figures": "role_groups", "ratings": "ratings",
    "timeline": "timeline", "tie_windows": "windows", "durability": "durability",
    "network_durability": "durability", "compare_periods": "periods", "compare": "periods:compare_periods",
}
_LAZY.update({name: "collabgraph.metrics." + module if ":" in module else f"collabgraph.metrics.{module}:{name}"
              for name, module in METRICS.items()})


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'collabgraph' has no attribute {name!r}")
    import importlib

    module, _, attribute = _LAZY[name].partition(":")
    value = getattr(importlib.import_module(module), attribute or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__version__ = "0.1.0"

__all__ = [
    "AnalysisOptions", "CollabGraphError", "Dataset", "InputError", "Issue", "ParameterError", "ValidationError",
    "Window", "__version__", "analyze", "attribute_graph", "bipartite_graph", "export", "from_frames", "load",
    "load_example", "network_graph", "read_dataset", "ties", "to_graph", "to_igraph", "validate", "write_report",
    *METRICS,
]
