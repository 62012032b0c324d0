"""XLSX writer: a workbook of tables written directly as Office Open XML, streamed 100,000 rows at a time.

One sheet per table: the header row frozen and under an autofilter (with the hidden
``_xlnm._FilterDatabase`` name Excel itself writes), column widths fitted to the header and the first
:data:`WIDTH_ROWS` values (between :data:`MIN_WIDTH` and :data:`MAX_WIDTH` characters). Cells are
shared strings (each distinct text once in ``xl/sharedStrings.xml``), numbers and booleans; a missing value
is an empty cell. Dates (``datetime64``
columns) are Excel dates: the day's serial number with the built-in short-date format 14 (shown in
the reader's locale: 14-3-2021 in Dutch Excel), or format 22 when the value has a time of day; a day
before 1900-03-01, which Excel cannot show, is ISO text. A
float that is a whole number is written as an integer (``3``, not ``3.0``); numbers in a column of
mixed values (a suppressed ``<3`` next to counts) stay numbers. An integer beyond :data:`EXACT` (2**53) in
absolute value, which Excel's numbers (doubles) cannot hold exactly (``10**400`` not at all), is written as
text of its exact digits, as openpyxl reads it back. No spreadsheet library is used: the sheet
XML is built a whole column at a time (numbers and dates found vectorised, each distinct text escaped once, the
cells' and rows' XML joined by Arrow's string kernels, no Python string per cell), which on 1M records is ten times
faster than writing cell by cell with openpyxl, and floats are written exactly (``repr``; a whole number as an
integer). Text is escaped by
:func:`collabgraph.writers.xmltext.escape_text` (``\\r`` and ``\\t`` as character references, which XML
would otherwise normalise; characters XML cannot hold as visible escapes) and a text that a
spreadsheet would run as a formula gets a leading ``'`` (:func:`collabgraph.outputs.neutralise`).
A sheet keeps at most :data:`XLSX_ROWS` rows (Excel's limit). The zip entries carry a fixed date, so
the same tables give the same bytes. Read back with openpyxl (see ``tests/writers/test_xlsx.py``).

Examples
--------
>>> import tempfile, openpyxl, pandas as pd
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "t.xlsx"
>>> write_xlsx({"people": pd.DataFrame({"name": ["Chloë", "=1+1"], "n": [1.5, None]})}, path)
>>> list(openpyxl.load_workbook(path)["people"].iter_rows(values_only=True))
[('name', 'n'), ('Chloë', 1.5), ("'=1+1", None)]
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from collabgraph.errors import ParameterError
from collabgraph.outputs import check_read, neutralise
from collabgraph.writers.xmltext import TEXT, digits, escape, escape_text, join, join_known, whole

__all__ = ["EXACT", "MAX_WIDTH", "MIN_WIDTH", "SHEET_NAME", "WIDTH_ROWS", "XLSX_ROWS", "write_xlsx"]

#: Sheet names Excel accepts: 1 to 31 characters, none of ``: \\ / ? * [ ]`` or control characters, no ``'``
#: at either end.
SHEET_NAME = re.compile(r"(?!')[^:\\/?*\[\]\x00-\x1f\ufffe\uffff]{1,31}(?<!')")
#: Data rows of an XLSX sheet at most (Excel's limit is 1,048,576 rows, one is the header).
XLSX_ROWS = 1_048_575
#: The largest integer (in absolute value) written as a number: every integer up to 2**53 is a double exactly;
#: a larger one is written as text of its digits.
EXACT = 2**53
#: Column widths (in characters) are fitted to the header and this many first values, within these bounds.
WIDTH_ROWS, MIN_WIDTH, MAX_WIDTH = 10_000, 8, 60
_EPOCH = np.datetime64("1899-12-30", "ns")  # Excel's day 0 (1900 date system, after its 1900-02-29)
_DAY = np.timedelta64(1, "D")
_FIRST_DAY = np.datetime64("1900-03-01", "ns")  # earlier days are written as ISO text
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _column_letter(i: int) -> str:
    """Excel's column name of the 0-based column ``i`` (A, B, ..., Z, AA, ...)."""
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _number_text(values: np.ndarray, missing: np.ndarray) -> pa.Array:
    """Floats as cell text, null where ``missing``: a whole number as an integer (``3``), any other exactly
    (``repr``, the text numpy's ``astype(str)`` gives too)."""
    whole = np.isfinite(values) & (np.abs(values) < 2.0**53) & (values == np.round(values))
    text = digits(np.where(whole, values, 0).astype(np.int64), missing)
    other = ~whole & ~missing
    if other.any():
        text = pc.replace_with_mask(text, pa.array(other), pa.array([repr(x) for x in values[other].tolist()], TEXT))
    return text


