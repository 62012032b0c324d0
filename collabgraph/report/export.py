"""Exports for Gephi, Excel, pandas and other tools: GEXF, GraphML, node-link JSON, CSV and XLSX.

Every export is built from an :class:`~collabgraph.analysis.Analysis`, so people carry their metrics
(degree, strength, betweenness, constraint, brokerage, community, reach, isolation reasons).

Formats
-------
``gexf``
    GEXF 1.2 in dynamic mode (``mode="dynamic"``, ``timeformat="date"``): a person's ``start`` is
    the earlier of ``joined`` and their first dated tie, ``end`` the later of ``left`` and their
    last. A tie has one spell per run of consecutive windows (of the analysis' ``freq``, as in the
    ``timeline`` and the report's map; quarters when it has none) in which it has a record, from the
    run's first to its last day but not before the tie's first record or after its last, so it is
    present exactly in the windows in which the ``timeline`` counts it (:func:`_spells`). Gephi's
    timeline plays it. People and ties without dates are present throughout.
``graphml``
    GraphML with the same attributes (dates as ISO text).
``json``
    networkx node-link JSON (``nodes``, ``edges``, ``directed``, ``graph``); missing values are absent.
``csv``
    ``people.csv``, ``ties.csv``, ``groups.csv`` and ``metrics.csv`` in a folder, or in a zip
    archive when the path ends with ``.zip``; a path ending with ``.csv`` gets the tie table alone
    (:func:`csv_layout`).
``xlsx``
    A workbook with the sheets ``people``, ``ties``, ``groups`` and ``metrics``, written directly as
    Office Open XML (openpyxl reads it); a sheet keeps at most :data:`XLSX_ROWS` rows (Excel's limit).

GEXF, GraphML and JSON are written row by row from the people and tie tables, without building a
networkx graph first (ten times faster, a fraction of the memory); read back, they give the graph of
:func:`graph`, which Python users can take directly.

In CSV and XLSX every text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'`` (OWASP, "CSV Injection"), so a spreadsheet shows it as text instead of
running it as a formula; the text stays readable.

Examples
--------
>>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("zorg"), neutralise(-1)
('\\'=HYPERLINK("http://x")', 'zorg', -1)
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from collabgraph import __version__
from collabgraph.analysis import Analysis, AnalysisOptions, analyze
from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.graph import to_graph
from collabgraph.metrics.temporal import tie_windows
from collabgraph.outputs import (
    MARKER,
    XML_ILLEGAL,
    atomic_file,
    neutral_column,
    neutralise,
    prepare_folder,
    write_csv,
    writing,
    xml_safe,
)

if TYPE_CHECKING:  # graph() builds one through collabgraph.graph.to_graph, which imports networkx
    import networkx as nx

__all__ = ["FORMATS", "csv_layout", "export", "export_all", "export_dataset", "graph", "groups_table", "metrics_table",
           "neutralise", "private_view", "tables", "write_csv"]

FORMATS = ("gexf", "graphml", "json", "csv", "xlsx")


def _iso(x):
    return None if x is None or pd.isna(x) else pd.Timestamp(x).date().isoformat()


def _people(dataset: Dataset, analysis: Analysis) -> pd.DataFrame:
    """People with their attributes, learning networks and metrics (index ``id``)."""
    metrics = analysis.people.drop(columns=[c for c in dataset.people.columns if c in analysis.people.columns])
    out = dataset.people.join(metrics)
    nets = dataset.memberships.drop_duplicates().sort_values(["person", "network"])
    out["networks"] = nets.groupby("person")["network"].agg(";".join).reindex(out.index).astype("string")
    return out


def _ties(analysis: Analysis) -> pd.DataFrame:
    return analysis.ties.drop(columns=["u", "v"])


def groups_table(analysis: Analysis) -> pd.DataFrame:
    """Groups of ``options.by`` (E-I per group) and learning networks (openness), one row each.

    Columns: ``kind`` (the attribute, or ``network``), ``group, size, internal, external, ei_index``;
    a learning network's ``ei_index`` is its openness.
    """
    g = analysis.mixing.groups.assign(kind=analysis.options.by)
    n = analysis.pollination.networks.rename(columns={"network": "group", "members": "size", "openness": "ei_index"})
    n = n.assign(kind="network")
    cols = ["kind", "group", "size", "internal", "external", "ei_index"]
    return pd.concat([g[cols], n[cols]], ignore_index=True)


def metrics_table(analysis: Analysis) -> pd.DataFrame:
    """Whole-network numbers as ``metric, value`` rows."""
    s, m, c = analysis.summary, analysis.mixing, analysis.clusters
    rows = [("people", s.people), ("ties", s.ties), ("density", s.density), ("components", s.components),
            ("largest_component", s.largest_component), ("isolates", s.isolates),
            (f"share_external_{m.by}", m.share_external), (f"share_expected_{m.by}", m.share_expected),
            (f"ei_index_{m.by}", m.ei_index), (f"ei_expected_{m.by}", m.ei_expected),
            (f"ei_p_value_{m.by}", m.ei_p_value), (f"assortativity_{m.by}", m.assortativity)]
    rows += [(f"share_external_{attr}", r.share_external) for attr, r in analysis.crossing.items() if attr != m.by]
    rows += [("communities", len(c.communities.clusters)),
             ("communities_of_two_or_more", c.communities.of_two_or_more), ("modularity", c.communities.modularity),
             ("network_of_networks_density", analysis.pollination.density),
             ("isolated_flagged", len(analysis.isolation.flagged))]
    if c.comparison is not None:
        cmp = c.comparison
        rows += [(f"nmi_{cmp.attribute}", cmp.nmi), (f"ari_{cmp.attribute}", cmp.ari)]
    return pd.DataFrame(rows, columns=["metric", "value"])


def tables(dataset: Dataset, analysis: Analysis) -> dict[str, pd.DataFrame]:
    """The four tables of the CSV and XLSX exports: ``people, ties, groups, metrics``."""
    people = _people(dataset, analysis).reset_index(names="id")
    return {"people": people, "ties": _ties(analysis), "groups": groups_table(analysis),
            "metrics": metrics_table(analysis)}


def _clean(value):
    """A value GEXF/GraphML writers accept: None for missing, plain Python numbers."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def graph(dataset: Dataset, analysis: Analysis, *, dynamic: bool = False) -> nx.Graph:
    """The networkx graph of the exports: people with attributes and metrics, ties with their counts.

    With ``dynamic``, people get ``start``/``end`` and ties ``spells`` (GEXF time intervals, :func:`_spells`).
    """
    g = to_graph(dataset, analysis.ties)
    people = _people(dataset, analysis)
    records = people.astype(object).where(people.notna(), None).to_dict("index")
    for pid, attrs in records.items():
        data = g.nodes[pid]
        data.clear()
        data.update({k: v for k, v in ((k, _clean(v)) for k, v in attrs.items()) if v is not None})
        data["label"] = str(attrs.get("name") or pid)
    if dynamic:
        t = analysis.ties
        spans = _nodes(dataset, analysis, spans=True)  # the same start/end as the streamed files
        for column in ("start", "end"):
            for pid, d in spans[column].dropna().items():
                g.nodes[pid][column] = _iso(d)
        for s, e, spells in zip(t["source"], t["target"], _spells(dataset, analysis), strict=True):
            if spells:
                g.edges[s, e]["spells"] = spells
        g.graph["mode"] = "dynamic"
    return g


