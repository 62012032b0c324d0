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

People outside the network: isolates and detached people
---------------------------------------------------------
For a person with no tie, or ``detached`` (:mod:`collabgraph.metrics.isolation`: not connected to the rest
of their learning network), contacts of contacts cannot help: they lead nowhere or only back into the same
island. For them the score of a candidate ``j`` (who has at least one tie, is not yet tied to the person
and, for a detached person, is outside their group: within each of their learning networks, or in the
whole graph for a person in no network) is

``score = [shares a learning network] * (1 + w_j) + [coordinator of a shared network]
          + [no shared network, ties to another domain] * (1 + w_j) * (1/2 if same profession,
            else 1/4 if same domain, else 0)``

with ``w_j = log(1 + degree j) / log(1 + highest degree)``, so the better connected come first, halved
when ``j`` is detached too (they do not lead to the rest of their network). Own
network members who are well connected come first, their coordinator (a role value of the
``coordinator`` group of :mod:`collabgraph.rolegroups`) above them, then people of the same profession
(first) or domain elsewhere who have ties to people of another domain (bridges). Other isolates are never
suggested; ties in score are broken by id.

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
from collabgraph.metrics.isolation import detached_groups
from collabgraph.metrics.structure import component_labels
from collabgraph.params import Interval, validate_params
from collabgraph.rolegroups import coordinators
from collabgraph.tietable import undirected_edges

__all__ = ["BATCH_CELLS", "Scorer", "Suggestions", "suggest"]

#: :meth:`Scorer.suggest_many` scores this many (person, candidate) pairs at a time (dense rows of 8-byte numbers).
BATCH_CELLS = 2**21


@dataclass(frozen=True)
class Suggestions:
    """Ranked introductions for one person.

    Attributes
    ----------
    person : str
    table : DataFrame
        One row per suggestion, best first: ``id, name, score, reason, steps, shared_contacts,
        shared_networks, other_domain, other_profession, overloaded, contacts`` (the candidate's
        number of contacts), ``coordinator`` (coordinator of a shared network) and ``bridge_domains``
        (domains other than their own among the candidate's contacts; counted for isolates and detached
        people, else 0).
    outside : bool
        Whether the person is an isolate or detached, so the suggestions follow the rule for them.
    """

    person: str
    table: pd.DataFrame = field(repr=False)
    outside: bool = False

    def to_dict(self) -> dict:
        """The JSON of ``collabgraph suggest --person`` (each column read once: the report turns 50 people's
        suggestions into JSON, and ``to_dict("records")`` indexes every column of every table)."""
        t = self.table
        columns = [t[c].tolist() for c in ("id", "score", "reason", "name", "steps", "shared_contacts",
                                           "shared_networks", "contacts", "coordinator", "bridge_domains")]
        rows = [{"id": pid, "score": round(float(score), 6), "reason": reason, "name": name,
                 "steps": None if pd.isna(steps) else int(steps), "shared_contacts": int(shared),
                 "shared_networks": list(networks), "contacts": int(contacts), "coordinator": bool(coordinator),
                 "bridge_domains": int(bridge)}
                for pid, score, reason, name, steps, shared, networks, contacts, coordinator, bridge
                in zip(*columns, strict=True)]
        return {"person": self.person, "suggestions": rows, "outside": self.outside}


