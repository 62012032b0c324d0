"""Tests for collabgraph/report/netmap.py: the map's data, everyone or capped to the people with most contacts."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.analysis import analyze
from collabgraph.datasets import EXAMPLE
from collabgraph.metrics.timeline import timeline
from collabgraph.report.netmap import MAX_NODES, map_data
from collabgraph.report.texts import Texts
from tests.report.conftest import FAST, raw_records

CAP = 100


@pytest.fixture(scope="module")
def analysed(example):
    return example, analyze(example, FAST)


@pytest.fixture(scope="module")
def capped(analysed):
    ds, a = analysed
    return map_data(ds, a, Texts("en"), CAP)


def test_exact_setting_draws_everyone(analysed):
    ds, a = analysed
    assert len(ds.people) < MAX_NODES  # the default draws everyone in the example
    data = map_data(ds, a, Texts("en"), None)
    assert data == map_data(ds, a, Texts("en"))
    assert data["people"] == data["shown"] == len(data["nodes"]) == len(ds.people)
    assert [n["pid"] for n in data["nodes"]] == [str(x) for x in ds.people.index]
    assert len(data["edges"]) == len(a.ties) and not any("group" in n for n in data["nodes"])


def test_capped_keeps_the_people_with_most_contacts(analysed, capped):
    ds, a = analysed
    people = [n for n in capped["nodes"] if "group" not in n]
    assert capped["people"] == len(ds.people) and capped["shown"] == len(people)
    degree = a.people["degree"]
    kept = degree.loc[[n["pid"] for n in people if n["degree"]]]
    assert len(kept) == CAP
    assert kept.min() >= degree.drop(kept.index).max()  # nobody left out has more contacts
    assert [n["id"] for n in capped["nodes"]] == list(range(len(capped["nodes"])))
    # and everyone without a tie (recounted from the CSV files) is kept as themselves, to be listed by name
    raw = raw_records(EXAMPLE)
    alone = set(pd.read_csv(EXAMPLE / "people.csv", dtype=str)["id"]) - set(raw["a"]) - set(raw["b"])
    assert 0 < len(alone) < CAP and capped["alone"] == len(alone)
    assert {n["pid"] for n in people if n["degree"] == 0} == alone


def test_capped_groups_by_the_by_attribute(analysed, capped):
    ds, a = analysed
    groups = [n for n in capped["nodes"] if "group" in n]
    shown = {n["pid"] for n in capped["nodes"] if "group" not in n}
    rest = a.people.drop(index=list(shown))
    assert {n["domain"]: n["group"] for n in groups} == rest["domain"].value_counts().to_dict()
    assert all(n["pid"] == "" and n["label"].endswith(" more people") for n in groups)
    # A group node belongs to every learning network of its members.
    nets = ds.memberships.drop_duplicates()
    zorg = next(n for n in groups if n["domain"] == "zorg")
    members = rest.index[rest["domain"] == "zorg"]
    expected = sorted({ds.networks.index(x) for x in nets.loc[nets["person"].isin(members), "network"]})
    assert zorg["nets"] == expected


def _in_period(edge: dict, first: int, last: int) -> bool:
    """The map script's period filter (report.js ``inPeriod``): a run of periods overlaps first..last."""
    runs = edge["p"]
    return any(runs[j] <= last and runs[j + 1] >= first for j in range(0, len(runs), 2))


def _runs(windows: set) -> list:
    out = []
    for w in sorted(windows):
        if out and out[-1] == w - 1:
            out[-1] = w
        else:
            out += [w, w]
    return out


