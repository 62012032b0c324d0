"""NMI and ARI without scikit-learn: equal, bit for bit, to scikit-learn's functions."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from collabgraph.metrics.communities import adjusted_rand, normalized_mutual_info


def _labelings():
    rng = np.random.default_rng(15)
    cases = [([0], [0]), ([0, 0, 0], [1, 1, 1]), ([0, 0, 1], [2, 2, 2]), ([0, 1, 2], [0, 1, 2]),
             ([3, 3, 1, 1], [0, 0, 0, 1]), ([0, 0, 1, 1], [0, 1, 0, 1]), (["b", "a", "a"], [7, 7, 9])]
    for _ in range(200):
        n = int(rng.integers(1, 300))
        a = rng.integers(0, int(rng.integers(1, 12)), n)
        b = rng.integers(0, int(rng.integers(1, 40)), n) if rng.random() < 0.5 else (a + rng.integers(0, 2, n)) * 3
        cases.append((a, b))
    return cases


@pytest.mark.parametrize("a, b", _labelings())
def test_equal_to_scikit_learn_bit_for_bit(a, b):
    assert normalized_mutual_info(a, b) == float(normalized_mutual_info_score(a, b))
    assert adjusted_rand(a, b) == float(adjusted_rand_score(a, b))


def test_large_labelings_equal_to_scikit_learn():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 2000, 400_000)
    b = np.where(rng.random(400_000) < 0.7, a // 3, rng.integers(0, 900, 400_000))
    assert normalized_mutual_info(a, b) == float(normalized_mutual_info_score(a, b))
    assert adjusted_rand(a, b) == float(adjusted_rand_score(a, b))
