"""Isolation: who is left out, and why, in reason codes with a plain sentence each.

Reason codes (a person can have several)
----------------------------------------
``isolate``
    no tie with anyone.
``detached``
    has ties, but in a connected group smaller than the largest one: not connected to the rest of
    the network (weak components when directed). When several groups share the largest size, no one
    in them is detached: there is no rest to be cut off from (``thresholds["largest_components"]``
    counts those groups).
``pendant``
    exactly one tie.
``periphery``
    structural only: at least two ties, in a low k-core and with few distinct contacts. Low k-core:
    a core number at or below ``periphery_core`` or in the lowest ``periphery_quantile`` of the core
    numbers of the people with ties, and always below their median core number (so no one at or
    above the median is peripheral). Few contacts: a degree at or below the median degree of the
    people with ties.
``low_activity``
    at least two ties and not ``periphery``, but little contact with them: a total tie weight
    (strength) among the lowest ``low_activity_quantile`` of the people with ties, that is, the person
    and everyone with the same or a lower tie weight are together at most that share of the people
    with ties. So everyone else has more, and when too many share the lowest tie weight (as when all
    tie weights are equal) no one has low activity.
``silo``
    at least ``silo_min_ties`` ties with people whose organisation (or domain) is known, and all of
    them inside the person's own organisation (or own domain).
``fading``
    recent activity far below the person's own earlier activity: records per month (interactions,
    either end, and events attended) in the last ``recent_months`` of the period are at most
    ``fading_ratio`` times the rate before, with at least ``fading_min_records`` records before,
    and a drop this large is unlikely by chance: if the person had kept their earlier rate, the
    Poisson probability of so few recent records is below ``fading_alpha``. People who formally left
    (``left`` on or before the end of the period) are not fading.
``newcomer``
    joined in the last ``newcomer_days`` of the period, after its first record, and has at most
    ``newcomer_max_ties`` ties (people there from the data's first day are never newcomers). The
    join date is the ``joined`` column; a missing value there means "from the start". Only when the
    dataset has no join dates at all is each person's first record used instead, and the sentence
    says "first record on" instead of "joined on".

Ties count in either direction when the data are directed. The period's end is the last dated record;
without dates ``fading`` and ``newcomer`` are not assessed (``thresholds["dated"]`` is false).

References
----------
Wasserman, S. & Faust, K. (1994). Social Network Analysis, ch. 4 (isolates, pendants).
Seidman, S. B. (1983). Network structure and minimum degree. Social Networks 5, 269-287 (k-cores).
Batagelj, V. & Zaversnik, M. (2003). An O(m) algorithm for cores decomposition of networks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.graph import igraph_of
from collabgraph.graph import ties as make_ties
from collabgraph.tietable import undirected_edges

__all__ = ["REASONS", "Isolation", "activity", "isolation"]

#: Reason codes in the order they are listed, with what each means.
REASONS = {
    "isolate": "no tie with anyone",
    "detached": "in a separate group, not connected to the rest of the network",
    "pendant": "a single tie",
    "periphery": "on the edge of the network (lowest k-core, few contacts)",
    "low_activity": "not on the edge, but little contact with their contacts (lowest tie weight)",
    "silo": "all ties inside their own organisation or domain",
    "fading": "much less active recently than before",
    "newcomer": "joined recently and has few ties yet",
}


@dataclass(frozen=True)
class Isolation:
    """People flagged as isolated, with reasons.

    Attributes
    ----------
    table : DataFrame
        One row per person (index: id): ``reasons`` (list of codes), ``explanation``, ``silo_by``
        (``organisation``, ``domain`` or None; organisation is checked first), ``degree``,
        ``strength``, ``core``, ``component_size`` (people in the person's connected group),
        ``earlier_rate``, ``recent_rate``, ``joined``.
    thresholds : dict
        Every threshold used, plus the cut-off dates.
    """

    table: pd.DataFrame = field(repr=False)
    thresholds: dict

    @property
    def flagged(self) -> pd.DataFrame:
        """Only the people with at least one reason, most isolated first (by reason order, then id)."""
        t = self.table[self.table["reasons"].map(len) > 0]
        first = t["reasons"].map(lambda r: list(REASONS).index(r[0]))
        return t.assign(_first=first).sort_values(["_first"], kind="stable").drop(columns="_first")

    def ids(self, reason: str) -> list[str]:
        """Sorted ids of the people with this reason code."""
        if reason not in REASONS:
            raise ParameterError(f"reason must be one of {', '.join(REASONS)}; got {reason!r}.")
        return sorted(self.table.index[self.table["reasons"].map(lambda r: reason in r)])

    def counts(self) -> dict[str, int]:
        """People per reason code, in the order of :data:`REASONS` (a person with several codes counts for each)."""
        codes = self.table["reasons"].explode().value_counts()
        return {code: int(codes.get(code, 0)) for code in REASONS}

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph isolated``."""
        f = self.flagged
        columns = zip(f.index, f["reasons"], f["explanation"], f["silo_by"].astype(object), f["degree"].tolist(),
                      f["strength"].tolist(), f["core"].tolist(), f["component_size"].tolist(), strict=True)
        people = [{"id": str(pid), "reasons": list(reasons), "explanation": explanation,
                   "silo_by": None if pd.isna(silo_by) else silo_by, "degree": int(degree),
                   "strength": round(float(strength), 6), "core": int(core), "component_size": int(size)}
                  for pid, reasons, explanation, silo_by, degree, strength, core, size in columns]
        return {"people": people, "thresholds": self.thresholds,
                "counts": self.counts(), "reasons": REASONS}


def activity(dataset: Dataset) -> pd.DataFrame:
    """Every dated record of a person: interactions (at either end) and events attended.

    Returns
    -------
    DataFrame
        ``person, date`` (one row per person per record; undated records left out).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"], "date": ["2021-01-05"]}))
    >>> activity(ds)["person"].tolist()
    ['a', 'b']
    """
    inter = dataset.interactions
    parts = [pd.DataFrame({"person": inter[end].to_numpy(dtype=object), "date": inter["date"].to_numpy()})
             for end in ("source", "target")]
    att = dataset.attendance
    if len(att):
        dates = dataset.events["date"].reindex(att["event"]).to_numpy()
        parts.append(pd.DataFrame({"person": att["person"].to_numpy(dtype=object), "date": dates}))
    out = pd.concat(parts, ignore_index=True)
    out["date"] = pd.to_datetime(out["date"])
    return out.dropna(subset=["date"]).reset_index(drop=True)


def _dated_records(dataset: Dataset) -> tuple[np.ndarray, pd.Series]:
    """Person positions and dates of the rows of :func:`activity`, from the categorical codes (no id strings)."""
    inter = dataset.interactions
    codes = [dataset.codes(inter["source"]), dataset.codes(inter["target"])]
    dates = [inter["date"], inter["date"]]
    att = dataset.attendance
    if len(att):
        codes.append(dataset.codes(att["person"]))
        dates.append(dataset.events["date"].reindex(att["event"]))
    date = pd.to_datetime(pd.concat(dates, ignore_index=True))
    dated = date.notna().to_numpy()
    return np.concatenate(codes)[dated], date[dated].reset_index(drop=True)


def _check(name, value, lo, hi, integer=False):
    ok = isinstance(value, int | np.integer) if integer else isinstance(value, int | float)
    if isinstance(value, bool) or not ok or not lo <= value <= hi:
        kind = "a whole number" if integer else "a number"
        raise ParameterError(f"{name} must be {kind} in [{lo}, {hi}]; got {value!r}.")


def isolation(dataset: Dataset, tie_table: pd.DataFrame | None = None, *, periphery_core: int = 1,
              periphery_quantile: float = 0.1, low_activity_quantile: float = 0.1, silo_min_ties: int = 3,
              recent_months: int = 6,
              fading_ratio: float = 0.25, fading_min_records: int = 4, fading_alpha: float = 0.01,
              newcomer_days: int = 180, newcomer_max_ties: int = 3) -> Isolation:
    """Flag isolated people with reason codes (see the module docstring for the definitions).

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table; built from ``dataset`` when omitted.
    periphery_core : int
        People with at least two ties, a core number at or below this (or in the lowest
        ``periphery_quantile`` of the core numbers of people with ties), below the median core number
        and a degree at or below the median degree of people with ties are ``periphery``.
    periphery_quantile : float
        See ``periphery_core``.
    low_activity_quantile : float
        Other people with at least two ties are ``low_activity`` when the people with ties whose
        strength is at most theirs are at most this share of the people with ties.
    silo_min_ties : int
        Minimum number of ties (to people with a known value) before ``silo`` is judged.
    recent_months : int
        Length of the recent period for ``fading``.
    fading_ratio : float
        ``fading`` when the recent rate is at most this fraction of the earlier rate.
    fading_min_records : int
        Records needed before the recent period to judge ``fading``.
    fading_alpha : float
        ``fading`` only when ``P(X <= recent records)`` is below this, for ``X`` Poisson with the
        earlier rate times the recent period's length (1 switches the test off).
    newcomer_days : int
        ``newcomer`` when joined within this many days of the end of the period ...
    newcomer_max_ties : int
        ... and with at most this many ties.

    Returns
    -------
    Isolation

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcdz"), "organisation": ["X", "X", "X", "Y", "Y"]})
    >>> inter = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "c", "c", "d"]})
    >>> iso = isolation(from_frames(people=people, interactions=inter), silo_min_ties=2)
    >>> iso.ids("isolate"), iso.ids("pendant"), iso.ids("silo")
    (['z'], ['d'], ['a', 'b'])
    >>> iso.table.loc["z", "explanation"]
    'z has no tie with anyone in the data.'
    """
    _check("periphery_core", periphery_core, 0, 10**9, integer=True)
    _check("periphery_quantile", periphery_quantile, 0, 1)
    _check("low_activity_quantile", low_activity_quantile, 0, 1)
    _check("silo_min_ties", silo_min_ties, 1, 10**9, integer=True)
    _check("recent_months", recent_months, 1, 1200, integer=True)
    _check("fading_ratio", fading_ratio, 0, 1)
    _check("fading_min_records", fading_min_records, 1, 10**9, integer=True)
    _check("fading_alpha", fading_alpha, 0, 1)
    _check("newcomer_days", newcomer_days, 1, 10**6, integer=True)
    _check("newcomer_max_ties", newcomer_max_ties, 0, 10**9, integer=True)
    t = make_ties(dataset) if tie_table is None else tie_table
    people = dataset.people
    n = len(people)
    a, b, w = undirected_edges(t, weighted=True)
    degree = np.bincount(np.concatenate([a, b]), minlength=n)
    strength = np.bincount(np.concatenate([a, b]), weights=np.concatenate([w, w]), minlength=n)
    g = igraph_of(n, a, b)
    core = np.asarray(g.coreness(), dtype=np.int64) if n else np.zeros(0, np.int64)
    tied = degree > 0
    # share of the people with ties whose strength is at most each person's (1e-9: whatever the order
    # the weights were summed in); low activity needs that share to be at most the quantile
    ordered = np.sort(strength[tied])
    at_most = np.searchsorted(ordered, strength + 1e-9 * np.maximum(strength, 1.0), side="right")
    low = tied & (at_most <= low_activity_quantile * tied.sum() + 1e-9)
    cut = float(strength[low].max()) if low.any() else None
    median_core = float(np.median(core[tied])) if tied.any() else 0.0
    low_core = max(float(periphery_core), float(np.quantile(core[tied], periphery_quantile)) if tied.any() else 0.0)
    median_degree = float(np.median(degree[tied])) if tied.any() else 0.0
    names = people["name"].fillna(pd.Series(people.index, index=people.index)).astype(str).to_numpy()
    ids = people.index.to_numpy(dtype=object)

    reasons = [[] for _ in range(n)]
    sentences = [[] for _ in range(n)]

    def flag(mask, code, sentence):
        for i in np.flatnonzero(mask):
            reasons[i].append(code)
            sentences[i].append(sentence(i))

    flag(degree == 0, "isolate", lambda i: "has no tie with anyone in the data")
    component = np.asarray(g.connected_components().membership, dtype=np.int64)
    size = np.bincount(component)[component] if n else np.zeros(0, np.int64)
    largest = int(size.max()) if n else 0
    n_largest = int((np.bincount(component) == largest).sum()) if n else 0
    flag((degree > 0) & (size < largest), "detached",
         lambda i: f"is in a separate group of {size[i]} people, not connected to the rest of the network")
    partner = np.full(n, -1)
    partner[a] = b
    partner[b] = a
    flag(degree == 1, "pendant", lambda i: f"has a single tie (with {names[partner[i]]})")
    peripheral = (degree >= 2) & (core <= low_core) & (core < median_core) & (degree <= median_degree)
    flag(peripheral, "periphery",
         lambda i: f"is on the edge of the network (k-core {core[i]}, {degree[i]} contacts)")
    flag((degree >= 2) & ~peripheral & low, "low_activity",
         lambda i: f"has {degree[i]} contacts (k-core {core[i]}) but little contact with them "
         f"(total tie weight {strength[i]:.2f}, among the lowest {low_activity_quantile:.0%})")
    silo_by = np.full(n, None, dtype=object)
    for attr in ("organisation", "domain"):
        value = people[attr].to_numpy(dtype=object)
        known = pd.notna(value)
        ends = np.concatenate([a, b]), np.concatenate([b, a])
        ok = known[ends[0]] & known[ends[1]]
        same = np.zeros(len(ok), dtype=bool)
        same[ok] = value[ends[0][ok]] == value[ends[1][ok]]
        n_known = np.bincount(ends[0][ok], minlength=n)
        n_same = np.bincount(ends[0][same], minlength=n)
        silo = known & (n_known >= silo_min_ties) & (n_same == n_known) & pd.isna(silo_by)
        silo_by[silo] = attr
        flag(silo, "silo", lambda i, v=value, x=attr, k=n_known:
             f"has all {k[i]} ties inside their own {x} ({v[i]})")

    thresholds = {"largest_component": largest, "largest_components": n_largest,
                  "periphery_core": periphery_core, "periphery_quantile": periphery_quantile,
                  "periphery_max_core": low_core, "median_core": median_core, "median_degree": median_degree,
                  "low_activity_quantile": low_activity_quantile,
                  "low_activity_strength": None if cut is None else round(cut, 6),
                  "people_with_ties": int(tied.sum()),
                  "silo_min_ties": silo_min_ties,
                  "recent_months": recent_months, "fading_ratio": fading_ratio,
                  "fading_min_records": fading_min_records, "fading_alpha": fading_alpha,
                  "newcomer_days": newcomer_days,
                  "newcomer_max_ties": newcomer_max_ties}
    earlier_rate = np.full(n, np.nan)
    recent_rate = np.full(n, np.nan)
    joined = pd.Series(pd.NaT, index=people.index, dtype="datetime64[ns]")
    code, date = _dated_records(dataset)
    start, end = (date.min(), date.max()) if len(date) else (None, None)
    thresholds["dated"] = end is not None
    if end is not None:
        cutoff = end - pd.DateOffset(months=recent_months)
        thresholds.update(period_start=start.date().isoformat(), period_end=end.date().isoformat(),
                          recent_from=cutoff.date().isoformat())
        before = (date < cutoff).to_numpy()
        n_before = np.bincount(code[before], minlength=n)
        n_recent = np.bincount(code[~before], minlength=n)
        months_before = max((cutoff - start).days / 30.4375, 1e-9)
        months_recent = (end - cutoff).days / 30.4375
        earlier_rate, recent_rate = n_before / months_before, n_recent / months_recent
        gone = (pd.to_datetime(people["left"]) <= end).to_numpy()
        # P(X <= n_recent) for X ~ Poisson(earlier rate over the recent months): scipy.stats.poisson.cdf's
        # own computation for these arguments (rate >= 0), without importing scipy.stats (1 s).
        from scipy.special import pdtr

        chance = np.clip(pdtr(n_recent.astype(float), earlier_rate * months_recent), 0, 1)
        fading = (start < cutoff) & (n_before >= fading_min_records) & ~gone \
            & (recent_rate <= fading_ratio * earlier_rate) & (chance < fading_alpha)
        flag(fading, "fading", lambda i: f"took part {earlier_rate[i]:.1f} times a month before "
             f"{cutoff.date().isoformat()}, and {recent_rate[i]:.1f} times a month since")
        joined = pd.to_datetime(people["joined"])
        first_record = bool(joined.isna().all())
        if first_record:  # no join dates at all: use each person's first record instead
            joined = date.groupby(code).min().reindex(np.arange(n)).set_axis(people.index)
        since = end - pd.Timedelta(days=newcomer_days)
        thresholds.update(newcomer_from=since.date().isoformat(),
                          newcomer_date="first record" if first_record else "joined")
        new = ((joined >= since) & (joined > start)).to_numpy() & (degree <= newcomer_max_ties)
        verb = "first record on" if first_record else "joined on"
        flag(new, "newcomer", lambda i: f"{verb} {joined.iloc[i].date().isoformat()} and has "
             f"{degree[i]} tie{'s' if degree[i] != 1 else ''} so far")

    explanation = [f"{names[i]} {'; '.join(s)}." if s else "" for i, s in enumerate(sentences)]
    table = pd.DataFrame({"reasons": pd.Series(reasons, index=people.index, dtype=object),
                          "explanation": explanation, "silo_by": pd.array(silo_by, dtype="string"), "degree": degree,
                          "strength": strength, "core": core, "component_size": size,
                          "earlier_rate": earlier_rate, "recent_rate": recent_rate,
                          "joined": joined.to_numpy()}, index=pd.Index(ids, name="id"))
    return Isolation(table=table, thresholds=thresholds)
