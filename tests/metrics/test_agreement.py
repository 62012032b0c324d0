"""NMI, ARI and the permutation p-value without scikit-learn: equal, bit for bit, to scikit-learn's functions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score, mutual_info_score, normalized_mutual_info_score

from collabgraph.metrics.communities import (
    _contingency,
    _mutual_info,
    adjusted_rand,
    compare_partitions,
    normalized_mutual_info,
)


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
    assert _mutual_info(*_contingency(a, b)) == float(mutual_info_score(a, b))


def test_large_labelings_equal_to_scikit_learn():
    rng = np.random.default_rng(0)
    a = rng.integers(0, 2000, 400_000)
    b = np.where(rng.random(400_000) < 0.7, a // 3, rng.integers(0, 900, 400_000))
    assert normalized_mutual_info(a, b) == float(normalized_mutual_info_score(a, b))
    assert adjusted_rand(a, b) == float(adjusted_rand_score(a, b))


@pytest.mark.parametrize("seed", [0, 1])
def test_permutation_p_value_as_scikit_learn_computes_it(seed):
    """The p-value of compare_partitions: the share of relabellings of the attribute (the same draws) whose mutual
    information, by scikit-learn, is at least the observed one."""
    rng = np.random.default_rng(seed + 40)
    n = 300
    domain = rng.choice(["zorg", "welzijn", "onderwijs", None], n)
    found = np.where(rng.random(n) < 0.4, rng.integers(0, 3, n), rng.integers(10, 30, n)) * 7  # sparse labels
    people = pd.DataFrame({"domain": domain}, index=pd.Index([f"p{i}" for i in range(n)], name="id"))
    r = compare_partitions(people, found, "domain", permutations=199, seed=seed)
    known = pd.notna(domain)
    truth = pd.factorize(domain[known].astype(object))[0]
    draws = np.random.default_rng(seed)
    observed = mutual_info_score(truth, found[known])
    hits = sum(mutual_info_score(draws.permutation(truth), found[known]) >= observed - 1e-12 for _ in range(199))
    assert 0 < hits < 199  # the check tells something: some relabellings agree as well, not all
    assert r.p_value == (1 + hits) / 200
    assert r.nmi == float(normalized_mutual_info_score(truth, found[known]))
    assert r.ari == float(adjusted_rand_score(truth, found[known]))
