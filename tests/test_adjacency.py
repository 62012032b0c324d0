"""collabgraph.adjacency against plain numpy: the arc matrix as a dense matrix built pair by pair."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from collabgraph.adjacency import arc_matrix
from collabgraph.graph import ties
from tests.conftest import make


def tie_table(seed: int, *, directed: bool, weighted: bool):
    """The tie table of 60 random interactions among 25 people (loops left out: a tie table has none)."""
    rng = np.random.default_rng(seed)
    ids = [f"p{i:02d}" for i in range(25)]
    edges = [(ids[a], ids[b], float(rng.integers(1, 5))) if weighted else (ids[a], ids[b])
             for a, b in rng.integers(0, 25, (60, 2)) if a != b]
    ds = make(edges, {i: {} for i in ids}, directed=directed)
    return ties(ds), len(ds.people)


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("weighted", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_arc_matrix_counts_the_arcs_of_each_pair(seed, directed, weighted):
    t, n = tie_table(seed, directed=directed, weighted=weighted)
    assert (t["u"] != t["v"]).all()
    arcs, both, contact = np.zeros((n, n)), np.zeros((n, n)), np.zeros((n, n))
    for u, v, w in zip(t["u"], t["v"], t["weight"], strict=True):
        arcs[u, v] += w if weighted else 1
        both[u, v] += w if weighted else 1
        both[v, u] += w if weighted else 1
        contact[u, v] = contact[v, u] = 1  # reach's contacts: direction ignored, each pair once
    assert np.array_equal(arc_matrix(t, n, directed=True, weighted=weighted).toarray(), arcs)
    undirected = arc_matrix(t, n, directed=False, weighted=weighted)
    assert np.array_equal(undirected.toarray(), both)
    undirected.data[:] = 1.0  # as reach_from_ties builds its adjacency
    assert np.array_equal(undirected.toarray(), contact)


def test_arc_matrix_drops_loops():
    t = pd.DataFrame({"u": [0, 1, 2], "v": [0, 2, 2], "weight": [5.0, 2.0, 1.0]})
    assert arc_matrix(t, 3, directed=False, weighted=True).toarray().tolist() == [
        [0.0, 0.0, 0.0], [0.0, 0.0, 2.0], [0.0, 2.0, 0.0]]
