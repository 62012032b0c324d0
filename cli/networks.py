"""``collabgraph networks``: the scorecard, one row per learning network and one for the programme; with
``--durability`` the doorwerking of each network against its own end."""

from __future__ import annotations

import click
import pandas as pd

from collabgraph.metrics.durability import network_durability
from collabgraph.metrics.scorecard import role_values, scorecard
from collabgraph.serialize import records

from .common import (
    coordinator_role_option,
    counted,
    dataset_options,
    emit,
    format_option,
    limit_option,
    not_listed,
    number,
    pass_dataset,
    person,
    role_mapping,
)

__all__ = ["networks"]




def _known(row) -> str:
    """The share's base when some ties have a member without a domain (they are left out of it)."""
    known = row["ties_known"]
    if known is None or known != known or known >= row["ties"]:
        return ""
    return f" of the {known:,} with both domains known"


_PERIOD = {"records": "first and last record", "networks table": "from the networks table",
           "networks table (start), records (end)": "start from the networks table, end the last record",
           "records (start), networks table (end)": "start the first record, end from the networks table",
           "networks table and records": "from the networks table where given, else the records"}


def _span(row) -> str:
    if pd.isna(row["period_source"]):
        return "no dated records"
    if pd.isna(row["start"]) or pd.isna(row["end"]):  # one from the networks table; no record gives the other
        given, missing = ("start", "end") if pd.isna(row["end"]) else ("end", "start")
        return (f"{given} {row[given].date().isoformat()} from the networks table, no {missing} (none in the "
                "table and no dated record), undefined months")
    first, last = ("undated" if pd.isna(d) else d.date().isoformat() for d in (row["start"], row["end"]))
    months = "undefined months" if pd.isna(row["months"]) else f"{row['months']:.1f} months"
    return f"{first} to {last} ({_PERIOD[row['period_source']]}, {months})"


def _hours(row, durations: bool) -> str:
    """Person-hours, and those within the period when records fall outside it; said unknown when no record of
    the data has a duration (0 would read as 'no time spent')."""
    if not durations:
        return "person-hours unknown (no record in the data has a duration)"
    if row["hours"] == row["hours_in_period"]:
        return f"{number(row['hours'], ',.0f')} person-hours ({number(row['hours_per_member_month'], '.1f')} " \
               "per member per month)"
    return (f"{number(row['hours'], ',.0f')} person-hours, {number(row['hours_in_period'], ',.0f')} of them within the "
            f"period ({number(row['hours_per_member_month'], '.1f')} per member per month)")


def _planned(row, names) -> str | None:
    """The networks table's programme, focus and coordinator of a network, or None without any."""
    parts = [f"{key} {row[key]}" for key in ("programme", "focus") if not pd.isna(row[key])]
    pid = row["coordinator"]
    if not pd.isna(pid):
        parts.append(f"coordinator in the networks table {person(pid, names.get(pid))}")
    return "  " + "; ".join(parts) if parts else None


def _doorwerking(row: dict) -> str:
    """The scorecard's durability column in words."""
    if row["durability"] != row["durability"]:
        return "  lasting ties undefined: no tie formed in it can be followed after its end (networks --durability)"
    where = "a network up to that network's" if row["level"] == "programme" else "it up to its"
    return (f"  lasting ties: {row['durability']:.0%} of the ties formed in {where} end had a record after it "
            "(networks --durability)")


def _known_count(row, column: str, absent: set) -> str:
    """A count of distinct values among the members, or 'not in the data' when the people have no such values."""
    return "not in the data" if column in absent else f"{row[column]}"


def _crossing(row, absent: frozenset) -> str:
    """The cross-domain share, E-I and two-step domain reach; one clause when the people have no domains."""
    if "domains" in absent:
        return "no domains in the data (crossing a domain, E-I and domains within two steps undefined)"
    return (f"crossing a domain {number(row['cross_share'], '.0%')}{_known(row)} "
            f"(E-I {number(row['ei_index'], '.2f')}), "
            f"domains within two steps {number(row['reach_two_steps'], '.1f')} on average")


