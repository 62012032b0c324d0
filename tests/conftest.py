"""Shared fixtures: the bundled example, the real datasets in ../shared/realdata, small graphs."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import logging
import os
import pickle
import stat
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from collabgraph import from_frames, load_example
from collabgraph.analysis import AnalysisOptions, analyze

REALDATA = Path(os.environ.get("COLLABGRAPH_REALDATA",
                               Path(__file__).resolve().parents[2] / "shared" / "realdata"))

#: Property tests draw all their examples under CI (``.ci/run`` sets ``CI=true``) and a quarter of them in a
#: developer's run, so the default ``python -m pytest`` stays quick; CI keeps the full search.
FULL_SEARCH = bool(os.environ.get("CI"))


#: Analysis options without the random parts (permutation tests, bootstraps, stability runs).
QUICK = AnalysisOptions(permutations=0, bootstraps=0, stability_runs=0)


#: Tests marked ``slow`` (end-to-end: a wheel install, fresh interpreters, worker processes, a browser) run under CI
#: and with ``COLLABGRAPH_SLOW=1``; the default run deselects them. Each covers no line or branch of the library
#: that the default run leaves uncovered (README, "For developers").
RUN_SLOW = FULL_SEARCH or bool(os.environ.get("COLLABGRAPH_SLOW"))


def pytest_report_header(config):
    if not RUN_SLOW:
        return "slow tests (marked slow) deselected: COLLABGRAPH_SLOW=1 or CI=true runs them"
    return None


def pytest_collection_modifyitems(config, items):
    """Deselect the ``slow`` tests unless ``RUN_SLOW`` (the summary line counts them as deselected)."""
    if RUN_SLOW:
        return
    slow = [item for item in items if item.get_closest_marker("slow")]
    if slow:
        config.hook.pytest_deselected(items=slow)
        items[:] = [item for item in items if not item.get_closest_marker("slow")]


def examples(n: int) -> int:
    """``max_examples`` of a property test whose full search draws ``n``: ``n`` under CI, else ``n // 4`` (>= 2)."""
    return n if FULL_SEARCH else max(2, n // 4)


@pytest.fixture(scope="session")
def example():
    """The bundled leernetwerken example, loaded once."""
    return load_example()


@pytest.fixture(scope="session")
def example_analysis(example):
    """``analyze(example, QUICK)``, computed once per test process and shared: tests only read it."""
    return analyze(example, QUICK)


@pytest.fixture(scope="session")
def realdata():
    """Folder of the real public datasets (not part of the project); skips when absent."""
    if not REALDATA.is_dir():
        pytest.skip(f"real datasets not found at {REALDATA} (set COLLABGRAPH_REALDATA)")
    return REALDATA


#: SocioPatterns' Lyon hospital ward (SOURCE.md): contact times are seconds since Monday 6 December 2010, 13:00.
WARD_START = pd.Timestamp("2010-12-06 13:00")


def lyon_ward(realdata: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The Lyon ward's raw contacts, and its people (``id``, ``status``) and interactions (``source``,
    ``target``, ``date``) as a user converts them."""
    source = realdata / "sociopatterns_hospital_lyon"
    contacts = pd.read_csv(source / "contacts.csv")
    nodes = pd.read_csv(source / "nodes.csv")
    people = pd.DataFrame({"id": nodes["id"].astype(str), "status": nodes["status"]})
    inter = pd.DataFrame({"source": contacts["source"].astype(str), "target": contacts["target"].astype(str),
                          "date": WARD_START + pd.to_timedelta(contacts["time"], unit="s")})
    return contacts, people, inter


@pytest.fixture(scope="session")
def example_report(example, tmp_path_factory, analyses):
    """``example_report(salt=None, **settings)``: the example's report folder written with the report tests' quick
    options (``tests.report.conftest.FAST``) and ``ReportSettings(**settings)``.

    Each combination is written once per test run and shared by every test (and every xdist worker) that asks for
    it; the folder is read-only, so a test writes its own files (screenshots, other reports) elsewhere.
    """
    from collabgraph.report.html import ReportSettings, write_report
    from tests.report.conftest import FAST

    root = tmp_path_factory.getbasetemp()
    root = (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / "example-reports"

    def report(salt: bytes | None = None, **settings) -> Path:
        key = hashlib.sha256(repr((sorted(settings.items()), salt)).encode()).hexdigest()[:16]
        def build(out):
            with analysing_once(analyses):  # the languages and map sizes of one process share the analysis
                write_report(example, out, options=FAST, settings=ReportSettings(**settings), salt=salt)

        return built_once(root / key / "report", build)

    return report


def built_once(folder: Path, build, *, wait: float = 900) -> Path:
    """``folder`` as ``build(folder)`` writes it, built by the first process of the test run that asks; the
    others (xdist workers share the run's temporary root) wait up to ``wait`` seconds for it. Read-only after."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    claim, done = folder.parent / "claimed", folder.parent / "done"
    try:
        os.close(os.open(claim, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return _wait_for(folder, done, wait)
    failure = ""
    try:
        build(folder)
        for path in [*folder.rglob("*"), folder]:
            path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    except BaseException as error:
        failure = repr(error)
        raise
    finally:
        (folder.parent / "done.tmp").write_text(failure)
        os.replace(folder.parent / "done.tmp", done)
    return folder


def _wait_for(folder: Path, done: Path, wait: float) -> Path:
    deadline = time.monotonic() + wait
    while not done.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{folder} was not built within {wait} s by the process that claimed it")
        time.sleep(0.1)
    if failure := done.read_text():
        raise RuntimeError(f"building {folder} failed in another process: {failure}")
    return folder


def every_dtype() -> pd.DataFrame:
    """A column of every dtype a result table may hold, each with a missing value."""
    return pd.DataFrame({
        "float": [1.5, np.nan, 2.0, np.inf], "int": np.array([1, 2, 3, 4], dtype=np.int64),
        "int32": np.array([1, 2, 3, 4], dtype=np.int32), "bool": [True, False, True, False],
        "Int64": pd.array([1, None, 3, 4], dtype="Int64"), "Float64": pd.array([0.5, None, 1.0, 2.0], dtype="Float64"),
        "boolean": pd.array([True, None, False, True], dtype="boolean"),
        "str": pd.array(["a", None, "=b", ""], dtype="str"), "string": pd.array(["a", None, "c", "d"], dtype="string"),
        "python": pd.array(["a", None, "c", "d"], dtype="string[python]"),
        "object": pd.Series([np.int64(2), None, "x", np.float64(0.5)], dtype=object),
        "category": pd.Categorical(["a", None, "a", "b"]),
        "date": pd.to_datetime(["2021-01-01", None, "2021-03-01", "2021-04-01"]),
    })


def make(edges, people=None, *, directed=False, **attributes):
    """A small Dataset from ``[(a, b), (a, b, weight), ...]`` and ``{id: {attr: value}}``.

    ``make([("a", "b")], domain={"a": "zorg", "b": "welzijn"})`` is the short form.
    """
    rows = [dict(source=e[0], target=e[1], **({"weight": e[2]} if len(e) > 2 else {}))
            for e in edges]
    ids = list(dict.fromkeys([p for e in edges for p in e[:2]]))
    if people is None:
        extra = {k for attr in attributes.values() for k in attr}
        ids += [i for i in sorted(extra) if i not in ids]
        people = {i: {name: attr.get(i) for name, attr in attributes.items()} for i in ids}
    frame = pd.DataFrame([{"id": pid, **attrs} for pid, attrs in people.items()])
    columns = ["source", "target"] + (["weight"] if any(len(e) > 2 for e in edges) else [])
    return from_frames(people=frame, interactions=pd.DataFrame(rows, columns=columns), directed=directed)


def plain_memberships(people: pd.DataFrame, interactions: pd.DataFrame, events: pd.DataFrame,
                      attendance: pd.DataFrame) -> dict[str, set]:
    """Every person's learning networks recomputed from the raw CSV tables with plain Python: the ``networks``
    column (``;``-separated) plus every network of a record or an attended event (docs/data.md, memberships).
    ``events`` is indexed by event id. Used by the tests that recount ties between networks."""
    member = {p: set(n.split(";")) if isinstance(n, str) else set()
              for p, n in zip(people["id"], people["networks"], strict=True)}
    for s, t, n in zip(interactions["source"], interactions["target"], interactions["network"], strict=True):
        if isinstance(n, str):
            member[s].add(n)
            member[t].add(n)
    for p, n in zip(attendance["person"], attendance["event"].map(events["network"]), strict=True):
        if isinstance(n, str):
            member[p].add(n)
    return member


def dated(edges, people=None, **kw):
    """A dataset of ``(source, target, date)`` interactions (and an optional people table), for hand-made cases."""
    inter = pd.DataFrame(edges, columns=["source", "target", "date"])
    return from_frames(people=people, interactions=inter, **kw)



def plain_detached(g, member: dict[str, set]) -> set:
    """Who is ``detached`` (docs/clusters.md, Isolation) recomputed with networkx from a graph ``g`` of every
    person and ``member`` (person -> their learning networks, e.g. :func:`plain_memberships`): with networks, a
    member with a tie outside the largest connected group(s) of every network's members (ties between members);
    a person in no network with a tie whose connected group holds no one of such a group; without networks,
    a person with a tie in a connected group smaller than the largest."""
    import networkx as nx

    networks = {n for nets in member.values() for n in nets}
    if not networks:
        parts = list(nx.connected_components(g))
        largest = max(map(len, parts), default=0)
        return {p for part in parts if len(part) < largest for p in part if g.degree(p)}
    in_main = set()
    for net in networks:
        parts = list(nx.connected_components(g.subgraph([p for p in g if net in member.get(p, ())])))
        largest = max(map(len, parts))
        in_main |= {p for part in parts if len(part) == largest for p in part}
    return {p for p in g if g.degree(p) and (p not in in_main if member.get(p)
                                             else not nx.node_connected_component(g, p) & in_main)}



@contextlib.contextmanager
def analysing_once(done: dict):
    """While open, ``analyze`` behind ``write_report`` (and so the ``report`` command) runs once per dataset content
    and options kept in ``done``; each report gets its own deep copy of the Analysis.

    For tests that write the same data's report in other languages or settings (or crash it): the analysis does
    not depend on them, only the rendering does, so a later report renders a copy of the first one's analysis
    (analyze is deterministic: same data and options, same result). The Dataset is compared by its pickled bytes
    (tables, attributes, validation report, input paths), so any difference in what was read gives a fresh
    analysis. Not for tests of analyze itself or of determinism (``test_same_seed_same_page`` runs it twice).
    """
    from collabgraph.report import html

    real = html.analyze

    def analyze(dataset, options=None, **kwargs):
        key = (hashlib.sha256(pickle.dumps(dataset)).hexdigest(), repr(options), tuple(sorted(kwargs.items())))
        if key not in done:
            done[key] = real(dataset, options, **kwargs)
        return copy.deepcopy(done[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(html, "analyze", analyze)
        yield


@pytest.fixture(scope="session")
def analyses() -> dict:
    """The analyses ``analysing_once`` keeps for the test process."""
    return {}


@pytest.fixture
def analysed_once(analyses):
    """``analysing_once`` for one test, with the analyses of the test process (see there)."""
    with analysing_once(analyses):
        yield


@pytest.fixture
def second_process(caplog):
    """``second_process()``: what collabgraph.background computed in a second process since the test started or
    the last call (its DEBUG lines ``X computed in a second process``, with a value or an error, as the set of the X)
    and its fallbacks (the lines ``X computed in this process: why``, in order). A test that compares one process
    with two asserts with it that the child delivered: a child that failed is computed again in this process, and
    the values alone would be the same."""
    caplog.set_level(logging.DEBUG, logger="collabgraph")
    delivered = " computed in a second process"

    def seen() -> tuple[set[str], list[str]]:
        lines = [r.getMessage() for r in caplog.records if r.name == "collabgraph"]
        caplog.clear()
        return ({line.partition(delivered)[0] for line in lines if delivered in line},
                [line for line in lines if " computed in this process: " in line])

    return seen
