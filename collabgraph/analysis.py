"""``analyze(dataset, options) -> Analysis``: the one orchestrator (DESIGN.md).

The report and the CLI call :func:`analyze`; neither computes a metric itself. It builds the tie
table once and hands it to every metric family (mixing, reach, brokerage, cross-pollination,
communities, isolation, introductions, time series), so each result describes the same ties.

Every random procedure gets ``options.seed``, so the same dataset and options give byte-identical
JSON (:meth:`Analysis.to_dict`).

Examples
--------
>>> import pandas as pd
>>> from collabgraph import from_frames
>>> people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
>>> inter = pd.DataFrame({"source": list("abc"), "target": list("bcd"),
...                       "date": ["2020-03-01", "2021-03-01", "2021-04-01"]})
>>> a = analyze(from_frames(people=people, interactions=inter), AnalysisOptions(permutations=0, freq="year"))
>>> a.mixing.share_external, [round(x, 3) for x in a.timeline.windows["cross_share"]]
(0.3333333333333333, [0.0, 0.5])
"""

from __future__ import annotations

import platform
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, fields, replace
from html import escape
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from collabgraph.background import later, wanted
from collabgraph.dataset import FREQS, SHOWN_ROWS, Dataset, html_facts
from collabgraph.errors import ParameterError
from collabgraph.graph import ties as make_ties
from collabgraph.groups import check_attribute
from collabgraph.metrics.brokerage import BrokersResult, brokers
from collabgraph.metrics.centrality import betweenness_from_ties, coordinator_rows
from collabgraph.metrics.communities import METHODS, ClusterReport, clusters, single_network
from collabgraph.metrics.isolation import Isolation, isolation
from collabgraph.metrics.mixing import EIResult, ei_index
from collabgraph.metrics.pollination import PollinationResult, pollination
from collabgraph.metrics.reach import compare_roles, reach, reach_summary, role_labels
from collabgraph.metrics.structure import Summary, degree, summary
from collabgraph.metrics.windows import tie_windows
from collabgraph.params import Interval, Options, check
from collabgraph.progress import Progress
from collabgraph.serialize import records
from collabgraph.tietable import strengths, tie_weights

if TYPE_CHECKING:  # imported in analyze(): export_analysis (collabgraph export) computes none of them
    from collabgraph.metrics.forms import Forms
    from collabgraph.metrics.hours import Hours
    from collabgraph.metrics.periods import PeriodComparison
    from collabgraph.metrics.ratings import Ratings
    from collabgraph.metrics.role_groups import RoleGroupFigures
    from collabgraph.metrics.suggest import Suggestions
    from collabgraph.metrics.timeline import Timeline

__all__ = ["ATTRIBUTES", "Analysis", "AnalysisOptions", "analyze", "betweenness_later", "checked_pivots",
           "crossing_boundaries", "formal_groups", "network_quarters", "people_table", "versions", "window_freq"]

#: Attributes whose boundary crossing is always summarised (next to ``options.by``).
ATTRIBUTES = ("domain", "organisation", "profession", "role")

#: Above this many people betweenness is estimated from pivots when ``betweenness_k="auto"``.
EXACT_BETWEENNESS_LIMIT = 2000
AUTO_PIVOTS = 500
#: From this many ties betweenness runs in a second (forked) process while the other metrics are computed.
BACKGROUND_TIES = 50_000
#: From this many ties the time series and the programme's figures over time (:func:`_over_time`) are computed
#: in a second (forked) process beside the other families, when this process may use two CPUs.
BESIDE_TIES = 1_000


