"""Communities: planted partitions, determinism, modularity and quality against networkx, composition,
comparison with a formal partition and stability."""

from __future__ import annotations

import json

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import normalized_mutual_info_score

from collabgraph.errors import ParameterError
from collabgraph.graph import ties
from collabgraph.metrics import communities as communities_module
from collabgraph.metrics.communities import (
    MIN_COMMUNITY,
    clusters,
    communities,
    communities_from_ties,
    compare_partitions,
    composition,
    modularity,
    quality,
    stability,
)
from tests.conftest import make

METHODS = ["louvain", "leiden", "lpa"]


def from_nx(g: nx.Graph, weight=None):
    """A people table and tie table from a networkx graph (node labels become ids 'p000'...)."""
    nodes = sorted(g.nodes)
    name = {n: f"p{n:03d}" for n in nodes}
    edges = [(name[a], name[b], float(d.get("weight", 1.0))) if weight else (name[a], name[b])
             for a, b, d in g.edges(data=True)]
    ds = make(edges, people={name[n]: {} for n in nodes})
    return ds, ties(ds), np.array([name[n] for n in nodes])


@pytest.fixture(scope="module")
def planted():
    # 4 groups of 30, p_in 0.5, p_out 0.02: expected 7.25 internal vs 1.8 external ties per person.
    g = nx.planted_partition_graph(4, 30, 0.5, 0.02, seed=42)
    ds, t, _ = from_nx(g)
    truth = np.repeat(np.arange(4), 30)
    return ds, t, truth


@pytest.mark.parametrize("method", METHODS)
def test_planted_partition_recovered(planted, method):
    # The generator's groups are nodes 0-29, 30-59, ... (networkx docs); NMI >= 0.9 required.
    ds, t, truth = planted
    c = communities(ds, tie_table=t, method=method, seed=0)
    assert normalized_mutual_info_score(truth, c.membership.to_numpy()) >= 0.9


@pytest.mark.parametrize("method", METHODS)
def test_stochastic_block_model_recovered(method):
    # Unequal blocks (40, 25, 15) from networkx's stochastic_block_model; block of node i is known.
    sizes = [40, 25, 15]
    probs = [[0.4, 0.01, 0.02], [0.01, 0.5, 0.01], [0.02, 0.01, 0.6]]
    g = nx.stochastic_block_model(sizes, probs, seed=7)
    ds, t, _ = from_nx(g)
    truth = np.repeat(np.arange(3), sizes)
    c = communities(ds, tie_table=t, method=method, seed=3)
    assert normalized_mutual_info_score(truth, c.membership.to_numpy()) >= 0.9


@pytest.mark.parametrize("method", METHODS)
def test_same_seed_gives_identical_json(planted, method):
    ds, t, _ = planted
    a = json.dumps(communities(ds, tie_table=t, method=method, seed=5).to_dict())
    b = json.dumps(communities(ds, tie_table=t, method=method, seed=5).to_dict())
    assert a == b


