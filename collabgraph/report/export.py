"""Exports for Gephi, Excel and pandas: what each format holds; the files are written by :mod:`collabgraph.writers`.

This module decides what is exported in GEXF, GraphML, node-link JSON, CSV and XLSX: the node and
edge tables, the spells, the four tables of CSV and XLSX. Every export is built from an
:class:`~collabgraph.analysis.Analysis`, so people carry their metrics (degree, strength,
betweenness, constraint, brokerage, community, reach, isolation reasons); ``collabgraph export``
computes only the part of it that the chosen format holds (:func:`export_analysis`).

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
    (:func:`csv_layout`). The style follows the language (:func:`collabgraph.outputs.csv_style`):
    ``nl`` writes ``excel-nl`` (``;``, decimal comma, UTF-8 with a byte-order mark), ``en`` ``standard``;
    the headers stay the English column names in both; in ``excel-nl`` the values that are collabgraph's
    own words are Dutch in a Dutch export, and no text is written that Excel reads as a date (:func:`data_values`).
``xlsx``
    A workbook with the sheets ``people``, ``ties``, ``groups`` and ``metrics``, written directly as
    Office Open XML (openpyxl reads it); a sheet keeps at most :data:`XLSX_ROWS` rows (Excel's limit).
    Dates are Excel dates, whole numbers integers, every sheet has an autofilter and fitted widths
    (:mod:`collabgraph.writers.xlsx`). In Dutch (``lang="nl"``) the sheets and their headers are
    Dutch (:data:`DUTCH_HEADERS`; a column it does not know, such as a free attribute, keeps its name).

The tie table of CSV and XLSX has each end's name next to its id (``source, source_name, target,
target_name``).

GEXF, GraphML and JSON are written row by row from the people and tie tables by
:mod:`collabgraph.writers`, without building a networkx graph first (ten times faster, a fraction of
the memory); read back, they give the graph of :func:`graph`, which Python users can take directly.

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
import re
import zipfile
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from collabgraph.analysis import (
    BESIDE_TIES,
    Analysis,
    AnalysisOptions,
    betweenness_later,
    checked_pivots,
    crossing_boundaries,
    formal_groups,
    people_table,
    window_freq,
    with_options,
)
from collabgraph.background import later, wanted
from collabgraph.dataset import Dataset
from collabgraph.graph import network_pairs, to_graph
from collabgraph.graph import ties as make_ties
from collabgraph.groups import NO_NETWORK
from collabgraph.metrics.brokerage import brokers
from collabgraph.metrics.communities import ClusterReport, clusters
from collabgraph.metrics.isolation import Isolation, isolation
from collabgraph.metrics.mixing import EIResult
from collabgraph.metrics.pollination import network_density, openness
from collabgraph.metrics.reach import reach
from collabgraph.metrics.structure import Summary, summary
from collabgraph.metrics.windows import tie_windows, window_runs
from collabgraph.outputs import MARKER, atomic_file, check_output, neutralise, prepare_folder, write_csv, writing
from collabgraph.outputs import csv_style as csv_style_of
from collabgraph.params import Options, check
from collabgraph.privacy import OTHER
from collabgraph.progress import Progress
from collabgraph.report import FORMATS, csv_layout
from collabgraph.writers import write_gexf, write_graphml, write_node_link, write_xlsx
from collabgraph.writers.nodelink import plain

if TYPE_CHECKING:  # graph() builds one through collabgraph.graph.to_graph, which imports networkx
    import networkx as nx

__all__ = ["DUTCH_HEADERS", "DUTCH_SHEETS", "FORMATS", "VOCABULARY_COLUMNS", "Exported", "NetworkFigures", "csv_layout",
           "data_values", "export", "export_all", "export_analysis", "export_dataset", "graph", "groups_table",
           "metrics_table", "network_figures", "neutralise", "private_view", "sheets", "spell_windows", "tables",
           "write_csv"]

#: The sheet names of a Dutch workbook.
DUTCH_SHEETS = {"people": "mensen", "ties": "relaties", "groups": "groepen", "metrics": "maten"}
#: The headers of a Dutch workbook, per sheet (the English column name -> the Dutch header).
DUTCH_HEADERS = {
    "people": {"id": "id", "name": "naam", "role": "rol", "profession": "beroep", "organisation": "organisatie",
               "domain": "domein", "joined": "begonnen", "left": "gestopt", "degree": "contacten (graad)",
               "strength": "sterkte", "betweenness": "tussenpositie (betweenness)",
               "constraint": "ingeslotenheid (constraint)", "brokerage": "makelaarsrollen", "community": "cluster",
               "contacts": "directe contacten", "reach": "bereik in 2 stappen",
               "domains_two_step": "domeinen in 2 stappen", "isolation": "redenen isolement",
               "networks": "leernetwerken"},
    "ties": {"source": "van", "source_name": "naam van", "target": "naar", "target_name": "naam naar",
             "weight": "gewicht", "count": "registraties", "interactions": "contacten", "events": "bijeenkomsten",
             "first": "eerste", "last": "laatste", "networks": "leernetwerken"},
    "groups": {"kind": "soort", "group": "groep", "size": "mensen", "internal": "binnen",
               "external": "over de grens", "ei_index": "E-I-index"},
    "metrics": {"metric": "maat", "value": "waarde"},
}

#: The columns of each data file (a report's ``data/NAME.csv``, an export's table) that hold collabgraph's own
#: words, and which words (:func:`data_values`); every other text column is the user's data and is never changed.
VOCABULARY_COLUMNS = {
    "attribution": {"level": "level"}, "clusters": {"silo_by": "attribute"}, "compare": {"metric": "measure"},
    "crossing": {"attribute": "attribute"}, "dependency": {"reason": "reason"},
    "doorwerking": {"level": "level", "end_source": "source", "note": "note"},
    "education_practice": {"level": "level"}, "experts": {"level": "level"},
    "forms": {"dimension": "dimension", "form": "form"}, "groups": {"kind": "attribute"},
    "isolation": {"reasons": "isolation"}, "people": {"isolation": "isolation"}, "metrics": {"metric": "measure"},
    "network_quarters": {"label": "period"}, "timeline": {"label": "period"},
    "ratings_overall": {"rating": "rating"}, "ratings_networks": {"rating": "rating"},
    "ratings_waves": {"rating": "rating"}, "ratings_changes": {"rating": "rating"},
    "reach_roles": {"group": "role_group"},
    "role_groups": {"level": "level", "group": "role_group"},
    "role_mapping": {"value": "other", "group": "role_group", "source": "role_source"},
    "scorecard": {"level": "level", "period_source": "source"},
}
#: Columns that never hold a value :func:`collabgraph.privacy.generalise` replaced by ``other`` (ids and names).
_NOT_GENERALISED = {"id", "name", "person", "source", "target", "source_name", "target_name", "network", "networks"}
#: Text Dutch Excel would read as a date (``2-5`` is 2 May): the forms' size bands, written with an en dash.
_BAND = re.compile(r"(\d+)-(\d+)")


def _dutch_words() -> dict[str, dict[str, str]]:
    """Per kind of word in :data:`VOCABULARY_COLUMNS`, the code and its Dutch word (from the report's catalogue)."""
    from collabgraph.metrics.forms import NO_KIND
    from collabgraph.metrics.isolation import REASONS
    from collabgraph.report.texts import CATALOGUE, Texts
    from collabgraph.rolegroups import GROUPS, SOURCES

    t = Texts("nl")
    attributes = {a: t(f"a_{a}") for a in ("domain", "organisation", "profession", "role", "network")}
    sources = {"networks table": t("src_networks table"), "records": t.src_records}
    sources |= {f"{a} (start), {b} (end)": f"{sources[a]} (start), {sources[b]} (einde)"
                for a in ("networks table", "records") for b in ("networks table", "records")}
    sources |= {"networks table and records": f"{sources['networks table']} en {sources['records']}",
                **{k[4:]: t(k) for k in CATALOGUE if k.startswith("src_")}}
    measures = {k[2:]: t(k) for k in CATALOGUE if k.startswith(("m_", "v_"))}
    return {
        "level": {k: t(f"v_{k}") for k in ("network", "programme", "tie_status", "group", "group_pair",
                                             "new_tie_pair", "person")},
        "tie_status": {k: t(f"v_{k}") for k in ("new", "continued", "dropped")},
        "attribute": attributes, "measure": measures, "source": sources,
        "reason": {"coordinator": t.reason_coordinator, "broker": t.reason_broker},
        "dimension": {"kind": t.dim_kind, "size": t.dim_size}, "form": {NO_KIND: t.no_kind},
        "isolation": {r: t(f"r_{r}") for r in REASONS},
        "rating": {r: t(f"r_{r}") for r in ("trust", "value", "frequency")},
        "role_group": {g: t(f"g_{g}") for g in (*GROUPS, "(no role)")},
        "role_source": {s: t(f"v_{s}") for s in SOURCES}, "other": {OTHER: t.map_other},
        "yes_no": {True: t.yes, False: t.no},
        "programme": {"(all networks)": t.programme_row}, "no_network": {NO_NETWORK: t("v_(no network)")},
    }


def _measure(code: str, words: dict[str, str], attributes: dict[str, str]) -> str:
    """A measure of the ``metrics`` or ``compare`` table in Dutch: ``ei_index_domain`` -> ``E-I-index (domein)``."""
    if code in words:
        return words[code]
    stem, _, attribute = code.rpartition("_")
    while stem and stem not in words:  # an attribute with '_' in its name (a free column)
        stem, _, head = stem.rpartition("_")
        attribute = f"{head}_{attribute}"
    return f"{words[stem]} ({attributes.get(attribute, attribute)})" if stem else code


_NOTES = [  # collabgraph.metrics.durability's notes, in Dutch
    (r"no ties were formed in a learning network up to its end",
     "in geen leernetwerk ontstonden relaties tot het einde"),
    (r"no ties were formed in the network up to its end", "in het netwerk ontstonden tot het einde geen relaties"),
    (r"no dated record of the network, so it has no end and no ties are counted",
     "geen gedateerde registratie van het netwerk, dus het heeft geen einde en er tellen geen relaties mee"),
    (r"([\d,]+) (tie was|ties were) formed in networks that had not ended before the data's last day \(([\d-]+)\): "
     r"no record after their end can be seen yet, so (?:it is|they are) left out of the share",
     lambda m: (f"{m[1].replace(',', '.')} {'relatie ontstond' if m[2] == 'tie was' else 'relaties ontstonden'} in "
                f"netwerken die op de laatste dag van de gegevens ({m[3]}) nog niet waren afgelopen: een registratie "
                f"na hun einde is nog niet te zien, dus {'die telt' if m[2] == 'tie was' else 'die tellen'} niet mee "
                "in het aandeel")),
    (r"(no dated record|the data end on ([\d-]+)), (on|before) the network's end: no record after it can be seen yet",
     lambda m: (f"{'geen gedateerde registratie' if m[2] is None else f'de gegevens eindigen op {m[2]}'}, "
                f"{'op' if m[3] == 'on' else 'vóór'} het einde van het netwerk: een registratie daarna is nog niet "
                "te zien")),
]


def _dutch_note(note: str) -> str:
    for pattern, dutch in _NOTES:
        if m := re.fullmatch(pattern, note):
            return dutch if isinstance(dutch, str) else dutch(m)
    return note


def data_values(name: str, frame: pd.DataFrame, *, lang: str = "en", excel: bool = False,
                no_network: str = NO_NETWORK) -> pd.DataFrame:
    """A data file (a report's ``data/NAME.csv``, an export table ``NAME``) with collabgraph's own words in ``lang``
    and, with ``excel`` (the ``excel-nl`` CSV style), no text Dutch Excel would turn into a date.

    In Dutch (``lang="nl"``) the words of :data:`VOCABULARY_COLUMNS` (levels, attributes, measures, reason codes,
    sources, role groups, ratings, period labels such as ``K1 2020``) and every yes/no column (``ja``/``nee``) are
    written in Dutch, as the report's page writes them; names, organisations, domains and every other value the
    user wrote stay as they are. With ``excel`` the forms' size bands are ``2–5`` (an en dash: Excel reads
    ``2-5`` as 2 May). English without ``excel`` returns ``frame`` itself. ``no_network``: the attribution's name of
    the ties without a learning network (:func:`~collabgraph.groups.no_network_label` of the data's
    networks), written in Dutch with its ``*``; a network of that name is the user's.

    Examples
    --------
    >>> f = pd.DataFrame({"kind": ["domain", "network"], "group": ["zorg", "N1"], "silo": [True, False]})
    >>> data_values("groups", f, lang="nl").values.tolist()
    [['domein', 'zorg', 'ja'], ['leernetwerk', 'N1', 'nee']]
    >>> data_values("forms", pd.DataFrame({"dimension": ["size"], "form": ["2-5"]}), excel=True)["form"].tolist()
    ['2–5']
    """
    dutch = lang == "nl"
    if not (dutch or excel):
        return frame
    words = _dutch_words() if dutch else {}
    columns = VOCABULARY_COLUMNS.get(name, {})
    out = {}
    for column, col in frame.items():
        kind = columns.get(column)
        if dutch and _yes_no(col):
            col = col.astype(object).map(words["yes_no"])  # a missing value stays missing
        elif kind == "form":
            sizes = frame["dimension"].eq("size").to_numpy() if "dimension" in frame else np.zeros(len(col), bool)
            col = col.where(~sizes, col.astype(str).str.replace(_BAND, "\\1–\\2", regex=True)) if excel else col
            col = col.replace(words["form"]) if dutch else col
        elif dutch and kind is not None:
            col = _dutch_column(col, kind, words, frame)
        elif dutch and column not in _NOT_GENERALISED and not pd.api.types.is_numeric_dtype(col):
            col = col.mask(col.eq(OTHER).fillna(False).to_numpy(bool), words["other"][OTHER])  # privacy's 'other'
        out[column] = col
    if dutch and name == "attribution" and len(frame):  # the tie-status rows name new, continued and dropped ties
        none = {no_network: words["no_network"][NO_NETWORK] + no_network[len(NO_NETWORK):]}  # not a real network
        for level, names in (("tie_status", words["tie_status"]), ("network", none)):
            rows = frame["level"].eq(level)
            out["name"] = out["name"].where(~rows, frame["name"].map(lambda v, k=names: k.get(v, v)))
    if dutch and "level" in frame and "network" in frame:  # the programme row: "alle leernetwerken", as on the page
        programme = frame["level"].eq("programme")
        out["network"] = out["network"].where(~programme, frame["network"].map(
            lambda v: words["programme"].get(v, v)))
    out = pd.DataFrame(out, index=frame.index)
    if dutch and name == "mixing":  # its columns are the groups, 'other' among them
        out = out.rename(columns={OTHER: words["other"][OTHER]})
    return out


def _yes_no(col: pd.Series) -> bool:
    """Whether a column holds yes/no values: booleans, with or without missing values (None in an object column)."""
    if pd.api.types.is_bool_dtype(col):
        return True
    known = col.dropna()
    return col.dtype == object and len(known) > 0 and all(isinstance(v, (bool, np.bool_)) for v in known)


def _dutch_column(col: pd.Series, kind: str, words: dict, frame: pd.DataFrame) -> pd.Series:
    """One column of :data:`VOCABULARY_COLUMNS` in Dutch (its distinct values translated once)."""
    from collabgraph.report.i18n import period_label

    def word(value: str) -> str:
        if kind == "measure":
            return _measure(value, words["measure"], words["attribute"])
        if kind == "note":
            return _dutch_note(value)
        if kind == "period":
            return period_label(value, "nl", short=True)
        table = words[kind]
        return ";".join(table.get(part, part) for part in value.split(";"))  # codes joined by ';'

    values = {v: word(v) for v in col.dropna().unique() if isinstance(v, str)}
    return col.map(lambda v: values.get(v, v) if isinstance(v, str) else v)


def _iso(x):
    return None if x is None or pd.isna(x) else pd.Timestamp(x).date().isoformat()


def _people(dataset: Dataset, analysis: Analysis) -> pd.DataFrame:
    """People with their attributes, learning networks and metrics (index ``id``)."""
    metrics = analysis.people.drop(columns=[c for c in dataset.people.columns if c in analysis.people.columns])
    out = dataset.people.join(metrics)
    m = dataset.memberships
    joined: dict[str, list[str]] = {}
    for person, network in sorted(set(zip(m["person"].tolist(), m["network"].tolist(), strict=True))):
        joined.setdefault(person, []).append(network)
    out["networks"] = pd.array([";".join(joined[p]) if p in joined else None for p in out.index.tolist()],
                               dtype="string")
    return out


def _ties(dataset: Dataset, analysis: Analysis) -> pd.DataFrame:
    """The tie table with each end's name next to its id (``source, source_name, target, target_name, ...``)."""
    t = analysis.ties.drop(columns=["u", "v"])
    names = dataset.people["name"].to_numpy()  # u and v: the people rows of source and target
    t.insert(t.columns.get_loc("source") + 1, "source_name", names[analysis.ties["u"].to_numpy()])
    t.insert(t.columns.get_loc("target") + 1, "target_name", names[analysis.ties["v"].to_numpy()])
    return t


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
    density = s.density if s.people >= 2 else None  # no possible tie below two people: undefined, not 0
    p = analysis.pollination
    nn_density = p.density if len(p.networks) >= 2 else None  # likewise below two learning networks
    rows = [("people", s.people), ("ties", s.ties), ("density", density), ("components", s.components),
            ("largest_component", s.largest_component), ("isolates", s.isolates),
            (f"share_external_{m.by}", m.share_external), (f"share_expected_{m.by}", m.share_expected),
            (f"ei_index_{m.by}", m.ei_index), (f"ei_expected_{m.by}", m.ei_expected),
            (f"ei_p_value_{m.by}", m.ei_p_value), (f"assortativity_{m.by}", m.assortativity)]
    rows += [(f"share_external_{attr}", r.share_external) for attr, r in analysis.crossing.items() if attr != m.by]
    rows += [("communities", len(c.communities.clusters)),
             ("communities_of_two_or_more", c.communities.of_two_or_more), ("modularity", c.communities.modularity),
             ("network_of_networks_density", nn_density),
             ("isolated_flagged", len(analysis.isolation.flagged))]
    if c.comparison is not None:
        cmp = c.comparison
        rows += [(f"nmi_{cmp.attribute}", cmp.nmi), (f"ari_{cmp.attribute}", cmp.ari)]
    return pd.DataFrame(rows, columns=["metric", "value"])


def tables(dataset: Dataset, analysis: Analysis) -> dict[str, pd.DataFrame]:
    """The four tables of the CSV and XLSX exports: ``people, ties, groups, metrics``."""
    people = _people(dataset, analysis).reset_index(names="id")
    return {"people": people, "ties": _ties(dataset, analysis), "groups": groups_table(analysis),
            "metrics": metrics_table(analysis)}


def sheets(frames: dict[str, pd.DataFrame], lang: str = "en") -> dict[str, pd.DataFrame]:
    """The workbook of :func:`tables`: in Dutch (``lang="nl"``) with :data:`DUTCH_SHEETS`, :data:`DUTCH_HEADERS` and
    collabgraph's own words in Dutch (:func:`data_values`).

    Examples
    --------
    >>> frames = {"groups": pd.DataFrame(columns=["kind", "group", "size"]), "metrics": pd.DataFrame(columns=["x"])}
    >>> {k: list(v.columns) for k, v in sheets(frames, "nl").items()}
    {'groepen': ['soort', 'groep', 'mensen'], 'maten': ['x']}
    """
    check("lang", lang, Options(["en", "nl"]))
    if lang == "en":
        return frames
    return {DUTCH_SHEETS.get(name, name): data_values(name, frame, lang=lang).rename(
        columns=DUTCH_HEADERS.get(name, {})) for name, frame in frames.items()}


def graph(dataset: Dataset, analysis: Analysis, *, dynamic: bool = False) -> nx.Graph:
    """The networkx graph of the exports: people with attributes and metrics, ties with their counts.

    With ``dynamic``, people get ``start``/``end`` and ties ``spells`` (GEXF time intervals, :func:`_spells`).
    """
    check("dynamic", dynamic, bool)
    g = to_graph(dataset, analysis.ties)
    people = _people(dataset, analysis)
    records = people.astype(object).where(people.notna(), None).to_dict("index")
    for pid, attrs in records.items():
        data = g.nodes[pid]
        data.clear()
        data.update({k: v for k, v in ((k, plain(v)) for k, v in attrs.items()) if v is not None})
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


def spell_windows(dataset: Dataset, analysis: Analysis | Exported) -> pd.DataFrame:
    """The windows in which each tie of ``analysis.ties`` has a record
    (:func:`~collabgraph.metrics.windows.tie_windows`) at the analysis' timeline frequency, quarters for
    waves or none: the GEXF's spells and the report map's periods (computed once when a report writes both)."""
    freq = window_freq(dataset, analysis.options.freq)  # the timeline's (None: the timeline has no windows)
    return tie_windows(dataset, freq=freq if freq not in (None, "wave") else "quarter", tie_table=analysis.ties)


def _spells(dataset: Dataset, analysis: Analysis, active_windows: pd.DataFrame | None = None
            ) -> list[list[tuple[str, str]]]:
    """Per tie (row of ``analysis.ties``), its GEXF spells as ISO date pairs, ends included: one per run of
    consecutive windows with a record (``active_windows``, :func:`spell_windows` when None), clipped to the tie's
    first and last record."""
    t = analysis.ties
    w = spell_windows(dataset, analysis) if active_windows is None else active_windows
    out: list[list[tuple[str, str]]] = [[] for _ in range(len(t))]
    run, first, last = window_runs(w["tie"], w["window"])
    number = w["window"].to_numpy(np.int64)
    opens, closes = (np.zeros(number.max() + 1 if len(number) else 0, "datetime64[ns]") for _ in range(2))
    opens[number], closes[number] = w["start"].to_numpy("datetime64[ns]"), w["end"].to_numpy("datetime64[ns]")
    start = np.maximum(opens[first], t["first"].to_numpy("datetime64[ns]")[run])
    end = np.minimum(closes[last] - np.timedelta64(1, "D"), t["last"].to_numpy("datetime64[ns]")[run])
    for i, a, b in zip(run.tolist(), pd.DatetimeIndex(start).strftime("%Y-%m-%d").tolist(),
                       pd.DatetimeIndex(end).strftime("%Y-%m-%d").tolist(), strict=True):
        out[i].append((a, b))
    return out


# ---- GEXF, GraphML and node-link JSON, streamed from the tables' columns ---------------------------

def _nodes(dataset: Dataset, analysis: Analysis, spans: bool) -> pd.DataFrame:
    """Node attributes of the graph exports (index: id): people, metrics, networks, ``label`` and, with
    ``spans``, ``start``/``end`` (the earlier of joined and the first dated tie, the later of left and the last)."""
    out = _people(dataset, analysis)
    out["label"] = out["name"].astype(object).where(out["name"].notna(), pd.Series(out.index, index=out.index))
    out["label"] = out["label"].astype(str)
    if spans:  # per person (row of dataset.people, the ties' u and v), the earliest and latest known day
        t, people = analysis.ties, dataset.people
        start, stop = (people[c].to_numpy("datetime64[ns]").copy() for c in ("joined", "left"))
        for end in ("u", "v"):
            at = t[end].to_numpy(np.int64)
            for date in ("first", "last"):
                day = t[date].to_numpy("datetime64[ns]")
                np.fmin.at(start, at, day)  # fmin/fmax skip NaT, as dropna did
                np.fmax.at(stop, at, day)
        out["start"] = pd.Series(start, index=people.index).reindex(out.index)
        out["end"] = pd.Series(stop, index=people.index).reindex(out.index)
    return out


def _edges(analysis: Analysis) -> pd.DataFrame:
    """Edge table of the graph exports: ``source, target, weight``, then the tie attributes (counts, dates,
    networks)."""
    t = analysis.ties
    return t[["source", "target", "weight"]].join(t.drop(columns=["u", "v", "source", "target", "weight"]))


def _zip_csv(frames: dict[str, pd.DataFrame], path: Path, style: str) -> None:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, frame in frames.items():
            buffer = io.StringIO()
            write_csv(frame, buffer, style=style)
            info = zipfile.ZipInfo(f"{name}.csv", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, buffer.getvalue().encode("utf-8"))


def _check_path(dataset: Dataset, to: str, path: Path | str) -> Path:
    """``path`` as a Path, refused (:class:`~collabgraph.outputs.OutputError`) when writing it would replace or
    hold an input of ``dataset``: the guard of the ``export`` command (README: no output is ever written over an
    input)."""
    check_output(path, list(dataset.inputs), folder=to == "csv" and csv_layout(path) == "folder")
    return Path(path)


def _write_csv_tables(frames: dict[str, pd.DataFrame], path: Path, style: str) -> None:
    layout = csv_layout(path)
    if layout == "zip":
        atomic_file(path, lambda tmp: _zip_csv(frames, tmp, style))
    elif layout == "ties":
        atomic_file(path, lambda tmp: write_csv(frames["ties"], tmp, style=style))
    else:
        prepare_folder(path)
        with writing(path):
            path.mkdir(parents=True, exist_ok=True)
            (path / MARKER).write_text("written by collabgraph export; replaced by the next export here\n",
                                       encoding="utf-8")
            for name, frame in frames.items():
                atomic_file(path / f"{name}.csv", lambda tmp, frame=frame: write_csv(frame, tmp, style=style))


@dataclass(frozen=True)
class NetworkFigures:
    """The learning networks' figures of :class:`~collabgraph.metrics.pollination.PollinationResult` that CSV and
    XLSX write (:func:`network_figures`), under the same names and with the same values.

    Attributes
    ----------
    networks : DataFrame
        Per network: ``network, members, internal, external, openness``
        (:func:`~collabgraph.metrics.pollination.openness`).
    density : float
        Density of the network of networks (:func:`~collabgraph.metrics.pollination.network_density`).
    """

    networks: pd.DataFrame = field(repr=False)
    density: float


def network_figures(dataset: Dataset, *, tie_table: pd.DataFrame) -> NetworkFigures:
    """The networks' openness and the network of networks' density, as
    :func:`~collabgraph.metrics.pollination.pollination` computes them, without its spanners, overlaps and ties
    between networks.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "networks": ["n1", "n1", "n2"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> f = network_figures(ds, tie_table=make_ties(ds))
    >>> f.networks["openness"].tolist(), f.density
    ([0.0, 1.0], 1.0)
    """
    networks = openness(dataset, tie_table=tie_table)
    return NetworkFigures(networks=networks, density=network_density(network_pairs(dataset, tie_table), len(networks)))


@dataclass(frozen=True)
class Exported:
    """What the export files hold of an analysis (:func:`export_analysis`): the attributes of
    :class:`~collabgraph.analysis.Analysis` that :func:`export` reads, under the same names and with the same values.

    Attributes
    ----------
    options : AnalysisOptions
    ties, people : DataFrame
        The tie table and the people table (attributes and metrics) of :class:`~collabgraph.analysis.Analysis`.
    clusters : ClusterReport
        The communities; their comparison with the formal groups (NMI, ARI) only for CSV and XLSX, and
        without its p-value (no file holds it).
    isolation : Isolation
    summary, mixing, crossing
        As in :class:`~collabgraph.analysis.Analysis`, for the ``groups`` and ``metrics`` tables of CSV and XLSX;
        None for GEXF, GraphML and JSON, which hold people and ties only.
    pollination : NetworkFigures or None
        The learning networks' openness and the density of the network of networks, as
        :class:`~collabgraph.metrics.pollination.PollinationResult` has them (without its spanners, overlaps and
        ties between networks, which no file holds); likewise None for GEXF, GraphML and JSON.
    """

    options: AnalysisOptions
    ties: pd.DataFrame = field(repr=False)
    people: pd.DataFrame = field(repr=False)
    clusters: ClusterReport = field(repr=False)
    isolation: Isolation = field(repr=False)
    summary: Summary | None = None
    mixing: EIResult | None = field(default=None, repr=False)
    crossing: dict | None = field(default=None, repr=False)
    pollination: NetworkFigures | None = field(default=None, repr=False)


def export_analysis(dataset: Dataset, options: AnalysisOptions | None = None, *, to: str,
                    progress: bool | None = False) -> Exported:
    """The part of :func:`~collabgraph.analysis.analyze` that an export to ``to`` holds, by the same calls with
    the same arguments, so with the same values.

    Every format holds the tie table and the people table (degree, strength, betweenness, constraint, brokerage,
    community, contacts, reach, isolation: ties, reach, communities, isolation and brokerage); ``csv`` and
    ``xlsx`` also the ``groups`` and ``metrics`` tables (:func:`groups_table`, :func:`metrics_table`: the
    summary, the E-I index of ``options.by`` with its permutation test and of the other :data:`ATTRIBUTES`, the
    NMI and ARI of the communities and the formal groups, cross-pollination). No export holds the time series (a
    GEXF's spells need only its window, :func:`spell_windows`), the before/after comparison, the hours, reach
    per group, the introductions, the programme view, the key people (brokerage's
    :func:`~collabgraph.metrics.centrality.dependency`) or the p-value of the NMI; they are not computed (that
    p-value is None in ``clusters.comparison``).

    From :data:`~collabgraph.analysis.BESIDE_TIES` ties, with two CPUs, the communities and, for ``csv`` and
    ``xlsx``, the groups and whole-network figures (else reach and isolation) are computed in a second process
    while this one computes the rest (:func:`collabgraph.background.later`, ``COLLABGRAPH_PROCESSES``); every
    family seeds its own random numbers, so the values are the same in either process.

    Parameters
    ----------
    dataset : Dataset
    options : AnalysisOptions, optional
        As for :func:`~collabgraph.analysis.analyze` (default ``AnalysisOptions()``).
    to : {"gexf", "graphml", "json", "csv", "xlsx"}
    progress : bool or None
        Show a progress bar on stderr (``None``: only when stderr is a terminal).

    Returns
    -------
    Exported

    Raises
    ------
    ParameterError
        When ``options.by`` or ``options.compare_with`` is not a people column.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> e = export_analysis(ds, AnalysisOptions(permutations=0), to="json")
    >>> e.people["degree"].tolist(), e.mixing is None
    ([1, 2, 1], True)
    """
    options = with_options(dataset, options, {})  # by="Domein": domain, as analyze() reads it
    check("to", to, Options(FORMATS))
    check("progress", progress, bool, None)
    people = dataset.people
    k, seed, with_tables = checked_pivots(dataset, options), options.seed, to in ("csv", "xlsx")
    # computed beside the rest (balanced on the example): the communities, and the groups and whole-network
    # figures of CSV and XLSX, or else reach and isolation
    beside = ("clusters", "groups") if with_tables else ("clusters", "reach", "isolation")
    here = [name for name in ("reach", "isolation") if name not in beside]
    with Progress(len(here) + 4, enabled=progress) as bar, ExitStack() as stack:
        t = make_ties(dataset)
        centrality = betweenness_later(stack, t, people, dataset.directed, k, seed)
        families = _families(dataset, options, t, with_tables)
        later_values = later(stack, lambda: [families[name]() for name in beside],
                             background=wanted(len(t), BESIDE_TIES), what=" and ".join(beside))
        bar.step("ties")
        values = {}
        for name in here:
            values[name] = families[name]()
            bar.step(name)
        b = brokers(dataset, by=options.by, weighted=options.weighted, k=k, seed=seed, tie_table=t,
                    centrality=centrality(), coordinator_roles=options.coordinator_roles, key_people=False)
        bar.step("brokerage")
        values.update(zip(beside, later_values(), strict=True))
        bar.step(", ".join(beside))
        c, iso = values["clusters"], values["isolation"]
        exported = Exported(options=options, ties=t, people=people_table(dataset, t, b, c, iso, values["reach"]),
                            clusters=c, isolation=iso, **values.get("groups", {}))
        bar.step("people")
    return exported


def _families(dataset: Dataset, options: AnalysisOptions, t: pd.DataFrame, with_tables: bool) -> dict:
    """The calls of :func:`export_analysis` but brokerage, by name: reach, isolation, the communities and, for
    CSV and XLSX (``with_tables``), the groups and whole-network figures (the summary, crossing, mixing and
    pollination fields of :class:`Exported`)."""
    def communities() -> ClusterReport:  # the metrics table has the comparison's NMI and ARI, not its p-value
        return clusters(dataset, tie_table=t, method=options.method, resolution=options.resolution,
                        seed=options.seed, weighted=options.weighted,
                        compare_with=formal_groups(dataset, options) if with_tables else None, permutations=0,
                        stability_runs=options.stability_runs)

    def groups() -> dict:
        crossing = crossing_boundaries(dataset, options, tie_table=t)
        return {"summary": summary(dataset, tie_table=t), "mixing": crossing[options.by], "crossing": crossing,
                "pollination": network_figures(dataset, tie_table=t)}

    return {"reach": lambda: reach(dataset, tie_table=t), "isolation": lambda: isolation(dataset, tie_table=t),
            "clusters": communities, "groups": groups}


def export(dataset: Dataset, analysis: Analysis | Exported, to: str, path: Path | str, *, lang: str = "en",
           csv_style: str | None = None) -> Path:
    """Write ``dataset`` with the metrics of ``analysis`` in format ``to`` (see the module docstring).

    Parameters
    ----------
    dataset : Dataset
    analysis : Analysis or Exported
        :func:`collabgraph.analysis.analyze` of the same dataset, or its part :func:`export_analysis` for ``to``.
    to : {"gexf", "graphml", "json", "csv", "xlsx"}
    path : Path
        The file; for ``csv`` see :func:`csv_layout` (a folder, a ``.zip`` file, or the tie table as
        ``.csv``). A file is written in full or not at all (a temporary file renamed into place); a
        folder must be new, empty or an earlier export (it holds ``.collabgraph-output``).
    lang : {"en", "nl"}
        The language of the XLSX sheets and headers (:func:`sheets`) and of the CSV style.
    csv_style : {"standard", "excel-nl"}, optional
        The CSV style (:func:`collabgraph.outputs.write_csv`); default ``excel-nl`` for ``nl``, else ``standard``.

    Returns
    -------
    Path
        Where it was written.

    Raises
    ------
    OutputError
        ``cannot write PATH: reason``: an input of ``dataset`` (:attr:`~collabgraph.dataset.Dataset.inputs`: its
        files, its folder, a file its folder's reader would take as a table), a missing parent folder, a folder
        where a file is asked, ...
    """
    check("to", to, Options(FORMATS))
    check("lang", lang, Options(["en", "nl"]))
    path = _check_path(dataset, to, path)
    if to == "csv":
        style = csv_style_of(lang, csv_style)
        excel = style == "excel-nl"  # for Dutch Excel: Dutch words in a Dutch export, no date-like text
        frames = {name: data_values(name, frame, lang=lang if excel else "en", excel=excel)
                  for name, frame in tables(dataset, analysis).items()}
        _write_csv_tables(frames, path, style)
    elif to == "xlsx":
        atomic_file(path, lambda tmp: write_xlsx(sheets(tables(dataset, analysis), lang), tmp))
    elif to == "gexf":
        nodes, spells = _nodes(dataset, analysis, spans=True), _spells(dataset, analysis)
        atomic_file(path, lambda tmp: write_gexf(nodes, _edges(analysis), tmp, directed=dataset.directed,
                                                 spells=spells))
    else:
        write = {"graphml": write_graphml, "json": write_node_link}[to]
        nodes = _nodes(dataset, analysis, spans=False)
        atomic_file(path, lambda tmp: write(nodes, _edges(analysis), tmp, directed=dataset.directed))
    return path


def export_all(dataset: Dataset, analysis: Analysis, folder: Path | str, stem: str = "network", *,
               active_windows: pd.DataFrame | None = None, lang: str = "en") -> list[Path]:
    """Write ``stem.gexf``, ``.graphml``, ``.json`` and ``.xlsx`` into ``folder``.

    The GraphML and JSON files are those of :func:`export`, plus each person's ``start``/``end``; the
    workbook's sheets and headers are in ``lang`` (:func:`sheets`).
    ``active_windows`` is :func:`spell_windows` of the same dataset and analysis when the caller has it.
    A file that would replace an input of ``dataset`` is refused (:class:`~collabgraph.outputs.OutputError`).
    """
    folder = Path(folder)
    paths = [_check_path(dataset, ext, folder / f"{stem}.{ext}") for ext in ("gexf", "graphml", "json", "xlsx")]
    nodes, edges = _nodes(dataset, analysis, spans=True), _edges(analysis)  # built once for the three graph files
    write_gexf(nodes, edges, paths[0], directed=dataset.directed, spells=_spells(dataset, analysis, active_windows))
    write_graphml(nodes, edges, paths[1], directed=dataset.directed)
    write_node_link(nodes, edges, paths[2], directed=dataset.directed)
    write_xlsx(sheets(tables(dataset, analysis), lang), paths[3])
    return paths


def private_view(dataset: Dataset, analysis: Analysis | Exported, min_group: int, *, pseudonymised: bool
                 ) -> tuple[Dataset, Analysis | Exported]:
    """``dataset`` and ``analysis`` as outputs that leave the team show them: a person's attribute value
    shared by fewer than ``min_group`` people becomes ``other`` (:func:`collabgraph.privacy.generalise`, on
    :func:`collabgraph.privacy.generalised_columns`, with the ``by`` groups of
    :func:`collabgraph.privacy.hidden_groups`) and those groups and the learning networks smaller than
    ``min_group`` (a single one with the next-smallest, as :func:`collabgraph.privacy.hidden_networks`) show
    ``"<min_group"`` for their numbers; such a
    network is named by no person (their ``networks``) and no tie (its ``networks``), as its members and ties
    would give its size.
    """
    from collabgraph.privacy import (
        complement,
        generalise,
        generalised_columns,
        hidden_groups,
        hide_groups,
        hide_networks,
    )

    columns = generalised_columns(analysis.options, pseudonymised)
    by = analysis.options.by
    if analysis.mixing is not None:
        hide = {by: hidden_groups(analysis.mixing.groups, min_group)}
    else:  # graph files: the same groups, counted from the people (as mixing counts them)
        sizes = analysis.people[by].value_counts() if by in analysis.people else pd.Series(dtype=int)
        hide = {by: hidden_groups(pd.DataFrame({"group": sizes.index.astype(str), "size": sizes.to_numpy()}),
                                  min_group)}
    changes = {"people": generalise(analysis.people, columns, min_group, hide)}
    m = dataset.memberships
    sizes = m.drop_duplicates().groupby("network", observed=True)["person"].nunique()
    names = sizes.index.astype(str)  # those smaller than min_group, a single one with the next-smallest
    small = set(names[complement((sizes < min_group).to_numpy(), sizes.to_numpy(), key=names)])  # (hidden_networks)
    if small:  # left out of each person's and each tie's learning networks
        dataset = replace(dataset, memberships=m[~m["network"].astype(str).isin(small).to_numpy()])
        nets = analysis.ties["networks"]
        changes["ties"] = analysis.ties.assign(networks=nets.map(
            lambda v: ";".join(n for n in v.split(";") if n not in small) or None if isinstance(v, str) else v))
    if analysis.mixing is not None:  # None in an Exported for GEXF, GraphML or JSON: no group tables
        p = analysis.pollination
        changes.update(mixing=replace(analysis.mixing, groups=hide_groups(analysis.mixing.groups, hide[by],
                                                                          f"<{min_group}")),
                       pollination=replace(p, networks=hide_networks(p.networks, min_group, small)))
    return replace(dataset, people=generalise(dataset.people, columns, min_group, hide)), replace(analysis, **changes)


def export_dataset(dataset: Dataset, to: str, path: Path | str, *, options: AnalysisOptions | None = None,
                   salt: bytes | None = None, progress: bool | None = False, min_group: int = 3, lang: str = "en",
                   csv_style: str | None = None) -> Path:
    """Analyse ``dataset`` as far as format ``to`` holds (:func:`export_analysis`) and export it; with a ``salt``,
    pseudonymise it first (see :mod:`collabgraph.privacy`).

    Pseudonymised, a person's role, profession, organisation, domain (and ``by`` attribute) show only
    when at least ``min_group`` people share the value, else ``other``, and the groups table shows
    ``<min_group`` for the numbers of smaller groups. ``lang`` and ``csv_style`` as in :func:`export`.

    Examples
    --------
    >>> import json, tempfile, pandas as pd
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> out = export_dataset(ds, "json", Path(tempfile.mkdtemp()) / "x.json", options=AnalysisOptions(permutations=0))
    >>> [(n["id"], n["degree"]) for n in json.loads(out.read_text())["nodes"]]
    [('a', 1), ('b', 1)]
    """
    from collabgraph.privacy import pseudonymise

    options = with_options(dataset, options, {})
    check("to", to, Options(FORMATS))
    _check_path(dataset, to, path)  # before the analysis: an input is refused at once
    if salt is not None:
        dataset = pseudonymise(dataset, salt, keep=(options.by, options.compare_with))
    analysis = export_analysis(dataset, options, to=to, progress=progress)
    if salt is not None:
        dataset, analysis = private_view(dataset, analysis, min_group, pseudonymised=True)
    return export(dataset, analysis, to, path, lang=lang, csv_style=csv_style)
