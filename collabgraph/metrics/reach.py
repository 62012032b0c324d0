"""Interprofessional reach: how many professions, organisations and domains people reach.

Per person, for each attribute (``profession``, ``organisation``, ``domain`` by default):

``{attr}_direct``
    distinct values among the person's direct contacts (their own value counts when a contact has it);
``{attr}_two_step``
    distinct values among everyone within two steps (contacts and contacts of contacts, the person
    excluded);
``{attr}_direct_share``, ``{attr}_two_step_share``
    the same counts over the number of distinct values among all people (``0.5``: half the
    domains in the data);
``{attr}_cross``
    the person has at least one contact with a known value other than their own (``<NA>`` when their
    own value is missing).

plus ``contacts`` (distinct direct contacts) and ``reach`` (people within two steps). Contacts
without a value are not counted in the distinct values. Direction is ignored: a contact is anyone a
person sent a tie to or received one from (reach is about who can hear of whom).

Everything is sparse linear algebra on the tie table (scipy): with ``A`` the symmetric 0/1 adjacency
matrix and ``X`` the people x values indicator matrix, ``C1 = A X`` counts each person's contacts
per value and ``C2 = A C1 - diag(degree) X`` the two-step walks per value that do not return to the
person, so value ``k`` is within two steps of ``i`` when ``C1[i, k] + C2[i, k] > 0``. The number of
people within two steps comes from igraph's ``neighborhood_size(order=2)``. No Python loop per person.

Summaries (:func:`reach_summary`) aggregate the person table per group (a learning network, a
domain, a role): members, share with a cross-domain tie, and mean reach; :func:`compare_roles` sets
each role group (coordinator, experiential_expert, educator, student, client, professional: the
groups of :mod:`collabgraph.rolegroups`, so ``Docent`` and ``docent`` are one group, ``educator``, and
``huisarts`` is a ``professional``; with ``coordinator_roles`` given, those values alone make the
coordinator group) against a reference group (professional). Only when asked
(``by="role"``) it compares the raw role values as written instead. People without a role are left
out and counted (:func:`role_labels`).

References
----------
Borgatti, S. P. (2006). Identifying sets of key players in a social network. *Computational and
Mathematical Organization Theory* 12: 21–34 (two-step reach).
Reeves, S., Lewin, S., Espin, S. & Zwarenstein, M. (2010). *Interprofessional Teamwork for Health
and Social Care.* Wiley-Blackwell (interprofessional collaboration as ties across professions).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from collabgraph.adjacency import arc_matrix
from collabgraph.errors import ParameterError
from collabgraph.graph import igraph_of
from collabgraph.graph import ties as make_ties
from collabgraph.groups import check_attribute, group_codes
from collabgraph.params import Options, check
from collabgraph.rolegroups import GROUPS, role_groups
from collabgraph.serialize import records

__all__ = ["ATTRIBUTES", "ROLE_LEVELS", "ReachOverview", "compare_roles", "overview", "reach", "reach_from_ties",
           "reach_summary", "role_labels", "two_step_within"]

#: The attributes whose reach is measured by default.
ATTRIBUTES = ("profession", "organisation", "domain")

#: What :func:`compare_roles` groups people by: their role group (default) or their role value as written.
ROLE_LEVELS = ("role_group", "role")


def reach(dataset, *, attributes=ATTRIBUTES, tie_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Distinct professions, organisations and domains among each person's contacts, within one and two steps.

    Parameters
    ----------
    dataset : Dataset
    attributes : sequence of str
        Person columns to measure (default profession, organisation, domain).
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.

    Returns
    -------
    DataFrame
        Indexed by person id: ``contacts, reach`` and per attribute ``{attr}_direct,
        {attr}_direct_share, {attr}_two_step, {attr}_two_step_share, {attr}_cross`` (module docstring).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "welzijn", "onderwijs", "zorg"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> r = reach(ds, attributes=["domain"])
    >>> r.loc["a", ["contacts", "reach", "domain_direct", "domain_two_step"]].tolist()
    [1, 2, 1, 2]
    >>> r["domain_cross"].tolist()
    [True, True, True, False]
    """
    return reach_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people,
                           attributes=attributes)


