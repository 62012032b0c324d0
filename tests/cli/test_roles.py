"""`collabgraph roles`: role groups per learning network as text, JSON and CSV.

On the two-network hand dataset of tests/metrics/test_role_groups.py: n1 = {a, b, c, d, i} (a the
coordinator Anna, b docent, c huisarts, d the experiential expert tied to i only, i no domain),
n2 = {c, e, f, g, h} (g coordinator Gijs, e stagiair, h no role); b-f joins them in the programme only.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from collabgraph.cli import SUMMARIES
from tests.cli.conftest import run
from tests.metrics.test_role_groups import EDGES, PEOPLE


@pytest.fixture
def folder(tmp_path):
    PEOPLE.to_csv(tmp_path / "people.csv", index=False)
    pd.DataFrame(EDGES, columns=["source", "target"]).to_csv(tmp_path / "interactions.csv", index=False)
    return tmp_path


def test_text_names_people_and_says_the_mapping(folder):
    r = run("roles", folder)
    assert r.exit_code == 0, r.output
    lines = r.stdout.splitlines()
    assert "not the structural positions of 'clusters --roles'" in lines[0]
    assert lines[1].startswith("Role groups (role value and people): coordinator: 'Netwerkcoördinator' (1), "
                               "'TREKKER' (1); experiential_expert: 'Ervarings-deskundige' (1);")
    assert "'huisarts' (1, no synonym: the rest)" in lines[1]
    assert lines[1].endswith("1 person without a role: no group.")
    # n1 by hand: 5 ties, b-c the one education-practice tie; a's ties a-b (cross), a-c, a-i (i has no domain)
    assert "n1: 5 members; 5 ties, 1 between an educator or student and a professional (20%)" in lines
    assert ("  coordinator 1 (20% of the members): 3 ties, 50% of the 2 with both domains known crossing a domain; "
            "on average 3.0 contacts and 3.0 domains within two steps") in lines
    # d reaches i in one step and a in two, of the 4 other members
    assert any(line.startswith("  experiential experts reach 1 other member in one step (25%) and 2 in at most two "
                               "(50%); 1 of 1 at the edge") for line in lines)
    # without Anna, i and d lose the largest group {b, c}; every path from b or c to i or d runs through a (4)
    assert ("  coordinator Anna (a): betweenness 4.0, rank 1 of 5; without them 2 members are cut off from the "
            "largest connected group, fragmentation up by 0.67") in lines
    assert lines[-1].startswith("  experiential experts reach")  # the programme block comes last
    assert "The programme (all networks): 9 members; 11 ties, 4 between an educator or student and a professional " \
           "(36%)" in lines


def test_betweenness_in_the_text_is_networkx(folder):
    g = nx.Graph([e for e in EDGES if set(e) <= set("abcdi")])
    assert nx.betweenness_centrality(g, normalized=False)["a"] == 4.0


def test_json_and_csv(folder):
    out = json.loads(run("roles", folder, "--format", "json").output)
    assert list(out) == ["by", "groups", "experts", "coordinators", "education_practice", "role_mapping"]
    assert [(c["network"], c["id"], c["name"], c["betweenness_rank"]) for c in out["coordinators"]] == [
        ("n1", "a", "Anna", 1), ("n2", "g", "Gijs", 1)]
    assert {"value": "huisarts", "group": "professional", "source": "the rest", "count": 1} in out["role_mapping"]
    n1 = next(r for r in out["experts"] if r["network"] == "n1")
    assert (n1["within_one_step"], n1["within_two_steps"], n1["at_edge"]) == (1, 2, True)
    table = pd.read_csv(io.StringIO(run("roles", folder, "--format", "csv").output))
    assert table.columns.tolist()[:4] == ["network", "level", "group", "members"]
    assert table["network"].iloc[-1] == "(all networks)" and len(table) == 3 * 6  # 6 groups in each of 3 rows


def test_by_limit_role_map_and_errors(folder, tmp_path):
    r = run("roles", folder, "--by", "Domein", "--limit", "1")
    assert r.exit_code == 0 and "n2:" not in r.stdout
    assert "1 more learning networks not listed (--limit 1); --format json or csv has them all." in r.stdout
    role_map = tmp_path / "rollen.csv"
    role_map.write_text("waarde;groep\nhuisarts;educator\n", encoding="utf-8")
    out = json.loads(run("roles", folder, "--role-map", role_map, "--format", "json").output)
    n1 = next(r for r in out["education_practice"] if r["network"] == "n1")
    assert (n1["educators"], n1["education_practice_ties"]) == (2, 0)  # b and c both educators now
    r = run("roles", folder, "--by", "afdeling")
    assert r.exit_code == 2 and "by must be one of " in r.output and "; got 'afdeling'." in r.output
    assert "Usage:" not in r.output


def test_help_says_the_difference_from_clusters_roles():
    text = " ".join(run("roles", "--help").output.split())  # as click wraps it
    assert "`clusters --roles` finds structural positions by k-means instead" in text
    assert SUMMARIES["roles"].startswith("Role groups per learning network")


def test_coordinator_role_names_the_same_people_in_every_place(tmp_path):
    """``--coordinator-role docent`` on the example: the coordinators of the role groups (``roles``, the report's
    ``roles``), of the reach per role group, of the dependency figures (``brokers``, the report's ``brokers``) and of
    the scorecard (``networks``, the report's ``networks``) are the same people, recomputed from the files: the people
    whose role is ``docent`` (the networks table's coordinator stays one of their network in the dependency figures
    and the scorecard, docs/metrics.md); the example's ``coordinator`` role values become professional."""
    folder = Path(__file__).resolve().parents[2] / "datasets" / "leernetwerken"
    people = pd.read_csv(folder / "people.csv", dtype=str)
    inter = pd.read_csv(folder / "interactions.csv", dtype=str)
    events = pd.read_csv(folder / "events.csv", dtype=str)
    attendance = pd.read_csv(folder / "attendance.csv", dtype=str)
    table = pd.read_csv(folder / "networks.csv", dtype=str)
    docents = set(people.loc[people["role"].str.strip().str.casefold() == "docent", "id"])
    assert len(docents) == 17
    # members: declared in people.networks, or with a record (interaction, attendance) in the network
    declared = people.assign(network=people["networks"].str.split(";")).explode("network")[["id", "network"]]
    observed = [inter[["source", "network"]].set_axis(["id", "network"], axis=1),
                inter[["target", "network"]].set_axis(["id", "network"], axis=1),
                attendance.merge(events, left_on="event", right_on="id", suffixes=("", "_e"))[["person", "network"]]
                .set_axis(["id", "network"], axis=1)]
    members = pd.concat([declared, *observed]).dropna().drop_duplicates()
    members["network"] = members["network"].str.strip()
    member_of = set(map(tuple, members[["network", "id"]].to_numpy()))
    role_coordinators = {(n, p) for n, p in member_of if p in docents}
    named = {(n, p) for n, p in zip(table["network"], table["coordinator"], strict=True) if (n, p) in member_of}
    tested = role_coordinators | named  # the dependency figures and the scorecard
    counts = pd.Series([n for n, _ in tested]).value_counts().to_dict()

    roles_json = json.loads(run("roles", folder, "--coordinator-role", "DOCENT", "--format", "json").stdout)
    brokers_json = json.loads(run("brokers", folder, "--coordinator-role", "docent", "--format", "json").stdout)
    card_json = json.loads(run("networks", folder, "--coordinator-role", "Docent", "--format", "json").stdout)
    reach_json = json.loads(run("metrics", folder, "--reach", "--coordinator-role", "docent", "--permutations", "0",
                                "--format", "json").stdout)
    out = tmp_path / "r"
    assert run("report", folder, "-o", out, "--coordinator-role", "docent", "--permutations", "0", "--freq",
               "year").exit_code == 0
    report = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))

    mapping = {(r["value"], r["group"], r["source"], r["count"]) for r in roles_json["role_mapping"]}
    assert ("docent", "coordinator", "coordinator value", 17) in mapping
    assert ("coordinator", "professional", "not a coordinator value",
            int((people["role"] == "coordinator").sum())) in mapping
    assert {(r["network"], r["id"]) for r in roles_json["coordinators"]} == role_coordinators
    per_network = {**pd.Series([n for n, _ in role_coordinators]).value_counts().to_dict(),
                   "(all networks)": len({p for _, p in role_coordinators})}
    assert {g["network"]: g["members"] for g in roles_json["groups"]
            if g["group"] == "coordinator" and g["members"]} == per_network
    # the report shows a group of fewer than 3 people (--min-group) as "<3"
    shown = {g["network"]: g["members"] for g in report["roles"]["role_groups"] if g["group"] == "coordinator"}
    assert shown == {n: per_network.get(n, 0) if per_network.get(n, 0) >= 3 else "<3" for n in shown}
    assert set(shown) >= set(per_network)
    for payload in (roles_json, report["roles"]):
        assert {(r["value"], r["group"], r["source"], r["count"]) for r in payload["role_mapping"]} == mapping
    for payload in (reach_json["reach"], report["reach"]):
        assert [(r["group"], r["members"]) for r in payload["roles"] if r["group"] == "coordinator"] == [
            ("coordinator", 17)]
    for payload in (brokers_json, report["brokers"]):
        assert payload["coordinator_roles"] == ["docent"]
        assert {(r["network"], r["id"]) for r in payload["dependency"] if "coordinator" in r["reason"]} == tested
    assert card_json["role_values"]["coordinator"] == ["docent"]
    for rows in (card_json["networks"], [r for r in report["networks"] if r["level"] == "network"]):
        assert {r["network"]: r["coordinators"] for r in rows if r["coordinators"]} == counts
    assert {(r["value"], r["group"], r["source"], r["count"]) for r in brokers_json["role_mapping"]} == mapping
    assert {(r["value"], r["group"], r["source"], r["count"]) for r in card_json["role_mapping"]} == mapping
    assert {(r["value"], r["group"], r["source"], r["count"]) for r in reach_json["role_mapping"]} == mapping
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "docent → coördinator" in page or "docent → coordinator" in page
    assert ("die als coördinator zijn opgegeven (docent)" in page
            or "one of the values given as coordinator (docent)" in page)