def test_seed_does_not_touch_global_random():
    import random
    random.seed(1)
    expected = random.random()
    random.seed(1)
    ds = make([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    communities(ds, seed=9)
    assert random.random() == expected


@pytest.mark.parametrize("method", METHODS)
def test_modularity_matches_networkx(planted, method):
    # Independent value: networkx.community.modularity on the same graph and partition.
    ds, t, _ = planted
    c = communities(ds, tie_table=t, method=method, seed=0)
    g = nx.Graph()
    g.add_nodes_from(ds.people.index)
    g.add_weighted_edges_from(zip(t["source"], t["target"], t["weight"], strict=True))
    parts = [set(ids) for ids in c.members.values()]
    assert c.modularity == pytest.approx(nx.community.modularity(g, parts, weight="weight"), abs=1e-12)


def test_modularity_weighted_resolution_matches_networkx():
    g = nx.karate_club_graph()  # weighted since networkx 2.x (Zachary's interaction counts)
    ds, t, _ = from_nx(g, weight=True)
    labels = np.array([0 if g.nodes[n]["club"] == "Mr. Hi" else 1 for n in sorted(g.nodes)])
    names = {n: f"p{n:03d}" for n in g}
    h = nx.relabel_nodes(g, names)
    parts = [{names[n] for n in g if labels[n] == k} for k in (0, 1)]
    for gamma in (0.5, 1.0, 2.0):
        expected = nx.community.modularity(h, parts, weight="weight", resolution=gamma)
        found = modularity(ds, membership=labels, tie_table=t, resolution=gamma, weighted=True)
        assert found == pytest.approx(expected, abs=1e-12)
    expected = nx.community.modularity(h, parts, weight=None)
    assert modularity(ds, membership=labels, tie_table=t, weighted=False) == pytest.approx(expected, abs=1e-12)


def test_karate_modularity_published():
    # Zachary's karate club, unweighted, Louvain/Leiden: best known modularity 0.4198 (Newman 2006,
    # PNAS 103, 8577 and Brandes et al. 2008 proved 0.4198 optimal); Leiden should reach it.
    ds, t, _ = from_nx(nx.karate_club_graph())
    c = communities(ds, tie_table=t, method="leiden", weighted=False, seed=0)
    assert c.modularity == pytest.approx(0.4198, abs=1e-4)
    assert len(c.members) == 4


def test_leiden_iterations_default_and_exact(monkeypatch):
    # Karate club (78 ties): by default small graphs run Leiden until stable, reaching the proven optimum
    # 0.4198 (Brandes et al. 2008, "On modularity clustering", IEEE TKDE 20(2)); 2 passes stop short of it
    # (0.4188: igraph 1.0's result for seed 0, recorded here, not a published value). Above STABLE_TIES
    # ties or STABLE_PEOPLE people the default is ITERATIONS passes.
    ds, t, _ = from_nx(nx.karate_club_graph())
    exact = communities(ds, tie_table=t, weighted=False, iterations=-1)
    assert exact.iterations == -1 and exact.to_dict()["iterations"] == -1
    default = communities(ds, tie_table=t, weighted=False)
    assert default.iterations == -1 and default.membership.equals(exact.membership)
    two = communities(ds, tie_table=t, weighted=False, iterations=2)
    assert two.iterations == 2 and two.modularity == pytest.approx(0.4188, abs=1e-4)
    assert two.modularity <= exact.modularity
    monkeypatch.setattr(communities_module, "STABLE_TIES", 77)
    large = communities(ds, tie_table=t, weighted=False)
    assert large.iterations == communities_module.ITERATIONS == 2
    assert large.membership.equals(two.membership)
    monkeypatch.setattr(communities_module, "STABLE_TIES", 78)
    monkeypatch.setattr(communities_module, "STABLE_PEOPLE", 33)  # 34 people
    assert communities(ds, tie_table=t, weighted=False).iterations == 2
    assert communities(ds, tie_table=t, method="louvain").to_dict()["iterations"] is None
    report = clusters(ds, tie_table=t, iterations=3, stability_runs=2)
    assert report.communities.iterations == 3 and report.to_dict()["iterations"] == 3


def test_fixed_passes_leave_isolates_out_of_the_detection(planted):
    # with a fixed number of passes Leiden runs on the people with ties; isolates stay singletons, numbered
    # last, and the modularity is that of the whole partition (networkx, isolates included)
    ds, t, _ = planted
    people = pd.concat([ds.people, pd.DataFrame(index=pd.Index(["zz1", "a00", "zz0"], name="id"))])
    c = communities_from_ties(t, people, iterations=2)
    assert c.membership.loc[["a00", "zz0", "zz1"]].tolist() == [4, 5, 6]
    assert c.membership.iloc[:120].max() == 3
    g = nx.Graph()
    g.add_nodes_from(people.index)
    g.add_weighted_edges_from(zip(t["source"], t["target"], t["weight"], strict=True))
    parts = [set(m) for m in c.members.values()]
    assert c.modularity == pytest.approx(nx.community.modularity(g, parts, weight="weight"), abs=1e-12)
    assert communities(ds, tie_table=t, iterations=2).membership.equals(c.membership.iloc[:120])


def test_stability_runs_limited_on_large_tie_tables(monkeypatch):
    # above STABILITY_TIES ties at most stability_limit seeds run (default 3); None runs them all
    ds, t, _ = from_nx(nx.karate_club_graph())
    full = clusters(ds, tie_table=t, stability_runs=5)
    assert full.stability.seeds == [0, 1, 2, 3, 4] and full.to_dict()["stability"]["runs_requested"] == 5
    monkeypatch.setattr(communities_module, "STABILITY_TIES", 77)
    limited = clusters(ds, tie_table=t, stability_runs=5).to_dict()["stability"]
    assert limited["seeds"] == [0, 1, 2] and limited["runs_requested"] == 5
    assert clusters(ds, tie_table=t, stability_runs=5, stability_limit=None).stability.seeds == [0, 1, 2, 3, 4]
    assert clusters(ds, tie_table=t, stability_runs=2).stability.seeds == [0, 1]
    with pytest.raises(ParameterError, match=r"^stability_limit must be None or a whole number >= 2; got 1\.$"):
        clusters(ds, tie_table=t, stability_runs=5, stability_limit=1)


def test_quality_matches_networkx_conductance(planted):
    ds, t, _ = planted
    c = communities(ds, tie_table=t, seed=0)
    g = nx.Graph()
    g.add_nodes_from(ds.people.index)
    g.add_edges_from(zip(t["source"], t["target"], strict=True))
    q = quality(ds, membership=c.membership, tie_table=t, weighted=False)
    for cid, members in c.members.items():
        row = q.loc[q["id"] == cid].iloc[0]
        assert row["size"] == len(members)
        assert row["internal_ties"] == g.subgraph(members).number_of_edges()
        assert row["internal_density"] == pytest.approx(nx.density(g.subgraph(members)))
        assert row["conductance"] == pytest.approx(nx.conductance(g, members))


def test_numbering_isolates_and_small_hand_graph():
    # Two triangles joined by one tie, plus isolate 'z' (by hand): modularity
    # Q = sum_c [l_c/m - (d_c/2m)^2] = 2 * (3/7 - (7/14)^2) = 0.357142...
    ds = make([("d", "e"), ("e", "f"), ("d", "f"), ("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")],
              people={i: {} for i in "abcdefz"})
    c = communities(ds, method="louvain")
    assert c.membership.to_dict() == {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1, "z": 2}
    assert c.modularity == pytest.approx(2 * (3 / 7 - 0.25))
    assert c.to_dict()["communities"][2] == {
        "id": 2, "size": 1, "members": ["z"], "internal_ties": 0, "internal_weight": 0.0,
        "internal_density": 0.0, "conductance": 0.0}


def test_directed_ties_are_made_undirected():
    # a->b and b->a with weights 1 and 2 count as one edge of weight 3.
    ds = make([("a", "b", 1.0), ("b", "a", 2.0), ("b", "c", 1.0), ("c", "d", 3.0)], directed=True)
    c = communities(ds, weighted=True)
    assert c.directed_input is True
    g = nx.Graph()
    g.add_weighted_edges_from([("a", "b", 3.0), ("b", "c", 1.0), ("c", "d", 3.0)])
    parts = [set(m) for m in c.members.values()]
    assert c.modularity == pytest.approx(nx.community.modularity(g, parts))


def test_bad_parameters():
    ds = make([("a", "b")])
    with pytest.raises(ParameterError, match=r"^method must be one of louvain, leiden, lpa; got 'walktrap'\.$"):
        communities(ds, method="walktrap")
    with pytest.raises(ParameterError, match=r"^resolution must be a number > 0; got 0\.$"):
        communities(ds, resolution=0)
    with pytest.raises(ParameterError, match=r"^seed must be a whole number; got 1\.5\.$"):
        communities(ds, seed=1.5)
    for bad in (0, -2, 1.5, True):
        with pytest.raises(ParameterError, match=r"^iterations must be None, a whole number >= 1 or -1; got "):
            communities(ds, iterations=bad)
    with pytest.raises(ParameterError, match=r"^silo_share must be a number in \(0, 1\]; got 0\.$"):
        composition(ds.people, [0, 1], silo_share=0)
    with pytest.raises(ParameterError, match=r"^stability_runs must be 0 or a whole number >= 2; got 1\.$"):
        clusters(ds, stability_runs=1)
    with pytest.raises(ParameterError, match=r"^permutations must be a whole number >= 0; got -1\.$"):
        compare_partitions(ds.people.assign(g="x"), [0, 1], "g", permutations=-1)


def test_composition_counts_missing_and_silo():
    people = pd.DataFrame({"organisation": ["A", "A", "A", None, "B", "C", "D"],
                           "domain": ["zorg", "zorg", "welzijn", "zorg", "zorg", "welzijn", "onderwijs"]},
                          index=pd.Index(list("abcdefg"), name="id"))
    memberships = pd.DataFrame({"person": ["a", "b", "e", "e"], "network": ["N1", "N1", "N1", "N2"]})
    comp = composition(people, [0, 0, 0, 0, 1, 1, 1], memberships=memberships)
    org = comp[0]["composition"]["organisation"]
    # By hand: community 0 = a, b, c (A) and d (missing) -> A 3/3 known: a silo by organisation.
    assert org == {"counts": {"A": 3}, "missing": 1, "top": "A", "top_share": 1.0}
    assert comp[0]["silo"] and comp[0]["silo_by"] == ["organisation"]
    assert comp[0]["composition"]["domain"]["top_share"] == 0.75
    assert comp[0]["composition"]["network"] == {"counts": {"N1": 2}, "missing": 2, "top": "N1", "top_share": 1.0}
    # Community 1 = e, f, g: three organisations, three domains -> not a silo.
    assert comp[1]["silo"] is False and comp[1]["composition"]["domain"]["top_share"] == pytest.approx(1 / 3, 1e-6)
    assert comp[1]["composition"]["network"]["counts"] == {"N1": 1, "N2": 1}


def test_silo_is_not_measured_without_any_organisation_or_domain():
    """By hand: community 0 (a, b, c) has domains, community 1 (d, e, f) none, community 2 (g, h) is smaller than
    MIN_COMMUNITY; without the columns at all, every community of at least MIN_COMMUNITY is unmeasured (None)."""
    people = pd.DataFrame({"domain": ["zorg", "zorg", "welzijn", None, None, None, None, "zorg"],
                           "profession": ["arts"] * 8}, index=pd.Index(list("abcdefgh"), name="id"))
    membership = [0, 0, 0, 1, 1, 1, 2, 2]
    assert MIN_COMMUNITY == 3
    assert [c["silo"] for c in composition(people, membership)] == [False, None, False]
    assert [c["silo"] for c in composition(people[["profession"]], membership)] == [None, None, False]
    assert all(c["silo_by"] == [] for c in composition(people[["profession"]], membership))


def test_compare_with_formal_partition(planted):
    ds, t, truth = planted
    people = ds.people.assign(group=pd.array([f"g{k}" for k in truth], dtype="string"))
    people.loc[people.index[0], "group"] = pd.NA
    c = communities_from_ties(t, people, seed=0)
    r = compare_partitions(people, c.membership, "group", permutations=99, seed=1)
    assert r.people == 119 and r.missing == 1
    # sklearn on the same arrays is the reference; no shuffle agrees as well -> p = 1/100.
    assert r.nmi == pytest.approx(normalized_mutual_info_score(truth[1:], c.membership.to_numpy()[1:]))
    assert r.p_value == pytest.approx(0.01)
    noise = people.assign(group=pd.array(np.where(np.arange(120) % 2, "x", "y"), dtype="string"))
    assert compare_partitions(noise, c.membership, "group", permutations=99).p_value > 0.05


def test_stability_over_seeds(planted):
    ds, t, truth = planted
    s = stability(ds, tie_table=t, seeds=range(4), method="louvain")
    assert s.person.between(0, 1).all()
    assert s.person.mean() > 0.9  # clear structure: every run finds the same groups
    assert normalized_mutual_info_score(truth, s.representative.membership.to_numpy()) >= 0.9
    assert s.to_dict()["representative_seed"] in range(4)


def test_stability_by_hand(monkeypatch):
    # Runs [0,0,1,1] and [0,0,0,1]: person a's community {a,b} vs {a,b,c}: Jaccard 2/3; c: {c,d} vs
    # {a,b,c}: 1/4; d: {c,d} vs {d}: 1/2. Checked with the contingency formula by hand.
    from collabgraph.metrics import communities as mod
    ds = make([("a", "b"), ("c", "d")])
    runs = iter([[0, 0, 1, 1], [0, 0, 0, 1]])

    def fake(dataset, *, tie_table, seed, **kwargs):
        labels = pd.Series(next(runs), index=dataset.people.index)
        return mod.Communities("louvain", seed, 1.0, True, 0.0, labels, pd.DataFrame())

    monkeypatch.setattr(mod, "communities", fake)
    s = stability(ds, seeds=[0, 1])
    assert s.person.round(6).tolist() == [round(2 / 3, 6), round(2 / 3, 6), 0.25, 0.5]


def test_workplace_department_partition_realdata(realdata):
    # SocioPatterns InVS13 (Génois et al. 2015): SOURCE.md gives modularity 0.3732 for the department
    # partition (networkx, unweighted). Louvain/Leiden should score higher; all methods follow departments.
    folder = realdata / "sociopatterns_workplace_invs13"
    edges = pd.read_csv(folder / "edges.csv", dtype={"source": str, "target": str})
    nodes = pd.read_csv(folder / "nodes.csv", dtype={"id": str})
    from collabgraph import from_frames
    ds = from_frames(people=nodes[["id", "department"]], interactions=edges[["source", "target", "weight"]])
    t = ties(ds)
    departments = pd.Series(pd.factorize(ds.people["department"])[0], index=ds.people.index)
    assert modularity(ds, membership=departments, tie_table=t, weighted=False) == pytest.approx(0.3732, abs=1e-4)
    for method in METHODS:
        c = communities(ds, tie_table=t, method=method, weighted=False, seed=0)
        if method != "lpa":  # label propagation does not optimise modularity (it finds 0.372 here)
            assert c.modularity > 0.3732
        r = compare_partitions(ds.people, c.membership, "department", permutations=199)
        assert r.nmi > 0.4 and r.p_value == pytest.approx(1 / 200)


def test_network_composition_flags_single_organisation_network():
    from collabgraph import from_frames
    from collabgraph.metrics.communities import network_composition
    people = pd.DataFrame({"id": list("abcdef"), "organisation": ["X", "X", "X", "X", "Y", "Z"],
                           "networks": ["N1", "N1", "N1;N2", "N2", "N2", "N2"]})
    ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["e"]}))
    nets = network_composition(ds)
    # By hand: N1 = a, b, c (all X) -> silo; N2 = c, d (X), e (Y), f (Z) -> X 50%, no silo.
    assert [(n["network"], n["size"], n["silo"]) for n in nets] == [("N1", 3, True), ("N2", 4, False)]
    assert nets[1]["composition"]["organisation"]["counts"] == {"X": 2, "Y": 1, "Z": 1}


