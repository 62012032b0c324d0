"""`collabgraph metrics`: exact text, JSON keys, CSV, exit codes, and agreement with the Python API."""

from __future__ import annotations

import io
import json

import networkx as nx
import pandas as pd
import pytest

import collabgraph
from collabgraph.cli.common import to_json
from collabgraph.metrics.levels import level_ei
from collabgraph.metrics.mixing import ei_index
from collabgraph.metrics.reach import overview
from tests.cli.conftest import run

# The hand graph of tests/metrics/test_mixing.py: zorg a, b, c; welzijn d, e; onderwijs f; g without a domain.
PEOPLE = ("id,role,domain,organisation\na,professional,zorg,A\nb,professional,zorg,A\nc,teacher,zorg,B\n"
          "d,student,welzijn,C\ne,professional,welzijn,C\nf,ervaringsdeskundige,onderwijs,D\ng,professional,,E\n")
INTERACTIONS = "source,target,weight\na,b,2\na,c,1\nb,d,1\nc,d,1\nd,e,3\ne,f,1\nf,a,1\ng,a,1\n"


@pytest.fixture
def small(tmp_path):
    (tmp_path / "people.csv").write_text(PEOPLE)
    (tmp_path / "interactions.csv").write_text(INTERACTIONS)
    return tmp_path


def api(folder, by="domain", **kwargs):
    ds = collabgraph.load(folder, directed=kwargs.pop("directed", None))
    return ei_index(ds, by=by, **kwargs)


def test_text_explains_the_numbers(small):
    result = run("metrics", small, "--level", "group", "--permutations", "1000")
    assert result.exit_code == 0, result.output
    p = api(small, permutations=1000).ei_p_value
    # By hand (tests/metrics/test_mixing.py): 4 of 7 ties cross (57%); expected E-I 7/15, so 11/15 = 73%
    # would cross at random; assortativity 6/118 = 0.05.
    assert result.output.splitlines() == [
        "Mixing by domain among people (undirected; 7 ties between people with a domain).",
        "1 person without a domain is left out, with 1 tie.",
        f"57% of ties cross a domain boundary; random mixing would give 73% (E-I 0.14, expected 0.47, "
        f"p = {p:.3f} over 1,000 permutations).",
        "Assortativity 0.05 (1: ties only within a domain; 0: mixing as by chance; below 0: more crossing "
        "than chance).",
        "Per domain (a tie inside counts once; a tie across counts for both groups):",
        "- onderwijs: 1 member; 0 inside, 2 across (100% cross, E-I 1.00)",
        "- welzijn: 2 members; 1 inside, 3 across (75% cross, E-I 0.50)",
        "- zorg: 3 members; 2 inside, 3 across (60% cross, E-I 0.20)",
        "Ties between groups (each tie once; the diagonal is within a group):",
        "           onderwijs  welzijn  zorg",
        "onderwijs          0        1     1",
        "welzijn            1        1     2",
        "zorg               1        2     2",
    ]


def test_weighted_person_level_text(small):
    result = run("metrics", small, "--permutations", "0", "--weighted", "--level", "person")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # weights: inside a-b 2 + a-c 1 + d-e 3 = 6, across 4 -> 40% crosses, E-I -0.20
    assert lines[2] == ("40% of the tie weight crosses a domain boundary; random mixing would give 73% "
                        "(E-I -0.20, expected 0.47).")
    # a's contacts b, c (zorg) and f (onderwijs): Blau 1 - (2/3)^2 - (1/3)^2 = 0.44
    assert "- a (zorg): 3.0 inside, 1.0 across (E-I -0.50); contacts in 2 domain groups (Blau 0.44)" in lines
    assert lines[-1] == "- f (onderwijs): 0.0 inside, 2.0 across (E-I 1.00); contacts in 2 domain groups (Blau 0.50)"


