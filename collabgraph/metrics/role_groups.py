"""Role groups per learning network: who coordinators, experiential experts, educators and students reach.

Issue 14, output 2. People are put in role groups by :mod:`collabgraph.rolegroups` (the built-in
Dutch/English synonyms, ``Dataset.role_map``, and ``professional`` for every other role value; with
``coordinator_roles`` given, those values alone make the coordinator group); these are
*declared* roles, not the structural positions that ``clusters --roles`` finds by k-means
(:mod:`collabgraph.metrics.roles`).

Definitions (docs/metrics.md, "Role groups")
--------------------------------------------
member, the network's ties
    As in the scorecard (:mod:`collabgraph.metrics.scorecard`): a member is in ``dataset.memberships``
    for the network (declared or observed); the network's ties are the ties of the tie table (any
    context) with both ends members, **direction ignored** (a pair counts once). The programme row
    (``(all networks)``) takes everyone who is a member of any network and the ties among them.
contacts, core number
    A member's distinct contacts over the network's ties (degree), and their k-core number in the
    network's graph (Seidman 1983: the largest k such that the member is in a subgraph where everyone
    has at least k contacts).

``groups``: per network and role group
    ``members`` (members of the group), ``share_of_members`` (over the network's members), ``ties``
    (the network's ties with at least one end in the group; a tie between two group members once),
    ``ties_known`` (those with a known ``by`` value at both ends), ``cross_ties`` (of those, ties whose
    ends differ in ``by``), ``cross_share`` (``cross_ties / ties_known``: the share of the group's ties
    that cross a domain, NaN without such ties), ``mean_contacts``, and ``mean_reach``: the mean over
    the group's members of the distinct ``by`` values among the people within two steps over the
    network's ties (:func:`collabgraph.metrics.reach.reach_from_ties`, ``{by}_two_step``; Borgatti
    2006). Members without a role are the group ``(no role)``.
``experts``: per network, experiential experts (group ``experiential_expert``)
    ``experts``, ``members``; ``within_one_step``, ``within_two_steps``: the other members (not
    experts) who are a contact of an expert, or reach one in at most two steps over the network's
    ties; ``share_within_one_step``, ``share_within_two_steps``: those over the other members (NaN
    without experts or without other members). **At the edge**: an expert whose core number is below
    the median core number of the network's members *and* whose contacts are at most the median
    contacts of the members: the rule of the ``periphery`` reason of
    :mod:`collabgraph.metrics.isolation` (a low k-core and few contacts), within the network.
    ``experts_at_edge`` counts them; ``at_edge`` is True when every expert of the network is at the
    edge (``<NA>`` without experts); ``expert_mean_contacts``, ``member_mean_contacts``,
    ``member_median_contacts``, ``expert_mean_core``, ``member_mean_core``, ``member_median_core``
    show the comparison.
``coordinators``: one row per coordinator and network they are a member of
    ``betweenness`` (Freeman 1977, in the network's graph, as
    :func:`collabgraph.metrics.centrality.dependency` computes it: arcs followed when the data are
    directed), ``betweenness_rank`` (1 = the highest betweenness among the network's members; equal
    values share the best rank) and ``members``; and their dependency (Borgatti 2006, key player
    problem 1): ``fragmentation_before``, ``fragmentation_after``, ``fragmentation_increase``,
    ``cut_off`` (members who lose their place in the largest connected group without the
    coordinator) and ``cut_off_share``, from :func:`~collabgraph.metrics.centrality.dependency`.
``education_practice``: per network
    ``ties`` (the network's ties), ``education_practice_ties``: ties between an ``educator`` or
    ``student`` and a ``professional``, ``share`` (of all the network's ties; NaN without ties), and
    the members who are ``educators``, ``students`` and ``professionals``.
``mapping``
    :func:`collabgraph.rolegroups.role_mapping`: each role value of the data, its group, why, and
    how many people have it.

References
----------
Borgatti, S. P. (2006). Identifying sets of key players in a social network. *Computational and
Mathematical Organization Theory* 12: 21–34 (two-step reach; fragmentation).
Freeman, L. C. (1977). A set of measures of centrality based on betweenness. *Sociometry* 40: 35–41.
Seidman, S. B. (1983). Network structure and minimum degree. *Social Networks* 5: 269–287 (k-cores).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.graph import igraph_of
from collabgraph.graph import ties as make_ties
from collabgraph.groups import PROGRAMME, group_codes
from collabgraph.metrics.centrality import betweenness_from_ties, dependency
from collabgraph.metrics.reach import two_step_within
from collabgraph.rolegroups import GROUPS, role_groups, role_mapping
from collabgraph.serialize import records
from collabgraph.tietable import undirected_edges

__all__ = ["NO_ROLE", "RoleGroupFigures", "role_group_figures"]

#: The group of members without a role value.
NO_ROLE = "(no role)"
EDUCATION = ("educator", "student")


@dataclass(frozen=True)
class RoleGroupFigures:
    """The tables of :func:`role_group_figures` (each defined in the module docstring).

    Attributes
    ----------
    by : str
        The attribute whose boundaries ``cross_share`` and ``mean_reach`` count (default domain).
    groups, experts, coordinators, education_practice, mapping : DataFrame
    """

    by: str
    groups: pd.DataFrame
    experts: pd.DataFrame
    coordinators: pd.DataFrame
    education_practice: pd.DataFrame
    mapping: pd.DataFrame

    def to_dict(self) -> dict:
        """JSON-ready: ``by`` and each table as a list of records (missing values as None)."""
        return {"by": self.by, "groups": records(self.groups), "experts": records(self.experts),
                "coordinators": records(self.coordinators),
                "education_practice": records(self.education_practice), "role_mapping": records(self.mapping)}


@dataclass
class _Unit:
    """One learning network (or the programme) as its own graph: members ``codes`` (positions in people),
    its undirected edges ``a, b`` and its tie-table rows ``arcs`` relabelled to 0..k-1."""

    name: str
    level: str
    codes: np.ndarray
    a: np.ndarray
    b: np.ndarray
    arcs: pd.DataFrame


def _unit(name: str, level: str, member: np.ndarray, t: pd.DataFrame, a: np.ndarray, b: np.ndarray) -> _Unit:
    codes = np.flatnonzero(member)
    inside = member[a] & member[b]
    u, v = t["u"].to_numpy(np.int64), t["v"].to_numpy(np.int64)
    rows = member[u] & member[v]
    arcs = pd.DataFrame({"u": np.searchsorted(codes, u[rows]), "v": np.searchsorted(codes, v[rows])})
    return _Unit(name, level, codes, np.searchsorted(codes, a[inside]), np.searchsorted(codes, b[inside]), arcs)


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if len(values) else float("nan")


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


#: The columns of :attr:`RoleGroupFigures.groups` (the rows of :func:`_group_rows`).
_GROUP_COLUMNS = ["network", "level", "group", "members", "share_of_members", "ties", "ties_known", "cross_ties",
                 "cross_share", "mean_contacts", "mean_reach"]


def _group_rows(unit: _Unit, group: np.ndarray, by_code: np.ndarray, contacts: np.ndarray, reach2: np.ndarray,
                names: list[str]) -> list[dict]:
    a, b = unit.a, unit.b
    known = (by_code[a] >= 0) & (by_code[b] >= 0)
    cross = known & (by_code[a] != by_code[b])
    rows = []
    for name in names:
        in_group = group == (None if name == NO_ROLE else name)
        touching = in_group[a] | in_group[b]
        n_known, n_cross = int((touching & known).sum()), int((touching & cross).sum())
        rows.append({"network": unit.name, "level": unit.level, "group": name, "members": int(in_group.sum()),
                     "share_of_members": _share(int(in_group.sum()), len(group)), "ties": int(touching.sum()),
                     "ties_known": n_known, "cross_ties": n_cross, "cross_share": _share(n_cross, n_known),
                     "mean_contacts": _mean(contacts[in_group]), "mean_reach": _mean(reach2[in_group])})
    return rows


def _expert_row(unit: _Unit, group: np.ndarray, g, contacts: np.ndarray, core: np.ndarray) -> dict:
    expert = group == "experiential_expert"
    k, experts = len(group), int(expert.sum())
    reached = {}
    for steps in (1, 2):
        near = np.zeros(k, bool)
        for hood in g.neighborhood(np.flatnonzero(expert).tolist(), order=steps) if experts else []:
            near[hood] = True
        reached[steps] = int((near & ~expert).sum())
    edge = (core < np.median(core)) & (contacts <= np.median(contacts)) if k else np.zeros(0, bool)
    at_edge = int((edge & expert).sum())
    return {"network": unit.name, "level": unit.level, "experts": experts, "members": k,
            "within_one_step": reached[1], "share_within_one_step": _share(reached[1], (k - experts) * (experts > 0)),
            "within_two_steps": reached[2],
            "share_within_two_steps": _share(reached[2], (k - experts) * (experts > 0)),
            "experts_at_edge": at_edge, "at_edge": pd.NA if not experts else at_edge == experts,
            "expert_mean_contacts": _mean(contacts[expert]), "member_mean_contacts": _mean(contacts),
            "member_median_contacts": float(np.median(contacts)) if k else float("nan"),
            "expert_mean_core": _mean(core[expert]), "member_mean_core": _mean(core),
            "member_median_core": float(np.median(core)) if k else float("nan")}


def _education_row(unit: _Unit, group: np.ndarray) -> dict:
    education, practice = np.isin(group, EDUCATION), group == "professional"
    a, b = unit.a, unit.b
    mixed = int(((education[a] & practice[b]) | (practice[a] & education[b])).sum())
    return {"network": unit.name, "level": unit.level, "ties": len(a), "education_practice_ties": mixed,
            "share": _share(mixed, len(a)), "educators": int((group == "educator").sum()),
            "students": int((group == "student").sum()), "professionals": int(practice.sum())}


def _coordinator_rows(unit: _Unit, group: np.ndarray, people: pd.DataFrame, directed: bool,
                      dep: dict) -> list[dict]:
    """The coordinators' rows of one network; ``dep``: the rows of the dependency table by (network, id)."""
    coord = np.flatnonzero(group == "coordinator")
    if not len(coord):
        return []
    btw = betweenness_from_ties(unit.arcs, pd.DataFrame(index=pd.RangeIndex(len(unit.codes))),
                                directed=directed).to_numpy()
    names = people["name"].to_numpy(object) if "name" in people else None  # the values .iloc gives, at once
    roles = people["role"].to_numpy(object)
    rows = []
    for i in coord:
        row = unit.codes[i]  # the coordinator's position in the people table
        pid = str(people.index[row])
        d = dep.get((unit.name, pid))
        rows.append({"network": unit.name, "id": pid, "name": names[row] if names is not None else pd.NA,
                     "role": roles[row], "members": len(unit.codes), "betweenness": float(btw[i]),
                     "betweenness_rank": int((btw > btw[i]).sum()) + 1,
                     **{c: (np.nan if d is None else d[c]) for c in
                        ("fragmentation_before", "fragmentation_after", "fragmentation_increase", "cut_off",
                         "cut_off_share")}})
    return rows


