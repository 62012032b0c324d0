"""Tests for collabgraph/report/html.py: the folder, self-containment, escaping, privacy, atomic writes."""

from __future__ import annotations

import html as html_lib
import json
import re
import shutil
import zipfile

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import collabgraph.report.export as export_module
import collabgraph.report.html as html
import collabgraph.report.netmap as netmap
from collabgraph import from_frames, load
from collabgraph.analysis import analyze
from collabgraph.datasets import EXAMPLE
from collabgraph.errors import ParameterError
from collabgraph.privacy import suppressed_tables
from collabgraph.report.html import ReportSettings, write_report
from collabgraph.report.netmap import FROZEN_ABOVE, script_json
from collabgraph.report.texts import Texts
from tests.conftest import analysing_once, every_dtype
from tests.report.conftest import DUTCH, DUTCH_MONTHS, FAST, IMG, SCRIPT, hostile_frames, raw_records

DATA_FILES = ["analysis.json", "attribution.csv", "clusters.csv", "compare.csv", "crossing.csv", "dependency.csv",
              "doorwerking.csv", "education_practice.csv", "experts.csv", "forms.csv", "groups.csv", "hours.csv",
              "isolation.csv", "mixing.csv", "network_quarters.csv", "network_ties.csv", "networks.csv", "people.csv",
              "reach_networks.csv", "reach_roles.csv", "role_groups.csv", "role_mapping.csv", "scorecard.csv",
              "spanners.csv", "suggestions.csv", "ties.csv", "timeline.csv"]
#: Written only when the data have rating columns (the example does; the hostile data do not).
RATINGS_FILES = ["ratings_changes.csv", "ratings_networks.csv", "ratings_overall.csv", "ratings_partner.csv",
                 "ratings_waves.csv"]


@pytest.fixture(scope="module")
def hostile_report(hostile, tmp_path_factory, analyses):
    with analysing_once(analyses):  # the analysis the analysed_once tests of hostile render again
        return write_report(hostile, tmp_path_factory.mktemp("r") / "report", options=FAST)


def _page(folder) -> str:
    return (folder / "index.html").read_text(encoding="utf-8")


def test_folder_layout(hostile_report):
    assert sorted(p.name for p in (hostile_report / "data").iterdir()) == DATA_FILES
    assert not (hostile_report / "exports").exists()  # exports only on request
    assert "collabgraph export DATASET" in _page(hostile_report)
    assert not list(hostile_report.parent.glob(".report.*"))  # no temporary folder left behind


@pytest.mark.usefixtures("analysed_once")  # hostile's FAST analysis computed once for these
def test_exports_on_request(hostile, tmp_path, monkeypatch):
    calls = []

    def counted(module, name):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, **k: calls.append(name) or real(*a, **k))

    for module in (export_module, netmap):
        counted(module, "tie_windows")
    counted(html, "person_level")
    out = write_report(hostile, tmp_path / "r", options=FAST, settings=ReportSettings(exports=True))
    assert sorted(p.name for p in (out / "exports").iterdir()) == sorted(html.EXPORTS)
    assert all(f'href="exports/{name}"' in _page(out) for name in html.EXPORTS)
    # The map's periods and the GEXF's spells share one tie_windows; page, CSVs and JSON one person_level.
    assert sorted(calls) == ["person_level", "tie_windows"]


def test_self_contained(hostile_report):
    page = _page(hostile_report)
    # Nothing is loaded from anywhere: no src/href to a host, no <link>, and a CSP that forbids requests.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<link" not in page
    csp = html_lib.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1])
    assert csp.startswith("default-src 'none'; script-src 'sha256-")
    assert "unsafe-inline" not in csp.split("style-src")[0]
    # Every executable script is one of the three hashed in the CSP (vis-network, the map script, the table
    # sorter). (vis-network's own code mentions "<script" in a string, so count the elements at line starts.)
    assert re.findall(r"^<script[^>]*>", page, re.M) == [
        '<script type="application/json" id="map-data">', "<script>", "<script>", "<script>"]
    assert csp.count("'sha256-") == 3


def test_hostile_names_are_escaped(hostile_report, tmp_path):
    page = _page(hostile_report)
    assert IMG not in page and SCRIPT not in page
    # As text in the isolation table: the fixture flags no one (its tie weights are too even for
    # low_activity), so add an isolate with the hostile name.
    people, inter, events, att = hostile_frames()
    people = pd.concat([people, pd.DataFrame({"id": ["H12"], "name": [IMG]})], ignore_index=True)
    flagged = _page(write_report(from_frames(people=people, interactions=inter, events=events, attendance=att),
                                 tmp_path / "r", options=FAST))
    assert IMG not in flagged and "<td>&lt;img src=x onerror=alert(1)&gt;</td>" in flagged
    data = page.split('<script type="application/json" id="map-data">')[1].split("</script>")[0]
    assert "<" not in data and ">" not in data and "&" not in data.replace("\\u0026", "")
    labels = {n["label"] for n in json.loads(data)["nodes"]}
    assert {IMG, SCRIPT} <= labels


