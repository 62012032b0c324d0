"""The tie table and the graphs built from it.

The **tie table** is the centre of collabgraph (DESIGN.md): one row per pair of people (ordered pair
when directed) with

``source, target``
    person ids; for undirected data ``source`` comes first in the people table;
``u, v``
    their integer positions in ``dataset.people`` (the vertex ids of :func:`to_igraph`);
``weight``
    summed interaction weights plus co-attendance weights (below);
``count``
    number of records: interactions plus shared events;
``interactions, events``
    the two parts of ``count``;
``first, last``
    first and last date the pair met (``NaT`` when undated);
``networks``
    the learning networks the pair met in, sorted and joined with ``;`` (``<NA>`` when none).

Co-attendance weight
--------------------
Two people who attend the same event with ``n`` attendees get ``1 / (n - 1)`` for that event
(Newman 2001, "Scientific collaboration networks. II", Phys. Rev. E 64, 016132): each attendee
spends one unit of attention spread over the ``n - 1`` others, so a 4-person case discussion adds
1/3 per pair and a 40-person plenary 1/39. Events with one attendee add nothing. With directed data
co-attendance adds an arc each way.

Ratings as weight
-----------------
With :meth:`Dataset.weighted_by` (``--weight-by trust``) a tie's ``weight`` is the **mean** of its ratings,
never their sum: records without the rating add nothing to it, and with survey waves only the ratings of
the latest wave in which the pair has one count (records without a wave come before the first wave). So
the whole-data tie table holds each pair's latest rating; a wave's window (:meth:`Dataset.windows` with
``freq="wave"``) holds the mean of that wave's ratings, and ties are compared across waves, never summed.
A pair with no rating at all (met only at events, as co-attendance has no rating, or only in records
without the rating) keeps its tie (``count``, dates, networks) with ``weight`` ``NaN``: weighted figures
leave it out (count it as 0). A rating of 0 is a tie of weight 0.

Everything is vectorised: pairs are integer keys aggregated with one group-by; co-attendance pairs
are generated with ``numpy.repeat`` per event, never in a Python loop over records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa

from collabgraph.dataset import Dataset
from collabgraph.groups import check_attribute
from collabgraph.kernels import group_date_range, group_sums, runs, stable_sort
from collabgraph.params import validate_params
from collabgraph.tietable import end_codes, pair_ends, pair_keys, sorted_unique, tie_weights

if TYPE_CHECKING:  # imported where used: a command that builds no graph object does not load them
    import igraph as ig
    import networkx as nx

__all__ = [
    "attribute_graph",
    "bipartite_graph",
    "coattendance_pairs",
    "network_graph",
    "network_lists",
    "network_pairs",
    "network_tie_pairs",
    "ties",
    "to_graph",
    "to_igraph",
]

TIE_COLUMNS = ["source", "target", "u", "v", "weight", "count", "interactions", "events",
               "first", "last", "networks"]


def coattendance_pairs(dataset: Dataset) -> pd.DataFrame:
    """Every pair of people at the same event, with Newman's ``1/(n-1)`` weight.

    Returns
    -------
    DataFrame
        ``u, v`` (person positions, ``u < v``), ``event``, ``date``, ``network``, ``weight``.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> pairs = coattendance_pairs(load_example())
    >>> bool((pairs["u"] < pairs["v"]).all())
    True
    """
    att = dataset.attendance
    codes = dataset.codes(att["person"])
    ev_codes, ev_ids = pd.factorize(att["event"], sort=True)
    order = np.lexsort((codes, ev_codes))
    ev_sorted, person_sorted = ev_codes[order], codes[order]
    sizes = np.bincount(ev_sorted, minlength=len(ev_ids)) if len(ev_ids) else np.zeros(0, int)
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]]) if len(sizes) else np.zeros(0, int)
    n = sizes[ev_sorted] if len(ev_sorted) else np.zeros(0, int)
    pos = np.arange(len(ev_sorted)) - starts[ev_sorted] if len(ev_sorted) else np.zeros(0, int)
    partners = n - pos - 1  # later attendees of the same event
    left = np.repeat(np.arange(len(ev_sorted)), partners)
    offset = np.arange(len(left)) - np.repeat(np.cumsum(partners) - partners, partners)
    right = left + 1 + offset
    ev = ev_sorted[left]
    events = dataset.events.reindex(pd.Index(ev_ids, dtype="string"))
    return pd.DataFrame({
        "u": person_sorted[left], "v": person_sorted[right],
        "event": _taken_text(pd.array(ev_ids), ev),
        "date": events["date"].to_numpy()[ev],
        "network": _taken_text(events["network"].array, ev),
        "weight": 1.0 / (sizes[ev] - 1) if len(ev) else np.zeros(0),
    })


def _taken_text(values: pd.api.extensions.ExtensionArray, rows: np.ndarray):
    """``values[rows]`` as the ``str`` column pandas infers from the objects, taken as Arrow strings (5x faster);
    as objects when no value is present (pandas then keeps them as objects)."""
    out = values.astype("str").take(rows)
    return out if (~out.isna()).any() else np.asarray(values, dtype=object)[rows]


@validate_params({"interactions": [bool], "attendance": [bool]})
def ties(dataset: Dataset, *, interactions: bool = True, attendance: bool = True) -> pd.DataFrame:
    """Aggregate interactions and co-attendance into one row per pair.

    Parameters
    ----------
    dataset : Dataset
    interactions, attendance : bool
        Which records make ties (both by default).

    Returns
    -------
    DataFrame
        The tie table described in the module docstring, sorted by ``u, v``.

    Examples
    --------
    >>> import pandas as pd
    >>> from collabgraph.io.validate import validate
    >>> from collabgraph.io.read import RawDataset, RawTable
    >>> import numpy as np
    >>> f = pd.DataFrame({"source": ["a", "b", "a"], "target": ["b", "a", "c"], "weight": ["1", "2", "1"]})
    >>> ds = validate(RawDataset({"interactions": RawTable("interactions", "x.csv", f, np.arange(2, 5), 3)}, "x"))
    >>> ties(ds)[["source", "target", "weight", "count"]].values.tolist()
    [['a', 'b', 3.0, 2], ['a', 'c', 1.0, 1]]

    With a rating as weight, the mean of the pair's ratings (module docstring):

    >>> f = f.assign(trust=["4", "", "0"])
    >>> rated = validate(RawDataset({"interactions": RawTable("interactions", "x.csv", f, np.arange(2, 5), 3)}, "x"))
    >>> ties(rated.weighted_by("trust"))["weight"].tolist()
    [4.0, 0.0]
    """
    parts = []  # per record: pair key, weight, date, network code; interactions first
    rating = dataset.weight_by
    waves = []  # per record with a rating as weight: its wave's position (-1: none)
    n = len(dataset.people)
    use_inter = interactions and len(dataset.interactions)
    co = coattendance_pairs(dataset) if attendance and len(dataset.attendance) else None
    co = co if co is not None and len(co) else None  # events of one attendee make no pair
    names = _network_names(dataset.interactions["network"] if use_inter else None,
                           co["network"] if co is not None else None)
    if use_inter:
        rec = dataset.interactions
        key = pair_keys(*end_codes(dataset, rec["source"], rec["target"]), n, dataset.directed)
        parts.append((key, rec[rating or "weight"].to_numpy(float), rec["date"].to_numpy("datetime64[ns]"),
                      _network_codes(rec["network"], names)))
        waves.append(rec["wave"].cat.codes.to_numpy(np.int64))
    if co is not None:
        u, v = co["u"].to_numpy(), co["v"].to_numpy()
        both = (lambda x: np.concatenate([x, x])) if dataset.directed else (lambda x: x)  # an arc each way
        weight = np.full(len(co), np.nan) if rating else co["weight"].to_numpy(float)  # no rating
        parts.append((pair_keys(np.concatenate([u, v]) if dataset.directed else u,
                                np.concatenate([v, u]) if dataset.directed else v, n, True),
                      both(weight), both(co["date"].to_numpy("datetime64[ns]")),
                      both(_network_codes(co["network"], names))))
        waves.append(np.full(len(parts[-1][0]), -1, np.int64))
    if not parts:
        return _empty_ties()
    n_records = len(parts[0][0]) if use_inter else 0
    key, weight, date, net = (np.concatenate(column) if len(parts) > 1 else column[0]
                              for column in zip(*parts, strict=True))
    del parts
    key, order = stable_sort(key)
    starts, sizes = runs(key)
    keys = key[starts]
    del key
    first, last = group_date_range(date[order], starts)
    n_inter = np.add.reduceat(order < n_records, starts, dtype=np.int64)
    ids = pa.array(dataset.people.index.astype("string").array, type=pa.large_string())
    u, v = pair_ends(keys, n)
    weight = (rating_means(weight[order], np.concatenate(waves)[order], starts, sizes) if rating
              else group_sums(weight[order], starts, sizes))
    return pd.DataFrame({
        "source": pd.arrays.ArrowStringArray(ids.take(u)), "target": pd.arrays.ArrowStringArray(ids.take(v)),
        "u": u, "v": v, "weight": weight,
        "count": sizes.astype(np.int64), "interactions": n_inter, "events": sizes - n_inter,
        "first": first, "last": last,
        "networks": _networks_per_pair(np.repeat(np.arange(len(starts), dtype=np.int32), sizes), net[order], names,
                                        len(starts)),
    })[TIE_COLUMNS]


def rating_means(values: np.ndarray, waves: np.ndarray, starts: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Per run of records (a pair's): the mean of its ratings in the latest wave in which it has one.

    Parameters
    ----------
    values : ndarray of float
        The ratings, ``NaN`` where a record has none; consecutive per run.
    waves : ndarray of int
        Each record's wave position (-1: no wave, before the first).
    starts, sizes : ndarray of int
        The runs (:func:`collabgraph.kernels.runs`).

    Returns
    -------
    ndarray of float
        ``NaN`` for a run without any rating.

    Examples
    --------
    >>> rating_means(np.array([1.0, 3.0, 5.0, np.nan, np.nan]), np.array([0, 0, 1, 2, -1]),
    ...              np.array([0, 4]), np.array([4, 1])).tolist()
    [5.0, nan]
    """
    if not len(values):
        return np.zeros(0)
    rated = ~np.isnan(values)
    latest = np.maximum.reduceat(np.where(rated, waves, -2), starts)
    use = rated & (waves == np.repeat(latest, sizes))
    counts = np.add.reduceat(use.astype(np.int64), starts)
    sums = group_sums(np.where(use, values, 0.0), starts, sizes)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def _network_names(*columns) -> pd.Index:
    """The sorted network names of the records, so that network codes sort as names do (the distinct values of a
    text column found by its own ``unique``: Arrow's, 3x faster than ``pd.unique`` of the values as objects)."""
    values = [c.cat.categories.to_numpy(object) if isinstance(c.dtype, pd.CategoricalDtype)
              else np.asarray(c.dropna().unique(), dtype=object) for c in columns if c is not None]
    return pd.Index(np.unique(np.concatenate(values)) if values else [], dtype=object)


