"""`collabgraph report` and `collabgraph demo`: the path printed, the folder written, usage errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from collabgraph.cli import cli
from tests.cli.conftest import run
from tests.report.conftest import hostile_frames

FAST = ["--permutations", "9", "--freq", "year"]


@pytest.fixture(scope="module")
def hostile_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    for name, frame in zip(["people", "interactions", "events", "attendance"], hostile_frames(), strict=True):
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


def test_report_prints_the_page(hostile_folder, tmp_path):
    out = tmp_path / "reports" / "x"
    result = run("report", hostile_folder, "-o", out, "--lang", "en", "--title", "Pilot <2021>", *FAST)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [str(out.resolve() / "index.html")]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<title>Pilot &lt;2021&gt;</title>" in page
    assert "\r[" not in result.output  # no progress bar when not in a terminal


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_report_with_every_piece_in_a_second_process(hostile_folder, tmp_path, second_process):
    # COLLABGRAPH_PROCESSES=2: the data read, betweenness, the time series, the map and the data files in forked
    # children, each delivered by its child (a failed child is computed here again: the same files, silently)
    results = {n: run("report", hostile_folder, "-o", tmp_path / n, *FAST, env={"COLLABGRAPH_PROCESSES": n})
               for n in ("1", "2")}
    assert [r.exit_code for r in results.values()] == [0, 0], results["2"].output
    assert second_process() == ({"the data", "betweenness", "the time series", "the map", "the data files"}, [])
    assert results["1"].output.replace(str(tmp_path / "1"), "") == results["2"].output.replace(str(tmp_path / "2"), "")
    assert _files(tmp_path / "1") == _files(tmp_path / "2")


def test_invalid_data_read_in_a_second_process_are_reported_as_in_one(tmp_path, second_process, monkeypatch):
    # the child's read fails: its error says every problem here, exit 1, nothing written, the data not read again
    from collabgraph.cli import common

    read, reads = common.read_dataset, []
    monkeypatch.setattr(common, "read_dataset", lambda *args: reads.append(os.getpid()) or read(*args))
    (tmp_path / "people.csv").write_text("id,name\na,Ann\na,Bo\n")
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-13-45\n")
    results = [run("report", tmp_path, "-o", tmp_path / "r", *FAST, env={"COLLABGRAPH_PROCESSES": n})
               for n in ("1", "2")]
    assert [r.exit_code for r in results] == [1, 1]
    assert results[0].output == results[1].output and "problem" in results[0].output
    assert not (tmp_path / "r").exists()
    assert second_process() == ({"the data"}, []) and reads == [os.getpid()]  # read here with one process only


def test_coordinator_role_option(tmp_path):
    # "Voorzitter" is not in the built-in list; named with --coordinator-role it is tested for dependency.
    import json

    (tmp_path / "people.csv").write_text("id,role,networks\nk,Voorzitter,n1\na,,n1\nb,,n1\n")
    (tmp_path / "interactions.csv").write_text("source,target\nk,a\nk,b\n")
    out = tmp_path / "r"
    result = run("report", tmp_path, "-o", out, "--coordinator-role", "voorzitter", *FAST)
    assert result.exit_code == 0, result.output
    data = json.loads((out / "data" / "analysis.json").read_text())
    assert data["options"]["coordinator_roles"] == ["voorzitter"]
    assert data["brokers"]["coordinator_roles"] == ["Voorzitter"]
    dependency = data["brokers"]["dependency"]
    assert [(d["id"], d["reason"], d["cut_off"]) for d in dependency] == [("k", "coordinator;broker", 1)]


@pytest.mark.usefixtures("analysed_once")  # one analysis of hostile_folder for these two
def test_map_nodes(hostile_folder, tmp_path):
    result = run("report", hostile_folder, "-o", tmp_path / "m", "--map-nodes", "5", *FAST)
    assert result.exit_code == 0, result.output
    assert "The map shows the 5 people with the most contacts" in (tmp_path / "m" / "index.html").read_text("utf-8")


def test_language_from_locale(hostile_folder, tmp_path):
    # Gephi's names (nodes.csv, edges.csv, Id, Label, Source, Target) tell no language: the locale decides
    # (English names would decide for English: tests/report/test_dutch.py).
    gephi = tmp_path / "gephi"
    gephi.mkdir()
    (gephi / "nodes.csv").write_text("Id,Label\na,Anna\nb,Bram\nc,Cor\n", encoding="utf-8")
    (gephi / "edges.csv").write_text("Source,Target,Weight\na,b,1\nb,c,2\n", encoding="utf-8")
    result = run("report", gephi, "-o", tmp_path / "nl", *FAST, env={"LC_ALL": "nl_NL.UTF-8"})
    assert result.exit_code == 0, result.output
    assert '<html lang="nl">' in (tmp_path / "nl" / "index.html").read_text(encoding="utf-8")


@pytest.mark.usefixtures("analysed_once")  # one analysis of hostile_folder for these two
def test_default_folder_is_reports_dataset(hostile_folder, tmp_path):
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(cli, ["report", str(hostile_folder), *FAST])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == os.path.abspath(os.path.join("reports", hostile_folder.name, "index.html"))


def test_pseudonymised_with_salt_file(hostile_folder, tmp_path):
    salt = tmp_path / "salt.txt"
    salt.write_text("geheim-zout\n")
    result = run("report", hostile_folder, "-o", tmp_path / "p", "--pseudonymise", "--salt-file", salt, "--exports",
                 *FAST)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "p" / "exports").iterdir()) == [
        "network.gexf", "network.graphml", "network.json", "network.xlsx"]
    texts = (".csv", ".gexf", ".graphml", ".json")
    text = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "p").rglob("*") if p.suffix in texts)
    assert "Anna de Vries" not in text and "H00" not in text and "geheim-zout" not in text


@pytest.mark.parametrize(("args", "message"), [
    (["--salt", "x"], "Error: --salt and --salt-file only make sense with --pseudonymise."),
    (["--before", "2020"], "Error: Give both --before and --after, or neither."),
    (["--by", "colour"], "Error: by must be one of name, role, profession, organisation, domain, joined, left, "
                         "network; got 'colour'."),
    (["--before", "soon", "--after", "2021"], "Error: period must be a year (2021), a quarter (2021Q3), "
                                              "a date range (2020-01-01..2020-06-30); got 'soon'."),
])
def test_usage_errors(hostile_folder, tmp_path, args, message):
    # Usage errors exit 2 before anything is written.
    result = run("report", hostile_folder, "-o", tmp_path / "r", *FAST, *args)
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[-1] == message
    assert not (tmp_path / "r").exists()


@pytest.mark.parametrize("args", [["--salt", "x"], ["--before", "2020"], ["--after", "2021"]])
def test_an_option_rejected_before_reading_touches_no_output_and_starts_no_process(hostile_folder, tmp_path,
                                                                                   monkeypatch, args):
    # rejected before the output folder is checked and before the data read starts in a second process (forced)
    fork, forks = os.fork, []
    monkeypatch.setattr(os, "fork", lambda: forks.append(1) or fork())
    result = run("report", hostile_folder, "-o", tmp_path / "r", *FAST, *args, env={"COLLABGRAPH_PROCESSES": "2"})
    assert result.exit_code == 2, result.output
    assert forks == [] and not (tmp_path / "r").exists()

def test_refuses_the_input_folder(hostile_folder):
    result = run("report", hostile_folder, "-o", hostile_folder, *FAST)
    assert result.exit_code == 2
    assert f"Error: cannot write {hostile_folder}: it is the input folder; choose another output." in result.output


def test_invalid_input_exit_1(tmp_path):
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,31-02-2021\n")
    result = run("report", tmp_path, "-o", tmp_path / "r")
    assert result.exit_code == 1
    assert "interactions.csv, row 2, column 'date'" in result.output


@pytest.mark.parametrize("data", ["small", pytest.param("example", marks=pytest.mark.slow)])
def test_demo_writes_reports_demo(tmp_path, monkeypatch, data):
    """The default run gives the command the twelve people of hostile_frames instead of the bundled example: the
    same lines run and the title does not depend on the data (3.3 -> 1.1 s CPU); CI writes the example's own.
    Dated from the first day of 2020 to the last of 2021, so that, as in the example, no quarter is partial."""
    if data == "small":
        import collabgraph.datasets
        from collabgraph import from_frames

        people, inter, events, att = hostile_frames()
        first, last = inter["date"].idxmin(), inter["date"].idxmax()
        inter.loc[[first, last], "date"] = ["2020-01-01", "2021-12-31"]
        monkeypatch.setattr(collabgraph.datasets, "load_example", lambda: from_frames(
            people=people, interactions=inter, events=events, attendance=att))
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        result = runner.invoke(cli, ["demo", "--lang", "nl"])
        assert result.exit_code == 0, result.output
        assert result.output.strip() == os.path.abspath("reports/demo/index.html")
        page = Path("reports/demo/index.html").read_text(encoding="utf-8")
        assert "<title>Leernetwerken: een fictief voorbeeld</title>" in page


@pytest.mark.parametrize("command", ["report", "export", "demo"])
def test_help(command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Usage: cli " + command in result.output.replace("collabgraph", "cli")


def test_sizing_an_unlistable_input_leaves_the_error_to_the_read(tmp_path, monkeypatch):
    """read_beside sizes the input before reading it; an OSError there (a folder that cannot be listed) is no
    internal error: the size is 0 and the read reports the problem (it exited 3 when the sizing raised)."""
    from pathlib import Path

    from cli.common import _input_bytes

    (tmp_path / "interactions.csv").write_text("source,target\na,b\n", encoding="utf-8")
    assert _input_bytes([tmp_path]) == len("source,target\na,b\n")

    def refused(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refused)
    assert _input_bytes([tmp_path]) == 0
