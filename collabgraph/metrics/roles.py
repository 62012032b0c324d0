"""Roles: people grouped by their position in the network, not by whom they know.

Each person with at least one tie is described by six position measures, computed on igraph:

``degree``
    number of people tied to them; ``strength``: summed tie weight;
``reach``
    number of people within two steps (Borgatti 2006's 2-step reach, ties taken as undirected);
``betweenness``
    share of shortest paths through them (Freeman 1977; :func:`collabgraph.metrics.centrality.betweenness_from_ties`,
    unweighted, divided by ``(n-1)(n-2)/2``) — brokerage between otherwise distant people;
``constraint``
    Burt's (1992) network constraint with tie weights
    (:func:`collabgraph.metrics.holes.structural_holes_from_ties`): high when all contacts know each
    other, low for people spanning structural holes;
``core``
    k-core number (Seidman 1983).

The measures (``log1p`` of the counts, so a few hubs do not dominate) are standardised and
clustered with scikit-learn's ``KMeans``; the number of roles is the ``k`` in ``2..max_roles`` with
the highest silhouette (Rousseeuw 1987). People without ties get the role ``isolated`` and are not
clustered. Roles are named from their mean standardised profile, in this order: the role with the
highest betweenness (if above ``+0.5``) is ``bridge``; of the others, the one with the highest degree
(if above ``+0.5``) is ``hub``; the one with the lowest degree (if below average) is ``peripheral``;
a role with core number above ``+0.5`` is ``core member``; the rest are ``member``. Repeated names get
a number (``member 2``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from collabgraph.graph import igraph_of
from collabgraph.graph import ties as make_ties
from collabgraph.metrics.centrality import betweenness_from_ties
from collabgraph.metrics.holes import structural_holes_from_ties
from collabgraph.params import Interval, validate_params
from collabgraph.tietable import undirected_edges

__all__ = ["FEATURES", "Roles", "position_features", "roles"]

FEATURES = ("degree", "strength", "reach", "betweenness", "constraint", "core")
_LOGGED = ("degree", "strength", "reach", "betweenness")


def position_features(dataset, *, tie_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The six position measures of every person (ties taken as undirected).

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "a", "a"], "target": ["b", "c", "d"]}))
    >>> position_features(ds).loc["a"].tolist()  # centre of a star of 4
    [3.0, 3.0, 3.0, 1.0, 0.3333333333333333, 1.0]
    """
    people = dataset.people
    n = len(people)
    a, b, w = undirected_edges(make_ties(dataset) if tie_table is None else tie_table, weighted=True)
    g = igraph_of(n, a, b, weight=w)
    edges = pd.DataFrame({"u": a, "v": b, "weight": w})
    degree = np.asarray(g.degree(), dtype=float)
    reach = np.asarray(g.neighborhood_size(order=2), dtype=float) - 1 if n else np.zeros(0)
    return pd.DataFrame({
        "degree": degree,
        "strength": np.asarray(g.strength(weights="weight"), dtype=float),
        "reach": reach,
        "betweenness": betweenness_from_ties(edges, people).to_numpy(float) / max((n - 1) * (n - 2) / 2, 1),
        "constraint": structural_holes_from_ties(edges, people, weighted=True)["constraint"].to_numpy(float),
        "core": np.asarray(g.coreness(), dtype=float),
    }, index=people.index.copy())


@dataclass(frozen=True)
class Roles:
    """People grouped by position.

    Attributes
    ----------
    people : DataFrame
        Per person: the six features, ``role`` (number, -1 for isolated) and ``role_name``.
    profiles : DataFrame
        Per role: ``role, name, size`` and the mean of each feature.
    silhouette : dict
        Silhouette per number of roles tried.
    k : int
        Number of roles chosen (isolated not counted).
    seed : int
    """

    people: pd.DataFrame = field(repr=False)
    profiles: pd.DataFrame = field(repr=False)
    silhouette: dict
    k: int
    seed: int

    def to_dict(self) -> dict:
        return {"k": self.k, "seed": self.seed,
                "silhouette": {str(k): round(v, 6) for k, v in self.silhouette.items()},
                "roles": [{"role": int(r["role"]), "name": r["name"], "size": int(r["size"]),
                           **{f: round(float(r[f]), 6) for f in FEATURES}}
                          for _, r in self.profiles.iterrows()],
                "people": {str(pid): r for pid, r in self.people["role_name"].items()}}


