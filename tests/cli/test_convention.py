"""One CLI convention (issue 15): errors, option names and the documentation of every option."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import click
import pandas as pd
import pytest

import collabgraph
from collabgraph.cli import COMMANDS, cli
from tests.cli.conftest import run

GROUP_USAGE = "Usage: collabgraph [OPTIONS] COMMAND"


@pytest.mark.parametrize("args, message", [
    (("metrics", "{d}", "--by", "leeftijd"), "; got 'leeftijd'."),
    (("clusters", "{d}", "--resolution", "-1"), "resolution must be a number > 0; got -1.0."),
    (("hours", "{d}", "--by", "leeftijd"), "; got 'leeftijd'."),
])
def test_an_error_inside_a_command_prints_only_the_error_line(networks, args, message):
    """A ParameterError from the library: exit 2 and one line, without click's usage block."""
    result = run(*(a.format(d=networks) for a in args))
    assert result.exit_code == 2
    assert message in result.output and "Usage:" not in result.output
    assert result.output.startswith("Error: ")


@pytest.mark.parametrize("args, message", [
    (("summary", "{d}", "--start", "1 maart 2024"), "Error: Invalid value for '--start': expected a date like "
     "2021-03-14 or 14-03-2021, got '1 maart 2024'."),
    (("summary", "{d}", "--format", "xml"), "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json'."),
    (("isolated", "{d}", "--limit", "0"), "Error: Invalid value for '--limit': 0 is not in the range x>=1."),
])
def test_a_bad_option_value_prints_only_the_error_line(networks, args, message):
    """click's BadParameter (a value its type or callback refuses): exit 2 and the line naming the option."""
    result = run(*(a.format(d=networks) for a in args))
    assert result.exit_code == 2 and result.output.splitlines() == [message]


@pytest.mark.parametrize("command", ["isolated", "timeline", "clusters", "hours", "networks", "brokers", "suggest",
                                     "compare", "roles", "ratings", "pollination", "forms", "metrics"])
def test_every_command_that_lists_rows_takes_limit(command):
    """README: '--limit N caps the rows a text output lists'."""
    assert "--limit" in run(command, "--help").output


@pytest.mark.parametrize("command, key, what", [
    ("isolated", "people", "people"), ("timeline", "windows", "windows"), ("clusters", "communities", "communities"),
    ("hours", "groups", "organisation groups"), ("networks", "networks", "learning networks")])
def test_limit_cuts_the_text_and_says_how_many_more(networks, command, key, what):
    from collabgraph.datasets import EXAMPLE

    data = EXAMPLE if command in ("timeline", "hours") else networks  # dates and organisations
    rows = json.loads(run(command, data, "--format", "json").output)[key]
    if command == "clusters":
        rows = [c for c in rows if c["size"] > 1]  # people without a tie are not listed as communities
    assert len(rows) > 1
    full, cut = run(command, data).output, run(command, data, "--limit", "1").output
    assert f"{len(rows) - 1} more {what} not listed (--limit 1); --format json or csv has them all." in cut
    assert "not listed (--limit" not in full and len(cut) < len(full)


@pytest.mark.parametrize("args, key, what", [
    (("networks", "--durability"), "networks", "learning networks"),
    (("forms", "--permutations", "0"), "forms", "forms"),
    (("metrics", "--level", "group"), "groups", "domain groups"),
    (("metrics", "--level", "person"), "persons", "people"),
    (("metrics", "--reach"), ("reach", "networks"), "learning networks")])
def test_limit_cuts_every_list(networks, args, key, what):
    from collabgraph.datasets import EXAMPLE

    data = EXAMPLE if args[0] == "forms" else networks  # events
    command, *options = args
    rows = json.loads(run(command, data, *options, "--format", "json").output)
    for k in (key,) if isinstance(key, str) else key:
        rows = rows[k]
    assert len(rows) > 1
    full, cut = run(command, data, *options).output, run(command, data, *options, "--limit", "1").output
    assert f"{len(rows) - 1} more {what} not listed (--limit 1); --format json or csv has them all." in cut
    assert "not listed (--limit" not in full and len(cut) < len(full)


