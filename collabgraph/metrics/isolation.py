"""Isolation: who is left out, and why, in reason codes with a plain sentence each.

Reason codes (a person can have several)
----------------------------------------
``isolate``
    no tie with anyone.
``detached``
    has ties, but is not connected to the rest of their learning network. With learning networks
    (``dataset.memberships``), each network's graph is its members and the ties between two members
    (as in the scorecard); its largest connected group is its main group, and when several groups
    share the largest size they are all main groups (there is no rest to be cut off from). A member
    is detached when, in every network they are a member of, they are outside its main group(s). A
    person in no network is detached when their connected group in the whole graph holds no one who
    is in a main group. So learning networks that are separate by design (no ties between them) have
    no detached members. Without learning networks the whole graph is the one network: detached is a
    connected group smaller than the largest (``thresholds["largest_components"]`` counts the groups
    of the largest size). Weak components when directed; see :func:`detached_groups`.
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

Each code has one detector here (``_isolate``, ``_detached`` ... ``_newcomer``) that :func:`isolation`
applies to everyone, and one sentence in :data:`collabgraph.texts.ISOLATION_SENTENCES`.

References
----------
Wasserman, S. & Faust, K. (1994). Social Network Analysis, ch. 4 (isolates, pendants).
Seidman, S. B. (1983). Network structure and minimum degree. Social Networks 5, 269-287 (k-cores).
Batagelj, V. & Zaversnik, M. (2003). An O(m) algorithm for cores decomposition of networks.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.graph import igraph_of
from collabgraph.graph import ties as make_ties
from collabgraph.metrics.structure import component_labels, component_labels_from_ties
from collabgraph.params import Interval, Options, check, validate_params
from collabgraph.texts import DETACHED_WHERE, NEWCOMER_DATE, explanation, isolation_sentence, plural
from collabgraph.tietable import lookup, pair_keys, strengths, undirected_edges

__all__ = ["REASONS", "DetachedGroups", "Isolation", "activity", "detached_groups", "isolation"]

#: Reason codes in the order they are listed, with what each means.
REASONS = {
    "isolate": "no tie with anyone",
    "detached": "in a separate group, not connected to the rest of their learning network (or network)",
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
        check("reason", reason, Options(REASONS))
        return sorted(self.table.index[self.table["reasons"].map(lambda r: reason in r)])

    def __repr__(self) -> str:
        """One line: people, flagged, the count per reason and the first flagged; never the thresholds or a table.

        Examples
        --------
        >>> from collabgraph.datasets import load_example
        >>> isolation(load_example())  # doctest: +ELLIPSIS
        <Isolation: 598 people, ... flagged (isolate: ..., ...); first: ... (.thresholds, .flagged)>
        """
        reasons = ", ".join(f"{code}: {n:,}" for code, n in self.counts().items() if n)
        first = ", ".join(f"{pid} ({', '.join(r)})" for pid, r in self.flagged["reasons"].head(3).items())
        return (f"<Isolation: {len(self.table):,} people, {len(self.flagged):,} flagged"
                + (f" ({reasons}); first: {first}" if reasons else "") + " (.thresholds, .flagged)>")

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


@dataclass(frozen=True)
class _Found:
    """What one detector found: who (``mask`` over all people), the fields of their sentences
    (:data:`collabgraph.texts.ISOLATION_SENTENCES`; an array over all people or one value) and the
    threshold values it worked out."""

    mask: np.ndarray
    fields: dict = field(default_factory=dict)
    thresholds: dict = field(default_factory=dict)

    def sentence(self, code: str, i: int) -> str:
        return isolation_sentence(code, **{k: v[i] if isinstance(v, np.ndarray) else v for k, v in self.fields.items()})


def _isolate(degree: np.ndarray) -> _Found:
    """``isolate``: no tie with anyone (degree 0; Wasserman & Faust 1994, ch. 4)."""
    return _Found(degree == 0)


@dataclass(frozen=True)
class DetachedGroups:
    """Who is ``detached`` and the groups it was judged in (:func:`detached_groups`).

    Attributes
    ----------
    by_network : bool
        Whether the data have learning networks (memberships), so people were judged within them.
    detached : ndarray of bool
        Per person (rows of ``dataset.people``).
    component : ndarray of int
        Per person, their connected group in the whole graph.
    person, network, label, size, members, main : ndarray
        Per membership (person, network): the person's position, the network's position in
        ``networks``, the connected group within the network's graph (a number unique over all
        networks), its size, the network's members, and whether the group is a main group.
    networks : ndarray of str
    """

    by_network: bool
    detached: np.ndarray
    component: np.ndarray
    person: np.ndarray
    network: np.ndarray
    label: np.ndarray
    size: np.ndarray
    members: np.ndarray
    main: np.ndarray
    networks: np.ndarray

    def own_group(self, i: int) -> np.ndarray:
        """Whether each person shares a group with person ``i``: within one of ``i``'s networks, or, for a
        person in no network, in the whole graph (the group ``i`` is cut off with)."""
        rows = self.person == i
        if not rows.any():
            return self.component == self.component[i]
        out = np.zeros(len(self.component), bool)
        out[self.person[np.isin(self.label, self.label[rows])]] = True
        return out


def detached_groups(dataset: Dataset, a: np.ndarray, b: np.ndarray, degree: np.ndarray,
                    component: np.ndarray) -> DetachedGroups:
    """The ``detached`` rule of the module docstring, for the undirected edges ``a, b`` (positions in people).

    One graph holds every membership (person, network) as a node, joined when the two people are tied and
    both members of that network; its connected groups are the groups within each network's graph.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcdefg"), "networks": ["N", "N", "N", "N", "M", "M", None]})
    >>> inter = pd.DataFrame({"source": ["a", "c", "e", "f"], "target": ["b", "d", "f", "g"]})
    >>> ds = from_frames(people=people, interactions=inter)
    >>> a, b, _ = undirected_edges(make_ties(ds))
    >>> degree = np.bincount(np.concatenate([a, b]), minlength=7)
    >>> g = detached_groups(ds, a, b, degree, component_labels(ds))
    >>> g.detached.tolist()  # N splits into two equal pairs: no one detached; M is whole, g tied to it
    [False, False, False, False, False, False, False]
    """
    n = len(degree)
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    person = dataset.codes(m["person"])
    keep = person >= 0
    network, networks = pd.factorize(m["network"].to_numpy(dtype=object)[keep], sort=True)
    person = person[keep].astype(np.int64)
    rows = len(person)
    if not rows:  # no learning networks: the whole graph is the one network
        sizes = np.bincount(component) if n else np.zeros(0, np.int64)
        main = sizes == (sizes.max() if len(sizes) else 0)
        none = np.zeros(0, np.int64)
        return DetachedGroups(False, (degree > 0) & ~main[component], component, none, none, none, none, none,
                              none.astype(bool), np.asarray(networks, dtype=object))
    # memberships as nodes (their rows); the edges: a tie (x, y) and a network both are members of. Each tie is
    # repeated once per network of x, and kept where y is a member of that network too.
    by_person = np.argsort(person, kind="stable")
    count = np.bincount(person, minlength=n)
    first = np.cumsum(count) - count
    repeat = count[a]
    tie = np.repeat(np.arange(len(a)), repeat)
    u = by_person[first[a[tie]] + np.arange(len(tie)) - np.repeat(np.cumsum(repeat) - repeat, repeat)]
    keys = pair_keys(person, network, len(networks), directed=True)  # a membership: (person, network)
    order = np.argsort(keys, kind="stable")
    at, both = lookup(keys[order], pair_keys(b[tie], network[u], len(networks), directed=True))
    u, v = u[both], order[at[both]]
    label = component_labels_from_ties(pd.DataFrame({"u": u, "v": v}), pd.DataFrame(index=range(rows)))
    size = np.bincount(label)[label]
    largest = pd.Series(size).groupby(network).max().to_numpy()
    main = size == largest[network]
    members = np.bincount(network)[network]
    anchored = np.zeros(n, bool)
    anchored[person[main]] = True
    member = np.zeros(n, bool)
    member[person] = True
    held = np.zeros(component.max() + 1, bool)
    held[component[anchored]] = True
    detached = (degree > 0) & np.where(member, ~anchored, ~held[component])
    return DetachedGroups(True, detached, component, person, network, label, size, members, main,
                          np.asarray(networks, dtype=object))


def _detached(degree: np.ndarray, groups: DetachedGroups) -> _Found:
    """``detached``: ties, but not connected to the rest of their learning network (module docstring,
    :func:`detached_groups`); ``fields["where"]`` says in which group, per person."""
    component = groups.component
    sizes = np.bincount(component) if len(component) else np.zeros(0, np.int64)
    largest = int(sizes.max()) if len(sizes) else 0
    where = np.full(len(degree), None, dtype=object)
    for i in np.flatnonzero(groups.detached):
        rows = np.flatnonzero(groups.person == i)
        if not rows.size:
            kind = "no_network" if groups.by_network else "whole"
            where[i] = DETACHED_WHERE[kind].format(size=int(sizes[component[i]]))
            continue
        parts = [DETACHED_WHERE["alone" if groups.size[r] == 1 else "group"].format(
            size=int(groups.size[r]), others=int(groups.members[r]) - 1, members=int(groups.members[r]),
            network=groups.networks[groups.network[r]]) for r in rows]
        where[i] = DETACHED_WHERE["network"].format(parts="; ".join(parts))
    return _Found(groups.detached, {"where": where},
                  {"largest_component": largest, "largest_components": int((sizes == largest).sum()),
                   "detached_by_network": groups.by_network})


def _pendant(degree: np.ndarray, a: np.ndarray, b: np.ndarray, names: np.ndarray) -> _Found:
    """``pendant``: exactly one tie (Wasserman & Faust 1994, ch. 4); the sentence names the other person."""
    partner = np.full(len(degree), -1)
    partner[a] = b
    partner[b] = a
    mask = degree == 1
    return _Found(mask, {"partner": np.where(mask, names[partner], None)})


def _periphery(degree: np.ndarray, core: np.ndarray, *, periphery_core: int, periphery_quantile: float) -> _Found:
    """``periphery``: at least two ties, in a low k-core and with few distinct contacts.

    Low k-core (Seidman 1983): a core number at or below ``periphery_core`` or in the lowest
    ``periphery_quantile`` of the core numbers of the people with ties, and below their median core
    number. Few contacts: a degree at or below the median degree of the people with ties.
    """
    tied = degree > 0
    median_core = float(np.median(core[tied])) if tied.any() else 0.0
    low_core = max(float(periphery_core), float(np.quantile(core[tied], periphery_quantile)) if tied.any() else 0.0)
    median_degree = float(np.median(degree[tied])) if tied.any() else 0.0
    mask = (degree >= 2) & (core <= low_core) & (core < median_core) & (degree <= median_degree)
    return _Found(mask, {"core": core, "degree": degree},
                  {"periphery_core": periphery_core, "periphery_quantile": periphery_quantile,
                   "periphery_max_core": low_core, "median_core": median_core, "median_degree": median_degree})


def _low_activity(degree: np.ndarray, strength: np.ndarray, core: np.ndarray, peripheral: np.ndarray, *,
                  low_activity_quantile: float) -> _Found:
    """``low_activity``: at least two ties, not ``periphery``, and a total tie weight (strength) among the
    lowest ``low_activity_quantile`` of the people with ties.

    The person and everyone with the same or a lower strength are together at most that share of
    the people with ties, so everyone else has more; when too many share the lowest strength no one
    has low activity.
    """
    tied = degree > 0
    # share of the people with ties whose strength is at most each person's (1e-9: whatever the order
    # the weights were summed in); low activity needs that share to be at most the quantile
    ordered = np.sort(strength[tied])
    at_most = np.searchsorted(ordered, strength + 1e-9 * np.maximum(strength, 1.0), side="right")
    low = tied & (at_most <= low_activity_quantile * tied.sum() + 1e-9)
    cut = float(strength[low].max()) if low.any() else None
    return _Found((degree >= 2) & ~peripheral & low,
                  {"degree": degree, "core": core, "strength": strength, "quantile": low_activity_quantile},
                  {"low_activity_quantile": low_activity_quantile,
                   "low_activity_strength": None if cut is None else round(cut, 6)})


def _silo(people: pd.DataFrame, a: np.ndarray, b: np.ndarray, *, silo_min_ties: int) -> _Found:
    """``silo``: at least ``silo_min_ties`` ties with people whose organisation (or domain) is known, all
    inside the person's own; organisation is judged first. ``fields["attribute"]`` is the one that holds."""
    n = len(people)
    silo_by, value_of, ties_of = np.full(n, None, dtype=object), np.full(n, None, dtype=object), np.zeros(n, np.int64)
    ends = np.concatenate([a, b]), np.concatenate([b, a])
    for attr in ("organisation", "domain"):
        value = people[attr].to_numpy(dtype=object)
        known = pd.notna(value)
        ok = known[ends[0]] & known[ends[1]]
        same = np.zeros(len(ok), dtype=bool)
        same[ok] = value[ends[0][ok]] == value[ends[1][ok]]
        n_known = np.bincount(ends[0][ok], minlength=n)
        n_same = np.bincount(ends[0][same], minlength=n)
        silo = known & (n_known >= silo_min_ties) & (n_same == n_known) & pd.isna(silo_by)
        silo_by[silo], value_of[silo], ties_of[silo] = attr, value[silo], n_known[silo]
    return _Found(pd.notna(silo_by), {"attribute": silo_by, "value": value_of, "ties": ties_of},
                  {"silo_min_ties": silo_min_ties})


