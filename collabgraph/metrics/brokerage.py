"""Gould–Fernandez brokerage roles, and ``brokers()``: every brokerage measure of a person for one attribute.

The room of this module: who mediates between which groups (Gould & Fernandez 1989), and the
combination of roles, structural holes (:mod:`collabgraph.metrics.holes`), betweenness and
dependency (:mod:`collabgraph.metrics.centrality`) that the ``brokers`` command and the report show.

For a partition of people into groups (by an attribute), a person ``b`` brokers an *open two-path*
``a -> b -> c`` (``a != c`` and no arc ``a -> c``; an arc ``c -> a`` does not close it). The group
pattern of ``(a, b, c)`` gives the role (Gould & Fernandez 1989), named as R ``sna::brokerage``
names them:

============== ====== ============= ====================================================
role           sna    pattern       the broker ...
============== ====== ============= ====================================================
coordinator    w_I    A -> A -> A   links two members of their own group
itinerant      w_O    A -> B -> A   links two members of one other group (consultant)
representative b_IO   A -> A -> B   passes a contact from their own group out to another
gatekeeper     b_OI   A -> B -> B   lets a contact from another group into their own
liaison        b_O    A -> B -> C   links two different groups, neither their own
============== ====== ============= ====================================================

**Convention**: we follow ``sna`` (the help page of ``sna::brokerage``): the gatekeeper is the
broker in the *receiver's* group (``A -> B -> B``) and the representative the broker in the
*sender's* group (``A -> A -> B``). UCINET labels these two the other way round. Undirected ties
are treated as two arcs, one each way. Expected values and standard deviations are those of
``sna`` (Gould & Fernandez's null of a random graph with the observed density and group sizes);
``z = (observed - expected) / sd`` and is missing (``NaN``) where ``sd`` is 0.

Everything is computed from the tie table's integer arrays, never a dense matrix: all two-paths per
broker come from in- and out-neighbour counts by group; the closed ones run over the triangles of
the contact graph (:func:`collabgraph.adjacency.triangles`).

References
----------
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage in
transaction networks. *Sociological Methodology* 19: 89–126.
Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical Software* 24(6).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from collabgraph.adjacency import arc_matrix, triangles
from collabgraph.dataset import Dataset
from collabgraph.graph import ties as make_ties
from collabgraph.groups import check_attribute
from collabgraph.metrics.centrality import betweenness, dependency, dependency_counts
from collabgraph.metrics.holes import structural_holes
from collabgraph.params import validate_params
from collabgraph.rolegroups import coordinators
from collabgraph.serialize import records
from collabgraph.tietable import lookup, pair_keys

__all__ = [
    "CONVENTION",
    "ROLES",
    "BrokerageResult",
    "BrokersResult",
    "brokers",
    "gould_fernandez",
]

#: Role names in the order of ``sna::brokerage`` columns (w_I, w_O, b_IO, b_OI, b_O).
ROLES = ("coordinator", "itinerant", "representative", "gatekeeper", "liaison")
#: The column names ``sna::brokerage`` gives each role.
SNA_NAMES = {"coordinator": "w_I", "itinerant": "w_O", "representative": "b_IO",
             "gatekeeper": "b_OI", "liaison": "b_O", "total": "t"}

#: The Gould–Fernandez convention we follow, as stated in the JSON of ``collabgraph brokers``.
CONVENTION = ("sna::brokerage: gatekeeper = A->B->B (broker in the receiver's group, b_OI), "
              "representative = A->A->B (broker in the sender's group, b_IO); only open two-paths "
              "a->b->c (no arc a->c) count; undirected ties count as two arcs")


@dataclass(frozen=True)
class BrokerageResult:
    """Gould–Fernandez brokerage of every person with a known group.

    Attributes
    ----------
    by : str
        The attribute that defines the groups.
    directed : bool
        False when each undirected tie was counted as two arcs.
    people : DataFrame
        Indexed by person id: ``group``, the five role counts and ``total``, then
        ``expected_<role>``, ``sd_<role>`` and ``z_<role>`` for each role and the total.
    groups : DataFrame
        Per group (``group``, ``size``): expected count and sd of each role for one member.
    network : DataFrame
        Whole-network totals per role (``role``, its ``sna`` name, ``observed, expected, sd, z``).
    missing : int
        People left out because their value of ``by`` is missing.
    """

    by: str
    directed: bool
    people: pd.DataFrame
    groups: pd.DataFrame
    network: pd.DataFrame
    missing: int
    convention: str = CONVENTION

    def to_dict(self) -> dict:
        people = self.people.reset_index(names="id")
        return {"by": self.by, "directed": self.directed, "convention": self.convention,
                "missing": self.missing,
                "network": self.network.to_dict("records"),
                "groups": self.groups.to_dict("records"),
                "people": records(people)}


# ---- Gould–Fernandez ------------------------------------------------------------------------------

def _two_paths(a: sparse.csr_array, group: np.ndarray) -> dict[str, np.ndarray]:
    """Open two-paths ``i -> b -> j`` (``i != j``, no arc ``i -> j``) per broker ``b`` and role."""
    a = (a != 0).astype(float).tocsr()
    n = a.shape[0]
    k = int(group.max()) + 1 if n else 0
    member = sparse.csr_array((np.ones(n), (np.arange(n), group)), shape=(n, k))
    coo = a.tocoo()
    same = group[coo.row] == group[coo.col]
    within = sparse.coo_array((coo.data[same], (coo.row[same], coo.col[same])), shape=a.shape).tocsr()
    at = a.T.tocsr()
    in_g = (at @ member).tocsr()  # in-neighbours of b per group (sparse: there may be many groups)
    out_g = (a @ member).tocsr()
    rows = np.arange(n)
    indeg, outdeg = np.asarray(in_g.sum(axis=1)).ravel(), np.asarray(out_g.sum(axis=1)).ravel()
    in_same, out_same = np.asarray(in_g[rows, group]).ravel(), np.asarray(out_g[rows, group]).ravel()
    mutual = a.multiply(at)
    r_all = np.asarray(mutual.sum(axis=1)).ravel()                     # a -> b -> a
    r_same = np.asarray(mutual.multiply(within).sum(axis=1)).ravel()   # ... with a in b's group
    closed = _closed_two_paths(a, group)
    # every two-path, minus the a == c ones, minus the closed ones (arc a -> c present)
    total = indeg * outdeg - r_all - closed["all"]
    same_ends = np.asarray(in_g.multiply(out_g).sum(axis=1)).ravel() - r_all - closed["ac"]
    from_own = in_same * outdeg - r_same - closed["ab"]
    to_own = indeg * out_same - r_same - closed["bc"]
    coordinator = in_same * out_same - r_same - closed["abc"]
    itinerant = same_ends - coordinator
    representative = from_own - coordinator
    gatekeeper = to_own - coordinator
    liaison = total - coordinator - itinerant - representative - gatekeeper
    counts = dict(zip(ROLES, (coordinator, itinerant, representative, gatekeeper, liaison), strict=True))
    counts["total"] = total
    return {role: np.rint(c).astype(np.int64) for role, c in counts.items()}


def _closed_two_paths(a: sparse.csr_array, group: np.ndarray) -> dict[str, np.ndarray]:
    """Per broker ``b``: two-paths ``x -> b -> y`` closed by an arc ``x -> y``, in total and by group pattern.

    A closed two-path is a triangle of the underlying contact graph with the right arcs, so the
    triangles are enumerated once and each of their six orderings is checked.
    """
    n = a.shape[0]
    coo = (a + a.T).tocoo()
    order = np.lexsort((coo.col, coo.row))
    arcs = a.tocoo()
    arc_keys = np.sort(pair_keys(arcs.row, arcs.col, n, directed=True))
    out = {k: np.zeros(n) for k in ("all", "ac", "ab", "bc", "abc")}

    def arc(x, y):
        return lookup(arc_keys, pair_keys(x, y, n, directed=True))[1]

    for tri in triangles(n, coo.row[order].astype(np.int64), coo.col[order].astype(np.int64)):
        has = {(p, q): arc(tri[p], tri[q]) for p in range(3) for q in range(3) if p != q}  # each arc looked up once
        for p, q, r in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            x, b, y = tri[p], tri[q], tri[r]
            ok = has[p, q] & has[q, r] & has[p, r]
            gx, gb, gy = group[x], group[b], group[y]
            for key, cond in (("all", ok), ("ac", ok & (gx == gy)), ("ab", ok & (gx == gb)),
                              ("bc", ok & (gb == gy)), ("abc", ok & (gx == gb) & (gb == gy))):
                out[key] += np.bincount(b, weights=cond, minlength=n)
    return out



def _expected(n_g: np.ndarray, big_n: float, d: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Expected values and variances per group member and for the whole network, as in sna."""
    n = n_g.astype(float)
    p = d * d * (1 - d)
    q3 = d ** 3 * (1 - d) ** 3
    k = len(n)
    exp_g, var_g = np.zeros((k, 6)), np.zeros((k, 6))
    for i in range(k):
        o = np.delete(n, i)
        ni = n[i]
        exp_g[i, 0] = p * (ni - 1) * (ni - 2)
        var_g[i, 0] = exp_g[i, 0] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q3
        exp_g[i, 1] = p * np.sum(o * (o - 1))
        var_g[i, 1] = exp_g[i, 1] * (1 - p) + 2 * np.sum(o * (o - 1) * (o - 2)) * q3
        exp_g[i, 2] = p * (big_n - ni) * (ni - 1)
        var_g[i, 2] = exp_g[i, 2] * (1 - p) + 2 * ((ni - 1) * _choose2(big_n - ni)
                                                   + (big_n - ni) * _choose2(ni - 1)) * q3
        exp_g[i, 3], var_g[i, 3] = exp_g[i, 2], var_g[i, 2]
        exp_g[i, 4] = p * (np.sum(np.outer(o, o)) - np.sum(o * o))
        var_g[i, 4] = exp_g[i, 4] * (1 - p) + 4 * np.sum(o * _choose2(big_n - o - ni) * q3)
        exp_g[i, 5] = p * (big_n - 1) * (big_n - 2)
        var_g[i, 5] = exp_g[i, 5] * (1 - p) + 2 * (big_n - 1) * (big_n - 2) * (big_n - 3) * q3
    q4, q5 = d ** 4 * (1 - d) ** 2, d ** 5 * (1 - d)
    nn = big_n
    exp_t, var_t = np.zeros(6), np.zeros(6)
    exp_t[0] = p * np.sum(n * (n - 1) * (n - 2))
    var_t[0] = exp_t[0] * (1 - p) + np.sum(n * (n - 1) * (n - 2) * ((4 * n - 10) * q3 - 4 * (n - 3) * q4
                                                                   + (n - 3) * q5))
    x, y = np.meshgrid(n, n, indexing="ij")
    exp_t[1] = p * np.sum(n * (nn - n) * (n - 1))
    var_t[1] = exp_t[1] * (1 - p) + (np.sum(x * y * (x - 1) * ((2 * x + 2 * y - 6) * q3 + (nn - x - 1) * q5))
                                     - np.sum(n * n * (n - 1) * ((4 * n - 6) * q3 + (nn - n - 1) * q5)))
    exp_t[2] = p * np.sum(n * (nn - n) * (n - 1))
    var_t[2] = exp_t[2] * (1 - p) + np.sum(n * (nn - n) * (n - 1) * ((nn - 3) * q3 + (n - 2) * q5))
    exp_t[3], var_t[3] = exp_t[2], var_t[2]
    exp_t[4] = p * (np.sum(x * y * (nn - x - y)) - np.sum(n * n * (nn - 2 * n)))
    var_t[4] = exp_t[4] * (1 - p)
    ii, jj, kk = np.meshgrid(np.arange(k), np.arange(k), np.arange(k), indexing="ij")
    distinct = (ii != jj) & (jj != kk) & (ii != kk)
    a_, b_, c_ = n[ii[distinct]], n[jj[distinct]], n[kk[distinct]]
    var_t[4] += np.sum(a_ * b_ * c_ * ((4 * (nn - b_) - 2 * (a_ + c_ + 1)) * q3
                                       - (4 * (nn - c_) - 2 * (a_ + b_ + 1)) * q4
                                       + (nn - (a_ + c_ + 1)) * q5))
    exp_t[5] = p * nn * (nn - 1) * (nn - 2)
    var_t[5] = exp_t[5] * (1 - p) + nn * (nn - 1) * (nn - 2) * ((4 * nn - 10) * q3 - 4 * (nn - 3) * q4
                                                                 + (nn - 3) * q5)
    return exp_g, var_g, exp_t, var_t


