"""Files to raw tables: find the tables, decode, sniff the separator, keep every row and its row number.

Nothing is interpreted here (validation does that); reading only guarantees that every record of
every file either reaches a :class:`RawTable` with its spreadsheet row number or is reported.

Accepted sources
----------------
- a folder of CSV/TSV/TXT, Parquet or XLSX files named after the tables (``people.csv``,
  ``personen.csv``, Gephi's ``nodes.csv`` and ``edges.csv``, ``networks.csv`` or ``netwerken.csv`` ...);
- an ``.xlsx`` workbook with one sheet per table;
- a single interactions file (CSV, Parquet, or a one-sheet workbook), with an optional people file.

CSV files are parsed with pyarrow (fast path). A file it cannot parse exactly (rows of the wrong length,
line breaks inside quoted values, bytes that are not text, a value longer than pyarrow's block) is read
again with Python's :mod:`csv`, which reports each bad record with its row number.

What reading reports or skips, in every format (``docs/data.md``):

- a row with every cell empty (a blank line, Excel's ``;;;;`` leftovers) is not a record: it is skipped
  and counted in :attr:`RawTable.blank`;
- ``unbalanced_quote``: a quote opens in a row and is never closed, or closes only after whole lines
  that look like rows; that row is reported and the lines after it are read as rows again;
- ``bad_encoding``: a row holds bytes the file's encoding cannot decode (a file is read as Windows-1252
  only when most of its non-ASCII bytes are not UTF-8);
- ``long_value``: a value longer than :data:`MAX_CELL` characters;
- ``duplicate_column``: two headers with the same name up to case, spaces and punctuation (``id``, ``ID``);
- ``excel_error``: an Excel error cell (``#DIV/0!``, ``#N/A``, ``#REF!`` ...);
- ``unsaved_formula``: a workbook formula without a saved value (it would read as empty);
- ``unsupported_column``: a Parquet column of lists or structures.

Text is kept as written: ``NA``, ``None``, ``null``, ``N/A`` are text, not missing values.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import os
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from collabgraph.errors import InputError, Issue
from collabgraph.outputs import remember_inputs
from collabgraph.schema import FIRST_DATE, LAST_DATE, TABLE_SUFFIXES, fold, table_for_file

__all__ = ["MAX_CELL", "RawDataset", "RawTable", "input_paths", "parquet_columns", "read_dataset", "read_table_file",
           "screen", "stored_table"]

SEPARATORS = (",", ";", "\t")
MAX_CELL = 131_072
"""The most characters a value may hold (Python's :mod:`csv` field limit): a longer one is a file swallowed by
a quote or a pasted document, and its row is reported as ``long_value``."""
_FIRST = datetime.datetime.combine(FIRST_DATE, datetime.time())
_AFTER = datetime.datetime.combine(LAST_DATE + datetime.timedelta(days=1), datetime.time())  # the day after the last
_THREADED = 500_000
"""Rows from which :func:`_read_csv_fast` encodes two columns at a time, in two threads (for fewer rows the
threads cost more than they save)."""
_UNDECODED = re.compile("[\udc80-\udcff]")  # a byte the encoding could not decode (surrogateescape)
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass
class RawTable:
    """One table as read: the file's own headers, values as text (CSV) or as stored (XLSX, Parquet).

    ``rows`` holds the spreadsheet row number of every row of ``frame`` (header = row 1).
    ``read`` counts every row of the file below the header: the rows in ``frame``, those rejected while
    reading (in ``issues``) and the ``blank`` rows, whose every cell is empty: they are not records and
    are skipped. ``ragged`` holds the cells of the rows rejected while reading (too many values,
    undecodable bytes, a value too long; of a row whose quote is never closed, the cells of its own line), by
    row number.
    """

    table: str
    file: str
    frame: pd.DataFrame
    rows: np.ndarray
    read: int
    issues: list[Issue] = field(default_factory=list)
    ragged: dict[int, list[str]] = field(default_factory=dict)
    blank: int = 0


@dataclass
class RawDataset:
    """The raw tables of a dataset, the files that were not used, and where it came from.

    ``warnings`` are things read that may not be what was meant (a hidden sheet); they reject nothing.
    ``inputs`` are the absolute paths given to :func:`read_dataset` (the folder, workbook or file, and a
    people file): no output may be written over them (:func:`collabgraph.outputs.check_output`).
    """

    tables: dict[str, RawTable]
    source: str
    ignored: list[str] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    inputs: tuple[str, ...] = ()


def _empty(table: str, name: str, issue: Issue) -> RawTable:
    return RawTable(table, name, pd.DataFrame(), np.empty(0, dtype=np.int64), 0, [issue])


def _decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (BOM stripped), or Windows-1252 when most non-ASCII bytes are not UTF-8.

    A byte the chosen encoding cannot decode stays in the text as a lone surrogate (``surrogateescape``),
    so that the exact reader reports the rows holding one (``bad_encoding``) instead of guessing.

    Examples
    --------
    >>> _decode("Zoë;Renée".encode("cp1252"))
    ('Zoë;Renée', 'cp1252')
    >>> _decode("Zoë;Renée;".encode() + b"\\xff")
    ('Zoë;Renée;\\udcff', 'utf-8')
    """
    bom = data.startswith(b"\xef\xbb\xbf")
    data = data[3:] if bom else data
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="surrogateescape")
    if bom or len(_NON_ASCII.findall(text)) >= len(_UNDECODED.findall(text)):
        return text, "utf-8"
    return data.decode("cp1252", errors="surrogateescape"), "cp1252"


