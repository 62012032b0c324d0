"""Tests for collabgraph/analysis.py: the orchestrator passes the right ties and options to every family."""

from __future__ import annotations

import errno
import json
import logging
import os
from dataclasses import replace

import networkx as nx
import numpy as np
import pandas as pd
import pytest

import collabgraph as cg
from collabgraph import background
from collabgraph.analysis import Analysis, AnalysisOptions, analyze
from collabgraph.cli.common import to_json
from collabgraph.errors import ParameterError
from tests.conftest import QUICK, make


def _small():
    # Two domains, one dated interaction per year: 2020 only within zorg, 2021 one within, one across.
    people = pd.DataFrame({"id": list("abcd"), "name": ["An", "Bo", "Cas", "Do"],
                           "domain": ["zorg", "zorg", "welzijn", "welzijn"], "role": ["professional"] * 4})
    inter = pd.DataFrame({"source": list("abc"), "target": list("bcd"),
                          "date": ["2020-03-01", "2021-03-01", "2021-04-01"], "network": ["N1", "N1", "N2"]})
    return cg.from_frames(people=people, interactions=inter)


def test_small_by_hand():
    a = analyze(_small(), AnalysisOptions(permutations=0, freq="year", stability_runs=0))
    assert isinstance(a, Analysis)
    # Hand count: ties a-b (zorg-zorg), b-c (zorg-welzijn), c-d (welzijn-welzijn): 1 of 3 crosses.
    assert a.mixing.internal == 2 and a.mixing.external == 1
    # Per year: 2020 has a-b only (0 of 1 crosses); 2021 has b-c and c-d (1 of 2).
    w = a.timeline.windows
    assert w["label"].tolist() == ["2020", "2021"]
    assert w["cross_share"].tolist() == [0.0, 0.5]
    assert w["people_active"].tolist() == [2, 3]
    # The data run from 1 March 2020 to 1 April 2021, so neither year is covered completely: both are partial,
    # and before/after defaults to the first and last complete quarter.
    assert w["partial"].tolist() == [True, True]
    assert (a.comparison.before.label, a.comparison.after.label) == ("2020Q2", "2021Q1")
    # The years compared when asked: cross share 0 -> 0.5, both periods partial.
    years = analyze(_small(), AnalysisOptions(permutations=0, freq="year", stability_runs=0,
                                              compare_periods=("2020", "2021")))
    assert years.comparison.before.partial and years.comparison.after.partial
    assert years.comparison.metrics.loc["cross_share", "difference"] == 0.5
    # Path a-b-c-d: betweenness of b and c is 2 (pairs a-c, a-d through b; b-d, a-d through c).
    assert a.people["betweenness"].tolist() == [0.0, 2.0, 2.0, 0.0]
    assert a.people["degree"].tolist() == [1, 2, 2, 1]
    assert a.pivots is None


def test_campnet_matches_ucinet(realdata):
    # Reference: /work/shared/realdata/campnet/SOURCE.md (xucinet/UCINET): E-I by gender -0.667,
    # directed betweenness HOLLY 78.333, MICHAEL 58.833.
    d = realdata / "campnet"
    ds = cg.load(d / "edges.csv", people=d / "nodes.csv", directed=True)
    a = analyze(ds, AnalysisOptions(by="gender", permutations=0, stability_runs=0, compare_with="role"))
    assert a.mixing.ei_index == pytest.approx(-0.667, abs=1e-3)
    assert a.people.loc["HOLLY", "betweenness"] == pytest.approx(78.333, abs=1e-3)
    assert a.people.loc["MICHAEL", "betweenness"] == pytest.approx(58.833, abs=1e-3)
    assert a.timeline is None and a.comparison is None  # no dates, no waves


def test_same_seed_same_json(example):
    opts = AnalysisOptions(permutations=49, stability_runs=2, seed=3)
    first, second = to_json(analyze(example, opts).to_dict()), to_json(analyze(example, opts).to_dict())
    assert first == second
    keys = list(json.loads(first))
    assert keys == ["options", "versions", "input", "summary", "mixing", "crossing", "reach", "brokers",
                    "pollination", "clusters", "isolation", "suggestions", "timeline", "compare", "hours",
                    "networks", "network_quarters", "forms", "doorwerking", "roles", "ratings", "betweenness_pivots",
                    "people"]


