"""Small-group suppression holds in every output of a report (analysis.json, people.csv, the map), and with
pseudonyms a person's attribute value shows only when at least min_group people share it."""

from __future__ import annotations

import html
import json
import re

import networkx as nx
import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.analysis import AnalysisOptions
from collabgraph.report.export import export_dataset
from collabgraph.report.html import ReportSettings, write_report
from tests.cli.conftest import run
from tests.conftest import plain_memberships

FAST = AnalysisOptions(permutations=0, stability_runs=0, freq="year")
PEOPLE = pd.DataFrame({
    "id": [f"p{i}" for i in range(7)], "name": ["An", "Bo", "Cas", "Dirk", "Eva", "Fleur", "Gijs"],
    "domain": ["zorg"] * 3 + ["welzijn"] * 3 + ["uniekdomein"],
    "organisation": ["Org A"] * 3 + ["Org B"] * 2 + ["Org C", "Org D"],
    "profession": ["huisarts", "verpleegkundige", "agent", "agent", "agent", "docent", "docent"],
})
PAIRS = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 6), (6, 0), (1, 6), (2, 5)]
INTERACTIONS = pd.DataFrame({"source": [f"p{a}" for a, _ in PAIRS], "target": [f"p{b}" for _, b in PAIRS],
                             "date": ["2021-03-01"] * len(PAIRS)})


def _ds():
    return cg.from_frames(people=PEOPLE, interactions=INTERACTIONS)


def _shared(column: str, k: int = 3) -> set:
    """Values of a people column held by at least k people, counted from the input frame; of the report's domain
    groups (--by domain) uniekdomein (1 person) is small and welzijn (3) is hidden with it, or uniekdomein's size
    would be the 7 people minus zorg's 3 and welzijn's 3 (the smallest group shown, before zorg by name)."""
    counts = PEOPLE[column].value_counts()
    return set(counts.index[counts >= k]) - ({"welzijn"} if column == "domain" else set())


def _map(out) -> dict:
    page = (out / "index.html").read_text(encoding="utf-8")
    return json.loads(re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S).group(1))


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return write_report(_ds(), tmp_path_factory.mktemp("s") / "r", options=FAST)


@pytest.fixture(scope="module")
def pseudonymised(tmp_path_factory):
    """The report with pseudonyms and its exports, read by two tests (analysis.json does not depend on exports)."""
    return write_report(_ds(), tmp_path_factory.mktemp("s") / "p", options=FAST, salt=b"zout",
                        settings=ReportSettings(pseudonymised=True, salt_given=True, exports=True))


def test_small_group_hidden_in_analysis_json(plain):
    data = json.loads((plain / "data" / "analysis.json").read_text(encoding="utf-8"))
    groups = {g["group"]: g for g in data["mixing"]["groups"]}
    assert groups["uniekdomein"]["size"] == "<3" and groups["welzijn"]["size"] == "<3" and groups["zorg"]["size"] == 3
    matrix = data["mixing"]["mixing"]
    assert set(matrix["uniekdomein"].values()) == {"<3"} and matrix["zorg"]["uniekdomein"] == "<3"
    assert matrix["zorg"]["zorg"] != "<3"
    assert "uniekdomein" not in {p["group"] for p in data["mixing"].get("persons", [])}
    assert "uniekdomein" not in {p["group"] for p in data["brokers"]["people"]}
    brokers = {g["group"]: g for g in data["brokers"]["groups"]}
    assert set(brokers["uniekdomein"].values()) == {"uniekdomein", "<3"} and brokers["zorg"]["size"] == 3
    assert [p["domain"] for p in data["people"]] == ["zorg"] * 3 + ["other"] * 4
    assert all(g["members"] == "<3" for g in data["reach"]["groups"] if g["group"] == "uniekdomein")


def test_small_group_hidden_in_people_csv_and_map(plain):
    people = pd.read_csv(plain / "data" / "people.csv").set_index("id")
    assert people.loc["p6", "domain"] == "other" and people.loc["p0", "domain"] == "zorg"
    assert people.loc["p6", "organisation"] == "Org D"  # not pseudonymised: only the --by attribute
    data = _map(plain)
    assert [n["domain"] for n in data["nodes"]] == ["zorg"] * 3 + ["other"] * 4
    assert "uniekdomein" not in json.dumps(data)


def test_pseudonymised_report_shows_only_shared_values(pseudonymised):
    people = pd.read_csv(pseudonymised / "data" / "people.csv")
    for column in ("domain", "organisation", "profession"):
        assert set(people[column]) <= _shared(column) | {"other"}, column
        assert (people[column] == "other").sum() == (~PEOPLE[column].isin(_shared(column))).sum()
    nodes = _map(pseudonymised)["nodes"]
    assert {n["organisation"] for n in nodes} == {"Org A", "other"}
    g = nx.read_graphml(pseudonymised / "exports" / "network.graphml")
    assert {d["profession"] for _, d in g.nodes(data=True)} == {"agent", "other"}


