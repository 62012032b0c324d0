"""Raw tables to a :class:`~collabgraph.dataset.Dataset`, collecting every problem before failing.

Rules (each problem is an :class:`~collabgraph.errors.Issue` with file, spreadsheet row, column, code):

========================  =====================================================================
code                      when
========================  =====================================================================
``missing_column``        a required column is absent (the columns found and the closest name
                          are listed); the whole table is rejected
``missing_table``         neither interactions nor attendance were found
``empty_file``            the file has no header or no content
``not_a_table``           the file is binary, or not CSV/XLSX/Parquet
``ragged_row``            a record has more values than the header has columns
``empty_id``              an id, source, target, event, person or network cell is empty
``duplicate_id``          a person or event id, or a network of the networks table, appears again
                          (the first row is kept)
``duplicate_row``         the same person is listed twice for the same event
``unknown_person``        a record, or a network's ``coordinator``, names a person who is not in the
                          people table (or, without one, in no record)
``unknown_event``         attendance names an event that is not in the events table
``rejected_reference``    records name a person or event whose own row was rejected: one issue per
                          id and file, naming the cause and the rows (each row is still rejected)
``bad_period``            a person's ``left`` date is before their ``joined`` date, or a network's
                          ``end`` before its ``start`` (networks table)
``bad_date``              not a date, or an impossible one (``31-02-2022``)
``bad_weight``            a weight that is not a positive number up to ``MAX_NUMBER``
``bad_number``            a duration that is not a number from 0 up to ``MAX_NUMBER``
``self_tie``              source and target are the same person
========================  =====================================================================

Warnings (severity ``warning``, in ``ValidationReport.warnings``) reject nothing and never stop strict
mode: ``no_people_table``, ``ignored_file``, ``unknown_column``, ``spelling_variants``, ``case_variant_ids`` (ids
that differ only in case: different people, not merged), ``header_only``,
``rejected_person_added``, ``unused_network``, ``bad_rating`` (a rating that is not a number: the value is
left out, the interaction is used), ``ignored_column`` (a column of the interactions that is neither in the
contract nor a rating)
(docs/data.md says when each is given).

A row with any problem is rejected as a whole; it is never half used. Strict (the default): any
problem raises :class:`~collabgraph.errors.ValidationError` listing all of them. A file that cannot be read
at all (``not_a_table``: binary, a corrupt workbook or Parquet file) raises it in lenient mode too: none of
its rows can be counted, used or rejected. Lenient: rejected
rows are left out and listed in the report, and people who appear only in records are added with
unknown attributes. Either way, for every table ``read == used + rejected + skipped_blank`` (rows with
every cell empty are not records: they are skipped and counted).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from collabgraph.dataset import NETWORK_COLUMNS, Dataset, empty_network_table
from collabgraph.errors import Issue, ValidationError
from collabgraph.io.read import RawDataset, RawTable
from collabgraph.io.values import (
    arrow_text,
    categorical,
    clean_text,
    date_shaped,
    parse_dates,
    parse_numbers,
    shared_categories,
)
from collabgraph.outputs import remember_inputs
from collabgraph.params import Options, validate_params
from collabgraph.schema import FIRST_DATE, GEPHI_EDGE_TYPES, LAST_DATE, RATINGS, TABLE_SUFFIXES, TABLES, fold
from collabgraph.validation import ValidationReport

__all__ = ["MAX_NUMBER", "RATING_LIMIT", "ValidationReport", "concat_interactions", "empty_table",
           "rating_columns", "rating_votes", "raw_table", "validate",
           "validate_attendance", "validate_events", "validate_interactions", "validate_networks", "validate_people"]

#: Largest weight or duration accepted: 2**53, the last float up to which every whole number is exact.
#: Bounding each value keeps every sum finite (two weights of 1e308 add up to infinity).
MAX_NUMBER = 2.0**53
#: A free column of the interactions is a rating when most of its values are numbers from -RATING_LIMIT to
#: RATING_LIMIT: the survey scales (1-5, 1-7, 0-10, -3 to 3), not a year, an age or an amount.
RATING_LIMIT = 10


def _isin(values: pd.Series, index: pd.Index) -> np.ndarray:
    """``values.isin(index)`` for text, with pyarrow's hash lookup (pandas iterates the index in Python);
    a categorical column is looked up once per category."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        found = _isin(pd.Series(values.cat.categories), index)
        return np.append(found, False)[values.cat.codes.to_numpy()]
    if isinstance(values.dtype, pd.StringDtype) and isinstance(index.dtype, pd.StringDtype):
        found = pc.is_in(pa.array(values.array).cast(pa.large_string()),
                         value_set=pa.array(index.array).cast(pa.large_string()))
        return found.fill_null(False).to_numpy(zero_copy_only=False)
    return values.isin(index).to_numpy()


def _natural_order(labels: list[str]) -> list[str]:
    """Wave labels in natural order when they share a prefix and end in numbers, else as first seen."""
    parts = [re.fullmatch(r"(.*?)(\d+(?:[.,]\d+)?)", s) for s in labels]
    if labels and all(parts) and len({p.group(1).strip().lower() for p in parts}) == 1:
        return sorted(labels, key=lambda s: float(re.search(r"\d+(?:[.,]\d+)?$", s)[0].replace(",", ".")))
    return labels


_ADD_PERSON = "add the person there, or pass lenient=True to add unknown people without attributes."


