"""Every command on tiny valid datasets at the edges (issue 12): exit 0, no traceback, empty results that
add up.

Each dataset is the smallest case of something the analysis must survive: one person, no ties, only
isolates, one event, one window, windows without pairs, attendance only, directed nominations, one
network, undated events, survey waves, no people table (so no attributes). The expected counts are computed from
the CSV text with plain pandas, never from collabgraph's own tables.
"""

from __future__ import annotations

import io
import itertools
import json

import pandas as pd
import pytest

from collabgraph.cli import COMMANDS
from tests.cli.conftest import run

P = "id,name,role,profession,organisation,domain,networks\n"
ABC = P + ("a,A,coordinator,arts,O1,zorg,n1\nb,B,professional,wijkagent,O2,veiligheid,n1\n"
           "c,C,docent,docent,O3,onderwijs,n2\n")

#: Each folder validated once for the module, every command given its own copy (tests/cli/conftest.py).
pytestmark = pytest.mark.usefixtures("validated_once")

#: name -> {file: text}; every one validates strictly.
CORPUS = {
    "one_person": {"people.csv": P + "a,A,coordinator,arts,O1,zorg,n1\n",
                   "events.csv": "id,date,network\ne1,2021-03-01,n1\n", "attendance.csv": "event,person\ne1,a\n"},
    "no_ties": {"people.csv": ABC, "interactions.csv": "source,target,date\n"},
    "isolates_attendance_only": {  # events of one attendee over three quarters: dated windows, no pair
        "people.csv": ABC, "events.csv": "id,date,network,duration_minutes\ne1,2021-01-10,n1,60\n"
                                         "e2,2021-05-10,n1,90\ne3,2021-08-10,n2,30\n",
        "attendance.csv": "event,person\ne1,a\ne2,b\ne3,c\n"},
    "one_event": {"people.csv": ABC, "events.csv": "id,date,network,duration_minutes\ne1,2021-03-01,n1,120\n",
                  "attendance.csv": "event,person\ne1,a\ne1,b\ne1,c\n"},
    "one_window": {"people.csv": ABC, "interactions.csv": "source,target,date\na,b,2021-03-01\nb,c,2021-03-01\n"},
    "windows_without_pairs": {  # the case: Q2 empty, Q3 only an event of one attendee
        "people.csv": ABC + "d,D,professional,arts,O1,zorg,n2\n",
        "interactions.csv": "source,target,date\na,b,2021-01-15\nc,d,2021-03-20\n",
        "events.csv": "id,date,network\ne1,2021-08-10,n1\n", "attendance.csv": "event,person\ne1,a\n"},
    "directed": {"people.csv": ABC, "interactions.csv": "source,target,date,type\na,b,2021-03-01,Directed\n"
                                                      "b,c,2021-06-01,Directed\nc,a,2021-09-01,Directed\n"},
    "one_network_one_tie": {"people.csv": P + "a,A,professional,arts,O1,zorg,n1\nb,B,professional,arts,O1,zorg,n1\n",
                            "interactions.csv": "source,target,date\na,b,2021-03-01\n"},
    "undated_events": {"people.csv": ABC, "events.csv": "id,network\ne1,n1\n",
                       "attendance.csv": "event,person\ne1,a\ne1,b\ne1,c\n"},
    "waves": {"people.csv": ABC, "interactions.csv": "source,target,wave\na,b,1\nb,c,2\n"},
    # a survey of two waves with a trust rating: 0 is a rating, an empty cell is none
    "rated": {"people.csv": ABC, "interactions.csv": "source,target,wave,trust\na,b,1,0\nb,c,2,\na,b,2,5\n"},
    "no_people_table": {"interactions.csv": "source,target,date\na,b,2021-01-01\nb,c,2021-02-01\n"},
}

FORMATS = ("gexf", "graphml", "json", "csv", "xlsx")
#: The commands that need nothing but DATASET (every one a new command adds, too).
PLAIN = [command for command in COMMANDS if command not in ("compare", "report", "export", "demo")]

#: Datasets with a rating column: ``--weight-by`` runs on them; on the others ``ratings`` says there is nothing
#: to rate (``test_ratings_without_rating_columns_say_so``).
RATED = ("rated",)

#: Datasets without a dated record or a wave: there is no period to compare (a usage error, exit 2).
NO_PERIODS = ("no_ties", "undated_events")

