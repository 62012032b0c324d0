"""``collabgraph compare``: two periods or waves side by side, with uncertainty and what drove the change."""

from __future__ import annotations

import click
import pandas as pd

from collabgraph.metrics.periods import compare_periods
from collabgraph.metrics.windows import RECORDS

from .common import (
    counted,
    dataset_options,
    emit,
    format_option,
    limit_option,
    pass_dataset,
    weighted_option,
    who,
)

__all__ = ["compare"]

#: Metric names in sentences, and how to print a value.
LABELS = {
    "records": ("Interaction records", "{:,.0f}"), "people_active": ("People with a tie", "{:,.0f}"),
    "ties": ("Ties", "{:,.0f}"), "density": ("Density", "{:.3f}"), "components": ("Components", "{:,.0f}"),
    "isolated": ("Isolated members", "{:,.0f}"), "modularity": ("Modularity", "{:.2f}"),
    "between_network_ties": ("Ties between learning networks", "{:,.0f}"),
}


def _signed(x: float, fmt: str) -> str:
    text = fmt.format(abs(x))
    if float(text.replace(",", "")) == 0:
        return "no change" if x == 0 else f"no change at {text}"
    return ("+" if x > 0 else "-") + text


def _points(x: float) -> str:
    return f"{100 * x:+.0f}" if round(100 * x) != 0 else f"{100 * x:+z.1f}"


def _period(p) -> str:
    if p.waves is not None:
        return f"wave {p.label}"
    span = f"{p.start.date().isoformat()} to {p.end.date().isoformat()}"
    if p.partial:
        return f"{p.label} ({span}; partial: the data cover only part of it)"
    return p.label if p.label == span.replace(" to ", "..") else f"{p.label} ({span})"


def _text(c, top: int, names=None) -> str:
    b, a = c.before.label, c.after.label
    m = c.metrics
    source = {"all": "interactions and shared events", "interactions": "direct interactions only",
              "attendance": "shared events only"}[c.records]
    lines = [f"Comparing {_period(c.before)} with {_period(c.after)}; ties from {source}."]
    share = m.loc["cross_share"]
    level = f"{c.confidence:.0%}"
    if pd.isna(share["before"]) or pd.isna(share["after"]):
        lines.append(f"Cross-{c.by} ties cannot be compared: a period has no ties between people with a known {c.by}.")
    else:
        interval = ""
        if c.cross_interval is not None:
            lo, hi = c.cross_interval
            interval = f", {level} interval {_points(lo)} to {_points(hi)}"
        lines.append(f"Cross-{c.by} ties: {share['before']:.0%} in {b}, {share['after']:.0%} in {a} "
                     f"({_points(share['difference'])} points{interval}; bootstrap over "
                     f"{counted(c.people_resampled, 'person', 'people')}).")
        ei = m.loc["ei_index"]
        test = ""
        if c.ei_p_value is not None:
            test = (f"; p = {c.ei_p_value:.3f} when the period of each tie is shuffled "
                    f"{counted(c.permutations, 'time')}")
        lines.append(f"E-I index by {c.by}: {ei['before']:.2f} in {b}, {ei['after']:.2f} in {a} "
                     f"({ei['difference']:+z.2f}{test}).")
    for metric, (name, fmt) in LABELS.items():
        if metric in m.index:
            row = m.loc[metric]
            name += " (communities on tie weights)" if metric == "modularity" and c.weighted else ""
            lines.append(f"{name}: {fmt.format(row['before'])} in {b}, {fmt.format(row['after'])} in {a} "
                         f"({_signed(row['difference'], fmt)}).")
    if len(c.attribution):
        parts = ("each with the change in the share of all ties that are its cross ties (all parts of a level, in "
                 "--format csv or json, add up to the change):")
        if pd.isna(share["difference"]) or share["difference"] == 0:
            moved = "did not change" if share["difference"] == 0 else "cannot be compared"
            lines += ["", f"The cross-{c.by} share {moved}; the largest parts in either direction, {parts}"]
        else:
            lines += ["", f"What moved the cross-{c.by} share ({_points(share['difference'])} points): the parts "
                      f"that pushed it most, {parts}"]
        status = c.top("tie_status", 3).set_index("name")["contribution"]
        lines.append("- by tie: " + ", ".join(f"{n} ties {_points(status[n])}" for n in
                                              ("new", "continued", "dropped") if n in status.index))
        for level_name, title in (("network", "learning networks"), ("group", f"{c.by}s"),
                                  ("group_pair", f"pairs of {c.by}s"),
                                  ("new_tie_pair", f"pairs of {c.by}s in new ties"), ("person", "people")):
            rows = c.top(level_name, top)
            if not len(rows):
                continue
            parts = [f"{who(r.name, names, r.group) if level_name == 'person' else r.name} {_points(r.contribution)}"
                     for r in rows.itertuples()]
            lines.append(f"- top {title}: " + ", ".join(parts))
        lines.append("(points of cross share; a mixed meeting credits every attendee, so to see whose own "
                     "contacts changed use --ties interactions)" if c.records == "all" else "(points of cross share)")
    return "\n".join(lines)


