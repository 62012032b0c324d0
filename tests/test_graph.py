"""The tie table and graphs, against hand computations and a plain second implementation."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pandas as pd
import pytest

from collabgraph import from_frames, load
from collabgraph.graph import (
    attribute_graph,
    bipartite_graph,
    network_graph,
    network_pairs,
    ties,
    to_graph,
    to_igraph,
)


@pytest.fixture
def small():
    people = pd.DataFrame({"id": ["a", "b", "c", "d"], "domain": ["zorg", "zorg", "wonen", None],
                           "networks": ["N", "N;M", "M", "M"]})
    inter = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "c"],
                          "date": ["2021-01-10", "2021-02-01", "2021-03-01"], "network": ["N", "M", "M"],
                          "weight": [2, 1, 1]})
    events = pd.DataFrame({"id": ["e1", "e2"], "date": ["2021-01-05", "2021-04-01"], "network": ["M", "N"]})
    att = pd.DataFrame({"event": ["e1", "e1", "e1", "e1", "e2", "e2"], "person": ["a", "b", "c", "d", "a", "b"]})
    return from_frames(people=people, interactions=inter, events=events, attendance=att)


def test_tie_table_by_hand(small):
    t = ties(small).set_index(["source", "target"])
    # a-b: interactions 2 + 1, e1 has 4 attendees -> 1/3 (Newman 1/(n-1)), e2 has 2 -> 1
    ab = t.loc[("a", "b")]
    assert ab["weight"] == pytest.approx(2 + 1 + 1 / 3 + 1)
    assert (ab["count"], ab["interactions"], ab["events"]) == (4, 2, 2)
    assert (ab["first"], ab["last"]) == (pd.Timestamp("2021-01-05"), pd.Timestamp("2021-04-01"))
    assert ab["networks"] == "M;N"
    assert t.loc[("a", "c"), "weight"] == pytest.approx(1 + 1 / 3)
    assert t.loc[("c", "d"), "weight"] == pytest.approx(1 / 3)
    assert len(t) == 6  # all pairs of a, b, c, d meet at e1
    assert (t["u"] < t["v"]).all()


def test_tie_table_parts(small):
    assert len(ties(small, attendance=False)) == 2
    assert ties(small, interactions=False).set_index(["source", "target"]).loc[("a", "b"), "count"] == 2


def test_directed_ties_keep_both_directions(small):
    ds = from_frames(people=small.people.reset_index()[["id"]],
                     interactions=pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "b"]}),
                     directed=True)
    t = ties(ds).set_index(["source", "target"])["count"].to_dict()
    assert t == {("a", "b"): 2, ("b", "a"): 1}


@pytest.mark.parametrize("directed", [False, True])
def test_events_of_one_attendee_make_no_tie(directed):
    # Newman's 1/(n-1) has no pair for n = 1: attendance-only data of single attendees has no ties
    # (this raised IndexError in every command, issue 12).
    ds = from_frames(people=pd.DataFrame({"id": ["a", "b"]}),
                     events=pd.DataFrame({"id": ["e1", "e2"], "date": ["2021-01-05", "2021-04-01"]}),
                     attendance=pd.DataFrame({"event": ["e1", "e2"], "person": ["a", "b"]}), directed=directed)
    t = ties(ds)
    assert len(t) == 0 and list(t.columns) == list(ties(ds, attendance=False).columns)
    assert to_graph(ds, t).number_of_edges() == 0


def test_tie_table_equals_a_plain_loop_on_the_hospital_ward(realdata):
    # Second implementation: a Python dict over the raw records.
    d = realdata / "sociopatterns_hospital_lyon"
    raw = pd.read_csv(d / "contacts.csv", dtype=str)
    expected = defaultdict(int)
    for s, t in zip(raw["source"], raw["target"], strict=True):
        expected[tuple(sorted((s, t)))] += 1
    ds = load(d / "contacts.csv", people=d / "nodes.csv")
    got = {tuple(sorted((s, t))): c for s, t, c in ties(ds)[["source", "target", "count"]].itertuples(index=False)}
    assert got == dict(expected)


def test_networkx_and_igraph_graphs_agree(small):
    t = ties(small)
    g, h = to_graph(small, t), to_igraph(small, t)
    assert g.number_of_nodes() == h.vcount() == 4
    assert g.number_of_edges() == h.ecount() == 6
    assert g.nodes["c"]["domain"] == "wonen" and "domain" not in g.nodes["d"]
    assert g.edges["a", "b"]["weight"] == pytest.approx(13 / 3)
    assert h.vs["name"] == ["a", "b", "c", "d"]
    assert sorted(h.es["weight"]) == pytest.approx(sorted(nx.get_edge_attributes(g, "weight").values()))


def test_attribute_graph_by_domain(small):
    g = attribute_graph(small, "domain")
    # d has no domain: left out; a-b zorg internal; a-c and b-c zorg-wonen
    assert g.nodes["zorg"] == {"size": 2, "internal_ties": 1, "internal_weight": pytest.approx(13 / 3)}
    assert g.edges["zorg", "wonen"]["ties"] == 2


def test_network_graph_shared_members_and_ties(small):
    g = network_graph(small)
    # N = {a, b} (declared + observed), M = {a, b, c, d} (a observed through e1 and a-c in M)
    assert dict(g.nodes(data="members")) == {"M": 4, "N": 2}
    assert g.edges["M", "N"]["shared"] == 2
    assert g.edges["M", "N"]["jaccard"] == pytest.approx(2 / 4)
    # every member of N is also in M: no tie has one end only in N and the other only in M; the 5 ties
    # of a or b (all pairs but c-d, all met at e1) are ties of people in both
    assert (g.edges["M", "N"]["ties"], g.edges["M", "N"]["via_shared"]) == (0, 5)



@pytest.mark.parametrize("directed", [False, True])
def test_network_pairs_equal_a_count_over_member_sets(directed):
    """Every pair of learning networks of the example, counted from the members' sets and the ties one by one."""
    ds = load("datasets/leernetwerken")
    if directed:
        ds = from_frames(people=ds.people.reset_index(), interactions=ds.interactions.head(400), directed=True)
    members = defaultdict(set)
    for person, network in zip(ds.memberships["person"], ds.memberships["network"], strict=True):
        members[network].add(person)
    t = ties(ds)
    rows = []
    for x in sorted(members):
        for y in sorted(members):
            if not x < y:
                continue
            both = members[x] & members[y]
            joined = [(s, e) for s, e in zip(t["source"], t["target"], strict=True)
                      if (s in members[x] and e in members[y]) or (s in members[y] and e in members[x])]
            via = sum(s in both or e in both for s, e in joined)
            if both or len(joined) > via:
                rows.append((x, y, len(both), len(both) / len(members[x] | members[y]), len(joined) - via, via))
    got = network_pairs(ds)
    assert got.values.tolist() == [list(r) for r in rows] and len(rows) >= 20
    g = network_graph(ds)  # the same edges
    assert sorted((min(a, b), max(a, b), d["ties"], d["via_shared"]) for a, b, d in g.edges(data=True)) \
        == [(r[0], r[1], r[4], r[5]) for r in rows]

