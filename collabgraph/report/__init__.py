"""The HTML report (:mod:`collabgraph.report.html`), its texts, charts and map, and the exports.

``collabgraph report`` and ``collabgraph demo`` call :func:`collabgraph.report.html.write_report`;
``collabgraph export`` calls :func:`collabgraph.report.export.export`.
"""

__all__ = ["LANGUAGES"]

#: The report's languages (:class:`collabgraph.report.texts.Texts`), here so that ``collabgraph export --lang``
#: offers them without importing the report's texts.
LANGUAGES = ("en", "nl")
