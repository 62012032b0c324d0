"""The communities per window and per period follow ``weighted`` as every other figure (unweighted by default).

Found by a new user on the Lyon hospital ward: the report said "unweighted" with modularity 0.10 (4 clusters), while
its timeline, cluster evolution and ``timeline`` command found 6 communities on the weighted graph (0.37).
The expectations are networkx Louvain (best of 5 seeds) on the raw contacts file.
"""

from __future__ import annotations

import json

import networkx as nx
import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.analysis import AnalysisOptions, analyze
from collabgraph.metrics.periods import compare_periods
from collabgraph.metrics.timeline import timeline
from tests.cli.conftest import run
from tests.conftest import lyon_ward


@pytest.fixture(scope="module")
def ward(realdata, tmp_path_factory):
    """The raw contacts, the dataset and a folder with its two CSV files."""
    contacts, people, inter = lyon_ward(realdata)
    folder = tmp_path_factory.mktemp("ward")
    inter.to_csv(folder / "interactions.csv", index=False)
    people.to_csv(folder / "people.csv", index=False)
    return contacts, from_frames(people=people, interactions=inter), folder


def louvain_best(contacts: pd.DataFrame, weighted: bool) -> float:
    """networkx Louvain's best modularity over seeds 0-4; a pair's weight is its number of contact records."""
    pairs = pd.DataFrame({"a": contacts[["source", "target"]].min(axis=1),
                          "b": contacts[["source", "target"]].max(axis=1)}).value_counts().rename("w").reset_index()
    g = nx.Graph()
    g.add_weighted_edges_from(pairs.itertuples(index=False))
    weight = "weight" if weighted else None
    return max(nx.community.modularity(g, nx.community.louvain_communities(g, weight=weight, seed=s), weight=weight)
               for s in range(5))


@pytest.fixture(scope="module")
def expected(ward):
    contacts = ward[0]
    return {False: louvain_best(contacts, False), True: louvain_best(contacts, True)}


def test_the_expectations_differ(expected):
    # the new user's figures: every tie once 0.100, ties weighted by their records 0.368
    assert expected[False] == pytest.approx(0.100, abs=0.001)
    assert expected[True] == pytest.approx(0.368, abs=0.001)


@pytest.mark.parametrize("weighted", [False, True])
def test_timeline_and_compare_follow_weighted(ward, expected, weighted):
    _, ds, _ = ward
    tl = timeline(ds, freq="year", by=None, weighted=weighted)  # one window: the whole ward
    assert tl.windows["modularity"].iloc[0] == pytest.approx(expected[weighted], abs=0.005)
    assert tl.to_dict()["weighted"] is weighted
    c = compare_periods(ds, "2010-12-06..2010-12-07", "2010-12-08..2010-12-10", by="status", permutations=0,
                        bootstraps=0, weighted=weighted)
    assert c.to_dict()["weighted"] is weighted
    both = compare_periods(ds, "2010-12-06..2010-12-10", "2010-12-06..2010-12-10", by="status", permutations=0,
                           bootstraps=0, weighted=weighted).metrics.loc["modularity"]
    assert both["before"] == both["after"] == pytest.approx(expected[weighted], abs=0.005)


def test_the_default_is_unweighted_in_the_analysis(ward, expected):
    _, ds, _ = ward
    options = AnalysisOptions(by="status", freq="year", permutations=0, bootstraps=0, stability_runs=0)
    a = analyze(ds, options)
    assert a.timeline.windows["modularity"].iloc[0] == pytest.approx(expected[False], abs=0.005)
    assert a.timeline.windows["modularity"].iloc[0] == pytest.approx(a.clusters.communities.modularity)
    weighted = analyze(ds, AnalysisOptions(**{**options.to_dict(), "weighted": True}))
    assert weighted.timeline.windows["modularity"].iloc[0] == pytest.approx(expected[True], abs=0.005)


def test_the_commands_follow_weighted(ward, expected):
    _, _, folder = ward
    for flag, weighted in (("--unweighted", False), ("--weighted", True)):
        data = json.loads(run("timeline", folder, "--freq", "year", flag, "--format", "json").output)
        assert data["weighted"] is weighted
        assert data["windows"][0]["modularity"] == pytest.approx(expected[weighted], abs=0.005)
        clusters = json.loads(run("clusters", folder, flag, "--format", "json").output)
        assert data["windows"][0]["modularity"] == pytest.approx(clusters["modularity"], abs=1e-6)
        compared = json.loads(run("compare", folder, "--before", "2010-12-06..2010-12-07", "--after",
                                  "2010-12-08..2010-12-10", "--by", "status", "--permutations", "0", "--bootstraps",
                                  "0", flag, "--format", "json").output)
        assert compared["weighted"] is weighted
    text = run("timeline", folder, "--freq", "year", "--weighted").output
    assert "modularity 0.37 (communities on tie weights), 6 communities of 3 or more people" in text
    assert "modularity 0.10, 4 communities of 3 or more people" in run("timeline", folder, "--freq", "year").output