def test_bipartite_graph(small):
    g = bipartite_graph(small)
    assert nx.is_bipartite(g)
    assert g.degree("event:e1") == 4 and g.number_of_edges() == 6


@pytest.mark.parametrize("directed", [False, True])
def test_tie_table_equals_a_pandas_group_by_bit_for_bit(directed):
    # fractional weights (co-attendance style thirds, sevenths) summed in record order: the sort-based
    # aggregation must give pandas' compensated group-by sums exactly, and the same first/last/networks
    import numpy as np

    rng = np.random.default_rng(7)
    n, m = 40, 3000  # weights rounded to 12 decimals, as a CSV file would hold them
    ids = [f"p{i:02d}" for i in range(n)]
    src, tgt = rng.integers(0, n, m), rng.integers(0, n, m)
    keep = src != tgt
    inter = pd.DataFrame({"source": np.array(ids)[src[keep]], "target": np.array(ids)[tgt[keep]],
                          "weight": (rng.integers(1, 20, keep.sum()) / rng.choice([1, 3, 7], keep.sum())).round(12),
                          "date": pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 700, keep.sum()), "D"),
                          "network": rng.choice(["N1", "N2", "N3", None], keep.sum())})
    inter.loc[rng.random(len(inter)) < 0.1, "date"] = pd.NaT
    ds = from_frames(people=pd.DataFrame({"id": ids}), interactions=inter.astype({"weight": str}), directed=directed)
    got = ties(ds, attendance=False)
    rec = ds.interactions
    a, b = ds.codes(rec["source"]), ds.codes(rec["target"])
    if not directed:
        a, b = np.minimum(a, b), np.maximum(a, b)
    plain = pd.DataFrame({"u": a, "v": b, "weight": rec["weight"].to_numpy(), "date": rec["date"].to_numpy(),
                          "network": rec["network"].astype(object).to_numpy()})
    expected = plain.groupby(["u", "v"], sort=True).agg(weight=("weight", "sum"), count=("weight", "size"),
                                                        first=("date", "min"), last=("date", "max"))
    nets = plain.dropna(subset=["network"]).groupby(["u", "v"])["network"].agg(lambda s: ";".join(sorted(set(s))))
    assert got["weight"].tolist() == expected["weight"].tolist()  # exact, not approx
    assert got["count"].tolist() == expected["count"].tolist()
    assert got["first"].equals(expected["first"].reset_index(drop=True))
    assert got["last"].equals(expected["last"].reset_index(drop=True))
    assert got["networks"].fillna("-").tolist() == [nets.get((u, v), "-") for u, v in expected.index]
