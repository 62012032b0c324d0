"""Introductions: whom to introduce a person to, with the reasons in words.

The score of a candidate ``j`` for person ``i`` (not ``i``, not already tied to ``i``) is

``score = (AA2 + third_step * AA3 + network_bonus * [shares a learning network])
          * (1 + diversity * [other domain or other profession])
          * (overload_penalty if j is overloaded else 1)``

- ``AA2`` is the Adamic–Adar index, ``sum over shared contacts z of 1 / log(degree z)`` (Adamic &
  Adar 2003): shared contacts who know few people count more.
- ``AA3`` extends it to people three steps away: the sum over paths ``i - a - b - j`` of
  ``1 / (log degree a * log degree b)``; ``third_step`` (0.1) keeps them below people two steps away.
- Learning networks: a shared network adds ``network_bonus``, so people without ties (who have no
  two-step contacts) still get suggestions from their own networks.
- ``diversity`` favours people from another domain or profession, the point of a leernetwerk.
- ``overloaded``: a degree above the ``overload_quantile`` of degrees of people with ties.

Only candidates with a positive score are suggested (two or three steps away, or in a shared
network). Ties count in either direction when the data are directed; weights are not used.

References
----------
Adamic, L. A. & Adar, E. (2003). Friends and neighbors on the Web. Social Networks 25, 211-230.
Liben-Nowell, D. & Kleinberg, J. (2007). The link-prediction problem for social networks. J. Am.
Soc. Inf. Sci. Technol. 58, 1019-1031 (evaluation by hiding later ties).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.graph import ties as make_ties
from collabgraph.metrics.communities import undirected_edges

__all__ = ["Scorer", "Suggestions", "suggest"]


@dataclass(frozen=True)
class Suggestions:
    """Ranked introductions for one person.

    Attributes
    ----------
    person : str
    table : DataFrame
        One row per suggestion, best first: ``id, name, score, reason, steps, shared_contacts,
        shared_networks, other_domain, other_profession, overloaded``.
    """

    person: str
    table: pd.DataFrame = field(repr=False)

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph suggest --person``."""
        rows = [{"id": r["id"], "score": round(float(r["score"]), 6), "reason": r["reason"],
                 "name": r["name"], "steps": None if pd.isna(r["steps"]) else int(r["steps"]),
                 "shared_contacts": int(r["shared_contacts"]), "shared_networks": list(r["shared_networks"])}
                for _, r in self.table.iterrows()]
        return {"person": self.person, "suggestions": rows}