def test_a_real_usage_error_keeps_the_usage_block(networks):
    result = run("metrics", networks, "--no-such-option")
    assert result.exit_code == 2 and "Usage: cli metrics" in result.output.replace("collabgraph", "cli")
    assert GROUP_USAGE not in result.output


def test_an_input_problem_inside_a_command_prints_only_the_error_line(tmp_path):
    """A CollabGraphError (exit 1) has no usage block either."""
    result = run("summary", tmp_path)
    assert result.exit_code == 1 and "Usage:" not in result.output


@pytest.mark.parametrize("command, old", [("suggest", "-n"), ("compare", "--top")])
def test_old_row_count_spellings_are_hidden_aliases_of_limit(command, old):
    """``--limit`` is listed; the old spelling is not, and still works (same output as ``--limit``)."""
    help_text = run(command, "--help").output
    assert "--limit" in help_text and f"{old} " not in help_text


def test_hidden_aliases_give_the_same_output(networks):
    assert run("suggest", networks, "-n", "1").output == run("suggest", networks, "--limit", "1").output
    assert (run("brokers", networks, "--top", "1", "--format", "json").output
            == run("brokers", networks, "--dependency-brokers", "1", "--format", "json").output)


@pytest.mark.parametrize("command", ["metrics", "brokers", "clusters", "timeline"])
def test_one_weight_pair_unweighted_by_default(networks, command):
    assert "--weighted / --unweighted" in run(command, "--help").output
    default = json.loads(run(command, networks, "--format", "json").output)
    assert default["weighted"] is False
    assert json.loads(run(command, networks, "--unweighted", "--format", "json").output) == default
    assert json.loads(run(command, networks, "--weighted", "--format", "json").output)["weighted"] is True


def test_metrics_gives_the_permutation_p_value_by_default(networks):
    """README: metrics gives the E-I index with its permutation p; 999 permutations, as clusters, compare, report."""
    data = json.loads(run("metrics", networks, "--format", "json").output)
    assert data["permutations"] == 999 and 0 < data["ei_p_value"] <= 1
    for command in ("metrics", "clusters", "compare", "report"):
        assert "default: 999" in " ".join(run(command, "--help").output.split())


def test_python_permutation_tests_default_to_the_commands_999():
    """Issue 15: 'permutations: the same default in metrics, clusters, compare and the report'. Every public function
    that offers a permutation test (cg.METRICS, cg.analyze's options) runs as many by default as every command's
    --permutations: cg.compare ran 1,000 and cg.ei_index/cg.level_ei none. The *_from_ties building blocks keep 0."""
    import inspect

    ctx = click.Context(cli)
    commands = {name: param.default for name in COMMANDS for param in cli.get_command(ctx, name).params
                if param.name == "permutations"}
    functions = {name: inspect.signature(getattr(collabgraph, name)).parameters["permutations"].default
                 for name in collabgraph.METRICS
                 if "permutations" in inspect.signature(getattr(collabgraph, name)).parameters}
    assert {"metrics", "clusters", "compare", "forms", "report"} <= set(commands)
    assert {"ei_index", "level_ei", "compare", "compare_periods", "clusters"} <= set(functions)
    assert set(commands.values()) == set(functions.values()) == {collabgraph.AnalysisOptions().permutations} == {999}


@pytest.mark.parametrize("command, option, name, meant", [
    ("metrics", "--by", "Domein", "domain"),
    ("metrics", "--by", "ROLE", "role"),
    ("hours", "--by", "Organisatie", "organisation"),
    ("clusters", "--compare", "leernetwerk", "network"),
])
def test_attribute_names_as_the_files_spell_them(networks, command, option, name, meant):
    """--by/--compare take the people file's Dutch and Gephi names, case-insensitively (schema's aliases)."""
    given = run(command, networks, option, name, "--format", "json")
    assert given.exit_code == 0, given.output
    assert given.output == run(command, networks, option, meant, "--format", "json").output