def test_script_json_escapes():
    # </script> inside data cannot close the element; U+2028 cannot end a JS line.
    assert script_json({"a": "</script>&\u2028"}) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'


def test_csv_behind_figures(hostile_report, hostile):
    people = pd.read_csv(hostile_report / "data" / "people.csv")
    assert len(people) == len(hostile.people)
    assert people.set_index("id").loc["H02", "name"].startswith("'=")  # neutralised formula
    timeline = pd.read_csv(hostile_report / "data" / "timeline.csv")
    assert timeline["label"].astype(str).tolist() == ["2020", "2021"]
    analysis = json.loads((hostile_report / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert analysis["summary"]["people"] == 12


@pytest.mark.usefixtures("analysed_once")  # hostile's FAST analysis computed once for these
def test_small_groups_suppressed(hostile, tmp_path):
    # Domains of the fixture: zorg 6, veiligheid 3, welzijn 3; with --min-group 4 the last two show "<4".
    out = write_report(hostile, tmp_path / "r", options=FAST, settings=ReportSettings(min_group=4))
    groups = pd.read_csv(out / "data" / "groups.csv")
    small = groups[(groups["kind"] == "domain") & groups["group"].isin(["veiligheid", "welzijn"])]
    assert (small["size"] == "<4").all() and (small["internal"] == "<4").all()
    mixing = pd.read_csv(out / "data" / "mixing.csv").set_index("domain")
    # By hand: zorg people are H00, H01, H04, H05, H08, H09; their ties H00-H01, H04-H05, H08-H09 and,
    # through event E1, H00-H04 and H01-H04.
    assert str(mixing.loc["zorg", "zorg"]) == "5"
    assert mixing.loc["zorg", "welzijn"] == "<4"
    assert "&lt;4" in _page(out)


def test_pseudonymised_report_leaks_nothing(example, example_report):
    # Every original id ("P0001") and name of the bundled example, searched in every file of the folder.
    out = example_report(pseudonymised=True, salt_given=True, exports=True, salt=b"s3cret-zout")
    needles = set(example.people.index) | set(example.people["name"].dropna())
    needles |= set(example.events["title"].dropna())
    # one pass per file for all 1,228 needles (``n in text`` for each is 11 s of CPU on the 13 MB folder)
    any_needle = re.compile("|".join(map(re.escape, needles)))
    files = [p for p in out.rglob("*") if p.is_file()]
    # every data file (the example has survey ratings: their five files too), the exports, index.html, the marker
    assert len(files) == len(DATA_FILES) + len(RATINGS_FILES) + len(html.EXPORTS) + 2
    for path in files:
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as z:
                text = "".join(z.read(n).decode("utf-8") for n in z.namelist())
        else:
            text = path.read_text(encoding="utf-8")
        leaked = any_needle.findall(text)
        assert not leaked, (path.name, leaked[:5])
        assert "s3cret-zout" not in text
    assert "P-" in _page(out)


def test_pseudonymised_needs_salt(hostile, tmp_path):
    with pytest.raises(ParameterError, match="salt must be non-empty for a pseudonymised report; got"):
        write_report(hostile, tmp_path / "r", options=FAST, settings=ReportSettings(pseudonymised=True))


@pytest.mark.parametrize("field, value, rule", [
    ("lang", "fr", "one of en, nl"), ("lang", None, "one of en, nl"), ("min_group", 0, "a whole number >= 1"),
    ("min_group", 2.5, "a whole number >= 1"), ("map_nodes", 0, "a whole number >= 1 or None"),
    ("map_nodes", "100", "a whole number >= 1 or None"), ("csv_style", "excel", "one of standard, excel-nl or None"),
    ("title", 3, "a text or None"), ("source", ["x"], "a text or None")])
def test_report_settings_are_checked(field, value, rule):
    # refused when made, with the parameter convention's message, before any analysis runs
    with pytest.raises(ParameterError) as error:
        ReportSettings(**{field: value})
    assert str(error.value) == f"{field} must be {rule}; got {value!r}."


@pytest.mark.usefixtures("analysed_once")  # hostile's FAST analysis computed once for these
def test_crash_leaves_no_half_report(hostile, hostile_report, tmp_path, monkeypatch):
    first = shutil.copytree(hostile_report, tmp_path / "r")  # an earlier report, as write_report left it
    before = sorted(p.relative_to(first) for p in first.rglob("*"))

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(html, "export_all", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_report(hostile, tmp_path / "r", options=FAST, settings=ReportSettings(exports=True))
    with pytest.raises(RuntimeError):
        write_report(hostile, tmp_path / "new", options=FAST, settings=ReportSettings(exports=True))
    assert sorted(p.relative_to(first) for p in first.rglob("*")) == before  # the old report is untouched
    assert not (tmp_path / "new").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no temporary folders left


def test_refuses_other_folders(hostile, tmp_path):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.docx").write_text("keep me")
    (tmp_path / "mine" / "index.html").write_text("<p>my own page</p>")  # an index.html alone is not a report
    with pytest.raises(ParameterError, match="the folder holds files collabgraph did not write"):
        write_report(hostile, tmp_path / "mine", options=FAST)
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["index.html", "thesis.docx"]


def test_same_seed_same_page(hostile, hostile_report, tmp_path):
    # the module's report and a second one analysed afresh, both written with the same options and seed
    assert _page(hostile_report) == _page(write_report(hostile, tmp_path / "b", options=FAST))


@pytest.mark.usefixtures("analysed_once")  # the analysis (tested in tests/test_analysis.py) shared: the files differ
def test_the_same_files_with_the_map_and_data_files_in_a_second_process_or_not(example, example_report, tmp_path,
                                                                              monkeypatch, second_process):
    # the Dutch report (excel-nl CSV files) as the test run's default writes it, and with one and two processes: the
    # same files, and with two the child delivered the map and the data files (a failed child is computed here again)
    from collabgraph import background

    shared = example_report(**DUTCH)
    files = sorted(p.relative_to(shared) for p in shared.rglob("*") if p.is_file())
    second_process()  # not what the shared report did, when it was written here
    for processes, forked in (("1", set()), ("2", {"the map", "the data files"})):
        monkeypatch.setenv(background.PROCESSES, processes)
        other = write_report(example, tmp_path / processes, options=FAST, settings=ReportSettings(**DUTCH))
        assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
        assert [f for f in files if (shared / f).read_bytes() != (other / f).read_bytes()] == []
        delivered, fallbacks = second_process()  # (and the analysis's pieces, when it is not the shared one)
        assert forked <= delivered and bool(delivered) == bool(forked) and fallbacks == []


@pytest.mark.usefixtures("analysed_once")  # hostile's FAST analysis computed once for these
@pytest.mark.usefixtures("analysed_once")  # the English report's analysis, rendered in Dutch
def test_dutch(hostile, tmp_path):
    out = write_report(hostile, tmp_path / "nl", options=FAST, settings=ReportSettings(lang="nl"))
    page = _page(out)
    assert '<html lang="nl">' in page and "Samenvatting" in page and "Summary" not in page


def test_large_map_is_frozen(example, example_report):
    # The example has more than FROZEN_ABOVE people: positions are computed in Python, physics is off. The Dutch
    # report the programme tests also read (the map does not depend on the language; one report fewer to write).
    assert len(example.people) > FROZEN_ABOVE
    page = _page(example_report(**DUTCH))
    data = json.loads(page.split('id="map-data">')[1].split("</script>")[0])
    assert data["frozen"] and data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


def test_capped_map_is_described(example, example_report):
    # 100 drawn, the people without a tie listed beside the map, the rest grouped: the caption and the method
    # section say so; ids stay pseudonymised. People without a tie counted from the CSV files.
    page = _page(example_report(map_nodes=100, pseudonymised=True, salt_given=True, salt=b"zout"))
    raw = raw_records(EXAMPLE)
    everyone = pd.read_csv(EXAMPLE / "people.csv", dtype=str)["id"]
    alone = len(set(everyone) - set(raw["a"]) - set(raw["b"]))
    rest = len(everyone) - 100 - alone
    assert 0 < alone < 100 and rest > 0
    assert f"The map shows the 100 people with the most contacts and lists the {alone} without a tie beside it; " \
           f"the other {rest} are drawn as squares, one per domain" in page
    assert f"100 with the most contacts and {alone} without a tie (beside the map); the other {rest} grouped by " \
           "domain" in page
    data = json.loads(page.split('id="map-data">')[1].split("</script>")[0])
    assert (data["shown"], data["alone"], data["people"]) == (100 + alone, alone, len(everyone))
    assert all(n["pid"].startswith("P-") for n in data["nodes"] if "group" not in n)
    assert not any(pid in page for pid in example.people.index)


def test_network_of_networks_caption_when_capped(tmp_path, monkeypatch):
    # Three networks of two people, each pair of networks tied (n1-n2 by a-c and b-d, n2-n3 by c-e, n3-n1 by e-a):
    # three pairs, two drawn (the caption is the point, not the size: the example's report took five times longer).
    # --min-group 1: networks of two are drawn (below --min-group a network and its ties are left out).
    monkeypatch.setattr(html.charts, "MAX_LINES", 2)
    people = pd.DataFrame({"id": list("abcdef"), "networks": ["n1", "n1", "n2", "n2", "n3", "n3"]})
    inter = pd.DataFrame({"source": list("aabce"), "target": list("bcdea")})
    page = _page(write_report(from_frames(people=people, interactions=inter), tmp_path / "non", options=FAST,
                              settings=ReportSettings(min_group=1)))
    assert "The 2 pairs of networks with most ties are drawn, of 3; " in page


def test_hours_table_counts_meetings_once():
    """'bijeenkomsten' = distinct meetings of the network, beside attendances and contact records."""
    events = pd.DataFrame({"id": ["e1", "e2", "e3"], "date": ["2020-01-06", "2020-02-03", "2020-03-02"],
                           "network": ["n1", "n1", "n2"], "duration_minutes": [90, None, 60]})
    att = pd.DataFrame({"event": ["e1", "e1", "e1", "e2", "e2", "e3"], "person": list("abcadd")})
    inter = pd.DataFrame({"source": ["a", "b"], "target": ["c", "d"], "date": ["2020-01-10", "2020-02-10"],
                          "network": ["n2", None], "duration_minutes": [30, None]})
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"],
                           "networks": ["n1", "n1", "n2", "n2"]})
    ds = from_frames(people=people, interactions=inter, events=events, attendance=att)
    a = analyze(ds, FAST)
    table = html._hours(a, Texts("nl"), suppressed_tables(a, min_group=3)["hours"])
    # independent: per network, distinct event ids, attendance rows, interaction rows
    merged = att.merge(events, left_on="event", right_on="id")
    expected = pd.DataFrame({"events": events.groupby("network")["id"].nunique(),
                             "attendances": merged.groupby("network").size(),
                             "interactions": inter.groupby("network").size()}).fillna(0).astype(int)
    assert [c.label for c in table.columns[-3:]] == ["bijeenkomsten", "aanwezigheden", "contacten"]
    got = {row[0]: [int(x) for x in row[-3:]] for row in table.rows}
    assert got == {n: list(r) for n, r in expected.iterrows()} == {"n1": [2, 5, 0], "n2": [1, 1, 1]}


def test_dependency_sentence_counts_people_who_cut_someone_off(tmp_path):
    # The dataset of tests/cli/test_brokers.py: k (role "Coördinator") and broker q cut someone off,
    # broker y disconnects x from z outside its network's largest group; c1 and c3 only lower the member count
    # (fragmentation 0.4 -> 0.5 from 5 members to 4, issue 12 point 4; newuser2's finding 3): no rise claimed.
    from dataclasses import replace

    import collabgraph
    from tests.cli.test_brokers import _cut_off_recomputed, _pairs_recomputed, write_dependency_data

    write_dependency_data(tmp_path)
    ds = collabgraph.load(tmp_path)
    a = analyze(ds, replace(FAST, freq="quarter"))
    tested = {(r.network, r.id) for r in a.brokers.dependency.itertuples()}
    recomputed, pairs = _cut_off_recomputed(tmp_path, ["k"]), _pairs_recomputed(tmp_path, ["k"])
    cutting = sum(recomputed[key] > 0 for key in tested)
    splitting = sum(recomputed[key] == 0 and pairs[key] > 0 for key in tested)
    expected = {"en": f"{len(tested)} coordinators and top brokers were removed one at a time from their learning "
                      f"network. Without {cutting} of them, members are cut off from the largest connected group "
                      "of their network. Without one other no one is cut off, but fragmentation rises.",
                "nl": f"{len(tested)} coördinatoren en belangrijkste makelaars zijn één voor één uit hun "
                      f"leernetwerk weggelaten. Zonder {cutting} van hen raken leden los van de grootste verbonden "
                      "groep van hun netwerk. Zonder één ander raakt niemand los, maar neemt de versnippering toe."}
    for lang in ("en", "nl"):
        assert expected[lang] in html._summary(a, Texts(lang), "domain", "",
                                               dependency=html._dependency_counts(a, 3))[1]
    assert (len(tested), cutting, splitting) == (5, 2, 1)  # k, q, c1 and c3 (both brokers of n4 at --top 3), y
    params = html._method(a, Texts("nl"), ReportSettings(), None)["parameters"].rows
    assert ["rollen geteld als coördinator", "Coördinator"] in params


def test_clusters_headline_counts_groups_of_two_or_more_and_says_who_has_no_tie():
    # two groups (triangle a-b-c, d-e-f-g, joined by c-d) and y, z without any tie
    people = pd.DataFrame({"id": list("abcdefgyz"), "domain": ["zorg"] * 3 + ["welzijn"] * 4 + ["zorg"] * 2,
                           "networks": ["N1"] * 3 + ["N2"] * 4 + ["N1", "N2"]})
    inter = pd.DataFrame({"source": list("aabddeec"), "target": list("bcceffgd"), "date": "2021-01-04"})
    lonely = set(people["id"]) - set(inter["source"]) - set(inter["target"])
    a = analyze(from_frames(people=people, interactions=inter), FAST)
    sentences = html._summary(a, Texts("nl"), "domain", "2021", dependency=html._dependency_counts(a, 3))[1]
    headline = next(s for s in sentences if s.startswith("Het netwerk valt uiteen"))
    assert headline.startswith("Het netwerk valt uiteen in 2 clusters van twee of meer mensen")
    assert headline.endswith(f"De {len(lonely)} mensen zonder enige relatie tellen niet als cluster.")
    assert len(a.clusters.communities.clusters) == 2 + len(lonely)  # singletons exist but are not called clusters


def test_warnings_are_counted_in_the_method_section(tmp_path):
    """A dataset without a people table: the report says so next to the rejected-row problems."""
    from tests.report.conftest import hostile_frames

    _, inter, events, att = hostile_frames()
    ds = from_frames(interactions=inter, events=events, attendance=att)
    out = write_report(ds, tmp_path / "r", options=FAST)
    assert json.loads((out / "data" / "analysis.json").read_text())["input"]["warnings"] == {"no_people_table": 1}
    page = html_lib.unescape(_page(out))
    assert re.search(r"no_people_table \(warning: nothing rejected\)</td>\s*<td[^>]*>1</td>", page)


def test_isolation_rows_say_why_an_isolate_is_introduced(tmp_path):
    # The isolate z of tests/metrics/test_suggest.py: coordinator k first, then members of N1 (issue 12, point 11).
    import collabgraph
    from tests.metrics.test_suggest import outside_folder

    a = analyze(collabgraph.load(outside_folder(tmp_path)), FAST)
    rows = {r["name"]: r for r in html._isolation(a, Texts("nl"))["rows"]}
    first = rows["Zoe"]["suggestions"][0]
    assert first["name"] == "Kees" and first["why"].startswith("coördinator van hetzelfde leernetwerk")
    assert "Yusuf" not in [s["name"] for s in rows["Zoe"]["suggestions"]]


def _crossing_shares(people: pd.DataFrame, inter: pd.DataFrame) -> tuple[float, dict]:
    """Share of distinct pairs across a domain boundary, over all records and per year (plain pandas)."""
    dom = people.set_index("id")["domain"]
    pairs = pd.DataFrame({"a": inter[["source", "target"]].min(axis=1), "b": inter[["source", "target"]].max(axis=1),
                          "year": pd.to_datetime(inter["date"]).dt.year})
    pairs["cross"] = pairs["a"].map(dom).to_numpy() != pairs["b"].map(dom).to_numpy()
    per_year = pairs.drop_duplicates(["a", "b", "year"]).groupby("year")["cross"].mean()
    return pairs.drop_duplicates(["a", "b"])["cross"].mean(), per_year.to_dict()


@pytest.mark.parametrize("first, later, sentence", [
    # within-domain a-b and c-d recur; the cross ties a-c (2020), b-d and a-d (2021) do not
    ([("a", "b"), ("c", "d"), ("a", "c")], [("a", "b"), ("c", "d"), ("b", "d"), ("a", "d")],
     "Over the whole period each of the 5 ties counts once (60% cross a domain boundary), while a year counts "
     "every tie active in it; ties within a domain are active in more year windows than ties across, so the share "
     "over the whole period is higher than in any single year (33% to 50%)."),
    # the cross ties a-c and b-d recur; the within ties a-b (2020) and c-d (2021) do not
    ([("a", "b"), ("a", "c"), ("b", "d")], [("a", "c"), ("b", "d"), ("b", "c"), ("c", "d")],
     "Over the whole period each of the 5 ties counts once (60% cross a domain boundary), while a year counts "
     "every tie active in it; ties across a domain boundary are active in more year windows than ties within, so "
     "the share over the whole period is lower than in any single year (67% to 75%)."),
])
def test_whole_period_share_outside_every_window_is_explained(first, later, sentence):
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"],
                           "networks": "N1"})
    inter = pd.DataFrame([(s, t, "2020-05-01") for s, t in first] + [(s, t, "2021-05-01") for s, t in later],
                         columns=["source", "target", "date"])
    overall, per_year = _crossing_shares(people, inter)
    assert overall > max(per_year.values()) if "higher" in sentence else overall < min(per_year.values())
    a = analyze(from_frames(people=people, interactions=inter), FAST)
    assert a.mixing.share_external == pytest.approx(overall)
    assert a.timeline.windows["cross_share"].tolist() == pytest.approx(list(per_year.values()))
    assert sentence in html._summary(a, Texts("en"), "domain", "", dependency=html._dependency_counts(a, 3))[1]
    attribution = suppressed_tables(a, min_group=3).get("attribution")
    assert sentence in html._time(a, Texts("en"), "domain", attribution)["sentences"]


