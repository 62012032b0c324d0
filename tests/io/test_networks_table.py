"""The optional networks table (issue 14): read from CSV, Excel and Parquet under English and Dutch names,
validated row by row (read = used + rejected + blank), kept in ``Dataset.network_table``.

Expected values come from the text written in each test, parsed here with plain pandas.
"""

from __future__ import annotations

import pandas as pd
import pytest
from click.testing import CliRunner

from collabgraph import from_frames, load
from collabgraph.cli import cli
from collabgraph.dataset import NETWORK_COLUMNS
from collabgraph.errors import InputError, ValidationError
from collabgraph.io import read_dataset
from collabgraph.privacy import pseudonym, pseudonymise

PEOPLE = "id,name,domain,networks\na,Anna,zorg,N1\nb,Bert,welzijn,N1\nc,Cor,zorg,N2\nd,Dirk,welzijn,N2\n"
INTERACTIONS = ("source,target,date,network\na,b,2021-02-01,N1\nb,c,2021-03-01,N1\n"
                "c,d,2021-04-01,N2\n")
NETWORKS = pd.DataFrame({"network": ["N1", "N2"], "programme": ["Zorg", "Zorg"],
                         "start": ["2021-01-01", "2021-02-15"], "end": ["2021-12-31", ""],
                         "focus": ["onderwijs", "kennisdeling"], "coordinator": ["a", ""], "budget": ["10", "20"]})
DUTCH = {"network": "Netwerk", "programme": "Programma", "start": "Startdatum", "end": "Einddatum",
         "focus": "Thema", "coordinator": "Coördinator", "budget": "Budget"}


def folder(tmp_path, networks_file: str | None = None, networks_text: str | None = None, **tables):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "people.csv").write_text(tables.get("people", PEOPLE))
    (tmp_path / "interactions.csv").write_text(tables.get("interactions", INTERACTIONS))
    if networks_file is not None:
        (tmp_path / networks_file).write_bytes(networks_text.encode("utf-8-sig"))
    return tmp_path


def expected(frame: pd.DataFrame) -> pd.DataFrame:
    """The written networks table as plain pandas reads it: names as index, empty cells missing."""
    out = frame.replace("", None).set_index("network")
    return out.assign(start=pd.to_datetime(out["start"]), end=pd.to_datetime(out["end"]))


