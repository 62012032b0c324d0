"""A rating as the tie weight (``--weight-by``, :meth:`Dataset.weighted_by`): the mean of a pair's ratings in
the latest wave that has one, never a sum; unrated ties keep their tie with weight NaN (0 in weighted
figures); a rating of 0 is a weight of 0. Expected values come from the input frames with plain pandas."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.errors import ParameterError
from collabgraph.graph import ties
from collabgraph.metrics.mixing import ei_index
from collabgraph.tietable import tie_weights
from tests.cli.conftest import run

PEOPLE = pd.DataFrame({"id": list("abcdef"), "domain": ["zorg", "zorg", "welzijn", "welzijn", "zorg", "welzijn"]})
INTER = pd.DataFrame({
    "source": ["a", "b", "a", "a", "c", "c", "d", "a", "e"],
    "target": ["b", "a", "b", "c", "d", "d", "e", "d", "f"],
    "wave":   ["T1", "T1", "T2", "T1", "T1", "T2", "T2", "T2", "T1"],
    "trust":  [4, 2, 1, None, 0, None, 3, 5, None],
})
EVENTS = pd.DataFrame({"id": ["e1"]})
ATTENDANCE = pd.DataFrame({"event": ["e1", "e1"], "person": ["b", "f"]})


@pytest.fixture
def rated():
    return from_frames(people=PEOPLE, interactions=INTER, events=EVENTS, attendance=ATTENDANCE).weighted_by("trust")


def _expected() -> pd.Series:
    """Per unordered pair: the mean trust in the latest wave in which the pair has a rating (pandas)."""
    f = INTER.assign(a=INTER[["source", "target"]].min(axis=1), b=INTER[["source", "target"]].max(axis=1),
                     w=INTER["wave"].str[1].astype(int)).dropna(subset=["trust"])
    latest = f.groupby(["a", "b"])["w"].transform("max")
    return f[f["w"] == latest].groupby(["a", "b"])["trust"].mean()


def test_weight_is_the_mean_rating_of_the_latest_wave(rated):
    t = ties(rated).set_index(["source", "target"])
    expected = _expected()
    for pair, value in expected.items():
        assert t.loc[pair, "weight"] == value, pair
    # a-b: T1 ratings 4 and 2, T2 rating 1: the latest wave's mean (1), never 4 + 2 + 1
    assert t.loc[("a", "b"), "weight"] == 1.0
    # c-d: 0 in T1, unrated in T2: the latest wave with a rating is T1, a weight of 0
    assert t.loc[("c", "d"), "weight"] == 0.0
    # a-c and e-f: no rating at all; b-f: met only at an event (co-attendance has no rating)
    assert t.loc[[("a", "c"), ("e", "f"), ("b", "f")], "weight"].isna().all()
    assert set(t.index) == set(expected.index) | {("a", "c"), ("e", "f"), ("b", "f")}  # every tie kept


def test_a_wave_window_holds_that_waves_mean(rated):
    first = rated.windows("wave")[0].dataset
    t = ties(first).set_index(["source", "target"])
    assert t.loc[("a", "b"), "weight"] == (4 + 2) / 2
    assert t.loc[("c", "d"), "weight"] == 0.0
    # a cumulative window over both waves holds the latest wave's mean: compared, never summed
    both = ties(rated.windows("wave", mode="cumulative")[1].dataset).set_index(["source", "target"])
    assert both.loc[("a", "b"), "weight"] == 1.0


def test_weighted_figures_count_unrated_ties_as_zero(rated):
    t = ties(rated)
    np.testing.assert_array_equal(tie_weights(t), t["weight"].fillna(0.0).to_numpy())
    r = ei_index(rated, by="domain", weighted=True, tie_table=t)
    dom = PEOPLE.set_index("id")["domain"]
    w = t["weight"].fillna(0.0)
    cross = (dom[t["source"]].to_numpy() != dom[t["target"]].to_numpy())
    assert r.external == pytest.approx(w[cross].sum()) and r.internal == pytest.approx(w[~cross].sum())


def test_only_ratings_of_zero_or_more_are_weights():
    with pytest.raises(ParameterError, match="ratings: trust"):
        from_frames(interactions=INTER).weighted_by("waarde")
    negative = INTER.assign(trust=INTER["trust"] - 3)
    with pytest.raises(ParameterError, match="lowest value is -3"):
        from_frames(interactions=negative).weighted_by("trust")
    assert from_frames(interactions=INTER).weighted_by("Vertrouwen").weighted_by(None).weight_by is None


@pytest.fixture
def folder(tmp_path):
    PEOPLE.to_csv(tmp_path / "people.csv", index=False)
    INTER.to_csv(tmp_path / "interactions.csv", index=False)
    return tmp_path


def test_cli_weight_by_makes_the_command_weighted(folder):
    plain = json.loads(run("metrics", folder, "--format", "json").output)
    rated = json.loads(run("metrics", folder, "--weight-by", "vertrouwen", "--format", "json").output)
    assert plain["weighted"] is False and rated["weighted"] is True
    text = run("metrics", folder, "--weight-by", "trust").output
    assert "weighted by the mean trust rating of each tie (ties without one weigh 0)" in text
    explicit = json.loads(run("metrics", folder, "--weight-by", "trust", "--unweighted", "--format", "json").output)
    assert explicit["weighted"] is False and explicit["internal"] == plain["internal"]


@pytest.mark.parametrize("command", ["summary", "networks", "roles", "forms", "pollination", "hours", "ratings"])
def test_cli_commands_that_count_ties_give_the_same_output_with_weight_by(folder, command):
    """docs/data.md and the README say so: these commands count ties without weights."""
    plain = run(command, folder, "--format", "json")
    assert plain.exit_code == 0, plain.output
    assert run(command, folder, "--weight-by", "trust", "--format", "json").output == plain.output


def test_cli_unknown_rating_is_a_usage_error(folder):
    result = run("summary", folder, "--weight-by", "value")
    assert result.exit_code == 2
    assert result.output.strip().endswith("Error: --weight-by must be a rating column of the interactions; "
                                          "got 'value' (ratings: trust).")


def test_cli_all_weights_zero_says_the_weighted_ei_is_undefined(tmp_path):
    PEOPLE.to_csv(tmp_path / "people.csv", index=False)
    INTER.assign(trust=0).to_csv(tmp_path / "interactions.csv", index=False)
    result = run("metrics", tmp_path, "--weight-by", "trust")
    assert result.exit_code == 0
    assert "weigh 0 together, so the weighted E-I index is undefined" in result.output


def test_constraint_treats_a_zero_or_unrated_tie_as_no_contact(rated):
    """Burt's constraint with ratings as weights equals networkx's on the graph of the ties that weigh more
    than 0 (a rating of 0 and no rating give p_ij = 0: no contact)."""
    import networkx as nx

    from collabgraph.metrics.holes import structural_holes

    t = ties(rated)
    ours = structural_holes(rated, tie_table=t, weighted=True)
    g = nx.Graph()
    g.add_nodes_from(PEOPLE["id"])
    g.add_weighted_edges_from((s, v, w) for s, v, w in zip(t["source"], t["target"], t["weight"], strict=True)
                              if w > 0)
    expected = nx.constraint(g, weight="weight")
    for person in PEOPLE["id"]:
        if g.degree(person):
            assert ours.loc[person, "constraint"] == pytest.approx(expected[person]), person
            assert ours.loc[person, "contacts"] == g.degree(person)
        else:
            assert np.isnan(ours.loc[person, "constraint"])


def test_modularity_with_ratings_as_weights_equals_networkx(rated):
    """A tie rated 0 or unrated adds nothing to the weighted modularity (networkx on the tie table's weights,
    NaN as 0)."""
    import networkx as nx

    from collabgraph.metrics.communities import modularity

    t = ties(rated)
    membership = pd.Series({"a": 0, "b": 0, "c": 1, "d": 1, "e": 2, "f": 2})
    g = nx.Graph()
    g.add_nodes_from(PEOPLE["id"])
    g.add_weighted_edges_from(zip(t["source"], t["target"], t["weight"].fillna(0.0), strict=True))
    groups = [set(membership[membership == k].index) for k in range(3)]
    expected = nx.community.modularity(g, groups, weight="weight")
    assert modularity(rated, membership=membership, tie_table=t, weighted=True) == pytest.approx(expected)
