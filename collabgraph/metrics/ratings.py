"""Survey ratings of ties: trust, value and any other rating, per person, per learning network, per wave.

The room of this module: summaries of the rating columns of the interactions (:attr:`Dataset.ratings`,
docs/data.md, *Ratings*), the ``ratings`` command. A **rating** is one record's value in a rating column:
the record's ``source`` rates its ``target`` (a respondent rates a named colleague). Records without a
value in a column are not ratings of it; every figure counts the ratings it averages (``count``).

Per person (``people``)
    For each rating ``r``: ``r_received_mean``, ``r_received_count`` (ratings of the person as target)
    and ``r_given_mean``, ``r_given_count`` (ratings by the person as source). Every person is listed;
    ``count`` 0 and ``mean`` NaN for a person without such ratings.
Per learning network (``networks``) and overall (``overall``)
    One row per (network, rating): ``mean``, ``count``, ``min``, ``max`` of the ratings of the records
    labelled with that network (records without a network count in ``overall`` only), and the
    distribution ``n_0`` ... ``n_5`` (ratings equal to 0 ... 5) when every value of the rating is a whole
    number from 0 to 5, else NA. The distribution follows the rating's own values: ``n_k`` for each whole
    ``k`` from the rating's lowest to its highest value over all its ratings (the ``min`` and ``max`` of its
    ``overall`` row: its scale as far as the data show it; an item asked on 1-3 has ``n_1`` ... ``n_3``), NA
    for the values outside (``n_0``, ``n_4``, ``n_5`` of that item are no answers it allows).
Trust and value side by side (``partner``)
    Per network and for all networks (``network`` ``(all)``): ``trust_mean``, ``trust_count``,
    ``value_mean``, ``value_count``, as PARTNER reports its trust and value scores (Varda & Retrum
    2015: the mean of the ratings partners give each other's trust and value). Empty unless the data have
    both ``trust`` and ``value``.
Waves (``waves`` and ``changes``)
    ``waves``: per network (and ``(all)``), rating and wave: ``mean`` and ``count``. ``changes``: per
    network (and ``(all)``), rating and pair of consecutive waves: ``mean_before``, ``mean_after``,
    ``difference`` (after - before; the two means may be of different pairs), and compared pairwise:
    ``pairs_both`` (pairs rated in both waves: ordered pairs when directed, else unordered) and
    ``pair_change`` (the mean over those pairs of their mean rating in the later wave minus their mean
    in the earlier one). Empty without waves.

References
----------
Varda, D. M. & Retrum, J. H. (2015). Collaborative performance as a function of network members' perceptions
of success. *Public Performance & Management Review* 38(4), 632-653 (the PARTNER tool's trust and value scores,
https://visiblenetworklabs.com/partner-platform/).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.serialize import records
from collabgraph.tietable import pair_keys

__all__ = ["ALL", "Ratings", "ratings"]

#: The label of the rows over every learning network together.
ALL = "(all)"
#: Values of the distribution columns (``n_0`` ... ``n_5``).
SCALE = range(6)


@dataclass(frozen=True)
class Ratings:
    """The rating summaries of a dataset (the ``ratings`` command); definitions in the module docstring."""

    columns: tuple[str, ...]
    directed: bool
    people: pd.DataFrame
    networks: pd.DataFrame
    overall: pd.DataFrame
    partner: pd.DataFrame
    waves: pd.DataFrame
    changes: pd.DataFrame

    def to_dict(self) -> dict:
        return {"ratings": list(self.columns), "directed": self.directed,
                "overall": records(self.overall), "networks": records(self.networks), "partner": records(self.partner),
                "waves": records(self.waves), "changes": records(self.changes),
                "people": records(self.people.reset_index())}


def _long(dataset: Dataset) -> pd.DataFrame:
    """One row per rating: ``source, target, network, wave, rating, value`` (text ids and labels)."""
    inter = dataset.interactions
    base = pd.DataFrame({"source": inter["source"].astype("string"), "target": inter["target"].astype("string"),
                         "network": inter["network"].astype("string"), "wave": inter["wave"].astype("string")})
    parts = [base.assign(rating=name, value=inter[name].to_numpy(float))[inter[name].notna().to_numpy()]
             for name in dataset.ratings]
    return pd.concat(parts, ignore_index=True)


def _summary(frame: pd.DataFrame, keys: list[str], scales: dict[str, range | None]) -> pd.DataFrame:
    """``mean, count, min, max`` and ``n_0 .. n_5`` per group of ``keys`` (which include ``rating``); ``scales``:
    per rating the values its distribution counts (None: no distribution)."""
    hits = {f"n_{k}": frame["value"] == k for k in SCALE}
    g = frame.assign(**hits).groupby(keys, sort=True, observed=True)
    out = g["value"].agg(mean="mean", count="size", min="min", max="max").reset_index()
    counts = g[list(hits)].sum()  # the same groups in the same order as ``out``
    scale = out["rating"].map(scales)
    for k, column in zip(SCALE, hits, strict=True):
        scaled = scale.map(lambda values, k=k: values is not None and k in values).to_numpy(bool)
        out[column] = pd.array(np.where(scaled, counts[column].to_numpy(), 0), dtype="Int64")
        out.loc[~scaled, column] = pd.NA
    out["count"] = out["count"].astype(np.int64)
    return out


def _scale(values: pd.Series) -> range | None:
    """The values a rating's distribution counts: the whole numbers from its lowest to its highest rating, when
    every rating is a whole number from 0 to 5 (else None: no distribution).

    >>> _scale(pd.Series([1.0, 3.0, 2.0])), _scale(pd.Series([0.5, 2.0])), _scale(pd.Series([], dtype=float))
    (range(1, 4), None, None)
    """
    if not len(values) or not values.isin(list(SCALE)).all():
        return None
    return range(int(values.min()), int(values.max()) + 1)


def _person_table(dataset: Dataset, frame: pd.DataFrame) -> pd.DataFrame:
    people = dataset.people
    out = pd.DataFrame({"name": people["name"]} if "name" in people else {}, index=people.index.copy())
    for name in dataset.ratings:
        rated = frame[frame["rating"] == name]
        for side, end in (("received", "target"), ("given", "source")):
            g = rated.groupby(end, sort=False)["value"]
            out[f"{name}_{side}_mean"] = g.mean().reindex(people.index).to_numpy(float)
            out[f"{name}_{side}_count"] = g.size().reindex(people.index).fillna(0).to_numpy(np.int64)
    return out


def _partner(networks: pd.DataFrame, overall: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    cols = ["network", "trust_mean", "trust_count", "value_mean", "value_count"]
    if not {"trust", "value"} <= set(columns):
        return pd.DataFrame(columns=cols)
    rows = pd.concat([networks, overall.assign(network=ALL)], ignore_index=True)
    rows = rows[rows["rating"].isin(["trust", "value"])]
    wide = rows.pivot(index="network", columns="rating", values=["mean", "count"])
    out = pd.DataFrame({"network": wide.index,
                        "trust_mean": wide[("mean", "trust")].to_numpy(float),
                        "trust_count": wide[("count", "trust")].fillna(0).to_numpy(np.int64),
                        "value_mean": wide[("mean", "value")].to_numpy(float),
                        "value_count": wide[("count", "value")].fillna(0).to_numpy(np.int64)})
    order = [n for n in out["network"] if n != ALL] + [ALL]
    return out.set_index("network").loc[order].reset_index()


def _wave_tables(dataset: Dataset, frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    waves_cols = ["network", "rating", "wave", "mean", "count"]
    change_cols = ["network", "rating", "wave_before", "wave_after", "mean_before", "mean_after", "difference",
                   "pairs_both", "pair_change"]
    labels = [str(w) for w in dataset.interactions["wave"].cat.categories]
    frame = frame[frame["wave"].notna()]
    if not dataset.has_waves or not len(frame):
        return pd.DataFrame(columns=waves_cols), pd.DataFrame(columns=change_cols)
    if not dataset.directed:  # a pair is unordered
        swap = (frame["target"] < frame["source"]).to_numpy(bool)
        frame = frame.assign(source=frame["source"].where(~swap, frame["target"]),
                             target=frame["target"].where(~swap, frame["source"]))
    both = pd.concat([frame[frame["network"].notna()], frame.assign(network=ALL)], ignore_index=True)
    means = both.groupby(["network", "rating", "wave"], sort=True)["value"].agg(["mean", "size"])
    pairs = both.groupby(["network", "rating", "wave", "source", "target"], sort=True)["value"].mean()
    # pairs holds one run of rows per row of means (both sorted by network, rating, wave)
    codes = [np.asarray(c, np.int64) for c in pairs.index.codes]
    pair = pair_keys(codes[3], codes[4], len(pairs.index.levels[4]), directed=True)  # source, target
    starts = np.flatnonzero(np.r_[True, np.any([c[1:] != c[:-1] for c in codes[:3]], axis=0)])
    ends = np.r_[starts[1:], len(pairs)]
    values = pairs.to_numpy(float)
    network, rating, wave = (means.index.get_level_values(i).to_numpy(object) for i in range(3))
    mean, size = means["mean"].to_numpy(float), means["size"].to_numpy(np.int64)
    position = {w: i for i, w in enumerate(labels)}
    group = np.r_[0, np.cumsum((network[1:] != network[:-1]) | (rating[1:] != rating[:-1]))]
    rows = np.lexsort(([position[w] for w in wave], group))  # per (network, rating), waves in label order
    per_wave, changes = [], []
    for i, row in enumerate(rows):
        per_wave.append({"network": network[row], "rating": rating[row], "wave": wave[row],
                         "mean": float(mean[row]), "count": int(size[row])})
        if i == 0 or group[rows[i - 1]] != group[row]:
            continue
        before = rows[i - 1]
        a, b = slice(starts[before], ends[before]), slice(starts[row], ends[row])
        _, ia, ib = np.intersect1d(pair[a], pair[b], assume_unique=True, return_indices=True)
        keep = np.argsort(ia)  # the pairs rated in both waves, in the earlier wave's order
        ia, ib = ia[keep], ib[keep]
        ma, mb = float(mean[before]), float(mean[row])
        changes.append({"network": network[row], "rating": rating[row], "wave_before": wave[before],
                        "wave_after": wave[row], "mean_before": ma, "mean_after": mb, "difference": mb - ma,
                        "pairs_both": len(ia),
                        "pair_change": float(np.mean(values[b][ib] - values[a][ia])) if len(ia) else np.nan})
    order = {"network": lambda s: s.map(lambda n: (n == ALL, n))}
    per_wave = pd.DataFrame(per_wave, columns=waves_cols).sort_values("network", key=order["network"],
                                                                      kind="stable", ignore_index=True)
    changes = pd.DataFrame(changes, columns=change_cols).sort_values("network", key=order["network"],
                                                                     kind="stable", ignore_index=True)
    return per_wave, changes


def ratings(dataset: Dataset) -> Ratings:
    """Summaries of every rating column: per person, per learning network, overall, trust and value side by
    side (PARTNER's scores) and change between waves (definitions in the module docstring).

    Parameters
    ----------
    dataset : Dataset
        With at least one rating column (:attr:`Dataset.ratings`).

    Returns
    -------
    Ratings

    Raises
    ------
    ParameterError
        When the interactions have no rating column.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "c"],
    ...                                             "network": ["N", "N", "M"], "trust": [4, 2, 5]}))
    >>> r = ratings(ds)
    >>> r.networks[["network", "rating", "mean", "count"]].values.tolist()
    [['M', 'trust', 5.0, 1], ['N', 'trust', 3.0, 2]]
    >>> r.people.loc["a", ["trust_given_mean", "trust_received_mean"]].tolist()
    [4.5, 2.0]
    """
    if not dataset.ratings:
        raise ParameterError("The interactions have no rating columns (numeric columns such as trust/vertrouwen "
                             "or value/waarde besides weight and duration), so there are no ratings to summarise.")
    frame = _long(dataset)
    scales = {name: _scale(frame.loc[frame["rating"] == name, "value"]) for name in dataset.ratings}
    order = {name: i for i, name in enumerate(dataset.ratings)}
    overall = _summary(frame.assign(all=ALL), ["all", "rating"], scales).drop(columns="all")
    overall = overall.set_index("rating").reindex(list(dataset.ratings)).reset_index()
    overall["count"] = overall["count"].fillna(0).astype(np.int64)
    networks = _summary(frame[frame["network"].notna()], ["network", "rating"], scales)
    networks = networks.sort_values(["network", "rating"], key=lambda s: s.map(order) if s.name == "rating" else s,
                                    kind="stable", ignore_index=True)
    waves, changes = _wave_tables(dataset, frame)
    return Ratings(columns=tuple(dataset.ratings), directed=dataset.directed, people=_person_table(dataset, frame),
                   networks=networks, overall=overall, partner=_partner(networks, overall, dataset.ratings),
                   waves=waves, changes=changes)
