"""Tests of collabgraph.metrics.forms: every figure recomputed from the CSV text with plain pandas."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import collabgraph.datasets
from collabgraph import load
from collabgraph.errors import ParameterError
from collabgraph.metrics.forms import _p_values, forms

EXAMPLE = Path(collabgraph.datasets.__file__).parent / "leernetwerken"

#: b-c meet by interaction before e1 (no first tie there); a-b share e1 and e2 on the same day (credited
#: to e1); d-e have an undated interaction (left out); f has no domain; e5 has one attendee, e6 none;
#: e4 has no duration; a size-8 plenary (e3) gives the 6-12 band.
FILES = {
    "people.csv": "id,domain\na,zorg\nb,zorg\nc,welzijn\nd,onderwijs\ne,zorg\nf,\ng,veiligheid\nh,welzijn\n",
    "interactions.csv": "source,target,date\nb,c,2021-01-01\nd,e,\n",
    "events.csv": "id,date,kind,duration_minutes\ne1,2021-02-01,casus,60\ne2,2021-02-01,plenair,120\n"
                  "e3,2021-03-01,plenair,90\ne4,2021-04-01,casus,\ne5,2021-04-02,casus,30\n"
                  "e6,2021-05-01,plenair,60\n",
    "attendance.csv": "event,person\ne1,a\ne1,b\ne1,c\ne2,a\ne2,b\ne3,a\ne3,b\ne3,c\ne3,d\ne3,e\ne3,f\ne3,g\n"
                      "e3,h\ne4,c\ne4,g\ne4,h\ne5,a\n",
}
BANDS = [("2-5", 2, 5), ("6-12", 6, 12), ("13-25", 13, 25), ("26+", 26, 10**9)]


def _read(name: str, files: dict) -> pd.DataFrame:
    frame = pd.read_csv(io.StringIO(files[name]), dtype=str, keep_default_na=False)
    return frame.astype(object).where(frame != "", None)


def plain(files: dict, by: str = "domain") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-event figures and the first ties (pair, event, cross or None), from the CSV text."""
    people = _read("people.csv", files).set_index("id")
    ev = _read("events.csv", files).set_index("id")
    att = _read("attendance.csv", files)
    inter = _read("interactions.csv", files)
    size = att.groupby("event").size().reindex(ev.index, fill_value=0)
    minutes = pd.to_numeric(ev["duration_minutes"])
    date = pd.to_datetime(ev["date"])
    records = []  # (pair, date, event or None)
    for _, r in inter.iterrows():
        records.append((frozenset((r["source"], r["target"])), pd.to_datetime(r["date"]), None))
    for event, group in att.groupby("event"):
        for p in itertools.combinations(sorted(group["person"]), 2):
            records.append((frozenset(p), date[event], event))
    rec = pd.DataFrame(records, columns=["pair", "date", "event"])
    undated = set(rec.loc[rec["date"].isna(), "pair"])
    first = []
    for pair, g in rec.groupby("pair"):
        if pair in undated:
            continue
        day = g["date"].min()
        shared = sorted(g.loc[(g["date"] == day) & g["event"].notna(), "event"])
        if shared:
            x, y = sorted(pair)
            gx, gy = people.loc[x, by], people.loc[y, by]
            first.append((pair, shared[0], None if gx is None or gy is None else gx != gy))
    first = pd.DataFrame(first, columns=["pair", "event", "cross"])
    per_event = pd.DataFrame({"kind": ev["kind"], "n": size, "minutes": minutes})
    per_event["band"] = [next((b for b, lo, hi in BANDS if lo <= n <= hi), None) for n in size]
    return per_event, first


def expected(files: dict) -> pd.DataFrame:
    per_event, first = plain(files)
    rows = []
    for dimension, column in (("kind", "kind"), ("size", "band")):
        events = per_event[per_event["n"] >= 2]
        for form, sub in events.groupby(column):
            ft = first[first["event"].isin(sub.index)]
            known = ft[ft["cross"].notna()]
            timed = sub[sub["minutes"].notna()]
            hours = (timed["minutes"] / 60 * timed["n"]).sum()
            cross_timed = ft[ft["event"].isin(timed.index) & (ft["cross"] == True)]  # noqa: E712
            rows.append({"dimension": dimension, "form": form, "events": len(sub), "attendances": sub["n"].sum(),
                         "mean_size": sub["n"].mean(), "hours": hours,
                         "events_without_duration": sub["minutes"].isna().sum(), "first_ties": len(ft),
                         "cross_first_ties": int((known["cross"] == True).sum()),  # noqa: E712
                         "first_ties_left_out": len(ft) - len(known),
                         "cross_share_first_ties": (known["cross"] == True).mean() if len(known) else None,  # noqa: E712
                         "cross_first_ties_per_hour": len(cross_timed) / hours if hours else None})
    return pd.DataFrame(rows)


