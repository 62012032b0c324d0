"""Role groups: the free ``role`` values users write, mapped to a few groups collabgraph reasons with.

People tables name roles in Dutch or English, with or without accents and capitals
(``Netwerkcoördinator``, ``coordinator``, ``Trekker``). :data:`SYNONYMS` maps the usual labels to
one of :data:`GROUPS`; matching ignores case, accents, spaces, hyphens and underscores
(``Netwerk-coördinator``, ``netwerk coordinator`` and ``netwerkcoördinator`` are one value). A role
value that matches no synonym is ``professional`` (issue 14: "professional = the rest"); a missing or
blank role has no group (``None``). A *role map* (a dict value -> group, from ``--role-map FILE`` or
:meth:`collabgraph.dataset.Dataset.with_role_map`) adds values or overrides the built-in list; it is
matched the same way and checked by :func:`check_role_map`.

*Coordinator values* (``--coordinator-role VALUE``, ``coordinator_roles=`` in Python), when given, decide
the ``coordinator`` group alone, for every figure that uses roles: a value matching one of them (matched
the same way) is ``coordinator``, whatever the role map or the built-in list say; a value that would
otherwise be ``coordinator`` but matches none of them is ``professional``. :func:`role_mapping` says so
in its ``source`` column.

Groups
------
``coordinator``
    the person who runs a learning network: coordinator, coördinator, netwerkcoördinator,
    projectleider, trekker, procesbegeleider (and English equivalents).
``experiential_expert``
    ervaringsdeskundige, experiential expert, expert by experience.
``educator``
    docent, opleider, teacher, lecturer, educator, trainer.
``student``
    student, stagiair, intern, trainee.
``client``
    cliënt, naaste, mantelzorger, client, relative, informal carer.
``professional``
    professional, practitioner, and every other role value (huisarts, wijkverpleegkundige ...).

Examples
--------
>>> role_group("Netwerkcoördinator"), role_group(" TREKKER "), role_group("mantelzorger"), role_group("huisarts")
('coordinator', 'coordinator', 'client', 'professional')
>>> role_group(None), role_group("huisarts", role_map={"Huisarts": "educator"})
(None, 'educator')
>>> coordinators(pd.Series(["coördinator", "docent", None, "Projectleider"]))
(array([ True, False, False,  True]), ['Projectleider', 'coördinator'])
>>> coordinators(pd.Series(["voorzitter", "coördinator"]), values=["Voorzitter"])[0]
array([ True, False])
>>> role_group("Voorzitter", coordinator_roles=["voorzitter"]), role_group("trekker", coordinator_roles=["voorzitter"])
('coordinator', 'professional')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from collabgraph.errors import ParameterError

__all__ = ["GROUPS", "SOURCES", "SYNONYMS", "check_role_map", "coordinators", "normalise", "role_group", "role_groups",
           "role_mapping"]

GROUPS = ("coordinator", "experiential_expert", "educator", "student", "client", "professional")

#: Group -> the role labels (Dutch and English) that belong to it, as users write them.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "coordinator": ("coordinator", "coördinator", "netwerkcoördinator", "network coordinator", "projectleider",
                    "project leader", "trekker", "procesbegeleider", "process facilitator"),
    "experiential_expert": ("ervaringsdeskundige", "experiential expert", "expert by experience"),
    "educator": ("docent", "opleider", "teacher", "lecturer", "educator", "trainer"),
    "student": ("student", "stagiair", "intern", "trainee"),
    "client": ("cliënt", "naaste", "mantelzorger", "client", "relative", "informal carer"),
    "professional": ("professional", "practitioner"),
}


def normalise(value: str) -> str:
    """Lower case, accents, spaces, hyphens and underscores removed: the key role values are matched by.

    >>> normalise("  Netwerk-Coördinator "), normalise("ervarings deskundige")
    ('netwerkcoordinator', 'ervaringsdeskundige')
    """
    text = unicodedata.normalize("NFKD", str(value).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", "", text)


_LOOKUP = {normalise(label): group for group, labels in SYNONYMS.items() for label in labels}

#: Where a value's group comes from, as :func:`role_mapping` says it: the role map, the built-in list, no
#: synonym (``professional``), one of the coordinator values given, or a coordinator by the role map or the
#: built-in list that is none of the coordinator values given (``professional``).
SOURCES = ("role map", "built-in list", "the rest", "coordinator value", "not a coordinator value")


def check_role_map(role_map: Mapping[str, str] | None) -> dict[str, str] | None:
    """``role_map`` checked: every group one of :data:`GROUPS`, no value (as matched) mapped to two groups.

    Raises
    ------
    ParameterError
        Naming the value and the groups.

    Examples
    --------
    >>> check_role_map({"Huisarts": "professional", "huis-arts": "professional"})
    {'Huisarts': 'professional', 'huis-arts': 'professional'}
    >>> check_role_map({"Huisarts": "educator", "huisarts": "client"})
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: role_map must map each role value to one group; got 'huisarts' to educator ...
    """
    if role_map is None:
        return None
    seen: dict[str, str] = {}
    for value, group in role_map.items():
        if not isinstance(value, str) or not normalise(value):
            raise ParameterError(f"role_map values must be non-empty text; got {value!r}.")
        if group not in GROUPS:
            raise ParameterError(f"role_map groups must be one of {', '.join(GROUPS)}; got {group!r} for {value!r}.")
        key = normalise(value)
        if seen.get(key, group) != group:
            raise ParameterError(f"role_map must map each role value to one group; got {value!r} to {seen[key]} "
                                 f"and {group}.")
        seen[key] = group
    return dict(role_map)


def _mapped(role_map: Mapping[str, str] | None) -> dict[str, str]:
    return {normalise(value): group for value, group in (role_map or {}).items()}


def _named(values: Iterable[str] | None) -> frozenset[str] | None:
    """The coordinator values given, as matched (:func:`normalise`); None when not given.

    >>> sorted(_named(["Voorzitter", "netwerk-coördinator"]))
    ['netwerkcoordinator', 'voorzitter']
    >>> _named("voorzitter")
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: coordinator_roles must be a list of role values; got 'voorzitter'.
    """
    if values is None:
        return None
    if isinstance(values, str | bytes) or not isinstance(values, Iterable):
        raise ParameterError(f"coordinator_roles must be a list of role values; got {values!r}.")
    values = list(values)
    for value in values:
        if not isinstance(value, str) or not normalise(value):
            raise ParameterError(f"coordinator_roles must be non-empty role values; got {value!r}.")
    return frozenset(normalise(value) for value in values)


def _source(value, mapped: dict[str, str], named: frozenset[str] | None = None) -> tuple[str | None, str | None]:
    """(group, source) of one role value (``(None, None)`` when missing or blank); ``mapped``: :func:`_mapped`,
    ``named``: :func:`_named` (the coordinator values given, which alone decide the ``coordinator`` group)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None, None
    key = normalise(value)
    if not key:
        return None, None
    if named is not None and key in named:
        return "coordinator", "coordinator value"
    if key in mapped:
        group, source = mapped[key], "role map"
    elif key in _LOOKUP:
        group, source = _LOOKUP[key], "built-in list"
    else:
        group, source = "professional", "the rest"
    if named is not None and group == "coordinator":
        return "professional", "not a coordinator value"
    return group, source


