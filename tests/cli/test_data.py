"""`collabgraph validate` and `collabgraph summary`: exact output, JSON keys and exit codes."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.cli.conftest import run


@pytest.fixture
def bad(tmp_path):
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,zorg\nb,wonen\n")
    (tmp_path / "interactions.csv").write_text("source,target,weight\na,b,1\na,a,1\na,x,-1\n")
    return tmp_path


@pytest.fixture
def good(tmp_path):
    (tmp_path / "people.csv").write_text("id,organisation,domain\na,O1,zorg\nb,O1,zorg\nc,O2,wonen\nd,O3,welzijn\n")
    (tmp_path / "interactions.csv").write_text(
        "source,target,date,network\na,b,2021-01-05,Noord\nb,c,2021-02-05,Noord\na,b,2021-03-01,Noord\n")
    return tmp_path


def test_validate_lists_every_problem_and_exits_1(bad):
    result = run("validate", bad)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "people.csv, row 4, column 'id': id 'b' appears again; first on row 3.",
        "interactions.csv, row 3, column 'target': source and target are the same person ('a'); "
        "a tie needs two people, so this row is not used.",
        "interactions.csv, row 4, column 'target': 'x' is not in the people table; add the person there, "
        "or use --lenient to add unknown people without attributes.",
        "interactions.csv, row 4, column 'weight': expected a positive number like 1 or 2,5, got '-1'.",
        "people: 3 rows read, 2 valid, 1 with problems",
        "interactions: 3 rows read, 1 valid, 2 with problems",
        "4 problems found.",
    ]


def test_validate_json_and_rejected_csv(bad, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "rejected.csv"
    result = run("validate", bad, "--format", "json", "--rejected", out)
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert payload["valid"] is False
    assert payload["issues"][0] == {"file": "people.csv", "row": 4, "column": "id", "code": "duplicate_id",
                                    "message": "id 'b' appears again; first on row 3.", "severity": "error"}
    assert payload["counts"]["interactions"] == {"read": 3, "used": 1, "rejected": 2, "skipped_blank": 0}
    assert out.read_text().splitlines()[0] == "file,row,column,code,message,values"
    assert len(out.read_text().splitlines()) == 5


@pytest.mark.parametrize("command", ["validate", "summary"])
def test_rejected_path_is_checked_once_before_reading(bad, tmp_path_factory, monkeypatch, command):
    # check_output ran again in write_rejected after the data were read (twice for one --rejected path)
    import collabgraph.cli.common
    import collabgraph.cli.data
    from collabgraph import outputs

    out = tmp_path_factory.mktemp("out") / "rejected.csv"
    checked = []

    def spy(path, inputs, **kwargs):
        checked.append(path)
        return outputs.check_output(path, inputs, **kwargs)

    for module in (collabgraph.cli.common, collabgraph.cli.data):
        monkeypatch.setattr(module, "check_output", spy)
    extra = ["--lenient"] if command == "summary" else []
    result = run(command, bad, *extra, "--rejected", out)
    assert result.exit_code == (1 if command == "validate" else 0)
    assert checked == [out]
    assert len(out.read_text().splitlines()) == {"validate": 5, "summary": 4}[command]  # lenient: 'x' is added


def test_validate_valid_dataset_exits_0(good):
    result = run("validate", good)
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == "valid: no problems found."


def test_summary_json(good):
    result = run("summary", good, "--format", "json")
    assert result.exit_code == 0, result.output
    s = json.loads(result.output)
    assert {k: s[k] for k in ("people", "interactions", "events", "attendance", "organisations", "domains",
                              "networks", "ties", "components", "isolates", "directed")} == {
        "people": 4, "interactions": 3, "events": 0, "attendance": 0, "organisations": 3, "domains": 3,
        "networks": 1, "ties": 2, "components": 2, "isolates": 1, "directed": False}
    assert s["density"] == pytest.approx(2 / 6)
    assert s["period"] == {"start": "2021-01-05", "end": "2021-03-01"}


def test_summary_says_an_attribute_no_one_has_is_not_in_the_data(tmp_path):
    # F13: organisation column empty for everyone, no networks; was "organisations 0"
    (tmp_path / "people.csv").write_text("id,organisation,domain\na,,zorg\nb,,wonen\nc,,zorg\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\n")
    people = pd.read_csv(tmp_path / "people.csv")
    lines = run("summary", tmp_path).output.splitlines()
    row = next(x for x in lines if x.startswith("organisations "))
    assert people["organisation"].nunique() == 0
    assert row.split() == ["organisations", "not", "in", "the", "data", "domains",
                           str(people["domain"].nunique()), "networks", "not", "in", "the", "data"]
    assert json.loads(run("summary", tmp_path, "--format", "json").output)["organisations"] == 0


def test_summary_filters(good):
    s = json.loads(run("summary", good, "--format", "json", "--start", "01-02-2021").output)
    assert (s["interactions"], s["ties"]) == (2, 2)
    result = run("summary", good, "--network", "Zuid")
    assert result.exit_code == 2
    assert "network must be one of Noord; got 'Zuid'." in result.output


def test_summary_strict_fails_with_exit_1_lenient_goes_on(bad):
    result = run("summary", bad)
    assert result.exit_code == 1
    assert "4 problems found; fix them, or use --lenient to go on with the valid rows." in result.output
    result = run("summary", bad, "--lenient", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["ties"] == 1


@pytest.mark.parametrize("args", [["summary", "nowhere"], ["summary", ".", "--start", "gisteren"],
                                  ["summary", ".", "--format", "yaml"], ["nosuchcommand"]])
def test_usage_errors_exit_2(args):
    assert run(*args).exit_code == 2


def test_unreadable_input_exits_1_without_traceback(tmp_path):
    (tmp_path / "interactions.csv").write_bytes(b"\x00\x01PK\x03\x04")
    result = run("summary", tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "is not a text table" in result.output


def test_unreadable_table_is_an_error_under_lenient_and_not_counted_as_0_rows(tmp_path):
    """A binary interactions.csv and a corrupt workbook: every command stops (exit 1) with file and reason, even
    with --lenient, and says --lenient cannot skip the file; validate says the table was not read."""
    (tmp_path / "h1").mkdir()
    (tmp_path / "h1" / "interactions.csv").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "h2x.xlsx").write_bytes(b"not a zip\n")
    for path, file, reason in [(tmp_path / "h1", "interactions.csv", "is not a text table"),
                               (tmp_path / "h2x.xlsx", "h2x.xlsx", "cannot be read as an Excel workbook")]:
        for args in (["summary", path, "--lenient"], ["report", path, "--lenient", "-o", tmp_path / "r"]):
            result = run(*args)
            assert result.exit_code == 1, result.output
            assert f"{file}: {reason}" in result.output
            assert f"{file} cannot be read at all, so --lenient cannot go on without it" in result.output
            assert "people  " not in result.output and not (tmp_path / "r").exists()
        result = run("validate", path)
        assert result.exit_code == 1
        assert f"interactions: {file} not read (see the problem above)" in result.output.splitlines()
        assert "interactions: 0 rows read" not in result.output


def test_several_unreadable_files_are_named_in_the_plural(tmp_path):
    """Two binary tables: the closing line names both and says 'them', not 'it'."""
    (tmp_path / "people.csv").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "interactions.csv").write_bytes(bytes(range(256)) * 4)
    result = run("summary", tmp_path, "--lenient")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "2 problems found; people.csv and interactions.csv cannot be read at all, so --lenient cannot go on "
        "without them: fix or remove them.")


def test_version_and_help():
    assert run("--version").output.startswith("collabgraph, version ")
    for command in ("validate", "summary"):
        assert run(command, "--help").exit_code == 0


@pytest.fixture
def misnamed(tmp_path):
    """A people file whose name is no table name, and one column with a typo."""
    (tmp_path / "Deelnemers lijst 2023.csv").write_text("id,organisatie\na,O1\nb,O1\nc,O2\n")
    (tmp_path / "interactions.csv").write_text("source,target,Netwerk\na,b,Noord\nb,c,noord\n")
    return tmp_path


def test_every_command_warns_on_stderr_in_text_and_json_stays_clean(misnamed):
    for command in ("summary", "isolated", "hours"):
        result = run(command, misnamed)
        assert result.exit_code == 0, result.output
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
        assert [w.split(": ")[2].split(" ")[0] for w in warnings] == ["no", "'Noord'"], command
        assert "'Deelnemers lijst 2023.csv' was ignored" in warnings[0]
    result = run("summary", misnamed, "--format", "json")
    assert result.stderr == "" and json.loads(result.stdout)["people"] == 3


def test_validate_lists_warnings_with_severity_and_counts_them(misnamed):
    result = run("validate", misnamed)
    assert result.exit_code == 0  # warnings never fail
    lines = result.output.splitlines()
    assert lines[1] == ("warning: interactions.csv, column 'Netwerk': 'Noord' (1 row) and 'noord' (1 row) differ "
                        "only in case or accents, so they count as 2 different groups; use one spelling.")
    assert lines[-1] == "valid: no problems found. 2 warnings."
    payload = json.loads(run("validate", misnamed, "--format", "json").output)
    assert [(w["code"], w["severity"]) for w in payload["warnings"]] == [("no_people_table", "warning"),
                                                                       ("spelling_variants", "warning")]


def test_strict_failure_json_carries_the_warnings(misnamed):
    (misnamed / "interactions.csv").write_text("source,target,Netwerk\na,b,Noord\nb,b,noord\n")
    result = run("summary", misnamed, "--format", "json")
    assert result.exit_code == 1
    payload = json.loads(result.output)
    assert [i["code"] for i in payload["issues"]] == ["self_tie"]
    assert [w["code"] for w in payload["warnings"]] == ["no_people_table"]  # 'noord' is in the rejected row


@pytest.mark.parametrize(("args", "message"), [
    (["--start", "2021-03-01", "--end", "01-02-2021"],
     "Error: Invalid value for '--start': 2021-03-01 is after --end 2021-02-01; the period would be empty."),
    (["--start", "9999-01-01"],
     "Error: Invalid value for '--start': '9999-01-01' is out of range; give a date from 1678-01-01 to "
     "2261-12-31."),
    (["--end", "1000-01-01"],
     "Error: Invalid value for '--end': '1000-01-01' is out of range; give a date from 1678-01-01 to "
     "2261-12-31."),
])
def test_impossible_periods_are_usage_errors(good, args, message):
    result = run("summary", good, *args)
    assert result.exit_code == 2
    assert result.output.splitlines() == [message]  # one line: no usage block for a bad value


def test_validate_without_a_people_table_says_where_people_come_from(tmp_path):
    """Interactions only, one row a self-loop: no people table, so the people are everyone the valid rows name
    (counted here with pandas), and the JSON's people counts add up: used + added = the people there are."""
    import pandas as pd

    (tmp_path / "interactions.csv").write_text("source,target\na,b\nb,c\nd,d\n")
    inter = pd.read_csv(tmp_path / "interactions.csv")
    valid = inter[inter["source"] != inter["target"]]
    n = len(set(valid["source"]) | set(valid["target"]))
    result = run("validate", tmp_path)
    assert f"people: no people table; {n} people added from the interactions (everyone their valid rows name)" \
        in result.output.splitlines()
    assert "people: 0 rows read" not in result.output
    counts = json.loads(run("validate", tmp_path, "--format", "json").stdout)["counts"]["people"]
    assert counts["read"] == 0 and counts["used"] + counts["added"] == n == 3