def role_group_figures(dataset: Dataset, *, by: str = "domain", tie_table: pd.DataFrame | None = None,
                       coordinator_roles: Sequence[str] | None = None,
                       dependence: pd.DataFrame | None = None) -> RoleGroupFigures:
    """Per role group and learning network (and the programme): size, cross-``by`` ties, reach; experiential
    experts' reach and place; coordinators' betweenness rank and dependency; education–practice ties.

    Parameters
    ----------
    dataset : Dataset
        Role groups from ``people.role`` with ``dataset.role_map`` (:mod:`collabgraph.rolegroups`).
    by : str
        The person attribute of ``cross_share`` and ``mean_reach`` (default domain).
    tie_table : DataFrame, optional
        The tie table (:func:`collabgraph.graph.ties`), if already computed.
    coordinator_roles : sequence of str, optional
        The role values that mean coordinator (``--coordinator-role``): when given, the coordinator group
        is exactly the people whose role is one of them, and a value the role map or the built-in list
        would make a coordinator is ``professional`` (:mod:`collabgraph.rolegroups`); the same people
        :func:`~collabgraph.metrics.centrality.dependency` tests. Default: the ``coordinator`` group.
    dependence : DataFrame, optional
        :func:`~collabgraph.metrics.centrality.dependency` of ``dataset`` with ``top=0`` and the same
        ``coordinator_roles``, if already computed.

    Returns
    -------
    RoleGroupFigures
        Tables defined in the module docstring; networks sorted by name, the programme last. ``groups``
        has a row for every role group that someone in the data has, in every network (0 members
        where the network has none).

    Raises
    ------
    ParameterError
        When ``by`` is not a column of the people table.

    References
    ----------
    Borgatti (2006) for two-step reach and fragmentation; Freeman (1977) for betweenness; Seidman
    (1983) for k-cores.

    Examples
    --------
    A coordinator ``a`` tied to a student ``s``, a professional ``p`` and ``q`` (no role); an experiential
    expert ``e`` on the edge, tied to ``p`` only.

    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": ["a", "s", "p", "q", "e"], "networks": "n1",
    ...                        "role": ["trekker", "stagiair", "verpleegkundige", None, "ervaringsdeskundige"],
    ...                        "domain": ["zorg", "onderwijs", "zorg", "welzijn", "welzijn"]})
    >>> inter = pd.DataFrame({"source": ["a", "a", "a", "p", "p"], "target": ["s", "p", "q", "q", "e"]})
    >>> f = role_group_figures(from_frames(people=people, interactions=inter))
    >>> f.groups.query("level == 'network'")[["group", "members", "ties", "cross_share"]].values.tolist()
    [['coordinator', 1, 3, 0.6666666666666666], ['experiential_expert', 1, 1, 1.0], ['student', 1, 1, 1.0], \
['professional', 1, 3, 0.6666666666666666], ['(no role)', 1, 2, 1.0]]
    >>> f.experts[["network", "within_one_step", "within_two_steps", "experts_at_edge", "at_edge"]].values.tolist()
    [['n1', 1, 3, 1, True], ['(all networks)', 1, 3, 1, True]]
    >>> f.coordinators[["id", "betweenness", "betweenness_rank", "cut_off"]].values.tolist()
    [['a', 3.0, 1, 1]]
    >>> f.education_practice[["network", "ties", "education_practice_ties", "share"]].values.tolist()
    [['n1', 5, 0, 0.0], ['(all networks)', 5, 0, 0.0]]
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    t = make_ties(dataset) if tie_table is None else tie_table
    people = dataset.people
    n = len(people)
    by_code, _ = group_codes(people, by)
    roles = people["role"] if "role" in people else pd.Series(pd.NA, index=people.index, dtype="string")
    group = role_groups(roles, dataset.role_map, coordinator_roles=coordinator_roles)
    group = group.astype(object).where(roles.notna(), None).to_numpy(object)
    present = set(group.tolist())
    names = [g for g in GROUPS if g in present] + ([NO_ROLE] if None in present else [])
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    m = m.assign(code=dataset.codes(m["person"]), network=m["network"].astype(str))
    m = m[m["code"] >= 0]
    a, b, _ = undirected_edges(t, weighted=False)
    units = []
    for name in dataset.networks:
        member = np.zeros(n, bool)
        member[m.loc[m["network"] == name, "code"].to_numpy()] = True
        units.append(_unit(name, "network", member, t, a, b))
    member = np.zeros(n, bool)
    member[m["code"].to_numpy()] = True
    units.append(_unit(PROGRAMME, "programme", member, t, a, b))
    dep = (dependency(dataset, top=0, tie_table=t, coordinator_roles=coordinator_roles) if dependence is None
           else dependence)
    dep = {(r["network"], r["id"]): r for r in dep.to_dict("records")}  # one lookup, not a filter per network
    # two-step reach on each unit's own graph (Borgatti 2006), all units in one call
    reaches = two_step_within(pd.DataFrame({"u": a, "v": b}), people, [unit.codes for unit in units], attribute=by)
    tables = {"groups": [], "experts": [], "coordinators": [], "education_practice": []}
    for unit, reach2 in zip(units, reaches, strict=True):
        k = len(unit.codes)
        g = igraph_of(k, unit.a, unit.b)
        contacts = np.asarray(g.degree(), dtype=np.int64)
        core = np.asarray(g.coreness(), dtype=np.int64) if k else np.zeros(0, np.int64)
        reach2 = reach2.astype(float)
        unit_group = group[unit.codes]
        tables["groups"] += _group_rows(unit, unit_group, by_code[unit.codes], contacts, reach2, names)
        tables["experts"].append(_expert_row(unit, unit_group, g, contacts, core))
        tables["education_practice"].append(_education_row(unit, unit_group))
        if unit.level == "network":
            tables["coordinators"] += _coordinator_rows(unit, unit_group, people, dataset.directed, dep)
    columns = {"coordinators": ["network", "id", "name", "role", "members", "betweenness", "betweenness_rank",
                                "fragmentation_before", "fragmentation_after", "fragmentation_increase", "cut_off",
                                "cut_off_share"],
               "groups": _GROUP_COLUMNS}  # no one in the data: no group row, the columns all the same
    frames = {key: pd.DataFrame(rows, columns=columns.get(key)) for key, rows in tables.items()}
    frames["experts"]["at_edge"] = frames["experts"]["at_edge"].astype("boolean")
    frames["coordinators"]["cut_off"] = frames["coordinators"]["cut_off"].astype("Int64")
    return RoleGroupFigures(by=by, mapping=role_mapping(roles, dataset.role_map, coordinator_roles=coordinator_roles),
                            **frames)
