"""Work forms and group size: which event kinds and sizes produce first cross-domain contacts.

The room of this module: figures per event ``kind`` (casusbespreking, masterclass, werkbezoek,
plenaire bijeenkomst ...) and per size band of events (the ``forms`` command). Two tables of rows,
``dimension`` ``kind`` (one row per kind; events without a kind form the row ``(no kind)``) and
``dimension`` ``size`` (bands ``2-5``, ``6-12``, ``13-25``, ``26+`` attendees). Events with one
attendee and events without attendees make no pair: they are in no row and are counted apart in the
totals, so per dimension ``events`` of the rows + ``events_one_attendee`` + ``events_no_attendees`` =
all events, and the same for attendances.

Per row
    ``events``; ``attendances`` (attendance rows: person-event pairs); ``mean_size``
    (attendances / events); ``hours`` (person-hours: ``duration_minutes / 60`` times the attendees,
    as :mod:`collabgraph.metrics.hours`); ``events_without_duration`` (counted, add no hours).
First ties
    A pair's **first meeting day** is the earliest date of any record of the pair, interaction or
    co-attendance (the tie table's ``first``). The pair's **first tie** is credited to a shared event
    on that day. Records within one day cannot be ordered: an interaction on the same day does not
    take the credit away from the event, and when the pair shared two or more events that day the
    first tie goes to the one with the smallest event id (the totals count these in
    ``first_ties_same_day_events``). Pairs with an undated interaction are left out (their first
    meeting is unknown; ``pairs_undated_left_out``). First ties need dated events: when an event with
    two or more attendees has no date, every first-tie figure is None and ``events_without_date``
    says why; nothing is guessed.
``first_ties``, ``cross_first_ties``, ``first_ties_left_out``
    First ties credited to the row's events; of those with both people's ``by`` known, the ones
    across groups; the ones with a person without a value (left out of the share).
``cross_share_first_ties``
    ``cross_first_ties / (first_ties - first_ties_left_out)``.
``cross_first_ties_per_hour``
    Cross-group first ties at the row's events with a duration, per person-hour of those events.
``p_value``
    Two-sided permutation test of whether the row's cross share of first ties differs from the rest
    of its dimension: the form labels of the first ties (with known groups) are shuffled
    ``permutations`` times (``numpy.random.default_rng(seed)``, one fresh generator per dimension,
    ``rng.permutation`` each time, of the labels in pair order: people-table position of the
    first person, then of the second); statistic ``d = share(form) - share(rest)``;
    ``p = (1 + #{|d*| >= |d|}) / (1 + permutations)`` (Phipson & Smyth 2010: never 0). None without
    permutations or when the form or the rest has no first tie.

References
----------
Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero. *Statistical
Applications in Genetics and Molecular Biology* 9(1), 39.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.groups import check_attribute
from collabgraph.params import Interval, validate_params

__all__ = ["BANDS", "Forms", "forms"]

#: size bands: label, smallest and largest number of attendees
BANDS = (("2-5", 2, 5), ("6-12", 6, 12), ("13-25", 13, 25), ("26+", 26, None))
NO_KIND = "(no kind)"
COLUMNS = ["dimension", "form", "events", "attendances", "mean_size", "hours", "events_without_duration",
           "first_ties", "cross_first_ties", "first_ties_left_out", "cross_share_first_ties",
           "cross_first_ties_per_hour", "p_value"]


@dataclass(frozen=True)
class Forms:
    """Work forms and size bands (the ``forms`` command); definitions in the module docstring.

    Attributes
    ----------
    table : DataFrame
        One row per form: the columns of :data:`COLUMNS`.
    totals : dict
        ``events, attendances`` (all), ``events_one_attendee``, ``events_no_attendees``,
        ``events_without_date`` (of those with two or more attendees), ``first_ties`` (credited to an
        event, None without dates), ``first_ties_same_day_events``, ``pairs_undated_left_out``,
        ``by``, ``permutations``, ``seed``.
    """

    table: pd.DataFrame = field(repr=False)
    totals: dict

    def to_dict(self) -> dict:
        rows = self.table.astype(object).where(self.table.notna(), None)
        return {"totals": self.totals, "forms": rows.to_dict("records")}


def _band(size: np.ndarray) -> np.ndarray:
    out = np.full(len(size), None, dtype=object)
    for label, low, high in BANDS:
        out[(size >= low) & (size <= (high if high is not None else np.inf))] = label
    return out


def _first_ties(dataset: Dataset, tie_table: pd.DataFrame) -> tuple[pd.DataFrame, int, int]:
    """The event of each pair's first tie (``u, v, event``), the pairs with two or more shared events on
    their first day, and the pairs left out for an undated interaction."""
    from collabgraph.graph import coattendance_pairs
    from collabgraph.tietable import end_codes, pair_keys

    n = len(dataset.people)
    co = coattendance_pairs(dataset)
    key = pair_keys(co["u"].to_numpy(), co["v"].to_numpy(), n, False)
    t_key = pair_keys(tie_table["u"].to_numpy(), tie_table["v"].to_numpy(), n, False)
    first = pd.Series(tie_table["first"].to_numpy("datetime64[ns]"), index=t_key).groupby(level=0).min()
    day = pd.Series(co["date"].to_numpy("datetime64[ns]")).dt.normalize()
    credited = (day.to_numpy() == first.reindex(key).dt.normalize().to_numpy())
    inter = dataset.interactions
    undated = inter["date"].isna().to_numpy()
    u, v = end_codes(dataset, inter["source"][undated], inter["target"][undated])
    ok = (u >= 0) & (v >= 0)
    unknown = np.unique(pair_keys(u[ok], v[ok], n, False))
    keep = credited & ~np.isin(key, unknown)
    cand = pd.DataFrame({"key": key[keep], "u": co["u"].to_numpy()[keep], "v": co["v"].to_numpy()[keep],
                         "event": co["event"].to_numpy(object)[keep]}).sort_values(["key", "event"], kind="stable")
    several = int((cand.groupby("key").size() > 1).sum())
    left_out = int(np.isin(np.unique(key), unknown).sum())
    return cand.drop_duplicates("key")[["u", "v", "event"]], several, left_out


def _p_values(labels: list[np.ndarray], cross: np.ndarray, ks: list[int], permutations: int, seed: int) -> list:
    """Two-sided Phipson–Smyth p per label of ``share(label) - share(rest)`` (module docstring), for each
    labelling of the same first ties (kind, size band; ``cross``: whether each tie crosses): a list of p per
    labelling.

    Each shuffle is one ``rng.permutation`` of the positions, applied to every labelling: the shuffles a fresh
    ``default_rng(seed)`` per labelling gives, since a shuffle depends only on the number of labels
    (``rng.permutation(x) == x[rng.permutation(len(x))]``), drawn once instead of once per labelling.

    Examples
    --------
    >>> lab, cross = np.array([0, 0, 1, 1, 1, 0]), np.array([True, True, False, False, True, True])
    >>> alone = _p_values([lab], cross, [2], 99, 0)[0]
    >>> alone == _p_values([1 - lab, lab], cross, [2, 2], 99, 0)[1], len(alone)  # the same shuffles when second
    (True, 2)
    """
    if not permutations:
        return [[None] * k for k in ks]
    m, hot = len(cross), np.flatnonzero(cross)  # a label's cross ties: those of ``hot`` with the label
    total = float(len(hot))
    sizes = [np.bincount(lab, minlength=k) for lab, k in zip(labels, ks, strict=True)]  # kept by every shuffle

    def diff(counts, n):
        with np.errstate(divide="ignore", invalid="ignore"):
            return counts / n - (total - counts) / (m - n)

    observed = [np.abs(diff(np.bincount(lab[hot], minlength=k), n))
                for lab, k, n in zip(labels, ks, sizes, strict=True)]
    hits = [np.zeros(k) for k in ks]
    rng = np.random.default_rng(seed)
    for _ in range(permutations):
        moved = rng.permutation(m)[hot]
        for lab, k, n, obs, hit in zip(labels, ks, sizes, observed, hits, strict=True):
            hit += np.abs(diff(np.bincount(lab[moved], minlength=k), n)) >= obs - 1e-12
    return [[float(x) if 0 < size < m else None for x, size in zip((1 + hit) / (1 + permutations), n, strict=True)]
            for hit, n in zip(hits, sizes, strict=True)]


@validate_params({"by": [str], "permutations": [Interval(int, 0, None)], "seed": [Interval(int, 0, None)],
                  "tie_table": [None, pd.DataFrame]})
def forms(dataset: Dataset, *, by: str = "domain", permutations: int = 999, seed: int = 0,
          tie_table: pd.DataFrame | None = None) -> Forms:
    """Events, attendances, person-hours and first cross-group ties per event kind and size band.

    Definitions (first ties, the same-day rule, the permutation test) in the module docstring.

    Parameters
    ----------
    dataset : Dataset
    by : str
        The people column whose groups a first tie crosses (domain by default).
    permutations : int
        Shuffles of the form labels for the p-values (0: none).
    seed : int
        Seed of the shuffles.
    tie_table : DataFrame, optional
        ``collabgraph.graph.ties(dataset)`` when the caller has it.

    Returns
    -------
    Forms

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "onderwijs"]})
    >>> events = pd.DataFrame({"id": ["e1", "e2"], "date": ["2021-01-05", "2021-02-01"],
    ...                        "kind": ["casus", "plenair"], "duration_minutes": [60, None]})
    >>> att = pd.DataFrame({"event": ["e1", "e1", "e2", "e2", "e2"], "person": list("abacd")})
    >>> f = forms(from_frames(people=people, events=events, attendance=att), permutations=0)
    >>> f.table.set_index(["dimension", "form"])[["events", "hours", "first_ties", "cross_first_ties"]]
    ... # doctest: +NORMALIZE_WHITESPACE
                   events  hours  first_ties  cross_first_ties
    dimension form
    kind      casus         1    2.0           1                 0
              plenair       1    0.0           3                 3
    size      2-5           2    2.0           4                 3
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    check_attribute(dataset.people.columns, by)
    ev, att = dataset.events, dataset.attendance
    size = att.groupby("event", observed=True).size().reindex(ev.index, fill_value=0).to_numpy()
    minutes = ev["duration_minutes"].to_numpy(float)
    pairs = size >= 2
    kinds = ev["kind"].astype(object).where(ev["kind"].notna(), NO_KIND).to_numpy(object)
    undated = int((ev["date"].isna().to_numpy() & pairs).sum())
    frame = pd.DataFrame({"event": ev.index.astype(str), "kind": kinds, "size": _band(size), "n": size,
                          "hours": np.where(np.isnan(minutes), 0.0, minutes / 60 * size),
                          "untimed": np.isnan(minutes)})[pairs]
    frame["first"] = frame["cross"] = frame["left_out"] = frame["timed_cross"] = 0
    several = left = 0
    if not undated and pairs.any():
        from collabgraph.graph import ties

        first, several, left = _first_ties(dataset, ties(dataset) if tie_table is None else tie_table)
        group = pd.factorize(dataset.people[by])[0]  # -1: no value
        gu, gv = group[first["u"].to_numpy()], group[first["v"].to_numpy()]
        known = (gu >= 0) & (gv >= 0)
        cross = known & (gu != gv)
        first = first.assign(known=known, cross=cross)
        per = first.groupby("event")[["known", "cross"]].sum().assign(n=first.groupby("event").size())
        per = per.reindex(frame["event"], fill_value=0)
        frame["first"] = per["n"].to_numpy()
        frame["cross"] = per["cross"].to_numpy()
        frame["left_out"] = (per["n"] - per["known"]).to_numpy()
        frame["timed_cross"] = np.where(frame["untimed"], 0, frame["cross"])
    dated = not undated
    dimensions = {column: sorted(frame[column].unique(), key=lambda x: [b[0] for b in BANDS].index(x))
                  if column == "size" else sorted(frame[column].unique()) for column in ("kind", "size")}
    p_values = {column: [None] * len(forms_) for column, forms_ in dimensions.items()}
    if dated and permutations and len(frame):
        fk = first[first["known"]]  # in pair order (people-table positions u, then v)
        labels = [pd.Categorical(pd.Series(frame[column].to_numpy(object), index=frame["event"].to_numpy(object))
                                 .reindex(fk["event"]), categories=forms_).codes.astype(np.int64)
                  for column, forms_ in dimensions.items()]
        p_values = dict(zip(dimensions, _p_values(labels, fk["cross"].to_numpy(bool),
                                                  [len(f) for f in dimensions.values()], permutations, seed),
                            strict=True))
    rows = []
    for dimension, column in (("kind", "kind"), ("size", "size")):
        for form, p in zip(dimensions[column], p_values[column], strict=True):
            sub = frame[frame[column] == form]
            hours_ = float(sub["hours"].sum())
            first_n, cross_n, out_n = int(sub["first"].sum()), int(sub["cross"].sum()), int(sub["left_out"].sum())
            rows.append({
                "dimension": dimension, "form": str(form), "events": len(sub), "attendances": int(sub["n"].sum()),
                "mean_size": float(sub["n"].mean()), "hours": hours_,
                "events_without_duration": int(sub["untimed"].sum()),
                "first_ties": first_n if dated else None, "cross_first_ties": cross_n if dated else None,
                "first_ties_left_out": out_n if dated else None,
                "cross_share_first_ties": cross_n / (first_n - out_n) if dated and first_n > out_n else None,
                "cross_first_ties_per_hour": float(sub["timed_cross"].sum()) / hours_ if dated and hours_ else None,
                "p_value": p})
    table = pd.DataFrame(rows, columns=COLUMNS)
    totals = {"by": by, "events": len(ev), "attendances": len(att),
              "events_one_attendee": int((size == 1).sum()), "events_no_attendees": int((size == 0).sum()),
              "events_without_date": undated,
              "first_ties": int(frame["first"].sum()) if dated else None,
              "first_ties_same_day_events": several if dated else None,
              "pairs_undated_left_out": left if dated else None,
              "permutations": permutations, "seed": seed}
    return Forms(table=table, totals=totals)