@dataclass(frozen=True)
class AnalysisOptions:
    """Parameters of :func:`analyze`; every field is reported in the method section and the JSON.

    Attributes
    ----------
    by : str
        The person attribute whose boundaries are studied (E-I, brokerage roles, reach summaries).
    seed : int
        Seed of every random procedure (permutations, community detection, pivots, roles).
    permutations : int
        Permutations of the E-I test (0: no p-value).
    weighted : bool
        Weighted E-I, structural holes and communities (tie weights) instead of counting each tie once; the
        communities per window (timeline, cluster evolution) and per compared period follow it too.
    freq : str
        Window of the time series: ``day, week, month, quarter, year`` or ``wave``.
    betweenness_k : int, "auto" or None
        Betweenness from this many pivots; ``None`` exact; ``"auto"`` exact up to 2,000 people,
        else 500 pivots (Brandes & Pich 2007).
    method, resolution : str, float
        Community detection (see :func:`collabgraph.metrics.communities.communities`).
    stability_runs : int
        Seeds for community stability (0 or >= 2).
    compare_with : str
        The formal groups communities are compared with: ``network`` or a people column.
    suggestions : int
        Introductions suggested per flagged person.
    max_suggested : int
        At most this many flagged people (most isolated first) get suggestions.
    bootstraps : int
        Resamples of people for the interval of the before/after change in cross share.
    compare_periods : (str, str), optional
        The two periods compared (``2020``, ``2021Q3``, ``2020-01-01..2020-06-30``, a wave label);
        default the first and last year the data cover completely (quarter, when fewer than two
        years are complete; wave, for waves).
    coordinator_roles : tuple of str, optional
        Role values that mean coordinator, for every figure that uses roles (dependency on key people,
        introductions, the scorecard, role groups, reach per role group): when given, they alone make
        the coordinator group (:mod:`collabgraph.rolegroups`); default the built-in Dutch/English list.

    Examples
    --------
    >>> AnalysisOptions(permutations=0, freq="year").to_dict()["freq"]
    'year'
    """

    by: str = "domain"
    seed: int = 0
    permutations: int = 999
    weighted: bool = False
    freq: str = "quarter"
    betweenness_k: int | str | None = "auto"
    method: str = "leiden"
    resolution: float = 1.0
    stability_runs: int = 5
    compare_with: str = "network"
    suggestions: int = 3
    max_suggested: int = 50
    bootstraps: int = 1000
    compare_periods: tuple[str, str] | None = None
    coordinator_roles: tuple[str, ...] | None = None

    def __post_init__(self):
        check("weighted", self.weighted, bool)
        object.__setattr__(self, "weighted", bool(self.weighted))  # np.True_ as True
        check("freq", self.freq, Options(FREQS))
        check("method", self.method, Options(METHODS))
        check("betweenness_k", self.betweenness_k, Interval(int, 1, None), Options(["auto"]), None)
        for name in ("permutations", "suggestions", "max_suggested", "bootstraps"):
            check(name, getattr(self, name), Interval(int, 0, None))
        check("stability_runs", self.stability_runs, Options([0]), Interval(int, 2, None))

    def to_dict(self) -> dict:
        out = asdict(self)
        out["compare_periods"] = None if self.compare_periods is None else list(self.compare_periods)
        out["coordinator_roles"] = None if self.coordinator_roles is None else list(self.coordinator_roles)
        return out


def versions() -> dict:
    """Versions of Python and of the libraries the results depend on (read from the installed
    packages' metadata: importing igraph or scikit-learn for it would cost seconds).

    >>> sorted(versions())[:3]
    ['collabgraph', 'igraph', 'networkx']
    """
    from importlib.metadata import version

    from collabgraph import __version__

    return {"collabgraph": __version__, "python": platform.python_version(), "pandas": pd.__version__,
            "numpy": np.__version__, "scipy": version("scipy"), "networkx": version("networkx"),
            "igraph": version("igraph"), "scikit-learn": version("scikit-learn")}


