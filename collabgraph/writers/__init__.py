"""File writers for other tools: GEXF, GraphML, node-link JSON and XLSX, each streamed from table columns.

One module per format; each takes plain tables (a node table indexed by id and an edge table with
``source``, ``target``; or named tables for XLSX) and a path, and knows nothing of an analysis:
what is exported is decided by :mod:`collabgraph.report.export`. Shared XML escaping lives in
:mod:`collabgraph.writers.xmltext`. Every writer has a round-trip test on hostile names and values
(``tests/writers/``).
"""

from collabgraph.writers.gexf import write_gexf
from collabgraph.writers.graphml import write_graphml
from collabgraph.writers.nodelink import write_node_link
from collabgraph.writers.xlsx import XLSX_ROWS, write_xlsx

__all__ = ["XLSX_ROWS", "write_gexf", "write_graphml", "write_node_link", "write_xlsx"]
