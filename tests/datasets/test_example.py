"""The bundled example: reproducible, valid, and every planted pattern holds on the loaded data.

Expected values come from ``planted.json`` (written by datasets/generate.py with its own pandas
code); here they are checked again through collabgraph's Dataset and tie table, and by plain
pandas group-bys on the records.
"""

from __future__ import annotations

from dataclasses import replace

import networkx as nx
import pandas as pd
import pytest

from collabgraph.datasets import EXAMPLE, planted
from collabgraph.datasets.generate import CUTOFF, generate
from collabgraph.graph import ties
from collabgraph.io.loaders import load

FILES = ["people.csv", "interactions.csv", "events.csv", "attendance.csv", "networks.csv", "planted.json",
         "README.md"]
KEYS = ["seed", "counts", "growth", "boundary_spanners", "isolated", "pendant", "fading", "newcomers",
        "coordinator_dependent", "single_organisation", "silo", "work_forms", "doorwerking", "experiential_experts",
        "survey"]
PEOPLE_KINDS = ["boundary_spanners", "isolated", "pendant", "fading", "newcomers", "silo"]


@pytest.fixture(scope="module")
def plant():
    return planted()


@pytest.fixture(scope="module")
def tie_table(example):
    return ties(example)


@pytest.fixture(scope="module")
def records(example):
    """One row per person per record (both ends of an interaction, each attendance): person, date, network."""
    inter = example.interactions
    att = example.attendance.join(example.events[["date", "network"]], on="event")
    parts = [inter[["source", "date", "network"]].set_axis(["person", "date", "network"], axis=1),
             inter[["target", "date", "network"]].set_axis(["person", "date", "network"], axis=1),
             att[["person", "date", "network"]]]
    return pd.concat(parts, ignore_index=True)


def degree(example, tie_table) -> pd.Series:
    return pd.concat([tie_table["source"], tie_table["target"]]).value_counts().reindex(
        example.people.index, fill_value=0)