def test_free_columns_match_up_to_case(tmp_path):
    (tmp_path / "people.csv").write_text("id,Werk regio\na,Noord\nb,Zuid\nc,Noord\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\n")
    column = str(collabgraph.load(tmp_path).people.columns[-1])  # as the reader names the free column
    assert json.loads(run("metrics", tmp_path, "--by", "WERK-REGIO", "--format", "json").output)["by"] == column
    result = run("metrics", tmp_path, "--by", "leeftijd")
    assert result.exit_code == 2 and "by must be one of " in result.output and "; got 'leeftijd'." in result.output
    assert column in result.output


def test_engine_and_scheduler_are_documented_once_on_the_group(networks):
    """``collabgraph --help`` lists --engine/--scheduler with their environment variables; commands do not."""
    group = " ".join(run("--help").output.split())
    assert "--engine [pandas|dask]" in group and "COLLABGRAPH_ENGINE" in group and "COLLABGRAPH_SCHEDULER" in group
    assert "--engine" not in run("summary", "--help").output
    plain = run("summary", networks, "--format", "json").output
    assert run("--engine", "pandas", "summary", networks, "--format", "json").output == plain
    assert run("summary", networks, "--format", "json", "--engine", "pandas").output == plain  # hidden, still works
    assert run("summary", networks, "--format", "json", env={"COLLABGRAPH_ENGINE": "pandas"}).output == plain


@pytest.mark.parametrize("args, env", [
    (("--scheduler", "tcp://localhost:1", "summary"), {}),
    (("summary",), {"COLLABGRAPH_SCHEDULER": "tcp://localhost:1"}),
])
def test_the_groups_scheduler_reaches_the_command(networks, args, env):
    result = run(*args, networks, env=env)
    assert result.exit_code == 2 and result.output.splitlines()[-1] == "Error: --scheduler needs --engine dask."


def test_an_unknown_engine_in_the_environment_is_a_usage_error(networks):
    result = run("summary", networks, env={"COLLABGRAPH_ENGINE": "spark"})
    assert result.exit_code == 2 and "COLLABGRAPH_ENGINE" in result.output


#: Spellings a command may not show in its --help: one concept, one spelling (``--limit`` for row counts,
#: ``--weighted/--unweighted`` for tie weights, ``--permutations`` for permutation tests).
FORBIDDEN = {"--top": "--limit", "-n": "--limit", "--weights": "--weighted", "--unweighted-ties": "--unweighted",
             "--permutation": "--permutations", "--perms": "--permutations", "--n-permutations": "--permutations",
             "--max": "--limit", "--rows": "--limit"}


def _visible_options():
    """(command, option spelling) of every option --help lists, read from the click commands."""
    ctx = click.Context(cli)
    for name in COMMANDS:
        for param in cli.get_command(ctx, name).params:
            if isinstance(param, click.Option) and not param.hidden:
                for spelling in (*param.opts, *param.secondary_opts):
                    yield name, spelling


ROOT = Path(__file__).resolve().parents[2]

#: Where each command is documented beyond its README row and its usage lines: (file in docs/, heading of a ``##``
#: section, with its ``###`` subsections; a file's ``#`` heading is its introduction).
SECTIONS = {
    "validate": [("data.md", "Validation")], "summary": [("data.md", "Reading")],
    "metrics": [("metrics.md", "Mixing, E-I index"), ("metrics.md", "E-I index"), ("metrics.md", "Interprofessional"),
                ("metrics.md", "Levels"), ("metrics.md", "Output")],
    "clusters": [("clusters.md", "Communities")], "isolated": [("clusters.md", "Isolation")],
    "suggest": [("clusters.md", "Introductions")],
    "brokers": [("brokerage.md", "Gould–Fernandez"), ("brokerage.md", "Structural holes"),
                ("brokerage.md", "Betweenness"), ("brokerage.md", "Dependency")],
    "pollination": [("brokerage.md", "Cross-pollination")],
    "timeline": [("time.md", "Windows"), ("time.md", "Metrics per window")],
    "compare": [("time.md", "Comparing two periods")], "hours": [("time.md", "Time investment")],
    "forms": [("time.md", "Work forms")],
    "networks": [("metrics.md", "Scorecard"), ("time.md", "Metrics per window")],
    "roles": [("metrics.md", "Role groups per learning network")], "ratings": [("metrics.md", "Ratings")],
    "report": [("report.md", "`collabgraph report`"), ("report.md", "Privacy")],
    "export": [("report.md", "Exports"), ("report.md", "Privacy")], "demo": [("report.md", "`collabgraph report`")],
}

