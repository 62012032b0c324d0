"""Hostile and malformed input files (issue 13): every record is used, reported or counted as blank.

Each case is a small file written here (no fixtures on disk); the expected rows, codes and values are
read off the file text by hand.
"""

from __future__ import annotations

import pandas as pd
import pytest

from collabgraph import load
from collabgraph.errors import ValidationError
from collabgraph.io.read import MAX_CELL, read_dataset

PEOPLE = "id,name\np1,Ann\np2,Bo\np3,Cas\np4,Dee\n"


def outcome(folder, lenient):
    """(counts, issues) of loading the folder, strict or lenient."""
    try:
        ds = load(folder, lenient=lenient)
        return ds.report.counts, ds.report.issues
    except ValidationError as err:
        return err.counts, err.issues


def write(folder, **files):
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        (folder / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    return folder


def test_unbalanced_quote_at_end_reports_the_row_where_it_opens_and_keeps_the_rest(tmp_path):
    folder = write(tmp_path / "ds", **{"interactions.csv": 'source,target,date\np1,"p2,2021-01-01\n'
                                                           "p3,p4,2021-01-02\np1,p3,2021-01-03\n"})
    for lenient in (False, True):
        counts, issues = outcome(folder, lenient)
        assert [(i.row, i.code) for i in issues] == [(2, "unbalanced_quote")]
        assert counts["interactions"] == {"read": 3, "used": 2, "rejected": 1, "skipped_blank": 0}
    ds = load(folder, lenient=True)
    assert ds.interactions[["source", "target"]].astype(str).values.tolist() == [["p3", "p4"], ["p1", "p3"]]
    assert ds.interactions["row"].tolist() == [3, 4]


def test_quote_closing_lines_later_swallowing_rows_is_reported(tmp_path):
    # the quote opened on row 2 closes on row 4: rows 3 and 4 would have become one value
    folder = write(tmp_path / "ds", **{"interactions.csv": 'source,target,date\np1,"p2,2021-01-01\n'
                                                           'p3,p4,2021-01-02\np1,"p3",2021-01-03\n'})
    ds = load(folder, lenient=True)
    assert [(i.row, i.code) for i in ds.report.issues] == [(2, "unbalanced_quote")]
    assert ds.interactions["row"].tolist() == [3, 4]
    assert ds.interactions["target"].astype(str).tolist() == ["p4", "p3"]


def test_a_value_that_legitimately_spans_lines_is_kept(tmp_path):
    folder = write(tmp_path / "ds", **{"people.csv": 'id,name,address\np1,Ann,"Straat 1\n1234 AB Ede"\np2,Bo,x\n',
                                       "interactions.csv": "source,target\np1,p2\n"})
    ds = load(folder)
    assert ds.people.loc["p1", "address"] == "Straat 1\n1234 AB Ede"
    assert ds.report.counts["people"]["read"] == 2



def test_a_quoted_value_over_lines_with_commas_is_one_value(tmp_path):
    # The continuation line holds a row's worth of separators, but the quote closes at the end of the value:
    # one record of the header's width, not an unbalanced quote (which made lenient mode read 'Bus 2' as a person).
    people = 'id,name,address\np1,Ann,"Straat 1\nBus 2, 1234 AB, Ede"\np2,Bo,x\n'
    folder = write(tmp_path / "ds", **{"people.csv": people, "interactions.csv": "source,target\np1,p2\n"})
    ds = load(folder)
    assert ds.people.loc["p1", "address"] == "Straat 1\nBus 2, 1234 AB, Ede"
    assert sorted(ds.people.index) == ["p1", "p2"] and ds.report.counts["people"]["read"] == 2


def test_a_short_people_row_with_a_stray_byte_is_reported_not_a_crash(tmp_path):
    # A bad_encoding row is kept as read (here one cell for a four-column header); looking for the rejected id
    # in it indexed past its end (IndexError, exit 3).
    folder = tmp_path / "ds"
    folder.mkdir()
    # UTF-8 names (Chloë, André) and one stray Windows-1252 byte: the file is UTF-8 with one bad row.
    (folder / "people.csv").write_bytes("id,name,organisation,domain\np1,Chloë,Org,zorg\np2,André,Org,zorg\n"
                                        .encode() + b"Zo\xeb\n")
    (folder / "interactions.csv").write_text("source,target\np1,p2\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        load(folder)
    codes = {(i.file, i.row, i.code) for i in err.value.report.issues}
    assert ("people.csv", 4, "bad_encoding") in codes
    ds = load(folder, lenient=True)
    assert ds.people.loc["p1", "name"] == "Chloë"
    assert ds.report.counts["people"] == {**ds.report.counts["people"], "read": 3, "used": 2, "rejected": 1}

@pytest.mark.parametrize("text, rows, blank", [
    ("source,target\np1,p2\n\np3,p4\n", [2, 4], 1),                       # a blank line
    ("source,target\np1,p2\np3,p4\n\n", [2, 3], 1),                       # trailing \n\n
    ("source;target;date;;\np1;p2;;;\n;;;;\n;;;;\np3;p4;;;\n", [2, 5], 2),  # Excel's ;;;; leftovers
    ("source,target\r\np1,p2\r\n \t, \r\np3,p4\r\n", [2, 4], 1),          # cells of spaces only
    ('source,target\np1,"a\nb"\n\np3,p4\n', [2, 4], 1),                   # blank line in the exact reader
])
def test_rows_with_every_cell_empty_are_skipped_and_counted_strict_and_lenient(tmp_path, text, rows, blank):
    folder = write(tmp_path / "ds", **{"interactions.csv": text})
    counts, issues = outcome(folder, lenient=False)
    used = counts["interactions"]["used"]
    assert counts["interactions"]["skipped_blank"] == blank
    assert counts["interactions"]["read"] == used + counts["interactions"]["rejected"] + blank
    assert [i.code for i in issues if i.code != "self_tie"] == []
    if not issues:  # strict mode accepts the file: blank rows are not records
        assert load(folder).interactions["row"].tolist() == rows


def test_na_like_text_stays_text_in_csv_and_excel(tmp_path):
    words = ["NA", "None", "null", "N/A", "NaN", "n/a", "NULL"]
    people = "id,name\n" + "".join(f"{w},{w}\n" for w in words)
    inter = "source,target\n" + "".join(f"{a},{b}\n" for a, b in zip(words, words[1:], strict=False))
    folder = write(tmp_path / "csv", **{"people.csv": people, "interactions.csv": inter})
    ds = load(folder)
    assert ds.people.index.tolist() == words and ds.people["name"].tolist() == words
    assert ds.report.counts["interactions"]["used"] == 6

    import pandas as pd

    book = tmp_path / "data.xlsx"
    with pd.ExcelWriter(book) as xl:
        pd.DataFrame({"id": words, "name": words}).to_excel(xl, sheet_name="people", index=False)
        pd.DataFrame({"source": words[:-1], "target": words[1:]}).to_excel(xl, sheet_name="interactions",
                                                                           index=False)
    ds = load(book)
    assert ds.people.index.tolist() == words and ds.people["name"].tolist() == words
    assert ds.report.counts["interactions"] == {"read": 6, "used": 6, "rejected": 0, "skipped_blank": 0}


def test_one_stray_byte_in_a_utf8_file_is_reported_and_the_rest_decoded_as_utf8(tmp_path):
    people = "id,name\np1,Zoë\np2,Renée\n".encode() + b"p3,B\xe9a\n"
    folder = write(tmp_path / "ds", **{"people.csv": people, "interactions.csv": "source,target\np1,p2\n"})
    counts, issues = outcome(folder, lenient=True)
    assert [(i.row, i.column, i.code) for i in issues] == [(4, "name", "bad_encoding")]
    assert "\\xe9" in issues[0].message
    ds = load(folder, lenient=True)
    assert ds.people.loc["p1", "name"] == "Zoë" and ds.people.loc["p2", "name"] == "Renée"
    assert counts["people"] == {"read": 3, "used": 2, "rejected": 1, "skipped_blank": 0, "added": 0}


def test_a_windows_1252_file_is_decoded_as_windows_1252(tmp_path):
    folder = write(tmp_path / "ds", **{"people.csv": "id;name\np1;Zoë\np2;Renée €\n".encode("cp1252"),
                                       "interactions.csv": "source;target\np1;p2\n"})
    assert load(folder).people["name"].tolist() == ["Zoë", "Renée €"]


def test_a_byte_windows_1252_leaves_undefined_is_reported(tmp_path):
    folder = write(tmp_path / "ds", **{"people.csv": b"id;name\np1;Zo\xeb\np2;x\x81y\n",
                                       "interactions.csv": "source;target\np1;p2\n"})
    counts, issues = outcome(folder, lenient=True)
    assert [(i.row, i.code) for i in issues] == [(3, "bad_encoding")]
    assert counts["people"]["rejected"] == 1  # p2 is added back from the records, without a name
    assert load(folder, lenient=True).people["name"].tolist()[0] == "Zoë"


@pytest.mark.parametrize("size", [200_000, 10_000_000])
def test_one_long_cell_reports_that_row_and_keeps_the_others(tmp_path, size):
    inter = f"source,target,note\np1,p2,a\np1,p3,{'x' * size}\np2,p3,b\n"
    folder = write(tmp_path / "ds", **{"interactions.csv": inter})
    for lenient in (False, True):
        counts, issues = outcome(folder, lenient)
        assert [(i.row, i.column, i.code) for i in issues] == [(3, "note", "long_value")]
        assert f"{size:,}" in issues[0].message and f"{MAX_CELL:,}" in issues[0].message
        assert counts["interactions"] == {"read": 3, "used": 2, "rejected": 1, "skipped_blank": 0}


def test_duplicate_headers_are_reported(tmp_path):
    folder = write(tmp_path / "ds", **{"people.csv": "id,ID,name\np1,x,Ann\np2,y,Bo\n",
                                       "interactions.csv": "source,target\np1,p2\n"})
    counts, issues = outcome(folder, lenient=True)
    assert [(i.file, i.row, i.column, i.code) for i in issues] == [("people.csv", None, "ID", "duplicate_column")]
    assert load(folder, lenient=True).people.index.tolist() == ["p1", "p2"]  # the first is the id


def test_raw_tables_count_blank_rows(tmp_path):
    folder = write(tmp_path / "ds", **{"interactions.csv": "source,target\n\np1,p2\n,\n"})
    raw = read_dataset(folder).tables["interactions"]
    assert (raw.read, raw.blank, raw.rows.tolist()) == (3, 2, [3])


def workbook(path, sheets, hidden=()):
    """An .xlsx file with the given sheets (name -> list of rows, the first the header)."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if name in hidden:
            sheet.sheet_state = "hidden"
    book.save(path)
    return path


def test_excel_error_cells_are_reported_never_weight_1(tmp_path):
    path = workbook(tmp_path / "data.xlsx", {"interactions": [
        ["source", "target", "weight"], ["a", "b", "#DIV/0!"], ["a", "c", "#N/A"], ["b", "c", 2],
        ["#REF!", "c", 1]]})
    counts, issues = outcome(path, lenient=True)
    assert [(i.row, i.column, i.code) for i in issues] == [
        (2, "weight", "excel_error"), (3, "weight", "excel_error"), (5, "source", "excel_error")]
    ds = load(path, lenient=True)
    assert ds.interactions["weight"].tolist() == [2.0]
    assert counts["interactions"] == {"read": 4, "used": 1, "rejected": 3, "skipped_blank": 0}


def test_formulas_without_a_saved_value_are_reported_never_empty(tmp_path):
    # newuser2 finding 20: =HYPERLINK(...) written by openpyxl (no value saved) was read as an empty name.
    import openpyxl

    path = workbook(tmp_path / "data.xlsx", {
        "people": [["id", "name"], ["a", "Ann"], ["b", '=HYPERLINK("http://x","Bo")'], ["c", "Cor"]],
        "interactions": [["source", "target", "weight"], ["a", "b", 2], ["a", "c", "=1+1"], ["b", "c", 3]]})
    book = openpyxl.load_workbook(path)  # the cells as stored, read with openpyxl: formulas, and no values
    formulas = {(sheet.title, cell.row, sheet.cell(1, cell.column).value) for sheet in book.worksheets
                for row in sheet.iter_rows(min_row=2) for cell in row if cell.data_type == "f"}
    values = openpyxl.load_workbook(path, data_only=True)
    assert all(values[sheet][f"{'B' if column == 'name' else 'C'}{row}"].value is None
               for sheet, row, column in formulas)
    issues = pytest.raises(ValidationError, load, path).value.issues
    found = [(i.file, i.row, i.column, i.code) for i in issues if i.code == "unsaved_formula"]
    assert sorted(found) == sorted((f"data.xlsx[{sheet}]", row, column, "unsaved_formula")
                                   for sheet, row, column in formulas)
    assert issues[0].message.startswith("holds the formula '=HYPERLINK(\"http://x\",\"Bo\")' without a saved value")
    ds = load(path, lenient=True)
    assert ds.interactions["weight"].tolist() == [2.0, 3.0]  # a→c (no value) is left out, never a weight of 1
    assert "b" in ds.people.index and pd.isna(ds.people.loc["b", "name"])  # added from the records, said


@pytest.mark.parametrize("year", [1600, 2300, 9999])
def test_excel_dates_out_of_range_are_bad_dates(tmp_path, year):
    import datetime

    path = workbook(tmp_path / "data.xlsx", {"interactions": [
        ["source", "target", "date"], ["a", "b", datetime.datetime(year, 1, 1)],
        ["a", "c", datetime.datetime(2021, 3, 14)]]})
    counts, issues = outcome(path, lenient=False)
    assert [(i.row, i.column, i.code) for i in issues] == [(2, "date", "bad_date")]
    assert f"{year}-01-01" in issues[0].message and "2261-12-31" in issues[0].message
    assert load(path, lenient=True).interactions["date"].astype(str).tolist() == ["2021-03-14"]


def test_excel_blank_rows_are_skipped_and_counted(tmp_path):
    path = workbook(tmp_path / "data.xlsx", {"interactions": [
        ["source", "target"], ["a", "b"], [None, None], ["  ", ""], ["b", "c"]]})
    ds = load(path)
    assert ds.report.counts["interactions"] == {"read": 4, "used": 2, "rejected": 0, "skipped_blank": 2}
    assert ds.interactions["row"].tolist() == [2, 5]


def test_a_hidden_sheet_is_never_preferred_over_a_visible_one(tmp_path):
    rows_hidden = [["source", "target"], ["x", "y"]]
    rows_shown = [["Bron", "Doel"], ["a", "b"], ["b", "c"]]
    path = workbook(tmp_path / "data.xlsx", {"interactions": rows_hidden, "Interacties": rows_shown},
                    hidden={"interactions"})
    raw = read_dataset(path)
    assert raw.tables["interactions"].file == "data.xlsx[Interacties]"
    assert [(w.file, w.code) for w in raw.warnings] == [("data.xlsx[interactions]", "hidden_sheet")]
    assert "Interacties" in raw.warnings[0].message
    assert load(path).interactions["source"].astype(str).tolist() == ["a", "b"]
    # a hidden sheet that is the only one for its table is used, with a warning
    path = workbook(tmp_path / "only.xlsx", {"interactions": rows_hidden, "people": [["id"], ["x"], ["y"]]},
                    hidden={"interactions"})
    raw = read_dataset(path)
    assert raw.tables["interactions"].file == "only.xlsx[interactions]"
    assert [(w.code, "is used" in w.message) for w in raw.warnings] == [("hidden_sheet", True)]


@pytest.mark.parametrize("kind", ["date32", "timestamp"])
def test_parquet_dates_out_of_range_are_bad_dates(tmp_path, kind):
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    days = [datetime.date(9999, 12, 31), datetime.date(1500, 1, 1), datetime.date(2021, 3, 14)]
    values = (pa.array(days, pa.date32()) if kind == "date32"
              else pa.array([datetime.datetime.combine(d, datetime.time()) for d in days], pa.timestamp("us")))
    pq.write_table(pa.table({"source": ["a", "b", "c"], "target": ["b", "c", "a"], "date": values}),
                   tmp_path / "interactions.parquet")
    counts, issues = outcome(tmp_path, lenient=False)
    assert [(i.row, i.code) for i in issues] == [(2, "bad_date"), (3, "bad_date")]
    assert load(tmp_path, lenient=True).interactions["date"].astype(str).tolist() == ["2021-03-14"]


def test_parquet_index_and_list_columns(tmp_path):
    import pandas as pd

    # a string index holds data: it is kept as a column; rows count from the file, not from the index
    frame = pd.DataFrame({"source": ["a", "b", "b"], "target": ["b", "b", "c"]},
                         index=pd.Index(["r1", "r2", "r3"], name="ref"))
    frame.to_parquet(tmp_path / "interactions.parquet")
    ds = load(tmp_path, lenient=True)
    assert ds.interactions["ref"].tolist() == ["r1", "r3"]
    assert [(i.row, i.code) for i in ds.report.issues] == [(3, "self_tie")]

    frame.index = pd.MultiIndex.from_tuples([("x", 1), ("y", 2), ("z", 3)], names=["k", "n"])
    frame.to_parquet(tmp_path / "interactions.parquet")
    assert load(tmp_path, lenient=True).interactions["k"].tolist() == ["x", "z"]

    frame = pd.DataFrame({"source": ["a", "b", "b"], "target": ["b", "b", "c"]}, index=pd.RangeIndex(100, 103))
    frame.to_parquet(tmp_path / "interactions.parquet")
    assert [(i.row, i.code) for i in load(tmp_path, lenient=True).report.issues] == [(3, "self_tie")]

    frame = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "tags": [["x"], ["y", "z"]]})
    frame.to_parquet(tmp_path / "interactions.parquet")
    counts, issues = outcome(tmp_path, lenient=False)
    assert [(i.row, i.column, i.code) for i in issues] == [(None, "tags", "unsupported_column")]
    assert counts["interactions"] == {"read": 2, "used": 2, "rejected": 0, "skipped_blank": 0}


def test_a_utc_offset_keeps_the_local_date(tmp_path):
    folder = write(tmp_path / "ds", **{"interactions.csv": "source,target,date\na,b,2021-03-14T00:30+01:00\n"
                                                           "a,c,2021-03-14T23:30-05:00\nb,c,2021-03-14T08:00Z\n"})
    dates = load(folder).interactions["date"]
    assert dates.astype(str).tolist() == ["2021-03-14 00:30:00", "2021-03-14 23:30:00", "2021-03-14 08:00:00"]


def test_hidden_sheet_warning_reaches_the_validation_report(tmp_path):
    path = workbook(tmp_path / "data.xlsx", {"interactions": [["source", "target"], ["x", "y"]],
                                             "Interacties": [["Bron", "Doel"], ["a", "b"]]}, hidden={"interactions"})
    ds = load(path)
    assert ds.report.valid
    hidden = [(w.code, w.severity) for w in ds.report.warnings if w.code == "hidden_sheet"]
    assert hidden == [("hidden_sheet", "warning")]


def test_a_header_with_only_blank_rows_is_header_only(tmp_path):
    folder = write(tmp_path / "ds", **{"people.csv": "id,name\n\n,\n", "interactions.csv": "source,target\na,b\n"})
    ds = load(folder)  # no unknown_person for each record: an empty people table is no reference
    assert ds.report.counts["people"]["skipped_blank"] == 2
    assert [(w.file, w.code) for w in ds.report.warnings] == [("people.csv", "header_only")]


def test_a_quote_that_closes_on_the_next_row_is_reported(tmp_path):
    # row 3's quote closes in row 4's value: row 4 would have vanished into row 3's target
    folder = write(tmp_path / "ds", **{"interactions.csv": 'source,target,note\np1,p2,a\np1,"p3,b\n'
                                                           'p2,"p3",c\np3,p4,d\n'})
    ds = load(folder, lenient=True)
    assert [(i.row, i.code) for i in ds.report.issues] == [(3, "unbalanced_quote")]
    assert ds.interactions["row"].tolist() == [2, 4, 5]


def corpus(folder):
    """One small dataset per hostile reading case above: name -> path to give as DATASET."""
    import datetime

    import pandas as pd

    cases = {
        "open_quote": {"interactions.csv": 'source,target\np1,"p2\np3,p4\n'},
        "swallowing_quote": {"interactions.csv": 'source,target\np1,"p2\np3,p4\np1,"p3"\n'},
        "blank_only": {"interactions.csv": "source,target\n\n,,\n\n"},
        "na_words": {"people.csv": "id,name\nNA,None\nnull,N/A\n", "interactions.csv": "source,target\nNA,null\n"},
        "stray_byte": {"interactions.csv": "source,target\np1,Zoë\n".encode() + b"p2,\xff\n"},
        "long_cell": {"interactions.csv": f"source,target\np1,p2\np1,{'x' * 300_000}\n"},
        "duplicate_headers": {"interactions.csv": "source,Source,target\np1,p2,p3\n"},
        "offset_date": {"interactions.csv": "source,target,date\np1,p2,2021-03-14T00:30+01:00\n"},
    }
    out = {}
    for name, files in cases.items():
        out[name] = write(folder / name, **files)
    (folder / "xlsx").mkdir()
    rows = [["source", "target", "weight", "date"], ["a", "b", "#DIV/0!", datetime.datetime(9999, 1, 1)],
            ["a", "c", 1, datetime.datetime(1600, 1, 1)], [None, None, None, None], ["NA", "null", "#N/A", None]]
    out["excel"] = workbook(folder / "xlsx" / "data.xlsx", {"interactions": rows})
    out["hidden_sheet"] = workbook(folder / "xlsx" / "hidden.xlsx", {
        "interactions": rows, "Interacties": [["Bron", "Doel"], ["a", "b"]]}, hidden={"interactions"})
    (folder / "parquet").mkdir()
    pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "tags": [["x"], ["y"]],
                  "date": [datetime.date(9999, 12, 31), datetime.date(2021, 1, 1)]},
                 index=pd.Index(["k1", "k2"], name="key")).to_parquet(folder / "parquet" / "interactions.parquet")
    out["parquet"] = folder / "parquet"
    return out


@pytest.mark.parametrize("command", [["validate"], ["summary"], ["summary", "--lenient"],
                                     ["summary", "--lenient", "--format", "json"]])
def test_every_hostile_file_exits_0_1_or_2_without_a_traceback(tmp_path, command):
    from click.testing import CliRunner

    from collabgraph.cli import cli

    for name, path in corpus(tmp_path).items():
        before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
        result = CliRunner().invoke(cli, [command[0], str(path), *command[1:]])
        assert result.exit_code in (0, 1, 2), (name, command, result.output, result.exception)
        assert "Traceback" not in result.output, (name, command)
        assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before  # no file touched
