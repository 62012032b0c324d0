"""What validation found: the :class:`ValidationReport` (issues, warnings, rows read, used and rejected).

The room of this module: the report that :mod:`collabgraph.io.validate` fills and a
:class:`~collabgraph.dataset.Dataset` carries. It imports neither, so both can import it.

Examples
--------
>>> from collabgraph.errors import Issue
>>> report = ValidationReport("interactions.csv")
>>> report.issues.append(Issue("interactions.csv", 3, "date", "bad_date", "not a real date: '31-02-2021'."))
>>> report.valid, report.rejected_frame()[["row", "code"]].values.tolist()
(False, [[3, 'bad_date']])
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from collabgraph.errors import Issue

__all__ = ["ValidationReport"]


@dataclass
class ValidationReport:
    """What validation found: every issue, and per table the rows read, used and rejected.

    ``counts[table]`` is ``{"read", "used", "rejected", "skipped_blank"}``; people also has ``added`` (people who
    appear only in records, added in lenient mode, and everyone when there is no people table). ``rejected``
    lists the rejected rows' values.
    """

    source: str
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    ignored: list[str] = field(default_factory=list)
    rejected_values: dict[tuple[str, int], str] = field(default_factory=dict)
    #: Things that look wrong but reject nothing (severity ``warning``); strict mode does not stop for them.
    warnings: list[Issue] = field(default_factory=list)
    #: The rows behind a ``rejected_reference`` issue (one issue per rejected person or event), each
    #: listed in :meth:`rejected_frame` so that no rejected row is left out of ``rejected.csv``.
    follow_ons: list[Issue] = field(default_factory=list)
    #: The absolute paths the dataset was read from (folder, workbook or file, people file); empty for frames.
    #: No output may be written over them (:func:`collabgraph.outputs.check_output`).
    inputs: tuple[str, ...] = ()
    #: Per table read: its file and the file's header for each contract column.
    headers: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict, repr=False)
    #: Per people/events table: the accepted ids (None when the table is absent or rejected whole) and
    #: the ids of rejected rows with where they were rejected (``personen.csv row 5``).
    references: dict[str, tuple[pd.Index | None, dict[str, str]]] = field(default_factory=dict, repr=False)

    @property
    def valid(self) -> bool:
        return not self.issues

    def rejected_frame(self) -> pd.DataFrame:
        """One row per issue and per row behind a ``rejected_reference`` issue, with the rejected row's
        original values, for ``rejected.csv``."""
        rows = [{**i.to_dict(), "values": self.rejected_values.get((i.file, i.row), "")}
                for i in self.issues + self.follow_ons]
        frame = pd.DataFrame(rows, columns=["file", "row", "column", "code", "message", "values"])
        return frame.astype({"row": "Int64"})  # whole numbers, blank for a file-level issue (not 4.0 and NaN)

    def to_dict(self) -> dict:
        return {"valid": self.valid, "issues": [i.to_dict() for i in self.issues],
                "warnings": [w.to_dict() for w in self.warnings],
                "counts": self.counts, "ignored_files": self.ignored}

    def add_parts(self, parts: list[ValidationReport], table: str) -> None:
        """Add the reports of the parts of one table, validated one by one (the Dask engine's partitions,
        in row order), as if the table had been validated whole: file-level issues once and first, then
        every row's issues in row order; counts summed; rejected values, warnings and headers gathered
        (:func:`~collabgraph.io.validate.validate` says a warning that several parts give once).

        Examples
        --------
        >>> from collabgraph.errors import Issue
        >>> a, b = ValidationReport("i.csv"), ValidationReport("i.csv")
        >>> column = Issue("i.csv", None, "x", "unsupported_column", "holds lists")
        >>> a.issues = [column, Issue("i.csv", 3, "w", "bad_weight", "expected a positive number")]
        >>> b.issues = [column, Issue("i.csv", 9, "w", "bad_weight", "expected a positive number")]
        >>> a.counts["interactions"] = {"read": 5, "used": 4, "rejected": 1, "skipped_blank": 0}
        >>> b.counts["interactions"] = {"read": 5, "used": 3, "rejected": 1, "skipped_blank": 1}
        >>> whole = ValidationReport("data")
        >>> whole.add_parts([a, b], "interactions")
        >>> [(i.row, i.code) for i in whole.issues]
        [(None, 'unsupported_column'), (3, 'bad_weight'), (9, 'bad_weight')]
        >>> whole.counts["interactions"]
        {'read': 10, 'used': 7, 'rejected': 2, 'skipped_blank': 1}
        """
        issues = [i for part in parts for i in part.issues]
        self.issues.extend(list(dict.fromkeys(i for i in issues if i.row is None))
                           + [i for i in issues if i.row is not None])
        self.counts[table] = {k: sum(part.counts[table][k] for part in parts)
                              for k in ("read", "used", "rejected", "skipped_blank")}
        for part in parts:
            self.rejected_values.update(part.rejected_values)
            self.warnings.extend(part.warnings)
            self.headers.update(part.headers)
