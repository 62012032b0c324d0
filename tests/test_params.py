"""The parameter-check helper: every message has the form "NAME must be RULE; got VALUE."."""

import functools
import math

import numpy as np
import pytest

from collabgraph.errors import ParameterError
from collabgraph.params import Interval, Options, check, validate_params


@pytest.mark.parametrize("rule, good, bad, text", [
    (Interval(int, 0, None), [0, 5, np.int64(3)], [-1, 1.5, True, "3", None], "a whole number >= 0"),
    (Interval(float, 0, 1, closed="right"), [1, 0.5, np.float64(0.1)], [0, 1.01, math.nan, False],
     "a number in (0, 1]"),
    (Interval(float, 0, 1, closed="neither"), [0.5], [0, 1], "a number in (0, 1)"),
    (Interval(float, None, 10, closed="neither"), [-5, 9.9], [10], "a number < 10"),
    (Options(["leiden", "louvain"]), ["leiden"], ["Leiden", None, ["leiden"], np.array([1, 2])],
     "one of leiden, louvain"),
    (Options(["auto"]), ["auto"], ["Auto", None], "'auto'"),
    (Options([-1]), [-1], [0, True, "-1"], "-1"),
])
def test_rules_accept_and_describe(rule, good, bad, text):
    assert rule.describe() == text
    for value in good:
        check("x", value, rule)
    for value in bad:
        with pytest.raises(ParameterError) as err:
            check("x", value, rule)
        assert str(err.value) == f"x must be {text}; got {value!r}."


def test_several_rules_read_as_alternatives():
    check("k", None, None, Interval(int, 1, None))
    with pytest.raises(ParameterError, match=r"^k must be None, a text or a whole number >= 1; got 0\.$"):
        check("k", 0, None, str, Interval(int, 1, None))


def test_decorator_checks_positional_keyword_and_default_arguments():
    @validate_params({"n": [Interval(int, 1, None)], "how": [Options(["a", "b"])]})
    def f(data, n=1, *, how="a"):
        return data, n, how

    assert f("d", 2, how="b") == ("d", 2, "b")
    assert f.__name__ == "f"
    with pytest.raises(ParameterError, match=r"^n must be a whole number >= 1; got 0\.$"):
        f("d", 0)
    with pytest.raises(ParameterError, match=r"^how must be one of a, b; got 'c'\.$"):
        f("d", how="c")
    with pytest.raises(TypeError):
        validate_params({"missing": [None]})(f)


def test_a_switch_is_true_or_false():
    for value in (True, False, np.True_, np.False_):  # numpy's booleans too (a cell of a bool column)
        check("directed", value, bool)
    for value in ("no", "yes", 0, 1, None, 1.0):
        with pytest.raises(ParameterError, match=rf"^directed must be True or False; got {value!r}\.$"):
            check("directed", value, bool)
    with pytest.raises(ParameterError, match=r"^directed must be True, False or None; got 'no'\.$"):
        check("directed", "no", bool, None)


def _switch_cases(folder):
    """For each public callable with a True/False parameter: how to call it with that parameter set to ``value``."""
    import pandas as pd

    import collabgraph as cg
    from collabgraph.report.html import ReportSettings

    ds = cg.load(folder)
    frames = {"interactions": pd.DataFrame({"source": ["a"], "target": ["b"]})}
    return ds, {
        "AnalysisOptions": lambda **kw: cg.AnalysisOptions(**kw),
        "Dataset": lambda **kw: cg.Dataset(ds.people, ds.interactions, ds.events, ds.attendance, ds.memberships, **kw),
        "ReportSettings": lambda **kw: ReportSettings(**kw),
        "analyze": lambda **kw: cg.analyze(ds, **kw),
        "export": lambda **kw: cg.export(ds, "json", folder.parent / "out.json", **kw),
        "from_frames": lambda **kw: cg.from_frames(**frames, **kw),
        "load": lambda **kw: cg.load(folder, **kw),
        "validate": lambda **kw: cg.validate(cg.read_dataset(folder), **kw),
        "write_report": lambda **kw: cg.write_report(ds, folder.parent / "report", **kw),
        "compare": lambda **kw: cg.compare(ds, "2021", "2022", **kw),
        "compare_periods": lambda **kw: cg.compare_periods(ds, "2021", "2022", **kw),
        **{name: functools.partial(getattr(cg, name), ds) for name in (
            "assortativity", "brokers", "clusters", "ei_index", "level_ei", "mixing_matrix", "structural_holes", "ties",
            "timeline")},
    }


def test_every_public_switch_refuses_text(tmp_path):
    # newuser2 finding 2: cg.load(path, directed='no') gave directed ties (any non-empty text is true).
    import inspect

    import collabgraph as cg
    from collabgraph.report.html import ReportSettings

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "interactions.csv").write_text("source,target,date\na,b,2021-03-01\nb,a,2022-03-01\nb,c,2022-04-01\n")
    ds, cases = _switch_cases(folder)
    public = {name: getattr(cg, name) for name in cg.__all__
              if callable(getattr(cg, name)) and not (isinstance(getattr(cg, name), type)
                                                       and issubclass(getattr(cg, name), Exception))}
    public["ReportSettings"] = ReportSettings
    switches = {name: [p.name for p in inspect.signature(f).parameters.values()
                       if isinstance(p.default, bool) or "bool" in str(p.annotation)]
                for name, f in public.items()}
    switches = {name: found for name, found in switches.items() if found}
    assert set(switches) == set(cases)  # a new public switch needs its case here
    for name, parameters in switches.items():
        for parameter in parameters:
            with pytest.raises(ParameterError) as err:
                cases[name](**{parameter: "no"})
            assert str(err.value).startswith(f"{parameter} must be True")
            assert str(err.value).endswith("; got 'no'.")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # nothing written


@pytest.fixture
def three_records(tmp_path):
    """A folder of three interactions (a-b, b-a, b-c) and their arcs and pairs, counted with pandas."""
    import pandas as pd

    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "interactions.csv").write_text("source,target\na,b\nb,a\nb,c\n")
    rows = pd.read_csv(folder / "interactions.csv")
    pairs = {frozenset(pair) for pair in zip(rows["source"], rows["target"], strict=True)}
    return folder, len(rows.drop_duplicates()), len(pairs)


def test_directed_switch_gives_the_ties_pandas_counts(three_records):
    import collabgraph as cg

    folder, arcs, pairs = three_records
    assert len(cg.ties(cg.load(folder, directed=True))) == arcs == 3
    assert len(cg.ties(cg.load(folder, directed=False))) == pairs == 2


def test_every_public_switch_takes_numpy_booleans_as_python_bools(three_records):
    # review: cg.load(path, directed=np.True_) was a ParameterError; 1, 0 and 'no' stay refused.
    import collabgraph as cg
    from collabgraph.report.html import ReportSettings

    folder, arcs, pairs = three_records
    directed = cg.load(folder, directed=np.True_)
    assert directed.directed is True and len(cg.ties(directed)) == arcs == 3
    assert len(cg.ties(cg.load(folder, directed=np.False_))) == pairs == 2
    assert cg.AnalysisOptions(weighted=np.True_).weighted is True
    assert ReportSettings(exports=np.False_).exports is False
    for value in (1, 0, "no"):
        with pytest.raises(ParameterError, match=r"^directed must be True, False or None"):
            cg.load(folder, directed=value)
