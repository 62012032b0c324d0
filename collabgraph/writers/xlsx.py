"""XLSX writer: a workbook of tables written directly as Office Open XML, streamed 100,000 rows at a time.

One sheet per table: the header row frozen and under an autofilter (with the hidden
``_xlnm._FilterDatabase`` name Excel itself writes), column widths fitted to the header and the first
:data:`WIDTH_ROWS` values (between :data:`MIN_WIDTH` and :data:`MAX_WIDTH` characters). Cells are
inline strings, numbers and booleans; a missing value is an empty cell. Dates (``datetime64``
columns) are Excel dates: the day's serial number with the built-in short-date format 14 (shown in
the reader's locale: 14-3-2021 in Dutch Excel), or format 22 when the value has a time of day; a day
before 1900-03-01, which Excel cannot show, is ISO text. A
float that is a whole number is written as an integer (``3``, not ``3.0``); numbers in a column of
mixed values (a suppressed ``<3`` next to counts) stay numbers. An integer beyond :data:`EXACT` (2**53) in
absolute value, which Excel's numbers (doubles) cannot hold exactly (``10**400`` not at all), is written as
text of its exact digits, as openpyxl reads it back. No spreadsheet library is used: the sheet
XML is built a whole column at a time (numbers and dates found vectorised, each distinct text escaped once, each cell's
XML a Python string joined row by row), which on 1M records is ten times faster than
writing cell by cell with openpyxl, and floats are written exactly (``repr``). Text is escaped by
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

from collabgraph.errors import ParameterError
from collabgraph.outputs import check_read, neutralise
from collabgraph.writers.xmltext import escape, escape_text

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


def _number_text(values: np.ndarray) -> list[str]:
    """Floats as cell text: a whole number as an integer (``3``), any other exactly (``repr``, the text numpy's
    ``astype(str)`` gives too)."""
    whole = (np.isfinite(values) & (np.abs(values) < 2.0**53) & (values == np.round(values))).tolist()
    return [str(int(x)) if w else repr(x) for x, w in zip(values.tolist(), whole, strict=True)]


def _text_cells(col: pd.Series, letter: str, rows: list[str]) -> list[str]:
    """Inline-string cells of a column's values as text, neutralised and escaped (empty text for a missing value).

    A text column's distinct values are neutralised and escaped once each (names repeat on every tie)."""
    if isinstance(col.dtype, pd.StringDtype):
        codes, distinct = pd.factorize(col)  # a missing value has code -1: the last text, empty
        texts = [escape_text(neutralise(v)) for v in distinct.tolist()] + [""]
        text = [texts[c] for c in codes.tolist()]
    else:
        text = ["" if m else escape_text(neutralise(str(v)))
                for v, m in zip(col.astype(object), col.isna().to_numpy(bool).tolist(), strict=True)]
    return [f'<c r="{letter}{r}" t="inlineStr"><is><t xml:space="preserve">{t}</t></is></c>'
            for r, t in zip(rows, text, strict=True)]


def _integer_cell(letter: str, row: str, value: int) -> str:
    """A number cell of ``value``, or beyond :data:`EXACT` a text cell of its digits (no formula can start so)."""
    if abs(value) <= EXACT:
        return f'<c r="{letter}{row}"><v>{value}</v></c>'
    return f'<c r="{letter}{row}" t="inlineStr"><is><t>{value}</t></is></c>'


def _value_cells(text: list[str], letter: str, rows: list[str], attributes: str = "") -> list[str]:
    """Value cells: ``<c r="A2"{attributes}><v>{text}</v></c>``."""
    return [f'<c r="{letter}{r}"{attributes}><v>{t}</v></c>' for r, t in zip(rows, text, strict=True)]