class _SharedStrings:
    """The workbook's shared strings (``xl/sharedStrings.xml``): each distinct text once, numbered in order of
    first use; a text cell holds its number (``<c t="s"><v>3</v></c>``)."""

    def __init__(self) -> None:
        self.number: dict[str, int] = {}

    def ids(self, texts: list[str]) -> np.ndarray:
        """The numbers of ``texts`` (already escaped XML text), new ones added."""
        number = self.number
        return np.array([number.setdefault(t, len(number)) for t in texts], np.int64)

    def cells(self, col: pd.Series) -> pa.Array:
        """The numbers of a text column's values, neutralised and escaped, each distinct text once (names repeat
        on every tie); null for a missing value."""
        codes, distinct = pd.factorize(col)  # a missing value has code -1
        ids = self.ids([escape_text(neutralise(v)) for v in distinct.tolist()])
        return digits(np.append(ids, 0)[codes], codes < 0)

    def xml(self) -> str:
        items = "".join([f'<si><t xml:space="preserve">{t}</t></si>' for t in self.number])
        return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{_MAIN}" '
                f'uniqueCount="{len(self.number)}">{items}</sst>')


_STRING, _NUMBER = ' t="s"', ""


def _mixed(values: list, strings: _SharedStrings) -> tuple[pa.Array, pa.Array]:
    """Attributes and values of cells of Python values (None: missing) that are integers, floats or text: an
    integer a number, or beyond :data:`EXACT` text of its exact digits (no formula can start so), a finite float a
    number, anything else text (:func:`collabgraph.outputs.neutralise`-d)."""
    kinds, texts = [], []
    for v in values:
        if v is None:
            kinds.append(_NUMBER)
            texts.append(None)
        elif isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_):
            big = abs(int(v)) > EXACT
            kinds.append(_STRING if big else _NUMBER)
            texts.append(str(int(v)) if big else int(v))
        elif isinstance(v, float | np.floating) and np.isfinite(v):
            kinds.append(_NUMBER)
            texts.append(float(v))
        else:
            kinds.append(_STRING)
            texts.append(escape_text(neutralise(str(v))))
    string = [i for i, k in enumerate(kinds) if k == _STRING]
    for i, n in zip(string, strings.ids([texts[i] for i in string]).tolist(), strict=True):
        texts[i] = str(n)
    real = [i for i, t in enumerate(texts) if isinstance(t, float)]
    if real:
        numbers = np.array([texts[i] for i in real])
        for i, t in zip(real, _number_text(numbers, np.zeros(len(real), bool)).to_pylist(), strict=True):
            texts[i] = t
    return pa.array(kinds, TEXT), pa.array([t if t is None else str(t) for t in texts], TEXT)