@pytest.fixture
def folder(tmp_path):
    for name, text in FILES.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_every_figure_against_pandas(folder):
    f = forms(load(folder), permutations=0)
    want = expected(FILES)
    got = f.table.drop(columns="p_value")
    pd.testing.assert_frame_equal(got.astype(object), want.astype(object).where(want.notna(), None),
                                  check_dtype=False)
    # the hand facts behind the fixture
    assert f.totals == {"by": "domain", "events": 6, "attendances": 17, "events_one_attendee": 1,
                        "events_no_attendees": 1, "events_without_date": 0, "first_ties": int(want.query(
                            "dimension == 'kind'")["first_ties"].sum()), "first_ties_same_day_events": 1,
                        "pairs_undated_left_out": 1, "permutations": 0, "seed": 0}
    casus = f.table.set_index(["dimension", "form"]).loc[("kind", "casus")]
    assert casus["first_ties"] == 2  # a-b, a-c (e4's pairs met at e3)
    assert f.table["p_value"].isna().all()


def plain_p(labels: list, cross: list, forms_: list, permutations: int, seed: int) -> list:
    """Two-sided Phipson–Smyth p per form, by a plain loop over the same generator draws."""
    labels, cross = np.asarray(labels), np.asarray(cross, float)

    def d(lab, form):
        inside = lab == form
        return cross[inside].mean() - cross[~inside].mean()

    rng = np.random.default_rng(seed)
    shuffled = [rng.permutation(labels) for _ in range(permutations)]
    out = []
    for form in forms_:
        if (labels == form).all() or not (labels == form).any():
            out.append(None)
            continue
        obs = abs(d(labels, form))
        out.append((1 + sum(abs(d(s, form)) >= obs - 1e-12 for s in shuffled)) / (1 + permutations))
    return out


def test_permutation_p_against_a_plain_loop(folder):
    f = forms(load(folder), permutations=199, seed=7)
    per_event, first = plain(FILES)
    order = {p: i for i, p in enumerate(_read("people.csv", FILES)["id"])}  # the documented pair order
    first = first[first["cross"].notna()]
    first = first.assign(pos=[sorted(order[x] for x in p) for p in first["pair"]]).sort_values(
        "pos", key=lambda s: s.map(tuple))
    for dimension, column in (("kind", "kind"), ("size", "band")):
        rows = f.table[f.table["dimension"] == dimension]
        forms_ = rows["form"].tolist()
        codes = [forms_.index(per_event.loc[e, column]) for e in first["event"]]
        want = plain_p(codes, first["cross"].astype(float).tolist(), range(len(forms_)), 199, 7)
        assert [None if pd.isna(x) else x for x in rows["p_value"]] == want
    assert f.table["p_value"].notna().sum() == 4  # every form is testable here


def test_deterministic(folder):
    ds = load(folder)
    a, b = forms(ds, permutations=99, seed=3), forms(ds, permutations=99, seed=3)
    pd.testing.assert_frame_equal(a.table, b.table)


def test_undated_events_leave_first_ties_empty(tmp_path):
    files = dict(FILES, **{"events.csv": FILES["events.csv"].replace("e3,2021-03-01", "e3,")})
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    f = forms(load(tmp_path))
    assert f.totals["events_without_date"] == 1 and f.totals["first_ties"] is None
    assert f.table[["first_ties", "cross_share_first_ties", "p_value"]].isna().all().all()
    assert f.table["events"].tolist() == expected(FILES)["events"].tolist()


def test_example_totals_add_up():
    f = forms(load(EXAMPLE), permutations=0)
    ev = pd.read_csv(EXAMPLE / "events.csv", dtype=str)
    att = pd.read_csv(EXAMPLE / "attendance.csv", dtype=str)
    size = att.groupby("event").size().reindex(ev["id"], fill_value=0)
    t = f.totals
    assert (t["events"], t["attendances"]) == (len(ev), len(att))
    for dimension in ("kind", "size"):
        rows = f.table[f.table["dimension"] == dimension]
        assert rows["events"].sum() + t["events_one_attendee"] + t["events_no_attendees"] == len(ev)
        assert rows["attendances"].sum() + t["events_one_attendee"] == len(att)
        assert rows["first_ties"].sum() == t["first_ties"]
    assert t["events_one_attendee"] == int((size == 1).sum())


@pytest.mark.parametrize("kwargs, message", [({"permutations": -1}, "permutations must be"),
                                             ({"seed": 1.5}, "seed must be"),
                                             ({"by": "colour"}, "by must be one of .*; got 'colour'")])
def test_parameter_checks(folder, kwargs, message):
    with pytest.raises(ParameterError, match=message):
        forms(load(folder), **kwargs)


def test_shared_shuffles_against_a_plain_loop():
    """Both labellings shuffled by one draw per permutation: the p of a fresh generator per labelling."""
    rng = np.random.default_rng(1)
    kind, band = rng.integers(0, 3, 40), rng.integers(0, 2, 40)
    cross = rng.random(40) < 0.4
    got = _p_values([kind, band], cross, [4, 2], 50, 5)  # form 3 of kind has no first tie
    assert got == [plain_p(kind, cross, range(4), 50, 5), plain_p(band, cross, range(2), 50, 5)]
    assert got[0][3] is None and None not in got[1]
