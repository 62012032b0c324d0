"""Tests of collabgraph.metrics.periods: period forms, compare_periods, its attribution, bootstrap and permutations."""

from __future__ import annotations

import json
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from scipy.stats import hypergeom

from collabgraph import from_frames
from collabgraph.datasets import EXAMPLE, planted
from collabgraph.errors import ParameterError
from collabgraph.metrics.durability import durability
from collabgraph.metrics.periods import Period, compare_periods, parse_period
from tests.conftest import dated


def test_wave_labels_t0_t1_and_unknown_period():
    inter = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "wave": ["T0", "T1"]})
    ds = from_frames(interactions=inter)
    assert parse_period(ds, "T1") == Period("T1", waves=("T1",))
    with pytest.raises(ParameterError, match=r"period must be a wave label \(T0, T1\); got '2021'\."):
        parse_period(ds, "2021")


def test_parse_period_forms(example):
    assert parse_period(example, "2020") == Period("2020", pd.Timestamp("2020-01-01"), pd.Timestamp("2020-12-31"))
    assert parse_period(example, "2021q4").to_dict() == {"label": "2021Q4", "start": "2021-10-01",
                                                         "end": "2021-12-31", "waves": None, "partial": False}
    r = parse_period(example, "2020-01-01..2020-06-30")
    assert (r.start, r.end) == (pd.Timestamp("2020-01-01"), pd.Timestamp("2020-06-30"))
    with pytest.raises(ParameterError, match="period must end on or after its start; got"):
        parse_period(example, "2020-06-30..2020-01-01")
    with pytest.raises(ParameterError, match=r"period must be a year \(2021\), .*; got 'spring'\."):
        parse_period(example, "spring")


def _hand_compare():
    # before: a-b (zorg-zorg), a-c (zorg-welzijn); after: a-c, b-d (zorg-welzijn), c-d (welzijn-welzijn), b-c
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
    events = [("a", "b", "2020-02-01"), ("a", "c", "2020-03-01"),
              ("a", "c", "2021-02-01"), ("b", "d", "2021-02-01"), ("c", "d", "2021-03-01"), ("b", "c", "2021-04-01")]
    return dated(events, people)


def test_attribution_by_hand():
    c = compare_periods(_hand_compare(), "2020", "2021", permutations=0, bootstraps=0, clusters=False)
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
    c = compare_periods(example, "2020", "2021", permutations=0, bootstraps=0, clusters=False)
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
    c = compare_periods(dated(rows, people), "2020", "2021", permutations=20000, bootstraps=0, clusters=False)
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
    c = compare_periods(dated(rows, people), "2020", "2021", permutations=0, bootstraps=4000, clusters=False)
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
    c = compare_periods(example, "2020", "2021", by="domain", permutations=999, bootstraps=999)
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
    direct = compare_periods(example, "2020", "2021", permutations=0, bootstraps=0, clusters=False,
                             records="interactions")
    assert direct.top("person", 10)["name"].isin(growth["connectors"]).sum() >= 7
    assert set(direct.top("network", 3)["name"]) == set(growth["networks"])
    # the same seed gives byte-identical JSON
    again = compare_periods(example, "2020", "2021", by="domain", permutations=999, bootstraps=999)
    assert json.dumps(c.to_dict()) == json.dumps(again.to_dict())


def test_compare_parameters(example):
    # the message form of collabgraph.params: "NAME must be RULE; got VALUE."
    cases = [({"permutations": -1}, "permutations must be a whole number >= 0; got -1."),
             ({"bootstraps": True}, "bootstraps must be a whole number >= 0; got True."),
             ({"confidence": 1.5}, "confidence must be a number in (0, 1); got 1.5."),
             ({"confidence": 0}, "confidence must be a number in (0, 1); got 0."),
             ({"records": "email"}, "records must be one of all, interactions, attendance; got 'email'.")]
    for kwargs, message in cases:
        with pytest.raises(ParameterError) as err:
            compare_periods(example, "2020", "2021", **kwargs)
        assert str(err.value) == message
    with pytest.raises(TypeError):  # options are keyword-only
        compare_periods(example, "2020", "2021", "domain")


def test_records_outside_membership_keep_their_people():
    # a left on 2020-06-01 but has a record in September: Dataset.filter drops a from the people
    # table, so periods here keep the whole people table and the tie stays a-b
    people = pd.DataFrame({"id": list("abc"), "left": ["2020-06-01", "", ""]})
    ds = dated([("a", "b", "2020-09-01"), ("b", "c", "2021-09-02")], people)
    c = compare_periods(ds, "2020", "2021", permutations=0, bootstraps=0, clusters=False)
    assert c.metrics.loc["ties", "before"] == 1 and c.metrics.loc["people_active", "before"] == 2
    assert durability(ds, "2021-01-01", by=None).formed == 1