#: Datasets whose dated records all fall before 2021Q3, which would be a period without records (a usage error naming
#: the data's period, tests/cli/test_compare.py): their later period is the year 2021.
EARLY = ("one_person", "one_event", "one_window", "one_network_one_tie", "no_people_table")


def commands(name, folder, out):
    """Every command with the options a new user would give, the period filters of the issue, the report
    with every export, and the CSV export (the other formats: ``test_export_every_format``)."""
    args = [*([command, folder] for command in PLAIN),
            ["summary", folder, "--start", "2021-07-01"], ["suggest", folder, "--person", "a"],
            ["report", folder, "-o", out / "report", "--exports", "--permutations", "9"],
            ["export", folder, "--to", "csv", "-o", out / "x.zip", "--permutations", "9"]]
    if name in RATED:
        args += [["metrics", folder, "--weight-by", "trust"], ["clusters", folder, "--weight-by", "trust"]]
    if name in ("waves", "rated"):
        args += [["compare", folder, "--before", "1", "--after", "2"], ["timeline", folder, "--freq", "wave"]]
    elif name not in NO_PERIODS:
        args.append(["compare", folder, "--before", "2021Q1", "--after", "2021" if name in EARLY else "2021Q3"])
    if name == "windows_without_pairs":
        args.append(["report", folder, "-o", out / "late", "--start", "2021-07-01", "--permutations", "9"])
    return args


def failures(argument_lists) -> list:
    """(command, exit code, end of output) of every run that fails or shows a traceback."""
    failed = []
    for args in argument_lists:
        r = run(*args)
        if r.exit_code != 0 or "Traceback" in r.output or "internal error" in r.output:
            failed.append((" ".join(map(str, [args[0], *args[2:]])), r.exit_code, r.output[-300:]))
    return failed


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    for name, files in CORPUS.items():
        (root / name).mkdir()
        for file, text in files.items():
            (root / name / file).write_text(text)
    return root


@pytest.mark.parametrize("name", CORPUS)
def test_every_command_exits_0_without_a_traceback(corpus, tmp_path, name):
    assert failures(commands(name, corpus / name, tmp_path)) == []


@pytest.mark.parametrize("name", ["one_person", "directed", "waves"])
def test_export_every_format(corpus, tmp_path, name):
    paths = [tmp_path / f"x.{'zip' if to == 'csv' else to}" for to in FORMATS]
    exports = [["export", corpus / name, "--to", to, "-o", path, "--permutations", "9"]
               for to, path in zip(FORMATS, paths, strict=True)]
    assert failures(exports) == []
    assert all(path.stat().st_size > 0 for path in paths)


def _pairs(files: dict) -> set:
    """Distinct pairs of people with a record, from the CSV text with pandas (undirected data)."""
    pairs = set()
    if "interactions.csv" in files:
        inter = pd.read_csv(io.StringIO(files["interactions.csv"]), dtype=str)
        pairs |= {frozenset(p) for p in zip(inter["source"], inter["target"], strict=True)}
    if "attendance.csv" in files:
        att = pd.read_csv(io.StringIO(files["attendance.csv"]), dtype=str)
        for _, people in att.groupby("event")["person"]:
            pairs |= {frozenset(p) for p in itertools.combinations(people, 2)}
    return pairs


@pytest.mark.parametrize("name", [n for n in CORPUS if n != "directed"])
def test_summary_counts_the_input(corpus, name):
    files = CORPUS[name]
    s = json.loads(run("summary", corpus / name, "--format", "json").output)
    pairs = _pairs(files)
    people = set(pd.read_csv(io.StringIO(files["people.csv"]), dtype=str)["id"]) if "people.csv" in files else set()
    people |= set().union(*pairs) if pairs else set()
    assert (s["people"], s["ties"]) == (len(people), len(pairs))
    n = len(people)  # density: ties over the n(n-1)/2 possible pairs, undefined (null) below two people
    assert s["density"] == (round(len(pairs) / (n * (n - 1) / 2), 6) if n >= 2 else None)
    assert s["isolates"] == len(people - set().union(*pairs)) if pairs else s["isolates"] == len(people)


def test_windows_without_pairs_have_zero_ties(corpus):
    # windows_without_pairs: Q1 a-b and c-d, Q2 nothing, Q3 an event of one attendee
    w = json.loads(run("timeline", corpus / "windows_without_pairs", "--format", "json").output)["windows"]
    assert [(x["label"], x["ties"], x["people_active"]) for x in w] == [("2021Q1", 2, 4), ("2021Q2", 0, 0),
                                                                       ("2021Q3", 0, 0)]
    c = json.loads(run("compare", corpus / "windows_without_pairs", "--before", "2021Q1", "--after", "2021Q3",
                       "--format", "json").output)
    assert (c["before"]["ties"], c["after"]["ties"], c["after"]["isolated"]) == (2, 0, 4)


