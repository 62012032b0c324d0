"""Errors raised by collabgraph.

Every error a user can cause derives from :class:`CollabGraphError`, so callers (and the CLI) can catch
one type. Input problems carry the complete list of issues found, never just the first one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = [
    "CollabGraphError",
    "InputError",
    "Issue",
    "ParameterError",
    "ValidationError",
]


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in the input, located as a spreadsheet user counts.

    Parameters
    ----------
    file : str
        The file name as the user gave it (``interactions.csv``, ``data.xlsx[people]``).
    row : int or None
        The row as a spreadsheet shows it: the header is row 1, the first data row is row 2.
        ``None`` when the problem concerns the whole file or column.
    column : str or None
        The column name as it appears in the file, or ``None``.
    code : str
        A stable machine-readable code, such as ``bad_date`` or ``unknown_person``.
    message : str
        A sentence that says what is wrong and how to fix it.
    severity : str
        ``error`` (the row or table is rejected; strict mode stops) or ``warning`` (nothing is
        rejected: something looks wrong, such as an unknown column close to a known one).

    Examples
    --------
    >>> print(Issue("interactions.csv", 14, "date", "bad_date", "not a real date: '31-02-2021'."))
    interactions.csv, row 14, column 'date': not a real date: '31-02-2021'.
    """

    file: str
    row: int | None
    column: str | None
    code: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        return f"{', '.join(where)}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


class CollabGraphError(Exception):
    """Base class of every error collabgraph raises on purpose.

    >>> issubclass(ParameterError, CollabGraphError) and issubclass(ValidationError, CollabGraphError)
    True
    """


class ParameterError(CollabGraphError, ValueError):
    """A function or command was called with a value outside its documented range.

    >>> from collabgraph.params import Interval, check
    >>> check("k", 0, Interval(int, 1, None))
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: k must be a whole number >= 1; got 0.
    """


class InputError(CollabGraphError):
    """An input file cannot be read at all (missing, not a table, ambiguous).

    >>> import collabgraph
    >>> collabgraph.load("no/such/folder")
    Traceback (most recent call last):
    ...
    collabgraph.errors.InputError: ...
    """


class ValidationError(CollabGraphError):
    """The input has problems; ``issues`` lists all of them and ``counts`` the rows per table.

    ``report`` is the full :class:`~collabgraph.validation.ValidationReport` when validation
    raised it (with the rejected rows' values), else None.

    >>> err = ValidationError([Issue("people.csv", 3, "id", "duplicate_id", "id 'a' appears twice.")])
    >>> print(err)
    1 problem found in the input:
      people.csv, row 3, column 'id': id 'a' appears twice.
    """

    def __init__(self, issues: list[Issue], counts: dict | None = None, report=None):
        self.issues = list(issues)
        self.counts = counts or {}
        self.report = report
        n = len(self.issues)
        head = f"{n} problem{'s' if n != 1 else ''} found in the input"
        super().__init__("\n".join([head + ":", *(f"  {i}" for i in self.issues[:50])]
                                   + ([f"  ... and {n - 50} more"] if n > 50 else [])))

    def __reduce__(self):
        """Pickled with its issues, counts and report (a second process sends it back: collabgraph.background);
        ``Exception`` pickles the message alone, which this class would read as the issues."""
        return type(self), (self.issues, self.counts, self.report), self.__dict__
