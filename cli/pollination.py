"""``collabgraph pollination``: how learning networks share members and ties."""

from __future__ import annotations

import math

import click

from collabgraph.metrics.pollination import pollination as compute

from .common import counted, dataset_options, emit, format_option, pass_dataset, who

__all__ = ["pollination"]

TABLES = ("networks", "overlap", "spanners", "between_network_ties")


def _text(r, limit: int, names=None) -> str:
    spanners = counted(len(r.spanners), "person is a member", "people are members", sep=False)
    lines = [f"{counted(len(r.networks), 'learning network', sep=False)}; {spanners} of two or more "
             f"(boundary spanners)."]
    pairs = len(r.networks) * (len(r.networks) - 1) // 2
    if pairs:
        lines.append(f"Network of networks: {r.density:.0%} of the {counted(pairs, 'pair', sep=False)} of networks "
                     "share a member or a tie.")
    else:
        lines.append("Fewer than two learning networks: no pairs of networks to compare.")
    if len(r.networks):
        lines.append("Openness per network (E-I of its members' ties: -1 all inside, +1 all to outsiders):")
    for row in r.networks.itertuples(index=False):
        total = row.internal + row.external
        if math.isnan(row.openness):
            lines.append(f"- {row.network}: {counted(row.members, 'member', sep=False)}, no ties")
            continue
        lines.append(f"- {row.network}: {counted(row.members, 'member', sep=False)} ({row.spanners} also "
                     f"elsewhere); {row.external / total:.0%} of {counted(total, 'tie', sep=False)} "
                     f"{'reaches' if total == 1 else 'reach'} outside "
                     f"(E-I {row.openness:.2f})")
    overlap = r.overlap.sort_values(["shared", "jaccard"], ascending=False, kind="stable").head(limit)
    if len(overlap):
        lines.append("Most shared members:")
    for row in overlap.itertuples(index=False):
        lines.append(f"- {row.network_a} and {row.network_b} share {row.shared} member{'s' * (row.shared != 1)} "
                     f"(Jaccard {row.jaccard:.2f})")
    between = r.between_network_ties
    if len(between):
        lines.append("Most ties between networks (a member of one and a member of the other, neither in both):")
    for row in between[between["ties"] > 0].sort_values("ties", ascending=False, kind="stable").head(limit) \
            .itertuples(index=False):
        via = (f"; {counted(row.via_shared, 'more tie', 'more ties', sep=False)} of people in both"
               if row.via_shared else "")
        share = f"{row.share:.0%}" if row.share >= 0.01 else f"{row.share:.1%}"
        lines.append(f"- {row.network_a} and {row.network_b}: {counted(row.ties, 'tie', sep=False)}, {share} of "
                     f"the ties touching either{via}")
    if len(between) and not (between["ties"] > 0).any():
        lines.append("- none: the networks are linked only through people in both")
    if between["via_shared"].gt(0).any():
        lines.append("Ties of people in both networks of a pair are not ties between the networks "
                     "(via_shared, per pair, in --format json and --table between_network_ties).")
    if len(r.spanners):
        lines.append("Boundary spanners:")
    for row in r.spanners.head(limit).itertuples(index=False):
        brokered = (f", brokers {counted(row.total, 'two-path', sep=False)} by {r.by}"
                    if r.by is not None and not _na(row.total) else "")
        lines.append(f"- {who(row.id, names)}: in {counted(row.n_networks, 'network', sep=False)} "
                     f"({row.networks.replace(';', ', ')}); "
                     f"betweenness {row.betweenness:.1f}{brokered}")
    return "\n".join(lines)


def _na(x) -> bool:
    return x is None or x != x or str(x) == "<NA>"


@click.command()
@dataset_options
@click.option("--by", default="domain", show_default=True,
              help="Attribute for the boundary spanners' Gould–Fernandez roles.")
@click.option("--pivots", type=click.IntRange(1), default=None,
              help="Estimate betweenness from this many random people (large graphs); exact by default.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the pivot draw.")
@click.option("--table", type=click.Choice(TABLES), default="networks", show_default=True,
              help="Which table --format csv writes.")
@click.option("--limit", type=click.IntRange(1), default=10, show_default=True,
              help="Rows per list in the text output.")
@format_option("text", "json", "csv")
@pass_dataset
def pollination(dataset, fmt, by, pivots, seed, table, limit):
    """Do learning networks cross-pollinate? Shared members, spanners, ties between networks, openness.

    See docs/brokerage.md for the definitions.
    """
    result = compute(dataset, by=by, k=pivots, seed=seed)
    emit(fmt, result.to_dict(), _text(result, limit, dataset.people.get("name")), getattr(result, table))
