"""Mixing by a person attribute: mixing matrix, E-I index, assortativity and Blau diversity.

Every metric takes the dataset first and groups people by one column ``by`` (domain, profession,
organisation, role, or a free column); ``tie_table=`` reuses a tie table already built
(:func:`collabgraph.graph.ties`). :func:`ei_index_from_ties` and :func:`blau_index_from_ties`
(``tie_table, people, *, ...``) are the building blocks for bare tables (a window, a subset of
people, the group graph of :mod:`collabgraph.metrics.levels`): the tie table's ``u``/``v`` are row
positions in ``people``. People whose value is missing are left out, with every tie they have,
and counted in ``missing``; they are never silently dropped. Everything is vectorised on the
integer arrays of the tie table.

Definitions
-----------
internal, external
    A tie is *internal* when both people are in the same group and *external* otherwise; weighted
    variants sum the ties' ``weight`` instead of counting ties (Krackhardt & Stern 1988).
E-I index
    ``(E - I) / (E + I)``: -1 when every tie stays inside a group, +1 when every tie crosses a
    boundary. The share of ties that cross is ``E / (E + I) = (1 + E-I) / 2``.
expected E-I
    The E-I of random mixing given the group sizes, as UCINET's E-I Index routine reports it (its
    "Expected E-I Index", computed from the "Max possible internal" and "external" ties): with
    ``n_k`` people in group ``k`` and ``N`` people with a value, the share of internal pairs is
    ``s = sum_k n_k (n_k - 1) / (N (N - 1))`` (ordered pairs when directed, which gives the same
    ratio) and the expected E-I is ``1 - 2 s``. It is also the mean of the permutation null below,
    weighted or not: a random relabelling puts any two people in the same group with probability
    ``s``.
permutation test
    The attribute is shuffled over the people with a value (group sizes kept, ties kept) and the
    E-I recounted; the two-sided p-value is ``(1 + #{|EI* - expected| >= |EI - expected|}) / (1 + R)``
    over ``R`` permutations (Phipson & Smyth 2010: never 0).
group E-I
    Convention: a tie *within* group ``k`` is counted once, as internal to ``k``; a tie *between*
    ``k`` and ``l`` is counted as external for both ``k`` and ``l``. So a group's ``external`` is
    the number of ties with exactly one end in it, and ``internal + external`` the ties that touch
    it (the same convention as the learning networks' openness in
    :mod:`collabgraph.metrics.pollination`). UCINET's row-sum convention, which counts a within-group
    tie once per member end, gives the same external count and twice the internal count when
    undirected.
person E-I
    Each person's ties to the same group (internal) and to other groups (external); with directed
    data both the arcs they send and those they receive count.
mixing matrix
    Groups x groups, labels sorted. Directed: cell ``(a, b)`` counts arcs from ``a`` to ``b``.
    Undirected: symmetric, cell ``(a, b)`` the ties between ``a`` and ``b`` and the diagonal the
    ties within a group, so each tie is in the upper triangle once.
assortativity
    Newman's (2003) nominal ``r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i)`` on the
    normalised mixing matrix ``e`` (undirected ties counted once each way), the same as
    ``networkx.attribute_assortativity_coefficient``; ``None`` (undefined) when only one group
    has ties or there are no ties.
Blau index
    ``1 - sum_k p_k^2`` over the groups of a person's distinct contacts (Blau 1977): 0 when all
    contacts are in one group, towards 1 when they spread over many.

References
----------
Krackhardt, D. & Stern, R. N. (1988). Informal networks and organizational crises: an experimental
simulation. *Social Psychology Quarterly* 51(2): 123–140.
Newman, M. E. J. (2003). Mixing patterns in networks. *Physical Review E* 67: 026126.
Blau, P. M. (1977). *Inequality and Heterogeneity: A Primitive Theory of Social Structure.* Free Press.
Borgatti, S. P., Everett, M. G. & Freeman, L. C. (2002). *UCINET for Windows: Software for Social
Network Analysis*, Network > Cohesion > E-I Index. Analytic Technologies.
Phipson, B. & Smyth, G. K. (2010). Permutation p-values should never be zero. *Statistical
Applications in Genetics and Molecular Biology* 9(1): 39.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from collabgraph.graph import ties as make_ties
from collabgraph.groups import group_codes
from collabgraph.params import Interval, validate_params
from collabgraph.serialize import records
from collabgraph.tietable import pair_ends, pair_keys, sorted_unique, tie_weights, unique_counts

#: Above this many groups :func:`ei_index` leaves the ``k x k`` mixing matrix empty (everything else,
#: including assortativity, is computed from per-group sums); :func:`mixing_matrix` always builds it.
MIXING_LIMIT = 1_000

__all__ = ["MIXING_LIMIT", "EIResult", "assortativity", "blau_index", "blau_index_from_ties", "ei_index",
           "ei_index_from_ties", "mixing_matrix", "with_network"]


def with_network(people: pd.DataFrame, memberships: pd.DataFrame) -> pd.DataFrame:
    """``people`` with a ``network`` column: the learning network of people who are in exactly one.

    People in no network or in several have ``<NA>``, so mixing by ``network`` leaves them out and
    counts them in ``missing`` (the openness of networks whose members overlap is in
    :mod:`collabgraph.metrics.pollination`). A ``network`` column already in ``people`` is kept.

    Examples
    --------
    >>> people = pd.DataFrame(index=pd.Index(["a", "b", "c"], name="id"))
    >>> memberships = pd.DataFrame({"person": ["a", "b", "b"], "network": ["n1", "n1", "n2"]})
    >>> with_network(people, memberships)["network"].tolist()
    ['n1', <NA>, <NA>]
    """
    if "network" in people.columns:
        return people
    m = memberships[["person", "network"]].drop_duplicates()
    single = m[~m["person"].duplicated(keep=False)].set_index("person")["network"]
    return people.assign(network=pd.array(single.reindex(people.index).to_numpy(object), dtype="string"))


def _known_ties(ties: pd.DataFrame, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group codes of both ends and the weight of the ties whose two people have a value."""
    cu = codes[ties["u"].to_numpy(np.int64)]
    cv = codes[ties["v"].to_numpy(np.int64)]
    keep = (cu >= 0) & (cv >= 0)
    return cu[keep], cv[keep], tie_weights(ties)[keep]


