"""Where outputs go: never over an input, never into a folder collabgraph did not write, ``cannot write PATH:
reason`` (exit 2) for a path that cannot be written, and no half-written output after SIGINT/SIGTERM."""

from __future__ import annotations

import contextlib
import io
import os
import re
import signal
import zipfile

import pandas as pd
import pytest

from collabgraph.outputs import MARKER
from tests.cli.conftest import run

FAST = ("--permutations", "0")

#: Report CSVs with cells in the report's language (the programme row's name, a role label, the sentence per
#: network); every other cell, and every other file, is the same in English and Dutch.
LANGUAGE_CELLS = {"dependency.csv": ["role"], "doorwerking.csv": ["network"], "ratings_changes.csv": ["network"],
                  "ratings_partner.csv": ["network"], "ratings_waves.csv": ["network"],
                  "scorecard.csv": ["network", "sentence"]}
#: Columns of a Dutch report's excel-nl files that hold collabgraph's own words, written in Dutch (docs/report.md,
#: CSV for Excel); nl-standard keeps the English codes there, and every other column is the same in both.
DUTCH_WORDS = {"attribution.csv": ["level", "name", "group"], "compare.csv": ["metric"],
               "clusters.csv": ["silo", "silo_by", *(f"top_{a}" for a in ("domain", "organisation", "profession",
                                                                            "role", "network"))],
               "crossing.csv": ["attribute"], "dependency.csv": ["reason"],
               "doorwerking.csv": ["level", "end_source", "note"], "education_practice.csv": ["level", "network"],
               "experts.csv": ["level", "network", "at_edge"], "forms.csv": ["dimension", "form"],
               "groups.csv": ["kind"], "isolation.csv": ["reasons"], "network_quarters.csv": ["label", "partial"],
               "people.csv": ["isolation", "profession_cross", "organisation_cross", "domain_cross", "domain"],
               "timeline.csv": ["label", "partial"], "reach_roles.csv": ["group"],
               "role_groups.csv": ["level", "group", "network"], "role_mapping.csv": ["value", "group", "source"],
               "scorecard.csv": ["level", "period_source"], "suggestions.csv": ["other_domain", "other_profession"],
               **{f"ratings_{t}.csv": ["rating"] for t in ("overall", "networks", "waves", "changes")}}
#: collabgraph's codes as the English files write them
CODES = {"True", "False", "network", "programme", "tie_status", "group", "group_pair", "new_tie_pair", "person",
         "new", "continued", "dropped", "domain", "organisation", "profession", "role", "kind", "size", "coordinator",
         "broker", "isolate", "detached", "pendant", "periphery", "low_activity", "silo", "fading", "newcomer",
         "networks table", "records", "each network's own end", "built-in list", "trust", "value", "other",
         "people_active", "ties", "density", "components", "isolated", "cross_share", "ei_index",
         "modularity", "between_network_ties", "(no network)", "(all networks)"}
PEOPLE = "id,name,domain\na,Ann,zorg\nb,Bo,zorg\nc,Cas,welzijn\nd,Dirk,welzijn\n"
INTERACTIONS = "source,target,date\na,b,2021-01-05\nb,c,2021-02-05\nc,d,2021-03-05\nd,a,2021-04-05\n"


@pytest.fixture
def ds(tmp_path):
    folder = tmp_path / "DS"
    folder.mkdir()
    (folder / "people.csv").write_text(PEOPLE)
    (folder / "interactions.csv").write_text(INTERACTIONS)
    return folder


