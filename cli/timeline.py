"""``collabgraph timeline``: headline metrics, churn, cluster evolution and durability per window."""

from __future__ import annotations

import click
import pandas as pd

from collabgraph.dataset import FREQS, MODES
from collabgraph.metrics.communities import MIN_COMMUNITY
from collabgraph.metrics.evolution import EVENTS
from collabgraph.metrics.timeline import inclusive_ends
from collabgraph.metrics.timeline import timeline as make_timeline
from collabgraph.metrics.windows import RECORDS

from .common import dataset_options, emit, format_option, limit_option, not_listed, pass_dataset, weighted_option

__all__ = ["timeline"]


def _pct(x) -> str:
    return "undefined" if x is None or pd.isna(x) else f"{x:.0%}"


def _num(x, digits: int = 2) -> str:
    return "undefined" if x is None or pd.isna(x) else f"{x:.{digits}f}"


def _plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def _partial(w: dict, period: tuple, start=None, end=None) -> str:
    """What a partial window misses: the days before the first or after the last record, or outside the period
    the user gave (``--start``/``--end`` inside the window: that is where it is cut, whatever the data hold).

    >>> w = {"start": "2015-04-01", "end": "2015-07-01"}
    >>> _partial(w, (pd.Timestamp("2015-04-01"), pd.Timestamp("2015-06-25")))
    '; partial window: the data end on 2015-06-25'
    >>> _partial(w, (pd.Timestamp("2015-04-01"), pd.Timestamp("2015-06-25")), end="2015-06-25")
    '; partial window: the period ends on 2015-06-25 (--end)'
    >>> _partial(w, (pd.Timestamp("2015-04-03"), pd.Timestamp("2015-06-20")), start="2015-04-02",
    ...          end="2015-06-25")  # doctest: +ELLIPSIS
    '; partial window: the period starts on 2015-04-02 (--start), the data on 2015-04-03 and the period ends ...'
    """
    first, last = (day.normalize() for day in period)
    begin, stop = pd.Timestamp(w["start"]), pd.Timestamp(w["end"])  # stop: the day after the window
    missing = []
    if begin < first:
        given = None if start is None else pd.Timestamp(start).normalize()
        missing.append(f"the data start on {first.date().isoformat()}" if given is None or given <= begin else
                       f"the period starts on {given.date().isoformat()} (--start)"
                       + (f", the data on {first.date().isoformat()}" if first > given else ""))
    if stop > last + pd.Timedelta(days=1):
        given = None if end is None else pd.Timestamp(end).normalize()
        missing.append(f"the data end on {last.date().isoformat()}" if given is None or given + pd.Timedelta(days=1)
                       >= stop else f"the period ends on {given.date().isoformat()} (--end)"
                       + (f", the data on {last.date().isoformat()}" if last < given else ""))
    return "; partial window: " + " and ".join(missing)


def _window_line(w: dict, by: str | None, period: tuple, weighted: bool, networks: bool = True,
                 given: tuple = (None, None)) -> str:
    span = f" ({w['start']} to {(pd.Timestamp(w['end']) - pd.Timedelta(days=1)).date().isoformat()}" \
           f"{_partial(w, period, *given) if w['partial'] else ''})" if w["start"] else ""
    parts = [f"{w['label']}{span}: {_plural(w['people_active'], 'person', 'people')} with a tie, "
             f"{_plural(w['ties'], 'tie')} ({w['new_ties']:,} new, {w['repeated_ties']:,} repeated, "
             f"{w['dropped_ties']:,} dropped since the previous window); density {w['density']:.3f}, "
             f"{_plural(w['components'], 'component')}, {_plural(w['isolated'], 'isolated member')}"]
    if by is not None:
        parts.append(f"cross-{by} ties {_pct(w['cross_share'])} (E-I {_num(w['ei_index'])})")
    if "modularity" in w:
        parts.append(f"modularity {_num(w['modularity'])}{' (communities on tie weights)' if weighted else ''}, "
                     f"{_plural(w['communities'], 'community', 'communities')} of {MIN_COMMUNITY} or more people")
    if networks:  # without learning networks there is nothing to count between them
        parts.append(f"{_plural(w['between_network_ties'], 'tie')} between learning networks")
    people = (f"people with a tie: {w['retained']:,} stayed, {w['newcomers']:,} new, {w['returning']:,} returned, "
              f"{w['leavers']:,} left")
    return "; ".join(parts) + f"; {people}."


def _evolution_lines(evolution: pd.DataFrame) -> list[str]:
    lines = ["Communities from one window to the next (matched by member overlap):"]
    for label, step in evolution.groupby("window", sort=False):
        counts = step["event"].value_counts()
        lines.append(f"- {label}: " + ", ".join(f"{counts[e]} {e}" for e in EVENTS if e in counts) + ".")
    return lines