def _counts(cu, cv, w, k: int, weighted: bool) -> np.ndarray:
    """``k x k`` arcs (or weights) from group ``a`` to group ``b``, as the tie table has them."""
    return np.bincount(cu * k + cv, weights=w if weighted else None, minlength=k * k).reshape(k, k).astype(float)


@validate_params({"weighted": [bool]})
def mixing_matrix(dataset, *, by: str = "domain", tie_table: pd.DataFrame | None = None,
                  weighted: bool = False) -> pd.DataFrame:
    """Ties (or summed weights) between every pair of groups.

    Parameters
    ----------
    dataset : Dataset
    by : str
        The attribute that defines the groups.
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    weighted : bool
        Sum ``weight`` instead of counting ties.

    Returns
    -------
    DataFrame
        Groups x groups, sorted labels; people with a missing value are left out. Directed data:
        rows send, columns receive. Undirected: symmetric, each tie once in the upper triangle (the
        diagonal holds the ties within a group).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "domain": ["zorg", "zorg", "welzijn"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]}))
    >>> mixing_matrix(ds).values.tolist()
    [[0, 1], [1, 1]]
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    people = dataset.people
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    directed = dataset.directed
    codes, labels = group_codes(people, by)
    k = len(labels)
    cnt = _counts(*_known_ties(tie_table, codes), k, weighted)
    if not directed:
        cnt = cnt + cnt.T - np.diag(np.diag(cnt))
    if not weighted:
        cnt = cnt.astype(np.int64)
    return pd.DataFrame(cnt, index=pd.Index(labels, name=by), columns=pd.Index(labels, name=by))


def _group_sums(cu, cv, w, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per group: arcs (or weights) sent, received and within (the mixing matrix's row sums, column
    sums and diagonal), without the ``k x k`` matrix (15,000 organisations would need 1.8 GB)."""
    same = cu == cv
    return (np.bincount(cu, weights=w, minlength=k), np.bincount(cv, weights=w, minlength=k),
            np.bincount(cu[same], weights=None if w is None else w[same], minlength=k))


