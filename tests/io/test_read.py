"""Reading: separators, encodings, Dutch Excel exports, workbooks, Parquet, single files."""

from __future__ import annotations

import pandas as pd
import pytest

from collabgraph import load, read_dataset
from collabgraph.errors import InputError


def test_dutch_excel_csv_cp1252_semicolons_decimal_comma_loads_with_nothing_lost(tmp_path):
    # What Dutch Excel writes with "CSV (puntkomma-gescheiden)": cp1252, ';', CRLF, dd-mm-yyyy, 2,5.
    people = ("Id;Naam;Organisatie;Domein\r\np1;Jantje Bééker;Thuiszorg Zuid;zorg\r\n"
              "p2;Renée Müller;Gemeente Ede;gemeente\r\np3;Zoë Çelik;Politie Oost;veiligheid\r\n")
    inter = ("Bron;Doel;Datum;Gewicht;Duur (minuten);Netwerk\r\np1;p2;14-03-2021;2,5;90;Noord\r\n"
             "p2;p3;01-12-2021;1.234,5;;Noord\r\np1;p3;3/4/2021;1;45,5;Oost\r\n")
    (tmp_path / "personen.csv").write_bytes(people.encode("cp1252"))
    (tmp_path / "interacties.csv").write_bytes(inter.encode("cp1252"))
    ds = load(tmp_path)
    assert ds.report.counts["interactions"] == {"read": 3, "used": 3, "rejected": 0, "skipped_blank": 0}
    assert ds.people["name"].tolist() == ["Jantje Bééker", "Renée Müller", "Zoë Çelik"]
    assert ds.interactions["weight"].tolist() == [2.5, 1234.5, 1.0]
    assert ds.interactions["duration_minutes"].tolist()[::2] == [90.0, 45.5]
    assert pd.isna(ds.interactions["duration_minutes"].iloc[1])
    assert ds.interactions["date"].dt.strftime("%Y-%m-%d").tolist() == ["2021-03-14", "2021-12-01", "2021-04-03"]
    assert ds.networks == ["Noord", "Oost"]


def test_cp1252_header_networks_table(tmp_path):
    """A Windows-1252 header ('coördinator', as Dutch Excel saves it) is read: it was an internal error (exit 3)
    because the header's names were decoded as UTF-8 before the file's encoding was detected."""
    (tmp_path / "people.csv").write_text("id,naam\na,Anna\nb,Bert\n")
    (tmp_path / "interactions.csv").write_text("source,target,network\na,b,Noord\n")
    (tmp_path / "netwerken.csv").write_bytes("netwerk;einddatum;coördinator\r\nNoord;31-12-2021;b\r\n"
                                             .encode("cp1252"))
    ds = load(tmp_path)
    assert ds.report.counts["networks"]["read"] == 1
    assert ds.network_table.loc["Noord", "coordinator"] == "b"
    assert ds.network_table.loc["Noord", "end"] == pd.Timestamp("2021-12-31")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_separators_and_encodings(tmp_path, encoding, sep):
    people = sep.join(["id", "naam"]) + "\n" + sep.join(["a", "Renée"]) + "\n" + sep.join(["b", "Bo"]) + "\n"
    (tmp_path / "people.csv").write_bytes(people.encode(encoding))
    (tmp_path / "edges.csv").write_bytes(sep.join(["Source", "Target", "Weight"]).encode() + b"\na" +
                                         sep.encode() + b"b" + sep.encode() + b"3\n")
    ds = load(tmp_path)
    assert ds.people.loc["a", "name"] == "Renée"
    assert ds.interactions["weight"].tolist() == [3.0]


def test_dates_iso_datetime_and_excel_serial(tmp_path):
    (tmp_path / "interactions.csv").write_text(
        "source,target,date\na,b,2021-03-14\na,b,2021-03-14T09:30:00\na,b,2021-03-14 09:30\na,b,44269\n")
    dates = load(tmp_path, lenient=True).interactions["date"]
    assert dates.dt.strftime("%Y-%m-%d %H:%M").tolist() == [
        "2021-03-14 00:00", "2021-03-14 09:30", "2021-03-14 09:30", "2021-03-14 00:00"]


def test_wave_labels_sort_naturally_or_keep_first_appearance(tmp_path):
    (tmp_path / "interactions.csv").write_text("source,target,wave\na,b,meting 10\na,c,meting 2\nb,c,meting 1\n")
    waves = load(tmp_path, lenient=True).interactions["wave"]
    assert list(waves.cat.categories) == ["meting 1", "meting 2", "meting 10"]
    (tmp_path / "interactions.csv").write_text("source,target,wave\na,b,voor\na,c,na\nb,c,voor\n")
    assert list(load(tmp_path, lenient=True).interactions["wave"].cat.categories) == ["voor", "na"]


