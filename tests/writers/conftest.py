"""Hostile tables for the writers' round-trip tests: names and values that break hand-built XML, JSON and
spreadsheets, and the expected read-back written out independently of collabgraph's code."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

#: Texts that have broken writers somewhere: markup, quotes, CDATA ends, line breaks, control characters
#: (some of which XML 1.0 cannot hold), emoji and accents, formula starts, surrounding spaces, long text.
HOSTILE = ['say "hi"', "it's", "a < b > c", "R&D &amp; co", "]]>", "<![CDATA[x]]>", "</gexf>", "line\nbreak",
           "cr\rhere", "crlf\r\nhere", "tab\there", "soh\x01", "nul\x00x", "esc\x1b[31m", "bad\ufffe",
           "emoji 🎉👩‍⚕️", "Chloë Müller-Ağaoğlu", "=HYPERLINK(\"http://x\",\"y\")", "+31 6", "-2+3", "@SUM(A1)",
           "  spaced  ", "x" * 20_000, "日本語", "\u202eevil"]
#: Characters XML 1.0 cannot hold; the writers put them as visible escapes (``\x01``, ``\ufffe``).
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
BIG = 2**63 - 1
#: Integers beyond what a double holds exactly (2**53) or a long holds at all, in one column with text, a small
#: integer, a float and a missing value (pandas keeps it as object; ``10**400`` as an int overflows a float).
BIG_MIXED = [10**400, "x", -(2**63) - 1, 2**53, 2**53 + 1, 7, 1.5, None]


def with_big_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the column ``big`` (:data:`BIG_MIXED`, then missing values) and ``unsigned`` (uint64 above
    int64's end, then small numbers)."""
    n = len(frame)
    return frame.assign(big=pd.Series((BIG_MIXED + [None] * n)[:n], index=frame.index, dtype=object),
                        unsigned=np.array([2**64 - 1, 2**63, 2**53 + 1, *range(n - 3)], dtype=np.uint64))


def xml_visible(text: str) -> str:
    """``text`` as an XML file can carry it: each XML-illegal character as ``\\xNN`` (or ``\\uNNNN``)."""
    return XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                           else f"\\u{ord(m.group()):04x}", text)


def spreadsheet_safe(text: str) -> str:
    """OWASP: text a spreadsheet would run as a formula gets a leading ``'``."""
    return "'" + text if text.startswith(("=", "+", "-", "@", "\t", "\r")) else text


@pytest.fixture
def nodes() -> pd.DataFrame:
    """One node per hostile text (the text is its id and its name), with every kind of value and missing value."""
    n = len(HOSTILE)
    return pd.DataFrame({
        "label": HOSTILE,
        "name": [None if i == 3 else t for i, t in enumerate(HOSTILE)],
        "count": pd.array([BIG, -BIG - 1, None] + list(range(n - 3)), dtype="Int64"),
        "score": [np.nan, 1e308, 5e-324, -0.5, 1 / 3] + [float(i) for i in range(n - 5)],
        "flag": pd.array([True, False, None] + [True] * (n - 3), dtype="boolean"),
        "joined": pd.to_datetime(["2021-03-15", None, "1999-12-31"] + ["2024-02-29"] * (n - 3)),
        'odd "<&>" name': ["v"] * n,
    }, index=pd.Index(HOSTILE, dtype="string", name="id"))


@pytest.fixture
def edges() -> pd.DataFrame:
    """Each hostile node tied to the next, with a weight, counts, a date and hostile text."""
    n = len(HOSTILE)
    return pd.DataFrame({
        "source": HOSTILE[:-1], "target": HOSTILE[1:],
        "weight": [0.5 + i for i in range(n - 1)],
        "count": np.arange(n - 1, dtype=np.int64) * 10**17,
        "first": pd.to_datetime(["2021-01-01"] * (n - 2) + [None]),
        "networks": [None] + HOSTILE[2:],
    })


def expected_nodes(nodes: pd.DataFrame, text=xml_visible) -> dict:
    """Per node id, the attributes a reader should give back: missing values absent, dates as ISO dates,
    texts through ``text`` (what the format can carry)."""
    return {text(pid): {text(k): _value(v, text) for k, v in row.items() if not pd.isna(v)}
            for pid, row in zip(nodes.index, nodes.to_dict("records"), strict=True)}


def expected_edges(edges: pd.DataFrame, text=xml_visible) -> dict:
    """Per (source, target), the attributes a reader should give back (as :func:`expected_nodes`)."""
    rows = edges.drop(columns=["source", "target"]).to_dict("records")
    return {(text(a), text(b)): {text(k): _value(v, text) for k, v in row.items() if not pd.isna(v)}
            for a, b, row in zip(edges["source"], edges["target"], rows, strict=True)}


def as_text_columns(want: dict, nodes: pd.DataFrame) -> dict:
    """``want`` (:func:`expected_nodes`) with ``big`` and ``unsigned`` of :func:`with_big_integers` as a GEXF or
    GraphML reader gives them back: text of the exact digits (a mixed column and an unsigned one beyond 64 bits
    signed are typed ``string``; a 10**400 fits no number type)."""
    for attrs, big, unsigned in zip(want.values(), nodes["big"], nodes["unsigned"], strict=True):
        attrs["unsigned"] = str(unsigned)
        if big is not None:
            attrs["big"] = str(big)
    return want


def _value(v, text):
    if isinstance(v, str):
        return text(v)
    if isinstance(v, pd.Timestamp):
        return v.date().isoformat()
    return v.item() if isinstance(v, np.generic) else v
