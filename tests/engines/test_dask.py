"""The Dask engine gives the embedded engine's Dataset, validation report and tie table, exactly.

Expected values are always the embedded engine's own (collabgraph.load / collabgraph.ties) on the
same files: the Dask engine must reproduce them bit for bit, on a LocalCluster with 2 workers.
"""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from benchmarks.generate import tables as generated_tables
from benchmarks.generate import write as write_generated
from collabgraph import load, ties
from collabgraph.cli import cli
from collabgraph.datasets import EXAMPLE
from collabgraph.engines import PandasEngine, get_engine
from collabgraph.engines.dask import DaskEngine
from collabgraph.errors import ParameterError, ValidationError
from collabgraph.metrics.structure import summary

TABLES = ("people", "interactions", "events", "attendance", "memberships", "network_table")


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        yield c


def assert_same_errors(engine, folder) -> ValidationError:
    """Strict loading fails on both engines with the same issues and counts; the embedded engine's error."""
    with pytest.raises(ValidationError) as dask_err:
        engine.load(folder)
    with pytest.raises(ValidationError) as ref_err:
        load(folder)
    assert [i.to_dict() for i in dask_err.value.issues] == [i.to_dict() for i in ref_err.value.issues]
    assert dask_err.value.counts == ref_err.value.counts
    return ref_err.value


def assert_same(dask_ds, embedded_ds):
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(dask_ds, name), getattr(embedded_ds, name), check_exact=True)
    assert dask_ds.directed == embedded_ds.directed
    assert (dask_ds.ratings, dask_ds.weight_by) == (embedded_ds.ratings, embedded_ds.weight_by)
    assert dask_ds.report.to_dict() == embedded_ds.report.to_dict()
    pd.testing.assert_frame_equal(dask_ds.report.rejected_frame(), embedded_ds.report.rejected_frame())


def test_example_csv_in_many_partitions(client):
    engine = DaskEngine(client=client, blocksize=40_000)  # ~12 partitions of the example's interactions
    ds = engine.load(EXAMPLE)
    assert engine._partitions[ds].npartitions > 5
    ref = load(EXAMPLE)
    assert_same(ds, ref)
    pd.testing.assert_frame_equal(engine.ties(ds), ties(ref), check_exact=True)


def test_example_parquet_row_groups(client, tmp_path):
    for f in EXAMPLE.glob("*.csv"):
        shutil.copy(f, tmp_path / f.name)
    frame = pd.read_csv(tmp_path / "interactions.csv", dtype=str, keep_default_na=False)
    (tmp_path / "interactions.csv").unlink()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "interactions.parquet",
                   row_group_size=1000)
    engine = DaskEngine(client=client)
    ds = engine.load(tmp_path)
    assert engine._partitions[ds].npartitions > 3
    ref = load(tmp_path)
    assert_same(ds, ref)
    pd.testing.assert_frame_equal(engine.ties(ds), ties(ref), check_exact=True)


def test_generated_records_with_directed_coattendance(client, tmp_path):
    # 20,000 records in 100 kB blocks (about ten partitions of some 2,000 rows): with 5,000 in 25 kB blocks the
    # default run no longer ran parse_dates' path for more than 1,000 values (io/validate.py), coverage showed
    write_generated(generated_tables(20_000, seed=3), tmp_path / "g")
    engine = DaskEngine(client=client, blocksize=100_000)
    for directed in (False, True):
        ds = engine.load(tmp_path / "g", directed=directed)
        assert engine._partitions[ds].npartitions > 5
        ref = load(tmp_path / "g", directed=directed)
        assert_same(ds, ref)
        pd.testing.assert_frame_equal(engine.ties(ds), ties(ref), check_exact=True)


