"""The Dask engine: records read and validated in partitions, the tie table aggregated on a cluster.

What runs where
---------------
- **Interactions** are read as a partitioned Dask DataFrame (CSV split in blocks of ``blocksize``
  bytes, or Parquet row groups/files). Each partition is validated on a worker by the same rules as
  the embedded engine (:mod:`collabgraph.io.validate`), with spreadsheet row numbers
  ``offset + i + 2``, where ``offset`` is the number of records in the partitions before it (the
  partition lengths are counted first). Rejected rows are therefore reported with the same file,
  row, column, code and message as by the embedded engine; the issues of all partitions are
  gathered in partition order (= row order).
- **People, events, attendance and the networks table** are small and read and validated on the client, as
  embedded.
- The **tie table** is aggregated on the cluster: every partition maps its records to integer pair
  keys and the cluster groups them (per-partition partial sums of weight and count, minimum and
  maximum date, distinct networks, then a combine step); the client adds co-attendance pairs and
  orders the columns as :func:`collabgraph.graph.ties`.
- **Per-window and per-network** functions run as one task each (``client.map``).

Identical results
-----------------
The Dataset (every table and the validation report) and the tie table equal the embedded engine's.
Summed weights are bit-identical whenever the per-partition sums of interaction weights are exact in
floating point, which holds for whole-number weights (counts, minutes) and binary fractions
(0.5, 0.25); other fractional weights can differ in the last bit because addition is done in another
order. Co-attendance weights ``1/(n-1)`` are added on the client in the embedded order.

Limits
------
A CSV file that cannot be split into blocks of lines (rows with too many values, a quote left open or
spanning lines, bytes that are not UTF-8) raises while the partitions are read, or shows a line break in
a value: it is then read and validated whole on the client by the embedded reader, so both engines give
the same issues. Excel workbooks are read with the embedded engine.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from collabgraph.dataset import Dataset
from collabgraph.errors import InputError
from collabgraph.graph import TIE_COLUMNS, coattendance_pairs
from collabgraph.io.read import (
    RawDataset,
    input_paths,
    parquet_columns,
    read_dataset,
    read_table_file,
    screen,
    stored_table,
)
from collabgraph.io.validate import (
    concat_interactions,
    empty_table,
    rating_columns,
    rating_votes,
    validate,
    validate_interactions,
)
from collabgraph.schema import table_for_file
from collabgraph.tietable import pair_ends, pair_keys
from collabgraph.validation import ValidationReport

__all__ = ["DaskEngine", "interaction_files", "read_interactions"]


def interaction_files(path: str | Path) -> tuple[Path, Path | None]:
    """The interactions file of a dataset folder (or the file itself) and the folder of the others."""
    path = Path(path)
    if path.is_file():
        return path, None
    if not path.is_dir():
        raise InputError(f"{path}: no such file or folder.")
    found = [p for p in sorted(path.iterdir())
             if p.is_file() and table_for_file(p.name) == "interactions"
             and p.suffix.lower() in (".csv", ".tsv", ".txt", ".parquet", ".pq")]
    if len(found) != 1:
        raise InputError(f"{path}: the Dask engine needs one interactions file (CSV or Parquet); found "
                         f"{', '.join(p.name for p in found) or 'none'}.")
    return found[0], path


def _separator(path: Path) -> str:
    with path.open("rb") as f:
        head = f.read(65536).decode("utf-8", errors="replace").lstrip("\ufeff")
    line = head.splitlines()[0] if head else ""
    counts = {sep: line.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda s: (counts[s], s == ","))
    return best if counts[best] else ","


def read_interactions(path: Path, blocksize: str | int = "64MB", columns: list[str] | None = None):
    """The interactions file as a Dask DataFrame of raw text (CSV) or stored values (Parquet; only
    ``columns`` when given)."""
    import dask.dataframe as dd

    if path.suffix.lower() in (".parquet", ".pq"):
        return dd.read_parquet(path, split_row_groups=True, columns=columns)
    return dd.read_csv(path, sep=_separator(path), dtype=str, keep_default_na=False, na_filter=False,
                       blocksize=blocksize, encoding="utf-8-sig", skip_blank_lines=False)


def _validate_part(frame: pd.DataFrame, offset: int, file: str, people: pd.Index | None, lenient: bool,
                   parquet: bool, rejected_people: dict[str, str] | None = None, ratings: list[str] | None = None):
    """Validate one partition with its spreadsheet row numbers; returns (frame, report, gephi), or three
    Nones when a CSV value holds a line break (the file is then read whole by the embedded reader).
    ``ratings``: the free columns read as ratings, decided on the whole file (:func:`_ratings_of`).

    Rows are read as the embedded reader reads them: blank rows skipped and counted, long values reported
    (:func:`~collabgraph.io.read.screen`); Parquet through the same steps as a whole file."""
    if parquet:
        if not (isinstance(frame.index, pd.RangeIndex) and frame.index.name is None):
            frame = frame.reset_index()  # an index that holds data is columns, as in the embedded reader
        raw = stored_table(frame.reset_index(drop=True), file, "interactions", first_row=offset + 2)
    else:
        rows = np.arange(offset + 2, offset + 2 + len(frame), dtype=np.int64)
        raw = screen(frame.reset_index(drop=True).astype("string"), rows, file, "interactions")
        if raw is None:
            return None, None, None
    report = ValidationReport(file)
    inter, gephi = validate_interactions(raw, report, people=people, rejected_people=rejected_people,
                                         lenient=lenient, ratings=ratings)
    inter["wave"] = inter["wave"].astype("string")
    return inter, report, gephi


def _ratings_of(votes: list[dict[str, tuple[int, int, int]]]) -> list[str]:
    """The free columns read as ratings in every partition: :func:`~collabgraph.io.validate.rating_columns`
    of the partitions' :func:`~collabgraph.io.validate.rating_votes` added up, as if the file were one table."""
    total: dict[str, tuple[int, int, int]] = {}
    for part in votes:
        for col, counts in part.items():
            total[col] = tuple(a + b for a, b in zip(total.get(col, (0, 0, 0)), counts, strict=True))
    return rating_columns(total)