# ---- the table checker ----------------------------------------------------------------------
class _Checker:
    """Maps a raw table's columns to the contract and records issues per row."""

    def __init__(self, raw: RawTable, report: ValidationReport):
        self.raw, self.report = raw, report
        self.spec = TABLES[raw.table]
        self.issues: list[Issue] = list(raw.issues)
        self.bad = np.zeros(len(raw.frame), dtype=bool)
        self.header: dict[str, str] = {}
        for col in raw.frame.columns:
            name = self.spec.match_column(col)
            if name is not None and name not in self.header:
                self.header[name] = col
        report.headers[raw.table] = (raw.file, dict(self.header))

    def unknown_columns(self) -> None:
        """Warn about each free column whose name is close to a contract column the file lacks
        (``Organsiatie``): probably a typo, and the values are then no organisation."""
        names = {fold(n): c.name for c in self.spec.columns for n in (c.name, *c.aliases)}
        required = set(self.spec.required)
        for col in self.raw.frame.columns:
            if self.spec.match_column(col) is not None:
                continue
            guess = difflib.get_close_matches(fold(col), list(names), n=1, cutoff=0.8)
            if not guess or names[guess[0]] in self.header or names[guess[0]] in required:
                continue  # nothing close, that column is there, or a missing required one (an error says so)
            contract = names[guess[0]]
            also = "" if guess[0] == contract else f" ({contract})"
            self.report.warnings.append(Issue(
                self.raw.file, None, str(col), "unknown_column",
                f"is not a column collabgraph knows, so it is kept as a free attribute; did you mean "
                f"'{guess[0]}'{also}? Rename it to use it as {contract}.", "warning"))

    def missing_columns(self) -> bool:
        found = [c for c in self.raw.frame.columns]
        missing = [c for c in self.spec.required if c not in self.header]
        self.unknown_columns()
        if self.raw.frame.empty and not found and self.raw.issues:
            return True  # empty or unreadable file: already reported
        for name in missing:
            guess = difflib.get_close_matches(name, [fold(c) for c in found], n=1, cutoff=0.5)
            hint = f" Did you mean '{found[[fold(c) for c in found].index(guess[0])]}'?" if guess else ""
            aliases = ", ".join(f"'{a}'" for a in (name, *self.spec.column(name).aliases[:3]))
            self.issues.append(Issue(
                self.raw.file, None, name, "missing_column",
                f"required column is missing (accepted names: {aliases} ...); found "
                f"{', '.join(repr(c) for c in found) or 'no columns'}.{hint}"))
        return bool(missing)

    def rejected_whole(self, table: str) -> bool:
        """Whether the table lacks a required column (:meth:`missing_columns`); then every row is rejected and
        counted under ``table`` (:meth:`finish`), and the caller returns the table empty."""
        if not self.missing_columns():
            return False
        self.bad[:] = True
        self.finish(self.raw.frame, table)
        return True

    def get(self, name: str) -> pd.Series | None:
        col = self.header.get(name)
        return None if col is None else self.raw.frame[col]

    def flag(self, mask, name: str | None, code: str, message) -> None:
        """Reject rows where mask is True; message is a str or a function of the cell value."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        self.bad |= mask
        col = self.header.get(name, name) if name else None
        cells = self.raw.frame[self.header[name]] if name in self.header else None
        for i in np.flatnonzero(mask):
            text = message(None if cells is None else cells.iloc[i]) if callable(message) else message
            self.issues.append(Issue(self.raw.file, int(self.raw.rows[i]), col, code, text))

    def text(self, name: str) -> pd.Series:
        values = self.get(name)
        if values is None:
            return pd.Series(pd.NA, index=self.raw.frame.index, dtype="string")
        return clean_text(values)

    def required_ids(self, name: str, what: str) -> pd.Series:
        ids = self.text(name)
        self.flag_empty(ids, name, what)
        return ids

    def flag_empty(self, ids: pd.Series, name: str, what: str) -> None:
        self.flag(ids.isna(), name, "empty_id", f"{what} is empty; every row needs one.")

    def shared_ids(self, names: tuple[str, ...]) -> list[pd.Series]:
        """Required id columns (source and target) trimmed and coded on one sorted set of categories."""
        raw = [self.get(name) for name in names]
        if not all(isinstance(r.dtype, pd.CategoricalDtype) for r in raw):
            raw = [self.text(name) for name in names]
        ids = shared_categories(*raw)  # trims each distinct value once (as clean_text) while recoding
        for name, column in zip(names, ids, strict=True):
            self.flag_empty(column, name, name)
        return ids

    def dates(self, name: str) -> pd.Series:
        values = self.get(name)
        if values is None:
            return pd.Series(pd.NaT, index=self.raw.frame.index, dtype="datetime64[ns]")
        dates, bad = parse_dates(values)

        def message(v):
            shaped = date_shaped(str(v).strip())
            year = re.search(r"\d{4}", str(v))
            if shaped and not FIRST_DATE.year <= int(year[0]) <= LAST_DATE.year:  # the range is whole years
                return f"{str(v).strip()!r} is outside the dates collabgraph can hold ({FIRST_DATE} to {LAST_DATE})."
            if shaped:
                return f"not a real date: {str(v).strip()!r}."
            return f"expected a date like 2021-03-14 or 14-03-2021, got {str(v).strip()!r}."

        self.flag(bad, name, "bad_date", message)
        return dates

    def flag_period(self, joined: pd.Series, left: pd.Series, names: tuple[str, str] = ("joined", "left"),
                    rule: str = "a person cannot leave before joining") -> None:
        """Reject rows whose last date (``left``; a network's ``end``) is before their first (``joined``;
        ``start``): ``bad_period``."""
        wrong = (left < joined).fillna(False).to_numpy()
        if not wrong.any():
            return
        self.bad |= wrong
        first, last = names
        start, end = self.raw.frame[self.header[first]], self.raw.frame[self.header[last]]
        for i in np.flatnonzero(wrong):
            self.issues.append(Issue(
                self.raw.file, int(self.raw.rows[i]), self.header[last], "bad_period",
                f"{last} {str(end.iloc[i]).strip()!r} is before {first} {str(start.iloc[i]).strip()!r}; "
                f"{rule}. Correct one of the two dates."))

    def numbers(self, name: str, code: str, positive: bool) -> pd.Series:
        values = self.get(name)
        if values is None:
            return pd.Series(np.nan, index=self.raw.frame.index)
        nums, bad = parse_numbers(values)
        bad |= (nums <= 0 if positive else nums < 0).fillna(False)
        rule = "a positive number like 1 or 2,5" if positive else "a number of 0 or more, like 90"
        self.flag(bad, name, code, lambda v: f"expected {rule}, got {str(v).strip()!r}.")
        self.flag((nums > MAX_NUMBER).fillna(False) & ~bad, name, code,
                  lambda v: f"expected at most 2**53 = {MAX_NUMBER:,.0f} (larger numbers make sums overflow), "
                            f"got {str(v).strip()!r}.")
        return nums

    def rating(self, column: str) -> pd.Series:
        """The raw column ``column`` as a rating: numbers (0 included) up to ``MAX_NUMBER``; any other value
        is left out (``NaN``) with a ``bad_rating`` warning on its row, and the row is still used (a row
        rejected for another reason gets no warning: it is not used)."""
        nums, bad = parse_numbers(self.raw.frame[column])
        bad = (bad | (nums.abs() > MAX_NUMBER).fillna(False)).to_numpy(bool, copy=True)
        nums = nums.mask(bad)
        bad &= ~self.bad
        cells = self.raw.frame[column]
        for i in np.flatnonzero(bad):
            self.report.warnings.append(Issue(
                self.raw.file, int(self.raw.rows[i]), str(column), "bad_rating",
                f"expected a rating like 4 or 3,5, got {str(cells.iloc[i]).strip()!r}; the value is left out "
                "and the interaction is used.", "warning"))
        return nums

    def duplicated(self, keys: pd.Series | pd.DataFrame, name: str, code: str, what: str) -> None:
        """Reject repeats of a key among rows not yet rejected; the first occurrence is kept."""
        frame = keys.to_frame() if isinstance(keys, pd.Series) else keys
        valid = frame[frame.notna().all(axis=1).to_numpy() & ~self.bad]
        dup = valid.duplicated(keep="first")
        if not dup.any():
            return
        rows = pd.Series(self.raw.rows[valid.index], index=valid.index)
        first = rows.groupby([valid[c] for c in valid.columns]).transform("first")
        col = self.header.get(name, name)
        for i in valid.index[dup.to_numpy()]:
            value = " / ".join(map(str, frame.loc[i]))
            self.issues.append(Issue(self.raw.file, int(self.raw.rows[i]), col, code,
                                     f"{what} {value!r} appears again; first on row {first[i]}."))
            self.bad[i] = True

    def finish(self, frame: pd.DataFrame, table: str) -> pd.DataFrame:
        """Record counts and rejected values; return the frame's good rows."""
        used = int((~self.bad).sum())
        self.report.counts[table] = {"read": self.raw.read, "used": used,
                                     "rejected": self.raw.read - self.raw.blank - used, "skipped_blank": self.raw.blank}
        bad = np.flatnonzero(self.bad)
        if len(bad):  # "col=value; col=value" per rejected row, built column-wise
            cells = self.raw.frame.iloc[bad].astype("string").fillna("")
            joined = pd.Series("", index=cells.index, dtype="string")
            for j, col in enumerate(cells.columns):
                joined = joined + ("; " if j else "") + f"{col}=" + cells[col]
            rows = self.raw.rows[bad].tolist()
            self.report.rejected_values.update(zip([(self.raw.file, r) for r in rows], joined.tolist(), strict=True))
        for row, record in self.raw.ragged.items():  # rows rejected while reading: their cells as read
            self.report.rejected_values[(self.raw.file, row)] = "; ".join(record)
        # file-level problems first, then by spreadsheet row (stable: a row's problems keep their order)
        self.report.issues.extend(sorted(self.issues, key=lambda i: -1 if i.row is None else i.row))
        return frame[~self.bad] if len(bad) else frame

    def references(self, ids: pd.Series, used: pd.Index) -> tuple[pd.Index, dict[str, str]]:
        """The ids other tables may refer to (``used``), and each id that only occurs in rejected rows,
        with where it was first rejected (``personen.csv row 5``). The id of a row rejected while reading
        (too many values) is the cell at the id column's position, counted from the start or, when the
        unquoted separators came before it, from the end."""
        rejected = ids[self.bad & ids.notna().to_numpy()]
        rejected = rejected[~rejected.duplicated()]
        first = dict(zip(rejected.tolist(), self.raw.rows[rejected.index].tolist(), strict=True))
        position = list(self.raw.frame.columns).index(self.header["id"])
        width = len(self.raw.frame.columns)
        for row, record in self.raw.ragged.items():  # short records too (a bad_encoding row is kept as read)
            for cell in {record[p] for p in (position, position + len(record) - width) if 0 <= p < len(record)}:
                if cell.strip():
                    first[cell.strip()] = min(first.get(cell.strip(), row), row)
        keys = pd.Series(list(first), dtype="string")
        unused = keys[~_isin(keys, used)].tolist()
        return used, {key: f"{self.raw.file} row {first[key]}" for key in sorted(unused, key=first.get)}

    def flag_unknown(self, ids: pd.Series, name: str, known: pd.Index, gone: dict[str, str], what: str,
                     table: str, fix: str) -> None:
        """Reject rows whose id is not in ``known``: one ``rejected_reference`` per row whose id was
        rejected in its own table (:func:`validate` turns them into one issue per id), else ``unknown_*``."""
        if isinstance(ids.dtype, pd.CategoricalDtype):  # looked up once per category
            codes = ids.cat.codes.to_numpy()
            inside = np.append(_isin(pd.Series(ids.cat.categories), known), True)[codes]
            was = np.append(_isin(pd.Series(ids.cat.categories), pd.Index(list(gone), dtype="string")),
                            False)[codes] if gone else np.zeros(len(ids), bool)
        else:
            inside = ~ids.notna().to_numpy() | _isin(ids, known)
            was = _isin(ids, pd.Index(list(gone), dtype="string")) & ~inside if gone else np.zeros(len(ids), bool)
        self.flag(was, name, "rejected_reference", lambda v: f"{str(v).strip()!r} was rejected at "
                                                             f"{gone[str(v).strip()]}.")
        unknown = ~inside & ~was
        if unknown.any() and what == "person":  # a spelling of a known id in another case: say which
            lowered = pd.Series(known, dtype="string").str.lower()
            spelled = dict(zip(lowered, known, strict=True))
            cases = {str(v).strip(): spelled.get(str(v).strip().lower()) for v in ids[unknown].dropna().unique()}
            fix = {v: (f"the {table} table has {p!r}, which differs only in case (ids are case-sensitive): use "
                       f"one spelling; or {fix}" if p is not None else fix) for v, p in cases.items()}
        self.flag(unknown, name, f"unknown_{what}",
                  lambda v: f"{str(v).strip()!r} is not in the {table} table; "
                            f"{fix[str(v).strip()] if isinstance(fix, dict) else fix}")


