"""The scorecard, every column recomputed from the example's CSV files with plain pandas and networkx.

The independent computation follows the definitions of docs/metrics.md ("Scorecard per learning
network"): members are declared in people.csv or have a record in the network; a network's ties are
pairs of members who share an interaction or an event in any context; its records are the
interactions and events labelled with it.
"""

from __future__ import annotations

import json
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.datasets import load_example
from collabgraph.metrics.scorecard import PROGRAMME, scorecard

EXAMPLE = __import__("pathlib").Path(__file__).resolve().parents[2] / "datasets" / "leernetwerken"
EXPERT_ROLES = {"ervaringsdeskundige", "experiential expert", "expert by experience"}
COORDINATOR_ROLES = {"coordinator", "coördinator", "netwerkcoördinator", "projectleider", "trekker",
                     "procesbegeleider"}


def _read():
    people = pd.read_csv(EXAMPLE / "people.csv", dtype=str).set_index("id")
    inter = pd.read_csv(EXAMPLE / "interactions.csv", dtype={"source": str, "target": str, "network": str},
                        parse_dates=["date"])
    events = pd.read_csv(EXAMPLE / "events.csv", parse_dates=["date"]).set_index("id")
    att = pd.read_csv(EXAMPLE / "attendance.csv", dtype=str)
    return people, inter, events, att


def _expected() -> dict[str, dict]:
    people, inter, events, att = _read()
    att = att.join(events[["network", "date"]], on="event")
    # records with a network: (person, network, date)
    records = pd.concat([inter[["source", "network", "date"]].rename(columns={"source": "person"}),
                         inter[["target", "network", "date"]].rename(columns={"target": "person"}),
                         att[["person", "network", "date"]]]).dropna(subset=["network"])
    members = {}
    for pid, nets in people["networks"].dropna().items():
        for net in nets.split(";"):
            members.setdefault(net.strip(), set()).add(pid)
    for row in records.itertuples():
        members.setdefault(row.network, set()).add(row.person)
    # every pair that met, with its first date
    first: dict[frozenset, pd.Timestamp] = {}

    def meet(a, b, date):
        if a == b:
            return
        key = frozenset((a, b))
        first[key] = min(first.get(key, date), date)

    for row in inter.itertuples():
        meet(row.source, row.target, row.date)
    for event, group in att.groupby("event"):
        for a, b in combinations(sorted(set(group["person"])), 2):
            meet(a, b, events.loc[event, "date"])
    record_dates = pd.concat([inter[["network", "date"]], events[["network", "date"]]]).dropna()
    hours_inter = inter.assign(h=inter["duration_minutes"].fillna(0) / 60 * 2)
    hours_event = att.join(events[["duration_minutes"]], on="event").assign(
        h=lambda f: f["duration_minutes"].fillna(0) / 60)
    out = {}
    scopes = {net: ({net}, m) for net, m in members.items()}
    scopes[PROGRAMME] = (set(members), set().union(*members.values()))
    for name, (nets, mem) in scopes.items():
        g = nx.Graph()
        g.add_nodes_from(mem)
        g.add_edges_from(tuple(k) for k in first if k <= mem)
        dom = people["domain"]
        known = [(a, b) for a, b in g.edges if pd.notna(dom[a]) and pd.notna(dom[b])]
        external = sum(dom[a] != dom[b] for a, b in known)
        reach2 = [len({dom[x] for x, d in nx.single_source_shortest_path_length(g, p, cutoff=2).items()
                       if x != p and pd.notna(dom[x])}) for p in mem]
        touching = [k for k in first if k & mem]
        inside = sum(k <= mem for k in touching)
        coords = [p for p in mem if str(people.loc[p, "role"]).casefold() in COORDINATOR_ROLES]
        cut, frag = [], []

        def fragmentation(graph):
            n = graph.number_of_nodes()
            return 1 - sum(len(c) * (len(c) - 1) for c in nx.connected_components(graph)) / (n * (n - 1))

        main = max(nx.connected_components(g), key=len)
        for c in coords:
            rest = g.copy()
            rest.remove_node(c)
            cut.append(len(main) - (c in main) - max(len(x) for x in nx.connected_components(rest)))
            frag.append(fragmentation(rest) - fragmentation(g))
        dates = record_dates.loc[record_dates["network"].isin(nets), "date"]
        start, end = dates.min(), dates.max()
        months = ((end - start).days + 1) / (365.25 / 12)
        new = sum(start <= first[frozenset(e)] <= end for e in g.edges)
        hours = (hours_inter.loc[hours_inter["network"].isin(nets), "h"].sum()
                 + hours_event.loc[hours_event["network"].isin(nets), "h"].sum())
        roles = people.loc[sorted(mem), "role"].str.casefold()
        out[name] = {
            "members": len(mem), "active_members": records.loc[records["network"].isin(nets), "person"].nunique(),
            "domains": people.loc[sorted(mem), "domain"].nunique(),
            "organisations": people.loc[sorted(mem), "organisation"].nunique(),
            "professions": people.loc[sorted(mem), "profession"].nunique(),
            "experiential_experts": int(roles.isin(EXPERT_ROLES).sum()),
            "coordinators": len(coords), "ties": g.number_of_edges(), "density": nx.density(g),
            "cross_share": external / len(known) if known else np.nan,
            "ei_index": (2 * external - len(known)) / len(known) if known else np.nan,
            "reach_two_steps": float(np.mean(reach2)),
            "openness": (len(touching) - 2 * inside) / len(touching) if touching else np.nan,
            "isolated": sum(1 for p in mem if g.degree(p) == 0),
            "coordinator_dependency_fragmentation": max(frag) if frag else np.nan,
            "coordinator_dependency_cut_off": max(cut) if cut else None,
            "new_ties_per_month": new / months, "hours": hours, "hours_per_member_month": hours / len(mem) / months,
            "events": int(events["network"].isin(nets).sum()), "attendances": int(att["network"].isin(nets).sum()),
            "start": start, "end": end, "months": months,
        }
    # the programme's dependency: the largest of the networks' (each coordinator tested in their own network)
    nets = [row for name, row in out.items() if name != PROGRAMME]
    out[PROGRAMME]["coordinator_dependency_fragmentation"] = np.nanmax(
        [r["coordinator_dependency_fragmentation"] for r in nets])
    out[PROGRAMME]["coordinator_dependency_cut_off"] = max(
        r["coordinator_dependency_cut_off"] for r in nets if r["coordinator_dependency_cut_off"] is not None)
    return out