def test_wave_periods_leave_events_out():
    # events carry no wave, so a wave period has the wave's interactions only (as Dataset.windows("wave"))
    inter = pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"], "wave": ["T0", "T1"]})
    events = pd.DataFrame({"id": ["e1"]})
    att = pd.DataFrame({"event": ["e1", "e1"], "person": ["a", "d"]})
    ds = from_frames(interactions=inter, events=events, attendance=att)
    c = compare_periods(ds, "T0", "T1", permutations=0, bootstraps=0, clusters=False)
    assert c.metrics.loc["ties", "before"] == 1 and c.metrics.loc["ties", "after"] == 1


def test_confidence_is_the_interval_level_and_level_its_deprecated_alias(example):
    """Issue 15, "--level means one thing": ``level`` is the grouping level of level_ei (and metrics --level), so
    compare's confidence level is ``confidence=``; ``level=`` still works, with a DeprecationWarning, as does the
    result's ``.level``."""
    kwargs = dict(permutations=0, bootstraps=50, clusters=False)
    new = compare_periods(example, "2020", "2021", confidence=0.8, **kwargs)
    with pytest.warns(DeprecationWarning, match=r"level= is deprecated; use confidence=") as caught:
        old = compare_periods(example, "2020", "2021", level=0.8, **kwargs)
    assert caught[0].filename == __file__  # the warning points at the caller
    assert new.confidence == old.confidence == 0.8 and new.cross_interval == old.cross_interval
    assert new.to_dict() == old.to_dict() and new.to_dict()["uncertainty"]["level"] == 0.8  # the JSON key stays
    with pytest.warns(DeprecationWarning, match=r"\.level is deprecated; use \.confidence"):
        assert new.level == 0.8
    with pytest.raises(ParameterError, match="confidence=0.9 and its deprecated name level=0.8 differ"), \
            pytest.warns(DeprecationWarning):
        compare_periods(example, "2020", "2021", confidence=0.9, level=0.8, **kwargs)
    with pytest.raises(ParameterError, match="^level must be"):
        compare_periods(example, "2020", "2021", level=1.5, **kwargs)


def test_a_period_outside_the_data_is_refused(example):
    """A dated period that ends before the first record or starts after the last has nothing to compare: a
    ParameterError (it was a comparison of zeros, marked partial); one day of overlap is enough."""
    first, last = (day.normalize() for day in example.period())
    outside = f"{(first - pd.Timedelta(days=30)).date()}..{(first - pd.Timedelta(days=1)).date()}"
    with pytest.raises(ParameterError, match=rf"^Period '{outside}' has no records: the data cover {first.date()} to "
                                             rf"{last.date()}\. Choose a period that overlaps them\.$"):
        compare_periods(example, outside, "2021", permutations=0, bootstraps=0, clusters=False)
    touching = f"{(first - pd.Timedelta(days=30)).date()}..{first.date()}"
    assert parse_period(example, touching).partial
    assert parse_period(example, f"{last.date()}..{(last + pd.Timedelta(days=9)).date()}").partial


@pytest.mark.parametrize("real", ["(no network)", "(No Network)", "(geen leernetwerk)"])
def test_a_real_network_named_like_no_network_keeps_its_own_row(real):
    """A learning network spelled like the attribution's name of the ties without one, in either report language:
    its ties and the ties without a network were one row '(no network)' (or, in Dutch files, two rows of one name).
    The ties without a network get '(no network)*'; each row's ties are counted from the records with pandas."""
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
    records = pd.DataFrame([("a", "c", "2020-02-01", real), ("b", "d", "2020-03-01", None),
                            ("a", "d", "2021-02-01", real), ("b", "c", "2021-02-01", None),
                            ("c", "d", "2021-03-01", None)], columns=["source", "target", "date", "network"])
    ds = from_frames(people=people, interactions=records)
    c = compare_periods(ds, "2020", "2021", permutations=0, bootstraps=0, clusters=False)
    rows = c.attribution[c.attribution["level"] == "network"].set_index("name")
    year = records["date"].str[:4]
    for name, network in ((real, records["network"] == real), ("(no network)*", records["network"].isna())):
        assert rows.loc[name, "ties_before"] == (network & (year == "2020")).sum(), name
        assert rows.loc[name, "ties_after"] == (network & (year == "2021")).sum(), name
    assert len(rows) == 2 and rows["contribution"].sum() == pytest.approx(c.metrics.loc["cross_share", "difference"])