def _spells(dataset: Dataset, analysis: Analysis) -> list[list[tuple[str, str]]]:
    """Per tie (row of ``analysis.ties``), its GEXF spells as ISO date pairs, ends included: one per run of
    consecutive windows with a record (:func:`~collabgraph.metrics.temporal.tie_windows` of the analysis'
    timeline frequency, quarters for waves or none), clipped to the tie's first and last record."""
    t = analysis.ties
    tl = analysis.timeline
    w = tie_windows(dataset, tl.freq if tl is not None and tl.freq != "wave" else "quarter", t)
    out: list[list[tuple[str, str]]] = [[] for _ in range(len(t))]
    tie, window = w["tie"].to_numpy(np.int64), w["window"].to_numpy(np.int64)
    first = np.flatnonzero(np.r_[True, (tie[1:] != tie[:-1]) | (window[1:] != window[:-1] + 1)]) if len(w) \
        else np.zeros(0, np.int64)
    last = np.r_[first[1:] - 1, len(w) - 1] if len(first) else first
    run = tie[first]
    start = np.maximum(w["start"].to_numpy()[first], t["first"].to_numpy("datetime64[ns]")[run])
    end = np.minimum(w["end"].to_numpy()[last] - np.timedelta64(1, "D"), t["last"].to_numpy("datetime64[ns]")[run])
    for i, a, b in zip(run.tolist(), pd.DatetimeIndex(start).strftime("%Y-%m-%d"),
                       pd.DatetimeIndex(end).strftime("%Y-%m-%d"), strict=True):
        out[i].append((a, b))
    return out


