"""Property: any small dataset that validates runs through ``analyze()``, ``write_report()`` and the JSON of
every command without error, and every JSON it writes is strict (no NaN or Infinity).

The datasets are drawn as CSV files a user could write: 1 to 5 people (or no people table), interactions
with or without dates, waves, weights, networks, kinds and durations, events with or without dates and
attendance, undirected or directed. The tiny edge cases that once crashed are named in
``tests/cli/test_edge_cases.py``; this test looks for the ones nobody thought of.
"""

from __future__ import annotations

import json

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabgraph import load
from collabgraph.analysis import AnalysisOptions
from collabgraph.cli import COMMANDS
from collabgraph.report.html import ReportSettings, write_report
from collabgraph.serialize import to_json
from tests.cli.conftest import run
from tests.conftest import analysing_once, examples

IDS = ["a", "b", "c", "d", "e"]
DATES = ["2020-12-31", "2021-01-01", "2021-03-31", "2021-04-01", "2021-09-30", ""]
OPTIONS = AnalysisOptions(permutations=9, bootstraps=9, stability_runs=2)


def strict_json(text: str):
    """``json.loads`` that refuses NaN and Infinity, which no JSON reader outside Python accepts."""
    def refuse(constant):
        raise ValueError(f"{constant} in JSON")
    return json.loads(text, parse_constant=refuse)


def csv(header: list[str], rows: list[list[str]]) -> str:
    return "\n".join(",".join(r) for r in [header, *rows]) + "\n"


@st.composite
def datasets(draw) -> tuple[dict[str, str], bool, list[str]]:
    """(files, directed, waves): the CSV text per file name, whether nominations are directed, the waves."""
    ids = IDS[:draw(st.integers(1, len(IDS)))]
    one = st.sampled_from
    files = {}
    if draw(st.booleans()) or len(ids) == 1:
        rows = [[i, draw(one(["zorg", "welzijn", ""])), draw(one(["O1", "O2", ""])),
                 draw(one(["coordinator", "professional", ""])), draw(one(["n1", "n2", "n1;n2", ""])),
                 draw(one(["", "2021-02-01"])), draw(one(["", "2021-06-30"]))] for i in ids]
        files["people.csv"] = csv(["id", "domain", "organisation", "role", "networks", "joined", "left"], rows)
    columns = draw(st.lists(one(["date", "wave", "weight", "network", "kind", "duration_minutes"]), unique=True))
    values = {"date": DATES, "wave": ["T0", "T1", "T2"], "weight": ["", "1", "2.5", "3"], "network": ["", "n1", "n2"],
              "kind": ["", "advies", "overleg"], "duration_minutes": ["", "0", "45"]}
    pairs = [(s, t) for s in ids for t in ids if s != t]
    records = draw(st.lists(one(pairs), max_size=6)) if pairs else []
    rows = [[s, t, *(draw(one(values[c])) for c in columns)] for s, t in records]
    waves = sorted({r[2 + columns.index("wave")] for r in rows}) if "wave" in columns else []
    events = draw(st.integers(0, 3))
    if events:
        files["events.csv"] = csv(["id", "date", "network", "duration_minutes"],
                                  [[f"e{k}", draw(one(DATES)), draw(one(["", "n1", "n2"])), draw(one(["", "60"]))]
                                   for k in range(events)])
        attended = draw(st.lists(st.tuples(st.integers(0, events - 1), one(ids)), unique=True, max_size=8))
        files["attendance.csv"] = csv(["event", "person"], [[f"e{k}", p] for k, p in attended])
    if rows or not events or draw(st.booleans()):
        files["interactions.csv"] = csv(["source", "target", *columns], rows)
    return files, draw(st.booleans()), waves


@settings(max_examples=examples(8), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=datasets())
def test_any_valid_dataset_is_analysed_reported_and_answered_in_json(tmp_path_factory, data):
    files, directed, waves = data
    folder = tmp_path_factory.mktemp("ds")
    for name, text in files.items():
        (folder / name).write_text(text)
    ds = load(folder, directed=directed)  # the strategy only draws valid data: a problem here fails the test
    analysed = {}
    with analysing_once(analysed):  # the report's analyze(ds, OPTIONS) kept: the one whose JSON is checked
        out = write_report(ds, folder / "report", options=OPTIONS, settings=ReportSettings(exports=True))
    (analysis,) = analysed.values()
    strict_json(to_json(analysis.to_dict()))
    strict_json((out / "data" / "analysis.json").read_text())
    assert (out / "index.html").stat().st_size > 0
    direction = ["--directed"] if directed else []
    args = [[command] for command in COMMANDS if command not in ("compare", "report", "export", "demo")]
    args += [["timeline", "--freq", "wave"]] * bool(waves)
    outside = False
    if ds.has_dates:
        args.append(["compare", "--before", "2021Q1", "--after", "2021Q3"])
        # a period without any dated record of the files is a parameter error (exit 2), not a table of zeros
        dates = pd.concat([pd.read_csv(folder / f, dtype=str, keep_default_na=False).get("date", pd.Series(dtype=str))
                           for f in ("interactions.csv", "events.csv") if (folder / f).exists()])
        dates = pd.to_datetime(dates[dates != ""])
        first, last = dates.min(), dates.max()
        outside = not (first <= pd.Timestamp("2021-03-31") and last >= pd.Timestamp("2021-01-01")) \
            or not (first <= pd.Timestamp("2021-09-30") and last >= pd.Timestamp("2021-07-01"))
    elif len(waves) > 1:
        args.append(["compare", "--before", waves[0], "--after", waves[-1]])
    for command, *options in args:
        r = run(command, folder, *direction, *options, "--format", "json")
        if command == "compare" and outside:
            assert r.exit_code == 2 and "has no records" in r.output, (options, r.output[-500:])
            continue
        assert r.exit_code == 0, (command, options, r.output[-500:])
        strict_json(r.output)