@pytest.mark.parametrize("args", [[], ["--weighted"], ["--permutations", "200", "--seed", "4"], ["--by", "role"]])
def test_json_equals_the_api(small, args):
    result = run("metrics", small, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    kwargs = {"weighted": "--weighted" in args, "persons": False, "permutations": 999, "seed": 0}
    if "--permutations" in args:
        kwargs.update(permutations=200, seed=4)
    by = "role" if "--by" in args else "domain"
    expected = api(small, by, **kwargs).to_dict()
    assert result.output == to_json(expected) + "\n"
    data = json.loads(result.output)
    assert list(data)[:13] == ["by", "directed", "weighted", "ties", "internal", "external", "ei_index",
                               "ei_expected", "ei_p_value", "assortativity", "mixing", "groups", "missing"]
    assert data["ei_p_value"] is not None and data["permutations"] == kwargs["permutations"]  # 999 by default


def test_json_person_level_has_persons(small):
    data = json.loads(run("metrics", small, "--format", "json", "--level", "person").output)
    assert data["persons"][0] == {"id": "a", "group": "zorg", "internal": 2, "external": 1, "ei_index": -1 / 3,
                                  "groups_reached": 2, "blau": pytest.approx(4 / 9)}
    assert "persons" not in json.loads(run("metrics", small, "--format", "json").output)


def test_same_seed_same_json(small):
    a = run("metrics", small, "--format", "json", "--permutations", "300", "--seed", "7").output
    assert a == run("metrics", small, "--format", "json", "--permutations", "300", "--seed", "7").output


@pytest.mark.parametrize(("level", "first"), [("network", "domain,onderwijs,welzijn,zorg"),
                                              ("group", "group,size,internal,external,ei_index"),
                                              ("person", "id,group,internal,external,ei_index,groups_reached,blau")])
def test_csv_tables(small, level, first):
    result = run("metrics", small, "--format", "csv", "--level", level)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.output))
    assert result.output.splitlines()[0] == first
    r = api(small, persons=True)
    expected = {"network": r.mixing.reset_index(), "group": r.groups, "person": r.persons}[level]
    assert table.values.tolist() == expected.values.tolist()


def test_organisation_graph_equals_the_api(small):
    # organisations A (zorg), B (zorg), C (welzijn), D (onderwijs), E (no domain): A-B, A-C, B-C, C-D, D-A; E-A out
    result = run("metrics", small, "--nodes", "organisation", "--format", "json")
    assert result.exit_code == 0, result.output
    ds = collabgraph.load(small)
    expected = level_ei(ds, level="organisation", by="domain", persons=False, permutations=999, seed=0).to_dict()
    assert result.output == to_json({**expected, "nodes": "organisation"}) + "\n"
    data = json.loads(result.output)
    assert (data["ties"], data["internal"], data["external"], data["missing"]) == (5, 1, 4, 1)
    text = run("metrics", small, "--permutations", "0", "--nodes", "organisation").output.splitlines()
    assert text[:2] == [
        "Mixing by domain among organisations (undirected; 5 ties between organisations with a domain).",
        "1 organisation without a domain is left out, with 1 tie."]


def test_filters_apply(small):
    # --directed reads the same rows as arcs: counts are unchanged, the mixing matrix is no longer symmetric
    data = json.loads(run("metrics", small, "--directed", "--format", "json").output)
    assert data["directed"] is True and (data["internal"], data["external"]) == (3, 4)
    assert data["mixing"]["zorg"]["welzijn"] == 2 and data["mixing"]["welzijn"]["zorg"] == 0


def test_domain_graph_by_organisation(small):
    result = run("metrics", small, "--permutations", "0", "--by", "organisation", "--nodes", "domain")
    assert result.exit_code == 0, result.output
    # domains zorg (modal organisation A), welzijn (C), onderwijs (D): ties zorg-welzijn, welzijn-onderwijs,
    # onderwijs-zorg, all between different organisations
    assert result.output.splitlines()[:2] == [
        "Mixing by organisation among domains (undirected; 3 ties between domains with an organisation).",
        "100% of ties cross an organisation boundary; random mixing would give 100% (E-I 1.00, expected 1.00)."]


