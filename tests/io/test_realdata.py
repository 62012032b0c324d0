"""The real public datasets load as users would give them; counts equal their SOURCE.md."""

from __future__ import annotations

import pytest

from collabgraph import load, ties
from collabgraph.metrics.structure import summary


def test_hospital_ward_contacts(realdata):
    # SOURCE.md: 75 people, 32,424 contact records, 1,139 distinct undirected pairs, one component
    d = realdata / "sociopatterns_hospital_lyon"
    ds = load(d / "contacts.csv", people=d / "nodes.csv")
    s = summary(ds)
    assert (s.people, s.interactions, s.ties, s.components, s.directed) == (75, 32_424, 1_139, 1, False)
    assert ds.people["status"].value_counts().to_dict() == {"PAT": 29, "NUR": 27, "MED": 11, "ADM": 8}
    # the aggregated edge list gives the same pairs, and its weights are the record counts
    agg = load(d / "edges.csv", people=d / "nodes.csv")
    assert ties(agg)["weight"].sum() == 32_424 and len(ties(agg)) == 1_139


@pytest.mark.parametrize(("folder", "people", "records", "pairs", "isolates"), [
    ("sociopatterns_workplace_invs13", 92, 9_827, 755, 0),  # SOURCE.md
    ("sociopatterns_workplace_invs15", 232, 78_249, 4_274, 15),  # 232 listed, 217 in contacts
])
def test_workplace_contacts(realdata, folder, people, records, pairs, isolates):
    d = realdata / folder
    s = summary(load(d / "contacts.csv", people=d / "nodes.csv"))
    assert (s.people, s.interactions, s.ties, s.isolates) == (people, records, pairs, isolates)


def test_campnet_directed(realdata):
    # SOURCE.md: 18 people, 54 arcs (each person's top 3)
    s = summary(load(realdata / "campnet", directed=True))
    assert (s.people, s.ties, s.directed) == (18, 54, True)


@pytest.mark.parametrize(("kind", "arcs"), [("advice", 190), ("friendship", 102), ("reports_to", 20)])
def test_krackhardt_relations(realdata, kind, arcs):
    # SOURCE.md: 21 managers; advice 190 (density 190/420), friendship 102, reports_to 20
    s = summary(load(realdata / "krackhardt_hightech", directed=True).filter(kind=kind))
    assert (s.people, s.ties) == (21, arcs)
    assert s.density == pytest.approx(arcs / 420, abs=1e-6)


@pytest.mark.parametrize(("kind", "arcs"), [("advice", 892), ("friendship", 575), ("cowork", 1_104)])
def test_lazega_relations(realdata, kind, arcs):
    # SOURCE.md: 71 lawyers; advice 892, friendship 575, cowork 1,104 arcs
    s = summary(load(realdata / "lazega_lawfirm", directed=True).filter(kind=kind))
    assert (s.people, s.ties) == (71, arcs)


@pytest.mark.parametrize(("kind", "arcs", "components", "isolates"), [
    ("advice", 286, 62, 56), ("discussion", 337, 39, 35), ("friend", 289, 41, 34)])
def test_ckm_physicians(realdata, kind, arcs, components, isolates):
    # SOURCE.md table (networkx 3.6.1): 234 nodes; ties, components and isolates per relation
    s = summary(load(realdata / "ckm_physicians_medinnovations", directed=True).filter(kind=kind))
    assert (s.people, s.ties, s.components, s.isolates) == (234, arcs, components, isolates)


def test_uk_faculty_weighted(realdata):
    # SOURCE.md: 81 people, 817 directed weighted arcs, one component
    s = summary(load(realdata / "uk_faculty", directed=True))
    assert (s.people, s.ties, s.components) == (81, 817, 1)


def test_enron_self_loops_are_reported_and_left_out(realdata):
    # SOURCE.md: 184 nodes; 125,409 records of which 16,483 self-loops; 3,010 distinct non-loop arcs
    d = realdata / "enron_email"
    ds = load(d / "contacts.csv", people=d / "nodes.csv", directed=True, lenient=True)
    assert ds.report.counts["interactions"] == {"read": 125_409, "used": 108_926, "rejected": 16_483,
                                                "skipped_blank": 0}
    assert {i.code for i in ds.report.issues} == {"self_tie"}
    s = summary(ds)
    assert (s.people, s.ties) == (184, 3_010)


def test_davis_two_mode_edge_list_loads_as_given(realdata):
    # SOURCE.md: 18 women + 14 events = 32 nodes, 89 attendance edges. As an edge list it is one
    # graph of 32 nodes; to analyse it as events, rename the files to attendance.csv/events.csv.
    s = summary(load(realdata / "davis_southern_women"))
    assert (s.people, s.ties) == (32, 89)
