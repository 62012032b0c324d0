"""Tests for collabgraph.metrics.mixing: hand counts, UCINET/xucinet (Camp '92), networkx, exact enumeration."""

from __future__ import annotations

import itertools
import math
import re

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import collabgraph
import collabgraph.datasets
from collabgraph.errors import ParameterError
from collabgraph.graph import ties, to_graph, to_igraph
from collabgraph.groups import group_codes
from collabgraph.metrics.mixing import (
    assortativity,
    blau_index,
    ei_index,
    ei_index_from_ties,
    mixing_matrix,
    with_network,
)
from tests.conftest import examples, make

# Hand graph: zorg a, b, c; welzijn d, e; onderwijs f; g has no domain (left out with its tie g-a).
DOMAIN = {"a": "zorg", "b": "zorg", "c": "zorg", "d": "welzijn", "e": "welzijn", "f": "onderwijs", "g": None}
EDGES = [("a", "b", 2.0), ("a", "c", 1.0), ("b", "d", 1.0), ("c", "d", 1.0), ("d", "e", 3.0),
         ("e", "f", 1.0), ("f", "a", 1.0), ("g", "a", 1.0)]


@pytest.fixture(scope="module")
def hand():
    return make(EDGES, domain=DOMAIN)


def ei_of(ds, by="domain", **kwargs):
    return ei_index(ds, by=by, **kwargs)


def test_whole_network_by_hand(hand):
    # internal: a-b, a-c (zorg), d-e (welzijn) = 3; external: b-d, c-d, e-f, f-a = 4; g-a left out
    r = ei_of(hand)
    assert (r.ties, r.internal, r.external, r.missing, r.ties_left_out) == (7, 3, 4, 1, 1)
    assert r.ei_index == pytest.approx(1 / 7)
    assert r.share_external == pytest.approx(4 / 7)
    # sizes 3, 2, 1 of N = 6: internal pairs 3 + 1 = 4 of 15 -> expected E-I = 1 - 2 * 4/15 = 7/15
    assert r.ei_expected == pytest.approx(7 / 15)
    assert r.permutations == 999 and 0 < r.ei_p_value <= 1  # the test runs by default, as `collabgraph metrics`
    assert ei_of(hand, permutations=0).ei_p_value is None


def test_weighted_sums_weights(hand):
    # internal weight a-b 2 + a-c 1 + d-e 3 = 6; external 1 + 1 + 1 + 1 = 4 -> (4 - 6) / 10
    r = ei_of(hand, weighted=True)
    assert (r.internal, r.external) == (6.0, 4.0)
    assert r.ei_index == pytest.approx(-0.2)


def test_expected_is_the_ei_of_the_complete_graph(hand):
    # UCINET's expected E-I uses the maximum possible internal and external ties: the E-I of the
    # complete graph on the people with a value, here counted by a plain loop over all pairs.
    known = [p for p, d in DOMAIN.items() if d]
    pairs = list(itertools.combinations(known, 2))
    internal = sum(DOMAIN[x] == DOMAIN[y] for x, y in pairs)
    complete = make(pairs, domain=DOMAIN)
    assert ei_of(complete).ei_index == pytest.approx((len(pairs) - 2 * internal) / len(pairs))
    assert ei_of(hand).ei_expected == pytest.approx(ei_of(complete).ei_index)


@pytest.mark.parametrize("directed", [False, True])
def test_expected_is_the_mean_of_all_relabellings(hand, directed):
    # Exact null: enumerate every distinct assignment of the labels (sizes 3, 2, 1: 60 of them);
    # the mean E-I over them is the expected value, weighted or not.
    ds = make(EDGES, domain=DOMAIN, directed=directed)
    t = ties(ds)
    known = [p for p, d in DOMAIN.items() if d]
    labels = [DOMAIN[p] for p in known]
    for weighted in (False, True):
        values = []
        for perm in set(itertools.permutations(labels)):
            people = ds.people.copy()
            people.loc[known, "domain"] = list(perm)
            values.append(ei_index_from_ties(t, people, by="domain", directed=directed, weighted=weighted).ei_index)
        assert np.mean(values) == pytest.approx(ei_of(ds).ei_expected)


def test_permutation_p_value_matches_the_exact_null(hand):
    # Exact two-sided p over the 60 distinct relabellings, against 20,000 random permutations.
    t = ties(hand)
    known = [p for p, d in DOMAIN.items() if d]
    obs = ei_of(hand)
    values = []
    for perm in set(itertools.permutations([DOMAIN[p] for p in known])):
        people = hand.people.copy()
        people.loc[known, "domain"] = list(perm)
        values.append(ei_index_from_ties(t, people, by="domain").ei_index)
    dev = abs(obs.ei_index - obs.ei_expected)
    exact = np.mean(np.abs(np.array(values) - obs.ei_expected) >= dev - 1e-12)
    r = ei_of(hand, permutations=20_000, seed=3)
    assert r.ei_p_value == pytest.approx(exact, abs=0.01)
    assert (r.permutations, r.seed) == (20_000, 3)


