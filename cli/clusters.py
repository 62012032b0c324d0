"""``collabgraph clusters``: communities, their make-up, silo flags, and comparison with formal groups."""

from __future__ import annotations

import click
import pandas as pd

from collabgraph.metrics.communities import clusters as find_clusters
from collabgraph.report.texts import Texts

from .common import dataset_options, emit, format_option, limit_option, not_listed, pass_dataset, weighted_option

__all__ = ["clusters"]

METHOD_NAMES = {"leiden": "Leiden", "louvain": "Louvain", "lpa": "label propagation"}


def _people(n: int) -> str:
    return f"{n} person" if n == 1 else f"{n} people"


def _top(counts: dict, n: int = 3) -> str:
    return ", ".join(f"{value} {count}" for value, count in list(counts.items())[:n])


def _silo_sentence(report, known: bool) -> str | None:
    """What the report says of silos that cannot be judged (none of a community's members has a known
    organisation or domain), in the same words; ``known``: some person's organisation or domain is known."""
    unjudged = sum(1 for c in report.composition if c["silo"] is None)
    if not unjudged:
        return None
    t = Texts("en")
    silos = sum(1 for c in report.composition if c["silo"])
    return t.s_silos_unknown if not known else (t.count("s_silos", silos) + " "
                                                + t.count("s_silos_unjudged", unjudged))


def _text(report, known: bool = True, limit: int | None = None) -> str:
    """The text of ``collabgraph clusters``; ``known``: some person's organisation or domain is known; ``limit``: the
    communities listed (largest first)."""
    d = report.to_dict()
    c = report.communities
    groups = [x for x in d["communities"] if x["size"] > 1]
    alone = d["people_without_ties"]
    tied_alone = len(d["communities"]) - len(groups) - alone
    n = d["n_communities_of_two_or_more"]
    found = "1 community" if n == 1 else f"{n} communities"
    lines = [f"{found} of two or more people found with {METHOD_NAMES[c.method]} "
             f"(resolution {c.resolution:g}, seed {c.seed}); "
             + ("modularity undefined (the ties weigh 0 together)." if pd.isna(c.modularity) else
                f"modularity {c.modularity:.3f} (0 = no more ties inside groups than chance, above 0.3 = "
                "clear groups).")]
    silo = _silo_sentence(report, known)
    if silo:
        lines.append(silo)
    if alone:
        lines.append(f"{_people(alone)} without any tie {'is' if alone == 1 else 'are'} left out "
                     "(each is a community of one).")
    if tied_alone:
        lines.append(f"{_people(tied_alone)} with ties {'is' if tied_alone == 1 else 'are'} in a community "
                     "of their own.")
    if c.directed_input:
        lines.append("The ties are directed; communities are found on the undirected network.")
    for x in groups[:limit]:
        comp = x["composition"]
        lines.append("")
        lines.append(f"Community {x['id']}: {_people(x['size'])}; {x['internal_density']:.0%} of possible ties "
                     f"inside are present; {x['conductance']:.0%} of its tie weight leaves the group.")
        for attr in ("organisation", "domain", "profession", "network"):
            if attr in comp and comp[attr]["counts"]:
                more = f" (and {len(comp[attr]['counts']) - 3} more)" if len(comp[attr]["counts"]) > 3 else ""
                lines.append(f"  {attr}: {_top(comp[attr]['counts'])}{more}")
        if x["silo"]:
            why = " and ".join(f"{a} {comp[a]['top']} ({comp[a]['top_share']:.0%})" for a in x["silo_by"])
            lines.append(f"  Silo: mostly one {why}.")
        elif x["silo"] is None and known:  # without any known value the sentence above says it once
            lines.append("  Silo: cannot be judged (no member's organisation or domain is known).")
    more = not_listed(len(groups), limit, "communities")
    lines += ["", *more] if more else []
    silos = [n for n in d["networks"] if n["silo"]]
    if silos:
        lines += ["", "Learning networks whose members are mostly one organisation or domain:"]
        for n in silos:
            comp = n["composition"]
            why = " and ".join(f"{a} {comp[a]['top']} ({comp[a]['top_share']:.0%})" for a in n["silo_by"])
            lines.append(f"  {n['network']}: {_people(n['size'])}; mostly one {why}.")
    if report.comparison is not None:
        r = report.comparison
        verdict = ("the communities follow this grouping more than chance would"
                   if r.p_value is not None and r.p_value < 0.05 else
                   "the communities do not follow this grouping more than chance would"
                   if r.p_value is not None else "no p-value computed")
        lines += ["", f"Compared with {r.attribute} ({_people(r.people)}; {r.missing} without a value left out): "
                      f"NMI {r.nmi:.3f}, ARI {r.ari:.3f}"
                      + (f", p = {r.p_value:.3f}" if r.p_value is not None else "") + f": {verdict}."]
    if report.stability is not None:
        s = d["stability"]
        lines += ["", f"Stability over seeds {s['seeds'][0]}..{s['seeds'][-1]}: mean NMI between runs "
                      f"{s['mean_nmi']:.3f}; on average a person's community is {s['mean_person_stability']:.0%} "
                      f"the same between runs; showing the most representative run (seed {s['representative_seed']})."]
    if report.roles is not None:
        lines += ["", "Roles by position:"]
        for role in d["roles"]["roles"]:
            lines.append(f"  {role['name']}: {_people(role['size'])} (mean {role['degree']:.1f} contacts, "
                         f"betweenness {role['betweenness']:.3f}, core {role['core']:.1f})")
    return "\n".join(lines)


