"""The scorecard, every column recomputed from the example's CSV files with plain pandas and networkx.

The independent computation follows the definitions of docs/metrics.md ("Scorecard per learning
network"): members are declared in people.csv or have a record in the network; a network's ties are
pairs of members who share an interaction or an event in any context; its records are the
interactions and events labelled with it; its period is the networks table's start and end where given
(networks.csv, when the folder has one), else its first and last record.
"""

from __future__ import annotations

import json
from itertools import combinations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from collabgraph import from_frames, load
from collabgraph.datasets import load_example
from collabgraph.groups import PROGRAMME
from collabgraph.metrics.centrality import dependency
from collabgraph.metrics.scorecard import scorecard

EXAMPLE = __import__("pathlib").Path(__file__).resolve().parents[2] / "datasets" / "leernetwerken"
EXPERT_ROLES = {"ervaringsdeskundige", "experiential expert", "expert by experience"}
COORDINATOR_ROLES = {"coordinator", "coördinator", "netwerkcoördinator", "projectleider", "trekker",
                     "procesbegeleider"}


#: The networks table's headers in Dutch, as a data owner may write them.
NETWORK_HEADERS = {"netwerk": "network", "programma": "programme", "startdatum": "start", "begin": "start",
                   "einddatum": "end", "einde": "end", "thema": "focus", "coördinator": "coordinator",
                   "trekker": "coordinator", "projectleider": "coordinator"}


def _read(folder=EXAMPLE):
    people = pd.read_csv(folder / "people.csv", dtype=str).set_index("id")
    inter = pd.read_csv(folder / "interactions.csv", dtype={"source": str, "target": str, "network": str},
                        parse_dates=["date"])
    events = pd.read_csv(folder / "events.csv", parse_dates=["date"]).set_index("id")
    att = pd.read_csv(folder / "attendance.csv", dtype=str)
    path = folder / "networks.csv"
    if path.exists():
        networks = pd.read_csv(path, dtype=str, sep=None, engine="python")
        networks = networks.rename(columns=lambda c: NETWORK_HEADERS.get(c.strip().lower(), c.strip().lower()))
        networks = networks.set_index("network").reindex(columns=["programme", "start", "end", "focus", "coordinator"])
        networks[["start", "end"]] = networks[["start", "end"]].apply(pd.to_datetime)
    else:
        networks = pd.DataFrame(columns=["programme", "start", "end", "focus", "coordinator"], dtype=object)
    return people, inter, events, att, networks


def _period(dates: pd.Series, planned: pd.Series) -> tuple:
    """start, end and their source: the networks table's where given, else the first and last record."""
    start = planned["start"] if pd.notna(planned["start"]) else dates.min()
    end = planned["end"] if pd.notna(planned["end"]) else dates.max()
    word = ["records", "networks table"]
    a, b = word[pd.notna(planned["start"])], word[pd.notna(planned["end"])]
    source = None if pd.isna(start) and pd.isna(end) else a if a == b else f"{a} (start), {b} (end)"
    return start, end, source


