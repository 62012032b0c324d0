"""``collabgraph metrics``: mixing by an attribute (E-I index, expected E-I, permutation test, assortativity)."""

from __future__ import annotations

import click
import pandas as pd

from collabgraph.errors import ParameterError
from collabgraph.graph import ties as make_ties
from collabgraph.metrics.levels import level_ei_from_ties
from collabgraph.metrics.mixing import MIXING_LIMIT, ei_index_from_ties, with_network
from collabgraph.metrics.reach import ROLE_LEVELS, overview
from collabgraph.rolegroups import GROUPS

from .common import (
    coordinator_role_option,
    counted,
    dataset_options,
    emit,
    format_option,
    limit_option,
    not_listed,
    pass_dataset,
    role_mapping,
    weighted_option,
    who,
)

__all__ = ["metrics"]


def _share(x) -> str:
    return f"{x:.0%}"


def _ei(x) -> str:
    return "undefined" if x is None or pd.isna(x) else f"{x:.2f}"


def _a(word: str) -> str:
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


def _network_lines(r, nodes: str, weight_by: str | None = None) -> list[str]:
    unit = "the tie weight crosses" if r.weighted else "ties cross"
    weighted = (f", weighted by the mean {weight_by} rating of each tie (ties without one weigh 0)" if weight_by
                else ", weighted")
    what = "people" if nodes == "people" else f"{nodes}s"
    kind = "directed" if r.directed else "undirected"
    lines = [f"Mixing by {r.by} among {what} ({kind}; {counted(r.ties, 'tie')} between {what} with {_a(r.by)}"
             f"{weighted if r.weighted else ''})."]
    if r.missing:
        one = r.missing == 1
        thing = {"people": "person" if one else "people"}.get(nodes, nodes if one else f"{nodes}s")
        without = ("in no or several learning networks" if r.by == "network" and nodes == "people"
                   else f"without {_a(r.by)}")
        lines.append(f"{r.missing:,} {thing} {without} {'is' if one else 'are'} left out, "
                     f"with {r.ties_left_out:,} tie{'' if r.ties_left_out == 1 else 's'}.")
    if r.ei_index is None and r.ties:  # weighted, and every tie weighs 0 (a rating of 0, or no rating)
        lines.append(f"The ties between {what} with {_a(r.by)} weigh 0 together, so the weighted E-I index is "
                     "undefined.")
        return lines
    if r.ei_index is None:
        lines.append(f"There are no ties between {what} with {_a(r.by)}, so the E-I index is undefined.")
        return lines
    test = ""
    if r.ei_p_value is not None:
        test = f", p = {r.ei_p_value:.3f} over {counted(r.permutations, 'permutation')}"
    # a tie between two people with a value means at least two such people, so the expectation exists
    lines.append(f"{_share(r.share_external)} of {unit} {_a(r.by)} boundary; random mixing would give "
                 f"{_share(r.share_expected)} "
                 f"(E-I {_ei(r.ei_index)}, expected {_ei(r.ei_expected)}{test}).")
    if r.assortativity is None:
        lines.append(f"Assortativity is undefined: only one {r.by} group has ties.")
    else:
        lines.append(f"Assortativity {r.assortativity:.2f} (1: ties only within {_a(r.by)}; 0: mixing as "
                     f"by chance; below 0: more crossing than chance).")
    return lines


def _group_lines(r, limit: int | None = None) -> list[str]:
    lines = [f"Per {r.by} (a tie inside counts once; a tie across counts for both groups):"]
    for g in r.groups.head(limit).itertuples(index=False):
        total = g.internal + g.external
        cross = f"{_share(g.external / total)} cross" if total else "no ties"
        members = f"{g.size:,} member{'' if g.size == 1 else 's'}"
        lines.append(f"- {g.group}: {members}; {g.internal:,} inside, {g.external:,} across "
                     f"({cross}, E-I {_ei(g.ei_index)})")
    lines += not_listed(len(r.groups), limit, f"{r.by} groups")
    m = r.mixing
    if len(r.groups) > MIXING_LIMIT:
        return [*lines, f"Ties between groups: not shown for {counted(len(r.groups), 'group')} "
                        f"(more than {MIXING_LIMIT:,})."]
    head = "from \\ to" if r.directed else ""
    width = max([len(head), *(len(str(x)) for x in m.index)])
    cells = m.map(lambda x: f"{x:,.2f}" if r.weighted else f"{x:,}")
    widths = [max(len(str(c)), cells[c].str.len().max()) for c in m.columns]
    lines.append("Ties between groups" + (" (rows send, columns receive):" if r.directed
                                          else " (each tie once; the diagonal is within a group):"))
    lines.append("  ".join([head.ljust(width), *(str(c).rjust(w) for c, w in zip(m.columns, widths, strict=True))]))
    for label, row in cells.iterrows():
        lines.append("  ".join([str(label).ljust(width), *(v.rjust(w) for v, w in zip(row, widths, strict=True))]))
    return lines


def _person_lines(r, limit: int | None = None, names=None) -> list[str]:
    lines = ["Per person (their ties inside and across, with directed data sent and received; Blau: 0 when all "
             "contacts are in one group, towards 1 when spread over many):"]
    for p in r.persons.head(limit).itertuples(index=False):
        lines.append(f"- {who(p.id, names, p.group)}: {p.internal:,} inside, {p.external:,} across "
                     f"(E-I {_ei(p.ei_index)}); "
                     f"contacts in {p.groups_reached} {r.by} group{'' if p.groups_reached == 1 else 's'} "
                     f"(Blau {_ei(p.blau)})")
    return lines + not_listed(len(r.persons), limit, "people")


def _pct(x) -> str:
    return "undefined" if pd.isna(x) else f"{x:.0%}"