def _identifier(column: str) -> bool:
    """A column that names records (Gephi's edge ``Id``, ``survey_id``), never a rating."""
    key = fold(column)
    return key == "id" or key.endswith("_id")


def rating_votes(frame: pd.DataFrame) -> dict[str, tuple[int, int, int]]:
    """Per free column of a raw interactions table (no contract name): its non-empty values, how many of
    them are numbers, and how many are numbers from -:data:`RATING_LIMIT` to :data:`RATING_LIMIT`, for
    :func:`rating_columns` (the Dask engine adds the votes of its partitions, so that every partition reads
    the same columns as ratings).

    Examples
    --------
    >>> rating_votes(pd.DataFrame({"source": ["a"], "target": ["b"], "score": ["4"], "note": ["fine"],
    ...                            "year": ["2021"]}))
    {'score': (1, 1, 1), 'note': (1, 0, 0), 'year': (1, 1, 0)}
    """
    spec = TABLES["interactions"]
    votes = {}
    for col in frame.columns:
        if spec.match_column(col) is None:
            nums, bad = parse_numbers(frame[col])
            filled = int(nums.notna().sum() + bad.sum())
            votes[col] = (filled, int(nums.notna().sum()), int((nums.abs() <= RATING_LIMIT).sum()))
    return votes


def rating_columns(votes: dict[str, tuple[int, int, int]]) -> list[str]:
    """The free columns read as ratings: those of which more than half the values are numbers from
    -:data:`RATING_LIMIT` to :data:`RATING_LIMIT` (a rating scale), except identifiers (``id``, ``..._id``).

    Examples
    --------
    >>> rating_columns({"score": (3, 2, 2), "note": (3, 1, 1), "empty": (0, 0, 0), "Id": (3, 3, 3),
    ...                 "year": (3, 3, 0)})
    ['score']
    """
    return [col for col, (filled, _, scaled) in votes.items()
            if scaled and 2 * scaled > filled and not _identifier(col)]


def _ratings(checker: _Checker, frame: pd.DataFrame, chosen: list[str] | None) -> pd.DataFrame:
    """Add the rating columns to ``frame`` (trust, value, frequency, then the numeric free columns in file
    order, under their folded names) and warn about the free columns no metric uses (``ignored_column``)."""
    raw = checker.raw.frame
    votes = rating_votes(raw)
    chosen = rating_columns(votes) if chosen is None else list(chosen)
    for col in raw.columns:
        if col in votes and col not in chosen:
            filled, numeric, _ = votes[col]
            why = ("an identifier" if _identifier(col) and numeric else "no values" if not filled
                   else f"numbers outside a rating scale (mostly beyond -{RATING_LIMIT} to {RATING_LIMIT}: a "
                        "year, an age, an amount?)" if 2 * numeric > filled else "text, not numbers")
            checker.report.warnings.append(Issue(
                checker.raw.file, None, str(col), "ignored_column",
                f"holds {why}, so no metric uses it (it stays in the interactions as text).", "warning"))
    before = len(checker.report.warnings)
    for name in RATINGS:
        if name in checker.header:
            frame[name] = checker.rating(checker.header[name])
    for col in chosen:
        if fold(col) not in frame.columns:
            frame[fold(col)] = checker.rating(col)
    checker.report.warnings[before:] = sorted(checker.report.warnings[before:], key=lambda w: w.row)  # row order
    return frame


def _free_columns(checker: _Checker, frame: pd.DataFrame) -> pd.DataFrame:
    used = set(checker.header.values())
    for col in checker.raw.frame.columns:
        if col not in used and fold(col) not in frame.columns:
            frame[fold(col)] = _strings(clean_text(checker.raw.frame[col]))
    return frame


