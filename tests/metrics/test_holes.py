"""Tests for collabgraph.metrics.holes: Burt's measures against networkx, igraph and hand counts."""

from __future__ import annotations

import math

import igraph as ig
import networkx as nx
import numpy as np
import pandas as pd
import pytest

import collabgraph
from collabgraph.graph import ties, to_graph
from collabgraph.metrics.holes import structural_holes, structural_holes_from_ties
from tests.conftest import make


@pytest.mark.parametrize("directed", [True, False])
def test_constraint_and_effective_size_equal_networkx_and_igraph_on_campnet(realdata, directed):
    ds = collabgraph.load(realdata / "campnet", directed=directed)
    t = ties(ds)
    g = to_graph(ds, t)
    r = structural_holes(ds, tie_table=t)
    assert r["constraint"].to_dict() == pytest.approx(nx.constraint(g), abs=1e-12)
    # networkx's per-node formula (nodes given); its sparse shortcut divides by the wrong maxima on
    # directed graphs (broadcasts the row maxima over columns), so it is not the reference here
    assert r["effective_size"].to_dict() == pytest.approx(nx.effective_size(g, nodes=list(g)), abs=1e-12)
    ig_g = ig.Graph(n=len(ds.people), edges=t[["u", "v"]].to_numpy().tolist(), directed=directed)
    assert r["constraint"].tolist() == pytest.approx(ig_g.constraint(), abs=1e-12)


def test_weighted_constraint_equals_networkx_and_igraph():
    rng = np.random.default_rng(3)
    g = nx.gnm_random_graph(50, 160, seed=3, directed=True)
    for x, y in g.edges:
        g[x][y]["weight"] = float(rng.integers(1, 6))
    t = pd.DataFrame([(x, y, d["weight"]) for x, y, d in g.edges(data=True)], columns=["u", "v", "weight"])
    people = pd.DataFrame(index=pd.RangeIndex(50))
    r = structural_holes_from_ties(t, people, weighted=True)
    assert r["constraint"].to_dict() == pytest.approx(nx.constraint(g, weight="weight"), abs=1e-12, nan_ok=True)
    assert r["effective_size"].to_dict() == pytest.approx(
        nx.effective_size(g, nodes=list(g), weight="weight"), abs=1e-12, nan_ok=True)
    ig_g = ig.Graph(n=50, edges=t[["u", "v"]].to_numpy().tolist(), directed=True)
    assert r["constraint"].tolist() == pytest.approx(ig_g.constraint(weights=t["weight"].tolist()),
                                                     abs=1e-12, nan_ok=True)


def test_hierarchy_by_hand():
    # ego a with contacts b, c, d and a tie b - c. By hand: p_aj = 1/3, p_bc = p_cb = 1/2, so
    # c_ab = c_ac = (1/3 + 1/3 * 1/2)^2 = 1/4, c_ad = 1/9, C = 11/18, C/N = 11/54;
    # H = [2 (27/22) ln(27/22) + (6/11) ln(6/11)] / (3 ln 3)
    ds = make([("a", "b"), ("a", "c"), ("a", "d"), ("b", "c")])
    r = structural_holes(ds).loc["a"]
    assert r["constraint"] == pytest.approx(11 / 18)
    h = (2 * (27 / 22) * math.log(27 / 22) + (6 / 11) * math.log(6 / 11)) / (3 * math.log(3))
    assert r["hierarchy"] == pytest.approx(h, abs=1e-12)
    assert r["effective_size"] == pytest.approx(3 - 2 * 1 / 3)  # Borgatti: n - 2t/n


def test_hierarchy_is_zero_for_equal_contacts_and_undefined_below_two():
    # a star: every contact constrains the centre equally (1/9 each), so no hierarchy (by hand)
    ds = make([("a", "b"), ("a", "c"), ("a", "d")], team={"e": "x"})
    r = structural_holes(ds)
    assert r.loc["a", "hierarchy"] == pytest.approx(0.0, abs=1e-15)
    assert math.isnan(r.loc["b", "hierarchy"])  # one contact
    assert r.loc["e"].isna()[["constraint", "effective_size", "hierarchy"]].all()  # isolate


def test_weighted_hierarchy_by_hand():
    # a - b weight 3, a - c weight 1: p_ab = 3/4, p_ac = 1/4, c = 9/16 and 1/16, C = 10/16, C/N = 5/16;
    # H = [(9/5) ln(9/5) + (1/5) ln(1/5)] / (2 ln 2)
    ds = make([("a", "b", 3.0), ("a", "c", 1.0)])
    r = structural_holes(ds, weighted=True).loc["a"]
    assert r["constraint"] == pytest.approx(10 / 16)
    assert r["hierarchy"] == pytest.approx((1.8 * math.log(1.8) + 0.2 * math.log(0.2)) / (2 * math.log(2)))


@pytest.mark.parametrize("seed", [0, 1])
def test_the_row_order_of_the_tie_table_does_not_matter(seed):
    # the contact pairs are read off the canonical CSR matrix in (row, column) order, which the triangle
    # lookups need sorted; a tie table in random row order, with zero-weight arcs, gives the same floats
    rng = np.random.default_rng(seed)
    g = nx.gnm_random_graph(40, 150, seed=seed, directed=True)
    t = pd.DataFrame([(x, y, float(rng.integers(0, 4))) for x, y in g.edges], columns=["u", "v", "weight"])
    people = pd.DataFrame(index=pd.RangeIndex(40))
    shuffled = t.sample(frac=1.0, random_state=seed).reset_index(drop=True)
    for weighted in (False, True):
        ours = structural_holes_from_ties(shuffled, people, weighted=weighted)
        pd.testing.assert_frame_equal(ours, structural_holes_from_ties(t, people, weighted=weighted), check_exact=True)
        kept = t[t["weight"] > 0] if weighted else t  # a zero-weight tie is no contact when weighted
        h = nx.DiGraph(list(zip(kept["u"], kept["v"], ({"weight": w} for w in kept["weight"]), strict=True)))
        h.add_nodes_from(range(40))
        expected = nx.constraint(h, weight="weight" if weighted else None)
        assert ours["constraint"].to_dict() == pytest.approx(expected, abs=1e-12, nan_ok=True)
