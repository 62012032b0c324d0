"""``collabgraph brokers``: Gould–Fernandez roles, structural holes, betweenness and dependency on key people."""

from __future__ import annotations

import click

from collabgraph.metrics.brokerage import CONVENTION, ROLES
from collabgraph.metrics.brokerage import brokers as compute

from .common import (
    coordinator_role_option,
    counted,
    dataset_options,
    emit,
    format_option,
    number,
    pass_dataset,
    role_mapping,
    weighted_option,
    who,
)

__all__ = ["brokers"]

#: How each Gould–Fernandez role is named in plain text: "coordinator" there is not the person who
#: runs a learning network (``collabgraph.rolegroups``), so it is called a broker within their own group.
_ROLE_NAME = {"coordinator": "broker within their own group", "itinerant": "itinerant broker",
              "representative": "representative", "gatekeeper": "gatekeeper", "liaison": "liaison", "total": "total"}
_ROLE_TEXT = {
    "coordinator": "links two members of their own group",
    "itinerant": "links two members of one other group",
    "representative": "passes a contact from their own group to another group",
    "gatekeeper": "lets a contact from another group into their own group",
    "liaison": "links two different groups, neither their own",
    "total": "brokers any open two-path",
}


def _text(result, limit: int, names=None) -> str:
    r = result.roles
    arcs = "directed ties" if result.directed else "undirected ties, each counted as two arcs"
    lines = [f"Brokerage between {result.by} groups ({arcs}).",
             f"Convention: {CONVENTION}."]
    if r.missing:
        they, are = ("person has", "is") if r.missing == 1 else ("people have", "are")
        lines.append(f"{r.missing} {they} no {result.by} and {are} left out of the roles.")
    lines.append("Whole network, observed vs. a random graph of the same density and group sizes:")
    for row in r.network.itertuples(index=False):
        times = counted(row.observed, "time", sep=False)
        lines.append(f"- {_ROLE_NAME[row.role]}: {times} someone {_ROLE_TEXT[row.role]} "
                     f"(random: {row.expected + 0.0:.1f}, z = {number(row.z)})")  # + 0.0: no "-0.0"
    people = result.people.dropna(subset=["total"])
    people = people[people["total"] > 0].sort_values(["total", "betweenness"], ascending=False,
                                                     kind="stable").head(limit)
    if len(people):
        lines.append(f"Top {counted(len(people), 'broker', sep=False)} by number of brokered two-paths "
                     "(constraint: lower means more structural holes; hierarchy: 0 when all contacts constrain "
                     "equally):")
    for pid, row in people.iterrows():
        parts = ", ".join(f"{int(row[role])} {_ROLE_NAME[role]}" for role in ROLES if row[role])
        paths = counted(row["total"], "two-path", sep=False)
        lines.append(f"- {who(pid, names, row['group'])}: {paths} ({parts}); betweenness "
                     f"{row['betweenness']:.1f}, constraint {number(row['constraint'])}, "
                     f"effective size {number(row['effective_size'])}, "
                     f"hierarchy {number(row['hierarchy'])}")
    dep = result.dependency
    roles = ", ".join(result.coordinator_roles) or "none in the data"
    if len(dep):
        c = result.dependency_counts()
        lines.append(f"Dependency: {c['tested']} coordinators and top brokers "
                     f"{'was' if c['tested'] == 1 else 'were'} removed one at a time from their "
                     f"learning network (coordinator roles: {roles}); removing {c['cutting_off']} of them cuts "
                     f"members off the largest connected group of their network"
                     + (f"; {c['fragmentation_only']} more disconnect other members from each other without cutting "
                        "anyone off." if c["fragmentation_only"] else "."))
        # a rise of fragmentation from the smaller member count alone disconnects no one (pairs_disconnected 0)
        hit = dep[(dep["cut_off"] > 0) | (dep["pairs_disconnected"] > 0)]
        hit = hit.sort_values(["cut_off", "fragmentation_increase", "network", "id"],
                              ascending=[False, False, True, True], kind="stable").head(limit)
    else:
        lines.append(f"Dependency: no one to test (no learning networks, or no coordinators and brokers in them; "
                     f"coordinator roles: {roles}).")
        hit = dep
    for row in hit.itertuples(index=False):
        lost = (f"{row.cut_off} of the other {counted(row.members - 1, 'member', sep=False)} ({row.cut_off_share:.0%}) "
                f"{'loses' if row.cut_off == 1 else 'lose'} their place in the largest connected group"
                if row.cut_off else "no member loses their place in the largest connected group")
        lines.append(f"- {row.network}: without {who(row.id, names, row.reason.replace(';', ' and '))} {lost}; "
                     f"fragmentation goes from {number(row.fragmentation_before)} to {number(row.fragmentation_after)}")
    return "\n".join(lines)


@click.command()
@dataset_options
@click.option("--by", default="domain", show_default=True,
              help="Person attribute that defines the groups (domain, profession, organisation, role ...).")
@weighted_option("Use tie weights for constraint, effective size and hierarchy.")
@click.option("--pivots", type=click.IntRange(1), default=None,
              help="Estimate betweenness from this many random people (large graphs); exact by default.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the pivot draw.")
@click.option("--dependency-brokers", "top", type=click.IntRange(0), default=3, show_default=True,
              help="Top brokers per learning network to test for dependency.")
@click.option("--top", "top", type=click.IntRange(0), default=3, hidden=True)
@coordinator_role_option()
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True,
              help="Brokers listed in the text output.")
@format_option("text", "json", "csv")
@pass_dataset
def brokers(dataset, fmt, by, weighted, pivots, seed, top, coordinator_roles, limit):
    """Who brokers between groups: Gould–Fernandez roles, constraint, betweenness, dependency.

    Roles follow R sna (gatekeeper = A->B->B); see docs/brokerage.md. CSV output: one row per person.
    """
    result = compute(dataset, by=by, weighted=weighted, k=pivots, seed=seed, top=top,
                     coordinator_roles=list(coordinator_roles) or None)
    line, mapping = role_mapping(dataset, coordinator_roles)
    emit(fmt, {**result.to_dict(), "role_mapping": mapping},
         _text(result, limit, dataset.people.get("name")) + "\n" + line, result.people.reset_index(names="id"))