def test_example_counts(example, example_analysis):
    a = example_analysis
    assert a.summary.people == len(example.people) == len(a.people)
    assert a.input["counts"]["interactions"]["used"] == len(example.interactions)
    flagged = a.isolation.flagged
    assert [s.person for s in a.suggestions] == list(flagged.index[:50])
    assert set(a.crossing) == {"domain", "organisation", "profession", "role"}


def test_compare_periods_given():
    a = analyze(_small(), AnalysisOptions(permutations=0, stability_runs=0, bootstraps=0,
                                          compare_periods=("2020-01-01..2020-12-31", "2021")))
    assert a.comparison.before.label == "2020-01-01..2020-12-31"
    assert a.to_dict()["options"]["compare_periods"] == ["2020-01-01..2020-12-31", "2021"]


def test_auto_pivots_for_large_graphs(monkeypatch):
    import collabgraph.analysis as analysis

    monkeypatch.setattr(analysis, "EXACT_BETWEENNESS_LIMIT", 2)
    a = analyze(_small(), AnalysisOptions(permutations=0, stability_runs=0))
    assert a.pivots == analysis.AUTO_PIVOTS


@pytest.mark.slow
@pytest.mark.parametrize("k", [None, 7])
def test_betweenness_in_a_second_process_gives_the_same_json(example, example_analysis, monkeypatch, k):
    import collabgraph.analysis as analysis

    opts = replace(QUICK, betweenness_k=k or "auto")
    inline = to_json((example_analysis if opts == QUICK else analyze(example, opts)).to_dict())  # k=None: shared
    started, real = [], background._start

    def recording(stack, function, args, kwargs, what):
        process, reader = real(stack, function, args, kwargs, what)
        started.append((what, process))
        return process, reader

    monkeypatch.setattr(analysis, "BACKGROUND_TIES", 0)  # every graph: betweenness in a forked process
    monkeypatch.setattr(background, "cpus", lambda: 2)  # also on a machine with one CPU
    monkeypatch.setattr(background, "_start", recording)
    assert to_json(analyze(example, opts).to_dict()) == inline
    # the child computed it and ended by itself, no fallback
    assert [(what, p.exitcode) for what, p in started if what == "betweenness"] == [("betweenness", 0)]


def test_no_dates_no_memberships():
    ds = make([("a", "b"), ("b", "c")], domain={"a": "zorg", "b": "zorg", "c": "welzijn"})
    a = analyze(ds, AnalysisOptions(permutations=0, stability_runs=0))
    assert a.timeline is None and a.reach_networks.empty
    assert a.clusters.comparison is None  # no learning networks to compare with


def test_everyone_in_several_networks_has_no_formal_network_to_compare_with():
    # No person is in exactly one learning network, so there is no formal grouping by network: the
    # comparison is left out instead of failing ("by must be an attribute that someone has a value of; got
    # 'network', which no one has.", exit 2).
    people = pd.DataFrame({"id": list("abc"), "domain": ["zorg", "welzijn", "zorg"], "networks": ["A;B"] * 3})
    inter = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "date": ["2021-01-01", "2021-02-01"]})
    a = analyze(cg.from_frames(people=people, interactions=inter), AnalysisOptions(permutations=0, stability_runs=0))
    assert a.clusters.comparison is None and len(a.ties) == 2


@pytest.mark.parametrize("kwargs", [{"freq": "fortnight"}, {"method": "magic"}, {"betweenness_k": 0},
                                    {"permutations": -1}, {"stability_runs": 1}, {"bootstraps": -1}])
def test_bad_options(kwargs):
    with pytest.raises(ParameterError):
        AnalysisOptions(**kwargs)


def test_unknown_attribute():
    with pytest.raises(ParameterError, match="by must be one of .*, network; got 'colour'"):
        analyze(_small(), AnalysisOptions(by="colour"))


def test_progress_bar(capsys):
    analyze(_small(), AnalysisOptions(permutations=0, stability_runs=0), progress=True)
    err = capsys.readouterr().err
    # brokerage late: its betweenness runs alongside the rest; then the time series (computed beside the rest)
    # and the learning networks' figures
    assert "8/10 cross-pollination" in err and "9/10 time series" in err and "10/10 learning networks" in err
    analyze(_small(), AnalysisOptions(permutations=0, stability_runs=0), progress=None)
    assert capsys.readouterr().err == ""  # captured stderr is not a terminal