def test_bundled_files_equal_a_fresh_generation(tmp_path):
    generate(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(FILES)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (EXAMPLE / name).read_bytes(), name


def test_validates_without_issues():
    ds = load(EXAMPLE)  # strict: any issue raises
    assert ds.report.valid
    for table, c in ds.report.counts.items():
        assert c["read"] == c["used"] and c["rejected"] == 0, table


def test_files_are_plain_utf8_with_contract_headers():
    headers = {
        "people.csv": "id,name,role,profession,organisation,domain,networks,joined,left",
        "interactions.csv": "source,target,date,wave,kind,network,weight,duration_minutes,trust,value",
        "events.csv": "id,date,network,kind,duration_minutes,title",
        "attendance.csv": "event,person,role_in_event",
        "networks.csv": "network,programme,start,end,focus,coordinator",
    }
    for name, header in headers.items():
        text = (EXAMPLE / name).read_bytes().decode("utf-8")
        assert "\r" not in text and text.endswith("\n")
        assert text.split("\n", 1)[0] == header
    assert sum((EXAMPLE / n).stat().st_size for n in headers) < 3_000_000


def test_planted_keys_and_counts(example, plant):
    assert list(plant) == KEYS
    assert plant["counts"] == {"people": len(example.people), "interactions": len(example.interactions),
                               "events": len(example.events), "attendance": len(example.attendance)}
    for kind in PEOPLE_KINDS:
        assert plant[kind] == sorted(plant[kind])
    assert plant["growth"]["connectors"] == sorted(plant["growth"]["connectors"])


def test_shape_of_the_programme(example):
    assert len(example.networks) == 16
    assert 500 <= len(example.people) <= 700
    assert 6_000 <= len(example.interactions) <= 12_000 and 400 <= len(example.events) <= 600
    assert sorted(example.people["domain"].unique()) == ["gemeente", "onderwijs", "veiligheid", "welzijn",
                                                         "wonen", "zorg"]
    # one coordinator per network, each in exactly that network
    coord = example.memberships[example.memberships["person"].isin(
        example.people.index[example.people["role"] == "coordinator"])]
    assert sorted(coord["network"]) == sorted(example.networks)
    # about 10% of events have no recorded duration; no events in July
    assert 0.05 < example.events["duration_minutes"].isna().mean() < 0.15
    assert not (example.events["date"].dt.month == 7).any()
    lo, hi = example.period()
    # the programme is 2020-2021; records after it (doorwerking) in the first quarter of 2022
    assert lo == pd.Timestamp("2020-01-01") and pd.Timestamp("2022-01-01") <= hi <= pd.Timestamp("2022-03-31")


def test_planted_people_are_disjoint(plant):
    experts = plant["experiential_experts"]
    groups = [set(plant[k]) for k in PEOPLE_KINDS] + [set(plant["growth"]["connectors"]),
                                                      {plant["coordinator_dependent"]["coordinator"]},
                                                      {experts["edge"]["expert"]}, set(experts["central"])]
    assert sum(len(g) for g in groups) == len(set().union(*groups))


def _cross_share(ds) -> float:
    t = ties(ds)
    dom = ds.people["domain"]
    return float((t["source"].map(dom) != t["target"].map(dom)).mean())


def test_cross_domain_growth(example, plant):
    growth = plant["growth"]
    # the tie table of each year (interactions + co-attendance) gives the generator's measured shares
    for year in ("2020", "2021"):
        year_ds = example.filter(start=f"{year}-01-01", end=f"{year}-12-31")
        assert _cross_share(year_ds) == pytest.approx(growth["cross_domain_share"][year], abs=5e-4)
    assert growth["cross_domain_share"]["2021"] - growth["cross_domain_share"]["2020"] > 0.1
    # without the three growth networks the share hardly moves
    events = example.events[~example.events["network"].isin(growth["networks"])]
    rest = replace(example, interactions=example.interactions[
        ~example.interactions["network"].isin(growth["networks"])], events=events,
        attendance=example.attendance[example.attendance["event"].isin(events.index)])
    shares = [_cross_share(rest.filter(start=f"{y}-01-01", end=f"{y}-12-31")) for y in (2020, 2021)]
    assert abs(shares[1] - shares[0]) < 0.04
    # connectors: few direct contacts in another domain in 2020, many in 2021
    inter = example.interactions
    dom = example.people["domain"]
    cross = inter[inter["source"].map(dom) != inter["target"].map(dom)]
    for person in growth["connectors"]:
        mine = cross[(cross["source"] == person) | (cross["target"] == person)]
        partners = mine.assign(other=mine["source"].where(mine["target"] == person, mine["target"]))
        per_year = partners.groupby(partners["date"].dt.year)["other"].nunique()
        assert per_year.get(2020, 0) <= 3 and per_year.get(2021, 0) >= 10, person
    members = example.memberships
    assert set(members.loc[members["person"].isin(growth["connectors"]), "network"]) <= set(growth["networks"])


def test_boundary_spanners(plant, records):
    active_in = records.groupby("person")["network"].nunique()
    assert sorted(active_in.index[active_in >= 3]) == plant["boundary_spanners"]


def test_isolated(example, tie_table, plant, records):
    deg = degree(example, tie_table)
    assert sorted(deg.index[deg == 0]) == plant["isolated"]
    assert not records["person"].isin(plant["isolated"]).any()
    assert set(plant["isolated"]) <= set(example.memberships["person"])


def test_pendant(example, tie_table, plant):
    deg = degree(example, tie_table)
    assert sorted(deg.index[deg == 1]) == plant["pendant"]
    inter = example.interactions
    for person in plant["pendant"]:
        assert ((inter["source"] == person) | (inter["target"] == person)).sum() == 1
    assert not example.attendance["person"].isin(plant["pendant"]).any()


def test_fading(example, plant, records):
    cutoff = pd.Timestamp(CUTOFF)
    before = records[records["date"] < cutoff]
    after = records[records["date"] >= cutoff].groupby("person").size()
    quarters = before.assign(q=before["date"].dt.year * 4 + before["date"].dt.quarter).groupby("person")["q"].nunique()
    for person in plant["fading"]:
        assert quarters[person] == 6 and after.get(person, 0) == 0, person
    assert example.people.loc[plant["fading"], "left"].isna().all()
    # nobody else without a 'left' date who was active in the first half of 2021 drops to <= 1 record
    stayed = example.people.index[example.people["left"].isna()]
    h1 = before[before["date"] >= "2021-01-01"].groupby("person").size()
    candidates = h1.index[(h1 >= 3) & h1.index.isin(stayed)]
    dropped = [p for p in candidates if after.get(p, 0) <= 1]
    assert sorted(dropped) == plant["fading"]


def test_newcomers(example, tie_table, plant, records):
    joined = example.people["joined"]
    late = joined.index[joined >= "2021-07-01"]
    assert sorted(late) == plant["newcomers"]
    assert joined[late].between("2021-09-01", "2021-11-30").all()
    deg = degree(example, tie_table)
    assert deg[late].between(2, 3).all()
    first = records.groupby("person")["date"].min()
    assert (first[late] >= joined[late]).all()


def test_unplanted_members_are_steady(example, plant):
    # README: every member who is not planted has a direct interaction in every full quarter of membership
    skip = set().union(*(plant[k] for k in ("isolated", "pendant", "newcomers", "fading")),
                       [plant["experiential_experts"]["edge"]["expert"]])
    star = example.memberships.loc[example.memberships["network"] == plant["coordinator_dependent"]["network"],
                                   "person"]
    inter = example.interactions
    rec = pd.concat([inter[["source", "date"]].set_axis(["person", "date"], axis=1),
                     inter[["target", "date"]].set_axis(["person", "date"], axis=1)])
    have = pd.MultiIndex.from_arrays([rec["person"], rec["date"].dt.to_period("Q")]).unique()
    people = example.people.drop(index=sorted(skip | set(star)))
    for quarter in pd.period_range("2020Q1", "2021Q4", freq="Q"):
        member = (people["joined"].isna() | (people["joined"] <= quarter.start_time)) & (
            people["left"].isna() | (people["left"] > quarter.end_time))
        expected = pd.MultiIndex.from_arrays([people.index[member], [quarter] * int(member.sum())])
        assert expected.isin(have).all(), quarter


def test_activity_within_membership(example, records):
    people = example.people
    rec = records.join(people[["joined", "left"]], on="person")
    assert not (rec["date"] < rec["joined"]).any()
    assert not (rec["date"] >= rec["left"]).any()


def test_coordinator_dependent(example, tie_table, plant):
    star = plant["coordinator_dependent"]
    assert example.people.at[star["coordinator"], "role"] == "coordinator"
    members = set(example.memberships.loc[example.memberships["network"] == star["network"], "person"])
    inside = tie_table[tie_table["source"].isin(members) & tie_table["target"].isin(members)]
    graph = nx.Graph()
    graph.add_nodes_from(members)
    graph.add_edges_from(zip(inside["source"], inside["target"], strict=True))
    assert nx.is_connected(graph)
    graph.remove_node(star["coordinator"])
    parts = list(nx.connected_components(graph))
    assert len(parts) >= len(members) // 3 and max(map(len, parts)) <= 3
    assert not (example.events["network"] == star["network"]).any()


def test_single_organisation(example, plant):
    single = plant["single_organisation"]
    members = example.memberships.loc[example.memberships["network"] == single["network"], "person"]
    assert example.people.loc[members, "organisation"].unique().tolist() == [single["organisation"]]
    assert len(members) >= 10


def test_silo(example, tie_table, plant):
    org = example.people["organisation"]
    for person in plant["silo"]:
        mine = tie_table[(tie_table["source"] == person) | (tie_table["target"] == person)]
        assert len(mine) >= 1
        assert (mine["source"].map(org) == mine["target"].map(org)).all(), person
        network = example.memberships.loc[example.memberships["person"] == person, "network"].iloc[0]
        others = example.memberships.loc[example.memberships["network"] == network, "person"]
        assert org[others].nunique() >= 3


def _csv(name: str) -> pd.DataFrame:
    """One of the example's files as plain text columns (dates as timestamps)."""
    frame = pd.read_csv(EXAMPLE / name, dtype=str, keep_default_na=False).replace("", None)
    if "date" in frame:
        frame["date"] = pd.to_datetime(frame["date"])
    return frame


def _pairs() -> pd.DataFrame:
    """From the CSV files, one row per record and pair (``a < b``): both ends of an interaction, every two
    attendees of an event; with the record's date, network and event (None for interactions)."""
    inter = _csv("interactions.csv")
    direct = pd.DataFrame({"a": inter[["source", "target"]].min(axis=1), "b": inter[["source", "target"]].max(axis=1),
                           "date": inter["date"], "network": inter["network"], "event": None})
    att = _csv("attendance.csv").merge(_csv("events.csv")[["id", "date", "network"]], left_on="event", right_on="id")
    co = att.merge(att[["event", "person"]], on="event", suffixes=("_a", "_b"))
    co = co[co["person_a"] < co["person_b"]]
    co = pd.DataFrame({"a": co["person_a"], "b": co["person_b"], "date": co["date"], "network": co["network"],
                       "event": co["event"]})
    return pd.concat([direct, co], ignore_index=True)


def test_work_forms(example, plant):
    # planted: casusbesprekingen produce more first cross-domain ties per person-hour than plenary meetings
    from collabgraph.metrics.forms import forms

    forms_ = plant["work_forms"]
    table = forms(example, by=forms_["by"], permutations=0).table
    per_hour = table[table["dimension"] == "kind"].set_index("form")["cross_first_ties_per_hour"]
    assert per_hour.to_dict() == pytest.approx(forms_["cross_first_ties_per_hour"], abs=5e-4)
    assert per_hour[forms_["more"]] > 1.5 * per_hour[forms_["less"]]
    # the four kinds, and events of every size band
    assert sorted(example.events["kind"].unique()) == ["casusbespreking", "masterclass", "plenaire bijeenkomst",
                                                       "werkbezoek"]
    size = _csv("attendance.csv").groupby("event").size()
    bands = pd.cut(size, [1, 5, 12, 25, 10_000], labels=["2-5", "6-12", "13-25", "26+"])
    assert bands.value_counts().min() >= 20
    # recomputed with pandas: first day of each pair, the first tie to the smallest shared event that day
    pairs = _pairs()
    first = pairs[pairs["date"] == pairs.groupby(["a", "b"])["date"].transform("min")]
    credited = first.dropna(subset=["event"]).sort_values("event").drop_duplicates(["a", "b"])
    dom = _csv("people.csv").set_index("id")["domain"]
    events = _csv("events.csv").set_index("id").astype({"duration_minutes": float})
    timed = credited[credited["event"].map(events["duration_minutes"]).notna()]
    cross = timed[timed["a"].map(dom) != timed["b"].map(dom)]
    person_hours = (events["duration_minutes"] / 60 * size).fillna(0).groupby(events["kind"]).sum()
    mine = cross.groupby(cross["event"].map(events["kind"])).size() / person_hours
    assert mine.to_dict() == pytest.approx(per_hour.to_dict())


def test_doorwerking_per_network(example, plant):
    # each network's end is in networks.csv: the day of its last event (the closing plenary meeting), and
    # for the network without events the day the others in December end
    door = plant["doorwerking"]
    pairs = _pairs()
    last_event = _csv("events.csv").groupby("network")["date"].max()
    ends = pd.to_datetime(_csv("networks.csv").set_index("network")["end"])
    assert (ends.reindex(last_event.index) == last_event).all()
    shares = {}
    for network in sorted(pairs["network"].unique()):
        end = ends[network]
        assert door["networks"][network]["end"] == end.date().isoformat()
        formed = pairs[(pairs["network"] == network) & (pairs["date"] <= end)][["a", "b"]].drop_duplicates()
        lasted = formed.merge(pairs[pairs["date"] > end][["a", "b"]].drop_duplicates())
        assert (door["networks"][network]["formed"], door["networks"][network]["active_after"]) == (
            len(formed), len(lasted)), network
        shares[network] = len(lasted) / len(formed)
    # collabgraph's doorwerking per network finds the same
    from collabgraph.metrics.durability import network_durability

    found = network_durability(example).set_index("network")
    for network, planted_row in door["networks"].items():
        row = found.loc[network]
        assert (row["end"].date().isoformat(), row["formed"], row["active_after"]) == (
            planted_row["end"], planted_row["formed"], planted_row["active_after"]), network
    assert all(shares[n] > 0.5 for n in door["strong"])
    assert all(shares[n] == 0 for n in door["none"])
    rest = [s for n, s in shares.items() if n not in door["strong"]]
    assert max(rest) < 0.3
    # networks end on different days: some mid-2021, most in December 2021
    ends = last_event.dt.strftime("%Y-%m")
    assert (ends == "2021-06").sum() == 3 and (ends == "2021-12").sum() == len(last_event) - 3
    assert len(shares) == 16 and not (example.events["date"] > "2021-12-31").any()


def test_experiential_experts(example, plant):
    experts = plant["experiential_experts"]
    people = _csv("people.csv").set_index("id")
    role = people["role"]
    members = people["networks"].str.split(";").explode()
    members = members.index.to_series().groupby(members.to_numpy()).agg(set)
    pairs = _pairs()
    graph = nx.Graph(zip(pairs["a"], pairs["b"], strict=True))
    near = {}
    for network, mates in members.items():
        inside = graph.subgraph(mates)
        mine = {p for p in mates if role[p] == "ervaringsdeskundige"}
        assert mine, network  # every network has one
        one = set().union(*(inside[p] for p in mine if p in inside)) - mine
        near[network] = len(one) / len(mates - mine)
        assert near[network] == pytest.approx(experts["networks"][network]["within_one_step"], abs=5e-4)
    edge = experts["edge"]
    assert role[edge["expert"]] == "ervaringsdeskundige"
    assert graph.subgraph(members[edge["network"]]).degree(edge["expert"]) == 2
    assert near[edge["network"]] == min(near.values()) < 0.1
    star = plant["coordinator_dependent"]["network"]
    assert min(v for n, v in near.items() if n not in (edge["network"], star)) > 0.7
    # collabgraph's role groups: the same shares, and the edge network's expert is the only one at the edge
    from collabgraph.metrics.role_groups import role_group_figures

    found = role_group_figures(example).experts.set_index("network").drop(index="(all networks)")
    assert found["share_within_one_step"].to_dict() == pytest.approx(near)
    assert found.index[found["at_edge"].astype(bool)].tolist() == [edge["network"]]
    attended = _csv("attendance.csv")["person"].value_counts()
    assert attended.get(edge["expert"], 0) == 0
    for person in experts["central"]:
        assert role[person] == "ervaringsdeskundige" and attended[person] >= 10


def test_survey(example, plant):
    # two waves of trust and value ratings (1-5, some 0s) on the contacts of 2020 and 2021; none in 2022
    survey = plant["survey"]
    assert example.ratings == tuple(survey["ratings"]) == ("trust", "value")
    inter = _csv("interactions.csv")
    for rating in survey["ratings"]:
        values = pd.to_numeric(inter[rating])
        assert set(values.dropna().unique()) == {0, 1, 2, 3, 4, 5}
        assert values[inter["wave"] == "2022"].isna().all()
        for wave, figures in survey["waves"].items():
            mine = values[inter["wave"] == wave]
            assert (mine.notna().sum(), (mine == 0).sum()) == (figures[rating]["rated"], figures[rating]["zeros"])
            assert mine.mean() == pytest.approx(figures[rating]["mean"], abs=5e-4)
    assert sorted(survey["waves"]) == ["2020", "2021"]
    assert survey["waves"]["2021"]["trust"]["mean"] > survey["waves"]["2020"]["trust"]["mean"]
    # collabgraph's ratings: the overall mean and count of each rating
    from collabgraph.metrics.ratings import ratings

    overall = ratings(example).overall.set_index("rating")
    for rating in survey["ratings"]:
        values = pd.to_numeric(inter[rating])
        assert overall.loc[rating, "count"] == values.notna().sum()
        assert overall.loc[rating, "mean"] == pytest.approx(values.mean())


def test_networks_table(example):
    table = _csv("networks.csv").set_index("network")
    people = _csv("people.csv").set_index("id")
    assert sorted(table.index) == sorted(example.networks)
    # the coordinator of each network is its member with the coordinator role
    for network, person in table["coordinator"].items():
        assert people.at[person, "role"] == "coordinator" and people.at[person, "networks"] == network
    assert set(table["focus"]) == {"samenwerking", "kennisdeling", "onderwijs"}
    assert example.network_table["end"].dt.strftime("%Y-%m-%d").to_dict() == table["end"].to_dict()