def _shown(value: str) -> str:
    """A value with its undecodable bytes written as ``\\xNN``."""
    return _UNDECODED.sub(lambda m: f"\\x{ord(m[0]) - 0xDC00:02x}", value)


def _sniff_separator(text: str) -> str:
    """The separator that occurs most often, outside quotes, in the header line (``,`` on a tie)."""
    header, in_quotes = [], False
    for ch in text[:65536]:
        if ch == '"':
            in_quotes = not in_quotes
        elif ch in "\r\n" and not in_quotes:
            break
        elif not in_quotes:
            header.append(ch)
    line = "".join(header)
    counts = {sep: line.count(sep) for sep in SEPARATORS}
    best = max(SEPARATORS, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def _source(data: str | bytes):
    """What pyarrow reads: a file's path (read by pyarrow in blocks, never held whole) or bytes."""
    return data if isinstance(data, str) else pa.BufferReader(data)


def _header(data: str | bytes, sep: str) -> list[str] | None:
    """Column names of the first line, as pyarrow reads them; None when it cannot."""
    try:
        reader = pacsv.open_csv(_source(data), read_options=pacsv.ReadOptions(block_size=1 << 16),
                                parse_options=pacsv.ParseOptions(delimiter=sep, ignore_empty_lines=False))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    try:
        names = reader.schema.names
    except UnicodeDecodeError:  # a header that is not UTF-8 (Windows-1252 'coördinator'): the decoding path reads it
        return None
    finally:
        reader.close()
    return names


def _read_csv_fast(data: str | bytes, sep: str, name: str, table: str) -> RawTable | None:
    """Parse a UTF-8 file (path) or bytes with pyarrow, every column as text, then dictionary-encode each
    column (one pandas Categorical per column: each distinct value is stored once and later checked once),
    and :func:`screen` the rows; None when the file needs the exact slow path (or is not valid UTF-8).
    pyarrow skips a UTF-8 byte order mark. Text then one encoding per column costs 30% less than pyarrow's
    dictionary columns, whose dictionaries per block of the file must be unified afterwards."""
    names = _header(data, sep)
    if names is None or len(set(names)) != len(names):
        return None
    try:
        parsed = pacsv.read_csv(
            _source(data),
            read_options=pacsv.ReadOptions(use_threads=True),
            parse_options=pacsv.ParseOptions(delimiter=sep, ignore_empty_lines=False),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.string()), strings_can_be_null=False,
                quoted_strings_can_be_null=False, null_values=[], true_values=[], false_values=[],
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    text = [parsed.column(name) for name in names]
    del parsed
    if not text or len(text[0]) < _THREADED:
        encoded = [pc.dictionary_encode(column) for column in text]
    else:
        with ThreadPoolExecutor(2) as pool:  # pyarrow's kernels release the GIL: two columns at a time
            encoded = list(pool.map(pc.dictionary_encode, text))
    del text  # the text is freed here: only the encoded columns remain
    columns = {name: _categorical(column) for name, column in zip(names, encoded, strict=True)}
    del encoded
    pa.default_memory_pool().release_unused()  # hand the parser's buffers back to the system
    frame = pd.DataFrame(columns)
    return screen(frame, np.arange(2, len(frame) + 2, dtype=np.int64), name, table, _duplicate_headers(names, name))


def _categorical(column: pa.ChunkedArray) -> pd.Categorical:
    """A dictionary-encoded column as a Categorical, without decoding the values."""
    if column.num_chunks == 0:
        return pd.Categorical.from_codes(np.zeros(0, np.int32), pd.Index([], dtype="string"))
    if len({chunk.dictionary.buffers()[1].address for chunk in column.chunks}) > 1:
        column = column.unify_dictionaries()  # dictionary_encode gives every chunk the same one: a safeguard
    codes = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in column.chunks])
    categories = pd.Index(pd.arrays.ArrowStringArray(column.chunk(0).dictionary))
    return pd.Categorical.from_codes(codes, categories, validate=False)


