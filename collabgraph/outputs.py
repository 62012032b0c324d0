"""Safe output: the one CSV writer, text for terminals and XML, and checks of where output goes.

Every file and every line collabgraph writes passes through here, so one rule holds everywhere:

- **CSV** (:func:`write_csv`, :func:`csv_text`): every text cell *and header* that begins with ``=``,
  ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'`` (OWASP, "CSV Injection"), so a
  spreadsheet shows it as text instead of running it as a formula; the text stays readable. Two styles
  (:data:`CSV_STYLES`): ``standard`` (``,`` between values, ``.`` in numbers, UTF-8) and ``excel-nl``
  (``;`` between values, decimal comma, UTF-8 with a byte-order mark), which Excel in a Dutch locale
  opens in columns with accents intact; :func:`csv_style` picks one for a report language.
- **Terminal** (:func:`visible`): control characters (C0 except the line break, DEL, C1) and the
  Unicode bidirectional overrides are shown as escapes (``\\x1b``, ``\\u202e``), as validation
  messages quote values, so a name cannot recolour, retitle or rewrite the terminal.
- **XML** (:func:`xml_safe`): the characters XML 1.0 cannot hold (C0 except tab, line feed and
  carriage return; U+FFFE, U+FFFF) are written as the same visible escapes, so
  GEXF, GraphML and XLSX stay well-formed and two names that differ only there stay different.
- **Where** (:func:`check_output`, :func:`writing`): an output never replaces an input file or the
  input folder (the public writers, which take tables and not a dataset, refuse every data file and folder
  read in this process: :func:`check_read`, until :func:`forget_inputs`), and a path that cannot be written
  gives ``cannot write PATH: reason`` (:class:`OutputError`, exit code 2 in the CLI) instead of a traceback.

Examples
--------
>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("zorg"), neutralise(-1)
('\\'=HYPERLINK("http://x")', 'zorg', -1)
>>> visible("Ann\\x1b[31m\\nBo")
'Ann\\\\x1b[31m\\nBo'
>>> xml_safe("a\\x01b\\tc")
'a\\\\x01b\\tc'
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
import re
import signal
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from collabgraph.errors import ParameterError

if TYPE_CHECKING:  # imported where used: the CLI's main() imports this module, --version must stay fast
    import pandas as pd

__all__ = ["CSV_STYLES", "MARKER", "OutputError", "Stopped", "atomic_file", "check_output", "check_read",
           "check_stopped", "csv_style", "csv_text", "forget_inputs", "neutralise", "prepare_folder", "remember_inputs",
           "stop_on_signals", "visible", "visible_json", "write_csv", "writing", "xml_safe"]

_RISKY = ("=", "+", "-", "@", "\t", "\r")
#: :data:`_RISKY` as a regular expression on a value's start.
_RISKY_START = "^[=+\\-@\t\r]"
#: Shown escaped on a terminal: C0 controls but the line break, DEL, C1 controls, bidi overrides.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
#: Characters XML 1.0 cannot hold (tab, line feed and carriage return it can, as character references). The
#: characters themselves, not ``\\x`` escapes: Arrow's regular expressions (RE2) take it as Python's do.
XML_ILLEGAL = "[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]"
_XML_ILLEGAL = re.compile(XML_ILLEGAL)
#: The file collabgraph puts in every folder it writes (a report, a CSV export folder): only a folder
#: holding it is replaced or written into when it already has other files.
MARKER = ".collabgraph-output"
#: The CSV styles of :func:`write_csv`: ``standard`` (``,`` and ``.``, UTF-8) and ``excel-nl`` (``;``,
#: decimal comma, UTF-8 with a byte-order mark, as Excel in a Dutch locale reads CSV).
CSV_STYLES = ("standard", "excel-nl")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def neutralise(value):
    """Prefix ``'`` to text that a spreadsheet would read as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_RISKY):
        return "'" + value
    return value


def neutral_column(col: pd.Series) -> pd.Series:
    """:func:`neutralise` on a column: vectorised on text columns, value by value on mixed ones."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
        return col
    if isinstance(col.array, pd.arrays.ArrowStringArray) and not _arrow_has(col, _RISKY_START):
        return col  # most text columns: one Arrow pass, none of pandas' string-method steps
    if isinstance(col.dtype, pd.StringDtype):
        risky = col.str.startswith(_RISKY).fillna(False).to_numpy(bool)
        return col.mask(risky, "'" + col) if risky.any() else col
    return col.astype(object).map(neutralise)


def _arrow_has(col: pd.Series, pattern: str) -> bool:
    """Whether a value of an Arrow text column matches the regular expression ``pattern`` (missing values do not)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    return bool(pc.any(pc.match_substring_regex(pa.array(col.array), pattern)).as_py())