class Scorer:
    """Everything :func:`suggest` needs, prepared once per dataset (adjacency, degrees, networks).

    Parameters
    ----------
    dataset : Dataset
    tie_table : DataFrame, optional
    third_step, network_bonus, diversity, overload_quantile, overload_penalty
        The weights of the score in the module docstring (defaults 0.1, 0.25, 1.0, 0.9, 0.5).
    coordinator_roles : sequence of str, optional
        Role values that mean coordinator (default: the built-in list of :mod:`collabgraph.rolegroups`).

    Examples
    --------
    >>> from collabgraph import from_frames
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]}))
    >>> s = Scorer(ds, diversity=0, network_bonus=0)
    >>> s.scores("a").round(3).tolist()  # c: one shared contact b of degree 2 -> 1/log 2
    [0.0, 0.0, 1.443, 0.208]
    """

    @validate_params({"third_step": [Interval(float, 0, None)], "network_bonus": [Interval(float, 0, None)],
                      "diversity": [Interval(float, 0, None)], "overload_quantile": [Interval(float, 0, 1)],
                      "overload_penalty": [Interval(float, 0, 1)]})
    def __init__(self, dataset: Dataset, *, tie_table: pd.DataFrame | None = None, third_step: float = 0.1,
                 network_bonus: float = 0.25, diversity: float = 1.0, overload_quantile: float = 0.9,
                 overload_penalty: float = 0.5, coordinator_roles=None):
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
        #: Who is ``detached`` (:func:`collabgraph.metrics.isolation.detached_groups`) and in which groups.
        self.groups = detached_groups(dataset, a, b, self.degree, component_labels(dataset, tie_table=t))
        self.coordinator = coordinators(people["role"], coordinator_roles, dataset.role_map)[0]
        known = self._domain_code >= 0
        onehot = sparse.csr_array((np.ones(int(known.sum())), (np.flatnonzero(known), self._domain_code[known])),
                                  shape=(n, int(self._domain_code.max(initial=-1)) + 1))
        reached = (self.adj @ onehot).toarray() > 0
        own = np.zeros(n, bool)
        own[known] = reached[np.flatnonzero(known), self._domain_code[known]]
        #: Domains other than their own among each person's contacts (every domain reached when theirs is unknown).
        self.bridge_domains = reached.sum(axis=1) - own
        #: Each person's learning networks (codes into ``network_names``).
        self._networks = np.split(self.member.indices, self.member.indptr[1:-1])

    def position(self, person: str) -> int:
        where = self.dataset.people.index.get_indexer([person])[0]
        if where < 0:
            raise ParameterError(f"person must be an id of the people table; got {person!r}.")
        return int(where)

    def resolve(self, person: str) -> str:
        """The id of ``person``, given as an id or as a name that exactly one person has (case-insensitive).

        >>> from collabgraph import from_frames
        >>> people = pd.DataFrame({"id": ["p1", "p2", "p3"], "name": ["Anna de Vries", "Bram", "bram"]})
        >>> s = Scorer(from_frames(people=people, interactions=pd.DataFrame({"source": ["p1"], "target": ["p2"]})))
        >>> s.resolve("p2"), s.resolve("anna de vries")
        ('p2', 'p1')
        >>> s.resolve("Bram")
        Traceback (most recent call last):
        ...
        collabgraph.errors.ParameterError: person must be one person's id or name; got 'Bram', the name of p2, p3.
        """
        if person in self.dataset.people.index:
            return str(person)
        names = self.dataset.people["name"].astype("string").str.strip().str.casefold()
        hits = [str(x) for x in self.dataset.people.index[(names == str(person).strip().casefold()).fillna(False)]]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise ParameterError(f"person must be one person's id or name; got {person!r}, the name of "
                                 f"{', '.join(sorted(hits))}.")
        raise ParameterError(f"person must be an id or a name of the people table; got {person!r}.")

    def outside(self, i: int) -> bool:
        """Whether the person at position ``i`` has no tie or is ``detached`` (:mod:`collabgraph.metrics.isolation`)."""
        return bool(self.degree[i] == 0 or self.groups.detached[i])

    def _parts(self, positions: np.ndarray):
        """For the people at ``positions``, one row each over everyone: shared contacts, AA2, AA3 and shared
        learning networks (sparse products, row by row the same numbers as for one person alone)."""
        rows = self.adj[positions]
        shared = (rows @ self.adj).toarray()
        two_steps = rows.multiply(self.inv_log[None, :]) @ self.adj
        aa2 = two_steps.toarray()
        aa3 = (two_steps.multiply(self.inv_log[None, :]) @ self.adj).toarray()
        networks = (self.member[positions] @ self.member.T).toarray()
        return shared, aa2, aa3, networks

    def scores(self, person: str) -> np.ndarray:
        """Score of every person as an introduction for ``person`` (0 for non-candidates)."""
        i = self.position(person)
        _, aa2, aa3, networks = self._parts(np.array([i]))
        return self._score(i, aa2[0], aa3[0], networks[0])

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

    @validate_params({"n": [Interval(int, 1, None)]})
    def suggest(self, person: str, n: int = 5) -> Suggestions:
        """The ``n`` best introductions for ``person``; ties in score broken by id."""
        return self.suggest_many([person], n)[0]

    @validate_params({"n": [Interval(int, 1, None)]})
    def suggest_many(self, persons: list[str], n: int = 5) -> list[Suggestions]:
        """:meth:`suggest` for each of ``persons``, in order: the same tables, with the sparse products of
        :data:`BATCH_CELLS` cells (people x everyone) at a time instead of one person at a time.

        Examples
        --------
        >>> from collabgraph import from_frames
        >>> s = Scorer(from_frames(interactions=pd.DataFrame({"source": ["a", "b", "c"], "target": ["b", "c", "d"]})))
        >>> [r.table["id"].tolist() for r in s.suggest_many(["a", "d"])]
        [['c', 'd'], ['b', 'a']]
        """
        positions = self.dataset.people.index.get_indexer(pd.Index(persons, dtype=object))
        if (positions < 0).any():
            self.position(persons[int(np.argmax(positions < 0))])  # raises: an unknown person
        columns = ["id", "name", "score", "reason", "steps", "shared_contacts", "shared_networks",
                   "other_domain", "other_profession", "overloaded", "contacts", "coordinator", "bridge_domains"]
        out = []
        step = max(1, BATCH_CELLS // max(len(self.ids), 1))
        for lo in range(0, len(positions), step):
            batch = positions[lo:lo + step]
            for k, (shared, aa2, aa3, networks) in enumerate(zip(*self._parts(batch), strict=True)):
                i = int(batch[k])
                outside = self.outside(i)
                if outside:
                    score, bridges = self._outreach(i, networks)
                else:
                    score, bridges = self._score(i, aa2, aa3, networks), np.zeros(len(self.ids), np.int64)
                cand = np.flatnonzero(score > 0)
                order = np.lexsort((self.ids[cand].astype(str), -score[cand]))[:n]
                rows = [self._row(i, j, score[j], shared[j], aa3[j], bridges[j], outside) for j in cand[order]]
                out.append(Suggestions(person=str(persons[lo + k]), table=pd.DataFrame(rows, columns=columns),
                                       outside=outside))
        return out

    def _outreach(self, i: int, networks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Scores for an isolate or detached person (module docstring) and each candidate's bridge domains."""
        top = self.degree.max() if len(self.degree) else 0
        well = np.log1p(self.degree) / np.log1p(top) if top else np.zeros(len(self.degree))
        shares = networks > 0
        coordinates = self.coordinator & shares
        domains = self._domain_code
        known = domains >= 0
        bridges = self.bridge_domains
        profession = (self._profession_code >= 0) & (self._profession_code == self._profession_code[i])
        peer = np.where(profession, 0.5, np.where(known & (domains == domains[i]), 0.25, 0.0))
        elsewhere = (peer > 0) & ~shares & (bridges > 0)
        score = shares * (1 + well) + coordinates + elsewhere * peer * (1 + well)
        score[self.groups.detached] *= 0.5
        score[(self.degree == 0) | self.groups.own_group(i)] = 0.0
        score[self.adj[[i], :].indices] = 0.0
        return score, np.where(elsewhere, bridges, 0)

    def _row(self, i, j, score, shared, aa3, bridges, outside) -> dict:
        steps = 2 if shared > 0 else 3 if aa3 > 0 else None
        networks = sorted(str(self.network_names[k]) for k in np.intersect1d(self._networks[i], self._networks[j]))
        quoted = f"network{'s' if len(networks) > 1 else ''} " + ", ".join(f"'{x}'" for x in networks)
        coordinator = bool(self.coordinator[j] and networks)
        what = " in ".join(str(x) for x in (self.profession[j], self.domain[j]) if pd.notna(x))
        overloaded = bool(self.degree[j] > self.overload_degree)
        parts = []
        if outside:
            if networks:
                parts.append(f"coordinator of {quoted}" if coordinator else f"both in {quoted}")
            else:
                same = "profession" if self._profession_code[j] == self._profession_code[i] >= 0 else "domain"
                parts.append(f"same {same}, in another learning network")
            parts += [what] if what else []
            parts.append(f"{self.degree[j]} contact{'s' if self.degree[j] != 1 else ''}")
            if not networks:
                parts.append(f"ties to {bridges} other domain{'s' if bridges != 1 else ''}")
        else:
            if steps == 2:
                parts.append(f"shares {int(shared)} contact{'s' if shared != 1 else ''}")
            elif steps == 3:
                parts.append("three steps away")
            parts += [what] if what else []
            if networks:
                parts.append(f"both in {quoted}")
            if overloaded:
                parts.append(f"already has {self.degree[j]} contacts")
        return {"id": str(self.ids[j]), "name": self.names[j], "score": float(score), "reason": "; ".join(parts),
                "steps": steps, "shared_contacts": int(shared), "shared_networks": networks,
                "other_domain": bool(self._differs(self._domain_code, i, j)),
                "other_profession": bool(self._differs(self._profession_code, i, j)), "overloaded": overloaded,
                "contacts": int(self.degree[j]), "coordinator": coordinator, "bridge_domains": int(bridges)}


def suggest(dataset: Dataset, *, person: str, n: int = 5, tie_table: pd.DataFrame | None = None,
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
    >>> s = suggest(ds, person="a")
    >>> for row in s.table[["id", "reason"]].itertuples(index=False):
    ...     print(*row)
    c shares 1 contact; huisarts in zorg
    d shares 1 contact; huisarts in zorg
    e three steps away; agent in veiligheid
    """
    return Scorer(dataset, tie_table=tie_table, **weights).suggest(person, n)