def reach_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *, attributes=ATTRIBUTES) -> pd.DataFrame:
    """:func:`reach` of a bare tie table (``u``/``v`` are rows of ``people``).

    Examples
    --------
    >>> people = pd.DataFrame({"domain": ["zorg", "welzijn", "onderwijs", "zorg"]}, index=list("abcd"))
    >>> ties = pd.DataFrame({"u": [0, 1], "v": [1, 2]})
    >>> reach_from_ties(ties, people, attributes=["domain"])["domain_two_step"].tolist()
    [2, 2, 2, 0]
    """
    n = len(people)
    adj = arc_matrix(tie_table, n, directed=False)
    adj.data[:] = 1.0  # a mutual pair of arcs is one contact
    degree = np.asarray(adj.sum(axis=1)).ravel()
    g = igraph_of(n, tie_table["u"].to_numpy(), tie_table["v"].to_numpy())
    out = {"contacts": degree.astype(np.int64), "reach": np.asarray(g.neighborhood_size(order=2), dtype=np.int64) - 1}
    for attr in attributes:
        codes, labels = group_codes(people, attr, name="attributes")
        known = codes >= 0
        x = sparse.csr_array((np.ones(int(known.sum())), (np.flatnonzero(known), codes[known])),
                             shape=(n, max(len(labels), 1)))
        c1 = adj @ x
        c2 = adj @ c1 - sparse.diags_array(degree) @ x
        direct = np.asarray((c1 > 0).sum(axis=1)).ravel()
        two = np.asarray(((c1 + c2) > 0).sum(axis=1)).ravel()
        # contacts with a known value other than one's own: all known contacts minus those sharing it
        known_contacts = np.asarray(c1.sum(axis=1)).ravel()
        same = np.asarray((c1.multiply(x)).sum(axis=1)).ravel()
        total = max(len(labels), 1)
        out[f"{attr}_direct"] = direct.astype(np.int64)
        out[f"{attr}_direct_share"] = direct / total
        out[f"{attr}_two_step"] = two.astype(np.int64)
        out[f"{attr}_two_step_share"] = two / total
        out[f"{attr}_cross"] = pd.arrays.BooleanArray(np.where(known, known_contacts - same > 0, False), ~known)
    return pd.DataFrame(out, index=pd.Index(people.index.astype(str), name="id"))


def two_step_within(tie_table: pd.DataFrame, people: pd.DataFrame, groups: list[np.ndarray], *,
                    attribute: str) -> list[np.ndarray]:
    """``{attribute}_two_step`` of :func:`reach_from_ties` for each group's members, over the ties among them.

    Each group (a learning network's members) is its own graph: the ties with both ends in it. The groups
    are laid side by side as the blocks of one graph, which no tie joins, so one :func:`reach_from_ties`
    call gives every member the value the group's own graph gives (a person in two groups is in two blocks).

    Parameters
    ----------
    tie_table : DataFrame
        ``u, v``: rows of ``people`` (arcs or edges; direction is ignored).
    people : DataFrame
        Has the column ``attribute``.
    groups : list of ndarray of int
        Each group's people positions, sorted and distinct.
    attribute : str

    Returns
    -------
    list of ndarray of int
        Per group, per member in the group's order: the distinct known values of ``attribute`` within two
        steps over the group's ties (the member's contacts and their contacts, the member excluded).

    Examples
    --------
    >>> people = pd.DataFrame({"domain": ["zorg", "welzijn", "onderwijs", "zorg"]}, index=list("abcd"))
    >>> ties = pd.DataFrame({"u": [0, 1, 2], "v": [1, 2, 3]})
    >>> [x.tolist() for x in two_step_within(ties, people, [np.array([0, 1, 2]), np.array([2, 3])],
    ...                                       attribute="domain")]
    [[2, 2, 2], [1, 1]]
    """
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    sizes = [len(codes) for codes in groups]
    starts = np.cumsum([0, *sizes])
    ends_u, ends_v = [np.zeros(0, np.int64)], [np.zeros(0, np.int64)]
    for start, codes in zip(starts, groups, strict=False):
        member = np.zeros(len(people), bool)
        member[codes] = True
        inside = member[u] & member[v]
        ends_u.append(start + np.searchsorted(codes, u[inside]))
        ends_v.append(start + np.searchsorted(codes, v[inside]))
    rows = np.concatenate([np.zeros(0, np.int64), *groups])
    table = reach_from_ties(pd.DataFrame({"u": np.concatenate(ends_u), "v": np.concatenate(ends_v)}),
                            people[[attribute]].iloc[rows], attributes=[attribute])
    return np.split(table[f"{attribute}_two_step"].to_numpy(), starts[1:-1])