def _neutral_frame(frame: pd.DataFrame, decimal_comma: bool = False) -> tuple[pd.DataFrame, bool]:
    """``frame`` with :func:`neutralise` on the header and :func:`neutral_column` on every column (a new frame
    holding the unchanged columns' arrays, not copies: ``frame`` is not changed), with ``decimal_comma`` the
    floats of mixed (object) columns as text with a decimal comma (:func:`_decimal_comma`), and whether a header
    or a text cell holds a carriage return."""
    import pandas as pd

    names = [neutralise(str(c)) for c in frame.columns]
    columns = [neutral_column(col) for _, col in frame.items()]
    if decimal_comma:
        columns = [col.map(_decimal_comma) if pd.api.types.is_object_dtype(col.dtype) else col for col in columns]
    cr = any("\r" in c for c in names) or any(_has_cr(col) for col in columns)
    out = pd.DataFrame({i: col.array for i, col in enumerate(columns)}, index=pd.RangeIndex(len(frame)), copy=False)
    out.columns = names
    return out, cr


def csv_style(lang: str | None, style: str | None = None) -> str:
    """The CSV style of a report language: ``style`` when given, else ``excel-nl`` for ``nl`` and ``standard``
    otherwise (also when no language is given).

    Examples
    --------
    >>> csv_style("nl"), csv_style("en"), csv_style(None), csv_style("nl", "standard")
    ('excel-nl', 'standard', 'standard', 'standard')
    """
    return style if style is not None else "excel-nl" if lang == "nl" else "standard"


def _decimal_comma(value):
    """A float in a mixed (object) column as text with a decimal comma (pandas' ``decimal`` reaches float columns)."""
    if isinstance(value, float) and not isinstance(value, bool):
        return repr(value).replace(".", ",")
    return value


def write_csv(frame: pd.DataFrame, path: Path | io.StringIO, *, index: bool = False, style: str = "standard") -> None:
    """Write a table as CSV, formula-like text neutralised in the header and every cell.

    Parameters
    ----------
    frame : DataFrame
    path : path-like or StringIO
        A data file or folder read in this process is refused (:func:`check_read`, :class:`OutputError`).
    index : bool
        Write the index as the first column(s).
    style : {"standard", "excel-nl"}
        ``standard``: ``,`` between values, ``.`` in numbers, UTF-8. ``excel-nl``: ``;`` between values,
        a decimal comma, UTF-8 with a byte-order mark (``\\ufeff``, also at the start of a text buffer);
        read it back with ``pd.read_csv(path, sep=";", decimal=",")``.

    Examples
    --------
    >>> import pandas as pd
    >>> buffer = io.StringIO()
    >>> write_csv(pd.DataFrame({"=x": ["@SUM(1)", "ok"], "n": [1, 2]}), buffer)
    >>> print(buffer.getvalue(), end="")
    '=x,n
    '@SUM(1),1
    ok,2
    >>> buffer = io.StringIO()
    >>> write_csv(pd.DataFrame({"naam": ["Chloë"], "aandeel": [0.25]}), buffer, style="excel-nl")
    >>> buffer.getvalue()
    '\\ufeffnaam;aandeel\\nChloë;0,25\\n'
    """
    from collabgraph.params import Options, check

    check("style", style, Options(CSV_STYLES))
    if isinstance(path, str | os.PathLike):
        check_read(path)
    if index:
        frame = frame.reset_index()
    excel = style == "excel-nl"
    frame, cr = _neutral_frame(frame, decimal_comma=excel)
    # Python's csv quotes a value with a line feed but not one with a bare carriage return, which readers
    # take as a line end: then every text value is quoted (numbers stay bare).
    quoting = csv.QUOTE_NONNUMERIC if cr else csv.QUOTE_MINIMAL
    layout = {"sep": ";", "decimal": ","} if excel else {}
    if not excel:
        frame.to_csv(path, index=False, lineterminator="\n", quoting=quoting)
    elif isinstance(path, io.StringIO):
        path.write("\ufeff")
        frame.to_csv(path, index=False, lineterminator="\n", quoting=quoting, **layout)
    else:
        frame.to_csv(path, index=False, lineterminator="\n", quoting=quoting, encoding="utf-8-sig", **layout)