def _text(card, roles: dict, names, *, durations: bool = True, absent: frozenset = frozenset(),
          limit: int | None = None) -> str:
    if len(card) == 1:
        return "No learning networks in the data (no networks column in people, no network in the records)."
    lines = ["Scorecard per learning network (members: declared or with a record in the network; ties: "
             "pairs of members who met in any context; docs/metrics.md).",
             f"Roles counted as coordinator: {', '.join(roles['coordinator']) or 'none in the data'}; "
             f"as experiential expert: {', '.join(roles['experiential_expert']) or 'none in the data'}."]
    named = int(card.loc[card["level"] == "network", "coordinator"].notna().sum())
    if named:
        lines.append(f"Also counted as coordinator: the coordinator the networks table names for {named} "
                     f"network{'' if named == 1 else 's'}, when a member of that network.")
    rows = card.to_dict("records")
    networks = [r for r in rows if r["level"] == "network"]
    for row in networks[:limit] + [r for r in rows if r["level"] != "network"]:  # the programme always
        cut = row["coordinator_dependency_cut_off"]
        dep = ("no coordinator" if row["coordinators"] == 0 else
               f"without a coordinator (each removed alone from their network) at most {cut} cut off, "
               f"fragmentation up by {number(row['coordinator_dependency_fragmentation'], '.3f')}")
        lines += [
            "",
            row["sentence"],
            *filter(None, [_planned(row, names)]),
            f"  members {row['members']} (active {row['active_members']}, without a tie to another member "
            f"{row['isolated']}); domains {_known_count(row, 'domains', absent)}, organisations "
            f"{_known_count(row, 'organisations', absent)}, professions {_known_count(row, 'professions', absent)}; "
            f"experiential experts {row['experiential_experts']}, "
            f"coordinators {row['coordinators']}",
            f"  ties {row['ties']:,}, density {number(row['density'], '.2f')}, {_crossing(row, absent)}, "
            f"openness {number(row['openness'], '.2f')}; {dep}",
            f"  {_span(row)}: "
            f"{number(row['new_ties_per_month'], '.1f')} new ties per month; {_hours(row, durations)}, "
            f"{counted(row['events'], 'event', sep=False)}, {counted(row['attendances'], 'attendance')}",
            _doorwerking(row),
        ]
    more = not_listed(len(networks), limit, "learning networks")
    lines += ["", *more] if more else []
    return "\n".join(lines)


def _payload(card, roles: dict) -> dict:
    def record(row: dict) -> dict:
        row = {k: (None if v is None or v != v else v) for k, v in row.items()}
        row["start"], row["end"] = (None if d is None else d.date().isoformat() for d in (row["start"], row["end"]))
        row["coordinator_dependency"] = {"fragmentation_increase": row["coordinator_dependency_fragmentation"],
                                         "cut_off": row["coordinator_dependency_cut_off"]}
        return row
    rows = [record(r) for r in card.astype(object).to_dict("records")]
    return {"networks": [r for r in rows if r["level"] == "network"],
            "programme": next(r for r in rows if r["level"] == "programme"), "role_values": roles}


_SOURCE = {"networks table": "from the networks table", "last event": "its last event",
           "last record": "its last record, no dated event"}


def _ties(count: int) -> str:
    return f"{count:,} tie{'' if count == 1 else 's'}"


def _durability_line(row: dict, by: str | None) -> str:
    """One network's (or the programme's) doorwerking in a sentence, its note when the share is missing or partial."""
    programme = row["level"] == "programme"
    if programme:
        head = "All networks (each tie once, followed from the latest end of the networks it was formed in)"
    elif row["end"] is None:
        return f"{row['network']}: {row['note']}."
    else:
        days = f"; {row['days_after']:,} day{'' if row['days_after'] == 1 else 's'} of data after it" \
            if row["days_after"] else ""
        head = f"{row['network']} (end {row['end']}, {_SOURCE[row['end_source']]}{days})"
    seen = row["formed"] - row["unobserved"]
    if not seen:
        return f"{head}: {_ties(row['formed'])} formed; {row['note']}."
    text = (f"{head}: of the {_ties(seen)} formed{' that can be followed' if row['unobserved'] else ''}, "
            f"{row['active_after']:,} ({number(row['share'], '.0%')}) had a record after "
            f"{'their' if programme else 'its'} end")
    words = {"within": f"within one {by}", "across": f"across {by}s"}
    parts = [f"{words[name]}: {number(row[name]['share'], '.0%')} of {row[name]['formed'] - row[name]['unobserved']:,}"
             for name in ("within", "across") if by is not None and row[name]["formed"] - row[name]["unobserved"]]
    if parts:
        text += " (" + "; ".join(parts) + ")"
    return text + (f"; {row['note']}." if row["note"] else ".")


