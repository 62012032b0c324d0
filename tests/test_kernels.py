"""The tie table's kernels equal the plain pandas group-by they replace: sum, size, first and last date."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from collabgraph.kernels import group_date_range, group_sums, runs, stable_sort
from tests.conftest import examples

MAX_WEIGHT = 2.0 ** 53  # the largest weight validation accepts


def kernel_groupby(key, weight, date) -> pd.DataFrame:
    """The four kernels in the order graph.ties calls them."""
    key, order = stable_sort(np.array(key, dtype=np.int64))
    starts, sizes = runs(key)
    first, last = group_date_range(np.asarray(date, dtype="datetime64[ns]")[order], starts)
    return pd.DataFrame({"weight": group_sums(np.asarray(weight, float)[order], starts, sizes),
                         "count": sizes.astype(np.int64), "first": first, "last": last},
                        index=pd.Index(key[starts], name="key"))


def pandas_groupby(key, weight, date) -> pd.DataFrame:
    """The plain pandas group-by. A last record of key -1 (dropped from the result) keeps the keys out of
    order: pandas 3.1 sums records already in key order with ``np.add.reduceat``, not its compensated sum."""
    records = pd.DataFrame({"key": np.append(np.asarray(key, dtype=np.int64), -1),
                            "weight": np.append(np.asarray(weight, float), 0.0),
                            "date": np.append(np.asarray(date, dtype="datetime64[ns]"), np.datetime64("NaT"))})
    return records.groupby("key", sort=True).agg(weight=("weight", "sum"), count=("weight", "size"),
                                                 first=("date", "min"), last=("date", "max")).drop(index=-1)


def assert_same(key, weight, date):
    ours, theirs = kernel_groupby(key, weight, date), pandas_groupby(key, weight, date)
    assert ours.index.tolist() == theirs.index.tolist()
    # bit for bit: the same additions in the same order with the same compensation
    assert ours["weight"].to_numpy().view(np.int64).tolist() == theirs["weight"].to_numpy().view(np.int64).tolist()
    assert ours["count"].tolist() == theirs["count"].tolist()
    for column in ("first", "last"):
        assert ours[column].to_numpy().view(np.int64).tolist() == \
            theirs[column].to_numpy("datetime64[ns]").view(np.int64).tolist()


def random_records(seed: int, size: int, *, keys: int, huge: bool = False, missing_dates: float = 0.2):
    rng = np.random.default_rng(seed)
    key = rng.integers(0, keys, size)
    weight = np.where(rng.random(size) < 0.5, rng.integers(1, 5, size), rng.random(size) * 10)
    if huge:
        weight = np.where(rng.random(size) < 0.3, MAX_WEIGHT, weight)
    date = np.datetime64("2020-01-01", "ns") + rng.integers(0, 10**9, size).astype("timedelta64[s]")
    date[rng.random(size) < missing_dates] = np.datetime64("NaT")
    return key, weight, date


@pytest.mark.parametrize("seed", range(4))
def test_random_records(seed):
    assert_same(*random_records(seed, 5000, keys=300))


@pytest.mark.parametrize("seed", range(2))
def test_huge_weights_next_to_fractions(seed):
    assert_same(*random_records(seed, 2000, keys=50, huge=True))


def test_sums_that_rounding_order_changes():
    key = np.zeros(13, np.int64)
    weight = np.array([0.1] * 10 + [1e15, 1 / 3, -1e15])[::-1]  # order matters in floating point
    assert_same(key, weight, np.full(13, np.datetime64("NaT"), "datetime64[ns]"))
    assert group_sums(weight, np.array([0]), np.array([13]))[0] != sum(weight.tolist())  # not a plain sum


def test_ties_in_key_keep_record_order():
    key = np.array([5, 1, 5, 5, 1, 0], np.int64)
    sorted_key, order = stable_sort(key.copy())
    assert order.tolist() == np.argsort(key, kind="stable").tolist()
    assert sorted_key.tolist() == np.sort(key).tolist()


def test_keys_too_large_to_pack_take_the_stable_argsort():
    key = np.array([2**61, 3, 2**61, 3], np.int64)
    sorted_key, order = stable_sort(key.copy())
    assert order.tolist() == [1, 3, 0, 2] and sorted_key.tolist() == [3, 3, 2**61, 2**61]
    assert_same(key, [1.5, 2.0, 0.25, 1.0], np.array(["2021-01-01", "NaT", "NaT", "2020-05-05"], "datetime64[ns]"))


def test_one_record():
    assert_same([42], [0.3], np.array(["2024-02-29"], "datetime64[ns]"))
    assert_same([0], [MAX_WEIGHT], np.array(["NaT"], "datetime64[ns]"))


def test_no_records():
    ours = kernel_groupby([], [], np.zeros(0, "datetime64[ns]"))
    assert len(ours) == 0
    assert [str(d) for d in ours.dtypes] == ["float64", "int64", "datetime64[ns]", "datetime64[ns]"]
    assert [x.tolist() for x in runs(np.zeros(0, np.int64))] == [[], []]


WEIGHTS = st.one_of(st.floats(min_value=1e-9, max_value=MAX_WEIGHT, allow_nan=False),
                    st.integers(min_value=1, max_value=2**53).map(float), st.sampled_from([0.1, 1 / 3, 1.0]))


@settings(max_examples=examples(200), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), WEIGHTS, st.one_of(st.none(), st.integers(0, 10**12))), max_size=60))
def test_any_records(records):
    key = [r[0] for r in records]
    weight = [r[1] for r in records]
    date = np.array([np.datetime64("NaT") if r[2] is None else np.datetime64(r[2], "s") for r in records],
                    dtype="datetime64[ns]")
    assert_same(key, weight, date)
