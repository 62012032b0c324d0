"""The HTML report: one self-contained ``index.html`` plus the data behind every figure.

:func:`write_report` pseudonymises (when asked), calls :func:`collabgraph.analysis.analyze`, renders
the page with an autoescaped Jinja2 template, and writes the folder atomically: everything is built
in a temporary folder next to the target and renamed into place, so a crash never leaves half a
report. :func:`render` only formats what the analysis found; it computes no metric.

The page inlines all CSS and JavaScript (vis-network from the pyvis package) and charts as SVG, and
carries a Content-Security-Policy that allows no request to any host and only its own scripts (by
hash), so even markup that slipped into the data could neither run nor fetch anything.

Folder layout::

    .collabgraph-output  marker: only a folder holding it is replaced by the next report
    index.html
    data/       people, ties, mixing, groups, crossing, reach_networks, reach_roles, networks,
                spanners, network_ties, clusters, isolation, suggestions, timeline, compare, attribution,
                hours, scorecard, network_quarters, dependency, forms, doorwerking, role_groups, experts,
                education_practice, role_mapping, ratings_overall, ratings_networks, ratings_partner,
                ratings_waves, ratings_changes (.csv; forms, doorwerking, the roles' and the ratings' files
                when the data have them),
                analysis.json (Analysis.to_dict())
    exports/    network.gexf, network.graphml, network.json, network.xlsx (only with ``exports=True``)

The Gephi/Excel/JSON exports grow with every tie and took two thirds of a report's time, so they
are written on request (``ReportSettings(exports=True)``, ``collabgraph report --exports``) or by
``collabgraph export``; the page and its CSVs are always written.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, replace
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jinja2
import numpy as np
import pandas as pd
from markupsafe import Markup

from collabgraph import __version__
from collabgraph.analysis import BESIDE_TIES, Analysis, AnalysisOptions, analyze, with_options
from collabgraph.background import later, wanted
from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.groups import NO_NETWORK, no_network_label
from collabgraph.metrics.centrality import dependency_counts
from collabgraph.metrics.communities import MIN_COMMUNITY
from collabgraph.metrics.evolution import EVENTS
from collabgraph.metrics.forms import NO_KIND
from collabgraph.metrics.isolation import REASONS
from collabgraph.metrics.ratings import ALL as RATINGS_ALL
from collabgraph.metrics.timeline import inclusive_ends
from collabgraph.outputs import (
    CSV_STYLES,
    MARKER,
    check_output,
    check_stopped,
    csv_style,
    csv_text,
    prepare_folder,
    writing,
)
from collabgraph.params import Interval, Options, check
from collabgraph.privacy import (
    OTHER,
    generalise,
    generalise_composition,
    generalised_columns,
    groups_other_label,
    hidden_groups,
    hidden_networks,
    hide_groups,
    hide_networks,
    hide_rows,
    other_label,
    other_labels,
    pseudonymise,
    small_groups,
    small_networks,
    suppress_attribution,
    suppress_with_complement,
    suppressed_tables,
)
from collabgraph.report import charts
from collabgraph.report.export import (
    data_values,
    export_all,
    groups_table,
    private_view,
    spell_windows,
)
from collabgraph.report.netmap import COLOUR_BY, MAX_NODES, SIZE_BY, map_data, script_json, vis_network_js
from collabgraph.report.texts import CATALOGUE, LANGUAGES, Texts
from collabgraph.serialize import native, records

__all__ = ["EXPORTS", "ReportSettings", "person_level", "render", "write_report"]

#: Files of ``exports/`` and their formats.
EXPORTS = {"network.gexf": "gexf", "network.graphml": "graphml", "network.json": "json", "network.xlsx": "xlsx"}
#: The role groups' and the ratings' tables of :func:`_programme_tables` (and of analysis.json), in file order.
ROLE_TABLES = ("role_groups", "experts", "education_practice", "role_mapping")
RATING_TABLES = ("ratings_overall", "ratings_networks", "ratings_partner", "ratings_waves", "ratings_changes")
#: Rows of a long table shown at first; the rest, up to MAX_SHOWN, behind its "show all" control (all in the CSV).
MAX_ROWS = 25
MAX_SHOWN = 500
#: Below this modularity the summary calls the clusters weak (docs/clusters.md: "above about 0.3 means clear
#: groups"); below this mean NMI between stability runs it calls them unstable (runs agree on less than half).
CLEAR_MODULARITY = 0.3
STABLE_NMI = 0.5


@dataclass(frozen=True)
class ReportSettings:
    """How the report is presented (not what is computed: that is :class:`AnalysisOptions`).

    ``exports`` also writes ``exports/``; ``map_nodes`` is the most people the map draws one by one
    (None: everyone), the rest are grouped (:func:`collabgraph.report.netmap.map_data`); ``source`` names the data
    in the subtitle (None: "the data" in the report's language).
    """

    lang: str = "en"
    title: str | None = None
    source: str | None = None
    min_group: int = 3
    pseudonymised: bool = False
    salt_given: bool = False
    exports: bool = False
    map_nodes: int | None = MAX_NODES
    csv_style: str | None = None  # of data/*.csv (collabgraph.outputs.CSV_STYLES); None: follows lang

    def __post_init__(self):
        for name in ("pseudonymised", "salt_given", "exports"):
            check(name, getattr(self, name), bool)
            object.__setattr__(self, name, bool(getattr(self, name)))  # np.True_ as True
        check("lang", self.lang, Options(LANGUAGES))
        for name in ("title", "source"):
            check(name, getattr(self, name), str, None)
        check("min_group", self.min_group, Interval(int, 1, None))
        check("map_nodes", self.map_nodes, Interval(int, 1, None), None)
        check("csv_style", self.csv_style, Options(CSV_STYLES), None)


# ---- small formatting helpers ---------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    key: str
    label: str
    num: bool = False
    digits: int = 0
    pct: bool = False


@dataclass(frozen=True)
class Table:
    """Rows of a page table; rows after the first ``fold`` are behind the control labelled ``show_all``.

    A table with ``keys`` (one raw value per cell: a number, or text) is sortable by clicking a header
    (static/tables.js); ``foot`` rows (a total) stay below the sorted rows.
    """

    columns: list
    rows: list
    fold: int | None = None
    show_all: str | None = None
    keys: list | None = None
    foot: list | None = None


def _folded(t: Texts, n: int) -> dict:
    """The ``fold`` and ``show_all`` of a table of ``n`` rows (none up to :data:`MAX_ROWS` rows)."""
    return {"fold": MAX_ROWS, "show_all": t("show_all", n=t.num(n))} if n > MAX_ROWS else {"fold": None,
                                                                                              "show_all": None}


def _cells(frame: pd.DataFrame, columns: list[Column]) -> list[tuple]:
    """Per row, the values of ``columns`` as ``frame.to_dict("records")`` gives them (None where ``frame`` lacks the
    column), read column by column: ``to_dict`` boxes every value of every row, also of the columns not shown;
    here only the values of object and extension columns are (:func:`collabgraph.serialize.native`)."""
    out = []
    for c in columns:
        if c.key not in frame.columns:
            out.append([None] * len(frame))
            continue
        col = frame[c.key]
        boxed = col.dtype == object or isinstance(col.dtype, pd.api.extensions.ExtensionDtype)
        out.append([native(v) for v in col.tolist()] if boxed else col.tolist())
    return list(zip(*out, strict=True)) if columns else [()] * len(frame)


def _table(frame: pd.DataFrame, columns: list[Column], t: Texts, limit: int | None = None) -> Table:
    """``frame``'s first ``limit`` rows (all: None) as text; a table longer than :data:`MAX_ROWS` rows is folded."""
    rows = []
    for values in _cells(frame.head(limit) if limit else frame, columns):
        row = []
        for c, v in zip(columns, values, strict=True):
            if isinstance(v, str) or not c.num:
                row.append("–" if v is None or (not isinstance(v, str) and pd.isna(v)) else v)
            elif c.pct:
                row.append(t.pct(v))
            else:
                row.append(t.num(v, c.digits))
        rows.append(row)
    return Table(columns, rows, **(_folded(t, len(rows)) if limit else {}))


def _sort_key(value) -> str:
    """A cell's raw value for the table sorter: a number as text, a missing or suppressed one as ``""``."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return "" if value is None or (isinstance(value, str) and value.startswith("<")) else str(value)
    return "" if pd.isna(value) else repr(float(value))


def _sortable(frame: pd.DataFrame, columns: list[Column], t: Texts, foot: pd.DataFrame | None = None) -> Table:
    """``frame`` as a sortable :class:`Table` (every row shown, folded after :data:`MAX_ROWS`), ``foot`` below it."""
    body = _table(frame, columns, t, len(frame) or None)
    keys = [[_sort_key(v) if c.num else str(v or "") for c, v in zip(columns, values, strict=True)]
            for values in _cells(frame, columns)]
    return replace(body, keys=keys, foot=_table(foot, columns, t).rows if foot is not None else None)


def _attr(t: Texts, name: str) -> str:
    key = f"a_{name}"
    return t(key) if key in CATALOGUE else name


def _decimals(x: float) -> int:
    """Decimals of ``x`` as Python writes it (``1.0``: 1, ``0.25``: 2)."""
    return max(0, -Decimal(str(x)).as_tuple().exponent)


def _p(t: Texts, value) -> str:
    return "–" if value is None else ("< " + t.num(0.001, 3) if value < 0.001 else t.num(value, 3))


# ---- sections -----------------------------------------------------------------------------------

def _trend(a: Analysis, t: Texts, by: str) -> str | None:
    """The before/after sentence of the comparison, with its interval and p-value."""
    c = a.comparison
    if c is None or "cross_share" not in c.metrics.index:
        return None
    row = c.metrics.loc["cross_share"]
    if row["before"] is None or row["after"] is None or pd.isna(row["before"]) or pd.isna(row["after"]):
        return None
    fields = {"first": t.pct(row["before"]), "last": t.pct(row["after"]), "by": by,
              **{key: t.window(p.label, p.partial) for key, p in (("first_label", c.before), ("last_label", c.after))}}
    diff = row["difference"]
    key = "s_trend_flat" if abs(diff) < 0.01 else "s_trend_up" if diff > 0 else "s_trend_down"
    text = t(key, **fields)
    if c.cross_interval is not None:
        lo, hi = (100 * x for x in c.cross_interval)
        text += " " + t("s_trend_interval", level=t.pct(c.confidence), lo=_signed(t, lo), hi=_signed(t, hi),
                        p=_p(t, c.ei_p_value))
    return text


def _whole_period(a: Analysis, t: Texts, by: str) -> str | None:
    """Why the share of crossing ties over the whole period lies outside every window's share.

    Over the whole period each distinct tie counts once; a window counts every tie active in it. With
    ``C`` crossing ties of ``T`` and ``dC``, ``dT`` their appearances in windows beyond the first,
    ``C/T`` exceeds the pooled window share ``(C + dC)/(T + dT)`` exactly when ``dC/C < dT/T``: crossing
    ties are active in fewer windows than ties within a group. The sentence is written only when the
    whole-period share (unweighted) is above or below every window's share as shown (rounded), and the
    windows hold every tie (``first_ties`` add up to all ties: no undated records).
    """
    m = a.mixing
    if a.timeline is None or m.share_external is None or m.weighted \
            or a.timeline.windows["first_ties"].sum() != a.summary.ties:
        return None
    shares = a.timeline.windows["cross_share"].dropna().astype(float)
    if len(shares) < 2:
        return None
    overall, low, high = (round(100 * x) for x in (m.share_external, shares.min(), shares.max()))
    if low <= overall <= high:
        return None
    return t("s_whole_higher" if overall > high else "s_whole_lower", ties=t.num(m.ties),
             overall=t.pct(m.share_external), by=by, freq=t(f"freq_{a.timeline.freq}"), low=t.pct(shares.min()),
             high=t.pct(shares.max()))


def _signed(t: Texts, x: float) -> str:
    return ("+" if x > 0 else "−" if x < 0 else "") + t.num(abs(x), 1)


def _crossing_sentence(m, t: Texts, by: str) -> str:
    line = t("s_crossing", share=t.pct(m.share_external), by=by, expected=t.pct(m.share_expected))
    if m.ei_p_value is not None:
        key = "s_crossing_test" if m.ei_p_value < 0.05 else "s_crossing_no_test"
        line += " " + t(key, p=_p(t, m.ei_p_value), n=t.num(m.permutations))
    return line


def _summary(a: Analysis, t: Texts, by: str, period: str, professions: bool = True, *,
             dependency: dict) -> tuple[list[dict], list[str]]:
    """Key figures and summary sentences; an attribute no person has (``professions``: whether anyone
    has a profession) is said to be missing, not counted as 0; ``dependency``: the counts of the key people
    shown (:func:`_dependency_counts`)."""
    s, m = a.summary, a.mixing
    groups = [(s.organisations, "k_organisations"), (s.domains, "k_domains"), (s.networks, "k_networks")]
    figures = [{"n": t.num(n), "label": t.count(key, n), "key": False}
               for n, key in [(s.people, "k_people"), (s.ties, "k_ties"), *(g for g in groups if g[0])]]
    if m.share_external is not None:  # no tile of "–": the summary says the attribute is not in the data
        figures += [{"n": t.pct(m.share_external), "label": t("k_crossing", by=by), "key": True}]
    parts = [t.count("s_size_organisations", s.organisations) if s.organisations else "",
             t.count("s_size_domains", s.domains) if s.domains else ""]
    sentences = [t("s_size" if s.ties else "s_size_no_ties", people=t.count("people_count", s.people),
                   groups="".join(parts), ties=t.count("n_ties", s.ties), period=period)]
    absent = [t(key) for n, key in [*groups, (professions, "k_professions")] if not n]
    if absent:
        sentences[-1] += " " + t("s_not_in_data", attrs=t.join(absent))
    if m.share_external is not None:
        sentences.append(_crossing_sentence(m, t, by))
    trend = _trend(a, t, by)
    if trend:
        sentences.append(trend)
    whole = _whole_period(a, t, by)
    if whole:
        sentences.append(whole)
    org, prof = a.crossing.get("organisation"), a.crossing.get("profession")
    if org is not None and prof is not None and org.share_external is not None and prof.share_external is not None:
        sentences.append(t("s_other_attrs", organisation=t.pct(org.share_external),
                           profession=t.pct(prof.share_external)))
    if "domain_two_step" in a.reach and s.domains:
        tied = a.reach[a.reach["contacts"] > 0]
        if len(tied):
            domains = t.num(tied["domain_two_step"].mean(), 1)
            sentences.append(t("s_reach", domains=domains, total=t.num(s.domains),
                               professions=t.num(tied["profession_two_step"].mean(), 1)) if professions
                             else t("s_reach_domains", domains=domains, total=t.num(s.domains)))
    h = a.hours.totals
    if h["hours"]:
        def hours(x):  # as `collabgraph hours` prints them: one decimal below 10 (8.5 hours was "8")
            return t.num(x, 0 if x >= 10 else 1)
        sentences.append(t("s_hours", hours=t.count("n_person_hours", h["hours"], 0 if h["hours"] >= 10 else 1),
                           events=hours(h["event_hours"]), contacts=hours(h["interaction_hours"]),
                           no_events=t.count("n_meetings", h["events_without_duration"]),
                           no_contacts=t.count("n_contacts", h["interactions_without_duration"])))
    silos = sum(1 for c in a.clusters.composition if c["silo"])
    unjudged = sum(1 for c in a.clusters.composition if c["silo"] is None)  # no organisation or domain known
    silo_text = (t.s_silos_unknown if unjudged and not (s.organisations or s.domains) else
                 t.count("s_silos", silos) + (" " + t.count("s_silos_unjudged", unjudged) if unjudged else ""))
    comm = a.clusters.communities
    alone = "" if not comm.without_ties else " " + (t("s_clusters_alone_one") if comm.without_ties == 1
                                                    else t("s_clusters_alone", alone=t.num(comm.without_ties)))
    sentences.append(t.s_clusters_none if not s.ties else  # modularity is undefined without ties
                     _clusters_sentence(a, t) + " " + silo_text + alone)
    if len(a.pollination.spanners):
        sentences.append(t.count("s_spanners", len(a.pollination.spanners)))
    if dependency["tested"]:
        sentences.append(_dependency_sentence(t, dependency))
    # without isolates the funder's paragraph says everyone has a tie: no "0 people have no tie at all"
    sentences.append(((t.count("s_isolated", s.isolates) + " ") if s.isolates else "")
                     + t.count("s_flagged", len(a.isolation.flagged)))
    return figures, sentences


def _clusters_sentence(a: Analysis, t: Texts) -> str:
    """How many clusters of two or more people, said as firmly as their structure allows: with two or more,
    a modularity below :data:`CLEAR_MODULARITY` calls them weak, a mean NMI between stability runs below
    :data:`STABLE_NMI` unstable (one cluster has modularity 0 by definition and is just said)."""
    comm, st = a.clusters.communities, a.clusters.stability
    n, q = comm.of_two_or_more, t.num(comm.modularity, 2)
    nmi = st.to_dict()["mean_nmi"] if st is not None and n >= 2 else None
    unstable = nmi is not None and nmi < STABLE_NMI
    if n >= 2 and comm.modularity < CLEAR_MODULARITY:
        text = t("s_clusters_weak", n=t.num(n), q=q, clear=t.num(CLEAR_MODULARITY, 1))
        return text + (" " + t("s_clusters_unstable_also", nmi=t.num(nmi, 2)) if unstable else "")
    if unstable:
        return t("s_clusters_unstable", n=t.num(n), q=q, nmi=t.num(nmi, 2))
    return t.count("s_clusters", n, q=q)


def _funder(a: Analysis, t: Texts, by: str, min_group: int) -> list[str]:
    """What to tell the funder: 3-5 sentences with who took part and how many of their ties cross a ``by``
    boundary (with random mixing's share), the before/after change and its p-value, who has no tie or is cut
    off from the largest connected group, and the caveats: periods the data cover only in part, people whose
    ``by`` is missing, ``by`` groups smaller than ``min_group``. Without any person, one sentence says so."""
    s, m = a.summary, a.mixing
    if not s.people:  # "everyone has a tie", "everyone's domain is known" would be claims about no one
        return [t.f_empty]
    out = []
    if m.share_external is not None:
        out.append(t("f_reach", people=t.count("people_count", s.people), share=t.pct(m.share_external), by=by,
                     expected=t.pct(m.share_expected)))
    c = a.comparison
    row = c.metrics.loc["cross_share"] if c is not None and "cross_share" in c.metrics.index else None
    if row is not None and not pd.isna(row["before"]) and not pd.isna(row["after"]):
        p = c.ei_p_value
        test = t("f_significant" if p is not None and p < 0.05 else "f_chance", p=_p(t, p))
        before, after = (t.window(w.label, w.partial) for w in (c.before, c.after))
        out.append(t("f_change", before=before, after=after, first=t.pct(row["before"]), last=t.pct(row["after"]),
                     test=test))
    detached = int(a.isolation.counts().get("detached", 0))
    key = ("f_apart" if s.isolates and detached else "f_apart_isolates" if s.isolates
           else "f_apart_detached" if detached else "f_apart_none")  # a part with 0 people is left out
    if key != "f_apart_isolates" and a.isolation.thresholds["detached_by_network"]:
        key += "_network"  # detached was judged within each learning network
    out.append(t(key, isolates=t.count("people_count", s.isolates), detached=t.count("people_count", detached)))
    caveats = []
    windows = a.timeline.windows if a.timeline is not None else None
    if windows is not None and windows["partial"].any():
        partial = windows.loc[windows["partial"], "label"]
        caveats.append(t.count("f_partial", len(partial), windows=t.join(map(t.window, partial)),
                               start=t.date(s.period["start"]), end=t.date(s.period["end"])))
    if m.missing:
        caveats.append(t.count("f_missing", m.missing, people=t.count("people_count", m.missing), by=by))
    small = small_groups(m.groups, min_group)
    if small:
        caveats.append(t.count("f_small", len(small), by=by, size=t.num(min_group)))
    for group in sorted(hidden_groups(m.groups, min_group) - small):  # a single small group's complement
        caveats.append(t("f_complement", group=group, size=t.num(min_group)))
    caveat = "; ".join(caveats) if caveats else t("f_no_caveats", by=by, size=t.num(min_group))
    out.append(t("f_caveats", caveats=caveat))
    return out


def _counted(t: Texts, key: str, n: int) -> str:
    """The sentence ``key`` for ``n`` in its plural form (:meth:`Texts.count`; ``_none`` for 0 where it has one)."""
    return t.count(key, n, tested=t.num(n))


def _dependency_counts(a: Analysis, min_group: int) -> dict:
    """:func:`~collabgraph.metrics.centrality.dependency_counts` of the key people whose figures are shown (those of
    learning networks of ``min_group`` or more members and not hidden with a smaller one,
    :func:`~collabgraph.privacy.hidden_networks`: a hidden network's are ``"<min_group"`` in
    :func:`_dependency_shown`, and are not counted, or the count minus the rows shown would give them back), and
    ``coordinators``: how many of them are coordinators. The one count of the page's sentences and analysis.json's
    ``brokers.dependency_counts``."""
    d = a.brokers.dependency
    shown = d[(d["members"] >= min_group) & ~d["network"].astype(str).isin(hidden_networks(a, min_group))]
    return {**dependency_counts(shown),
            "coordinators": int(shown["reason"].astype(str).str.contains("coordinator").sum())}


def _dependency_sentence(t: Texts, dep: dict) -> str:
    """How many key people were tested, how many cut someone off, how many only raise fragmentation
    (``BrokersResult.dependency_counts``); a clause with 0 people is left out or said as none."""
    tested = "s_dependency_brokers" if dep.get("coordinators") == 0 else "s_dependency"  # none: say only brokers
    parts = [_counted(t, tested, dep["tested"]), _counted(t, "s_dependency_cut", dep["cutting_off"])]
    if dep["fragmentation_only"]:
        parts.append(_counted(t, "s_dependency_frag", dep["fragmentation_only"]))
    return " ".join(parts)


def _crossing(a: Analysis, t: Texts, by: str, min_group: int) -> dict:
    m = a.mixing
    hidden = hidden_groups(m.groups, min_group)
    groups = m.groups.assign(share=lambda f: f["external"] / (f["internal"] + f["external"]).where(
        lambda x: x > 0))
    groups_shown = hide_groups(groups, hidden, f"<{min_group}")
    cols = [Column("group", t.col_group), Column("size", t.col_size, True), Column("internal", t.col_internal, True),
            Column("external", t.col_external, True), Column("share", t.col_share, True, pct=True),
            Column("ei_index", t.col_ei, True, 2)]
    others = pd.DataFrame([{"attribute": _attr(t, attr), "share": r.share_external, "expected": r.share_expected,
                            "ei": r.ei_index, "assort": r.assortativity} for attr, r in a.crossing.items()])
    other_cols = [Column("attribute", t.col_attribute), Column("share", t.col_share, True, pct=True),
                  Column("expected", t.col_expected, True, pct=True), Column("ei", t.col_ei, True, 2),
                  Column("assort", t.col_assort, True, 2)]
    sentences = [_crossing_sentence(m, t, by)] if m.share_external is not None else []
    reach = roles = None
    if len(a.reach_networks):
        rn = a.reach_networks
        if not a.summary.domains:  # no one has a domain: the domains within 2 steps are undefined, not 0
            rn = rn.assign(**{c: np.nan for c in ("share_cross", "mean_domain_two_step") if c in rn})
        rn = hide_networks(rn, min_group, hidden_networks(a, min_group), column="group")
        reach = _table(rn, [Column("group", t.a_network), Column("members", t.col_members, True),
                            Column("share_cross", t.col_with_cross, True, pct=True),
                            Column("mean_reach", t.col_mean_reach, True, 1),
                            Column("mean_domain_two_step", t.col_mean_domains, True, 1)], t)
    if len(a.reach_roles):
        rr = suppress_with_complement(a.reach_roles, min_group)  # the people without a role are said below
        rr = rr.assign(group=[t(f"g_{g}") for g in rr["group"]])  # role groups: rolegroups.GROUPS
        without = len(a.people) - int(a.reach_roles["members"].sum())  # each person with a role is in one group
        roles = {"table": _table(rr, [Column("group", t.col_role_group), Column("members", t.col_members, True),
                                      Column("share_cross", t.col_with_cross, True, pct=True),
                                      Column("mean_reach", t.col_mean_reach, True, 1),
                                      Column("mean_domain_two_step", t.col_mean_domains, True, 1)], t),
                 "without": t.count("reach_roles_without", without) if without else ""}
    heat = charts.heatmap(m.mixing, name="heatmap", hidden=hidden, hidden_label=f"<{min_group}", number=t.num) \
        if len(m.mixing) else ""
    shown_groups = m.groups[~m.groups["group"].astype(str).isin(hidden)]
    ei = charts.ei_bars(shown_groups, m.ei_expected, name="ei", observed_label=t.observed,
                        expected_label=t.expected, number=t.num) if len(shown_groups) else ""
    no_groups = None if heat or ei else t("crossing_no_groups", by=by)  # no one's `by` known: nothing to chart
    return {"sentences": sentences, "heatmap": Markup(heat), "ei_chart": Markup(ei), "no_groups": no_groups,
            "heatmap_title": t("heatmap_title", by=by), "ei_title": t("ei_chart_title", by=by),
            "heatmap_hidden": _heatmap_hidden(t, hidden, small_groups(m.groups, min_group), min_group)
            if hidden & set(m.mixing.index.astype(str)) else None,
            "groups": _table(groups_shown, cols, t), "others": _table(others, other_cols, t),
            "reach": reach, "roles": roles}


def _heatmap_hidden(t: Texts, hidden: set[str], small: set[str], min_group: int) -> str:
    """The note under the heatmap: the rows of the small groups show ``<min_group``, and so does the group hidden
    with a single small one (``hidden`` minus ``small``), named."""
    note = t("heatmap_hidden", n=t.num(min_group))
    for group in sorted(hidden - small):
        note += " " + t("heatmap_complement", group=group)
    return note


def _card_sentence(row: dict, t: Texts, min_group: int, hidden: set[str] = frozenset()) -> str:
    """One scorecard row read in one plain sentence; a network smaller than ``min_group`` says only that, and so
    does a network of ``hidden`` (:func:`~collabgraph.privacy.hidden_networks`: hidden with a single small one)."""
    programme = row["level"] == "programme"
    name = t.programme_row.capitalize() if programme else str(row["network"])
    if row["members"] < min_group:
        return t("card_small", network=name, n=t.num(min_group))
    if not programme and name in hidden:
        return t("card_hidden", network=name, n=t.num(min_group))
    parts = [t("card_size" if row["domains"] else "card_size_no_domains", network=name,
               members=t.count("n_members", row["members"]), active=t.num(row["active_members"]),
               domains=t.count("n_domains", row["domains"]))]
    known = row["ties"] if pd.isna(row["ties_known"]) else int(row["ties_known"])
    if row["ties"] and not known:  # the share is undefined: said as the CLI says it, not as "–" mid-sentence
        parts.append(t.count("card_cross_none", row["ties"]))
    elif 0 < known < row["ties"]:  # the share counts the ties whose two ends have a domain
        parts.append(t("card_cross_known", share=t.pct(row["cross_share"]), ties=t.count("n_ties", known),
                       all=t.num(row["ties"])))
    else:
        parts.append(t("card_cross", share=t.pct(row["cross_share"]), ties=t.count("n_ties", row["ties"]))
                     if row["ties"] else t.card_no_ties)
    if row["isolated"]:
        parts.append(t("card_isolated", n=t.num(row["isolated"])))
    cut = row["coordinator_dependency_cut_off"]
    if not row["coordinators"]:
        parts.append(t.card_no_coordinator)
    elif not pd.isna(cut):
        key = "card_cut_programme" if programme else "card_cut_several" if row["coordinators"] > 1 else "card_cut"
        parts.append(t.count(key, int(cut)))
    return "; ".join(parts) + "."


def _card_shown(a: Analysis, t: Texts, min_group: int) -> pd.DataFrame:
    """The scorecard as every output of the report shows it: the programme row named in the report's language,
    a sentence in that language, and the numbers of a network smaller than ``min_group`` (and of the one
    :func:`~collabgraph.privacy.hidden_networks` hides with it) as ``"<min_group"``; the experiential experts of every
    row too when the programme has fewer than ``min_group`` of them (the experts' table hides them then)."""
    card = a.scorecard
    hidden = hidden_networks(a, min_group)
    sentences = [_card_sentence(row, t, min_group, hidden) for row in card.to_dict("records")]
    card = card.assign(network=card["network"].where(card["level"] != "programme", t.programme_row),
                       sentence=sentences)
    shown = hide_networks(card, min_group, hidden, columns=[c for c in card.columns if c not in (
        "network", "level", "sentence", "start", "end")])
    experts = card.loc[card["level"] == "programme", "experiential_experts"]
    if len(experts) and 0 < experts.iloc[0] < min_group:  # too few to count, as in the experts' table (_roles_shown)
        shown = shown.astype({"experiential_experts": object}).assign(experiential_experts=f"<{min_group}")
    return shown


def _quarters_shown(a: Analysis, min_group: int) -> pd.DataFrame:
    """The per-quarter shares of each network (inclusive ends, as timeline.csv), those of networks smaller
    than ``min_group`` as ``"<min_group"``."""
    q = a.network_quarters
    if not len(q):
        return q
    members = a.scorecard.set_index("network")["members"]
    small = (q["network"].map(members).fillna(0) < min_group) | q["network"].astype(str).isin(
        hidden_networks(a, min_group))
    q = inclusive_ends(q.assign(start=q["start"].dt.strftime("%Y-%m-%d"), end=q["end"].dt.strftime("%Y-%m-%d")))
    counts = ["ties", "ties_known", "cross_ties", "cross_share"]
    out = q.astype({c: object for c in counts})
    out.loc[small.to_numpy(), counts] = f"<{min_group}"
    return out


def _networks(a: Analysis, t: Texts, by: str, min_group: int, tables: dict[str, pd.DataFrame]) -> dict | None:
    """The scorecard (sortable, the programme row below it), a sentence per network and the small multiples;
    ``tables``: :func:`_programme_tables`."""
    card = a.scorecard
    if not len(card) or (card["level"] == "network").sum() == 0:
        return None
    shown = tables["scorecard"]
    cols = [Column("network", t.a_network), Column("members", t.col_members, True),
            Column("active_members", t.col_active_members, True), Column("domains", t.col_domains, True),
            Column("experiential_experts", t.col_experts, True), Column("coordinators", t.col_coordinators, True),
            Column("ties", t.col_ties, True), Column("density", t.col_density, True, 2),
            Column("cross_share", t.col_cross_domains, True, pct=True), Column("ei_index", t.col_ei, True, 2),
            Column("reach_two_steps", t.col_mean_domains, True, 1), Column("openness", t.col_openness, True, 2),
            Column("isolated", t.col_isolated, True),
            Column("coordinator_dependency_cut_off", t.col_cut_without, True),
            Column("new_ties_per_month", t.col_new_per_month, True, 1),
            Column("hours_per_member_month", t.col_hours_member_month, True, 1)]
    if "durability" in card:  # the share of ties lasting after the network's end (doorwerking)
        cols.append(Column("durability", t.col_lasting, True, pct=True))
    # a figure undefined for every network (no domains, no dates) is left out of the table (it is in scorecard.csv),
    # so the table fits the page
    cols = [c for c in cols if not c.num or shown[c.key].notna().any()]
    programme = shown["level"] == "programme"
    table = _sortable(shown[~programme], cols, t, foot=shown[programme])
    quarters = a.network_quarters
    small = set(card.loc[card["members"] < min_group, "network"].astype(str)) | hidden_networks(a, min_group)
    quarters = quarters[~quarters["network"].astype(str).isin(small)] if len(quarters) else quarters
    chart = (charts.small_multiples(quarters.assign(label=[t.window(x, short=True) for x in quarters["label"]]),
                                    name="quarters", number=t.num) if len(quarters) else "")
    return {"table": table, "sentences": shown["sentence"].tolist(), "chart": Markup(chart),
            "chart_title": t("quarters_title", by=by), "chart_note": t("quarters_note", n=t.num(min_group))}


def _forms(a: Analysis, t: Texts, by: str) -> dict | None:
    """Work forms and size bands: a headline, a chart of first cross-group contacts per person-hour, the table."""
    f = a.forms
    if f is None or not len(f.table):
        return None
    table = f.table.assign(form=f.table["form"].replace(NO_KIND, t.no_kind))
    dated = f.totals["first_ties"] is not None
    sentences = []
    if not dated:
        sentences.append(t.count("forms_undated", f.totals["events_without_date"]))
    else:
        kinds = table[(table["dimension"] == "kind")].dropna(subset=["cross_first_ties_per_hour"])
        if len(kinds) > 1:
            kinds = kinds.sort_values(["cross_first_ties_per_hour", "form"], ascending=[False, True], kind="stable")
            top, low = kinds.iloc[0], kinds.iloc[-1]
            sentences.append(t("forms_best", by=by, form=top["form"], rate=t.num(top["cross_first_ties_per_hour"], 2),
                               low=low["form"], low_rate=t.num(low["cross_first_ties_per_hour"], 2)))
        n = f.totals["permutations"]
        sentences.append(t("forms_p", n=t.num(n), level=t.num(0.05, 2)) if n else t.forms_no_p)
    cols = [Column("form", t.col_form), Column("events", t.col_events, True),
            Column("attendances", t.col_attendances, True), Column("mean_size", t.col_mean_size, True, 1),
            Column("hours", t.col_hours, True), Column("first_ties", t.col_first_ties, True),
            Column("cross_share_first_ties", t.col_cross_first, True, pct=True),
            Column("cross_first_ties_per_hour", t.col_cross_per_hour, True, 2), Column("p", t.col_p, True)]
    shown = table.assign(p=[_p(t, x) if x is not None and not pd.isna(x) else None for x in table["p_value"]])
    panels = [(t(f"dim_{d}"), shown[shown["dimension"] == d]) for d in ("kind", "size")]
    chart = charts.form_bars([(title, frame) for title, frame in panels if len(frame)], name="forms",
                             value="cross_first_ties_per_hour", number=t.num) if dated else ""
    return {"intro": t("forms_intro", by=by), "sentences": sentences, "chart": Markup(chart),
            "chart_title": t("forms_chart_title", by=by),
            "tables": [(title, _table(frame, [replace(cols[0], label=title), *cols[1:]], t))
                       for title, frame in panels if len(frame)]}


def _doorwerking_shown(a: Analysis, t: Texts, min_group: int) -> pd.DataFrame:
    """Doorwerking per network as every output of the report shows it: ``end`` as a date, the programme row
    named in the report's language, the figures of a network smaller than ``min_group`` as ``"<min_group"``."""
    d = a.doorwerking
    if not len(d):
        return d
    members = a.scorecard.set_index("network")["members"] if len(a.scorecard) else pd.Series(dtype=float)
    d = d.assign(members=d["network"].map(members),
                 network=d["network"].where(d["level"] != "programme", t.programme_row),
                 end=d["end"].dt.strftime("%Y-%m-%d"))
    return hide_networks(d, min_group, hidden_networks(a, min_group), columns=[c for c in d.columns if c not in (
        "network", "level", "end", "end_source", "note")])


def _doorwerking(a: Analysis, t: Texts, by: str, tables: dict[str, pd.DataFrame]) -> dict | None:
    """Doorwerking per learning network: which lasts most and least, the programme's share, and the table;
    ``tables``: :func:`_programme_tables`."""
    d = a.doorwerking
    if not len(d):
        return None
    if a.summary.period["start"] is None:  # no tie has a date: none can be seen to form or last
        return {"sentences": [t.dw_no_dates], "table": None}
    shown = tables["doorwerking"]
    nets = d[(d["level"] == "network") & (shown["members"].map(lambda m: not isinstance(m, str)))]
    known = nets.dropna(subset=["share"])
    sentences = []
    if len(known) > 1:
        order = known.sort_values(["share", "network"], ascending=[False, True], kind="stable")
        top, low = order.iloc[0], order.iloc[-1]
        sentences.append(t("dw_best", network=top["network"], share=t.pct(top["share"]),
                           formed=t.count("n_ties", int(top["formed"] - top["unobserved"])), end=t.date(top["end"]),
                           low=low["network"], low_share=t.pct(low["share"])))
    programme = d[d["level"] == "programme"]
    if len(programme) and not pd.isna(programme["share"].iloc[0]):
        row = programme.iloc[0]
        sentences.append(t("dw_programme", share=t.pct(row["share"]),
                           formed=t.count("n_ties", int(row["formed"] - row["unobserved"])),
                           within=t.pct(row["within_share"]), across=t.pct(row["across_share"]), by=by))
    unseen = nets[nets["share"].isna() & nets["end"].notna() & (nets["formed"] > 0)]
    if len(unseen):
        sentences.append(t("dw_unseen", networks=t.join(unseen["network"].astype(str))))
    table = shown.assign(end=[t.date(x) if isinstance(x, str) else x for x in shown["end"]],
                         end_source=[t(f"src_{x}") if f"src_{x}" in CATALOGUE else x for x in shown["end_source"]])
    cols = [Column("network", t.a_network), Column("end", t.col_end), Column("end_source", t.col_end_source),
            Column("days_after", t.col_days_after, True), Column("formed", t.col_formed, True),
            Column("active_after", t.col_active_after, True),
            Column("share", t.col_lasting_share, True, pct=True),
            Column("within_share", t("col_within_by", by=by), True, pct=True),
            Column("across_share", t("col_across_by", by=by), True, pct=True)]
    return {"sentences": sentences, "table": _table(table, cols, t, len(table))}


def _group_label(t: Texts, group: str) -> str:
    return t(f"g_{group}") if f"g_{group}" in CATALOGUE else str(group)


def _roles_shown(a: Analysis, t: Texts, min_group: int) -> dict[str, pd.DataFrame]:
    """The role-group tables as every output of the report shows them: a role group, a network or (for the
    experts' table) the programme's experiential experts smaller than ``min_group`` as ``"<min_group"``, and
    in the mapping a role value fewer than ``min_group`` people have as ``other``, with the count of a row below
    ``min_group`` (rare values summed, possibly a whole role group) as ``"<min_group"``."""
    r = a.roles
    if r is None:
        return {}
    label = f"<{min_group}"
    hidden = hidden_networks(a, min_group)
    groups = hide_networks(r.groups, min_group, hidden)
    members = r.experts.set_index("network")["members"]
    experts = hide_networks(r.experts, min_group, hidden)
    total = r.experts.loc[r.experts["level"] == "programme", "experts"]
    if len(total) and total.iloc[0] < min_group:
        experts = experts.astype({c: object for c in experts.columns if c not in ("network", "level")})
        experts.loc[:, [c for c in experts.columns if c not in ("network", "level", "members")]] = label
    education = r.education_practice.assign(members=r.education_practice["network"].map(members))
    education = hide_networks(education, min_group, hidden)
    shown, other = _role_values_shown(r.mapping, min_group)
    mapping = r.mapping.assign(value=r.mapping["value"].where(shown, other))
    mapping = mapping.groupby(["value", "group", "source"], as_index=False, sort=False)["count"].sum()
    # a summed row of rare values can be a whole role group: below min_group its count is hidden too
    mapping = hide_rows(mapping, (mapping["count"] < min_group).to_numpy(), label, ["count"])
    return {"role_groups": groups, "experts": experts, "education_practice": education, "role_mapping": mapping}


def _role_values_shown(mapping: pd.DataFrame, min_group: int) -> tuple[pd.Series, str]:
    """Which rows of a role mapping (``RoleGroups.mapping``) keep their value (``min_group`` or more people have it),
    and the one label of the rarer values (:func:`~collabgraph.privacy.other_label`: apart from a real value
    'other')."""
    shown = mapping["count"] >= min_group
    return shown, other_label(mapping.loc[shown, "value"].dropna(), min_group)


def _roles(a: Analysis, t: Texts, by: str, min_group: int, tables: dict[str, pd.DataFrame]) -> dict | None:
    """Role groups: the mapping, experiential experts at the edge and their reach, education–practice ties;
    ``tables``: :func:`_programme_tables`."""
    r = a.roles
    if r is None or not len(r.groups):
        return None
    kept, other = _role_values_shown(r.mapping, min_group)
    rare = r.mapping.loc[~kept, ["group", "source"]]  # the rows _roles_shown generalised
    merged = set(zip(rare["group"], rare["source"], strict=True))  # their row: OTHER, whatever its summed count
    rows = tables["role_mapping"].to_dict("records")
    values = [t.map_other + other[len(OTHER):] if row["value"] == other and (row["group"], row["source"]) in merged
              else row["value"] for row in rows]  # the placeholder in words
    pairs = ", ".join(f"{value} → {_group_label(t, row['group'])} ({t.num(row['count'])})"
                      for value, row in zip(values, rows, strict=True))
    sentences = [t("roles_mapping", pairs=pairs)]
    if a.options.coordinator_roles is not None:
        sentences.append(t("roles_coordinators", values=", ".join(a.options.coordinator_roles)))
    ex = r.experts
    hidden = hidden_networks(a, min_group)
    nets = ex[(ex["level"] == "network") & (ex["members"] >= min_group) & (ex["experts"] > 0)
              & ~ex["network"].astype(str).isin(hidden)]
    programme = ex[ex["level"] == "programme"]
    if len(programme) and programme["experts"].iloc[0] >= min_group:
        edge = nets[nets["at_edge"].fillna(False).astype(bool)]
        sentences.append(t("roles_edge", networks=t.join(edge["network"].astype(str))) if len(edge)
                         else t.roles_edge_none)
        row = programme.iloc[0]
        if not pd.isna(row["share_within_two_steps"]):
            sentences.append(t("roles_reach", share=t.pct(row["share_within_two_steps"])))
    elif len(programme) and programme["experts"].iloc[0] > 0:
        sentences.append(t("roles_experts_small", n=t.num(min_group)))
    edu = r.education_practice
    edu_nets = edu[(edu["level"] == "network") & edu["network"].map(
        r.experts.set_index("network")["members"]).ge(min_group)
        & ~edu["network"].astype(str).isin(hidden)].dropna(subset=["share"])
    edu_all = edu[edu["level"] == "programme"]
    if len(edu_all) and len(edu_nets) and edu_all["education_practice_ties"].iloc[0] > 0:
        top = edu_nets.sort_values(["share", "network"], ascending=[False, True], kind="stable").iloc[0]
        sentences.append(t("roles_education", share=t.pct(edu_all["share"].iloc[0]), network=top["network"],
                           top=t.pct(top["share"])))
    groups = tables["role_groups"]
    groups = groups[groups["level"] == "programme"].assign(group=lambda f: [_group_label(t, g) for g in f["group"]])
    experts = tables["experts"]
    experts = experts.assign(network=experts["network"].where(experts["level"] != "programme", t.programme_row))
    education = tables["education_practice"]
    education = education.assign(network=education["network"].where(education["level"] != "programme",
                                                                     t.programme_row))
    return {
        "intro": t("roles_intro", by=by), "sentences": sentences,
        "groups": _table(groups, [Column("group", t.col_role_group), Column("members", t.col_members, True),
                                  Column("share_of_members", t.col_share_members, True, pct=True),
                                  Column("ties", t.col_ties, True),
                                  Column("cross_share", t("col_cross_by", by=by), True, pct=True),
                                  Column("mean_reach", t("col_reach_by", by=by), True, 1)], t),
        "experts": _table(experts, [Column("network", t.a_network), Column("members", t.col_members, True),
                                    Column("experts", t.col_expert_count, True),
                                    Column("share_within_one_step", t.col_one_step, True, pct=True),
                                    Column("share_within_two_steps", t.col_two_steps, True, pct=True),
                                    Column("experts_at_edge", t.col_at_edge, True)], t, len(experts)),
        "education": _table(education, [Column("network", t.a_network), Column("ties", t.col_ties, True),
                                        Column("education_practice_ties", t.col_edu_ties, True),
                                        Column("share", t.col_edu_share, True, pct=True)], t, len(education)),
    }


def _rating_label(t: Texts, name: str) -> str:
    return t(f"r_{name}") if f"r_{name}" in CATALOGUE else str(name)


def _ratings_shown(a: Analysis, t: Texts, min_group: int) -> dict[str, pd.DataFrame]:
    """The rating tables as every output of the report shows them: the rows over all networks named in the
    report's language, those of a network smaller than ``min_group`` as ``"<min_group"``. Per-person ratings
    (received and given) are not part of the report: ``collabgraph ratings`` gives them."""
    r = a.ratings
    if r is None:
        return {}
    members = a.scorecard.set_index("network")["members"] if len(a.scorecard) else pd.Series(dtype=float)
    hidden = hidden_networks(a, min_group)
    out = {"ratings_overall": r.overall}
    for name, frame in (("ratings_networks", r.networks), ("ratings_partner", r.partner),
                        ("ratings_waves", r.waves), ("ratings_changes", r.changes)):
        if not len(frame):  # no waves, or not both trust and value: the file with its header only
            out[name] = frame
            continue
        every = frame["network"] == RATINGS_ALL
        frame = frame.assign(network=frame["network"].where(~every, t.programme_row),
                             members=frame["network"].map(members).where(~every, np.inf))
        keep = [c for c in frame.columns if c not in ("network", "rating", "wave", "wave_before", "wave_after")]
        out[name] = hide_networks(frame, min_group, hidden, columns=keep).drop(columns="members")
    return out


def _ratings(a: Analysis, t: Texts, tables: dict[str, pd.DataFrame]) -> dict | None:
    """How members rate their ties: a sentence per rating, its change between waves, PARTNER's trust and value
    per network, and the mean per network and rating; ``tables``: :func:`_programme_tables`."""
    r = a.ratings
    if r is None or not len(r.overall):
        return None
    shown = tables
    sentences = [t("ratings_overall", rating=_rating_label(t, row["rating"]), mean=t.num(row["mean"], 1),
                   count=t.num(row["count"]), low=t.num(row["min"], _digits(row["min"])),
                   high=t.num(row["max"], _digits(row["max"])))
                 for row in r.overall.to_dict("records")]
    changes = r.changes[r.changes["network"] == RATINGS_ALL] if len(r.changes) else r.changes
    for row in changes.to_dict("records"):
        sentences.append(t("ratings_change", rating=_rating_label(t, row["rating"]).capitalize(),
                           before=t.num(row["mean_before"], 1), first=t.window(row["wave_before"]),
                           after=t.num(row["mean_after"], 1), last=t.window(row["wave_after"]),
                           change=_signed(t, row["pair_change"]) if not pd.isna(row["pair_change"]) else "–",
                           pairs=t.num(row["pairs_both"])))
    partner = shown.get("ratings_partner")
    networks = shown.get("ratings_networks")
    return {
        "sentences": sentences,
        "partner": _table(partner, [Column("network", t.a_network),
                                    Column("trust_mean", t.col_trust_mean, True, 2),
                                    Column("trust_count", t.col_trust_count, True),
                                    Column("value_mean", t.col_value_mean, True, 2),
                                    Column("value_count", t.col_value_count, True)], t, len(partner))
        if partner is not None else None,
        "networks": _table(networks.assign(rating=[_rating_label(t, x) for x in networks["rating"]]),
                           [Column("network", t.a_network), Column("rating", t.col_rating),
                            Column("mean", t.col_mean, True, 2), Column("count", t.col_count_ratings, True),
                            Column("min", t.col_min, True, 1), Column("max", t.col_max, True, 1)], t, len(networks))
        if networks is not None else None,
    }


def _digits(x: float) -> int:
    """Decimals to show a rating bound: none for a whole number, else one."""
    return 0 if float(x).is_integer() else 1


def _reason(t: Texts, reason: str) -> str:
    parts = set(str(reason).split(";"))
    return t.reason_both if parts == {"coordinator", "broker"} else t(f"reason_{reason}")


def _dependency_shown(a: Analysis, t: Texts, min_group: int) -> pd.DataFrame:
    """Key people per network (:func:`collabgraph.metrics.centrality.dependency`) with their names and roles in
    the report's language; the numbers of a network smaller than ``min_group`` as ``"<min_group"``."""
    d = a.brokers.dependency
    names = a.people["name"].reindex(d["id"]).to_numpy(object)
    d = d.assign(name=[n if isinstance(n, str) else i for n, i in zip(names, d["id"], strict=True)],
                 role=[_reason(t, r) for r in d["reason"]])
    d = d[["network", "id", "name", "reason", "role", *[c for c in d.columns if c not in (
        "network", "id", "name", "reason", "role")]]]
    return hide_networks(d, min_group, hidden_networks(a, min_group), columns=[c for c in d.columns if c not in (
        "network", "id", "name", "reason", "role")])


def _dependency(a: Analysis, t: Texts, min_group: int, tables: dict[str, pd.DataFrame], counts: dict) -> dict:
    """Per learning network, what leaving out each coordinator and top broker does: a headline and a table;
    ``tables``: :func:`_programme_tables`, ``counts``: :func:`_dependency_counts`."""
    d = a.brokers.dependency
    shown = tables["dependency"]
    if not len(d):
        return {"sentences": [t.dependency_empty], "table": None}
    sentences = [_dependency_sentence(t, counts)]
    big = d[(d["members"] >= min_group) & ~d["network"].astype(str).isin(hidden_networks(a, min_group))]
    cut = big[big["cut_off"] > 0]
    if len(cut):
        worst = cut.sort_values(["cut_off_share", "cut_off", "network", "id"], ascending=[False, False, True, True],
                                kind="stable").iloc[0]
        name = shown.loc[worst.name, "name"]
        sentences.insert(0, t.count("dependency_most", int(worst["cut_off"]), network=worst["network"], person=name,
                                    reason=_reason(t, worst["reason"]), others=t.num(int(worst["members"]) - 1)))
    else:
        sentences.insert(0, t.dependency_none)
    table = _table(shown, [Column("network", t.a_network), Column("name", t.col_person),
                           Column("role", t.col_key_role), Column("members", t.col_members, True),
                           Column("fragmentation_before", t.col_frag_before, True, 2),
                           Column("fragmentation_after", t.col_frag_after, True, 2),
                           Column("cut_off", t.col_cut_off, True),
                           Column("cut_off_share", t.col_cut_share, True, pct=True)], t, len(shown))
    return {"sentences": sentences, "table": table}


def _pollination(a: Analysis, t: Texts, min_group: int) -> dict | None:
    p = a.pollination
    if not len(p.networks):
        return None
    small = hidden_networks(a, min_group)  # not drawn: a circle's area and a line's width would show their sizes
    nets = hide_networks(p.networks, min_group, small)
    spanners = p.spanners.sort_values(["n_networks", "betweenness"], ascending=False, kind="stable")
    names = a.people["name"].reindex(spanners["id"]).to_numpy()
    spanners = spanners.assign(name=[n if isinstance(n, str) else i for n, i in zip(names, spanners["id"],
                                                                                       strict=True)])
    spanners = spanners.assign(networks=spanners["networks"].str.replace(";", ", "))
    ties = p.between_network_ties
    ties = ties[~(ties["network_a"].astype(str).isin(small) | ties["network_b"].astype(str).isin(small)).to_numpy()]
    drawn = p.networks[~p.networks["network"].astype(str).isin(small).to_numpy()]
    chart = charts.network_of_networks(drawn, ties, name="non", max_lines=charts.MAX_LINES)
    links = int((ties["ties"] > 0).sum())
    capped = t("non_capped", n=t.num(charts.MAX_LINES), total=t.num(links)) if links > charts.MAX_LINES else None
    note = t.non_note if links else t.non_no_lines
    fewer = small_networks(a, min_group)
    if fewer:
        note += " " + t.count("non_small", len(fewer), min_group=t.num(min_group), names=", ".join(sorted(fewer)))
    for name in sorted(small - fewer):  # hidden with a single small one
        note += " " + t("non_hidden", network=name)
    return {"chart": Markup(chart), "capped": capped, "note": note,
            "networks": _table(nets, [Column("network", t.a_network), Column("members", t.col_members, True),
                                      Column("spanners", t.col_spanners, True),
                                      Column("internal", t.col_internal, True),
                                      Column("external", t.col_external, True),
                                      Column("openness", t.col_openness, True, 2)], t),
            "spanners": _table(spanners, [Column("name", t.col_person), Column("n_networks", t.col_networks, True),
                                          Column("networks", t.a_network),
                                          Column("betweenness", t.a_betweenness, True, 0),
                                          Column("total", t.a_brokerage, True)], t, MAX_SHOWN)
            if len(spanners) else None}


def _clusters_options(o: AnalysisOptions) -> str:
    """The options of ``collabgraph clusters`` that give the report's clusters: those of ``o`` that differ from
    the command's defaults, ``--stability`` always when the report ran it (its clusters are then the most
    representative of the runs, :func:`~collabgraph.metrics.communities.stability`).

    >>> _clusters_options(AnalysisOptions()), _clusters_options(AnalysisOptions(seed=3, weighted=True))
    (' --stability 5', ' --seed 3 --weighted --stability 5')
    """
    parts = [f"--method {o.method}"] if o.method != "leiden" else []
    parts += [f"--resolution {o.resolution:g}"] if o.resolution != 1.0 else []
    parts += [f"--seed {o.seed}"] if o.seed else []
    parts += ["--weighted"] if o.weighted else []
    parts += [f"--stability {o.stability_runs}"] if o.stability_runs else []
    return "".join(f" {p}" for p in parts)


def _placeholders(a: Analysis, shown: Analysis, attributes) -> dict[str, set[str]]:
    """Per attribute, the values of ``shown``'s people (:func:`person_level`) that stand for values it hid: privacy's
    ``other`` label, which the page writes in its language; a real value spelled ``other`` stays as it is.

    Examples
    --------
    >>> from types import SimpleNamespace as N
    >>> a = N(people=pd.DataFrame({"domain": ["zorg", "uniek", "other", "other"]}))
    >>> shown = N(people=pd.DataFrame({"domain": ["zorg", "other (<3)", "other", "other"]}))
    >>> _placeholders(a, shown, ["domain", "role"])
    {'domain': {'other (<3)'}, 'role': set()}
    """
    out = {}
    for attr in attributes:
        if attr not in a.people or attr not in shown.people:
            out[attr] = set()
            continue
        before = a.people[attr].astype(object).reindex(shown.people.index)
        after = shown.people[attr].astype(object)
        changed = after.notna() & (after.astype(str) != before.astype(str))
        out[attr] = set(after[changed].astype(str))
    return out


def _clusters(a: Analysis, t: Texts, by: str, placeholders: dict[str, set[str]]) -> dict:
    """The clusters section of ``a`` as shown (:func:`person_level`); ``placeholders``: :func:`_placeholders` of
    the table's attributes, whose ``top`` value is written as the page's word for "other"."""
    c = a.clusters
    comm = c.communities
    silo = int(round(100 * c.silo_share))
    seeds = c.stability.seeds if c.stability is not None else None
    sentences = [t("clusters_intro_runs", method=comm.method.capitalize(), runs=len(seeds), first=seeds[0],
                   last=seeds[-1], seed=comm.seed, silo=f"{silo}%") if seeds
                 else t("clusters_intro", method=comm.method.capitalize(), seed=comm.seed, silo=f"{silo}%")]
    if c.comparison is not None:
        cmp = c.comparison
        sentences.append(t("clusters_compare", attribute=_attr(t, cmp.attribute), nmi=t.num(cmp.nmi, 2),
                           ari=t.num(cmp.ari, 2), p=_p(t, cmp.p_value)))
    if c.stability is not None and comm.of_two_or_more:  # with everyone alone every run agrees: nothing to say
        st = c.stability.to_dict()
        sentences.append(t("clusters_stability", runs=len(st["seeds"]), nmi=t.num(st["mean_nmi"], 2),
                           person=t.pct(st["mean_person_stability"])))
    evo = a.timeline.evolution if a.timeline is not None else None
    if evo is not None and len(evo):  # "from one window to the next": not the first window's clusters, all births
        evo = evo[evo["window"] != a.timeline.windows["label"].iloc[0]]
    if evo is not None and len(evo):
        counts = evo["event"].value_counts()
        parts = [t.count(f"evo_{e}", int(counts[e])) for e in EVENTS if counts.get(e, 0)]  # zeros left out
        sentences.append(t("clusters_evolution", freq=t(f"freq_{a.timeline.freq}"), parts=t.join(parts)))
    comp = [x for x in c.composition if x["size"] >= MIN_COMMUNITY][:12]
    unknown = bool(comp) and not any(x["composition"].get(by, {}).get("counts") for x in comp)
    comp = [] if unknown else comp  # no member's `by` is known: a chart of only "unknown" says nothing
    values = a.people[by].dropna().astype(str) if by in a.people else pd.Series(dtype=str)
    colour_map = charts.colours(values[values != OTHER])  # a value generalise() hid: stacked with "other"
    chart = charts.composition(comp, by, name="composition", colour_map=colour_map, other=t.map_other,
                               unknown=t.map_unknown, label=t.cluster_label, axis=t.col_size,
                               number=t.num) if comp else ""
    rows = []
    for x in (x for x in c.composition if x["size"] >= MIN_COMMUNITY):
        silo = "–" if x["silo"] is None else t.yes if x["silo"] else t.no  # None: no organisation or domain known
        row = {"id": t("cluster_label", id=x["id"]), "size": x["size"], "silo": silo}
        for attr in ("domain", "organisation"):
            info = x["composition"].get(attr)
            top = None if not info else info.get("top")
            if top in placeholders[attr]:
                top = t.map_other + top[len(OTHER):]  # privacy's label in words: 'overig (<3)' on a Dutch page
            row[attr] = f"{top} ({t.pct(info['top_share'])})" if top is not None else "–"
        rows.append(row)
    frame = pd.DataFrame(rows)
    table = _table(frame, [Column("id", t.a_community), Column("size", t.col_size, True),
                           Column("domain", f"{t.col_top}: {t.a_domain}"),
                           Column("organisation", f"{t.col_top}: {t.a_organisation}"),
                           Column("silo", t.col_silo)], t, MAX_SHOWN)
    more = t("clusters_more", n=t.num(MAX_SHOWN)) if len(frame) > MAX_SHOWN else None
    no_chart = t("clusters_no_chart", by=_attr(t, by)) if unknown else None
    return {"sentences": sentences, "chart": Markup(chart), "chart_title": t("clusters_chart_title", by=_attr(t, by)),
            "no_chart": no_chart,
            "table": table, "more": more}


def _why(row: dict, t: Texts) -> str:
    parts = []
    if row["steps"] == 3:
        parts.append(t.sugg_three)
    elif row["shared_contacts"]:
        parts.append(t.count("sugg_contacts", row["shared_contacts"]))
    if row["coordinator"]:
        parts.append(t.sugg_coordinator)
    elif len(row["shared_networks"]):
        parts.append(t.sugg_network)
    if row["bridge_domains"]:
        parts.append(t.count("sugg_bridge", row["bridge_domains"]))
    if row["other_domain"]:
        parts.append(t.sugg_domain)
    if row["other_profession"]:
        parts.append(t.sugg_profession)
    return "; ".join(parts)


def _rows(frame: pd.DataFrame | None) -> list[dict]:
    """``frame.to_dict("records")`` (none for None) from each column's ``tolist``: the same Python values, without
    pandas' per-row boxing (the report turns every person's suggestions into rows)."""
    if frame is None:
        return []
    names = list(frame.columns)
    return [dict(zip(names, row, strict=True)) for row in zip(*(col.tolist() for _, col in frame.items()), strict=True)]


def _isolation(a: Analysis, t: Texts) -> dict:
    iso = a.isolation
    counts = iso.counts()
    has = [c for c in ("profession", "domain") if c in a.people and a.people[c].notna().any()]
    which = ("both" if len(has) == 2 else has[0]) if has else None
    elsewhere, prefer = (t(f"isolation_elsewhere_{which}"), t(f"isolation_prefer_{which}")) if has else ("", "")
    card = a.scorecard  # only what exists: professions, domains, a coordinator of a learning network
    coordinator = bool((card.loc[card["level"] == "programme", "coordinators"].fillna(0) > 0).any())
    label = {code: t.reason(code, iso.thresholds) for code in REASONS}
    figures = [{"n": t.num(counts[code]), "label": label[code]} for code in REASONS]
    suggestions = {s.person: s.table for s in a.suggestions}
    rows = []
    top = iso.flagged.head(MAX_SHOWN)
    names = a.people["name"].reindex(top.index).astype(object).tolist()
    for pid, name, reasons, degree in zip(top.index, names, top["reasons"].tolist(), top["degree"].tolist(),
                                          strict=True):
        rows.append({"name": name if isinstance(name, str) else pid,
                     "reasons": [label[r] for r in reasons], "degree": t.num(int(degree)),
                     "suggestions": [{"name": s["name"] if isinstance(s["name"], str) else s["id"], "why": _why(s, t)}
                                     for s in _rows(suggestions.get(pid))],
                     "none": t("isolation_alone", name=name if isinstance(name, str) else pid) if len(a.people) == 1
                     else t.isolation_no_suggestion if pid in suggestions
                     else t.isolation_not_searched})  # said when the cell has no suggestion
    more = len(iso.flagged) - len(rows)
    unsearched = sum(pid not in suggestions for pid in top.index)  # beyond AnalysisOptions.max_suggested
    periphery = None
    if counts["periphery"]:  # the rule is relative to the network: in a dense one, many contacts can be "on the edge"
        th = {k: t.num(v, _digits(v)) for k, v in iso.thresholds.items()
              if k in ("periphery_max_core", "median_core", "median_degree")}
        periphery = t("isolation_periphery_rule", core=th["periphery_max_core"], median_core=th["median_core"],
                      degree=th["median_degree"])
    return {"figures": figures, "rows": rows, "more": t.count("isolation_more", more) if more > 0 else None,
            "searched": t.count("isolation_searched_first", len(suggestions)) if unsearched and suggestions else None,
            "periphery": periphery, **_folded(t, len(rows)),
            "intro": t("isolation_intro", elsewhere=elsewhere, prefer=prefer,
                       who=t("isolation_who_coordinator" if coordinator else "isolation_who_members"))
            if len(a.pollination.networks) else
            t("isolation_intro_no_networks", prefer=prefer,
              elsewhere=t(f"isolation_nowhere_{which}") if has else t.isolation_nowhere)}


def _windows(a: Analysis) -> pd.DataFrame:
    w = a.timeline.windows
    return w.assign(cross_expected=(1 + w["ei_expected"].astype(float)) / 2)


_COMPARED = {"people_active": 0, "ties": 0, "density": 3, "cross_share": None, "ei_index": 2, "isolated": 0,
             "modularity": 2}


def _compare_rows(c, t: Texts) -> list[dict]:
    """Before, after and change of the headline measures; shares in percent, their change in points."""
    def show(x, digits):
        if x is None or pd.isna(x):
            return "–"
        return t.pct(x) if digits is None else t.num(x, digits)

    rows = []
    for metric, digits in _COMPARED.items():
        if metric not in c.metrics.index:
            continue
        r = c.metrics.loc[metric]
        d = r["difference"]
        if d is not None and not pd.isna(d):
            d = round(float(d), 6 if digits is None else digits)
        if d is None or pd.isna(d):
            change = "–"
        elif digits is None:
            change = _signed(t, 100 * d) + " " + t.pp
        else:
            change = ("+" if d > 0 else "−" if d < 0 else "") + t.num(abs(d), digits)
        rows.append({"metric": t(f"m_{metric}"), "before": show(r["before"], digits),
                     "after": show(r["after"], digits), "difference": change})
    return rows


def _hours(a: Analysis, t: Texts, nets: pd.DataFrame) -> Table | None:
    """Time invested per learning network; ``nets``: :func:`~collabgraph.privacy.suppressed_tables`' ``hours``
    (a network smaller than ``min_group``, and the row :func:`~collabgraph.privacy.complement` hides with it, as
    ``"<min_group"``), the rows hours.csv and analysis.json show."""
    if not len(nets) or not a.hours.totals["hours"]:
        return None
    return _table(nets, [Column("network", t.a_network), Column("hours", t.col_hours, True),
                                       Column("event_hours", t.col_event_hours, True),
                                       Column("interaction_hours", t.col_interaction_hours, True),
                                       Column("events", t.col_events, True),
                                       Column("attendances", t.col_attendances, True),
                                       Column("interactions", t.col_interactions, True)], t)


def _no_network(names: pd.Series, networks, t: Texts) -> pd.Series:
    """The attribution's network names with its name of the ties without a learning network (``(no network)``,
    :mod:`collabgraph.metrics.periods`; never one of the data's ``networks``) in the page's language.

    >>> _no_network(pd.Series(["Noord", "(no network)"]), ["Noord"], Texts("nl")).tolist()
    ['Noord', '(geen leernetwerk)']
    """
    names = names.astype(object)
    text = names.astype(str)
    none = text.str.startswith(NO_NETWORK).to_numpy(bool) & ~text.isin(set(map(str, networks))).to_numpy(bool)
    return names.where(~none, t("v_(no network)") + text.str[len(NO_NETWORK):])


def _time(a: Analysis, t: Texts, by: str, attributed: pd.DataFrame | None, networks=()) -> dict | None:
    """The timeline, and the period comparison; the networks' rows of its attribution as ``attributed``
    (:func:`~collabgraph.privacy.suppressed_tables`' ``attribution``, as attribution.csv shows it: a network smaller
    than ``min_group``, and the row :func:`~collabgraph.privacy.complement` hides with it, as ``"<min_group"``);
    ``networks``: the data's learning networks, so the row of the ties without one is told apart and said in the
    page's language."""
    if a.timeline is None or a.timeline.windows.empty:
        return None
    tl = _windows(a)
    partial = tl["partial"].to_numpy(bool)
    labels = tl["label"].astype(str)
    tl = tl.assign(label=[t.window(x, p, short=True) for x, p in zip(labels, partial, strict=True)])
    freq = t(f"freq_{a.timeline.freq}")
    trend = _trend(a, t, by)
    sentences = [x for x in (trend, _whole_period(a, t, by)) if x]
    if partial.any():
        first, last = a.summary.period["start"], a.summary.period["end"]
        sentences.append(t.count("time_partial", int(partial.sum()), windows=t.join(map(t.window, labels[partial])),
                                 start=t.date(first), end=t.date(last)))
        if a.comparison is not None and a.options.compare_periods is None:
            sentences[-1] += " " + t("time_partial_compare")
    table = _table(tl, [Column("label", t.col_period), Column("people_active", t.col_active, True),
                        Column("ties", t.col_ties, True),
                        Column("new_ties", t("col_new_vs_previous", freq=freq), True),  # not in the window before
                        Column("cross_share", t.col_share, True, pct=True),
                        Column("cross_expected", t.col_expected, True, pct=True),
                        Column("density", t.col_density, True, 3), Column("communities", t.col_clusters, True)], t)
    compare = attribution = None
    c = a.comparison
    if c is not None:
        rows = _compare_rows(c, t)
        before, after = (t.window(p.label, short=True) for p in (c.before, c.after))
        compare = _table(pd.DataFrame(rows), [Column("metric", t.col_metric), Column("before", before, True),
                                              Column("after", after, True),
                                              Column("difference", t.col_difference, True)], t)
        top = c.top("network", 8)
        if len(top):
            net = attributed[(attributed["level"] == "network").to_numpy()]  # the rows attribution.csv hides
            hidden = net["contribution"].map(lambda v: isinstance(v, str)).to_numpy(bool)
            top = top.assign(points=100 * top["contribution"])
            if hidden.any():
                top = hide_rows(top, top["name"].astype(str).isin(set(net["name"][hidden].astype(str))).to_numpy(),
                                net["contribution"][hidden].iloc[0], ["ties_before", "ties_after", "points"])
            attribution = _table(top.assign(name=_no_network(top["name"], networks, t)),
                                 [Column("name", t.a_network), Column("ties_before", before, True),
                                  Column("ties_after", after, True),
                                  Column("points", t.col_contribution, True, 1)], t)
    return {"intro": t("time_intro", freq=freq), "sentences": sentences,
            "share_title": t("time_chart_title", by=by, freq=freq),
            "share_chart": Markup(charts.timeline(tl, name="timeline", observed_label=t.observed,
                                                  expected_label=t.expected, number=t.num)),
            "activity_title": t("time_activity_title", freq=freq),
            "activity_chart": Markup(charts.activity(tl, name="activity", people_label=t.col_active,
                                                     ties_label=t.col_ties, number=t.num)),
            "table": table, "compare": compare, "attribution": attribution,
            "compare_title": t("compare_title", before=t.window(c.before.label), after=t.window(c.after.label))
            if c else None}


def _map_note(data: dict, t: Texts, by: str, key: str) -> str | None:
    """The sentence on a capped map (None when everyone is drawn)."""
    rest = data["people"] - data["shown"]
    return t.count(key, data["alone"], shown=t.num(data["shown"] - data["alone"]), rest=t.num(rest), by=by) \
        if rest else None


def _method(a: Analysis, t: Texts, settings: ReportSettings, map_note: str | None) -> dict:
    o = a.options
    counts = a.input.get("counts", {})
    inp = pd.DataFrame([{"table": t(f"table_{k}") if f"table_{k}" in CATALOGUE else k, "read": c.get("read"),
                         "used": c.get("used"), "rejected": c.get("rejected"),
                         "skipped_blank": c.get("skipped_blank", 0)} for k, c in counts.items()])
    issues = pd.DataFrame([{"code": k, "count": v} for k, v in a.input.get("issues", {}).items()]
                          + [{"code": f"{k} ({t.warning})", "count": v}
                             for k, v in a.input.get("warnings", {}).items()])
    pivots = t("d_pivots", k=t.num(a.pivots)) if a.pivots else ""
    definitions = [t.d_ei, t.d_assort, t.d_reach, t("d_brokerage", pivots=pivots),
                   t("d_clusters", method=o.method.capitalize(),
                                          ties=t.d_ties_weighted if o.weighted else t.d_ties_unweighted),
                   t("d_clusters_same", options=_clusters_options(o)), t.d_isolation]
    params = [(t.p_by, _attr(t, o.by)), (t.p_seed, o.seed), (t.p_permutations, t.num(o.permutations)),
              (t.p_weighted, t.yes if o.weighted else t.no), (t.p_freq, t(f"freq_{o.freq}")),
              (t.p_betweenness, t.num(a.pivots) if a.pivots else t.p_exact), (t.p_method, o.method.capitalize()),
              (t.p_resolution, t.num(o.resolution, _decimals(o.resolution))), (t.p_stability, o.stability_runs),
              (t.p_compare, _attr(t, o.compare_with) if a.clusters.comparison is not None
               else t("p_compare_none", attr=_attr(t, o.compare_with))),
              (t.p_directed, t.directed if a.summary.directed else t.undirected),
              (t.p_map, map_note or t.p_all),
              (t.p_coordinator_roles, ", ".join(a.brokers.coordinator_roles) or t.p_none)]
    privacy = []
    if settings.pseudonymised:
        privacy += [t.privacy_pseudonymised, t.privacy_salt_given if settings.salt_given else t.privacy_salt_random]
    else:
        privacy.append(t.privacy_plain)
    privacy.append(t("privacy_small", n=settings.min_group))
    return {
        "input": _table(inp, [Column("table", t.col_table), Column("read", t.col_read, True),
                              Column("used", t.col_used, True), Column("rejected", t.col_rejected, True),
                              Column("skipped_blank", t.col_skipped_blank, True)], t)
        if len(inp) else None,
        "issues": _table(issues, [Column("code", t.col_code), Column("count", t.col_count, True)], t)
        if len(issues) else None,
        "definitions": definitions,
        "parameters": Table([Column("k", t.col_parameter), Column("v", t.col_value)], [list(p) for p in params]),
        "software": Table([Column("k", t.col_software), Column("v", t.col_version)],
                          [[k, v] for k, v in a.versions.items()]),
        "privacy": privacy, "exports": [f"exports/{name}" for name in EXPORTS] if settings.exports else [],
    }


# ---- page -------------------------------------------------------------------------------------------

#: Control characters HTML does not allow in text (C0 but tab, line feed and carriage return; DEL; C1).
_PAGE_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _page_text(value):
    r"""A value as the page writes it: text from the data with control characters shown as ``\xNN``, as the CLI
    shows them; markup (charts, scripts, already safe) as it is.

    >>> _page_text("Ann\x1b[31m\x07"), _page_text(3)
    ('Ann\\x1b[31m\\x07', 3)
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return _PAGE_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)
    return value


class _StoredCodeLoader(jinja2.PackageLoader):
    """The templates of ``collabgraph.report/templates``, each with the Python code that Jinja makes of it read
    from ``NAME.code`` beside it (:func:`template_code`) when that file names the template's SHA-256 and the
    installed Jinja version; otherwise (a changed template, another Jinja) compiled by Jinja as usual. Jinja's
    lexer, parser and code generator then do not run in every process (0.06 s CPU of the page's 0.08 s);
    Python compiles the code. Nothing is written."""

    def load(self, environment: jinja2.Environment, name: str, globals=None) -> jinja2.Template:
        source, filename, uptodate = self.get_source(environment, name)
        stored = resources.files("collabgraph.report").joinpath("templates", f"{name}.code")
        text = stored.read_text(encoding="utf-8") if stored.is_file() else ""
        header, _, code = text.partition("\n")
        if header != _code_header(source, environment):
            return super().load(environment, name, globals)
        return environment.template_class.from_code(environment, compile(code, filename, "exec"),
                                                    {} if globals is None else globals, uptodate)


def _code_header(source: str, env: jinja2.Environment) -> str:
    """The first line of a template's ``.code`` file: the Jinja version, the template's SHA-256 and that of the
    repr of the environment's options that change the code Jinja makes (delimiters, whitespace control,
    autoescape, finalize, extensions), so code made in another environment is not used."""
    options = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
               env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix,
               env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized,
               env.autoescape, env.finalize is not None, sorted(env.extensions))
    return (f"# jinja2 {jinja2.__version__} sha256 {hashlib.sha256(source.encode('utf-8')).hexdigest()} "
            f"options {hashlib.sha256(repr(options).encode('utf-8')).hexdigest()[:16]}")


def template_code(name: str) -> str:
    """The text of the template ``name``'s ``.code`` file: :func:`_code_header`, then the Python code Jinja
    makes of the template in the page's environment. After a template changes (or Jinja is upgraded), write it
    again (tests/report/test_templates.py fails until then; the page is right either way)::

        python -c "from collabgraph.report.html import write_template_code; write_template_code()"
    """
    env = _environment()
    source = env.loader.get_source(env, name)[0]
    return _code_header(source, env) + "\n" + env.compile(source, name, raw=True)


def write_template_code() -> None:
    """Write every template's ``.code`` file (:func:`template_code`) beside it, in the source checkout."""
    folder = Path(__file__).parent / "templates"
    for path in sorted(folder.glob("*.j2")):
        (folder / f"{path.name}.code").write_text(template_code(path.name), encoding="utf-8")


@functools.cache
def _environment() -> jinja2.Environment:
    """The page's template environment, made once per process: the templates' code is read from their ``.code``
    files (:class:`_StoredCodeLoader`) on the first ``get_template`` and kept (the test suite writes ~100 reports)."""
    env = jinja2.Environment(loader=_StoredCodeLoader("collabgraph.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, finalize=_page_text)
    env.globals["zip"] = zip
    return env


def _static(name: str) -> str:
    return resources.files("collabgraph.report").joinpath("static", name).read_text(encoding="utf-8")


def _script(js: str) -> str:
    """JavaScript safe inside a ``<script>`` element (no end tag, no comment opener)."""
    return js.replace("</script", "<\\/script").replace("<!--", "<\\!--")


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def render(dataset: Dataset, analysis: Analysis, settings: ReportSettings) -> str:
    """The report page as HTML text (see the module docstring); ``dataset`` gives the map its memberships."""
    return _render(dataset, analysis, person_level(analysis, settings), settings)


def _render(dataset: Dataset, analysis: Analysis, shown: Analysis, settings: ReportSettings,
            active_windows: pd.DataFrame | None = None, tables: dict[str, pd.DataFrame] | None = None,
            groups: dict[str, pd.DataFrame] | None = None, map_later: Callable[[], dict] | None = None) -> str:
    """:func:`render` with the people as shown (:func:`person_level`), the tie windows of the map
    (:func:`collabgraph.report.export.spell_windows`; None: the map computes them when it has periods), the
    programme sections' tables (:func:`_programme_tables` of ``shown``; None: built here), the group tables
    (:func:`~collabgraph.privacy.suppressed_tables` of ``shown``, as the CSV files and analysis.json show them; None:
    built here) and a function that returns the map's :func:`~collabgraph.report.netmap.map_data` (None: computed
    here), called once the other sections are built (:func:`write_report` computes the map in a second process
    meanwhile)."""
    t = Texts(settings.lang)
    tables = _programme_tables(shown, t, settings.min_group) if tables is None else tables
    groups = suppressed_tables(shown, min_group=settings.min_group) if groups is None else groups
    by = _attr(t, analysis.options.by)
    start, end = dataset.period()
    period = t("period", start=t.date(start), end=t.date(end)) if start is not None \
        else t.no_period
    professions = "profession" in dataset.people and bool(dataset.people["profession"].notna().any())
    dependency = _dependency_counts(shown, settings.min_group)  # of the summary and the dependency section
    figures, sentences = _summary(analysis, t, by, period, professions, dependency=dependency)
    vis_js, report_js, tables_js = (_script(vis_network_js()), _script(_static("report.js")),
                                    _script(_static("tables.js")))
    csp = ("default-src 'none'; script-src " + _sha256(vis_js) + " " + _sha256(report_js) + " " + _sha256(tables_js)
           + "; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    networks = _networks(analysis, t, by, settings.min_group, tables)
    work = _forms(analysis, t, by)
    lasting = _doorwerking(analysis, t, by, tables)
    roles = _roles(analysis, t, by, settings.min_group, tables)
    rated = _ratings(analysis, t, tables)
    sections = [("summary", t.sec_summary), ("map-section", t.nav_map),
                *([("networks", t.nav_networks)] if networks else []), ("crossing", t.nav_crossing),
                ("pollination", t.nav_pollination), *([("roles", t.nav_roles)] if roles else []),
                ("dependency", t.nav_dependency), ("clusters", t.sec_clusters),
                ("isolation", t.nav_isolation), *([("forms", t.nav_forms)] if work else []),
                *([("doorwerking", t.nav_doorwerking)] if lasting else []),
                *([("ratings", t.nav_ratings)] if rated else []), ("time", t.sec_time),
                ("method", t.sec_method)]
    context = {
        "lang": settings.lang, "t": t, "title": settings.title or t.default_title,
        "subtitle": t("subtitle", source=settings.source or t.default_source), "period": period, "version": __version__,
        "pseudonymised": settings.pseudonymised, "sections": sections, "css": Markup(_static("report.css")),
        "csp": csp, "figures": figures, "sentences": sentences, "min_group": settings.min_group,
        "funder": _funder(analysis, t, by, settings.min_group),
        "crossing": _crossing(analysis, t, by, settings.min_group),
        "pollination": _pollination(analysis, t, settings.min_group), "networks": networks, "forms": work,
        "doorwerking": lasting, "roles": roles, "ratings": rated,
        "dependency": _dependency(analysis, t, settings.min_group, tables, dependency),
        "clusters": _clusters(shown, t, analysis.options.by,
                              _placeholders(analysis, shown, ("domain", "organisation"))),
        "isolation": _isolation(analysis, t),
        "time": _time(analysis, t, by, groups.get("attribution"), dataset.networks),
        "hours": _hours(analysis, t, groups["hours"]),
        "vis_js": Markup(vis_js), "report_js": Markup(report_js), "tables_js": Markup(tables_js),
    }
    data = (map_data(dataset, shown, t, settings.map_nodes, active_windows=active_windows,
                     hidden_networks=hidden_networks(analysis, settings.min_group)) if map_later is None
            else map_later())  # hidden_networks: who is in one would give its size
    present = {a for a in COLOUR_BY if any(n[a] is not None for n in data["nodes"])}
    context.update({
        "map": {"frozen": data["frozen"], "n": t.num(data["people"]), "networks": data["networks"],
                "capped": _map_note(data, t, by, "map_capped"),
                "periods": data["periods"],
                "colour_by": [(a, _attr(t, a)) for a in COLOUR_BY if a in present],
                "size_by": [(s, t(f"size_{s}")) for s in SIZE_BY]},
        "method": _method(analysis, t, settings, _map_note(data, t, by, "p_map_capped")),
        "map_json": Markup(script_json(data)),
    })
    return _environment().get_template("report.html.j2").render(**context)


# ---- folder -------------------------------------------------------------------------------------------

def person_level(a: Analysis, settings: ReportSettings) -> Analysis:
    """``a`` with the people as every person-level output shows them (map, people.csv, analysis.json),
    and the clusters' and networks' compositions counted with those values.

    A value of the ``by`` attribute, and with ``pseudonymised`` of every attribute, that fewer than
    ``min_group`` people share becomes ``other`` (:func:`collabgraph.privacy.generalise`), and so does the ``by``
    group hidden with a single small one (:func:`collabgraph.privacy.hidden_groups`), so no file of the report can
    be counted around the suppressed group tables. Names and ids are never generalised.
    """
    columns = generalised_columns(a.options, settings.pseudonymised)
    hide = {a.options.by: hidden_groups(a.mixing.groups, settings.min_group)}  # and a single small group's complement
    people = generalise(a.people, columns, settings.min_group, hide)
    c, hidden = a.clusters, {"network": hidden_networks(a, settings.min_group)}  # folded into 'other' too
    nets = a.pollination.networks["network"].astype(str)
    labels = other_labels(a.people, columns, settings.min_group, hide) | {  # apart from a real value 'other'
        "network": other_label(nets[~nets.isin(hidden["network"])], settings.min_group)}
    clusters = replace(c, composition=generalise_composition(c.composition, people, hidden, labels=labels),
                       networks=generalise_composition(c.networks, people, hidden, labels=labels))
    return replace(a, people=people, clusters=clusters)


def _json(a: Analysis, min_group: int, *, lang: str = "en", tables: dict[str, pd.DataFrame] | None = None,
          groups: dict[str, pd.DataFrame] | None = None) -> dict:
    """``Analysis.to_dict()`` with the small-group suppression of the CSV files: the ``by`` groups, learning
    networks and roles smaller than ``min_group`` show ``"<N"`` for their numbers, in ``mixing`` (groups,
    matrix, each person's group), ``brokers`` (groups, each person's group, the members and cut-off
    counts of key people in small learning networks), ``reach`` and ``pollination.networks``, and the figures of a
    hidden learning network (:func:`~collabgraph.privacy.hidden_networks`) in ``brokers.dependency``,
    ``clusters.networks``, ``pollination.between_network_ties``, ``hours.networks`` and ``compare.attribution``
    (there also hidden groups; a person's hidden group as ``other``); ``a`` from
    :func:`person_level`, ``tables`` its :func:`_programme_tables` and ``groups`` its
    :func:`~collabgraph.privacy.suppressed_tables` (None: built here)."""
    out = a.to_dict()
    shown = suppressed_tables(a, min_group=min_group) if groups is None else groups
    hidden = hidden_groups(a.mixing.groups, min_group)
    mixing = out["mixing"]
    mixing["groups"] = records(shown["groups"])
    label = f"<{min_group}"
    mixing["mixing"] = {str(r): {str(c): v for c, v in row.items()}
                        for r, row in shown["mixing"].to_dict("index").items()}
    other = groups_other_label(a, min_group)  # apart from a real group 'other'
    for row in (mixing.get("persons") or []) + (out["brokers"].get("people") or []):
        if str(row.get("group")) in hidden:
            row["group"] = other
    out["brokers"]["groups"] = [{k: label if k != "group" and str(g.get("group")) in hidden else v
                                 for k, v in g.items()} for g in out["brokers"].get("groups") or []]
    out["reach"] = {k: records(shown[f"reach_{k}"]) for k in ("networks", "groups", "roles")}
    out["pollination"]["networks"] = records(shown["networks"])
    nets = hidden_networks(a, min_group)
    for row in out["brokers"].get("dependency") or []:  # key people of a hidden learning network, as dependency.csv
        if isinstance(row.get("members"), int | float) and (row["members"] < min_group or str(row["network"]) in nets):
            row.update({k: label for k in row if k not in ("network", "id", "reason")})
    for row in out["clusters"].get("networks") or []:
        if str(row.get("network")) in nets:
            row.update({k: label for k in row if k != "network"})
    out["pollination"]["between_network_ties"] = records(shown["network_ties"])
    out["hours"]["networks"] = records(shown["hours"])
    if out.get("compare") and out["compare"]["attribution"]:  # its own order of the rows
        out["compare"]["attribution"] = records(suppress_attribution(pd.DataFrame(out["compare"]["attribution"]),
                                                                     nets, hidden, label, other=other))
    tables = _programme_tables(a, Texts(lang), min_group) if tables is None else tables
    if out["brokers"].get("dependency_counts") is not None:  # the rows shown: a small network's are not counted
        counts = _dependency_counts(a, min_group)
        out["brokers"]["dependency_counts"] = {k: counts[k] for k in ("tested", "cutting_off", "fragmentation_only")}
    out["networks"] = records(tables["scorecard"])
    out["network_quarters"] = records(tables["network_quarters"])
    out["doorwerking"] = records(tables.get("doorwerking", a.doorwerking))  # empty: as analyze left it
    if a.roles is not None:
        out["roles"] = {"by": a.roles.by, **{k: records(tables[k]) for k in ROLE_TABLES}}
    if a.ratings is not None:  # as the page shows them; per-person ratings are not part of the report
        out["ratings"] = {"ratings": list(a.ratings.columns), "directed": a.ratings.directed,
                          **{k.removeprefix("ratings_"): records(tables[k]) for k in RATING_TABLES}}
    return out


def _data_tables(dataset: Dataset, a: Analysis, min_group: int, *, lang: str = "en",
                 tables: dict[str, pd.DataFrame] | None = None,
                 groups: dict[str, pd.DataFrame] | None = None) -> dict[str, pd.DataFrame]:
    """The files of ``data/`` (name: table); ``a`` from :func:`person_level`, ``tables`` its
    :func:`_programme_tables` and ``groups`` its :func:`~collabgraph.privacy.suppressed_tables` (None: built here)."""
    shown = suppressed_tables(a, min_group=min_group) if groups is None else groups
    people = a.people.join(a.reach.drop(columns=[c for c in a.reach.columns if c in a.people.columns]))
    clusters = pd.DataFrame([{"cluster": c["id"], "size": c["size"], "silo": c["silo"],
                              "silo_by": ";".join(c["silo_by"]),
                              **{f"top_{k}": v.get("top") for k, v in c["composition"].items()},
                              **{f"top_{k}_share": v.get("top_share") for k, v in c["composition"].items()}}
                             for c in a.clusters.composition])
    clusters = clusters.merge(a.clusters.communities.clusters.rename(columns={"id": "cluster"}).drop(columns="size"),
                              on="cluster", how="left") if len(clusters) else clusters
    flagged = a.isolation.flagged
    isolation = pd.DataFrame({"id": flagged.index.astype(str),
                              "name": a.people["name"].reindex(flagged.index).to_numpy(),
                              "reasons": flagged["reasons"].map(";".join).to_numpy(),
                              "degree": flagged["degree"].to_numpy(), "strength": flagged["strength"].to_numpy(),
                              "core": flagged["core"].to_numpy()})
    cols = ["person", "rank", "id", "name", "score", "steps", "shared_contacts", "other_domain", "other_profession"]
    sizes = [len(s.table) for s in a.suggestions]  # one concat, then person and rank for all rows at once
    suggestions = (pd.concat([s.table for s in a.suggestions], ignore_index=True).assign(
        person=pd.array(np.repeat([s.person for s in a.suggestions], sizes).astype(object), dtype="str"),
        rank=np.concatenate([np.arange(1, n + 1) for n in sizes]))[cols]
        if sizes else pd.DataFrame(columns=cols))
    crossing = pd.DataFrame([{"attribute": k, "ties": r.ties, "share_external": r.share_external,
                              "share_expected": r.share_expected, "ei_index": r.ei_index,
                              "ei_expected": r.ei_expected, "ei_p_value": r.ei_p_value,
                              "assortativity": r.assortativity, "missing": r.missing} for k, r in a.crossing.items()])
    groups = groups_table(a)  # the by groups first, then the learning networks
    by = np.arange(len(groups)) < len(a.mixing.groups)
    groups = hide_rows(groups, (by & groups["group"].astype(str).isin(hidden_groups(a.mixing.groups, min_group)))
                       | (~by & ((pd.to_numeric(groups["size"], errors="coerce") < min_group)
                                 | groups["group"].astype(str).isin(hidden_networks(a, min_group)))), f"<{min_group}")
    return {
        "people": people.reset_index(names="id"), "ties": a.ties.drop(columns=["u", "v"]),
        "mixing": shown["mixing"].reset_index(), "groups": groups, "crossing": crossing,
        "reach_networks": shown["reach_networks"], "reach_roles": shown["reach_roles"], "networks": shown["networks"],
        "spanners": a.pollination.spanners, "network_ties": shown["network_ties"],
        "clusters": clusters, "isolation": isolation, "suggestions": suggestions,
        "timeline": inclusive_ends(_windows(a)) if a.timeline is not None else pd.DataFrame(),
        "compare": (a.comparison.metrics.reset_index() if a.comparison is not None else pd.DataFrame()),
        "attribution": shown["attribution"] if a.comparison is not None else pd.DataFrame(),
        "hours": shown["hours"],
        **(_programme_tables(a, Texts(lang), min_group) if tables is None else tables),
    }


def _data_files(dataset: Dataset, a: Analysis, settings: ReportSettings, tables: dict[str, pd.DataFrame],
                groups: dict[str, pd.DataFrame]) -> dict[str, bytes]:
    """The files of ``data/`` (file name: content) as :func:`write_report` writes them: every table of
    :func:`_data_tables` as CSV in the report's style (:func:`~collabgraph.outputs.csv_text`, the text
    :func:`~collabgraph.outputs.write_csv` writes) and ``analysis.json``; ``a`` from :func:`person_level`, ``tables``
    its :func:`_programme_tables` and ``groups`` its :func:`~collabgraph.privacy.suppressed_tables`. Computed, not
    written: :func:`write_report` computes them in a second process while it renders the page."""
    from collabgraph.serialize import to_json

    style = csv_style(settings.lang, settings.csv_style)
    excel = style == "excel-nl"  # for Dutch Excel: Dutch words in a Dutch report, no date-like text
    none = no_network_label(dataset.networks)  # the attribution's ties without a learning network
    files = {f"{name}.csv": csv_text(data_values(name, frame, lang=settings.lang if excel else "en", excel=excel,
                                                 no_network=none),
                                     style=style).encode("utf-8")
             for name, frame in _data_tables(dataset, a, settings.min_group, lang=settings.lang, tables=tables,
                                             groups=groups).items()}
    payload = _json(a, settings.min_group, lang=settings.lang, tables=tables, groups=groups)
    files["analysis.json"] = (to_json(payload, indent=None) + "\n").encode("utf-8")
    return files


def _programme_tables(a: Analysis, t: Texts, min_group: int) -> dict[str, pd.DataFrame]:
    """The data of the programme-view sections as the page, its CSV files and analysis.json show them (built
    once per report): scorecard.csv (the sentence in the report's language), network_quarters.csv,
    dependency.csv, doorwerking.csv (with learning networks), the :data:`ROLE_TABLES` (when someone has a role),
    the :data:`RATING_TABLES` (with ratings) and forms.csv (when the data have events)."""
    out = {"scorecard": _card_shown(a, t, min_group), "network_quarters": _quarters_shown(a, min_group),
           "dependency": _dependency_shown(a, t, min_group)}
    if len(a.doorwerking):
        out["doorwerking"] = _doorwerking_shown(a, t, min_group)
    out.update(_roles_shown(a, t, min_group))
    out.update(_ratings_shown(a, t, min_group))
    if a.forms is not None:
        out["forms"] = a.forms.table
    return out


def _replace_folder(built: Path, target: Path) -> None:
    """Move ``built`` to ``target``; an earlier report there (it holds the marker) is swapped out, then removed."""
    check_stopped()
    prepare_folder(target)
    if not target.exists():
        os.replace(built, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.replace(target, old / "report")
    try:
        os.replace(built, target)
    except BaseException:
        os.replace(old / "report", target)
        raise
    finally:
        shutil.rmtree(old, ignore_errors=True)


def write_report(dataset: Dataset, out: Path | str, *, options: AnalysisOptions | None = None,
                 settings: ReportSettings | None = None, salt: bytes | None = None,
                 progress: bool | None = False) -> Path:
    """Analyse ``dataset`` and write the report folder ``out`` atomically.

    Parameters
    ----------
    dataset : Dataset
    out : Path
        The report folder. An earlier report there (a folder holding ``.collabgraph-output``, which every
        report has) is replaced; any other existing file or non-empty folder is refused (:class:`OutputError`),
        as are a path that cannot be written and a folder that is or holds an input of ``dataset``
        (:attr:`~collabgraph.dataset.Dataset.inputs`). A SIGINT/SIGTERM during the run removes the half-built folder.
    options : AnalysisOptions, optional
    settings : ReportSettings, optional
        With ``pseudonymised=True`` a ``salt`` is required; with ``exports=True`` the folder also gets
        ``exports/`` (GEXF, GraphML, JSON, XLSX).
    salt : bytes, optional
        Secret of the pseudonyms (:func:`collabgraph.privacy.pseudonymise`); never written.
    progress : bool or None
        Progress bar on stderr (see :func:`collabgraph.analysis.analyze`).

    Returns
    -------
    Path
        The report folder.

    Examples
    --------
    >>> import tempfile
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     folder = write_report(ds, Path(tmp) / "report", options=AnalysisOptions(permutations=0, bootstraps=0))
    ...     (folder / "index.html").is_file()
    True
    """
    check("progress", progress, bool, None)
    options = with_options(dataset, options, {})  # by="Domein": domain, as analyze() reads it
    settings = ReportSettings() if settings is None else settings
    check_output(out, list(dataset.inputs), folder=True)
    if settings.pseudonymised:
        if not salt:
            raise ParameterError(f"salt must be non-empty for a pseudonymised report; got {salt!r}.")
        dataset = pseudonymise(dataset, salt, keep=(options.by, options.compare_with))
    out = Path(out).resolve()
    prepare_folder(out)  # refused before the analysis runs, and again just before the folder is replaced
    with writing(out):
        out.parent.mkdir(parents=True, exist_ok=True)
    analysis = analyze(dataset, options, progress=progress)
    build = None
    try:
        with writing(out):
            build = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
            (build / MARKER).write_text("written by collabgraph report; the next report here replaces this folder\n",
                                        encoding="utf-8")
            (build / "data").mkdir()
            shown = person_level(analysis, settings)
            active = spell_windows(dataset, analysis) if settings.exports else None  # for the map and the GEXF
            tables = _programme_tables(shown, Texts(settings.lang), settings.min_group)  # page, CSV and JSON
            groups = suppressed_tables(shown, min_group=settings.min_group)  # page, CSV and JSON
            beside = wanted(len(analysis.ties), BESIDE_TIES)  # the map and the data files beside the page
            with ExitStack() as stack:
                files = later(stack, _data_files, dataset, shown, settings, tables, groups, background=beside,
                              what="the data files")
                data = later(stack, map_data, dataset, shown, Texts(settings.lang), settings.map_nodes,
                             active_windows=active, hidden_networks=hidden_networks(analysis, settings.min_group),
                             background=beside, what="the map")
                page = _render(dataset, analysis, shown, settings, active, tables, groups, data)
                (build / "index.html").write_text(page, encoding="utf-8")
                for name, content in files().items():
                    (build / "data" / name).write_bytes(content)
            if settings.exports:
                (build / "exports").mkdir()
                export_all(*private_view(dataset, analysis, settings.min_group,
                                         pseudonymised=settings.pseudonymised), build / "exports",
                           active_windows=active, lang=settings.lang)
            os.chmod(build, 0o755)
            _replace_folder(build, out)
    except BaseException:
        if build is not None:
            shutil.rmtree(build, ignore_errors=True)
        raise
    return out