def _network_codes(values: pd.Series, names: pd.Index) -> np.ndarray:
    """Position of each record's network in ``names`` (-1 when it has none)."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return np.append(_sorted_positions(names, values.cat.categories.to_numpy(object)),
                         -1)[values.cat.codes.to_numpy()]
    codes, distinct = pd.factorize(values)  # -1: missing; looked up once per distinct name (6x faster)
    return np.append(_sorted_positions(names, np.asarray(distinct, dtype=object)), -1)[codes]


def _sorted_positions(names: pd.Index, values: np.ndarray) -> np.ndarray:
    """``names.get_indexer(values)`` for the sorted, distinct ``names`` of :func:`_network_names`, by binary search
    (a few names: no hash table built per call).

    >>> _sorted_positions(pd.Index(["a", "c"], dtype=object), np.array(["c", "b", "a"], dtype=object)).tolist()
    [1, -1, 0]
    """
    sorted_names = names.to_numpy(object)
    if not len(sorted_names):
        return np.full(len(values), -1, dtype=np.intp)
    at = np.minimum(np.searchsorted(sorted_names, values), len(sorted_names) - 1)
    return np.where(sorted_names[at] == values, at, -1)


def _networks_per_pair(group: np.ndarray, net: np.ndarray, names: pd.Index,
                       n_pairs: int) -> pd.api.extensions.ExtensionArray:
    """Sorted ``;``-joined network names per pair (``group``: the pair number, 0 to ``n_pairs - 1``, of each
    record); only pairs met in several networks are joined, the others take their one name from a dictionary."""
    width = max(len(names), 1)
    pairs = sorted_unique(group[net >= 0].astype(np.int64) * width + net[net >= 0])
    g, code = pairs // width, pairs % width
    multi = np.bincount(g, minlength=n_pairs)[g] > 1
    index = np.full(n_pairs, -1, dtype=np.int64)
    index[g[~multi]] = code[~multi]
    mg, mnames = g[multi], names.to_numpy(object)[code[multi]]
    starts = runs(mg)[0]
    sep = np.full(len(mnames), ";", dtype=object)
    sep[np.r_[starts[1:], len(mnames)] - 1 if len(mnames) else []] = ""
    joined = np.add.reduceat(mnames + sep, starts) if len(mnames) else np.zeros(0, object)  # "a;" + "b"
    index[mg[starts]] = len(names) + np.arange(len(starts))
    if not len(pairs):  # no pair met in a network: all missing, object dtype as pandas infers for all-NA text
        return pd.array(np.full(len(index), pd.NA, dtype=object), dtype=object)
    dictionary = pa.array(list(names) + list(joined), type=pa.large_string())
    out = pa.DictionaryArray.from_arrays(pa.array(index, mask=index < 0), dictionary).dictionary_decode()
    return pd.arrays.ArrowStringArray(out).astype("str")  # missing as NaN, as the tie table always had


def _empty_ties() -> pd.DataFrame:
    return pd.DataFrame({
        "source": pd.Series(dtype="string"), "target": pd.Series(dtype="string"),
        "u": pd.Series(dtype="int64"), "v": pd.Series(dtype="int64"),
        "weight": pd.Series(dtype="float64"), "count": pd.Series(dtype="int64"),
        "interactions": pd.Series(dtype="int64"), "events": pd.Series(dtype="int64"),
        "first": pd.Series(dtype="datetime64[ns]"), "last": pd.Series(dtype="datetime64[ns]"),
        "networks": pd.Series(dtype="string")})


def _attributes(pairs) -> dict:
    """Graph attributes from (name, value) pairs: plain Python values, missing ones left out."""
    return {k: p for k, v in pairs if (p := _plain(v)) is not None}


def _plain(value):
    """A value networkx exporters accept: no pandas NA, dates as ISO text."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    if isinstance(value, np.generic):
        return value.item()
    return value


