"""component_labels_from_ties (plain numpy) numbers components exactly as scipy's connected_components does."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from collabgraph.metrics.structure import component_labels_from_ties


def _scipy(n: int, u: np.ndarray, v: np.ndarray) -> np.ndarray:
    return connected_components(coo_array((np.ones(len(u)), (u, v)), shape=(n, n)), directed=False)[1]


@pytest.mark.parametrize("seed", range(40))
def test_equal_to_scipy_on_random_graphs(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    m = int(rng.integers(0, 2 * n))
    u, v = rng.integers(0, n, m), rng.integers(0, n, m)  # loops, repeats and both directions included
    labels = component_labels_from_ties(pd.DataFrame({"u": u, "v": v}), pd.DataFrame(index=range(n)))
    assert labels.tolist() == _scipy(n, u, v).tolist()


def test_long_shuffled_path_is_one_component():
    order = np.random.default_rng(0).permutation(50_000)
    labels = component_labels_from_ties(pd.DataFrame({"u": order[:-1], "v": order[1:]}),
                                        pd.DataFrame(index=range(50_000)))
    assert (labels == 0).all()


def test_no_people_and_no_ties():
    no_ties = pd.DataFrame({"u": [], "v": []})
    assert component_labels_from_ties(no_ties, pd.DataFrame(index=range(0))).tolist() == []
    assert component_labels_from_ties(no_ties, pd.DataFrame(index=range(3))).tolist() == [0, 1, 2]
