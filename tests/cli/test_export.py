"""`collabgraph export`: every format through the CLI, the path printed, exit codes."""

from __future__ import annotations

import io
import os

import networkx as nx
import openpyxl
import pandas as pd
import pytest

from tests.cli.conftest import run
from tests.report.conftest import FORMULA, hostile_frames


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    for name, frame in zip(["people", "interactions", "events", "attendance"], hostile_frames(), strict=True):
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.mark.parametrize(("to", "name"), [("gexf", "n.gexf"), ("graphml", "n.graphml"), ("json", "n.json"),
                                          ("csv", "tables"), ("csv", "tables.zip"), ("xlsx", "n.xlsx")])
def test_every_format(folder, tmp_path, to, name):
    result = run("export", folder, "--to", to, "-o", tmp_path / name, "--permutations", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / name)]
    assert (tmp_path / name).exists()


def test_gexf_and_filters(folder, tmp_path):
    result = run("export", folder, "--to", "gexf", "-o", tmp_path / "n.gexf", "--network", "Net & 2",
                 "--permutations", "0")
    assert result.exit_code == 0, result.output
    g = nx.read_gexf(tmp_path / "n.gexf")
    assert sorted(g.nodes) == [f"H{i:02d}" for i in range(6, 12)]  # the six members of "Net & 2"


def test_csv_neutralised(folder, tmp_path):
    assert run("export", folder, "--to", "csv", "-o", tmp_path / "t", "--permutations", "0").exit_code == 0
    people = pd.read_csv(tmp_path / "t" / "people.csv").set_index("id")
    assert people.loc["H02", "name"] == "'" + FORMULA


def test_pseudonymised(folder, tmp_path):
    result = run("export", folder, "--to", "graphml", "-o", tmp_path / "p.graphml", "--pseudonymise",
                 "--salt", "zout", "--permutations", "0")
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(tmp_path / "p.graphml")
    assert all(n.startswith("P-") and g.nodes[n]["name"] == n for n in g)


def test_format_required(folder, tmp_path):
    result = run("export", folder, "-o", tmp_path / "x")
    assert result.exit_code == 2
    assert "Missing option '--to'" in result.output


def test_unknown_format(folder, tmp_path):
    result = run("export", folder, "--to", "pdf", "-o", tmp_path / "x")
    assert result.exit_code == 2
    assert "'pdf' is not one of 'gexf', 'graphml', 'json', 'csv', 'xlsx'" in result.output


# ---- Excel users (issue 15): names next to ids, Excel dates, integers, widths, autofilters, Dutch headers -------

EXCEL_PEOPLE = ("id,name,domain\n0042,Chloë Öztürk,zorg\nb,=1+1,zorg\nc,-2,welzijn\nd,12,welzijn\n"
                "e," + " ".join(["Lange naam"] * 20) + ",zorg\n")
EXCEL_INTERACTIONS = ("source,target,date\n0042,b,2021-01-05\nb,c,2021-02-05\nc,d,2021-05-05\nd,0042,2021-08-05\n"
                      "e,b,2021-03-01\n")


@pytest.fixture
def excel_folder(tmp_path):
    folder = tmp_path / "EX"
    folder.mkdir()
    (folder / "people.csv").write_text(EXCEL_PEOPLE, encoding="utf-8")
    (folder / "interactions.csv").write_text(EXCEL_INTERACTIONS, encoding="utf-8")
    return folder


