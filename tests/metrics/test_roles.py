"""Roles: the position measures against networkx, and roles recovered on graphs with clear positions."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from collabgraph.errors import ParameterError
from collabgraph.graph import ties
from collabgraph.metrics.roles import position_features, roles
from tests.conftest import make


def karate():
    g = nx.karate_club_graph()
    ds = make([(f"p{a:02d}", f"p{b:02d}", float(d["weight"])) for a, b, d in g.edges(data=True)])
    return g, ds


def test_features_match_networkx():
    # Independent values: networkx degree, strength, 2-step ego size, normalised betweenness,
    # weighted Burt constraint and core number on the weighted karate club.
    g, ds = karate()
    f = position_features(ds)
    bet = nx.betweenness_centrality(g, normalized=True)
    con = nx.constraint(g, weight="weight")
    core = nx.core_number(g)
    for i in g:
        row = f.loc[f"p{i:02d}"]
        assert row["degree"] == g.degree(i)
        assert row["strength"] == pytest.approx(g.degree(i, weight="weight"))
        assert row["reach"] == len(nx.ego_graph(g, i, radius=2)) - 1
        assert row["betweenness"] == pytest.approx(bet[i])
        assert row["constraint"] == pytest.approx(con[i])
        assert row["core"] == core[i]


def test_hubs_and_leaves_of_a_caveman_of_stars():
    # Five stars of 8 leaves whose centres form a ring: centres are hubs/bridges, leaves peripheral.
    edges = [(f"c{s}", f"l{s}_{k}") for s in range(5) for k in range(8)]
    edges += [(f"c{s}", f"c{(s + 1) % 5}") for s in range(5)]
    ds = make(edges, people={**{f"c{s}": {} for s in range(5)},
                             **{f"l{s}_{k}": {} for s in range(5) for k in range(8)}, "z": {}})
    r = roles(ds, seed=0)
    centres = r.people.loc[[f"c{s}" for s in range(5)], "role_name"]
    leaves = r.people.loc[r.people.index.str.startswith("l"), "role_name"]
    assert r.k == 2
    assert centres.nunique() == 1 and leaves.nunique() == 1
    assert centres.iloc[0] == "bridge" and leaves.iloc[0] == "peripheral"
    assert r.people.loc["z", "role_name"] == "isolated"


def test_same_seed_same_roles():
    g = nx.powerlaw_cluster_graph(80, 2, 0.3, seed=4)
    ds = make([(f"p{a:02d}", f"p{b:02d}") for a, b in g.edges()])
    t = ties(ds)
    a, b = roles(ds, tie_table=t, seed=1), roles(ds, tie_table=t, seed=1)
    assert a.to_dict() == b.to_dict()
    assert np.array_equal(a.people["role"], b.people["role"])
    assert max(a.silhouette, key=a.silhouette.get) == a.k


def test_bad_max_roles():
    ds = make([("a", "b")])
    with pytest.raises(ParameterError, match=r"^max_roles must be a whole number >= 2; got 1\.$"):
        roles(ds, max_roles=1)
