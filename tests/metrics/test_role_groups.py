"""Role groups per learning network (metrics/role_groups.py), against hand counts and networkx.

The independent computation follows docs/metrics.md ("Role groups"): members are declared in the people
table (or have a record in the network); a network's ties are the pairs of members who met in any context;
a role value's group is written by hand here (not read from collabgraph.rolegroups).
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.errors import ParameterError
from collabgraph.groups import PROGRAMME
from collabgraph.metrics.centrality import dependency
from collabgraph.metrics.role_groups import NO_ROLE, role_group_figures

# a coordinates n1, g coordinates n2; d is n1's experiential expert, tied to i only (at the edge);
# c (huisarts: no synonym, so professional) is in both networks; h has no role, i no domain.
PEOPLE = pd.DataFrame({
    "id": list("abcdefghi"),
    "name": ["Anna", "Bram", "Cor", "Dirk", "Eva", "Fleur", "Gijs", "Hein", "Ilse"],
    "role": ["Netwerkcoördinator", "docent", "huisarts", "Ervarings-deskundige", "stagiair", "professional",
             "TREKKER", None, "Professional"],
    "domain": ["zorg", "onderwijs", "zorg", "welzijn", "onderwijs", "welzijn", "veiligheid", "zorg", None],
    "networks": ["n1", "n1", "n1;n2", "n1", "n2", "n2", "n2", "n2", "n1"],
})
EDGES = [("a", "b"), ("a", "c"), ("b", "c"), ("a", "i"), ("d", "i"),  # n1
         ("c", "e"), ("e", "f"), ("f", "g"), ("g", "h"), ("c", "g"),  # n2 (c is in both)
         ("b", "f")]  # between the networks: in the programme only
#: The group of each role value, by hand (issue 14's list; huisarts is "the rest").
GROUP = {"Netwerkcoördinator": "coordinator", "docent": "educator", "huisarts": "professional",
         "Ervarings-deskundige": "experiential_expert", "stagiair": "student", "professional": "professional",
         "TREKKER": "coordinator", "Professional": "professional"}


def dataset(people=PEOPLE, edges=EDGES, **kw):
    return from_frames(people=people, interactions=pd.DataFrame(edges, columns=["source", "target"]), **kw)


def units(people=PEOPLE, edges=EDGES) -> dict[str, nx.Graph]:
    """Each network's graph (and the programme's) with networkx, from the input frames."""
    members = {}
    for pid, nets in zip(people["id"], people["networks"], strict=True):
        for net in nets.split(";"):
            members.setdefault(net, set()).add(pid)
    members[PROGRAMME] = set().union(*members.values())
    out = {}
    for name, who in members.items():
        g = nx.Graph()
        g.add_nodes_from(sorted(who))
        g.add_edges_from((u, v) for u, v in edges if u in who and v in who)
        out[name] = g
    return out


def test_groups_by_hand():
    f = role_group_figures(dataset())
    n1 = f.groups[f.groups["network"] == "n1"].set_index("group")
    # n1 = {a, b, c, d, i}: ties a-b, a-c, b-c, a-i, d-i; h (no role) is in n2 only, but (no role) is a group
    assert n1["members"].to_dict() == {"coordinator": 1, "experiential_expert": 1, "educator": 1, "student": 0,
                                       "professional": 2, NO_ROLE: 0}
    # professionals c and i: a-c, b-c, a-i, d-i; i has no domain, so a-i and d-i are not known
    assert n1.loc["professional", ["ties", "ties_known", "cross_ties"]].tolist() == [4, 2, 1]
    assert n1.loc["professional", "cross_share"] == 0.5
    assert n1.loc["educator", "cross_share"] == 1.0  # b (onderwijs) with a and c (zorg)
    assert np.isnan(n1.loc["student", "cross_share"]) and np.isnan(n1.loc["experiential_expert", "cross_share"])
    # reach: a's two-step neighbourhood is b, c, i, d: onderwijs, zorg, welzijn (i has none)
    assert n1.loc["coordinator", "mean_reach"] == 3
    assert n1.loc["professional", "mean_contacts"] == 2.0  # c: a, b; i: a, d
    programme = f.groups[f.groups["level"] == "programme"].set_index("group")
    assert programme["members"].sum() == 9 and programme.loc[NO_ROLE, "members"] == 1


def test_groups_against_networkx():
    f = role_group_figures(dataset())
    domain = PEOPLE.set_index("id")["domain"]
    group = PEOPLE.set_index("id")["role"].map(GROUP)
    for name, g in units().items():
        rows = f.groups[f.groups["network"] == name].set_index("group")
        for label, row in rows.iterrows():
            who = {p for p in g if (pd.isna(group[p]) if label == NO_ROLE else group[p] == label)}
            touching = [(u, v) for u, v in g.edges if u in who or v in who]
            known = [(u, v) for u, v in touching if pd.notna(domain[u]) and pd.notna(domain[v])]
            cross = [(u, v) for u, v in known if domain[u] != domain[v]]
            assert (row["members"], row["ties"], row["ties_known"], row["cross_ties"]) == (
                len(who), len(touching), len(known), len(cross)), (name, label)
            reach = [len({domain[q] for q, d in nx.single_source_shortest_path_length(g, p, cutoff=2).items()
                          if q != p and pd.notna(domain[q])}) for p in who]
            assert row["mean_reach"] == pytest.approx(np.mean(reach)) if who else np.isnan(row["mean_reach"])
            degrees = [g.degree(p) for p in who]
            assert row["mean_contacts"] == pytest.approx(np.mean(degrees)) if who else np.isnan(row["mean_contacts"])


def test_experts_reach_and_edge_against_networkx():
    f = role_group_figures(dataset())
    group = PEOPLE.set_index("id")["role"].map(GROUP)
    for name, g in units().items():
        row = f.experts.set_index("network").loc[name]
        experts = [p for p in g if group[p] == "experiential_expert"]
        others = [p for p in g if p not in experts]
        dist = {p: min((nx.shortest_path_length(g, e, p) for e in experts if nx.has_path(g, e, p)), default=99)
                for p in others}
        one, two = sum(d <= 1 for d in dist.values()), sum(d <= 2 for d in dist.values())
        assert (row["experts"], row["within_one_step"], row["within_two_steps"]) == (len(experts), one, two)
        core, degree = nx.core_number(g), dict(g.degree)
        edge = [e for e in experts if core[e] < np.median(list(core.values()))
                and degree[e] <= np.median(list(degree.values()))]
        assert row["experts_at_edge"] == len(edge)
        if experts:
            assert row["share_within_one_step"] == one / len(others)
            assert row["at_edge"] == (len(edge) == len(experts))
            assert row["expert_mean_core"] == np.mean([core[e] for e in experts])
        else:
            assert pd.isna(row["at_edge"]) and np.isnan(row["share_within_two_steps"])
    # by hand: d (tied to i only) reaches i in one step and a in two; core 1 below n1's median 2
    n1 = f.experts.set_index("network").loc["n1"]
    assert (n1["within_one_step"], n1["within_two_steps"], n1["at_edge"]) == (1, 2, True)


def test_coordinators_betweenness_rank_and_dependency_against_networkx():
    f = role_group_figures(dataset())
    assert f.coordinators[["network", "id"]].values.tolist() == [["n1", "a"], ["n2", "g"]]
    for row in f.coordinators.itertuples():
        g = units()[row.network]
        btw = nx.betweenness_centrality(g, normalized=False)
        assert row.betweenness == pytest.approx(btw[row.id])
        assert row.betweenness_rank == 1 + sum(v > btw[row.id] + 1e-12 for v in btw.values())
        rest = g.copy()
        rest.remove_node(row.id)
        main = max(nx.connected_components(g), key=len)
        after = max((len(c) for c in nx.connected_components(rest)), default=0)
        assert row.cut_off == len(main) - (row.id in main) - after
        n = len(g)
        sizes = [len(c) for c in nx.connected_components(rest)]
        assert row.fragmentation_after == pytest.approx(1 - sum(s * (s - 1) for s in sizes) / ((n - 1) * (n - 2)))
    # by hand: without a, i and d lose b and c (largest group b-c): 2 cut off; a is on every path to i and d
    a = f.coordinators.set_index("id").loc["a"]
    assert (a["cut_off"], a["betweenness_rank"], a["members"]) == (2, 1, 5)


def test_education_practice_by_hand():
    f = role_group_figures(dataset()).education_practice.set_index("network")
    # n1: b (docent) - c (huisarts: professional) of 5 ties; n2: e (stagiair) - c and e - f of 5 ties;
    # the programme adds b - f (docent - professional): 4 of 11
    assert f.loc["n1", ["ties", "education_practice_ties"]].tolist() == [5, 1]
    assert f.loc["n2", ["ties", "education_practice_ties", "share"]].tolist() == [5, 2, 0.4]
    assert f.loc[PROGRAMME, ["ties", "education_practice_ties", "educators", "students", "professionals"]].tolist() \
        == [11, 4, 1, 1, 3]


def test_role_map_moves_values_between_groups():
    ds = dataset().with_role_map({"huisarts": "educator", "Professional": "client"})
    f = role_group_figures(ds)
    n1 = f.groups[f.groups["network"] == "n1"].set_index("group")["members"]
    assert (n1["educator"], n1["client"]) == (2, 1) and "professional" not in n1  # no one is left in the group
    assert f.education_practice.set_index("network").loc["n1", "education_practice_ties"] == 0  # no professional
    assert f.mapping.set_index("value").loc["huisarts", ["group", "source"]].tolist() == ["educator", "role map"]
    # matched like the synonyms: 'Professional' in the map is also f's 'professional'
    assert f.mapping.set_index("value").loc["professional", ["group", "source"]].tolist() == ["client", "role map"]


def test_coordinator_roles_alone_make_the_coordinator_group():
    # named: huisarts (c, in n1 and n2); a (Netwerkcoördinator) and g (TREKKER) are then professionals
    f = role_group_figures(dataset(), coordinator_roles=["Huisarts"])
    assert f.coordinators[["network", "id"]].values.tolist() == [["n1", "c"], ["n2", "c"]]
    n1 = f.groups[f.groups["network"] == "n1"].set_index("group")["members"]
    # n1 by hand: coordinator c; professional a and i (Professional); educator b; expert d
    assert (n1["coordinator"], n1["professional"], n1["educator"]) == (1, 2, 1)
    for row in f.coordinators.itertuples():  # c's betweenness and dependency in each network's own graph
        g = units()[row.network]
        assert row.betweenness == pytest.approx(nx.betweenness_centrality(g, normalized=False)["c"])
        assert not np.isnan(row.fragmentation_after)  # c was tested for dependency: the same coordinators
    sources = f.mapping.set_index("value")["source"]
    assert (sources["huisarts"], sources["Netwerkcoördinator"], sources["TREKKER"]) == (
        "coordinator value", "not a coordinator value", "not a coordinator value")


def test_directed_betweenness_follows_the_arcs():
    people = PEOPLE.assign(networks="n1")
    f = role_group_figures(dataset(people, [("b", "a"), ("a", "c"), ("c", "b")], directed=True))
    g = nx.DiGraph([("b", "a"), ("a", "c"), ("c", "b")])
    g.add_nodes_from(people["id"])
    btw = nx.betweenness_centrality(g, normalized=False)
    coords = f.coordinators.set_index("id")["betweenness"]
    assert coords.to_dict() == pytest.approx({"a": btw["a"], "g": btw["g"]})


def test_no_roles_no_networks_and_an_unknown_attribute():
    plain = from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    f = role_group_figures(plain)
    assert f.groups[["network", "group", "members"]].values.tolist() == [[PROGRAMME, NO_ROLE, 0]]
    assert f.coordinators.empty and f.mapping.empty and f.experts["experts"].tolist() == [0]
    with pytest.raises(ParameterError, match="by must be one of .*; got 'hobby'"):
        role_group_figures(dataset(), by="hobby")
    by_name = role_group_figures(dataset(), by="name")  # any person column: names all differ
    assert by_name.groups.set_index(["network", "group"]).loc[("n1", "coordinator"), "cross_share"] == 1.0


EXAMPLE = Path(__file__).resolve().parents[2] / "datasets" / "leernetwerken"


def test_example_against_its_csv_files(example):
    """Members, education-practice ties and experts' reach per network, recomputed from the CSV files."""
    people = pd.read_csv(EXAMPLE / "people.csv", dtype=str).set_index("id")
    inter = pd.read_csv(EXAMPLE / "interactions.csv", dtype=str)
    events = pd.read_csv(EXAMPLE / "events.csv", dtype=str).set_index("id")
    att = pd.read_csv(EXAMPLE / "attendance.csv", dtype=str)
    from tests.conftest import plain_memberships

    member = plain_memberships(people.reset_index(), inter, events, att)
    pairs = {frozenset(p) for p in zip(inter["source"], inter["target"], strict=True) if p[0] != p[1]}
    for _, who in att.groupby("event")["person"]:
        pairs |= {frozenset(p) for p in combinations(sorted(set(who)), 2)}
    role = {"coordinator": "coordinator", "ervaringsdeskundige": "experiential_expert", "docent": "educator",
            "student": "student"}
    group = people["role"].map(lambda r: role.get(str(r).lower(), "professional") if pd.notna(r) else None)
    f = role_group_figures(example)
    nets = sorted({n for ns in member.values() for n in ns})
    for net in [*nets, PROGRAMME]:
        who = {p for p, ns in member.items() if (net in ns if net != PROGRAMME else ns)}
        ties = [tuple(p) for p in pairs if p <= who]
        edu = sum({group[u], group[v]} in ({"educator", "professional"}, {"student", "professional"})
                  for u, v in ties)
        row = f.education_practice.set_index("network").loc[net]
        assert (row["ties"], row["education_practice_ties"]) == (len(ties), edu), net
        counts = f.groups[f.groups["network"] == net].set_index("group")["members"]
        assert counts[counts > 0].to_dict() == group[sorted(who)].value_counts().to_dict(), net
        g = nx.Graph(ties)
        g.add_nodes_from(who)
        experts = [p for p in who if group[p] == "experiential_expert"]
        near = set().union(*(nx.single_source_shortest_path_length(g, e, cutoff=2) for e in experts)) - set(experts)
        assert f.experts.set_index("network").loc[net, "within_two_steps"] == len(near), net


