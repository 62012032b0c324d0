"""serialize.records against pandas' own conversion: the same values of the same Python types for every dtype."""

import math

import numpy as np
import pandas as pd

from collabgraph.serialize import records


def _same(a, b) -> bool:
    """Equal with the same type, NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    return (isinstance(a, float) and math.isnan(a) and math.isnan(b)) or a == b


def test_records_are_pandas_records_for_every_dtype():
    frame = pd.DataFrame({
        "float": [1.5, np.nan, 2.0, np.inf], "int": np.array([1, 2, 3, 4], dtype=np.int64),
        "int32": np.array([1, 2, 3, 4], dtype=np.int32), "bool": [True, False, True, False],
        "Int64": pd.array([1, None, 3, 4], dtype="Int64"), "Float64": pd.array([0.5, None, 1.0, 2.0], dtype="Float64"),
        "boolean": pd.array([True, None, False, True], dtype="boolean"),
        "str": pd.array(["a", None, "=b", ""], dtype="str"), "string": pd.array(["a", None, "c", "d"], dtype="string"),
        "python": pd.array(["a", None, "c", "d"], dtype="string[python]"),
        "object": pd.Series([np.int64(2), None, "x", np.float64(0.5)], dtype=object),
        "category": pd.Categorical(["a", None, "a", "b"]),
        "date": pd.to_datetime(["2021-01-01", None, "2021-03-01", "2021-04-01"]),
    })
    expected = frame.astype(object).where(frame.notna(), None).to_dict("records")
    got = records(frame)
    assert [list(r) for r in got] == [list(r) for r in expected]
    for row, want in zip(got, expected, strict=True):
        for key in want:
            assert _same(row[key], want[key]), (key, row[key], want[key])
