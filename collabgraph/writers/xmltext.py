"""XML text for the GEXF, GraphML and XLSX writers: escaping and typed values, a whole column at a time.

Values from input files are hostile (``<``, ``&``, quotes, ``]]>``, line breaks, control characters):
:func:`escape` makes any text safe inside an XML attribute value or element, and writes the
characters XML 1.0 cannot hold as visible escapes (:func:`collabgraph.outputs.xml_safe`), so a name
with ``\\x01`` reads back as the text ``\\x01`` instead of making the file unreadable.

Examples
--------
>>> import pandas as pd
>>> escape(pd.Series(['a<b & "c"', "x\\x01y", None], dtype="string")).tolist()
['a&lt;b &amp; &quot;c&quot;', 'x\\\\x01y', <NA>]
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from collabgraph.outputs import XML_ILLEGAL, xml_safe

__all__ = ["TEXT", "concatenated", "declarations", "digits", "escape", "escape_text", "escaped_ends", "join",
           "join_known", "typed_columns", "whole"]

#: A character :func:`escape` replaces: markup, quote, line break, tab, or one XML cannot hold. Written with the
#: characters themselves, not ``\\x``/``\\u`` escapes, so that Arrow's regular expressions (RE2) take it: pandas'
#: ``str.contains`` on Arrow text would otherwise search value by value in Python.
_SPECIAL = '[&<>"\n\r\t]|' + XML_ILLEGAL
_SPECIAL_CHARACTER = re.compile(_SPECIAL)
#: The entity or character reference of each markup, quote, line break and tab character.
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}


def _reference(match: re.Match) -> str:
    character = match.group()
    return _REFERENCES.get(character) or xml_safe(character)


def escape_text(text: str) -> str:
    """XML-escaped ``text``, safe inside an element and an attribute value: markup and quotes as entities, line
    breaks and tabs as character references (which XML would otherwise normalise), characters XML cannot hold as
    visible escapes (:func:`collabgraph.outputs.xml_safe`). One pass over the text.

    Examples
    --------
    >>> escape_text('R&D <"x">\\r\\n\\x01')
    'R&amp;D &lt;&quot;x&quot;&gt;&#13;&#10;\\\\x01'
    """
    return _SPECIAL_CHARACTER.sub(_reference, text)


def escape(col: pd.Series) -> pd.Series:
    """:func:`escape_text` on every value of a ``string`` column, the same dtype; a column with nothing to escape
    (most ids, names and labels: one vectorised search) is returned as it is."""
    special = col.str.contains(_SPECIAL, regex=True).fillna(False).to_numpy(bool)
    if not special.any():
        return col
    return col.mask(special, col.astype(object).map(escape_text, na_action="ignore"))


def escaped_ends(nodes: pd.DataFrame, edges: pd.DataFrame) -> tuple[pd.Series, pd.Series, pd.Series]:
    """The node ids (the index of ``nodes``) and the ``source`` and ``target`` of ``edges`` as escaped ``string``
    columns (:func:`escape`): the ``id``, ``source`` and ``target`` attributes of GEXF and GraphML.

    Examples
    --------
    >>> ids, sources, targets = escaped_ends(pd.DataFrame(index=["R&D", 7]), pd.DataFrame({"source": ["R&D"],
    ...                                                                                     "target": [7]}))
    >>> ids.tolist(), sources.tolist(), targets.tolist()
    (['R&amp;D', '7'], ['R&amp;D'], ['7'])
    """
    ids = escape(pd.Series(nodes.index.astype(str), dtype="string"))
    sources, targets = (escape(edges[c].astype(str).astype("string")) for c in ("source", "target"))
    return ids, sources, targets


def typed_columns(frame: pd.DataFrame) -> list[tuple[str, str, list]]:
    """``(name, type, values)`` per column of ``frame``: the GEXF/GraphML type (``long``, ``double``,
    ``boolean``, ``string``) and each value as escaped XML text, None when missing. Dates become ISO dates
    (``2021-03-15``, type ``string``). An integer column with a value beyond ``long`` (64 bits signed: an
    unsigned column above 2**63 - 1) is ``string``, its exact digits; a column of mixed values (Python ints of
    any size next to text) is ``string`` too.

    Examples
    --------
    >>> typed_columns(pd.DataFrame({"n": [1, 2], "x": [0.5, None], "s": ["<a>", None]}))
    [('n', 'long', ['1', '2']), ('x', 'double', ['0.5', None]), ('s', 'string', ['&lt;a&gt;', None])]
    >>> typed_columns(pd.DataFrame({"u": pd.array([2**64 - 1, None], dtype="UInt64"), "m": [10**30, "x"]}))
    [('u', 'string', ['18446744073709551615', None]), ('m', 'string', ['1000000000000000000000000000000', 'x'])]
    """
    out = []
    for name in frame.columns:
        col = frame[name]
        missing = col.isna().to_numpy(bool)
        if pd.api.types.is_bool_dtype(col):
            kind, values = "boolean", col.astype(object).map({True: "true", False: "false"}).tolist()
        elif pd.api.types.is_integer_dtype(col):
            if col.dtype.kind == "i":  # int64 at most: fits long
                kind, values = "long", [str(v) for v in col.to_numpy(np.int64, na_value=0).tolist()]
            else:
                numbers = col.astype(object).where(~missing, 0)  # Python ints: an unsigned value beyond int64 too
                fits = not len(numbers) or max(numbers) < 2**63
                kind, values = "long" if fits else "string", numbers.map(str).tolist()
        elif pd.api.types.is_float_dtype(col):
            kind, values = "double", [repr(float(x)) for x in col.to_numpy(float, na_value=np.nan).tolist()]
        elif pd.api.types.is_datetime64_any_dtype(col):
            if col.dtype == "datetime64[ns]":  # years 1677 to 2262: numpy writes the day as strftime does
                kind, values = "string", np.datetime_as_string(col.to_numpy(), unit="D").tolist()
            else:
                kind, values = "string", col.dt.strftime("%Y-%m-%d").astype(object).tolist()
        else:
            text = col if isinstance(col.dtype, pd.StringDtype) else col.astype(object).where(~missing, "").astype(str)
            codes, distinct = pd.factorize(text)  # each distinct text escaped once; a missing one has code -1
            escaped = [escape_text(v) for v in distinct.tolist()] + [None]
            kind, values = "string", [escaped[c] for c in codes.tolist()]
        out.append((str(name), kind, [None if m else v for v, m in zip(values, missing.tolist(), strict=True)]))
    return out


def declarations(node_cols: list, edge_cols: list) -> list[tuple[str, int, str, str]]:
    """``(class, id, escaped name, type)`` of every node and then every edge attribute (``node_cols`` and
    ``edge_cols`` from :func:`typed_columns`): edge ids follow the node ids, as GEXF's ``<attribute>`` and
    GraphML's ``<key>`` both number them.

    Examples
    --------
    >>> declarations([("a&b", "string", [])], [("weight", "double", [])])
    [('node', 0, 'a&amp;b', 'string'), ('edge', 1, 'weight', 'double')]
    """
    named = [("node", n, k) for n, k, _ in node_cols] + [("edge", n, k) for n, k, _ in edge_cols]
    names = escape(pd.Series([n for _, n, _ in named], dtype="string")).tolist()
    return [(cls, i, name, k) for i, ((cls, _, k), name) in enumerate(zip(named, names, strict=True))]


#: The type of the writers' XML text built by Arrow (64-bit offsets: a part of a file may pass 2 GB).
TEXT = pa.large_string()


def _part(part) -> pa.Array | pa.Scalar:
    if isinstance(part, str):
        return pa.scalar(part, TEXT)
    part = part if isinstance(part, pa.Array | pa.ChunkedArray) else pa.array(part, TEXT)  # pandas' may be chunked
    return part.combine_chunks() if isinstance(part, pa.ChunkedArray) else part


def join(*parts) -> pa.Array:
    """Row by row, the concatenation of ``parts``: a text is the same in every row, a list (``None``: missing) or
    Arrow text array holds one per row. A row is missing (null) when one of its parts is. Arrow's string kernel
    builds every row at once, without a Python string per row.

    Examples
    --------
    >>> join("<v>", ["1", None], "</v>").to_pylist()
    ['<v>1</v>', None]
    """
    return pc.binary_join_element_wise(*map(_part, parts), _part(""))


def join_known(*parts) -> pa.Array:
    """:func:`join` with a missing part taken as empty text.

    Examples
    --------
    >>> join_known("<row>", ["<a/>", None], "</row>").to_pylist()
    ['<row><a/></row>', '<row></row>']
    """
    return pc.binary_join_element_wise(*map(_part, parts), _part(""), null_handling="replace", null_replacement="")


def digits(values: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
    """Integers as decimal text, missing (null) where ``missing``.

    >>> digits(np.array([3, -12, 0]), np.array([False, False, True])).to_pylist()
    ['3', '-12', None]
    """
    return pa.array(values, pa.int64(), mask=missing).cast(TEXT)


def concatenated(rows: pa.Array, counts: np.ndarray) -> pa.Array:
    """Per group of ``counts[i]`` consecutive rows of ``rows`` (none missing), their text one after the other.

    >>> concatenated(join("<", ["a", "b", "c"], ">"), np.array([2, 0, 1])).to_pylist()
    ['<a><b>', '', '<c>']
    """
    offsets = pa.array(np.r_[0, np.cumsum(counts, dtype=np.int64)], pa.int64())
    return pc.binary_join(pa.LargeListArray.from_arrays(offsets, _part(rows).cast(TEXT)), _part(""))


def whole(rows: pa.Array) -> pa.Buffer:
    """The text of every row of ``rows`` (none missing) one after the other, as UTF-8 bytes.

    >>> whole(join("<", ["a", "b"], ">")).to_pybytes()
    b'<a><b>'
    """
    return concatenated(rows, np.array([len(rows)]))[0].as_buffer()