# ---- GEXF, GraphML and node-link JSON, streamed from the tables' columns ---------------------------

def _nodes(dataset: Dataset, analysis: Analysis, spans: bool) -> pd.DataFrame:
    """Node attributes of the graph exports (index: id): people, metrics, networks, ``label`` and, with
    ``spans``, ``start``/``end`` (the earlier of joined and the first dated tie, the later of left and the last)."""
    out = _people(dataset, analysis)
    out["label"] = out["name"].astype(object).where(out["name"].notna(), pd.Series(out.index, index=out.index))
    out["label"] = out["label"].astype(str)
    if spans:
        t = analysis.ties
        ends = pd.concat([t[[end, date]].set_axis(["id", "date"], axis=1) for end in ("source", "target")
                          for date in ("first", "last")]).dropna()
        start = pd.concat([ends.groupby("id")["date"].min(), dataset.people["joined"].dropna()]).groupby(level=0).min()
        stop = pd.concat([ends.groupby("id")["date"].max(), dataset.people["left"].dropna()]).groupby(level=0).max()
        out["start"], out["end"] = start.reindex(out.index), stop.reindex(out.index)
    return out


def _escape(col: pd.Series) -> pd.Series:
    """XML-escaped text (also quotes and line breaks, so it is safe inside an attribute value); characters XML
    cannot hold become visible escapes (:func:`collabgraph.outputs.xml_safe`)."""
    illegal = col.str.contains(XML_ILLEGAL, regex=True).fillna(False).to_numpy(bool)
    if illegal.any():
        col = col.mask(illegal, col.astype(object).map(xml_safe, na_action="ignore").astype("string"))
    for a, b in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\n", "&#10;"), ("\r", "&#13;"),
                 ("\t", "&#9;")):
        col = col.str.replace(a, b, regex=False)
    return col


def _declarations(node_cols: list, edge_cols: list) -> list[tuple[str, int, str, str]]:
    """``(class, id, escaped name, type)`` of every node and then every edge attribute: edge ids follow
    the node ids, as GEXF's ``<attribute>`` and GraphML's ``<key>`` both number them."""
    named = [("node", n, k) for n, k, _ in node_cols] + [("edge", n, k) for n, k, _ in edge_cols]
    names = _escape(pd.Series([n for _, n, _ in named], dtype="string")).tolist()
    return [(cls, i, name, k) for i, ((cls, _, k), name) in enumerate(zip(named, names, strict=True))]


def _xml_columns(frame: pd.DataFrame) -> list[tuple[str, str, list]]:
    """``(name, type, values)`` per column: GEXF/GraphML type (long, double, boolean, string) and each
    value as escaped XML text, None when missing. Dates become ISO dates (``2021-03-15``)."""
    out = []
    for name in frame.columns:
        col = frame[name]
        missing = col.isna().to_numpy()
        if pd.api.types.is_bool_dtype(col):
            kind, text = "boolean", col.astype(object).map({True: "true", False: "false"})
        elif pd.api.types.is_integer_dtype(col):
            kind, text = "long", col.astype(object).where(~missing, 0).astype(np.int64).astype(str)
        elif pd.api.types.is_float_dtype(col):
            kind, text = "double", pd.Series([repr(float(x)) for x in col.to_numpy(float)], index=col.index)
        elif pd.api.types.is_datetime64_any_dtype(col):
            kind, text = "string", col.dt.strftime("%Y-%m-%d")
        else:
            kind, text = "string", _escape(col.astype(object).where(~missing, "").astype(str).astype("string"))
        values = text.astype(object).tolist()
        out.append((str(name), kind, [None if m else v for v, m in zip(values, missing, strict=True)]))
    return out