# ---- the betweenness worker's fallbacks: each forced, the values checked against networkx, the log line read ----

PARENT = os.getpid()


def _tangle():
    """A random graph of 40 people (120 ties) and its betweenness by networkx, computed from the edge list."""
    rng = np.random.default_rng(5)
    pairs = {tuple(sorted(p)) for p in rng.integers(0, 40, size=(160, 2)) if p[0] != p[1]}
    edges = [(f"p{a:02d}", f"p{b:02d}") for a, b in sorted(pairs)][:120]
    return make(edges), nx.betweenness_centrality(nx.Graph(edges), normalized=False)


def _analysed_betweenness(ds):
    opts = AnalysisOptions(permutations=0, stability_runs=0, bootstraps=0, suggestions=0)
    return analyze(ds, opts).people["betweenness"].to_dict()


def _stops_in_a_child(*args, **kwargs):
    """The betweenness of the worker, except that a forked child ends at once (as if killed)."""
    from collabgraph.metrics.centrality import betweenness_from_ties

    if os.getpid() != PARENT:
        os._exit(1)
    return betweenness_from_ties(*args, **kwargs)


def _in_a_daemonic_worker(_):
    """analyze() in a multiprocessing worker (daemonic): the betweenness and the log lines it wrote."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("collabgraph")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    ds, _ = _tangle()
    return _analysed_betweenness(ds), [(r.levelname, r.getMessage()) for r in records]


def test_the_families_beside_give_the_same_analysis_in_either_process(example, example_analysis, monkeypatch,
                                                                      second_process):
    # the time series (and the programme's figures over time) and betweenness in a second process or in this one:
    # the same JSON, and with two processes the child delivered both (a failed child is computed here again)
    expected = to_json(example_analysis.to_dict())
    for processes, forked in (("1", set()), ("2", {"the time series", "betweenness"})):
        monkeypatch.setenv(background.PROCESSES, processes)
        assert to_json(analyze(example, QUICK).to_dict()) == expected
        assert second_process() == (forked, [])


def test_betweenness_worker_runs_in_a_second_process(monkeypatch, second_process):
    import collabgraph.analysis as analysis

    ds, expected = _tangle()
    monkeypatch.setattr(analysis, "BACKGROUND_TIES", 0)
    monkeypatch.setattr(background, "cpus", lambda: 2)  # a second process also on a machine with one CPU
    assert _analysed_betweenness(ds) == pytest.approx(expected, abs=1e-9)
    assert second_process() == ({"betweenness"}, [])  # delivered by the child, no fallback


def test_betweenness_is_computed_here_in_a_daemonic_process(monkeypatch):
    # a multiprocessing worker may not start processes (multiprocessing asserts it): computed inline, said at INFO
    import multiprocessing

    import collabgraph.analysis as analysis

    _, expected = _tangle()
    monkeypatch.setattr(analysis, "BACKGROUND_TIES", 0)
    monkeypatch.setattr(background, "cpus", lambda: 2)  # inherited by the forked worker
    with multiprocessing.get_context("fork").Pool(1) as pool:
        values, lines = pool.map(_in_a_daemonic_worker, [0])[0]
    assert values == pytest.approx(expected, abs=1e-9)
    assert lines == [("INFO", "betweenness computed in this process: a daemonic process may not start another")]


def test_betweenness_is_computed_here_when_no_process_can_be_forked(monkeypatch, caplog):
    import collabgraph.analysis as analysis

    def refuse():
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    ds, expected = _tangle()
    monkeypatch.setattr(analysis, "BACKGROUND_TIES", 0)
    monkeypatch.setattr(background, "cpus", lambda: 2)  # a second process also on a machine with one CPU
    monkeypatch.setattr(os, "fork", refuse)
    with caplog.at_level(logging.INFO, logger="collabgraph"):
        assert _analysed_betweenness(ds) == pytest.approx(expected, abs=1e-9)
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", "betweenness computed in this process: no second process could be started "
                    "([Errno 11] Resource temporarily unavailable)")]


def test_betweenness_is_computed_here_when_the_second_process_stops(monkeypatch, caplog):
    import collabgraph.analysis as analysis

    ds, expected = _tangle()
    monkeypatch.setattr(analysis, "BACKGROUND_TIES", 0)
    monkeypatch.setattr(background, "cpus", lambda: 2)  # a second process also on a machine with one CPU
    monkeypatch.setattr(analysis, "betweenness_from_ties", _stops_in_a_child)
    with caplog.at_level(logging.INFO, logger="collabgraph"):
        assert _analysed_betweenness(ds) == pytest.approx(expected, abs=1e-9)
    [record] = caplog.records
    assert record.levelname == "WARNING"
    assert record.getMessage().startswith("betweenness computed in this process: the second process stopped (")


def test_an_error_of_the_computation_in_the_second_process_is_raised(monkeypatch):
    # not a fallback: the same error inline would be raised too, so it is not hidden
    import collabgraph.analysis as analysis

    ds, _ = _tangle()
    monkeypatch.setattr(analysis, "BACKGROUND_TIES", 0)
    monkeypatch.setattr(background, "cpus", lambda: 2)  # a second process also on a machine with one CPU
    monkeypatch.setattr(analysis, "betweenness_from_ties", _fails)
    with pytest.raises(ZeroDivisionError):
        _analysed_betweenness(ds)


def _fails(*args, **kwargs):
    return 1 / 0


@pytest.mark.parametrize(("options", "message"), [
    ({"freq": "hour"}, "freq must be one of day, week, month, quarter, year, wave; got 'hour'."),
    ({"betweenness_k": 0}, "betweenness_k must be a whole number >= 1, 'auto' or None; got 0."),
    ({"stability_runs": 1}, "stability_runs must be 0 or a whole number >= 2; got 1."),
    ({"bootstraps": True}, "bootstraps must be a whole number >= 0; got True."),
])
def test_bad_options_say_the_rule_and_the_value(options, message):
    with pytest.raises(ParameterError) as err:
        AnalysisOptions(**options)
    assert str(err.value) == message


@pytest.mark.parametrize(("people", "networks"), [(["a"], ["N1"]), (["a", "b"], ["N1", "N1"]),
                                                  (["a", "b", "c"], ["N1", "N2", "N2"])])
def test_densities_are_null_where_no_pair_exists(people, networks):
    """Density is undefined below two people, the network of networks' below two learning networks: null in
    analysis.json (review: one person gave summary.density 0.0 and network_of_networks.density 0.0).
    Recomputed with pandas from the input: ties over possible pairs."""
    import collabgraph as cg

    frame = pd.DataFrame({"id": people, "network": networks})
    inter = pd.DataFrame({"source": people[:1], "target": people[-1:]})
    inter = inter[inter["source"] != inter["target"]]
    d = cg.analyze(cg.from_frames(people=frame, interactions=inter), permutations=0, bootstraps=0,
                   stability_runs=0).to_dict()
    n, k = frame["id"].nunique(), frame["network"].nunique()
    assert d["summary"]["density"] == (round(len(inter) / (n * (n - 1) / 2), 6) if n >= 2 else None)
    between = inter.assign(a=inter["source"].map(dict(zip(people, networks, strict=True))),
                           b=inter["target"].map(dict(zip(people, networks, strict=True))))
    joined = len({frozenset(x) for x in zip(between["a"], between["b"], strict=True) if x[0] != x[1]})
    nn = d["pollination"]["network_of_networks"]
    assert nn["networks"] == k and nn["density"] == (joined / (k * (k - 1) / 2) if k >= 2 else None)


def test_versions_name_only_the_libraries_the_results_depend_on():
    """analysis.json recorded matplotlib's version (or null, by machine) though no figure uses it (review); the
    versions are those of the libraries imported for the results, each as the installed metadata says."""
    from importlib.metadata import version

    from collabgraph.analysis import versions

    v = versions()
    assert set(v) == {"collabgraph", "python", "pandas", "numpy", "scipy", "networkx", "igraph", "scikit-learn"}
    assert v["pandas"] == pd.__version__ == version("pandas") and v["networkx"] == version("networkx")