def _strings(values: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """Categorical text as plain ``string`` (people, events and attendance are small tables)."""
    if isinstance(values, pd.DataFrame):  # column by column (DataFrame.apply cost 1 ms more per table)
        out = values.copy(deep=False)
        if not all(values.shape):  # a table without rows keeps its types (as DataFrame.apply kept them)
            return out
        for col in values.columns:
            if isinstance(values[col].dtype, pd.CategoricalDtype):
                out[col] = _strings(values[col])
        return out
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values
    codes = values.cat.codes.to_numpy()  # decoded by pyarrow's take (astype goes through Python objects)
    text = arrow_text(values.cat.categories).take(pa.array(codes, mask=codes < 0))
    return pd.Series(pd.arrays.ArrowStringArray(text), index=values.index)


# ---- per table ------------------------------------------------------------------------------
def raw_table(frame: pd.DataFrame, table: str, name: str | None = None) -> RawTable:
    """A DataFrame in memory as the raw ``table`` to validate, rows numbered as in a spreadsheet (the first
    is row 2) of the file ``name`` (default ``<table>``); every row is a record (none is skipped as blank).

    Examples
    --------
    >>> t = raw_table(pd.DataFrame({"id": ["a", "b"]}), "people")
    >>> t.file, t.rows.tolist(), t.read
    ('<people>', [2, 3], 2)
    """
    frame = frame.reset_index(drop=True)
    return RawTable(table, name or f"<{table}>", frame, np.arange(2, len(frame) + 2), len(frame))


def validate_people(raw: RawTable, report: ValidationReport) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Check the people table: ids present and unique, dates real and ``left`` not before ``joined``.

    Parameters
    ----------
    raw : RawTable
        The people table (:func:`~collabgraph.io.read.read_table_file`, :func:`raw_table`).
    report : ValidationReport
        Receives the issues, the counts, the rejected rows' values, and in ``references["people"]`` the
        accepted ids and the ids of rejected rows (for :func:`validate_interactions` and
        :func:`validate_attendance`).

    Returns
    -------
    people : DataFrame
        The accepted rows, indexed by ``id``.
    memberships : DataFrame
        ``person, network`` from the ``networks`` column (``;`` or ``|`` between names).

    Examples
    --------
    >>> report = ValidationReport("<frames>")
    >>> people, memberships = validate_people(raw_table(pd.DataFrame(
    ...     {"id": ["a", "b", "a"], "networks": ["N1; N2", "", "N1"]}), "people"), report)
    >>> people.index.tolist(), memberships.values.tolist()
    (['a', 'b'], [['a', 'N1'], ['a', 'N2']])
    >>> [(i.row, i.code) for i in report.issues], report.counts["people"]["rejected"]
    ([(4, 'duplicate_id')], 1)
    """
    c = _Checker(raw, report)
    report.references["people"] = (None, {})  # a table rejected whole is no reference
    if c.rejected_whole("people"):
        return empty_table("people"), empty_table("memberships")
    ids = c.required_ids("id", "id")
    columns = {"id": ids} | {name: c.text(name) for name in ("name", "role", "profession", "organisation", "domain")}
    frame = pd.DataFrame(columns | {"joined": c.dates("joined"), "left": c.dates("left")})  # one frame, not 7 inserts
    c.flag_period(frame["joined"], frame["left"])
    networks = _strings(c.text("networks"))
    frame = _strings(_free_columns(c, frame))
    c.duplicated(ids, "id", "duplicate_id", "id")
    frame = c.finish(frame, "people")
    if raw.read > raw.blank:  # a header-only table is no reference either (a header_only warning says so)
        report.references["people"] = c.references(ids, pd.Index(frame["id"], dtype="string"))
    lists = pc.split_pattern_regex(pa.array(networks[frame.index].array, type=pa.large_string()), r"\s*[;|]\s*")
    nets = pc.utf8_trim_whitespace(pc.list_flatten(lists))  # one C pass over every person's list
    keep = pc.fill_null(pc.not_equal(nets, ""), False).to_numpy(zero_copy_only=False)
    rows = pc.list_parent_indices(lists).to_numpy(zero_copy_only=False)[keep]
    memberships = pd.DataFrame({"person": frame["id"].to_numpy()[rows],
                                "network": pd.array(nets.filter(pa.array(keep)), dtype="string")},
                               dtype="string").drop_duplicates()
    return frame.set_index("id"), memberships


@validate_params({"table": [Options(["people", "memberships", "interactions", "events", "attendance", "networks"])]})
def empty_table(table: str) -> pd.DataFrame:
    """A validated table with no rows: its columns and types (``memberships`` too), as a Dataset holds it.

    Examples
    --------
    >>> empty_table("attendance").columns.tolist()
    ['event', 'person', 'role_in_event']
    """
    if table == "interactions":
        text = pd.CategoricalDtype(pd.Index([], dtype="string"))
        return pd.DataFrame({
            "source": pd.Series(dtype=text), "target": pd.Series(dtype=text),
            "date": pd.Series(dtype="datetime64[ns]"), "wave": pd.Categorical([], ordered=True),
            "kind": pd.Series(dtype=text), "network": pd.Series(dtype=text),
            "weight": pd.Series(dtype="float64"), "duration_minutes": pd.Series(dtype="float64"),
            "row": pd.Series(dtype="int64")})
    if table == "people":
        frame = pd.DataFrame({c: pd.Series(dtype="string") for c in
                              ("id", "name", "role", "profession", "organisation", "domain")})
        frame["joined"] = pd.Series(dtype="datetime64[ns]")
        frame["left"] = pd.Series(dtype="datetime64[ns]")
        return frame.set_index("id")
    if table == "events":
        return pd.DataFrame({"id": pd.Series(dtype="string"), "date": pd.Series(dtype="datetime64[ns]"),
                             "network": pd.Series(dtype="string"), "kind": pd.Series(dtype="string"),
                             "duration_minutes": pd.Series(dtype="float64"),
                             "title": pd.Series(dtype="string")}).set_index("id")
    if table == "networks":
        return empty_network_table()
    columns = ("person", "network") if table == "memberships" else ("event", "person", "role_in_event")
    return pd.DataFrame({c: pd.Series(dtype="string") for c in columns})


def validate_interactions(raw: RawTable, report: ValidationReport, *, people: pd.Index | None = None,
                          rejected_people: dict[str, str] | None = None, lenient: bool = False,
                          ratings: list[str] | None = None) -> tuple[pd.DataFrame, bool | None]:
    """Check the interactions table: source and target present and different, dates, weights and durations
    valid, and (strict mode) both people in the people table.

    Parameters
    ----------
    raw : RawTable
        The interactions table, or a part of it (the Dask engine validates each partition with this function).
    report : ValidationReport
        Receives the issues, the counts and the rejected rows' values.
    people : Index, optional
        The accepted people ids (``report.references["people"][0]``); None: not checked (no people table).
    rejected_people : dict, optional
        Ids of rejected people rows and where they were rejected: a record naming one is a
        ``rejected_reference`` (:func:`validate` says it once per id), not an ``unknown_person``.
    lenient : bool
        Do not check the people (unknown people are added by :func:`validate`).
    ratings : list of str, optional
        The free columns to read as ratings (:func:`rating_columns` of the whole table's
        :func:`rating_votes`, when ``raw`` is a part of it); default: decided from ``raw``.

    Returns
    -------
    interactions : DataFrame
        The accepted rows; ``source, target, kind, network`` categorical, ``wave`` ordered naturally; after
        ``row`` the ratings (float, ``NaN`` where empty or not a number), then the other free columns as text.
    gephi_direction : bool or None
        True when a Gephi ``Type`` column says every edge is directed, False when it says otherwise,
        None without such a column.

    Examples
    --------
    >>> report = ValidationReport("<frames>")
    >>> inter, _ = validate_interactions(raw_table(pd.DataFrame(
    ...     {"source": ["a", "a", "b"], "target": ["b", "a", "x"]}), "interactions"), report,
    ...     people=pd.Index(["a", "b"], dtype="string"))
    >>> inter[["source", "target"]].astype(str).values.tolist()
    [['a', 'b']]
    >>> [(i.row, i.code) for i in report.issues]
    [(3, 'self_tie'), (4, 'unknown_person')]
    """
    c = _Checker(raw, report)
    gephi_direction = None
    kind = c.get("kind")
    if kind is not None and c.header.get("kind", "").lower() == "type":
        values = set(clean_text(kind).dropna().str.lower().unique())
        if values and values <= GEPHI_EDGE_TYPES:
            gephi_direction = values == {"directed"}
            del c.header["kind"]
    if c.rejected_whole("interactions"):
        return empty_table("interactions"), gephi_direction
    source, target = c.shared_ids(("source", "target"))
    self_tie = (source.cat.codes.to_numpy() == target.cat.codes.to_numpy()) & source.notna().to_numpy()
    c.flag(self_tie, "target", "self_tie",
           lambda v: f"source and target are the same person ({str(v).strip()!r}); "
                     "a tie needs two people, so this row is not used.")
    if people is not None and not lenient:
        for name, ids in (("source", source), ("target", target)):
            c.flag_unknown(ids, name, people, rejected_people or {}, "person", "people", _ADD_PERSON)
    frame = pd.DataFrame({"source": source, "target": target, "date": c.dates("date"),  # one frame, not 6 inserts
                          "kind": categorical(c.text("kind")), "network": categorical(c.text("network")),
                          "weight": c.numbers("weight", "bad_weight", positive=True).fillna(1.0),
                          "duration_minutes": c.numbers("duration_minutes", "bad_number", positive=False),
                          "row": raw.rows})
    wave = c.text("wave") if "wave" in c.header else None
    frame = _free_columns(c, _ratings(c, frame, ratings))
    frame = c.finish(frame, "interactions")
    if wave is not None:
        # as text: a categorical wave column (a loaded dataset's interactions, filtered) may hold categories
        # no kept row uses, and pandas will refuse to recode those into fewer categories
        wave = wave[frame.index].astype("string")
        order = _natural_order(list(wave.dropna().unique()))
        frame.insert(3, "wave", pd.Categorical(wave, categories=order, ordered=True))
    else:  # no wave column: every code -1, without looking at 1M missing values
        frame.insert(3, "wave", pd.Categorical.from_codes(np.full(len(frame), -1, np.int8), [], ordered=True))
    return frame.reset_index(drop=True), gephi_direction


def validate_events(raw: RawTable, report: ValidationReport) -> pd.DataFrame:
    """Check the events table: ids present and unique, dates and durations valid.

    The accepted and rejected ids go to ``report.references["events"]`` (for :func:`validate_attendance`).

    Examples
    --------
    >>> report = ValidationReport("<frames>")
    >>> events = validate_events(raw_table(pd.DataFrame({"id": ["e1", "e2"], "date": ["2021-03-14", "31-02-2021"]}),
    ...                                    "events"), report)
    >>> events.index.tolist(), [(i.row, i.code) for i in report.issues]
    (['e1'], [(3, 'bad_date')])
    """
    c = _Checker(raw, report)
    report.references["events"] = (None, {})  # a table rejected whole is no reference
    if c.rejected_whole("events"):
        return empty_table("events")
    ids = c.required_ids("id", "id")
    frame = pd.DataFrame({"id": ids, "date": c.dates("date"), "network": c.text("network"),
                          "kind": c.text("kind"),
                          "duration_minutes": c.numbers("duration_minutes", "bad_number", False),
                          "title": c.text("title")})
    frame = _strings(_free_columns(c, frame))
    c.duplicated(ids, "id", "duplicate_id", "event id")
    frame = c.finish(frame, "events")
    if raw.read > raw.blank:  # a header-only table is no reference either (a header_only warning says so)
        report.references["events"] = c.references(ids, pd.Index(frame["id"], dtype="string"))
    return frame.set_index("id")


def concat_interactions(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """Validated parts of one interactions table (the Dask engine's partitions, in row order) as one frame,
    with the categories :func:`validate` gives the whole table: ``source`` and ``target`` on one sorted set
    of ids, ``kind`` and ``network`` on the sorted union of the parts' categories, ``wave`` in the natural
    order of the labels in order of first appearance.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> a = from_frames(interactions=pd.DataFrame({"source": ["b"], "target": ["a"], "wave": ["T2"]})).interactions
    >>> b = from_frames(interactions=pd.DataFrame({"source": ["c"], "target": ["a"], "wave": ["T1"]})).interactions
    >>> both = concat_interactions([a, b])
    >>> list(both["source"].cat.categories), list(both["wave"].cat.categories)
    (['a', 'b', 'c'], ['T1', 'T2'])
    """
    out = pd.concat(frames, ignore_index=True)
    ids = shared_categories(*[f["source"] for f in frames], *[f["target"] for f in frames])
    for name, parts in (("source", ids[:len(frames)]), ("target", ids[len(frames):]),
                        ("kind", shared_categories(*[f["kind"] for f in frames])),
                        ("network", shared_categories(*[f["network"] for f in frames]))):
        out[name] = pd.Categorical.from_codes(np.concatenate([p.cat.codes.to_numpy() for p in parts]),
                                              parts[0].cat.categories, validate=False)
    waves = out["wave"].astype("string")
    out["wave"] = pd.Categorical(waves, categories=_natural_order(list(waves.dropna().unique())), ordered=True)
    return out


def validate_attendance(raw: RawTable, report: ValidationReport, *, people: pd.Index | None = None,
                        events: pd.Index | None = None, rejected_people: dict[str, str] | None = None,
                        rejected_events: dict[str, str] | None = None, lenient: bool = False) -> pd.DataFrame:
    """Check the attendance table: event and person present, known (the person in strict mode only), and
    each person listed once per event.

    ``people`` and ``events`` are the accepted ids (None: not checked), ``rejected_people`` and
    ``rejected_events`` the rejected ones, as for :func:`validate_interactions`.

    Examples
    --------
    >>> report = ValidationReport("<frames>")
    >>> att = validate_attendance(raw_table(pd.DataFrame({"event": ["e1", "e1", "e9"], "person": ["a", "a", "a"]}),
    ...                                     "attendance"), report, events=pd.Index(["e1"], dtype="string"))
    >>> len(att), [(i.row, i.code) for i in report.issues]
    (1, [(3, 'duplicate_row'), (4, 'unknown_event')])
    """
    c = _Checker(raw, report)
    if c.rejected_whole("attendance"):
        return empty_table("attendance")
    event = c.required_ids("event", "event")
    person = c.required_ids("person", "person")
    if events is not None:
        c.flag_unknown(event, "event", events, rejected_events or {}, "event", "events", "add the event there.")
    if people is not None and not lenient:
        c.flag_unknown(person, "person", people, rejected_people or {}, "person", "people", _ADD_PERSON)
    frame = _strings(pd.DataFrame({"event": event, "person": person, "role_in_event": c.text("role_in_event")}))
    c.duplicated(frame[["event", "person"]], "person", "duplicate_row", "event / person")
    return c.finish(frame, "attendance").reset_index(drop=True)


def validate_networks(raw: RawTable, report: ValidationReport, *, people: pd.Index | None = None,
                      rejected_people: dict[str, str] | None = None,
                      used: pd.Index | None = None) -> pd.DataFrame:
    """Check the networks table: each network named once, its dates real and ``end`` not before ``start``,
    its ``coordinator`` a person.

    A row with a problem is rejected whole, as in every table: the network then has no planned period
    (the metrics fall back to its records). A network that no record, event or membership names is kept
    and said (``unused_network``, a warning).

    Parameters
    ----------
    raw : RawTable
        The networks table.
    report : ValidationReport
        Receives the issues, warnings and counts.
    people : Index, optional
        The people of the dataset: a coordinator outside it is an ``unknown_person`` (None: not checked).
    rejected_people : dict, optional
        Ids of rejected people rows and where they were rejected (a ``rejected_reference``).
    used : Index, optional
        The networks named by records, events and memberships (None: not checked).

    Returns
    -------
    DataFrame
        The accepted rows indexed by ``network``: ``programme, start, end, focus, coordinator`` and
        any free columns (:func:`empty_table` ``("networks")`` when the table is rejected whole).

    Examples
    --------
    >>> report = ValidationReport("<frames>")
    >>> nets = validate_networks(raw_table(pd.DataFrame(
    ...     {"netwerk": ["N1", "N2", "N1"], "start": ["2021-01-01", "2021-06-01", ""],
    ...      "einde": ["2021-12-31", "2021-01-01", ""], "trekker": ["a", "", "b"]}), "networks"),
    ...     report, people=pd.Index(["a", "b"], dtype="string"))
    >>> nets.index.tolist(), nets["coordinator"].tolist(), str(nets["end"].iloc[0].date())
    (['N1'], ['a'], '2021-12-31')
    >>> [(i.row, i.code) for i in report.issues]
    [(3, 'bad_period'), (4, 'duplicate_id')]
    """
    c = _Checker(raw, report)
    if c.rejected_whole("networks"):
        return empty_table("networks")
    names = c.required_ids("network", "network")
    frame = pd.DataFrame({"network": names, "programme": c.text("programme"), "start": c.dates("start"),
                          "end": c.dates("end"), "focus": c.text("focus"), "coordinator": c.text("coordinator")})
    c.flag_period(frame["start"], frame["end"], ("start", "end"), "a network cannot end before it starts")
    if people is not None:
        c.flag_unknown(frame["coordinator"], "coordinator", people, rejected_people or {}, "person", "people",
                       "add the person there, or leave the coordinator empty.")
    frame = _strings(_free_columns(c, frame))
    c.duplicated(names, "network", "duplicate_id", "network")
    frame = c.finish(frame, "networks").set_index("network")
    frame = frame[[*NETWORK_COLUMNS, *(col for col in frame.columns if col not in NETWORK_COLUMNS)]]
    if used is not None:
        header = c.header["network"]
        spelled = {str(u).casefold(): str(u) for u in used}  # compared without case: 'n1' is close to 'N1'
        for name, row in zip(frame.index, raw.rows[~c.bad], strict=True):
            if name in used:
                continue
            close = difflib.get_close_matches(name.casefold(), list(spelled), n=1, cutoff=0.8)
            hint = f" Is it {spelled[close[0]]!r}, as the records spell it?" if close else ""
            report.warnings.append(Issue(raw.file, int(row), header, "unused_network",
                                         f"{name!r} is in the networks table, but no record, event or person's "
                                         f"networks names it; it is kept, without members.{hint}", "warning"))
    return frame


# ---- assembling -----------------------------------------------------------------------------
#: The rules of the switches of :func:`validate`, :func:`~collabgraph.io.loaders.load` and
#: :func:`~collabgraph.io.loaders.from_frames` (:mod:`collabgraph.params`).
SWITCHES = {"lenient": [bool], "directed": [bool, None]}


@validate_params(SWITCHES)
def validate(raw: RawDataset, *, lenient: bool = False, directed: bool | None = None,
             interactions: Callable | None = None) -> Dataset:
    """Check raw tables against the data contract and build a :class:`Dataset`.

    The order is fixed: people, events, interactions, attendance, networks (each with :func:`validate_people`,
    :func:`validate_events`, :func:`validate_interactions`, :func:`validate_attendance`,
    :func:`validate_networks`), so records are checked against the accepted people and events, and a
    network's coordinator against the people the dataset will hold; then the per-row ``rejected_reference``
    issues become one issue per rejected id, the warnings are gathered, people known only from records are added
    (counted in ``counts["people"]["added"]``) and memberships observed in records are added.

    Parameters
    ----------
    raw : RawDataset
        From :func:`~collabgraph.io.read.read_dataset`.
    lenient : bool
        Go on with the valid rows and add people known only from records (default: raise).
    directed : bool or None
        Whether interactions are directed (survey nominations). ``None``: undirected unless a Gephi
        ``Type`` column says every edge is directed.
    interactions : callable, optional
        Validates the interactions instead of :func:`validate_interactions` on ``raw.tables["interactions"]``,
        for an engine that reads them elsewhere (the Dask engine, in partitions on a cluster): called as
        ``interactions(report, people=..., rejected_people=..., lenient=...)`` with the arguments of
        :func:`validate_interactions`, it returns the same pair and puts its issues and counts in ``report``.

    Returns
    -------
    Dataset
        With ``report`` holding the issues (empty unless lenient) and the row counts.

    Raises
    ------
    ValidationError
        In strict mode, when any problem is found; in lenient mode too when a file cannot be read at all
        (``not_a_table``). It carries every issue and the counts.

    Examples
    --------
    >>> from collabgraph.io.read import RawDataset
    >>> raw = RawDataset({"interactions": raw_table(pd.DataFrame({"source": ["a", "b"], "target": ["b", "b"]}),
    ...                                             "interactions")}, "<frames>")
    >>> ds = validate(raw, lenient=True)
    >>> len(ds.interactions), ds.report.counts["interactions"]["rejected"], [i.code for i in ds.report.issues]
    (1, 1, ['self_tie'])
    """
    remember_inputs(raw.inputs)  # both engines pass here: the public writers refuse them (outputs.check_read)
    report = ValidationReport(raw.source, ignored=list(raw.ignored), warnings=list(raw.warnings), inputs=raw.inputs)
    tables = raw.tables
    people, memberships = (validate_people(tables["people"], report) if "people" in tables
                           else (empty_table("people"), empty_table("memberships")))
    known, gone_people = report.references.get("people", (None, {}))
    events = validate_events(tables["events"], report) if "events" in tables else empty_table("events")
    event_ids, gone_events = report.references.get("events", (None, {}))
    if interactions is None and "interactions" in tables:
        interactions = functools.partial(validate_interactions, tables["interactions"])
    if interactions is not None:
        inter, gephi_directed = interactions(report, people=known, rejected_people=gone_people, lenient=lenient)
    else:
        inter, gephi_directed = empty_table("interactions"), None
    att = (validate_attendance(tables["attendance"], report, people=known, events=event_ids, lenient=lenient,
                               rejected_people=gone_people, rejected_events=gone_events)
           if "attendance" in tables else empty_table("attendance"))
    if interactions is None and "attendance" not in tables:
        report.issues.append(Issue(Path(raw.source).name, None, None, "missing_table",
                                   "no interactions or attendance table found; name a file "
                                   "interactions.csv (interacties, edges) or attendance.csv."
                                   + _table_hint("interactions", report.ignored)))
    if "attendance" in tables and event_ids is None:
        ids = att["event"].drop_duplicates()
        events = empty_table("events").reindex(pd.Index(ids.to_numpy(), dtype="string", name="id"))
    if "networks" in tables:  # the coordinator is one of the dataset's people: as the records leave them
        persons = known if known is not None and not lenient else _record_people(known, inter, att)
        used = pd.Index(pd.concat([memberships["network"].astype("string"), inter["network"].astype("string"),
                                   events["network"].astype("string")]).dropna().unique(), dtype="string")
        networks = validate_networks(tables["networks"], report, people=persons, rejected_people=gone_people,
                                     used=used)
    else:
        networks = empty_table("networks")

    return _assemble(report, people, memberships, known, events, inter, att, networks, lenient=lenient,
                     directed=directed if directed is not None else bool(gephi_directed), tables=tables)


def _record_people(known: pd.Index | None, inter: pd.DataFrame, att: pd.DataFrame) -> pd.Index:
    """The people a dataset will hold: the people table's (``known``) and everyone its records name
    (added in lenient mode, or the only people without a people table)."""
    named = [_unknown_in_order(c, pd.Index([], dtype="string")) for c in (inter["source"], inter["target"],
                                                                          att["person"])]
    if known is not None:
        named.append(pd.Series(known, dtype="string"))
    return pd.Index(pd.concat(named).unique(), dtype="string")


def _assemble(report: ValidationReport, people: pd.DataFrame, memberships: pd.DataFrame, known: pd.Index | None,
              events: pd.DataFrame, inter: pd.DataFrame, att: pd.DataFrame, networks: pd.DataFrame, *, lenient: bool,
              directed: bool, tables: dict[str, RawTable]) -> Dataset:
    """The last step of :func:`validate`: add people known only from
    records (counted in ``counts["people"]["added"]``), add observed memberships, and raise in strict
    mode when any issue was found. Rows rejected only because they refer to a rejected person or event
    are reported once per id (``rejected_reference``), and the warnings are gathered here."""
    _collapse_follow_ons(report)
    report.warnings = _table_warnings(report) + list(dict.fromkeys(report.warnings)) + _spelling_warnings(
        report, people, memberships, inter, events, networks)
    extra = pd.Index(pd.concat([_unknown_in_order(inter[c], people.index) for c in ("source", "target")] +
                               [_unknown_in_order(att["person"], people.index)], ignore_index=True).drop_duplicates())
    people_counts = report.counts.setdefault("people", {"read": 0, "used": 0, "rejected": 0, "skipped_blank": 0})
    # without a people table everyone is added from the records, so people = used + added holds there too
    people_counts["added"] = int(len(extra)) if known is not None or "people" not in report.headers else 0
    if lenient and len(extra) and report.references.get("people", (None, {}))[1]:
        report.warnings += _readded(report, inter, att)
    report.warnings += _case_variants(report, people.index, extra, inter, tables)
    if len(extra):
        people = pd.concat([people, empty_table("people").reindex(pd.Index(extra, dtype="string", name="id"))])
    people.index = people.index.astype("string")
    people.index.name = "id"

    observed = pd.concat([
        _pairs_in_order([inter["source"], inter["target"]], inter["network"]),
        att.join(events["network"], on="event")[["person", "network"]].dropna(),
    ])
    memberships = pd.concat([memberships, observed.astype("string")]).drop_duplicates().reset_index(drop=True)
    if report.issues and (not lenient or any(i.code == "not_a_table" for i in report.issues)):
        raise ValidationError(report.issues, report.counts, report=report)  # lenient skips rows, never a file
    return Dataset(people=people, interactions=inter, events=events, attendance=att,
                   memberships=memberships, directed=directed, report=report, network_table=networks,
                   ratings=_rating_names(inter))


def _rating_names(inter: pd.DataFrame) -> tuple[str, ...]:
    """The rating columns of validated interactions: the numeric columns beyond the contract's."""
    contract = {c.name for c in TABLES["interactions"].columns if c.kind != "rating"} | {"row"}
    return tuple(c for c in inter.columns if c not in contract and pd.api.types.is_float_dtype(inter[c]))


def _readded(report: ValidationReport, inter: pd.DataFrame, att: pd.DataFrame) -> list[Issue]:
    """``rejected_person_added`` (lenient): a person whose own row was rejected, named in records, is added
    from them without attributes; one warning per person with the records that name them (counted per
    distinct id of each column, not per row in Python)."""
    gone = report.references["people"][1]
    index = pd.Index(list(gone), dtype="string")
    named = pd.Series(0, index=index, dtype="int64")
    for column in (inter["source"], inter["target"], att["person"]):
        counts = _value_counts(column)
        counts = counts[_isin(pd.Series(counts.index.astype(str), dtype="string"), index)]
        named = named.add(counts.groupby(counts.index.astype(str)).sum(), fill_value=0).astype("int64")
    return [Issue(Path(report.source).name, None, None, "rejected_person_added",
                  f"{p!r} was rejected at {gone[p]}, but {n} record{'s' if n != 1 else ''} name{'' if n != 1 else 's'} "
                  "them; with lenient=True they are added from the records without attributes.", "warning")
            for p, n in named.items() if n]


def _listed(named: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]


def _raw_rows(raw: RawTable | None, columns: list[str], value: str) -> list[int]:
    """The spreadsheet rows of ``raw`` whose cell in one of ``columns`` (file headers) is ``value`` once trimmed."""
    if raw is None:
        return []
    hit = np.zeros(len(raw.frame), dtype=bool)
    for column in columns:
        hit |= (raw.frame[column].astype("string").str.strip() == value).fillna(False).to_numpy(bool)
    return raw.rows[hit].tolist()


def _case_variants(report: ValidationReport, known: pd.Index, extra: pd.Index, inter: pd.DataFrame,
                   tables: dict[str, RawTable]) -> list[Issue]:
    """``case_variant_ids``: person ids that differ only in case (``p1`` and ``P1``) are two people to every
    metric. One warning per set, naming each spelling with its file and rows (the people table's row, else the
    rows of the records that name it); collabgraph never merges them, the user decides."""
    ids = known.append(extra) if len(extra) else known
    lowered = pc.utf8_lower(arrow_text(ids.array))
    if pc.count_distinct(lowered).as_py() == len(ids):  # the usual case, in one pyarrow pass
        return []
    keys = pd.Series(lowered.to_pylist(), dtype="string")
    clash = keys.duplicated(keep=False).to_numpy()

    def where(person: str, own_file: bool) -> str:
        if person in known and "people" in report.headers:
            file, header = report.headers["people"]
            rows = _listed([str(r) for r in _raw_rows(tables.get("people"), [header["id"]], person)])
            return f"row {rows}" if own_file else f"{file} row {rows}"
        found = []
        if "interactions" in report.headers:
            rows = inter.loc[((inter["source"] == person) | (inter["target"] == person)).to_numpy(bool), "row"]
            found.append((report.headers["interactions"][0], rows.tolist()))
        if "attendance" in report.headers:
            file, header = report.headers["attendance"]
            found.append((file, _raw_rows(tables.get("attendance"), [header["person"]], person)))
        parts = [f"{file} row{'s' if len(rows) > 1 else ''} " + _listed([str(r) for r in rows[:3]] + (
            [f"{len(rows) - 3} more"] if len(rows) > 3 else [])) for file, rows in found if rows]
        return "; ".join(parts) or "the records"
    out = []
    for _, group in pd.Series(ids[clash], index=keys[clash].to_numpy()).groupby(level=0, sort=False):
        spellings = list(group)
        from_people = all(p in known for p in spellings) and "people" in report.headers
        file, column = ((report.headers["people"][0], report.headers["people"][1]["id"]) if from_people
                        else (Path(report.source).name, None))
        named = _listed([f"{p!r} ({where(p, from_people)})" for p in spellings])
        out.append(Issue(file, None, column, "case_variant_ids",
                         f"the ids {named} differ only in case, so they are {len(spellings)} different people to "
                         "every figure; they are not merged: if they are one person, use one spelling in every "
                         "file.", "warning"))
    return out


def _collapse_follow_ons(report: ValidationReport) -> None:
    """Move the per-row ``rejected_reference`` issues to ``report.follow_ons`` and put one issue per
    referring file and rejected id in the place of the first: "'P04' was rejected at personen.csv row 5;
    12 interactions refer to it (rows 3, 8, ...)"."""
    rows = [i for i in report.issues if i.code == "rejected_reference" and i.row is not None]
    if not rows:
        return
    groups: dict[tuple[str, str], list[int]] = {}
    for i in rows:
        groups.setdefault((i.file, i.message), []).append(i.row)
    tables = {file: table for table, (file, _) in report.headers.items()}
    issues = []
    for i in report.issues:
        if i.code != "rejected_reference" or i.row is None:
            issues.append(i)
            continue
        numbers = groups.pop((i.file, i.message), None)
        if numbers is None:
            continue  # summarised at the first of its rows
        numbers = sorted(set(numbers))
        what = {"attendance": "attendance rows", "networks": "networks table rows"}.get(tables.get(i.file),
                                                                                      "interactions")
        shown = ", ".join(map(str, numbers[:5])) + (f" and {len(numbers) - 5} more" if len(numbers) > 5 else "")
        issues.append(Issue(i.file, None, None, "rejected_reference",
                            f"{i.message[:-1]}; {len(numbers)} {what if len(numbers) > 1 else what[:-1]} "
                            f"refer{'' if len(numbers) > 1 else 's'} to it (row{'s' if len(numbers) > 1 else ''} "
                            f"{shown}), so {'they are' if len(numbers) > 1 else 'it is'} rejected too."))
    report.follow_ons.extend(rows)
    report.issues[:] = issues


def _table_hint(table: str, ignored: list[str]) -> str:
    """A sentence naming the ignored file (or workbook sheet) whose name is closest to a name of ``table``
    and to no other table's (" 'Deelnemers lijst 2023.csv' was ignored: if it is the people table, rename
    it deelnemers.csv."), or "" when no ignored name is close. A name inside the file name counts most, the
    longest first (``interacties`` before ``ties``); else the closest by :class:`difflib.SequenceMatcher`.

    Examples
    --------
    >>> _table_hint("people", ["Deelnemers lijst 2023.csv", "notities.docx"])
    " 'Deelnemers lijst 2023.csv' was ignored: if it is the people table, rename it deelnemers.csv."
    """
    best = None
    for entry in ignored:
        sheet = re.fullmatch(r"(.*)\[(.*)\]", entry)
        if not sheet and Path(entry).suffix.lower() not in TABLE_SUFFIXES:
            continue
        folded = fold(sheet.group(2) if sheet else entry.rsplit(".", 1)[0])
        score, closest, name = max((1.0 + len(n) / 1000 if len(n) >= 4 and n in folded else max(
            difflib.SequenceMatcher(None, n, part).ratio() for part in (folded, *folded.split("_"))), t, n)
            for t in TABLES for n in TABLES[t].files)
        if closest == table and score >= 0.75 and (best is None or score > best[0]):
            best = (score, entry, name, sheet)
    if best is None:
        return ""
    _, entry, name, sheet = best
    new = f"the sheet {name}" if sheet else f"it {name}{Path(entry).suffix.lower()}"
    return f" '{entry}' was ignored: if it is the {table} table, rename {new}."


def _table_warnings(report: ValidationReport) -> list[Issue]:
    """``no_people_table`` (with the closest ignored file), ``ignored_file`` for an ignored file that looks
    like a missing events or attendance table, and ``header_only`` for a table with a header and no rows."""
    out = []
    source = Path(report.source)
    if "people" not in report.headers:
        fix = (" Pass people=DataFrame" if report.source == "<frames>"
               else " Name the people file people.csv or personen.csv" if source.is_dir()
               or source.suffix.lower() in (".xlsx", ".xlsm") else " Give the people file with people=FILE")
        out.append(Issue(source.name, None, None, "no_people_table",
                         "no people table found, so organisations, domains, professions and people without "
                         "any record are unknown; everyone is taken from the records." + fix
                         + " (recognised names: " + ", ".join(TABLES["people"].files) + ")."
                         + _table_hint("people", report.ignored), "warning"))
    for table in ("events", "attendance"):
        hint = _table_hint(table, report.ignored) if table not in report.headers else ""
        if hint:
            out.append(Issue(source.name, None, None, "ignored_file", hint.strip(), "warning"))
    failed = {i.file for i in report.issues}
    for table, (file, _) in report.headers.items():
        counts = report.counts.get(table, {})
        if counts.get("read", 1) == counts.get("skipped_blank", 0) and file not in failed:
            out.append(Issue(file, None, None, "header_only",
                             f"has a header but no rows; the dataset has no {table} from it.", "warning"))
    return out


def _spellings(counts: pd.Series) -> list[list[tuple[str, int]]]:
    """Groups of values (with their counts) that are equal once case and accents are ignored.

    Examples
    --------
    >>> _spellings(pd.Series({"Zorg": 12, "zorg": 3, "Welzijn": 4, "Zórg": 1}))
    [[('Zorg', 12), ('zorg', 3), ('Zórg', 1)]]
    """
    def key(value: str) -> str:
        if value.isascii():
            return value.lower()
        return "".join(ch for ch in unicodedata.normalize("NFKD", value) if not unicodedata.combining(ch)).casefold()

    groups: dict[str, list[tuple[str, int]]] = {}
    for value, n in counts.items():
        groups.setdefault(key(str(value)), []).append((str(value), int(n)))
    return [sorted(g, key=lambda vn: (-vn[1], vn[0])) for g in groups.values() if len(g) > 1]


def _value_counts(values: pd.Series) -> pd.Series:
    """Rows per distinct value (a categorical column is counted from its codes)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes = values.cat.codes.to_numpy()
        n = np.bincount(codes[codes >= 0], minlength=len(values.cat.categories))
        return pd.Series(n, index=values.cat.categories)[n > 0]
    counted = pc.value_counts(arrow_text(values.array))  # pyarrow's hash count (pandas is 5 times slower)
    keep = counted.field("values").is_valid()
    return pd.Series(counted.field("counts").filter(keep).to_numpy(),
                     index=pd.Index(counted.field("values").filter(keep).to_pylist()))


def _spelling_warnings(report: ValidationReport, people: pd.DataFrame, memberships: pd.DataFrame,
                       inter: pd.DataFrame, events: pd.DataFrame, networks: pd.DataFrame) -> list[Issue]:
    """``spelling_variants``: values of a category column that differ only in case or accents (``Zorg``,
    ``zorg``) are different groups to every metric; each such set is named with its rows."""
    checks = [("people", c, people[c], "rows") for c in ("domain", "organisation", "profession", "role")]
    checks += [("people", "networks", memberships["network"], "people"),
               ("interactions", "network", inter["network"], "rows"), ("interactions", "kind", inter["kind"], "rows"),
               ("events", "network", events["network"], "rows"), ("events", "kind", events["kind"], "rows"),
               ("networks", "network", pd.Series(networks.index, dtype="string"), "rows")]
    def amount(n: int, unit: str) -> str:
        return f"{n} {unit if n != 1 else unit[:-1] if unit == 'rows' else 'person'}"

    def listed(named: list[str]) -> str:
        return ", ".join(named[:-1]) + " and " + named[-1]

    out = []
    networks: dict[str, list[tuple[str, int, str]]] = {}  # spelling -> (file, count, unit) per network column
    per_column: list[set[str]] = []
    for table, column, values, unit in checks:
        if column not in report.headers.get(table, ("", {}))[1]:
            continue
        file, header = report.headers[table][0], report.headers[table][1][column]
        counts = _value_counts(values)
        for group in _spellings(counts):
            out.append(Issue(file, None, header, "spelling_variants",
                             f"{listed([f'{v!r} ({amount(n, unit)})' for v, n in group])} differ only in case or "
                             f"accents, so they count as {len(group)} different groups; use one spelling.", "warning"))
        if column in ("network", "networks"):
            per_column.append(set(map(str, counts.index)))
            for value, n in counts.items():
                networks.setdefault(str(value), []).append((file, int(n), unit))
    totals = pd.Series({v: sum(n for _, n, _ in found) for v, found in networks.items()}, dtype="int64")
    for group in _spellings(totals):  # learning networks spelled differently in different files
        if any({v for v, _ in group} <= seen for seen in per_column):
            continue  # said above for that column
        named = [f"{v!r} ({', '.join(f'{file}: {amount(n, unit)}' for file, n, unit in networks[v])})"
                 for v, _ in group]
        out.append(Issue(Path(report.source).name, None, None, "spelling_variants",
                         f"learning networks {listed(named)} differ only in case or accents, so they count as "
                         f"{len(group)} different networks; use one spelling.", "warning"))
    return out


def _unknown_in_order(values: pd.Series, known: pd.Index) -> pd.Series:
    """The distinct ids that are not in ``known``, in order of first appearance (looked up per category)."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        values = values.dropna().drop_duplicates()
        return values[~_isin(values, known)]
    unknown = np.append(~_isin(pd.Series(values.cat.categories), known), False)
    codes = values.cat.codes.to_numpy()
    codes = codes[unknown[codes]]
    return pd.Series(values.cat.categories.take(pd.unique(codes)), dtype="string")


def _pairs_in_order(people: list[pd.Series], network: pd.Series) -> pd.DataFrame:
    """Distinct (person, network) pairs of the records with a network, in order of first appearance in the
    first column of people, then the next: one integer per pair (int32 when it fits), a column at a time.
    Every column is categorical (as ``_interactions`` and the Dask engine's ``concat_interactions`` make them)."""
    net = network.cat.codes.to_numpy()
    width = len(network.cat.categories)
    pairs = []
    for c in people:
        kind = np.int32 if len(c.cat.categories) * width < 2**31 else np.int64
        p = c.cat.codes.to_numpy()
        keep = (net >= 0) & (p >= 0)
        keys = pd.unique(p[keep].astype(kind) * kind(width) + net[keep])  # keeps the order of first appearance
        pairs.append(pd.DataFrame({"person": c.cat.categories.take(keys // width),
                                   "network": network.cat.categories.take(keys % width)}))
    return pd.concat(pairs, ignore_index=True).drop_duplicates()