@pytest.mark.parametrize("name", NO_PERIODS)
def test_data_without_dates_or_waves_cannot_be_compared_and_say_so(corpus, name):
    r = run("compare", corpus / name, "--before", "2021Q1", "--after", "2021Q3")
    assert r.exit_code == 2 and "Error: The dataset has neither dates nor waves to compare." in r.output


@pytest.mark.parametrize("name", [name for name in CORPUS if name not in RATED])
def test_ratings_without_rating_columns_say_so(corpus, name):
    r = run("ratings", corpus / name)
    assert r.exit_code == 0 and "The interactions have no rating columns" in r.output  # after any load warning


def test_weights_that_sum_to_infinity_are_rejected(tmp_path):
    # two records of 1e308 are each finite and sum to infinity: refused at validation (exit 1, file/row/column)
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,welzijn\n")
    (tmp_path / "interactions.csv").write_text("source,target,date,weight\na,b,2021-01-01,1e308\n"
                                               "a,b,2021-02-01,1e308\n")
    message = ("interactions.csv, row {}, column 'weight': expected at most 2**53 = 9,007,199,254,740,992 "
               "(larger numbers make sums overflow), got '1e308'.")
    for args in (["report", "-o", tmp_path / "out"], ["export", "--to", "json", "-o", tmp_path / "x.json"]):
        r = run(args[0], tmp_path, *args[1:])
        assert r.exit_code == 1
        assert r.output.splitlines()[:2] == [message.format(2), message.format(3)]
    assert not (tmp_path / "out").exists() and not (tmp_path / "x.json").exists()


SUMMARY_CASES = {  # name -> (files, options): no one, one person, and only self-loops (left out with --lenient)
    "nobody": ({"interactions.csv": "source,target\n"}, ()),
    "one_person": ({"people.csv": "id,name\na,A\n", "interactions.csv": "source,target\n"}, ()),
    "self_loops_only": ({"interactions.csv": "source,target,date\na,a,2021-01-01\nb,b,2021-02-01\n"},
                        ("--lenient",)),
}


@pytest.mark.parametrize("name", SUMMARY_CASES)
def test_summary_lines_of_0_and_1_person_and_self_loops_only(tmp_path, name):
    """Every line of summary read as a user would: density is undefined (not 0.0000) below two people, the
    isolates line is singular for one person, no 'largest 0 people', and rejected rows are said."""
    files, options = SUMMARY_CASES[name]
    for file, text in files.items():
        (tmp_path / file).write_text(text)
    inter = pd.read_csv(tmp_path / "interactions.csv", dtype=str)
    valid = inter[inter["source"] != inter["target"]]
    people = set(valid["source"]) | set(valid["target"])
    if (tmp_path / "people.csv").exists():
        people |= set(pd.read_csv(tmp_path / "people.csv", dtype=str)["id"])
    rejected = len(inter) - len(valid)
    result = run("summary", tmp_path, *options)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"people          {len(people):>8}"
    assert lines[5] == "density                –   undefined: fewer than 2 people, so no tie is possible"
    assert lines[6] == ("components             1   largest 1 person" if len(people) == 1
                        else "components             0")
    assert lines[7] == ("isolates               1   person without any tie" if len(people) == 1
                        else "isolates               0   people without any tie")
    assert lines[9:] == ([f"rejected        {rejected:>8}   rows with problems left out of every figure above"]
                         if rejected else [])
    payload = json.loads(run("summary", tmp_path, *options, "--format", "json").stdout)
    assert (payload["people"], payload["density"], payload["rejected"]) == (len(people), None, rejected)


def test_export_leaves_density_empty_for_one_person(corpus, tmp_path):
    """metrics.csv of one person: density is empty (undefined), people is 1 as the people file says."""
    result = run("export", corpus / "one_person", "--to", "csv", "-o", tmp_path / "x", "--permutations", "0")
    assert result.exit_code == 0
    metrics = pd.read_csv(tmp_path / "x" / "metrics.csv").set_index("metric")["value"]
    people = pd.read_csv(io.StringIO(CORPUS["one_person"]["people.csv"]))
    assert metrics["people"] == len(people) == 1 and pd.isna(metrics["density"])
