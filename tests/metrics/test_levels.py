"""Tests for collabgraph.metrics.levels: against graph.attribute_graph, plain loops and hand counts."""

from __future__ import annotations

import numpy as np
import pytest

from collabgraph.errors import ParameterError
from collabgraph.graph import attribute_graph
from collabgraph.metrics.levels import group_ties, level_ei, organisation_domain
from tests.conftest import make

ORG = {"a": "A", "b": "A", "c": "B", "d": "C", "e": "C", "f": "D", "g": "E", "h": None}
DOMAIN = {"a": "zorg", "b": "welzijn", "c": "zorg", "d": "welzijn", "e": "welzijn", "f": "onderwijs",
          "g": None, "h": "zorg"}
EDGES = [("a", "b", 2.0), ("a", "c", 1.0), ("b", "d", 1.0), ("c", "d", 1.0), ("d", "e", 3.0), ("e", "f", 1.0),
         ("f", "a", 1.0), ("g", "a", 1.0), ("h", "c", 1.0), ("b", "c", 1.0)]


@pytest.fixture(scope="module")
def ds():
    return make(EDGES, organisation=ORG, domain=DOMAIN)


@pytest.mark.parametrize("level", ["organisation", "domain"])
def test_group_ties_equal_attribute_graph(ds, level):
    # graph.attribute_graph is an independent projection (a networkx graph built group by group)
    t, nodes = group_ties(ds, level=level)
    g = attribute_graph(ds, level)
    assert sorted(zip(t["source"], t["target"], t["count"], t["weight"], strict=True)) == sorted(
        (min(x, y), max(x, y), d["ties"], d["weight"]) for x, y, d in g.edges(data=True))
    assert nodes["size"].to_dict() == {n: d["size"] for n, d in g.nodes(data=True)}
    assert nodes["internal_ties"].to_dict() == {n: d["internal_ties"] for n, d in g.nodes(data=True)}


def test_modal_values_by_hand(ds):
    # A: a zorg, b welzijn -> tie broken alphabetically: welzijn; B: c zorg; C: welzijn; D: onderwijs; E: none
    nodes = group_ties(ds, level="organisation")[1]
    assert nodes["domain"].fillna("-").tolist() == ["welzijn", "zorg", "welzijn", "onderwijs", "-"]


def test_level_ei_by_hand(ds):
    # organisation pairs: A-B (a-c, b-c), A-C (b-d), B-C (c-d), C-D (e-f), A-D (f-a), A-E (g-a; E has no domain)
    # with modal domains A welzijn, B zorg, C welzijn, D onderwijs: internal A-C; external A-B, B-C, C-D, A-D
    r = level_ei(ds, level="organisation", by="domain")
    assert (r.ties, r.internal, r.external, r.missing, r.ties_left_out) == (5, 1, 4, 1, 1)
    assert r.ei_index == pytest.approx(3 / 5)
    # weighted: A-B carries a-c 1 + b-c 1 = 2, so external weight 2 + 1 + 1 + 1 = 5, internal b-d 1
    w = level_ei(ds, level="organisation", by="domain", weighted=True)
    assert (w.internal, w.external) == (1.0, 5.0)


def test_level_ei_errors(ds):
    with pytest.raises(ParameterError, match=r"by must be another attribute than level \(every domain group is its own "
                                             r"group\); got 'domain' for both\."):
        level_ei(ds, level="domain", by="domain")
    with pytest.raises(ParameterError, match="by must be one of size, internal_ties, .*; got 'hobby'"):
        level_ei(ds, level="organisation", by="hobby")


def test_directed_group_ties_keep_direction():
    ds = make([("a", "c"), ("c", "b")], directed=True, organisation={"a": "A", "b": "A", "c": "B"})
    t = group_ties(ds, level="organisation")[0]
    assert t[["source", "target", "count"]].values.tolist() == [["A", "B", 1], ["B", "A", 1]]


def test_organisation_domain_equals_a_plain_loop(ds):
    rows = {}
    for o in sorted({x for x in ORG.values() if x}):
        for d in sorted({x for x in DOMAIN.values() if x}):
            people = sum(ORG[p] == o and DOMAIN[p] == d for p in ORG)
            tie_count = sum(1 for s, t, _ in EDGES
                            if (ORG[s] == o and DOMAIN[t] == d) or (ORG[t] == o and DOMAIN[s] == d))
            if people or tie_count:
                rows[(o, d)] = [people, tie_count]
    table = organisation_domain(ds)
    assert {(o, d): [p, t] for o, d, p, t in table.values.tolist()} == rows
    assert table["people"].sum() == sum(1 for p in ORG if ORG[p] and DOMAIN[p])
    assert np.all(table[["organisation", "domain"]].to_numpy() == table.sort_values(["organisation", "domain"])[
        ["organisation", "domain"]].to_numpy())