@pytest.fixture(scope="module")
def card():
    return scorecard(load_example()).set_index("network")


@pytest.fixture(scope="module")
def expected():
    return _expected()


def test_rows_are_the_networks_then_the_programme(card, expected):
    assert card.index.tolist() == [*sorted(n for n in expected if n != PROGRAMME), PROGRAMME]
    assert card["level"].tolist() == ["network"] * (len(card) - 1) + ["programme"]


COLUMNS = ["members", "active_members", "domains", "organisations", "professions", "experiential_experts",
           "coordinators", "ties", "density", "cross_share", "ei_index", "reach_two_steps", "openness", "isolated",
           "coordinator_dependency_fragmentation", "coordinator_dependency_cut_off", "new_ties_per_month",
           "hours", "hours_per_member_month", "events", "attendances", "start", "end", "months"]


@pytest.mark.parametrize("column", COLUMNS)
def test_column_matches_pandas_and_networkx(card, expected, column):
    got = card[column].to_dict()
    want = {name: row[column] for name, row in expected.items()}
    for name in want:
        if isinstance(want[name], pd.Timestamp):
            assert got[name] == want[name], (name, column)
        elif want[name] is None or (isinstance(want[name], float) and np.isnan(want[name])):
            assert pd.isna(got[name]), (name, column)
        else:
            assert float(got[name]) == pytest.approx(float(want[name]), abs=1e-9), (name, column)


def test_the_example_shows_its_planted_dependency(card):
    planted = json.loads((EXAMPLE / "planted.json").read_text())["coordinator_dependent"]["network"]
    networks = card[card["level"] == "network"]
    assert networks.index[networks["coordinator_dependency_cut_off"] > 0].tolist() == [planted]
    cut = card.loc[planted, "coordinator_dependency_cut_off"]
    assert f"without its coordinator {cut} members are cut off" in card.loc[planted, "sentence"]
    assert (f"without the coordinator of one network {cut} of its members are cut off"
            in card.loc[PROGRAMME, "sentence"])


def test_hand_dataset_without_coordinator_or_dates():
    people = pd.DataFrame({"id": list("abc"), "networks": ["n1", "n1", "n1"], "domain": ["zorg", None, "zorg"]})
    card = scorecard(from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["b"]})))
    n1 = card.set_index("network").loc["n1"]
    # a-b is the only tie; b has no domain, so no tie is counted for the domain mix
    assert (n1["members"], n1["ties"], n1["isolated"], n1["coordinators"]) == (3, 1, 1, 0)
    assert pd.isna(n1["cross_share"]) and pd.isna(n1["coordinator_dependency_cut_off"])
    assert pd.isna(n1["start"]) and pd.isna(n1["new_ties_per_month"]) and pd.isna(n1["hours_per_member_month"])
    assert n1["sentence"] == ("n1: 3 members (0 active) from 1 domain; an undefined share of the 1 tie among "
                              "them crosses a domain; 1 without a tie to another member; no coordinator in the data.")


def test_network_with_an_event_nobody_attended():
    people = pd.DataFrame({"id": list("ab"), "networks": ["n1", "n1"]})
    events = pd.DataFrame({"id": ["e1"], "network": ["n9"], "date": ["2021-03-01"], "duration_minutes": [60]})
    ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}), events=events)
    n9 = scorecard(ds).set_index("network").loc["n9"]
    assert (n9["members"], n9["ties"], n9["events"], n9["attendances"], n9["hours"]) == (0, 0, 1, 0, 0.0)
    assert n9["start"] == n9["end"] == pd.Timestamp("2021-03-01")
    assert n9["sentence"] == "n9: 0 members (0 active) from 0 domains; no ties among them; no coordinator in the data."
