"""The role-map file: extra role values and their role group (``--role-map FILE``), read and checked.

A role map is a table of two columns, ``value`` (``waarde``) and ``group`` (``groep``), in any format a
dataset table may have (CSV with ``,`` ``;`` or tab, XLSX, Parquet). Each row maps a role value as the
people table writes it to one of :data:`collabgraph.rolegroups.GROUPS`; values and groups are matched
like the built-in synonyms (case, accents, spaces, hyphens and underscores ignored), and the map
overrides the built-in list. Every bad row is reported with file, row, column and reason; one bad row
rejects the whole map (a partial map would silently put people in the wrong group).
"""

from __future__ import annotations

from pathlib import Path

from collabgraph.errors import Issue, ValidationError
from collabgraph.io.read import read_table_file
from collabgraph.outputs import remember_inputs
from collabgraph.rolegroups import GROUPS, normalise
from collabgraph.schema import fold

__all__ = ["COLUMNS", "read_role_map"]

#: The role map's columns and the other names they may have (compared with :func:`collabgraph.schema.fold`).
COLUMNS = {"value": ("value", "waarde", "role", "rol"), "group": ("group", "groep", "role_group", "rolgroep")}

_GROUPS = {normalise(group): group for group in GROUPS}


def read_role_map(path: str | Path) -> dict[str, str]:
    """Read a role-map file: role value -> role group.

    Parameters
    ----------
    path : str or Path
        A CSV/XLSX/Parquet file with the columns ``value`` and ``group`` (Dutch ``waarde``, ``groep``).

    Returns
    -------
    dict
        Value as written (trimmed) -> group, in file order; a value repeated with the same group once.

    Raises
    ------
    ValidationError
        Listing every problem: a missing column, an empty value or group, a group that is not one of
        :data:`~collabgraph.rolegroups.GROUPS`, a value mapped to two different groups, a row that
        cannot be read.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "rollen.csv"
    >>> _ = p.write_text("Waarde;Groep\\nHuisarts;professional\\nOpleidingsadviseur;Educator\\n", encoding="utf-8")
    >>> read_role_map(p)
    {'Huisarts': 'professional', 'Opleidingsadviseur': 'educator'}
    >>> _ = p.write_text("waarde,groep\\nhuisarts,dokter\\n", encoding="utf-8")
    >>> read_role_map(p)
    Traceback (most recent call last):
    ...
    collabgraph.errors.ValidationError: 1 problem found in the input:
      rollen.csv, row 2, column 'groep': 'dokter' is not a role group; use one of coordinator, \
experiential_expert, educator, student, client, professional.
    """
    raw = read_table_file(path, "role_map")
    remember_inputs([path])  # the public writers refuse it (collabgraph.outputs.check_read)
    issues = list(raw.issues)
    found = {}
    for key, names in COLUMNS.items():
        matches = [c for c in raw.frame.columns if fold(str(c)) in names]
        if matches:
            found[key] = matches[0]
        elif not raw.issues:
            issues.append(Issue(raw.file, 1, None, "missing_column",
                                f"has no {key!r} column (also accepted: {', '.join(names[1:])}); "
                                f"the columns are: {', '.join(map(str, raw.frame.columns)) or 'none'}."))
    if len(found) < len(COLUMNS):
        raise ValidationError(issues)
    mapping: dict[str, str] = {}
    first: dict[str, tuple[str, int]] = {}  # normalised value -> (group, row) of its first row
    values = raw.frame[found["value"]].astype("string").fillna("").str.strip()
    groups = raw.frame[found["group"]].astype("string").fillna("").str.strip()
    for value, written, row in zip(values, groups, raw.rows.tolist(), strict=True):
        group = _GROUPS.get(normalise(written))
        if not normalise(value):
            issues.append(Issue(raw.file, row, found["value"], "missing_value", "the role value is empty."))
        if group is None:
            reason = "the group is empty" if not written else f"{written!r} is not a role group"
            issues.append(Issue(raw.file, row, found["group"], "unknown_group",
                                f"{reason}; use one of {', '.join(GROUPS)}."))
        if group is None or not normalise(value):
            continue
        key = normalise(value)
        if key in first and first[key][0] != group:
            issues.append(Issue(raw.file, row, found["group"], "conflicting_group",
                                f"{value!r} is mapped to {group} here and to {first[key][0]} in row {first[key][1]}; "
                                "map each value to one group."))
            continue
        if key not in first:
            first[key] = (group, row)
            mapping[str(value)] = group
    if issues:
        raise ValidationError(issues)
    return mapping