def _cells(col: pd.Series, letter: str, rows: list[str]) -> list[str]:
    """The ``<c>`` element of every value of a column (empty text for a missing value)."""
    if pd.api.types.is_bool_dtype(col):
        missing = col.isna().to_numpy()
        cells = _value_cells(col.astype(object).where(~missing, False).astype(int).astype(str).tolist(), letter, rows,
                             ' t="b"')
    elif pd.api.types.is_datetime64_any_dtype(col):
        days = (col.dt.tz_localize(None) if col.dt.tz is not None else col).to_numpy("datetime64[ns]")
        missing = np.isnat(days)
        serial = (np.where(missing, _EPOCH, days) - _EPOCH) / _DAY
        style = np.where(serial == np.floor(serial), "1", "2").tolist()  # a date, or a date with a time of day
        cells = [f'<c r="{letter}{r}" s="{s}"><v>{t}</v></c>'
                 for r, s, t in zip(rows, style, _number_text(serial), strict=True)]
        early = np.flatnonzero(~missing & (days < _FIRST_DAY))  # Excel cannot count days before 1900-03-01 right
        for i, cell in zip(early.tolist(), _text_cells(col.iloc[early].dt.strftime("%Y-%m-%d"), letter,
                                                       [rows[i] for i in early.tolist()]), strict=True):
            cells[i] = cell
    elif pd.api.types.is_integer_dtype(col):
        missing = col.isna().to_numpy(bool)
        exact = col.dtype.kind == "i" and bool(col.dropna().between(-EXACT, EXACT).all())
        if exact:  # every value a number cell (the usual case), without a call per value
            cells = _value_cells(col.to_numpy(np.int64, na_value=0).tolist(), letter, rows)
        else:
            values = col.astype(object).where(~missing, 0).tolist()  # Python ints: uint64 beyond int64 too
            cells = [_integer_cell(letter, r, v) for r, v in zip(rows, values, strict=True)]
    elif pd.api.types.is_numeric_dtype(col):
        values = col.astype(float).to_numpy(float, na_value=np.nan)
        missing = ~np.isfinite(values)
        cells = _value_cells(_number_text(np.where(missing, 0, values)), letter, rows)
    else:
        missing = col.isna().to_numpy()
        cells = _text_cells(col, letter, rows)
        if col.dtype == object:  # a mixed column: its numbers stay numbers
            whole = col.map(lambda v: isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_)
                            ).to_numpy(bool)
            real = col.map(lambda v: isinstance(v, float | np.floating) and bool(np.isfinite(v))).to_numpy(bool)
            for i in np.flatnonzero(whole).tolist():
                cells[i] = _integer_cell(letter, rows[i], int(col.iat[i]))
            if real.any():
                text = _number_text(np.where(real, col.where(real, 0).to_numpy(), 0).astype(float))
                for i in np.flatnonzero(real).tolist():
                    cells[i] = f'<c r="{letter}{rows[i]}"><v>{text[i]}</v></c>'
    return [("" if m else c) for c, m in zip(cells, missing.tolist(), strict=True)]


def _width(col: pd.Series, header: str) -> int:
    """Characters a column needs: its header and its first :data:`WIDTH_ROWS` values, within the bounds."""
    head = col.head(WIDTH_ROWS)
    if pd.api.types.is_datetime64_any_dtype(head):
        longest = 10 if head.isna().all() or (head.dropna() == head.dropna().dt.normalize()).all() else 16
    elif isinstance(head.dtype, pd.StringDtype):
        longest = int(head.str.len().max(skipna=True)) if head.notna().any() else 0
    elif head.dtype.kind == "i":
        known = head.dropna()  # the longest number is the largest or the smallest (its minus sign)
        longest = max(len(str(known.max())), len(str(known.min()))) if len(known) else 0
    elif head.dtype in (np.float64, pd.Float64Dtype()):  # as astype(str) writes them: repr
        longest = min(max((len(repr(x)) for x in head.dropna().tolist()), default=0), 11)
    else:
        text = head.dropna().astype(str)
        longest = int(text.str.len().max()) if len(text) else 0
        if pd.api.types.is_float_dtype(head):  # Excel's General format shows at most 11 characters of a number
            longest = min(longest, 11)
    return min(MAX_WIDTH, max(MIN_WIDTH, len(header) + 2, longest + 2))


def _sheet(frame: pd.DataFrame, chunk: int = 100_000):
    """One worksheet's XML in pieces (``chunk`` rows each): header row frozen, inline strings, numbers, dates,
    widths fitted, an autofilter over the table."""
    letters = [_column_letter(i) for i in range(frame.shape[1])]
    widths = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{_width(frame.iloc[:, i], str(c))}" customWidth="1"/>'
                     for i, c in enumerate(frame.columns))
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
           'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
           + (f"<cols>{widths}</cols>" if widths else "") + "<sheetData>")
    header = pd.DataFrame([[str(c) for c in frame.columns]], columns=frame.columns, dtype="string")
    body = frame.reset_index(drop=True)
    for part, first in [(header, 1)] + [(body.iloc[i:i + chunk], i + 2) for i in range(0, len(body), chunk)]:
        rows = [str(r) for r in range(first, first + len(part))]
        columns = [_cells(part.iloc[:, i].reset_index(drop=True), letter, rows) for i, letter in enumerate(letters)]
        yield "".join(["".join(cells) for cells in zip([f'<row r="{r}">' for r in rows], *columns,
                                                       ["</row>"] * len(rows), strict=True)])
    yield "</sheetData>" + (f'<autoFilter ref="{_table_ref(frame)}"/>' if letters else "") + "</worksheet>"


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
             + f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')
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
    files += [(f"xl/worksheets/sheet{i + 1}.xml", _sheet(frame)) for i, frame in enumerate(frames.values())]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            # the ZipFile's compresslevel applies only to names, not to a ZipInfo (zlib's default 6 then):
            # level 1 compresses the example's sheets three times faster into a quarter more bytes
            info._compresslevel = 1
            with z.open(info, "w", force_zip64=True) as f:
                for piece in [text] if isinstance(text, str) else text:
                    f.write(piece.encode("utf-8"))
