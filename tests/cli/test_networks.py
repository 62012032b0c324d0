"""`collabgraph networks`: the scorecard as text, JSON and CSV, on the three-network hand dataset of conftest.

Hand values: n1 = {a, b, f} (a is the coordinator; ties a-b, a-f), n2 = {b, c, d} (ties b-c, c-d),
n3 = {d, e} (tie d-e); g is in no network. No interaction has a network, so no member is active.
"""

from __future__ import annotations

import io
import json

import pandas as pd

from collabgraph.groups import PROGRAMME
from collabgraph.metrics.scorecard import COLUMNS
from tests.cli.conftest import run


def test_text(networks):
    r = run("networks", networks)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].startswith("Scorecard per learning network (members: declared or with a record in the network")
    assert lines[1] == "Roles counted as coordinator: coordinator; as experiential expert: none in the data."
    assert [line for line in lines if line and not line.startswith(" ")][2:] == [
        "n1: 3 members (0 active) from 1 domain; 0% of the 2 ties among them cross a domain; without its "
        "coordinator 1 member is cut off.",
        "n2: 3 members (0 active) from 3 domains; 100% of the 2 ties among them cross a domain; no coordinator "
        "in the data.",
        "n3: 2 members (0 active) from 2 domains; 100% of the 1 tie among them crosses a domain; no coordinator "
        "in the data.",
        # a-b, b-c, c-d, d-e, a-f, f-c, a-c among the six members: 5 of 7 cross a domain
        "The programme (all networks): 6 members (0 active) from 3 domains; 71% of the 7 ties among them cross "
        "a domain; without the coordinator of one network 1 of its members is cut off.",
        # the people of conftest: a coordinator, d teacher (educator), e student, b, c, f, g professional
        "Role groups (role value and people): coordinator: 'coordinator' (1); educator: 'teacher' (1); "
        "student: 'student' (1); professional: 'professional' (4).",
    ]
    # n1 without a: b and f fall apart (fragmentation 0 -> 1)
    assert ("  ties 2, density 0.67, crossing a domain 0% (E-I -1.00), domains within two steps 1.0 on average, "
            "openness 0.20; without a coordinator (each removed alone from their network) at most 1 cut off, "
            "fragmentation up by 1.000") in lines
    # no record of these data has a duration: person-hours are unknown, not 0
    assert "  no dated records: undefined new ties per month; person-hours unknown (no record in the data has a " \
           "duration), 0 events, 0 attendances" in lines


def test_json(networks):
    r = run("networks", networks, "--format", "json")
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert [row["network"] for row in out["networks"]] == ["n1", "n2", "n3"]
    n1, prog = out["networks"][0], out["programme"]
    assert set(COLUMNS) | {"coordinator_dependency"} == set(n1)
    assert (n1["members"], n1["ties"], n1["coordinators"], n1["isolated"]) == (3, 2, 1, 0)
    assert n1["coordinator_dependency"] == {"fragmentation_increase": 1.0, "cut_off": 1}
    # n1's members touch 5 ties: a-b, a-f inside; b-c, f-c, a-c leave: E-I = (3 - 2) / 5
    assert n1["openness"] == 0.2
    assert n1["start"] is None and n1["new_ties_per_month"] is None
    assert out["networks"][1]["coordinator_dependency"] == {"fragmentation_increase": None, "cut_off": None}
    assert (prog["network"], prog["level"], prog["members"], prog["ties"]) == (PROGRAMME, "programme", 6, 7)
    # g (in no network) is the only outsider: e-g is the programme's one external tie of 8
    assert prog["openness"] == (1 - 7) / 8
    assert out["role_values"] == {"coordinator": ["coordinator"], "experiential_expert": []}