def to_graph(dataset: Dataset, tie_table: pd.DataFrame | None = None) -> nx.Graph:
    """A networkx ``Graph`` (``DiGraph`` when directed) with every person and their attributes.

    Node attributes are the people columns with missing values left out; edge attributes are
    ``weight, count, interactions, events, first, last, networks`` (dates as ISO text).

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> g = to_graph(ds)
    >>> g.number_of_nodes() == len(ds.people)
    True
    """
    import networkx as nx

    tie_table = ties(dataset) if tie_table is None else tie_table
    g = nx.DiGraph() if dataset.directed else nx.Graph()
    people = dataset.people
    records = people.astype(object).where(people.notna(), None).to_dict("index")
    g.add_nodes_from((pid, _attributes(attrs.items()))
                     for pid, attrs in records.items())
    cols = ["weight", "count", "interactions", "events", "first", "last", "networks"]
    data = tie_table[cols].astype(object).where(tie_table[cols].notna(), None)
    g.add_edges_from(
        (s, t, _attributes(zip(cols, row, strict=True)))
        for s, t, row in zip(tie_table["source"], tie_table["target"],
                             data.itertuples(index=False, name=None), strict=True))
    return g


def igraph_of(n: int, u, v, *, directed: bool = False, weight=None) -> ig.Graph:
    """An igraph graph of ``n`` vertices and the edges ``u[i] - v[i]`` (integer positions), with an
    optional ``weight`` per edge.

    The edges go in as a list of pairs: igraph reads it about 5x faster than a two-column numpy array
    (0.18 vs 0.9 s for 324k edges).

    Examples
    --------
    >>> igraph_of(3, np.array([0, 1]), np.array([1, 2]), weight=[2.0, 1.0]).es["weight"]
    [2.0, 1.0]
    """
    import igraph as ig

    g = ig.Graph(n=n, edges=list(zip(np.asarray(u).tolist(), np.asarray(v).tolist(), strict=True)),
                 directed=directed)
    if weight is not None:
        g.es["weight"] = weight
    return g