#: The options every command that reads a DATASET shares, documented once in the README's *Commands*.
SHARED = {"--people", "--lenient", "--rejected", "--directed", "--undirected", "--network", "--start", "--end",
          "--kind", "--role-map", "--weight-by", "--format", "--csv-style"}


def _sections(path: Path) -> dict[str, str]:
    """Heading -> text of each ``#`` introduction and ``##`` section of a markdown file (``###`` stay inside)."""
    found, heading = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^#{1,2} (.*)", line)
        if match:
            heading = match[1]
            found[heading] = ""
        elif heading is not None:
            found[heading] += line + "\n"
    return found


def _usage(command: str, texts) -> str:
    """The usage lines of ``command`` in the docs: ``collabgraph COMMAND ...`` and the indented lines that go on."""
    lines = []
    for text in texts:
        rows = text.splitlines()
        for i, row in enumerate(rows):
            if re.match(rf"^(\$ )?collabgraph {command} ", row):
                lines.append(row)
                lines += itertools.takewhile(lambda r: r.startswith(" ") and r.strip(), rows[i + 1:])
    return "\n".join(lines)


def _own_docs(command: str) -> str:
    """A command's own documentation: its row of the README's command table, its usage lines and its sections."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    docs = {p.name: _sections(p) for p in sorted((ROOT / "docs").glob("*.md"))}
    table = _sections(ROOT / "README.md")["Commands"]
    row = [line for line in table.splitlines() if re.match(rf"^\| `{command}[ `]", line)]
    assert len(row) == 1, f"{command}: no row of its own in the README's command table"
    parts = [row[0], _usage(command, [readme, *(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md"))])]
    for file, heading in SECTIONS[command]:
        matching = [text for title, text in docs[file].items() if title.startswith(heading)]
        assert len(matching) == 1, f"{command}: docs/{file} has no section {heading!r}"
        parts += matching
    return "\n".join(parts)


def _named(option: str, text: str) -> bool:
    return re.search(re.escape(option) + r"(?![\w-])", text) is not None


def test_every_command_and_option_is_documented_in_its_own_section():
    """In the style of sqlite-utils' documentation test: each command's options that --help lists are named in that
    command's own documentation (its README row, its usage lines, its sections: ``SECTIONS``), not just anywhere in
    README/docs; the options every command shares in the README's *Commands*, and the group's own (--engine,
    --scheduler) in the README and docs/scale.md's *Command line*."""
    readme = _sections(ROOT / "README.md")
    shared = readme["Commands"].split("\n| command |")[0]  # the paragraphs before the command table
    missing = sorted((c, o) for c, o in _visible_options() if o.startswith("--") and o != "--help"
                     and not _named(o, shared if o in SHARED else _own_docs(c)))
    assert missing == []
    assert sorted(set(SECTIONS)) == sorted(COMMANDS)
    group = [o for p in cli.params if isinstance(p, click.Option) for o in p.opts if o.startswith("--")]
    scale = _sections(ROOT / "docs" / "scale.md")["Command line"]
    assert [o for o in group if o not in ("--version", "--help") and not (_named(o, readme["Commands"])
                                                                          and _named(o, scale))] == []


def test_no_two_commands_spell_the_same_concept_differently():
    shown = sorted({(c, o, FORBIDDEN[o]) for c, o in _visible_options() if o in FORBIDDEN})
    assert shown == []


def test_brokers_text_names_people_with_name_and_id(tmp_path):
    (tmp_path / "people.csv").write_text("id,name,domain\na,Anna,zorg\nb,Bram,welzijn\nc,,onderwijs\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\n")
    lines = run("brokers", tmp_path).output.splitlines()
    assert any(line.startswith("- Bram (b, welzijn): ") for line in lines)
    assert not any(line.startswith("- b (") for line in lines)