@pytest.mark.parametrize("to", ["gexf", "graphml"])
def test_pseudonymised_export_shows_only_shared_values(tmp_path, to):
    path = export_dataset(_ds(), to, tmp_path / f"n.{to}", options=FAST, salt=b"zout", min_group=3)
    g = (nx.read_gexf if to == "gexf" else nx.read_graphml)(path)
    for column in ("domain", "organisation", "profession"):
        assert {d[column] for _, d in g.nodes(data=True)} == (_shared(column) | {"other"}), column


def test_pseudonymised_export_groups_suppressed(tmp_path):
    export_dataset(_ds(), "csv", tmp_path / "t", options=FAST, salt=b"zout")
    groups = pd.read_csv(tmp_path / "t" / "groups.csv").set_index("group")
    assert groups.loc["uniekdomein", "size"] == "<3" and groups.loc["zorg", "size"] == "3"


def test_rejected_with_pseudonymise_warns(tmp_path):
    (tmp_path / "d").mkdir()
    PEOPLE.to_csv(tmp_path / "d" / "people.csv", index=False)
    INTERACTIONS.assign(date=["2021-03-01"] * 8 + ["31-02-2021"]).to_csv(tmp_path / "d" / "interactions.csv",
                                                                       index=False)
    result = run("export", tmp_path / "d", "--to", "json", "-o", tmp_path / "n.json", "--lenient", "--rejected",
                 tmp_path / "rejected.csv", "--pseudonymise", "--permutations", "0")
    assert result.exit_code == 0, result.output
    assert "lists the rejected rows with their original ids and values (not pseudonymised)" in result.stderr
    assert "source=p2; target=p5" in (tmp_path / "rejected.csv").read_text()


def test_pseudonymise_by_name(tmp_path):
    (tmp_path / "d").mkdir()
    PEOPLE.to_csv(tmp_path / "d" / "people.csv", index=False)
    INTERACTIONS.to_csv(tmp_path / "d" / "interactions.csv", index=False)
    result = run("report", tmp_path / "d", "-o", tmp_path / "r", "--pseudonymise", "--by", "name",
                 "--permutations", "0")
    assert result.exit_code == 0, result.output
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "r").rglob("*") if p.is_file())
    assert not any(name in text for name in ("Fleur", "Gijs", "Dirk"))


def _compositions(data: dict, attr: str) -> set:
    """Every value named, with a count or as top, in the clusters' and networks' compositions."""
    named = set()
    for entry in data["clusters"]["communities"] + data["clusters"]["networks"]:
        info = entry["composition"].get(attr)
        if info:
            named |= set(info["counts"]) | ({info["top"]} if info["top"] is not None else set())
    return named


def test_small_group_not_named_in_cluster_compositions(plain):
    # The people table shows 'uniekdomein' (1 person) as 'other'; the clusters must not count it by name.
    data = json.loads((plain / "data" / "analysis.json").read_text(encoding="utf-8"))
    named = _compositions(data, "domain")
    assert "uniekdomein" not in named and named <= _shared("domain") | {"other"}
    counted = sum(e["composition"]["domain"]["counts"].get("other", 0) for e in data["clusters"]["communities"])
    assert counted == 4  # uniekdomein's one person and welzijn's three, counted under 'other' in their clusters
    clusters = pd.read_csv(plain / "data" / "clusters.csv")
    assert "uniekdomein" not in set(clusters["top_domain"].astype(str))
    assert "uniekdomein" not in (plain / "index.html").read_text(encoding="utf-8").split('id="clusters"')[1]


def test_pseudonymised_cluster_compositions_show_only_shared_values(pseudonymised):
    data = json.loads((pseudonymised / "data" / "analysis.json").read_text(encoding="utf-8"))
    for column in ("domain", "organisation", "profession"):
        assert _compositions(data, column) <= _shared(column) | {"other"}, column


