"""serialize.records and serialize.native against pandas' own conversion: the same values of the same Python
types for every dtype."""

import math

import numpy as np
import pandas as pd

from collabgraph.serialize import native, records
from tests.conftest import every_dtype


def _same(a, b) -> bool:
    """Equal with the same type, NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    return (isinstance(a, float) and math.isnan(a) and math.isnan(b)) or a == b


def test_records_are_pandas_records_for_every_dtype():
    frame = every_dtype()
    expected = frame.astype(object).where(frame.notna(), None).to_dict("records")
    got = records(frame)
    assert [list(r) for r in got] == [list(r) for r in expected]
    for row, want in zip(got, expected, strict=True):
        for key in want:
            assert _same(row[key], want[key]), (key, row[key], want[key])


def test_native_is_what_to_dict_holds():
    # pandas' own conversion: to_dict("records") of object and extension columns, numpy scalars among them
    frame = every_dtype().assign(
        numpy=pd.Series([np.bool_(True), pd.NA, np.timedelta64(3, "s"), np.datetime64("2021-01-01")], dtype=object),
        more=pd.Series([np.float32(0.25), pd.NaT, np.nan, np.int8(3)], dtype=object),
        td=pd.to_timedelta([1, None, 2, 3], unit="s"), period=pd.period_range("2021-01", periods=4, freq="M"))
    boxed = [name for name, dtype in frame.dtypes.items()
             if dtype == np.dtype(object) or isinstance(dtype, pd.api.extensions.ExtensionDtype)]
    expected = frame[boxed].to_dict("records")
    for name in boxed:
        got = [native(v) for v in frame[name].tolist()]
        for g, want in zip(got, (r[name] for r in expected), strict=True):
            assert _same(g, want) or g is want, (name, g, want)  # NaT is NaT
