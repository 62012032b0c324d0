"""GraphML writer, streamed row by row from a node and an edge table.

Written line by line from the tables' columns (no networkx graph in between); every text escaped by
:func:`collabgraph.writers.xmltext.escape`. Keys carry GraphML types (``long``, ``double``,
``boolean``, ``string``; dates as ISO text), node keys first; a missing value has no ``<data>``.
Read back with ``networkx.read_graphml`` it gives the same nodes, edges and attributes (see
``tests/writers/test_graphml.py``).

Examples
--------
>>> import tempfile, networkx as nx, pandas as pd
>>> from pathlib import Path
>>> nodes = pd.DataFrame({"name": ["Chloë", 'x"]]>'], "n": [2**62, 1]}, index=["a", "b"])
>>> edges = pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [1.5]})
>>> path = Path(tempfile.mkdtemp()) / "n.graphml"
>>> write_graphml(nodes, edges, path)
>>> g = nx.read_graphml(path)
>>> g.nodes["b"], g.edges["a", "b"]
({'name': 'x"]]>', 'n': 1}, {'weight': 1.5})
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from collabgraph.outputs import check_read
from collabgraph.writers.xmltext import declarations, escaped_ends, typed_columns

__all__ = ["write_graphml"]


def write_graphml(nodes: pd.DataFrame, edges: pd.DataFrame, path: Path | str, *, directed: bool = False) -> None:
    """Write a GraphML file (see the module docstring).

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
        ``edgedefault`` directed or undirected.
    """
    check_read(path)
    node_cols = typed_columns(nodes)
    edge_cols = typed_columns(edges.drop(columns=["source", "target"]))
    ids, sources, targets = (ends.tolist() for ends in escaped_ends(nodes, edges))
    kind = "directed" if directed else "undirected"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("<?xml version='1.0' encoding='utf-8'?>\n"
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        f.writelines(f'  <key id="d{i}" for="{cls}" attr.name="{name}" attr.type="{k}" />\n'
                     for cls, i, name, k in declarations(node_cols, edge_cols))
        f.write(f'  <graph edgedefault="{kind}">\n')
        f.writelines(f'    <node id="{pid}">\n{data}    </node>\n'
                     for pid, data in zip(ids, _data(node_cols, 0, len(ids)), strict=True))
        f.writelines(f'    <edge source="{a}" target="{b}">\n{data}    </edge>\n'
                     for a, b, data in zip(sources, targets, _data(edge_cols, len(node_cols), len(sources)),
                                           strict=True))
        f.write("  </graph>\n</graphml>\n")


def _data(columns: list, first: int, rows: int) -> list[str]:
    """Per row, the ``<data>`` lines of its known values of ``columns`` (:func:`typed_columns`; keys ``d{first}``
    on), built a column at a time and joined once per row."""
    lines = [[None if v is None else f'      <data key="d{first + i}">{v}</data>\n' for v in values]
             for i, (_, _, values) in enumerate(columns)]
    return ["".join(v for v in row if v) for row in zip(*lines, strict=True)] if lines else [""] * rows
