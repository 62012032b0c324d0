"""People's groups: which attribute a ``by`` names, each person's group as a code, the programme's label.

The room of this module: the plumbing every measure that groups people shares (mixing, levels, reach,
brokerage, hours, forms, communities, durability, periods, role groups, the scorecard and the attribute
graph), so that no metric imports another for it and every unknown attribute is refused in one form:
``"by must be one of name, role, ...; got 'hobby'."``

Examples
--------
>>> people = pd.DataFrame({"domain": ["zorg", None, "welzijn"]}, index=["a", "b", "c"])
>>> group_codes(people, "hobby")
Traceback (most recent call last):
...
collabgraph.errors.ParameterError: by must be 'domain'; got 'hobby'.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from collabgraph.params import Options, check

__all__ = ["NO_NETWORK", "NO_NETWORK_WORDS", "PROGRAMME", "check_attribute", "group_codes", "no_network_label"]

#: The label of the row for the whole programme (every learning network together) in the tables with one
#: row per learning network (the scorecard, network durability, role groups).
PROGRAMME = "(all networks)"


def check_attribute(columns: Iterable, value, *, name: str = "by", also: Iterable = ()) -> None:
    """Raise :class:`~collabgraph.errors.ParameterError` unless ``value`` is one of ``columns`` (or of ``also``).

    The message lists the attributes there are, in their order: ``"NAME must be one of ...; got VALUE."``

    Examples
    --------
    >>> check_attribute(["role", "domain"], "domain")
    >>> check_attribute(["role", "domain"], "sector", also=["network"])
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: by must be one of role, domain, network; got 'sector'.
    """
    check(name, value, Options(list(dict.fromkeys([*columns, *also]))))


def group_codes(people: pd.DataFrame, by: str, *, name: str = "by") -> tuple[np.ndarray, list[str]]:
    """Integer group of every person (-1 when missing) and the sorted group labels.

    Raises :class:`~collabgraph.errors.ParameterError` naming the available attributes when ``by``
    is not a column of ``people`` (:func:`check_attribute`; ``name`` is the parameter it came from).

    Examples
    --------
    >>> people = pd.DataFrame({"domain": ["zorg", None, "welzijn"]}, index=["a", "b", "c"])
    >>> codes, labels = group_codes(people, "domain")
    >>> codes.tolist(), labels
    ([1, -1, 0], ['welzijn', 'zorg'])
    """
    check_attribute(people.columns, by, name=name)
    values = people[by].astype("string")
    codes, labels = pd.factorize(values, sort=True, use_na_sentinel=True)
    return codes.astype(np.int64), [str(x) for x in labels]


#: The attribution's name of the ties without a learning network (unless a network reads as it:
#: :func:`no_network_label`).
NO_NETWORK = "(no network)"
#: How the report's languages write :data:`NO_NETWORK` (collabgraph.report.texts ``v_(no network)``).
NO_NETWORK_WORDS = (NO_NETWORK, "(geen leernetwerk)")


def no_network_label(networks) -> str:
    """The attribution's name of the ties without a learning network, kept apart from the ``networks`` the data name.

    :data:`NO_NETWORK`, unless a network reads as it in either report language (``(no network)``,
    ``(geen leernetwerk)``, in any case): then ``*`` is added until no network is that, as
    :func:`collabgraph.privacy.other_label` keeps its label apart, so a real network ``(no network)`` and the ties
    without one are never one row.

    Examples
    --------
    >>> no_network_label(["Noord"]), no_network_label(["(No network)"]), no_network_label(["(geen leernetwerk)*"])
    ('(no network)', '(no network)*', '(no network)')
    >>> no_network_label(["(no network)", "(geen leernetwerk)*"])
    '(no network)**'

    """
    taken = {str(n).casefold() for n in networks}
    if not taken & set(NO_NETWORK_WORDS):
        return NO_NETWORK
    label = NO_NETWORK + "*"
    while taken & {word.casefold() + label[len(NO_NETWORK):] for word in NO_NETWORK_WORDS}:
        label += "*"
    return label