def test_example_whole_period_share_is_above_each_year_because_within_ties_recur(example):
    """Issue 12 point 9: 44% overall, 23% in 2020 and 41% in 2021 are right; recomputed from the CSV files."""
    import itertools

    from collabgraph.datasets import EXAMPLE
    from collabgraph.metrics.mixing import ei_index
    from collabgraph.metrics.timeline import timeline

    people = pd.read_csv(EXAMPLE / "people.csv")
    inter = pd.read_csv(EXAMPLE / "interactions.csv")
    events = pd.read_csv(EXAMPLE / "events.csv").set_index("id")
    att = pd.read_csv(EXAMPLE / "attendance.csv")
    shared = [(p, q, events.loc[e, "date"]) for e, g in att.groupby("event")
              for p, q in itertools.combinations(g["person"], 2)]
    records = pd.concat([inter[["source", "target", "date"]],
                         pd.DataFrame(shared, columns=["source", "target", "date"])], ignore_index=True)
    overall, per_year = _crossing_shares(people, records)
    assert ei_index(example, by="domain").share_external == pytest.approx(overall)
    windows = timeline(example, freq="year", clusters=False).windows
    assert windows["cross_share"].tolist() == pytest.approx(list(per_year.values()))
    assert overall > max(per_year.values())
    # why: a tie counts once overall but in each year it is active; ties within a domain recur more often
    dom = people.set_index("id")["domain"]
    years = records.assign(a=records[["source", "target"]].min(axis=1), b=records[["source", "target"]].max(axis=1),
                           year=pd.to_datetime(records["date"]).dt.year).groupby(["a", "b"])["year"].nunique()
    cross = years.index.get_level_values("a").map(dom) != years.index.get_level_values("b").map(dom)
    assert years[~cross].mean() > years[cross].mean()


