"""collabgraph.metrics.ratings and ``collabgraph ratings``: every figure recomputed from the CSV text with plain
pandas (never from collabgraph's tables): per person, per network, overall, PARTNER's trust/value side by side,
and change between waves (means per wave and pairs rated in both waves)."""

from __future__ import annotations

import io
import json

import numpy as np
import pandas as pd
import pytest

from collabgraph import load
from collabgraph.errors import ParameterError
from collabgraph.metrics.ratings import ALL, ratings
from tests.cli.conftest import run

PEOPLE = "id,name,domain\na,Ans,zorg\nb,Bas,zorg\nc,Cor,welzijn\nd,Dirk,welzijn\ne,Eva,onderwijs\n"
INTERACTIONS = """source,target,network,wave,vertrouwen,waarde,score
a,b,N1,T1,4,5,0.5
b,a,N1,T1,2,3,
a,c,N1,T1,0,4,1.5
c,d,N2,T1,5,,2
a,b,N1,T2,3,5,
b,a,N1,T2,1,2,
c,d,N2,T2,3,1,
d,c,N2,T2,x,4,
d,e,,T2,4,4,
a,c,N1,T2,2,,
"""


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text(INTERACTIONS)
    return tmp_path


@pytest.fixture
def raw() -> pd.DataFrame:
    """The interactions as long (rating, value) rows, parsed from the CSV text with pandas only."""
    f = pd.read_csv(io.StringIO(INTERACTIONS), dtype=str, keep_default_na=False)
    f = f.rename(columns={"vertrouwen": "trust", "waarde": "value"})
    rows = []
    for name in ("trust", "value", "score"):
        values = pd.to_numeric(f[name], errors="coerce")
        rows.append(f[["source", "target", "network", "wave"]].assign(rating=name, value=values)[values.notna()])
    return pd.concat(rows, ignore_index=True)


def test_overall_and_per_network(folder, raw):
    r = ratings(load(folder))
    assert r.columns == ("trust", "value", "score")
    overall = r.overall.set_index("rating")
    for name, values in raw.groupby("rating")["value"]:
        assert overall.loc[name, "mean"] == pytest.approx(values.mean())
        assert overall.loc[name, "count"] == len(values)
    per = raw[raw["network"] != ""].groupby(["network", "rating"])["value"].agg(["mean", "size"])
    got = r.networks.set_index(["network", "rating"])
    assert set(got.index) == set(per.index)
    for key, row in per.iterrows():
        assert got.loc[key, "mean"] == pytest.approx(row["mean"]) and got.loc[key, "count"] == row["size"]


def test_distribution_only_for_whole_ratings_from_0_to_5(folder, raw):
    r = ratings(load(folder))
    overall = r.overall.set_index("rating")
    trust = raw[raw["rating"] == "trust"]["value"]
    assert [int(overall.loc["trust", f"n_{k}"]) for k in range(6)] == [int((trust == k).sum()) for k in range(6)]
    assert overall.loc["trust", "n_0"] == 1  # a rating of 0 is counted, not dropped
    assert overall.loc[["score"], [f"n_{k}" for k in range(6)]].isna().all(axis=None)  # 0.5, 1.5: no scale


def test_distribution_follows_the_ratings_own_values(tmp_path):
    # an item answered on a 1-3 scale (by hand: 1 once, 2 twice, 3 once) and a 0-5 one: the 1-3 item counts
    # 1, 2 and 3 only (no 0, 4 or 5: not values of its scale), in every network; the text names its range
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text("source,target,network,trust,drie\na,b,N1,0,1\nb,c,N1,5,2\n"
                                               "c,d,N2,3,2\nd,e,N2,3,3\n")
    r = ratings(load(tmp_path))
    counts = [f"n_{k}" for k in range(6)]

    def row(frame, key):
        values = frame.loc[key, counts]
        return [None if pd.isna(v) else int(v) for v in values]

    assert row(r.overall.set_index("rating"), "drie") == [None, 1, 2, 1, None, None]
    # N2 has no 1, but 1 is a value of the item: 0
    assert row(r.networks.set_index(["network", "rating"]), ("N2", "drie")) == [None, 0, 1, 1, None, None]
    assert row(r.overall.set_index("rating"), "trust") == [1, 0, 0, 2, 0, 1]
    text = run("ratings", tmp_path).output
    assert "- drie: mean 2.00 over 4 ratings (from 1 to 3; 1: 1, 2: 2, 3: 1)" in text
    assert "- trust: mean 2.75 over 4 ratings (from 0 to 5; 0: 1, 1: 0, 2: 0, 3: 2, 4: 0, 5: 1)" in text


def test_people_received_and_given(folder, raw):
    r = ratings(load(folder))
    for name in ("trust", "value", "score"):
        values = raw[raw["rating"] == name]
        for side, end in (("received", "target"), ("given", "source")):
            g = values.groupby(end)["value"]
            for pid in "abcde":
                count = int(g.size().get(pid, 0))
                assert r.people.loc[pid, f"{name}_{side}_count"] == count
                if count:
                    assert r.people.loc[pid, f"{name}_{side}_mean"] == pytest.approx(g.mean()[pid])
                else:
                    assert np.isnan(r.people.loc[pid, f"{name}_{side}_mean"])
    assert r.people.loc["a", "name"] == "Ans"


