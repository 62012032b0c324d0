"""Tests for collabgraph.metrics.pollination: hand counts, a plain loop over ties, and the brokerage module."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import collabgraph
import collabgraph.datasets
from collabgraph.graph import ties
from collabgraph.metrics.brokerage import brokers, gould_fernandez
from collabgraph.metrics.centrality import betweenness
from collabgraph.metrics.holes import structural_holes
from collabgraph.metrics.mixing import ei_index_from_ties
from collabgraph.metrics.pollination import openness, pollination
from tests.conftest import plain_memberships

MEMBERS = {"a": "n1", "b": "n1;n2", "c": "n2", "d": "n2;n3", "e": "n3", "f": "n1", "g": None}
DOMAINS = {"a": "zorg", "b": "zorg", "c": "welzijn", "d": "onderwijs", "e": "welzijn", "f": "zorg", "g": "zorg"}
EDGES = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "e"), ("a", "f"), ("f", "c"), ("e", "g"), ("a", "c")]


@pytest.fixture(scope="module")
def small():
    people = pd.DataFrame({"id": list(MEMBERS), "networks": list(MEMBERS.values()),
                           "domain": [DOMAINS[p] for p in MEMBERS]})
    inter = pd.DataFrame(EDGES, columns=["source", "target"])
    return collabgraph.from_frames(people=people, interactions=inter)


def nets(pid):
    return set(MEMBERS[pid].split(";")) if MEMBERS[pid] else set()


def test_openness_by_hand(small):
    # n1 = {a, b, f}: internal a-b, a-f; external b-c, f-c, a-c -> E-I = (3 - 2) / 5 = 0.2
    # n2 = {b, c, d}: internal b-c, c-d; external a-b, d-e, f-c, a-c -> (4 - 2) / 6 = 1/3
    # n3 = {d, e}: internal d-e; external c-d, e-g -> (2 - 1) / 3 = 1/3
    o = openness(small).set_index("network")
    assert o.loc["n1", ["members", "internal", "external"]].tolist() == [3, 2, 3]
    assert o["openness"].tolist() == pytest.approx([0.2, 1 / 3, 1 / 3])


def test_openness_equals_a_plain_loop(small):
    rows = []
    for x in ["n1", "n2", "n3"]:
        internal = sum(x in nets(s) and x in nets(t) for s, t in EDGES)
        external = sum((x in nets(s)) != (x in nets(t)) for s, t in EDGES)
        rows.append([x, internal, external, (external - internal) / (external + internal)])
    assert openness(small)[["network", "internal", "external", "openness"]].values.tolist() == rows


def test_openness_without_ties_is_undefined():
    people = pd.DataFrame({"id": ["a", "b", "c"], "networks": ["n1", "n2", "n2"]})
    ds = collabgraph.from_frames(people=people, interactions=pd.DataFrame({"source": ["b"], "target": ["c"]}))
    o = openness(ds).set_index("network")
    assert math.isnan(o.loc["n1", "openness"])
    assert o.loc["n2", "openness"] == -1.0


def test_overlap_by_hand(small):
    # n1 & n2 share b: 1 / (3 + 3 - 1) = 0.2; n2 & n3 share d: 1 / (3 + 2 - 1) = 0.25; n1 & n3 none
    r = pollination(small, by=None)
    assert r.overlap.values.tolist() == [["n1", "n2", 1, 0.2], ["n2", "n3", 1, 0.25]]


def test_between_network_ties_equal_a_plain_loop(small):
    r = pollination(small, by=None)
    expected = []
    for x, y in itertools.combinations(["n1", "n2", "n3"], 2):
        # ties: one end in x and not y, the other in y and not x; via_shared: one end in both, the other in x or y
        only = sum(x in nets(s) - nets(t) and y in nets(t) - nets(s)
                   or y in nets(s) - nets(t) and x in nets(t) - nets(s) for s, t in EDGES)
        via = sum({x, y} <= nets(s) and bool(nets(t) & {x, y}) or {x, y} <= nets(t) and bool(nets(s) & {x, y})
                  for s, t in EDGES)
        touching = sum(bool((nets(s) | nets(t)) & {x, y}) for s, t in EDGES)
        if only or via:
            expected.append([x, y, only, only / touching, via])
    assert r.between_network_ties.values.tolist() == expected
    # by hand: n1-n2: f-c and a-c of the 7 ties touching n1 or n2; a-b and b-c are ties of b, in both.
    # n2-n3: c-d and d-e are ties of d, in both: no tie between n2 and n3 members
    assert expected == [["n1", "n2", 2, 2 / 7, 2], ["n2", "n3", 0, 0.0, 2]]


def test_between_network_ties_on_the_example_equal_plain_python(example):
    """Recomputed from the CSV files: memberships declared and observed, ties from records and shared events."""
    folder = Path(collabgraph.datasets.__file__).parent / "leernetwerken"
    people = pd.read_csv(folder / "people.csv")
    inter = pd.read_csv(folder / "interactions.csv")
    events = pd.read_csv(folder / "events.csv").set_index("id")
    att = pd.read_csv(folder / "attendance.csv")
    member = plain_memberships(people, inter, events, att)
    pairs = {frozenset(p) for p in zip(inter["source"], inter["target"], strict=True)}
    for _, group in att.groupby("event"):
        pairs |= {frozenset(p) for p in itertools.combinations(group["person"], 2)}
    only, via = {}, {}
    for u, v in map(sorted, pairs):
        nu, nv = member[u], member[v]
        for x, y in {tuple(sorted((x, y))) for x in nu - nv for y in nv - nu}:
            only[x, y] = only.get((x, y), 0) + 1
        spanned = {tuple(sorted(xy)) for ends, other in ((nu, nv), (nv, nu))
                   for xy in itertools.combinations(sorted(ends), 2) if set(xy) & other}
        for xy in spanned:
            via[xy] = via.get(xy, 0) + 1
    got = pollination(example, by=None, k=20).between_network_ties.set_index(["network_a", "network_b"])
    assert got["ties"][got["ties"] > 0].to_dict() == only
    assert got["via_shared"][got["via_shared"] > 0].to_dict() == via
    # the shared members' ties outnumber the ties between members of two networks (Groningen–Haaglanden: 2 vs 172)
    assert got["via_shared"].sum() > got["ties"].sum() > 0


def test_spanners_and_their_brokerage(small):
    r = pollination(small, by="domain")
    t = ties(small)
    s = r.spanners.set_index("id")
    assert list(s.index) == ["b", "d"]  # the two people in two networks (by hand)
    assert s["networks"].tolist() == ["n1;n2", "n2;n3"]
    assert s["betweenness"].tolist() == betweenness(small, tie_table=t).loc[["b", "d"]].tolist()
    assert s["constraint"].tolist() == structural_holes(small, tie_table=t).loc[["b", "d"], "constraint"].tolist()
    roles = gould_fernandez(small, by="domain", tie_table=t).people
    assert s["total"].tolist() == roles.loc[["b", "d"], "total"].tolist()


def test_network_table_and_density(small):
    r = pollination(small, by=None)
    n = r.networks.set_index("network")
    assert n["spanners"].tolist() == [1, 2, 1]  # b in n1, n2; d in n2, n3
    # network of networks: n1-n2 (shared b), n2-n3 (shared d), n1-n3 (no member, no tie) -> 2 of 3 pairs
    assert r.density == pytest.approx(2 / 3)
    out = r.to_dict()
    assert list(out)[:4] == ["networks", "overlap", "spanners", "between_network_ties"]


def test_example_boundary_spanners_are_found(example):
    # datasets/leernetwerken/planted.json: people active in three or more learning networks
    planted = set(collabgraph.datasets.planted()["boundary_spanners"])
    spanners = pollination(example).spanners
    assert planted <= set(spanners["id"])
    assert set(spanners.loc[spanners["n_networks"] >= 3, "id"]) == planted


@pytest.mark.parametrize("weighted, by", [(False, "domain"), (True, "domain"), (False, "organisation")])
def test_a_shared_brokers_result_gives_the_same_result(example, weighted, by):
    # analyze() hands brokers() to pollination() so betweenness, roles and constraint are computed once
    t = ties(example)
    shared = brokers(example, by=by, weighted=weighted, k=50, seed=3, tie_table=t)
    alone = pollination(example, by="domain", k=50, seed=3, tie_table=t)
    assert pollination(example, by="domain", tie_table=t, brokerage=shared).to_dict() == alone.to_dict()


def test_openness_equals_ei_index_of_membership(example):
    # openness is E-I of "member of X or not", vectorised over networks
    o = openness(example).set_index("network")
    members = example.memberships
    for x in o.index[:3]:
        inside = example.people.index.isin(members.loc[members["network"] == x, "person"])
        flag = pd.DataFrame({"member": np.where(inside, "in", "out")}, index=example.people.index)
        g = ei_index_from_ties(ties(example), flag, by="member", persons=False).groups.set_index("group").loc["in"]
        assert o.loc[x, ["members", "internal", "external"]].tolist() == [g["size"], g["internal"], g["external"]]
        assert o.loc[x, "openness"] == g["ei_index"]