def _problem_files(folder):
    """Interactions with problems spread over the file (so over several partitions)."""
    folder.mkdir()
    pd.DataFrame({"id": [f"p{i}" for i in range(30)], "domain": ["zorg", "welzijn", "onderwijs"] * 10}) \
        .to_csv(folder / "people.csv", index=False)
    rows = []
    for i in range(600):
        rows.append({"source": f"p{i % 30}", "target": f"p{(i * 7 + 1) % 30}", "date": f"2022-{i % 12 + 1:02d}-03",
                     "weight": "1", "wave": f"T{i % 3 + 1}"})
    rows[3]["source"] = ""                      # empty_id
    rows[150]["date"] = "31-02-2022"            # bad_date
    rows[151]["target"] = "stranger"            # unknown_person
    rows[400]["weight"] = "-2"                  # bad_weight
    rows[599]["target"] = rows[599]["source"]   # self_tie
    pd.DataFrame(rows).to_csv(folder / "interactions.csv", index=False)
    return folder


def test_rejected_rows_have_the_embedded_row_numbers(client, tmp_path):
    folder = _problem_files(tmp_path / "bad")
    engine = DaskEngine(client=client, blocksize=2_000)
    ds = engine.load(folder, lenient=True)
    assert engine._partitions[ds].npartitions > 5
    ref = load(folder, lenient=True)
    assert_same(ds, ref)
    # row numbers as a spreadsheet shows them: header row 1, so list position i is row i + 2;
    # lenient: the unknown person is added, not rejected
    assert [(i.row, i.code) for i in ds.report.issues] == [
        (5, "empty_id"), (152, "bad_date"), (402, "bad_weight"), (601, "self_tie")]
    assert ds.report.counts["people"]["added"] == 1 and ds.people.index[-1] == "stranger"
    pd.testing.assert_frame_equal(engine.ties(ds), ties(ref), check_exact=True)