@dataclass(frozen=True)
class Analysis:
    """Every result of :func:`analyze` for one dataset.

    Attributes
    ----------
    options : AnalysisOptions
    summary : Summary
        Counts, density, components (:func:`collabgraph.metrics.structure.summary`).
    input : dict
        Per input table the rows ``read, used, rejected`` (and ``added``), and the number of issues
        per code (``issues``); empty when the dataset was built without validation counts.
    ties : DataFrame
        The tie table every result was computed from.
    people : DataFrame
        One row per person (index ``id``): ``name, role, profession, organisation, domain,
        degree, strength, betweenness, constraint, brokerage, community, contacts, reach,
        domains_two_step, isolation`` (``;``-joined reason codes).
    mixing : EIResult
        E-I of ``options.by`` with its permutation test.
    crossing : dict
        Attribute -> :class:`EIResult` (without permutations) for ``by`` and :data:`ATTRIBUTES`.
    reach : DataFrame
        :func:`collabgraph.metrics.reach.reach` per person.
    reach_networks, reach_groups, reach_roles : DataFrame
        :func:`reach_summary` per learning network and per ``by`` group; :func:`compare_roles` per
        role group (``dataset.role_map`` applied; empty when no one is a ``professional`` to compare with).
    brokers : BrokersResult
    pollination : PollinationResult
    clusters : ClusterReport
    isolation : Isolation
    suggestions : list of Suggestions
        For the first ``max_suggested`` flagged people.
    timeline : Timeline or None
        :func:`collabgraph.metrics.timeline.timeline` per ``options.freq`` window (None without
        dates or waves).
    comparison : PeriodComparison or None
        :func:`collabgraph.metrics.periods.compare_periods` of the two periods of ``compare_periods``.
    hours : Hours
        Person-hours per person and learning network (:func:`collabgraph.metrics.hours.hours`).
    pivots : int or None
        Pivots of the betweenness estimate (None: exact).
    versions : dict
    scorecard : DataFrame
        One row per learning network and one for the programme
        (:func:`collabgraph.metrics.scorecard.scorecard`).
    forms : Forms or None
        Work forms and size bands of events (:func:`collabgraph.metrics.forms.forms`); None without events.
    network_quarters : DataFrame
        Per learning network and quarter, its ties (both ends members) with a record in the quarter and
        the share of them crossing an ``options.by`` boundary (:func:`network_quarters`); empty without dates.
    roles : RoleGroupFigures or None
        Role groups per learning network (:func:`collabgraph.metrics.role_groups.role_group_figures`, by
        ``options.by``); None when no person has a role.
    ratings : Ratings or None
        Survey ratings per learning network, overall, trust and value side by side, per wave
        (:func:`collabgraph.metrics.ratings.ratings`); None when the interactions have no rating column.
    doorwerking : DataFrame
        Per learning network (and the programme) the ties formed up to its own end and the share active after
        it, within and across ``options.by`` (:func:`collabgraph.metrics.durability.network_durability`);
        empty without learning networks.
    """

    options: AnalysisOptions
    summary: Summary
    input: dict
    ties: pd.DataFrame = field(repr=False)
    people: pd.DataFrame = field(repr=False)
    mixing: EIResult = field(repr=False)
    crossing: dict = field(repr=False)
    reach: pd.DataFrame = field(repr=False)
    reach_networks: pd.DataFrame = field(repr=False)
    reach_groups: pd.DataFrame = field(repr=False)
    reach_roles: pd.DataFrame = field(repr=False)
    brokers: BrokersResult = field(repr=False)
    pollination: PollinationResult = field(repr=False)
    clusters: ClusterReport = field(repr=False)
    isolation: Isolation = field(repr=False)
    suggestions: list = field(repr=False)
    timeline: Timeline | None = field(repr=False)
    comparison: PeriodComparison | None = field(repr=False)
    hours: Hours = field(repr=False)
    pivots: int | None = None
    versions: dict = field(default_factory=dict)
    scorecard: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    forms: Forms | None = field(default=None, repr=False)
    network_quarters: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    doorwerking: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    roles: RoleGroupFigures | None = field(default=None, repr=False)
    ratings: Ratings | None = field(default=None, repr=False)

    def _facts(self) -> list[tuple[str, str]]:
        """(label, value) pairs of the headline figures, each named as what it counts."""
        ei = self.mixing.ei_index
        flagged = int(self.people["isolation"].notna().sum())
        density = "n/a" if self.summary.people < 2 else f"{self.summary.density:.4f}"  # no pair below two people
        return [("people", f"{self.summary.people:,}"), ("ties", f"{self.summary.ties:,}"), ("density", density),
                ("components", f"{self.summary.components:,}"),
                (f"E-I index by {self.options.by}", "n/a" if ei is None else f"{ei:.3f}"),
                ("people flagged as possibly left out", f"{flagged:,}")]

    def __repr__(self) -> str:
        """One line of headline figures, never a table.

        Examples
        --------
        >>> from collabgraph.datasets import load_example
        >>> analyze(load_example(), AnalysisOptions(permutations=0, stability_runs=0))  # doctest: +ELLIPSIS
        <Analysis: people: 598, ties: 9,630, density: 0.0539, components: 11, E-I index by domain: 0.046, ...>
        """
        return f"<Analysis: {', '.join(f'{label}: {value}' for label, value in self._facts())}>"

    def _repr_html_(self) -> str:
        """The headline figures and the :data:`SHOWN_ROWS` people with the highest betweenness, for Jupyter."""
        shown = [c for c in ("name", "domain", "community", "degree", "betweenness", "isolation") if c in self.people]
        top = self.people.sort_values(["betweenness", "degree"], ascending=False, kind="stable")
        return (f"<div><strong>Analysis</strong> (by {escape(self.options.by)}){html_facts(self._facts())}"
                f"<p>The {min(SHOWN_ROWS, len(top))} people with the highest betweenness of {len(top):,} "
                "(<code>.people</code>; every table is an attribute):</p>"
                + top[shown].head(SHOWN_ROWS).to_html(escape=True, na_rep="", border=0) + "</div>")

    def to_dict(self) -> dict:
        """Everything as JSON-ready dicts (the keys are listed in docs/report.md)."""
        people = self.people.reset_index(names="id")
        return {
            "options": self.options.to_dict(),
            "versions": self.versions,
            "input": self.input,
            "summary": self.summary.to_dict(),
            "mixing": self.mixing.to_dict(),
            "crossing": {attr: _crossing(r) for attr, r in self.crossing.items()},
            "reach": {"networks": records(self.reach_networks), "groups": records(self.reach_groups),
                      "roles": records(self.reach_roles)},
            "brokers": self.brokers.to_dict(),
            "pollination": self.pollination.to_dict(),
            "clusters": self.clusters.to_dict(),
            "isolation": self.isolation.to_dict(),
            "suggestions": [s.to_dict() for s in self.suggestions],
            "timeline": None if self.timeline is None else self.timeline.to_dict(),
            "compare": None if self.comparison is None else self.comparison.to_dict(),
            "hours": self.hours.to_dict(),
            "networks": records(self.scorecard),
            "network_quarters": records(self.network_quarters),
            "forms": None if self.forms is None else self.forms.to_dict(),
            "doorwerking": records(self.doorwerking),
            "roles": None if self.roles is None else self.roles.to_dict(),
            "ratings": None if self.ratings is None else self.ratings.to_dict(),
            "betweenness_pivots": self.pivots,
            "people": records(people),
        }