@click.command()
@dataset_options
@click.option("--method", type=click.Choice(["leiden", "louvain", "lpa"]), default="leiden", show_default=True,
              help="Community detection method (lpa = label propagation).")
@click.option("--resolution", type=float, default=1.0, show_default=True,
              help="Larger values give more, smaller communities.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed; the same seed gives the same result.")
@weighted_option("Use tie weights (--unweighted: every tie counts 1).")
@click.option("--iterations", type=int, default=None,
              help="Leiden passes (-1: until stable). Default: until stable up to 10,000 people and 50,000 ties, "
                   "else 2.")
@click.option("--compare", "compare_with", metavar="ATTR",
              help="Compare the communities with a formal grouping: domain, organisation, network, ...")
@click.option("--permutations", type=click.IntRange(0), default=999, show_default=True,
              help="Permutations for the p-value of --compare.")
@click.option("--stability", "stability_runs", type=click.IntRange(0), default=0, show_default=True,
              help="Run this many seeds (>= 2) and report how stable each person's community is.")
@click.option("--stability-limit", type=click.IntRange(2), default=3, show_default=True,
              help="Above 100,000 ties run at most this many of the --stability seeds.")
@click.option("--roles", "with_roles", is_flag=True, help="Also group people by their position (hub, bridge, ...).")
@click.option("--silo-share", type=click.FloatRange(0, 1, min_open=True), default=0.8, show_default=True,
              help="A community is a silo when one organisation or domain makes up this share of it.")
@limit_option(None, "Communities listed in the text, largest first (JSON and CSV hold every community).")
@format_option("text", "json", "csv")
@pass_dataset
def clusters(dataset, fmt, method, resolution, seed, weighted, iterations, compare_with, permutations,
             stability_runs, stability_limit, with_roles, silo_share, limit):
    """Find communities and show who is in them; flag silos; compare with formal groups.

    CSV output: one row per person with their community (and stability, role).
    """
    report = find_clusters(dataset, method=method, resolution=resolution, seed=seed, weighted=weighted,
                           compare_with=compare_with, permutations=permutations, stability_runs=stability_runs,
                           with_roles=with_roles, silo_share=silo_share, iterations=iterations,
                           stability_limit=stability_limit)
    people = dataset.people
    known = any(c in people and people[c].notna().any() for c in ("organisation", "domain"))
    emit(fmt, report.to_dict(), _text(report, known, limit), report.table())