def test_coordinator_role_option(networks):
    """--coordinator-role counts the same people as coordinators as the dependency test removes."""
    out = json.loads(run("networks", networks, "--format", "json", "--coordinator-role", "Teacher").output)
    n2, n1 = out["networks"][1], out["networks"][0]
    assert out["role_values"]["coordinator"] == ["teacher"]
    assert (n1["coordinators"], n1["coordinator_dependency"]["cut_off"]) == (0, None)
    # n2 = b-c-d, a path: without d (the teacher, at its end) b and c stay together
    assert (n2["coordinators"], n2["coordinator_dependency"]["cut_off"]) == (1, 0)


def test_csv(networks):
    r = run("networks", networks, "--format", "csv")
    assert r.exit_code == 0, r.output
    table = pd.read_csv(io.StringIO(r.output))
    assert table.columns.tolist() == COLUMNS
    assert table["network"].tolist() == ["n1", "n2", "n3", PROGRAMME]
    assert table["ties"].tolist() == [2, 2, 1, 7]
    assert table["cross_share"].tolist() == [0.0, 1.0, 1.0, 5 / 7]


def test_no_networks(tmp_path):
    (tmp_path / "interactions.csv").write_text("source,target\na,b\n")
    r = run("networks", tmp_path)
    assert r.exit_code == 0, r.output
    assert r.stdout.splitlines() == ["No learning networks in the data (no networks column in people, "
                                     "no network in the records).",
                                     "Role groups: no one has a role in the data, so no one has a role group."]
    out = json.loads(run("networks", tmp_path, "--format", "json").output)
    assert out["networks"] == [] and out["programme"]["members"] == 0


def test_with_a_networks_table(networks):
    """n2 gets a planned period, a programme, a focus and a coordinator (c, whose role is professional)."""
    (networks / "netwerken.csv").write_text("netwerk;programma;startdatum;einddatum;thema;trekker\n"
                                            "n2;Zorg;2021-01-01;2021-06-30;onderwijs;c\n")
    r = run("networks", networks)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[2] == ("Also counted as coordinator: the coordinator the networks table names for 1 network, "
                        "when a member of that network.")
    at = lines.index("n2: 3 members (0 active) from 3 domains; 100% of the 2 ties among them cross a domain; "
                     "without its coordinator 1 member is cut off.")  # n2 = b-c-d: without c, b and d part
    assert lines[at + 1] == "  programme Zorg; focus onderwijs; coordinator in the networks table c"
    # no interaction is dated: no tie is new in the period; 181 days = 5.9 months
    assert lines[at + 4] == ("  2021-01-01 to 2021-06-30 (from the networks table, 5.9 months): 0.0 new ties per "
                             "month; person-hours unknown (no record in the data has a duration), 0 events, "
                             "0 attendances")
    out = json.loads(run("networks", networks, "--format", "json").output)
    n1, n2, prog = out["networks"][0], out["networks"][1], out["programme"]
    assert (n2["programme"], n2["focus"], n2["coordinator"], n2["coordinators"]) == ("Zorg", "onderwijs", "c", 1)
    assert (n2["start"], n2["end"], n2["period_source"]) == ("2021-01-01", "2021-06-30", "networks table")
    assert n2["months"] == 181 / (365.25 / 12) and n2["coordinator_dependency"]["cut_off"] == 1
    assert n1["period_source"] is None and n1["programme"] is None and n1["coordinator"] is None
    assert (prog["programme"], prog["period_source"], prog["coordinators"]) == ("Zorg", "networks table", 2)
    table = pd.read_csv(io.StringIO(run("networks", networks, "--format", "csv").output))
    assert table.columns.tolist() == COLUMNS
    assert table["period_source"].tolist()[1] == "networks table"


def test_text_and_json_name_the_ties_the_domain_share_counts(tmp_path):
    """d and e have no domain: of n1's 4 ties only a-b (across) and a-c (within) count for the share."""
    (tmp_path / "people.csv").write_text("id,domain,networks\na,zorg,n1\nb,welzijn,n1\nc,zorg,n1\nd,,n1\ne,,n1\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\na,c\nb,d\nc,e\n")
    text = run("networks", tmp_path).output
    assert "50% of the 2 ties among them with both domains known (of 4) cross a domain" in text
    assert "ties 4, density 0.40, crossing a domain 50% of the 2 with both domains known (E-I 0.00)" in text
    row = json.loads(run("networks", tmp_path, "--format", "json").output)["networks"][0]
    assert (row["ties"], row["ties_known"], row["cross_share"]) == (4, 2, 0.5)


