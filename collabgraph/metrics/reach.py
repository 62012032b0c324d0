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
each role (ervaringsdeskundige, docent, student ...) against a reference role (professional).

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
from collabgraph.metrics.mixing import group_codes

__all__ = ["ATTRIBUTES", "ReachOverview", "compare_roles", "overview", "reach", "reach_from_ties", "reach_summary"]

#: The attributes whose reach is measured by default.
ATTRIBUTES = ("profession", "organisation", "domain")


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
    out = pd.DataFrame({"contacts": degree.astype(np.int64),
                        "reach": np.asarray(g.neighborhood_size(order=2), dtype=np.int64) - 1},
                       index=pd.Index(people.index.astype(str), name="id"))
    for attr in attributes:
        codes, labels = group_codes(people, attr)
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
        out[f"{attr}_cross"] = pd.array(np.where(known, known_contacts - same > 0, False), dtype="boolean")
        out.loc[~known, f"{attr}_cross"] = pd.NA
    return out


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
        raise ParameterError(f"The reach table has no {cross!r} columns; measured: "
                             f"{', '.join(c[:-6] for c in table.columns if c.endswith('_cross'))}.")
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


def compare_roles(table: pd.DataFrame, people: pd.DataFrame, *, reference: str = "professional",
                  role: str = "role", cross: str = "domain") -> pd.DataFrame:
    """Reach of every role (ervaringsdeskundige, docent, student ...) next to a reference role.

    Returns
    -------
    DataFrame
        :func:`reach_summary` per role, plus ``diff_{col}`` = the role's value minus the reference
        role's for ``share_cross``, ``mean_reach`` and every mean count (0 for the reference itself).
        People without a role are left out.

    Examples
    --------
    >>> people = pd.DataFrame({"role": ["professional", "student", "professional"],
    ...                        "domain": ["zorg", "onderwijs", "welzijn"]}, index=list("abc"))
    >>> table = reach_from_ties(pd.DataFrame({"u": [0, 0], "v": [1, 2]}), people, attributes=["domain"])
    >>> compare_roles(table, people)[["group", "mean_domain_direct", "diff_mean_domain_direct"]].values.tolist()
    [['professional', 1.5, 0.0], ['student', 1.0, -0.5]]
    """
    if role not in people.columns:
        raise ParameterError(f"Unknown attribute {role!r}; people have: {', '.join(map(str, people.columns))}.")
    groups = people[role].dropna().astype(str).rename("group").rename_axis("person").reset_index()
    groups["person"] = groups["person"].astype(str)
    out = reach_summary(table, groups, cross=cross)
    if reference not in set(out["group"]):
        raise ParameterError(f"Unknown reference role {reference!r}; the {role} column has: "
                             f"{', '.join(out['group']) or 'no values'}.")
    base = out.set_index("group").loc[reference]
    for c in ["share_cross", "mean_reach", *(c for c in out.columns if c.startswith("mean_") and c != "mean_reach"
                                            and c != "mean_contacts")]:
        out[f"diff_{c}"] = out[c] - base[c]
    return out


@dataclass(frozen=True)
class ReachOverview:
    """Reach per learning network and per role (``collabgraph metrics --reach``).

    Attributes
    ----------
    networks : DataFrame
        :func:`reach_summary` per learning network (people in several networks count in each).
    roles : DataFrame or None
        :func:`compare_roles` against ``reference``; None when no one has that role.
    reference : str
        The reference role.
    """

    networks: pd.DataFrame
    roles: pd.DataFrame | None
    reference: str

    def to_dict(self) -> dict:
        def records(frame):
            return frame.astype(object).where(frame.notna(), None).to_dict("records")
        return {"reference": self.reference, "networks": records(self.networks),
                "roles": None if self.roles is None else records(self.roles)}


def overview(dataset, *, tie_table: pd.DataFrame | None = None, reference: str = "professional",
             role: str = "role") -> ReachOverview:
    """Reach per learning network and each role next to ``reference`` (cross-domain ties by domain).

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    reference, role : str
        The reference role and the column of roles.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "role": ["professional", "student", "professional"],
    ...                        "domain": ["zorg", "onderwijs", "welzijn"], "networks": ["n1", "n1", "n1"]})
    >>> inter = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]})
    >>> o = overview(from_frames(people=people, interactions=inter))
    >>> o.networks[["group", "members", "share_cross"]].values.tolist()
    [['n1', 3, 1.0]]
    """
    people = dataset.people
    attrs = [a for a in ATTRIBUTES if a in people.columns]
    table = reach(dataset, attributes=attrs, tie_table=tie_table)
    networks = reach_summary(table, dataset.memberships.rename(columns={"network": "group"}))
    known = role in people.columns and (people[role] == reference).fillna(False).any()
    roles = compare_roles(table, people, reference=reference, role=role) if known else None
    return ReachOverview(networks=networks, roles=roles, reference=reference)
