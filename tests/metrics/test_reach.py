"""Tests for collabgraph.metrics.reach: hand counts and a plain networkx breadth-first search per person."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import collabgraph.datasets
from collabgraph.errors import ParameterError
from collabgraph.graph import ties, to_graph
from collabgraph.metrics.reach import compare_roles, overview, reach, reach_summary, role_labels, two_step_within
from tests.conftest import make

# a (zorg, nurse) - b (zorg, GP) - c (welzijn, social worker) - d (onderwijs, teacher); e (zorg) isolated;
# f (no domain) tied to a.
PEOPLE = {
    "a": {"domain": "zorg", "profession": "nurse", "organisation": "O1", "role": "professional"},
    "b": {"domain": "zorg", "profession": "gp", "organisation": "O2", "role": "professional"},
    "c": {"domain": "welzijn", "profession": "social worker", "organisation": "O3", "role": "ervaringsdeskundige"},
    "d": {"domain": "onderwijs", "profession": "teacher", "organisation": "O4", "role": "student"},
    "e": {"domain": "zorg", "profession": "nurse", "organisation": "O1", "role": "professional"},
    "f": {"domain": None, "profession": None, "organisation": None, "role": None},
}
EDGES = [("a", "b"), ("b", "c"), ("c", "d"), ("f", "a")]


@pytest.fixture(scope="module")
def hand():
    return make(EDGES, PEOPLE)


def test_reach_by_hand(hand):
    r = reach(hand)
    # a: contacts b (zorg), f (none) -> 1 domain direct; two steps: b, f, c -> zorg, welzijn = 2 of 3 domains
    assert r.loc["a", ["contacts", "reach", "domain_direct", "domain_two_step"]].tolist() == [2, 3, 1, 2]
    assert r.loc["a", "domain_two_step_share"] == pytest.approx(2 / 3)
    # a's own domain counts only through b: a's two-step walk back to itself does not count
    assert r.loc["c", ["domain_direct", "domain_two_step", "profession_direct", "profession_two_step"]].tolist() == [
        2, 2, 2, 3]  # c: b (zorg, gp), d (onderwijs, teacher); two steps adds a (zorg, nurse)
    assert r.loc["e", ["contacts", "reach", "domain_direct", "domain_two_step"]].tolist() == [0, 0, 0, 0]
    # cross-domain tie: a only has zorg (and an unknown) contacts; b reaches welzijn; f has no domain
    assert r["domain_cross"].astype(object).where(r["domain_cross"].notna(), None).tolist() == [
        False, True, True, True, False, None]
    assert r["profession_cross"].tolist()[:2] == [True, True]


def test_own_value_counts_when_a_contact_has_it():
    # a (x) - b (y) - c (x): a's two-step values are y (b) and x (c), b reaches only x (a and c)
    ds = make([("a", "b"), ("b", "c")], domain={"a": "x", "b": "y", "c": "x"})
    r = reach(ds, attributes=["domain"])
    assert r["domain_two_step"].tolist() == [2, 1, 2]
    ds = make([("a", "b")], domain={"a": "x", "b": "y"})
    assert reach(ds, attributes=["domain"])["domain_two_step"].tolist() == [1, 1]


@pytest.mark.parametrize(("seed", "directed"), [(0, False), (1, True), (2, False)])
def test_reach_equals_a_breadth_first_search(seed, directed):
    rng = np.random.default_rng(seed)
    n = 60
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, size=(80, 2)) if a != b}
    domains = {f"p{i}": [None, "zorg", "welzijn", "onderwijs", "veiligheid"][rng.integers(5)] for i in range(n)}
    ds = make([(f"p{a}", f"p{b}") for a, b in sorted(pairs)], domain=domains, directed=directed)
    t = ties(ds)
    g = to_graph(ds, t).to_undirected()
    r = reach(ds, attributes=["domain"], tie_table=t)
    for p in g.nodes:
        dist = nx.single_source_shortest_path_length(g, p, cutoff=2)
        near = [q for q, d in dist.items() if d == 1]
        within = [q for q, d in dist.items() if 1 <= d <= 2]
        assert r.loc[p, "contacts"] == len(near)
        assert r.loc[p, "reach"] == len(within)
        assert r.loc[p, "domain_direct"] == len({domains[q] for q in near} - {None})
        assert r.loc[p, "domain_two_step"] == len({domains[q] for q in within} - {None})


@pytest.mark.parametrize("directed", [False, True])
def test_two_step_within_groups_equals_a_breadth_first_search_in_each_group(directed):
    # overlapping groups (a person in two), an empty group and one without ties: each on its own subgraph
    rng = np.random.default_rng(7)
    n = 40
    pairs = {(int(a), int(b)) for a, b in rng.integers(0, n, size=(70, 2)) if a != b}
    domains = {f"p{i}": [None, "zorg", "welzijn", "onderwijs"][rng.integers(4)] for i in range(n)}
    ds = make([(f"p{a}", f"p{b}") for a, b in sorted(pairs)], domain=domains, directed=directed)
    t = ties(ds)
    groups = [np.arange(0, 25), np.arange(15, 40), np.zeros(0, np.int64), np.array([3])]
    found = two_step_within(t, ds.people, groups, attribute="domain")
    g = to_graph(ds, t).to_undirected()
    ids = ds.people.index.astype(str)
    for codes, values in zip(groups, found, strict=True):
        sub = g.subgraph(ids[codes])
        expected = [len({domains[q] for q, d in nx.single_source_shortest_path_length(sub, p, cutoff=2).items()
                         if d >= 1} - {None}) for p in ids[codes]]
        assert values.tolist() == expected


def test_summary_per_network_and_attribute(hand):
    r = reach(hand)
    groups = pd.DataFrame({"person": ["a", "b", "c", "d", "e", "f"], "group": ["n1", "n1", "n2", "n2", "n1", "n2"]})
    s = reach_summary(r, groups).set_index("group")
    # n1 = a, b, e: with a cross-domain tie only b -> 1 of 3; n2 = c, d, f: c and d, f's domain unknown -> 2 of 2
    assert s.loc["n1", ["members", "with_cross"]].tolist() == [3, 1]
    assert s.loc["n1", "share_cross"] == pytest.approx(1 / 3)
    assert s.loc["n2", "share_cross"] == 1.0
    # reach: a 3 (b, f, c), b 4 (a, c, f, d), e 0 -> mean 7/3
    assert s.loc["n1", "mean_reach"] == pytest.approx(7 / 3)
    assert s.loc["n2", "mean_domain_two_step"] == pytest.approx(r.loc[["c", "d", "f"], "domain_two_step"].mean())


def test_a_person_in_two_networks_counts_in_both(hand):
    r = reach(hand)
    groups = pd.DataFrame({"person": ["b", "b"], "group": ["n1", "n2"]})
    assert reach_summary(r, groups)["members"].tolist() == [1, 1]


def test_compare_roles(hand):
    r = reach(hand)
    c = compare_roles(r, hand.people).set_index("group")
    # role groups in the order of rolegroups.GROUPS; f has no role and is left out
    assert list(c.index) == ["experiential_expert", "student", "professional"]
    assert c["members"].tolist() == [1, 1, 3]
    # professionals a, b, e: domain_direct 1, 2, 0 -> mean 1; ervaringsdeskundige c: 2 -> diff +1
    assert c.loc["professional", "mean_domain_direct"] == pytest.approx(1.0)
    assert c.loc["experiential_expert", "diff_mean_domain_direct"] == pytest.approx(1.0)
    assert c.loc["professional", "diff_mean_reach"] == 0.0
    with pytest.raises(ParameterError, match=r"reference must be one of experiential_expert, student, "
                                             r"professional \(the role groups in the data\); got 'educator'\."):
        compare_roles(r, hand.people, reference="educator")
    with pytest.raises(ParameterError, match="reference must be one of coordinator, .*; got 'docent'"):
        compare_roles(r, hand.people, reference="docent")
    with pytest.raises(ParameterError, match="by must be one of role_group, role; got 'group'"):
        compare_roles(r, hand.people, by="group")


def test_compare_raw_role_values_only_when_asked(hand):
    r = reach(hand)
    c = compare_roles(r, hand.people, by="role").set_index("group")
    assert list(c.index) == ["ervaringsdeskundige", "professional", "student"]
    assert c.loc["ervaringsdeskundige", "diff_mean_domain_direct"] == pytest.approx(1.0)
    with pytest.raises(ParameterError, match=r"reference must be one of ervaringsdeskundige, professional, "
                                             r"student \(the values of the role column\); got 'docent'\."):
        compare_roles(r, hand.people, by="role", reference="docent")


# Dutch role values as people write them: every spelling of a group is one group, every other value (huisarts,
# wijkverpleegkundige) a professional; no one's value is the literal "professional". Written out by hand here,
# not read from collabgraph.rolegroups.
DUTCH_ROLES = {"Docent": "educator", "docent ": "educator", "Opleider": "educator",
               "ervaringsdeskundige": "experiential_expert", "Ervarings-deskundige": "experiential_expert",
               "huisarts": "professional", "Wijkverpleegkundige": "professional", "jeugdconsulent": "professional",
               "Stagiair": "student", "Netwerkcoördinator": "coordinator", "mantelzorger": "client"}


@pytest.mark.parametrize("seed", [0, 1])
def test_role_groups_of_dutch_values_equal_a_plain_computation(seed):
    rng = np.random.default_rng(seed)
    n = 70
    values = [*DUTCH_ROLES, None, " "]
    roles = {f"p{i}": values[rng.integers(len(values))] for i in range(n)}
    domains = {f"p{i}": [None, "zorg", "welzijn", "onderwijs", "veiligheid"][rng.integers(5)] for i in range(n)}
    pairs = sorted({(int(a), int(b)) for a, b in rng.integers(0, n, size=(110, 2)) if a != b})
    people = {p: {"role": roles[p], "domain": domains[p]} for p in roles}
    ds = make([(f"p{a}", f"p{b}") for a, b in pairs], people)
    got = compare_roles(reach(ds), ds.people).set_index("group")

    g = nx.Graph()
    g.add_nodes_from(roles)
    g.add_edges_from((f"p{a}", f"p{b}") for a, b in pairs)
    rows = []
    for p in g.nodes:
        group = DUTCH_ROLES.get(roles[p])
        if group is None:  # no role or a blank one: left out
            continue
        dist = nx.single_source_shortest_path_length(g, p, cutoff=2)
        near = [q for q, d in dist.items() if d == 1]
        within = [q for q, d in dist.items() if 1 <= d <= 2]
        own = domains[p]
        cross = None if own is None else any(domains[q] not in (None, own) for q in near)
        rows.append({"group": group, "reach": len(within), "contacts": len(near), "cross": cross,
                     "direct": len({domains[q] for q in near} - {None}),
                     "two_step": len({domains[q] for q in within} - {None})})
    plain = pd.DataFrame(rows)
    expected = plain.groupby("group").agg(members=("reach", "size"), mean_reach=("reach", "mean"),
                                          mean_contacts=("contacts", "mean"), mean_domain_direct=("direct", "mean"),
                                          mean_domain_two_step=("two_step", "mean"))
    known = plain.dropna(subset=["cross"])
    expected["share_cross"] = known.groupby("group")["cross"].mean()
    order = ["coordinator", "experiential_expert", "educator", "student", "client", "professional"]
    expected = expected.loc[[g for g in order if g in expected.index]]
    assert got.index.tolist() == expected.index.tolist()
    assert got["members"].tolist() == expected["members"].tolist()
    np.testing.assert_allclose(got["mean_contacts"].to_numpy(float), expected["mean_contacts"].to_numpy(float))
    for column in ["share_cross", "mean_reach", "mean_domain_direct", "mean_domain_two_step"]:
        np.testing.assert_allclose(got[column].to_numpy(float), expected[column].to_numpy(float))
        np.testing.assert_allclose(got[f"diff_{column}"].to_numpy(float),
                                   (expected[column] - expected.loc["professional", column]).to_numpy(float))
    # the people left out: no role or a blank one
    assert len(ds.people) - int(got["members"].sum()) == sum(DUTCH_ROLES.get(r) is None for r in roles.values())


def test_a_role_map_moves_values_between_groups():
    people = {"a": {"role": "huisarts", "domain": "zorg"}, "b": {"role": "Voorzitter", "domain": "welzijn"},
              "c": {"role": "docent", "domain": "onderwijs"}}
    ds = make([("a", "b"), ("b", "c")], people)
    r = reach(ds)
    assert compare_roles(r, ds.people)["group"].tolist() == ["educator", "professional"]
    c = compare_roles(r, ds.people, role_map={"voorzitter": "coordinator"}).set_index("group")
    assert c["members"].to_dict() == {"coordinator": 1, "educator": 1, "professional": 1}
    # b reaches zorg and onderwijs directly; a (the reference) reaches welzijn only: +1
    assert c.loc["coordinator", "diff_mean_domain_direct"] == 1.0
    assert role_labels(ds.people, role_map={"voorzitter": "coordinator"}).to_dict() == {
        "a": "professional", "b": "coordinator", "c": "educator"}


def test_errors(hand):
    with pytest.raises(ParameterError, match="attributes must be one of .*; got 'sector'"):
        reach(hand, attributes=["sector"])
    r = reach(hand, attributes=["domain"])
    with pytest.raises(ParameterError,
                       match=r"^cross must be one of domain \(the reach table's attributes\); got 'profession'\.$"):
        reach_summary(r, pd.DataFrame({"person": ["a"], "group": ["n1"]}), cross="profession")


def test_example_planted_patterns(example):
    # datasets/leernetwerken/README.md: silo members (pattern 9) have no tie outside their organisation,
    # isolated members (pattern 3) reach nobody
    planted = collabgraph.datasets.planted()
    r = reach(example)
    assert not r.loc[planted["silo"], "organisation_cross"].any()
    assert (r.loc[planted["isolated"], ["contacts", "reach", "domain_two_step"]] == 0).all().all()


def test_example_growth_networks_and_connectors_reach_more_domains_in_2021(example):
    # README pattern 1: three networks met in domain tracks in 2020 and mixed in 2021, and ten connectors in
    # them turned to other domains in 2021: their direct reach in domains goes up, every member gets a
    # cross-domain tie
    planted = collabgraph.datasets.planted()["growth"]
    per_year = {}
    for year in ("2020", "2021"):
        sub = example.filter(start=f"{year}-01-01", end=f"{year}-12-31")
        r = reach(sub)
        summary = reach_summary(r, sub.memberships.rename(columns={"network": "group"})).set_index("group")
        per_year[year] = (summary.loc[planted["networks"]], r.loc[planted["connectors"], "domain_direct"].mean())
    before, after = per_year["2020"], per_year["2021"]
    assert (after[0]["mean_domain_direct"] > before[0]["mean_domain_direct"] + 2).all()
    assert (after[0]["share_cross"] == 1.0).all() and (before[0]["share_cross"] < 0.9).all()
    assert after[1] > before[1] + 2


def test_overview_combines_networks_and_roles(hand):
    t = ties(hand)
    memberships = pd.DataFrame({"person": ["a", "b", "c"], "network": ["n1", "n1", "n2"]})
    with_networks = replace(hand, memberships=memberships)
    o = overview(with_networks, tie_table=t)
    table = reach(hand, tie_table=t)
    assert o.networks.equals(reach_summary(table, memberships.rename(columns={"network": "group"})))
    assert o.roles.equals(compare_roles(table, hand.people))
    assert (o.by, o.without_role) == ("role_group", 1)  # f has no role
    assert overview(with_networks, reference="educator").roles is None
    assert overview(with_networks, by="role").roles.equals(compare_roles(table, hand.people, by="role"))
    assert overview(with_networks, by="role", reference="docent").roles is None
    d = o.to_dict()
    assert list(d) == ["reference", "networks", "roles", "by", "without_role"] and d["networks"][0]["group"] == "n1"
    # the dataset's role map is used
    mapped = with_networks.with_role_map({"student": "educator"})
    assert overview(mapped).roles["group"].tolist() == ["experiential_expert", "educator", "professional"]


def test_example_role_groups_from_the_csv(example):
    # the example's role values grouped by hand (any other value is a professional); each group's members and
    # mean number of people within two steps recomputed from the CSV files with networkx
    people = pd.read_csv(collabgraph.datasets.EXAMPLE / "people.csv", dtype=str).set_index("id")
    by_hand = {"docent": "educator", "opleider": "educator", "coordinator": "coordinator",
               "coördinator": "coordinator", "projectleider": "coordinator", "student": "student",
               "stagiair": "student", "ervaringsdeskundige": "experiential_expert", "cliënt": "client",
               "naaste": "client", "mantelzorger": "client"}
    group = people["role"].dropna().map(lambda v: by_hand.get(v.strip().lower(), "professional"))
    inter = pd.read_csv(collabgraph.datasets.EXAMPLE / "interactions.csv", dtype=str)
    att = pd.read_csv(collabgraph.datasets.EXAMPLE / "attendance.csv", dtype=str)
    g = nx.Graph((u, v) for u, v in zip(inter["source"], inter["target"], strict=True) if u != v)
    for _, who in att.groupby("event")["person"]:
        g.add_edges_from(combinations(sorted(set(who)), 2))
    g.add_nodes_from(people.index)
    within = pd.Series({p: len(nx.single_source_shortest_path_length(g, p, cutoff=2)) - 1 for p in g.nodes})
    o = overview(example).roles.set_index("group")
    assert o["members"].to_dict() == group.value_counts().to_dict()
    expected = within.loc[group.index].groupby(group).mean()
    np.testing.assert_allclose(o["mean_reach"].to_numpy(float), expected.loc[o.index].to_numpy(float))
    np.testing.assert_allclose(o["diff_mean_reach"].to_numpy(float),
                               (expected - expected["professional"]).loc[o.index].to_numpy(float))
