"""Tests of collabgraph.metrics.temporal: windows series, churn, durability, periods, compare, cluster evolution."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scipy.stats import hypergeom

from collabgraph import from_frames
from collabgraph.datasets import EXAMPLE, planted
from collabgraph.errors import ParameterError
from collabgraph.metrics.temporal import (
    Period,
    cluster_evolution,
    compare,
    durability,
    parse_period,
    tie_windows,
    timeline,
    window_metrics,
    window_ties,
)

WARD_START = pd.Timestamp("2010-12-06 13:00")  # SOURCE.md: t is seconds since Monday 6 Dec 2010 13:00


@pytest.fixture(scope="module")
def ward(realdata):
    folder = realdata / "sociopatterns_hospital_lyon"
    contacts = pd.read_csv(folder / "contacts.csv")
    nodes = pd.read_csv(folder / "nodes.csv")
    inter = pd.DataFrame({"source": contacts["source"].astype(str), "target": contacts["target"].astype(str),
                          "date": WARD_START + pd.to_timedelta(contacts["time"], unit="s")})
    people = pd.DataFrame({"id": nodes["id"].astype(str), "status": nodes["status"]})
    return contacts, from_frames(people=people, interactions=inter)


def test_ward_day_by_day_equals_plain_pandas(ward):
    contacts, ds = ward
    tl = timeline(ds, "day", by="status", clusters=False)
    # independent count on the raw CSV: records, distinct people and distinct unordered pairs per day
    raw = contacts.assign(day=(WARD_START + pd.to_timedelta(contacts["time"], unit="s")).dt.normalize(),
                          a=contacts[["source", "target"]].min(axis=1), b=contacts[["source", "target"]].max(axis=1))
    days = pd.date_range(raw["day"].min(), raw["day"].max(), freq="D")
    ends = pd.concat([raw[["day", "source"]].set_axis(["day", "p"], axis=1),
                      raw[["day", "target"]].set_axis(["day", "p"], axis=1)])
    expected = pd.DataFrame({
        "records": raw.groupby("day").size(),
        "people_active": ends.groupby("day")["p"].nunique(),
        "ties": raw.drop_duplicates(["day", "a", "b"]).groupby("day").size(),
    }).reindex(days, fill_value=0)
    assert tl.windows["start"].tolist() == [d.date().isoformat() for d in days]
    assert tl.windows[["records", "people_active", "ties"]].to_numpy().tolist() == expected.to_numpy().tolist()
    # SOURCE.md: 1,139 distinct undirected pairs over the whole study
    cumulative = timeline(ds, "day", "cumulative", by="status", clusters=False)
    assert cumulative.windows["ties"].iloc[-1] == 1139
    assert cumulative.windows["ties"].is_monotonic_increasing
    assert cumulative.windows["dropped_ties"].sum() == 0
    # first-time ties over all days add up to the whole network's ties
    assert tl.windows["first_ties"].sum() == 1139


def test_ward_whole_period_matches_source_md(ward):
    _, ds = ward
    m, _ = window_metrics(ds, by="status")
    # SOURCE.md "values computed here" (networkx): 1139 ties, internal 275 / external 864, EI 0.5171,
    # one component
    assert (m["ties"], m["components"], m["people_active"]) == (1139, 1, 75)
    assert m["cross_share"] == pytest.approx(864 / 1139)
    assert m["ei_index"] == pytest.approx(0.5171, abs=1e-4)


def _dated(edges, people=None, **kw):
    inter = pd.DataFrame(edges, columns=["source", "target", "date"])
    return from_frames(people=people, interactions=inter, **kw)


@pytest.fixture
def three_months():
    # hand-made: January a-b, a-c; February empty; March a-b, c-d; April b-e
    people = pd.DataFrame({"id": list("abcde"), "domain": ["zorg", "zorg", "welzijn", "welzijn", "zorg"]})
    return _dated([("a", "b", "2021-01-05"), ("a", "c", "2021-01-20"), ("a", "b", "2021-03-02"),
                   ("c", "d", "2021-03-03"), ("b", "e", "2021-04-10")], people)


def test_churn_by_hand(three_months):
    w = timeline(three_months, "month", clusters=False).windows.set_index("label")
    assert w.index.tolist() == ["2021-01", "2021-02", "2021-03", "2021-04"]  # the empty February included
    cols = ["ties", "new_ties", "repeated_ties", "dropped_ties", "first_ties", "people_active",
            "retained", "newcomers", "returning", "leavers"]
    assert w[cols].to_numpy().tolist() == [
        # Jan: a-b, a-c new; a, b, c newcomers
        [2, 2, 0, 0, 2, 3, 0, 3, 0, 0],
        # Feb: nothing; both ties dropped, three leavers
        [0, 0, 0, 2, 0, 0, 0, 0, 0, 3],
        # Mar: a-b (seen in Jan, so new against Feb but not a first tie), c-d first; d newcomer, a b c return
        [2, 2, 0, 0, 1, 4, 0, 1, 3, 0],
        # Apr: b-e; b retained, e newcomer, a c d leave
        [1, 1, 0, 2, 1, 2, 1, 1, 0, 3],
    ]
    # the empty window has zeros, not gaps: density 0, every present person a component of one
    assert w.loc["2021-02", "density"] == 0 and w.loc["2021-02", "components"] == 5
    # cross share by hand: Jan 1 of 2 ties crosses zorg/welzijn; Mar a-b zorg, c-d welzijn: 0
    assert w.loc["2021-01", "cross_share"] == 0.5 and w.loc["2021-03", "cross_share"] == 0
    assert pd.isna(w.loc["2021-02", "cross_share"])


def test_modes_cumulative_and_sliding(three_months):
    cum = timeline(three_months, "month", "cumulative", clusters=False).windows
    # distinct pairs up to each month: {ab, ac}, same, + cd, + be
    assert cum["ties"].tolist() == [2, 2, 3, 4]
    slide = timeline(three_months, "month", "sliding", 2, clusters=False).windows
    # two months each: Jan; Jan+Feb; Feb+Mar; Mar+Apr = {ab, cd, be}
    assert slide["ties"].tolist() == [2, 2, 2, 3]
    assert slide["start"].tolist() == ["2021-01-01", "2021-01-01", "2021-02-01", "2021-03-01"]


def test_present_people_follow_joined_and_left():
    people = pd.DataFrame({"id": list("abcd"), "joined": ["", "", "", "2021-03-01"],
                           "left": ["", "", "2021-01-31", ""]})
    ds = _dated([("a", "b", "2021-01-05"), ("a", "b", "2021-03-05")], people)
    w = timeline(ds, "month", clusters=False, by=None).windows.set_index("label")
    # Jan: a, b, c present (d not yet); Feb: a, b (c left); Mar: a, b, d
    assert w["people_present"].tolist() == [3, 2, 3]
    # isolated: present members without a tie (no learning networks, so everyone is a member)
    assert w["isolated"].tolist() == [1, 2, 1]
    # density over the people present: 1 tie of 3 possible pairs in January
    assert w.loc["2021-01", "density"] == pytest.approx(1 / 3)


def test_two_wave_survey():
    # a two-wave nomination survey, waves "meting 1" and "meting 2" (no dates)
    inter = pd.DataFrame({"source": ["a", "a", "b", "a", "c", "d"], "target": ["b", "c", "c", "b", "d", "a"],
                          "wave": ["meting 1"] * 3 + ["meting 2"] * 3})
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "welzijn", "zorg", "welzijn"]})
    ds = from_frames(people=people, interactions=inter, directed=True)
    w = timeline(ds, "wave", clusters=False).windows
    assert w["label"].tolist() == ["meting 1", "meting 2"] and w["start"].isna().all()
    # arcs: meting 1 a>b, a>c, b>c; meting 2 a>b, c>d, d>a; a>b repeated
    assert w[["ties", "new_ties", "repeated_ties", "dropped_ties"]].to_numpy().tolist() == [[3, 3, 0, 0], [3, 2, 1, 2]]
    # cross: meting 1 a>b, b>c (2 of 3); meting 2 a>b, c>d, d>a: all three cross
    assert w["cross_share"].tolist() == pytest.approx([2 / 3, 1.0])
    c = compare(ds, "meting 1", "meting 2", permutations=99, bootstraps=99, clusters=False)
    assert c.before.waves == ("meting 1",) and c.metrics.loc["cross_share", "difference"] == pytest.approx(1 / 3)


def test_wave_labels_t0_t1_and_unknown_period():
    inter = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "wave": ["T0", "T1"]})
    ds = from_frames(interactions=inter)
    assert parse_period(ds, "T1") == Period("T1", waves=("T1",))
    with pytest.raises(ParameterError, match=r"Unknown period '2021'; use a wave label \(T0, T1\)"):
        parse_period(ds, "2021")


def test_parse_period_forms(example):
    assert parse_period(example, "2020") == Period("2020", pd.Timestamp("2020-01-01"), pd.Timestamp("2020-12-31"))
    assert parse_period(example, "2021q4").to_dict() == {"label": "2021Q4", "start": "2021-10-01",
                                                         "end": "2021-12-31", "waves": None, "partial": False}
    r = parse_period(example, "2020-01-01..2020-06-30")
    assert (r.start, r.end) == (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-06-30"))
    with pytest.raises(ParameterError, match="ends before it starts"):
        parse_period(example, "2020-06-30..2020-01-01")
    with pytest.raises(ParameterError, match=r"Unknown period 'spring'; use a year \(2021\)"):
        parse_period(example, "spring")


def test_durability_by_hand():
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
    ds = _dated([("a", "b", "2020-03-01"), ("a", "c", "2020-05-01"), ("b", "d", "2020-06-01"),
                 ("a", "c", "2021-02-01"), ("c", "d", "2021-03-01"), ("a", "b", "2020-12-31")], people)
    d = durability(ds, "2021-01-01")
    # formed before 2021: a-b (within), a-c, b-d (across); after: a-c, c-d; a-c lasted
    assert (d.formed, d.active_after) == (3, 1)
    assert d.within == {"formed": 1, "active_after": 0, "share": 0.0}
    assert d.across == {"formed": 2, "active_after": 1, "share": 0.5}
    # a record on the end date itself counts as after: with the end on 2020-12-31, a-b (formed in
    # March, seen on 2020-12-31) lasts too
    assert durability(ds, "2020-12-31").active_after == 2
    with pytest.raises(ParameterError, match="programme_end must be a date"):
        durability(ds, "soon")


def test_cluster_evolution_labels():
    m = [pd.Series({"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 1, "h": 2, "i": 2, "j": 2,
                    "x1": 3, "x2": 3, "x3": 3, "y1": 4, "y2": 4, "y3": 4, "y4": 4, "y5": 4, "y6": 4}),
         # a-d continue (0); e-g merge with h-j (1); x dies; y splits in two; z is born; k grows
         pd.Series({"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 1, "h": 1, "i": 1, "j": 1,
                    "y1": 2, "y2": 2, "y3": 2, "y4": 3, "y5": 3, "y6": 3, "z1": 4, "z2": 4, "z3": 4})]
    ev = cluster_evolution(m, ["t0", "t1"])
    step = ev[ev["window"] == "t1"]
    got = sorted((r.event, r.before, r.after) for r in step.itertuples())
    # Jaccard by hand: {a..d} vs {a..d} = 1; {e,f,g} vs {e..j} = 3/6; {h,i,j} vs {e..j} = 3/6;
    # {y1..y6} vs {y1,y2,y3} = 3/6 and vs {y4,y5,y6} = 3/6; x has no overlap; z is new
    assert got == [("birth", [], [4]), ("continue", [0], [0]), ("death", [3], []),
                   ("merge", [1, 2], [1]), ("split", [4], [2, 3])]
    assert step.set_index("event").loc["merge", "size_before"] == 6
    # grow and shrink: a one-to-one match whose size changes by more than 10%
    grow = cluster_evolution([pd.Series(0, index=list("abcd")), pd.Series(0, index=list("abcdef"))])
    shrink = cluster_evolution([pd.Series(0, index=list("abcdef")), pd.Series(0, index=list("abcd"))])
    assert grow["event"].tolist() == ["birth", "grow"] and shrink["event"].tolist() == ["birth", "shrink"]
    # below the threshold there is no match: a death and a birth
    apart = cluster_evolution([pd.Series(0, index=list("abcd")), pd.Series(0, index=list("adxyz"))])
    assert apart["event"].tolist() == ["birth", "birth", "death"]
    with pytest.raises(ParameterError, match="threshold"):
        cluster_evolution(m, threshold=0)


def test_timeline_communities_on_example(example):
    tl = timeline(example, "year")
    # the 16 learning networks show up as communities that persist from 2020 to 2021
    assert (tl.windows["communities"] >= 10).all() and (tl.windows["modularity"] > 0.5).all()
    step = tl.evolution[tl.evolution["window"] == "2021"]
    assert step["event"].isin(["continue", "grow", "shrink", "merge", "split"]).sum() >= 10
    assert json.dumps(tl.to_dict(), default=str) == json.dumps(timeline(example, "year").to_dict(), default=str)


def _hand_compare():
    # before: a-b (zorg-zorg), a-c (zorg-welzijn); after: a-c, b-d (zorg-welzijn), c-d (welzijn-welzijn), b-c
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
    events = [("a", "b", "2020-02-01"), ("a", "c", "2020-03-01"),
              ("a", "c", "2021-02-01"), ("b", "d", "2021-02-01"), ("c", "d", "2021-03-01"), ("b", "c", "2021-04-01")]
    return _dated(events, people)


def test_attribution_by_hand():
    c = compare(_hand_compare(), "2020", "2021", permutations=0, bootstraps=0, clusters=False)
    # share before 1/2, after 3/4: +1/4
    assert c.metrics.loc["cross_share", "difference"] == pytest.approx(0.25)
    a = c.attribution.set_index(["level", "name"])["contribution"]
    # every cross tie after adds 1/4 (of 4 ties), every cross tie before subtracts 1/2 (of 2), within ties 0:
    # new b-d, b-c: +1/4 each, new c-d: 0; continued a-c: +1/4 - 1/2; dropped a-b (zorg-zorg): 0
    assert a["tie_status", "new"] == pytest.approx(1 / 2)
    assert a["tie_status", "continued"] == pytest.approx(-1 / 4)
    assert a["tie_status", "dropped"] == 0
    # people get half of each of their ties' contributions: a = (-1/2 + 1/4) / 2 (a-c); b = 1/8 + 1/8;
    # c = -1/8 (a-c) + 1/8 (b-c); d = 1/8 (b-d)
    assert [a["person", p] for p in "abcd"] == pytest.approx([-1 / 8, 1 / 4, 0, 1 / 8])
    for level in ("tie_status", "network", "group", "group_pair", "person"):
        assert a[level].sum() == pytest.approx(0.25)
    # only pairs of two different domains are listed: zorg – zorg (a-b) and welzijn – welzijn (c-d) never
    assert a["group_pair"].to_dict() == pytest.approx({"welzijn – zorg": 1 / 4})
    assert a["new_tie_pair"].to_dict() == pytest.approx({"welzijn – zorg": 1 / 2})
    # the top lists hold the parts that pushed the share up: c (0) and a (-1/8) are not among them
    assert c.top("person")["name"].tolist() == ["b", "d"]
    assert c.top("tie_status")["name"].tolist() == ["new", "dropped", "continued"]
    # the JSON holds every part, also those the top lists leave out (each level adds up to the change)
    listed = pd.DataFrame(c.to_dict()["attribution"]).set_index(["level", "name"])["contribution"]
    assert listed.sort_index().to_dict() == pytest.approx(a.sort_index().to_dict())
    assert [n for lv, n in listed.index if lv == "person"] == ["b", "d", "c", "a"]


def test_attribution_by_domain_pair_equals_plain_pandas(example):
    # Independent of collabgraph's tables: the ties of 2020 and 2021 from the example's CSV files (interactions,
    # and pairs of people at the same event), and per pair of different domains the change in the share of all
    # ties (both domains known) that are its ties: C_after / T_after - C_before / T_before.
    folder = EXAMPLE
    inter = pd.read_csv(folder / "interactions.csv", dtype=str)
    events = pd.read_csv(folder / "events.csv", dtype=str)
    att = pd.read_csv(folder / "attendance.csv", dtype=str)
    att = att.merge(events[["id", "date"]], left_on="event", right_on="id")
    shared = att.merge(att, on=["event", "date"])
    shared = shared[shared["person_x"] < shared["person_y"]]
    records = pd.concat([inter[["source", "target", "date"]].set_axis(["x", "y", "date"], axis=1),
                         shared[["person_x", "person_y", "date"]].set_axis(["x", "y", "date"], axis=1)])
    records = pd.DataFrame({"a": records[["x", "y"]].min(axis=1), "b": records[["x", "y"]].max(axis=1),
                            "year": records["date"].str[:4]})
    domain = pd.read_csv(folder / "people.csv", dtype=str).set_index("id")["domain"]
    records = records.assign(da=records["a"].map(domain), db=records["b"].map(domain)).dropna()
    ties = {y: records[records["year"] == y].drop_duplicates(["a", "b"]) for y in ("2020", "2021")}
    label = {y: t[t["da"] != t["db"]].apply(lambda r: " – ".join(sorted([r["da"], r["db"]])), axis=1)
             for y, t in ties.items()}
    expected = (label["2021"].value_counts() / len(ties["2021"])).sub(
        label["2020"].value_counts() / len(ties["2020"]), fill_value=0)
    before = set(zip(ties["2020"]["a"], ties["2020"]["b"], strict=True))
    new = [(a, b) not in before for a, b in zip(ties["2021"]["a"], ties["2021"]["b"], strict=True)]
    expected_new = label["2021"][pd.Series(new, index=ties["2021"].index)[label["2021"].index]].value_counts()
    c = compare(example, "2020", "2021", permutations=0, bootstraps=0, clusters=False)
    got = c.attribution[c.attribution["level"] == "group_pair"].set_index("name")["contribution"]
    assert got.sort_index().to_dict() == pytest.approx(expected.sort_index().to_dict())
    assert got.sum() == pytest.approx(c.metrics.loc["cross_share", "difference"])
    got_new = c.attribution[c.attribution["level"] == "new_tie_pair"].set_index("name")["contribution"]
    assert got_new.sort_index().to_dict() == pytest.approx((expected_new / len(ties["2021"])).sort_index().to_dict())
    # no pair within one domain appears, in the table or in the lists of the CLI and JSON
    pairs = c.attribution.loc[c.attribution["level"].isin(["group_pair", "new_tie_pair"]), "name"]
    assert not any(a == b for a, b in pairs.str.split(" – "))
    listed = [r["name"] for r in c.to_dict()["attribution"] if r["level"] in ("group_pair", "new_tie_pair")]
    assert listed and not any(a == b for a, b in (n.split(" – ") for n in listed))


def test_permutation_p_value_equals_exact_hypergeometric():
    # 60 zorg (z) and 60 welzijn (w) people; 2020: 10 cross ties of 40, 2021: 17 cross ties of 40
    people = pd.DataFrame({"id": [f"z{i}" for i in range(60)] + [f"w{i}" for i in range(60)],
                           "domain": ["zorg"] * 60 + ["welzijn"] * 60})
    rows = [(f"z{i}", f"w{i}", "2020-05-01") for i in range(10)] + \
        [(f"z{i}", f"z{i + 30}", "2020-05-01") for i in range(30)] + \
        [(f"z{i}", f"w{i + 1}", "2021-05-01") for i in range(17)] + \
        [(f"w{i}", f"w{i + 30}", "2021-05-01") for i in range(23)]
    c = compare(_dated(rows, people), "2020", "2021", permutations=20000, bootstraps=0, clusters=False)
    # shuffling the period of the 80 pooled ties (27 cross): the cross ties falling in 2021 are
    # hypergeometric; exact two-sided p = P(|k/40 - (27 - k)/40| >= 7/40), i.e. k >= 17 or k <= 10
    k = np.arange(0, 28)
    extreme = np.abs(2 * k - 27) >= 7
    exact = hypergeom(80, 27, 40).pmf(k)[extreme].sum()
    assert 0.05 < exact < 0.2
    assert c.ei_p_value == pytest.approx(exact, abs=0.01)  # Monte Carlo error of 20,000 draws: about 0.002


def test_bootstrap_interval_equals_a_plain_loop():
    # the same 120-person data; a plain bootstrap over people written as a loop over resamples,
    # recounting every resampled person's tie ends from the tie list
    people = pd.DataFrame({"id": [f"z{i}" for i in range(60)] + [f"w{i}" for i in range(60)],
                           "domain": ["zorg"] * 60 + ["welzijn"] * 60})
    before = [(f"z{i}", f"w{i}") for i in range(10)] + [(f"z{i}", f"z{i + 30}") for i in range(30)]
    after = [(f"z{i}", f"w{i + 1}") for i in range(17)] + [(f"w{i}", f"w{i + 30}") for i in range(23)]
    rows = [(a, b, "2020-05-01") for a, b in before] + [(a, b, "2021-05-01") for a, b in after]
    c = compare(_dated(rows, people), "2020", "2021", permutations=0, bootstraps=4000, clusters=False)
    active = sorted({p for a, b in before + after for p in (a, b)})
    rng = np.random.default_rng(1)
    diffs = []
    for _ in range(4000):
        drawn = Counter(rng.choice(active, len(active)).tolist())
        share = []
        for ties in (before, after):
            cross = sum(drawn.get(p, 0) for a, b in ties for p in (a, b) if a[0] != b[0])
            total = sum(drawn.get(p, 0) for a, b in ties for p in (a, b))
            share.append(cross / total)
        diffs.append(share[1] - share[0])
    expected = np.quantile(diffs, [0.025, 0.975])
    assert c.people_resampled == len(active)
    assert c.cross_interval == pytest.approx(tuple(expected), abs=0.02)  # Monte Carlo error of 4,000 resamples


def test_example_growth_is_shown_and_attributed(example):
    growth = planted()["growth"]
    c = compare(example, "2020", "2021", by="domain", permutations=999, bootstraps=999)
    share = c.metrics.loc["cross_share"]
    # datasets/leernetwerken/planted.json: the generator's own pandas measure of the cross-domain share
    assert share["before"] == pytest.approx(growth["cross_domain_share"]["2020"], abs=5e-4)
    assert share["after"] == pytest.approx(growth["cross_domain_share"]["2021"], abs=5e-4)
    lo, hi = c.cross_interval
    assert 0 < lo < share["difference"] < hi
    assert c.ei_p_value == pytest.approx(1 / 1000)  # no shuffle reaches a change this large
    assert c.ei_interval == pytest.approx((2 * lo, 2 * hi))
    # the three growth networks carry the change
    assert set(c.top("network", 3)["name"]) == set(growth["networks"])
    # the connectors' own direct contacts: most of the top 10 people are the planted connectors
    direct = compare(example, "2020", "2021", permutations=0, bootstraps=0, clusters=False, records="interactions")
    assert direct.top("person", 10)["name"].isin(growth["connectors"]).sum() >= 7
    assert set(direct.top("network", 3)["name"]) == set(growth["networks"])
    # the same seed gives byte-identical JSON
    again = compare(example, "2020", "2021", by="domain", permutations=999, bootstraps=999)
    assert json.dumps(c.to_dict()) == json.dumps(again.to_dict())


def test_compare_parameters(example):
    with pytest.raises(ParameterError, match="permutations must be a whole number"):
        compare(example, "2020", "2021", permutations=-1)
    with pytest.raises(ParameterError, match="level must be"):
        compare(example, "2020", "2021", level=1.5)
    with pytest.raises(ParameterError, match="records must be one of"):
        compare(example, "2020", "2021", records="email")


def test_records_outside_membership_keep_their_people():
    # a left on 2020-06-01 but has a record in September: Dataset.filter drops a from the people
    # table, so periods here keep the whole people table and the tie stays a-b
    people = pd.DataFrame({"id": list("abc"), "left": ["2020-06-01", "", ""]})
    ds = _dated([("a", "b", "2020-09-01"), ("b", "c", "2021-09-02")], people)
    c = compare(ds, "2020", "2021", permutations=0, bootstraps=0, clusters=False)
    assert c.metrics.loc["ties", "before"] == 1 and c.metrics.loc["people_active", "before"] == 2
    assert durability(ds, "2021-01-01", by=None).formed == 1


def test_wave_periods_leave_events_out():
    # events carry no wave, so a wave period has the wave's interactions only (as Dataset.windows("wave"))
    inter = pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"], "wave": ["T0", "T1"]})
    events = pd.DataFrame({"id": ["e1"]})
    att = pd.DataFrame({"event": ["e1", "e1"], "person": ["a", "d"]})
    ds = from_frames(interactions=inter, events=events, attendance=att)
    c = compare(ds, "T0", "T1", permutations=0, bootstraps=0, clusters=False)
    assert c.metrics.loc["ties", "before"] == 1 and c.metrics.loc["ties", "after"] == 1


def test_window_metrics_agree_with_the_metric_modules(example):
    # one window = the whole example: the numbers are those of summary, isolation, pollination and communities
    from collabgraph.graph import ties
    from collabgraph.metrics.communities import communities
    from collabgraph.metrics.isolation import isolation
    from collabgraph.metrics.pollination import pollination
    from collabgraph.metrics.structure import summary

    t = ties(example)
    m, membership = window_metrics(example, t)
    s = summary(example, t)
    assert (m["ties"], m["components"], m["density"]) == (s.ties, s.components, pytest.approx(s.density, abs=1e-6))
    members = set(example.memberships["person"])
    assert m["isolated"] == len(set(isolation(example, t).ids("isolate")) & members) > 0
    between = pollination(example, by=None, k=50, tie_table=t).between_network_ties
    assert m["between_network_ties"] == between["ties"].sum()
    assert m["modularity"] == pytest.approx(communities(t, example.people).modularity)
    assert membership.index.isin(example.people.index).all()


def test_between_network_ties_equal_the_network_graph_per_window(example):
    # counted from integer network lists per tie; network_graph builds the networkx graph of networks
    from collabgraph.graph import network_graph, ties

    assert example.memberships["person"].duplicated().any()  # people in several networks are covered
    tl = timeline(example, "quarter", clusters=False)
    for w, got in zip(example.windows("quarter"), tl.windows["between_network_ties"], strict=True):
        g = network_graph(w.dataset, ties(w.dataset))
        assert got == sum(d["ties"] for *_, d in g.edges(data=True))


def test_between_network_ties_leave_out_ties_of_people_in_both():
    # b is in n1 and n2: a-b and b-c (2020) are ties of a shared member; a-c (2021) joins n1 and n2 members
    people = pd.DataFrame({"id": list("abc"), "networks": ["n1", "n1;n2", "n2"]})
    inter = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "c", "c"],
                          "date": ["2020-03-01", "2020-04-01", "2021-03-01"]})
    tl = timeline(from_frames(people=people, interactions=inter), "year", clusters=False).windows
    assert tl["between_network_ties"].tolist() == [0, 1]


def test_timeline_records_leiden_passes(example):
    # small windows: Leiden until stable by default (-1); an explicit number of passes is kept
    exact = timeline(example, "year").windows
    assert exact["iterations"].eq(-1).all()
    two = timeline(example, "year", iterations=2).windows
    assert two["iterations"].eq(2).all()
    # the same bounds as test_timeline_communities_on_example: 16 planted learning networks
    assert (two["modularity"] > 0.5).all() and (two["communities"] >= 10).all()
    assert "iterations" not in timeline(example, "year", clusters=False).windows
    assert timeline(example, "year", method="louvain").windows["iterations"].isna().all()


@pytest.mark.parametrize("freq", ["week", "month", "quarter", "year"])
def test_partial_windows_from_the_files(example, freq):
    # Issue 12: the example cut at 28 August 2021; a window is partial when the data's period (first to last dated
    # record, read from the CSV files with pandas) does not cover it from its first to its last day.
    cut = example.filter(end="2021-08-28")
    tl = timeline(cut, freq, by=None, clusters=False)
    dates = pd.concat([pd.read_csv(EXAMPLE / name, usecols=["date"], parse_dates=["date"])["date"]
                       for name in ("interactions.csv", "events.csv")])
    dates = dates[dates <= "2021-08-28"]
    starts, ends = pd.to_datetime(tl.windows["start"]), pd.to_datetime(tl.windows["end"])  # end exclusive
    expected = (starts < dates.min().normalize()) | (ends > dates.max().normalize() + pd.Timedelta(days=1))
    assert tl.windows["partial"].tolist() == expected.tolist()
    assert tl.windows["partial"].iloc[-1]  # the last window ends after 28 August
    if freq == "quarter":
        assert tl.windows["partial"].tolist() == [False] * 6 + [True]
        periods = ("2021Q2", "2021Q3", "2021", "2020")
        assert [parse_period(cut, p).partial for p in periods] == [False, True, True, False]


@pytest.mark.parametrize("records", ["all", "interactions", "attendance"])
@pytest.mark.parametrize("directed", [False, True])
def test_tie_windows_hold_the_ties_of_each_window(example, records, directed):
    # tie_windows (the map's filter and the GEXF spells) puts a tie in exactly the windows whose own tie table
    # has it: per window the same count as the timeline, directed (co-attendance an arc each way) or not.
    ds = replace(example, directed=True) if directed else example
    windows = ds.windows("quarter")
    got = tie_windows(ds, "quarter", records=records)
    t = window_ties(ds, records)
    for i, w in enumerate(windows):
        own = window_ties(w.dataset, records)
        rows = t.iloc[got.loc[got["window"] == i, "tie"]]
        assert sorted(zip(rows["u"], rows["v"], strict=True)) == sorted(zip(own["u"], own["v"], strict=True))
        assert (got.loc[got["window"] == i, "start"] == w.start).all()