def test_partial_windows_are_marked_and_not_compared(hostile):
    # Issue 12: the fixture's records run from 15 January 2020 to 15 December 2021 (read with pandas from its
    # frames), so neither year is covered completely: both are marked partial in the table and a sentence says
    # why, and the before/after comparison takes the first and last quarter the data cover completely.
    _, inter, events, _ = hostile_frames()
    dates = pd.to_datetime(pd.concat([inter["date"], events["date"]]))
    first, last = dates.min(), dates.max()
    a = analyze(hostile, FAST)
    years = a.timeline.windows["label"].tolist()
    partial = [pd.Timestamp(f"{y}-01-01") < first or pd.Timestamp(f"{y}-12-31") > last for y in years]
    assert a.timeline.windows["partial"].tolist() == partial and all(partial)
    quarters = [q for q in pd.period_range(first, last, freq="Q")
                if q.start_time >= first and q.end_time.normalize() <= last]
    assert (a.comparison.before.label, a.comparison.after.label) == (str(quarters[0]), str(quarters[-1]))
    assert not a.comparison.before.partial and not a.comparison.after.partial
    for lang, word in (("en", "partial"), ("nl", "onvolledig")):
        section = html._time(a, Texts(lang), "domain", suppressed_tables(a, min_group=3).get("attribution"))
        assert [row[0] for row in section["table"].rows] == [f"{y} ({word})" for y in years]
        trend, note = section["sentences"][0], section["sentences"][-1]
        for q in (quarters[0], quarters[-1]):  # Dutch prose writes a quarter out (CLDR): 2e kwartaal 2020
            assert (str(q) if lang == "en" else f"{q.quarter}e kwartaal {q.year}") in trend
        assert word not in trend
        shown = [d.date().isoformat() if lang == "en" else f"{d.day} {DUTCH_MONTHS[d.month - 1]} {d.year}"
                 for d in (first, last)]
        assert shown[0] in note and shown[1] in note and word in note
        assert f" {'and' if lang == 'en' else 'en'} ".join(years) in note  # two years: "2020 and 2021"