def test_dependency_in_small_network_hidden(tmp_path):
    # A coordinator's network of 2 members: its member and cut-off counts show as '<3' in analysis.json (and those of
    # Midden, 3 members, hidden with it: the smallest network shown); Groot's (5) are shown.
    people = PEOPLE.assign(networks=["Groot;Midden"] * 3 + ["Groot"] * 2 + ["Klein"] * 2,
                           role=["professional"] * 5 + ["coordinator", "x"])
    out = write_report(cg.from_frames(people=people, interactions=INTERACTIONS), tmp_path / "d", options=FAST)
    data = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    small = [r for r in data["brokers"]["dependency"] if r["network"] == "Klein"]
    sizes = people["networks"].str.split(";").explode().value_counts()
    assert sizes.to_dict() == {"Groot": 5, "Midden": 3, "Klein": 2}
    assert small and all(r["members"] == "<3" and r["cut_off"] == "<3" for r in small)
    assert all(r["members"] == "<3" for r in data["brokers"]["dependency"] if r["network"] == "Midden")
    assert all(isinstance(r["members"], int) for r in data["brokers"]["dependency"] if r["network"] == "Groot")


def _small_network_frames():
    """Six people in network Groot, two in Klein (one of them the only 'onderwijs'), three in Midden, dated records
    with durations and a rating, events of every network: every per-network section of the report has a row of Klein.
    Klein is the only network below 3; Midden, the smallest network shown, is hidden with it (or Klein's figures
    would be the programme's minus Groot's and Midden's), Groot is shown."""
    people = pd.DataFrame({
        "id": [f"g{i}" for i in range(6)] + ["k0", "k1"], "name": ["An", "Bo", "Cas", "Dirk", "Eva", "Fleur", "Gijs",
                                                                   "Hans"],
        "role": ["coordinator"] + ["professional"] * 4 + ["student", "coordinator", "docent"],
        "profession": ["huisarts", "agent"] * 4, "organisation": ["Org A", "Org B"] * 4,
        "domain": ["zorg", "zorg", "welzijn", "welzijn", "zorg", "welzijn", "zorg", "onderwijs"],
        "networks": ["Groot"] * 6 + ["Klein"] * 2})
    pairs = [("g0", "g1"), ("g1", "g2"), ("g2", "g3"), ("g3", "g4"), ("g4", "g5"), ("g5", "g0"), ("g0", "g3"),
             ("k0", "k1"), ("k0", "g2"), ("k1", "g4")]
    inter = pd.DataFrame({"source": [a for a, _ in pairs], "target": [b for _, b in pairs],
                          "date": [f"2021-{1 + i:02d}-10" for i in range(len(pairs))],
                          "network": ["Groot"] * 7 + ["Klein"] + [None] * 2, "duration_minutes": [60] * len(pairs),
                          "trust": [4, 3, 5, 4, 2, 3, 4, 5, 1, 2]})
    events = pd.DataFrame({"id": ["E1", "E2"], "date": ["2021-03-01", "2021-04-01"], "network": ["Groot", "Klein"],
                           "kind": ["intervisie"] * 2, "duration_minutes": [120, 90]})
    att = pd.DataFrame({"event": ["E1", "E1", "E1", "E2", "E2"], "person": ["g0", "g1", "g2", "k0", "k1"]})
    nets = pd.DataFrame({"network": ["Groot", "Klein"], "programme": ["P", "P"], "start": ["2021-01-01"] * 2,
                         "end": ["2021-12-31", "2021-06-30"], "coordinator": ["g0", "k0"]})
    return _with_midden(people, inter, events, att, nets)


def _with_midden(people, inter, events, att, nets):
    """The frames with a third network, Midden (3 members, in zorg and welzijn, tied among them across a domain
    boundary and to Groot, an event)."""
    people = pd.concat([people, pd.DataFrame({"id": ["m0", "m1", "m2"], "name": ["Ids", "Jan", "Kees"],
                                              "role": ["coordinator", "professional", "professional"],
                                              "profession": ["agent"] * 3, "organisation": ["Org A"] * 3,
                                              "domain": ["zorg", "welzijn", "zorg"], "networks": ["Midden"] * 3})],
                       ignore_index=True)
    more = pd.DataFrame({"source": ["m0", "m1", "m0"], "target": ["m1", "m2", "g1"],
                         "date": ["2021-02-12", "2021-05-12", "2021-08-12"], "network": ["Midden"] * 2 + [None],
                         "duration_minutes": [45] * 3, "trust": [3, 4, 5]})
    inter = pd.concat([inter, more], ignore_index=True)
    events = pd.concat([events, pd.DataFrame({"id": ["E3"], "date": ["2021-05-01"], "network": ["Midden"],
                                              "kind": ["intervisie"], "duration_minutes": [60]})], ignore_index=True)
    att = pd.concat([att, pd.DataFrame({"event": ["E3"] * 3, "person": ["m0", "m1", "m2"]})], ignore_index=True)
    nets = pd.concat([nets, pd.DataFrame({"network": ["Midden"], "programme": ["P"], "start": ["2021-01-01"],
                                          "end": ["2021-12-31"], "coordinator": ["m0"]})], ignore_index=True)
    return people, inter, events, att, nets


