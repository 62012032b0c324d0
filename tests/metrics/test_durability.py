"""Tests of collabgraph.metrics.durability: ties formed before an end and active after it (by hand, plain Python)."""

from __future__ import annotations

from itertools import combinations

import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.errors import ParameterError
from collabgraph.groups import PROGRAMME
from collabgraph.metrics.durability import durability, network_durability
from collabgraph.metrics.scorecard import scorecard
from tests.conftest import dated


def test_durability_by_hand():
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
    ds = dated([("a", "b", "2020-03-01"), ("a", "c", "2020-05-01"), ("b", "d", "2020-06-01"),
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


# ---- per learning network ---------------------------------------------------------------------------------
# n1: two events (end = the last, 31 March) and an interaction; n2: two events (end 1 June); n3: no events
# (end = its last interaction, 15 July); n4: one event with one attendee (no tie formed); n5: its end is the
# data's last day (nothing after it yet). a-b is formed in n1 and n2.
PEOPLE = pd.DataFrame({"id": list("abcdefg"),
                        "domain": ["zorg", "zorg", "welzijn", "welzijn", "onderwijs", "zorg", None]})
EVENTS = pd.DataFrame({"id": ["e1", "e2", "e3", "e4", "e5"], "network": ["n1", "n1", "n2", "n2", "n4"],
                        "date": ["2021-01-10", "2021-03-31", "2021-02-15", "2021-06-01", "2021-04-10"]})
ATTENDANCE = pd.DataFrame({"event": ["e1"] * 3 + ["e2"] * 2 + ["e3"] * 3 + ["e4"] * 2 + ["e5"],
                            "person": list("abc") + list("ad") + list("abf") + list("ad") + ["e"]})
INTERACTIONS = pd.DataFrame(
    [("b", "e", "2021-02-01", "n1"),  # formed in n1
     ("a", "g", None, "n1"),  # undated: forms nothing
     ("a", "e", "2021-05-01", "n1"),  # n1's record after its end: forms nothing
     ("a", "c", "2021-03-31", None),  # on n1's end day: not after it
     ("a", "b", "2021-04-01", None),  # the day after n1's end; before n2's
     ("b", "f", "2021-07-01", None),  # after n2's end
     ("c", "d", "2021-05-01", "n3"), ("d", "g", "2021-07-15", "n3"),
     ("c", "d", "2021-10-01", None),  # after n3's end
     ("e", "f", "2021-10-01", "n5")],  # n5's end = the data's last day
    columns=["source", "target", "date", "network"])


def _dataset(directed=False):
    return from_frames(people=PEOPLE, interactions=INTERACTIONS, events=EVENTS, attendance=ATTENDANCE,
                       directed=directed)


def _plain(people, interactions, events, attendance, directed, by="domain", planned=None):
    """The definitions of network_durability in plain Python from the input frames: {network: figures}.
    ``planned``: the networks table's ends ({network: "YYYY-MM-DD"}), which come first."""
    def pair(a, b):
        return (a, b) if directed or a < b else (b, a)

    records = []  # (pair, day, network) of dated records: interactions, co-attendance (both arcs when directed)
    for s, t, day, net in interactions[["source", "target", "date", "network"]].itertuples(index=False):
        if isinstance(day, str):
            records.append((pair(s, t), pd.Timestamp(day), net))
    day_of = dict(zip(events["id"], pd.to_datetime(events["date"]), strict=True))
    net_of = dict(zip(events["id"], events["network"], strict=True))
    for event, group in attendance.groupby("event"):
        if pd.isna(day_of[event]):
            continue
        for a, b in combinations(sorted(group["person"]), 2):
            records += [((a, b), day_of[event], net_of[event])] + ([((b, a), day_of[event], net_of[event])]
                                                                   if directed else [])
    data_end = max(day for _, day, _ in records)
    last = {}
    for p, day, _ in records:
        last[p] = max(last.get(p, day), day)
    declared = {n for cell in people.get("networks", pd.Series(dtype=str)).dropna() for n in cell.split(";")}
    networks = sorted({net for _, _, net in records if isinstance(net, str)}
                      | {n for n in events["network"] if isinstance(n, str)} | declared)
    ends = {}
    for net in networks:
        event_days = [day for e, day in day_of.items() if net_of[e] == net and not pd.isna(day)]
        record_days = [day for _, day, n in records if n == net]
        ends[net] = max(event_days) if event_days else max(record_days) if record_days else None
        if (planned or {}).get(net):
            ends[net] = pd.Timestamp(planned[net])
    group = dict(zip(people["id"], people[by], strict=True))

    def figures(end_of):
        seen = {p: e for p, e in end_of.items() if e < data_end}
        active = {p for p, e in seen.items() if last[p] > e}
        out = {"formed": len(end_of), "unobserved": len(end_of) - len(seen), "active_after": len(active)}
        for part, keep in (("within", lambda g, h: g == h), ("across", lambda g, h: g != h)):
            pairs = {p for p in end_of if isinstance(group[p[0]], str) and isinstance(group[p[1]], str)
                     and keep(group[p[0]], group[p[1]])}
            out.update({f"{part}_formed": len(pairs), f"{part}_unobserved": len(pairs - set(seen)),
                        f"{part}_active_after": len(pairs & active)})
        return out

    formed = {net: {p for p, day, n in records if n == net and day <= ends[net]} if ends[net] else set()
              for net in networks}
    out = {net: figures(dict.fromkeys(formed[net], ends[net])) for net in networks}
    latest = {}
    for net in networks:
        for p in formed[net]:
            latest[p] = max(latest.get(p, ends[net]), ends[net])
    out[PROGRAMME] = figures(latest)
    return out, ends


def _check_against_plain(d, plain):
    for row in d.to_dict("records"):
        want = plain[row["network"]]
        for key, value in want.items():
            seen_key = key.replace("active_after", "formed")
            seen = want[seen_key] - want[seen_key.replace("formed", "unobserved")]
            if key.endswith("active_after") and not seen and want[seen_key]:
                assert pd.isna(row[key]), (row["network"], key)
            else:
                assert row[key] == value, (row["network"], key)
        share = row["share"]
        seen = want["formed"] - want["unobserved"]
        assert (share == pytest.approx(want["active_after"] / seen)) if seen else pd.isna(share), row["network"]


def test_network_durability_by_hand():
    d = network_durability(_dataset()).set_index("network")
    assert d["end"].dt.strftime("%Y-%m-%d").to_dict() == {
        "n1": "2021-03-31", "n2": "2021-06-01", "n3": "2021-07-15", "n4": "2021-04-10", "n5": "2021-10-01",
        PROGRAMME: "2021-10-01"}
    assert d["end_source"].tolist() == ["last event", "last event", "last record", "last event", "last record",
                                        "each network's own end"]
    assert d["days_after"].tolist() == [184, 122, 78, 174, 0, 0]

    def row(name):
        return d.loc[name, ["formed", "unobserved", "active_after", "share"]].tolist()

    # n1: a-b, a-c, b-c (e1), a-d (e2), b-e; a-b (1 April) and a-d (at n2's e4) are seen after 31 March;
    # a-c on the end day is not after it
    assert row("n1") == [5, 0, 2, 0.4]
    assert d.loc["n1", ["within_formed", "within_active_after", "within_share"]].tolist() == [1, 1, 1.0]  # a-b
    assert d.loc["n1", ["across_formed", "across_active_after", "across_share"]].tolist() == [4, 1, 0.25]  # a-d
    # n2: a-b, a-f, b-f (e3), a-d (e4); only b-f has a record after 1 June (a-b's last is 1 April)
    assert row("n2") == [4, 0, 1, 0.25]
    assert d.loc["n2", ["within_formed", "within_active_after", "across_formed", "across_share"]].tolist() \
        == [3, 1, 1, 0.0]
    # n3 (no events): c-d lasts, d-g does not; d-g (g without a domain) is neither within nor across
    assert row("n3") == [2, 0, 1, 0.5]
    assert d.loc["n3", ["within_formed", "across_formed"]].tolist() == [1, 0]
    assert pd.isna(d.loc["n3", "across_share"])
    # n4: one attendee, no tie; n5: nothing after its end in the data, so no share (not 0%)
    assert d.loc["n4", ["formed", "unobserved", "active_after"]].tolist() == [0, 0, 0]
    assert pd.isna(d.loc["n4", "share"]) and d.loc["n4", "note"] == "no ties were formed in the network up to its end"
    assert d.loc["n5", ["formed", "unobserved"]].tolist() == [1, 1]
    assert pd.isna(d.loc["n5", "active_after"]) and pd.isna(d.loc["n5", "share"])
    assert "no record after it can be seen yet" in d.loc["n5", "note"]
    # the programme: 10 distinct pairs, e-f unobserved; a-b and a-d are followed from n2's end (1 June),
    # after which neither has a record; b-f and c-d last
    assert row(PROGRAMME) == [10, 1, 2, 2 / 9]
    assert d.loc[PROGRAMME, ["within_formed", "within_active_after", "within_share"]].tolist() == [4, 2, 0.5]
    assert d.loc[PROGRAMME, ["across_formed", "across_unobserved", "across_active_after", "across_share"]].tolist() \
        == [5, 1, 0, 0.0]
    assert d.loc[PROGRAMME, "note"] == (
        "1 tie was formed in networks that had not ended before the data's last day (2021-10-01): no record "
        "after their end can be seen yet, so it is left out of the share")


@pytest.mark.parametrize("directed", [False, True], ids=["undirected", "directed"])
def test_network_durability_against_plain_python(directed):
    d = network_durability(_dataset(directed))
    plain, ends = _plain(PEOPLE, INTERACTIONS, EVENTS, ATTENDANCE, directed)
    _check_against_plain(d, plain)
    assert d.set_index("network")["end"].drop(PROGRAMME).to_dict() == ends
    if directed:  # arcs: n1's e1 makes 6, e2 2, b->e 1; a->b (1 April) and both arcs of a-d (e4) last
        assert d.set_index("network").loc["n1", ["formed", "active_after"]].tolist() == [9, 3]


def test_network_durability_without_by_and_without_dates():
    d = network_durability(_dataset(), by=None)
    assert d["within_formed"].isna().all() and d["across_share"].isna().all()
    assert d["share"].tolist()[:3] == [0.4, 0.25, 0.5]
    undated = from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"], "network": ["n1"]}))
    u = network_durability(undated, by=None).set_index("network")
    assert pd.isna(u.loc["n1", "end"]) and u.loc["n1", "formed"] == 0 and pd.isna(u.loc["n1", "end_source"])
    assert u.loc["n1", "note"] == "no dated record of the network, so it has no end and no ties are counted"
    with pytest.raises(ParameterError, match="by must be one of .*; got 'hobby'"):
        network_durability(_dataset(), by="hobby")


def test_network_durability_of_the_example_from_its_files(example):
    path = __import__("pathlib").Path(__file__).resolve().parents[2] / "datasets" / "leernetwerken"
    people = pd.read_csv(path / "people.csv", dtype=str)
    inter = pd.read_csv(path / "interactions.csv", dtype=str)
    events, att = pd.read_csv(path / "events.csv", dtype=str), pd.read_csv(path / "attendance.csv", dtype=str)
    table = path / "networks.csv"  # the networks' planned ends, when the example has them
    planned = (pd.read_csv(table, dtype=str).set_index("network")["end"].dropna().to_dict() if table.exists()
               else None)
    d = network_durability(example)
    plain, _ = _plain(people, inter, events, att, directed=False, planned=planned)
    _check_against_plain(d, plain)
    card = scorecard(example).set_index("network")["durability"]
    assert card.to_dict() == pytest.approx(d.set_index("network")["share"].to_dict(), nan_ok=True)


def test_one_network_is_the_programme_durability_from_the_day_after_its_end():
    """docs/time.md: when all records are one network's, its row is durability() from the day after its end
    (here its last event, 31 March; its interactions go on to October)."""
    one = INTERACTIONS.dropna(subset=["date"]).assign(network="n1")
    events = EVENTS[EVENTS["network"] == "n1"]
    ds = from_frames(people=PEOPLE, interactions=one, events=events,
                     attendance=ATTENDANCE[ATTENDANCE["event"].isin(events["id"])])
    row = network_durability(ds).set_index("network").loc["n1"]
    d = durability(ds, row["end"] + pd.Timedelta(days=1))
    assert (row["formed"], row["active_after"], row["share"]) == (d.formed, d.active_after, d.share)
    assert (row["within_formed"], row["within_active_after"]) == (d.within["formed"], d.within["active_after"])
    assert (row["across_formed"], row["across_active_after"]) == (d.across["formed"], d.across["active_after"])


def test_network_durability_with_a_networks_table():
    """The table's end comes first: n1 ends on 28 February (before its second event), n3 in 2022 (after the
    data); n2's row has no end, so its last event stays its end."""
    planned = {"n1": "2021-02-28", "n2": None, "n3": "2022-01-31"}
    table = pd.DataFrame({"network": list(planned), "end": list(planned.values())})
    ds = from_frames(people=PEOPLE, interactions=INTERACTIONS, events=EVENTS, attendance=ATTENDANCE, networks=table)
    d = network_durability(ds).set_index("network")
    assert d["end_source"].tolist()[:3] == ["networks table", "last event", "networks table"]
    assert d["days_after"].tolist()[:3] == [215, 122, 0]
    # n1 up to 28 February: a-b, a-c, b-c (e1), b-e; a-b (1 April) and a-c (31 March) are after it
    assert d.loc["n1", ["formed", "unobserved", "active_after", "share"]].tolist() == [4, 0, 2, 0.5]
    # n3 ends after the data's last day: its two ties cannot be followed yet
    assert d.loc["n3", ["formed", "unobserved"]].tolist() == [2, 2] and pd.isna(d.loc["n3", "share"])
    assert d.loc["n3", "note"] == "the data end on 2021-10-01, before the network's end: no record after it can be " \
        "seen yet"
    # the programme: c-d, d-g (n3) and e-f (n5) unobserved; of the other 7, a-c and b-f last
    assert d.loc[PROGRAMME, ["formed", "unobserved", "active_after", "share"]].tolist() == [10, 3, 2, 2 / 7]
    plain, _ = _plain(PEOPLE, INTERACTIONS, EVENTS, ATTENDANCE, directed=False, planned=planned)
    _check_against_plain(d.reset_index(), plain)
