"""GEXF 1.2 writer (Gephi's format, dynamic mode), streamed row by row from a node and an edge table.

The file is written line by line from the tables' columns, without building a networkx graph first
(ten times faster, a fraction of the memory). Every text is escaped by
:func:`collabgraph.writers.xmltext.escape`; read back with ``networkx.read_gexf`` it gives the same
nodes, edges and attributes (see ``tests/writers/test_gexf.py``).

Format: ``<graph mode="dynamic" timeformat="date">``; attributes are declared with GEXF types
(``long``, ``double``, ``boolean``, ``string``; dates as ISO text), node ids first, edge ids after
them. A node's ``start``/``end`` and an edge's ``<spells>`` place them in time (Gephi's timeline);
without them a node or edge is present throughout.

Examples
--------
>>> import tempfile, networkx as nx, pandas as pd
>>> from pathlib import Path
>>> nodes = pd.DataFrame({"label": ["Chloë", "<b>"], "age": [41, None]}, index=["a", "b"])
>>> edges = pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [2.0]})
>>> path = Path(tempfile.mkdtemp()) / "n.gexf"
>>> write_gexf(nodes, edges, path, spells=[[("2021-01-01", "2021-03-31")]])
>>> g = nx.read_gexf(path)
>>> g.nodes["a"], g.edges["a", "b"]["spells"]
({'age': 41.0, 'label': 'Chloë'}, [('2021-01-01', '2021-03-31')])
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from collabgraph import __version__
from collabgraph.outputs import check_read
from collabgraph.tietable import tie_weights
from collabgraph.writers.xmltext import declarations, escape, typed_columns

__all__ = ["write_gexf"]


def write_gexf(nodes: pd.DataFrame, edges: pd.DataFrame, path: Path | str, *, directed: bool = False,
               spells: list[list[tuple[str, str]]] | None = None) -> None:
    """Write a GEXF 1.2 file in dynamic mode (see the module docstring).

    Parameters
    ----------
    nodes : DataFrame
        One row per node, indexed by node id: ``label``, optionally ``start`` and ``end`` (dates; the
        node's time span), every other column a node attribute.
    edges : DataFrame
        One row per edge: ``source``, ``target`` (node ids), ``weight``, every other column an edge attribute.
    path : Path or str
        The file (written directly; callers wanting all-or-nothing write a temporary file and rename it).
        A data file or folder read in this process is refused
        (:func:`collabgraph.outputs.check_read`, :class:`~collabgraph.outputs.OutputError`).
    directed : bool
        ``defaultedgetype`` directed or undirected.
    spells : list of list of (str, str), optional
        Per edge row, its time intervals as ISO date pairs, ends included (none: present throughout).
    """
    check_read(path)
    label = typed_columns(nodes[["label"]])[0][2]
    start, end = (typed_columns(nodes[[c]])[0][2] if c in nodes else [None] * len(nodes) for c in ("start", "end"))
    node_cols = typed_columns(nodes.drop(columns=["label", "start", "end"], errors="ignore"))
    edge_cols = typed_columns(edges.drop(columns=["source", "target", "weight"]))
    ids = escape(pd.Series(nodes.index.astype(str), dtype="string")).tolist()
    sources, targets = (escape(edges[c].astype(str).astype("string")).tolist() for c in ("source", "target"))
    weight = [repr(float(w)) for w in tie_weights(edges)]  # Gephi needs a number: no rating is 0
    spells = [[]] * len(edges) if spells is None else spells
    kind = "directed" if directed else "undirected"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("<?xml version='1.0' encoding='utf-8'?>\n"
                '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
                'version="1.2">\n'
                f'  <meta>\n    <creator>collabgraph {__version__}</creator>\n  </meta>\n'
                f'  <graph defaultedgetype="{kind}" mode="dynamic" timeformat="date">\n')
        declared = declarations(node_cols, edge_cols)
        for cls in ("node", "edge"):
            f.write(f'    <attributes mode="static" class="{cls}">\n')
            f.writelines(f'      <attribute id="{i}" title="{name}" type="{k}" />\n'
                         for c, i, name, k in declared if c == cls)
            f.write("    </attributes>\n")
        f.write("    <nodes>\n")
        spans = [(f' start="{s}"' if s else "") + (f' end="{e}"' if e else "") for s, e in zip(start, end, strict=True)]
        f.writelines(f'      <node id="{pid}" label="{lab}"{span}>\n        <attvalues>\n{values}'
                     "        </attvalues>\n      </node>\n"
                     for pid, lab, span, values in zip(ids, label, spans, _attvalues(node_cols, 0, len(ids)),
                                                       strict=True))
        f.write("    </nodes>\n    <edges>\n")
        timed = ["".join(["        <spells>\n", *(f'          <spell start="{s}" end="{e}" />\n' for s, e in runs),
                          "        </spells>\n"]) if runs else "" for runs in spells]
        f.writelines(f'      <edge source="{a}" target="{b}" id="{n}" weight="{w}">\n{runs}        <attvalues>\n'
                     f"{values}        </attvalues>\n      </edge>\n"
                     for n, (a, b, w, runs, values) in enumerate(zip(sources, targets, weight, timed, _attvalues(
                         edge_cols, len(node_cols), len(sources)), strict=True)))
        f.write("    </edges>\n  </graph>\n</gexf>\n")


def _attvalues(columns: list, first: int, rows: int) -> list[str]:
    """Per row, the ``<attvalue>`` lines of its known values of ``columns`` (:func:`typed_columns`; attribute ids
    from ``first``), built a column at a time and joined once per row."""
    lines = [[None if v is None else f'          <attvalue for="{first + i}" value="{v}" />\n' for v in values]
             for i, (_, _, values) in enumerate(columns)]
    return ["".join(v for v in row if v) for row in zip(*lines, strict=True)] if lines else [""] * rows