def reach_summary(table: pd.DataFrame, groups: pd.DataFrame, *, cross: str = "domain") -> pd.DataFrame:
    """Members, share with a cross-``cross`` tie, and mean reach per group.

    Parameters
    ----------
    table : DataFrame
        The result of :func:`reach` (indexed by person id).
    groups : DataFrame
        ``person, group`` rows; a person may be in several groups (learning networks: pass
        ``dataset.memberships.rename(columns={"network": "group"})``; an attribute:
        ``people[attr].dropna().rename("group").rename_axis("person").reset_index()``).
    cross : str
        The attribute of the ``share_cross`` column (default domain).

    Returns
    -------
    DataFrame
        Per group (sorted): ``group, members, with_cross`` (members with at least one tie to
        another ``cross``), ``share_cross`` (over members whose own ``cross`` value is known),
        ``mean_contacts, mean_reach`` and the mean of every ``*_direct``/``*_two_step`` count.

    Examples
    --------
    >>> people = pd.DataFrame({"domain": ["zorg", "welzijn", "onderwijs", "zorg"]}, index=list("abcd"))
    >>> table = reach_from_ties(pd.DataFrame({"u": [0, 1], "v": [1, 2]}), people, attributes=["domain"])
    >>> groups = pd.DataFrame({"person": ["a", "b", "d"], "group": ["n1", "n1", "n2"]})
    >>> reach_summary(table, groups)[["group", "members", "with_cross", "share_cross"]].values.tolist()
    [['n1', 2, 2, 1.0], ['n2', 1, 0, 0.0]]
    """
    flag = f"{cross}_cross"
    if flag not in table.columns:
        measured = [c[:-6] for c in table.columns if c.endswith("_cross")]
        raise ParameterError(f"cross must be {'one of ' + ', '.join(measured) if measured else 'a measured attribute'}"
                             f" (the reach table's attributes); got {cross!r}.")
    counts = [c for c in table.columns if c.endswith(("_direct", "_two_step"))]
    rows = groups[["person", "group"]].dropna().drop_duplicates()
    rows = rows[rows["person"].isin(table.index)]
    data = table.loc[rows["person"].to_numpy()].reset_index(drop=True)
    data.insert(0, "group", rows["group"].astype(str).to_numpy())
    data["_known"] = data[flag].notna()
    data["_cross"] = data[flag].fillna(False).astype(bool)
    grouped = data.groupby("group", sort=True)
    out = pd.DataFrame({"members": grouped.size(), "with_cross": grouped["_cross"].sum()})
    known = grouped["_known"].sum()
    out["share_cross"] = (out["with_cross"] / known.where(known > 0)).astype(float)
    out["mean_contacts"] = grouped["contacts"].mean()
    out["mean_reach"] = grouped["reach"].mean()
    for c in counts:
        out[f"mean_{c}"] = grouped[c].mean()
    return out.reset_index()