def _newman_r(sent: np.ndarray, received: np.ndarray, within: np.ndarray, directed: bool) -> float | None:
    """Newman's nominal assortativity from the groups' row sums, column sums and diagonal of the arc
    counts (None when undefined): ``sum_i e_ii`` and ``sum_i a_i b_i`` need nothing else."""
    total = float(sent.sum())
    if total <= 0:
        return None
    a, b = (sent / total, received / total) if directed else ((sent + received) / (2 * total),) * 2
    ab = float(a @ b)
    if 1 - ab <= 1e-12:
        return None
    return float((within.sum() / total - ab) / (1 - ab))


@validate_params({"weighted": [bool]})
def assortativity(dataset, *, by: str = "domain", tie_table: pd.DataFrame | None = None,
                  weighted: bool = False) -> float | None:
    """Newman's (2003) attribute assortativity ``r`` of a nominal attribute.

    Parameters
    ----------
    dataset, by, tie_table
        As in :func:`mixing_matrix`.
    weighted : bool
        Weight each tie by ``weight`` (as networkx's ``weight="weight"``).

    Returns
    -------
    float or None
        ``r`` in [-1, 1]; ``None`` ("undefined") when only one group has ties or there are none.

    Notes
    -----
    ``r = (sum_i e_ii - sum_i a_i b_i) / (1 - sum_i a_i b_i)`` with ``e`` the mixing matrix
    normalised to sum 1 (undirected ties counted once each way) and ``a``/``b`` its row/column sums.
    Equal to ``networkx.attribute_assortativity_coefficient``, which returns NaN where we return None.

    References
    ----------
    Newman, M. E. J. (2003). Mixing patterns in networks. *Phys. Rev. E* 67: 026126, eq. (2).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a", "c"], "target": ["b", "d"]}))
    >>> assortativity(ds)
    1.0
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    people = dataset.people
    tie_table = make_ties(dataset) if tie_table is None else tie_table
    directed = dataset.directed
    codes, labels = group_codes(people, by)
    cu, cv, w = _known_ties(tie_table, codes)
    return _newman_r(*_group_sums(cu, cv, w if weighted else None, len(labels)), directed)


@dataclass(frozen=True)
class EIResult:
    """The E-I index of one attribute, with its expected value, permutation test and breakdowns.

    Attributes
    ----------
    by : str
    directed, weighted : bool
    ties : int
        Ties between two people with a value (the ones counted).
    internal, external : float
        Ties (or summed weights) within and between groups.
    ei_index : float or None
        ``(E - I) / (E + I)``; None without ties.
    ei_expected : float or None
        UCINET's expected E-I under random mixing given the group sizes; None with fewer than two
        people.
    ei_p_value : float or None
        Two-sided permutation p-value; None without permutations.
    assortativity : float or None
        Newman's r; None when undefined.
    missing : int
        People without a value, left out.
    ties_left_out : int
        Ties with at least one such person.
    permutations, seed : int
    groups : DataFrame
        ``group, size, internal, external, ei_index`` (the convention is in the module docstring).
    persons : DataFrame or None
        ``id, group, internal, external, ei_index, groups_reached, blau`` for every person with a
        value: the last two are :func:`blau_index`'s ``groups`` and ``blau`` of their contacts.
    mixing : DataFrame
        :func:`mixing_matrix` of the same ties; empty with more than :data:`MIXING_LIMIT` groups.
    """

    by: str
    directed: bool
    weighted: bool
    ties: int
    internal: float
    external: float
    ei_index: float | None
    ei_expected: float | None
    ei_p_value: float | None
    assortativity: float | None
    missing: int
    ties_left_out: int
    permutations: int
    seed: int
    groups: pd.DataFrame
    persons: pd.DataFrame | None
    mixing: pd.DataFrame

    @property
    def share_external(self) -> float | None:
        """Share of ties (or weight) that cross a group boundary."""
        total = self.internal + self.external
        return self.external / total if total else None

    @property
    def share_expected(self) -> float | None:
        """Share of ties that would cross a boundary under random mixing."""
        return None if self.ei_expected is None else (1 + self.ei_expected) / 2

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph metrics``: the issue's keys, then extras."""
        out = {
            "by": self.by, "directed": self.directed, "weighted": self.weighted, "ties": self.ties,
            "internal": self.internal, "external": self.external, "ei_index": self.ei_index,
            "ei_expected": self.ei_expected, "ei_p_value": self.ei_p_value,
            "assortativity": self.assortativity,
            "mixing": {str(a): {str(b): v for b, v in row.items()} for a, row in self.mixing.to_dict("index").items()},
            "groups": records(self.groups), "missing": self.missing,
            "share_external": self.share_external, "share_expected": self.share_expected,
            "ties_left_out": self.ties_left_out, "permutations": self.permutations, "seed": self.seed,
        }
        if self.persons is not None:
            out["persons"] = records(self.persons)
        return out