def to_igraph(dataset: Dataset, tie_table: pd.DataFrame | None = None) -> ig.Graph:
    """The graph on igraph's C engine, built straight from the tie table's integer arrays.

    Vertex ``i`` is ``dataset.people.index[i]`` (vertex attribute ``name``); edges carry ``weight``.
    Use it for path-based metrics (betweenness, constraint, communities) on large graphs.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> ds = load_example()
    >>> to_igraph(ds).vcount() == len(ds.people)
    True
    """
    tie_table = ties(dataset) if tie_table is None else tie_table
    g = igraph_of(len(dataset.people), tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64),
                  directed=dataset.directed, weight=tie_weights(tie_table))
    g.vs["name"] = list(dataset.people.index)
    return g


def attribute_graph(dataset: Dataset, by: str, tie_table: pd.DataFrame | None = None) -> nx.Graph:
    """Project people onto groups of an attribute (organisation, domain, profession ...).

    Nodes are the groups with ``size`` (people) and ``internal_ties``/``internal_weight`` (ties
    inside the group); an edge joins two groups whose members are tied, with ``ties`` (person
    pairs) and ``weight`` (their summed weight). People without a value are left out.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> g = attribute_graph(load_example(), "domain")
    >>> sorted(g.nodes)[:2]
    ['gemeente', 'onderwijs']
    """
    import networkx as nx

    check_attribute(dataset.people.columns, by)
    tie_table = ties(dataset) if tie_table is None else tie_table
    group = dataset.people[by].to_numpy(dtype=object)
    known = pd.notna(group)
    t = tie_table[known[tie_table["u"]] & known[tie_table["v"]]]
    a, b = group[t["u"].to_numpy()], group[t["v"].to_numpy()]
    if not dataset.directed:
        a, b = np.where(a <= b, a, b), np.where(a <= b, b, a)
    pairs = pd.DataFrame({"a": a, "b": b, "weight": tie_weights(t)})
    agg = pairs.groupby(["a", "b"], sort=True).agg(ties=("weight", "size"), weight=("weight", "sum"))
    g = nx.DiGraph() if dataset.directed else nx.Graph()
    sizes = dataset.people[by].value_counts().sort_index()
    for name, size in sizes.items():
        g.add_node(name, size=int(size), internal_ties=0, internal_weight=0.0)
    for (x, y), row in agg.iterrows():
        if x == y:
            g.nodes[x].update(internal_ties=int(row["ties"]), internal_weight=float(row["weight"]))
        else:
            g.add_edge(x, y, ties=int(row["ties"]), weight=float(row["weight"]))
    return g


