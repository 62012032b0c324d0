"""Whole-network structure: density, components, isolates, degree, and the dataset summary.

Definitions (Wasserman & Faust 1994, ch. 4): density is ties / possible ties, with
``n(n-1)/2`` possible undirected ties or ``n(n-1)`` arcs; components are connected components
(weakly connected when directed), isolates counted as components of one; an isolate is a person
with no tie.

Each metric takes the dataset first (``tie_table=`` reuses a tie table already built); the
``*_from_ties(tie_table, people)`` building blocks work on a bare tie table whose ``u``/``v`` are rows
of ``people`` (a window, a subset).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.graph import ties as make_ties
from collabgraph.tietable import pair_ends, pair_keys, sorted_unique

__all__ = ["Summary", "component_labels", "component_labels_from_ties", "degree", "degree_from_ties", "density",
           "summary"]


def density(n_people: int, n_ties: int, *, directed: bool = False) -> float:
    """Share of possible ties present (0 for fewer than two people).

    Examples
    --------
    >>> density(4, 3)
    0.5
    >>> density(4, 3, directed=True)
    0.25
    """
    possible = n_people * (n_people - 1) / (1 if directed else 2)
    return float(n_ties / possible) if possible else 0.0


def component_labels(dataset: Dataset, *, tie_table: pd.DataFrame | None = None) -> np.ndarray:
    """Component number of every person (weak components; ties taken as undirected).

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.

    Returns
    -------
    ndarray
        One number per row of ``dataset.people`` (see :func:`component_labels_from_ties`).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(people=pd.DataFrame({"id": list("abcde")}),
    ...                  interactions=pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"]}))
    >>> component_labels(ds).tolist()
    [0, 0, 1, 1, 2]
    """
    return component_labels_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people)


def component_labels_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame) -> np.ndarray:
    """:func:`component_labels` of a bare tie table (``u``/``v`` are rows of ``people``).

    Components are numbered in the order of their first person, as
    ``scipy.sparse.csgraph.connected_components`` numbers them (the tests compare the two). Found by
    hooking and pointer jumping (Shiloach & Vishkin 1982): every person points to a person of their
    component with a smaller position; each round points the root of a tie's larger end at its smaller
    end, then follows the pointers until each leads straight to a root, until no tie joins two roots.
    Plain numpy, so ``collabgraph summary`` does not import scipy (0.3 s).

    Examples
    --------
    >>> t = pd.DataFrame({"u": [0, 2], "v": [1, 3]})
    >>> component_labels_from_ties(t, pd.DataFrame(index=range(5))).tolist()
    [0, 0, 1, 1, 2]
    >>> component_labels_from_ties(pd.DataFrame({"u": [3, 1], "v": [2, 3]}), pd.DataFrame(index=range(4))).tolist()
    [0, 1, 1, 1]
    """
    n_people = len(people)
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    root = np.arange(n_people)
    while True:
        a, b = root[u], root[v]
        joined = a != b
        if not joined.any():
            break
        low = np.minimum(a[joined], b[joined])
        np.minimum.at(root, np.maximum(a[joined], b[joined]), low)
        while True:  # pointer jumping: every person points straight at their tree's root
            up = root[root]
            if (up == root).all():
                break
            root = up
    first = np.unique(root, return_index=True)[1]  # roots in order of their first person
    rank = np.empty(n_people, np.int64)
    rank[np.sort(first)] = np.arange(len(first))
    return rank[root]


def degree(dataset: Dataset, *, tie_table: pd.DataFrame | None = None) -> np.ndarray:
    """Number of distinct people each person is tied to (in or out, when directed).

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.

    Returns
    -------
    ndarray
        One count per row of ``dataset.people``.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "c"]}),
    ...                  directed=True)
    >>> degree(ds).tolist()  # arcs a->b and b->a: one partner
    [2, 1, 1]
    """
    return degree_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people)


def degree_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame) -> np.ndarray:
    """:func:`degree` of a bare tie table (``u``/``v`` are rows of ``people``).

    Examples
    --------
    >>> degree_from_ties(pd.DataFrame({"u": [0, 0], "v": [1, 2]}), pd.DataFrame(index=list("abc"))).tolist()
    [2, 1, 1]
    """
    n_people = len(people)
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    if (u < v).all():  # an undirected tie table: every row is another pair, nothing to merge
        return np.bincount(u, minlength=n_people) + np.bincount(v, minlength=n_people)
    a, b = pair_ends(sorted_unique(pair_keys(u, v, n_people, directed=False)), n_people)  # a->b, b->a: once
    return np.bincount(np.concatenate([a, b]), minlength=n_people)


@dataclass(frozen=True)
class Summary:
    """The headline counts of a dataset (the JSON of ``collabgraph summary``)."""

    people: int
    interactions: int
    events: int
    attendance: int
    organisations: int
    domains: int
    networks: int
    ties: int
    density: float
    components: int
    isolates: int
    directed: bool
    period: dict
    largest_component: int
    rejected: int

    def to_dict(self) -> dict:
        """The fields as a dict; ``density`` is None below two people (no tie is possible: undefined, not 0)."""
        return {**asdict(self), "density": self.density if self.people >= 2 else None}


def summary(dataset: Dataset, *, tie_table: pd.DataFrame | None = None) -> Summary:
    """Count people, records, groups and ties, and describe the network's shape.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> s = summary(load_example())
    >>> s.networks, s.directed
    (16, False)
    """
    t = make_ties(dataset) if tie_table is None else tie_table
    n = len(dataset.people)
    labels = component_labels_from_ties(t, dataset.people)
    sizes = np.bincount(labels) if n else np.zeros(0, int)
    start, end = dataset.period()
    report = dataset.report
    rejected = sum(c.get("rejected", 0) for c in report.counts.values()) if report else 0
    return Summary(
        people=n,
        interactions=len(dataset.interactions),
        events=len(dataset.events),
        attendance=len(dataset.attendance),
        organisations=int(dataset.people["organisation"].nunique()),
        domains=int(dataset.people["domain"].nunique()),
        networks=len(dataset.networks),
        ties=len(t),
        density=round(density(n, len(t), directed=dataset.directed), 6),
        components=int(len(sizes)),
        isolates=int((degree_from_ties(t, dataset.people) == 0).sum()),
        directed=dataset.directed,
        period={"start": None if start is None else start.date().isoformat(),
                "end": None if end is None else end.date().isoformat()},
        largest_component=int(sizes.max()) if len(sizes) else 0,
        rejected=int(rejected),
    )
