"""Introductions: Adamic–Adar against networkx, three-step paths by hand, network, diversity and
overload weights, and the wording of the reasons."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

import collabgraph
from collabgraph.errors import ParameterError
from collabgraph.metrics.suggest import Scorer, suggest
from tests.conftest import make, plain_detached

PLAIN = {"third_step": 0.0, "network_bonus": 0.0, "diversity": 0.0, "overload_penalty": 1.0}


def test_adamic_adar_matches_networkx():
    # Independent value: networkx.adamic_adar_index on Zachary's karate club, every non-adjacent pair.
    g = nx.karate_club_graph()
    ds = make([(f"p{a:02d}", f"p{b:02d}") for a, b in g.edges()])
    scorer = Scorer(ds, **PLAIN)
    ids = list(ds.people.index)
    for i in (0, 5, 16, 33):
        row = scorer.scores(f"p{i:02d}")
        for _, v, aa in nx.adamic_adar_index(g, [(i, j) for j in g if j != i and not g.has_edge(i, j)]):
            assert row[ids.index(f"p{v:02d}")] == pytest.approx(aa)


def test_three_steps_by_hand():
    # Path a-b-c-d: a and d are three steps apart through b (degree 2) and c (degree 2):
    # AA3 = 1/(log 2 * log 2) = 2.0814; with third_step 0.1 -> 0.20814. c: AA2 = 1/log 2.
    ds = make([("a", "b"), ("b", "c"), ("c", "d")])
    row = Scorer(ds, **{**PLAIN, "third_step": 0.1}).scores("a")
    assert row.tolist() == pytest.approx([0, 0, 1 / math.log(2), 0.1 / math.log(2) ** 2])


PEOPLE = """id,name,role,profession,domain,networks
z,Zoe,,arts,zorg,N1
y,Yusuf,,arts,zorg,N1
k,Kees,Coördinator,netwerkcoördinator,welzijn,N1
a,Anna,,arts,zorg,N1
b,Bram,,verpleegkundige,zorg,N1
c,Cor,,agent,veiligheid,N1
e,Eva,,arts,zorg,N2
f,Fleur,,leraar,onderwijs,N2
g,Gijs,,agent,veiligheid,N2
h,Hein,,verpleegkundige,zorg,N2
x1,Xander,,arts,zorg,N1
x2,Xena,,agent,veiligheid,N1
"""
#: a-b, a-c, a-k, b-c, c-f (joins N1 and N2), e-f, e-g, e-h; x1-x2 only know each other; z and y no one.
INTERACTIONS = "source,target\na,b\na,c\na,k\nb,c\nc,f\ne,f\ne,g\ne,h\nx1,x2\n"


def outside_folder(tmp_path):
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text(INTERACTIONS)
    return tmp_path


def outreach_recomputed(folder, person):
    """The score for people outside the network (module docstring), from the CSV files with networkx."""
    people = pd.read_csv(folder / "people.csv", dtype=str).set_index("id")
    inter = pd.read_csv(folder / "interactions.csv", dtype=str)
    g = nx.Graph()
    g.add_nodes_from(people.index)
    g.add_edges_from(zip(inter["source"], inter["target"], strict=True))
    top = max(d for _, d in g.degree())
    nets = {p: set(str(v).split(";")) for p, v in people["networks"].items()}
    # the person's own group: within each of their learning networks (the networks' members, ties between them)
    own = set().union(*(nx.node_connected_component(g.subgraph([p for p in g if n in nets[p]]), person)
                        for n in nets[person]))
    detached = plain_detached(g, nets)
    scores = {}
    for j in g:
        if g.degree(j) == 0 or j in own or g.has_edge(person, j):
            continue
        w = math.log(1 + g.degree(j)) / math.log(1 + top)
        shares = bool(nets[j] & nets[person])
        coordinator = shares and people.at[j, "role"] == "Coördinator"
        bridges = len({people.at[q, "domain"] for q in g[j]} - {people.at[j, "domain"]})
        peer = 0.5 if people.at[j, "profession"] == people.at[person, "profession"] else \
            0.25 if people.at[j, "domain"] == people.at[person, "domain"] else 0
        score = (shares * (1 + w) + coordinator + (not shares and bridges > 0) * peer * (1 + w)) * (
            0.5 if j in detached else 1)
        if score > 0:
            scores[j] = score
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def test_isolate_gets_network_members_coordinator_and_bridging_peers(tmp_path):
    folder = outside_folder(tmp_path)
    s = suggest(collabgraph.load(folder), person="z", n=10)
    assert s.outside
    expected = outreach_recomputed(folder, "z")
    assert list(zip(s.table["id"], s.table["score"], strict=True)) == [(j, pytest.approx(v)) for j, v in expected]
    # By hand (highest degree 3, w = log(1 + degree) / log 4): coordinator k 1 + 0.5 + 1 = 2.5; a and c (3
    # contacts) 2.0; b (2) 1 + log 3 / log 4 = 1.79; e elsewhere, also arts, ties to onderwijs and veiligheid:
    # 0.5 x (1 + 1) = 1.0; then x1 and x2, in N1 but on an island of their own: (1 + 0.5) / 2 = 0.75.
    # Not y (an isolate too), not h (zorg, but no tie to another domain), not f or g.
    assert s.table["id"].tolist() == ["k", "a", "c", "b", "e", "x1", "x2"]
    assert s.table["reason"].tolist() == [
        "coordinator of network 'N1'; netwerkcoördinator in welzijn; 1 contact",
        "both in network 'N1'; arts in zorg; 3 contacts",
        "both in network 'N1'; agent in veiligheid; 3 contacts",
        "both in network 'N1'; verpleegkundige in zorg; 2 contacts",
        "same profession, in another learning network; arts in zorg; 3 contacts; ties to 2 other domains",
        "both in network 'N1'; arts in zorg; 1 contact",
        "both in network 'N1'; agent in veiligheid; 1 contact",
    ]
    assert s.table["bridge_domains"].tolist() == [0, 0, 0, 0, 2, 0, 0] and s.table["coordinator"].tolist()[0]


def test_detached_person_is_introduced_outside_their_island(tmp_path):
    folder = outside_folder(tmp_path)
    s = suggest(collabgraph.load(folder), person="x1", n=10)
    assert s.outside and "x2" not in s.table["id"].tolist()  # x2 is already a contact; z, y isolates
    assert list(zip(s.table["id"], s.table["score"], strict=True)) == [
        (j, pytest.approx(v)) for j, v in outreach_recomputed(folder, "x1")]
    assert s.table["id"].tolist()[:1] == ["k"]
    # people inside the main group still get contacts of contacts
    assert not suggest(collabgraph.load(folder), person="b").outside


def test_separate_networks_are_not_outside_but_a_split_off_part_is(tmp_path):
    # Two learning networks with no tie between them (as the towns of a programme): N2, the smaller, is whole,
    # so its members get contacts of contacts. In N1 the pair s1-s2 is split off: they are outside, and the
    # members of N1's largest group are suggested to them, not the pair itself nor N2 (no shared network).
    (tmp_path / "people.csv").write_text("id,networks,role,profession,domain\n" + "".join(
        f"{p},{n},,arts,zorg\n" for p, n in [("a", "N1"), ("b", "N1"), ("c", "N1"), ("d", "N1"), ("s1", "N1"),
                                      ("s2", "N1"), ("p", "N2"), ("q", "N2"), ("r", "N2")]))
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\nc,d\ns1,s2\np,q\nq,r\n")
    ds = collabgraph.load(tmp_path)
    near = suggest(ds, person="p")
    assert not near.outside and near.table["id"].tolist() == ["r"]
    split = suggest(ds, person="s1", n=10)
    assert split.outside
    assert list(zip(split.table["id"], split.table["score"], strict=True)) == [
        (j, pytest.approx(v)) for j, v in outreach_recomputed(tmp_path, "s1")]
    assert sorted(split.table["id"]) == ["a", "b", "c", "d"]


def test_person_by_unique_name(tmp_path):
    scorer = Scorer(collabgraph.load(outside_folder(tmp_path)))
    assert scorer.resolve("Zoe") == scorer.resolve(" zoe ") == scorer.resolve("z") == "z"
    with pytest.raises(ParameterError, match="^person must be an id or a name of the people table; got 'Nobody'.$"):
        scorer.resolve("Nobody")


def test_overloaded_people_are_ranked_down():
    # Star around h with 5 leaves l0..l4; x, y and a hang off leaves l1 and l2.
    edges = [("h", f"l{k}") for k in range(5)] + [("x", "l1"), ("x", "y"), ("y", "l2"), ("a", "l1"), ("a", "y")]
    ds = make(edges)
    # For a: h (via l1, degree 3) and x (via l1 and y) are two steps away. h has 5 ties > 90% quantile.
    plain = Scorer(ds, **PLAIN).suggest("a", n=3).table
    penalised = Scorer(ds, **{**PLAIN, "overload_penalty": 0.5}).suggest("a", n=3).table
    h_plain = plain.set_index("id").loc["h", "score"]
    h_pen = penalised.set_index("id").loc["h", "score"]
    assert h_pen == pytest.approx(h_plain / 2)
    assert penalised.set_index("id").loc["h", "reason"] == "shares 1 contact; already has 5 contacts"


def test_diversity_bonus_and_reason_text():
    ds = make([("a", "b"), ("b", "c"), ("b", "d")],
              profession={"a": "wijkverpleegkundige", "c": "huisarts", "d": "wijkverpleegkundige"},
              domain={"a": "zorg", "c": "zorg", "d": "zorg"})
    s = suggest(ds, person="a", n=5)
    # c and d share contact b (degree 3): AA = 1/log 3; c is another profession: x 2.
    assert s.table["id"].tolist() == ["c", "d"]
    assert s.table["score"].tolist() == pytest.approx([2 / math.log(3), 1 / math.log(3)])
    more = {"contacts": 1, "coordinator": False, "bridge_domains": 0}
    assert s.to_dict() == {"person": "a", "outside": False, "suggestions": [
        {"id": "c", "score": round(2 / math.log(3), 6), "reason": "shares 1 contact; huisarts in zorg",
         "name": "c", "steps": 2, "shared_contacts": 1, "shared_networks": [], **more},
        {"id": "d", "score": round(1 / math.log(3), 6), "reason": "shares 1 contact; wijkverpleegkundige in zorg",
         "name": "d", "steps": 2, "shared_contacts": 1, "shared_networks": [], **more}]}


def test_never_suggests_self_or_existing_ties():
    g = nx.planted_partition_graph(3, 10, 0.6, 0.05, seed=1)
    ds = make([(f"p{a:02d}", f"p{b:02d}") for a, b in g.edges()])
    scorer = Scorer(ds)
    for pid in ds.people.index:
        got = set(scorer.suggest(pid, n=30).table["id"])
        i = int(pid[1:])
        assert pid not in got
        assert not any(g.has_edge(i, int(j[1:])) for j in got)


def test_bad_parameters():
    ds = make([("a", "b")])
    with pytest.raises(ParameterError, match="person must be an id .*; got 'q'"):
        suggest(ds, person="q")
    with pytest.raises(ParameterError, match=r"^n must be a whole number >= 1; got 0\.$"):
        suggest(ds, person="a", n=0)
    with pytest.raises(ParameterError, match=r"^diversity must be a number >= 0; got -1\.$"):
        suggest(ds, person="a", diversity=-1)
    with pytest.raises(ParameterError, match=r"^overload_quantile must be a number in \[0, 1\]; got 1\.5\.$"):
        suggest(ds, person="a", overload_quantile=1.5)


def test_coordinator_roles_named(tmp_path):
    # With named role values, "Coördinator" is no longer a coordinator: k drops from 2.5 to 1.5 (behind a and c).
    folder = outside_folder(tmp_path)
    table = Scorer(collabgraph.load(folder), coordinator_roles=["voorzitter"]).suggest("z", 4).table
    assert table["id"].tolist() == ["a", "c", "b", "k"] and not table["coordinator"].any()
    assert table["score"].tolist()[-1] == pytest.approx(1.5)


def test_suggest_many_gives_each_persons_own_suggestions(monkeypatch):
    """suggest_many (the sparse products of many people at once) gives the tables of suggest, person by person,
    also when the people are split into several batches; on the example, for the flagged and some others."""
    from collabgraph.datasets import load_example
    from collabgraph.metrics.isolation import isolation

    ds = load_example()
    scorer = Scorer(ds)
    persons = list(isolation(ds).flagged.index[:40]) + list(ds.people.index[::50])
    one_by_one = [scorer.suggest(p, 7) for p in persons]
    monkeypatch.setattr("collabgraph.metrics.suggest.BATCH_CELLS", 6 * len(ds.people))  # batches of 6 people
    for many in (scorer.suggest_many(persons, 7), Scorer(ds).suggest_many(persons, 7)):
        assert [s.person for s in many] == persons
        for a, b in zip(many, one_by_one, strict=True):
            assert a.outside == b.outside
            pd.testing.assert_frame_equal(a.table, b.table)
    assert any(s.outside for s in one_by_one) and any(not s.outside for s in one_by_one)