def _numbers(value) -> list:
    """Every number (not a flag) in a JSON value, at any depth."""
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return [value] if isinstance(value, int | float) and not isinstance(value, bool) else []


#: The keys and columns that name a learning network or a group (a pair of groups is named "a – b").
NAMING = ("network", "group", "name", "network_a", "network_b", "top_network")


def _named(row: dict) -> set:
    return {part for k in NAMING if isinstance(row.get(k), str) for part in row[k].split(" – ")}


def test_small_network_hidden_in_every_output(tmp_path):
    # Klein has 2 members and onderwijs 1 person (--min-group 3), and each the only one that small: Midden (3
    # members) and welzijn (3 people), the smallest shown, are hidden with them. No JSON object, CSV row or table row
    # of the page that names one of them carries a number (the page shows "<3" for them, so no file may tell more).
    people, inter, events, att, nets = _small_network_frames()
    member = plain_memberships(people, inter, events.set_index("id"), att)
    sizes = pd.Series([n for nets_ in member.values() for n in nets_]).value_counts()
    domains = people["domain"].value_counts()
    small = set(sizes.index[sizes < 3]) | set(domains.index[domains < 3])
    assert small == {"Klein", "onderwijs"} and sizes.nsmallest(2).index[1] == "Midden"
    assert domains.nsmallest(2).index[1] == "welzijn"
    small |= {"Midden", "welzijn"}
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att, networks=nets)
    out = write_report(ds, tmp_path / "r", options=FAST)
    data = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert data["compare"] is not None and data["hours"]["networks"]  # the sections this test is about
    leaks, seen = [], 0

    def walk(value, path):
        nonlocal seen
        if isinstance(value, dict):
            if _named(value) & small:
                seen += 1
                if _numbers(value):
                    leaks.append((path, value))
                return
            leaks.extend((f"{path}.{k}", v) for k, v in value.items() if k in small and _numbers(v))  # {"Klein": 2}
            for k, v in value.items():
                walk(v, f"{path}.{k}")
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{path}[{i}]")

    walk(data, "")
    assert seen >= 20 and not leaks, leaks
    for csv in sorted((out / "data").glob("*.csv")):
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
        rows = [r for r in frame.to_dict("records") if _named(r) & small]
        for row in rows:
            shown = [v for v in row.values() if pd.notna(pd.to_numeric(v, errors="coerce")) and v != ""]
            assert not shown, (csv.name, row)
    page = (out / "index.html").read_text(encoding="utf-8")
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
    rows = [r for r in rows if "Klein" in r]
    assert len(rows) >= 8
    for row in rows:
        assert not [c for c in row if pd.notna(pd.to_numeric(c.replace("−", "-"), errors="coerce"))], row
    # the network of networks draws no circle (area: members) nor line (width: ties) of Klein, and says so
    chart = re.search(r'<svg[^>]*class="chart-non".*?</svg>', page, re.S).group(0)
    assert re.findall(r"<circle[^>]*><title>([^<]*)</title>", chart) == ["Groot"]
    assert "<path" not in chart  # Groot's only ties between networks are Klein's
    assert "not drawn, nor its ties: Klein. Nor is Midden" in page


def test_small_group_whose_name_holds_the_pair_dash_is_hidden_in_pairs():
    """A pair's name is 'A – B' of two group labels; a small group 'zorg – welzijn' (1 person) must hide every
    pair it is in, though splitting the pair's name on ' – ' never gives it back."""
    from collabgraph.metrics.periods import compare_periods
    from collabgraph.privacy import suppress_attribution

    people = pd.DataFrame({"id": list("abcdefg"),
                           "domain": ["zorg"] * 3 + ["onderwijs"] * 3 + ["zorg – welzijn"]})
    pairs = [("a", "d", "2020"), ("b", "g", "2020"), ("c", "g", "2021"), ("a", "e", "2021"), ("g", "f", "2021"),
             ("b", "c", "2021")]
    inter = pd.DataFrame({"source": [a for a, _, _ in pairs], "target": [b for _, b, _ in pairs],
                          "date": [f"{y}-03-01" for _, _, y in pairs]})
    ds = cg.from_frames(people=people, interactions=inter)
    rows = compare_periods(ds, "2020", "2021", permutations=0, bootstraps=0, clusters=False).attribution
    pair = rows["level"].isin(["group_pair", "new_tie_pair"])
    with_small = pair & rows["name"].str.contains("zorg – welzijn", regex=False)
    assert with_small.sum() >= 2  # the pairs this test is about
    out = suppress_attribution(rows, set(), {"zorg – welzijn"}, "<3")
    assert (out.loc[with_small, "contribution"] == "<3").all()
    assert (out.loc[pair & ~with_small, "contribution"] != "<3").all()


