"""One CLI convention (issue 15): errors, option names and the documentation of every option."""

from __future__ import annotations

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


def test_every_command_and_option_is_documented():
    """In the style of sqlite-utils' documentation test: README.md or docs/*.md names each command and each
    option --help lists (as `--option`, not as part of a longer one)."""
    root = Path(__file__).resolve().parents[2]
    docs = "\n".join(p.read_text(encoding="utf-8") for p in [root / "README.md", *sorted((root / "docs").glob("*.md"))])
    assert [c for c in COMMANDS if not re.search(rf"`(collabgraph )?{c}\b", docs)] == []
    missing = sorted({(c, o) for c, o in _visible_options()
                      if o.startswith("--") and o != "--help" and not re.search(re.escape(o) + r"(?![\w-])", docs)})
    assert missing == []


def test_no_two_commands_spell_the_same_concept_differently():
    shown = sorted({(c, o, FORBIDDEN[o]) for c, o in _visible_options() if o in FORBIDDEN})
    assert shown == []


def test_brokers_text_names_people_with_name_and_id(tmp_path):
    (tmp_path / "people.csv").write_text("id,name,domain\na,Anna,zorg\nb,Bram,welzijn\nc,,onderwijs\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\n")
    lines = run("brokers", tmp_path).output.splitlines()
    assert any(line.startswith("- Bram (b, welzijn): ") for line in lines)
    assert not any(line.startswith("- b (") for line in lines)


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
