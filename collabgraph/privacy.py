"""Pseudonymisation and suppression of small groups, for reports and exports that leave the team.

Privacy model
-------------
:func:`pseudonymise` returns a new :class:`~collabgraph.dataset.Dataset` in which every person id
is replaced by a stable salted pseudonym ``P-`` + the first 8 hex digits of
``HMAC-SHA256(salt, id)`` (more digits for everyone when 8 would give two people the same
pseudonym), and every name by that pseudonym. Because the report and the exports are built from
this dataset, no original id or name reaches any output file. With the same salt the same person
gets the same pseudonym in every report, so reports can be compared; without a salt a random one
is drawn, used once and never written anywhere (the pseudonyms cannot then be reproduced).

Free text that may hold names is removed too: event titles (``Intervisie bij Jan``), and free
attribute columns of the people table (anything beyond ``role, profession, organisation, domain,
joined, left``) unless listed in ``keep`` (the attribute a report is broken down by), and free columns
of the networks table (its ``coordinator`` becomes the coordinator's pseudonym). Validation
messages, which quote input values, are reduced to their codes.

Pseudonymisation is not anonymisation: a person can still be recognised from their combination of
organisation, profession and ties (the only GP in a network). :func:`suppress` hides the counts of
groups smaller than ``min_group`` in tables broken down by an attribute, and :func:`generalise` shows
a person's attribute value in person-level outputs only when at least ``min_group`` people share it
(else ``other``): pseudonymised reports and exports do so for every attribute, other reports for
the attribute the report is broken down by (so people.csv cannot be counted around the group tables).

Where the rows of a table add up to a total the same report shows, one hidden row would be that total minus the
rows shown. :func:`complement` (secondary suppression) then hides one more row of that table: the next-smallest
``by`` group (:func:`hidden_groups`: the groups' sizes add up to the people whose value is known, their ties
within to the ties within groups), the next-smallest learning network (:func:`hidden_networks`: the programme rows
sum the networks' hours, events and ties formed and count their members), the learning network with the fewest
hours (the hours' total) and the attribution row with the fewest ties in each level (each adds up to the change),
where a table still hides a single row. One decision per table,
:func:`suppressed_tables`, feeds the page, the CSV files and analysis.json; a ``by`` group hidden so is ``other``
in person-level outputs too (:func:`generalise` with ``hide``), or people.csv would count the small group.

Examples
--------
>>> pseudonym(b"secret", "P0001")
'P-29b3420f'
>>> import pandas as pd
>>> t = pd.DataFrame({"group": ["zorg", "wonen"], "size": [12, 2], "ei_index": [0.5, -1.0]})
>>> suppress(t, 3).values.tolist()
[['zorg', 12, 0.5], ['wonen', '<3', '<3']]
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from collabgraph.dataset import NETWORK_COLUMNS, Dataset
from collabgraph.errors import Issue, ParameterError
from collabgraph.params import Interval, check

if TYPE_CHECKING:
    from collabgraph.analysis import Analysis

__all__ = ["KEPT_COLUMNS", "OTHER", "PERSON_ATTRIBUTES", "complement", "generalise", "generalise_composition",
           "generalised_columns", "groups_other_label", "hidden_groups", "hidden_networks", "hide_groups",
           "hide_networks", "hide_rows", "other_label", "other_labels", "pseudonym", "pseudonymise", "read_salt",
           "small_groups", "small_networks", "suppress", "suppress_attribution", "suppress_with_complement",
           "suppressed_tables"]

#: People columns kept by :func:`pseudonymise` (besides ``name``, which becomes the pseudonym).
KEPT_COLUMNS = ("role", "profession", "organisation", "domain", "joined", "left")
#: Person attributes pseudonymised outputs show only when at least ``min_group`` people share the value.
PERSON_ATTRIBUTES = ("role", "profession", "organisation", "domain")
#: What :func:`generalise` shows instead of a value fewer than ``k`` people share (unless a value shown is
#: read as it: :func:`other_label`).
OTHER = "other"


def other_label(shown, k: int) -> str:
    """The label of the values fewer than ``k`` people share, kept apart from the values ``shown``.

    :data:`OTHER`, unless a value shown (held by at least ``k``) reads as it in either report language
    (``other``, ``overig``, in any case): then ``other (<k)`` (with ``*`` added while a shown value is that),
    so a real group named ``other`` and the folded small ones never become one row or one colour.

    Examples
    --------
    >>> other_label(["zorg", "wonen"], 3), other_label(["zorg", "Other"], 3), other_label(["overig"], 5)
    ('other', 'other (<3)', 'other (<5)')
    """
    taken = {str(v).casefold() for v in shown}
    if not taken & {OTHER, "overig"}:
        return OTHER
    label = f"{OTHER} (<{k})"
    while label.casefold() in taken:
        label += "*"
    return label


def pseudonym(salt: bytes, value: str, digits: int = 8) -> str:
    """``P-`` + the first ``digits`` hex digits of HMAC-SHA256(salt, value)."""
    return "P-" + hmac.new(salt, str(value).encode("utf-8"), hashlib.sha256).hexdigest()[:digits]


def read_salt(salt: str | None = None, salt_file: Path | str | None = None) -> tuple[bytes, bool]:
    """The salt from text or a file (its bytes, surrounding whitespace stripped), else a random one.

    Returns
    -------
    (bytes, bool)
        The salt, and whether it was given (pseudonyms reproducible) or drawn at random.
    """
    if salt is not None and salt_file is not None:
        raise ParameterError("Give the salt as text (salt=) or in a file (salt_file=), not both.")
    if salt_file is not None:
        value = Path(salt_file).read_bytes().strip()
        if not value:
            raise ParameterError(f"The salt file {salt_file} is empty.")
        return value, True
    if salt is not None:
        if not salt:
            raise ParameterError("The salt must not be empty.")
        return salt.encode("utf-8"), True
    return secrets.token_bytes(32), False


def _mapping(ids: pd.Index, salt: bytes) -> dict[str, str]:
    for digits in range(8, 65, 2):
        names = {str(i): pseudonym(salt, i, digits) for i in ids}
        if len(set(names.values())) == len(names):
            return names
    raise ParameterError("Two ids have the same pseudonym even with 64 hex digits.")


def pseudonymise(dataset: Dataset, salt: bytes, *, keep: tuple[str, ...] = ()) -> Dataset:
    """Replace ids and names by salted pseudonyms and drop free text (see the module docstring).

    Parameters
    ----------
    dataset : Dataset
    salt : bytes
        The secret of the HMAC; never stored in the result.
    keep : tuple of str
        Free attribute columns to keep (e.g. the ``--by`` attribute of a report).

    Returns
    -------
    Dataset
        The same records with pseudonymous ids; people keep their order.

    Examples
    --------
    >>> import pandas as pd
    >>> from collabgraph import from_frames
    >>> ds = from_frames(people=pd.DataFrame({"id": ["P0001", "P0002"], "name": ["An", "Bo"], "hobby": ["x", "y"]}),
    ...                  interactions=pd.DataFrame({"source": ["P0001"], "target": ["P0002"]}))
    >>> p = pseudonymise(ds, b"secret")
    >>> list(p.people.index), list(p.people["name"]), "hobby" in p.people
    (['P-29b3420f', 'P-8c839fdc'], ['P-29b3420f', 'P-8c839fdc'], False)
    """
    people = dataset.people
    names = _mapping(people.index, salt)

    def swap(values: pd.Series) -> pd.Series:
        return values.astype(object).map(lambda v: names.get(str(v), v) if pd.notna(v) else v).astype("string")

    columns = [c for c in people.columns if (c in KEPT_COLUMNS or c in keep) and c != "name"]  # name: the pseudonym
    new_people = people[columns].copy()
    new_people.insert(0, "name", pd.array([names[str(i)] for i in people.index], dtype="string"))
    new_people.index = pd.Index([names[str(i)] for i in people.index], dtype="string", name=people.index.name)
    inter = dataset.interactions.assign(source=swap(dataset.interactions["source"]),
                                        target=swap(dataset.interactions["target"]))
    events = dataset.events.copy()
    if "title" in events:
        events["title"] = pd.array([pd.NA] * len(events), dtype="string")
    nets = dataset.network_table[list(NETWORK_COLUMNS)]  # its free columns may name people
    report = dataset.report
    if report is not None:
        def bare(found: list[Issue]) -> list[Issue]:  # messages quote ids and values: keep only the code
            return [Issue(i.file, i.row, i.column, i.code, i.code, i.severity) for i in found]

        report = replace(report, issues=bare(report.issues), warnings=bare(report.warnings),
                         follow_ons=bare(report.follow_ons), rejected_values={}, references={})
    return replace(dataset, people=new_people, interactions=inter, events=events,
                   attendance=dataset.attendance.assign(person=swap(dataset.attendance["person"])),
                   memberships=dataset.memberships.assign(person=swap(dataset.memberships["person"])),
                   network_table=nets.assign(coordinator=swap(nets["coordinator"])),
                   report=report)


def suppress(frame: pd.DataFrame, min_group: int, *, size: str = "size",
             columns: list[str] | None = None) -> pd.DataFrame:
    """Show the numbers of groups with fewer than ``min_group`` people as ``"<min_group"``.

    Parameters
    ----------
    frame : DataFrame
        One row per group, with its number of people in ``size``.
    min_group : int
        Smallest group shown (1: nothing is hidden).
    size : str
        Column with the group size.
    columns : list of str, optional
        Columns to hide for small groups; default ``size`` and every numeric column.

    Returns
    -------
    DataFrame
        A copy; hidden cells hold the text ``"<3"`` (for ``min_group=3``).
    """
    check("min_group", min_group, Interval(int, 1, None))
    small = pd.to_numeric(frame[size], errors="coerce") < min_group
    if not small.any():
        return frame.copy()
    if columns is None:
        columns = [c for c in frame.columns if c == size or pd.api.types.is_numeric_dtype(frame[c])]
    return hide_rows(frame, small.to_numpy(bool), f"<{min_group}", columns)


def suppress_with_complement(frame: pd.DataFrame, min_group: int, *, size: str = "members",
                             key: str = "group") -> pd.DataFrame:
    """:func:`suppress` of a table whose rows add up to a total the report shows, with :func:`complement`: a single
    row smaller than ``min_group`` is hidden with the next-smallest (of equal sizes the first by ``key``).

    >>> t = pd.DataFrame({"group": ["student", "educator", "professional"], "members": [1, 4, 9]})
    >>> suppress_with_complement(t, 3)["members"].tolist()
    ['<3', '<3', 9]
    """
    check("min_group", min_group, Interval(int, 1, None))
    if not len(frame):
        return frame.copy()
    sizes = pd.to_numeric(frame[size], errors="coerce")
    hide = complement((sizes < min_group).to_numpy(bool), sizes.to_numpy(float), key=frame[key])
    columns = [c for c in frame.columns if c == size or pd.api.types.is_numeric_dtype(frame[c])]
    return hide_rows(frame, hide, f"<{min_group}", columns)


def hide_rows(frame: pd.DataFrame, rows, label: str, columns: list[str] | None = None) -> pd.DataFrame:
    """``frame`` with the ``columns`` (default: every numeric one) of the ``rows`` (a boolean mask) as ``label``.

    >>> hide_rows(pd.DataFrame({"network": ["A", "B"], "ties": [4, 1]}), [False, True], "<3").values.tolist()
    [['A', 4], ['B', '<3']]
    """
    hide = np.asarray(rows, dtype=bool)
    if not hide.any():
        return frame.copy()
    if columns is None:
        columns = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
    out = frame.copy()
    for c in dict.fromkeys(columns):  # column by column: one masked .loc assignment cost more than all of them
        values = frame[c].to_numpy(dtype=object, copy=True)
        values[hide] = label
        out[c] = pd.Series(values, index=frame.index, dtype=object)  # object: the labels are not made a str column
    return out


def complement(hide, size, level=None, key=None) -> np.ndarray:
    """Complementary (secondary) suppression: where a level's rows add up to a total the report shows and exactly
    one of them is hidden, the next-smallest row by ``size`` is hidden too, so the hidden one cannot be found as
    the total minus the rows shown (the standard rule of statistical disclosure control, e.g. Hundepool et al.
    2012, *Statistical Disclosure Control*, section 4.2: secondary suppression).

    Parameters
    ----------
    hide : array of bool
        The rows hidden so far (primary suppression).
    size : array of float
        What orders the rows (the smallest is hidden with the first).
    level : array, optional
        The level of each row; each level adds up to its own total (default: one level).
    key : array, optional
        Of equal sizes, the row first by ``key`` (as text; default: the first row) is hidden: with the rows'
        names, every output hides the same row whatever its order of the rows (analysis.json orders them by
        contribution, attribution.csv as computed), so no two outputs together show both.

    Returns
    -------
    ndarray of bool
        ``hide`` with the complementary rows.

    Examples
    --------
    >>> complement([False, True, False, False], [5, 1, 4, 9]).tolist()
    [False, True, True, False]
    >>> complement([True, False, False], [1, 4, 4], key=["Klein", "B", "A"]).tolist()
    [True, False, True]
    """
    hide = np.array(hide, dtype=bool)
    size = np.asarray(size, dtype=float)
    level = np.zeros(len(hide)) if level is None else np.asarray(level, dtype=object)
    key = np.arange(len(hide)) if key is None else np.array([str(k) for k in key], dtype=object)
    for value in pd.unique(level):
        rows = level == value
        visible = np.flatnonzero(rows & ~hide)
        if (hide & rows).sum() == 1 and len(visible):
            smallest = visible[size[visible] == np.nanmin(size[visible])] if not np.isnan(size[visible]).all() \
                else visible
            hide[min(smallest, key=lambda i: (key[i], i))] = True  # of equal sizes, the first by key
    return hide


def small_groups(groups: pd.DataFrame, min_group: int) -> set[str]:
    """The groups (as text) of a group table (``group``, ``size``) with fewer than ``min_group`` people.

    >>> sorted(small_groups(pd.DataFrame({"group": ["zorg", "wonen", "gas"], "size": [12, 2, 0]}), 3))
    ['gas', 'wonen']

    A table already through :func:`suppress` shows small sizes as ``<N``; those groups are small too:

    >>> sorted(small_groups(pd.DataFrame({"group": ["zorg", "wonen"], "size": [12, "<3"]}), 3))
    ['wonen']
    """
    check("min_group", min_group, Interval(int, 1, None))
    size = groups["size"]
    small = (pd.to_numeric(size, errors="coerce") < min_group) | size.astype(str).str.startswith("<")
    return set(groups.loc[small, "group"].astype(str))


def hidden_groups(groups: pd.DataFrame, min_group: int) -> set[str]:
    """The groups (as text) of a group table (``group``, ``size``) that every output of a report hides: those with
    fewer than ``min_group`` people (:func:`small_groups`) and, when that is exactly one, the next-smallest too
    (:func:`complement`; of equal sizes the first by name). The sizes add up to the people whose value is known,
    which a report says (its people and those whose value is missing), so one hidden group would be that total
    minus the groups shown, and so would its ties, E-I and mixing row.

    >>> sorted(hidden_groups(pd.DataFrame({"group": ["zorg", "wonen", "uniek"], "size": [4, 3, 1]}), 3))
    ['uniek', 'wonen']
    >>> sorted(hidden_groups(pd.DataFrame({"group": ["zorg", "wonen", "uniek"], "size": [4, 3, 3]}), 3))
    []
    """
    return _with_complement(groups["group"], groups["size"], small_groups(groups, min_group))


def _with_complement(names: pd.Series, sizes: pd.Series, small: set[str]) -> set[str]:
    """The ``small`` names and, when that is exactly one, the next-smallest by ``sizes`` (:func:`complement`, which
    adds nothing to none or two or more; of equal sizes the first by name)."""
    names = names.astype(str)
    return set(names[complement(names.isin(small).to_numpy(), pd.to_numeric(sizes, errors="coerce"), key=names)])


def hide_groups(frame: pd.DataFrame, hidden: set[str], label: str, *, column: str = "group") -> pd.DataFrame:
    """``frame`` with every numeric column of the rows whose ``column`` (as text) is in ``hidden`` as ``label``.

    >>> hide_groups(pd.DataFrame({"group": ["zorg", "uniek"], "size": [4, 1]}), {"uniek"}, "<3").values.tolist()
    [['zorg', 4], ['uniek', '<3']]
    """
    return hide_rows(frame, frame[column].astype(str).isin(hidden).to_numpy(), label) if len(frame) else frame.copy()


def suppressed_tables(analysis: Analysis, *, min_group: int) -> dict[str, pd.DataFrame]:
    """The group tables of ``analysis`` as every output of a report shows them (its page, CSV files and
    analysis.json): the numbers of a group smaller than ``min_group`` as ``"<min_group"`` (:func:`suppress`).

    Parameters
    ----------
    analysis : Analysis
    min_group : int
        Smallest group shown (``--min-group``).

    Returns
    -------
    dict of str to DataFrame
        ``groups`` (the ``by`` groups of ``analysis.mixing``), ``mixing`` (its matrix, every row and column
        of a hidden group as ``"<min_group"``), ``reach_groups``: the groups :func:`hidden_groups` hides (the
        small ones, and the complement of a single one); ``networks`` (learning networks of
        ``analysis.pollination``), ``reach_networks``: the networks :func:`hidden_networks` hides;
        ``reach_roles`` (by their ``members``, with :func:`complement`: the page says how many people have no role);
        ``network_ties`` (the pairs of learning networks, a pair with a hidden network hidden), ``hours`` (per
        learning network) and, with a period comparison, ``attribution`` (hidden networks and groups, a person's
        hidden group ``other``). Copies.
    """
    label = f"<{min_group}"
    hidden = hidden_groups(analysis.mixing.groups, min_group)
    matrix = analysis.mixing.mixing.astype(object)
    values = matrix.to_numpy(dtype=object, copy=True)  # in numpy: two masked .loc assignments cost ~70 ms
    values[matrix.index.astype(str).isin(hidden), :] = label
    values[:, matrix.columns.astype(str).isin(hidden)] = label
    matrix = pd.DataFrame(values, index=matrix.index, columns=matrix.columns, dtype=object)
    out = {"groups": hide_groups(analysis.mixing.groups, hidden, label), "mixing": matrix,
           "reach_groups": _hide_reach_groups(analysis.reach_groups, hidden, min_group)}
    nets = hidden_networks(analysis, min_group)
    out["networks"] = hide_networks(analysis.pollination.networks, min_group, nets)
    out["reach_networks"] = hide_networks(analysis.reach_networks, min_group, nets, column="group")
    out["reach_roles"] = suppress_with_complement(analysis.reach_roles, min_group)  # + those without: everyone
    ties = analysis.pollination.between_network_ties
    out["network_ties"] = hide_rows(ties, ties["network_a"].astype(str).isin(nets).to_numpy()
                                    | ties["network_b"].astype(str).isin(nets).to_numpy(), label)
    hours = analysis.hours.networks.reset_index()
    out["hours"] = hide_rows(hours, complement(hours["network"].astype(str).isin(nets).to_numpy(), hours["hours"],
                                               key=hours["network"]),
                             label)  # the page says the total: one hidden row would be the total minus the others
    if analysis.comparison is not None:
        out["attribution"] = suppress_attribution(analysis.comparison.attribution, nets, hidden, label,
                                                  other=groups_other_label(analysis, min_group))
    return out


def _hide_reach_groups(frame: pd.DataFrame, hidden: set[str], min_group: int) -> pd.DataFrame:
    """The reach per ``by`` group with the ``hidden`` groups' numbers (and any group of fewer ``members``) hidden."""
    if not len(frame):
        return frame.copy()
    rows = frame["group"].astype(str).isin(hidden).to_numpy() | (frame["members"] < min_group).to_numpy(bool)
    return hide_rows(frame, rows, f"<{min_group}")