def test_hidden_cells_are_not_found_from_the_totals(tmp_path):
    # Klein (2 members) is the only hidden learning network: each level of compare.attribution adds up to the
    # change in cross share (its tie_status rows), and the page says the total hours, so Klein's row would be the
    # total minus the rows shown. Complementary suppression hides another row of each such level: the total
    # minus the rows shown is the sum of two hidden rows, none of them alone (each recomputed with plain sums
    # from the unsuppressed analysis). dependency_counts counts only the rows shown.
    from collabgraph.analysis import analyze

    people, inter, events, att, nets = _small_network_frames()
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att, networks=nets)
    out = write_report(ds, tmp_path / "r", options=FAST)
    data = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    a = analyze(ds, FAST)
    true = a.comparison.attribution
    rows = pd.DataFrame(data["compare"]["attribution"])
    change = rows.loc[rows["level"] == "tie_status", "contribution"].astype(float).sum()
    for level in ("network", "group"):
        part = rows[rows["level"] == level]
        hidden = part["contribution"].astype(str).str.startswith("<")
        assert hidden.sum() != 1, (level, part)
        if hidden.any():
            rest = change - part.loc[~hidden, "contribution"].astype(float).sum()
            values = true.set_index(["level", "name"]).loc[level, "contribution"]
            for name in part.loc[hidden, "name"]:
                assert rest != pytest.approx(values[name]), (level, name)
    assert (rows.loc[rows["level"] == "network", "contribution"].astype(str) == "<3").sum() >= 2
    # The page's attribution table (top networks) hides the same rows: the complement too, not only Klein.
    page = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    shown_hidden = {r["name"] for r in data["compare"]["attribution"]
                    if r["level"] == "network" and str(r["contribution"]) == "<3"}
    for name in shown_hidden:
        assert re.search(rf"<td>{re.escape(name)}</td>\s*<td[^>]*><3</td>", page), name
    hours = pd.DataFrame(data["hours"]["networks"])
    hidden = hours["hours"].astype(str).str.startswith("<")
    assert hidden.sum() != 1
    counts = data["brokers"]["dependency_counts"]
    assert counts["tested"] == sum(isinstance(r["cut_off"], int) for r in data["brokers"]["dependency"])
    assert counts["tested"] == sum(r["network"] not in ("Klein", "Midden") for r in data["brokers"]["dependency"])


def test_a_real_value_other_stays_apart_from_the_small_groups(tmp_path):
    """A real domain 'other' (4 people) and a real learning network 'other' (6 members) are shown with their own
    counts; the small groups (onderwijs and veiligheid: 1 person each; Klein: 2 members) are folded under
    'other (<3)', never into the real 'other' (they became one row and one count before, and a cluster mostly of the
    real network had no top_network)."""
    people, inter, events, att, nets = _small_network_frames()
    people["domain"] = people["domain"].replace({"welzijn": "other"})
    people.loc[people["id"] == "k0", "domain"] = "veiligheid"  # two small groups: no complement hides 'other' (4)
    people["networks"] = people["networks"].replace({"Groot": "other"})
    inter["network"] = inter["network"].replace({"Groot": "other"})
    events["network"] = events["network"].replace({"Groot": "other"})
    nets["network"] = nets["network"].replace({"Groot": "other"})
    real = people.set_index("id")["domain"]
    small = {"onderwijs", "veiligheid"}
    assert (real == "other").sum() == 4 and real.isin(small).sum() == 2 and real.value_counts().min() == 1
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att, networks=nets)
    out = write_report(ds, tmp_path / "r", options=FAST)
    shown = pd.read_csv(out / "data" / "people.csv").set_index("id")["domain"]
    expected = real.where(~real.isin(small), "other (<3)")
    assert shown.reindex(real.index).tolist() == expected.tolist()
    data = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    persons = {p["id"]: p["group"] for p in data["mixing"]["persons"]}
    assert persons["k1"] == "other (<3)" and persons["g2"] == "other"
    members = {p: n for p, n in zip(people["id"], people["networks"], strict=True)}
    assert sum(len(c["members"]) if "members" in c else c["size"] for c in data["clusters"]["communities"]) == len(
        people)  # everyone is in one community
    assert {p.get("community") for p in data["people"]} == {c["id"] for c in data["clusters"]["communities"]}
    for cluster in data["clusters"]["communities"]:
        ids = [p["id"] for p in data["people"] if p.get("community") == cluster["id"]]
        domain = cluster["composition"]["domain"]["counts"]
        assert domain.get("other", 0) == sum(real[i] == "other" for i in ids), cluster
        assert domain.get("other (<3)", 0) == sum(real[i] in small for i in ids), cluster
        network = cluster["composition"]["network"]
        assert network["counts"].get("other", 0) == sum(members[i] == "other" for i in ids), cluster
        assert network["counts"].get("other (<3)", 0) == sum(members[i] in ("Klein", "Midden") for i in ids), \
            cluster  # Midden (3) hidden with Klein (2)
        if network["counts"].get("other", 0) > network["counts"].get("other (<3)", 0):
            assert network["top"] == "other", cluster