def _input(folder):
    people = pd.read_csv(folder / "people.csv", dtype=str).set_index("id")["name"]
    records = pd.read_csv(folder / "interactions.csv", dtype=str)
    records["date"] = pd.to_datetime(records["date"])
    return people, records


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_xlsx_for_excel(excel_folder, tmp_path, lang):
    result = run("export", excel_folder, "--to", "xlsx", "-o", tmp_path / "n.xlsx", "--lang", lang,
                 "--permutations", "0")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(tmp_path / "n.xlsx")
    people, records = _input(excel_folder)
    sheets = {"en": ["people", "ties", "groups", "metrics"], "nl": ["mensen", "relaties", "groepen", "maten"]}[lang]
    assert book.sheetnames == sheets
    ties = book[sheets[1]]
    header = [c.value for c in ties[1]]
    assert header[:4] == {"en": ["source", "source_name", "target", "target_name"],
                          "nl": ["van", "naam van", "naar", "naam naar"]}[lang]
    first = header.index({"en": "first", "nl": "eerste"}[lang])
    count = header.index({"en": "count", "nl": "registraties"}[lang])
    rows = list(ties.iter_rows(min_row=2))
    assert len(rows) == len(records)
    for row in rows:
        a, b = row[0].value, row[2].value
        assert row[1].value == people[a] if not people[a].startswith(("=", "-")) else row[1].value == "'" + people[a]
        assert row[3].data_type == "s" and row[1].data_type == "s"  # names, also "12", stay text
        pair = records[((records["source"] == a) & (records["target"] == b))
                       | ((records["source"] == b) & (records["target"] == a))]
        day = row[first]
        assert day.is_date and day.number_format == "mm-dd-yy"  # Excel's built-in short date (format 14)
        assert day.value == pair["date"].min().to_pydatetime()
        assert type(row[count].value) is int and row[count].value == len(pair)
    assert [r[0].value for r in rows if r[0].value == "0042"]  # an id with a leading zero stays text
    name_of = {r[0].value: r[1].value for r in rows} | {r[2].value: r[3].value for r in rows}
    assert name_of["b"] == "'=1+1" and name_of["c"] == "'-2" and name_of["d"] == "12"
    for sheet in book:
        assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(sheet.max_column)}{sheet.max_row}"
        assert all(8 <= d.width <= 60 for d in sheet.column_dimensions.values())
        assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    widths = {c.value: ties.column_dimensions[c.column_letter].width for c in ties[1]}
    assert max(widths[header[1]], widths[header[3]]) == 60  # the 220-character name: bounded
    assert min(widths[header[1]], widths[header[3]]) == len("Chloë Öztürk") + 2
    person = book[sheets[0]]
    head = [c.value for c in person[1]]
    assert head[:3] == {"en": ["id", "name", "role"], "nl": ["id", "naam", "rol"]}[lang]
    assert person.column_dimensions["A"].width == 8
    degree = head.index({"en": "degree", "nl": "contacten (graad)"}[lang])
    degrees = pd.concat([records["source"], records["target"]]).value_counts()
    assert {r[0].value: r[degree].value for r in person.iter_rows(min_row=2)} == degrees.to_dict()
    metrics = {r[0].value: r[1].value for r in book[sheets[3]].iter_rows(min_row=2)}
    n_people, n_ties = {"en": ("people", "ties"), "nl": ("mensen", "relaties")}[lang]  # the measures in Dutch
    assert type(metrics[n_people]) is int and metrics[n_people] == len(people)  # 5, not 5.0
    assert type(metrics[n_ties]) is int and metrics[n_ties] == len(records)


def test_csv_export_styles(excel_folder, tmp_path):
    for args, name in [((), "en"), (("--lang", "nl"), "nl"), (("--lang", "nl", "--csv-style", "standard"), "std"),
                       (("--csv-style", "excel-nl"), "en-nl")]:
        result = run("export", excel_folder, "--to", "csv", "-o", tmp_path / name, *args, "--permutations", "0")
        assert result.exit_code == 0, result.output
    people, records = _input(excel_folder)
    # collabgraph's own words of a Dutch export (--lang nl, excel-nl), and where they are
    reasons = {"isolate": "geen enkele relatie", "detached": "in een losse groep, niet verbonden met de rest",
               "pendant": "één relatie", "periphery": "aan de rand van het netwerk",
               "low_activity": "weinig contact met de eigen contacten", "fading": "recent veel minder actief",
               "silo": "alle relaties binnen de eigen organisatie of het eigen domein",
               "newcomer": "pas begonnen, nog weinig relaties"}
    dutch = {"people": {"isolation": reasons}, "ties": {},
             "groups": {"kind": {"domain": "domein", "network": "leernetwerk"}},
             "metrics": {"metric": {"people": "mensen", "ties": "relaties", "density": "dichtheid"}}}
    for table in ("people", "ties", "groups", "metrics"):
        standard = (tmp_path / "en" / f"{table}.csv").read_bytes()
        assert (tmp_path / "std" / f"{table}.csv").read_bytes() == standard
        excel = (tmp_path / "en-nl" / f"{table}.csv").read_bytes()
        assert excel.startswith(b"\xef\xbb\xbf")
        expected = pd.read_csv(io.BytesIO(standard), dtype={"id": str, "source": str,
                                                                                   "target": str})
        got = pd.read_csv(io.BytesIO(excel), sep=";", decimal=",",
                          dtype={"id": str, "source": str, "target": str})
        pd.testing.assert_frame_equal(got, expected, check_exact=True)  # English words in either style
        nl = pd.read_csv(tmp_path / "nl" / f"{table}.csv", sep=";", decimal=",",
                         dtype={"id": str, "source": str, "target": str})
        words = dutch[table]
        pd.testing.assert_frame_equal(nl.drop(columns=list(words)), expected.drop(columns=list(words)),
                                      check_exact=True)
        for column, pairs in words.items():  # the same rows, the words (codes joined by ';') in Dutch
            codes = expected[column].dropna()
            assert len(codes)
            assert nl[column].dropna().tolist() == [";".join(pairs.get(c, "?") for c in x.split(";"))
                                                    if table != "metrics" or x in pairs else nl.at[i, column]
                                                    for i, x in codes.items()]
            assert not nl[column].isin(expected[column].dropna()).any()  # no English word left
    ties = pd.read_csv(tmp_path / "nl" / "ties.csv", sep=";", decimal=",", dtype=str, encoding="utf-8-sig")
    assert list(ties.columns[:4]) == ["source", "source_name", "target", "target_name"]
    shown = people.map(lambda n: "'" + n if n.startswith(("=", "-")) else n)
    assert ties["source_name"].tolist() == shown[ties["source"]].tolist()
    assert ties["target_name"].tolist() == shown[ties["target"]].tolist()
    assert "Chloë Öztürk".encode() in (tmp_path / "nl" / "people.csv").read_bytes()


