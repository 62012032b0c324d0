"""XLSX writer: a workbook of tables written directly as Office Open XML, streamed 100,000 rows at a time.

One sheet per table (header row frozen, column widths from the headers), cells as inline strings,
numbers and booleans; a missing value is an empty cell. No spreadsheet library is used: the sheet
XML is built a whole column at a time (vectorised), which on 1M records is ten times faster than
writing cell by cell with openpyxl, and floats are written exactly (``repr``). Text is escaped by
:func:`collabgraph.writers.xmltext.escape` (``\\r`` and ``\\t`` as character references, which XML
would otherwise normalise; characters XML cannot hold as visible escapes) and a text that a
spreadsheet would run as a formula gets a leading ``'`` (:func:`collabgraph.outputs.neutral_column`).
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
from collabgraph.outputs import neutral_column
from collabgraph.writers.xmltext import escape

__all__ = ["SHEET_NAME", "XLSX_ROWS", "write_xlsx"]

#: Sheet names Excel accepts: 1 to 31 characters, none of ``: \\ / ? * [ ]`` or control characters, no ``'``
#: at either end.
SHEET_NAME = re.compile(r"(?!')[^:\\/?*\[\]\x00-\x1f\ufffe\uffff]{1,31}(?<!')")
#: Data rows of an XLSX sheet at most (Excel's limit is 1,048,576 rows, one is the header).
XLSX_ROWS = 1_048_575
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


def _cells(col: pd.Series, letter: str, rows: pd.Series) -> pd.Series:
    """The ``<c>`` element of every value of a column (empty text for a missing value)."""
    ref = '<c r="' + letter + rows
    if pd.api.types.is_bool_dtype(col):
        missing = col.isna().to_numpy()
        cells = ref + '" t="b"><v>' + col.astype(object).where(~missing, False).astype(int).astype(str) + "</v></c>"
    elif pd.api.types.is_numeric_dtype(col):
        values = col.astype(float)
        missing = ~np.isfinite(values.to_numpy(float, na_value=np.nan))
        text = col.astype(object).where(~missing, 0).astype(np.int64 if pd.api.types.is_integer_dtype(col)
                                                            else float).astype(str)
        cells = ref + '"><v>' + text + "</v></c>"
    else:
        if pd.api.types.is_datetime64_any_dtype(col):
            col = col.dt.strftime("%Y-%m-%d")
        missing = col.isna().to_numpy()
        text = neutral_column(col.astype(object).where(~missing, "").astype(str).astype("string"))
        text = escape(text)  # also \r and \t as character references, which XML would otherwise normalise
        cells = ref + '" t="inlineStr"><is><t xml:space="preserve">' + text + "</t></is></c>"
    return cells.astype(object).where(~missing, "")


def _sheet(frame: pd.DataFrame, chunk: int = 100_000):
    """One worksheet's XML in pieces (``chunk`` rows each): header row frozen, inline strings, numbers."""
    letters = [_column_letter(i) for i in range(frame.shape[1])]
    widths = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{min(40, max(10, len(str(c)) + 2))}" customWidth="1"/>'
                     for i, c in enumerate(frame.columns))
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
           'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
           + (f"<cols>{widths}</cols>" if widths else "") + "<sheetData>")
    header = pd.DataFrame([[str(c) for c in frame.columns]], columns=frame.columns, dtype="string")
    body = frame.reset_index(drop=True)
    for part, first in [(header, 1)] + [(body.iloc[i:i + chunk], i + 2) for i in range(0, len(body), chunk)]:
        rows = pd.Series(np.arange(first, first + len(part)).astype(str), dtype=object)
        line = '<row r="' + rows + '">'
        for i, letter in enumerate(letters):
            line = line + _cells(part.iloc[:, i].reset_index(drop=True), letter, rows).to_numpy()
        yield "".join((line + "</row>").tolist())
    yield "</sheetData></worksheet>"


def write_xlsx(frames: dict[str, pd.DataFrame], path: Path | str) -> None:
    """Write an XLSX workbook, one sheet per table (see the module docstring).

    Parameters
    ----------
    frames : dict of str to DataFrame
        Sheet name -> table, in sheet order; the columns' names are the header row.
    path : Path or str
        The file (written directly; callers wanting all-or-nothing write a temporary file and rename it).

    Notes
    -----
    Sheets longer than :data:`XLSX_ROWS` (Excel's limit) keep their first rows.

    Raises
    ------
    ParameterError
        A sheet name Excel refuses (see :data:`SHEET_NAME`).
    """
    for name in frames:
        if not isinstance(name, str) or not SHEET_NAME.fullmatch(name):
            raise ParameterError("sheet names must be 1 to 31 characters, none of : \\ / ? * [ ] or a control "
                                 f"character, not starting or ending with '; got {name!r}.")
    names = escape(pd.Series(list(frames), dtype="string")).tolist()
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
                + "</sheets></workbook>")
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
              '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
              "</styleSheet>")
    files = [("[Content_Types].xml", content), ("_rels/.rels", package), ("xl/workbook.xml", workbook),
             ("xl/_rels/workbook.xml.rels", links), ("xl/styles.xml", styles)]
    files += [(f"xl/worksheets/sheet{i + 1}.xml", _sheet(frame.head(XLSX_ROWS)))
              for i, frame in enumerate(frames.values())]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as f:
                for piece in [text] if isinstance(text, str) else text:
                    f.write(piece.encode("utf-8"))