def test_no_ties_between_people_with_a_value(small):
    result = run("metrics", small, "--permutations", "0", "--by", "profession")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Mixing by profession among people (undirected; 0 ties between people with a profession).",
        "7 people without a profession are left out, with 8 ties.",
        "There are no ties between people with a profession, so the E-I index is undefined."]
    assert json.loads(run("metrics", small, "--by", "profession", "--format", "json").output)["ei_index"] is None


def test_unknown_attribute_is_a_usage_error(small):
    result = run("metrics", small, "--by", "leeftijd")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == ("Error: by must be one of name, role, profession, "
                                              "organisation, domain, joined, left, network; got 'leeftijd'.")


def test_same_attribute_on_both_levels_is_a_usage_error(small):
    result = run("metrics", small, "--nodes", "domain", "--by", "domain")
    assert result.exit_code == 2
    assert "by must be another attribute than level" in result.output


def test_negative_permutations_is_a_usage_error(small):
    result = run("metrics", small, "--permutations", "-1")
    assert result.exit_code == 2
    assert "Invalid value for '--permutations'" in result.output


def test_help_names_every_option():
    result = run("metrics", "--help")
    assert result.exit_code == 0
    for option in ("--by", "--weighted", "--permutations", "--seed", "--level", "--nodes", "--format", "--network",
                   "--start", "--end", "--directed"):
        assert option in result.output


