"""``collabgraph forms``: events, person-hours and first cross-group ties per work form and group size."""

from __future__ import annotations

import click

from collabgraph.metrics.forms import forms as count_forms

from .common import counted, dataset_options, emit, format_option, limit_option, not_listed, pass_dataset

__all__ = ["forms"]




def _share(x) -> str:
    return "-" if x is None else f"{x:.0%}"


def _p(x) -> str:
    return "" if x is None else f", p = {x:.3f}"


@click.command()
@dataset_options
@click.option("--by", default="domain", show_default=True,
              help="First ties cross groups of this attribute (domain, organisation, profession ...).")
@click.option("--permutations", type=click.IntRange(min=0), default=999, show_default=True,
              help="Shuffles of the form labels for the p-values (0: none).")
@click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Seed of the shuffles.")
@limit_option(None, "Forms (work forms and group sizes) listed in the text (JSON and CSV hold every one).")
@format_option("text", "json", "csv")
@pass_dataset
def forms(dataset, fmt, by, permutations, seed, limit):
    """Which work forms and group sizes produce first cross-group ties: events, person-hours, first ties.

    A first tie is a pair whose earliest record of any kind is on the day of an event they shared
    (docs/time.md). Events of one attendee make no pair and are counted apart.
    """
    f = count_forms(dataset, by=by, permutations=permutations, seed=seed)
    t = f.totals
    if not len(dataset.events):
        emit(fmt, f.to_dict(), "No events in the data: work forms and group sizes are read from the events table "
             "(kind, duration) and its attendance, so there is nothing to compare.", f.table)
        return
    lines = [f"{counted(t['events'], 'event')}, {counted(t['attendances'], 'attendance')}; "
             f"{counted(t['events_one_attendee'], 'event')} with one attendee and {t['events_no_attendees']:,} without "
             "attendees are counted apart (no pair)."]
    if t["first_ties"] is None:
        lines.append(f"{counted(t['events_without_date'], 'event')} with two or more attendees have no date: "
                     "first ties need dates, so they are left empty.")
    else:
        lines.append(f"{counted(t['first_ties'], 'first tie')} at events "
                     f"({counted(t['first_ties_same_day_events'], 'pair')} shared two or more events on their first "
                     "day: credited to the smallest event id; "
                     f"{counted(t['pairs_undated_left_out'], 'pair')} with an undated interaction left out).")
    for _, r in f.table.head(limit).iterrows():
        text = (f"- {r['dimension']} {r['form']}: {counted(r['events'], 'event')}, "
                f"{counted(r['attendances'], 'attendance')} (mean {r['mean_size']:.1f}), "
                f"{r['hours']:,.1f} person-hours")
        if r["events_without_duration"]:
            text += f" ({counted(r['events_without_duration'], 'event')} without a duration: counted, no hours)"
        if r["first_ties"] is not None:
            per_hour = r["cross_first_ties_per_hour"]
            text += (f"; {counted(r['first_ties'], 'first tie')}, {_share(r['cross_share_first_ties'])} across {by}"
                     f"{_p(r['p_value'])}")
            if r["first_ties_left_out"]:
                text += f" ({r['first_ties_left_out']:,} with a person without {by} left out)"
            if per_hour is not None:
                text += f"; {per_hour:.2f} cross first ties per person-hour" + (
                    " of the events with a duration" if r["events_without_duration"] else "")
        lines.append(text)
    lines += not_listed(len(f.table), limit, "forms")
    payload = f.to_dict()
    table = f.table
    if click.get_current_context().meta.get("csv_style") == "excel-nl":  # Dutch Excel reads 2-5 as 2 May: 2–5
        size = table["dimension"].eq("size")  # as the report's excel-nl forms.csv (report.export.data_values)
        table = table.assign(form=table["form"].where(~size, table["form"].str.replace("-", "–", regex=False)))
    emit(fmt, payload, "\n".join(lines), table)