def test_dependency_headline_counts_only_the_key_people_shown(tmp_path):
    """Klein (2 members) has a key person (its coordinator k0) whose row shows '<3': the page's headlines (the
    summary and the dependency section) and analysis.json count the key people of the networks shown only, as
    dependency.csv shows them (the page counted Klein's too, so its count minus the rows shown gave Klein's back)."""
    people, inter, events, att, nets = _small_network_frames()
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att, networks=nets)
    out = write_report(ds, tmp_path / "r", options=FAST)
    rows = pd.read_csv(out / "data" / "dependency.csv", dtype=str)
    shown = rows[rows["cut_off"] != "<3"]
    assert set(rows["network"]) == {"Groot", "Klein", "Midden"} and set(shown["network"]) == {"Groot"}  # the case
    n = len(shown)
    data = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert data["brokers"]["dependency_counts"]["tested"] == n
    page = html.unescape(re.sub(r"<[^>]+>", "", (out / "index.html").read_text(encoding="utf-8")))
    said = re.findall(r"(\d+) coordinators and top brokers were removed one at a time", page)
    assert said == [str(n)] * 2, said


def test_every_output_hides_the_same_complementary_attribution_row(tmp_path):
    """Klein (2 members) is hidden; Aa and Bb have as many ties (2 + 2) but Bb pushed the cross share more, so
    analysis.json (rows by contribution) listed Bb first and attribution.csv (rows as computed) Aa: each hid
    another complementary row, and the two files together showed both, so Klein's contribution was the change
    minus them. Every output now hides the same two rows, and no row of the network level shown in any of them
    leaves Klein as the change minus the rest."""
    ids = [f"a{i}" for i in range(4)] + [f"b{i}" for i in range(4)] + ["k0", "k1"]
    people = pd.DataFrame({"id": ids, "networks": ["Aa"] * 4 + ["Bb"] * 4 + ["Klein"] * 2,
                           "domain": ["zorg", "welzijn"] * 2 + ["zorg", "zorg", "welzijn", "welzijn"]
                           + ["zorg", "welzijn"]})
    rows = [("a0", "a2", "2021-01-05", "Aa"), ("a1", "a3", "2021-01-06", "Aa"), ("a0", "a1", "2022-01-05", "Aa"),
            ("a0", "a2", "2022-01-06", "Aa"), ("b0", "b2", "2021-01-05", "Bb"), ("b1", "b3", "2021-01-06", "Bb"),
            ("b0", "b1", "2022-01-05", "Bb"), ("b2", "b3", "2022-01-06", "Bb"), ("k0", "k1", "2021-02-01", "Klein"),
            ("k0", "k1", "2022-02-01", "Klein")]
    inter = pd.DataFrame(rows, columns=["source", "target", "date", "network"])
    options = AnalysisOptions(permutations=0, stability_runs=0, freq="year", compare_periods=("2021", "2022"))
    out = write_report(cg.from_frames(people=people, interactions=inter), tmp_path / "r", options=options)
    # independent: per network, ties before and after (the case: Aa and Bb tie on 2 + 2)
    sizes = inter.assign(year=inter["date"].str[:4]).groupby(["network", "year"]).size()
    assert all(sizes[(net, year)] == 2 for net in ("Aa", "Bb") for year in ("2021", "2022"))
    assert sizes["Klein"].sum() == 2
    data = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    in_json = {r["name"] for r in data["compare"]["attribution"] if r["level"] == "network"
               and isinstance(r["contribution"], str)}
    csv = pd.read_csv(out / "data" / "attribution.csv", dtype=str)
    in_csv = set(csv.loc[(csv["level"] == "network") & csv["contribution"].str.startswith("<"), "name"])
    assert in_json == in_csv and "Klein" in in_json and len(in_json) == 2, (in_json, in_csv)
    page = (out / "index.html").read_text(encoding="utf-8")
    cells = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
             for r in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
    on_page = {r[0] for r in cells if r and r[0] in {"Aa", "Bb", "Klein"} and "<3" in r}
    assert on_page <= in_json, on_page


