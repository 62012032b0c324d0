"""Tests for collabgraph/report/export.py: every format opens with the standard readers, with all
attributes and the right counts; hostile text survives intact and formulas are neutralised."""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace

import networkx as nx
import openpyxl
import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.analysis import analyze
from collabgraph.datasets import EXAMPLE
from collabgraph.errors import ParameterError
from collabgraph.outputs import OutputError
from collabgraph.report.export import (
    FORMATS,
    export,
    export_all,
    export_dataset,
    graph,
    neutralise,
    tables,
)
from tests.report.conftest import FAST, FORMULA, HOSTILE_NAMES, IMG, SCRIPT, raw_records

PERSON_ATTRS = {"name", "role", "profession", "organisation", "domain", "degree", "strength", "betweenness",
                "constraint", "brokerage", "community", "contacts", "reach", "networks", "label"}


@pytest.fixture(scope="module")
def analysed(hostile):
    return hostile, analyze(hostile, FAST)


def test_neutralise():
    # OWASP "CSV Injection": =, +, -, @, tab and carriage return start a formula.
    assert [neutralise(x) for x in ["=1+2", "+1", "-1", "@A1", "\tx", "\rx", "zorg", "", None, -1, 2.5]] == \
        ["'=1+2", "'+1", "'-1", "'@A1", "'\tx", "'\rx", "zorg", "", None, -1, 2.5]


def test_gexf_round_trip_with_time_spells(analysed, tmp_path):
    ds, a = analysed
    path = export(ds, a, "gexf", tmp_path / "n.gexf")
    text = path.read_text(encoding="utf-8")
    assert 'mode="dynamic"' in text and 'timeformat="date"' in text and "<spells>" in text
    g = nx.read_gexf(path)
    assert g.number_of_nodes() == len(ds.people) and g.number_of_edges() == len(a.ties)
    assert {g.nodes[n]["label"] for n in g} == set(ds.people["name"])  # hostile names intact
    assert PERSON_ATTRS - {"label"} <= set(g.nodes["H00"])
    # By hand from the fixture: H00's records are (0,1) on 2020-01-15, (3,0) on 2021-04-15, (0,6) on
    # 2021-01-15 and event E1 on 2020-03-01, so H00 is present from 2020-01-15 to 2021-04-15.
    assert (g.nodes["H00"]["start"], g.nodes["H00"]["end"]) == ("2020-01-15", "2021-04-15")
    assert g.edges["H00", "H01"]["spells"] == [("2020-01-15", "2020-03-01")]  # interaction, then event E1


def test_gexf_spells_per_run_of_active_windows(tmp_path):
    # By hand, quarters: a-b has records in Q1 and Q3 2021 but none in Q2, so two spells (Q1 from its first
    # record, Q3 up to its last); a-c has records in Q1 and Q2, one spell from its first to its last record;
    # a-d one record in Q4 2020 (the data start on 2020-11-02): one spell of that day.
    inter = pd.DataFrame({"source": ["a", "a", "a", "a", "a"], "target": ["b", "b", "c", "c", "d"],
                          "date": ["2021-01-10", "2021-07-05", "2021-02-01", "2021-05-01", "2020-11-02"]})
    ds = cg.from_frames(interactions=inter)
    a = analyze(ds, replace(FAST, freq="quarter"))
    expected = {("a", "b"): [("2021-01-10", "2021-03-31"), ("2021-07-01", "2021-07-05")],
                ("a", "c"): [("2021-02-01", "2021-05-01")], ("a", "d"): [("2020-11-02", "2020-11-02")]}
    g = graph(ds, a, dynamic=True)
    assert {e: g.edges[e]["spells"] for e in expected} == expected
    read = nx.read_gexf(export(ds, a, "gexf", tmp_path / "n.gexf"))
    assert {e: read.edges[e]["spells"] for e in expected} == expected