def test_validate_warns_of_ids_differing_only_in_case_in_text_and_json(tmp_path):
    (tmp_path / "people.csv").write_text("id,name\np1,Ann\nP1,Bo\np2,Cor\n")
    (tmp_path / "interactions.csv").write_text("source,target\np1,p2\nP1,p2\np1,p3\n")
    message = ("the ids 'p1' (row 2) and 'P1' (row 3) differ only in case, so they are 2 different people to every "
               "figure; they are not merged: if they are one person, use one spelling in every file.")
    result = run("validate", tmp_path)  # p3 is unknown: strict validation fails, and still warns
    assert result.exit_code == 1
    assert f"warning: people.csv, column 'id': {message}" in result.output.splitlines()
    payload = json.loads(run("validate", tmp_path, "--format", "json").output)
    assert [(w["code"], w["file"], w["message"]) for w in payload["warnings"]] == [
        ("case_variant_ids", "people.csv", message)]
    result = run("summary", tmp_path, "--lenient")
    assert result.exit_code == 0 and f"warning: people.csv, column 'id': {message}" in result.stderr.splitlines()
    people = pd.read_csv(tmp_path / "people.csv")
    assert json.loads(run("summary", tmp_path, "--lenient", "--format", "json").output)["people"] == \
        people["id"].nunique() + 1  # p1 and P1 stay two people; p3 is added from the records