def _snapshot(folder):
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(("args", "message"), [
    (["export", "{ds}", "--to", "csv", "-o", "{ds}"], "cannot write {ds}: it is the input folder"),
    (["export", "{ds}", "--to", "gexf", "-o", "{ds}/interactions.csv"], "cannot write {ds}/interactions.csv: it would "
                                                                         "be read as a table of the input folder"),
    (["export", "{ds}", "--to", "csv", "-o", "{ds}/edges.csv"], "cannot write {ds}/edges.csv: it would be read"),
    (["export", "{ds}/interactions.csv", "--people", "{ds}/people.csv", "--to", "json", "-o", "{ds}/people.csv"],
     "cannot write {ds}/people.csv: it is an input file"),
    (["validate", "{ds}", "--rejected", "{ds}/interactions.csv"], "cannot write {ds}/interactions.csv: it would be"),
    (["summary", "{ds}", "--lenient", "--rejected", "{ds}/people.csv"], "cannot write {ds}/people.csv: it would be"),
    (["report", "{ds}", "-o", "{ds}"], "cannot write {ds}: it is the input folder"),
    (["report", "{ds}/interactions.csv", "--people", "{ds}/people.csv", "-o", "{tmp}"],
     "cannot write {tmp}: it holds the input {ds}/interactions.csv"),
])
def test_never_over_an_input(ds, tmp_path, args, message):
    before = _snapshot(tmp_path)
    result = run(*[a.format(ds=ds, tmp=tmp_path) for a in args], *(FAST if args[0] in ("export", "report") else ()))
    assert result.exit_code == 2, result.output
    assert "Error: " + message.format(ds=ds, tmp=tmp_path) in result.output
    assert _snapshot(tmp_path) == before


def test_an_alias_of_an_input_is_the_input(ds, tmp_path):
    """A path that names an input under another spelling (a case-insensitive disk's Data/People.csv for
    data/people.csv; here a hard link, the same file on Linux) is refused, and the input's rows stay as pandas
    read them; a folder output whose tree holds the input under an alias likewise."""
    people = pd.read_csv(ds / "people.csv")
    alias = tmp_path / "alias.csv"
    os.link(ds / "people.csv", alias)
    before = _snapshot(tmp_path)
    result = run("export", ds / "interactions.csv", "--people", ds / "people.csv", "--to", "json", "-o", alias,
                 *FAST)
    assert result.exit_code == 2 and f"Error: cannot write {alias}: it is an input file" in result.output
    assert _snapshot(tmp_path) == before and pd.read_csv(ds / "people.csv").equals(people)
    os.symlink(tmp_path, tmp_path.parent / f"{tmp_path.name}-link")  # resolve() sees through a symlink already
    link = tmp_path.parent / f"{tmp_path.name}-link"
    result = run("report", ds / "interactions.csv", "--people", alias, "-o", link, *FAST)
    assert result.exit_code == 2 and f"cannot write {link}: it holds the input" in result.output
    assert _snapshot(tmp_path) == before


@pytest.mark.usefixtures("analysed_once")  # the two reports of ds render one analysis
def test_report_replaces_only_its_own_folder(ds, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.html").write_text("<p>mine</p>")
    (other / "precious.txt").write_text("keep me")
    result = run("report", ds, "-o", other, *FAST)
    assert result.exit_code == 2
    assert f"cannot write {other}: the folder holds files collabgraph did not write (it has no {MARKER})" \
        in result.output
    assert sorted(p.name for p in other.iterdir()) == ["index.html", "precious.txt"]
    out = tmp_path / "r"
    assert run("report", ds, "-o", out, *FAST).exit_code == 0
    (out / "data" / "extra.txt").write_text("from the last run")
    assert run("report", ds, "-o", out, *FAST).exit_code == 0  # an earlier report (with the marker) is replaced
    assert (out / MARKER).is_file() and not (out / "data" / "extra.txt").exists()
    assert [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name or ".old-" in p.name] == []


def test_csv_layouts(ds, tmp_path):
    result = run("export", ds, "--to", "csv", "-o", tmp_path / "net.csv", *FAST)
    assert result.exit_code == 0 and result.stdout == f"{tmp_path / 'net.csv'}\n"
    assert "wrote the tie table alone" in result.stderr
    ties = pd.read_csv(tmp_path / "net.csv")
    assert sorted(map(tuple, ties[["source", "target"]].to_numpy())) == [("a", "b"), ("a", "d"), ("b", "c"),
                                                                         ("c", "d")]
    assert run("export", ds, "--to", "csv", "-o", tmp_path / "net.zip", *FAST).exit_code == 0
    assert sorted(zipfile.ZipFile(tmp_path / "net.zip").namelist()) == ["groups.csv", "metrics.csv", "people.csv",
                                                                         "ties.csv"]
    for _ in range(2):  # a folder it wrote earlier it writes again
        result = run("export", ds, "--to", "csv", "-o", tmp_path / "net", *FAST)
        assert result.exit_code == 0 and "into the folder" in result.stderr
    assert sorted(p.name for p in (tmp_path / "net").iterdir()) == [MARKER, "groups.csv", "metrics.csv",
                                                                    "people.csv", "ties.csv"]
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "people.csv").write_text("my own")
    assert run("export", ds, "--to", "csv", "-o", tmp_path / "mine", *FAST).exit_code == 2
    assert (tmp_path / "mine" / "people.csv").read_text() == "my own"