def test_permutations_are_seeded(hand):
    a = ei_of(hand, permutations=200, seed=1).to_dict()
    assert ei_of(hand, permutations=200, seed=1).to_dict() == a
    assert 0 < a["ei_p_value"] <= 1


def test_permutation_p_value_is_small_for_strong_segregation():
    # Three cliques of 8 (28 ties each) joined by two ties: 84 internal, 2 external. A relabelling that
    # segregates as much has probability 3! 8!^3 / 24! (about 1e-10), so none of 999 permutations
    # reaches it: p = (1 + 0) / (1 + 999).
    edges = [(f"{g}{i}", f"{g}{j}") for g in "xyz" for i, j in itertools.combinations(range(8), 2)]
    edges += [("x0", "y0"), ("y1", "z1")]
    ds = make(edges, group={f"{g}{i}": g for g in "xyz" for i in range(8)})
    r = ei_of(ds, by="group", permutations=999)
    assert r.ei_index == pytest.approx((2 - 84) / 86)
    assert r.ei_p_value == pytest.approx(1 / 1000)


def test_groups_by_hand(hand):
    # Convention: a within-group tie counts once for its group, a between-group tie as external for both.
    # zorg: internal a-b, a-c; external b-d, c-d, f-a. welzijn: d-e; b-d, c-d, e-f. onderwijs: -; e-f, f-a.
    g = ei_of(hand).groups
    assert g.values.tolist() == [["onderwijs", 1, 0, 2, 1.0], ["welzijn", 2, 1, 3, 0.5], ["zorg", 3, 2, 3, 0.2]]
    # weighted: welzijn internal d-e = 3
    assert ei_of(hand, weighted=True).groups.set_index("group").loc["welzijn", "internal"] == 3.0


def test_persons_equal_a_plain_loop(hand):
    # Each person's contacts with a domain, counted by a loop over the edge list.
    known = {p for p, d in DOMAIN.items() if d}
    rows = []
    for p in sorted(known, key=list(hand.people.index).index):
        inside = sum(1 for s, t, _ in EDGES if p in (s, t) and {s, t} <= known and DOMAIN[s] == DOMAIN[t])
        outside = sum(1 for s, t, _ in EDGES if p in (s, t) and {s, t} <= known and DOMAIN[s] != DOMAIN[t])
        rows.append([p, DOMAIN[p], inside, outside])
    persons = ei_of(hand).persons
    assert persons[["id", "group", "internal", "external"]].values.tolist() == rows
    a = persons.set_index("id").loc["a"]
    assert a["ei_index"] == pytest.approx(-1 / 3)  # a: a-b, a-c inside, f-a outside (g-a left out)
    assert ei_of(hand, persons=False).persons is None


def test_person_counts_sent_and_received_arcs():
    # directed: a -> b (same group), c -> a (other group): a has 1 internal and 1 external arc
    ds = make([("a", "b"), ("c", "a")], directed=True, g={"a": "x", "b": "x", "c": "y"})
    persons = ei_of(ds, by="g").persons.set_index("id")
    assert persons.loc["a", ["internal", "external"]].tolist() == [1, 1]
    assert persons.loc["c", ["internal", "external"]].tolist() == [0, 1]


def test_mixing_matrix_undirected_by_hand(hand):
    m = mixing_matrix(hand, by="domain")
    assert list(m.index) == ["onderwijs", "welzijn", "zorg"]
    # onderwijs-welzijn e-f, onderwijs-zorg f-a, welzijn-welzijn d-e, welzijn-zorg b-d c-d, zorg-zorg a-b a-c
    assert m.values.tolist() == [[0, 1, 1], [1, 1, 2], [1, 2, 2]]
    assert mixing_matrix(hand, by="domain", weighted=True).loc["welzijn", "welzijn"] == 3.0
    assert m.equals(ei_of(hand).mixing)


