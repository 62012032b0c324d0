"""The HTML report (:mod:`collabgraph.report.html`), its texts, charts and map, and the exports.

``collabgraph report`` and ``collabgraph demo`` call :func:`collabgraph.report.html.write_report`;
``collabgraph export`` calls :func:`collabgraph.report.export.export`.
"""

__all__ = ["LANGUAGES", "MAX_NODES"]

#: The report's languages (:class:`collabgraph.report.texts.Texts`), here so that ``collabgraph export --lang``
#: offers them without importing the report's texts.
LANGUAGES = ("en", "nl")
#: People drawn on the map by default; above it the rest are grouped (:func:`collabgraph.report.netmap.map_data`), here
#: so that ``collabgraph report --map-nodes`` offers it without importing the map (igraph).
MAX_NODES = 1500
