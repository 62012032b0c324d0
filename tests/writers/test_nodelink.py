"""Tests for collabgraph/writers/nodelink.py: hostile names and values written and read back with
``json.loads`` and ``networkx.node_link_graph`` give the same nodes, edges and attributes (expected values
from the input frames; JSON carries every character, so no text changes)."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from collabgraph.writers.nodelink import write_node_link
from tests.writers.conftest import HOSTILE, expected_edges, expected_nodes, with_big_integers


def _same(text):
    return text


def test_round_trip_of_hostile_names_and_values(nodes, edges, tmp_path):
    nodes = with_big_integers(nodes)  # JSON numbers of any size: 10**400 and uint64 come back exactly
    write_node_link(nodes, edges, tmp_path / "n.json")
    raw = (tmp_path / "n.json").read_text(encoding="utf-8")
    data = json.loads(raw)  # strict JSON: no NaN, every string escaped
    assert "NaN" not in raw and "soh\\u0001" in raw and "Chloë" in raw  # non-ASCII written as itself
    assert data["directed"] is False and data["multigraph"] is False and data["graph"] == {}
    g = nx.node_link_graph(data, edges="edges")
    assert {n: g.nodes[n] for n in g} == expected_nodes(nodes, _same)
    assert {(a, b): d for a, b, d in g.edges(data=True)} == expected_edges(edges, _same)
    assert g.nodes["nul\x00x"]["name"] == "nul\x00x" and g.nodes['say "hi"']["count"] == 2**63 - 1
    assert [n["id"] for n in data["nodes"]] == HOSTILE


def test_directed_and_no_nan(nodes, edges, tmp_path):
    write_node_link(nodes[["score"]], edges[["source", "target"]], tmp_path / "n.json", directed=True)
    g = nx.node_link_graph(json.loads((tmp_path / "n.json").read_text(encoding="utf-8")), edges="edges")
    assert g.is_directed() and "score" not in g.nodes['say "hi"'] and g.nodes["it's"]["score"] == 1e308
    frame = pd.DataFrame({"x": [np.inf]}, index=["a"])
    with pytest.raises(ValueError, match="Out of range float"):
        write_node_link(frame, edges.iloc[:0], tmp_path / "inf.json")