def test_camp92_gender(realdata):
    # SOURCE.md: xucinet/UCINET xhomophily(campnet, Gender): E-I -0.667, assortativity 0.664,
    # mixing F->F 20, F->M 4, M->F 5, M->M 25 (directed, reflexive ties not counted)
    ds = collabgraph.load(realdata / "campnet", directed=True)
    r = ei_of(ds, by="gender")
    assert r.ei_index == pytest.approx(-0.667, abs=5e-4)
    assert r.assortativity == pytest.approx(0.664, abs=5e-4)
    assert r.mixing.values.tolist() == [[20, 4], [5, 25]]
    assert (r.internal, r.external, r.ties) == (45, 9, 54)
    # xucinet's e_expected (share of internal pairs): 8*7 + 10*9 = 146 of 18*17 = 306
    assert r.ei_expected == pytest.approx(1 - 2 * 146 / 306)


def test_camp92_role(realdata):
    # SOURCE.md: E-I -0.6667, assortativity 0.5574 (networkx attribute_assortativity_coefficient, directed)
    ds = collabgraph.load(realdata / "campnet", directed=True)
    r = ei_of(ds, by="role")
    assert r.ei_index == pytest.approx(-0.6667, abs=5e-5)
    assert r.assortativity == pytest.approx(0.5574, abs=5e-5)


def test_hospital_status(realdata):
    # SOURCE.md (networkx 3.6.1): by status 275 internal, 864 external, E-I 0.5171, assortativity -0.1214
    d = realdata / "sociopatterns_hospital_lyon"
    ds = collabgraph.load(d / "edges.csv", people=d / "nodes.csv")
    r = ei_of(ds, by="status")
    assert (r.internal, r.external, r.missing) == (275, 864, 0)
    assert r.ei_index == pytest.approx(0.5171, abs=5e-5)
    assert r.assortativity == pytest.approx(-0.1214, abs=5e-5)
    # expected by hand from the group sizes ADM 8, MED 11, NUR 27, PAT 29 (N = 75)
    s = (8 * 7 + 11 * 10 + 27 * 26 + 29 * 28) / (75 * 74)
    assert r.ei_expected == pytest.approx(1 - 2 * s)
    # the mixing matrix sums to the ties (upper triangle with the diagonal)
    assert np.triu(r.mixing.values).sum() == 1139


def random_dataset(seed, directed, n=40, m=120, groups="xyz"):
    rng = np.random.default_rng(seed)
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, size=(m, 2)) if a != b}
    edges = [(f"p{a}", f"p{b}", float(rng.integers(1, 4))) for a, b in sorted(pairs)]
    return make(edges, directed=directed, group={f"p{i}": groups[rng.integers(len(groups))] for i in range(n)})


@pytest.mark.parametrize(("seed", "directed"), [(0, False), (1, False), (2, True), (3, True)])
def test_assortativity_equals_networkx_and_igraph(seed, directed):
    ds = random_dataset(seed, directed)
    t = ties(ds)
    expected = nx.attribute_assortativity_coefficient(to_graph(ds, t), "group")
    assert assortativity(ds, by="group", tie_table=t) == pytest.approx(expected, abs=1e-12)
    assert ei_of(ds, by="group").assortativity == pytest.approx(expected, abs=1e-12)
    # igraph's C implementation agrees too
    codes, _ = group_codes(ds.people, "group")
    assert to_igraph(ds, t).assortativity_nominal(codes.tolist(), directed=directed) == pytest.approx(expected)


@pytest.mark.parametrize("directed", [False, True])
def test_weighted_assortativity_equals_networkx_on_a_multigraph(directed):
    # networkx has no weighted version; integer weights as parallel edges of a multigraph are the same thing
    ds = random_dataset(5, directed)
    t = ties(ds)
    g = nx.MultiDiGraph() if directed else nx.MultiGraph()
    g.add_nodes_from((p, {"group": x}) for p, x in ds.people["group"].items())
    for s, d, w in zip(t["source"], t["target"], t["weight"], strict=True):
        g.add_edges_from([(s, d)] * int(w))
    expected = nx.attribute_assortativity_coefficient(g, "group")
    assert assortativity(ds, by="group", tie_table=t, weighted=True) == pytest.approx(expected)
    assert ei_of(ds, by="group", weighted=True).assortativity == pytest.approx(expected)


@pytest.mark.parametrize("directed", [False, True])
def test_many_groups_leave_out_only_the_matrix(monkeypatch, directed):
    # above MIXING_LIMIT groups no k x k matrix is built; the rest comes from per-group sums and is unchanged
    ds = random_dataset(4, directed)
    t = ties(ds)
    full = ei_index(ds, by="group", tie_table=t, permutations=20)
    monkeypatch.setattr("collabgraph.metrics.mixing.MIXING_LIMIT", 1)
    few = ei_index(ds, by="group", tie_table=t, permutations=20)
    assert few.mixing.empty and len(full.mixing) == len(full.groups) > 1
    pd.testing.assert_frame_equal(few.groups, full.groups)
    pd.testing.assert_frame_equal(few.persons, full.persons)
    assert (few.assortativity, few.ei_index, few.ei_p_value) == (full.assortativity, full.ei_index, full.ei_p_value)
    assert few.to_dict()["mixing"] == {}