def test_the_map_names_no_small_network(tmp_path):
    """Klein (2 members) shows '<3' in every table, but the map listed it and marked its two members (their names
    beside it), so its size and members could be counted there. The map lists only the networks of at least
    --min-group members; Klein's members are coloured 'other' by network, and no node or line points to Klein."""
    people, inter, events, att, nets = _small_network_frames()
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att, networks=nets)
    out = write_report(ds, tmp_path / "r", options=FAST)
    data = _map(out)
    sizes = people["networks"].value_counts()  # independent: members per network from the input frame
    assert sorted(sizes.index[sizes >= 3]) == ["Groot", "Midden"]
    assert data["networks"] == ["Groot"]  # Midden (3) hidden with Klein (2), the only network below 3
    klein = set(people.loc[people["networks"].isin(["Klein", "Midden"]), "id"])
    nodes = {n["pid"]: n for n in data["nodes"]}
    assert all(n["nets"] == [0] and n["network"] == "Groot" for p, n in nodes.items() if p not in klein)
    assert all(nodes[p]["nets"] == [] and nodes[p]["network"] == "other" for p in klein)
    assert all(e["n"] in ([], [0]) for e in data["edges"])
    assert "Klein" not in json.dumps(data)


def test_exports_name_no_small_network(tmp_path):
    """With --exports the report's graph files and workbook listed each person's and each tie's learning networks,
    Klein (2 members) among them, so its members and ties could be counted there; they are left out."""
    people, inter, events, att, nets = _small_network_frames()
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att, networks=nets)
    out = write_report(ds, tmp_path / "r", options=FAST, settings=ReportSettings(exports=True))
    g = nx.read_graphml(out / "exports" / "network.graphml")
    klein = set(people.loc[people["networks"].isin(["Klein", "Midden"]), "id"])  # independent: the input frame
    groot = set(people["id"]) - klein
    assert {n for n, d in g.nodes(data=True) if "Groot" in str(d.get("networks", ""))} == groot
    assert not [d for _, d in g.nodes(data=True) if "Klein" in str(d.get("networks", ""))]
    assert not [d for *_, d in g.edges(data=True) if "Klein" in str(d.get("networks", ""))]
    for path in (out / "exports").iterdir():
        if path.suffix in (".gexf", ".json"):
            assert "Klein" not in path.read_text(encoding="utf-8"), path.name
            assert "Midden" not in path.read_text(encoding="utf-8"), path.name  # hidden with Klein


def _csv(path) -> pd.DataFrame:
    """A report's CSV file as text, in either style (standard, or excel-nl: ';' with decimal commas)."""
    text = path.read_text(encoding="utf-8-sig")
    return pd.read_csv(path, dtype=str, keep_default_na=False, sep=";" if text.split("\n")[0].count(";") else ",",
                       encoding="utf-8-sig")


def _value(cell) -> float:
    """A shown number as float (NaN for a hidden or empty cell), decimal comma or point, Unicode minus."""
    return pd.to_numeric(str(cell).replace("−", "-").replace(",", "."), errors="coerce")