def _pairs(frame: pd.DataFrame, index: pd.Index, directed: bool) -> pd.DataFrame:
    """Every record of a partition as ``key, weight, date, network`` (key = u * n + v)."""
    key = pair_keys(index.get_indexer(frame["source"]), index.get_indexer(frame["target"]), len(index), directed)
    return pd.DataFrame({"key": key, "weight": frame["weight"].to_numpy(float),
                         "date": frame["date"].to_numpy(), "network": frame["network"].to_numpy(dtype=object)})


def _partial(frame: pd.DataFrame, index: pd.Index, directed: bool) -> pd.DataFrame:
    """Partial aggregation of one partition: weight sum, records, first and last date per pair."""
    rec = _pairs(frame, index, directed)
    return rec.groupby("key", sort=False).agg(weight=("weight", "sum"), interactions=("weight", "size"),
                                              first=("date", "min"), last=("date", "max")).reset_index()


def _networks(frame: pd.DataFrame, index: pd.Index, directed: bool) -> pd.DataFrame:
    rec = _pairs(frame, index, directed)
    return rec.loc[rec["network"].notna(), ["key", "network"]].drop_duplicates()


def _joined(named: pd.DataFrame, keys: np.ndarray) -> np.ndarray:
    """Sorted, ``;``-joined network names per key (``<NA>`` for keys without one)."""
    named = named.drop_duplicates().sort_values(["key", "network"], kind="stable")
    multi = named["key"].duplicated(keep=False)
    single = named.loc[~multi].set_index("key")["network"]
    joined = named.loc[multi].groupby("key")["network"].agg(";".join)
    return pd.concat([single, joined]).reindex(keys).astype("string").to_numpy()