def test_assortativity_by_hand(hand):
    # e counts each tie both ways (14 ends): diagonal 0 + 2 + 4, row sums 2, 5, 7 -> r = 6 / 118
    assert assortativity(hand, by="domain") == pytest.approx(6 / 118)


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_assortativity_undefined_with_one_group():
    # networkx gives NaN here; we say undefined (None)
    ds = make([("a", "b"), ("b", "c")], g={"a": "x", "b": "x", "c": "x", "d": "y"})
    assert assortativity(ds, by="g") is None
    r = ei_of(ds, by="g")
    assert r.assortativity is None and r.ei_index == -1.0
    assert math.isnan(nx.attribute_assortativity_coefficient(to_graph(ds), "g"))


def test_no_ties_and_one_person():
    ds = make([("a", "b")], g={"a": "x", "b": None})
    r = ei_of(ds, by="g", permutations=10)
    assert (r.ties, r.ei_index, r.ei_expected, r.ei_p_value, r.assortativity) == (0, None, None, None, None)
    assert r.to_dict()["groups"] == [{"group": "x", "size": 1, "internal": 0, "external": 0, "ei_index": None}]


def test_to_dict_has_the_issue_keys(hand):
    d = ei_of(hand, permutations=10).to_dict()
    assert list(d)[:13] == ["by", "directed", "weighted", "ties", "internal", "external", "ei_index",
                            "ei_expected", "ei_p_value", "assortativity", "mixing", "groups", "missing"]
    assert d["mixing"]["welzijn"] == {"onderwijs": 1, "welzijn": 1, "zorg": 2}
    assert set(d["groups"][0]) == {"group", "size", "internal", "external", "ei_index"}
    # a's contacts b, c (zorg) and f (onderwijs): Blau 1 - (2/3)^2 - (1/3)^2 = 4/9 (test_blau_by_hand)
    assert d["persons"][0] == {"id": "a", "group": "zorg", "internal": 2, "external": 1, "ei_index": -1 / 3,
                               "groups_reached": 2, "blau": pytest.approx(4 / 9)}


def test_unknown_attribute_lists_the_available_ones(hand):
    with pytest.raises(ParameterError, match=r"by must be one of .*domain.*; got 'hobby'\."):
        ei_of(hand, by="hobby")
    with pytest.raises(ParameterError, match="permutations must be a whole number >= 0; got -1"):
        ei_of(hand, permutations=-1)


def test_network_attribute_only_for_people_in_one_network():
    people = pd.DataFrame({"domain": ["x", "y", "z", "x"]}, index=pd.Index(list("abcd"), name="id"))
    memberships = pd.DataFrame({"person": ["a", "b", "b", "c", "c"], "network": ["n1", "n1", "n2", "n2", "n2"]})
    assert with_network(people, memberships)["network"].fillna("-").tolist() == ["n1", "-", "n2", "-"]
    assert with_network(people.assign(network="own"), memberships)["network"].tolist() == ["own"] * 4


def test_blau_by_hand(hand):
    b = blau_index(hand, by="domain")
    # a: contacts b, c (zorg), f (onderwijs), g (unknown) -> 1 - (2/3)^2 - (1/3)^2 = 4/9
    assert b.loc["a", ["contacts", "unknown", "groups"]].tolist() == [3, 1, 2]
    assert b.loc["a", "blau"] == pytest.approx(4 / 9)
    # d: b, c (zorg), e (welzijn) -> 4/9; e: d (welzijn), f (onderwijs) -> 1/2; g: a only -> 0
    assert b.loc[["d", "e", "g"], "blau"].tolist() == pytest.approx([4 / 9, 0.5, 0.0])


def test_blau_counts_each_contact_once_when_directed():
    # a <-> b mutual plus a -> c: a has two contacts (b in x, c in y): 1 - 1/4 - 1/4
    ds = make([("a", "b"), ("b", "a"), ("a", "c")], directed=True, g={"a": "x", "b": "x", "c": "y", "d": "y"})
    b = blau_index(ds, by="g")
    assert b.loc["a", ["contacts", "groups", "blau"]].tolist() == [2, 2, 0.5]
    assert math.isnan(b.loc["d", "blau"]) and b.loc["d", "contacts"] == 0