def _ei(external, internal):
    """E-I of arrays, NaN where there are no ties."""
    total = np.asarray(external + internal, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (external - internal) / total, np.nan)


def _permuted_internal(codes: np.ndarray, u: np.ndarray, v: np.ndarray, w, permutations: int,
                       seed: int) -> np.ndarray:
    """Internal ties (or weight) after shuffling ``codes`` over people, ``permutations`` times.

    Each permutation is one vectorised recount of ``codes[u] == codes[v]`` over all ties; the ties
    are sorted by ``u`` first and the codes held in the smallest integer type, so the gathers stay
    in cache (measured 2x faster than unsorted int64, and faster than batching permutations).
    """
    small = codes.astype(np.min_scalar_type(-max(int(codes.max(initial=0)), 1)))
    order = np.argsort(u, kind="stable")
    u, v = u[order], v[order]
    w = None if w is None else w[order]
    rng = np.random.default_rng(seed)
    out = np.empty(permutations)
    for i in range(permutations):
        perm = rng.permutation(small)
        same = perm[u] == perm[v]
        out[i] = np.count_nonzero(same) if w is None else np.dot(same, w)
    return out


@validate_params({"weighted": [bool], "persons": [bool]})
def ei_index(dataset, *, by: str = "domain", tie_table: pd.DataFrame | None = None, weighted: bool = False,
             permutations: int = 999, seed: int = 0, persons: bool = True) -> EIResult:
    """Krackhardt & Stern's E-I index for the network, each group and each person.

    Parameters
    ----------
    dataset : Dataset
        Its ``directed`` flag decides whether ties are arcs (changes the mixing matrix and
        assortativity, not the counts).
    by : str
        The attribute that defines the groups.
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    weighted : bool
        Sum ``weight`` instead of counting distinct ties.
    permutations : int
        Number of random relabellings for the two-sided p-value (0: no test; 999 by default, as
        ``collabgraph metrics`` and every other permutation test).
    seed : int
        Seed of the permutations; the same seed gives the same p-value.
    persons : bool
        Compute the per-person table with each person's Blau diversity (skip it for speed in time
        series).

    Returns
    -------
    EIResult

    Notes
    -----
    The definitions, the group convention and the permutation test are in the module docstring.
    ``ei_expected`` is what UCINET calls the "Expected E-I Index": ``1 - 2 s`` with
    ``s = sum_k n_k (n_k - 1) / (N (N - 1))``. The permutations shuffle the group-code array over
    people and recount ``codes[u] == codes[v]`` with numpy, so 1,000 permutations of a million ties
    take seconds; no graph is rebuilt.

    References
    ----------
    Krackhardt, D. & Stern, R. N. (1988). *Social Psychology Quarterly* 51(2): 123–140.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", None]})
    >>> inter = pd.DataFrame({"source": ["a", "a", "b", "c"], "target": ["b", "c", "c", "d"]})
    >>> r = ei_index(from_frames(people=people, interactions=inter))
    >>> r.internal, r.external, round(r.ei_index, 3), round(r.ei_expected, 3), r.missing
    (1, 2, 0.333, 0.333, 1)
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    return ei_index_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people, by=by,
                              directed=dataset.directed, weighted=weighted, permutations=permutations, seed=seed,
                              persons=persons)


@validate_params({"permutations": [Interval(int, 0, None)]})
def ei_index_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *, by: str = "domain", directed: bool = False,
                       weighted: bool = False, permutations: int = 0, seed: int = 0,
                       persons: bool = True) -> EIResult:
    """:func:`ei_index` of a bare tie table (``u``/``v`` are rows of ``people``; ``directed``: the ties are arcs).

    A building block (of :func:`ei_index` and the time series): ``permutations`` is 0 by default, no test, since
    a window's E-I is not tested; :func:`ei_index`, the public function, runs 999 by default.

    Examples
    --------
    >>> people = pd.DataFrame({"domain": ["zorg", "zorg", "welzijn", None]}, index=list("abcd"))
    >>> ties = pd.DataFrame({"u": [0, 0, 1, 2], "v": [1, 2, 2, 3], "weight": [1.0, 1.0, 1.0, 1.0]})
    >>> r = ei_index_from_ties(ties, people, by="domain")
    >>> r.internal, r.external, round(r.ei_index, 3)
    (1, 2, 0.333)
    """
    codes, labels = group_codes(people, by)
    k = len(labels)
    u_all, v_all = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    keep = (codes[u_all] >= 0) & (codes[v_all] >= 0)
    u, v = u_all[keep], v_all[keep]
    cu, cv = codes[u], codes[v]
    w = tie_weights(tie_table)[keep] if weighted else np.ones(len(u))
    same = cu == cv
    internal, external = float(w[same].sum()), float(w[~same].sum())

    known = codes >= 0
    sizes = np.bincount(codes[known], minlength=k)
    n = int(sizes.sum())
    s = float((sizes * (sizes - 1)).sum() / (n * (n - 1))) if n > 1 else None
    expected = None if s is None else 1 - 2 * s

    ei = float(_ei(external, internal)) if internal + external > 0 else None  # no tie, or weighted ties of 0
    p_value = None
    if permutations and ei is not None and expected is not None:
        pos = np.cumsum(known) - 1  # position of each person among those with a value
        perm_internal = _permuted_internal(codes[known], pos[u], pos[v], w if weighted else None,
                                           permutations, seed)
        total = internal + external
        null = (total - 2 * perm_internal) / total
        hits = np.abs(null - expected) >= abs(ei - expected) - 1e-12
        p_value = float((1 + hits.sum()) / (1 + permutations))

    sent, received, g_int = _group_sums(cu, cv, w, k)
    g_ext = sent + received - 2 * g_int
    counted = (lambda x: x) if weighted else (lambda x: x.astype(np.int64))  # unweighted: whole numbers
    groups = pd.DataFrame({"group": labels, "size": sizes, "internal": counted(g_int), "external": counted(g_ext),
                           "ei_index": _ei(g_ext, g_int)})
    person_table = None
    if persons:
        ends = np.concatenate([u, v])
        p_int = np.bincount(ends, weights=np.concatenate([w * same, w * same]), minlength=len(codes))
        p_ext = np.bincount(ends, weights=np.concatenate([w * ~same, w * ~same]), minlength=len(codes))
        blau = blau_index_from_ties(tie_table, people, by=by)[known]
        person_table = pd.DataFrame({"id": people.index[known].astype(str), "group": np.asarray(labels, object)[
            codes[known]], "internal": counted(p_int[known]), "external": counted(p_ext[known]),
            "ei_index": _ei(p_ext[known], p_int[known]), "groups_reached": blau["groups"].to_numpy(),
            "blau": blau["blau"].to_numpy()})
    if k <= MIXING_LIMIT:
        cnt = _counts(cu, cv, w, k, True)
        mixing = cnt if directed else cnt + cnt.T - np.diag(g_int)
        mixing = pd.DataFrame(mixing if weighted else mixing.astype(np.int64),
                              index=pd.Index(labels, name=by), columns=pd.Index(labels, name=by))
    else:
        mixing = pd.DataFrame(index=pd.Index([], name=by), columns=pd.Index([], name=by), dtype=float)
    return EIResult(
        by=by, directed=bool(directed), weighted=bool(weighted), ties=int(len(u)),
        internal=internal if weighted else int(internal), external=external if weighted else int(external),
        ei_index=ei, ei_expected=expected, ei_p_value=p_value,
        assortativity=_newman_r(sent, received, g_int, directed),
        missing=int((~known).sum()), ties_left_out=int((~keep).sum()),
        permutations=int(permutations), seed=int(seed),
        groups=groups, persons=person_table, mixing=mixing)


def blau_index(dataset, *, by: str = "domain", tie_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Blau's diversity of each person's contacts over the groups of ``by``.

    Parameters
    ----------
    dataset, by, tie_table
        As in :func:`mixing_matrix`. Direction is ignored: a contact is anyone a person sent a tie
        to or received one from, counted once.

    Returns
    -------
    DataFrame
        Indexed by person id: ``contacts`` (distinct contacts with a value), ``unknown`` (contacts
        without one, left out of the index), ``groups`` (distinct groups among contacts) and
        ``blau`` = ``1 - sum_k p_k^2`` with ``p_k`` the share of contacts in group ``k`` (NaN
        without contacts with a value). A person's own value does not matter.

    References
    ----------
    Blau, P. M. (1977). *Inequality and Heterogeneity.* Free Press. Agresti & Agresti (1978) call
    the same quantity the index of qualitative variation (unnormalised).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", None]})
    >>> ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"] * 3, "target": list("bcd")}))
    >>> blau_index(ds).loc["a"].tolist()
    [2.0, 1.0, 2.0, 0.5]
    """
    by = dataset.attribute(by)  # Domein, beroep: as the commands' --by
    return blau_index_from_ties(make_ties(dataset) if tie_table is None else tie_table, dataset.people, by=by)