def _choose2(x):
    return x * (x - 1) / 2


def _z(observed, expected, sd):
    with np.errstate(divide="ignore", invalid="ignore"):
        z = (np.asarray(observed, float) - expected) / sd
    return np.where(sd > 0, z, np.nan)


def _groups(people: pd.DataFrame, by: str) -> tuple[np.ndarray, pd.Series]:
    check_attribute(people.columns, by)
    values = people[by]
    return values.notna().to_numpy(), values


def gould_fernandez(dataset: Dataset, *, by: str = "domain", tie_table: pd.DataFrame | None = None) -> BrokerageResult:
    """Gould–Fernandez brokerage roles per person, with sna's expected values and z-scores.

    Parameters
    ----------
    dataset : Dataset
        Its ties are arcs when ``dataset.directed``; otherwise each tie counts as an arc in both directions.
    by : str
        Person attribute that defines the groups (``domain``, ``profession``, ``organisation`` ...).
    tie_table : DataFrame, optional
        The tie table (:func:`collabgraph.graph.ties`), if already computed. Weights are ignored.

    Returns
    -------
    BrokerageResult
        People with a missing ``by`` value are left out of the graph (their ties too) and counted in
        ``missing``; ``N`` and the density of the null model refer to the people kept.

    Notes
    -----
    Roles and the convention are described in the module docstring: we follow R ``sna::brokerage``
    (Butts 2008), whose gatekeeper is ``A -> B -> B``. Two-paths are counted per broker from the
    sparse adjacency matrix: all in-neighbour × out-neighbour pairs by group, minus the pairs with
    ``a == c`` (reciprocated arcs) and minus the closed ones (evaluated only at existing arcs).

    References
    ----------
    Gould & Fernandez (1989); Butts (2008), ``sna::brokerage``.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "domain": ["zorg", "welzijn", "welzijn"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}),
    ...                  directed=True)
    >>> r = gould_fernandez(ds, by="domain")
    >>> r.people.loc["b", ["gatekeeper", "representative", "total"]].tolist()
    [1, 0, 1]
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    people, directed = dataset.people, dataset.directed
    known, values = _groups(people, by)
    keep = np.flatnonzero(known)
    labels, names = pd.factorize(values.iloc[keep], sort=True)
    n = len(keep)
    position = np.full(len(people), -1)
    position[keep] = np.arange(n)
    t = tie_table[known[tie_table["u"].to_numpy()] & known[tie_table["v"].to_numpy()]]
    t = pd.DataFrame({"u": position[t["u"].to_numpy()], "v": position[t["v"].to_numpy()]})
    a = arc_matrix(t, n, directed=directed)
    counts = _two_paths(a, labels) if n else {r: np.zeros(0, np.int64) for r in (*ROLES, "total")}
    sizes = np.bincount(labels, minlength=len(names)) if n else np.zeros(0, int)
    d = a.nnz / (n * (n - 1)) if n > 1 else 0.0
    exp_g, var_g, exp_t, var_t = _expected(sizes, float(n), d)
    sd_g, sd_t = np.sqrt(var_g), np.sqrt(var_t)
    cols = [*ROLES, "total"]
    frame = pd.DataFrame({"group": pd.array(np.asarray(names, dtype=object)[labels], dtype="string"),
                          **{r: counts[r] for r in cols}},
                         index=people.index[keep])
    for j, r in enumerate(cols):
        frame[f"expected_{r}"] = exp_g[labels, j]
        frame[f"sd_{r}"] = sd_g[labels, j]
        frame[f"z_{r}"] = _z(frame[r].to_numpy(), exp_g[labels, j], sd_g[labels, j])
    groups = pd.DataFrame({"group": np.asarray(names, dtype=object), "size": sizes,
                           **{f"expected_{r}": exp_g[:, j] for j, r in enumerate(cols)},
                           **{f"sd_{r}": sd_g[:, j] for j, r in enumerate(cols)}})
    observed = np.array([counts[r].sum() for r in cols])
    network = pd.DataFrame({"role": cols, "sna": [SNA_NAMES[r] for r in cols], "observed": observed,
                            "expected": exp_t, "sd": sd_t, "z": _z(observed, exp_t, sd_t)})
    return BrokerageResult(by=by, directed=directed, people=frame, groups=groups, network=network,
                           missing=int((~known).sum()))


# ---- everything for one attribute ---------------------------------------------------------------

@dataclass(frozen=True)
class BrokersResult:
    """Brokerage roles, structural holes, betweenness and dependency (the ``brokers`` command).

    ``people`` is indexed by person id with ``group``, the five Gould–Fernandez roles and ``total``
    (missing for people without a group), ``constraint``, ``effective_size``, ``hierarchy`` and
    ``betweenness``; ``roles`` is the full :class:`BrokerageResult`; ``dependency`` comes from
    :func:`dependency` (None when :func:`brokers` was asked for no ``key_people``; then
    :meth:`dependency_counts` is None too and :meth:`to_dict` writes ``null`` for both); ``coordinator_roles`` are
    the role values in the data that were treated as coordinator there.
    """

    by: str
    directed: bool
    weighted: bool
    pivots: int | None
    people: pd.DataFrame
    roles: BrokerageResult
    dependency: pd.DataFrame | None
    coordinator_roles: list = field(default_factory=list)

    def dependency_counts(self) -> dict | None:
        """The dependency headline of the key people (:func:`~collabgraph.metrics.centrality.dependency_counts`);
        None when no key people were tested (``brokers(..., key_people=False)``)."""
        return None if self.dependency is None else dependency_counts(self.dependency)

    def to_dict(self) -> dict:
        people = self.people.reset_index(names="id")
        return {"by": self.by, "convention": CONVENTION, "directed": self.directed,
                "weighted": self.weighted, "betweenness_pivots": self.pivots,
                "missing": self.roles.missing,
                "people": records(people),
                "network": self.roles.network.to_dict("records"),
                "groups": self.roles.groups.to_dict("records"),
                "dependency": None if self.dependency is None else self.dependency.to_dict("records"),
                "dependency_counts": self.dependency_counts(), "coordinator_roles": list(self.coordinator_roles)}


@validate_params({"weighted": [bool], "key_people": [bool]})
def brokers(dataset: Dataset, *, by: str = "domain", weighted: bool = False, k: int | None = None, seed: int = 0,
            top: int = 3, tie_table: pd.DataFrame | None = None,
            centrality: pd.Series | None = None, coordinator_roles: Sequence[str] | None = None,
            key_people: bool = True) -> BrokersResult:
    """Every brokerage measure of every person, for groups defined by ``by``.

    Parameters
    ----------
    dataset : Dataset
    by : str
        Person attribute for the Gould–Fernandez groups.
    weighted : bool
        Weighted constraint, effective size and hierarchy (tie weights as strengths).
    k : int, optional
        Estimate betweenness from ``k`` pivots (see :func:`betweenness`); exact when None.
    seed : int
        Seed of the pivot draw.
    top : int
        Top brokers per learning network in :func:`dependency`.
    tie_table : DataFrame, optional
    centrality : Series, optional
        :func:`betweenness` of everyone with this ``k`` and ``seed`` if already computed
        (:func:`collabgraph.analysis.analyze` computes it in a second process); else computed here.
    coordinator_roles : sequence of str, optional
        Role values that mean coordinator in :func:`dependency` (default: the built-in list).
    key_people : bool
        Test the key people (:func:`dependency`); False leaves ``dependency`` None (an export, which writes
        no key people, skips the betweenness per learning network).

    Returns
    -------
    BrokersResult

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "domain": ["zorg", "welzijn", "welzijn"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> b = brokers(ds, by="domain").people.loc["b"]
    >>> b["group"], int(b["gatekeeper"]), int(b["representative"]), float(b["betweenness"])
    ('welzijn', 1, 1, 1.0)
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    roles = gould_fernandez(dataset, by=by, tie_table=tie_table)
    cols = ["group", *ROLES, "total"]
    frame = roles.people[cols].reindex(dataset.people.index)
    frame[[*ROLES, "total"]] = frame[[*ROLES, "total"]].astype("Int64")
    holes = structural_holes(dataset, tie_table=tie_table, weighted=weighted)
    frame = frame.join(holes[["constraint", "effective_size", "hierarchy"]])
    if centrality is None:
        centrality = betweenness(dataset, tie_table=tie_table, k=k, seed=seed)
    frame["betweenness"] = centrality.to_numpy(float)
    people = dataset.people
    matched = coordinators(people["role"], coordinator_roles, dataset.role_map)[1] if "role" in people else []
    return BrokersResult(by=by, directed=dataset.directed, weighted=weighted, pivots=k, people=frame,
                         roles=roles, coordinator_roles=matched,
                         dependency=dependency(dataset, top=top, tie_table=tie_table,
                                               coordinator_roles=coordinator_roles) if key_people else None)