def _edges(analysis: Analysis) -> pd.DataFrame:
    return analysis.ties.drop(columns=["u", "v", "source", "target", "weight"])


def _ends(analysis: Analysis) -> tuple[list, list]:
    t = analysis.ties
    return (_escape(t["source"].astype(str).astype("string")).tolist(),
            _escape(t["target"].astype(str).astype("string")).tolist())


def _write_gexf(nodes: pd.DataFrame, analysis: Analysis, directed: bool, path: Path,
                spells: list[list[tuple[str, str]]]) -> None:
    """GEXF 1.2 in dynamic mode, written row by row from the tables (see the module docstring); ``nodes``
    from :func:`_nodes` with spans, ``spells`` from :func:`_spells`."""
    label, start, end = (_xml_columns(nodes[[c]])[0][2] for c in ("label", "start", "end"))
    node_cols = _xml_columns(nodes.drop(columns=["label", "start", "end"]))
    edge_cols = _xml_columns(_edges(analysis))
    ids = _escape(pd.Series(nodes.index.astype(str), dtype="string")).tolist()
    weight = [repr(float(w)) for w in analysis.ties["weight"].to_numpy(float)]
    kind = "directed" if directed else "undirected"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("<?xml version='1.0' encoding='utf-8'?>\n"
                '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
                'version="1.2">\n'
                f'  <meta>\n    <creator>collabgraph {__version__}</creator>\n  </meta>\n'
                f'  <graph defaultedgetype="{kind}" mode="dynamic" timeformat="date">\n')
        declared = _declarations(node_cols, edge_cols)
        for cls in ("node", "edge"):
            f.write(f'    <attributes mode="static" class="{cls}">\n')
            f.writelines(f'      <attribute id="{i}" title="{name}" type="{k}" />\n'
                         for c, i, name, k in declared if c == cls)
            f.write("    </attributes>\n")
        f.write("    <nodes>\n")
        for row, (pid, lab, s, e) in enumerate(zip(ids, label, start, end, strict=True)):
            span = (f' start="{s}"' if s else "") + (f' end="{e}"' if e else "")
            f.write(f'      <node id="{pid}" label="{lab}"{span}>\n        <attvalues>\n')
            f.writelines(f'          <attvalue for="{i}" value="{c[2][row]}" />\n' for i, c in enumerate(node_cols)
                         if c[2][row] is not None)
            f.write("        </attvalues>\n      </node>\n")
        f.write("    </nodes>\n    <edges>\n")
        sources, targets = _ends(analysis)
        offset = len(node_cols)
        for row, (a, b, w, runs) in enumerate(zip(sources, targets, weight, spells, strict=True)):
            f.write(f'      <edge source="{a}" target="{b}" id="{row}" weight="{w}">\n')
            if runs:
                f.write("        <spells>\n" + "".join(f'          <spell start="{s}" end="{e}" />\n' for s, e in runs)
                        + "        </spells>\n")
            f.write("        <attvalues>\n")
            f.writelines(f'          <attvalue for="{offset + i}" value="{c[2][row]}" />\n'
                         for i, c in enumerate(edge_cols) if c[2][row] is not None)
            f.write("        </attvalues>\n      </edge>\n")
        f.write("    </edges>\n  </graph>\n</gexf>\n")


