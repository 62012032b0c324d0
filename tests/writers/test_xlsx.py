"""Tests for collabgraph/writers/xlsx.py: hostile names and values written and read back with openpyxl give
the same cells (expected values from the input frames: formula starts neutralised, XML-illegal characters
as visible escapes, missing values as empty cells)."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from collabgraph.errors import ParameterError
from collabgraph.writers import xlsx
from collabgraph.writers.xlsx import write_xlsx
from tests.writers.conftest import HOSTILE, spreadsheet_safe, xml_visible


def _cell(v):
    if v is None or v is pd.NA or (isinstance(v, float) and v != v) or v is pd.NaT:
        return None
    if isinstance(v, str):
        return spreadsheet_safe(xml_visible(v))
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    return v.item() if hasattr(v, "item") else v


def test_round_trip_of_hostile_names_and_values(nodes, edges, tmp_path):
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
    assert people[1][3] == 2**63 - 1 and people[2][4] == 1e308 and people[3][4] == 5e-324  # exact numbers
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
