"""networkx node-link JSON writer, built from a node and an edge table.

The file is what ``networkx.node_link_data(g, edges="edges")`` gives for the graph of the two
tables: ``directed``, ``multigraph``, ``graph``, ``nodes`` (each node's attributes and its ``id``)
and ``edges`` (attributes, ``source``, ``target``). A missing value is left out of its node or
edge, dates are ISO dates (``2021-03-15``), numbers plain JSON numbers; non-ASCII text is written as
it is (UTF-8). Read back with ``json.loads`` and ``networkx.node_link_graph`` (see
``tests/writers/test_nodelink.py``).

Examples
--------
>>> import json, tempfile, pandas as pd
>>> from pathlib import Path
>>> nodes = pd.DataFrame({"name": ["Chloë", None]}, index=["a", "b"])
>>> edges = pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [1.0]})
>>> path = Path(tempfile.mkdtemp()) / "n.json"
>>> write_node_link(nodes, edges, path)
>>> json.loads(path.read_text(encoding="utf-8"))["nodes"]
[{'name': 'Chloë', 'id': 'a'}, {'id': 'b'}]
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

from collabgraph.outputs import check_read

__all__ = ["plain", "write_node_link"]


def plain(value):
    """``value`` as a graph attribute or JSON value: None when missing, plain Python numbers, dates as ISO dates.

    Examples
    --------
    >>> plain(np.int64(3)), plain(float("nan")), plain(pd.Timestamp("2021-03-15 10:00")), plain("x")
    (3, None, '2021-03-15', 'x')
    """
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain values; missing values left out, dates as ISO dates."""
    frame = frame.copy()
    for col in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    clean = frame.astype(object).where(frame.notna(), None)
    names = [str(c) for c in clean.columns]
    return [{k: plain(v) for k, v in zip(names, row, strict=True) if v is not None}
            for row in clean.itertuples(index=False, name=None)]


def write_node_link(nodes: pd.DataFrame, edges: pd.DataFrame, path: Path | str, *, directed: bool = False) -> None:
    """Write networkx node-link JSON (``edges="edges"``; see the module docstring).

    Parameters
    ----------
    nodes : DataFrame
        One row per node, indexed by node id; every column a node attribute.
    edges : DataFrame
        One row per edge: ``source``, ``target`` (node ids); every other column an edge attribute.
    path : Path or str
        The file (written directly; callers wanting all-or-nothing write a temporary file and rename it).
        A data file or folder read in this process is refused
        (:func:`collabgraph.outputs.check_read`, :class:`~collabgraph.outputs.OutputError`).
    directed : bool
        The ``directed`` flag of the graph.

    Raises
    ------
    ValueError
        A value JSON cannot hold exactly (an infinite number).
    """
    check_read(path)
    node_rows = _records(nodes)
    for row, pid in zip(node_rows, nodes.index, strict=True):
        row["id"] = pid
    edge_rows = _records(edges.drop(columns=["source", "target"]))
    for row, a, b in zip(edge_rows, edges["source"], edges["target"], strict=True):
        row["source"], row["target"] = a, b
    data = {"directed": directed, "multigraph": False, "graph": {}, "nodes": node_rows, "edges": edge_rows}
    Path(path).write_text(json.dumps(data, ensure_ascii=False, allow_nan=False), encoding="utf-8")