@pytest.mark.parametrize(("args", "message"), [
    (["report", "{ds}", "-o", "{f}/sub"], "cannot write {f}/sub: {f} is a file, not a folder."),
    (["export", "{ds}", "--to", "gexf", "-o", "{tmp}"], "cannot write {tmp}: it is a folder, and this output is a "
                                                          "file."),
    (["export", "{ds}", "--to", "xlsx", "-o", "{f}/x.xlsx"], "cannot write {f}/x.xlsx: {f} is a file, not a folder."),
    (["export", "{ds}", "--to", "csv", "-o", "{f}"], "cannot write {f}: it is a file, and this output is a folder"),
    (["validate", "{ds}", "--rejected", "{tmp}/nodir/r.csv"], "cannot write {tmp}/nodir/r.csv: "),
    (["export", "{ds}", "--to", "json", "-o", "/proc/x.json"], "cannot write /proc/x.json: "),
])
def test_cannot_write(ds, tmp_path, args, message):
    f = tmp_path / "afile"
    f.write_text("x")
    before = _snapshot(tmp_path)
    result = run(*[a.format(ds=ds, tmp=tmp_path, f=f) for a in args], *(FAST if args[0] != "validate" else ()))
    assert result.exit_code == 2, result.output
    assert "Error: " + message.format(ds=ds, tmp=tmp_path, f=f) in result.output
    assert "Traceback" not in result.output
    assert _snapshot(tmp_path) == before


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
@pytest.mark.parametrize("swallowed", [False, True])
def test_signal_while_writing_a_report(ds, tmp_path, monkeypatch, signum, code, swallowed):
    # The signal arrives while the page is rendered; a library that swallows the exception does not stop it either.
    from collabgraph.report import html

    render = html._render  # what write_report calls for the page

    def interrupted(*args, **kwargs):
        try:
            os.kill(os.getpid(), signum)
        except BaseException:
            if not swallowed:
                raise
        return render(*args, **kwargs)

    monkeypatch.setattr(html, "_render", interrupted)
    result = run("report", ds, "-o", tmp_path / "r", *FAST)
    assert result.exit_code == code, result.output
    assert "stopped by a signal" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DS"]
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_signal_while_the_map_and_data_files_are_computed_in_second_processes(ds, tmp_path, monkeypatch):
    # the children (forced for this small data) are ended with the report; the half-built folder is removed
    import multiprocessing

    from collabgraph import background
    from collabgraph.report import html

    render = html._render

    def interrupted(*args, **kwargs):
        assert len(multiprocessing.active_children()) == 2  # the map and the data files
        os.kill(os.getpid(), signal.SIGTERM)
        return render(*args, **kwargs)

    monkeypatch.setenv(background.PROCESSES, "2")
    monkeypatch.setattr(html, "_render", interrupted)
    result = run("report", ds, "-o", tmp_path / "r", *FAST)
    assert result.exit_code == 143, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["DS"]
    assert multiprocessing.active_children() == []



