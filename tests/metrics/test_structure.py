"""Whole-network structure: degree, density and components against networkx."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.graph import ties
from collabgraph.metrics.structure import component_labels, degree, density


@pytest.mark.parametrize("directed", [False, True])
def test_degree_counts_distinct_partners_as_networkx(directed):
    rng = np.random.default_rng(3)
    ids = [f"p{i}" for i in range(30)]
    src, tgt = rng.integers(0, 30, 200), rng.integers(0, 30, 200)
    keep = src != tgt
    ds = from_frames(people=pd.DataFrame({"id": ids}),
                     interactions=pd.DataFrame({"source": np.array(ids)[src[keep]],
                                                "target": np.array(ids)[tgt[keep]]}), directed=directed)
    t = ties(ds)
    g = nx.Graph()  # partners regardless of direction: arcs both ways are one partner
    g.add_nodes_from(range(len(ids)))
    g.add_edges_from(zip(t["u"], t["v"], strict=True))
    assert degree(ds, tie_table=t).tolist() == [g.degree(i) for i in range(len(ids))]
    labels = component_labels(ds, tie_table=t)
    assert len(set(labels)) == nx.number_connected_components(g)
    arcs = nx.DiGraph(zip(t["u"], t["v"], strict=True)) if directed else g
    arcs.add_nodes_from(range(len(ids)))
    assert density(len(ids), len(t), directed=directed) == pytest.approx(nx.density(arcs))
