"""Tests of collabgraph.metrics.windows: one window's metrics against the metric modules, the windows of each tie."""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import numpy as np
import pytest

from collabgraph.errors import ParameterError
from collabgraph.metrics.windows import tie_windows, window_metrics, window_runs, window_ties


def test_window_metrics_agree_with_the_metric_modules(example):
    # one window = the whole example: the numbers are those of summary, isolation, pollination and communities
    from collabgraph.graph import ties
    from collabgraph.metrics.communities import communities
    from collabgraph.metrics.isolation import isolation
    from collabgraph.metrics.pollination import pollination
    from collabgraph.metrics.structure import summary

    t = ties(example)
    m, membership = window_metrics(example, tie_table=t)
    s = summary(example, tie_table=t)
    assert (m["ties"], m["components"], m["density"]) == (s.ties, s.components, pytest.approx(s.density, abs=1e-6))
    members = set(example.memberships["person"])
    assert m["isolated"] == len(set(isolation(example, tie_table=t).ids("isolate")) & members) > 0
    between = pollination(example, by=None, k=50, tie_table=t).between_network_ties
    assert m["between_network_ties"] == between["ties"].sum()
    assert m["modularity"] == pytest.approx(communities(example, tie_table=t).modularity)
    assert membership.index.isin(example.people.index).all()
    # and independently, with networkx on the tie table and the returned partition (every tie once, the default)
    ids = example.people.index.to_numpy()
    g = nx.Graph()
    g.add_nodes_from(ids)
    g.add_weighted_edges_from(zip(ids[t["u"]], ids[t["v"]], t["weight"], strict=True))
    parts = [set(group.index) for _, group in membership.groupby(membership)]
    parts += [{p} for p in set(ids) - set(membership.index)]
    assert m["modularity"] == pytest.approx(nx.community.modularity(g, parts, weight=None), abs=1e-6)
    assert (m["ties"], m["components"]) == (g.number_of_edges(), nx.number_connected_components(g))
    assert m["density"] == pytest.approx(nx.density(g), abs=1e-6)


@pytest.mark.parametrize("records", ["all", "interactions", "attendance"])
@pytest.mark.parametrize("directed", [False, True])
def test_tie_windows_hold_the_ties_of_each_window(example, records, directed):
    # tie_windows (the map's filter and the GEXF spells) puts a tie in exactly the windows whose own tie table
    # has it: per window the same count as the timeline, directed (co-attendance an arc each way) or not.
    ds = replace(example, directed=True) if directed else example
    windows = ds.windows("quarter")
    got = tie_windows(ds, freq="quarter", records=records)
    t = window_ties(ds, records=records)
    for i, w in enumerate(windows):
        own = window_ties(w.dataset, records=records)
        rows = t.iloc[got.loc[got["window"] == i, "tie"]]
        assert sorted(zip(rows["u"], rows["v"], strict=True)) == sorted(zip(own["u"], own["v"], strict=True))
        assert (got.loc[got["window"] == i, "start"] == w.start).all()


def test_window_parameters(example):
    with pytest.raises(ParameterError) as err:
        tie_windows(example, freq="wave")  # waves have no dates to put a record in a window
    assert str(err.value) == "freq must be one of day, week, month, quarter, year; got 'wave'."
    with pytest.raises(ParameterError, match="records must be one of all, interactions, attendance; got 'email'."):
        window_ties(example, records="email")
    with pytest.raises(ParameterError, match="min_size must be a whole number >= 1; got 0."):
        window_metrics(example, min_size=0)


def _by_hand(key, window) -> list[tuple[int, int, int]]:
    runs = []
    for k in sorted({int(x) for x in key if x >= 0}):
        seen = sorted({int(w) for x, w in zip(key, window, strict=True) if x == k})
        first = prev = seen[0]
        for w in seen[1:]:
            if w != prev + 1:
                runs.append((k, first, prev))
                first = w
            prev = w
        runs.append((k, first, prev))
    return runs


@pytest.mark.parametrize("seed", range(20))
def test_window_runs_equal_a_loop(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 60))
    key, window = rng.integers(-1, 6, n), rng.integers(0, 12, n)
    k, first, last = window_runs(key, window)
    assert list(zip(k.tolist(), first.tolist(), last.tolist(), strict=True)) == _by_hand(key, window)


def test_window_runs_empty_and_single():
    assert [x.tolist() for x in window_runs(np.zeros(0, np.int64), np.zeros(0, np.int64))] == [[], [], []]
    assert [x.tolist() for x in window_runs(np.array([-1]), np.array([3]))] == [[], [], []]
    assert [x.tolist() for x in window_runs(np.array([4]), np.array([0]))] == [[4], [0], [0]]