def test_signal_right_after_the_data_read_is_forked_leaves_no_folder_and_no_child(ds, tmp_path, monkeypatch):
    # SIGTERM to the command as the first child (the data read, forced for this small data) is forked: blocked until
    # the child is on the command's way out, then it stops the command and the child is ended with it
    from collabgraph import background

    fork, children = os.fork, []

    def forked():
        pid = fork()
        if pid and not children:
            children.append(pid)
            os.kill(os.getpid(), signal.SIGTERM)
        return pid

    monkeypatch.setenv(background.PROCESSES, "2")
    monkeypatch.setattr(os, "fork", forked)
    try:
        result = run("report", ds, "-o", tmp_path / "r", *FAST)
        assert result.exit_code == 143, result.output
        assert sorted(p.name for p in tmp_path.iterdir()) == ["DS"]
        with pytest.raises(ChildProcessError):  # ended and waited for: no child, no zombie
            os.waitpid(children[0], os.WNOHANG)
    finally:
        for pid in children:  # a child left behind (the test failed): ended here
            with contextlib.suppress(ProcessLookupError, ChildProcessError):
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)

# ---- CSV styles: excel-nl (';', decimal comma, UTF-8 with BOM) and standard (issue 15, Excel users) -----------

BOM = b"\xef\xbb\xbf"
EXCEL_PEOPLE = "id,name,domain\na,Chloë Öztürk,zorg\nb,=1+1,zorg\nc,\"Cas; de Wit\",welzijn\nd,Dirk,welzijn\n"
EXCEL_INTERACTIONS = ("source,target,date\na,b,2021-01-05\nb,c,2021-02-05\nc,d,2021-05-05\nd,a,2021-08-05\n"
                      "a,c,2021-11-05\n")


@pytest.fixture
def excel_ds(tmp_path):
    folder = tmp_path / "EX"
    folder.mkdir()
    (folder / "people.csv").write_text(EXCEL_PEOPLE, encoding="utf-8")
    (folder / "interactions.csv").write_text(EXCEL_INTERACTIONS, encoding="utf-8")
    return folder


def _read_nl(data: bytes) -> pd.DataFrame:
    assert data.startswith(BOM)
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", keep_default_na=False)


def _read_standard(data: bytes) -> pd.DataFrame:
    assert not data.startswith(BOM)
    return pd.read_csv(io.BytesIO(data), keep_default_na=False)


@pytest.mark.parametrize("command", ["timeline", "metrics", "isolated", "brokers", "clusters"])
def test_format_csv_styles_read_back_alike(excel_ds, command):
    standard = run(command, excel_ds, "--format", "csv")
    nl = run(command, excel_ds, "--format", "csv", "--csv-style", "excel-nl")
    assert standard.exit_code == 0 and nl.exit_code == 0, standard.output + nl.output
    assert run(command, excel_ds, "--format", "csv", "--csv-style", "standard").stdout_bytes == standard.stdout_bytes
    assert b";" in nl.stdout_bytes.split(b"\n", 1)[0]
    pd.testing.assert_frame_equal(_read_nl(nl.stdout_bytes), _read_standard(standard.stdout_bytes))


def test_timeline_csv_ends_on_the_last_day(excel_ds):
    result = run("timeline", excel_ds, "--format", "csv", "--freq", "quarter")
    assert result.exit_code == 0, result.output
    table = _read_standard(result.stdout_bytes)
    dates = pd.to_datetime(pd.read_csv(excel_ds / "interactions.csv")["date"])
    quarters = pd.period_range(dates.min(), dates.max(), freq="Q")
    assert table["start"].tolist() == [q.start_time.date().isoformat() for q in quarters]
    assert table["end"].tolist() == [q.end_time.date().isoformat() for q in quarters]  # 2021-03-31, not 04-01
    assert "2021Q1 (2021-01-01 to 2021-03-31" in run("timeline", excel_ds).output  # the text says the same day