def _column(col: pd.Series, strings: _SharedStrings) -> tuple[str | pa.Array, pa.Array]:
    """A column's cells: the attributes of every cell (one text, or one per row) and its value as text, null for a
    missing value (an empty cell)."""
    if isinstance(col.dtype, pd.StringDtype):
        return _STRING, strings.cells(col)
    if col.dtype == np.int64:  # the usual case: every value a number cell
        values = col.to_numpy()
        if len(values) == 0 or -EXACT <= values.min() <= values.max() <= EXACT:
            return _NUMBER, digits(values)
    if col.dtype == np.float64:
        values = col.to_numpy()
        return _NUMBER, _number_text(values, ~np.isfinite(values))
    if pd.api.types.is_bool_dtype(col):
        return ' t="b"', digits(col.to_numpy(bool, na_value=False).astype(np.int64), col.isna().to_numpy(bool))
    if pd.api.types.is_datetime64_any_dtype(col):
        days = (col.dt.tz_localize(None) if col.dt.tz is not None else col).to_numpy("datetime64[ns]")
        missing = np.isnat(days)
        serial = (np.where(missing, _EPOCH, days) - _EPOCH) / _DAY
        early = ~missing & (days < _FIRST_DAY)  # Excel cannot count days before 1900-03-01 right: ISO text
        kind = np.where(serial == np.floor(serial), 0, 1)  # a date, or a date with a time of day
        kind[early] = 2
        values = _number_text(serial, missing)
        if early.any():
            values = pc.replace_with_mask(values, pa.array(early), strings.cells(col[early].dt.strftime("%Y-%m-%d")))
        return pa.array([' s="1"', ' s="2"', _STRING], TEXT).take(pa.array(kind)), values
    missing = col.isna().to_numpy(bool)
    if pd.api.types.is_integer_dtype(col):
        if col.dtype.kind == "i" and bool(col.dropna().between(-EXACT, EXACT).all()):
            return _NUMBER, digits(col.to_numpy(np.int64, na_value=0), missing)
        return _mixed([None if m else v for v, m in zip(col.astype(object).tolist(), missing.tolist(), strict=True)],
                      strings)  # Python ints: uint64 beyond int64 too
    if pd.api.types.is_numeric_dtype(col):
        values = col.astype(float).to_numpy(float, na_value=np.nan)
        return _NUMBER, _number_text(values, ~np.isfinite(values))
    values = [None if m else v for v, m in zip(col.astype(object).tolist(), missing.tolist(), strict=True)]
    if col.dtype == object:  # a mixed column: its numbers stay numbers
        return _mixed(values, strings)
    return _STRING, strings.cells(pd.Series([v if v is None else str(v) for v in values], dtype=object))


def _width(col: pd.Series, header: str) -> int:
    """Characters a column needs: its header and its first :data:`WIDTH_ROWS` values, within the bounds."""
    head = col.iloc[:WIDTH_ROWS]
    if pd.api.types.is_datetime64_any_dtype(head):
        longest = 10 if head.isna().all() or (head.dropna() == head.dropna().dt.normalize()).all() else 16
    elif isinstance(head.dtype, pd.StringDtype):
        longest = pc.max(pc.utf8_length(pa.array(head.array))).as_py() or 0  # characters, as str.len counts
    elif head.dtype == np.int64:  # the longest number is the largest or the smallest (its minus sign)
        values = head.to_numpy()
        longest = max(len(str(values.max())), len(str(values.min()))) if len(values) else 0
    elif head.dtype.kind == "i":
        known = head.dropna()
        longest = max(len(str(known.max())), len(str(known.min()))) if len(known) else 0
    elif head.dtype in (np.float64, pd.Float64Dtype()):  # as astype(str) writes them: repr
        values = head.to_numpy(float, na_value=np.nan)
        longest = 0
        for x in values[~np.isnan(values)].tolist():
            longest = max(longest, len(repr(x)))
            if longest >= 11:  # Excel's General format shows at most 11 characters of a number
                break
        longest = min(longest, 11)
    else:
        text = head.dropna().astype(str)
        longest = int(text.str.len().max()) if len(text) else 0
        if pd.api.types.is_float_dtype(head):
            longest = min(longest, 11)
    return min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 2, longest + 2))


def _rows(columns: list[pd.Series], first: int, letters: list[str], strings: _SharedStrings) -> pa.Buffer:
    """The ``<row>`` elements of a part of a table (its ``columns``, rows numbered from ``first``) as UTF-8 bytes,
    built a column at a time by Arrow's string kernels (no Python string per cell):
    ``<c r="B7" t="s"><v>3</v></c>``, none for a missing value."""
    rows = digits(np.arange(first, first + len(columns[0]) if columns else first + 1, dtype=np.int64))
    cells = []
    for letter, col in zip(letters, columns, strict=True):
        attributes, values = _column(col, strings)
        head = (f'"{attributes}><v>',) if isinstance(attributes, str) else ('"', attributes, "><v>")
        cells.append(join(f'<c r="{letter}', rows, *head, values, "</v></c>"))  # none where the value is missing
    return whole(join_known('<row r="', rows, '">', *cells, "</row>"))