def _expected(folder=EXAMPLE) -> dict[str, dict]:
    people, inter, events, att, networks = _read(folder)
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
    event_date = events["date"].to_dict()
    for event, group in att.groupby("event"):
        for a, b in combinations(sorted(set(group["person"])), 2):
            meet(a, b, event_date[event])
    record_dates = pd.concat([inter[["network", "date"]], events[["network", "date"]]]).dropna()
    hours_inter = inter.assign(h=inter["duration_minutes"].fillna(0) / 60 * 2)
    hours_event = att.join(events[["duration_minutes"]], on="event").assign(
        h=lambda f: f["duration_minutes"].fillna(0) / 60)
    periods = {net: _period(record_dates.loc[record_dates["network"] == net, "date"],
                            networks.reindex([net]).iloc[0]) for net in members}

    def in_period(records: pd.DataFrame) -> pd.Series:
        """Records not dated outside their own network's period (undated ones cannot be placed: kept)."""
        start = records["network"].map(lambda n: periods.get(n, (pd.NaT,) * 3)[0]).astype("datetime64[ns]")
        end = records["network"].map(lambda n: periods.get(n, (pd.NaT,) * 3)[1]).astype("datetime64[ns]")
        day = pd.Timedelta(days=1)
        outside = (records["date"] < start.dt.normalize()) | (records["date"] >= end.dt.normalize() + day)
        return ~outside.fillna(False)

    hours_inter = hours_inter.assign(in_h=hours_inter["h"].where(in_period(hours_inter), 0.0))
    hours_event = hours_event.assign(in_h=hours_event["h"].where(in_period(hours_event), 0.0))
    named = networks["coordinator"].dropna()
    dom, role = people["domain"].to_dict(), people["role"].to_dict()  # plain dicts: looked up per person and pair
    out = {}
    scopes = {net: ({net}, m) for net, m in members.items()}
    scopes[PROGRAMME] = (set(members), set().union(*members.values()))
    for name, (nets, mem) in scopes.items():
        g = nx.Graph()
        g.add_nodes_from(mem)
        g.add_edges_from(tuple(k) for k in first if k <= mem)
        known = [(a, b) for a, b in g.edges if pd.notna(dom[a]) and pd.notna(dom[b])]
        external = sum(dom[a] != dom[b] for a, b in known)
        reach2 = [len({dom[x] for x, d in nx.single_source_shortest_path_length(g, p, cutoff=2).items()
                       if x != p and pd.notna(dom[x])}) for p in mem]
        touching = [k for k in first if k & mem]
        inside = sum(k <= mem for k in touching)
        named_here = set(named.reindex(list(nets)).dropna())
        coords = [p for p in mem if str(role[p]).casefold() in COORDINATOR_ROLES or p in named_here]
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
        if name == PROGRAMME:
            start, end = min(periods[n][0] for n in nets), max(periods[n][1] for n in nets)
            sources = {periods[n][2] for n in nets}
            source = sources.pop() if sources in ({"records"}, {"networks table"}) else "networks table and records"
        else:
            start, end, source = periods[name]
        months = ((end.normalize() - start.normalize()).days + 1) / (365.25 / 12)
        new = sum(start.normalize() <= first[frozenset(e)] < end.normalize() + pd.Timedelta(days=1) for e in g.edges)
        hours = (hours_inter.loc[hours_inter["network"].isin(nets), "h"].sum()
                 + hours_event.loc[hours_event["network"].isin(nets), "h"].sum())
        within = (hours_inter.loc[hours_inter["network"].isin(nets), "in_h"].sum()
                  + hours_event.loc[hours_event["network"].isin(nets), "in_h"].sum())
        roles = people.loc[sorted(mem), "role"].str.casefold()
        out[name] = {
            "members": len(mem), "active_members": records.loc[records["network"].isin(nets), "person"].nunique(),
            "domains": people.loc[sorted(mem), "domain"].nunique(),
            "organisations": people.loc[sorted(mem), "organisation"].nunique(),
            "professions": people.loc[sorted(mem), "profession"].nunique(),
            "experiential_experts": int(roles.isin(EXPERT_ROLES).sum()),
            "coordinators": len(coords), "ties": g.number_of_edges(), "density": nx.density(g),
            "ties_known": len(known),
            "cross_share": external / len(known) if known else np.nan,
            "ei_index": (2 * external - len(known)) / len(known) if known else np.nan,
            "reach_two_steps": float(np.mean(reach2)),
            "openness": (len(touching) - 2 * inside) / len(touching) if touching else np.nan,
            "isolated": sum(1 for p in mem if g.degree(p) == 0),
            "coordinator_dependency_fragmentation": max(frag) if frag else np.nan,
            "coordinator_dependency_cut_off": max(cut) if cut else None,
            "new_ties_per_month": new / months, "hours": hours, "hours_in_period": within,
            "hours_per_member_month": within / len(mem) / months, "period_source": source,
            "programme": networks["programme"].get(name, np.nan) if name != PROGRAMME
            else "; ".join(sorted(set(networks["programme"].dropna()))) or np.nan,
            "focus": networks["focus"].get(name, np.nan) if name != PROGRAMME else np.nan,
            "coordinator": networks["coordinator"].get(name, np.nan) if name != PROGRAMME else np.nan,
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
           "coordinators", "ties", "density", "ties_known", "cross_share", "ei_index",
           "reach_two_steps", "openness", "isolated",
           "coordinator_dependency_fragmentation", "coordinator_dependency_cut_off", "new_ties_per_month",
           "hours", "hours_in_period", "hours_per_member_month", "events", "attendances", "start", "end", "months",
           "programme", "focus", "coordinator", "period_source"]


