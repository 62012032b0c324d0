"""The HTML report (:mod:`collabgraph.report.html`), its texts, charts and map, and the exports.

``collabgraph report`` and ``collabgraph demo`` call :func:`collabgraph.report.html.write_report`;
``collabgraph export`` calls :func:`collabgraph.report.export.export`.
"""

from pathlib import Path

__all__ = ["FORMATS", "LANGUAGES", "MAX_NODES", "csv_layout"]

#: The formats of ``collabgraph export`` (:mod:`collabgraph.report.export`), here so that the command offers them
#: (and :func:`csv_layout` checks its path) before it imports the analysis.
FORMATS = ("gexf", "graphml", "json", "csv", "xlsx")

#: The report's languages (:class:`collabgraph.report.texts.Texts`), here so that ``collabgraph export --lang``
#: offers them without importing the report's texts.
LANGUAGES = ("en", "nl")
#: People drawn on the map by default; above it the rest are grouped (:func:`collabgraph.report.netmap.map_data`), here
#: so that ``collabgraph report --map-nodes`` offers it without importing the map (igraph).
MAX_NODES = 1500


def csv_layout(path: Path | str) -> str:
    """What ``csv`` writes at ``path``: ``"zip"`` (``.zip``), ``"ties"`` (``.csv``: the tie table alone) or
    ``"folder"`` (any other name: ``people.csv, ties.csv, groups.csv, metrics.csv``).

    Examples
    --------
    >>> csv_layout("net.csv"), csv_layout("net.ZIP"), csv_layout("net")
    ('ties', 'zip', 'folder')
    """
    suffix = Path(path).suffix.lower()
    return "zip" if suffix == ".zip" else "ties" if suffix == ".csv" else "folder"
