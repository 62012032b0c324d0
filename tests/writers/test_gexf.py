"""Tests for collabgraph/writers/gexf.py: hostile names and values written and read back with
``networkx.read_gexf`` give the same nodes, edges and attributes (expected values from the input frames)."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from collabgraph.writers.gexf import write_gexf
from tests.writers.conftest import (
    HOSTILE,
    as_text_columns,
    expected_edges,
    expected_nodes,
    with_big_integers,
    xml_visible,
)


def test_round_trip_of_hostile_names_and_values(nodes, edges, tmp_path):
    spells = [[("2021-01-01", "2021-03-31"), ("2021-07-01", "2021-07-05")] if i % 2 else [] for i in range(len(edges))]
    nodes = with_big_integers(nodes).assign(start=pd.to_datetime("2020-05-01"),
                                            end=pd.to_datetime([None] + ["2022-01-31"] * 24))
    write_gexf(nodes, edges, tmp_path / "n.gexf", spells=spells)
    g = nx.read_gexf(tmp_path / "n.gexf")
    assert not g.is_directed()
    # Node ids, labels, text attributes and attribute titles come back as written; XML-illegal characters
    # as visible escapes ("soh\x01" -> "soh\\x01"); label, start and end are read into the attributes.
    assert {n: g.nodes[n] for n in g} == as_text_columns(expected_nodes(nodes), nodes)
    assert g.nodes['say "hi"']["big"] == str(10**400) and g.nodes["it's"]["unsigned"] == str(2**63)
    assert g.nodes[xml_visible("nul\x00x")]["label"] == "nul\\x00x" and g.nodes["x" * 20_000]["label"] == "x" * 20_000
    assert (g.nodes['say "hi"']["count"], g.nodes["it's"]["count"]) == (2**63 - 1, -(2**63))  # int64's ends
    # Edges: the same attributes plus the weight, the spells of the row and GEXF's edge id (the row number).
    want = expected_edges(edges)
    for row, ((a, b), attrs) in enumerate(want.items()):
        got = dict(g.edges[a, b])
        assert got.pop("id") == str(row)
        assert got.pop("spells", []) == spells[row]
        assert got == attrs
    assert g.number_of_edges() == len(edges) == len(HOSTILE) - 1


def test_directed_and_without_spans(nodes, edges, tmp_path):
    write_gexf(nodes[["label"]], edges[["source", "target", "weight"]], tmp_path / "n.gexf", directed=True)
    g = nx.read_gexf(tmp_path / "n.gexf")
    assert g.is_directed() and g.has_edge('say "hi"', "it's") and not g.has_edge("it's", 'say "hi"')
    assert g.nodes["Chloë Müller-Ağaoğlu"] == {"label": "Chloë Müller-Ağaoğlu"}
    assert all(set(d) == {"id", "weight"} for _, _, d in g.edges(data=True))


def test_text_columns_in_several_arrow_chunks(tmp_path):
    """pandas may hold a text column as several Arrow chunks (a frame built from pieces): the file is the same as
    of the one-chunk columns, read back with the ids, labels and spells given."""
    import pyarrow as pa

    def chunked(values):
        return pd.arrays.ArrowStringArray(pa.chunked_array([values[:1], values[1:]], pa.large_string()))

    ids, names = ["a", "b", "c"], ["Chloë", "<b>", "c&d"]
    spells = [[("2021-01-01", "2021-03-31")], []]
    for name, wrap in (("one", lambda v: pd.array(v, dtype="string")), ("two", chunked)):
        nodes = pd.DataFrame({"label": wrap(names), "org": wrap(["x", "y", "x"])}, index=pd.Index(wrap(ids)))
        edges = pd.DataFrame({"source": wrap(["a", "b"]), "target": wrap(["b", "c"]), "weight": [1.0, 2.0]})
        write_gexf(nodes, edges, tmp_path / f"{name}.gexf", spells=spells)
    assert (tmp_path / "one.gexf").read_bytes() == (tmp_path / "two.gexf").read_bytes()
    g = nx.read_gexf(tmp_path / "two.gexf")
    assert {n: d["label"] for n, d in g.nodes(data=True)} == dict(zip(ids, names, strict=True))
    assert g.edges["a", "b"]["spells"] == [("2021-01-01", "2021-03-31")] and "spells" not in g.edges["b", "c"]