@pytest.mark.parametrize("column", COLUMNS)
def test_column_matches_pandas_and_networkx(card, expected, column):
    got = card[column].to_dict()
    want = {name: row[column] for name, row in expected.items()}
    for name in want:
        if isinstance(want[name], pd.Timestamp | str):
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
    assert n1["sentence"] == ("n1: 3 members (0 active) from 1 domain; none of the 1 tie among them joins two "
                              "members with a known domain; 1 without a tie to another member; "
                              "no coordinator in the data.")


def test_share_names_its_base_when_some_ties_lack_a_domain():
    """cross_share counts only ties whose two members have a domain: the sentence and ties_known say how many."""
    people = pd.DataFrame({"id": list("abcde"), "networks": ["n1"] * 5,
                           "domain": ["zorg", "welzijn", "zorg", None, None]})
    inter = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "c", "d", "e"]})
    n1 = scorecard(from_frames(people=people, interactions=inter)).set_index("network").loc["n1"]
    # by hand: ties a-b (across), a-c (within), b-d and c-e (d, e without a domain): 1 of 2 known ties crosses
    assert (n1["ties"], n1["ties_known"], n1["cross_share"]) == (4, 2, 0.5)
    assert "50% of the 2 ties among them with both domains known (of 4) cross a domain" in n1["sentence"]


def test_network_with_an_event_nobody_attended():
    people = pd.DataFrame({"id": list("ab"), "networks": ["n1", "n1"]})
    events = pd.DataFrame({"id": ["e1"], "network": ["n9"], "date": ["2021-03-01"], "duration_minutes": [60]})
    ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}), events=events)
    n9 = scorecard(ds).set_index("network").loc["n9"]
    assert (n9["members"], n9["ties"], n9["events"], n9["attendances"], n9["hours"]) == (0, 0, 1, 0, 0.0)
    assert n9["start"] == n9["end"] == pd.Timestamp("2021-03-01")
    assert n9["sentence"] == "n9: 0 members (0 active) from 0 domains; no ties among them; no coordinator in the data."


# ---- with a networks table: a hand-made programme of two networks ----------------------------------------
HAND = {
    "people.csv": "id,name,role,profession,organisation,domain,networks\n"
                  "a,Anna,professional,verpleegkundige,O1,zorg,N1\nb,Bert,professional,agoog,O2,welzijn,N1\n"
                  "c,Cor,professional,arts,O1,zorg,N1\nd,Dirk,professional,agoog,O3,welzijn,N2\n"
                  "e,Eva,professional,arts,O1,zorg,N2\nf,Fien,professional,docent,O4,onderwijs,N2\n",
    "interactions.csv": "source,target,date,network,duration_minutes\n"
                        "a,b,2021-01-10,N1,60\nb,c,2021-02-01,N1,30\na,c,2021-08-01,N1,120\n"
                        "c,d,2021-02-15,N2,\nd,e,2021-04-01,N2,\ne,f,2021-05-01,N2,60\n",
    "events.csv": "id,date,network,kind,duration_minutes\ne1,2021-03-01,N1,casusbespreking,90\n"
                  "e2,2021-09-01,N2,plenair,60\n",
    "attendance.csv": "event,person\ne1,a\ne1,b\ne1,c\ne2,d\ne2,e\ne2,f\n",
    # N1: a planned period and its coordinator b (role 'professional'); N2: a start only, and a coordinator
    # (a) who is no member of N2
    "networks.csv": "Netwerk;Programma;Startdatum;Einddatum;Thema;Coördinator\n"
                    "N1;P;2021-01-01;2021-06-30;onderwijs;b\nN2;Q;2021-03-01;;kennisdeling;a\n",
}


@pytest.fixture
def hand(tmp_path):
    for name, text in HAND.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_networks_table_every_column_matches_pandas_and_networkx(hand):
    card = scorecard(load(hand)).set_index("network")
    expected = _expected(hand)
    assert card.index.tolist() == ["N1", "N2", PROGRAMME]
    for column in COLUMNS:
        test_column_matches_pandas_and_networkx(card, expected, column)