def _durability_line(d: dict) -> str:
    if not d["formed"]:
        return f"No ties were formed before {d['programme_end']}."
    line = (f"Of the {d['formed']:,} ties formed before {d['programme_end']}, {d['active_after']:,} "
            f"({_pct(d['share'])}) were still active on or after it")
    if d["by"] is not None and d["within"]["formed"] and d["across"]["formed"]:
        line += (f" (ties within one {d['by']}: {_pct(d['within']['share'])}, across {d['by']}s: "
                 f"{_pct(d['across']['share'])})")
    return line + "."


def _day(ctx, param, value):
    if value is None:
        return None
    try:
        day = pd.Timestamp(value)
    except ValueError:
        day = None
    if day is None or pd.isna(day):
        raise click.BadParameter(f"expected a date like 2021-12-31, got {value!r}.")
    return day.date().isoformat()


@click.command()
@dataset_options
@click.option("--freq", type=click.Choice(list(FREQS)), default="quarter", show_default=True,
              help="Length of a window step (wave: the survey waves in their order).")
@click.option("--mode", type=click.Choice(MODES), default="fixed", show_default=True,
              help="fixed: each step alone; cumulative: everything up to the step; sliding: the last --length steps.")
@click.option("--length", type=click.IntRange(1), default=1, show_default=True, help="Steps per sliding window.")
@click.option("--by", default="domain", show_default=True, help="Attribute for the cross-group share and E-I.")
@click.option("--ties", "records", type=click.Choice(RECORDS), default="all", show_default=True,
              help="Records that make ties: all, direct interactions only, or shared events (attendance) only.")
@click.option("--programme-end", callback=_day,
              help="Add durability: the share of ties formed before this date still active on or after it.")
@click.option("--no-clusters", is_flag=True, help="Skip communities (modularity and cluster evolution).")
@click.option("--method", type=click.Choice(["leiden", "louvain", "lpa"]), default="leiden", show_default=True,
              help="Community detection method in each window.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the community detection.")
@weighted_option("Find each window's communities on the tie weights (--unweighted: every tie counts 1), as "
                 "clusters --weighted does.")
@click.option("--iterations", type=int, default=None,
              help="Leiden passes (-1: until stable). Default: until stable up to 10,000 people and 50,000 ties, "
                   "else 2.")
@limit_option(None, "Windows listed in the text, first to last (JSON and CSV hold every window).")
@format_option("text", "json", "csv")
@pass_dataset
def timeline(dataset, fmt, freq, mode, length, by, records, programme_end, no_clusters, method, seed, weighted,
             iterations, limit):
    """Follow the network over time: metrics, new and dropped ties, members and communities per window."""
    tl = make_timeline(dataset, freq=freq, mode=mode, length=length, by=by, seed=seed, clusters=not no_clusters,
                       method=method, min_size=MIN_COMMUNITY, programme_end=programme_end, records=records,
                       iterations=iterations, weighted=weighted)
    payload = tl.to_dict()
    what = {"fixed": "", "cumulative": ", cumulative", "sliding": f", sliding over {length} steps"}[mode]
    source = {"all": "", "interactions": " (direct interactions only)", "attendance": " (shared events only)"}
    lines = [f"Timeline per {freq}{what}: {_plural(len(tl.windows), 'window')}{source[records]}."]
    if freq != "wave" and not dataset.has_dates:
        lines[0] = lines[0][:-1] + ": no record has a date" + (
            " (--freq wave gives a window per survey wave)." if dataset.has_waves else ".")
    partial = int(tl.windows["partial"].sum()) if len(tl.windows) else 0
    if partial:
        lines[0] = lines[0][:-1] + (f"; {_plural(partial, 'window')} not covered completely by the data (partial: "
                                    "counts of the days covered, not comparable with full windows).")
    given = tuple(click.get_current_context().params.get(name) for name in ("start", "end"))  # --start, --end
    lines += [_window_line(w, by, dataset.period(), weighted, bool(len(dataset.networks)), given)
              for w in payload["windows"][:limit]]
    lines += not_listed(len(payload["windows"]), limit, "windows")
    if tl.evolution is not None and len(tl.windows) > 1:
        lines += ["", *_evolution_lines(tl.evolution[tl.evolution["window"] != tl.windows["label"].iloc[0]])]
    if tl.durability is not None:
        lines += ["", _durability_line(payload["durability"])]
    emit(fmt, payload, "\n".join(lines), inclusive_ends(tl.windows) if fmt == "csv" else None)