def test_gexf_spells_agree_with_the_timeline(example, example_analysis, tmp_path):
    # Issue 12: Gephi shows a tie in a quarter exactly when it has a record in it, as the timeline counts it;
    # networkx reads the spells back and the count per quarter is recomputed with pandas from the CSV files.
    a = example_analysis  # quarterly windows, no random parts
    read = nx.read_gexf(export(example, a, "gexf", tmp_path / "n.gexf"))
    raw = raw_records(EXAMPLE)
    quarter = raw["date"].dt.to_period("Q")
    for q in sorted(quarter.unique()):
        first, last = q.start_time.date().isoformat(), q.end_time.date().isoformat()
        shown = sum(any(s <= last and e >= first for s, e in d["spells"]) for _, _, d in read.edges(data=True))
        assert shown == len(raw[quarter == q].drop_duplicates(["a", "b"]))
        assert shown == a.timeline.windows.set_index("label").loc[str(q), "ties"]
    assert max(len(d["spells"]) for _, _, d in read.edges(data=True)) > 1


def test_graphml_round_trip(analysed, tmp_path):
    ds, a = analysed
    g = nx.read_graphml(export(ds, a, "graphml", tmp_path / "n.graphml"))
    assert g.number_of_nodes() == len(ds.people) and g.number_of_edges() == len(a.ties)
    assert g.nodes["H01"]["name"] == SCRIPT and g.nodes["H00"]["organisation"] == "<b>Org A</b>"
    assert set(g.nodes["H00"]) >= PERSON_ATTRS
    assert set(next(iter(g.edges(data=True)))[2]) >= {"weight", "count", "interactions", "events", "first", "last"}


def test_json_node_link(analysed, tmp_path):
    ds, a = analysed
    data = json.loads(export(ds, a, "json", tmp_path / "n.json").read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="edges")
    assert g.number_of_nodes() == len(ds.people) and g.number_of_edges() == len(a.ties)
    assert g.nodes["H00"]["name"] == IMG
    assert g.nodes["H00"]["degree"] == int(a.people.loc["H00", "degree"])


@pytest.mark.parametrize("name", ["csv_folder", "tables.zip"])
def test_csv(analysed, tmp_path, name):
    ds, a = analysed
    path = export(ds, a, "csv", tmp_path / name)
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as z:
            assert sorted(z.namelist()) == ["groups.csv", "metrics.csv", "people.csv", "ties.csv"]
            z.extractall(tmp_path / "unzipped")
        path = tmp_path / "unzipped"
    people = pd.read_csv(path / "people.csv")
    ties = pd.read_csv(path / "ties.csv")
    assert len(people) == len(ds.people) and len(ties) == len(a.ties)
    names = people.set_index("id")["name"]
    assert names["H00"] == IMG and names["H02"] == "'" + FORMULA and names["H05"] == "'-2+3"
    assert names["H03"] == "'+31 6 1234" and names["H04"] == "'@SUM(A1:A9)"
    assert people.set_index("id").loc["H02", "organisation"] == "'=Org C"
    assert PERSON_ATTRS - {"label"} <= set(people.columns)
    groups = pd.read_csv(path / "groups.csv")
    assert set(groups["kind"]) == {"domain", "network"}
    assert pd.read_csv(path / "metrics.csv").set_index("metric").loc["people", "value"] == len(ds.people)


