"""Exports for Gephi, Excel, pandas and other tools: GEXF, GraphML, node-link JSON, CSV and XLSX.

Every export is built from an :class:`~collabgraph.analysis.Analysis`, so people carry their metrics
(degree, strength, betweenness, constraint, brokerage, community, reach, isolation reasons).

Formats
-------
``gexf``
    GEXF 1.2 in dynamic mode (``mode="dynamic"``, ``timeformat="date"``): a person's ``start`` is
    the earlier of ``joined`` and their first dated tie, ``end`` the later of ``left`` and their
    last; each tie has one spell from its first to its last date. Gephi's timeline plays it.
    People and ties without dates are present throughout.
``graphml``
    GraphML with the same attributes (dates as ISO text).
``json``
    networkx node-link JSON (``nodes``, ``edges``, ``directed``, ``graph``); missing values are null.
``csv``
    ``people.csv``, ``ties.csv``, ``groups.csv`` and ``metrics.csv`` in a folder, or in a zip
    archive when the path ends with ``.zip``.
``xlsx``
    A workbook with the sheets ``people``, ``ties``, ``groups`` and ``metrics`` (openpyxl).

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
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from collabgraph.analysis import Analysis, AnalysisOptions, analyze
from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.graph import to_graph

__all__ = ["FORMATS", "export", "export_all", "export_dataset", "graph", "groups_table", "metrics_table", "neutralise",
           "tables",
           "write_csv"]

FORMATS = ("gexf", "graphml", "json", "csv", "xlsx")
_RISKY = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Prefix ``'`` to text that a spreadsheet would read as a formula (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(_RISKY):
        return "'" + value
    return value


def _neutral_column(col: pd.Series) -> pd.Series:
    """:func:`neutralise` on a column: vectorised on text columns, value by value on mixed ones."""
    if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_datetime64_any_dtype(col):
        return col
    if isinstance(col.dtype, pd.StringDtype):
        risky = col.str.startswith(_RISKY).fillna(False).to_numpy(bool)
        return col.mask(risky, "'" + col) if risky.any() else col
    return col.astype(object).map(neutralise)


def _neutral_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        out[col] = _neutral_column(out[col])
    return out


def write_csv(frame: pd.DataFrame, path: Path | io.StringIO, *, index: bool = False) -> None:
    """Write a table as UTF-8 CSV with formula-like text neutralised."""
    if index:
        frame = frame.reset_index()
    _neutral_frame(frame).to_csv(path, index=False, lineterminator="\n")


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
    rows += [("communities", len(c.communities.clusters)), ("modularity", c.communities.modularity),
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

    With ``dynamic``, people get ``start``/``end`` and ties ``spells`` (GEXF time intervals).
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
        ends = pd.concat([t[["source", "first"]].rename(columns={"source": "id", "first": "date"}),
                          t[["target", "first"]].rename(columns={"target": "id", "first": "date"}),
                          t[["source", "last"]].rename(columns={"source": "id", "last": "date"}),
                          t[["target", "last"]].rename(columns={"target": "id", "last": "date"})])
        span = ends.dropna().groupby("id")["date"].agg(["min", "max"])
        start = pd.concat([span["min"], dataset.people["joined"].dropna()]).groupby(level=0).min()
        end = pd.concat([span["max"], dataset.people["left"].dropna()]).groupby(level=0).max()
        for pid, d in start.items():
            g.nodes[pid]["start"] = _iso(d)
        for pid, d in end.items():
            g.nodes[pid]["end"] = _iso(d)
        for s, e, first, last in zip(t["source"], t["target"], t["first"], t["last"], strict=True):
            if pd.notna(first):
                g.edges[s, e]["spells"] = [(_iso(first), _iso(last))]
        g.graph["mode"] = "dynamic"
    return g


def _write_xlsx(frames: dict[str, pd.DataFrame], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    for name, frame in frames.items():
        ws = wb.create_sheet(name)
        ws.freeze_panes = "A2"
        for i, col in enumerate(frame.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = min(40, max(10, len(str(col)) + 2))
        ws.append([str(c) for c in frame.columns])
        clean = frame.astype(object).where(frame.notna(), None)
        for row in clean.itertuples(index=False, name=None):
            ws.append([_xlsx_value(v) for v in row])
    wb.save(path)


def _xlsx_value(value):
    value = _clean(value)
    return neutralise(value) if isinstance(value, str) else value


def _write_json(g: nx.Graph, path: Path) -> None:
    data = nx.node_link_data(g, edges="edges")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")


def _write_csv_tables(frames: dict[str, pd.DataFrame], path: Path) -> None:
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for name, frame in frames.items():
                buffer = io.StringIO()
                write_csv(frame, buffer)
                info = zipfile.ZipInfo(f"{name}.csv", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, buffer.getvalue().encode("utf-8"))
        return
    path.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        write_csv(frame, path / f"{name}.csv")


def export(dataset: Dataset, analysis: Analysis, to: str, path: Path | str) -> Path:
    """Write ``dataset`` with the metrics of ``analysis`` in format ``to`` (see the module docstring).

    Parameters
    ----------
    dataset : Dataset
    analysis : Analysis
        :func:`collabgraph.analysis.analyze` of the same dataset.
    to : {"gexf", "graphml", "json", "csv", "xlsx"}
    path : Path
        The file (a folder, or a ``.zip`` file, for ``csv``).

    Returns
    -------
    Path
        Where it was written.
    """
    if to not in FORMATS:
        raise ParameterError(f"to must be one of {', '.join(FORMATS)}; got {to!r}.")
    path = Path(path)
    if to == "csv":
        _write_csv_tables(tables(dataset, analysis), path)
    elif to == "xlsx":
        _write_xlsx(tables(dataset, analysis), path)
    elif to == "gexf":
        nx.write_gexf(graph(dataset, analysis, dynamic=True), path)
    elif to == "graphml":
        nx.write_graphml(graph(dataset, analysis), path)
    else:
        _write_json(graph(dataset, analysis), path)
    return path


def _static(g: nx.Graph) -> nx.Graph:
    """The dynamic graph without edge spells (GraphML has no list type); people keep ``start``/``end``."""
    out = g.copy()
    for *_, data in out.edges(data=True):
        data.pop("spells", None)
    out.graph.pop("mode", None)
    return out


def export_all(dataset: Dataset, analysis: Analysis, folder: Path | str, stem: str = "network") -> list[Path]:
    """Write ``stem.gexf``, ``.graphml``, ``.json`` and ``.xlsx`` into ``folder``, building the graph once.

    The GraphML and JSON files are those of :func:`export`, plus each person's ``start``/``end``.
    """
    folder = Path(folder)
    g = graph(dataset, analysis, dynamic=True)
    paths = [folder / f"{stem}.{ext}" for ext in ("gexf", "graphml", "json", "xlsx")]
    nx.write_gexf(g, paths[0])
    g = _static(g)
    nx.write_graphml(g, paths[1])
    _write_json(g, paths[2])
    _write_xlsx(tables(dataset, analysis), paths[3])
    return paths


def export_dataset(dataset: Dataset, to: str, path: Path | str, *, options: AnalysisOptions | None = None,
                   salt: bytes | None = None, progress: bool | None = False) -> Path:
    """Analyse ``dataset`` and export it; with a ``salt``, pseudonymise it first (see :mod:`collabgraph.privacy`).

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
    return export(dataset, analyze(dataset, options, progress=progress), to, path)