def _reach_lines(o, limit: int | None = None) -> list[str]:
    lines = ["Interprofessional reach per learning network (mean distinct domains, professions and "
             "organisations among direct contacts; within two steps in brackets):"]
    for n in o.networks.head(limit).itertuples(index=False):
        lines.append(f"- {n.group}: {counted(n.members, 'member')}, {_pct(n.share_cross)} with a cross-domain tie; "
                     f"{n.mean_domain_direct:.1f} domains, {n.mean_profession_direct:.1f} professions, "
                     f"{n.mean_organisation_direct:.1f} organisations ({n.mean_domain_two_step:.1f}, "
                     f"{n.mean_profession_two_step:.1f}, {n.mean_organisation_two_step:.1f})")
    lines += not_listed(len(o.networks), limit, "learning networks")
    groups = o.by == "role_group"
    what = "role group" if groups else "role value as written"
    without = (f"; {o.without_role:,} {'person' if o.without_role == 1 else 'people'} without a role left out"
               if o.without_role else "")
    if o.roles is None:
        missing = f"is in the role group {o.reference}" if groups else f"has the role value {o.reference!r}"
        lines.append(f"Reach by {what}: no one {missing}, so there is nothing to compare with{without}.")
        return lines
    lines.append(f"Reach by {what}, compared with {o.reference}{without}:")
    for r in o.roles.itertuples(index=False):
        lines.append(f"- {r.group} ({r.members:,}): {_pct(r.share_cross)} with a cross-domain tie; "
                     f"{r.mean_domain_direct:.1f} domains among contacts ({r.diff_mean_domain_direct:+z.1f}), "
                     f"{r.mean_reach:.0f} people within two steps ({r.diff_mean_reach:+z.0f})")
    return lines


@click.command()
@dataset_options
@click.option("--by", default="domain", show_default=True,
              help="Person attribute that defines the groups (domain, profession, organisation, role ...).")
@weighted_option("Sum tie weights instead of counting distinct ties.")
@click.option("--permutations", type=click.IntRange(0), default=999, show_default=True,
              help="Shuffle the attribute over people this many times for a two-sided p-value.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the permutations.")
@click.option("--level", type=click.Choice(["network", "group", "person"]), default="network",
              show_default=True, help="Detail: the whole network, also each group, or also each person.")
@click.option("--nodes", type=click.Choice(["people", "organisation", "domain"]), default="people",
              show_default=True,
              help="Mix people, or organisations/domains (tied when their members are; each takes its "
                   "members' most common value of --by).")
@click.option("--reach", "with_reach", is_flag=True,
              help="Add interprofessional reach per learning network and per role group.")
@click.option("--reference", default="professional", show_default=True,
              help="With --reach: the role group the others are compared with (coordinator, experiential_expert, "
                   "educator, student, client, professional; with --reach-by role a role value).")
@click.option("--reach-by", "reach_by", type=click.Choice(ROLE_LEVELS), default="role_group", show_default=True,
              help="With --reach: compare role groups (--role-map FILE adds values), or the role values as written.")
@coordinator_role_option("With --reach: role value that means coordinator (repeatable; case and accents "
                         "ignored). Default: coordinator, coördinator, netwerkcoördinator, projectleider, trekker ...")
@limit_option(None, "Rows listed in each list of the text: groups, people, learning networks (JSON and CSV hold "
                    "every row).")
@format_option("text", "json", "csv")
@pass_dataset
def metrics(dataset, fmt, by, weighted, permutations, seed, level, nodes, with_reach, reference, reach_by,
            coordinator_roles, limit):
    """How much ties cross group boundaries: E-I index, random-mixing baseline, assortativity.

    E-I = (external - internal) / (external + internal) ties (Krackhardt & Stern 1988); expected
    E-I as UCINET reports it; Newman's assortativity. CSV: the mixing matrix (--level network), the
    groups (group) or the people (person). Definitions: docs/metrics.md.
    """
    if coordinator_roles and not (with_reach and reach_by == "role_group"):
        raise click.UsageError("--coordinator-role applies to the role groups of --reach (not to --reach-by role).")
    if with_reach and reach_by == "role_group" and reference not in GROUPS:
        raise ParameterError(f"--reference must be a role group: one of {', '.join(GROUPS)}; got "
                             f"{reference!r} (--reach-by role compares role values as written).")
    ties = make_ties(dataset)
    people = with_network(dataset.people, dataset.memberships)
    if nodes == "people":
        r = ei_index_from_ties(ties, people, by=by, directed=dataset.directed, weighted=weighted,
                               permutations=permutations, seed=seed, persons=level == "person")
    else:
        r = level_ei_from_ties(ties, people, level=nodes, by=by, directed=dataset.directed, weighted=weighted,
                               permutations=permutations, seed=seed, persons=level == "person")
    lines = _network_lines(r, nodes, dataset.weight_by)
    if level in ("group", "person"):
        lines += _group_lines(r, limit)
    if level == "person":
        lines += _person_lines(r, limit, dataset.people.get("name") if nodes == "people" else None)
    payload = r.to_dict()
    if nodes != "people":
        payload["nodes"] = nodes
    if with_reach:
        o = overview(dataset, tie_table=ties, reference=reference, by=reach_by,
                     coordinator_roles=list(coordinator_roles) or None)
        lines += _reach_lines(o, limit)
        payload["reach"] = o.to_dict()
        if reach_by == "role_group":
            line, payload["role_mapping"] = role_mapping(dataset, coordinator_roles)
            lines.append(line)
    tables = {"network": r.mixing.reset_index(), "group": r.groups, "person": r.persons}
    emit(fmt, payload, "\n".join(lines), tables[level])