def test_xlsx(analysed, tmp_path):
    ds, a = analysed
    wb = openpyxl.load_workbook(export(ds, a, "xlsx", tmp_path / "n.xlsx"))
    assert wb.sheetnames == ["people", "ties", "groups", "metrics"]
    rows = list(wb["people"].iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == len(ds.people) and len(list(wb["ties"].iter_rows())) == len(a.ties) + 1
    name = dict(zip([r[0] for r in body], [r[header.index("name")] for r in body], strict=True))
    assert name["H02"] == "'" + FORMULA and name["H00"] == IMG
    # No cell is a formula: openpyxl reports formulas as data_type "f".
    assert all(c.data_type != "f" for row in wb["people"].iter_rows() for c in row)
    frames = pd.read_excel(tmp_path / "n.xlsx", sheet_name=None)
    assert list(frames["ties"].columns) == list(tables(ds, a)["ties"].columns)


def test_export_dataset_pseudonymises(hostile, tmp_path):
    out = export_dataset(hostile, "csv", tmp_path / "p", options=FAST, salt=b"zout")
    text = "".join(f.read_text(encoding="utf-8") for f in out.iterdir())
    assert not any(name in text for name in HOSTILE_NAMES[:2] + ["Anna de Vries"])
    assert "H00" not in text


def test_unknown_format(analysed, tmp_path):
    ds, a = analysed
    with pytest.raises(ParameterError, match="to must be one of"):
        export(ds, a, "pdf", tmp_path / "x")
    assert FORMATS == ("gexf", "graphml", "json", "csv", "xlsx")


@pytest.mark.parametrize("to", ["gexf", "graphml", "json"])
def test_streamed_files_hold_the_networkx_graph(analysed, tmp_path, to):
    # The files are written row by row from the tables; read back they equal export.graph() (the networkx
    # graph users get in Python), dates as ISO dates.
    ds, a = analysed
    path = export(ds, a, to, tmp_path / f"n.{to}")
    read = nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges") if to == "json" \
        else getattr(nx, f"read_{to}")(path)
    expected = graph(ds, a, dynamic=to == "gexf")
    assert {n: read.nodes[n] for n in read} == {n: expected.nodes[n] for n in expected}
    for u, v, data in expected.edges(data=True):
        got = {k: x for k, x in read.edges[u, v].items() if k != "id"}
        assert got == {k: (x[:10] if k in ("first", "last") else x) for k, x in data.items()}


def test_export_all_graph_files_carry_spans(analysed, tmp_path):
    # export_all's GraphML and JSON are export()'s plus each person's start/end, the same as graph(dynamic=True)
    ds, a = analysed
    gexf, graphml, node_link, _ = export_all(ds, a, tmp_path)
    dynamic = graph(ds, a, dynamic=True)
    spans = {n: {k: d[k] for k in ("start", "end") if k in d} for n, d in dynamic.nodes(data=True)}
    assert any(spans.values())
    for read in (nx.read_graphml(graphml), nx.node_link_graph(json.loads(node_link.read_text(encoding="utf-8")),
                                                              edges="edges")):
        assert {n: {k: read.nodes[n][k] for k in ("start", "end") if k in read.nodes[n]} for n in read} == spans
    read_gexf = nx.read_gexf(gexf)
    assert {n: read_gexf.nodes[n] for n in dynamic} == {n: dynamic.nodes[n] for n in dynamic}


def test_xlsx_keeps_excels_row_limit(analysed, tmp_path, monkeypatch):
    ds, a = analysed
    monkeypatch.setattr("collabgraph.writers.xlsx.XLSX_ROWS", 5)
    wb = openpyxl.load_workbook(export(ds, a, "xlsx", tmp_path / "n.xlsx"))
    assert wb["ties"].max_row == 6 and wb["people"].max_row == 6 and wb["ties"].freeze_panes == "A2"


def _written(path) -> dict[str, bytes]:
    """Every file an export wrote (an XLSX or zip file by its parts, without the time of writing)."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    out = {}
    for f in (f for f in files if f.is_file()):
        name = f.relative_to(path).as_posix() if path.is_dir() else f.suffix
        if f.suffix in (".xlsx", ".zip"):
            with zipfile.ZipFile(f) as z:
                out.update({f"{name}/{n}": z.read(n) for n in z.namelist() if n != "docProps/core.xml"})
        else:
            out[name] = f.read_bytes()
    return out


@pytest.mark.parametrize("to", FORMATS)
@pytest.mark.parametrize("salt", [None, b"geheim"])
def test_export_computes_only_what_its_format_holds(analysed, to, salt, monkeypatch, tmp_path):
    """export_dataset computes only what the files of ``to`` hold (export_analysis: no time series, programme
    view, introductions; for the graph formats no group tables either), and writes byte for byte the file
    of the complete analysis, pseudonymised too. The spells follow the analysis' year windows (FAST)."""
    from collabgraph.privacy import pseudonymise
    from collabgraph.report.export import private_view

    ds, a = analysed
    suffix = "" if to == "csv" else f".{to}"  # csv: a folder with the four tables
    if salt is None:
        full = export(ds, a, to, tmp_path / f"full{suffix}")
    else:
        hidden = pseudonymise(ds, salt, keep=(FAST.by, FAST.compare_with))
        view = private_view(hidden, analyze(hidden, FAST), 3, pseudonymised=True)
        full = export(*view, to, tmp_path / f"full{suffix}")

    def refused(*args, **kwargs):
        raise AssertionError("computed for a file that does not hold it")

    for name in ("metrics.timeline.timeline", "metrics.periods.compare_periods", "metrics.hours.hours",
                 "metrics.scorecard.scorecard", "analysis.analyze", "metrics.suggest.Scorer"):
        monkeypatch.setattr(f"collabgraph.{name}", refused)  # analyze() imports the programme's modules itself
    if to not in ("csv", "xlsx"):
        for name in ("crossing_boundaries", "network_figures", "summary"):
            monkeypatch.setattr(f"collabgraph.report.export.{name}", refused)
    out = export_dataset(ds, to, tmp_path / f"part{suffix}", options=FAST, salt=salt)
    assert _written(out) == _written(full) != {}


@pytest.mark.parametrize("to", ["xlsx", "gexf"])
def test_export_in_two_processes_writes_the_same_files(analysed, to, monkeypatch, tmp_path, second_process):
    """export_analysis computes the communities (and for XLSX the groups and whole-network figures) in a second
    process beside the rest; forced with COLLABGRAPH_PROCESSES=2 on the small test data, the files are those of
    one process, byte for byte (the workbook by its parts)."""
    import collabgraph.report.export as module

    ds, _ = analysed
    asked, later = [], module.later

    def recorded(*args, background, **kwargs):  # whether a second process was asked for
        asked.append(background)
        return later(*args, background=background, **kwargs)

    monkeypatch.setattr(module, "later", recorded)
    out = {}
    for processes in ("1", "2"):
        monkeypatch.setenv("COLLABGRAPH_PROCESSES", processes)
        out[processes] = _written(export_dataset(ds, to, tmp_path / f"{processes}.{to}", options=FAST))
    assert asked == [False, True] and out["1"] == out["2"] != {}
    beside = "clusters and groups" if to == "xlsx" else "clusters and reach and isolation"
    assert second_process() == ({"betweenness", beside}, [])  # the child delivered them (none computed again here)


@pytest.fixture
def folder_dataset(tmp_path):
    """A dataset folder (people.csv, interactions.csv) inside ``tmp_path/in``, loaded by the library."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "people.csv").write_text("id,name,domain\na,Ann,zorg\nb,Bo,welzijn\nc,Cor,zorg\n")
    (folder / "interactions.csv").write_text("source,target\na,b\nb,c\n")
    return folder


def _files(folder):
    return {p.relative_to(folder): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("to", "name", "message"), [
    ("csv", "in/interactions.csv", "it would be read as a table of the input folder"),
    ("xlsx", "in/people.xlsx", "it would be read as a table of the input folder"),
    ("csv", "in/edges.csv", "it would be read as a table of the input folder"),
    ("csv", "in", "it is the input folder"),
    ("csv", ".", "it holds the input"),
])
def test_library_export_never_writes_over_an_input(folder_dataset, tmp_path, to, name, message):
    # newuser2 finding 1: export() replaced interactions.csv with the tie table; the CLI refused the same path.
    ds = cg.load(folder_dataset)
    a = analyze(ds, FAST)
    before = _files(tmp_path)
    target = (tmp_path / name).resolve()
    for write in (lambda: export(ds, a, to, target), lambda: cg.export(ds, to, target, options=FAST)):
        with pytest.raises(OutputError, match=f"cannot write {target}: {message}"):
            write()
    assert _files(tmp_path) == before
    links = pd.read_csv(folder_dataset / "interactions.csv")  # the input, read with plain pandas, as written
    assert links.values.tolist() == [["a", "b"], ["b", "c"]]


def test_library_export_over_a_given_people_file(folder_dataset, tmp_path):
    ds = cg.load(folder_dataset / "interactions.csv", people=folder_dataset / "people.csv")
    before = _files(tmp_path)
    with pytest.raises(OutputError, match="it is an input file"):
        cg.export(ds, "json", folder_dataset / "people.csv", options=FAST)
    assert _files(tmp_path) == before


def test_write_report_and_export_all_never_over_an_input(folder_dataset, tmp_path):
    ds = cg.load(folder_dataset)
    before = _files(tmp_path)
    with pytest.raises(OutputError, match="it is the input folder"):
        cg.write_report(ds, folder_dataset, options=FAST)
    with pytest.raises(OutputError, match="it holds the input"):
        cg.write_report(ds, tmp_path, options=FAST)
    with pytest.raises(OutputError, match="it would be read as a table of the input folder"):
        export_all(ds, analyze(ds, FAST), folder_dataset, stem="people")  # people.xlsx would be a second people table
    assert _files(tmp_path) == before
    workbook = tmp_path / "data.xlsx"
    with pd.ExcelWriter(workbook) as writer:
        pd.read_csv(folder_dataset / "people.csv").to_excel(writer, sheet_name="people", index=False)
        pd.read_csv(folder_dataset / "interactions.csv").to_excel(writer, sheet_name="interactions", index=False)
    book = cg.load(workbook)
    with pytest.raises(OutputError, match="it is an input file"):
        cg.export(book, "xlsx", workbook, options=FAST)
    assert pd.read_excel(workbook, sheet_name=None).keys() == {"people", "interactions"}


def test_frames_have_no_inputs_and_write_anywhere(tmp_path):
    ds = cg.from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    assert ds.inputs == ()
    out = cg.export(ds, "csv", tmp_path / "ties.csv", options=FAST)
    assert pd.read_csv(out)[["source", "target"]].values.tolist() == [["a", "b"]]


def test_public_writers_never_over_an_input(folder_dataset, tmp_path):
    # The writers take tables and a path, not the dataset: each refuses a file or folder read in this process
    # (an input file, the input folder, a table name in it) as export() refuses the dataset's inputs.
    from collabgraph.outputs import write_csv
    from collabgraph.writers import write_gexf, write_graphml, write_node_link, write_xlsx

    cg.load(folder_dataset / "interactions.csv", people=folder_dataset / "people.csv")
    cg.load(folder_dataset)
    nodes = pd.DataFrame({"label": ["A", "B"]}, index=pd.Index(["a", "b"], name="id"))
    edges = pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [1.0]})
    writers = {"gexf": lambda p: write_gexf(nodes, edges, p), "graphml": lambda p: write_graphml(nodes, edges, p),
               "json": lambda p: write_node_link(nodes, edges, p), "xlsx": lambda p: write_xlsx({"ties": edges}, p),
               "csv": lambda p: write_csv(edges, p)}
    before = _files(folder_dataset)
    for name, write in writers.items():
        for target, message in ((folder_dataset / "interactions.csv", "it is an input file"),
                                (folder_dataset, "it is the input folder"),
                                (folder_dataset / "events.csv", "it would be read as a table of the input folder")):
            with pytest.raises(OutputError, match=message):
                write(target)
            assert _files(folder_dataset) == before, (name, target)
        write(tmp_path / f"out.{name}")  # anywhere else: written
        assert (tmp_path / f"out.{name}").stat().st_size > 0


def test_role_map_is_an_input(folder_dataset, tmp_path):
    rolemap = tmp_path / "rollen.csv"
    rolemap.write_text("waarde,groep\nvoorzitter,coordinator\n", encoding="utf-8")
    ds = cg.load(folder_dataset).with_role_map(rolemap)
    assert ds.inputs == (str(folder_dataset), str(rolemap))
    before = rolemap.read_bytes()
    with pytest.raises(OutputError, match="it is an input file"):
        cg.export(ds, "csv", rolemap, options=FAST)
    with pytest.raises(OutputError, match="it holds the input"):
        cg.write_report(ds, tmp_path, options=FAST)
    assert rolemap.read_bytes() == before


def test_write_csv_refuses_a_table_file_read_and_any_path_like(tmp_path):
    """read_table_file (public) remembers its file, and write_csv checks every os.PathLike, not only Path."""
    import os

    from collabgraph.io.read import read_table_file
    from collabgraph.outputs import write_csv

    class Where(os.PathLike):
        def __init__(self, path):
            self.path = path

        def __fspath__(self):
            return str(self.path)

    people = tmp_path / "people.csv"
    people.write_text("id,name\na,A\n", encoding="utf-8")
    before = people.read_bytes()
    read_table_file(people, "people")
    for target in (people, Where(people)):
        with pytest.raises(OutputError, match="it is an input file"):
            write_csv(pd.DataFrame({"x": [1]}), target)
    assert people.read_bytes() == before


def test_forget_inputs_lets_the_writers_write_over_a_file_read_on_purpose(tmp_path, monkeypatch):
    """In a notebook that read a copy of the data, forget_inputs() lets the public writers overwrite it: the
    path given (also by a relative path or a link), a folder with the files read in it, is forgotten; every other
    input is still refused."""
    import os

    import collabgraph.outputs as outputs
    from collabgraph.io.read import read_table_file
    from collabgraph.outputs import forget_inputs, write_csv

    monkeypatch.setattr(outputs, "_READ", dict(outputs._READ))  # this test's forgetting stays in this test
    folder = tmp_path / "copy"
    folder.mkdir()
    (folder / "people.csv").write_text("id,name\na,A\n", encoding="utf-8")
    (folder / "interactions.csv").write_text("source,target\na,a\n", encoding="utf-8")
    single, other = tmp_path / "single.csv", tmp_path / "kept.csv"
    for path in (single, other):
        path.write_text("id,name\nb,B\n", encoding="utf-8")
        read_table_file(path, "people")
    cg.load(folder, lenient=True)
    frame = pd.DataFrame({"id": ["c"], "name": ["C"]})
    for target in (folder / "people.csv", folder / "interactions.csv", single, other):
        with pytest.raises(OutputError, match="input"):
            write_csv(frame, target)
    link = tmp_path / "alias.csv"
    link.symlink_to(single)
    forget_inputs([link])  # the same file by a link
    write_csv(frame, single)
    assert pd.read_csv(single).equals(frame)
    forget_inputs([folder / "people.csv"])  # still a table of the folder read: refused while the folder is an input
    with pytest.raises(OutputError, match="would be read as a table of the input folder"):
        write_csv(frame, folder / "people.csv")
    monkeypatch.chdir(tmp_path)
    forget_inputs(["copy"])  # the folder, relative, with every file read in it
    for name in ("people.csv", "interactions.csv"):
        write_csv(frame, os.path.join("copy", name))
        assert pd.read_csv(folder / name).equals(frame)
    with pytest.raises(OutputError, match="it is an input file"):
        write_csv(frame, other)
    forget_inputs()  # everything
    write_csv(frame, other)
    assert pd.read_csv(other).equals(frame)