def _has_cr(col: pd.Series) -> bool:
    """Whether a value of a column :func:`neutral_column` returned holds a carriage return as text (its ``str``;
    a missing value's text has none): one join, not a string method per value (one Arrow pass for Arrow text)."""
    import pandas as pd

    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
        return False
    if isinstance(col.array, pd.arrays.ArrowStringArray):
        return _arrow_has(col, "\r")
    return "\r" in "".join(map(str, col.tolist()))


def csv_text(frame: pd.DataFrame, style: str = "standard") -> str:
    """The text :func:`write_csv` writes in ``style`` (for ``--format csv`` on standard output)."""
    buffer = io.StringIO()
    write_csv(frame, buffer, style=style)
    return buffer.getvalue()


def visible(text: str) -> str:
    """``text`` with control characters shown as escapes (line breaks kept): safe on a terminal."""
    return _CONTROL.sub(_escape, text)


_JSON_RAW = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible_json(text: str) -> str:
    """JSON text with the control characters ``json.dumps`` leaves raw (DEL, C1, bidi overrides) as ``\\uXXXX``:
    the same JSON value, safe on a terminal (C0 characters json escapes itself).

    Examples
    --------
    >>> visible_json('{"name": "a\x9b31m"}')
    '{"name": "a\\\\u009b31m"}'
    """
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold shown as escapes (still to be XML-escaped)."""
    return _XML_ILLEGAL.sub(_escape, text)


class OutputError(ParameterError):
    """An output path that cannot or must not be written (exit code 2 in the CLI)."""


@contextlib.contextmanager
def writing(path: Path | str):
    """Turn an operating-system error while writing ``path`` into ``cannot write PATH: reason``."""
    for parent in Path(path).parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"cannot write {path}: {parent} is a file, not a folder.")
            break
    try:
        yield
    except OSError as err:
        raise OutputError(f"cannot write {path}: {(err.strerror or str(err)).rstrip('.')}.") from err


def _same(a: Path, b: Path) -> bool:
    """``a`` and ``b`` are one file or folder: the same text, or both exist and are the same on disk (a
    case-insensitive disk's ``Data/Netwerk.xlsx`` for ``data/netwerk.xlsx``, a hard or symbolic link)."""
    if a == b:
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # either one missing (or unreadable): not the same existing file
        return False


def _inside(path: Path, folder: Path) -> bool:
    return any(_same(p, folder) for p in (path, *path.parents))


def check_output(path: Path | str, inputs: list[Path | str], *, folder: bool = False) -> Path:
    """Refuse an output ``path`` that would overwrite or hold one of the ``inputs``.

    Parameters
    ----------
    path : Path
        The file (or, with ``folder``, the folder) about to be written.
    inputs : list of Path or None
        The files and folders the data was read from (None: not given).
    folder : bool
        ``path`` is a folder that will be replaced or filled: it may not be or hold an input.

    Returns
    -------
    Path
        ``path`` resolved.

    Raises
    ------
    OutputError
        ``cannot write PATH: it is an input ...``.

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> check_output(d / "out.gexf", [d]) == (d / "out.gexf").resolve()
    True
    >>> check_output(d, [d], folder=True)
    Traceback (most recent call last):
    ...
    collabgraph.outputs.OutputError: cannot write ...: it is the input folder; choose another output.
    """
    from collabgraph.schema import TABLE_SUFFIXES, table_for_file

    out = Path(os.path.abspath(path)).resolve()
    for given in (p for p in inputs if p is not None):
        source = Path(os.path.abspath(given)).resolve()
        if _same(out, source):
            what = "the input folder" if source.is_dir() else "an input file"
            raise OutputError(f"cannot write {path}: it is {what}; choose another output.")
        if folder and _inside(source, out):
            raise OutputError(f"cannot write {path}: it holds the input {given}; choose another output.")
        if (source.is_dir() and _same(out.parent, source) and out.suffix.lower() in TABLE_SUFFIXES
                and table_for_file(out.name) is not None):
            raise OutputError(f"cannot write {path}: it would be read as a table of the input folder "
                              f"{given}; choose another output.")
    return out


#: Every data file and folder read in this process (:func:`remember_inputs`), as absolute paths, in reading order.
_READ: dict[str, None] = {}


def remember_inputs(paths) -> None:
    """Record the data files and folders just read, for the rest of this process (None left out).

    ``read_table_file`` records each file it reads and ``validate`` the dataset's inputs, which every engine
    passes through; the record is per process: another process (a new session, a worker) knows none of them.
    It lasts until :func:`forget_inputs`, not until the dataset is gone: its tables live on in copies, frames
    and results made from it, and a file read once is the user's data whether or not a dataset still holds it.

    >>> import tempfile
    >>> people = Path(tempfile.mkdtemp()) / "people.csv"
    >>> remember_inputs([people, None])
    >>> os.path.abspath(people) in _READ
    True
    """
    _READ.update((os.path.abspath(p), None) for p in paths if p is not None)


def forget_inputs(paths=None) -> None:
    """Forget inputs :func:`remember_inputs` recorded, so the public writers may write there again (a copy of the
    data the user means to overwrite, in a notebook that read it): the given files and folders, each folder with
    every file recorded inside it (the same file by another name too: a link, a relative path), or with
    ``paths=None`` every input of this process. The commands are not affected: they check their dataset's inputs.

    Parameters
    ----------
    paths : iterable of path-like, optional
        The files and folders to forget (None: all).

    Examples
    --------
    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> remember_inputs([d, d / "people.csv"])
    >>> forget_inputs([d])
    >>> check_read(d / "people.csv")  # no error: it may be written again
    """
    if paths is None:
        _READ.clear()
        return
    gone = [Path(os.path.abspath(p)) for p in paths]
    for key in [k for k in _READ if any(_inside(Path(k), g) for g in gone)]:
        del _READ[key]


def check_read(path: Path | str) -> None:
    """:func:`check_output` of the file ``path`` against every input read in this process (:func:`remember_inputs`).

    The public writers (:func:`write_csv`, :mod:`collabgraph.writers`) take tables, not a dataset, so they cannot
    be given ``dataset.inputs`` as ``export()`` is: this is how they refuse to write over an input.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> remember_inputs([d / "people.csv"])
    >>> check_read(d / "people.csv")
    Traceback (most recent call last):
    ...
    collabgraph.outputs.OutputError: cannot write ...people.csv: it is an input file; choose another output.
    """
    if _READ:
        check_output(path, list(_READ))


def prepare_folder(path: Path) -> None:
    """Refuse a folder output that would mix with files collabgraph did not write.

    ``path`` may be missing, an empty folder, or a folder holding :data:`MARKER` (an earlier output);
    anything else (a file, a folder of other files) is an :class:`OutputError`.
    """
    with writing(path):  # a parent that is a file
        pass
    if not path.exists():
        return
    if not path.is_dir():
        raise OutputError(f"cannot write {path}: it is a file, and this output is a folder; choose another "
                          "output.")
    if any(path.iterdir()) and not (path / MARKER).is_file():
        raise OutputError(f"cannot write {path}: the folder holds files collabgraph did not write (it has no "
                          f"{MARKER}); choose a new or empty folder.")


def atomic_file(path: Path, write) -> Path:
    """Call ``write(tmp)`` on a temporary file next to ``path``, then rename it to ``path``.

    A crash or a signal leaves ``path`` as it was and removes the temporary file.
    """
    path = Path(path)
    with writing(path):
        if path.is_dir():
            raise IsADirectoryError(21, "it is a folder, and this output is a file", str(path))
        tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
        try:
            write(tmp)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
    return path


class Stopped(SystemExit):
    """SIGINT or SIGTERM arrived: the run stops with exit code 128 + the signal's number (130, 143)."""


_signals: list[int] = []


def _stop(signum, frame):
    if _signals:  # a second signal while cleaning up: let the cleanup finish
        return
    _signals.append(signum)
    raise Stopped(128 + signum)


@contextlib.contextmanager
def stop_on_signals():
    """While inside, SIGINT and SIGTERM raise :class:`Stopped`, so partial outputs are removed on the way out.

    :func:`check_stopped` raises it again where a signal's exception was swallowed (inside a library).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _signals.clear()
    previous = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
        _signals.clear()  # a later run in this process (a library call, a test) starts afresh


def check_stopped() -> None:
    """Raise :class:`Stopped` when a signal arrived (call before an output is put in place)."""
    if _signals:
        raise Stopped(128 + _signals[0])
