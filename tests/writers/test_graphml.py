"""Tests for collabgraph/writers/graphml.py: hostile names and values written and read back with
``networkx.read_graphml`` give the same nodes, edges and attributes (expected values from the input frames)."""

from __future__ import annotations

import networkx as nx

from collabgraph.writers.graphml import write_graphml
from tests.writers.conftest import (
    HOSTILE,
    as_text_columns,
    expected_edges,
    expected_nodes,
    with_big_integers,
    xml_visible,
)


def test_round_trip_of_hostile_names_and_values(nodes, edges, tmp_path):
    nodes = with_big_integers(nodes)
    write_graphml(nodes, edges, tmp_path / "n.graphml")
    g = nx.read_graphml(tmp_path / "n.graphml")
    assert not g.is_directed()
    # Ids, texts and key names as written, XML-illegal characters as visible escapes; int64's ends, the
    # largest and smallest doubles, booleans and ISO dates with their types; missing values absent.
    assert {n: g.nodes[n] for n in g} == as_text_columns(expected_nodes(nodes), nodes)
    assert {(a, b): d for a, b, d in g.edges(data=True)} == expected_edges(edges)
    assert g.nodes[xml_visible("soh\x01")]["name"] == "soh\\x01" and g.nodes["cr\rhere"]["name"] == "cr\rhere"
    assert g.nodes["it's"]["count"] == -(2**63) and g.nodes["it's"]["score"] == 1e308
    assert g.number_of_edges() == len(HOSTILE) - 1


def test_directed(nodes, edges, tmp_path):
    write_graphml(nodes[[]], edges[["source", "target"]], tmp_path / "n.graphml", directed=True)
    g = nx.read_graphml(tmp_path / "n.graphml")
    assert g.is_directed() and g.has_edge("]]>", "<![CDATA[x]]>") and not g.has_edge("<![CDATA[x]]>", "]]>")
    assert all(not d for _, d in g.nodes(data=True)) and len(g) == len(HOSTILE)