@pytest.mark.usefixtures("analysed_once")  # three renderings of one analysis
def test_report_csv_follows_the_language(excel_ds, tmp_path):
    nl, standard, en = tmp_path / "nl", tmp_path / "nl-standard", tmp_path / "en"
    assert run("report", excel_ds, "-o", nl, "--lang", "nl", *FAST).exit_code == 0
    assert run("report", excel_ds, "-o", standard, "--lang", "nl", "--csv-style", "standard", *FAST).exit_code == 0
    assert run("report", excel_ds, "-o", en, "--lang", "en", *FAST).exit_code == 0
    names = sorted(p.name for p in (nl / "data").glob("*.csv"))
    assert names == sorted(p.name for p in (standard / "data").glob("*.csv")) and "timeline.csv" in names
    for name in names:
        data = (nl / "data" / name).read_bytes()
        if name in LANGUAGE_CELLS:  # labels in the report's language ('all networks', a sentence); the rest equal
            words = LANGUAGE_CELLS[name]
            en_frame, nl_frame = (_read_standard((d / "data" / name).read_bytes()) for d in (en, standard))
            pd.testing.assert_frame_equal(en_frame.drop(columns=words), nl_frame.drop(columns=words), check_exact=True)
        else:
            assert (en / "data" / name).read_bytes() == (standard / "data" / name).read_bytes(), name
        if not (standard / "data" / name).read_bytes().strip():  # a table without columns: nothing but the BOM
            assert data.startswith(BOM) and not data[3:].strip()
            continue
        header = data[3:].split(b"\n", 1)[0].decode("utf-8")
        expected = _read_standard((standard / "data" / name).read_bytes())
        assert header.split(";") == [str(c) for c in expected.columns], name
        got, words = _read_nl(data), DUTCH_WORDS.get(name, [])
        got = got.apply(lambda c: c.str.replace(r"^(-?\d+),(\d+)$", r"\1.\2", regex=True)
                        if not pd.api.types.is_numeric_dtype(c) else c)  # numbers and "<3": text, 0,5 as 0.5
        pd.testing.assert_frame_equal(got.drop(columns=words), expected.drop(columns=words), check_exact=True)
        for column in words:  # the same cells where no code is written, else a Dutch word for the code
            coded = expected[column].astype(str).map(lambda x: bool(re.fullmatch(r"\d{4}Q\d", x)) or (
                x != "" and set(x.split(";")) <= CODES))
            assert not got[column].astype(str)[coded].isin(expected[column].astype(str)[coded]).any(), (name, column)
    people = (nl / "data" / "people.csv").read_bytes()
    assert "Chloë Öztürk".encode() in people and b";'=1+1;" in people and b'"Cas; de Wit"' in people
    strength = _read_nl(people)
    assert strength["strength"].dtype == float  # decimal commas read back as numbers
    assert re.search(r";-?\d+,\d+;", (nl / "data" / "timeline.csv").read_bytes().decode("utf-8-sig"))  # 0,25
    timeline = _read_nl((nl / "data" / "timeline.csv").read_bytes())
    assert timeline["end"].tolist()[:2] == ["2021-03-31", "2021-06-30"]


@pytest.mark.parametrize("args", [["--help"], ["report", "--help"], ["summary", "DS"]])
def test_a_reader_that_closes_the_pipe_is_not_an_internal_error(ds, args):
    """``collabgraph report --help | grep -q x``: grep closes the pipe at its first match, and the next write
    raised BrokenPipeError, which the command reported as an internal error (exit 3). Now it stops quietly
    with exit 1 and nothing on stderr. The reader here closes the pipe before the command writes anything."""
    import subprocess
    import sys

    argv = [sys.executable, "-m", "collabgraph.cli", *[str(ds) if a == "DS" else a for a in args]]
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line
    try:
        done = subprocess.run(argv, stdout=write, stderr=subprocess.PIPE, check=False, timeout=120)
    finally:
        os.close(write)
    assert done.returncode == 1, done.stderr.decode()
    assert done.stderr == b""