def test_networks_table_by_hand(hand):
    card = scorecard(load(hand)).set_index("network")
    n1, n2, prog = card.loc["N1"], card.loc["N2"], card.loc[PROGRAMME]
    months1 = 181 / (365.25 / 12)  # 2021-01-01 to 2021-06-30, both days
    assert (n1["start"], n1["end"], n1["period_source"]) == (pd.Timestamp("2021-01-01"), pd.Timestamp("2021-06-30"),
                                                             "networks table")
    assert (n1["programme"], n1["focus"], n1["coordinator"], n1["coordinators"]) == ("P", "onderwijs", "b", 1)
    # the triangle a-b-c: all three ties first met within the period (a-c at e1 on 1 March)
    assert n1["new_ties_per_month"] == pytest.approx(3 / months1)
    # person-hours: a-b 2, b-c 1, a-c 4 (after the end: outside the period), e1 1.5 x 3 attendees
    assert (n1["hours"], n1["hours_in_period"]) == (11.5, 7.5)
    assert n1["hours_per_member_month"] == pytest.approx(7.5 / 3 / months1)
    assert n1["coordinator_dependency_cut_off"] == 0  # b tested: the triangle holds without b
    months2 = 185 / (365.25 / 12)  # 2021-03-01 (table) to 2021-09-01 (e2, the last record)
    assert (n2["start"], n2["end"], n2["period_source"]) == (pd.Timestamp("2021-03-01"), pd.Timestamp("2021-09-01"),
                                                             "networks table (start), records (end)")
    # a coordinates N2 in the table but is no member of it: not counted, not tested
    assert (n2["coordinator"], n2["coordinators"]) == ("a", 0) and pd.isna(n2["coordinator_dependency_cut_off"])
    # members c, d, e, f: ties c-d (15 Feb, before the start), d-e, e-f, d-f (at e2)
    assert (n2["ties"], n2["new_ties_per_month"]) == (4, pytest.approx(3 / months2))
    assert (n2["hours"], n2["hours_in_period"]) == (5.0, 5.0)
    assert (prog["start"], prog["end"], prog["period_source"]) == (pd.Timestamp("2021-01-01"),
                                                                   pd.Timestamp("2021-09-01"),
                                                                   "networks table and records")
    assert (prog["programme"], prog["hours_in_period"], prog["coordinators"]) == ("P; Q", 12.5, 2)


def test_a_network_only_in_the_table_and_a_start_after_the_records(hand):
    (hand / "networks.csv").write_text("network,start\nN1,2022-01-01\nN9,2021-01-01\n")
    card = scorecard(load(hand)).set_index("network")
    assert card.index.tolist() == ["N1", "N2", "N9", PROGRAMME]
    n9 = card.loc["N9"]
    assert (n9["members"], n9["ties"], n9["period_source"]) == (0, 0, "networks table (start), records (end)")
    assert pd.isna(n9["end"]) and pd.isna(n9["months"])
    n1 = card.loc["N1"]  # planned start after its last record (2021-08-01): no period to divide by
    assert n1["start"] == pd.Timestamp("2022-01-01") and n1["end"] == pd.Timestamp("2021-08-01")
    assert pd.isna(n1["months"]) and pd.isna(n1["new_ties_per_month"]) and pd.isna(n1["hours_per_member_month"])
    # the records of N1 all lie before its start: none in the period
    assert (n1["hours"], n1["hours_in_period"]) == (11.5, 0.0)


def test_without_a_networks_table_the_period_is_the_records(hand):
    (hand / "networks.csv").unlink()
    card = scorecard(load(hand)).set_index("network")
    assert card["period_source"].tolist() == ["records"] * 3
    assert (card["hours"] == card["hours_in_period"]).all()
    assert card[["programme", "focus", "coordinator"]].isna().all(axis=None)
    assert card.loc["N1", "end"] == pd.Timestamp("2021-08-01")


def test_hours_and_doorwerking_passed_in_give_the_same_card(card):
    """The report passes the hours and doorwerking it has already computed (any ``by``: the share does not
    depend on it); the card is the one scorecard computes on its own (the module fixture)."""
    from collabgraph.graph import ties
    from collabgraph.metrics.durability import network_durability
    from collabgraph.metrics.hours import hours

    ds = load_example()
    t = ties(ds)
    spent = hours(ds)
    passed = scorecard(ds, tie_table=t, spent=spent,
                       lasting=network_durability(ds, by="organisation", tie_table=t))
    pd.testing.assert_frame_equal(passed.set_index("network"), card)
    assert spent.networks.index.equals(hours(ds).networks.index)  # the caller's table is left as it was


def test_a_dependency_table_passed_in_is_the_one_computed(card):
    """analyze() computes the coordinators' dependency once for the scorecard and the role groups."""
    ds = load_example()
    reused = scorecard(ds, dependence=dependency(ds, top=0)).set_index("network")
    pd.testing.assert_frame_equal(reused, card)