def test_capped_edges_sum_the_ties(analysed, capped):
    ds, a = analysed
    node = {n["pid"]: n["id"] for n in capped["nodes"] if n["pid"]}
    group = {n["domain"]: n["id"] for n in capped["nodes"] if "group" in n}
    ids = a.people.index.to_numpy()
    domain = a.people["domain"].to_numpy()
    ends = [[node.get(ids[x], group.get(domain[x])) for x in a.ties[c]] for c in ("u", "v")]
    pairs = pd.DataFrame({"a": np.minimum(*ends), "b": np.maximum(*ends), "w": a.ties["weight"]})
    pairs = pairs[pairs["a"] != pairs["b"]].groupby(["a", "b"]).agg(w=("w", "sum"))
    edges = pd.DataFrame(capped["edges"]).set_index(["from", "to"]).sort_index()
    assert edges.index.tolist() == pairs.index.tolist()  # one edge per pair of map nodes
    assert np.allclose(edges["w"], pairs["w"].round(3))
    assert all(isinstance(x, list) for x in edges["n"])
    # the periods (years here) of an edge: those in which any of its people's records falls, from the CSV files
    raw = raw_records(EXAMPLE)
    dom = pd.read_csv(EXAMPLE / "people.csv", dtype=str).set_index("id")["domain"]
    years = [str(pd.Timestamp(p["start"]).year) for p in capped["periods"]]  # "2022 (partial)" starts in 2022
    mapped = [raw[c].map(lambda x: node.get(x, group.get(dom[x]))) for c in ("a", "b")]
    raw = pd.DataFrame({"a": np.minimum(*mapped), "b": np.maximum(*mapped),
                        "p": raw["date"].dt.year.astype(str).map(years.index)})
    runs = raw[raw["a"] != raw["b"]].groupby(["a", "b"])["p"].agg(lambda p: _runs(set(p)))
    assert edges["p"].tolist() == runs.tolist()


def test_period_filter_counts_the_ties_with_a_record_in_it(analysed):
    # Issue 12: a tie is on the map in a period only when it has a record in it (2020Q3: 2,585 ties, not the
    # 4,331 whose first-to-last span overlaps it). Quarters as the timeline's windows; counted with pandas.
    ds, a = analysed
    a = replace(a, timeline=timeline(ds, freq="quarter", clusters=False))
    data = map_data(ds, a, Texts("en"), None)
    raw = raw_records(EXAMPLE)
    quarter = raw["date"].dt.to_period("Q").astype(str)
    labels = [p["label"] for p in data["periods"]]
    assert labels == sorted(quarter.unique()) and labels == a.timeline.windows["label"].tolist()
    for first in range(len(labels)):
        for last in range(first, len(labels)):
            inside = raw[quarter.isin(labels[first:last + 1])]
            expected = len(inside.drop_duplicates(["a", "b"]))
            assert sum(_in_period(e, first, last) for e in data["edges"]) == expected
        assert a.timeline.windows["ties"].iloc[first] == len(raw[quarter == labels[first]].drop_duplicates(["a", "b"]))
    q3 = labels.index("2020Q3")
    spans = len(a.ties[(a.ties["first"] < "2020-10-01") & (a.ties["last"] >= "2020-07-01")])
    assert sum(_in_period(e, q3, q3) for e in data["edges"]) < spans


def test_capped_is_deterministic(analysed, capped):
    ds, a = analysed
    assert map_data(ds, a, Texts("en"), CAP) == capped


def test_detached_people_show_their_reason_on_the_map_and_in_the_isolation_section(analysed):
    # Detached people recomputed with networkx from the CSV files: with learning networks, everyone cut off
    # from the rest of their learning network (docs/clusters.md; none on the example, whose networks are each
    # connected within), labelled as such on the map and in the isolation section.
    from collabgraph.datasets import EXAMPLE
    from collabgraph.report.html import _isolation
    from tests.conftest import plain_detached
    from tests.metrics.test_isolation import _files_graph_and_members

    ds, a = analysed
    detached = plain_detached(*_files_graph_and_members(EXAMPLE))
    for lang, label in (("en", "in a separate group, not connected to the rest of their learning network"),
                        ("nl", "in een losse groep, los van de rest van hun leernetwerk")):
        t = Texts(lang)
        nodes = map_data(ds, a, t)["nodes"]
        assert {n["pid"] for n in nodes if label in n["isolation"]} == detached
        figures = {f["label"]: f["n"] for f in _isolation(a, t)["figures"]}
        assert figures[label] == t.num(len(detached))


def test_the_strip_beside_the_map_says_it_counts_the_maps_groups():
    # The strip lists the connected groups of the ties in view, smaller than the map's largest; isolation's
    # 'detached' is judged per learning network: the strip's heading says the map's groups, not the isolation reason.
    for lang, where in (("en", "on the map"), ("nl", "op de kaart")):
        t = Texts(lang)
        heading = t.map_apart_groups
        assert where in heading
        reasons = {t.reason("detached", {"detached_by_network": by}).lower() for by in (True, False)}
        assert heading.lower() not in reasons