def groups_other_label(analysis: Analysis, min_group: int) -> str:
    """What a person's hidden group (:func:`hidden_groups` of its ``by`` groups, ``analysis.mixing.groups``) reads in
    a report: :func:`other_label` of the groups shown, as :func:`generalise` labels them.

    >>> from types import SimpleNamespace
    >>> groups = pd.DataFrame({"group": ["other", "zorg", "wonen", "uniek"], "size": [4, 3, 3, 1]})
    >>> groups_other_label(SimpleNamespace(mixing=SimpleNamespace(groups=groups)), 3)
    'other (<3)'
    """
    groups = analysis.mixing.groups
    names = groups["group"].dropna()
    return other_label(names[~names.astype(str).isin(hidden_groups(groups, min_group))], min_group)


def hidden_networks(analysis: Analysis, min_group: int) -> set[str]:
    """The learning networks (as text) every output of a report hides: those with fewer than ``min_group`` members
    (:func:`small_networks`) and, when that is exactly one, the next-smallest by members too (:func:`complement`; of
    equal sizes the first by name). The programme rows (the scorecard's, doorwerking's, the experts' and the
    education-practice ties') sum the networks' hours, events, attendances and ties formed and count their members,
    so one hidden network's figures would be the programme's minus the networks shown.

    >>> from types import SimpleNamespace
    >>> nets = pd.DataFrame({"network": ["Groot", "Klein", "Midden"], "members": [6, 2, 4]})
    >>> sorted(hidden_networks(SimpleNamespace(pollination=SimpleNamespace(networks=nets)), 3))
    ['Klein', 'Midden']
    """
    nets = analysis.pollination.networks
    return _with_complement(nets["network"], nets["members"], small_networks(analysis, min_group)) if len(nets) \
        else set()


