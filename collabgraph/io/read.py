"""Files to raw tables: find the tables, decode, sniff the separator, keep every row and its row number.

Nothing is interpreted here (validation does that); reading only guarantees that every record of
every file either reaches a :class:`RawTable` with its spreadsheet row number or is reported.

Accepted sources
----------------
- a folder of CSV/TSV/TXT, Parquet or XLSX files named after the tables (``people.csv``,
  ``personen.csv``, Gephi's ``nodes.csv`` and ``edges.csv`` ...);
- an ``.xlsx`` workbook with one sheet per table;
- a single interactions file (CSV, Parquet, or a one-sheet workbook), with an optional people file.

CSV files are parsed with pyarrow (fast path). A file it cannot parse exactly (blank lines, rows of the
wrong length, line breaks inside quoted values) is read again with Python's :mod:`csv`, which reports
each bad record with its row number.
"""

from __future__ import annotations

import csv
import io
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from collabgraph.errors import InputError, Issue
from collabgraph.schema import table_for_file

__all__ = ["RawDataset", "RawTable", "read_dataset", "read_table_file"]

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".parquet", ".pq", ".xlsx", ".xlsm")
SEPARATORS = (",", ";", "\t")


@dataclass
class RawTable:
    """One table as read: the file's own headers, values as text (CSV) or as stored (XLSX, Parquet).

    ``rows`` holds the spreadsheet row number of every row of ``frame`` (header = row 1).
    ``read`` counts every record in the file, including those rejected while reading (in ``issues``);
    ``ragged`` holds the cells of those with too many values, by row number.
    """

    table: str
    file: str
    frame: pd.DataFrame
    rows: np.ndarray
    read: int
    issues: list[Issue] = field(default_factory=list)
    ragged: dict[int, list[str]] = field(default_factory=dict)


@dataclass
class RawDataset:
    """The raw tables of a dataset, the files that were not used, and where it came from."""

    tables: dict[str, RawTable]
    source: str
    ignored: list[str] = field(default_factory=list)


def _empty(table: str, name: str, issue: Issue) -> RawTable:
    return RawTable(table, name, pd.DataFrame(), np.empty(0, dtype=np.int64), 0, [issue])


def _decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (BOM stripped) when valid, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


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
    names = reader.schema.names
    reader.close()
    return names


def _read_csv_fast(data: str | bytes, sep: str) -> pd.DataFrame | None:
    """Parse a UTF-8 file (path) or bytes with pyarrow, every column as text, then dictionary-encode each
    column (one pandas Categorical per column: each distinct value is stored once and later checked once);
    None when the file needs the exact slow path (or is not valid UTF-8). pyarrow skips a UTF-8 byte order
    mark. Text then one encoding per column costs 30% less than pyarrow's dictionary columns, whose
    dictionaries per block of the file must be unified afterwards."""
    names = _header(data, sep)
    if names is None or len(set(names)) != len(names):
        return None
    try:
        table = pacsv.read_csv(
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
    text = [table.column(name) for name in names]
    del table
    with ThreadPoolExecutor(2) as pool:  # pyarrow's kernels release the GIL: two columns at a time
        encoded = list(pool.map(pc.dictionary_encode, text))
    del text  # the text is freed here: only the encoded columns remain
    columns = {name: _categorical(column) for name, column in zip(names, encoded, strict=True)}
    del encoded
    pa.default_memory_pool().release_unused()  # hand the parser's buffers back to the system
    return pd.DataFrame(columns)


def _categorical(column: pa.ChunkedArray) -> pd.Categorical:
    """A dictionary-encoded column as a Categorical, without decoding the values."""
    if column.num_chunks == 0:
        return pd.Categorical.from_codes(np.zeros(0, np.int32), pd.Index([], dtype="string"))
    if len({chunk.dictionary.buffers()[1].address for chunk in column.chunks}) > 1:
        column = column.unify_dictionaries()  # dictionary_encode gives every chunk the same one: a safeguard
    codes = np.concatenate([chunk.indices.to_numpy(zero_copy_only=False) for chunk in column.chunks])
    categories = pd.Index(pd.arrays.ArrowStringArray(column.chunk(0).dictionary))
    return pd.Categorical.from_codes(codes, categories, validate=False)


def _read_csv_exact(text: str, sep: str, name: str, table: str) -> RawTable:
    """Python's csv reader: exact record numbers, and every malformed record reported."""
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=sep))
    except csv.Error as err:
        return _empty(table, name, Issue(name, None, None, "not_a_table",
                                         f"cannot be read as a table ({err})."))
    header = records[0] if records else []
    width = len(header)
    kept, rows, issues, read, ragged = [], [], [], 0, {}
    for number, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue  # a blank line is not a record
        read += 1
        if len(record) > width and not any(c.strip() for c in record[width:]):
            record = record[:width]
        if len(record) > width:
            issues.append(Issue(name, number, None, "ragged_row",
                                f"has {len(record)} values but the header has {width} columns; "
                                "check for an unquoted separator in a value."))
            ragged[number] = record
            continue
        kept.append(record + [""] * (width - len(record)))
        rows.append(number)
    frame = pd.DataFrame(kept, columns=_unique_headers(header), dtype=pd.StringDtype())
    return RawTable(table, name, frame, np.asarray(rows, dtype=np.int64), read, issues, ragged)


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
    frame = _read_csv_fast(str(path), sep)  # pyarrow reads the file itself: no copy of it in Python
    if frame is None:
        data = path.read_bytes()
        text, encoding = _decode(data)
        frame = _read_csv_fast(text.encode("utf-8"), sep) if encoding != "utf-8" else None
        if frame is None:
            return _read_csv_exact(text, sep, name, table)
    n = len(frame)
    return RawTable(table, name, frame, np.arange(2, n + 2, dtype=np.int64), n)