def test_blank_rows_skipped_are_a_column_of_the_input_table(tmp_path):
    """read = used + rejected + skipped_blank: the input table shows all four."""
    from collabgraph import load

    (tmp_path / "ds").mkdir()
    (tmp_path / "ds" / "interactions.csv").write_text("source,target\na,b\n\n,\nb,c\n\n")
    ds = load(tmp_path / "ds")
    assert ds.report.counts["interactions"]["skipped_blank"] == 3
    page = html_lib.unescape(_page(write_report(ds, tmp_path / "r", options=FAST)))
    assert "blank rows skipped" in page or "lege rijen overgeslagen" in page
    assert re.search(r"interactions</td>\s*<td[^>]*>5</td>\s*<td[^>]*>2</td>\s*<td[^>]*>0</td>\s*<td[^>]*>3</td>", page)


def test_hours_sentence_keeps_a_decimal_below_ten(tmp_path):
    # one 3-person event of 90 minutes and one 2-person event of 75 minutes: 3 * 1.5 + 2 * 1.25 = 7.0
    # person-hours at events plus one 45-minute contact (2 * 0.75 = 1.5): 8.5 in total, as `hours` prints it
    people = pd.DataFrame({"id": ["a", "b", "c"], "domain": ["zorg", "welzijn", "zorg"]})
    events = pd.DataFrame({"id": ["e1", "e2"], "date": ["2021-01-10", "2021-02-10"], "duration_minutes": [90, 75]})
    attendance = pd.DataFrame({"event": ["e1", "e1", "e1", "e2", "e2"], "person": ["a", "b", "c", "a", "b"]})
    interactions = pd.DataFrame({"source": ["a"], "target": ["c"], "date": ["2021-03-01"], "duration_minutes": [45]})
    ds = from_frames(people=people, interactions=interactions, events=events, attendance=attendance)
    out = write_report(ds, tmp_path / "r", options=FAST, settings=ReportSettings(lang="en"))
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", _page(out)))
    assert "Participants invested 8.5 person-hours: 7.0 in meetings and 1.5 in contacts" in text


