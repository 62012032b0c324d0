"""Cell values of the raw tables as data: text, dates and numbers, parsed column by column (vectorised).

The room of this module: the value parsers that validation (:mod:`collabgraph.io.validate`), the Dask engine
and :meth:`collabgraph.dataset.Dataset.filter` share. It imports neither :mod:`collabgraph.dataset` nor the
validation, so each can use it without an import cycle. A parser returns the parsed values and a mask of the
non-empty cells it could not read; which of those are problems, and what they are called, is validation's
business.

Examples
--------
>>> d, bad = parse_dates(pd.Series(["14-03-2021", "31-02-2021"]))
>>> str(d[0].date()), bad.tolist()
('2021-03-14', [False, True])
"""

from __future__ import annotations

import datetime
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from collabgraph.schema import FIRST_DATE, LAST_DATE

__all__ = ["arrow_text", "categorical", "clean_text", "date_shaped", "parse_dates", "parse_numbers",
           "shared_categories"]

_ISO = r"^\d{4}-\d{1,2}-\d{1,2}([T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$"
_DMY = r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}( \d{1,2}:\d{2}(:\d{2})?)?$"
_SERIAL = r"^\d{5}(\.\d+)?$"  # Excel serial days: 10000 (1927) .. 99999 (2173)
_EXCEL_EPOCH = pd.Timestamp("1899-12-30")