#: Ten named people in three learning networks over 2020-2021, with trust ratings, events and a networks table naming
#: coordinators: enough for every command's text to list people.
NAMED = {
    "people.csv": "id,name,role,domain,organisation,profession,networks\n"
                  "P01,Anna Vries,coordinator,zorg,Org A,nurse,n1\n"
                  "P02,Bram Smit,professional,zorg,Org A,nurse,n1;n2\n"
                  "P03,Chloë Bakker,professional,welzijn,Org B,social worker,n2\n"
                  "P04,Daan Jong,teacher,onderwijs,Org C,teacher,n2;n3\n"
                  "P05,Eva Mulder,student,welzijn,Org B,student,n3\n"
                  "P06,Finn Visser,professional,zorg,Org D,doctor,n1\n"
                  "P07,Gijs Boer,professional,onderwijs,Org C,teacher,n3\n"
                  "P08,Hanna Dekker,experiential expert,welzijn,Org E,expert,n1;n3\n"
                  "P09,Ivo Peters,professional,zorg,Org D,doctor,n2\n"
                  "P10,Jet Hendriks,professional,welzijn,Org B,social worker,n3\n",
    "interactions.csv": "source,target,date,network,duration_minutes,trust\n"
                        "P01,P02,2020-02-01,n1,60,3\nP02,P03,2020-03-01,n2,30,4\nP03,P04,2020-05-01,n2,45,5\n"
                        "P04,P05,2020-07-01,n3,60,2\nP01,P06,2020-09-01,n1,30,3\nP06,P03,2021-01-15,n1,30,4\n"
                        "P05,P07,2021-02-01,n3,60,5\nP01,P03,2021-03-01,n1,60,1\nP08,P01,2021-04-01,n1,30,2\n"
                        "P08,P05,2021-05-01,n3,30,3\nP09,P02,2021-06-01,n2,60,4\nP09,P04,2021-08-01,n2,30,5\n"
                        "P01,P02,2021-09-01,n1,60,4\nP07,P04,2021-10-01,n3,30,3\n",
    "networks.csv": "network,coordinator\nn1,P01\nn2,P09\nn3,P07\n",
    "events.csv": "id,date,network,kind,duration_minutes\ne1,2020-04-01,n1,meeting,60\ne2,2021-05-01,n3,workshop,120\n",
    "attendance.csv": "event,person\ne1,P01\ne1,P06\ne1,P10\ne2,P05\ne2,P10\ne2,P07\n",
}

#: Every command with a text output, with the options that make it list people; the others write files.
TEXT_OUTPUTS = {
    "validate": (), "summary": (), "metrics": ("--level", "person", "--permutations", "0"), "brokers": (),
    "pollination": (), "clusters": ("--roles", "--compare", "domain", "--permutations", "0"), "isolated": (),
    "suggest": (), "timeline": (), "compare": ("--before", "2020", "--after", "2021", "--permutations", "0",
                                               "--bootstraps", "0"),
    "hours": (), "networks": (), "forms": ("--permutations", "0"), "roles": (), "ratings": (),
}
WRITE_FILES = ("report", "export", "demo")


@pytest.fixture(scope="module")
def named(tmp_path_factory):
    """``NAMED`` in a folder, and the same data without the name column in another."""
    folders = tmp_path_factory.mktemp("named") / "names", tmp_path_factory.mktemp("named") / "ids"
    for folder in folders:
        folder.mkdir()
        for file, text in NAMED.items():
            (folder / file).write_text(text, encoding="utf-8")
    people = pd.read_csv(folders[1] / "people.csv")
    people.drop(columns="name").to_csv(folders[1] / "people.csv", index=False)
    return folders