def hide_networks(frame: pd.DataFrame, min_group: int, hidden: set[str], *, column: str = "network",
                  columns: list[str] | None = None) -> pd.DataFrame:
    """A per-network table as :func:`suppress` by its ``members`` shows it, with the rows of the ``hidden`` networks
    (:func:`hidden_networks`; in ``column``, a row of ``level`` ``programme`` never) hidden as well.

    >>> t = pd.DataFrame({"network": ["Groot", "Midden", "Klein"], "members": [6, 4, 2]})
    >>> hide_networks(t, 3, {"Klein", "Midden"})["members"].tolist()
    [6, '<3', '<3']
    """
    if not len(frame):
        return frame.copy()
    rows = (pd.to_numeric(frame["members"], errors="coerce") < min_group).to_numpy(bool)
    named = frame[column].astype(str).isin(hidden).to_numpy()
    if "level" in frame:
        named = named & (frame["level"] != "programme").to_numpy(bool)
    if columns is None:
        columns = [c for c in frame.columns if c == "members" or pd.api.types.is_numeric_dtype(frame[c])]
    return hide_rows(frame, rows | named, f"<{min_group}", columns)


def small_networks(analysis: Analysis, min_group: int) -> set[str]:
    """The learning networks (as text) of ``analysis`` with fewer than ``min_group`` members
    (``analysis.pollination.networks``), whose figures every output of a report shows as ``"<min_group"``.

    >>> from types import SimpleNamespace
    >>> nets = pd.DataFrame({"network": ["Groot", "Klein"], "members": [6, 2]})
    >>> small_networks(SimpleNamespace(pollination=SimpleNamespace(networks=nets)), 3)
    {'Klein'}
    """
    nets = analysis.pollination.networks
    return set(nets.loc[nets["members"] < min_group, "network"].astype(str)) if len(nets) else set()