def _sheet(frame: pd.DataFrame, strings: _SharedStrings, chunk: int = 100_000):
    """One worksheet's XML in pieces (``chunk`` rows each): header row frozen, shared strings, numbers, dates,
    widths fitted, an autofilter over the table."""
    letters = [_column_letter(i) for i in range(frame.shape[1])]
    columns = [col for _, col in frame.items()]
    widths = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{_width(col, str(c))}" customWidth="1"/>'
                     for i, (c, col) in enumerate(zip(frame.columns, columns, strict=True)))
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
           'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
           + (f"<cols>{widths}</cols>" if widths else "") + "<sheetData>").encode("utf-8")
    yield _rows([pd.Series([str(c)], dtype="string") for c in frame.columns], 1, letters, strings)
    for i in range(0, len(frame), chunk):
        yield _rows([col.iloc[i:i + chunk] for col in columns] if len(frame) > chunk else columns, i + 2, letters,
                    strings)
    yield ("</sheetData>" + (f'<autoFilter ref="{_table_ref(frame)}"/>' if letters else "") + "</worksheet>"
           ).encode("utf-8")


def _table_ref(frame: pd.DataFrame, absolute: bool = False) -> str:
    """The range of the header and the rows: ``A1:D9`` (``$A$1:$D$9`` with ``absolute``)."""
    d = "$" if absolute else ""
    return f"{d}A{d}1:{d}{_column_letter(frame.shape[1] - 1)}{d}{len(frame) + 1}"


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path | str) -> None:
    """Write an XLSX workbook, one sheet per table (see the module docstring).

    Parameters
    ----------
    frames : dict of str to DataFrame
        Sheet name -> table, in sheet order; the columns' names are the header row.
    path : Path or str
        The file (written directly; callers wanting all-or-nothing write a temporary file and rename it).
        A data file or folder read in this process is refused
        (:func:`collabgraph.outputs.check_read`, :class:`~collabgraph.outputs.OutputError`).

    Notes
    -----
    Sheets longer than :data:`XLSX_ROWS` (Excel's limit) keep their first rows.

    Raises
    ------
    ParameterError
        A sheet name Excel refuses (see :data:`SHEET_NAME`).
    """
    check_read(path)
    for name in frames:
        if not isinstance(name, str) or not SHEET_NAME.fullmatch(name):
            raise ParameterError("sheet names must be 1 to 31 characters, none of : \\ / ? * [ ] or a control "
                                 f"character, not starting or ending with '; got {name!r}.")
    frames = {name: frame.head(XLSX_ROWS) for name, frame in frames.items()}
    names = escape(pd.Series(list(frames), dtype="string")).tolist()
    # each autofilter's range under the hidden name Excel gives it: 'sheet'!$A$1:$D$9 (the name quoted, ' doubled)
    ranges = escape(pd.Series([f"""'{name.replace("'", "''")}'!{_table_ref(frame, absolute=True)}"""
                               for name, frame in frames.items()], dtype="string")).tolist()
    filters = "".join(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{r}</definedName>'
                      for i, (r, frame) in enumerate(zip(ranges, frames.values(), strict=True)) if frame.shape[1])
    content = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/styles.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
               '<Override PartName="/xl/sharedStrings.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
               + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(names)))
               + "</Types>")
    package = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG}">'
               f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
                f'xmlns:r="{_REL}"><sheets>'
                + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
                + "</sheets>" + (f"<definedNames>{filters}</definedNames>" if filters else "") + "</workbook>")
    links = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG}">'
             + "".join(f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                       for i in range(len(names)))
             + f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/styles" Target="styles.xml"/>'
             f'<Relationship Id="rId{len(names) + 2}" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
             "</Relationships>")
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill>'
              '<fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
              '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
              '<xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
              "</styleSheet>")
    files = [("[Content_Types].xml", content), ("_rels/.rels", package), ("xl/workbook.xml", workbook),
             ("xl/_rels/workbook.xml.rels", links), ("xl/styles.xml", styles)]
    strings = _SharedStrings()
    files += [(f"xl/worksheets/sheet{i + 1}.xml", _sheet(frame, strings)) for i, frame in enumerate(frames.values())]
    files += [("xl/sharedStrings.xml", None)]  # the texts of every sheet, known once they are written
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            # the ZipFile's compresslevel applies only to names, not to a ZipInfo (zlib's default 6 then):
            # level 1 compresses the example's sheets three times faster into a quarter more bytes
            info._compresslevel = 1
            text = strings.xml() if text is None else text
            with z.open(info, "w", force_zip64=True) as f:
                for piece in [text] if isinstance(text, str) else text:
                    f.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