@pytest.mark.parametrize(("lang", "pseudonymised"), [("en", False), ("nl", True)])
def test_a_single_small_group_is_not_the_total_minus_the_groups_shown(tmp_path, lang, pseudonymised):
    """uniekdomein (1 person) is the only domain with fewer than 3 people. The report says 7 people, none of them
    without a domain, and its ties within groups, so uniekdomein's size was 7 - 3 - 3 and its ties the totals
    minus zorg's and welzijn's. Recomputed from the output files alone (as someone reading them would): no group
    table hides a single row, the total minus the rows shown is no hidden group's own figure, and people.csv's
    'other' count is not one hidden group's size. The true figures come from the input frames with plain pandas."""
    settings = ReportSettings(lang=lang, pseudonymised=pseudonymised, salt_given=pseudonymised)
    out = write_report(_ds(), tmp_path / "r", options=FAST, salt=b"zout", settings=settings)
    domain = PEOPLE.set_index("id")["domain"]
    size = domain.value_counts()
    ends = INTERACTIONS.assign(a=INTERACTIONS["source"].map(domain), b=INTERACTIONS["target"].map(domain))
    internal = ends.loc[ends["a"] == ends["b"], "a"].value_counts().reindex(size.index, fill_value=0)
    true = {"size": size, "members": size, "internal": internal}
    assert (size < 3).sum() == 1  # the case: one small group
    data = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    totals = {"size": data["summary"]["people"] - data["mixing"]["missing"], "internal": data["mixing"]["internal"]}
    totals["members"] = totals["size"]
    assert totals == {"size": len(PEOPLE), "internal": internal.sum(), "members": len(PEOPLE)}
    groups = _csv(out / "data" / "groups.csv")
    tables = {"mixing.groups": pd.DataFrame(data["mixing"]["groups"]),
              "brokers.groups": pd.DataFrame(data["brokers"]["groups"]),
              "reach.groups": pd.DataFrame(data["reach"]["groups"]),
              "groups.csv": groups[groups["kind"].isin(["domain", "domein"])]}
    assert all(len(frame) == len(size) for frame in tables.values())
    hidden_names = set()
    for name, frame in tables.items():
        for column in ("size", "members", "internal"):
            if column not in frame:
                continue
            values = frame[column].map(_value)
            hidden = values.isna().to_numpy()
            assert hidden.sum() != 1, (name, column, frame)
            rest = totals[column] - values[~hidden].sum()
            for group in frame.loc[hidden, "group"]:  # a small one's figure (a larger one's may follow: 2 + 0)
                assert size[group] >= 3 or rest != true[column][group], (name, column, group)
            hidden_names |= set(frame.loc[hidden, "group"])
    assert hidden_names == {"uniekdomein", "welzijn"}
    for row, cells in data["mixing"]["mixing"].items():  # a row shown: its external ties minus the cells shown
        hidden = [c for c, v in cells.items() if isinstance(v, str)]
        assert len(hidden) != 1, (row, cells)
    people = _csv(out / "data" / "people.csv")
    other = people["domain"][~people["domain"].isin(size.index)]
    assert set(people["domain"]) == {"zorg", other.iloc[0]}  # 'other' or 'overig'
    assert len(other) not in {size[g] for g in hidden_names}, len(other)
    page = (out / "index.html").read_text(encoding="utf-8")
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", page, re.S)]
    rows = [r for r in rows if r and r[0] in hidden_names]
    assert len(rows) >= 2
    for row in rows:
        assert not [c for c in row[1:] if pd.notna(_value(c))], row
    said = "welzijn is shown as “<3” too" if lang == "en" else "ook welzijn staat als “<3”"
    assert said in html.unescape(page)


@pytest.mark.parametrize(("lang", "pseudonymised"), [("en", False), ("nl", True)])
def test_a_single_small_network_is_not_the_programme_minus_the_networks_shown(tmp_path, lang, pseudonymised):
    """Klein (2 members) is the only learning network below 3. The programme rows (scorecard, doorwerking, experts,
    education-practice ties) sum the networks' hours, events, attendances and ties formed and count their members,
    so Klein's hidden figures were the programme's minus the networks shown (in the two-network data, scorecard.csv
    gave Klein's 5 hours as 25 - 20 while hours.csv hid both). Midden (3), the smallest network shown, is hidden
    with it in every per-network output (tables, map, network of networks); Groot stays. Sizes from the input."""
    people, inter, events, att, nets = _small_network_frames()
    size = people["networks"].value_counts()
    assert sorted(size.index[size < 3]) == ["Klein"] and size.idxmin() == "Klein" and size.nsmallest(2).index[1] == \
        "Midden"  # the case
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att, networks=nets)
    settings = ReportSettings(lang=lang, pseudonymised=pseudonymised, salt_given=pseudonymised)
    out = write_report(ds, tmp_path / "r", options=FAST, salt=b"zout", settings=settings)
    shown = {}
    for name, column in (("scorecard", "members"), ("doorwerking", "formed"), ("experts", "members"),
                         ("education_practice", "members"), ("hours", "hours"), ("networks", "members"),
                         ("reach_networks", "members"), ("dependency", "members")):
        frame = _csv(out / "data" / f"{name}.csv")
        key = "group" if name == "reach_networks" else "network"
        rows = frame[frame[key].isin(size.index)]
        assert len(rows), name
        values = rows[column].map(_value)
        shown[name] = set(rows.loc[values.notna(), key])
        if "level" in frame and name not in ("dependency",):
            programme = frame[frame["level"] != frame["level"].iloc[0]]
            total = _value(programme[column].iloc[0]) if len(programme) else None
            if total is not None and column == "members":
                assert total - values.dropna().sum() != size["Klein"], name
    assert all(names == {"Groot"} for names in shown.values()), shown
    data = _map(out)
    assert data["networks"] == ["Groot"]
    page = html.unescape((out / "index.html").read_text(encoding="utf-8"))
    chart = re.search(r'<svg[^>]*class="chart-non".*?</svg>', page, re.S).group(0)
    assert re.findall(r"<circle[^>]*><title>([^<]*)</title>", chart) == ["Groot"]
