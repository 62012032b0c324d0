"""Dataset filters and time windows."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.errors import ParameterError
from collabgraph.graph import ties


@pytest.fixture
def ds():
    people = pd.DataFrame({"id": list("abcd"), "networks": ["N", "N", "M", "M;N"]})
    inter = pd.DataFrame({"source": ["a", "a", "c", "b", "a"], "target": ["b", "b", "d", "d", "c"],
                          "date": ["2021-01-05", "2021-01-20", "2021-03-10", "2021-03-31", "2021-06-30"],
                          "network": ["N", "N", "M", None, None], "kind": ["mail", "overleg", "mail", "mail", "mail"]})
    return from_frames(people=people, interactions=inter)


def test_filter_by_network_keeps_unlabelled_records_between_members(ds):
    sub = ds.filter(network="N")
    # b-d has no network but both are members of N; a-c has no network and c is not in N
    assert sub.interactions[["source", "target"]].values.tolist() == [["a", "b"], ["a", "b"], ["b", "d"]]


def test_filter_by_period_is_inclusive(ds):
    sub = ds.filter(start="2021-01-20", end="2021-03-31")
    assert sub.interactions["date"].dt.strftime("%m-%d").tolist() == ["01-20", "03-10", "03-31"]


def test_filter_by_kind(ds):
    assert len(ds.filter(kind="mail").interactions) == 4
    with pytest.raises(ParameterError, match=r"^kind must be one of mail, overleg; got 'fax'\.$"):
        ds.filter(kind="fax")


def test_monthly_fixed_windows_include_empty_months(ds):
    w = ds.windows("month")
    assert [x.label for x in w] == ["2021-01", "2021-02", "2021-03", "2021-04", "2021-05", "2021-06"]
    assert [len(x.dataset.interactions) for x in w] == [2, 0, 2, 0, 0, 1]
    assert (w[1].start, w[1].end) == (pd.Timestamp("2021-02-01"), pd.Timestamp("2021-03-01"))


def test_cumulative_and_sliding_windows(ds):
    assert [len(x.dataset.interactions) for x in ds.windows("month", "cumulative")] == [2, 2, 4, 4, 4, 5]
    assert [len(x.dataset.interactions) for x in ds.windows("quarter", "sliding", 2)] == [4, 5]
    assert [len(x.dataset.interactions) for x in ds.windows("month", "sliding", 3)] == [2, 2, 4, 2, 2, 1]


def test_week_windows_run_monday_to_sunday(ds):
    w = ds.windows("week")
    assert w[0].start == pd.Timestamp("2021-01-04") and w[0].start.day_name() == "Monday"


def test_wave_windows_follow_wave_order():
    people = pd.DataFrame({"id": list("abc")})
    inter = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "c"], "wave": ["T1", "T0", "T1"]})
    ds = from_frames(people=people, interactions=inter)
    assert [(w.label, len(w.dataset.interactions)) for w in ds.windows("wave")] == [("T0", 1), ("T1", 2)]
    assert [len(w.dataset.interactions) for w in ds.windows("wave", "cumulative")] == [1, 3]


def test_a_loaded_datasets_filtered_interactions_keep_their_waves():
    # the wave column of loaded interactions is categorical; a filtered copy keeps categories no row uses,
    # which pandas warned it will refuse to recode (Pandas4Warning, an error in pandas 4)
    people = pd.DataFrame({"id": list("abc")})
    inter = pd.DataFrame({"source": ["a", "a", "b"], "target": ["b", "c", "c"], "wave": ["T1", "T0", "T2"]})
    first = from_frames(people=people, interactions=inter).interactions
    assert isinstance(first["wave"].dtype, pd.CategoricalDtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ds = from_frames(people=people, interactions=first[first["wave"] != "T2"])
    assert ds.interactions["wave"].cat.categories.tolist() == ["T0", "T1"]
    assert ds.interactions["wave"].astype(str).tolist() == ["T1", "T0"]


def test_undated_data_have_no_date_windows():
    # every step from the first dated record to the last: none without dates (raised before, so
    # `timeline` of undated data exited 2, issue 12)
    inter = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "wave": ["T0", "T1"]})
    ds = from_frames(people=pd.DataFrame({"id": list("abc")}), interactions=inter)
    assert ds.windows("quarter") == [] and ds.windows("day", "cumulative") == []
    assert len(ds.windows("wave")) == 2


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"freq": "fortnight"}, "freq must be one of"), ({"mode": "rolling"}, "mode must be one of"),
    ({"mode": "sliding", "length": 0}, "length must be a whole number >= 1")])
def test_bad_window_parameters(ds, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        ds.windows(**kwargs)


def test_filter_by_period_keeps_people_with_records_outside_their_membership():
    # a left on 2020-06-01 but has a record in September: dropping a from the people table gave
    # the record the position -1 in ties(), i.e. a tie between c and b instead of a and b
    people = pd.DataFrame({"id": list("abc"), "left": ["2020-06-01", "", ""]})
    inter = pd.DataFrame({"source": ["a", "b"], "target": ["b", "c"], "date": ["2020-09-01", "2020-09-02"]})
    sub = from_frames(people=people, interactions=inter).filter(start="2020-07-01")
    assert sub.people.index.tolist() == ["a", "b", "c"]
    assert ties(sub)[["source", "target"]].values.tolist() == [["a", "b"], ["b", "c"]]
    # without a record in the period, a is still left out
    assert from_frames(people=people, interactions=inter.iloc[1:]).filter(start="2020-07-01").people.index.tolist() \
        == ["b", "c"]
