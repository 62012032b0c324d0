"""The tie-table primitives against plain numpy/pandas computations of the same thing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabgraph.tietable import (
    end_codes,
    lookup,
    pair_ends,
    pair_keys,
    sorted_unique,
    strengths,
    undirected_edges,
    unique_counts,
)
from tests.conftest import examples


@pytest.fixture(params=[0, 1, 2])
def random_pairs(request):
    rng = np.random.default_rng(request.param)
    n = int(rng.integers(2, 50))
    u, v = rng.integers(0, n, 500), rng.integers(0, n, 500)
    return n, u, v


@pytest.mark.parametrize("directed", [False, True])
def test_pair_keys_order_pairs_as_pandas_sorts_them(random_pairs, directed):
    n, u, v = random_pairs
    frame = pd.DataFrame({"u": u, "v": v})
    if not directed:
        frame = pd.DataFrame({"u": frame.min(axis=1), "v": frame.max(axis=1)})
    keys = pair_keys(u, v, n, directed)
    assert keys.dtype == np.int64
    expected = frame.drop_duplicates().sort_values(["u", "v"])
    assert np.unique(keys).tolist() == [x * n + y for x, y in zip(expected["u"], expected["v"], strict=True)]
    back = pair_ends(keys, n)
    assert back[0].tolist() == frame["u"].tolist() and back[1].tolist() == frame["v"].tolist()


def test_pair_keys_leave_their_inputs_alone_and_take_int32():
    u, v = np.array([3, 1], dtype=np.int32), np.array([0, 2], dtype=np.int32)
    assert pair_keys(u, v, 4, directed=False).tolist() == [0 * 4 + 3, 1 * 4 + 2]
    assert u.tolist() == [3, 1] and v.tolist() == [0, 2]


def test_pair_keys_do_not_overflow_int32_positions():
    n = 100_000  # n * n > 2**31
    keys = pair_keys(np.array([n - 1], dtype=np.int32), np.array([n - 2], dtype=np.int32), n, directed=True)
    assert keys.tolist() == [(n - 1) * n + n - 2]


def test_pair_keys_of_nothing():
    assert pair_keys(np.zeros(0, int), np.zeros(0, int), 0, directed=False).tolist() == []
    assert [x.tolist() for x in pair_ends(np.zeros(0, np.int64), 5)] == [[], []]


def test_lookup_equals_a_dict_lookup(random_pairs):
    n, u, v = random_pairs
    keys = pair_keys(u, v, n, directed=True)
    table = sorted(set(keys[: len(keys) // 2].tolist()))
    where = {key: i for i, key in enumerate(table)}  # the plain dict: key -> position
    sought = np.concatenate([keys, [-1, n * n]])  # also below the first and past the last key
    positions, found = lookup(np.array(table, dtype=np.int64), sought)
    assert found.tolist() == [key in where for key in sought.tolist()]
    assert positions[found].tolist() == [where[key] for key in sought.tolist() if key in where]


def test_lookup_in_nothing():
    positions, found = lookup(np.zeros(0, np.int64), np.array([3, 0]))
    assert found.tolist() == [False, False]
    assert lookup(np.array([1, 2]), np.zeros(0, np.int64))[1].tolist() == []


@pytest.mark.parametrize("values", [[], [7], [3, 1, 3, 3, -2, 0], list(range(10, 0, -1)) * 3])
def test_sorted_unique_and_unique_counts_equal_numpy_unique(values):
    x = np.array(values, dtype=np.int64)
    assert sorted_unique(x).tolist() == np.unique(x).tolist()
    distinct, counts = unique_counts(x)
    expected = pd.Series(x, dtype="int64").value_counts().sort_index()
    assert distinct.tolist() == expected.index.tolist()
    assert counts.tolist() == expected.tolist()


def test_sorted_unique_of_random_keys(random_pairs):
    n, u, v = random_pairs
    keys = pair_keys(u, v, n, directed=True)
    assert sorted_unique(keys).tolist() == sorted(set(keys.tolist()))
    distinct, counts = unique_counts(keys)
    assert int(counts.sum()) == len(keys) and distinct.tolist() == sorted(set(keys.tolist()))


@pytest.mark.parametrize("weighted", [True, False])
def test_undirected_edges_merge_arcs_as_a_pandas_groupby(random_pairs, weighted):
    n, u, v = random_pairs
    keep = u != v
    arcs = pd.DataFrame({"u": u[keep], "v": v[keep]}).drop_duplicates()  # a directed tie table
    arcs["weight"] = np.random.default_rng(len(arcs)).random(len(arcs))
    expected = (arcs.assign(a=arcs[["u", "v"]].min(axis=1), b=arcs[["u", "v"]].max(axis=1))
                .groupby(["a", "b"], sort=True)["weight"].sum())
    a, b, w = undirected_edges(arcs, weighted=weighted)
    assert list(zip(a.tolist(), b.tolist(), strict=True)) == expected.index.tolist()
    if weighted:
        np.testing.assert_allclose(w, expected.to_numpy(), rtol=1e-12)
    else:
        assert w.tolist() == [1.0] * len(expected)


def numpy_unique_edges(tie_table, weighted):
    """undirected_edges as it was written before it sorted with the module's kernels: np.unique's inverse."""
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    a, b = np.minimum(u, v), np.maximum(u, v)
    w = tie_table["weight"].to_numpy(float) if weighted else np.ones(len(a))
    n = int(b.max()) + 1
    keys, inverse = np.unique(a * n + b, return_inverse=True)
    return keys // n, keys % n, np.bincount(inverse, weights=w) if weighted else np.ones(len(keys))


ARCS = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30), st.floats(1e-9, 1e6) | st.sampled_from([0.1, 1 / 3])),
                min_size=1, max_size=200)


@settings(max_examples=examples(200), deadline=None)
@given(ARCS, st.booleans())
def test_undirected_edges_equal_the_numpy_unique_path_bit_for_bit(arcs, weighted):
    t = pd.DataFrame(arcs, columns=["u", "v", "weight"])
    for ours, plain in zip(undirected_edges(t, weighted=weighted), numpy_unique_edges(t, weighted), strict=True):
        assert ours.tolist() == plain.tolist()  # the same floats: each edge's arcs added in the same order


def test_undirected_edges_of_an_empty_table():
    t = pd.DataFrame({"u": pd.Series(dtype="int64"), "v": pd.Series(dtype="int64"), "weight": pd.Series(dtype=float)})
    assert [x.tolist() for x in undirected_edges(t)] == [[], [], []]


def test_end_codes_are_positions_in_the_people_table():
    from collabgraph import from_frames

    people = pd.DataFrame({"id": ["a", "b", "c"]})
    inter = pd.DataFrame({"source": ["c", "a", "b"], "target": ["a", "b", "c"]})
    ds = from_frames(people=people, interactions=inter)
    position = {pid: i for i, pid in enumerate(ds.people.index)}
    for source, target in [(ds.interactions["source"], ds.interactions["target"]),  # categoricals as validated
                           (ds.interactions["source"].astype(str), ds.interactions["target"].astype(str))]:
        u, v = end_codes(ds, source, target)
        assert u.tolist() == [position[x] for x in inter["source"]]
        assert v.tolist() == [position[x] for x in inter["target"]]
    assert [x.tolist() for x in end_codes(ds, pd.Series(["b", "zz"]), pd.Series(["zz", "a"]))] == [
        [position["b"], -1], [-1, position["a"]]]


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5),
                          st.sampled_from([1.0, 2.0, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.7, 1e-9, 3.5])),
                max_size=40))
@settings(max_examples=examples(200), deadline=None)
def test_strengths_are_the_exactly_rounded_sums_of_each_persons_weights(ties):
    from fractions import Fraction

    exact = [Fraction(0)] * 6
    for a, b, w in ties:
        exact[a] += Fraction(w)
        exact[b] += Fraction(w)
    a = np.array([x[0] for x in ties], np.int64)
    b = np.array([x[1] for x in ties], np.int64)
    w = np.array([x[2] for x in ties], float)
    assert strengths(a, b, w, 6).tolist() == [float(x) for x in exact]


def test_strength_of_whole_weights_and_of_nobody():
    assert strengths(np.array([0, 1]), np.array([1, 2]), np.array([2.0, 3.0]), 4).tolist() == [2.0, 5.0, 3.0, 0.0]
    assert strengths(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), 3).tolist() == [0.0, 0.0, 0.0]


def test_the_examples_strengths_are_their_exact_sums(example_analysis):
    """Each person's strength in the people table is the float nearest the exact sum of their tie weights
    (networkx's edges of the tie table, added as fractions). Added one after the other, 369 of the example's
    came out otherwise, such as 94.99999999999996 for P0001's 95 in people.csv."""
    from fractions import Fraction

    import networkx as nx

    from collabgraph.datasets import load_example
    from collabgraph.graph import ties

    ds = load_example()
    t = ties(ds)
    g = nx.MultiGraph()
    g.add_nodes_from(range(len(ds.people)))
    g.add_weighted_edges_from(zip(t["u"], t["v"], t["weight"].fillna(0.0), strict=True))
    exact = [float(sum((Fraction(w) for _, _, w in g.edges(node, data="weight")), Fraction(0))) for node in g]
    assert example_analysis.people["strength"].tolist() == exact
    assert example_analysis.people.loc["P0001", "strength"] == 95.0


def test_the_examples_strengths_recomputed_from_the_input_files(example_analysis):
    """people.csv's ``strength`` is each person's summed weight of what they took part in, recomputed here
    from the CSV files with pandas, not from the tie table: the ``weight`` of every interaction they are in
    (blank: 1), plus 1 per event they attended with at least one other person (an event with ``n``
    attendees gives each of the ``n - 1`` pairs ``1 / (n - 1)``, Newman 2001; docs/data.md). Summed as
    fractions, so the check does not depend on the order of float additions."""
    from fractions import Fraction

    from collabgraph.datasets import EXAMPLE

    inter = pd.read_csv(EXAMPLE / "interactions.csv", dtype=str)
    attendance = pd.read_csv(EXAMPLE / "attendance.csv", dtype=str)
    people = pd.read_csv(EXAMPLE / "people.csv", dtype=str)
    assert not (inter["source"] == inter["target"]).any() and not attendance.duplicated(["event", "person"]).any()
    exact = {person: Fraction(0) for person in people["id"]}
    for source, target, weight in zip(inter["source"], inter["target"], inter["weight"].fillna("1"), strict=True):
        exact[source] += Fraction(weight)
        exact[target] += Fraction(weight)
    size = attendance.groupby("event")["person"].transform("size")
    for person in attendance.loc[size > 1, "person"]:
        exact[person] += 1
    got = example_analysis.people["strength"]
    assert sorted(got.index) == sorted(exact)
    assert max(abs(got[p] - float(x)) for p, x in exact.items()) <= 1e-9
    assert got["P0001"] == float(exact["P0001"]) == 95.0
