"""``collabgraph isolated``: who is left out, with a reason code and a plain sentence each."""

from __future__ import annotations

import click

from collabgraph.metrics.isolation import REASONS, isolation

from .common import counted, dataset_options, emit, format_option, limit_option, not_listed, pass_dataset, person

__all__ = ["isolated"]


def _newcomer_date(th: dict) -> str:
    """The newcomer rule's date condition, as the module applies it (after the data's first day too)."""
    basis = "joined" if th["newcomer_date"] == "joined" else "first record (the data have no join dates)"
    if th["newcomer_from"] > th["period_start"]:
        return f"{basis} on or after {th['newcomer_from']}"
    return f"{basis} after {th['period_start']}, the data's first day (people there from that day are not newcomers)"


def _text(result, total: int, names, limit: int | None = None) -> str:
    """The text of ``isolated``: each flagged person's explanation (which starts with their name, the id when they
    have none) and, when the name is not the id, the id."""
    flagged = result.flagged
    if flagged.empty:
        return f"No one among the {counted(total, 'person', 'people', sep=False)} is flagged as isolated."
    lines = [f"{len(flagged)} of {counted(total, 'person', 'people', sep=False)} may be left out:"]
    lines += [f"- {row['explanation']} [{', '.join(row['reasons'])}]" + ("" if person(pid, names.get(pid)) == str(pid)
                                                                         else f" (id {pid})")
              for pid, row in flagged.head(limit).iterrows()]
    lines += not_listed(len(flagged), limit, "people")
    lines += ["", "Reasons: " + "; ".join(f"{code} = {text}" for code, text in REASONS.items()) + ".",
              "Thresholds (on these data):"] + [f"  {rule}." for rule in _rules(result.thresholds)]
    return "\n".join(lines)


def _rules(th: dict) -> list[str]:
    """Each reason's rule with the numbers it used on the data, one sentence each."""
    def people(n):
        return counted(n, "person", "people", sep=False)
    detached = f"detached: in a connected group smaller than the largest ({people(th['largest_component'])})"
    if th["detached_by_network"]:
        detached = ("detached: has ties, but not connected to the rest of their learning network (outside the "
                    "largest connected group of its members, ties between members, in every network they are in; "
                    "someone in no network: connected to no such group)")
    elif th["largest_components"] > 1 and th["largest_component"] > 1:
        detached += (f"; the network is {th['largest_components']} separate groups of {th['largest_component']} "
                     "people, equally large, so no one in them is detached")
    top, median, contacts = th["periphery_max_core"], th["median_core"], th["median_degree"]
    periphery = (f"periphery: at least 2 ties, a k-core of at most {top:g} and below the median k-core {median:g}, "
                 f"and at most {contacts:g} contact{'' if contacts == 1 else 's'} (the median number); {top:g} is "
                 f"the larger of {th['periphery_core']} and the {th['periphery_quantile']:.0%} quantile of the k-cores")
    if median <= 1:  # everyone with a tie is in k-core 1 or higher
        periphery += f" (no one here: no one with a tie has a k-core below {median:g})"
    share = f"the lowest {th['low_activity_quantile']:.0%} of the {people(th['people_with_ties'])} with ties"
    low = (f"low_activity: at least 2 ties, not periphery, and a total tie weight of at most "
           f"{th['low_activity_strength']:g}: {share} (everyone else has more)"
           if th["low_activity_strength"] is not None else
           f"low_activity: no one: more than {th['low_activity_quantile']:.0%} of the "
           f"{people(th['people_with_ties'])} with ties share the lowest tie weight")
    rules = [detached, periphery, low,
             f"silo: at least {counted(th['silo_min_ties'], 'tie', sep=False)}, all inside their own organisation "
             "or domain"]
    if th["dated"]:
        rules += [f"fading: since {th['recent_from']} at most {th['fading_ratio']:.0%} of the earlier rate "
                  f"(at least {counted(th['fading_min_records'], 'record', sep=False)} before; "
                  f"by chance p < {th['fading_alpha']:g})",
                  f"newcomer: {_newcomer_date(th)}, at most {counted(th['newcomer_max_ties'], 'tie', sep=False)}"]
    else:
        rules.append("fading and newcomer need dates; these data have none")
    return rules


@click.command()
@dataset_options
@click.option("--periphery-core", type=click.IntRange(0), default=1, show_default=True,
              help="People with two or more ties in this k-core or lower (below the median k-core) and at "
                   "most the median number of contacts are on the periphery ...")
@click.option("--periphery-quantile", type=click.FloatRange(0, 1), default=0.1, show_default=True,
              help="... as are those whose k-core is in this lowest share (k-core below the median, at most "
                   "the median number of contacts).")
@click.option("--low-activity-quantile", type=click.FloatRange(0, 1), default=0.1, show_default=True,
              help="Others with two or more ties whose total tie weight is in this lowest share have low activity.")
@click.option("--silo-min-ties", type=click.IntRange(1), default=3, show_default=True,
              help="Ties needed before someone can be called a silo.")
@click.option("--recent-months", type=click.IntRange(1), default=6, show_default=True,
              help="Length of the recent period for 'fading'.")
@click.option("--fading-ratio", type=click.FloatRange(0, 1), default=0.25, show_default=True,
              help="Fading when recent activity is at most this share of earlier activity.")
@click.option("--fading-min-records", type=click.IntRange(1), default=4, show_default=True,
              help="Records needed before the recent period to judge fading.")
@click.option("--fading-alpha", type=click.FloatRange(0, 1), default=0.01, show_default=True,
              help="Fading only when so few recent records are this unlikely at the earlier rate (Poisson).")
@click.option("--newcomer-days", type=click.IntRange(1), default=180, show_default=True,
              help="Newcomer when joined within this many days of the end of the period ...")
@click.option("--newcomer-max-ties", type=click.IntRange(0), default=3, show_default=True,
              help="... and with at most this many ties.")
@limit_option(None, "People listed in the text, most isolated first (JSON and CSV hold everyone flagged).")
@format_option("text", "json", "csv")
@pass_dataset
def isolated(dataset, fmt, limit, **thresholds):
    """List people who may be left out: isolate, detached, pendant, periphery, low activity, silo, fading, newcomer.

    CSV output: one row per flagged person (reasons joined with ';').
    """
    result = isolation(dataset, **thresholds)
    flagged = result.flagged
    table = flagged.reset_index()[["id", "reasons", "explanation", "degree", "strength", "core", "component_size"]]
    table["reasons"] = table["reasons"].map(";".join)
    emit(fmt, result.to_dict(), _text(result, len(dataset.people), dataset.people["name"], limit), table)