def role_group(value, role_map: Mapping[str, str] | None = None, *,
               coordinator_roles: Iterable[str] | None = None) -> str | None:
    """The group of one role value: ``coordinator`` when it is one of ``coordinator_roles`` (when given), else
    ``role_map``, then :data:`SYNONYMS`, else ``professional`` (also a ``coordinator`` of those when
    ``coordinator_roles`` are given and it is none of them); ``None`` when the value is missing or blank."""
    return _source(value, _mapped(role_map), _named(coordinator_roles))[0]


def role_groups(roles: pd.Series, role_map: Mapping[str, str] | None = None, *,
                coordinator_roles: Iterable[str] | None = None) -> pd.Series:
    """:func:`role_group` of every value of ``roles`` (same index; missing where the role is missing)."""
    mapped, named = _mapped(role_map), _named(coordinator_roles)
    groups = {value: _source(value, mapped, named)[0] for value in roles.dropna().unique()}
    return roles.map(groups).astype("string")


def role_mapping(roles: pd.Series, role_map: Mapping[str, str] | None = None, *,
                 coordinator_roles: Iterable[str] | None = None) -> pd.DataFrame:
    """Which role values of the data went to which group, and why: what every command that uses roles shows.

    Parameters
    ----------
    roles : Series
        The ``role`` column of the people table.
    role_map : mapping, optional
        Extra value -> group pairs (``Dataset.role_map``).
    coordinator_roles : iterable of str, optional
        The role values that mean coordinator (``--coordinator-role``); when given, they alone make the
        ``coordinator`` group (module docstring).

    Returns
    -------
    DataFrame
        One row per distinct role value (sorted by group in :data:`GROUPS` order, then value): ``value``,
        ``group``, ``source`` (one of :data:`SOURCES`: the role map, the built-in synonym list, ``the
        rest``: no synonym, so ``professional``; with ``coordinator_roles``: ``coordinator value``, or
        ``not a coordinator value`` for a value the role map or the list would make a coordinator, now
        ``professional``) and ``count`` (people with that value). People without a role are in no row.

    Examples
    --------
    >>> roles = pd.Series(["Trekker", "huisarts", "trekker", None, "docent"])
    >>> role_mapping(roles, {"docent": "professional"}).values.tolist()
    [['Trekker', 'coordinator', 'built-in list', 1], ['trekker', 'coordinator', 'built-in list', 1], \
['docent', 'professional', 'role map', 1], ['huisarts', 'professional', 'the rest', 1]]
    >>> role_mapping(roles, coordinator_roles=["Docent"]).values.tolist()
    [['docent', 'coordinator', 'coordinator value', 1], ['Trekker', 'professional', 'not a coordinator value', 1], \
['huisarts', 'professional', 'the rest', 1], ['trekker', 'professional', 'not a coordinator value', 1]]
    """
    counts = roles.dropna().astype(str).value_counts()
    mapped, named = _mapped(role_map), _named(coordinator_roles)
    rows = [(value, *_source(value, mapped, named), int(count)) for value, count in counts.items()]
    rows = [r for r in rows if r[1] is not None]
    rows.sort(key=lambda r: (GROUPS.index(r[1]), r[0]))
    return pd.DataFrame(rows, columns=["value", "group", "source", "count"]).astype({"count": np.int64})


def coordinators(roles: pd.Series, values: Iterable[str] | None = None,
                 role_map: Mapping[str, str] | None = None) -> tuple[np.ndarray, list[str]]:
    """Who is a coordinator, and which role values made them one.

    Parameters
    ----------
    roles : Series
        The ``role`` column of the people table.
    values : iterable of str, optional
        The role values that mean coordinator (``coordinator_roles`` of :func:`role_groups`: matched like
        the built-in list, case, accents and spaces ignored). Default: the values whose group is
        ``coordinator`` (:func:`role_group` with ``role_map``). Either way the people whose
        :func:`role_groups` is ``coordinator``: the same rule as every role-group figure.
    role_map : mapping, optional
        Extra value -> group pairs (``Dataset.role_map``); not used when ``values`` are given.

    Returns
    -------
    mask : array of bool
        One per person.
    matched : list of str
        The distinct role values in ``roles`` that were treated as coordinator, sorted.
    """
    mapped, named = _mapped(role_map), _named(values)
    matched = sorted(str(value) for value in roles.dropna().unique()
                     if _source(value, mapped, named)[0] == "coordinator")
    mask = roles.isin(matched).fillna(False).to_numpy(dtype=bool) if matched else np.zeros(len(roles), bool)
    return mask, matched