def _from_frame(frame: pd.DataFrame, name: str, table: str) -> RawTable:
    frame = frame.dropna(how="all").copy()
    rows = frame.index.to_numpy(dtype=np.int64) + 2
    frame.columns = _unique_headers([str(c) for c in frame.columns])
    return RawTable(table, name, frame.reset_index(drop=True), rows, len(frame))


def _read_parquet(path: Path, name: str, table: str) -> RawTable:
    try:
        frame = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several types for a broken file
        return _empty(table, name, Issue(name, None, None, "not_a_table",
                                         f"cannot be read as Parquet ({type(err).__name__})."))
    return _from_frame(frame, name, table)


def _read_workbook(path: Path) -> dict[str, pd.DataFrame] | Issue:
    try:
        return pd.read_excel(path, sheet_name=None, dtype=object, engine="openpyxl")
    except Exception as err:  # openpyxl raises zipfile, KeyError, ValueError ... for a broken file
        return Issue(path.name, None, None, "not_a_table",
                     f"cannot be read as an Excel workbook ({type(err).__name__}); save it as .xlsx.")


def read_table_file(path: str | Path, table: str) -> RawTable:
    """Read one file as the given contract table.

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
    suffix = path.suffix.lower()
    if suffix in (".parquet", ".pq"):
        return _read_parquet(path, path.name, table)
    if suffix in (".xlsx", ".xlsm"):
        sheets = _read_workbook(path)
        if isinstance(sheets, Issue):
            return _empty(table, path.name, sheets)
        if len(sheets) != 1:
            raise InputError(f"{path.name}: has {len(sheets)} sheets; name each sheet after its "
                             "table (people, interactions, events, attendance) and give the "
                             "workbook as the dataset.")
        (sheet, frame), = sheets.items()
        return _from_frame(frame, f"{path.name}[{sheet}]", table)
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
    sheets = _read_workbook(path)
    if isinstance(sheets, Issue):
        return RawDataset({"interactions": _empty("interactions", path.name, sheets)}, str(path))
    tables, ignored = {}, []
    for sheet, frame in sheets.items():
        table = table_for_file(sheet)
        if table is None or table in tables:
            ignored.append(f"{path.name}[{sheet}]")
        else:
            tables[table] = _from_frame(frame, f"{path.name}[{sheet}]", table)
    if not tables:
        raise InputError(f"{path.name}: no sheet is named after a table; name the sheets people, "
                         f"interactions, events, attendance (found: {', '.join(map(str, sheets))}).")
    return RawDataset(tables, str(path), ignored)


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
        file is a people or events table (which cannot stand alone).
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
        if table in ("people", "events"):
            raise InputError(f"{path}: this is a {table} file; give the interactions file (or the folder "
                             f"holding all tables) as DATASET" + (", and this file as --people." if table == "people"
                                                                  else "."))
        table = table if table == "attendance" else "interactions"
        raw = RawDataset({table: read_table_file(path, table)}, str(path))
    else:
        raise InputError(f"{path}: no such file or folder.")
    if people is not None:
        raw.tables["people"] = read_table_file(people, "people")
    return raw