def _names(profile: pd.DataFrame) -> list[str]:
    names = [""] * len(profile)
    left = list(range(len(profile)))

    def take(col, pick, test, name):
        if not left:
            return
        i = max(left, key=lambda r: pick * profile.iloc[r][col])
        if test(profile.iloc[i][col]):
            names[i] = name
            left.remove(i)

    take("betweenness", 1, lambda x: x > 0.5, "bridge")
    take("degree", 1, lambda x: x > 0.5, "hub")
    take("degree", -1, lambda x: x < 0, "peripheral")
    for i in list(left):
        names[i] = "core member" if profile.iloc[i]["core"] > 0.5 else "member"
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        seen[name] = seen.get(name, 0) + 1
        if seen[name] > 1:
            names[i] = f"{name} {seen[name]}"
    return names


@validate_params({"max_roles": [Interval(int, 2, None)]})
def roles(dataset, *, tie_table: pd.DataFrame | None = None, max_roles: int = 6, seed: int = 0) -> Roles:
    """Cluster people by position; choose the number of roles by silhouette; name them.

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
        The tie table of ``dataset`` (:func:`collabgraph.graph.ties`), if already built.
    max_roles : int
        Largest number of roles tried (at least 2).
    seed : int
        ``random_state`` of KMeans (10 starts per k).

    Returns
    -------
    Roles

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": [f"p{i}" for i in range(9)]})
    >>> inter = pd.DataFrame({"source": ["p0", "p0", "p0", "p0", "p0", "p5", "p6", "p7"],
    ...                       "target": ["p1", "p2", "p3", "p4", "p5", "p6", "p7", "p5"]})
    >>> r = roles(from_frames(people=people, interactions=inter), max_roles=3)
    >>> r.people.loc["p0", "role_name"], r.people.loc["p8", "role_name"]
    ('bridge', 'isolated')
    """
    feats = position_features(dataset, tie_table=tie_table)
    tied = feats["degree"].to_numpy() > 0
    x = feats.loc[tied, list(FEATURES)].copy()
    for col in _LOGGED:
        x[col] = np.log1p(x[col])
    labels = np.full(len(feats), -1)
    scores: dict[int, float] = {}
    distinct = len(np.unique(x.to_numpy(), axis=0)) if len(x) else 0
    ks = range(2, min(max_roles, distinct, len(x) - 1) + 1)
    if len(ks):
        from sklearn.cluster import KMeans  # imported here: scikit-learn takes over 2 s to import
        from sklearn.metrics import silhouette_score
        from sklearn.preprocessing import StandardScaler

        z = StandardScaler().fit_transform(x.to_numpy())
        fits = {}
        for k in ks:
            km = KMeans(n_clusters=k, n_init=10, random_state=seed).fit(z)
            scores[k] = float(silhouette_score(z, km.labels_))
            fits[k] = km.labels_
        best = max(scores, key=lambda k: (scores[k], -k))
        labels[tied] = fits[best]
        zframe = pd.DataFrame(z, columns=list(FEATURES))
        profile = zframe.groupby(fits[best]).mean()
    elif len(x):
        labels[tied] = 0
        profile = pd.DataFrame([dict.fromkeys(FEATURES, 0.0)])
    else:
        profile = pd.DataFrame(columns=list(FEATURES))
    names = dict(enumerate(_names(profile))) if len(profile) else {}
    names[-1] = "isolated"
    feats["role"] = labels
    feats["role_name"] = [names[r] for r in labels]
    profiles = feats.groupby("role")[list(FEATURES)].mean()
    profiles.insert(0, "size", feats.groupby("role").size())
    profiles.insert(0, "name", [names[r] for r in profiles.index])
    profiles = profiles.reset_index()
    return Roles(people=feats, profiles=profiles, silhouette=scores, k=len(profile), seed=seed)