def test_partner_trust_and_value_side_by_side(folder, raw):
    r = ratings(load(folder))
    p = r.partner.set_index("network")
    assert list(p.index) == ["N1", "N2", ALL]
    for network in ("N1", "N2"):
        for name in ("trust", "value"):
            values = raw[(raw["network"] == network) & (raw["rating"] == name)]["value"]
            assert p.loc[network, f"{name}_mean"] == pytest.approx(values.mean())
            assert p.loc[network, f"{name}_count"] == len(values)
    assert p.loc[ALL, "trust_mean"] == pytest.approx(raw[raw["rating"] == "trust"]["value"].mean())


def test_change_between_waves_per_network_and_pairwise(folder, raw):
    r = ratings(load(folder))
    assert r.waves.columns.tolist()[:3] == ["network", "rating", "wave"]
    c = r.changes.set_index(["network", "rating"])
    # trust in N1: means per wave, and the pairs rated in both (unordered, as the data are undirected)
    t = raw[(raw["rating"] == "trust") & (raw["network"] == "N1")].copy()
    t["pair"] = [tuple(sorted(p)) for p in zip(t["source"], t["target"], strict=True)]
    before, after = (t[t["wave"] == w] for w in ("T1", "T2"))
    row = c.loc[("N1", "trust")]
    assert (row["wave_before"], row["wave_after"]) == ("T1", "T2")
    assert row["mean_before"] == pytest.approx(before["value"].mean())
    assert row["mean_after"] == pytest.approx(after["value"].mean())
    assert row["difference"] == pytest.approx(after["value"].mean() - before["value"].mean())
    pa, pb = before.groupby("pair")["value"].mean(), after.groupby("pair")["value"].mean()
    common = pa.index.intersection(pb.index)
    assert row["pairs_both"] == len(common) == 2  # a-b (both directions) and a-c
    assert row["pair_change"] == pytest.approx((pb[common] - pa[common]).mean())
    # all networks together include the record without a network (d-e)
    everything = raw[raw["rating"] == "trust"]
    assert c.loc[(ALL, "trust"), "mean_after"] == pytest.approx(everything[everything["wave"] == "T2"]["value"].mean())
    # score has ratings in T1 only: no change row
    assert ("N1", "score") not in c.index


def test_no_rating_columns_is_said(tmp_path):
    (tmp_path / "interactions.csv").write_text("source,target,weight\na,b,2\n")
    with pytest.raises(ParameterError, match="no rating columns"):
        ratings(load(tmp_path))
    result = run("ratings", tmp_path)  # the command answers: nothing to rate (exit 0, as roles without roles)
    assert result.exit_code == 0 and "The interactions have no rating columns" in result.output
    payload = json.loads(run("ratings", tmp_path, "--format", "json").output)
    assert payload["ratings"] == payload["overall"] == payload["people"] == []
    assert "no rating columns" in payload["note"]
    assert run("ratings", tmp_path, "--format", "csv").output.splitlines() == ["network,rating,mean,count"]


def test_cli_text_json_csv(folder, raw):
    text = run("ratings", folder, "--limit", "2")
    assert text.exit_code == 0, text.output
    assert "- N1: trust" in text.output and "PARTNER" in text.output
    assert "row 9, column 'vertrouwen'" in text.output  # the bad rating is said (on stderr)
    assert "Bas (b)" in text.output and "(a)" not in text.output  # --limit 2: the two most rated
    payload = json.loads(run("ratings", folder, "--format", "json").output)
    assert payload["ratings"] == ["trust", "value", "score"]
    assert {"overall", "networks", "partner", "waves", "changes", "people"} <= set(payload)
    table = pd.read_csv(io.StringIO(run("ratings", folder, "--format", "csv").output))
    n1 = table[(table["network"] == "N1") & (table["rating"] == "value")]
    want = raw[(raw["network"] == "N1") & (raw["rating"] == "value")]["value"].mean()
    assert n1["mean"].item() == pytest.approx(want)


def test_a_change_that_rounds_to_zero_is_not_negative(tmp_path):
    # trust 3 and 3.004 in the first wave, 3 and 3 in the second: the means differ by -0.002 and the pair
    # c -> d changes by -0.004, both 0.00 at two decimals: the text says +0.00, never -0.00
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text("source,target,wave,trust\na,b,T1,3\nc,d,T1,3.004\n"
                                               "a,b,T2,3\nc,d,T2,3\n")
    changes = ratings(load(tmp_path)).changes
    assert changes["difference"].iloc[0] == pytest.approx(-0.002)
    text = run("ratings", tmp_path).output
    assert "3.00 -> 3.00 (+0.00)" in text and "mean change +0.00" in text and "-0.00" not in text
