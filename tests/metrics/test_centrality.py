"""Tests for collabgraph.metrics.centrality: betweenness against UCINET and networkx, dependency by hand."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import collabgraph
import collabgraph.datasets
from collabgraph.errors import ParameterError
from collabgraph.graph import ties
from collabgraph.metrics.centrality import (
    betweenness,
    betweenness_from_ties,
    coordinator_rows,
    dependency,
    fragmentation,
)
from tests.conftest import make


@pytest.fixture(scope="module")
def camp(realdata):
    ds = collabgraph.load(realdata / "campnet", directed=True)
    return ds, ties(ds)


# ---- betweenness ---------------------------------------------------------------------------------

def test_campnet_directed_betweenness_equals_ucinet(realdata, camp):
    ds, t = camp
    ucinet = pd.read_csv(realdata / "campnet" / "nodes.csv", index_col="id")["ucinet_betweenness_as_reported"]
    b = betweenness(ds, tie_table=t)
    assert b.loc[ucinet.index].tolist() == pytest.approx(ucinet.tolist(), abs=1e-4)  # UCINET, 4 decimals
    assert b.loc["HOLLY"] == pytest.approx(78.3333, abs=1e-4)


@pytest.mark.parametrize("directed", [True, False])
def test_betweenness_equals_networkx(camp, directed):
    ds, t = camp
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(ds.people.index)
    g.add_edges_from(zip(t["source"], t["target"], strict=True))
    ref = nx.betweenness_centrality(g, normalized=False)
    assert betweenness_from_ties(t, ds.people, directed=directed).to_dict() == pytest.approx(ref, abs=1e-9)


@pytest.mark.parametrize("directed", [True, False])
def test_sampled_betweenness_scales_the_pivot_dependencies(camp, directed):
    ds, t = camp
    n, k = len(ds.people), 6
    est = betweenness_from_ties(t, ds.people, directed=directed, k=k, seed=4)
    assert est.equals(betweenness_from_ties(t, ds.people, directed=directed, k=k, seed=4))  # same seed, same numbers
    # independent value: networkx's subset betweenness from the same pivots, scaled by n / k
    pivots = np.sort(np.random.default_rng(4).choice(n, size=k, replace=False))
    g = nx.DiGraph() if directed else nx.Graph()
    g.add_nodes_from(ds.people.index)
    g.add_edges_from(zip(t["source"], t["target"], strict=True))
    ref = nx.betweenness_centrality_subset(g, sources=list(ds.people.index[pivots]), targets=list(g),
                                           normalized=False)
    assert est.to_dict() == pytest.approx({v: x * n / k for v, x in ref.items()}, abs=1e-9)
    exact = betweenness_from_ties(t, ds.people, directed=directed)
    assert betweenness_from_ties(t, ds.people, directed=directed, k=n).equals(exact)
    with pytest.raises(ParameterError):
        betweenness_from_ties(t, ds.people, k=0)


# ---- fragmentation and dependency ----------------------------------------------------------------

def test_fragmentation_by_hand():
    # Borgatti (2006) eq. 4: components {4, 1}: 1 - 12/20 = 0.4; one component: 0; all isolates: 1
    assert fragmentation(np.array([0, 0, 0, 0, 1])) == pytest.approx(0.4)
    assert fragmentation(np.zeros(3, int)) == 0.0
    assert fragmentation(np.arange(4)) == 1.0
    assert math.isnan(fragmentation(np.zeros(1, int)))


def test_dependency_by_hand():
    # network n1: a path b - a - c - d (a is the coordinator), plus e tied to nobody in n1.
    # Removing a leaves {b}, {c, d}, {e}: F = 1 - 2/12 = 5/6 (before: {a,b,c,d}, {e}: 1 - 12/20 = 0.4);
    # the largest component had 4 people, 3 besides a; after it has 2, so 1 person is cut off (1/4).
    people = pd.DataFrame({"id": list("abcdef"), "networks": ["n1"] * 5 + ["n2"],
                           "role": ["coordinator", None, None, None, None, None]})
    inter = pd.DataFrame({"source": ["a", "a", "c", "e"], "target": ["b", "c", "d", "f"]})
    ds = collabgraph.from_frames(people=people, interactions=inter)
    d = dependency(ds, top=2).set_index(["network", "id"])
    a = d.loc[("n1", "a")]
    assert a["reason"] == "coordinator;broker"
    assert (a["members"], a["betweenness"]) == (5, 2.0)  # a lies on b-c and b-d (c on b-d and a-d)
    assert a["fragmentation_before"] == pytest.approx(0.4)
    assert a["fragmentation_after"] == pytest.approx(5 / 6)
    assert (a["cut_off"], a["cut_off_share"]) == (1, pytest.approx(0.25))
    c = d.loc[("n1", "c")]  # removing c cuts d off: {a, b}, {d}, {e}: F = 1 - 2/12
    assert (c["reason"], c["cut_off"], c["fragmentation_after"]) == ("broker", 1, pytest.approx(5 / 6))
    assert ("n2", "f") not in d.index  # n2 has one member and no broker



def test_dependency_without_learning_networks_is_empty():
    ds = make([("a", "b"), ("b", "c")], team={"a": "x", "b": "y", "c": None})
    d = dependency(ds)
    assert d.empty and list(d.columns)[:3] == ["network", "id", "reason"]


# ---- the bundled example ---------------------------------------------------------------------------

def test_example_network_that_depends_on_its_coordinator_is_found(example):
    # datasets/leernetwerken/planted.json: a network tied almost only through its coordinator (a star)
    planted = collabgraph.datasets.planted()["coordinator_dependent"]
    d = dependency(example)
    coords = d[d["reason"].str.contains("coordinator")]
    worst = coords.sort_values(["fragmentation_increase", "network"], ascending=[False, True]).iloc[0]
    assert (worst["network"], worst["id"]) == (planted["network"], planted["coordinator"])
    assert worst["fragmentation_after"] > 0.5
    assert worst["cut_off_share"] > 0.5
    others = coords[coords["network"] != planted["network"]]
    assert (others["cut_off_share"] < worst["cut_off_share"]).all()


def test_example_coordinators_found_whatever_their_label(example, tmp_path):
    # Issue 12, point 12: relabelled "coördinator" (or "Netwerkcoördinator") in people.csv, the coordinators
    # of the example (role "coordinator", one per network) are still tested, with the same numbers.
    import shutil

    from collabgraph.datasets import EXAMPLE

    d = dependency(example)
    planted = collabgraph.datasets.planted()["coordinator_dependent"]
    people = pd.read_csv(EXAMPLE / "people.csv", dtype=str)
    coordinators = set(people.loc[people["role"] == "coordinator", "id"])
    assert set(d.loc[d["reason"].str.contains("coordinator"), "id"]) == coordinators
    assert planted["coordinator"] in coordinators
    for label in ("coördinator", "Netwerkcoördinator"):
        folder = tmp_path / label
        shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns("people.csv", "*.json", "*.md"))
        people.assign(role=people["role"].replace("coordinator", label)).to_csv(folder / "people.csv", index=False)
        assert dependency(collabgraph.load(folder)).equals(d)
    # named values replace the list: "voorzitter" is no one's role, so only the coordinators the networks
    # table names (when the example has one) are tested as coordinators
    table = example.network_table["coordinator"].dropna()
    named = dependency(example, coordinator_roles=["voorzitter"])
    assert set(named.loc[named["reason"].str.contains("coordinator"), "id"]) == set(table)


@pytest.mark.parametrize("roles", [None, ["trekker"], []])
@pytest.mark.parametrize("top", [1, 3, 10])
def test_coordinator_rows_are_dependency_with_no_brokers(roles, top):
    """analyze() takes the programme's coordinator rows from brokers' key-people test: the same table as
    dependency(top=0), whatever top the brokers had."""
    ds = collabgraph.datasets.load_example()
    t = ties(ds)
    want = dependency(ds, top=0, tie_table=t, coordinator_roles=roles)
    got = coordinator_rows(dependency(ds, top=top, tie_table=t, coordinator_roles=roles))
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert len(want)  # the example has coordinators (by role, and named in its networks table)