def _write_graphml(nodes: pd.DataFrame, analysis: Analysis, directed: bool, path: Path) -> None:
    """GraphML, written row by row from the tables; ``nodes`` from :func:`_nodes` (with spans, people carry
    ``start``/``end``)."""
    node_cols = _xml_columns(nodes)
    edge_cols = _xml_columns(analysis.ties[["weight"]].join(_edges(analysis)))
    ids = _escape(pd.Series(nodes.index.astype(str), dtype="string")).tolist()
    kind = "directed" if directed else "undirected"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("<?xml version='1.0' encoding='utf-8'?>\n"
                '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
        f.writelines(f'  <key id="d{i}" for="{cls}" attr.name="{name}" attr.type="{k}" />\n'
                     for cls, i, name, k in _declarations(node_cols, edge_cols))
        f.write(f'  <graph edgedefault="{kind}">\n')
        for row, pid in enumerate(ids):
            f.write(f'    <node id="{pid}">\n')
            f.writelines(f'      <data key="d{i}">{c[2][row]}</data>\n' for i, c in enumerate(node_cols)
                         if c[2][row] is not None)
            f.write("    </node>\n")
        sources, targets = _ends(analysis)
        offset = len(node_cols)
        for row, (a, b) in enumerate(zip(sources, targets, strict=True)):
            f.write(f'    <edge source="{a}" target="{b}">\n')
            f.writelines(f'      <data key="d{offset + i}">{c[2][row]}</data>\n' for i, c in enumerate(edge_cols)
                         if c[2][row] is not None)
            f.write("    </edge>\n")
        f.write("  </graph>\n</graphml>\n")


def _records(frame: pd.DataFrame) -> list[dict]:
    """Rows as dicts of plain values; missing values left out, dates as ISO dates."""
    frame = frame.copy()
    for col in frame.columns:
        if pd.api.types.is_datetime64_any_dtype(frame[col]):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    clean = frame.astype(object).where(frame.notna(), None)
    names = [str(c) for c in clean.columns]
    return [{k: _clean(v) for k, v in zip(names, row, strict=True) if v is not None}
            for row in clean.itertuples(index=False, name=None)]


def _write_json(nodes: pd.DataFrame, analysis: Analysis, directed: bool, path: Path) -> None:
    """networkx node-link JSON (``edges="edges"``), built from the tables; ``nodes`` from :func:`_nodes`."""
    node_rows = _records(nodes)
    for row, pid in zip(node_rows, nodes.index, strict=True):
        row["id"] = pid
    ties = analysis.ties
    edge_rows = _records(ties[["weight"]].join(_edges(analysis)))
    for row, a, b in zip(edge_rows, ties["source"], ties["target"], strict=True):
        row["source"], row["target"] = a, b
    data = {"directed": directed, "multigraph": False, "graph": {}, "nodes": node_rows, "edges": edge_rows}
    path.write_text(json.dumps(data, ensure_ascii=False, allow_nan=False), encoding="utf-8")


#: Data rows of an XLSX sheet at most (Excel's limit is 1,048,576 rows, one is the header).
XLSX_ROWS = 1_048_575
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def _column_letter(i: int) -> str:
    """Excel's column name of the 0-based column ``i`` (A, B, ..., Z, AA, ...)."""
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _cells(col: pd.Series, letter: str, rows: pd.Series) -> pd.Series:
    """The ``<c>`` element of every value of a column (empty text for a missing value)."""
    ref = '<c r="' + letter + rows
    if pd.api.types.is_bool_dtype(col):
        missing = col.isna().to_numpy()
        cells = ref + '" t="b"><v>' + col.astype(object).where(~missing, False).astype(int).astype(str) + "</v></c>"
    elif pd.api.types.is_numeric_dtype(col):
        values = col.astype(float)
        missing = ~np.isfinite(values.to_numpy(float, na_value=np.nan))
        text = col.astype(object).where(~missing, 0).astype(np.int64 if pd.api.types.is_integer_dtype(col)
                                                            else float).astype(str)
        cells = ref + '"><v>' + text + "</v></c>"
    else:
        if pd.api.types.is_datetime64_any_dtype(col):
            col = col.dt.strftime("%Y-%m-%d")
        missing = col.isna().to_numpy()
        text = neutral_column(col.astype(object).where(~missing, "").astype(str).astype("string"))
        text = _escape(text)  # also \r and \t as character references, which XML would otherwise normalise
        cells = ref + '" t="inlineStr"><is><t xml:space="preserve">' + text + "</t></is></c>"
    return cells.astype(object).where(~missing, "")


def _sheet(frame: pd.DataFrame, chunk: int = 100_000):
    """One worksheet's XML in pieces (``chunk`` rows each): header row frozen, inline strings, numbers."""
    letters = [_column_letter(i) for i in range(frame.shape[1])]
    widths = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{min(40, max(10, len(str(c)) + 2))}" customWidth="1"/>'
                     for i, c in enumerate(frame.columns))
    yield ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" '
           'topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
           + (f"<cols>{widths}</cols>" if widths else "") + "<sheetData>")
    header = pd.DataFrame([[str(c) for c in frame.columns]], columns=frame.columns, dtype="string")
    body = frame.reset_index(drop=True)
    for part, first in [(header, 1)] + [(body.iloc[i:i + chunk], i + 2) for i in range(0, len(body), chunk)]:
        rows = pd.Series(np.arange(first, first + len(part)).astype(str), dtype=object)
        line = '<row r="' + rows + '">'
        for i, letter in enumerate(letters):
            line = line + _cells(part.iloc[:, i].reset_index(drop=True), letter, rows).to_numpy()
        yield "".join((line + "</row>").tolist())
    yield "</sheetData></worksheet>"


