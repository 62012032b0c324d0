"""Introductions: Adamic–Adar against networkx, three-step paths by hand, network, diversity and
overload weights, and the wording of the reasons."""

from __future__ import annotations

import math

import networkx as nx
import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.errors import ParameterError
from collabgraph.metrics.suggest import Scorer, suggest
from tests.conftest import make

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


def test_isolate_gets_suggestions_from_own_network():
    people = pd.DataFrame({"id": ["a", "b", "c", "z"], "networks": ["N1", "N1", "N2", "N1"],
                           "domain": ["zorg", "welzijn", "zorg", "zorg"]})
    inter = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]})
    s = suggest(from_frames(people=people, interactions=inter), "z", overload_penalty=1.0)
    # z has no ties; a and b share network N1 (bonus 0.25); b is in another domain (x 2).
    assert s.table["id"].tolist() == ["b", "a"]
    assert s.table["score"].tolist() == pytest.approx([0.5, 0.25])
    # b's 2 ties are above the 90% quantile of degrees (1, 2, 1 -> 1.8): overloaded, penalty off here.
    assert s.table["reason"].tolist() == ["welzijn; both in network 'N1'; already has 2 contacts",
                                          "zorg; both in network 'N1'"]


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
    s = suggest(ds, "a", n=5)
    # c and d share contact b (degree 3): AA = 1/log 3; c is another profession: x 2.
    assert s.table["id"].tolist() == ["c", "d"]
    assert s.table["score"].tolist() == pytest.approx([2 / math.log(3), 1 / math.log(3)])
    assert s.to_dict() == {"person": "a", "suggestions": [
        {"id": "c", "score": round(2 / math.log(3), 6), "reason": "shares 1 contact; huisarts in zorg",
         "name": "c", "steps": 2, "shared_contacts": 1, "shared_networks": []},
        {"id": "d", "score": round(1 / math.log(3), 6), "reason": "shares 1 contact; wijkverpleegkundige in zorg",
         "name": "d", "steps": 2, "shared_contacts": 1, "shared_networks": []}]}


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
    with pytest.raises(ParameterError, match="Unknown person 'q'"):
        suggest(ds, "q")
    with pytest.raises(ParameterError, match="n must be a whole number >= 1"):
        suggest(ds, "a", n=0)
    with pytest.raises(ParameterError, match="diversity must be a number >= 0"):
        suggest(ds, "a", diversity=-1)