def suppress_attribution(rows: pd.DataFrame, networks: set[str], groups: set[str], label: str, *,
                         other: str = OTHER) -> pd.DataFrame:
    """A period comparison's attribution (:func:`collabgraph.metrics.periods.compare_periods`) with the numbers
    of the small ``networks`` and of the small ``groups`` (also in a group pair) as ``label``, and a person's
    group ``other`` (:func:`other_label` of the groups shown) when it is small; then :func:`complement` in each
    level.

    >>> rows = pd.DataFrame({"level": ["tie_status", "network", "network", "network", "person"],
    ...                      "name": ["new", "Groot", "Klein", "Midden", "p1"], "group": [None] * 4 + ["onderwijs"],
    ...                      "ties_before": [4, 3, 1, 2, 1], "ties_after": [6, 4, 1, 2, 1],
    ...                      "contribution": [0.2, 0.1, 0.05, 0.05, 0.1]})
    >>> out = suppress_attribution(rows, {"Klein"}, {"onderwijs"}, "<3")
    >>> out["contribution"].tolist(), out["group"].tolist()[-1]
    ([0.2, 0.1, '<3', '<3', 0.1], 'other')
    """
    level, name = rows["level"].to_numpy(object), rows["name"].astype(str)
    pair = np.isin(level, ["group_pair", "new_tie_pair"])
    small = (level == "network") & name.isin(networks).to_numpy()
    small |= (level == "group") & name.isin(groups).to_numpy()
    labels = set(name[level == "group"]) | set(groups)  # a pair's name is "A – B" of two group labels
    pairs = {f"{a} – {b}" for g in groups for h in labels for a, b in ((g, h), (h, g))}
    small |= pair & name.isin(pairs).to_numpy()  # whole names: a label may itself hold " – "
    tied = rows["ties_before"].to_numpy(float) + rows["ties_after"].to_numpy(float)
    small = complement(small, tied, level, key=name)  # each level adds up to the change: no row found as the rest's
    # complement; of equal sizes by name, so analysis.json (rows by contribution) hides the rows attribution.csv hides
    out = hide_rows(rows, small, label)
    person = (level == "person") & rows["group"].astype(str).isin(groups).to_numpy()
    return out.assign(group=out["group"].mask(person, other)) if person.any() else out


