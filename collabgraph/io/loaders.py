"""A dataset read and validated in one call: from files (:func:`load`) or from DataFrames (:func:`from_frames`).

The room of this module: the two entry points users call (also as ``collabgraph.load`` and
``collabgraph.from_frames``); reading is :mod:`collabgraph.io.read`, the checks are
:mod:`collabgraph.io.validate`.
"""

from __future__ import annotations

import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.io.read import RawDataset, read_dataset
from collabgraph.io.validate import SWITCHES, raw_table, validate
from collabgraph.params import validate_params

__all__ = ["from_frames", "load"]


@validate_params(SWITCHES)
def load(path, *, people=None, lenient: bool = False, directed: bool | None = None) -> Dataset:
    """Read and validate a dataset in one call.

    Parameters
    ----------
    path : str or Path
        A folder of tables, an ``.xlsx`` workbook, or a single interactions file.
    people : str or Path, optional
        A people file (for a single interactions file).
    lenient, directed
        See :func:`~collabgraph.io.validate.validate`: ``True`` or ``False`` (``directed`` also ``None``); any
        other value, such as the text ``"no"``, is a :class:`~collabgraph.errors.ParameterError`, never read as true.

    Examples
    --------
    >>> from collabgraph.datasets import EXAMPLE
    >>> ds = load(EXAMPLE)
    >>> ds.report.counts["interactions"]["rejected"]
    0
    """
    return validate(read_dataset(path, people), lenient=lenient, directed=directed)


@validate_params(SWITCHES)
def from_frames(people: pd.DataFrame | None = None, interactions: pd.DataFrame | None = None,
                events: pd.DataFrame | None = None, attendance: pd.DataFrame | None = None, *,
                networks: pd.DataFrame | None = None, lenient: bool = False,
                directed: bool | None = None) -> Dataset:
    """Build a validated Dataset from DataFrames you already have (same contract as files).

    Rows are reported as in a spreadsheet (the first row is row 2) of the file ``<table>``. ``networks``
    is the networks table (a column ``network``, or a named index such as a Dataset's ``network_table``).

    Examples
    --------
    >>> ds = from_frames(people=pd.DataFrame({"id": ["a", "b"], "domain": ["zorg", "welzijn"]}),
    ...                  interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    >>> ds.people["domain"].tolist(), len(ds.interactions)
    (['zorg', 'welzijn'], 1)
    >>> ds = from_frames(interactions=pd.DataFrame({"source": ["a"], "target": ["b"], "network": ["N1"]}),
    ...                  networks=pd.DataFrame({"network": ["N1"], "start": ["2021-01-01"], "coordinator": ["a"]}))
    >>> ds.network_table[["start", "coordinator"]].astype(str).values.tolist()
    [['2021-01-01', 'a']]
    """
    if networks is not None and networks.index.name is not None:
        networks = networks.reset_index()  # the index holds the names (a Dataset's network_table)
    tables = {name: raw_table(frame, name) for name, frame in (
        ("people", people), ("interactions", interactions), ("events", events), ("attendance", attendance),
        ("networks", networks)) if frame is not None}
    return validate(RawDataset(tables, "<frames>"), lenient=lenient, directed=directed)