def test_text_of_a_network_with_a_start_and_no_end(tmp_path):
    """A network only in the networks table, with a start and no end: no record gives its end, and the text
    says so (it read '2021-01-01 to undated (start from the networks table, end the last record ...)')."""
    (tmp_path / "people.csv").write_text("id,networks\na,n1\nb,n1\n")
    (tmp_path / "interactions.csv").write_text("source,target,date,network\na,b,2021-03-01,n1\n")
    (tmp_path / "netwerken.csv").write_text("netwerk,startdatum\nn1,2021-01-01\nn2,2021-01-01\n")
    r = run("networks", tmp_path)
    assert r.exit_code == 0
    assert ("  start 2021-01-01 from the networks table, no end (none in the table and no dated record), "
            "undefined months: undefined new ties per month") in r.output
    assert "  2021-01-01 to 2021-03-01 (start from the networks table, end the last record, 2.0 months)" in r.output


def test_options_of_the_other_mode_are_a_usage_error(networks):
    """--by splits only --durability; --coordinator-role sets only the scorecard: given to the other mode they
    were silently ignored (exit 0, output unchanged)."""
    r = run("networks", networks, "--by", "organisation")
    assert r.exit_code == 2 and "--by applies only with --durability" in r.output
    r = run("networks", networks, "--durability", "--coordinator-role", "Teacher")
    assert r.exit_code == 2 and "--coordinator-role applies to the scorecard" in r.output
    assert run("networks", networks, "--durability", "--by", "domain").exit_code == 0


def test_network_only_in_the_networks_table_as_network_filter(tmp_path):
    """--network of a network that only the networks table names: the error says why it is unknown."""
    (tmp_path / "people.csv").write_text("id,networks\na,n1\nb,n1\n")
    (tmp_path / "interactions.csv").write_text("source,target,network\na,b,n1\n")
    (tmp_path / "netwerken.csv").write_text("netwerk\nn1\nn2\n")
    r = run("ratings", tmp_path, "--network", "n2")
    assert r.exit_code == 2
    assert ("network must be one of n1; got 'n2'. It is in the networks table, but no record, "
            "event or person's networks names it.") in r.output


def test_missing_durations_and_attributes_are_said_not_counted_as_zero(tmp_path):
    """No record has a duration and the people have no domain, organisation or profession: the text says so
    instead of '0 person-hours' and 'organisations 0' (the JSON keeps the numbers and their None)."""
    (tmp_path / "people.csv").write_text("id,networks\na,N1\nb,N1\nc,N1\n")
    (tmp_path / "interactions.csv").write_text("source,target,date,network\na,b,2021-01-01,N1\nb,c,2021-02-01,N1\n")
    r = run("networks", tmp_path)
    assert r.exit_code == 0, r.output
    assert "person-hours unknown (no record in the data has a duration)" in r.output
    assert "0 person-hours" not in r.output
    assert "domains not in the data, organisations not in the data, professions not in the data" in r.output
    assert "no domains in the data (crossing a domain, E-I and domains within two steps undefined)" in r.output
    people = pd.read_csv(tmp_path / "people.csv")
    assert not {"domain", "organisation", "profession"} & set(people.columns)  # what the sentences say


def test_forms_without_events_says_there_is_nothing_to_compare(tmp_path):
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-01-01\n")
    r = run("forms", tmp_path)
    assert r.exit_code == 0, r.output
    assert r.output.strip().endswith("No events in the data: work forms and group sizes are read from the events "
                                     "table (kind, duration) and its attendance, so there is nothing to compare.")
    assert json.loads(run("forms", tmp_path, "--format", "json").output)["totals"]["events"] == 0