def test_dated_data_without_ties_give_a_map_without_edges():
    # Single attendees: dated windows, no tie; _runs gave one run list for zero edges (ValueError, issue 12).
    ds = from_frames(people=pd.DataFrame({"id": ["a", "b"]}),
                     events=pd.DataFrame({"id": ["e1", "e2"], "date": ["2021-01-05", "2021-08-01"]}),
                     attendance=pd.DataFrame({"event": ["e1", "e2"], "person": ["a", "b"]}))
    m = map_data(ds, analyze(ds, FAST), Texts("en"))
    assert m["edges"] == [] and [n["pid"] for n in m["nodes"]] == ["a", "b"]
    assert [p["label"] for p in m["periods"]] == ["2021 (partial)"]  # the data run from 5 January to 1 August


def test_a_hidden_value_never_takes_the_colour_or_name_of_a_real_value_spelled_like_other(analysed):
    """Real domains 'overig' (5 people) and 'other' (3), and two held by one person each, which generalise() folds
    under 'other (<3)' (privacy.other_labels: a value shown reads as other). The Dutch map named the folded people
    'overig', as the real 'overig' (tooltip and legend: two entries 'overig'); they read 'overig (<3)' and have one
    grey legend entry of that name, and the real values keep their colours and members. Counted with pandas."""
    from collabgraph.privacy import generalise
    from collabgraph.report.charts import OTHER as GREY

    ds, a = analysed
    real = a.people["domain"].astype(object).copy()
    real.iloc[:5] = "overig"
    real.iloc[7:10] = "other"
    real.iloc[5:7] = ["uniek-a", "uniek-b"]
    ds = replace(ds, people=ds.people.assign(domain=real.reindex(ds.people.index).astype("string")))
    people = generalise(a.people.assign(domain=real), ["domain"], 3)
    assert people["domain"].iloc[5:7].tolist() == ["other (<3)"] * 2  # the case: the label other outputs show
    data = map_data(ds, replace(a, people=people), Texts("nl"), max_nodes=None)
    nodes = pd.DataFrame(data["nodes"]).set_index("pid").reindex(people.index.astype(str))
    assert (nodes["domain"] == "overig (<3)").tolist() == real.isin(["uniek-a", "uniek-b"]).tolist()
    assert (nodes["domain"] == "overig").sum() == (real == "overig").sum() \
        and (nodes["domain"] == "other").sum() == (real == "other").sum()
    legend = [value for value, _ in data["colours"]["domain"]]
    assert len(legend) == len(set(legend))
    assert set(nodes["domain"].dropna()) <= set(legend)  # report.js adds its grey 'overig' only for a value not listed
    colours = dict(data["colours"]["domain"])
    assert colours["overig (<3)"] == GREY and colours["overig"] != GREY and colours["other"] != GREY
    marked = nodes["hidden"].dropna() if "hidden" in nodes else []
    assert not any("domain" in h for h in marked)  # nor for a node marked hidden: no grey 'overig' beside it


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_people_in_several_networks_are_apart_from_a_real_network_named_other(lang):
    """A real learning network 'other' (or 'overig') of 3 people, 'Noord' of 3, and p6 in both: p6 was coloured
    and listed as the map's 'other' (in Dutch 'overig'), the real network's name and colour. Membership from the
    input frame."""
    real = "other" if lang == "en" else "overig"
    people = pd.DataFrame({"id": [f"p{i}" for i in range(7)],
                           "networks": [real] * 3 + ["Noord"] * 3 + [f"{real};Noord"]})
    ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["p0", "p3"], "target": ["p6", "p6"]}))
    t = Texts(lang)
    data = map_data(ds, analyze(ds, FAST), t)
    nodes = {n["pid"]: n["network"] for n in data["nodes"]}
    several = people["networks"].str.contains(";")
    assert [nodes[p] == real for p in people["id"]] == (people["networks"] == real).tolist()
    assert {nodes[p] for p in people.loc[several, "id"]} == {t.map_other_networks}
    legend = [value for value, _ in data["colours"]["network"]]
    assert len(legend) == len(set(legend)) and {real, "Noord", t.map_other_networks} == set(legend)