def _crossing(r: EIResult) -> dict:
    return {"ties": r.ties, "share_external": r.share_external, "share_expected": r.share_expected,
            "ei_index": r.ei_index, "ei_expected": r.ei_expected, "assortativity": r.assortativity,
            "missing": r.missing}


def _input(dataset: Dataset) -> dict:
    report = dataset.report
    if report is None:
        return {}
    def per_code(found) -> dict[str, int]:
        codes = pd.Series([i.code for i in found], dtype=object).value_counts().sort_index()
        return {str(k): int(v) for k, v in codes.items()}

    return {"counts": report.counts, "issues": per_code(report.issues), "warnings": per_code(report.warnings)}


def window_freq(dataset: Dataset, freq: str) -> str | None:
    """The frequency of the timeline's windows: ``freq`` when the data have dates (or ``wave`` when asked and
    present), waves for undated data, None when there are neither (no windows).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> window_freq(from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"]})), "quarter") is None
    True
    """
    if freq == "wave":
        return "wave" if dataset.has_waves else None
    if dataset.has_dates:
        return freq
    return "wave" if dataset.has_waves else None


def _periods(dataset: Dataset, options: AnalysisOptions) -> tuple[str, str] | None:
    """The two periods of the before/after comparison: ``options.compare_periods``, else the first and
    last calendar year that the data cover completely (quarter, when fewer than two years are covered
    completely; partial periods are not compared), or the first and last wave."""
    if options.compare_periods is not None:
        return options.compare_periods
    if dataset.has_dates:
        start, end = (day.normalize() for day in dataset.period())
        for freq in ("Y", "Q"):
            covered = [p for p in pd.period_range(start, end, freq=freq)
                       if p.start_time >= start and p.end_time.normalize() <= end]
            if len(covered) > 1:
                return str(covered[0]), str(covered[-1])
        return None
    if dataset.has_waves:
        waves = [str(w) for w in dataset.interactions["wave"].cat.categories]
        return (waves[0], waves[-1]) if len(waves) > 1 else None
    return None


def people_table(dataset: Dataset, t: pd.DataFrame, b: BrokersResult, c: ClusterReport, iso: Isolation,
                 rch: pd.DataFrame) -> pd.DataFrame:
    """:attr:`Analysis.people`: each person's name, role, profession, organisation and domain with ``degree,
    strength`` (from the tie table ``t``), ``betweenness, constraint, brokerage`` (``b``), ``community`` (``c``),
    ``contacts, reach`` (and ``domains_two_step``, from ``rch``) and ``isolation`` (the reasons of ``iso``,
    ``;``-joined).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> t = make_ties(ds)
    >>> p = people_table(ds, t, brokers(ds, tie_table=t), clusters(ds, tie_table=t), isolation(ds, tie_table=t),
    ...                  reach(ds, tie_table=t))
    >>> p["degree"].tolist(), p["isolation"].tolist()
    ([1, 2, 1], ['pendant', <NA>, 'pendant'])
    """
    people = dataset.people
    n = len(people)
    cols = ["name", "role", "profession", "organisation", "domain"]
    out = people[cols].copy()
    out["degree"] = degree(dataset, tie_table=t)
    u, v = t["u"].to_numpy(np.int64), t["v"].to_numpy(np.int64)
    w = tie_weights(t)
    out["strength"] = strengths(u, v, w, n)
    out["betweenness"] = b.people["betweenness"].to_numpy(float)
    out["constraint"] = b.people["constraint"].to_numpy(float)
    out["brokerage"] = b.people["total"]
    out["community"] = c.communities.membership.reindex(people.index).to_numpy()
    out["contacts"] = rch["contacts"].to_numpy()
    out["reach"] = rch["reach"].to_numpy()
    if "domain_two_step" in rch:
        out["domains_two_step"] = rch["domain_two_step"].to_numpy()
    out["isolation"] = iso.table["reasons"].reindex(people.index).map(
        lambda r: ";".join(r) if isinstance(r, list) and r else pd.NA).astype("string")
    return out