def _durability_payload(table, by: str | None) -> dict:
    def record(row: dict) -> dict:
        row["end"] = None if row["end"] is None else row["end"].date().isoformat()
        for part in ("within", "across"):
            row[part] = {name: row.pop(f"{part}_{name}") for name in ("formed", "unobserved", "active_after", "share")}
        row["note"] = row.pop("note")
        return row
    rows = [record(r) for r in records(table)]
    return {"by": by, "networks": rows[:-1], "programme": rows[-1]}


def _durability_text(table, by: str | None, data_end, limit: int | None = None) -> str:
    if len(table) == 1:
        return "No learning networks in the data (no networks column in people, no network in the records)."
    last = "no record has a date" if data_end is None else f"the data end on {data_end.date().isoformat()}"
    lines = ["Doorwerking per learning network: of the ties formed by a network's own records (its interactions "
             "and events) up to its end, the share with a record in any context after that day "
             f"({last}; docs/time.md)."]
    payload = _durability_payload(table, by)
    more = not_listed(len(payload["networks"]), limit, "learning networks")
    return "\n".join(lines + ["", *(_durability_line(row, by) for row in payload["networks"][:limit]),
                              "", _durability_line(payload["programme"], by), *(["", *more] if more else [])])


@click.command()
@dataset_options
@coordinator_role_option("Role value that means coordinator for the dependency columns (repeatable; case "
                         "and accents ignored). Default: coordinator, coördinator, netwerkcoördinator, projectleider, "
                         "trekker ...")
@click.option("--durability", is_flag=True,
              help="Doorwerking instead of the scorecard: per network, of the ties formed in it up to its own end, "
                   "the share with a record after that end (overall, within and across groups of --by).")
@click.option("--by", default="domain", show_default=True,
              help="With --durability: attribute for the within/across split (domain, organisation, profession ...).")
@limit_option(None, "Learning networks listed in the text (of the scorecard or --durability); the programme always "
                    "(JSON and CSV hold every network).")
@format_option("text", "json", "csv")
@pass_dataset
def networks(dataset, fmt, coordinator_roles, durability, by, limit):
    """The scorecard: one row per learning network and one for the programme (all networks together).

    Members, activity, domains, roles, ties, cross-domain share, E-I, reach, openness, isolated members,
    dependency on the coordinator, new ties per month, doorwerking, hours, events, and the period: start and
    end from the networks table when given, else the first and last record; see docs/metrics.md. With
    --durability: doorwerking per network against its own end (docs/time.md).
    CSV output: one row per network, the programme last.
    """
    source = click.get_current_context().get_parameter_source
    if durability and coordinator_roles:
        raise click.UsageError("--coordinator-role applies to the scorecard, not to --durability.")
    if not durability and source("by") is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("--by applies only with --durability (the scorecard's shares are by domain).")
    if durability:
        table = network_durability(dataset, by=by)
        emit(fmt, _durability_payload(table, by), _durability_text(table, by, dataset.period()[1], limit),
             table.assign(end=table["end"].dt.strftime("%Y-%m-%d")))
        return
    values = list(coordinator_roles) or None
    card, roles = scorecard(dataset, coordinator_roles=values), role_values(dataset, coordinator_roles=values)
    line, mapping = role_mapping(dataset, values)
    names = dataset.people.get("name", {})
    durations = any(t["duration_minutes"].notna().any() for t in (dataset.interactions, dataset.events)
                    if "duration_minutes" in t)
    absent = frozenset(f"{c}s" for c in ("domain", "organisation", "profession")
                       if c not in dataset.people or dataset.people[c].isna().all())
    text = _text(card, roles, names, durations=durations, absent=absent, limit=limit)
    emit(fmt, {**_payload(card, roles), "role_mapping": mapping}, text + "\n" + line, card)
