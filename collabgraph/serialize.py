"""Stable JSON for results: keys in the order given, NaN and NA as null, numpy numbers as numbers.

Used by the CLI and the report alike, so both write the same JSON for the same result.

Examples
--------
>>> import numpy as np
>>> print(to_json({"n": np.int64(3), "x": float("nan")}))
{
  "n": 3,
  "x": null
}
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pyarrow as pa

__all__ = ["native", "records", "to_json"]


def records(frame: pd.DataFrame) -> list[dict]:
    """``frame.astype(object).where(frame.notna(), None).to_dict("records")``, column by column (2.5x faster):
    the same values of the same Python types.

    >>> records(pd.DataFrame({"a": [1, None], "b": ["x", pd.NA], "c": pd.Series([np.int64(2), None], dtype=object)}))
    [{'a': 1.0, 'b': 'x', 'c': 2}, {'a': None, 'b': None, 'c': None}]
    """
    names = list(frame.columns)
    columns = [_column(col) for _, col in frame.items()]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


def _column(col: pd.Series) -> list:
    """``col.astype(object).where(col.notna(), None).tolist()`` in fewer pandas steps: numpy numbers through
    ``tolist`` (the same Python numbers ``astype(object)`` gives), then None where ``col`` is missing; numpy
    numbers held in an object column as Python numbers, as ``to_dict`` gives them. Arrow text columns are read
    through Arrow, masked (``Int64``, ``Float64``, ``boolean``) ones with ``to_numpy(object, na_value=None)``
    (a report turns some 500 columns into JSON: pandas' ``astype`` and ``isna`` per column cost more than the values).

    >>> _column(pd.Series([1.5, float("nan")])), _column(pd.Series(["x", None], dtype="string"))
    ([1.5, None], ['x', None])
    >>> _column(pd.Series([1, None], dtype="Int64")), _column(pd.Series(["x", None]))
    ([1, None], ['x', None])
    """
    dtype, array = col.dtype, col.array
    if isinstance(dtype, np.dtype) and dtype.kind in "biuf":
        values = col.to_numpy()
        out = values.tolist()
        if dtype.kind == "f":  # integers and booleans of numpy cannot be missing
            for i in np.flatnonzero(np.isnan(values)).tolist():
                out[i] = None
        return out
    if isinstance(array, _MASKED):  # Python numbers (numpy's astype(object)), None where masked
        return array.to_numpy(dtype=object, na_value=None).tolist()
    if isinstance(array, pd.arrays.ArrowStringArray):  # str and None, as astype(object) and isna give them
        return pa.array(array).to_pylist()
    values = col.astype(object).tolist()
    for i in np.flatnonzero(col.isna().to_numpy()).tolist():
        values[i] = None
    if not isinstance(dtype, np.dtype) or dtype.kind == "O":
        values = [v.item() if isinstance(v, _NUMBERS) else v for v in values]
    return values


def native(value):
    """``value`` as ``DataFrame.to_dict`` gives a value of an object or extension column: numpy numbers (and
    subclasses of int and float) as Python numbers, numpy datetimes and timedeltas as pandas ones, ``pd.NA`` as
    None; anything else (text, NaN, NaT, None) as it is.

    Parameters
    ----------
    value : object
        One value of a column, as ``Series.tolist`` gives it.

    Returns
    -------
    object
        The value ``to_dict`` would hold.

    Examples
    --------
    >>> [native(v) for v in (np.int64(2), np.float32(0.5), np.bool_(True), pd.NA, "x", np.timedelta64(1, "s"))]
    [2, 0.5, True, None, 'x', Timedelta('0 days 00:00:01')]
    """
    kind = type(value)
    if kind is str or kind is float or kind is int or kind is bool or value is None:  # most values: as they are
        return value
    if isinstance(value, np.timedelta64):  # before the integers: numpy's timedelta64 is one
        return pd.Timedelta(value)
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value)
    if isinstance(value, _NUMBERS):
        return value.item()
    if isinstance(value, bool | int | float):
        return bool(value) if isinstance(value, bool) else int(value) if isinstance(value, int) else float(value)
    return None if value is pd.NA else value


#: The masked arrays whose values :func:`_column` reads directly.
_MASKED = (pd.arrays.IntegerArray, pd.arrays.FloatingArray, pd.arrays.BooleanArray)
#: The numpy scalars that ``DataFrame.to_dict`` turns into Python numbers.
_NUMBERS = (np.integer, np.floating, np.bool_)


def _plain(value):
    """``value`` with NaN/NA as None and numpy scalars as Python numbers; the common exact types first
    (a 1M-record analysis has 3 million values: 0.6 s instead of 1.8 s with isinstance chains)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        return value if math.isfinite(value) else None
    if kind is dict:
        return {k if type(k) is str else str(k): _plain(v) for k, v in value.items()}
    if kind is list or kind is tuple:
        return [_plain(v) for v in value]
    return _other(value)


def _other(value):
    """:func:`_plain` for subclasses, numpy scalars, timestamps and missing values."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if value is pd.NA or value is pd.NaT:
        return None
    return value


def to_json(payload: dict, indent: int | None = 2) -> str:
    """Stable JSON: keys in the order given, NaN and NA as null, numpy numbers as numbers.

    ``indent=None`` writes it on one line, through json's C encoder (about 10x faster for large results).

    Examples
    --------
    >>> to_json({"a": [1, float("nan")], "b": "é"}, indent=None)
    '{"a": [1, null], "b": "é"}'
    """
    return json.dumps(_plain(payload), indent=indent, ensure_ascii=False)