def assert_table(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert got.index.name == "network"
    assert got.columns.tolist() == [*NETWORK_COLUMNS, "budget"]
    assert got.index.tolist() == want.index.tolist()
    for column in got.columns:
        left = got[column].astype(object).where(got[column].notna(), None).tolist()
        right = want[column].astype(object).where(want[column].notna(), None).tolist()
        assert left == right, column
    assert str(got["start"].dtype) == str(got["end"].dtype) == "datetime64[ns]"


def test_csv_with_dutch_names_is_read_not_ignored(tmp_path):
    text = NETWORKS.rename(columns=DUTCH).to_csv(sep=";", index=False)
    ds = load(folder(tmp_path, "Netwerken.csv", text))
    assert_table(ds.network_table, expected(NETWORKS))
    assert ds.report.ignored == []
    assert ds.report.counts["networks"] == {"read": 2, "used": 2, "rejected": 0, "skipped_blank": 0}
    assert "networks" in sorted(read_dataset(tmp_path).tables)


@pytest.mark.parametrize("name", ["networks.csv", "leernetwerken.csv"])
def test_english_and_other_file_names(tmp_path, name):
    ds = load(folder(tmp_path, name, NETWORKS.to_csv(index=False)))
    assert_table(ds.network_table, expected(NETWORKS))


def test_excel_sheet_and_parquet_file(tmp_path):
    book = tmp_path / "data.xlsx"
    with pd.ExcelWriter(book) as writer:
        pd.read_csv(pd.io.common.StringIO(PEOPLE)).to_excel(writer, sheet_name="Personen", index=False)
        pd.read_csv(pd.io.common.StringIO(INTERACTIONS)).to_excel(writer, sheet_name="Interacties", index=False)
        NETWORKS.rename(columns=DUTCH).to_excel(writer, sheet_name="Netwerken", index=False)
    assert_table(load(book).network_table, expected(NETWORKS))
    parquet = folder(tmp_path / "pq")
    NETWORKS.to_parquet(parquet / "networks.parquet")
    assert_table(load(parquet).network_table, expected(NETWORKS))


def test_no_networks_table_gives_the_empty_frame(tmp_path):
    ds = load(folder(tmp_path))
    table = ds.network_table
    assert len(table) == 0 and table.index.name == "network"
    assert table.columns.tolist() == list(NETWORK_COLUMNS)
    assert [str(t) for t in table.dtypes] == ["string", "datetime64[ns]", "datetime64[ns]", "string", "string"]
    assert "networks" not in ds.report.counts
    assert "networks table" not in repr(ds)


def test_a_networks_file_alone_is_refused(tmp_path):
    path = tmp_path / "netwerken.csv"
    path.write_text(NETWORKS.to_csv(index=False))
    with pytest.raises(InputError, match="this is a networks file"):
        read_dataset(path)


HOSTILE = ("Netwerk;Start;Einde;Coördinator;Extra\n"
           "N1;2021-01-01;2021-12-31;a;\n"          # row 2: good
           "N2;2021-06-01;2021-01-01;c;\n"          # row 3: end before start
           "N1;2021-01-01;;;\n"                     # row 4: N1 again
           ";2021-01-01;;;\n"                       # row 5: no name
           "N3;31-02-2021;;;\n"                     # row 6: not a real date
           "N4;2021-01-01;9999-12-31;;\n"           # row 7: outside the dates collabgraph holds
           "N5;;;zz;\n"                             # row 8: the coordinator is no person
           "N6;;;e;\n"                              # row 9: e's people row was rejected
           "N7;;;;;x;y\n"                           # row 10: too many values
           ";;;;\n"                                 # row 11: blank
           "N2;1500-01-01;;;\n")                    # row 12: N2 before 1678 (N2's row 3 was rejected)
#: Eva's own row is rejected (no such date), so the network that names her as coordinator is rejected too.
PEOPLE_HOSTILE = ("id,name,domain,networks,joined\na,Anna,zorg,N1,\nb,Bert,welzijn,N1,\nc,Cor,zorg,N2,\n"
                  "d,Dirk,welzijn,N2,\ne,Eva,zorg,N2,31-02-2021\n")


def hostile_folder(tmp_path):
    return folder(tmp_path, "netwerken.csv", HOSTILE, people=PEOPLE_HOSTILE)


def test_every_hostile_row_is_accounted_for(tmp_path):
    path = hostile_folder(tmp_path)
    with pytest.raises(ValidationError) as err:
        load(path)
    found = [(i.row, i.column, i.code) for i in err.value.issues if i.file == "netwerken.csv"]
    assert found == [(3, "Einde", "bad_period"), (4, "Netwerk", "duplicate_id"), (5, "Netwerk", "empty_id"),
                     (6, "Start", "bad_date"), (7, "Einde", "bad_date"), (8, "Coördinator", "unknown_person"),
                     (None, None, "rejected_reference"), (10, None, "ragged_row"), (12, "Start", "bad_date")]
    codes = {i.code: i for i in err.value.report.issues if i.file == "netwerken.csv"}
    assert codes["bad_period"].message == ("end '2021-01-01' is before start '2021-06-01'; a network cannot end "
                                           "before it starts. Correct one of the two dates.")
    assert codes["unknown_person"].message == ("'zz' is not in the people table; add the person there, or "
                                               "leave the coordinator empty.")
    (outside,) = [i for i in err.value.issues if i.file == "netwerken.csv" and i.row == 7]
    assert outside.message == "'9999-12-31' is outside the dates collabgraph can hold (1678-01-01 to 2261-12-31)."
    # 'e' was rejected in people.csv: one summarising issue for the networks row that names them
    (follow,) = [i for i in err.value.issues if i.code == "rejected_reference"]
    assert follow.file == "netwerken.csv" and "1 networks table row refers to it (row 9)" in follow.message

    ds = load(path, lenient=True)
    counts = ds.report.counts["networks"]
    assert counts == {"read": 11, "used": 1, "rejected": 9, "skipped_blank": 1}
    assert counts["read"] == counts["used"] + counts["rejected"] + counts["skipped_blank"]
    assert ds.network_table.index.tolist() == ["N1"]
    assert ds.network_table.loc["N1", "coordinator"] == "a"
    assert ds.network_table.columns.tolist() == [*NETWORK_COLUMNS, "extra"]
    rejected = ds.report.rejected_frame()
    rows = set(rejected.loc[rejected["file"] == "netwerken.csv", "row"].dropna().astype(int))
    assert rows == {3, 4, 5, 6, 7, 8, 9, 10, 12}


def test_missing_network_column_rejects_the_table(tmp_path):
    path = folder(tmp_path, "networks.csv", "programme,start\nZorg,2021-01-01\nWelzijn,2021-02-01\n")
    with pytest.raises(ValidationError) as err:
        load(path)
    (issue,) = [i for i in err.value.issues if i.file == "networks.csv"]
    assert (issue.row, issue.column, issue.code) == (None, "network", "missing_column")
    ds = load(path, lenient=True)
    assert ds.report.counts["networks"] == {"read": 2, "used": 0, "rejected": 2, "skipped_blank": 0}
    assert len(ds.network_table) == 0 and ds.network_table.columns.tolist() == list(NETWORK_COLUMNS)


def test_a_network_no_record_names_is_kept_with_a_notice(tmp_path):
    text = "network,start\nN1,2021-01-01\nN2,2021-01-01\nN 1,2021-01-01\nN9,2020-01-01\n"
    ds = load(folder(tmp_path, "networks.csv", text))
    assert ds.network_table.index.tolist() == ["N1", "N2", "N 1", "N9"]
    notices = [(w.row, w.code) for w in ds.report.warnings if w.code == "unused_network"]
    assert notices == [(4, "unused_network"), (5, "unused_network")]
    (close,) = [w for w in ds.report.warnings if w.code == "unused_network" and w.row == 4]
    assert "'N 1' is in the networks table" in close.message and "Is it 'N1'" in close.message
    assert ds.networks == ["N1", "N2"]  # the records' networks; the table's rows are kept in network_table


def test_a_network_spelled_otherwise_than_in_the_records(tmp_path):
    ds = load(folder(tmp_path, "networks.csv", "network,start\nn1,2021-01-01\nN2,2021-01-01\n"))
    found = {w.code: w.message for w in ds.report.warnings}
    assert found["unused_network"].endswith("Is it 'N1', as the records spell it?")
    assert "learning networks 'N1' (people.csv: 2 people, interactions.csv: 2 rows) and 'n1' (networks.csv: " \
           "1 row) differ only in case" in found["spelling_variants"]


def test_without_people_table_the_coordinator_is_checked_against_the_records(tmp_path):
    tmp_path.mkdir(exist_ok=True)
    (tmp_path / "interactions.csv").write_text(INTERACTIONS)
    (tmp_path / "networks.csv").write_text("network,coordinator\nN1,a\nN2,x\n")
    with pytest.raises(ValidationError) as err:
        load(tmp_path)
    assert [(i.row, i.code) for i in err.value.issues] == [(3, "unknown_person")]


def test_lenient_mode_accepts_a_coordinator_added_from_the_records(tmp_path):
    interactions = INTERACTIONS + "a,q,2021-05-01,N1\n"  # q is not in the people table
    path = folder(tmp_path, "networks.csv", "network,coordinator\nN1,q\n", interactions=interactions)
    with pytest.raises(ValidationError) as err:
        load(path)
    assert [(i.file, i.row, i.code) for i in err.value.issues] == [
        ("interactions.csv", 5, "unknown_person"), ("networks.csv", 2, "unknown_person")]
    ds = load(path, lenient=True)
    assert ds.network_table.loc["N1", "coordinator"] == "q" and "q" in ds.people.index


def test_from_frames_and_round_trip():
    people = pd.read_csv(pd.io.common.StringIO(PEOPLE))
    inter = pd.read_csv(pd.io.common.StringIO(INTERACTIONS))
    ds = from_frames(people=people, interactions=inter, networks=NETWORKS)
    assert_table(ds.network_table, expected(NETWORKS))
    again = from_frames(people=people, interactions=inter, networks=ds.network_table)
    pd.testing.assert_frame_equal(again.network_table, ds.network_table)
    with pytest.raises(ValidationError) as err:
        from_frames(people=people, interactions=inter, networks=pd.DataFrame({"network": ["N1"], "end": ["x"]}))
    assert [(i.file, i.row, i.column, i.code) for i in err.value.issues] == [("<networks>", 2, "end", "bad_date")]


def test_filter_keeps_the_network_row_and_repr_mentions_the_table():
    people = pd.read_csv(pd.io.common.StringIO(PEOPLE))
    ds = from_frames(people=people, interactions=pd.read_csv(pd.io.common.StringIO(INTERACTIONS)),
                     networks=NETWORKS)
    assert ds.filter(network="N2").network_table.index.tolist() == ["N2"]
    assert ds.filter(start="2021-03-01").network_table.index.tolist() == ["N1", "N2"]
    assert "in the networks table: 2" in repr(ds) and "networks table" in ds._repr_html_()


def test_pseudonymise_maps_the_coordinator_and_drops_free_columns():
    people = pd.read_csv(pd.io.common.StringIO(PEOPLE))
    ds = from_frames(people=people, interactions=pd.read_csv(pd.io.common.StringIO(INTERACTIONS)),
                     networks=NETWORKS)
    p = pseudonymise(ds, b"salt")
    assert p.network_table.loc["N1", "coordinator"] == pseudonym(b"salt", "a")
    assert pd.isna(p.network_table.loc["N2", "coordinator"])
    assert p.network_table.columns.tolist() == list(NETWORK_COLUMNS)
    assert p.network_table.loc["N1", "coordinator"] in p.people.index


def test_validate_command_prints_the_networks_counts(tmp_path):
    path = hostile_folder(tmp_path)
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert "networks: 11 rows read, 1 valid, 9 with problems, 1 blank skipped" in result.output
    assert "ignored files" not in result.output


def test_dutch_names_of_the_networks_table_count_as_dutch_for_the_report_language(tmp_path):
    from collabgraph.report.i18n import data_language

    text = NETWORKS.drop(columns="budget").rename(columns=DUTCH).to_csv(sep=";", index=False)
    ds = load(folder(tmp_path, "netwerken.csv", text))
    # the networks table alone: its file name and its six headers are Dutch words
    assert data_language({"networks": ds.report.headers["networks"]}) == "nl"
