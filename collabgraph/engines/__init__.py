"""Engines: where the records are read, validated and aggregated into the tie table.

``pandas`` (the default) runs everything in this process. ``dask`` reads the interactions as a
partitioned Dask DataFrame, validates and aggregates them on a Dask cluster, and runs per-window
and per-network metrics as parallel tasks (:mod:`collabgraph.engines.dask`, ``docs/scale.md``).
Both give the same Dataset and the same tie table.

Examples
--------
>>> from collabgraph.datasets import EXAMPLE
>>> with get_engine("pandas") as e:
...     ds = e.load(EXAMPLE)
...     t = e.ties(ds)
...     labels = [label for label, _ in e.map_windows(ds, len_interactions, freq="year")]
>>> labels
['2020', '2021', '2022']
"""

from __future__ import annotations

from collections.abc import Callable

from collabgraph.dataset import Dataset
from collabgraph.errors import ParameterError
from collabgraph.params import Options, check

__all__ = ["ENGINES", "PandasEngine", "get_engine", "len_interactions", "load", "ties"]

ENGINES = ("pandas", "dask")


class PandasEngine:
    """The embedded engine: :func:`collabgraph.load`, :func:`collabgraph.ties`, a loop over windows."""

    name = "pandas"

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        """Nothing to release."""

    def load(self, path, *, people=None, lenient: bool = False, directed: bool | None = None) -> Dataset:
        from collabgraph.io import load

        return load(path, people=people, lenient=lenient, directed=directed)

    def ties(self, dataset: Dataset):
        from collabgraph.graph import ties

        return ties(dataset)

    def map_windows(self, dataset: Dataset, func: Callable, *, freq: str = "quarter", mode: str = "fixed",
                    length: int = 1) -> list[tuple[str, object]]:
        """``[(label, func(window.dataset)), ...]`` for :meth:`Dataset.windows`."""
        return [(w.label, func(w.dataset)) for w in dataset.windows(freq, mode, length)]

    def map_networks(self, dataset: Dataset, func: Callable) -> dict[str, object]:
        """``{network: func(dataset.filter(network=network))}`` for every learning network."""
        return {n: func(dataset.filter(network=n)) for n in dataset.networks}


def get_engine(name: str = "pandas", *, scheduler: str | None = None, **options):
    """The engine called ``name``; ``scheduler`` is a Dask scheduler address (``tcp://host:8786``).

    Without a scheduler the Dask engine uses the current ``distributed.Client`` or starts a local
    cluster. Use the engine as a context manager, so a cluster it started is closed.
    """
    if name == "pandas":
        if scheduler is not None:
            raise ParameterError("scheduler= needs engine='dask'.")
        return PandasEngine()
    if name == "dask":
        from collabgraph.engines.dask import DaskEngine

        return DaskEngine(scheduler=scheduler, **options)
    check("engine", name, Options(ENGINES))


def load(path, *, people=None, lenient: bool = False, directed: bool | None = None,
         engine: str = "pandas", scheduler: str | None = None) -> Dataset:
    """:func:`collabgraph.load` on an engine (``engine="dask"`` reads and validates on the cluster)."""
    with get_engine(engine, scheduler=scheduler) as e:
        return e.load(path, people=people, lenient=lenient, directed=directed)


def ties(dataset: Dataset, *, engine: str = "pandas", scheduler: str | None = None):
    """:func:`collabgraph.ties` on an engine (``engine="dask"`` aggregates on the cluster)."""
    with get_engine(engine, scheduler=scheduler) as e:
        return e.ties(dataset)


def len_interactions(dataset: Dataset) -> int:
    """Number of interaction records (a tiny per-window function for examples and tests)."""
    return len(dataset.interactions)