@settings(max_examples=examples(40), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11), st.integers(1, 3)), min_size=1, max_size=40),
       st.lists(st.sampled_from(["x", "y", "z", None]), min_size=12, max_size=12), st.booleans())
def test_counts_add_up_and_equal_a_plain_loop(edges, labels, directed):
    # Any graph: the totals of the groups, people and mixing matrix agree with the network's, and with a
    # loop over the pairs.
    edges = [(f"p{a}", f"p{b}", float(w)) for a, b, w in edges if a != b]
    if not edges:
        return
    group = {f"p{i}": x for i, x in enumerate(labels)}
    ds = make(edges, directed=directed, g=group)
    t = ties(ds)
    for weighted in (False, True):
        r = ei_index(ds, by="g", tie_table=t, weighted=weighted)
        pairs = list(zip(t["source"], t["target"], t["weight"], strict=True))
        known = [(s, d, w if weighted else 1) for s, d, w in pairs if group[s] and group[d]]
        assert r.internal == pytest.approx(sum(w for s, d, w in known if group[s] == group[d]))
        assert r.external == pytest.approx(sum(w for s, d, w in known if group[s] != group[d]))
        assert r.groups["internal"].sum() == pytest.approx(r.internal)
        assert r.groups["external"].sum() == pytest.approx(2 * r.external)
        assert r.persons["internal"].sum() == pytest.approx(2 * r.internal)
        assert r.persons["external"].sum() == pytest.approx(2 * r.external)
        m = r.mixing.to_numpy()
        assert (m.sum() if directed else np.triu(m).sum()) == pytest.approx(r.internal + r.external)
        assert r.missing == sum(1 for p in ds.people.index if not group[p])


def test_example_cross_domain_share_rises(example):
    # datasets/leernetwerken/README.md, planted pattern 1 (measured by the generator with plain pandas):
    # the share of distinct ties between domains rises from 25.5% in 2020 to 38.7% in 2021
    planted = collabgraph.datasets.planted()["growth"]
    shares = {}
    for year in ("2020", "2021"):
        sub = example.filter(start=f"{year}-01-01", end=f"{year}-12-31")
        r = ei_index(sub, by="domain", persons=False, permutations=200)
        shares[year] = r.share_external
        assert r.share_external == pytest.approx(planted["cross_domain_share"][year], abs=5e-4)
        # far fewer crossings than random mixing would give, in both years: p = 1 / 201
        assert r.ei_index < r.ei_expected and r.ei_p_value == pytest.approx(1 / 201)
        # the three growth networks met in domain tracks in 2020 and mixed in 2021
        for network in planted["networks"]:
            net = sub.filter(network=network)
            mixed = ei_index(net, by="domain", persons=False).share_external
            assert (mixed < 0.3) if year == "2020" else (mixed > 0.7)
    assert shares["2021"] > shares["2020"]


def test_example_single_organisation_network(example):
    # README pattern 8: every member of Ouderenzorg Achterhoek is from Zorggroep Slingeland Thuis, so each
    # member's E-I by organisation is -1, inside the network and in the whole programme
    planted = collabgraph.datasets.planted()["single_organisation"]
    sub = example.filter(network=planted["network"])
    r = ei_index(sub, by="organisation")
    assert r.ei_index == -1.0 and r.groups["group"].tolist() == [planted["organisation"]]
    members = example.memberships.loc[example.memberships["network"] == planted["network"], "person"]
    whole = ei_index(example, by="organisation").persons.set_index("id")
    assert (whole.loc[members, "ei_index"] == -1.0).all()


def test_example_connectors_turn_to_other_domains(example):
    # datasets/leernetwerken/README.md, pattern 1: the connectors' distinct direct contacts in another domain,
    # 2020 -> 2021, as the generator measured them with plain pandas ("with 0→14, 2→20, ..."): each person's
    # external count over direct interactions (no co-attendance) in each year
    readme = (collabgraph.datasets.EXAMPLE / "README.md").read_text(encoding="utf-8")
    growth = next(line for line in readme.splitlines() if line.startswith("1. **Cross-domain growth**"))
    expected = [[int(a), int(b)] for a, b in re.findall(r"(\d+)→(\d+)", growth) if a != "2020"]
    connectors = collabgraph.datasets.planted()["growth"]["connectors"]
    counts = {}
    for year in ("2020", "2021"):
        sub = example.filter(start=f"{year}-01-01", end=f"{year}-12-31")
        persons = ei_index(sub, by="domain", tie_table=ties(sub, attendance=False)).persons.set_index("id")
        counts[year] = persons["external"].reindex(connectors, fill_value=0)
    assert pd.concat(counts, axis=1).values.tolist() == expected
