"""``collabgraph networks``: the scorecard, one row per learning network and one for the programme."""

from __future__ import annotations

import math

import click

from collabgraph.metrics.scorecard import role_values, scorecard

from .common import dataset_options, emit, format_option, pass_dataset, role_mapping

__all__ = ["networks"]


def _num(x, fmt: str) -> str:
    return "undefined" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, fmt)


def _span(row) -> str:
    if row["start"] is None or row["start"] != row["start"]:
        return "no dated records"
    return (f"{row['start'].date().isoformat()} to {row['end'].date().isoformat()} (first and last record, "
            f"{row['months']:.1f} months)")


def _text(card, roles: dict) -> str:
    if len(card) == 1:
        return "No learning networks in the data (no networks column in people, no network in the records)."
    lines = ["Scorecard per learning network (members: declared or with a record in the network; ties: "
             "pairs of members who met in any context; docs/metrics.md).",
             f"Roles counted as coordinator: {', '.join(roles['coordinator']) or 'none in the data'}; "
             f"as experiential expert: {', '.join(roles['experiential_expert']) or 'none in the data'}."]
    for row in card.to_dict("records"):
        cut = row["coordinator_dependency_cut_off"]
        dep = ("no coordinator" if row["coordinators"] == 0 else
               f"without a coordinator (each removed alone from their network) at most {cut} cut off, "
               f"fragmentation up by {_num(row['coordinator_dependency_fragmentation'], '.3f')}")
        lines += [
            "",
            row["sentence"],
            f"  members {row['members']} (active {row['active_members']}, without a tie to another member "
            f"{row['isolated']}); domains {row['domains']}, organisations {row['organisations']}, "
            f"professions {row['professions']}; experiential experts {row['experiential_experts']}, "
            f"coordinators {row['coordinators']}",
            f"  ties {row['ties']:,}, density {_num(row['density'], '.2f')}, crossing a domain "
            f"{_num(row['cross_share'], '.0%')} (E-I {_num(row['ei_index'], '.2f')}), domains within two steps "
            f"{_num(row['reach_two_steps'], '.1f')} on average, openness {_num(row['openness'], '.2f')}; {dep}",
            f"  {_span(row)}: "
            f"{_num(row['new_ties_per_month'], '.1f')} new ties per month; {_num(row['hours'], ',.0f')} "
            f"person-hours ({_num(row['hours_per_member_month'], '.1f')} per member per month), "
            f"{row['events']} events, {row['attendances']:,} attendances",
        ]
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


@click.command()
@dataset_options
@click.option("--coordinator-role", "coordinator_roles", multiple=True, metavar="VALUE",
              help="Role value that means coordinator for the dependency columns (repeatable; case and accents "
                   "ignored). Default: coordinator, coördinator, netwerkcoördinator, projectleider, trekker ...")
@format_option("text", "json", "csv")
@pass_dataset
def networks(dataset, fmt, coordinator_roles):
    """The scorecard: one row per learning network and one for the programme (all networks together).

    Members, activity, domains, roles, ties, cross-domain share, E-I, reach, openness, isolated members,
    dependency on the coordinator, new ties per month, hours, events, first and last record; see
    docs/metrics.md. CSV output: one row per network, the programme last.
    """
    values = list(coordinator_roles) or None
    card, roles = scorecard(dataset, coordinator_roles=values), role_values(dataset, coordinator_roles=values)
    line, mapping = role_mapping(dataset)
    emit(fmt, {**_payload(card, roles), "role_mapping": mapping}, _text(card, roles) + "\n" + line, card)