def blau_index_from_ties(tie_table: pd.DataFrame, people: pd.DataFrame, *, by: str = "domain") -> pd.DataFrame:
    """:func:`blau_index` of a bare tie table (``u``/``v`` are rows of ``people``).

    Examples
    --------
    >>> people = pd.DataFrame({"d": ["x", "x", "y", None]}, index=list("abcd"))
    >>> ties = pd.DataFrame({"u": [0, 0, 0], "v": [1, 2, 3], "weight": [1.0, 1.0, 1.0]})
    >>> blau_index_from_ties(ties, people, by="d").loc["a"].tolist()
    [2.0, 1.0, 2.0, 0.5]
    >>> blau_index_from_ties(ties, people, by="d")["contacts"].tolist()
    [2, 1, 1, 1]
    """
    codes, labels = group_codes(people, by)
    n, k = len(codes), max(len(labels), 1)
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    a, b = np.concatenate([u, v]), np.concatenate([v, u])
    a, b = pair_ends(sorted_unique(pair_keys(a, b, n, directed=True)), n)  # each contact once, whichever way
    other = codes[b]
    unknown = np.bincount(a[other < 0], minlength=n)
    a, other = a[other >= 0], other[other >= 0]
    cells, counts = unique_counts(a * k + other)
    person = cells // k
    contacts = np.bincount(person, weights=counts, minlength=n).astype(np.int64)
    squares = np.bincount(person, weights=counts.astype(float) ** 2, minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        blau = np.where(contacts > 0, 1 - squares / contacts.astype(float) ** 2, np.nan)
    return pd.DataFrame({"contacts": contacts, "unknown": unknown,
                         "groups": np.bincount(person, minlength=n), "blau": blau},
                        index=pd.Index(people.index.astype(str), name="id"))
