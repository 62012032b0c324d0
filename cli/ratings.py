"""``collabgraph ratings``: survey ratings of ties (trust, value ...) per network, overall, per wave and per person."""

from __future__ import annotations

import click
import pandas as pd

from collabgraph.io.validate import RATING_LIMIT
from collabgraph.metrics.ratings import ALL
from collabgraph.metrics.ratings import ratings as summarise
from collabgraph.schema import RATINGS

from .common import counted, dataset_options, emit, format_option, limit_option, pass_dataset, person

__all__ = ["ratings"]

NO_RATINGS = ("The interactions have no rating columns (numeric columns such as trust/vertrouwen or value/waarde "
              "besides weight and duration), so there are no ratings to summarise.")




def _mean(x) -> str:
    return "-" if x is None or pd.isna(x) else f"{x:.2f}"


def _distribution(row) -> str:
    """The counts of the rating's own values (``n_k`` not NA: from its lowest to its highest value)."""
    counts = [f"{k}: {int(row[f'n_{k}']):,}" for k in range(6) if not pd.isna(row[f"n_{k}"])]
    return "; " + ", ".join(counts) if counts else ""


def _person(pid, row) -> str:
    return person(pid, row.get("name"))


@click.command()
@dataset_options
@limit_option(10, "People listed (those with the most ratings received).")
@format_option("text", "json", "csv")
@pass_dataset
def ratings(dataset, fmt, limit):
    """Survey ratings of ties: mean trust, value and other ratings per network and overall, per wave, per person.

    A rating is a value in a numeric column of the interactions such as trust (vertrouwen) or value (waarde):
    the source rates the target (docs/data.md, Ratings). Trust and value per network are shown side by side
    as PARTNER's scores (docs/metrics.md). Data without rating columns get that said (an empty answer, exit 0).
    """
    if not dataset.ratings:
        empty = {key: [] for key in ("ratings", "overall", "networks", "partner", "waves", "changes", "people")}
        emit(fmt, {**empty, "directed": dataset.directed, "note": NO_RATINGS}, NO_RATINGS,
             pd.DataFrame(columns=["network", "rating", "mean", "count"]))
        return
    r = summarise(dataset)
    lines = [f"Ratings: {', '.join(r.columns)} (each record's source rates its target; means over the ratings "
             "given, empty values left out)."]
    by_values = [c for c in r.columns if c not in RATINGS]  # not trust, value or frequency by name
    if by_values:
        lines.append(f"{', '.join(by_values)}: read as {'a rating' if len(by_values) == 1 else 'ratings'} because "
                     f"{'its' if len(by_values) == 1 else 'their'} values are numbers from -{RATING_LIMIT} to "
                     f"{RATING_LIMIT} (docs/data.md, Ratings); a column that is no rating (hours, a count) is "
                     "summarised all the same.")
    for _, row in r.overall.iterrows():
        lines.append(f"- {row['rating']}: mean {_mean(row['mean'])} over {counted(row['count'], 'rating')}"
                     + (f" (from {row['min']:g} to {row['max']:g}{_distribution(row)})" if row["count"] else ""))
    if len(r.partner):
        lines += ["", "Trust and value per learning network (PARTNER's scores: mean rating, number of ratings):"]
        for _, row in r.partner.iterrows():
            where = "all networks" if row["network"] == ALL else row["network"]
            lines.append(f"- {where}: trust {_mean(row['trust_mean'])} ({row['trust_count']:,}), "
                         f"value {_mean(row['value_mean'])} ({row['value_count']:,})")
    else:
        lines += ["", "Per learning network (mean rating, number of ratings; records without a network left out):"]
        for network, rows in r.networks.groupby("network", sort=False):
            lines.append(f"- {network}: " + ", ".join(f"{x['rating']} {_mean(x['mean'])} ({x['count']:,})"
                                                      for _, x in rows.iterrows()))
    if len(r.changes):
        lines += ["", "Change between waves (difference of the means; pairs rated in both waves compared pairwise):"]
        for _, row in r.changes.iterrows():
            where = "all networks" if row["network"] == ALL else row["network"]
            pairwise = (f"{counted(row['pairs_both'], 'pair')} rated in both: mean change {row['pair_change']:+z.2f}"
                        if row["pairs_both"] else "no pair rated in both")
            lines.append(f"- {where}, {row['rating']} {row['wave_before']} -> {row['wave_after']}: "
                         f"{_mean(row['mean_before'])} -> {_mean(row['mean_after'])} ({row['difference']:+z.2f}); "
                         f"{pairwise}")
    elif dataset.has_waves:
        lines += ["", "One wave only: no change between waves."]
    received = [f"{c}_received_count" for c in r.columns]
    people = r.people.assign(_total=r.people[received].sum(axis=1))
    people = people[people["_total"] > 0].sort_values("_total", ascending=False, kind="stable").head(limit)
    if len(people):
        lines += ["", f"People with the most ratings received (first {len(people)}; mean received, number):"]
        for pid, row in people.iterrows():
            lines.append(f"- {_person(pid, row)}: " + ", ".join(
                f"{c} {_mean(row[f'{c}_received_mean'])} ({int(row[f'{c}_received_count']):,})"
                for c in r.columns if row[f"{c}_received_count"]))
    table = pd.concat([r.networks, r.overall.assign(network=ALL)], ignore_index=True)
    emit(fmt, r.to_dict(), "\n".join(lines), table)
