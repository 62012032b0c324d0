"""Metric families, one module each; this package names their public functions in one list.

Every metric takes the Dataset first and its options as keywords (``tie_table=`` reuses a tie table
already built by :func:`collabgraph.graph.ties`); ``*_from_ties(tie_table, people, *, ...)`` are the
building blocks for bare tables (a window, a subset of people, a group graph). The functions are
imported on first use (PEP 562), so importing one metric module does not load the others (igraph,
scipy, scikit-learn).

A function named as its module (``communities``, ``reach``, ``roles``, ``hours``, ``pollination``,
``scorecard``, ``suggest``, ``isolation``, ``timeline``, ``durability``, ``forms``, ``ratings``) is not listed here:
``collabgraph.metrics.reach`` is the module once it is imported, so the function is
``collabgraph.metrics.reach.reach``.

Examples
--------
>>> import pandas as pd
>>> import collabgraph.metrics as metrics
>>> from collabgraph import from_frames
>>> people = pd.DataFrame({"id": list("abc"), "domain": ["zorg", "zorg", "welzijn"]})
>>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
>>> metrics.ei_index(ds, by="domain").share_external
0.5
"""

from __future__ import annotations

#: Public name -> the module defining it.
_LAZY = {
    **dict.fromkeys(["assortativity", "blau_index", "blau_index_from_ties", "ei_index", "ei_index_from_ties",
                     "mixing_matrix"], "mixing"),
    **dict.fromkeys(["group_ties", "group_ties_from_ties", "level_ei", "level_ei_from_ties", "organisation_domain"],
                    "levels"),
    **dict.fromkeys(["compare_roles", "overview", "reach_from_ties", "reach_summary", "role_labels",
                    "two_step_within"], "reach"),
    **dict.fromkeys(["component_labels", "component_labels_from_ties", "degree", "degree_from_ties", "density",
                     "summary"], "structure"),
    **dict.fromkeys(["adjusted_rand", "clusters", "communities_from_ties", "compare_partitions", "composition",
                     "modularity", "network_composition", "normalized_mutual_info", "quality", "quality_from_ties",
                     "single_network", "stability"], "communities"),
    "position_features": "roles",
    "openness": "pollination",
    "role_values": "scorecard",
    "role_group_figures": "role_groups",
    **dict.fromkeys(["brokers", "gould_fernandez"], "brokerage"),
    **dict.fromkeys(["betweenness", "betweenness_from_ties", "dependency", "dependency_counts", "fragmentation"],
                    "centrality"),
    **dict.fromkeys(["structural_holes", "structural_holes_from_ties"], "holes"),
    "activity": "isolation",
    **dict.fromkeys(["tie_windows", "window_metrics", "window_runs", "window_ties"], "windows"),
    "cluster_evolution": "evolution",
    "compare_periods": "periods",
    "network_durability": "durability",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name not in _LAZY:
        raise AttributeError(f"module 'collabgraph.metrics' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"collabgraph.metrics.{_LAZY[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])