class Scorer:
    """Everything :func:`suggest` needs, prepared once per dataset (adjacency, degrees, networks).

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
    third_step, network_bonus, diversity, overload_quantile, overload_penalty
        The weights of the score in the module docstring (defaults 0.1, 0.25, 1.0, 0.9, 0.5).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> s = Scorer(ds, diversity=0, network_bonus=0)
    >>> s.scores("a").round(3).tolist()  # c: one shared contact b of degree 2 -> 1/log 2
    [0.0, 0.0, 1.443, 0.208]
    """

    def __init__(self, dataset: Dataset, tie_table: pd.DataFrame | None = None, *, third_step: float = 0.1,
                 network_bonus: float = 0.25, diversity: float = 1.0, overload_quantile: float = 0.9,
                 overload_penalty: float = 0.5):
        for name, value in (("third_step", third_step), ("network_bonus", network_bonus),
                            ("diversity", diversity)):
            if not isinstance(value, int | float) or value < 0:
                raise ParameterError(f"{name} must be a number >= 0; got {value!r}.")
        for name, value in (("overload_quantile", overload_quantile), ("overload_penalty", overload_penalty)):
            if not isinstance(value, int | float) or not 0 <= value <= 1:
                raise ParameterError(f"{name} must be a number in [0, 1]; got {value!r}.")
        self.dataset = dataset
        self.weights = {"third_step": third_step, "network_bonus": network_bonus, "diversity": diversity,
                        "overload_quantile": overload_quantile, "overload_penalty": overload_penalty}
        t = make_ties(dataset) if tie_table is None else tie_table
        people = dataset.people
        n = len(people)
        a, b, _ = undirected_edges(t, weighted=False)
        ones = np.ones(2 * len(a))
        self.adj = sparse.csr_array((ones, (np.concatenate([a, b]), np.concatenate([b, a]))), shape=(n, n))
        self.degree = np.bincount(np.concatenate([a, b]), minlength=n)
        with np.errstate(divide="ignore"):
            self.inv_log = np.where(self.degree >= 2, 1 / np.log(np.maximum(self.degree, 2)), 0.0)
        tied = self.degree[self.degree > 0]
        self.overload_degree = float(np.quantile(tied, overload_quantile)) if len(tied) else np.inf
        m = dataset.memberships[["person", "network"]].drop_duplicates()
        net_codes, self.network_names = pd.factorize(m["network"], sort=True)
        self.member = sparse.csr_array((np.ones(len(m)), (dataset.codes(m["person"]), net_codes)),
                                       shape=(n, len(self.network_names)))
        self.ids = people.index.to_numpy(dtype=object)
        self.names = people["name"].fillna(pd.Series(people.index, index=people.index)).astype(str).to_numpy()
        self.domain = people["domain"].to_numpy(dtype=object, na_value=None)
        self.profession = people["profession"].to_numpy(dtype=object, na_value=None)
        self._domain_code = pd.factorize(people["domain"])[0]  # -1 where missing
        self._profession_code = pd.factorize(people["profession"])[0]

    def position(self, person: str) -> int:
        where = self.dataset.people.index.get_indexer([person])[0]
        if where < 0:
            raise ParameterError(f"Unknown person {person!r}; give an id from the people table.")
        return int(where)

    def _parts(self, i: int):
        row = self.adj[[i], :]
        shared = (row @ self.adj).toarray().ravel()
        two_steps = row.multiply(self.inv_log[None, :]) @ self.adj
        aa2 = two_steps.toarray().ravel()
        aa3 = (two_steps.multiply(self.inv_log[None, :]) @ self.adj).toarray().ravel()
        networks = (self.member[[i], :] @ self.member.T).toarray().ravel()
        return shared, aa2, aa3, networks

    def scores(self, person: str) -> np.ndarray:
        """Score of every person as an introduction for ``person`` (0 for non-candidates)."""
        i = self.position(person)
        _, aa2, aa3, networks = self._parts(i)
        return self._score(i, aa2, aa3, networks)

    def _score(self, i, aa2, aa3, networks) -> np.ndarray:
        w = self.weights
        base = aa2 + w["third_step"] * aa3 + w["network_bonus"] * (networks > 0)
        other = self._differs(self._domain_code, i) | self._differs(self._profession_code, i)
        score = base * (1 + w["diversity"] * other)
        score = np.where(self.degree > self.overload_degree, score * w["overload_penalty"], score)
        score[i] = 0.0
        score[self.adj[[i], :].indices] = 0.0
        return score

    @staticmethod
    def _differs(codes: np.ndarray, i, j=slice(None)) -> np.ndarray:
        """Whether person ``j`` (default: everyone) has another known value than ``i`` (codes: -1 missing)."""
        return (codes[j] >= 0) & (codes[i] >= 0) & (codes[j] != codes[i])

    def suggest(self, person: str, n: int = 5) -> Suggestions:
        """The ``n`` best introductions for ``person``; ties in score broken by id."""
        if not isinstance(n, int | np.integer) or isinstance(n, bool) or n < 1:
            raise ParameterError(f"n must be a whole number >= 1; got {n!r}.")
        i = self.position(person)
        shared, aa2, aa3, networks = self._parts(i)
        score = self._score(i, aa2, aa3, networks)
        cand = np.flatnonzero(score > 0)
        order = np.lexsort((self.ids[cand].astype(str), -score[cand]))[:n]
        rows = [self._row(i, j, score[j], shared[j], aa3[j]) for j in cand[order]]
        columns = ["id", "name", "score", "reason", "steps", "shared_contacts", "shared_networks",
                   "other_domain", "other_profession", "overloaded"]
        return Suggestions(person=str(person), table=pd.DataFrame(rows, columns=columns))

    def _row(self, i, j, score, shared, aa3) -> dict:
        steps = 2 if shared > 0 else 3 if aa3 > 0 else None
        both = self.member[[i], :].multiply(self.member[[j], :]).tocoo().col
        networks = sorted(str(self.network_names[k]) for k in both)
        parts = []
        if steps == 2:
            parts.append(f"shares {int(shared)} contact{'s' if shared != 1 else ''}")
        elif steps == 3:
            parts.append("three steps away")
        what = " in ".join(str(x) for x in (self.profession[j], self.domain[j]) if pd.notna(x))
        if what:
            parts.append(what)
        if networks:
            quoted = ", ".join(f"'{x}'" for x in networks)
            parts.append(f"both in network{'s' if len(networks) > 1 else ''} {quoted}")
        overloaded = bool(self.degree[j] > self.overload_degree)
        if overloaded:
            parts.append(f"already has {self.degree[j]} contacts")
        return {"id": str(self.ids[j]), "name": self.names[j], "score": float(score), "reason": "; ".join(parts),
                "steps": steps, "shared_contacts": int(shared), "shared_networks": networks,
                "other_domain": bool(self._differs(self._domain_code, i, j)),
                "other_profession": bool(self._differs(self._profession_code, i, j)), "overloaded": overloaded}


def suggest(dataset: Dataset, person: str, *, n: int = 5, tie_table: pd.DataFrame | None = None,
            **weights) -> Suggestions:
    """Rank people to introduce ``person`` to (see the module docstring for the score).

    Parameters
    ----------
    dataset : Dataset
    person : str
        A person id.
    n : int
        Number of suggestions.
    tie_table : DataFrame, optional
    **weights
        ``third_step, network_bonus, diversity, overload_quantile, overload_penalty`` (see
        :class:`Scorer`).

    Returns
    -------
    Suggestions

    Notes
    -----
    For many people, build one :class:`Scorer` and call its ``suggest`` per person.

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> people = pd.DataFrame({"id": list("abcde"), "profession": ["wijkverpleegkundige", None, "huisarts",
    ...                        "huisarts", "agent"], "domain": ["zorg", None, "zorg", "zorg", "veiligheid"]})
    >>> inter = pd.DataFrame({"source": ["a", "b", "b", "d"], "target": ["b", "c", "d", "e"]})
    >>> ds = from_frames(people=people, interactions=inter)
    >>> s = suggest(ds, "a")
    >>> for row in s.table[["id", "reason"]].itertuples(index=False):
    ...     print(*row)
    c shares 1 contact; huisarts in zorg
    d shares 1 contact; huisarts in zorg
    e three steps away; agent in veiligheid
    """
    return Scorer(dataset, tie_table, **weights).suggest(person, n)