def _deprecated_level(ctx, param, value):
    """``--level``, compare's old name of ``--confidence`` (``metrics --level`` is network/group/person): still
    accepted, hidden from ``--help``, with a one-line note on stderr."""
    if value is not None:
        click.echo("Note: compare's --level is deprecated; use --confidence (the same confidence level).", err=True)
    return value


@click.command()
@dataset_options
@click.option("--before", required=True, help="Period: a year (2020), quarter (2020Q3), range (2020-01-01..2020-06-30) "
                                              "or wave label.")
@click.option("--after", required=True, help="Period to compare with --before, in the same forms.")
@click.option("--by", default="domain", show_default=True, help="Attribute whose boundaries make a tie 'cross'.")
@click.option("--ties", "records", type=click.Choice(RECORDS), default="all", show_default=True,
              help="Records that make ties: all, direct interactions only, or shared events (attendance) only.")
@click.option("--permutations", type=click.IntRange(0), default=999, show_default=True,
              help="Shuffles of the period of each tie for the p-value of the E-I change.")
@click.option("--bootstraps", type=click.IntRange(0), default=1000, show_default=True,
              help="Resamples of people for the interval of the change in cross share.")
@click.option("--confidence", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=0.95,
              show_default=True, help="Confidence level of the interval (its coverage).")
@click.option("--level", type=click.FloatRange(0, 1, min_open=True, max_open=True), default=None, hidden=True,
              callback=_deprecated_level)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the shuffles and resamples.")
@limit_option(10, "Networks, groups and people listed in the text (JSON and CSV hold every part).", "--top")
@click.option("--no-clusters", is_flag=True, help="Skip modularity (communities per period).")
@weighted_option("Find each period's communities (modularity) on the tie weights (--unweighted: every tie counts "
                 "1), as clusters --weighted does.")
@click.option("--iterations", type=int, default=None,
              help="Leiden passes (-1: until stable). Default: until stable up to 10,000 people and 50,000 ties, "
                   "else 2.")
@format_option("text", "json", "csv")
@pass_dataset
def compare(dataset, fmt, before, after, by, records, permutations, bootstraps, confidence, level, seed, limit,
            no_clusters, weighted, iterations):
    """Compare two periods or waves: every headline metric, its change with uncertainty, and its causes."""
    c = compare_periods(dataset, before, after, by=by, permutations=permutations, bootstraps=bootstraps,
                        confidence=confidence if level is None else level, seed=seed, clusters=not no_clusters,
                        records=records, iterations=iterations, weighted=weighted)
    emit(fmt, c.to_dict(), _text(c, limit, dataset.people.get("name")), c.attribution)