def generalise(people: pd.DataFrame, columns, k: int, hide: dict[str, set[str]] | None = None) -> pd.DataFrame:
    """Person-level attributes shown only when at least ``k`` people share the value, else :data:`OTHER` (or,
    in a column where a value shown reads as that, the label :func:`other_label` gives).

    The rule of person-level outputs (people.csv, the map, analysis.json's people, pseudonymised exports):
    a value held by fewer than ``k`` people would single them out, as a group smaller than ``k`` is hidden
    in tables by :func:`suppress`. Missing values stay missing; text columns only (dates and numbers are kept).

    Parameters
    ----------
    people : DataFrame
        One row per person.
    columns : iterable of str
        The attribute columns to generalise (absent ones are skipped).
    k : int
        Smallest number of people a shown value must have (``--min-group``).
    hide : dict of str to set of str, optional
        Per column, more values (as text) to show as the others: the complement of the ``by`` groups
        (:func:`hidden_groups`), whose people the group tables hide.

    Returns
    -------
    DataFrame
        A copy.

    Examples
    --------
    >>> p = pd.DataFrame({"domain": ["zorg", "zorg", "zorg", "wonen"], "degree": [1, 2, 3, 4]})
    >>> generalise(p, ["domain", "degree"], 3).values.tolist()
    [['zorg', 1], ['zorg', 2], ['zorg', 3], ['other', 4]]
    >>> generalise(p, ["domain"], 3, {"domain": {"zorg"}})["domain"].tolist()
    ['other', 'other', 'other', 'other']
    """
    check("k", k, Interval(int, 1, None))
    out = people.copy()
    hide = hide or {}
    labels = other_labels(people, columns, k, hide)
    for c, label in labels.items():
        col = out[c].astype(object)
        counts = col.value_counts()
        rare = col.isin(counts.index[counts < k])
        if hide.get(c):
            rare |= col.astype(str).isin(hide[c])
        rare &= col.notna()
        if rare.any():
            out[c] = col.mask(rare, label).astype(out[c].dtype if isinstance(out[c].dtype, pd.StringDtype)
                                                  else object)
    return out