def test_bundled_example_networks_and_single_organisation(bundled_example):
    # The example's 16 learning networks hardly meet (datasets/leernetwerken/README.md), so communities
    # should follow them; the planted single-organisation network must come out as a silo community and
    # as a silo network.
    from collabgraph.metrics.communities import clusters
    ds, truth = bundled_example
    report = clusters(ds, compare_with="network", permutations=99)
    assert report.comparison.nmi >= 0.9
    single = truth["single_organisation"]
    nets = {n["network"]: n for n in report.networks}
    assert nets[single["network"]]["silo"]
    assert nets[single["network"]]["composition"]["organisation"]["top"] == single["organisation"]
    members = set(ds.memberships.loc[ds.memberships["network"] == single["network"], "person"])
    silos = [set(c["members"]) for c in report.to_dict()["communities"] if c["silo"]]
    assert members in silos


@pytest.fixture(scope="module")
def bundled_example():
    from collabgraph.datasets import EXAMPLE, load_example, planted
    if not (EXAMPLE / "planted.json").is_file():
        pytest.skip("the bundled example has not been generated yet (datasets/generate.py)")
    return load_example(), planted()


def test_example_clusters_of_two_or_more_and_people_without_ties(example):
    """The headline's counts: communities of at least 2 people, and people without a tie (networkx, CSV files)."""
    import itertools
    from collections import Counter

    from collabgraph.datasets import EXAMPLE

    people = pd.read_csv(EXAMPLE / "people.csv")
    inter = pd.read_csv(EXAMPLE / "interactions.csv")
    att = pd.read_csv(EXAMPLE / "attendance.csv")
    g = nx.Graph()
    g.add_nodes_from(people["id"])
    g.add_edges_from(zip(inter["source"], inter["target"], strict=True))
    for _, group in att.groupby("event"):
        g.add_edges_from(itertools.combinations(group["person"], 2))
    lonely = set(nx.isolates(g))
    c = clusters(example, permutations=0).communities
    size = Counter(c.membership)
    assert c.without_ties == len(lonely) > 0
    assert c.of_two_or_more == sum(n >= 2 for n in size.values()) == len(size) - len(lonely)
    # every person without a tie is a community of one, and only they are
    assert {p for p, k in c.membership.items() if size[k] == 1} == lonely
    d = c.to_dict()
    assert (d["n_communities"], d["n_communities_of_two_or_more"], d["people_without_ties"]) == (
        len(size), c.of_two_or_more, len(lonely))


def test_min_community_is_the_smallest_silo():
    # one organisation throughout: the community of 3 is a silo, the pair is too small to be one
    people = pd.DataFrame({"organisation": ["A"] * 5}, index=pd.Index(list("abcde"), name="id"))
    comp = composition(people, [0, 0, 0, 1, 1], attributes=("organisation",))
    assert MIN_COMMUNITY == 3 and [c["silo"] for c in comp] == [True, False]