def _poisson_cdf(k: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """``P(X <= k)`` for ``X`` Poisson with ``mean``, element by element: ``sum(exp(-mean) * mean**i / i!)``
    over ``i = 0 .. k``.

    Each term is ``exp(i * log(mean) - mean - log(i!))`` (``log(i!)`` from :func:`math.lgamma`), the terms of
    all elements summed at once, so a large ``mean`` does not underflow ``exp(-mean)``. This is the
    function ``scipy.special.pdtr(k, mean)`` (``scipy.stats.poisson.cdf``) evaluates as the regularised upper
    incomplete gamma function ``Q(k + 1, mean)``, without importing scipy.special (0.1-0.25 s): in another
    order of operations, so not bit for bit, within 2e-13 relative for counts below 100 and 5e-12 up to 3,000
    (``tests/metrics/test_isolation.py``).

    Parameters
    ----------
    k : ndarray of int
        Counts, at least 0.
    mean : ndarray of float
        Means, at least 0 (a mean of 0 gives 1).

    Returns
    -------
    ndarray of float

    Examples
    --------
    >>> _poisson_cdf(np.array([0, 2, 1]), np.array([1.0, 2.0, 0.0])).round(6).tolist()
    [0.367879, 0.676676, 1.0]
    """
    k, mean = np.asarray(k, dtype=np.int64), np.asarray(mean, dtype=float)
    if not len(k):
        return np.zeros(0)
    log_factorial = np.array([math.lgamma(i + 1) for i in range(int(k.max()) + 1)])
    of = np.repeat(np.arange(len(k)), k + 1)  # one term per i = 0 .. k of each element
    first = np.cumsum(k + 1) - (k + 1)
    i = np.arange(len(of)) - first[of]
    m = mean[of]
    with np.errstate(divide="ignore", invalid="ignore"):  # log(0) = -inf: 0**i is 0, and 0**0 is 1
        power = np.where(i > 0, i * np.log(m), 0.0)
    return np.minimum(np.add.reduceat(np.exp(power - m - log_factorial[i]), first), 1.0)


def _fading(code: np.ndarray, date: pd.Series, people: pd.DataFrame, *, recent_months: int, fading_ratio: float,
            fading_min_records: int, fading_alpha: float) -> _Found:
    """``fading``: recent activity far below the person's own earlier activity.

    Records per month (:func:`activity`) in the last ``recent_months`` of the period are at most
    ``fading_ratio`` times the rate before, with at least ``fading_min_records`` records before, and
    ``P(X <= recent records) < fading_alpha`` for ``X`` Poisson with the earlier rate over the recent
    months. People who left on or before the end of the period are not fading. ``fields["earlier"]``
    and ``fields["recent"]`` are everyone's rates.
    """
    n = len(people)
    start, end = date.min(), date.max()
    cutoff = end - pd.DateOffset(months=recent_months)
    before = (date < cutoff).to_numpy()
    n_before = np.bincount(code[before], minlength=n)
    n_recent = np.bincount(code[~before], minlength=n)
    months_before = max((cutoff - start).days / 30.4375, 1e-9)
    months_recent = (end - cutoff).days / 30.4375
    earlier_rate, recent_rate = n_before / months_before, n_recent / months_recent
    gone = (pd.to_datetime(people["left"]) <= end).to_numpy()
    mask = (start < cutoff) & (n_before >= fading_min_records) & ~gone & (recent_rate <= fading_ratio * earlier_rate)
    # and P(X <= n_recent) < fading_alpha for X ~ Poisson(earlier rate over the recent months)
    mask[mask] = _poisson_cdf(n_recent[mask], earlier_rate[mask] * months_recent) < fading_alpha
    return _Found(mask, {"earlier": earlier_rate, "recent": recent_rate, "since": cutoff.date().isoformat()},
                  {"recent_from": cutoff.date().isoformat()})


def _newcomer(code: np.ndarray, date: pd.Series, people: pd.DataFrame, degree: np.ndarray, *, newcomer_days: int,
              newcomer_max_ties: int) -> _Found:
    """``newcomer``: joined in the last ``newcomer_days`` of the period, after its first record, with at
    most ``newcomer_max_ties`` ties.

    The join date is the ``joined`` column (missing: from the start); only when no one has a join
    date is each person's first record used. ``fields["joined"]`` holds everyone's date.
    """
    n = len(people)
    start, end = date.min(), date.max()
    joined = pd.to_datetime(people["joined"])
    first_record = bool(joined.isna().all())
    if first_record:  # no join dates at all: use each person's first record instead
        joined = date.groupby(code).min().reindex(np.arange(n)).set_axis(people.index)
    since = end - pd.Timedelta(days=newcomer_days)
    mask = ((joined >= since) & (joined > start)).to_numpy() & (degree <= newcomer_max_ties)
    on, ties = np.full(n, None, dtype=object), np.full(n, None, dtype=object)
    on[mask] = [d.date().isoformat() for d in joined[mask]]
    ties[mask] = [plural(d, "tie") for d in degree[mask]]
    kind = "first record" if first_record else "joined"
    return _Found(mask, {"joined_on": NEWCOMER_DATE[kind], "date": on, "ties": ties, "joined": joined.to_numpy()},
                  {"newcomer_from": since.date().isoformat(), "newcomer_date": kind})


@validate_params({"periphery_core": [Interval(int, 0, None)], "periphery_quantile": [Interval(float, 0, 1)],
                  "low_activity_quantile": [Interval(float, 0, 1)], "silo_min_ties": [Interval(int, 1, None)],
                  "recent_months": [Interval(int, 1, 1200)], "fading_ratio": [Interval(float, 0, 1)],
                  "fading_min_records": [Interval(int, 1, None)], "fading_alpha": [Interval(float, 0, 1)],
                  "newcomer_days": [Interval(int, 1, 10**6)], "newcomer_max_ties": [Interval(int, 0, None)]})
def isolation(dataset: Dataset, *, tie_table: pd.DataFrame | None = None, periphery_core: int = 1,
              periphery_quantile: float = 0.1, low_activity_quantile: float = 0.1, silo_min_ties: int = 3,
              recent_months: int = 6,
              fading_ratio: float = 0.25, fading_min_records: int = 4, fading_alpha: float = 0.01,
              newcomer_days: int = 180, newcomer_max_ties: int = 3) -> Isolation:
    """Flag isolated people with reason codes (see the module docstring for the definitions).

    One detector per reason code, each applied to everyone; a person's reasons are listed in the
    order of :data:`REASONS`, with the sentence of each (:mod:`collabgraph.texts`).

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
    t = make_ties(dataset) if tie_table is None else tie_table
    people = dataset.people
    n = len(people)
    a, b, w = undirected_edges(t, weighted=True)
    degree = np.bincount(np.concatenate([a, b]), minlength=n)
    strength = strengths(a, b, w, n)
    core = np.asarray(igraph_of(n, a, b).coreness(), dtype=np.int64) if n else np.zeros(0, np.int64)
    component = component_labels(dataset, tie_table=t)
    names = people["name"].fillna(pd.Series(people.index, index=people.index)).astype(str).to_numpy()

    found = {"isolate": _isolate(degree), "detached": _detached(degree, detached_groups(dataset, a, b, degree,
                                                                                      component)),
             "pendant": _pendant(degree, a, b, names),
             "periphery": _periphery(degree, core, periphery_core=periphery_core,
                                     periphery_quantile=periphery_quantile)}
    found["low_activity"] = _low_activity(degree, strength, core, found["periphery"].mask,
                                          low_activity_quantile=low_activity_quantile)
    found["silo"] = _silo(people, a, b, silo_min_ties=silo_min_ties)
    code, date = _dated_records(dataset)
    if len(date):  # without dates, fading and newcomer are not assessed
        found["fading"] = _fading(code, date, people, recent_months=recent_months, fading_ratio=fading_ratio,
                                  fading_min_records=fading_min_records, fading_alpha=fading_alpha)
        found["newcomer"] = _newcomer(code, date, people, degree, newcomer_days=newcomer_days,
                                      newcomer_max_ties=newcomer_max_ties)

    reasons, sentences = [[] for _ in range(n)], [[] for _ in range(n)]
    for reason, result in found.items():
        for i in np.flatnonzero(result.mask):
            reasons[i].append(reason)
            sentences[i].append(result.sentence(reason, i))

    thresholds = {**found["detached"].thresholds, **found["periphery"].thresholds,
                  **found["low_activity"].thresholds, "people_with_ties": int((degree > 0).sum()),
                  **found["silo"].thresholds,
                  "recent_months": recent_months, "fading_ratio": fading_ratio,
                  "fading_min_records": fading_min_records, "fading_alpha": fading_alpha,
                  "newcomer_days": newcomer_days, "newcomer_max_ties": newcomer_max_ties, "dated": len(date) > 0}
    if len(date):
        thresholds.update(period_start=date.min().date().isoformat(), period_end=date.max().date().isoformat(),
                          **found["fading"].thresholds, **found["newcomer"].thresholds)
    fading, newcomer = found.get("fading"), found.get("newcomer")
    table = pd.DataFrame({"reasons": pd.Series(reasons, index=people.index, dtype=object),
                          "explanation": [explanation(names[i], s) for i, s in enumerate(sentences)],
                          "silo_by": pd.array(found["silo"].fields["attribute"], dtype="string"), "degree": degree,
                          "strength": strength, "core": core, "component_size": np.bincount(component)[component],
                          "earlier_rate": fading.fields["earlier"] if fading else np.full(n, np.nan),
                          "recent_rate": fading.fields["recent"] if fading else np.full(n, np.nan),
                          "joined": newcomer.fields["joined"] if newcomer else np.full(n, np.datetime64("NaT", "ns"))},
                         index=pd.Index(people.index.to_numpy(dtype=object), name="id"))
    return Isolation(table=table, thresholds=thresholds)