def _distinct(values: pd.Series) -> tuple[pa.Array | pa.ChunkedArray, np.ndarray | None]:
    """A text column as (values, codes): a categorical column's distinct values once and each row's code
    (-1: empty), else every row's value and None."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        text, codes = pa.array(values.cat.categories.array, type=pa.large_string()), values.cat.codes.to_numpy()
    else:
        text, codes = pa.array(values.astype("string").array, type=pa.large_string()), None
    return text, codes


def _has_line_break(text: pa.LargeStringArray | pa.ChunkedArray) -> bool:
    """Whether any value holds ``\\n`` or ``\\r``: one scan of the character bytes of each chunk (a regular
    expression per value costs 20 times more)."""
    for chunk in (text.chunks if isinstance(text, pa.ChunkedArray) else [text]):
        data = chunk.buffers()[2]
        if not len(chunk) or data is None:
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64, count=len(chunk) + 1, offset=chunk.offset * 8)
        chars = memoryview(data)[offsets[0]:offsets[-1]].tobytes()
        if b"\n" in chars or b"\r" in chars:
            return True
    return False


def _spread(result: np.ndarray, codes: np.ndarray | None, missing) -> np.ndarray:
    """A result per distinct value (:func:`_distinct`) for every row; ``missing`` for code -1."""
    return result if codes is None else np.append(result, missing)[codes]


def screen(frame: pd.DataFrame, rows: np.ndarray, name: str, table: str, issues: list[Issue] | None = None, *,
           read: int | None = None, line_breaks: bool = False) -> RawTable | None:
    """A text table, one record per row, as a :class:`RawTable`: rows whose every cell is empty or blank are
    skipped and counted, rows with a value over :data:`MAX_CELL` characters reported (``long_value``).

    None when a value holds a line break and ``line_breaks`` is False: the records of such a file may span
    lines, which only the exact reader numbers right and checks for an unbalanced quote. The Dask engine
    screens its partitions with this function too, so both engines skip and report the same rows. Each
    check looks at a categorical column's distinct values only; rows are visited when one is found.

    Examples
    --------
    >>> t = screen(pd.DataFrame({"a": ["x", " ", "y"], "b": ["1", "", "z" * 200_000]}), np.array([2, 3, 4]),
    ...            "f.csv", "interactions")
    >>> t.frame["a"].tolist(), t.rows.tolist(), t.read, t.blank, [(i.row, i.code) for i in t.issues]
    (['x'], [2], 3, 1, [(4, 'long_value')])
    """
    n = len(frame)
    blank = np.full(n, len(frame.columns) > 0)
    long_cells = {}
    for col in frame.columns:
        text, codes = _distinct(frame[col])
        if not line_breaks and _has_line_break(text):
            return None
        if blank.any():
            empty = pc.fill_null(pc.equal(pc.utf8_trim_whitespace(text), ""), True).to_numpy(zero_copy_only=False)
            if empty.any() or (codes is not None and n and codes.min() < 0):
                blank &= _spread(empty, codes, True)
            else:
                blank[:] = False
        length = pc.utf8_length(text)
        if (pc.max(length).as_py() or 0) > MAX_CELL:
            long_cells[col] = _spread(pc.fill_null(length, 0).to_numpy(zero_copy_only=False), codes, 0)
    issues = list(issues or [])
    bad = np.zeros(n, dtype=bool)
    for col, length in long_cells.items():
        for i in np.flatnonzero((length > MAX_CELL) & ~blank & ~bad):
            issues.append(Issue(name, int(rows[i]), col, "long_value",
                                f"holds {int(length[i]):,} characters (at most {MAX_CELL:,}); a quote may have "
                                "opened a value that swallowed the lines after it, or a document was pasted in."))
        bad |= (length > MAX_CELL) & ~blank
    cells = {int(rows[i]): [str(v)[:100] for v in frame.iloc[i]] for i in np.flatnonzero(bad)}
    keep = ~(blank | bad)
    if not keep.all():
        frame, rows = frame[keep].reset_index(drop=True), rows[keep]
    return RawTable(table, name, frame, rows, n if read is None else read, issues, cells, int(blank.sum()))


def _duplicate_headers(header: list[str], name: str) -> list[Issue]:
    """One ``duplicate_column`` issue per header that repeats an earlier one up to case, spaces and punctuation."""
    seen: dict[str, str] = {}
    issues = []
    for h in header:
        key = fold(h)
        if key and key in seen:
            issues.append(Issue(name, None, h, "duplicate_column",
                                f"repeats the column {seen[key]!r}; only the first is read. Rename or remove one."))
        seen.setdefault(key, h)
    return issues


def _one_record(span: list[str], sep: str, width: int) -> bool:
    """Whether the lines parse, strictly, as one record of ``width`` values (a quoted value over several lines)."""
    try:
        records = list(csv.reader(span, delimiter=sep, strict=True))
    except csv.Error:
        return False
    return len(records) == 1 and len(records[0]) == width


def _unbalanced(lines: list[str], first: int, end: int, sep: str, width: int) -> str | None:
    """Why the record on ``lines[first:end]`` has an unbalanced quote, or None.

    A quote left open up to the end of the file, or one that closes only on or after a line that holds a
    whole row's separators (``width - 1``; for a 2-column table, one), so that lines which look like rows were
    read as one value, unless the lines parse strictly as one record of the header's width (a quoted address
    over two lines, commas and all).
    """
    span = lines[first:end]
    how = "so the lines after it were read as one value"
    if end == len(lines):
        try:
            list(csv.reader(span, delimiter=sep, strict=True))
        except csv.Error as err:
            if "unexpected end of data" in str(err):
                return (f"a quote opens in this row and is never closed, {how} up to the end of the file; "
                        "this row is not used and the lines after it are read as rows. Check its quotes (a value "
                        'holding a quote is written in quotes with the quote doubled: "5"" scherm").')
    if any(line.count(sep) >= max(1, width - 1) for line in span[1:]) and not _one_record(span, sep, width):
        return (f"a quote opens in this row and closes only {len(span) - 1} line(s) further on, {how}; "
                "this row is not used and the lines after it are read as rows. Check its quotes (a value "
                'holding a quote is written in quotes with the quote doubled: "5"" scherm").')
    return None


def _read_csv_exact(text: str, sep: str, name: str, table: str, encoding: str = "utf-8") -> RawTable:
    """Python's csv reader: exact record numbers, and every malformed record reported.

    A record with an unbalanced quote (:func:`_unbalanced`) is reported and reading starts again on the
    line after the one where its quote opens; a record holding bytes the encoding could not decode is
    reported (``bad_encoding``). Any length of value is parsed; :func:`screen` reports the long ones.
    """
    lines = io.StringIO(text, newline="").readlines()
    undecoded = _UNDECODED.search(text) is not None
    limit = csv.field_size_limit(2**31 - 1)
    try:
        reader = csv.reader(iter(lines), delimiter=sep)
        header = next(reader, [])
        pos, width = reader.line_num, len(header)
        kept, rows, issues, read, blank, ragged = [], [], [], 0, 0, {}
        while pos < len(lines):
            reader, end, restart = csv.reader(itertools.islice(lines, pos, None), delimiter=sep), pos, None
            for record in reader:
                first, end = end, pos + reader.line_num
                read += 1
                row = read + 1
                quote = _unbalanced(lines, first, end, sep, width) if end - first > 1 or end == len(lines) else None
                if quote is not None:
                    issues.append(Issue(name, row, None, "unbalanced_quote", quote))
                    # its cells as its own line holds them: the id before the quote says whom records lose
                    ragged[row] = [_shown(c) for c in next(csv.reader([lines[first].rstrip("\r\n")], delimiter=sep))]
                    restart = first + 1
                    break
                if not any(c.strip() for c in record):
                    blank += 1  # not a record (also when the header is empty)
                    continue
                if undecoded and _UNDECODED.search(sep.join(record)):
                    j = next(j for j, c in enumerate(record) if _UNDECODED.search(c))
                    label = "Windows-1252" if encoding == "cp1252" else "UTF-8"
                    issues.append(Issue(name, row, header[j] if j < width else None, "bad_encoding",
                                        f"holds bytes that are not {label} text ('{_shown(record[j])[:80]}'); "
                                        "save the file as CSV UTF-8."))
                    ragged[row] = [_shown(c) for c in record]
                    continue
                if len(record) > width and not any(c.strip() for c in record[width:]):
                    record = record[:width]
                if len(record) > width:
                    issues.append(Issue(name, row, None, "ragged_row",
                                        f"has {len(record)} values but the header has {width} columns; "
                                        "check for an unquoted separator in a value."))
                    ragged[row] = record
                    continue
                kept.append(record + [""] * (width - len(record)))
                rows.append(row)
            pos = len(lines) if restart is None else restart
    except csv.Error as err:
        return _empty(table, name, Issue(name, None, None, "not_a_table", f"cannot be read as a table ({err})."))
    finally:
        csv.field_size_limit(limit)
    header = [_shown(h) for h in header]
    frame = pd.DataFrame(kept, columns=_unique_headers(header), dtype=pd.StringDtype())
    raw = screen(frame, np.asarray(rows, dtype=np.int64), name, table, _duplicate_headers(header, name) + issues,
                 read=read, line_breaks=True)
    raw.blank += blank
    raw.ragged.update(ragged)
    return raw


def _unique_headers(header: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in header:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h}.{seen[h] - 1}")
    return out


def _read_csv(path: Path, name: str, table: str) -> RawTable:
    blank = b" \t\r\n\xef\xbb\xbf"
    with path.open("rb") as f:
        head = f.read(65536)
    if not head.strip(blank) and (len(head) < 65536 or not path.read_bytes().strip(blank)):
        return _empty(table, name, Issue(name, None, None, "empty_file",
                                         "is empty: expected a header row and data rows."))
    if b"\x00" in head:
        return _empty(table, name, Issue(name, None, None, "not_a_table",
                                         "is not a text table (it contains binary data); save it "
                                         "as CSV (UTF-8) or XLSX."))
    sep = _sniff_separator(head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace"))
    raw = _read_csv_fast(str(path), sep, name, table)  # pyarrow reads the file itself: no copy of it in Python
    if raw is None:
        text, encoding = _decode(path.read_bytes())
        if encoding != "utf-8" and not _UNDECODED.search(text):
            raw = _read_csv_fast(text.encode("utf-8"), sep, name, table)
        if raw is None:
            raw = _read_csv_exact(text, sep, name, table, encoding)
    return raw


def _date_text(values: pd.Series) -> pd.Series:
    """Dates outside :data:`~collabgraph.schema.FIRST_DATE` to :data:`~collabgraph.schema.LAST_DATE` (such as
    9999-12-31 or 1500-01-01 in Excel or Parquet, which ``datetime64[ns]`` cannot hold) as ISO text, which
    validation reports as ``bad_date``; other values as stored."""
    if isinstance(values.dtype, pd.ArrowDtype) and pa.types.is_temporal(values.dtype.pyarrow_dtype):
        values = values.astype(object)  # as Python dates and times (Dask reads Parquet dates so)
    if pd.api.types.is_datetime64_any_dtype(values):
        local = values.dt.tz_localize(None) if values.dt.tz is not None else values
        out = ((local < _FIRST) | (local >= _AFTER)).to_numpy()
        if not out.any():
            return values
        text = values.astype(object)
        text[out] = local[out].dt.strftime("%Y-%m-%d %H:%M:%S")
        return text
    if values.dtype != object:
        return values
    def fit(v):
        if isinstance(v, datetime.datetime):
            return v if _FIRST <= v.replace(tzinfo=None) < _AFTER else v.isoformat()
        if isinstance(v, datetime.date):
            return v if _FIRST.date() <= v < _AFTER.date() else v.isoformat()
        return v

    return values.map(fit)


def stored_table(frame: pd.DataFrame, name: str, table: str, issues: list[Issue] | None = None, *,
                 excel: bool = False, first_row: int = 2,
                 unsaved: dict[tuple[int, int], str] | None = None) -> RawTable:
    """A table of stored values (read from Excel or Parquet, or a Parquet partition) as a :class:`RawTable`:
    rows whose every cell is empty skipped and counted, Excel error cells reported (``excel_error``), dates
    out of range as text (:func:`_date_text`). :func:`screen` is its counterpart for tables of text.

    Excel cells arrive as pandas reads them with no missing-value words (``keep_default_na=False``): an
    empty cell is ``""`` and only an error cell (``#DIV/0!``, ``#N/A``, ``#REF!`` ...) is NaN.
    ``first_row`` is the row number of the frame's first row (a Dask partition's starts further down).
    ``unsaved`` (:func:`_unsaved_formulas`): the formula cells of a sheet whose value was never saved, by
    (position in ``frame``, column position); one that reads as empty rejects its row (``unsaved_formula``),
    as an error cell does, instead of being read as an empty value.

    Examples
    --------
    >>> t = stored_table(pd.DataFrame({"source": ["a", " ", "b"], "weight": [1.0, None, 2.0]}), "i.parquet",
    ...                  "interactions", first_row=10)
    >>> t.rows.tolist(), t.read, t.blank
    ([10, 12], 3, 1)
    """
    issues = list(issues or [])
    header = [str(c) for c in frame.columns]
    issues += _duplicate_headers(header, name)
    frame = frame.set_axis(_unique_headers(header), axis=1).reset_index(drop=True)
    n = len(frame)
    blank = np.full(n, len(frame.columns) > 0)
    for col in sorted(frame.columns, key=lambda c: frame[c].dtype == object):  # typed columns are quick
        if not blank.any():
            break
        values = frame[col]
        empty = np.zeros(n, bool) if excel else values.isna().to_numpy(copy=True)
        if values.dtype == object:
            empty |= values.map(lambda v: isinstance(v, str) and not v.strip()).to_numpy(bool)
        elif pd.api.types.is_string_dtype(values):
            empty |= values.str.strip().eq("").fillna(False).to_numpy(bool)
        blank &= empty
    bad = np.zeros(n, dtype=bool)
    for col in frame.columns:
        if excel:
            error = frame[col].isna().to_numpy() & ~blank
            for i in np.flatnonzero(error & ~bad):
                issues.append(Issue(name, int(i) + first_row, col, "excel_error",
                                    "holds an Excel error value (such as #DIV/0!, #N/A or #REF!); "
                                    "fix the formula or clear the cell."))
            bad |= error
        frame[col] = _date_text(frame[col])
    for (i, j), formula in sorted((unsaved or {}).items()):
        value = frame.iat[i, j] if i < n and j < len(frame.columns) else None
        if i < n and not blank[i] and not bad[i] and (value is None or (isinstance(value, str) and not value.strip())):
            issues.append(Issue(name, i + first_row, frame.columns[j], "unsaved_formula",
                                f"holds the formula {formula[:80]!r} without a saved value (the file was not saved "
                                "by Excel), so it would read as empty: open and save the file in Excel, or type the "
                                "value."))
            bad[i] = True
    cells = {int(i) + first_row: [str(v) for v in frame.iloc[i]] for i in np.flatnonzero(bad)}
    keep = ~(blank | bad)
    rows = np.flatnonzero(keep).astype(np.int64) + first_row
    frame = frame if keep.all() else frame[keep].reset_index(drop=True)
    return RawTable(table, name, frame, rows, n, issues, cells, int(blank.sum()))


def parquet_columns(path: Path) -> tuple[list[str] | None, list[Issue]]:
    """The columns of a Parquet file to read (None: all) and an ``unsupported_column`` issue for each list,
    struct or map column, which is left out; the index columns are not listed (pandas and Dask add them).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "interactions.parquet"
    >>> pd.DataFrame({"source": ["a"], "target": ["b"], "tags": [["x", "y"]]}).to_parquet(p)
    >>> columns, issues = parquet_columns(p)
    >>> columns, [(i.column, i.code) for i in issues]
    (['source', 'target'], [('tags', 'unsupported_column')])
    """
    import pyarrow.parquet as pq  # not for CSV files (0.02 s of every command's start)

    schema = pq.read_schema(path)
    issues = [Issue(path.name, None, f.name, "unsupported_column",
                    f"holds {f.type} values (lists or structures); collabgraph reads text, numbers and dates, so "
                    "this column is left out. Write it as text (say ';'-separated).")
              for f in schema if pa.types.is_nested(f.type)]
    if not issues:
        return None, issues
    skip = {i.column for i in issues} | {c for c in (schema.pandas_metadata or {}).get("index_columns", [])
                                         if isinstance(c, str)}
    return [c for c in schema.names if c not in skip], issues


def _read_parquet(path: Path, name: str, table: str) -> RawTable:
    """A Parquet file: an index that holds data (named, or not 0, 1, 2 ...) becomes columns, as written;
    rows are counted from the file (the first row is row 2, whatever the index); list and struct columns
    are reported (``unsupported_column``) and left out."""
    try:
        columns, issues = parquet_columns(path)
        frame = pd.read_parquet(path, columns=columns)
    except Exception as err:  # pyarrow raises several types for a broken file
        return _empty(table, name, Issue(name, None, None, "not_a_table",
                                         f"cannot be read as Parquet ({type(err).__name__})."))
    index = frame.index
    if not (isinstance(index, pd.RangeIndex) and index.name is None):
        frame = frame.reset_index()
    return stored_table(frame, name, table, issues)


def _unsaved_formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Per sheet, the formula cells as (row position below the header, column position) -> formula, read only
    when a worksheet holds a formula at all. A workbook written by a program (openpyxl, a script) keeps formulas
    without their values until Excel saves it; pandas then reads such a cell as empty."""
    with zipfile.ZipFile(path) as z:
        if not any(b"<f" in z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return {}
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        return {ws.title: {(cell.row - 2, cell.column - 1): str(cell.value) for row in ws.iter_rows(min_row=2)
                           for cell in row if getattr(cell, "data_type", None) == "f"} for ws in book.worksheets}
    finally:
        book.close()


def _read_workbook(path: Path) -> dict[str, tuple[pd.DataFrame, bool, dict]] | Issue:
    """Every sheet of a workbook, whether Excel shows it (hidden sheets: False) and its formula cells
    (:func:`_unsaved_formulas`, for :func:`stored_table`)."""
    try:
        with pd.ExcelFile(path, engine="openpyxl") as book:
            shown = {ws.title: ws.sheet_state == "visible" for ws in book.book.worksheets}
            sheets = pd.read_excel(book, sheet_name=None, dtype=object, keep_default_na=False, na_values=[])
        formulas = _unsaved_formulas(path)
    except Exception as err:  # openpyxl raises zipfile, KeyError, ValueError ... for a broken file
        return Issue(path.name, None, None, "not_a_table",
                     f"cannot be read as an Excel workbook ({type(err).__name__}); save it as .xlsx.")
    return {sheet: (frame, shown.get(sheet, True), formulas.get(sheet, {})) for sheet, frame in sheets.items()}


def read_table_file(path: str | Path, table: str) -> RawTable:
    """Read one file as the given contract table; the file is remembered as an input of this process
    (:func:`collabgraph.outputs.remember_inputs`).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "interacties.csv"
    >>> _ = p.write_bytes("\\ufeffBron;Doel;Gewicht\\nA;B;1,5\\n".encode())
    >>> t = read_table_file(p, "interactions")
    >>> list(t.frame.columns), t.frame.iloc[0].tolist(), t.rows.tolist()
    (['Bron', 'Doel', 'Gewicht'], ['A', 'B', '1,5'], [2])
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file.")
    remember_inputs([path])  # the public writers refuse it (collabgraph.outputs.check_read)
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return _read_parquet(path, path.name, table)
    if suffix in (".xlsx", ".xlsm"):
        sheets = _read_workbook(path)
        if isinstance(sheets, Issue):
            return _empty(table, path.name, sheets)
        if len(sheets) != 1:
            raise InputError(f"{path.name}: has {len(sheets)} sheets; name each sheet after its "
                             "table (people, interactions, events, attendance, networks) and give the "
                             "workbook as the dataset.")
        (sheet, (frame, _, formulas)), = sheets.items()
        return stored_table(frame, f"{path.name}[{sheet}]", table, excel=True, unsaved=formulas)
    return _read_csv(path, path.name, table)


def _read_folder(folder: Path) -> RawDataset:
    found: dict[str, list[Path]] = {}
    ignored = []
    for path in sorted(folder.iterdir()):
        table = table_for_file(path.name) if path.suffix.lower() in TABLE_SUFFIXES else None
        if table is None or not path.is_file():
            ignored.append(path.name)
        else:
            found.setdefault(table, []).append(path)
    clashes = {t: ps for t, ps in found.items() if len(ps) > 1}
    if clashes:
        t, ps = next(iter(clashes.items()))
        raise InputError(f"{folder}: several files could be the {t} table: "
                         f"{', '.join(p.name for p in ps)}. Keep one, or name it {t}.csv.")
    if not found:
        raise InputError(f"{folder}: no table found. Expected files such as people.csv and "
                         "interactions.csv (or personen.csv, interacties.csv, nodes.csv, edges.csv).")
    tables = {t: read_table_file(ps[0], t) for t, ps in found.items()}
    return RawDataset(tables, str(folder), ignored)


def _read_workbook_dataset(path: Path) -> RawDataset:
    """One table per sheet named after a table; of two sheets for one table, the first visible one is used
    and a hidden sheet is never preferred (a warning names it either way)."""
    sheets = _read_workbook(path)
    if isinstance(sheets, Issue):
        return RawDataset({"interactions": _empty("interactions", path.name, sheets)}, str(path))
    chosen: dict[str, str] = {}
    for sheet in sorted(sheets, key=lambda s: not sheets[s][1]):  # visible sheets first
        table = table_for_file(sheet)
        if table is not None:
            chosen.setdefault(table, sheet)
    tables, ignored, warnings = {}, [], []
    for sheet, (frame, shown, formulas) in sheets.items():
        table, name = table_for_file(sheet), f"{path.name}[{sheet}]"
        if table is not None and chosen[table] == sheet:
            tables[table] = stored_table(frame, name, table, excel=True, unsaved=formulas)
            if not shown:
                warnings.append(Issue(name, None, None, "hidden_sheet",
                                      f"is hidden in Excel and is used as the {table} table; check that it "
                                      "is the sheet you mean.", "warning"))
        else:
            ignored.append(name)
            if table is not None and not shown:
                warnings.append(Issue(name, None, None, "hidden_sheet",
                                      f"is hidden in Excel and is not used: the visible sheet "
                                      f"'{chosen[table]}' is the {table} table.", "warning"))
    if not tables:
        raise InputError(f"{path.name}: no sheet is named after a table; name the sheets people, "
                         f"interactions, events, attendance, networks (found: {', '.join(map(str, sheets))}).")
    return RawDataset(tables, str(path), ignored, warnings)


def read_dataset(path: str | Path, people: str | Path | None = None) -> RawDataset:
    """Read a dataset folder, workbook or single interactions file into raw tables.

    Parameters
    ----------
    path : str or Path
        A folder of table files, an ``.xlsx`` workbook with a sheet per table, or one file of
        interactions (CSV, Parquet, or a single-sheet workbook).
    people : str or Path, optional
        A people file to use with a single interactions file (or instead of the folder's own).

    Returns
    -------
    RawDataset

    Raises
    ------
    InputError
        When the path does not exist, holds no table, two files claim the same table, or a single
        file is a people, events or networks table (which cannot stand alone).

    Examples
    --------
    >>> from collabgraph.datasets import EXAMPLE
    >>> sorted(read_dataset(EXAMPLE).tables)
    ['attendance', 'events', 'interactions', 'networks', 'people']
    """
    path = Path(path)
    if path.is_dir():
        raw = _read_folder(path)
    elif path.is_file() and path.suffix.lower() in (".xlsx", ".xlsm") and people is None:
        raw = _read_workbook_dataset(path)
        if len(raw.tables) == 1 and "interactions" not in raw.tables:
            (only,) = raw.tables.values()
            only.table = "interactions"
            raw.tables = {"interactions": only}
    elif path.is_file():
        table = table_for_file(path.name)
        if table in ("people", "events", "networks"):
            also = ", and this file as people=FILE." if table == "people" else "."
            raise InputError(f"{path}: this is a {table} file; give the interactions file (or the folder "
                             f"holding all tables) as the path{also}")
        table = table if table == "attendance" else "interactions"
        raw = RawDataset({table: read_table_file(path, table)}, str(path))
    else:
        raise InputError(f"{path}: no such file or folder.")
    if people is not None:
        raw.tables["people"] = read_table_file(people, "people")
    raw.inputs = input_paths(path, people)
    remember_inputs(raw.inputs)  # the public writers refuse them (collabgraph.outputs.check_read)
    return raw


def input_paths(*paths: str | Path | None) -> tuple[str, ...]:
    """The given paths (None left out) as absolute paths, for :attr:`RawDataset.inputs`.

    >>> import os
    >>> input_paths("data", None) == (os.path.abspath("data"),)
    True
    """
    return tuple(os.path.abspath(p) for p in paths if p is not None)