def network_quarters(dataset: Dataset, *, by: str = "domain", tie_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per learning network and quarter: the network's ties active in the quarter and their share across ``by``.

    A network's ties are those with both ends members (as in :func:`collabgraph.metrics.scorecard.scorecard`);
    a tie is active in a quarter when it has a record (an interaction or a shared event) dated in it
    (:func:`collabgraph.metrics.windows.tie_windows`, the ``ties`` of the timeline's windows).

    Parameters
    ----------
    dataset : Dataset
    by : str
        The people column whose boundary a tie crosses.
    tie_table : DataFrame, optional
        The tie table (:func:`collabgraph.graph.ties`), if already computed.

    Returns
    -------
    DataFrame
        ``network, label`` (``2021Q3``), ``start``, ``end`` (exclusive), ``partial`` (the data cover the quarter
        only in part, as in the timeline), ``ties``, ``ties_known`` (both ends with a known ``by``),
        ``cross_ties`` and ``cross_share`` (``cross_ties / ties_known``; NaN without such ties); every quarter
        of the data's period for every network, sorted by network and quarter. Empty without dates.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "networks": "n1", "domain": ["zorg", "zorg", "welzijn"]})
    >>> inter = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "c"],
    ...                       "date": ["2021-01-05", "2021-02-01", "2021-06-30"]})
    >>> q = network_quarters(from_frames(people=people, interactions=inter))
    >>> q[["label", "ties", "cross_ties", "cross_share", "partial"]].values.tolist()
    [['2021Q1', 2, 1, 0.5, True], ['2021Q2', 1, 1, 1.0, False]]
    """
    columns = ["network", "label", "start", "end", "partial", "ties", "ties_known", "cross_ties", "cross_share"]
    lo, hi = dataset.period()
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    m = m.assign(code=dataset.codes(m["person"]), network=m["network"].astype(str))
    m = m[m["code"] >= 0]
    if lo is None or not len(m):
        return pd.DataFrame(columns=columns)
    t = make_ties(dataset) if tie_table is None else tie_table
    periods = pd.period_range(lo, hi, freq=FREQS["quarter"])
    starts, ends = periods.start_time, (periods + 1).start_time
    partial = (starts < lo.normalize()) | (ends > hi.normalize() + pd.Timedelta(days=1))
    k = len(periods)
    tw = tie_windows(dataset, freq="quarter", tie_table=t)
    tie, window = tw["tie"].to_numpy(np.int64), tw["window"].to_numpy(np.int64)
    group = pd.factorize(dataset.people[by])[0]
    gu, gv = group[t["u"].to_numpy(np.int64)[tie]], group[t["v"].to_numpy(np.int64)[tie]]
    known = (gu >= 0) & (gv >= 0)
    cross = known & (gu != gv)
    u, v = t["u"].to_numpy(np.int64)[tie], t["v"].to_numpy(np.int64)[tie]
    frames = []
    for name, codes in m.groupby("network", sort=True)["code"]:
        member = np.zeros(len(dataset.people), bool)
        member[codes.to_numpy()] = True
        inside = member[u] & member[v]
        count = np.bincount(window[inside], minlength=k)
        n_known = np.bincount(window[inside & known], minlength=k)
        n_cross = np.bincount(window[inside & cross], minlength=k)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(n_known > 0, n_cross / np.maximum(n_known, 1), np.nan)
        frames.append(pd.DataFrame({"network": name, "label": periods.astype(str), "start": starts, "end": ends,
                                    "partial": partial, "ties": count, "ties_known": n_known,
                                    "cross_ties": n_cross, "cross_share": share}))
    return pd.concat(frames, ignore_index=True)[columns]


def betweenness_later(stack: ExitStack, t: pd.DataFrame, people: pd.DataFrame, directed: bool, k: int | None,
                      seed: int) -> Callable[[], pd.Series]:
    """Start :func:`~collabgraph.metrics.centrality.betweenness_from_ties` and return a function that waits for it.

    From :data:`BACKGROUND_TIES` ties it runs in a forked process (:func:`collabgraph.background.later`, when
    :func:`~collabgraph.background.wanted`), on plain integer arrays only; the call and its values are the
    same as inline, and so are its fallbacks (computed here, with a line on the ``collabgraph`` logger).

    Examples
    --------
    >>> t = pd.DataFrame({"u": [0, 1], "v": [1, 2]})
    >>> with ExitStack() as stack:
    ...     later = betweenness_later(stack, t, pd.DataFrame(index=list("abc")), False, None, 0)
    ...     later().tolist()
    [0.0, 1.0, 0.0]
    """
    ends, index = t[["u", "v"]].astype(np.int64), pd.DataFrame(index=pd.RangeIndex(len(people)))
    values = later(stack, betweenness_from_ties, ends, index, directed=directed, k=k, seed=seed,
                   background=wanted(len(t), BACKGROUND_TIES), what="betweenness")
    return lambda: pd.Series(values().to_numpy(float), index=people.index, name="betweenness")


def crossing_boundaries(dataset: Dataset, options: AnalysisOptions, *, tie_table: pd.DataFrame) -> dict[str, EIResult]:
    """The E-I index of ``options.by`` with its permutation test and per-person values, and of every other
    attribute of :data:`ATTRIBUTES` someone has (without either): the crossing of :func:`analyze` and
    :func:`collabgraph.report.export.export_analysis`, ``options.by`` first.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(people=pd.DataFrame({"id": list("abc"), "domain": ["zorg", "zorg", "onderwijs"]}),
    ...                  interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> crossing = crossing_boundaries(ds, AnalysisOptions(permutations=0), tie_table=make_ties(ds))
    >>> list(crossing), crossing["domain"].ei_index
    (['domain'], 0.0)
    """
    people = dataset.people
    crossing = {options.by: ei_index(dataset, by=options.by, tie_table=tie_table, weighted=options.weighted,
                                     permutations=options.permutations, seed=options.seed)}
    for attr in ATTRIBUTES:
        if attr != options.by and people[attr].notna().any():
            crossing[attr] = ei_index(dataset, by=attr, tie_table=tie_table, weighted=options.weighted,
                                      permutations=0, persons=False)
    return crossing


def formal_groups(dataset: Dataset, options: AnalysisOptions) -> str | None:
    """``options.compare_with`` when someone has a formal group to compare the communities with, else None.

    People in several learning networks have no single formal group, so ``network`` needs someone in exactly
    one (:func:`~collabgraph.metrics.communities.single_network`).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": ["a", "b"], "networks": ["n1;n2", "n1;n2"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> formal_groups(ds, AnalysisOptions()) is None
    True
    """
    formal = options.compare_with
    has = (single_network(dataset).notna().any() if formal == "network"
           else dataset.people[formal].notna().any())
    return formal if has else None


def checked_pivots(dataset: Dataset, options: AnalysisOptions) -> int | None:
    """Check that ``options.by`` and ``options.compare_with`` are people columns (or ``network``) and return the
    betweenness pivots of ``options.betweenness_k``: ``"auto"`` is exact (None) up to
    :data:`EXACT_BETWEENNESS_LIMIT` people and :data:`AUTO_PIVOTS` pivots above. What :func:`analyze` and
    :func:`collabgraph.report.export.export_analysis` do first.

    Raises
    ------
    ParameterError
        When ``options.by`` or ``options.compare_with`` is not a people column.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> checked_pivots(ds, AnalysisOptions()), checked_pivots(ds, AnalysisOptions(betweenness_k=50))
    (None, 50)
    """
    people = dataset.people
    for name in ("by", "compare_with"):
        check_attribute(people.columns, getattr(options, name), name=name, also=["network"])
    if options.betweenness_k == "auto":
        return None if len(people) <= EXACT_BETWEENNESS_LIMIT else AUTO_PIVOTS
    return options.betweenness_k


def with_options(dataset: Dataset, options: AnalysisOptions | None, settings: dict) -> AnalysisOptions:
    """``options`` (default ``AnalysisOptions()``) with the keyword ``settings`` (its fields, such as ``by`` or
    ``permutations``) put in, and ``by``/``compare_with`` as :meth:`Dataset.attribute` resolves them
    (``Domein``: ``domain``), as the commands' ``--by`` does.

    Raises
    ------
    ParameterError
        For a keyword that is no field of :class:`AnalysisOptions` (and, from it, for a value out of range).
    """
    options = AnalysisOptions() if options is None else options
    names = [f.name for f in fields(AnalysisOptions)]
    unknown = [name for name in settings if name not in names]
    if unknown:
        raise ParameterError(f"settings must be analysis options: {', '.join(names)}; got {unknown[0]!r}.")
    options = replace(options, **settings)
    return replace(options, by=dataset.attribute(options.by), compare_with=dataset.attribute(options.compare_with))


def _over_time(dataset: Dataset, options: AnalysisOptions, *, tie_table: pd.DataFrame, programme: bool) -> tuple:
    """The families of :func:`analyze` that need none of the others' results, computed beside them (in a second
    process for :data:`BESIDE_TIES` ties or more): the timeline, the before/after comparison and the hours, and
    with ``programme`` the doorwerking, the cross share per network and quarter, the work forms and the ratings
    (None or empty where :func:`analyze` leaves them so)."""
    from collabgraph.metrics.durability import network_durability
    from collabgraph.metrics.forms import forms
    from collabgraph.metrics.hours import hours
    from collabgraph.metrics.periods import compare_periods
    from collabgraph.metrics.ratings import ratings
    from collabgraph.metrics.timeline import timeline

    t, seed = tie_table, options.seed
    freq = window_freq(dataset, options.freq)
    tl = timeline(dataset, freq=freq, by=options.by, seed=seed, weighted=options.weighted) if freq else None
    periods = _periods(dataset, options)
    cmp = (compare_periods(dataset, *periods, by=options.by, permutations=options.permutations,
                           bootstraps=options.bootstraps, seed=seed, weighted=options.weighted)
           if periods else None)
    spent = hours(dataset)
    quarters = lasting = pd.DataFrame()
    work = rated = None
    if programme:
        if len(dataset.networks):
            lasting = network_durability(dataset, by=options.by, tie_table=t)
        quarters = network_quarters(dataset, by=options.by, tie_table=t)
        work = (forms(dataset, by=options.by, permutations=options.permutations, seed=seed, tie_table=t)
                if len(dataset.events) else None)
        rated = ratings(dataset) if dataset.ratings else None
    return tl, cmp, spent, lasting, quarters, work, rated


def analyze(dataset: Dataset, options: AnalysisOptions | None = None, *,
            progress: bool | None = False, programme: bool = True, **settings) -> Analysis:
    """Compute every metric family of the report for ``dataset``.

    Parameters
    ----------
    dataset : Dataset
    options : AnalysisOptions, optional
        Defaults: ``AnalysisOptions()``.
    **settings
        Options as keywords, the fields of :class:`AnalysisOptions` (``by="domein"``, ``permutations=0``,
        ``freq="year"`` ...), put in ``options``: ``analyze(ds, by="domain", permutations=0)`` is
        ``analyze(ds, AnalysisOptions(by="domain", permutations=0))``. ``by`` and ``compare_with`` are
        resolved as the commands' ``--by`` is (:meth:`~collabgraph.dataset.Dataset.attribute`).
    progress : bool or None
        Show a progress bar on stderr (``None``: only when stderr is a terminal).
    programme : bool
        Compute the programme view and the introductions (scorecard, cross share per network and quarter,
        doorwerking, role groups, work forms, ratings, suggestions). False leaves them empty (``None``, empty
        tables, no suggestions): what ``collabgraph export`` does, whose files hold none of them.

    Returns
    -------
    Analysis

    Raises
    ------
    ParameterError
        When ``options.by`` or ``options.compare_with`` is not a people column.

    Notes
    -----
    The stages, in order: ties, crossing (E-I of ``by`` with permutations, and of domain,
    organisation, profession and role), reach, communities, isolation, introductions, brokerage,
    cross-pollination, time series (per window, the before/after comparison, hours; with ``programme``
    also the doorwerking, network quarters, work forms and ratings: :func:`_over_time`), the learning
    networks' scorecard and role groups. Each stage is one call into its metric module; see docs/report.md
    for the keys of :meth:`Analysis.to_dict`. Betweenness is computed once, for brokerage and
    cross-pollination; from :data:`BACKGROUND_TIES` ties it runs in a second process from the start,
    alongside the other stages, and from :data:`BESIDE_TIES` ties so do the time series (with two CPUs;
    :mod:`collabgraph.background`, ``COLLABGRAPH_PROCESSES``). Every family seeds its own random numbers,
    so the values are the same in either process.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> a = analyze(ds, AnalysisOptions(permutations=0, bootstraps=0))
    >>> a.summary.ties, a.people["degree"].tolist()
    (2, [1, 2, 1])
    >>> analyze(ds, permutations=0, bootstraps=0).options == a.options
    True
    """
    from collabgraph.metrics.role_groups import role_group_figures
    from collabgraph.metrics.scorecard import scorecard
    from collabgraph.metrics.suggest import Scorer

    check("progress", progress, bool, None)
    check("programme", programme, bool)
    options = with_options(dataset, options, settings)
    people = dataset.people
    k, seed = checked_pivots(dataset, options), options.seed
    with Progress(10, enabled=progress) as bar, ExitStack() as stack:
        t = make_ties(dataset)
        centrality = betweenness_later(stack, t, people, dataset.directed, k, seed)
        series = later(stack, _over_time, dataset, options, tie_table=t, programme=programme,
                       background=wanted(len(t), BESIDE_TIES), what="the time series")
        bar.step("ties")
        crossing = crossing_boundaries(dataset, options, tie_table=t)
        mixing = crossing[options.by]
        bar.step("crossing boundaries")
        rch = reach(dataset, tie_table=t)
        nets = dataset.memberships[["person", "network"]].rename(columns={"network": "group"})
        groups = people[options.by].dropna().astype(str).rename("group").rename_axis("person").reset_index()
        roles_known = (role_labels(people, role_map=dataset.role_map, coordinator_roles=options.coordinator_roles)
                       == "professional").any()
        bar.step("reach")
        c = clusters(dataset, tie_table=t, method=options.method, resolution=options.resolution, seed=seed,
                     weighted=options.weighted, compare_with=formal_groups(dataset, options),
                     permutations=options.permutations, stability_runs=options.stability_runs)
        bar.step("clusters")
        iso = isolation(dataset, tie_table=t)
        bar.step("isolation")
        flagged = list(iso.flagged.index[:options.max_suggested])
        sugg: list[Suggestions] = []
        if flagged and options.suggestions and programme:
            scorer = Scorer(dataset, tie_table=t, coordinator_roles=options.coordinator_roles)
            sugg = scorer.suggest_many(flagged, options.suggestions)
        bar.step("introductions")
        b = brokers(dataset, by=options.by, weighted=options.weighted, k=k, seed=seed, tie_table=t,
                    centrality=centrality(), coordinator_roles=options.coordinator_roles)
        bar.step("brokerage")
        pol = pollination(dataset, by=options.by, tie_table=t, brokerage=b)
        bar.step("cross-pollination")
        card = pd.DataFrame()
        roles = None
        if programme:
            dep = coordinator_rows(b.dependency)  # dependency(top=0): the coordinators of brokers' key-people test
            roles = (role_group_figures(dataset, by=options.by, tie_table=t,
                                        coordinator_roles=options.coordinator_roles, dependence=dep)
                     if len(dataset.networks) and "role" in people and people["role"].notna().any() else None)
        # what needs none of the time series, built while they may still be computed beside
        done = {"options": options, "summary": summary(dataset, tie_table=t), "input": _input(dataset), "ties": t,
                "people": people_table(dataset, t, b, c, iso, rch), "mixing": mixing, "crossing": crossing,
                "reach": rch,
                "reach_networks": reach_summary(rch, nets, cross="domain") if len(nets) else pd.DataFrame(),
                "reach_groups": reach_summary(rch, groups, cross="domain") if len(groups) else pd.DataFrame(),
                "reach_roles": (compare_roles(rch, people, role_map=dataset.role_map,
                                              coordinator_roles=options.coordinator_roles)
                                if roles_known else pd.DataFrame()),
                "brokers": b, "pollination": pol, "clusters": c, "isolation": iso, "suggestions": sugg,
                "pivots": k, "versions": versions(), "roles": roles}
        tl, cmp, spent, lasting, quarters, work, rated = series()
        bar.step("time series")
        if programme:
            card = scorecard(dataset, tie_table=t, coordinator_roles=options.coordinator_roles, spent=spent,
                             lasting=lasting, dependence=dep)
        bar.step("learning networks")
    return Analysis(**done, timeline=tl, comparison=cmp, hours=spent, scorecard=card, forms=work,
                    network_quarters=quarters, doorwerking=lasting, ratings=rated)