def test_a_dependency_table_passed_in_is_the_one_computed():
    """analyze() computes the coordinators' dependency once for the scorecard and the role groups."""
    ds = dataset()
    alone, reused = role_group_figures(ds), role_group_figures(ds, dependence=dependency(ds, top=0))
    for name in ("groups", "experts", "coordinators", "education_practice"):
        pd.testing.assert_frame_equal(getattr(reused, name), getattr(alone, name))


def test_data_without_records_or_people_give_empty_tables_with_their_columns(tmp_path):
    """An interactions file with a header and no rows is valid data: no one, no group row. The groups table still
    has its columns, so `collabgraph roles` answers in every format (it exited 3, KeyError 'network', found by
    the property test under CI)."""
    from tests.cli.conftest import run

    (tmp_path / "interactions.csv").write_text("source,target\n", encoding="utf-8")
    ds = from_frames(interactions=pd.DataFrame({"source": pd.Series([], dtype=str),
                                                "target": pd.Series([], dtype=str)}))
    f = role_group_figures(ds)
    assert f.groups.empty and {"network", "group", "members", "cross_share"} <= set(f.groups.columns)
    for fmt in ("text", "json", "csv"):
        r = run("roles", tmp_path, "--format", fmt)
        assert r.exit_code == 0, (fmt, r.output)
    assert run("roles", tmp_path, "--format", "csv").stdout.splitlines()[0].startswith("network,level,group,members")
