"""``collabgraph roles``: role groups per learning network (declared roles, not ``clusters --roles``)."""

from __future__ import annotations

import click

from collabgraph.metrics.role_groups import role_group_figures

from .common import (
    coordinator_role_option,
    counted,
    dataset_options,
    emit,
    format_option,
    limit_option,
    number,
    pass_dataset,
    person,
    role_mapping,
)

__all__ = ["roles"]


def _who(row) -> str:
    return person(row["id"], row["name"])


def _block(name: str, groups, experts: dict, coordinators, education: dict, by: str) -> list[str]:
    head = "The programme (all networks)" if experts["level"] == "programme" else name
    lines = ["", f"{head}: {counted(experts['members'], 'member')}; {counted(education['ties'], 'tie')}, "
                 f"{education['education_practice_ties']:,} between an educator or student and a professional "
                 f"({number(education['share'], '.0%')})"]
    for g in groups:
        if not g["members"]:
            continue
        known = f" of the {g['ties_known']:,} with both {by}s known" if g["ties_known"] < g["ties"] else ""
        cross = (f"{number(g['cross_share'], '.0%')}{known} crossing a {by}" if g["ties_known"] else
                 f"none with both {by}s known" if g["ties"] else f"none crossing a {by}")
        lines.append(f"  {g['group']} {g['members']:,} ({number(g['share_of_members'], '.0%')} of the members): "
                     f"{counted(g['ties'], 'tie')}, {cross}; on average "
                     f"{number(g['mean_contacts'], '.1f')} contacts and {number(g['mean_reach'], '.1f')} {by}s within "
                     "two steps")
    if not experts["experts"]:
        lines.append("  experiential experts: none among the members")
    else:
        edge = (f"{experts['experts_at_edge']} of {experts['experts']} at the edge (their mean core number "
                f"{number(experts['expert_mean_core'], '.1f')}, the members' median "
                f"{number(experts['member_median_core'], '.1f')}; their mean contacts "
                f"{number(experts['expert_mean_contacts'], '.1f')}, the members' median "
                f"{number(experts['member_median_contacts'], '.1f')})")
        lines.append(f"  experiential experts reach {counted(experts['within_one_step'], 'other member')} in one step "
                     f"({number(experts['share_within_one_step'], '.0%')}) and {experts['within_two_steps']:,} in at "
                     f"most two ({number(experts['share_within_two_steps'], '.0%')}); {edge}")
    for c in coordinators:
        cut = c["cut_off"]
        lines.append(f"  coordinator {_who(c)}: betweenness {c['betweenness']:.1f}, rank {c['betweenness_rank']} of "
                     f"{c['members']}; without them {counted(cut, 'member')} {'is' if cut == 1 else 'are'} cut off "
                     f"from the largest connected group, fragmentation up by "
                     f"{number(c['fragmentation_increase'], '.2f')}")
    return lines


@click.command()
@dataset_options
@click.option("--by", default="domain", show_default=True,
              help="Ties cross groups of this attribute, and reach counts its values (domain, organisation ...).")
@limit_option(30, "Learning networks listed in the text output (the programme always).")
@coordinator_role_option()
@format_option("text", "json", "csv")
@pass_dataset
def roles(dataset, fmt, by, limit, coordinator_roles):
    """Role groups per learning network: reach of experiential experts, coordinators, education–practice ties.

    Role groups come from the people's role column (coordinator, experiential_expert, educator, student,
    client, professional = every other role value; --role-map FILE adds values; --coordinator-role VALUE
    names the coordinator values, and then only they make the coordinator group). These are declared
    roles; `clusters --roles` finds structural positions by k-means instead. See docs/metrics.md
    ("Role groups"). CSV output: one row per role group and network, the programme last.
    """
    f = role_group_figures(dataset, by=by, coordinator_roles=list(coordinator_roles) or None)
    line, _ = role_mapping(dataset, coordinator_roles)
    lines = ["Role groups per learning network (members: declared or with a record in the network; ties: pairs "
             "of members who met in any context, direction ignored; docs/metrics.md). Declared roles, not the "
             "structural positions of 'clusters --roles'.", line]
    if len(f.experts) == 1:
        lines.append("No learning networks in the data (no networks column in people, no network in the records).")
    networks = f.experts["network"].tolist()
    shown = networks[:-1][:limit] + networks[-1:]
    for name in shown:
        lines += _block(name, f.groups[f.groups["network"] == name].to_dict("records"),
                        f.experts[f.experts["network"] == name].iloc[0].to_dict(),
                        f.coordinators[f.coordinators["network"] == name].astype(object).to_dict("records"),
                        f.education_practice[f.education_practice["network"] == name].iloc[0].to_dict(), f.by)
    if len(shown) < len(networks):
        lines.append(f"\n{len(networks) - len(shown)} more learning networks not listed (--limit {limit}); "
                     "--format json or csv has them all.")
    emit(fmt, f.to_dict(), "\n".join(lines), f.groups)
