"""The Python API as the README promises it (newuser2 finding 15): dates read as the data's dates, ``by`` in the
names ``--by`` takes, ``analyze`` options as keywords, and short reprs that say what a result holds."""

from __future__ import annotations

import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.datasets import EXAMPLE
from collabgraph.errors import ParameterError


@pytest.fixture(scope="module")
def example():
    return cg.load_example()


@pytest.fixture(scope="module")
def records():
    """The example's interactions read with plain pandas (dates as written: ISO)."""
    frame = pd.read_csv(EXAMPLE / "interactions.csv", dtype=str)
    return frame.assign(date=pd.to_datetime(frame["date"], format="ISO8601"))


@pytest.mark.parametrize("end", ["2021-06-30", "30-06-2021", "30/6/2021", pd.Timestamp("2021-06-30")])
def test_filter_reads_dates_as_the_data_and_the_commands_do(example, records, end):
    kept = example.filter(end=end).interactions
    assert len(kept) == int((records["date"] < pd.Timestamp("2021-07-01")).sum())  # end includes its day


@pytest.mark.parametrize("value", ["1 maart 2024", "06/30/2021", "2021", 2021])
def test_filter_refuses_other_dates_with_a_parameter_error(example, value):
    with pytest.raises(ParameterError, match=rf"^start must be a date like 2021-03-14 or 14-03-2021, from "
                                             rf"1678-01-01 to 2261-12-31; got {value!r}\.$"):
        example.filter(start=value)


def _ei_by_hand(folder, column: str) -> float:
    """(external - internal) / (external + internal) over the distinct pairs with a value at both ends (pandas)."""
    people = pd.read_csv(folder / "people.csv", dtype=str).set_index("id")[column]
    inter = pd.read_csv(folder / "interactions.csv", dtype=str)
    pairs = {tuple(sorted(pair)) for pair in zip(inter["source"], inter["target"], strict=True)}
    same = [people[a] == people[b] for a, b in pairs if pd.notna(people[a]) and pd.notna(people[b])]
    internal, external = sum(same), len(same) - sum(same)
    return (external - internal) / (external + internal)


def test_by_takes_the_names_the_commands_take(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "people.csv").write_text("id,domain,Leeftijds groep\na,zorg,jong\nb,zorg,oud\nc,welzijn,jong\n"
                                       "d,welzijn,oud\n")
    (folder / "interactions.csv").write_text("source,target\na,b\nb,c\nc,d\na,c\n")
    ds = cg.load(folder)
    expected = _ei_by_hand(folder, "domain")
    for by in ("domain", "domein", "Domein"):
        assert cg.ei_index(ds, by=by).ei_index == pytest.approx(expected)
        assert cg.brokers(ds, by=by).by == "domain"
        assert cg.analyze(ds, cg.AnalysisOptions(by=by, permutations=0, bootstraps=0)).mixing.ei_index == \
            pytest.approx(expected)
    assert cg.ei_index(ds, by="leeftijds-groep").ei_index == pytest.approx(_ei_by_hand(folder, "Leeftijds groep"))
    with pytest.raises(ParameterError, match="by must be one of .*; got 'leeftijd'"):
        cg.ei_index(ds, by="leeftijd")


def test_analyze_takes_its_options_as_keywords(example):
    small = example.filter(network=example.networks[0])
    a = cg.analyze(small, by="Domein", permutations=0, bootstraps=0, stability_runs=0, freq="year")
    assert a.options == cg.AnalysisOptions(by="domain", permutations=0, bootstraps=0, stability_runs=0, freq="year")
    with pytest.raises(ParameterError, match="^settings must be analysis options: by, .*; got 'permutation'\\.$"):
        cg.analyze(small, permutation=0)
    with pytest.raises(ParameterError, match="^permutations must be a whole number >= 0; got -1"):
        cg.analyze(small, permutations=-1)


def test_reprs_are_one_line_with_counts(example, records):
    years = records["date"].dt.year.nunique()
    timeline = cg.timeline(example, freq="year", clusters=False)
    text = repr(timeline)
    assert "\n" not in text and text.startswith(f"<Timeline: {years} year windows by domain, 2020 to 2022; ")
    comparison = cg.compare(example, "2020", "2021", permutations=0, bootstraps=0, clusters=False)
    assert repr(comparison).startswith("<PeriodComparison by domain: 2020 -> 2021; ties ")
    assert "\n" not in repr(comparison)
    people = pd.read_csv(EXAMPLE / "people.csv", dtype=str)
    isolation = cg.isolation(example)
    text = repr(isolation)
    assert "\n" not in text and len(text) < 400 and "periphery_quantile" not in text  # not the thresholds dict
    assert text.startswith(f"<Isolation: {len(people):,} people, {len(isolation.flagged):,} flagged (")


def test_timeline_of_undated_data_says_why_it_is_empty(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "interactions.csv").write_text("source,target\na,b\nb,c\n")
    timeline = cg.timeline(cg.load(folder))
    assert timeline.windows.empty
    assert repr(timeline) == ("<Timeline: no windows: no interaction or event has a date; freq='wave' gives the "
                              "windows of survey waves>")