@pytest.mark.parametrize("to", ["xlsx", "gexf"])
def test_the_same_export_with_every_piece_in_a_second_process(folder, tmp_path, to, second_process):
    # COLLABGRAPH_PROCESSES=2: the data read beside the imports, betweenness, the communities and the rest in forked
    # children, each delivered by its child (a failed child is computed here again: the same file, silently)
    results = {n: run("export", folder, "--to", to, "-o", tmp_path / f"{n}.{to}", "--permutations", "9",
                      env={"COLLABGRAPH_PROCESSES": n}) for n in ("1", "2")}
    assert [r.exit_code for r in results.values()] == [0, 0], results["2"].output
    assert (tmp_path / f"1.{to}").read_bytes() == (tmp_path / f"2.{to}").read_bytes()
    beside = "clusters and groups" if to == "xlsx" else "clusters and reach and isolation"
    assert second_process() == ({"the data", "betweenness", beside}, [])


def test_invalid_data_read_in_a_second_process_are_reported_as_in_one(tmp_path, second_process, monkeypatch):
    # the child's read fails: its error says every problem here, exit 1, nothing written, the data not read again
    from collabgraph.cli import common

    read, reads = common.read_dataset, []
    monkeypatch.setattr(common, "read_dataset", lambda *args: reads.append(os.getpid()) or read(*args))
    (tmp_path / "people.csv").write_text("id,name\na,Ann\na,Bo\n")
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-13-45\n")
    results = [run("export", tmp_path, "--to", "xlsx", "-o", tmp_path / "x.xlsx", env={"COLLABGRAPH_PROCESSES": n})
               for n in ("1", "2")]
    assert [r.exit_code for r in results] == [1, 1]
    assert results[0].output == results[1].output and "problem" in results[0].output
    assert not (tmp_path / "x.xlsx").exists()
    assert second_process() == ({"the data"}, []) and reads == [os.getpid()]  # read here with one process only


@pytest.mark.parametrize("files, env, lang", [
    ({"personen.csv": "Id,Naam,Domein\np1,Anna,zorg\np2,Bram,welzijn\n",
      "interacties.csv": "Bron,Doel,Datum\np1,p2,14-03-2021\n"}, {"LANG": "en_GB.UTF-8"}, "nl"),
    ({"people.csv": "id,name,domain\np1,Anna,zorg\np2,Bram,welzijn\n",
      "interactions.csv": "source,target,date\np1,p2,2021-03-14\n"}, {"LANG": "nl_NL.UTF-8"}, "en"),
    ({"nodes.csv": "Id,Label\np1,Anna\np2,Bram\n", "edges.csv": "Source,Target\np1,p2\n"}, {"LANG": "nl_NL.UTF-8"},
     "nl"),
])
def test_export_language_follows_the_data_as_the_report_does(tmp_path, files, env, lang):
    """Issue 15 audit: export --lang defaulted to en where report follows the data. Without --lang both take the
    language of the file and column names (personen.csv, Naam: Dutch; people.csv, name: English), and the locale when
    the names do not tell (Gephi's nodes.csv, Id, Label); --lang wins."""
    data = tmp_path / "data"
    data.mkdir()
    for name, text in files.items():
        (data / name).write_text(text, encoding="utf-8")
    sheets = {"en": ["people", "ties", "groups", "metrics"], "nl": ["mensen", "relaties", "groepen", "maten"]}
    for args, expected in (((), lang), (("--lang", "en"), "en"), (("--lang", "nl"), "nl")):
        out = tmp_path / f"{expected}{len(args)}.xlsx"
        result = run("export", data, "--to", "xlsx", "-o", out, "--permutations", "0", *args, env=env)
        assert result.exit_code == 0, result.output
        assert openpyxl.load_workbook(out).sheetnames == sheets[expected], args