def role_labels(people: pd.DataFrame, *, by: str = "role_group", role: str = "role",
                role_map=None, coordinator_roles=None) -> pd.Series:
    """Each person's place in the role comparison: their role group, or (``by="role"``) their role value.

    Parameters
    ----------
    people : DataFrame
        The people table (indexed by person id).
    by : {"role_group", "role"}
        ``role_group``: :func:`collabgraph.rolegroups.role_groups` of the role value with ``role_map``
        (coordinator, experiential_expert, educator, student, client; ``professional`` for every other
        value). ``role``: the value as written (``Docent`` and ``docent`` stay apart).
    role : str
        The column of roles.
    role_map : mapping, optional
        Extra role value -> group pairs (``Dataset.role_map``); used with ``by="role_group"`` only.
    coordinator_roles : sequence of str, optional
        The role values that mean coordinator (``--coordinator-role``): when given, they alone make the
        ``coordinator`` group (:mod:`collabgraph.rolegroups`); used with ``by="role_group"`` only.

    Returns
    -------
    Series
        Indexed by person id (text), named ``group``; people without a role (missing, or blank as
        :func:`collabgraph.rolegroups.normalise` reads it: only spaces, hyphens, underscores) are left out
        in both views, so ``len(people) - len(result)`` of them had none.

    Examples
    --------
    >>> people = pd.DataFrame({"role": ["Docent", "huisarts", None, "ervaringsdeskundige"]}, index=list("abcd"))
    >>> role_labels(people).to_dict()
    {'a': 'educator', 'b': 'professional', 'd': 'experiential_expert'}
    >>> role_labels(people, by="role").tolist()
    ['Docent', 'huisarts', 'ervaringsdeskundige']
    """
    check("by", by, Options(ROLE_LEVELS))
    check_attribute(people.columns, role, name="role")
    groups = role_groups(people[role], role_map, coordinator_roles=coordinator_roles)
    labels = (groups if by == "role_group" else people[role].astype("string").where(groups.notna()))
    labels = labels.dropna().astype(str).rename("group")
    return labels.set_axis(labels.index.astype(str)).rename_axis("person")


def compare_roles(table: pd.DataFrame, people: pd.DataFrame, *, by: str = "role_group",
                  reference: str = "professional", role: str = "role", cross: str = "domain",
                  role_map=None, coordinator_roles=None) -> pd.DataFrame:
    """Reach of every role group (experiential experts, educators, students ...) next to a reference group.

    Parameters
    ----------
    table : DataFrame
        The result of :func:`reach` (indexed by person id).
    people : DataFrame
        The people table.
    by : {"role_group", "role"}
        Compare role groups (default; :func:`role_labels`) or, only when asked, the role values as written.
    reference : str
        The group compared with: with ``by="role_group"`` one of :data:`collabgraph.rolegroups.GROUPS`
        (default ``professional``), with ``by="role"`` a role value.
    role, cross : str
        The column of roles; the attribute of ``share_cross`` (:func:`reach_summary`).
    role_map : mapping, optional
        Extra role value -> group pairs (``Dataset.role_map``).
    coordinator_roles : sequence of str, optional
        The role values that mean coordinator (:func:`role_labels`).

    Returns
    -------
    DataFrame
        :func:`reach_summary` per role group (in the order of :data:`~collabgraph.rolegroups.GROUPS`;
        role values alphabetically), plus ``diff_{col}`` = the group's value minus the reference
        group's for ``share_cross``, ``mean_reach`` and every mean count (0 for the reference itself).
        People without a role are left out (:func:`role_labels` counts them).

    Raises
    ------
    ParameterError
        When no one is in the reference group, or the reference is no role group.

    Examples
    --------
    >>> people = pd.DataFrame({"role": ["huisarts", "Student", "wijkverpleegkundige"],
    ...                        "domain": ["zorg", "onderwijs", "welzijn"]}, index=list("abc"))
    >>> table = reach_from_ties(pd.DataFrame({"u": [0, 0], "v": [1, 2]}), people, attributes=["domain"])
    >>> compare_roles(table, people)[["group", "members", "mean_domain_direct", "diff_mean_domain_direct"]
    ...                              ].values.tolist()
    [['student', 1, 1.0, -0.5], ['professional', 2, 1.5, 0.0]]
    """
    check("by", by, Options(ROLE_LEVELS))
    if by == "role_group":
        check("reference", reference, Options(GROUPS))
    labels = role_labels(people, by=by, role=role, role_map=role_map, coordinator_roles=coordinator_roles)
    out = reach_summary(table, labels.reset_index(), cross=cross)
    if by == "role_group":
        out = out.set_index("group").loc[[g for g in GROUPS if g in set(out["group"])]].reset_index()
    if reference not in set(out["group"]):
        where = "the role groups in the data" if by == "role_group" else f"the values of the {role} column"
        found = f"one of {', '.join(out['group'])}" if len(out) else "a value there (there is none)"
        raise ParameterError(f"reference must be {found} ({where}); got {reference!r}.")
    base = out.set_index("group").loc[reference]
    for c in ["share_cross", "mean_reach", *(c for c in out.columns if c.startswith("mean_") and c != "mean_reach"
                                            and c != "mean_contacts")]:
        out[f"diff_{c}"] = out[c] - base[c]
    return out