class DaskEngine:
    """Reading, validation and the tie table on a Dask cluster; windows and networks as tasks.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://10.0.0.5:8786``). Without it: the current client,
        or a local cluster started here (closed by :meth:`close` or at the end of a ``with``).
    client : distributed.Client, optional
        A client to use instead.
    blocksize : str or int
        Bytes per CSV partition (Dask's ``read_csv``); Parquet is split by row groups.

    Examples
    --------
    >>> from distributed import LocalCluster, Client
    >>> from collabgraph.datasets import EXAMPLE
    >>> from collabgraph import load, ties
    >>> with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \\
    ...         Client(cluster) as client:
    ...     engine = DaskEngine(client=client, blocksize="200KB")
    ...     ds = engine.load(EXAMPLE)
    ...     same = engine.ties(ds).equals(ties(load(EXAMPLE)))
    >>> same
    True
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, *, client=None, blocksize: str | int = "64MB"):
        from distributed import Client, LocalCluster, default_client

        self._owned = []
        if client is None and scheduler is not None:
            client = Client(scheduler)
            self._owned.append(client)
        elif client is None:
            try:
                client = default_client()
            except ValueError:  # no client yet: a local cluster for this engine
                cluster = LocalCluster(processes=False, dashboard_address=None)
                client = Client(cluster)
                self._owned += [client, cluster]
        self.client, self.blocksize = client, blocksize
        self._partitions = weakref.WeakKeyDictionary()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        """Close the client and cluster this engine started (not one it was given)."""
        for thing in self._owned:
            thing.close()
        self._owned = []

    # ---- reading and validation -----------------------------------------------------------
    def load(self, path, *, people=None, lenient: bool = False, directed: bool | None = None) -> Dataset:
        """Read and validate like :func:`collabgraph.load`, the interactions in partitions on the cluster."""
        import dask
        import dask.dataframe as dd

        file, folder = interaction_files(path)
        small = read_dataset(folder, people) if folder is not None else RawDataset({}, str(path))
        if folder is None and people is not None:
            small.tables["people"] = read_table_file(people, "people")
        small.tables.pop("interactions", None)
        small.source, small.inputs = str(path), input_paths(path, people)
        frames = []  # the validated partitions, kept on the cluster for ties()

        def interactions(report, *, people, rejected_people, lenient):
            """The interactions validated in partitions on the cluster (:func:`_validate_part`), their
            reports added to ``report`` in row order; :func:`~collabgraph.io.validate.validate` calls it
            after the people and events."""
            parquet = file.suffix.lower() in (".parquet", ".pq")
            columns, unsupported = parquet_columns(file) if parquet else (None, [])
            try:
                parts = read_interactions(file, self.blocksize, columns).to_delayed()
                lengths = dask.compute(*[dask.delayed(len)(p) for p in parts], scheduler=self.client.get)
            except (pd.errors.ParserError, UnicodeDecodeError):  # rows too long, a quote left open, not UTF-8
                parts = None
            if parts is not None:
                offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(int).tolist()
                known = self.client.scatter(people, broadcast=True, hash=False) if people is not None else None
                ratings = _ratings_of(dask.compute(*[dask.delayed(rating_votes)(p) for p in parts],
                                                   scheduler=self.client.get))
                checked = self.client.compute([dask.delayed(_validate_part)(p, off, file.name, known, lenient,
                                                                            parquet, rejected_people, ratings)
                                               for p, off in zip(parts, offsets, strict=True)])
                frames[:] = self.client.map(_item, checked, index=0, pure=False)
                meta = self.client.gather(self.client.map(_item, checked, index=slice(1, 3), pure=False))
                del checked
            if parts is None or any(r is None for r, _ in meta):  # the embedded reader numbers and reports such rows
                part = ValidationReport(file.name)
                inter, gephi = validate_interactions(read_table_file(file, "interactions"), part, people=people,
                                                     rejected_people=rejected_people, lenient=lenient)
                inter["wave"] = inter["wave"].astype("string")
                frames[:], meta = [self.client.scatter(inter)], [(part, gephi)]
            meta[0][0].issues[:0] = unsupported
            report.add_parts([r for r, _ in meta], "interactions")
            directions = {g for _, g in meta}
            return concat_interactions(self.client.gather(frames)), directions.pop() if len(directions) == 1 else None

        dataset = validate(small, lenient=lenient, directed=directed, interactions=interactions)
        self._partitions[dataset] = dd.from_delayed(frames, meta=_meta(), verify_meta=False)
        return dataset

    # ---- the tie table ------------------------------------------------------------------------
    def ties(self, dataset: Dataset) -> pd.DataFrame:
        """:func:`collabgraph.graph.ties` with the interactions aggregated on the cluster; with a rating as
        the weight (:meth:`~collabgraph.dataset.Dataset.weighted_by`, a mean per wave) on the client."""
        import dask.dataframe as dd

        if dataset.weight_by is not None:
            from collabgraph.graph import ties

            return ties(dataset)

        parts = self._partitions.get(dataset)
        if parts is None:
            workers = max(1, len(self.client.scheduler_info()["workers"]))
            parts = dd.from_pandas(dataset.interactions, npartitions=2 * workers, sort=False)
        index = dataset.people.index
        index_f = self.client.scatter(index, broadcast=True, hash=False)
        n = len(index)
        partial_meta = pd.DataFrame({"key": pd.Series(dtype="int64"), "weight": pd.Series(dtype="float64"),
                                     "interactions": pd.Series(dtype="int64"),
                                     "first": pd.Series(dtype="datetime64[ns]"),
                                     "last": pd.Series(dtype="datetime64[ns]")})
        partial = parts.map_partitions(_partial, index_f, dataset.directed, meta=partial_meta)
        combined = partial.groupby("key").agg({"weight": "sum", "interactions": "sum", "first": "min",
                                               "last": "max"}, split_out=1)
        named = parts.map_partitions(_networks, index_f, dataset.directed,
                                     meta=pd.DataFrame({"key": pd.Series(dtype="int64"),
                                                        "network": pd.Series(dtype=object)}))
        inter, named = self.client.compute([combined, named.drop_duplicates(split_out=1)], sync=True)
        cols = ["key", "weight", "interactions", "events", "first", "last"]
        rec = [inter.reset_index().assign(events=0)[cols]]
        if len(dataset.attendance):
            co = coattendance_pairs(dataset)
            if dataset.directed:
                co = pd.concat([co, co.rename(columns={"u": "v", "v": "u"})], ignore_index=True)
            co["key"] = pair_keys(co["u"].to_numpy(), co["v"].to_numpy(), n, directed=True)
            co = co.assign(interactions=0, events=1, first=co["date"], last=co["date"])
            named = pd.concat([named, co.loc[co["network"].notna(), ["key", "network"]]], ignore_index=True)
            rec.append(co[cols])
        rec = pd.concat(rec, ignore_index=True)
        if not len(rec):
            from collabgraph.graph import ties

            return ties(dataset)
        out = rec.groupby("key", sort=True).agg(weight=("weight", "sum"), interactions=("interactions", "sum"),
                                                events=("events", "sum"), first=("first", "min"),
                                                last=("last", "max"))
        keys = out.index.to_numpy(np.int64)
        u, v = pair_ends(keys, n)
        out.insert(0, "u", u)
        out.insert(1, "v", v)
        out["count"] = out["interactions"] + out["events"]
        out["networks"] = _joined(named.astype({"network": object}), keys)
        out = out.reset_index(drop=True)
        ids = index.to_numpy(dtype=object)
        out.insert(0, "source", pd.array(ids[out["u"].to_numpy()], dtype="string"))
        out.insert(1, "target", pd.array(ids[out["v"].to_numpy()], dtype="string"))
        return out[TIE_COLUMNS]

    # ---- windows and networks as tasks ---------------------------------------------------------
    def map_windows(self, dataset: Dataset, func: Callable, *, freq: str = "quarter", mode: str = "fixed",
                    length: int = 1) -> list[tuple[str, object]]:
        """``[(label, func(window.dataset)), ...]``, one task per window (``func`` must be picklable)."""
        windows = dataset.windows(freq, mode, length)
        data = self.client.scatter([w.dataset for w in windows], hash=False)  # sent once, not inside the task graph
        futures = self.client.map(func, data, pure=False)
        return list(zip([w.label for w in windows], self.client.gather(futures), strict=True))

    def map_networks(self, dataset: Dataset, func: Callable) -> dict[str, object]:
        """``{network: func(dataset.filter(network=network))}``, one task per learning network."""
        names = dataset.networks
        data = self.client.scatter([dataset.filter(network=n) for n in names], hash=False)
        futures = self.client.map(func, data, pure=False)
        return dict(zip(names, self.client.gather(futures), strict=True))


def _item(value, index):
    return value[index]


def _meta() -> pd.DataFrame:
    meta = empty_table("interactions")
    meta["wave"] = pd.Series(dtype="string")
    return meta
