"""Brokerage: Gould–Fernandez roles, Burt's structural holes, betweenness, and dependency on key people.

Gould–Fernandez roles
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

Structural holes (Burt 1992)
    With mutual tie strength ``a_ij + a_ji`` (1 per tie when unweighted), ``p_ij`` is ``i``'s
    proportional investment in ``j`` (mutual strength over ``i``'s total). Constraint
    ``C_i = sum_j c_ij`` with local constraint ``c_ij = (p_ij + sum_q p_iq p_qj)^2`` over ``i``'s
    contacts ``j`` (in- or out-neighbours); effective size ``sum_j (1 - sum_q p_iq m_jq)`` with
    ``m_jq`` the mutual strength of ``j`` and ``q`` over ``j``'s largest; hierarchy is the
    Coleman–Theil disorder of the local constraints,
    ``H_i = sum_j (c_ij / (C_i/N)) ln(c_ij / (C_i/N)) / (N ln N)`` with ``N`` contacts (Burt 1992,
    p. 71): 0 when every contact constrains equally, towards 1 when one contact holds all of it;
    undefined (``NaN``) for fewer than two contacts. All three are undefined for isolates.

Everything is computed from the tie table's integer arrays, never a dense matrix: all two-paths per
broker come from in- and out-neighbour counts by group; the closed ones, and the constraint and
redundancy sums, run over the triangles of the contact graph, enumerated once each with the degree
ordering of Chiba & Nishizeki (1985) in batches of bounded size, so hubs with tens of thousands of
contacts stay cheap.

References
----------
Gould, R. V. & Fernandez, R. M. (1989). Structures of mediation: a formal approach to brokerage in
transaction networks. *Sociological Methodology* 19: 89–126.
Butts, C. T. (2008). Social network analysis with sna. *Journal of Statistical Software* 24(6).
Burt, R. S. (1992). *Structural Holes: The Social Structure of Competition.* Harvard University Press.
Borgatti, S. P. (2006). Identifying sets of key players in a social network. *Computational and
Mathematical Organization Theory* 12: 21–34.
Brandes, U. (2001). A faster algorithm for betweenness centrality. *J. Math. Sociology* 25: 163–177.
Chiba, N. & Nishizeki, T. (1985). Arboricity and subgraph listing algorithms. *SIAM J. Computing* 14: 210–223.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import igraph as ig
import numpy as np
import pandas as pd
from scipy import sparse

from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.graph import igraph_of
from collabgraph.graph import ties as make_ties
from collabgraph.rolegroups import coordinators

__all__ = [
    "CONVENTION",
    "ROLES",
    "BrokerageResult",
    "BrokersResult",
    "betweenness",
    "brokers",
    "dependency",
    "fragmentation",
    "gould_fernandez",
    "structural_holes",
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

_WORK = 1 << 21  # wedges per batch when enumerating triangles: about 10 arrays of this length live at once


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
                "people": people.astype(object).where(people.notna(), None).to_dict("records")}


# ---- Gould–Fernandez ------------------------------------------------------------------------------

def _arcs(tie_table: pd.DataFrame, n: int, directed: bool, weighted: bool = False) -> sparse.csr_array:
    """Adjacency matrix of the arcs (both directions when undirected), loops dropped."""
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    w = tie_table["weight"].to_numpy(float) if weighted else np.ones(len(u))
    ok = u != v
    u, v, w = u[ok], v[ok], w[ok]
    if not directed:
        u, v, w = np.concatenate([u, v]), np.concatenate([v, u]), np.concatenate([w, w])
    a = sparse.coo_array((w, (u, v)), shape=(n, n)).tocsr()
    a.sum_duplicates()
    return a


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
    if by not in people.columns:
        raise ParameterError(f"Unknown attribute {by!r}; people have: {', '.join(map(str, people.columns))}.")
    values = people[by]
    return values.notna().to_numpy(), values


def gould_fernandez(tie_table: pd.DataFrame, people: pd.DataFrame, by: str, *,
                    directed: bool = False) -> BrokerageResult:
    """Gould–Fernandez brokerage roles per person, with sna's expected values and z-scores.

    Parameters
    ----------
    tie_table : DataFrame
        The tie table (:func:`collabgraph.graph.ties`); ``u, v`` index ``people``. Weights are ignored.
    people : DataFrame
        ``dataset.people``.
    by : str
        Person attribute that defines the groups (``domain``, ``profession``, ``organisation`` ...).
    directed : bool
        Whether ties are arcs; when False each tie counts as an arc in both directions.

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
    >>> t = pd.DataFrame({"u": [0, 1], "v": [1, 2], "weight": [1.0, 1.0]})
    >>> p = pd.DataFrame({"team": ["x", "y", "y"]}, index=pd.Index(["a", "b", "c"], name="id"))
    >>> r = gould_fernandez(t, p, "team", directed=True)
    >>> r.people.loc["b", ["gatekeeper", "representative", "total"]].tolist()
    [1, 0, 1]
    """
    known, values = _groups(people, by)
    keep = np.flatnonzero(known)
    labels, names = pd.factorize(values.iloc[keep], sort=True)
    n = len(keep)
    position = np.full(len(people), -1)
    position[keep] = np.arange(n)
    t = tie_table[known[tie_table["u"].to_numpy()] & known[tie_table["v"].to_numpy()]]
    t = pd.DataFrame({"u": position[t["u"].to_numpy()], "v": position[t["v"].to_numpy()]})
    a = _arcs(t, n, directed)
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


# ---- structural holes -----------------------------------------------------------------------------

def structural_holes(tie_table: pd.DataFrame, people: pd.DataFrame, *, weighted: bool = False) -> pd.DataFrame:
    """Burt's constraint, effective size and hierarchy of every person.

    Parameters
    ----------
    tie_table : DataFrame
        The tie table; for directed data ``a_ij`` is the arc ``i -> j``.
    people : DataFrame
        ``dataset.people`` (gives the index and the number of people).
    weighted : bool
        Use tie weights as strengths ``a_ij``; otherwise every tie counts 1.

    Returns
    -------
    DataFrame
        Indexed by person id: ``contacts`` (in- or out-neighbours), ``constraint``,
        ``effective_size`` and ``hierarchy``; ``NaN`` where undefined (isolates; hierarchy with fewer
        than two contacts).

    Notes
    -----
    Definitions in the module docstring. Constraint and effective size equal networkx's
    ``constraint`` and ``effective_size`` (and igraph's ``constraint``); hierarchy follows Burt
    (1992, p. 71) with natural logarithms, as UCINET reports it. Directed data uses the mutual
    strength ``a_ij + a_ji``, so a reciprocated tie counts double.

    References
    ----------
    Burt (1992), *Structural Holes*, ch. 2; Borgatti (1997), Structural holes: unpacking Burt's
    redundancy measures, *Connections* 20(1).

    Examples
    --------
    >>> t = pd.DataFrame({"u": [0, 0], "v": [1, 2], "weight": [1.0, 1.0]})
    >>> p = pd.DataFrame(index=pd.Index(["a", "b", "c"], name="id"))
    >>> structural_holes(t, p).round(3).loc["a"].tolist()
    [2.0, 0.5, 2.0, 0.0]
    """
    n = len(people)
    arcs = _arcs(tie_table, n, True, weighted=weighted)
    mutual = (arcs + arcs.T).tocsr()
    contact = (mutual != 0).astype(float).tocsr()
    strength = np.asarray(mutual.sum(axis=1)).ravel()
    top = mutual.max(axis=1).toarray().ravel() if n else np.zeros(0)  # scipy cannot reduce 0 rows
    with np.errstate(divide="ignore", invalid="ignore"):
        p = sparse.diags_array(np.where(strength > 0, 1 / strength, 0)) @ mutual
        m = sparse.diags_array(np.where(top > 0, 1 / top, 0)) @ mutual
    p, m = p.tocsr(), m.tocsr()
    coo = contact.tocoo()
    order = np.lexsort((coo.col, coo.row))
    i, j = coo.row[order].astype(np.int64), coo.col[order].astype(np.int64)
    p_ij, m_ij = np.asarray(p[i, j]).ravel(), np.asarray(m[i, j]).ravel()
    indirect, redundancy = _through_common_contacts(n, i, j, p_ij, m_ij)
    local = (p_ij + indirect) ** 2
    contacts = np.bincount(i, minlength=n)
    constraint = np.bincount(i, weights=local, minlength=n)
    effective = contacts - np.bincount(i, weights=redundancy, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = local / (constraint[i] / contacts[i])
        terms = np.where(ratio > 0, ratio * np.log(ratio), 0.0)
        hierarchy = np.bincount(i, weights=terms, minlength=n) / (contacts * np.log(contacts))
    none = contacts == 0
    return pd.DataFrame({"contacts": contacts,
                         "constraint": np.where(none, np.nan, constraint),
                         "effective_size": np.where(none, np.nan, effective),
                         "hierarchy": np.where(contacts < 2, np.nan, hierarchy)},
                        index=people.index)


def _triangles(n: int, i: np.ndarray, j: np.ndarray):
    """Every triangle of the undirected contact graph once, in wedge batches of bounded size.

    Edges are oriented from the lower to the higher (degree, id) rank, so each person's out-list is
    at most ``sqrt(2m)`` long and the wedges number ``O(m^1.5)`` (Chiba & Nishizeki 1985), also with hubs.
    """
    deg = np.bincount(i, minlength=n)
    rank = np.empty(n, np.int64)
    rank[np.lexsort((np.arange(n), deg))] = np.arange(n)
    up = rank[i] < rank[j]
    src, dst = i[up], j[up]
    o = np.lexsort((dst, src))
    src, dst = src[o], dst[o]
    keys = np.sort(np.minimum(i, j) * n + np.maximum(i, j))
    sizes = np.bincount(src, minlength=n)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    pos = np.arange(len(src)) - starts[src]
    partners = sizes[src] - pos - 1
    batches = np.cumsum(partners) // _WORK  # non-decreasing: each batch is a run of edges
    bounds = np.flatnonzero(np.diff(batches, prepend=-1, append=batches[-1] + 1 if len(batches) else 0))
    for start, stop in zip(bounds[:-1], bounds[1:], strict=True):
        edges = np.arange(start, stop)
        left = np.repeat(edges, partners[edges])
        offset = np.arange(len(left)) - np.repeat(np.cumsum(partners[edges]) - partners[edges], partners[edges])
        right = left + 1 + offset
        x, y = dst[left], dst[right]
        key = np.minimum(x, y) * n + np.maximum(x, y)
        found = np.searchsorted(keys, key)
        closed = found < len(keys)
        closed[closed] = keys[found[closed]] == key[closed]
        yield src[left][closed], x[closed], y[closed]


def _closed_two_paths(a: sparse.csr_array, group: np.ndarray) -> dict[str, np.ndarray]:
    """Per broker ``b``: two-paths ``x -> b -> y`` closed by an arc ``x -> y``, in total and by group pattern.

    A closed two-path is a triangle of the underlying contact graph with the right arcs, so the
    triangles are enumerated once and each of their six orderings is checked.
    """
    n = a.shape[0]
    coo = (a + a.T).tocoo()
    order = np.lexsort((coo.col, coo.row))
    arcs = a.tocoo()
    arc_keys = np.sort(arcs.row.astype(np.int64) * n + arcs.col)
    out = {k: np.zeros(n) for k in ("all", "ac", "ab", "bc", "abc")}

    def arc(x, y):
        key = x * n + y
        found = np.searchsorted(arc_keys, key)
        hit = found < len(arc_keys)
        hit[hit] = arc_keys[found[hit]] == key[hit]
        return hit

    for tri in _triangles(n, coo.row[order].astype(np.int64), coo.col[order].astype(np.int64)):
        has = {(p, q): arc(tri[p], tri[q]) for p in range(3) for q in range(3) if p != q}  # each arc looked up once
        for p, q, r in ((0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)):
            x, b, y = tri[p], tri[q], tri[r]
            ok = has[p, q] & has[q, r] & has[p, r]
            gx, gb, gy = group[x], group[b], group[y]
            for key, cond in (("all", ok), ("ac", ok & (gx == gy)), ("ab", ok & (gx == gb)),
                              ("bc", ok & (gb == gy)), ("abc", ok & (gx == gb) & (gb == gy))):
                out[key] += np.bincount(b, weights=cond, minlength=n)
    return out


def _through_common_contacts(n: int, i: np.ndarray, j: np.ndarray, p_ij: np.ndarray, m_ij: np.ndarray):
    """For every contact pair (``i, j`` sorted by ``i`` then ``j``): ``sum_q p_iq p_qj`` and ``sum_q p_iq m_jq``.

    Only common contacts ``q`` contribute, so both sums run over the triangles of the contact graph.
    """
    keys = i * n + j
    indirect, redundancy = np.zeros(len(i)), np.zeros(len(i))

    def at(a, b):
        return np.searchsorted(keys, a * n + b)

    for a, b, c in _triangles(n, i, j):
        pos = {(0, 1): at(a, b), (1, 0): at(b, a), (0, 2): at(a, c), (2, 0): at(c, a), (1, 2): at(b, c),
               (2, 1): at(c, b)}  # each directed pair of the triangle looked up once
        for x, y, q in ((0, 1, 2), (1, 0, 2), (0, 2, 1), (2, 0, 1), (1, 2, 0), (2, 1, 0)):
            xq, qy, yq, xy = pos[x, q], pos[q, y], pos[y, q], pos[x, y]
            indirect += np.bincount(xy, weights=p_ij[xq] * p_ij[qy], minlength=len(i))
            redundancy += np.bincount(xy, weights=p_ij[xq] * m_ij[yq], minlength=len(i))
    return indirect, redundancy


# ---- betweenness ----------------------------------------------------------------------------------

def betweenness(tie_table: pd.DataFrame, people: pd.DataFrame, *, directed: bool = False,
                k: int | None = None, seed: int = 0) -> pd.Series:
    """Shortest-path betweenness (unnormalised), exact or estimated from ``k`` random pivots.

    Parameters
    ----------
    tie_table, people : DataFrame
        The tie table and ``dataset.people``.
    directed : bool
        Follow arcs in their direction.
    k : int, optional
        Estimate from ``k`` source vertices drawn without replacement (seeded), scaled by
        ``n / k`` (Brandes & Pich 2007); exact when None or ``k >= n``.
    seed : int
        Seed of the pivot draw.

    Returns
    -------
    Series
        Betweenness per person id. Paths have length in steps (weights are tie strengths, not
        distances, so they are not used). Undirected pairs count once, as in UCINET and networkx's
        ``betweenness_centrality(normalized=False)``.

    References
    ----------
    Freeman (1977); Brandes (2001); Brandes & Pich (2007), Centrality estimation in large networks,
    *Int. J. Bifurcation and Chaos* 17(7).

    Examples
    --------
    >>> t = pd.DataFrame({"u": [0, 1], "v": [1, 2]})
    >>> betweenness(t, pd.DataFrame(index=pd.Index(["a", "b", "c"], name="id"))).tolist()
    [0.0, 1.0, 0.0]
    """
    n = len(people)
    if k is not None and k < 1:
        raise ParameterError(f"The number of pivots k must be at least 1; got {k}.")
    edges = np.column_stack([tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)])
    if not directed:  # one edge per pair, also when the tie table holds arcs both ways
        edges = np.unique(np.sort(edges, axis=1), axis=0)
    g = igraph_of(n, edges[:, 0], edges[:, 1], directed=directed)
    if k is None or k >= n:
        values = np.asarray(g.betweenness(directed=directed), float)
    else:
        pivots = np.sort(np.random.default_rng(seed).choice(n, size=k, replace=False))
        values = np.asarray(g.betweenness(directed=directed, sources=pivots.tolist(), targets=None), float)
        values *= n / k
    return pd.Series(values, index=people.index, name="betweenness")


# ---- dependency on key people ---------------------------------------------------------------------

def fragmentation(labels: np.ndarray) -> float:
    """Borgatti's fragmentation: the share of pairs that cannot reach each other.

    ``F = 1 - sum_k s_k (s_k - 1) / (n (n - 1))`` over components of sizes ``s_k``; 0 when everyone
    is connected, 1 when nobody is. Undefined (``NaN``) for fewer than two people.

    Parameters
    ----------
    labels : array of int
        Component label of each person.

    References
    ----------
    Borgatti, S. P. (2006). Identifying sets of key players in a social network. *Computational and
    Mathematical Organization Theory* 12: 21–34, eq. 4.

    Examples
    --------
    >>> fragmentation(np.array([0, 0, 1, 1]))
    0.6666666666666667
    """
    n = len(labels)
    if n < 2:
        return float("nan")
    s = np.bincount(labels).astype(float)
    return float(1 - np.sum(s * (s - 1)) / (n * (n - 1)))


def _components(g: ig.Graph) -> np.ndarray:
    """Weak component of every vertex, numbered in order of their lowest vertex (as scipy numbers them)."""
    return np.asarray(g.connected_components(mode="weak").membership, dtype=np.int64)


def _largest(labels: np.ndarray) -> int:
    return int(np.bincount(labels).max()) if len(labels) else 0


def _ties_within(groups: list, n: int, u: np.ndarray, v: np.ndarray) -> list[np.ndarray]:
    """Per group of people (sorted row positions), the positions of the ties with both ends in it, in order.

    One sparse pass over the tie table (ties x groups) instead of one full scan per group.
    """
    if not groups:
        return []
    sizes = [len(codes) for _, codes in groups]
    member = sparse.csr_array((np.ones(sum(sizes)), (np.concatenate([c for _, c in groups]),
                                                     np.repeat(np.arange(len(groups)), sizes))),
                              shape=(n, len(groups)))
    both = member[u].multiply(member[v]).tocoo()
    order = np.lexsort((both.row, both.col))
    tie, group = both.row[order], both.col[order]
    return np.split(tie, np.searchsorted(group, np.arange(1, len(groups))))


def dependency(dataset: Dataset, *, top: int = 3, tie_table: pd.DataFrame | None = None,
               coordinator_roles: Sequence[str] | None = None) -> pd.DataFrame:
    """How much each learning network depends on its coordinators and top brokers.

    For every learning network, the subgraph of its members (ties among them, from any context) is
    taken; its coordinators (people whose ``role`` is a coordinator label in any language, see
    :func:`collabgraph.rolegroups.coordinators`) and its ``top`` members by betweenness within
    that subgraph (betweenness > 0; ties broken by id) are removed one at a time.

    Parameters
    ----------
    dataset : Dataset
    top : int
        Number of top brokers per network.
    tie_table : DataFrame, optional
        The tie table, if already computed.
    coordinator_roles : sequence of str, optional
        The role values that mean coordinator; default the built-in Dutch/English list
        (coordinator, coördinator, netwerkcoördinator, projectleider, trekker, procesbegeleider ...).

    Returns
    -------
    DataFrame
        One row per (network, person): ``network, id, reason`` (``coordinator``, ``broker`` or
        both joined by ``;``), ``members``, ``betweenness`` (within the network),
        ``fragmentation_before`` and ``fragmentation_after`` (Borgatti 2006, over the members and
        over the members left), ``fragmentation_increase``, ``cut_off`` (members of the largest
        component who are no longer in the largest component once the person is gone, the person
        not counted) and ``cut_off_share`` (``cut_off`` over the other members).

    References
    ----------
    Borgatti (2006), key player problem 1 (fragmentation).

    Examples
    --------
    A star: without its centre the five members fall apart.

    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcde"), "networks": "n1",
    ...                        "role": ["Netwerkcoördinator", None, None, None, None]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"] * 4, "target": list("bcde")}))
    >>> dependency(ds)[["id", "reason", "fragmentation_after", "cut_off"]].values.tolist()
    [['a', 'coordinator;broker', 1.0, 3]]
    """
    if top < 0:
        raise ParameterError(f"top must be 0 or more; got {top}.")
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    people = dataset.people
    is_coord = coordinators(people["role"], coordinator_roles)[0] if "role" in people else np.zeros(len(people), bool)
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    m = m.assign(code=dataset.codes(m["person"]))
    m = m[m["code"] >= 0]
    u_all, v_all = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    groups = [(network, np.sort(group["code"].to_numpy())) for network, group in m.groupby("network", sort=True)]
    inside = _ties_within(groups, len(people), u_all, v_all)
    ids_all = people.index.to_numpy(dtype=object)
    rows = []
    for (network, codes), within in zip(groups, inside, strict=True):
        n = len(codes)
        u, v = np.searchsorted(codes, u_all[within]), np.searchsorted(codes, v_all[within])
        g = igraph_of(n, u, v, directed=dataset.directed)
        btw = np.asarray(g.betweenness(directed=dataset.directed), float)
        ids = ids_all[codes]
        order = sorted(range(n), key=lambda i: (-btw[i], ids[i]))
        brokers_ = {i for i in order[:top] if btw[i] > 0}
        coords = set(np.flatnonzero(is_coord[codes]).tolist())
        labels = _components(g)
        before, main = fragmentation(labels), _largest(labels)
        for i in sorted(brokers_ | coords, key=lambda i: ids[i]):
            rest = g.copy()
            rest.delete_vertices(i)
            after = _components(rest)
            in_main = labels[i] == np.argmax(np.bincount(labels))
            cut = max((main - 1 if in_main else main) - _largest(after), 0)
            reason = ";".join(r for r, flag in (("coordinator", i in coords), ("broker", i in brokers_)) if flag)
            frag_after = fragmentation(after)
            rows.append({"network": network, "id": ids[i], "reason": reason, "members": n,
                         "betweenness": float(btw[i]), "fragmentation_before": before,
                         "fragmentation_after": frag_after, "fragmentation_increase": frag_after - before,
                         "cut_off": int(cut), "cut_off_share": cut / (n - 1) if n > 1 else float("nan")})
    columns = ["network", "id", "reason", "members", "betweenness", "fragmentation_before",
               "fragmentation_after", "fragmentation_increase", "cut_off", "cut_off_share"]
    return pd.DataFrame(rows, columns=columns)


# ---- everything for one attribute ---------------------------------------------------------------

@dataclass(frozen=True)
class BrokersResult:
    """Brokerage roles, structural holes, betweenness and dependency (the ``brokers`` command).

    ``people`` is indexed by person id with ``group``, the five Gould–Fernandez roles and ``total``
    (missing for people without a group), ``constraint``, ``effective_size``, ``hierarchy`` and
    ``betweenness``; ``roles`` is the full :class:`BrokerageResult`; ``dependency`` comes from
    :func:`dependency`; ``coordinator_roles`` are the role values in the data that were treated as
    coordinator there.
    """

    by: str
    directed: bool
    weighted: bool
    pivots: int | None
    people: pd.DataFrame
    roles: BrokerageResult
    dependency: pd.DataFrame
    coordinator_roles: list = field(default_factory=list)

    def dependency_counts(self) -> dict:
        """The dependency headline: key people tested, those whose removal cuts someone off
        (``cut_off > 0``), and those whose removal raises fragmentation without cutting anyone off
        (e.g. only by splitting people already outside the largest group)."""
        d = self.dependency
        cutting = d["cut_off"] > 0
        return {"tested": len(d), "cutting_off": int(cutting.sum()),
                "fragmentation_only": int((~cutting & (d["fragmentation_increase"] > 1e-9)).sum())}

    def to_dict(self) -> dict:
        people = self.people.reset_index(names="id")
        return {"by": self.by, "convention": CONVENTION, "directed": self.directed,
                "weighted": self.weighted, "betweenness_pivots": self.pivots,
                "missing": self.roles.missing,
                "people": people.astype(object).where(people.notna(), None).to_dict("records"),
                "network": self.roles.network.to_dict("records"),
                "groups": self.roles.groups.to_dict("records"),
                "dependency": self.dependency.to_dict("records"),
                "dependency_counts": self.dependency_counts(), "coordinator_roles": list(self.coordinator_roles)}


def brokers(dataset: Dataset, by: str, *, weighted: bool = False, k: int | None = None, seed: int = 0,
            top: int = 3, tie_table: pd.DataFrame | None = None,
            centrality: pd.Series | None = None, coordinator_roles: Sequence[str] | None = None) -> BrokersResult:
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

    Returns
    -------
    BrokersResult

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "domain": ["zorg", "welzijn", "welzijn"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"]}))
    >>> b = brokers(ds, "domain").people.loc["b"]
    >>> b["group"], int(b["gatekeeper"]), int(b["representative"]), float(b["betweenness"])
    ('welzijn', 1, 1, 1.0)
    """
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    roles = gould_fernandez(tie_table, dataset.people, by, directed=dataset.directed)
    cols = ["group", *ROLES, "total"]
    frame = roles.people[cols].reindex(dataset.people.index)
    frame[[*ROLES, "total"]] = frame[[*ROLES, "total"]].astype("Int64")
    holes = structural_holes(tie_table, dataset.people, weighted=weighted)
    frame = frame.join(holes[["constraint", "effective_size", "hierarchy"]])
    if centrality is None:
        centrality = betweenness(tie_table, dataset.people, directed=dataset.directed, k=k, seed=seed)
    frame["betweenness"] = centrality.to_numpy(float)
    matched = coordinators(dataset.people["role"], coordinator_roles)[1] if "role" in dataset.people else []
    return BrokersResult(by=by, directed=dataset.directed, weighted=weighted, pivots=k, people=frame,
                         roles=roles, coordinator_roles=matched,
                         dependency=dependency(dataset, top=top, tie_table=tie_table,
                                               coordinator_roles=coordinator_roles))
