"""Tests for collabgraph/writers/xlsx.py: hostile names and values written and read back with openpyxl give
the same cells (expected values from the input frames: formula starts neutralised, XML-illegal characters
as visible escapes, missing values as empty cells)."""

from __future__ import annotations

import zipfile

import openpyxl
import pandas as pd
import pytest

from collabgraph.errors import ParameterError
from collabgraph.writers import xlsx
from collabgraph.writers.xlsx import write_xlsx
from tests.writers.conftest import HOSTILE, spreadsheet_safe, with_big_integers, xml_visible


def _cell(v):
    if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v is pd.NaT:
        return None
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) > 2**53:  # no double holds it: its digits, as text
        return str(v)
    if isinstance(v, str):
        return spreadsheet_safe(xml_visible(v))
    if isinstance(v, pd.Timestamp):  # an Excel date from 1900-03-01 on, earlier ones as ISO text
        return v.to_pydatetime() if v >= pd.Timestamp("1900-03-01") else v.date().isoformat()
    return v.item() if hasattr(v, "item") else v


def test_round_trip_of_hostile_names_and_values(nodes, edges, tmp_path):
    nodes = with_big_integers(nodes)
    frames = {"people": nodes.reset_index(), "ties": edges, '=s "<&>" é': pd.DataFrame({"a": [1]})}
    write_xlsx(frames, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == list(frames)
    for name, frame in frames.items():
        rows = list(book[name].iter_rows(values_only=True))
        assert rows[0] == tuple(_cell(str(c)) for c in frame.columns)
        assert rows[1:] == [tuple(_cell(v) for v in row) for row in frame.astype(object).itertuples(index=False)]
        assert all(c.data_type != "f" for row in book[name].iter_rows() for c in row)  # no formula anywhere
        assert book[name].freeze_panes == "A2"
    people = list(book["people"].iter_rows(values_only=True))
    assert people[1][3] == str(2**63 - 1) and people[2][4] == 1e308 and people[3][4] == 5e-324  # exact numbers
    big = people[0].index("big")
    assert [r[big] for r in people[1:9]] == [str(10**400), "x", str(-(2**63) - 1), 2**53, str(2**53 + 1), 7, 1.5,
                                             None]  # beyond 2**53 the exact digits as text, not "'-9..."
    assert [r[big + 1] for r in people[1:5]] == [str(2**64 - 1), str(2**63), str(2**53 + 1), 0]
    assert [r[0] for r in people[1:]][:11] == HOSTILE[:11]  # quotes, markup, CDATA ends, \r and \r\n kept


def test_text_with_markup_and_control_characters(tmp_path):
    frames = {"t": pd.DataFrame({"text": ["a & <b>\n", "\x01x", None, "=1", 'r\r"t\t'],
                                 "n": [1.5, None, 3.0, -2.0, 0.0]})}
    write_xlsx(frames, tmp_path / "t.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "t.xlsx")["t"].iter_rows(values_only=True))
    # a bare \r in XML text reads back as \n unless written as a character reference
    # a character XML cannot hold is written as its visible escape
    assert rows == [("text", "n"), ("a & <b>\n", 1.5), ("\\x01x", None), (None, 3), ("'=1", -2), ('r\r"t\t', 0)]


@pytest.mark.parametrize("name", ["", "x" * 32, "a/b", "a[1]", "a:b", "'a", "a\x01", 3])
def test_sheet_names_excel_refuses(tmp_path, name):
    with pytest.raises(ParameterError, match=r"^sheet names must be 1 to 31 characters, .*; got "):
        write_xlsx({name: pd.DataFrame({"a": [1]})}, tmp_path / "t.xlsx")
    assert not (tmp_path / "t.xlsx").exists()


@pytest.mark.parametrize("chunk_rows", [5, 7])
def test_excels_row_limit_and_bytes_per_input(monkeypatch, tmp_path, chunk_rows):
    frame = pd.DataFrame({"i": range(12), "s": [f"<{i}>" for i in range(12)]})
    monkeypatch.setattr(xlsx, "XLSX_ROWS", chunk_rows)
    write_xlsx({"t": frame}, tmp_path / "a.xlsx")
    write_xlsx({"t": frame}, tmp_path / "b.xlsx")
    rows = list(openpyxl.load_workbook(tmp_path / "a.xlsx")["t"].iter_rows(values_only=True))
    assert rows == [("i", "s")] + [(i, f"<{i}>") for i in range(chunk_rows)]  # the first rows kept
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()  # no time of writing


def test_dates_integers_widths_and_autofilters(tmp_path):
    days = pd.to_datetime(pd.Series(["2021-03-14", None, "1899-01-01", "2021-03-14 12:30"]), format="ISO8601")
    frames = {"t": pd.DataFrame({"day": days, "x": [3.0, 2.5, None, -4.0], "mixed": pd.Series(["<3", 12, 0.5, None],
                                                                                              dtype=object),
                                 "long": ["x" * 200, "=1", "0042", "12"]}),
              "it's": pd.DataFrame({"a": [1]}), "empty": pd.DataFrame()}
    write_xlsx(frames, tmp_path / "t.xlsx")
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    t = book["t"]
    cells = [[c for c in row] for row in t.iter_rows(min_row=2)]
    assert cells[0][0].value == pd.Timestamp("2021-03-14").to_pydatetime() and cells[0][0].is_date
    assert cells[0][0].number_format == "mm-dd-yy"  # Excel's built-in format 14: the locale's short date
    assert cells[1][0].value is None
    assert cells[2][0].value == "1899-01-01" and cells[2][0].data_type == "s"  # before Excel's first day: text
    assert cells[3][0].value == pd.Timestamp("2021-03-14 12:30").to_pydatetime()
    assert cells[3][0].number_format == "m/d/yy h:mm"  # format 22: with the time of day
    assert [type(r[1].value) for r in cells] == [int, float, type(None), int]  # 3.0 -> 3, -4.0 -> -4
    assert [r[1].value for r in cells] == [3, 2.5, None, -4]
    assert [r[2].value for r in cells] == ["<3", 12, 0.5, None] and type(cells[1][2].value) is int
    assert [(r[3].value, r[3].data_type) for r in cells[1:]] == [("'=1", "s"), ("0042", "s"), ("12", "s")]
    widths = {c.value: t.column_dimensions[c.column_letter].width for c in t[1]}
    assert widths == {"day": 18, "x": 8, "mixed": 8, "long": 60}  # a time of day needs 16 characters, + 2
    assert t.auto_filter.ref == "A1:D5" and book["it's"].auto_filter.ref == "A1:A2"
    assert book["empty"].auto_filter.ref is None
    with zipfile.ZipFile(tmp_path / "t.xlsx") as z:
        workbook = z.read("xl/workbook.xml").decode()
    # the filter's range under the hidden name Excel gives it, the sheet name quoted with its ' doubled
    assert """<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">'it''s'!$A$1:$A$2<""" in workbook
    assert 'localSheetId="2"' not in workbook  # a sheet without columns has no filter


def test_each_distinct_text_is_stored_once(tmp_path):
    """A text repeated over rows, columns and sheets (a name on every tie) is one shared string; the cells read
    back as the texts, a neutralised one with its ' (expected: the input frames)."""
    names = ["Chloë", "=1", "Chloë", None, "a & b"]
    frames = {"a": pd.DataFrame({"x": pd.Series(names, dtype="string"), "y": pd.Series(names[::-1], dtype="str")}),
              "b": pd.DataFrame({"z": ["a & b", "x", "Chloë"]})}
    write_xlsx(frames, tmp_path / "t.xlsx")
    with zipfile.ZipFile(tmp_path / "t.xlsx") as z:
        shared = z.read("xl/sharedStrings.xml").decode()
    texts = ["x", "y", "z", "Chloë", "'=1", "a &amp; b"]  # x: a header of a and a value of b
    assert [shared.count(f">{t}</t>") for t in texts] == [1] * 6 and shared.count("<si>") == 6
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert list(book["a"].iter_rows(values_only=True)) == [("x", "y"), ("Chloë", "a & b"), ("'=1", None),
                                                          ("Chloë", "Chloë"), (None, "'=1"), ("a & b", "Chloë")]
    assert list(book["b"].iter_rows(values_only=True)) == [("z",), ("a & b",), ("x",), ("Chloë",)]
