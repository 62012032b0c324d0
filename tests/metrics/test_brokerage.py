"""Tests for collabgraph.metrics.brokerage: Gould–Fernandez roles against R sna and a brute-force count; brokers()."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest

import collabgraph
from collabgraph.errors import ParameterError
from collabgraph.graph import ties
from collabgraph.metrics.brokerage import CONVENTION, ROLES, brokers, gould_fernandez
from collabgraph.metrics.centrality import betweenness
from collabgraph.metrics.holes import structural_holes
from tests.conftest import make

COLS = [*ROLES, "total"]  # = sna's w_I, w_O, b_IO, b_OI, b_O, t

# A hand-made directed graph with three groups of unequal size (x: 4, y: 2, z: 3), with a
# reciprocated pair (g <-> i), closed triads (a->b->c->a ...) and every role present.
HAND_ARCS = [("a", "b"), ("b", "c"), ("c", "a"), ("b", "d"), ("d", "e"), ("e", "f"), ("d", "g"),
             ("g", "h"), ("h", "a"), ("a", "d"), ("f", "b"), ("i", "g"), ("g", "i"), ("c", "e"),
             ("e", "h"), ("h", "c"), ("e", "b")]
HAND_GROUPS = dict(zip("abcdefghi", "xxxxyyzzz", strict=True))

# Reference numbers from R 4.x, sna 2.7-1:
#   library(sna)
#   ids <- c("a","b","c","d","e","f","g","h","i"); cl <- c("x","x","x","x","y","y","z","z","z")
#   el <- rbind(c("a","b"),c("b","c"),c("c","a"),c("b","d"),c("d","e"),c("e","f"),c("d","g"),
#               c("g","h"),c("h","a"),c("a","d"),c("f","b"),c("i","g"),c("g","i"),c("c","e"),
#               c("e","h"),c("h","c"),c("e","b"))
#   g <- matrix(0,9,9,dimnames=list(ids,ids)); g[el] <- 1; b <- brokerage(g, cl)
#   b$raw.nli; b$exp.grp; b$sd.grp; b$z.nli; b$raw.gli; b$exp.gli; b$sd.gli; b$z.gli
# Columns w_I, w_O, b_IO, b_OI, b_O, t.
SNA_HAND_RAW = {
    "a": [2, 0, 0, 2, 0, 4], "b": [1, 0, 0, 4, 0, 5], "c": [1, 0, 1, 0, 1, 3],
    "d": [0, 0, 4, 0, 0, 4], "e": [0, 2, 0, 2, 2, 6], "f": [0, 0, 0, 0, 0, 0],
    "g": [1, 0, 0, 2, 0, 3], "h": [0, 0, 2, 0, 2, 4], "i": [0, 0, 0, 0, 0, 0],
}
SNA_HAND_EXP_GRP = {
    "x": [0.255513760288, 0.340685013717, 0.63878440072, 0.63878440072, 0.511027520576, 2.38479509602],
    "y": [0, 0.766541280864, 0.298099387003, 0.298099387003, 1.02205504115, 2.38479509602],
    "z": [0.0851712534294, 0.596198774005, 0.511027520576, 0.511027520576, 0.681370027435, 2.38479509602],
}
SNA_HAND_SD_GRP = {
    "x": [0.561284597581, 0.629749618266, 1.06753934951, 1.06753934951, 0.836952000878, 2.49521078461],
    "y": [0, 1.0420829641, 0.729268210344, 0.729268210344, 1.2971540829, 2.49521078461],
    "z": [0.285559419778, 0.923277145178, 0.954836221665, 0.954836221665, 1.01383529536, 2.49521078461],
}
SNA_HAND_Z = {  # NaN where sna divides 0 by 0 (a group of two has no coordinator pairs)
    "a": [3.10802442688, -0.540984867376, -0.598370824469, 1.27509641673, -0.610581634359, 0.647322027438],
    "b": [1.32639705939, -0.540984867376, -0.598370824469, 3.14856365793, -0.610581634359, 1.04808977266],
    "c": [1.32639705939, -0.540984867376, 0.33836279613, -0.598370824469, 0.584230014279, 0.246554282216],
    "d": [-0.455230308099, -0.540984867376, 3.14856365793, -0.598370824469, -0.610581634359, 0.647322027438],
    "e": [math.nan, 1.183647331, -0.408765091875, 2.33371013415, 0.75391580055, 1.44885751788],
    "f": [math.nan, -0.735585656106, -0.408765091875, -0.408765091875, -0.78792107632, -0.955748953448],
    "g": [3.20363708289, -0.645741939048, -0.535199135706, 1.55940091676, -0.672071716733, 0.246554282216],
    "h": [-0.298261053673, -0.645741939048, 1.55940091676, -0.535199135706, 1.30063529905, 0.647322027438],
    "i": [-0.298261053673, -0.645741939048, -0.535199135706, -0.535199135706, -0.672071716733, -0.955748953448],
}
SNA_HAND_GLI = {
    "observed": [5, 2, 7, 10, 5, 29],
    "expected": [1.27756880144, 4.68441893861, 4.68441893861, 4.68441893861, 6.13233024691, 21.4631558642],
    "sd": [1.40634936586, 3.02204115956, 2.90599506474, 2.90599506474, 3.44529676973, 8.78595912693],
    "z": [2.64687515699, -0.888280071939, 0.796828972451, 1.82917759424, -0.328659712819, 0.85782827201],
}

# Camp '92, directed top-3 choices, from R sna 2.7-1:
#   nodes <- read.csv("campnet/nodes.csv"); edges <- read.csv("campnet/edges.csv")
#   g <- matrix(0,18,18,dimnames=list(nodes$id,nodes$id)); g[cbind(edges$source,edges$target)] <- 1
#   b <- brokerage(g, nodes$role)   (and nodes$gender); b$raw.nli; b$exp.grp; b$sd.grp; b$raw.gli ...
CAMP_IDS = ["HOLLY", "BRAZEY", "CAROL", "PAM", "PAT", "JENNIE", "PAULINE", "ANN", "MICHAEL", "BILL", "LEE",
            "DON", "JOHN", "HARRY", "GERY", "STEVE", "BERT", "RUSS"]
SNA_CAMP = {
    "role": {
        "raw": [[8, 0, 0, 0, 0, 8], [0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 2], [8, 0, 0, 0, 0, 8],
                [8, 0, 0, 0, 0, 8], [4, 0, 0, 0, 0, 4], [7, 0, 0, 0, 0, 7], [1, 0, 0, 0, 0, 1],
                [1, 0, 0, 3, 0, 4], [0, 0, 0, 0, 0, 0], [0, 0, 0, 2, 0, 2], [3, 0, 0, 0, 0, 3],
                [0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 1], [0, 1, 1, 1, 0, 3], [1, 0, 2, 2, 0, 5],
                [0, 0, 1, 2, 0, 3], [3, 0, 0, 2, 0, 5]],
        "exp_grp": {"participant": [4.0008141665, 0.307754935884, 1.33360472217, 1.33360472217, 0, 6.97577854671],
                    "instructor": [0.153877467942, 4.66761652758, 1.0771422756, 1.0771422756, 0, 6.97577854671]},
        "sd_grp": {"participant": [3.79900116156, 0.66872540498, 1.92185833968, 1.92185833968, 0, 5.64298053186],
                   "instructor": [0.43216196176, 4.23734294818, 1.72720682733, 1.72720682733, 0, 5.64298053186]},
        "gli": [[47, 1, 4, 12, 0, 64],
                [56.6269082027, 22.9790352127, 22.9790352127, 22.9790352127, 0, 125.564013841],
                [17.4385339975, 10.2718537117, 8.05736639632, 8.05736639632, 0, 29.5161679996]],
    },
    "gender": {
        "raw": [[1, 0, 1, 6, 0, 8], [0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 2], [8, 0, 0, 0, 0, 8],
                [8, 0, 0, 0, 0, 8], [4, 0, 0, 0, 0, 4], [4, 0, 0, 3, 0, 7], [1, 0, 0, 0, 0, 1],
                [2, 0, 2, 0, 0, 4], [0, 0, 0, 0, 0, 0], [0, 0, 2, 0, 0, 2], [0, 0, 1, 2, 0, 3],
                [0, 0, 0, 0, 0, 0], [0, 0, 1, 0, 0, 1], [3, 0, 0, 0, 0, 3], [4, 0, 0, 1, 0, 5],
                [2, 0, 0, 1, 0, 3], [5, 0, 0, 0, 0, 5]],
        "exp_grp": {"female": [1.0771422756, 2.30816201913, 1.79523712599, 1.79523712599, 0, 6.97577854671],
                    "male": [1.84652961531, 1.43618970079, 1.84652961531, 1.84652961531, 0, 6.97577854671]},
        "sd_grp": {"female": [1.52927046551, 2.58242347885, 2.22981442591, 2.22981442591, 0, 5.64298053186],
                   "male": [2.21204302626, 1.86064442735, 2.26144457917, 2.26144457917, 0, 5.64298053186]},
        "gli": [[44, 0, 7, 13, 0, 64],
                [27.0824343578, 32.827193161, 32.827193161, 32.827193161, 0, 125.564013841],
                [9.9319405793, 12.2992352304, 9.60225426229, 9.60225426229, 0, 29.5161679996]],
    },
}


@pytest.fixture(scope="module")
def hand():
    ds = make(HAND_ARCS, directed=True, team=HAND_GROUPS)
    return gould_fernandez(ds, by="team")


@pytest.fixture(scope="module")
def camp(realdata):
    ds = collabgraph.load(realdata / "campnet", directed=True)
    return ds, ties(ds)


def brute_force(arcs, groups):
    """Independent count: every ordered (a, b, c) with a->b, b->c, a != c and no a->c, classified by groups."""
    arcs = set(arcs)
    nodes = sorted({x for arc in arcs for x in arc} | set(groups))
    counts = {n: dict.fromkeys(COLS, 0) for n in nodes}
    for a, b, c in itertools.permutations(nodes, 3):
        if (a, b) in arcs and (b, c) in arcs and (a, c) not in arcs:
            ga, gb, gc = groups[a], groups[b], groups[c]
            role = ("coordinator" if ga == gb == gc else "itinerant" if ga == gc
                    else "representative" if ga == gb else "gatekeeper" if gb == gc else "liaison")
            counts[b][role] += 1
            counts[b]["total"] += 1
    return pd.DataFrame(counts).T


# ---- Gould–Fernandez -----------------------------------------------------------------------------

def test_hand_graph_counts_equal_sna(hand):
    expected = pd.DataFrame(SNA_HAND_RAW, index=COLS).T  # R sna::brokerage raw.nli (see above)
    assert hand.people[COLS].to_numpy().tolist() == expected.to_numpy().tolist()
    assert list(hand.people.index) == list(expected.index)


def test_hand_graph_expected_sd_and_z_equal_sna(hand):
    groups = hand.groups.set_index("group")
    for g in "xyz":  # R: b$exp.grp, b$sd.grp
        assert groups.loc[g, [f"expected_{c}" for c in COLS]].tolist() == pytest.approx(SNA_HAND_EXP_GRP[g], abs=1e-10)
        assert groups.loc[g, [f"sd_{c}" for c in COLS]].tolist() == pytest.approx(SNA_HAND_SD_GRP[g], abs=1e-10)
    z = hand.people[[f"z_{c}" for c in COLS]]
    for pid, values in SNA_HAND_Z.items():  # R: b$z.nli
        assert z.loc[pid].tolist() == pytest.approx(values, abs=1e-10, nan_ok=True)


def test_hand_graph_network_totals_equal_sna(hand):
    net = hand.network.set_index("role")  # R: b$raw.gli, b$exp.gli, b$sd.gli, b$z.gli
    assert net["sna"].tolist() == ["w_I", "w_O", "b_IO", "b_OI", "b_O", "t"]  # names(b$raw.gli)
    for column, values in SNA_HAND_GLI.items():
        assert net[column].tolist() == pytest.approx(values, abs=1e-10)


def test_hand_graph_counts_equal_brute_force(hand):
    # an independent triple loop over every ordered triple (the definition in sna's help page)
    expected = brute_force(HAND_ARCS, HAND_GROUPS)
    assert hand.people[COLS].to_numpy().tolist() == expected.loc[hand.people.index, COLS].to_numpy().tolist()


def test_gatekeeper_and_representative_follow_sna():
    # sna's help page: gatekeeper (b_OI) A -> B -> B, representative (b_IO) A -> A -> B;
    # R: brokerage(g, c(1,2,2)) on 1->2->3 gives b_OI = 1 for vertex 2; c(1,1,2) gives b_IO = 1.
    ds = make([("a", "b"), ("b", "c")], directed=True, team={"a": "A", "b": "B", "c": "B"})
    r = gould_fernandez(ds, by="team").people
    assert (r.loc["b", "gatekeeper"], r.loc["b", "representative"]) == (1, 0)
    ds = make([("a", "b"), ("b", "c")], directed=True, team={"a": "A", "b": "A", "c": "B"})
    r = gould_fernandez(ds, by="team").people
    assert (r.loc["b", "gatekeeper"], r.loc["b", "representative"]) == (0, 1)
    assert "gatekeeper = A->B->B" in CONVENTION


def test_closed_and_returning_two_paths_are_not_brokerage():
    # R: 1->2->3 with 1->3 gives all zeros; 1<->2 gives all zeros; 1->2->3 with 3->1 gives w_I = 1 each
    closed = make([("a", "b"), ("b", "c"), ("a", "c")], directed=True, team=dict.fromkeys("abc", "x"))
    assert gould_fernandez(closed, by="team").people["total"].sum() == 0
    back = make([("a", "b"), ("b", "a")], directed=True, team=dict.fromkeys("ab", "x"))
    assert gould_fernandez(back, by="team").people["total"].sum() == 0
    cycle = make([("a", "b"), ("b", "c"), ("c", "a")], directed=True, team=dict.fromkeys("abc", "x"))
    assert gould_fernandez(cycle, by="team").people["coordinator"].tolist() == [1, 1, 1]


@pytest.mark.parametrize("by", ["role", "gender"])
def test_campnet_equals_sna(camp, by):
    ds, t = camp
    r = gould_fernandez(ds, by=by, tie_table=t)
    ref = SNA_CAMP[by]
    assert r.people.loc[CAMP_IDS, COLS].to_numpy().tolist() == ref["raw"]  # R: b$raw.nli
    groups = r.groups.set_index("group")
    for g, values in ref["exp_grp"].items():  # R: b$exp.grp and b$sd.grp
        assert groups.loc[g, [f"expected_{c}" for c in COLS]].tolist() == pytest.approx(values, abs=1e-9)
        assert groups.loc[g, [f"sd_{c}" for c in COLS]].tolist() == pytest.approx(ref["sd_grp"][g], abs=1e-9)
    net = r.network.set_index("role")  # R: b$raw.gli, b$exp.gli, b$sd.gli
    assert net["observed"].tolist() == ref["gli"][0]
    assert net["expected"].tolist() == pytest.approx(ref["gli"][1], abs=1e-9)
    assert net["sd"].tolist() == pytest.approx(ref["gli"][2], abs=1e-9)


def test_krackhardt_advice_equals_sna(realdata):
    # R sna 2.7-1, Krackhardt's high-tech managers, advice relation, groups = department:
    #   nodes <- read.csv("krackhardt_hightech/nodes.csv"); e <- read.csv("krackhardt_hightech/edges.csv")
    #   e <- e[e$relation == "advice",]; g <- matrix(0,21,21); g[cbind(e$source, e$target)] <- 1
    #   b <- brokerage(g, nodes$department); b$raw.nli[,"b_OI"]; b$raw.nli[,"t"]; b$z.nli[,"t"]; b$raw.gli ...
    ds = collabgraph.load(realdata / "krackhardt_hightech", directed=True).filter(kind="advice")
    r = gould_fernandez(ds, by="department")
    people = r.people.loc[[str(i) for i in range(1, 22)]]
    assert people["gatekeeper"].tolist() == [11, 0, 3, 6, 1, 0, 0, 4, 0, 1, 0, 0, 2, 0, 2, 0, 1, 11, 1, 4, 15]
    assert people["total"].tolist() == [24, 20, 20, 30, 22, 0, 38, 16, 13, 45, 5, 2, 3, 4, 26, 2, 10, 121, 4, 23, 72]
    assert people["z_total"].tolist() == pytest.approx(
        [-1.18550650536, -1.44064091358, -1.44064091358, -0.802804893037, -1.31307370947, -2.71631295466,
         -0.292536076605, -1.69577532179, -1.88712612796, 0.153949137773, -2.39739494439, -2.58874575055,
         -2.5249621485, -2.46117854644, -1.05793930125, -2.58874575055, -2.07847693412, 5.00150289388,
         -2.46117854644, -1.24929010742, 1.87610639323], abs=1e-9)
    net = r.network.set_index("role")
    assert net["observed"].tolist() == [28, 69, 95, 62, 246, 500]
    assert net["expected"].tolist() == pytest.approx(
        [47.7415775834, 152.414426088, 152.414426088, 152.414426088, 389.32920311, 894.314058957], abs=1e-7)
    assert net["sd"].tolist() == pytest.approx(
        [9.67268006672, 25.7307879023, 23.8359509746, 23.8359509746, 33.2844702692, 63.6101379566], abs=1e-8)


def test_undirected_ties_count_as_two_arcs():
    # a - b - c undirected = arcs a<->b, b<->c: b brokers a->b->c and c->b->a (brute force on both arcs)
    groups = {"a": "x", "b": "y", "c": "y", "d": "z"}
    edges = [("a", "b"), ("b", "c"), ("b", "d"), ("c", "d")]
    ds = make(edges, team=groups)
    r = gould_fernandez(ds, by="team")
    arcs = edges + [(y, x) for x, y in edges]
    assert r.people[COLS].to_numpy().tolist() == brute_force(arcs, groups).loc[r.people.index, COLS].to_numpy().tolist()
    assert r.directed is False


def test_random_graph_equals_brute_force():
    # 40 people, 4 groups, random arcs with reciprocity: the sparse count against the triple loop
    rng = np.random.default_rng(7)
    ids = [f"p{i:02d}" for i in range(40)]
    arcs = sorted({(ids[a], ids[b]) for a, b in rng.integers(0, 40, size=(260, 2)) if a != b})
    groups = {pid: "wxyz"[i % 4] for i, pid in enumerate(ids)}
    ds = make(arcs, directed=True, team=groups)
    r = gould_fernandez(ds, by="team")
    assert r.people[COLS].to_numpy().tolist() == brute_force(arcs, groups).loc[r.people.index, COLS].to_numpy().tolist()


def test_missing_group_people_are_left_out_and_counted():
    # d has no team: the graph without d is a->b->c, so b is a gatekeeper and nothing else counts
    ds = make([("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")], directed=True,
              team={"a": "x", "b": "y", "c": "y", "d": None})
    r = gould_fernandez(ds, by="team")
    assert r.missing == 1
    assert list(r.people.index) == ["a", "b", "c"]
    assert r.people["total"].tolist() == [0, 1, 0]


def test_unknown_attribute_is_a_parameter_error():
    ds = make([("a", "b")])
    with pytest.raises(ParameterError, match="by must be one of .*domain.*; got 'nope'"):
        gould_fernandez(ds, by="nope")


# ---- everything together -------------------------------------------------------------------------

def test_brokers_combines_the_parts(camp):
    ds, t = camp
    r = brokers(ds, by="gender", tie_table=t)
    assert r.people.loc["HOLLY", COLS].tolist() == SNA_CAMP["gender"]["raw"][0]
    assert r.people["betweenness"].equals(betweenness(ds, tie_table=t))
    assert r.people["constraint"].equals(structural_holes(ds, tie_table=t)["constraint"])
    out = r.to_dict()
    assert list(out)[:3] == ["by", "convention", "directed"]
    assert set(out["people"][0]) >= {"id", *COLS, "constraint", "effective_size", "hierarchy", "betweenness"}


def test_brokers_uses_a_given_betweenness(camp):
    ds, t = camp
    given = pd.Series(np.arange(len(ds.people), dtype=float), index=ds.people.index)  # not a betweenness
    r = brokers(ds, by="gender", tie_table=t, k=5, seed=1, centrality=given)
    assert r.people["betweenness"].tolist() == given.tolist()


def test_brokers_keeps_people_without_a_group():
    ds = make([("a", "b"), ("b", "c")], team={"a": "x", "b": "y", "c": None})
    r = brokers(ds, by="team")
    assert pd.isna(r.people.loc["c", "total"])
    assert r.people.loc["c", "betweenness"] == 0.0
    assert r.to_dict()["people"][2]["total"] is None


def test_triangle_batches_do_not_change_the_numbers(monkeypatch):
    # triangles are enumerated in batches of at most WORK wedges; one wedge per batch must give the same numbers
    import collabgraph.adjacency as module
    rng = np.random.default_rng(11)
    ids = [f"p{i:02d}" for i in range(30)]
    arcs = sorted({(ids[a], ids[b]) for a, b in rng.integers(0, 30, size=(150, 2)) if a != b})
    ds = make(arcs, directed=True, team={pid: "xyz"[i % 3] for i, pid in enumerate(ids)})
    t = ties(ds)
    before = gould_fernandez(ds, by="team", tie_table=t).people, structural_holes(ds, tie_table=t)
    monkeypatch.setattr(module, "WORK", 1)
    after = gould_fernandez(ds, by="team", tie_table=t).people, structural_holes(ds, tie_table=t)
    pd.testing.assert_frame_equal(before[0], after[0])
    pd.testing.assert_frame_equal(before[1], after[1])


def test_brokers_without_key_people_says_null_for_the_dependency():
    """``key_people=False`` tests no one: the dependency, its counts and their JSON are None/null, not an error."""
    people = pd.DataFrame({"id": list("abc"), "domain": ["zorg", "welzijn", "welzijn"]})
    ds = collabgraph.from_frames(people=people,
                                 interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    result = brokers(ds, key_people=False)
    data = result.to_dict()
    assert result.dependency is None and result.dependency_counts() is None
    assert data["dependency"] is None and data["dependency_counts"] is None and len(data["people"]) == 3