@dataclass(frozen=True)
class ReachOverview:
    """Reach per learning network and per role group (``collabgraph metrics --reach``).

    Attributes
    ----------
    networks : DataFrame
        :func:`reach_summary` per learning network (people in several networks count in each).
    roles : DataFrame or None
        :func:`compare_roles` against ``reference``; None when no one is in that group.
    reference : str
        The reference role group (or role value, with ``by="role"``).
    by : str
        ``role_group`` or ``role`` (:data:`ROLE_LEVELS`).
    without_role : int
        People without a role (missing or blank), left out of ``roles``.
    """

    networks: pd.DataFrame
    roles: pd.DataFrame | None
    reference: str
    by: str = "role_group"
    without_role: int = 0

    def to_dict(self) -> dict:
        return {"reference": self.reference, "networks": records(self.networks),
                "roles": None if self.roles is None else records(self.roles), "by": self.by,
                "without_role": self.without_role}


def overview(dataset, *, tie_table: pd.DataFrame | None = None, reference: str = "professional",
             role: str = "role", by: str = "role_group", coordinator_roles=None) -> ReachOverview:
    """Reach per learning network and each role group next to ``reference`` (cross-domain ties by domain).

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    reference, role : str
        The reference role group and the column of roles.
    by : {"role_group", "role"}
        Role groups with ``dataset.role_map`` (default), or the role values as written
        (:func:`compare_roles`).
    coordinator_roles : sequence of str, optional
        The role values that mean coordinator (:func:`role_labels`).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "role": ["huisarts", "Docent", "professional", None],
    ...                        "domain": ["zorg", "onderwijs", "welzijn", "zorg"], "networks": ["n1"] * 4})
    >>> inter = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]})
    >>> o = overview(from_frames(people=people, interactions=inter))
    >>> o.networks[["group", "members", "share_cross"]].values.tolist()
    [['n1', 4, 0.75]]
    >>> o.roles[["group", "members"]].values.tolist(), o.without_role
    ([['educator', 1], ['professional', 2]], 1)
    """
    check("by", by, Options(ROLE_LEVELS))
    if by == "role_group":
        check("reference", reference, Options(GROUPS))
    people = dataset.people
    attrs = [a for a in ATTRIBUTES if a in people.columns]
    table = reach(dataset, attributes=attrs, tie_table=tie_table)
    networks = reach_summary(table, dataset.memberships.rename(columns={"network": "group"}))
    labels = (role_labels(people, by=by, role=role, role_map=dataset.role_map, coordinator_roles=coordinator_roles)
              if role in people.columns else pd.Series([], dtype=str))
    roles = (compare_roles(table, people, by=by, reference=reference, role=role, role_map=dataset.role_map,
                           coordinator_roles=coordinator_roles) if (labels == reference).any() else None)
    return ReachOverview(networks=networks, roles=roles, reference=reference, by=by,
                         without_role=len(people) - len(labels))
