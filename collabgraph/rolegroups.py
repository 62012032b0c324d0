"""Role groups: the free ``role`` values users write, mapped to a few groups collabgraph reasons with.

People tables name roles in Dutch or English, with or without accents and capitals
(``Netwerkcoördinator``, ``coordinator``, ``Trekker``). :data:`SYNONYMS` maps the usual labels to
one of :data:`GROUPS`; matching ignores case, accents, surrounding spaces and the difference between
spaces, hyphens and underscores. A value that is not in the list has no group (``None``): nothing
is guessed.

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
    professional, practitioner.

Examples
--------
>>> role_group("Netwerkcoördinator"), role_group(" TREKKER "), role_group("mantelzorger"), role_group("wethouder")
('coordinator', 'coordinator', 'client', None)
>>> coordinators(pd.Series(["coördinator", "docent", None, "Projectleider"]))
(array([ True, False, False,  True]), ['Projectleider', 'coördinator'])
>>> coordinators(pd.Series(["voorzitter", "coördinator"]), values=["Voorzitter"])[0]
array([ True, False])
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["GROUPS", "SYNONYMS", "coordinators", "normalise", "role_group", "role_groups"]

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
    """Lower case, accents removed, runs of spaces, hyphens and underscores as one space, trimmed.

    >>> normalise("  Netwerk-Coördinator ")
    'netwerk coordinator'
    """
    text = unicodedata.normalize("NFKD", str(value).casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[\s_\-]+", " ", text).strip()


_LOOKUP = {normalise(label): group for group, labels in SYNONYMS.items() for label in labels}


def role_group(value) -> str | None:
    """The group of one role value (``None`` when missing or not in :data:`SYNONYMS`)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    return _LOOKUP.get(normalise(value))


def role_groups(roles: pd.Series) -> pd.Series:
    """:func:`role_group` of every value of ``roles`` (same index; missing where no group)."""
    groups = {value: role_group(value) for value in roles.dropna().unique()}
    return roles.map(groups).astype("string")


def coordinators(roles: pd.Series, values: Iterable[str] | None = None) -> tuple[np.ndarray, list[str]]:
    """Who is a coordinator, and which role values made them one.

    Parameters
    ----------
    roles : Series
        The ``role`` column of the people table.
    values : iterable of str, optional
        The role values that mean coordinator (matched like the built-in list: case, accents and
        spaces ignored). Default: the ``coordinator`` group of :data:`SYNONYMS`.

    Returns
    -------
    mask : array of bool
        One per person.
    matched : list of str
        The distinct role values in ``roles`` that were treated as coordinator, sorted.
    """
    wanted = None if values is None else {normalise(v) for v in values}
    matched = sorted(str(value) for value in roles.dropna().unique()
                     if (role_group(value) == "coordinator" if wanted is None else normalise(value) in wanted))
    mask = roles.isin(matched).fillna(False).to_numpy(dtype=bool) if matched else np.zeros(len(roles), bool)
    return mask, matched