def clean_text(values: pd.Series) -> pd.Series:
    """Trimmed text with empty cells as <NA>; integral numbers lose their '.0' (Excel ids).

    A categorical column stays categorical: each distinct value is trimmed once, and values that are
    equal once trimmed share one category.
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        if isinstance(values.cat.categories.dtype, pd.StringDtype):  # text (CSV): in pyarrow, without pandas' calls
            return shared_categories(values)[0]
        codes, categories = pd.factorize(clean_text(pd.Series(values.cat.categories)), sort=True)  # categorical's order
        codes = np.append(codes, -1)[values.cat.codes.to_numpy()]  # code -1 (missing) stays -1
        return pd.Series(pd.Categorical.from_codes(codes, pd.Index(categories, dtype="string"), validate=False),
                         index=values.index)
    if isinstance(values.dtype, pd.StringDtype):
        return pd.Series(pd.arrays.ArrowStringArray(_trimmed(values.array)), index=values.index)
    if pd.api.types.is_float_dtype(values) and values.dropna().mod(1).eq(0).all():
        values = values.astype("Int64")
    if values.dtype == object:
        values = values.map(lambda v: v if v is None or isinstance(v, str) or pd.isna(v)
                            else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)))
    out = values.astype("string").str.strip()
    return out.mask(out == "")


def _trimmed(values) -> pa.LargeStringArray:
    """Text (an Index, array or Series of text) as :func:`clean_text` makes it, as one pyarrow array: trimmed as
    pandas' ``str.strip`` trims (pyarrow's ``utf8_trim_whitespace``), empty values null."""
    trimmed = pc.utf8_trim_whitespace(arrow_text(values))
    return pc.if_else(pc.equal(trimmed, ""), pa.scalar(None, pa.large_string()), trimmed)


def _matches(text: pa.Array, *patterns: str) -> list[np.ndarray]:
    """Per pattern, whether ``re.match(pattern, value)`` finds each value of ``text`` (False where null), as
    pandas' ``str.match`` decides it. Many values that are ASCII without line breaks are matched by pyarrow's
    RE2 (there its ``\\d`` and ``$`` mean what Python's do, pandas' rule); others, and a few values (a
    column's distinct values: each pyarrow call costs more than matching them), by Python's :mod:`re`."""
    if len(text) > 1000 and pc.all(pc.string_is_ascii(text)).as_py() is not False and \
            not pc.any(pc.match_substring(text, "\n")).as_py():
        return [pc.match_substring_regex(text, f"^({p.removeprefix('^')})").fill_null(False)
                .to_numpy(zero_copy_only=False) for p in patterns]
    values = text.to_pylist()
    return [np.array([v is not None and regex.match(v) is not None for v in values], dtype=bool)
            for regex in map(re.compile, patterns)]


def parse_dates(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse ISO dates and datetimes, ``dd-mm-yyyy``, ``dd/mm/yyyy`` and Excel serial numbers.

    Returns the dates (naive, ``NaT`` where empty or bad) and a mask of bad non-empty cells. A date with a
    UTC offset keeps its local date and time (``2021-03-14T00:30+01:00`` is 14 March, 00:30); a date before
    :data:`~collabgraph.schema.FIRST_DATE` (1678-01-01) or after :data:`~collabgraph.schema.LAST_DATE`
    (2261-12-31) is bad.

    Examples
    --------
    >>> d, bad = parse_dates(pd.Series(["2021-03-14", "14-03-2021", "14/3/2021", "44269", "31-02-2021", ""]))
    >>> [str(x.date()) if not pd.isna(x) else None for x in d], bad.tolist()
    (['2021-03-14', '2021-03-14', '2021-03-14', '2021-03-14', None, None], [False, False, False, False, True, False])
    >>> d, bad = parse_dates(pd.Series(["2021-03-14T00:30+01:00", "9999-12-31"]))
    >>> str(d[0]), bad.tolist()
    ('2021-03-14 00:30:00', [False, True])
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _per_category(parse_dates, values, np.datetime64("NaT", "ns"))
    if isinstance(values.dtype, pd.StringDtype) and len(values) > 1000:
        codes, uniques = pd.factorize(values)  # parsing is per value: parse each distinct text once
        if len(uniques) <= len(values) // 4:
            return _per_category(parse_dates, pd.Series(pd.Categorical.from_codes(
                codes, pd.Index(uniques, dtype=values.dtype), validate=False), index=values.index),
                np.datetime64("NaT", "ns"))
    if pd.api.types.is_datetime64_any_dtype(values):
        if getattr(values.dt, "tz", None) is not None:
            values = values.dt.tz_localize(None)  # the local date and time, as written
        out = _in_range(values)
        return out, out.isna() & values.notna()
    is_stamp = values.map(lambda v: isinstance(v, pd.Timestamp | np.datetime64) or hasattr(v, "year")) \
        if values.dtype == object else pd.Series(False, index=values.index)
    out = np.full(len(values), np.datetime64("NaT", "ns"))
    if is_stamp.any():
        out[is_stamp.to_numpy()] = _in_range(pd.to_datetime(
            values[is_stamp].map(lambda v: pd.Timestamp(v).tz_localize(None)))).to_numpy()
    if pd.api.types.is_numeric_dtype(values):
        text = clean_text(values.astype("Float64").astype("string").str.replace(r"\.0$", "", regex=True))
    else:
        text = clean_text(values.mask(is_stamp) if is_stamp.any() else values)
    iso, dmy, serial = _matches(arrow_text(text.array), _ISO, _DMY, _SERIAL)
    if iso.any():
        local = text[iso].str.replace(r"(Z|[+-]\d{2}:?\d{2})$", "", regex=True)  # keep the local date and time
        out[iso] = _in_range(pd.to_datetime(local, format="ISO8601", errors="coerce")).to_numpy()
    if dmy.any():
        norm = text[dmy].str.replace(r"[/.]", "-", regex=True)
        parsed = pd.to_datetime(norm, format="%d-%m-%Y", errors="coerce")
        for fmt in ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S"):
            parsed = parsed.fillna(pd.to_datetime(norm, format=fmt, errors="coerce"))
        out[dmy] = _in_range(parsed).to_numpy()
    if serial.any():
        days = pd.to_numeric(text[serial], errors="coerce")
        out[serial] = (_EXCEL_EPOCH + pd.to_timedelta(days, unit="D")).to_numpy()
    missing = np.isnat(out)
    bad = (text.notna().to_numpy() | is_stamp.to_numpy()) & missing
    return pd.Series(out, index=values.index), pd.Series(bad, index=values.index)


def date_shaped(text: str) -> bool:
    """Whether ``text`` is written as a date :func:`parse_dates` reads (ISO or ``dd-mm-yyyy``), real or not.

    Examples
    --------
    >>> date_shaped("31-02-2021"), date_shaped("2021-03-14 09:30"), date_shaped("maart 2021")
    (True, True, False)
    """
    return bool(re.match(_ISO, text) or re.match(_DMY, text))


def _in_range(parsed: pd.Series) -> pd.Series:
    """Parsed dates as ``datetime64[ns]``, ``NaT`` outside :data:`~collabgraph.schema.FIRST_DATE` to
    :data:`~collabgraph.schema.LAST_DATE`."""
    values = parsed.to_numpy()  # compared in numpy: pandas' comparisons and where() cost 1 ms each
    inside = (values >= np.datetime64(FIRST_DATE)) & (values < np.datetime64(LAST_DATE + datetime.timedelta(days=1)))
    return pd.Series(np.where(inside, values, np.datetime64("NaT")).astype("datetime64[ns]"), index=parsed.index,
                     name=parsed.name)


def parse_numbers(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse numbers, accepting a decimal comma (``2,5``) and Dutch thousands (``1.234,5``).

    Returns floats (``NaN`` where empty or bad) and a mask of bad non-empty cells.

    Examples
    --------
    >>> v, bad = parse_numbers(pd.Series(["1", "2,5", "1.234,5", "x", ""]))
    >>> v.tolist()[:3], bad.tolist()
    ([1.0, 2.5, 1234.5], [False, False, False, True, False])
    """
    if isinstance(values.dtype, pd.CategoricalDtype):
        return _per_category(parse_numbers, values, np.nan)
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        out = values.astype("float64")
        return out, pd.Series(~np.isfinite(out) & out.notna(), index=values.index)
    text = clean_text(values)
    if isinstance(text.dtype, pd.StringDtype):  # fast path: every value in C number syntax
        try:
            out = pd.Series(pc.cast(pa.array(text.array), pa.float64()).to_numpy(zero_copy_only=False),
                            index=values.index)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
            out = None
        if out is not None:
            return out, pd.Series(text.notna().to_numpy() & ~np.isfinite(out.fillna(0.0).to_numpy()) |
                                  (text.notna().to_numpy() & out.isna().to_numpy()), index=values.index)
    comma = text.str.match(r"^[-+]?\d+,\d+$").fillna(False)
    dutch = text.str.match(r"^[-+]?\d{1,3}(\.\d{3})+,\d+$").fillna(False)
    text = text.mask(comma, text.str.replace(",", ".", regex=False))
    text = text.mask(dutch, text.str.replace(".", "", regex=False).str.replace(",", ".", regex=False))
    out = pd.to_numeric(text.astype(object), errors="coerce").astype("float64")
    bad = text.notna() & ~np.isfinite(out.fillna(0.0)) | (text.notna() & out.isna())
    return out, bad


def _per_category(parse, values: pd.Series, missing) -> tuple[pd.Series, pd.Series]:
    """``parse`` applied to each distinct value of a categorical column once, spread to its rows."""
    parsed, bad = parse(pd.Series(values.cat.categories))
    codes = values.cat.codes.to_numpy()
    parsed = np.append(parsed.to_numpy(), np.array([missing], dtype=parsed.dtype))  # code -1 -> missing
    return (pd.Series(parsed[codes], index=values.index, dtype=parsed.dtype),
            pd.Series(np.append(bad.to_numpy(dtype=bool), False)[codes], index=values.index))


def categorical(values: pd.Series) -> pd.Series:
    """Text as a categorical with sorted categories (10M records hold each distinct id once)."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        codes, categories = pd.factorize(values, sort=True)
        return pd.Series(pd.Categorical.from_codes(codes, pd.Index(categories, dtype="string"), validate=False),
                         index=values.index)
    return values if values.cat.categories.is_monotonic_increasing else shared_categories(values)[0]


def arrow_text(values) -> pa.LargeStringArray:
    """Text (an Index or array) as one pyarrow array (pandas may hold it as a chunked array, empty ones
    without chunks)."""
    text = pa.array(pd.array(values, dtype="string"), type=pa.large_string())
    return text.combine_chunks() if isinstance(text, pa.ChunkedArray) else text


def shared_categories(*columns: pd.Series) -> list[pd.Series]:
    """Categorical text columns trimmed (as :func:`clean_text`) and recoded to one sorted set of categories, so
    they compare value by value; each column's categories are cleaned and looked up once (pyarrow), the
    rows are only taken."""
    columns = [categorical(c) if not isinstance(c.dtype, pd.CategoricalDtype) else c for c in columns]
    arrays = [_trimmed(c.cat.categories.array) if isinstance(c.cat.categories.dtype, pd.StringDtype)
              else arrow_text(clean_text(pd.Series(c.cat.categories)).array) for c in columns]  # empty -> null
    distinct = pc.drop_null(pc.unique(pa.concat_arrays(arrays) if len(arrays) > 1 else arrays[0]))
    union = distinct.take(pc.sort_indices(distinct))
    dtype = pd.CategoricalDtype(pd.Index(pd.arrays.ArrowStringArray(union)))  # checked once for all columns
    out = []
    for c, a in zip(columns, arrays, strict=True):
        position = pc.index_in(a, value_set=union).fill_null(-1).to_numpy(zero_copy_only=False)
        codes = np.append(position, -1).astype(np.int32)[c.cat.codes.to_numpy()]
        out.append(pd.Series(pd.Categorical.from_codes(codes, dtype=dtype, validate=False), index=c.index))
    return out
