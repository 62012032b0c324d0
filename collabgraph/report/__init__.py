"""The HTML report (:mod:`collabgraph.report.html`), its texts, charts and map, and the exports.

``collabgraph report`` and ``collabgraph demo`` call :func:`collabgraph.report.html.write_report`;
``collabgraph export`` calls :func:`collabgraph.report.export.export`.
"""