def test_ratings_decided_on_the_whole_file(client, tmp_path):
    """A free column that is text in the first partitions and numbers in the rest is a rating in every
    partition (as the embedded engine decides on the whole file); bad ratings are warned on the same rows."""
    folder = tmp_path / "rated"
    shutil.copytree(EXAMPLE, folder)
    # without the example's own survey columns: this test writes its own trust column (vertrouwen)
    # the first 1,500 records (of 9,608) in more than five partitions: the size is not the point
    inter = pd.read_csv(folder / "interactions.csv", dtype=str, keep_default_na=False, nrows=1500).drop(
        columns=["trust", "value"], errors="ignore")
    n = len(inter)
    inter["score"] = ["n/a"] * (n // 3) + [str(i % 6) for i in range(n - n // 3)]  # two thirds numbers
    inter["vertrouwen"] = [str(i % 5) if i % 97 else "hoog" for i in range(n)]
    inter["note"] = ["x"] * (n - 10) + ["1"] * 10
    inter.to_csv(folder / "interactions.csv", index=False)
    engine = DaskEngine(client=client, blocksize=15_000)  # about 108 kB: eight partitions
    ds = engine.load(folder)
    assert engine._partitions[ds].npartitions > 5
    ref = load(folder)
    assert_same(ds, ref)
    assert ref.ratings == ("trust", "score")
    assert [w.code for w in ref.report.warnings].count("bad_rating") == n // 3 + len(range(0, n, 97))
    pd.testing.assert_frame_equal(engine.ties(ds), ties(ref), check_exact=True)


def test_strict_mode_raises_the_same_issues(client, tmp_path):
    folder = _problem_files(tmp_path / "bad")
    assert_same_errors(DaskEngine(client=client, blocksize=2_000), folder)


def test_networks_table_as_embedded(client, tmp_path):
    """A networks table with problems (read on the client): the same table, issues and counts, strict and
    lenient; its coordinator 'stranger' is a person only once the records add them (lenient)."""
    folder = _problem_files(tmp_path / "bad")
    (folder / "netwerken.csv").write_text("Netwerk;Startdatum;Einddatum;Trekker\nN1;2022-01-01;2022-12-31;p1\n"
                                          "N2;2022-06-01;2022-01-01;p2\nN3;;;stranger\nN1;;;\n;;;\n")
    engine = DaskEngine(client=client, blocksize=2_000)
    ds = engine.load(folder, lenient=True)
    assert_same(ds, load(folder, lenient=True))
    assert ds.network_table.index.tolist() == ["N1", "N3"]
    err = assert_same_errors(engine, folder)
    assert err.counts["networks"] == {"read": 5, "used": 1, "rejected": 3, "skipped_blank": 1}


def test_single_file_without_people_table(client, tmp_path):
    folder = _problem_files(tmp_path / "bad")
    engine = DaskEngine(client=client, blocksize=2_000)
    # people come from the records, in order of appearance: partition order must not change it
    assert_same(engine.load(folder / "interactions.csv", lenient=True), load(folder / "interactions.csv", lenient=True))
    assert_same(engine.load(folder / "interactions.csv", people=folder / "people.csv", lenient=True),
                load(folder / "interactions.csv", people=folder / "people.csv", lenient=True))


def _summary(dataset):
    return summary(dataset).to_dict()


def test_windows_and_networks_as_tasks(client):
    ds = load(EXAMPLE)
    engine = DaskEngine(client=client)
    assert engine.map_windows(ds, _summary, freq="quarter") == PandasEngine().map_windows(ds, _summary, freq="quarter")
    assert engine.map_networks(ds, _summary) == PandasEngine().map_networks(ds, _summary)
    # a dataset not loaded by the engine is split into partitions for the cluster
    pd.testing.assert_frame_equal(engine.ties(ds), ties(ds), check_exact=True)


@pytest.mark.slow
def test_worker_processes():
    """Datasets and functions travel to separate worker processes (pickled) and come back equal."""
    ds = load(EXAMPLE)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as c:
        engine = DaskEngine(client=c, blocksize=100_000)
        assert engine.map_windows(ds, _summary, freq="year") == PandasEngine().map_windows(ds, _summary, freq="year")
        loaded = engine.load(EXAMPLE)
        assert_same(loaded, ds)
        pd.testing.assert_frame_equal(engine.ties(loaded), ties(ds), check_exact=True)


def test_engine_names():
    with pytest.raises(ParameterError, match="engine must be one of pandas, dask; got 'spark'"):
        get_engine("spark")
    with pytest.raises(ParameterError, match="scheduler= needs engine='dask'"):
        get_engine("pandas", scheduler="tcp://localhost:8786")


def test_cli_engine_dask_prints_the_same(client):
    runner = CliRunner()
    embedded = runner.invoke(cli, ["summary", str(EXAMPLE), "--format", "json"])
    dask = runner.invoke(cli, ["summary", str(EXAMPLE), "--format", "json", "--engine", "dask"])
    assert embedded.exit_code == dask.exit_code == 0
    assert dask.output == embedded.output


def test_cli_scheduler_needs_dask():
    result = CliRunner().invoke(cli, ["summary", str(EXAMPLE), "--scheduler", "tcp://localhost:8786"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: --scheduler needs --engine dask."


def test_follow_ons_and_warnings_as_embedded(client, tmp_path):
    """A rejected person's interactions spread over partitions: one issue with the count of all of them;
    the column warning once, not once per partition; the spelling counts over the whole file."""
    (tmp_path / "people.csv").write_text("id,Organsiatie\na,O1\nb,O2\nc,O3\nd,31-02-2021,x\n")
    rows = "".join(f"{'abc'[i % 3]},d,{'Noord' if i % 4 else 'noord'}\n" for i in range(400))
    (tmp_path / "interactions.csv").write_text("source,target,network\n" + rows + "a,b,Noord\n")
    engine = DaskEngine(client=client, blocksize=1_000)
    with pytest.raises(ValidationError) as dask_err:
        engine.load(tmp_path)
    with pytest.raises(ValidationError) as ref_err:
        load(tmp_path)
    assert dask_err.value.report.to_dict() == ref_err.value.report.to_dict()
    assert [i.message for i in ref_err.value.issues][1] == (
        "'d' was rejected at people.csv row 5; 400 interactions refer to it (rows 2, 3, 4, 5, 6 and 395 more), "
        "so they are rejected too.")
    assert [w.code for w in ref_err.value.report.warnings] == ["unknown_column"]  # rejected rows hold 'noord'
    ds, ref = engine.load(tmp_path, lenient=True), load(tmp_path, lenient=True)
    assert_same(ds, ref)
    assert [w.message[:37] for w in ref.report.warnings][1] == "'Noord' (301 rows) and 'noord' (100 r"


def _hostile_csv(folder, case):
    """The problem files of _problem_files with one hostile change to the interactions text (docs/scale.md:
    both engines give the same issues and exit codes)."""
    _problem_files(folder)
    path = folder / "interactions.csv"
    lines = path.read_text().splitlines(keepends=True)
    if case == "ragged":
        lines[200] = lines[200].rstrip("\n") + ",extra,more\n"
        lines[450] = lines[450].rstrip("\n") + ",x\n"
    elif case == "open_quote":
        lines[300] = lines[300].replace(",", ',"', 1)
    elif case == "swallowing_quote":
        lines[300] = lines[300].replace(",", ',"', 1)
        lines[303] = lines[303].replace(",", ',"', 1)
    elif case == "blank":
        lines[100:100] = ["\n", ",,,,\n"]
        lines.append("\n")
    elif case == "long":
        lines[250] = lines[250].rstrip("\n") + "x" * 200_000 + "\n"
    elif case == "cp1252":
        path.write_bytes("".join(lines).replace("T1", "Të").encode("cp1252"))
        return folder
    elif case == "stray_byte":
        path.write_bytes("".join(lines).replace("T1", "Të").encode() + b"p1,p2,2022-01-01,1,T\xff\n")
        return folder
    path.write_text("".join(lines))
    return folder


@pytest.mark.parametrize("case", ["ragged", "open_quote", "swallowing_quote", "blank", "long", "cp1252",
                                  "stray_byte"])
def test_hostile_csv_gives_the_embedded_issues_and_counts(client, tmp_path, case):
    folder = _hostile_csv(tmp_path / "bad", case)
    # 4 kB blocks put each case across several partitions; the 200 kB value of "long" spans five 40 kB blocks
    # (in 4 kB blocks it spans fifty, which costs 12 s and tests nothing more)
    engine = DaskEngine(client=client, blocksize=40_000 if case == "long" else 4_000)
    assert_same(engine.load(folder, lenient=True), load(folder, lenient=True))
    err = assert_same_errors(engine, folder)
    codes = {i.code for i in err.issues}
    expected = {"ragged": "ragged_row", "open_quote": "unbalanced_quote", "swallowing_quote": "unbalanced_quote",
                "long": "long_value", "stray_byte": "bad_encoding"}
    if case in expected:
        assert expected[case] in codes
    if case == "blank":
        assert err.counts["interactions"]["skipped_blank"] == 3


def test_hostile_parquet_gives_the_embedded_issues(client, tmp_path):
    import datetime

    folder = _problem_files(tmp_path / "bad")
    frame = pd.read_csv(folder / "interactions.csv", dtype=str, keep_default_na=False)
    (folder / "interactions.csv").unlink()
    frame["date"] = [datetime.date(2022, 1, 1 + i % 28) for i in range(len(frame))]
    frame.loc[10, "date"] = datetime.date(9999, 12, 31)
    frame["tags"] = [["a"]] * len(frame)
    frame.loc[20, ["source", "target", "weight", "wave"]] = None
    frame.index = pd.Index([f"r{i}" for i in range(len(frame))], name="ref")
    pq.write_table(pa.Table.from_pandas(frame), folder / "interactions.parquet", row_group_size=100)
    engine = DaskEngine(client=client)
    ds, ref = engine.load(folder, lenient=True), load(folder, lenient=True)
    assert engine._partitions[ds].npartitions > 3
    assert_same(ds, ref)
    assert {"unsupported_column", "bad_date"} <= {i.code for i in ref.report.issues}
    assert ref.report.counts["interactions"]["skipped_blank"] == 0  # row 22 still has its ref and tags


def test_write_csv_refuses_the_interactions_the_dask_engine_read(client, tmp_path):
    """The Dask engine reads the interactions on the cluster, not through read_dataset: they are remembered as
    an input of this process all the same (validate), and the public writers refuse them."""
    from collabgraph.outputs import OutputError, write_csv

    records = tmp_path / "interactions.csv"
    records.write_text("source,target,date\na,b,2021-01-01\nb,c,2021-01-01\n", encoding="utf-8")
    before = records.read_bytes()
    DaskEngine(client=client).load(records)
    with pytest.raises(OutputError, match="it is an input file"):
        write_csv(pd.DataFrame({"x": [1]}), records)
    assert records.read_bytes() == before