def test_example_cross_domain_growth_from_the_command_line():
    # datasets/leernetwerken/README.md, planted pattern 1: 25.5% of ties cross a domain in 2020, 38.7% in 2021
    from collabgraph.datasets import EXAMPLE, planted

    expected = planted()["growth"]["cross_domain_share"]
    for year, share in expected.items():
        result = run("metrics", EXAMPLE, "--start", f"{year}-01-01", "--end", f"{year}-12-31", "--format", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["share_external"] == pytest.approx(share, abs=5e-4)
    args = ["metrics", EXAMPLE, "--permutations", "0", "--start", "2021-01-01", "--end", "2021-12-31"]
    d = json.loads(run(*args, "--format", "json").output)
    assert run(*args).output.splitlines()[1] == (
        f"{d['share_external']:.0%} of ties cross a domain boundary; random mixing would give "
        f"{d['share_expected']:.0%} (E-I {d['ei_index']:.2f}, expected {d['ei_expected']:.2f}).")


def test_end_day_is_included(tmp_path):
    # --end is "on or before this date": a record on the --end day counts (cli/common.py used to pass a
    # Timestamp, which Dataset.filter read as an exact end at midnight of that day)
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,welzijn\nc,zorg\n")
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2020-12-31\na,c,2020-06-01\n")
    data = json.loads(run("metrics", tmp_path, "--end", "31-12-2020", "--format", "json").output)
    assert (data["ties"], data["external"]) == (2, 1)


def test_reach_per_network_and_role(small):
    people = PEOPLE.replace("id,role,domain,organisation", "id,role,domain,organisation,networks")
    people = "\n".join(line + ("" if i == 0 else ",n1" if line[0] in "abc" else ",n2" if line[0] in "def" else ",")
                       for i, line in enumerate(people.strip().splitlines())) + "\n"
    (small / "people.csv").write_text(people)
    result = run("metrics", small, "--permutations", "0", "--reach")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # n1 = a, b, c. Direct: a reaches zorg, onderwijs (g has no domain) and organisations A, B, D, E; b and c
    # reach zorg, welzijn and A, C -> 2.0 domains, (4 + 2 + 2) / 3 = 2.7 organisations; no professions given.
    # Two steps: a, b, c each reach 3 domains; organisations a 5 (A-E), b 5, c 4 (A, C, D, E) -> 4.7
    assert lines[lines.index("Interprofessional reach per learning network (mean distinct domains, professions "
                             "and organisations among direct contacts; within two steps in brackets):") + 1] == (
        "- n1: 3 members, 100% with a cross-domain tie; 2.0 domains, 0.0 professions, 2.7 organisations "
        "(3.0, 0.0, 4.7)")
    assert "Reach by role group, compared with professional:" in lines
    data = json.loads(run("metrics", small, "--reach", "--format", "json").output)
    ds = collabgraph.load(small)
    assert data["reach"] == json.loads(to_json(overview(ds).to_dict()))
    # teacher -> educator, ervaringsdeskundige -> experiential_expert (the built-in synonyms)
    assert [r["group"] for r in data["reach"]["roles"]] == ["experiential_expert", "educator", "student",
                                                           "professional"]
    assert [(m["value"], m["group"]) for m in data["role_mapping"]] == [
        ("ervaringsdeskundige", "experiential_expert"), ("teacher", "educator"), ("student", "student"),
        ("professional", "professional")]
    # no one is in the reference group: no comparison, said in the text
    data = json.loads(run("metrics", small, "--reach", "--reference", "client", "--format", "json").output)
    assert data["reach"]["roles"] is None and data["reach"]["reference"] == "client"
    text = run("metrics", small, "--permutations", "0", "--reach", "--reference", "client").output
    assert "Reach by role group: no one is in the role group client, so there is nothing to compare with." in text


# People with Dutch role values as they are written; expected groups by hand: Docent/docent/opleider -> educator,
# Ervaringsdeskundige -> experiential_expert, huisarts/wijkverpleegkundige -> professional; h has no role.
DUTCH = ("id,role,domain,organisation\na,huisarts,zorg,A\nb,Wijkverpleegkundige,zorg,A\nc,Docent,onderwijs,B\n"
         "d,docent,onderwijs,B\ne,Ervaringsdeskundige,welzijn,C\nf,opleider,onderwijs,D\ng,huisarts,welzijn,E\n"
         "h,,zorg,A\n")
DUTCH_TIES = "source,target\na,b\na,c\nb,e\nc,d\nd,e\ne,f\nf,g\ng,h\n"


def test_reach_by_role_group_of_dutch_values(tmp_path):
    (tmp_path / "people.csv").write_text(DUTCH)
    (tmp_path / "interactions.csv").write_text(DUTCH_TIES)
    result = run("metrics", tmp_path, "--permutations", "0", "--reach")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # by hand: two steps of each person (the person excluded)
    g = nx.Graph([tuple(line.split(",")) for line in DUTCH_TIES.splitlines()[1:]])
    within = {p: len(nx.single_source_shortest_path_length(g, p, cutoff=2)) - 1 for p in g}
    groups = {"experiential_expert": ["e"], "educator": ["c", "d", "f"], "professional": ["a", "b", "g"]}
    mean = {k: sum(within[p] for p in v) / len(v) for k, v in groups.items()}
    start = lines.index("Reach by role group, compared with professional; 1 person without a role left out:")
    rows = lines[start + 1:start + 4]
    assert [row.split(" (")[0] for row in rows] == ["- experiential_expert", "- educator", "- professional"]
    for row, (group, members) in zip(rows, groups.items(), strict=True):
        assert row.startswith(f"- {group} ({len(members)}): ")
        assert row.endswith(f"{mean[group]:.0f} people within two steps ({mean[group] - mean['professional']:+.0f})")
    assert lines[start + 4] == (
        "Role groups (role value and people): experiential_expert: 'Ervaringsdeskundige' (1); educator: 'Docent' (1), "
        "'docent' (1), 'opleider' (1); professional: 'Wijkverpleegkundige' (1, no synonym: the rest), 'huisarts' "
        "(2, no synonym: the rest); 1 person without a role: no group.")
    data = json.loads(run("metrics", tmp_path, "--permutations", "0", "--reach", "--format", "json").output)
    assert (data["reach"]["by"], data["reach"]["without_role"]) == ("role_group", 1)
    assert {r["group"]: r["members"] for r in data["reach"]["roles"]} == {k: len(v) for k, v in groups.items()}
    assert {r["group"]: r["mean_reach"] for r in data["reach"]["roles"]} == pytest.approx(mean)
    # the raw values only when asked: Docent and docent stay apart, and no one is literally "professional"
    raw = run("metrics", tmp_path, "--permutations", "0", "--reach", "--reach-by", "role", "--reference", "huisarts")
    assert raw.exit_code == 0, raw.output
    assert "Reach by role value as written, compared with huisarts; 1 person without a role left out:" in raw.output
    assert "- Docent (1): " in raw.output and "- docent (1): " in raw.output and "Role groups" not in raw.output
    data = json.loads(run("metrics", tmp_path, "--reach", "--reach-by", "role", "--format", "json").output)
    assert data["reach"]["roles"] is None and "role_mapping" not in data
    # a role value is no reference group
    wrong = run("metrics", tmp_path, "--reach", "--reference", "docent")
    assert wrong.exit_code == 2 and "Usage" not in wrong.output
    assert "--reference must be a role group: one of coordinator, experiential_expert, educator, student, client, " \
           "professional; got 'docent'" in wrong.output


def test_by_network_leaves_out_people_in_several(small):
    people = PEOPLE.replace("id,role,domain,organisation", "id,role,domain,organisation,networks")
    nets = {"a": "n1", "b": "n1", "c": "n1;n2", "d": "n2", "e": "n2", "f": "n2", "g": ""}
    people = "\n".join(line + ("" if i == 0 else "," + nets[line[0]])
                       for i, line in enumerate(people.strip().splitlines())) + "\n"
    (small / "people.csv").write_text(people)
    result = run("metrics", small, "--permutations", "0", "--by", "network")
    assert result.exit_code == 0, result.output
    # c (two networks) and g (none) are left out with a-c, c-d, g-a; inside: a-b, d-e, e-f; across: b-d, f-a.
    # Expected: n1 = a, b and n2 = d, e, f: (2 + 6) / 20 pairs inside -> E-I 1 - 0.8 = 0.2
    assert result.output.splitlines()[:3] == [
        "Mixing by network among people (undirected; 5 ties between people with a network).",
        "2 people in no or several learning networks are left out, with 3 ties.",
        "40% of ties cross a network boundary; random mixing would give 60% (E-I -0.20, expected 0.20)."]


def test_one_group_assortativity_is_undefined(tmp_path):
    (tmp_path / "people.csv").write_text("id,organisation\na,A\nb,A\nc,A\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\n")
    result = run("metrics", tmp_path, "--permutations", "0", "--by", "organisation")
    assert result.output.splitlines()[1:] == [
        "0% of ties cross an organisation boundary; random mixing would give 0% (E-I -1.00, expected -1.00).",
        "Assortativity is undefined: only one organisation group has ties."]
    assert json.loads(run("metrics", tmp_path, "--by", "organisation", "--format", "json").output)[
        "assortativity"] is None


def test_many_groups_text_says_the_matrix_is_not_shown(small, monkeypatch):
    monkeypatch.setattr("collabgraph.cli.metrics.MIXING_LIMIT", 1)
    monkeypatch.setattr("collabgraph.metrics.mixing.MIXING_LIMIT", 1)
    result = run("metrics", small, "--permutations", "0", "--by", "domain", "--level", "group")
    assert result.exit_code == 0, result.output
    assert "Ties between groups: not shown for 3 groups (more than 1)." in result.output.splitlines()


def test_coordinator_role_applies_to_the_role_groups_of_reach(small):
    result = run("metrics", small, "--coordinator-role", "docent")
    assert result.exit_code == 2 and "--coordinator-role applies to the role groups of --reach" in result.output


@pytest.mark.parametrize("extra", [[], ["d,a,1\n"]])
def test_tie_count_in_the_mixing_line_agrees_in_number(tmp_path, extra):
    """The ties between people with a domain, counted from the files (pairs with both domains known): one is
    "1 tie", two are "2 ties"."""
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,welzijn\nc,\nd,zorg\n")
    (tmp_path / "interactions.csv").write_text("source,target,weight\na,b,2\nb,c,1\n" + "".join(extra))
    domain = pd.read_csv(tmp_path / "people.csv").set_index("id")["domain"]
    inter = pd.read_csv(tmp_path / "interactions.csv")
    known = int((inter["source"].map(domain).notna() & inter["target"].map(domain).notna()).sum())
    line = run("metrics", tmp_path, "--by", "domein", "--weighted").output.splitlines()[0]
    noun = "tie" if known == 1 else "ties"
    assert line == f"Mixing by domain among people (undirected; {known} {noun} between people with a domain, weighted)."