def test_xlsx_workbook_one_sheet_per_table(tmp_path):
    path = tmp_path / "netwerk.xlsx"
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame({"Id": ["a", "b"], "Domein": ["zorg", "wonen"]}).to_excel(xl, sheet_name="Personen", index=False)
        pd.DataFrame({"Bron": ["a"], "Doel": ["b"], "Datum": [pd.Timestamp("2021-05-01")]}).to_excel(
            xl, sheet_name="Interacties", index=False)
    ds = load(path)
    assert ds.people["domain"].tolist() == ["zorg", "wonen"]
    assert ds.interactions["date"].tolist() == [pd.Timestamp("2021-05-01")]


def test_parquet_folder(tmp_path):
    pd.DataFrame({"id": ["a", "b"]}).to_parquet(tmp_path / "people.parquet")
    pd.DataFrame({"source": ["a"], "target": ["b"], "weight": [2.0]}).to_parquet(tmp_path / "interactions.parquet")
    assert load(tmp_path).interactions["weight"].tolist() == [2.0]


def test_single_interactions_file_with_people_file(tmp_path):
    (tmp_path / "contacts.csv").write_text("time,source,target\n20,1,2\n40,2,3\n")
    (tmp_path / "nodes.csv").write_text("id,status\n1,NUR\n2,MED\n3,PAT\n")
    ds = load(tmp_path / "contacts.csv", people=tmp_path / "nodes.csv")
    assert ds.people["status"].tolist() == ["NUR", "MED", "PAT"]
    # a free column of numbers beyond a rating scale (seconds, not -10 to 10): no rating, kept as text
    assert ds.interactions["time"].tolist() == ["20", "40"]
    assert ds.ratings == ()


def test_ambiguous_folder_and_lone_people_file_are_input_errors(tmp_path):
    (tmp_path / "edges.csv").write_text("source,target\na,b\n")
    (tmp_path / "contacts.csv").write_text("source,target\na,b\n")
    with pytest.raises(InputError, match="edges.csv.*contacts.csv|contacts.csv.*edges.csv"):
        read_dataset(tmp_path)
    (tmp_path / "people.csv").write_text("id\na\n")
    with pytest.raises(InputError, match="this is a people file"):
        read_dataset(tmp_path / "people.csv")
    with pytest.raises(InputError, match="no such file or folder"):
        read_dataset(tmp_path / "missing")


def test_csv_text_is_kept_as_written_numeric_ids_keep_leading_zeros(tmp_path):
    # every CSV column is read as (dictionary-encoded) text: '007' and '7' are different people
    (tmp_path / "people.csv").write_text("id,weight_kg\n007,70.50\n7,80\n")
    (tmp_path / "interactions.csv").write_text("source,target,weight\n007,7,1.50\n")
    raw = read_dataset(tmp_path)
    assert raw.tables["people"].frame.astype(str).values.tolist() == [["007", "70.50"], ["7", "80"]]
    assert raw.tables["interactions"].frame["source"].dtype == "category"
    ds = load(tmp_path)
    assert ds.people.index.tolist() == ["007", "7"]
    assert ds.interactions[["source", "target"]].astype(str).values.tolist() == [["007", "7"]]


def test_a_row_with_blank_cells_past_the_header_is_used(tmp_path):
    """Spreadsheets often save a row with empty cells beyond the last column ('a,b,2021-01-01,,'): the empty
    cells are no values, so the row is used as written, not rejected as ragged; a value past the header is."""
    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,2021-01-01,,\nb,c,2021-01-02\n"
                                               "c,d,2021-01-03,,x\n")
    ds = load(tmp_path, lenient=True)
    assert ds.report.counts["interactions"] == {"read": 3, "used": 2, "rejected": 1, "skipped_blank": 0}
    assert ds.interactions[["source", "target"]].values.tolist() == [["a", "b"], ["b", "c"]]
    assert [(i.row, i.code) for i in ds.report.issues] == [(4, "ragged_row")]


def test_large_files_encode_their_columns_in_two_threads_with_the_same_result(monkeypatch):
    """From ``_THREADED`` rows on, the columns are dictionary-encoded two at a time: same table as one by one."""
    import collabgraph.io.read as read
    from collabgraph.datasets import EXAMPLE

    one = read_dataset(EXAMPLE).tables["interactions"]
    monkeypatch.setattr(read, "_THREADED", 1)
    two = read_dataset(EXAMPLE).tables["interactions"]
    pd.testing.assert_frame_equal(one.frame, two.frame)
    assert one.rows.tolist() == two.rows.tolist() and (one.read, one.blank) == (two.read, two.blank)