def _write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """An XLSX workbook (Office Open XML) written directly: one sheet per table, header row frozen.

    Sheets longer than :data:`XLSX_ROWS` (Excel's limit) keep their first rows; the CSV export has all.
    """
    names = list(frames)
    content = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
               '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
               '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
               '<Default Extension="xml" ContentType="application/xml"/>'
               '<Override PartName="/xl/workbook.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               '<Override PartName="/xl/styles.xml" '
               'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
               + "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="application/'
                         'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' for i in range(len(names)))
               + "</Types>")
    package = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG}">'
               f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    workbook = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" '
                f'xmlns:r="{_REL}"><sheets>'
                + "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, n in enumerate(names))
                + "</sheets></workbook>")
    links = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PKG}">'
             + "".join(f'<Relationship Id="rId{i + 1}" Type="{_REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                       for i in range(len(names)))
             + f'<Relationship Id="rId{len(names) + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>')
    styles = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
              '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
              '<fills count="2"><fill><patternFill patternType="none"/></fill>'
              '<fill><patternFill patternType="gray125"/></fill></fills>'
              '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
              '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
              '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
              '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
              "</styleSheet>")
    files = [("[Content_Types].xml", content), ("_rels/.rels", package), ("xl/workbook.xml", workbook),
             ("xl/_rels/workbook.xml.rels", links), ("xl/styles.xml", styles)]
    files += [(f"xl/worksheets/sheet{i + 1}.xml", _sheet(frames[n].head(XLSX_ROWS))) for i, n in enumerate(names)]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name, text in files:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            with z.open(info, "w", force_zip64=True) as f:
                for piece in [text] if isinstance(text, str) else text:
                    f.write(piece.encode("utf-8"))


def _zip_csv(frames: dict[str, pd.DataFrame], path: Path) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, frame in frames.items():
            buffer = io.StringIO()
            write_csv(frame, buffer)
            info = zipfile.ZipInfo(f"{name}.csv", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, buffer.getvalue().encode("utf-8"))


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


def _write_csv_tables(frames: dict[str, pd.DataFrame], path: Path) -> None:
    layout = csv_layout(path)
    if layout == "zip":
        atomic_file(path, lambda tmp: _zip_csv(frames, tmp))
    elif layout == "ties":
        atomic_file(path, lambda tmp: write_csv(frames["ties"], tmp))
    else:
        prepare_folder(path)
        with writing(path):
            path.mkdir(parents=True, exist_ok=True)
            (path / MARKER).write_text("written by collabgraph export; replaced by the next export here\n",
                                       encoding="utf-8")
            for name, frame in frames.items():
                atomic_file(path / f"{name}.csv", lambda tmp, frame=frame: write_csv(frame, tmp))


def export(dataset: Dataset, analysis: Analysis, to: str, path: Path | str) -> Path:
    """Write ``dataset`` with the metrics of ``analysis`` in format ``to`` (see the module docstring).

    Parameters
    ----------
    dataset : Dataset
    analysis : Analysis
        :func:`collabgraph.analysis.analyze` of the same dataset.
    to : {"gexf", "graphml", "json", "csv", "xlsx"}
    path : Path
        The file; for ``csv`` see :func:`csv_layout` (a folder, a ``.zip`` file, or the tie table as
        ``.csv``). A file is written in full or not at all (a temporary file renamed into place); a
        folder must be new, empty or an earlier export (it holds ``.collabgraph-output``).

    Returns
    -------
    Path
        Where it was written.

    Raises
    ------
    OutputError
        ``cannot write PATH: reason`` (a missing parent folder, a folder where a file is asked, ...).
    """
    if to not in FORMATS:
        raise ParameterError(f"to must be one of {', '.join(FORMATS)}; got {to!r}.")
    path = Path(path)
    if to == "csv":
        _write_csv_tables(tables(dataset, analysis), path)
    elif to == "xlsx":
        atomic_file(path, lambda tmp: _write_xlsx(tables(dataset, analysis), tmp))
    elif to == "gexf":
        nodes, spells = _nodes(dataset, analysis, spans=True), _spells(dataset, analysis)
        atomic_file(path, lambda tmp: _write_gexf(nodes, analysis, dataset.directed, tmp, spells))
    else:
        write = {"graphml": _write_graphml, "json": _write_json}[to]
        nodes = _nodes(dataset, analysis, spans=False)
        atomic_file(path, lambda tmp: write(nodes, analysis, dataset.directed, tmp))
    return path


