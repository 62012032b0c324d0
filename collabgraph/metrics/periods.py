"""Period comparison: two periods or waves side by side, with uncertainty and what drove the change.

A period (:func:`parse_period`) is a year, a quarter, a date range or a wave; its records with the whole
people table (:func:`period_dataset`) are measured by :func:`~collabgraph.metrics.windows.window_metrics`.
:func:`compare_periods` gives every per-window metric for each period, their difference, and:

- for ``cross_share`` a **bootstrap interval over people**: people (with a value of ``by`` and a tie
  in either period) are resampled with replacement; a resample's share is the sum of its people's
  cross-group tie ends over the sum of their tie ends in each period (each tie counted from both
  ends, so the full sample gives exactly ``cross_share``). Resampling people, not ties, keeps the
  dependence between the ties of one person; the percentile interval of the difference is reported.
- for ``ei_index`` (Krackhardt & Stern 1988) a **permutation test of the difference**: the null
  hypothesis is that the period a tie belongs to is unrelated to whether it crosses a group
  boundary. The people and their attributes are the same in both periods, so shuffling the attribute (the test of
  :func:`~collabgraph.metrics.mixing.ei_index`) would test each period against random mixing, not
  the change. Instead the ties of both periods are pooled (a pair present in both counts in both)
  and the period labels shuffled, keeping the number of ties per period. The number of cross ties
  falling in the *after* period is then hypergeometric, so each shuffle is one hypergeometric draw
  (identical in distribution to shuffling the labels, and vectorised). The two-sided p-value is
  ``(1 + #{|d*| >= |d|}) / (1 + R)`` (Phipson & Smyth 2010). Ties of one person are not
  independent, which this test ignores; the bootstrap over people does not.

Attribution of the change in cross share
-----------------------------------------
With ``T_b``/``T_a`` the ties with both groups known before/after and ``x`` = 1 for a cross tie
(0 within one group), every tie after contributes ``x / T_a`` and every tie before ``-x / T_b``:
the cross share is the sum of its cross ties' shares, so these add up to ``S_a - S_b`` exactly and a
within-group tie contributes nothing. A part's contribution is the change in the share of all ties
that are its cross ties: ``C_a / T_a - C_b / T_b``. A tie's contribution is split half to each of its
people and equally over its learning networks (ties without one go to ``(no network)``, or while a learning
network is called so, to :func:`no_network_label`'s ``(no network)*``), so the
contributions of people, of groups (sum over their people), of learning networks, of pairs of
different groups and of tie status (new: after only; continued: in both; dropped: before only) each
add up to the change; the new ties' part is also split by pair of groups (``new_tie_pair``).
Pairs within one group are not listed: they are never a source of cross-group change. The change in
E-I is twice the change in cross share, so ``ei_contribution = 2 * contribution``.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises. *Social
Psychology Quarterly* 51(2): 123–140.
Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*, ch. 13 (percentile interval).
Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero. *Statistical
Applications in Genetics and Molecular Biology* 9(1): 39.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.days import iso_day, parse_day
from collabgraph.errors import ParameterError
from collabgraph.groups import NO_NETWORK, group_codes, no_network_label
from collabgraph.metrics.windows import RECORDS, window_metrics, window_ties
from collabgraph.params import Interval, Options, validate_params
from collabgraph.serialize import records
from collabgraph.tietable import pair_ends, pair_keys

__all__ = ["COMPARED", "NO_NETWORK", "Period", "PeriodComparison", "compare_periods", "no_network_label",
           "parse_period", "period_dataset"]

#: Metrics compared by :func:`compare_periods`, in the order they are listed.
COMPARED = ("records", "people_active", "ties", "density", "components", "isolated", "cross_share",
            "ei_index", "modularity", "between_network_ties")


@dataclass(frozen=True)
class Period:
    """A period to compare: a date range (``end`` inclusive) or wave labels; ``partial`` when the data's
    period (first to last dated record) does not cover all of it (as a ``timeline`` window's ``partial``)."""

    label: str
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    waves: tuple[str, ...] | None = None
    partial: bool = False

    def to_dict(self) -> dict:
        return {"label": self.label, "start": iso_day(self.start), "end": iso_day(self.end),
                "waves": None if self.waves is None else list(self.waves), "partial": self.partial}


_YEAR = re.compile(r"^\d{4}$")
_QUARTER = re.compile(r"^(\d{4})[Qq]([1-4])$")


def parse_period(dataset: Dataset, text: str) -> Period:
    """Read a period: a year ``2021``, a quarter ``2021Q3``, a range ``2020-01-01..2020-06-30`` or a wave.

    Dates win over waves when the dataset is dated (a wave labelled ``2021`` in dated data is read
    as the year 2021); in undated data a wave label is a wave. A dated period is ``partial`` when it
    starts before the day of the first dated record or ends after the day of the last; one that ends before the
    first or starts after the last has no data to compare, a ParameterError naming the data's period.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> parse_period(ds, "2021Q3").to_dict()
    {'label': '2021Q3', 'start': '2021-07-01', 'end': '2021-09-30', 'waves': None, 'partial': False}
    >>> parse_period(ds, "2020-01-01..2020-06-30").end.date().isoformat()
    '2020-06-30'
    >>> parse_period(ds, "2030")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: Period '2030' (2030-01-01 to 2030-12-31) has no records: the data cover ...
    """
    text = str(text).strip()
    dated = dataset.has_dates
    waves = [str(w) for w in dataset.interactions["wave"].cat.categories] if dataset.has_waves else []
    quarter = _QUARTER.match(text)
    if dated:
        first, last = (day.normalize() for day in dataset.period())

        def dates(label: str, start: pd.Timestamp, end: pd.Timestamp) -> Period:
            if end < first or start > last:  # a range's label is its span
                span = "" if ".." in label else f" ({iso_day(start)} to {iso_day(end)})"
                raise ParameterError(f"Period {label!r}{span} has no records: the data cover {iso_day(first)} to "
                                     f"{iso_day(last)}. Choose a period that overlaps them.")
            return Period(label, start, end, partial=bool(start < first or end > last))
    if dated and _YEAR.match(text):
        return dates(text, pd.Timestamp(f"{text}-01-01"), pd.Timestamp(f"{text}-12-31"))
    if dated and quarter:
        q = pd.Period(f"{quarter[1]}Q{quarter[2]}", freq="Q")
        return dates(text.upper(), q.start_time.normalize(), q.end_time.normalize())
    if dated and ".." in text:
        lo, _, hi = text.partition("..")
        start, end = parse_day(lo, "the start of a period"), parse_day(hi, "the end of a period")
        if end < start:
            raise ParameterError(f"period must end on or after its start; got {text!r}.")
        return dates(text, start, end)
    if text in waves:
        return Period(text, waves=(text,))
    forms = "a year (2021), a quarter (2021Q3), a date range (2020-01-01..2020-06-30)" if dated else ""
    known = f"a wave label ({', '.join(waves)})" if waves else ""
    raise ParameterError(f"period must be {' or '.join(x for x in (forms, known) if x)}; got {text!r}."
                         if forms or known else "The dataset has neither dates nor waves to compare.")


def period_dataset(dataset: Dataset, period: Period) -> Dataset:
    """The records of a period, with the whole people table (so tie positions agree across periods).

    A wave period keeps the interactions of that wave only; events have no wave and are left out,
    as in ``Dataset.windows("wave")``.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> sub = period_dataset(ds, parse_period(ds, "2021"))
    >>> len(sub.people) == len(ds.people), str(sub.interactions["date"].min().year)
    (True, '2021')
    """
    if period.waves is not None:  # events carry no wave: as in Dataset.windows("wave"), they are left out
        sub = dataset.filter(waves=list(period.waves))
        return replace(sub, events=sub.events.iloc[0:0], attendance=sub.attendance.iloc[0:0])
    return dataset._between(period.start.normalize(), period.end.normalize() + pd.Timedelta(days=1))


@dataclass(frozen=True)
class PeriodComparison:
    """Two periods compared (the ``compare`` command); methods in the module docstring.

    Attributes
    ----------
    before, after : Period
    by : str
    records : str
        Which records made ties (:func:`~collabgraph.metrics.windows.window_ties`).
    metrics : DataFrame
        Index: metric; columns ``before, after, difference``.
    cross_interval, ei_interval : tuple of float or None
        Bootstrap percentile interval of the difference in cross share and in E-I.
    ei_p_value : float or None
        Permutation p-value of the difference in E-I.
    confidence : float
        Confidence level (coverage) of the intervals; ``level``, its old name, still reads it (deprecated:
        ``level`` is the grouping level elsewhere, as in :func:`~collabgraph.metrics.levels.level_ei`).
    permutations, bootstraps, seed : int
    attribution : DataFrame
        ``level`` (tie_status, network, group, group_pair, new_tie_pair, person), ``name``, ``group``,
        ``ties_before, cross_before, ties_after, cross_after, contribution, ei_contribution``; the
        rows of a level add up to the change in cross share (``new_tie_pair``: to the part of the
        new ties).
    people_resampled : int
        People in the bootstrap (a value of ``by`` and a tie in either period).
    weighted : bool
        Whether the modularity's communities were found on the tie weights (False: every tie counted once).
    """

    before: Period
    after: Period
    by: str
    records: str
    metrics: pd.DataFrame
    cross_interval: tuple | None
    ei_interval: tuple | None
    ei_p_value: float | None
    confidence: float
    permutations: int
    bootstraps: int
    seed: int
    attribution: pd.DataFrame = field(repr=False)
    people_resampled: int = 0
    weighted: bool = False

    def __repr__(self) -> str:
        """One line: the two periods and a few headline metrics before and after; never a table.

        Examples
        --------
        >>> from collabgraph.datasets import load_example
        >>> compare_periods(load_example(), "2020", "2021", permutations=0, bootstraps=0,
        ...                 clusters=False)  # doctest: +ELLIPSIS
        <PeriodComparison by domain: 2020 -> 2021; ties 6,266 -> 8,232, cross_share 0.365 -> 0.482, ...>
        """
        def shown(value) -> str:
            return "–" if value is None or pd.isna(value) else (f"{value:,.0f}" if float(value).is_integer()
                                                                 else f"{value:.3f}")

        rows = [m for m in ("ties", "cross_share", "ei_index") if m in self.metrics.index]
        figures = ", ".join(f"{m} {shown(self.metrics.at[m, 'before'])} -> {shown(self.metrics.at[m, 'after'])}"
                            for m in rows)
        return f"<PeriodComparison by {self.by}: {self.before.label} -> {self.after.label}; {figures}>"

    @property
    def level(self) -> float:
        """The deprecated name of :attr:`confidence` (a DeprecationWarning)."""
        warnings.warn("PeriodComparison.level is deprecated; use .confidence (the confidence level of the "
                      "intervals).", DeprecationWarning, stacklevel=2)
        return self.confidence

    def top(self, level: str, k: int = 10) -> pd.DataFrame:
        """The ``k`` rows of one attribution level that moved the cross share most.

        When the share changed, these are the rows that pushed it in the direction of the change,
        largest first; rows that pushed the other way or not at all (people with within-group ties
        only) are left out, except for the tie statuses, which are all listed. When it did not change
        (or cannot be compared), there is no direction: the rows are ordered by absolute size, both
        signs, and only rows of zero are left out (of the tie statuses, none).

        Examples
        --------
        >>> from collabgraph.datasets import load_example
        >>> c = compare_periods(load_example(), "2020", "2021", permutations=0, bootstraps=0, clusters=False)
        >>> bool((c.top("group", 3)["contribution"] > 0).all())
        True
        """
        rows, size = self._ordered(level)
        if level != "tie_status":
            rows = rows[size > 0]
        return rows.head(k)

    def _ordered(self, level: str) -> tuple[pd.DataFrame, pd.Series]:
        """Every row of one level, largest push in the direction of the change first (no change or an
        unknown one: largest in absolute size first), and that push (contribution times the sign, or
        its absolute value)."""
        rows = self.attribution[self.attribution["level"] == level]
        diff = self.metrics.loc["cross_share", "difference"] if "cross_share" in self.metrics.index else None
        sign = 0.0 if diff is None or pd.isna(diff) else float(np.sign(diff))
        size = rows["contribution"] * sign if sign else rows["contribution"].abs()
        order = size.sort_values(ascending=False, kind="stable").index
        return rows.loc[order], size.loc[order]

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph compare``; ``attribution`` holds every row of every level (each level
        adds up to the change), per level in the order of :meth:`top`, the rows it leaves out last."""
        def value(x):
            return None if x is None or pd.isna(x) else x
        change = {}
        for metric, row in self.metrics.iterrows():
            entry = {"before": value(row["before"]), "after": value(row["after"]),
                     "difference": value(row["difference"])}
            if metric == "cross_share":
                entry["interval"] = None if self.cross_interval is None else list(self.cross_interval)
            if metric == "ei_index":
                entry["p_value"] = self.ei_p_value
                entry["interval"] = None if self.ei_interval is None else list(self.ei_interval)
            change[metric] = entry
        levels = ["tie_status", "network", "group", "group_pair", "new_tie_pair", "person"]
        rows = pd.concat([self._ordered(lv)[0] for lv in levels])
        attribution = records(rows)
        return {"by": self.by, "records": self.records, "weighted": self.weighted,
                "before": {"period": self.before.to_dict(), **_side(change, "before")},
                "after": {"period": self.after.to_dict(), **_side(change, "after")},
                "change": change, "attribution": attribution,
                "uncertainty": {"level": self.confidence, "permutations": self.permutations,
                                "bootstraps": self.bootstraps, "seed": self.seed,
                                "people_resampled": self.people_resampled}}


def _side(change: dict, side: str) -> dict:
    """One side (``before`` or ``after``) of a ``change`` mapping, as ``{metric: value}``."""
    return {metric: entry[side] for metric, entry in change.items()}


@validate_params({"permutations": [Interval(int, 0, None)], "bootstraps": [Interval(int, 0, None)],
                  "confidence": [Interval(float, 0, 1, closed="neither")],
                  "level": [Interval(float, 0, 1, closed="neither"), None], "records": [Options(RECORDS)],
                  "clusters": [bool], "weighted": [bool]})
def compare_periods(dataset: Dataset, before, after, *, by: str = "domain", permutations: int = 999,
                    bootstraps: int = 1000, confidence: float = 0.95, seed: int = 0, clusters: bool = True,
                    records: str = "all", iterations: int | None = None, weighted: bool = False,
                    level: float | None = None) -> PeriodComparison:
    """Compare two periods or waves: every headline metric, its change, uncertainty and attribution.

    Parameters
    ----------
    dataset : Dataset
    before, after : str or Period
        Periods as :func:`parse_period` reads them (``2020``, ``2021Q3``,
        ``2020-01-01..2020-06-30``, a wave label).
    by : str
        Attribute whose boundaries define cross ties and the E-I index.
    permutations : int
        Shuffles of the period labels of the ties for the p-value of the E-I difference (0: none; 999 by
        default, as ``collabgraph compare`` and every other permutation test).
    bootstraps : int
        Resamples of people for the interval of the difference in cross share (0: none).
    confidence : float
        Confidence level (coverage) of the intervals (0 < confidence < 1).
    level : float, optional
        Deprecated name of ``confidence`` (a DeprecationWarning; ``level`` is the grouping level of
        :func:`~collabgraph.metrics.levels.level_ei` and ``collabgraph metrics --level``).
    seed : int
        Seed of both; the same seed gives the same result.
    clusters : bool
        Include modularity (Leiden communities per period).
    records : {"all", "interactions", "attendance"}
        Which records make ties (:func:`~collabgraph.metrics.windows.window_ties`). A mixed meeting credits
        every attendee equally, so to see whose own contacts changed, attribute with ``"interactions"``.
    iterations : int or None
        Leiden passes per period (:func:`~collabgraph.metrics.communities.communities`; None: until
        stable up to 10,000 people and 50,000 ties, 2 passes above).
    weighted : bool
        Modularity of communities found on the tie weights (True) or with every tie counted once (False,
        the default, as ``--weighted/--unweighted`` everywhere).

    Returns
    -------
    PeriodComparison

    Notes
    -----
    The uncertainty and attribution methods, and why the permutation test shuffles periods rather
    than attributes, are in the module docstring. Counts of people and ties are those of the whole
    period (the population, not a sample), so they carry no interval.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> c = compare_periods(load_example(), "2020", "2021", permutations=200, bootstraps=200, clusters=False)
    >>> lo, hi = c.cross_interval
    >>> bool(0 < lo < c.metrics.loc["cross_share", "difference"] < hi), c.ei_p_value < 0.01
    (True, True)
    """
    confidence = _confidence(confidence, level)
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    periods = [p if isinstance(p, Period) else parse_period(dataset, p) for p in (before, after)]
    subsets = [period_dataset(dataset, p) for p in periods]
    tables = [window_ties(s, records=records) for s in subsets]
    values = []
    for p, s, t in zip(periods, subsets, tables, strict=True):
        end = None if p.end is None else p.end + pd.Timedelta(days=1)
        values.append(window_metrics(s, tie_table=t, by=by, start=p.start, end=end, seed=seed, clusters=clusters,
                                     iterations=iterations, weighted=weighted)[0])
    names = [m for m in COMPARED if m in values[0]]
    metrics = pd.DataFrame({"before": [values[0][m] for m in names], "after": [values[1][m] for m in names]},
                           index=pd.Index(names, name="metric"), dtype=object)
    metrics["difference"] = [None if b is None or a is None else a - b
                             for b, a in zip(metrics["before"], metrics["after"], strict=True)]

    codes, labels = group_codes(dataset.people, by)
    sides = [_cross(t, codes) for t in tables]
    rng = np.random.default_rng(seed)
    p_value = _permutation_p(sides, permutations, rng)
    people = _person_counts(sides, len(codes))
    cross_interval = _bootstrap(people, bootstraps, confidence, rng)
    ei_interval = None if cross_interval is None else tuple(2 * x for x in cross_interval)
    attribution = _attribution(dataset, sides, codes, labels)
    return PeriodComparison(before=periods[0], after=periods[1], by=by, records=records, metrics=metrics,
                      cross_interval=cross_interval, ei_interval=ei_interval, ei_p_value=p_value, confidence=confidence,
                      permutations=permutations, bootstraps=bootstraps, seed=seed, attribution=attribution,
                      people_resampled=int(((people[1] + people[3]) > 0).sum()), weighted=weighted)


def _confidence(confidence: float, level: float | None) -> float:
    """The confidence level of :func:`compare_periods`: ``confidence``, or the deprecated ``level`` (a
    DeprecationWarning pointing at the caller); both given and different is a ParameterError."""
    if level is None:
        return confidence
    warnings.warn("compare_periods' level= is deprecated; use confidence= (the confidence level of the intervals; "
                  "level is the grouping level of level_ei and metrics --level).", DeprecationWarning, stacklevel=4)
    if confidence != 0.95 and confidence != level:
        raise ParameterError(f"Give the confidence level once: confidence={confidence} and its deprecated name "
                             f"level={level} differ.")
    return level


def _cross(t: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
    """Ties with both groups known: ``u, v, key`` and ``cross`` (1 when the groups differ), ``networks``."""
    u, v = t["u"].to_numpy(np.int64), t["v"].to_numpy(np.int64)
    known = (codes[u] >= 0) & (codes[v] >= 0)
    u, v = u[known], v[known]
    return pd.DataFrame({"u": u, "v": v, "key": pair_keys(u, v, max(len(codes), 1), directed=True),
                         "cross": (codes[u] != codes[v]).astype(float),
                         "networks": t["networks"].to_numpy(dtype=object)[known]})


def _permutation_p(sides: list[pd.DataFrame], permutations: int, rng) -> float | None:
    """Two-sided p-value of the difference in cross share when the period labels of ties are shuffled."""
    n_b, n_a = len(sides[0]), len(sides[1])
    if not permutations or not n_b or not n_a:
        return None
    k_b, k_a = sides[0]["cross"].sum(), sides[1]["cross"].sum()
    observed = k_a / n_a - k_b / n_b
    total = int(k_b + k_a)
    after = rng.hypergeometric(total, n_b + n_a - total, n_a, size=permutations)
    null = after / n_a - (total - after) / n_b
    hits = np.abs(null) >= abs(observed) - 1e-12
    return float((1 + hits.sum()) / (1 + permutations))


def _person_counts(sides: list[pd.DataFrame], n: int) -> list[np.ndarray]:
    """Cross tie ends and tie ends of every person before and after: ``[e_b, t_b, e_a, t_a]``."""
    out = []
    for s in sides:
        ends = np.concatenate([s["u"].to_numpy(), s["v"].to_numpy()])
        cross = np.concatenate([s["cross"].to_numpy(), s["cross"].to_numpy()])
        out += [np.bincount(ends, weights=cross, minlength=n), np.bincount(ends, minlength=n).astype(float)]
    return out


def _bootstrap(people: list[np.ndarray], bootstraps: int, confidence: float, rng) -> tuple | None:
    """Percentile interval of the difference in cross share, resampling people with replacement."""
    keep = (people[1] + people[3]) > 0
    counts = np.column_stack([x[keep] for x in people])  # people x [e_b, t_b, e_a, t_a]
    n = len(counts)
    if not bootstraps or n == 0 or counts[:, 1].sum() == 0 or counts[:, 3].sum() == 0:
        return None
    diffs = []
    chunk = max(1, 4_000_000 // n)
    for lo in range(0, bootstraps, chunk):
        size = min(chunk, bootstraps - lo)
        # how often each person is drawn in each resample: one flat bincount per chunk
        draws = rng.integers(0, n, size=(size, n)) + np.arange(size)[:, None] * n
        weights = np.bincount(draws.ravel(), minlength=size * n).reshape(size, n)
        sums = weights.astype(float) @ counts  # float BLAS; the sums are whole numbers, so exact either way
        with np.errstate(invalid="ignore", divide="ignore"):
            diffs.append(sums[:, 2] / sums[:, 3] - sums[:, 0] / sums[:, 1])
    diffs = np.concatenate(diffs)
    diffs = diffs[np.isfinite(diffs)]
    alpha = (1 - confidence) / 2
    return float(np.quantile(diffs, alpha)), float(np.quantile(diffs, 1 - alpha))


def _summary(level: str, names, key: np.ndarray, after: np.ndarray, cross: np.ndarray, c: np.ndarray,
             share: np.ndarray | None = None) -> pd.DataFrame:
    """Ties, cross ties before and after, and summed contribution per integer ``key`` (rows with ties only)."""
    share = np.ones(len(key)) if share is None else share
    k = len(names)

    def total(mask, weights):
        return np.bincount(key[mask], weights=weights[mask], minlength=k)

    columns = {"ties_before": total(~after, share), "cross_before": total(~after, share * cross),
               "ties_after": total(after, share), "cross_after": total(after, share * cross),
               "contribution": np.bincount(key, weights=share * c, minlength=k)}
    rows = (columns["ties_before"] + columns["ties_after"]) > 0  # indexed by key, as the keys' positions
    return pd.DataFrame({"level": level, "name": np.asarray(names, dtype=object).astype(str)[rows],
                         **{name: values[rows] for name, values in columns.items()}}, index=np.flatnonzero(rows))


def _network_keys(networks: np.ndarray, none: str = NO_NETWORK) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Each tie once per learning network: row index, network index, share ``1/k``, and the names; a tie without one
    under ``none`` (:func:`no_network_label`).

    Only the distinct ``;``-joined values are split, not every tie.
    """
    codes, uniques = pd.factorize(pd.Series(networks, dtype=object).fillna(none))
    parts = [str(u).split(";") for u in uniques]
    names = sorted({name for part in parts for name in part})
    index = {name: i for i, name in enumerate(names)}
    flat = np.array([index[name] for part in parts for name in part], dtype=np.int64)
    sizes = np.array([len(part) for part in parts], dtype=np.int64)
    starts = np.cumsum(sizes) - sizes
    per_row = sizes[codes]
    rows = np.repeat(np.arange(len(codes)), per_row)
    within = np.arange(len(rows)) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return rows, flat[starts[codes][rows] + within], 1.0 / per_row[rows], names


def _attribution(dataset: Dataset, sides, codes: np.ndarray, labels: list[str]) -> pd.DataFrame:
    """Contributions to the change in cross share by tie status, network, group, group pair and person."""
    before, after = sides
    n_b, n_a = len(before), len(after)
    columns = ["level", "name", "group", "ties_before", "cross_before", "ties_after", "cross_after",
               "contribution", "ei_contribution"]
    if not n_b or not n_a:
        return pd.DataFrame(columns=columns)
    kept_b = np.isin(before["key"], after["key"], assume_unique=True)
    kept_a = np.isin(after["key"], before["key"], assume_unique=True)
    is_after = np.concatenate([np.zeros(n_b, bool), np.ones(n_a, bool)])
    cross = np.concatenate([before["cross"].to_numpy(), after["cross"].to_numpy()])
    c = np.concatenate([-before["cross"].to_numpy() / n_b, after["cross"].to_numpy() / n_a])  # within ties: 0
    u = np.concatenate([before["u"].to_numpy(), after["u"].to_numpy()])
    v = np.concatenate([before["v"].to_numpy(), after["v"].to_numpy()])
    networks = np.concatenate([before["networks"].to_numpy(), after["networks"].to_numpy()])

    status_key = np.concatenate([np.where(kept_b, 1, 2), np.where(kept_a, 1, 0)])
    status = _summary("tie_status", ["new", "continued", "dropped"], status_key, is_after, cross, c)
    rows, net_key, share, names = _network_keys(networks, no_network_label(dataset.networks))
    network = _summary("network", names, net_key, is_after[rows], cross[rows], c[rows], share)
    k = max(len(labels), 1)
    cu, cv = codes[u], codes[v]
    pair_codes, pair_uniques = pd.factorize(pair_keys(cu, cv, k, directed=False), sort=True)
    first, second = pair_ends(pair_uniques, k)
    pair_names = [f"{labels[x]} – {labels[y]}" for x, y in zip(first, second, strict=True)]
    between = np.flatnonzero(first != second)  # pairs of two different groups
    pairs = _summary("group_pair", pair_names, pair_codes, is_after, cross, c)
    new = status_key == 0
    new_pairs = _summary("new_tie_pair", pair_names, pair_codes[new], is_after[new], cross[new], c[new])
    pairs, new_pairs = pairs[pairs.index.isin(between)], new_pairs[new_pairs.index.isin(between)]
    # tie ends: each person gets half of each of their ties' contribution
    ends = np.concatenate([u, v])
    twice = (np.concatenate([is_after, is_after]), np.concatenate([cross, cross]), np.concatenate([c, c]) / 2)
    groups = _summary("group", labels, codes[ends], *twice)
    person = _summary("person", dataset.people.index, ends, *twice)
    person["group"] = np.asarray(labels, dtype=object)[codes[person.index.to_numpy()]]
    out = pd.concat([status, network, groups, pairs, new_pairs, person], ignore_index=True)
    out["ei_contribution"] = 2 * out["contribution"]
    return out.reindex(columns=columns)