def other_labels(people: pd.DataFrame, columns, k: int, hide: dict[str, set[str]] | None = None) -> dict[str, str]:
    """Per text column of ``columns`` that ``people`` has, the label :func:`generalise` gives its values fewer
    than ``k`` people share (:func:`other_label` of the values at least ``k`` share, but those ``hide`` names).

    >>> p = pd.DataFrame({"domain": ["other"] * 3 + ["zorg"], "role": ["a"] * 3 + ["b"], "degree": [1, 2, 3, 4]})
    >>> other_labels(p, ["domain", "role", "degree", "absent"], 3)
    {'domain': 'other (<3)', 'role': 'other'}
    """
    labels = {}
    for c in dict.fromkeys(columns):
        if c not in people or pd.api.types.is_numeric_dtype(people[c]) or \
                pd.api.types.is_datetime64_any_dtype(people[c]):
            continue
        counts = people[c].astype(object).value_counts()
        shown = counts.index[counts >= k]
        labels[c] = other_label(shown[~shown.astype(str).isin((hide or {}).get(c, ()))], k)
    return labels


def generalise_composition(composition: list[dict], people: pd.DataFrame,
                           hidden: dict[str, set[str]] | None = None, *,
                           labels: dict[str, str] | None = None) -> list[dict]:
    """Cluster or network compositions counted with the values that person-level outputs show.

    A value that :func:`generalise` turned into :data:`OTHER` in ``people`` would otherwise still be
    named, with its count, in each community's composition (``{"uniekdomein": 1}``): its counts are
    merged into ``other`` and the ``top`` value and share recomputed, so no file of a report names a
    value that the people table hides. Attributes that ``people`` lacks (``network``) are kept, but for the
    values ``hidden`` names (the small learning networks, :func:`small_networks`): those are merged into
    ``other`` as well, and when ``other`` is then the largest, ``top`` and ``top_share`` are None (no cluster is
    said to be mostly of hidden networks, nor by how much).

    Parameters
    ----------
    composition : list of dict
        From :func:`collabgraph.metrics.communities.composition` or ``network_composition``.
    people : DataFrame
        The people as shown, from :func:`generalise`.
    hidden : dict of str to set of str, optional
        Per attribute that ``people`` lacks, the values to merge into ``other`` (``{"network": {"Klein"}}``).
    labels : dict of str to str, optional
        Per attribute, what the merged values are counted under (default :data:`OTHER`): :func:`other_labels`
        of the people before :func:`generalise`, and for a hidden attribute :func:`other_label` of its values
        shown, so a real value ``other`` keeps its own count (and can be ``top``).

    Returns
    -------
    list of dict
        New dictionaries; the input is not changed.

    Examples
    --------
    >>> comp = [{"id": 0, "size": 4, "composition": {"domain": {"counts": {"zorg": 2, "uniek": 1, "wonen": 1},
    ...          "missing": 0, "top": "zorg", "top_share": 0.5}}}]
    >>> shown = pd.DataFrame({"domain": ["zorg"] * 3 + ["wonen"] * 3 + ["other"]})
    >>> generalise_composition(comp, shown)[0]["composition"]["domain"]["counts"]
    {'zorg': 2, 'other': 1, 'wonen': 1}
    >>> nets = [{"id": 0, "size": 3, "composition": {"network": {"counts": {"Klein": 2, "Groot": 1},
    ...          "missing": 0, "top": "Klein", "top_share": 0.666667}}}]
    >>> network = generalise_composition(nets, shown, {"network": {"Klein"}})[0]["composition"]["network"]
    >>> network["counts"], network["top"], network["top_share"]
    ({'other': 2, 'Groot': 1}, None, None)
    """
    hidden, labels = hidden or {}, labels or {}
    named = {attr for entry in composition for attr in entry["composition"]}  # the people columns read below
    shown = {c: set(people[c].dropna().astype(str).tolist()) for c in people.columns if c in named}

    def folded(attr, value) -> bool:
        return value not in shown[attr] if attr in shown else value in hidden.get(attr, ())

    out = []
    for entry in composition:
        parts = {}
        for attr, info in entry["composition"].items():
            if not any(folded(attr, v) for v in info["counts"]):
                parts[attr] = info
                continue
            counts: dict[str, int] = {}
            label = labels.get(attr, OTHER)
            for value, n in info["counts"].items():
                key = label if folded(attr, value) else value
                counts[key] = counts.get(key, 0) + n
            counts = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            top, total = next(iter(counts), None), sum(counts.values())
            if attr not in shown and top == label:
                top = None
            parts[attr] = {**info, "counts": counts, "top": top,
                           "top_share": round(counts[top] / total, 6) if top is not None and total else None}
        out.append({**entry, "composition": parts})
    return out


def generalised_columns(options, pseudonymised: bool) -> list[str]:
    """The people columns :func:`generalise` applies to: the ``by`` attribute of ``options``
    (:class:`~collabgraph.analysis.AnalysisOptions`), and when ``pseudonymised`` also
    :data:`PERSON_ATTRIBUTES` and ``compare_with``; never ``name`` or ``id``."""
    columns = [*PERSON_ATTRIBUTES, options.by, options.compare_with] if pseudonymised else [options.by]
    return [c for c in dict.fromkeys(columns) if c is not None and c not in ("name", "id")]