def export_all(dataset: Dataset, analysis: Analysis, folder: Path | str, stem: str = "network") -> list[Path]:
    """Write ``stem.gexf``, ``.graphml``, ``.json`` and ``.xlsx`` into ``folder``.

    The GraphML and JSON files are those of :func:`export`, plus each person's ``start``/``end``.
    """
    folder = Path(folder)
    paths = [folder / f"{stem}.{ext}" for ext in ("gexf", "graphml", "json", "xlsx")]
    nodes = _nodes(dataset, analysis, spans=True)  # built once for the three graph files
    _write_gexf(nodes, analysis, dataset.directed, paths[0], _spells(dataset, analysis))
    for write, path in zip((_write_graphml, _write_json), paths[1:3], strict=True):
        write(nodes, analysis, dataset.directed, path)
    _write_xlsx(tables(dataset, analysis), paths[3])
    return paths


def private_view(dataset: Dataset, analysis: Analysis, min_group: int, *, pseudonymised: bool
                 ) -> tuple[Dataset, Analysis]:
    """``dataset`` and ``analysis`` as outputs that leave the team show them: a person's attribute value
    shared by fewer than ``min_group`` people becomes ``other`` (:func:`collabgraph.privacy.generalise`, on
    :func:`collabgraph.privacy.generalised_columns`) and the groups and learning networks smaller than
    ``min_group`` show ``"<min_group"`` for their numbers (:func:`collabgraph.privacy.suppress`).
    """
    from collabgraph.privacy import generalise, generalised_columns, suppress

    columns = generalised_columns(analysis.options, pseudonymised)
    p = analysis.pollination
    analysis = replace(analysis, people=generalise(analysis.people, columns, min_group),
                       mixing=replace(analysis.mixing, groups=suppress(analysis.mixing.groups, min_group)),
                       pollination=replace(p, networks=suppress(p.networks, min_group, size="members")))
    return replace(dataset, people=generalise(dataset.people, columns, min_group)), analysis


def export_dataset(dataset: Dataset, to: str, path: Path | str, *, options: AnalysisOptions | None = None,
                   salt: bytes | None = None, progress: bool | None = False, min_group: int = 3) -> Path:
    """Analyse ``dataset`` and export it; with a ``salt``, pseudonymise it first (see :mod:`collabgraph.privacy`).

    Pseudonymised, a person's role, profession, organisation, domain (and ``by`` attribute) show only
    when at least ``min_group`` people share the value, else ``other``, and the groups table shows
    ``<min_group`` for the numbers of smaller groups.

    Examples
    --------
    >>> import tempfile, pandas as pd
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> out = export_dataset(ds, "json", Path(tempfile.mkdtemp()) / "x.json", options=AnalysisOptions(permutations=0))
    >>> [(n["id"], n["degree"]) for n in json.loads(out.read_text())["nodes"]]
    [('a', 1), ('b', 1)]
    """
    from collabgraph.privacy import pseudonymise

    options = AnalysisOptions() if options is None else options
    if to not in FORMATS:
        raise ParameterError(f"to must be one of {', '.join(FORMATS)}; got {to!r}.")
    if salt is not None:
        dataset = pseudonymise(dataset, salt, keep=(options.by, options.compare_with))
    analysis = analyze(dataset, options, progress=progress)
    if salt is not None:
        dataset, analysis = private_view(dataset, analysis, min_group, pseudonymised=True)
    return export(dataset, analysis, to, path)