@pytest.mark.usefixtures("validated_once")
def test_every_person_listed_in_text_shows_name_and_id(named):
    """Issue 15: 'every person listed in text output shows name and id'. Every person id any command prints is on a
    line that also has that person's name (the people file's, read with pandas); without names the id stands alone,
    with no "nan" or "None" where the name would be."""
    assert {*TEXT_OUTPUTS, *WRITE_FILES} == set(COMMANDS)
    with_names, ids_only = named
    names = pd.read_csv(with_names / "people.csv", dtype=str).set_index("id")["name"]
    listing = set()
    for command, options in TEXT_OUTPUTS.items():
        result = run(command, with_names, *options)
        assert result.exit_code == 0, (command, result.output)
        for line in result.output.splitlines():
            for pid in re.findall(r"\bP\d\d\b", line):
                listing.add(command)
                assert names[pid] in line, (command, pid, line)
        plain = run(command, ids_only, *options)
        assert plain.exit_code == 0, (command, plain.output)
        assert not re.search(r"\b(nan|None|NaN)\b|<NA>", plain.output), (command, plain.output)
        assert not any(name in plain.output for name in names), command
        assert re.findall(r"\bP\d\d\b", plain.output) == re.findall(r"\bP\d\d\b", result.output), command
    assert listing >= {"metrics", "brokers", "pollination", "isolated", "suggest", "compare", "networks", "roles",
                       "ratings"}


@pytest.mark.usefixtures("validated_once")
@pytest.mark.parametrize("command", sorted(set(TEXT_OUTPUTS) - {"validate"}))
def test_every_analysis_command_shows_its_progress_in_a_terminal_only(named, command, monkeypatch):
    """Issue 15: 'a command that takes longer than about 2 s shows progress on stderr', as the report does: every
    command that analyses a DATASET draws one progress line (data read, its work, done) when stderr is a terminal and
    the output is text, and ends it before printing; its output is the same, and JSON or CSV never get a line."""
    from collabgraph.cli import common

    args = (command, named[0], *TEXT_OUTPUTS[command])
    quiet = run(*args)
    monkeypatch.setattr(common, "show_progress", lambda: True)  # stderr is a terminal
    shown = run(*args)
    assert shown.exit_code == 0 and shown.stdout == quiet.stdout and quiet.stderr == ""
    drawn = shown.stderr.split("\r")
    assert drawn[0] == "" and drawn[1].startswith("[") and f"data read; {command} ..." in drawn[1]
    assert drawn[-1].rstrip(" \n").endswith("done") and shown.stderr.endswith("\n") and shown.stderr.count("\n") == 1
    done, total = re.search(r"\] (\d+)/(\d+) done", drawn[-1]).groups()
    assert done == total
    assert run(*args, "--format", "json").stderr == ""


def test_report_has_the_weight_pair_unweighted_by_default(tmp_path):
    """The report counts every tie once unless --weighted, as metrics, brokers and clusters do (issue 15, "Weights:
    the same default everywhere"): its communities are those of `clusters` with the same option, and its method
    section says which was used."""
    # two cliques of four, joined by one tie that is far heavier than the others: the weights move the communities
    (tmp_path / "data").mkdir()
    a, b = [f"a{i}" for i in range(4)], [f"b{i}" for i in range(4)]
    rows = [(x, y, 1) for group in (a, b) for i, x in enumerate(group) for y in group[i + 1:]] + [("a0", "b0", 50)]
    pd.DataFrame(rows, columns=["source", "target", "weight"]).to_csv(tmp_path / "data" / "interactions.csv",
                                                                      index=False)
    for option, sentence in (((), "on the ties, each counted once (unweighted)"),
                             (("--weighted",), "on the weighted ties")):
        out = tmp_path / f"report{len(option)}"
        result = run("report", tmp_path / "data", "-o", out, "--lang", "en", "--permutations", "0", *option)
        assert result.exit_code == 0, result.output
        page = " ".join(re.sub(r"<[^>]+>", " ", (out / "index.html").read_text(encoding="utf-8")).split())
        assert sentence in page
        report_q = pd.read_csv(out / "data" / "clusters.csv")
        plain = json.loads(run("clusters", tmp_path / "data", "--format", "json", *option).output)
        sizes = sorted(c["size"] for c in plain["communities"])
        assert sorted(report_q["size"].tolist()) == sizes, (option, report_q)
    assert "--weighted / --unweighted" in run("report", "--help").output