def test_an_attribute_no_one_has_is_said_missing_not_counted_as_zero(tmp_path):
    # F13: no organisation or profession column; was "5 mensen uit 0 organisaties", a "0 organisaties" tile and
    # "... domeinen en 0,0 beroepen"
    (tmp_path / "people.csv").write_text("id,domain,networks\na,zorg,N1\nb,welzijn,N1\nc,zorg,N1\nd,onderwijs,N1\n"
                                         "e,welzijn,N1\n")
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-01-04\nb,c,2021-02-01\nc,d,2021-03-01\n"
                                               "d,e,2021-03-05\n")
    people = pd.read_csv(tmp_path / "people.csv")
    inter = pd.read_csv(tmp_path / "interactions.csv")
    # domains within two steps, from the files: each person's contacts and their contacts, the person left out
    contacts = {p: set() for p in people["id"]}
    for s, t in zip(inter["source"], inter["target"], strict=True):
        contacts[s].add(t)
        contacts[t].add(s)
    domain = people.set_index("id")["domain"]
    reach = [len({domain[q] for c in contacts[p] for q in (contacts[c] | {c}) - {p}}) for p in people["id"]]
    out = write_report(load(tmp_path), tmp_path / "r", options=FAST, settings=ReportSettings(lang="nl"))
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", (out / "index.html").read_text()))
    assert (f"De gegevens beschrijven {len(people)} mensen in {domain.nunique()} domeinen, met {len(inter)} relaties"
            in text)
    assert "Niet in de gegevens (bij niemand ingevuld): organisaties en beroepen." in text
    mean = f"{sum(reach) / len(reach):.1f}".replace(".", ",")
    assert (f"bereikt een deelnemer met minstens één contact gemiddeld {mean} van de {domain.nunique()} domeinen."
            in text)
    assert not re.search(r"\b0(,0)?\s+(organisaties|beroepen)", text)  # no tile or clause counts them as 0


