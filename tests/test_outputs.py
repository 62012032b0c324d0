"""Tests for collabgraph/outputs.py's CSV writer: what it writes read back with Python's csv module."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest

from collabgraph.outputs import write_csv


def _frame() -> pd.DataFrame:
    return pd.DataFrame({"=a": ["=1+1", "ok", None], "b": [1.5, np.nan, -0.25],
                         "c": pd.Categorical(["+x", "y", "+x"]), "d": pd.array(["@s", None, "t"], dtype="string"),
                         "e": pd.Series([0.5, "-x", 2], dtype=object)})


@pytest.mark.parametrize("style", ["standard", "excel-nl"])
def test_csv_reads_back_neutralised_and_leaves_the_frame_alone(style):
    frame = _frame()
    kept = frame.copy(deep=True)
    buffer = io.StringIO()
    write_csv(frame, buffer, style=style)
    text = buffer.getvalue()
    excel = style == "excel-nl"
    assert text.startswith("\ufeff") == excel
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";" if excel else ","))
    comma = (lambda s: s.replace(".", ",")) if excel else (lambda s: s)
    assert rows == [["'=a", "b", "c", "d", "e"],
                    ["'=1+1", comma("1.5"), "'+x", "'@s", comma("0.5")],
                    ["ok", "", "y", "", "'-x"],
                    ["", comma("-0.25"), "'+x", "t", "2"]]
    pd.testing.assert_frame_equal(frame, kept)


def test_a_carriage_return_anywhere_quotes_every_text():
    """A bare carriage return (in a text cell, a category or the header) quotes every text, numbers stay bare."""
    for frame, header in ((pd.DataFrame({"a": ["x\ry", "z"], "n": [1, 2]}), '"a","n"'),
                          (pd.DataFrame({"a": pd.Categorical(["x\ry", "z"]), "n": [1, 2]}), '"a","n"'),
                          (pd.DataFrame({"a\rb": ["x\ry", "z"], "n": [1, 2]}), '"a\rb","n"')):
        buffer = io.StringIO()
        write_csv(frame, buffer)
        assert buffer.getvalue() == header + '\n"x\ry",1\n"z",2\n'
    buffer = io.StringIO()
    write_csv(pd.DataFrame({"a": ["x\ny", "z"], "n": [1, 2]}), buffer)  # a line feed alone: csv quotes that value
    assert buffer.getvalue() == 'a,n\n"x\ny",1\nz,2\n'


def test_duplicate_column_names_and_index():
    frame = pd.DataFrame([[1, "=x"], [2, "y"]], columns=["a", "a"], index=pd.Index(["-i", "j"], name="id"))
    buffer = io.StringIO()
    write_csv(frame, buffer, index=True)
    assert buffer.getvalue() == "id,a,a\n'-i,1,'=x\nj,2,y\n"


@pytest.mark.parametrize(("style", "sep"), [("standard", ","), ("excel-nl", ";")])
def test_integers_beyond_a_double_keep_their_digits(tmp_path, style, sep):
    # the writers' column of big integers (tests/writers/conftest.py): CSV is text, so every digit is kept, and a
    # negative number is not taken for a formula start
    from tests.writers.conftest import BIG_MIXED

    frame = pd.DataFrame({"big": pd.Series(BIG_MIXED, dtype=object),
                          "unsigned": np.array([2**64 - 1, 2**63, 2**53 + 1, 0, 1, 2, 3, 4], dtype=np.uint64)})
    write_csv(frame, tmp_path / "t.csv", style=style)
    with open(tmp_path / "t.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=sep))
    decimal = "1,5" if style == "excel-nl" else "1.5"
    assert [r[0] for r in rows[1:]] == [str(10**400), "x", str(-(2**63) - 1), str(2**53), str(2**53 + 1), "7",
                                        decimal, ""]
    assert [r[1] for r in rows[1:4]] == [str(2**64 - 1), str(2**63), str(2**53 + 1)]