def network_pairs(dataset: Dataset, tie_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The edges of the network of learning networks (:func:`network_graph`) as a table, without networkx.

    One row per pair of networks that share a member or have a tie between them: ``network_a <
    network_b`` (by name, the rows in that order), ``shared`` (people in both), ``jaccard`` (shared /
    members of either), ``ties`` (person pairs with one end in X and not Y, the other in Y and not X;
    :func:`network_tie_pairs`) and ``via_shared`` (pairs with one end in both X and Y and the other in X
    or Y: the ties of the shared members, not between the two networks).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcd"), "networks": ["n1", "n1;n2", "n2", "n3"]})
    >>> inter = pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]})
    >>> network_pairs(from_frames(people=people, interactions=inter)).values.tolist()
    [['n1', 'n2', 1, 0.3333333333333333, 0, 2], ['n2', 'n3', 0, 0.0, 1, 0]]
    """
    tie_table = ties(dataset) if tie_table is None else tie_table
    size = _network_sizes(dataset)
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    shared = m.merge(m, on="person")
    shared = shared[shared["network_x"] < shared["network_y"]]
    shared = shared.groupby(["network_x", "network_y"]).size()
    lists = network_lists(dataset)
    pairs = network_tie_pairs(tie_table, lists)
    x, y = (lists[2].to_numpy(object)[pairs[end].to_numpy()] for end in ("a", "b"))
    cross = pd.DataFrame({"a": np.minimum(x, y), "b": np.maximum(x, y)})  # by name, as the edges are listed
    between = cross[pairs["between"].to_numpy()].groupby(["a", "b"]).size().to_dict()
    via = cross[~pairs["between"].to_numpy()].groupby(["a", "b"]).size().to_dict()
    rows = [(x_, y_, int(n), float(n / (size[x_] + size[y_] - n)), int(between.pop((x_, y_), 0)),
             int(via.get((x_, y_), 0))) for (x_, y_), n in shared.items()]
    rows += [(x_, y_, 0, 0.0, int(n), 0) for (x_, y_), n in between.items()]  # tied, sharing no one
    rows.sort(key=lambda row: (row[0], row[1]))
    return pd.DataFrame(rows, columns=["network_a", "network_b", "shared", "jaccard", "ties", "via_shared"])


def _network_sizes(dataset: Dataset) -> pd.Series:
    """Members per learning network (index: the network, by name)."""
    return dataset.memberships[["person", "network"]].drop_duplicates().groupby("network").size().sort_index()


def network_graph(dataset: Dataset, tie_table: pd.DataFrame | None = None) -> nx.Graph:
    """The network of learning networks: tied by shared members and by ties between members.

    Nodes are learning networks with ``members``. An edge ``X - Y`` carries ``shared``, ``jaccard``,
    ``ties`` and ``via_shared`` (:func:`network_pairs`, which gives the edges as a table).

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> g = network_graph(load_example())
    >>> g.number_of_nodes()
    16
    """
    import networkx as nx

    g = nx.Graph()
    for name, n in _network_sizes(dataset).items():
        g.add_node(name, members=int(n))
    for x, y, shared, jaccard, n, via in network_pairs(dataset, tie_table).itertuples(index=False):
        g.add_edge(x, y, shared=shared, jaccard=jaccard, ties=n, via_shared=via)
    return g


def network_lists(dataset: Dataset) -> tuple[np.ndarray, np.ndarray, pd.Index]:
    """Every person's learning networks as integer lists, for counting per tie without merges.

    Returns
    -------
    starts : ndarray of int64
        ``n + 1`` offsets: the networks of the person at position ``p`` are ``networks[starts[p]:starts[p + 1]]``.
    networks : ndarray of int64
        Network codes, person by person.
    names : Index
        The network of each code.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "networks": ["n1", "n1;n2", ""]})
    >>> starts, networks, names = network_lists(from_frames(people=people, interactions=pd.DataFrame(
    ...     {"source": ["a"], "target": ["c"]})))
    >>> starts.tolist(), [names[c] for c in networks]
    ([0, 1, 3, 3], ['n1', 'n1', 'n2'])
    """
    m = dataset.memberships[["person", "network"]].drop_duplicates()
    person = dataset.codes(m["person"])
    network, names = pd.factorize(m["network"])
    keep = person >= 0
    person, network = person[keep], network[keep].astype(np.int64)
    order = np.argsort(person, kind="stable")
    counts = np.bincount(person, minlength=len(dataset.people))
    return np.concatenate([[0], np.cumsum(counts)]), network[order], pd.Index(names)


def network_tie_pairs(tie_table: pd.DataFrame, lists: tuple[np.ndarray, np.ndarray, pd.Index]) -> pd.DataFrame:
    """Every tie once per pair of learning networks X != Y it joins (one end in X, the other in Y).

    The one place where "a tie between two learning networks" is decided: a tie is **between** X and Y
    when one end is in X and not in Y and the other in Y and not in X. A tie of which an end is a member
    of both X and Y is a tie of their shared member, not between them. :func:`network_graph` counts both
    per pair (``ties`` and ``via_shared``); the time windows sum ``between``
    (:mod:`collabgraph.metrics.windows`).

    Parameters
    ----------
    tie_table : DataFrame
        Columns ``u, v`` (person positions).
    lists : tuple
        :func:`network_lists` of the dataset.

    Returns
    -------
    DataFrame
        ``tie`` (row position in ``tie_table``), ``a < b`` (network codes of ``lists``) and ``between``
        (bool), sorted by ``tie, a, b``.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abc"), "networks": ["n1", "n1;n2", "n2"]})
    >>> inter = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"]})
    >>> ds = from_frames(people=people, interactions=inter)
    >>> network_tie_pairs(ties(ds), network_lists(ds)).to_dict("list")
    {'tie': [0, 1], 'a': [0, 0], 'b': [1, 1], 'between': [False, True]}
    """
    starts, networks, names = lists
    k = max(len(names), 1)
    u, v = tie_table["u"].to_numpy(np.int64), tie_table["v"].to_numpy(np.int64)
    nu, nv = starts[u + 1] - starts[u], starts[v + 1] - starts[v]
    per_tie = nu * nv  # every (network of u, network of v)
    tie = np.repeat(np.arange(len(u)), per_tie)
    within = np.arange(len(tie)) - np.repeat(np.cumsum(per_tie) - per_tie, per_tie)
    x = networks[starts[u][tie] + within // nv[tie]]
    y = networks[starts[v][tie] + within % nv[tie]]
    keep = x != y
    pair = pair_keys(x[keep], y[keep], k, directed=False)
    tie, pair = pair_ends(sorted_unique(pair_keys(tie[keep], pair, k * k, directed=True)), k * k)  # once per tie
    a, b = pair_ends(pair, k)
    member = pair_keys(np.repeat(np.arange(len(starts) - 1), np.diff(starts)), networks, k, directed=True)

    def both(end: np.ndarray) -> np.ndarray:  # that end of the tie is a member of a and of b
        return (np.isin(pair_keys(end[tie], a, k, directed=True), member)
                & np.isin(pair_keys(end[tie], b, k, directed=True), member))

    return pd.DataFrame({"tie": tie, "a": a, "b": b, "between": ~(both(u) | both(v))})


def bipartite_graph(dataset: Dataset) -> nx.Graph:
    """The two-mode person–event graph (``bipartite`` = 0 for people, 1 for events).

    Event nodes are named ``event:<id>`` so they never clash with person ids.

    Examples
    --------
    >>> from collabgraph.datasets import load_example
    >>> import networkx as nx
    >>> g = bipartite_graph(load_example())
    >>> nx.is_bipartite(g)
    True
    """
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(dataset.people.index, bipartite=0)
    events = dataset.events
    for eid, row in events.iterrows():
        g.add_node(f"event:{eid}", bipartite=1,
                   **_attributes(row.items()))
    g.add_edges_from(zip(dataset.attendance["person"],
                         "event:" + dataset.attendance["event"].astype(str), strict=True))
    return g