def test_reach_sentence_says_it_averages_over_people_with_a_contact(tmp_path):
    """The summary's reach is the mean over the people with at least one tie, and its words say so: with an
    isolate the mean over everyone is lower (networkx two-step neighbourhoods, the person left out)."""
    (tmp_path / "people.csv").write_text("id,domain,profession\na,zorg,arts\nb,welzijn,agent\nc,zorg,docent\n"
                                         "d,onderwijs,arts\ne,welzijn,docent\nf,zorg,arts\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\nc,d\nd,e\n")
    people = pd.read_csv(tmp_path / "people.csv").set_index("id")
    graph = nx.Graph()
    graph.add_nodes_from(people.index)
    graph.add_edges_from(pd.read_csv(tmp_path / "interactions.csv").itertuples(index=False))

    def reached(p, attr):
        return len({people.loc[q, attr] for q in nx.single_source_shortest_path_length(graph, p, cutoff=2)
                    if q != p})
    tied = [p for p in graph if graph.degree(p)]
    domains = sum(reached(p, "domain") for p in tied) / len(tied)
    professions = sum(reached(p, "profession") for p in tied) / len(tied)
    assert f"{domains:.1f}" != f"{sum(reached(p, 'domain') for p in graph) / len(graph):.1f}"  # f counts
    ds = load(tmp_path)
    a = analyze(ds, FAST)
    total = people["domain"].nunique()
    nl = {x: f"{x:.1f}".replace(".", ",") for x in (domains, professions)}
    expected = {"en": f"Within two steps a participant with at least one contact reaches on average {domains:.1f} "
                      f"of the {total} domains and {professions:.1f} professions.",
                "nl": f"Binnen twee stappen bereikt een deelnemer met minstens één contact gemiddeld "
                      f"{nl[domains]} van de {total} domeinen en {nl[professions]} beroepen."}
    for lang in ("en", "nl"):
        page = html.render(ds, a, ReportSettings(lang=lang))
        assert expected[lang] in " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


@pytest.mark.parametrize(("counts", "en", "nl"), [
    ({"tested": 1, "cutting_off": 0, "fragmentation_only": 0},
     "One coordinator or top broker was removed from their learning network. Without any one of them, no member "
     "is cut off from the largest connected group.",
     "Eén coördinator of belangrijkste makelaar is uit het leernetwerk weggelaten. Zonder wie van hen ook raakt "
     "geen lid los van de grootste verbonden groep."),
    ({"tested": 2, "cutting_off": 1, "fragmentation_only": 1},
     "2 coordinators and top brokers were removed one at a time from their learning network. Without one of them, "
     "members are cut off from the largest connected group of their network. Without one other no one is cut off, "
     "but fragmentation rises.", None),
])
def test_dependency_sentence_says_no_zero_clause_and_no_plural_for_one(counts, en, nl):
    # "without 0 of them, members are cut off" and "1 coordinators" said the opposite of / more than the counts.
    assert html._dependency_sentence(Texts("en"), counts) == en
    if nl:
        assert html._dependency_sentence(Texts("nl"), counts) == nl


def test_silo_without_organisation_or_domain_is_not_judged(tmp_path):
    """People with a profession only: the page says whether a cluster is a silo cannot be judged (en/nl), the
    cluster table shows "–" and clusters.csv leaves silo empty for every cluster of 3 or more, never "no"/False."""
    (tmp_path / "people.csv").write_text("id,profession\n" + "".join(f"p{i},{'arts' if i % 2 else 'agent'}\n"
                                                                        for i in range(8)))
    (tmp_path / "interactions.csv").write_text("source,target\np0,p1\np1,p2\np0,p2\np2,p3\np4,p5\np5,p6\n"
                                               "p4,p6\np6,p7\np3,p4\np7,p5\n")
    assert not {"organisation", "domain"} & set(pd.read_csv(tmp_path / "people.csv").columns)
    ds = load(tmp_path)
    expected = {"en": "Whether one organisation or domain dominates them cannot be judged: the data give no one's "
                      "organisation or domain.",
                "nl": "Of er één organisatie of domein overheerst, valt niet te beoordelen: de gegevens noemen van "
                      "niemand de organisatie of het domein."}
    for lang in ("en", "nl"):
        out = write_report(ds, tmp_path / lang, options=FAST, settings=ReportSettings(lang=lang))
        text = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", _page(out))).split())
        assert expected[lang] in text
        assert not re.search(r"\b0 (of them are dominated|daarvan overheerst)", text)
        sep = ";" if lang == "nl" else ","
        table = pd.read_csv(out / "data" / "clusters.csv", sep=sep, encoding="utf-8-sig")
        big = table[table["size"] >= 3]
        assert len(big) and big["silo"].isna().all()


