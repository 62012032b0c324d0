"""Every writer (CSV, XLSX, GEXF, GraphML, JSON, HTML) on ids and names holding formula starts, tabs and carriage
returns, control characters (also past the first 64 KiB), ``</script>`` and ``__proto__``: read back with
networkx, openpyxl, pandas and json, each name is there (neutralised where a spreadsheet reads it, control
characters XML cannot hold as visible escapes)."""

from __future__ import annotations

import json
import re
import zipfile

import networkx as nx
import openpyxl
import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.analysis import AnalysisOptions, analyze
from collabgraph.outputs import neutralise, xml_safe
from collabgraph.report.export import export
from collabgraph.report.html import write_report

#: (Validation strips surrounding whitespace, so tabs and carriage returns are inside the names.)
NAMES = ["=cmd|' /C calc'!A0", "+31", "-1+1", "@SUM(A1)", "Tab\there", "CR\rhere", "LF\nhere", "Nul\x00x",
         "Soh\x01x", "Esc\x1b[31m", "Osc\x1b]0;t\x07", "Bad\ufffe",
         "</script><script>alert(1)</script>", "__proto__", "constructor"]
FAST = AnalysisOptions(permutations=0, stability_runs=0, freq="year")
#: Enough quiet people before the hostile ones that their bytes lie past the first 64 KiB of every file.
PAD = 1200


@pytest.fixture(scope="module")
def data():
    ids = [f"q{i:04d}" for i in range(PAD)] + NAMES  # the hostile names are ids too
    names = [f"Persoon {i}" for i in range(PAD)] + NAMES
    people = pd.DataFrame({"id": ids, "name": names,
                           "domain": ["zorg", "welzijn"] * (PAD // 2) + ["__proto__"] * len(NAMES)})
    pairs = [(i, i + 1) for i in range(len(ids) - 1)]
    inter = pd.DataFrame({"source": [ids[a] for a, _ in pairs], "target": [ids[b] for _, b in pairs]})
    ds = cg.from_frames(people=people, interactions=inter)
    return ds, analyze(ds, FAST)


@pytest.mark.parametrize("to", ["gexf", "graphml"])
def test_xml_reads_back_with_networkx(data, tmp_path, to):
    ds, a = data
    g = (nx.read_gexf if to == "gexf" else nx.read_graphml)(export(ds, a, to, tmp_path / f"n.{to}"))
    assert len(g) == len(ds.people) and g.number_of_edges() == len(a.ties)
    for name in NAMES:  # ids and names as written: XML-illegal characters as escapes, the rest kept
        node = g.nodes[xml_safe(name)]
        assert (node["label"] if to == "gexf" else node["name"]) == xml_safe(name)
    assert xml_safe("Nul\x00x") == "Nul\\x00x" and xml_safe("Tab\there") == "Tab\there"


def test_json_keeps_every_name(data, tmp_path):
    ds, a = data
    g = nx.node_link_graph(json.loads(export(ds, a, "json", tmp_path / "n.json").read_text(encoding="utf-8")),
                           edges="edges")
    assert {n: g.nodes[n]["name"] for n in NAMES} == {n: n for n in NAMES}


def test_csv_and_xlsx_neutralised(data, tmp_path):
    ds, a = data
    export(ds, a, "csv", tmp_path / "t")
    people = pd.read_csv(tmp_path / "t" / "people.csv", keep_default_na=False, dtype=str).set_index("id")
    assert {people.loc[neutralise(n), "name"] for n in NAMES} == {neutralise(n) for n in NAMES}
    wb = openpyxl.load_workbook(export(ds, a, "xlsx", tmp_path / "n.xlsx"))
    names = [r[1] for r in wb["people"].iter_rows(min_row=PAD + 2, values_only=True)]
    assert names == [neutralise(xml_safe(n)) for n in NAMES]


def test_report_page_and_data(data, tmp_path):
    ds, _ = data
    out = write_report(ds, tmp_path / "r", options=FAST)
    page = (out / "index.html").read_text(encoding="utf-8")
    # No name ends a script element: the only </script> tags are the page's own four (map data, vis-network,
    # map, table sorter).
    assert page.count("</script>") == 4
    data_json = re.search(r'<script type="application/json" id="map-data">(.*?)</script>', page, re.S).group(1)
    labels = {n["pid"]: n["label"] for n in json.loads(data_json)["nodes"]}
    assert {n: labels[n] for n in NAMES} == {n: n for n in NAMES}
    people = pd.read_csv(out / "data" / "people.csv", keep_default_na=False, dtype=str).set_index("id")
    assert {people.loc[neutralise(n), "name"] for n in NAMES} == {neutralise(n) for n in NAMES}
    analysis = json.loads((out / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert {p["name"] for p in analysis["people"]} >= set(NAMES)


def test_zip_csv_neutralised(data, tmp_path):
    ds, a = data
    with zipfile.ZipFile(export(ds, a, "csv", tmp_path / "t.zip")) as z:
        ties = pd.read_csv(z.open("ties.csv"), keep_default_na=False, dtype=str)
    assert not ties[["source", "target"]].stack().str.startswith(("=", "+", "-", "@", "\t", "\r")).any()
