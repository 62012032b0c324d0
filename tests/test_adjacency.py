"""collabgraph.adjacency against plain numpy: the arc matrix as a dense matrix built pair by pair."""

from __future__ import annotations

import numpy as np
import pytest

from collabgraph.adjacency import arc_matrix
from collabgraph.graph import ties
from collabgraph.metrics.reach import _adjacency
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
def test_arc_matrix_contacts_are_reach_adjacency(seed, directed, weighted):
    t, n = tie_table(seed, directed=directed, weighted=weighted)
    assert (t["u"] != t["v"]).all()
    contacts = arc_matrix(t, n, directed=False)
    contacts.data[:] = 1.0
    assert (contacts != _adjacency(t, n)).nnz == 0