def test_control_characters_in_the_data_are_shown_not_passed_into_the_page():
    """The report's tables and the map's filter options passed C0 control characters (ESC, BEL) from the data into
    the page (review). They are shown as \\xNN, as the CLI shows them: every name and network
    holding one (found with pandas in the input) is in the visible text in that form, and no C0 character but
    tab, line feed and carriage return is anywhere in the page's markup."""
    people, inter, events, att = hostile_frames()
    people.loc[6, "name"] = "Ann\x1b[31m\x07"
    people["networks"] = people["networks"].replace("Net & 2", "Net\x07 2")
    inter["network"] = inter["network"].replace("Net & 2", "Net\x07 2")
    events["network"] = events["network"].replace("Net & 2", "Net\x07 2")
    ds = from_frames(people=people, interactions=inter, events=events, attendance=att)
    page = html.render(ds, analyze(ds, FAST), ReportSettings(lang="nl"))
    assert "\x1b" not in page and "\x07" not in page  # nowhere, the map's data (JSON escapes) included
    markup = re.sub(r"<script\b.*?</script>", " ", page, flags=re.S)  # (the inlined vis-network has a \x85)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", markup)
    texts = pd.concat([people[c] for c in ("name", "networks")]).drop_duplicates()
    control = texts[texts.str.contains("[\x00-\x1f]", regex=True)]
    assert len(control) == 2
    visible = html_lib.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page,
                                                                flags=re.S)))
    for value in control:
        shown = re.sub("[\x00-\x1f]", lambda m: f"\\x{ord(m.group()):02x}", value)
        assert shown in visible, value
    options = re.findall(r"<option[^>]*>([^<]*)</option>", page)
    assert "Net\\x07 2" in options


def test_suggestions_file_numbers_each_persons_introductions(example, example_analysis):
    """suggestions.csv: every person's introductions in their order, with the person and the rank 1, 2, ...
    (built from one concat; compared with a plain loop over the tables, people without one included)."""
    a = html.person_level(example_analysis, ReportSettings())
    table = html._data_tables(example, a, 3)["suggestions"]
    cols = ["id", "name", "score", "steps", "shared_contacts", "other_domain", "other_profession"]
    plain = [[s.person, rank, *row] for s in a.suggestions
             for rank, row in enumerate(s.table[cols].itertuples(index=False, name=None), start=1)]
    assert plain and any(s.table.empty for s in a.suggestions)
    assert table.values.tolist() == plain
    assert table["person"].dtype == "str" and table["rank"].dtype == "int64"


def test_isolation_cells_say_who_was_searched(example_report):
    # Introductions are looked for only for the first max_suggested flagged people (AnalysisOptions, 50): a cell of
    # someone later in the list says 'not searched', never 'no one found' (which said so of 71 unsearched people).
    from collabgraph.analysis import AnalysisOptions

    out = example_report()
    flagged = pd.read_csv(out / "data" / "isolation.csv")["id"].tolist()
    with_rows = set(pd.read_csv(out / "data" / "suggestions.csv")["person"])
    table = re.search(r'<table class="iso">(.*?)</table>', _page(out), re.S).group(1)
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]  # after the header row
    cells = [re.findall(r"<td>(.*?)</td>", row, re.S)[-1] for row in rows]
    first = AnalysisOptions().max_suggested
    assert len(cells) == len(flagged) > first  # the example lists more flagged people than are searched
    for i, (pid, cell) in enumerate(zip(flagged, cells, strict=True)):
        expected = ("sugg" if pid in with_rows else "no one found") if i < first else "not searched"
        assert expected in cell, (pid, cell)
    assert f"only for the first {first} people of this list" in _page(out)


def test_cells_are_to_dict_records_for_every_dtype():
    # pandas' own conversion: the page's cells are the values to_dict("records") gives, of the same types
    frame = every_dtype().assign(numpy=pd.Series([np.bool_(True), pd.NA, np.timedelta64(3, "s"), np.int8(3)],
                                                 dtype=object), td=pd.to_timedelta([1, None, 2, 3], unit="s"))
    columns = [html.Column(name, name) for name in [*frame.columns, "absent"]]
    expected = [(*row.values(), None) for row in frame.to_dict("records")]
    got = html._cells(frame, columns)
    assert [[type(v) for v in row] for row in got] == [[type(v) for v in row] for row in expected]
    assert [[v for v in row if v == v] for row in got] == [[v for v in row if v == v] for row in expected]  # NaN
