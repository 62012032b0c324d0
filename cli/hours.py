"""``collabgraph hours``: time invested per person, group and learning network."""

from __future__ import annotations

import click

from collabgraph.metrics.hours import hours as count_hours

from .common import counted, dataset_options, emit, format_option, limit_option, not_listed, pass_dataset

__all__ = ["hours"]


def _h(x: float) -> str:
    return f"{x:,.0f}" if x >= 10 else f"{x:,.1f}"




def _counts(row) -> str:
    """Distinct events, attendances (person-event pairs) and interaction records (each once) of a row."""
    return (f"{counted(row['events'], 'event')}, {counted(row['attendances'], 'attendance')}; "
            f"{_h(row['interaction_hours'])} in {counted(row['interactions'], 'interaction')}")


@click.command()
@dataset_options
@click.option("--by", default="organisation", show_default=True,
              help="Group people by this attribute (domain, profession, role ...), or 'network'.")
@limit_option(None, "Groups listed in the text, most hours first (JSON and CSV hold every group).")
@format_option("text", "json", "csv")
@pass_dataset
def hours(dataset, fmt, by, limit):
    """Person-hours from event and interaction durations; meetings without a duration are counted, not guessed.

    Counts: events = distinct events, attendances = person-event pairs, interactions = records (each
    once, also when both people are in the group).
    """
    h = count_hours(dataset)
    groups, missing = h.by(by, dataset.people)
    t = h.totals
    lines = [f"Time invested: {_h(t['hours'])} person-hours ({_h(t['event_hours'])} in {_counts(t)})."]
    if t["events_without_duration"] or t["interactions_without_duration"]:
        lines.append(f"{t['events_without_duration']:,} of {counted(t['events'], 'event')} without a duration "
                     f"({counted(t['attendance_without_duration'], 'attendance')}), and "
                     f"{t['interactions_without_duration']:,} of {counted(t['interactions'], 'interaction')}; "
                     "they are counted but add no hours.")
    if len(groups):
        lines.append(f"Per {by} (most hours first):")
    for name, row in groups.head(limit).iterrows():
        who = f"{counted(row['people'], 'person', 'people')}; " if "people" in row else ""
        lines.append(f"- {name}: {_h(row['hours'])} hours ({who}{_h(row['event_hours'])} in {_counts(row)})")
    lines += not_listed(len(groups), limit, f"{by} groups")
    if missing["missing"]:
        lines.append(f"{counted(missing['missing'], 'person', 'people')} without {by} "
                     f"({_h(missing['missing_hours'])} hours) left out.")
    table = groups.reset_index()
    full = h.to_dict()
    payload = {"by": by, "totals": t, "groups": table.to_dict("records"), **missing,
               "networks": full["networks"], "people": full["people"]}
    emit(fmt, payload, "\n".join(lines), table)
