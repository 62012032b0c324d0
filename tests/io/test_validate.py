"""Every validation rule: exact file, row (header = row 1), column, code and message."""

from __future__ import annotations

import pandas as pd
import pytest

from collabgraph import load
from collabgraph.errors import Issue, ValidationError
from tests.test_architecture import imported_names

PEOPLE = "id,name,organisation,domain\na,Anna,Org1,zorg\nb,Bert,Org1,zorg\nc,Cor,Org2,welzijn\n"


def write(folder, **tables):
    folder.mkdir(exist_ok=True)
    for name, text in tables.items():
        (folder / f"{name}.csv").write_bytes(text if isinstance(text, bytes) else text.encode())
    return folder


def issues(folder, **kwargs) -> list[Issue]:
    with pytest.raises(ValidationError) as err:
        load(folder, **kwargs)
    return err.value.issues


def only(folder) -> Issue:
    (issue,) = issues(folder)
    return issue


def test_missing_column_lists_found_columns_and_suggests_closest(tmp_path):
    write(tmp_path, people=PEOPLE, interactions="bron,tgt\na,b\n")
    assert only(tmp_path) == Issue(
        "interactions.csv", None, "target", "missing_column",
        "required column is missing (accepted names: 'target', 'doel', 'naar', 'to' ...); "
        "found 'bron', 'tgt'. Did you mean 'tgt'?")


def test_missing_table(tmp_path):
    write(tmp_path, people=PEOPLE)
    issue = only(tmp_path)
    assert (issue.file, issue.row, issue.column, issue.code) == (tmp_path.name, None, None, "missing_table")
    assert issue.message == ("no interactions or attendance table found; name a file interactions.csv "
                             "(interacties, edges) or attendance.csv.")


def test_empty_id(tmp_path):
    write(tmp_path, people=PEOPLE + ",Nobody,Org3,zorg\n", interactions="source,target\na,b\n")
    assert only(tmp_path) == Issue("people.csv", 5, "id", "empty_id", "id is empty; every row needs one.")


def test_duplicate_person_id_names_the_first_row(tmp_path):
    write(tmp_path, people=PEOPLE + "b,Bert again,Org2,welzijn\n", interactions="source,target\na,b\n")
    assert only(tmp_path) == Issue("people.csv", 5, "id", "duplicate_id", "id 'b' appears again; first on row 3.")


def test_unknown_person_in_interactions(tmp_path):
    write(tmp_path, people=PEOPLE, interactions="source,target\na,b\na,zz\n")
    assert only(tmp_path) == Issue(
        "interactions.csv", 3, "target", "unknown_person",
        "'zz' is not in the people table; add the person there, or pass lenient=True to add unknown "
        "people without attributes.")


def test_unknown_event_and_person_in_attendance(tmp_path):
    write(tmp_path, people=PEOPLE, events="id,date\ne1,2022-01-01\n",
          attendance="event,person\ne1,a\ne2,a\ne1,q\n")
    assert issues(tmp_path) == [
        Issue("attendance.csv", 3, "event", "unknown_event", "'e2' is not in the events table; add the event there."),
        Issue("attendance.csv", 4, "person", "unknown_person",
              "'q' is not in the people table; add the person there, or pass lenient=True to add unknown "
              "people without attributes."),
    ]


def test_duplicate_attendance_row(tmp_path):
    write(tmp_path, people=PEOPLE, events="id\ne1\n", attendance="event,person\ne1,a\ne1,b\ne1,a\n")
    assert only(tmp_path) == Issue("attendance.csv", 4, "person", "duplicate_row",
                                   "event / person 'e1 / a' appears again; first on row 2.")


@pytest.mark.parametrize(("value", "message"), [
    ("31-02-2022", "not a real date: '31-02-2022'."),
    ("2021-13-01", "not a real date: '2021-13-01'."),
    ("yesterday", "expected a date like 2021-03-14 or 14-03-2021, got 'yesterday'."),
])
def test_bad_date(tmp_path, value, message):
    write(tmp_path, people=PEOPLE, interactions=f"source,target,date\na,b,2022-01-05\na,c,{value}\n")
    assert only(tmp_path) == Issue("interactions.csv", 3, "date", "bad_date", message)


@pytest.mark.parametrize("value", ["1677-10-01", "1677-02-30", "31-12-1677", "2262-01-01", "2262-04-11T10:00"])
def test_dates_outside_whole_years_pandas_holds_are_bad(tmp_path, value):
    # One range (schema.FIRST_DATE..LAST_DATE, the CLI's --start/--end range too): 1677-10-01 and 2262-01-01 were
    # accepted, and `timeline --freq year` then crashed (exit 3) on the windows 1677 and 2262, which end or
    # start outside what datetime64[ns] holds; 1677-02-30 was "not a real date" (the year check said 1677 < y)
    write(tmp_path, people=PEOPLE, interactions=f"source,target,date\na,b,2022-01-05\na,c,{value}\n")
    assert only(tmp_path) == Issue("interactions.csv", 3, "date", "bad_date",
                                   f"{value!r} is outside the dates collabgraph can hold (1678-01-01 to 2261-12-31).")


def test_first_and_last_day_of_the_range_are_dates(tmp_path):
    from collabgraph.metrics.timeline import timeline

    write(tmp_path, people=PEOPLE, interactions="source,target,date\na,b,1678-01-01\na,c,2261-12-31 23:59\n")
    ds = load(tmp_path)
    assert ds.interactions["date"].astype(str).tolist() == ["1678-01-01 00:00:00", "2261-12-31 23:59:00"]
    years = timeline(ds, freq="year", clusters=False).windows
    assert years["label"].iloc[[0, -1]].tolist() == ["1678", "2261"]
    assert years["end"].iloc[-1] == "2262-01-01"


@pytest.mark.parametrize("value", ["-2", "0", "abc", "inf"])
def test_weight_must_be_a_positive_number(tmp_path, value):
    write(tmp_path, people=PEOPLE, interactions=f"source,target,weight\na,b,1\na,c,{value}\n")
    assert only(tmp_path) == Issue("interactions.csv", 3, "weight", "bad_weight",
                                   f"expected a positive number like 1 or 2,5, got '{value}'.")


@pytest.mark.parametrize(("column", "code"), [("weight", "bad_weight"), ("duration_minutes", "bad_number")])
def test_numbers_above_2_53_are_rejected_so_no_sum_overflows(tmp_path, column, code):
    # Two weights of 1e308 are each finite but sum to infinity (issue 12); 2**53 itself is accepted.
    write(tmp_path, people=PEOPLE, interactions=f"source,target,{column}\na,b,{2**53}\na,c,1e308\nb,c,1e308\n")
    message = "expected at most 2**53 = 9,007,199,254,740,992 (larger numbers make sums overflow), got '1e308'."
    assert issues(tmp_path) == [Issue("interactions.csv", row, column, code, message) for row in (3, 4)]
    ds = load(tmp_path, lenient=True)
    assert ds.interactions[column].tolist() == [2.0**53]
    assert ds.report.counts["interactions"] == {"read": 3, "used": 1, "rejected": 2, "skipped_blank": 0}


def test_bad_duration_names_the_column_as_the_user_wrote_it(tmp_path):
    write(tmp_path, people=PEOPLE, interactions="source,target,duur\na,b,90\na,c,xx\n")
    assert only(tmp_path) == Issue("interactions.csv", 3, "duur", "bad_number",
                                   "expected a number of 0 or more, like 90, got 'xx'.")


def test_self_tie_is_reported_and_not_used(tmp_path):
    write(tmp_path, people=PEOPLE, interactions="source,target\na,a\na,b\n")
    assert only(tmp_path) == Issue(
        "interactions.csv", 2, "target", "self_tie",
        "source and target are the same person ('a'); a tie needs two people, so this row is not used.")
    ds = load(tmp_path, lenient=True)
    assert ds.interactions[["source", "target"]].values.tolist() == [["a", "b"]]


def test_empty_file(tmp_path):
    write(tmp_path, people=PEOPLE, interactions="")
    assert only(tmp_path) == Issue("interactions.csv", None, None, "empty_file",
                                   "is empty: expected a header row and data rows.")


def test_binary_file_is_not_a_table(tmp_path):
    write(tmp_path, people=PEOPLE, interactions=b"PK\x03\x04\x00\x00binary\x00")
    assert only(tmp_path) == Issue(
        "interactions.csv", None, None, "not_a_table",
        "is not a text table (it contains binary data); save it as CSV (UTF-8) or XLSX.")


def test_unreadable_file_stops_lenient_mode_too(tmp_path):
    """A file none of whose rows can be read is no 0-row table: lenient mode raises with its issue too, for a
    binary CSV next to a valid one and for a corrupt workbook (bytes that are no zip archive)."""
    write(tmp_path / "csv", people=PEOPLE, interactions=b"\x00\x01PK\x03\x04binary")
    (tmp_path / "book.xlsx").write_bytes(b"not a zip\n")
    for path, file in [(tmp_path / "csv", "interactions.csv"), (tmp_path / "book.xlsx", "book.xlsx")]:
        for lenient in (False, True):
            unread = [i for i in issues(path, lenient=lenient) if i.code == "not_a_table"]
            assert [(i.file, i.row, i.column) for i in unread] == [(file, None, None)]


def test_ragged_row(tmp_path):
    write(tmp_path, people=PEOPLE, interactions="source,target,weight\na,b,1\na,c,1,5\n")
    assert only(tmp_path) == Issue(
        "interactions.csv", 3, None, "ragged_row",
        "has 4 values but the header has 3 columns; check for an unquoted separator in a value.")


def test_every_problem_is_collected_before_failing(tmp_path):
    write(tmp_path, people=PEOPLE + "b,Dup,Org1,zorg\n",
          interactions="source,target,date,weight\na,a,2022-01-01,1\na,b,31-02-2022,1\nb,c,2022-01-01,-1\nc,x,,\n")
    with pytest.raises(ValidationError) as err:
        load(tmp_path)
    assert [(i.file, i.row, i.code) for i in err.value.issues] == [
        ("people.csv", 5, "duplicate_id"),
        ("interactions.csv", 2, "self_tie"), ("interactions.csv", 3, "bad_date"),
        ("interactions.csv", 4, "bad_weight"), ("interactions.csv", 5, "unknown_person"),
    ]
    assert err.value.counts["interactions"] == {"read": 4, "used": 0, "rejected": 4, "skipped_blank": 0}
    assert str(err.value).splitlines()[0] == "5 problems found in the input:"


def test_lenient_keeps_valid_rows_adds_unknown_people_and_counts_add_up(tmp_path):
    write(tmp_path, people=PEOPLE, interactions="source,target,weight\na,b,1\na,c,-1\nb,newcomer,2\n",
          events="id\ne1\n", attendance="event,person\ne1,a\ne1,ghost\ne9,a\n")
    ds = load(tmp_path, lenient=True)
    counts = ds.report.counts
    assert counts["interactions"] == {"read": 3, "used": 2, "rejected": 1, "skipped_blank": 0}
    assert counts["attendance"] == {"read": 3, "used": 2, "rejected": 1, "skipped_blank": 0}
    assert counts["people"] == {"read": 3, "used": 3, "rejected": 0, "skipped_blank": 0, "added": 2}
    assert sorted(ds.people.index) == ["a", "b", "c", "ghost", "newcomer"]
    assert pd.isna(ds.people.loc["newcomer", "domain"])
    assert [i.code for i in ds.report.issues] == ["bad_weight", "unknown_event"]
    rejected = ds.report.rejected_frame()
    assert rejected[["file", "row", "values"]].values.tolist() == [
        ["interactions.csv", 3, "source=a; target=c; weight=-1"], ["attendance.csv", 4, "event=e9; person=a"]]


def test_dutch_names_for_tables_and_columns(tmp_path):
    write(tmp_path, personen="Id;Naam;Organisatie;Domein;Netwerken\na;Anna;Org1;zorg;Noord\nb;Bert;Org2;wonen;Noord\n",
          interacties="Bron;Doel;Datum;Gewicht\na;b;14-03-2021;2,5\n")
    ds = load(tmp_path)
    assert ds.people["organisation"].tolist() == ["Org1", "Org2"]
    assert ds.interactions[["weight"]].values.tolist() == [[2.5]]
    assert ds.interactions["date"].iloc[0] == pd.Timestamp("2021-03-14")
    assert ds.networks == ["Noord"]


def test_interaction_ids_kinds_and_networks_are_categorical_with_sorted_shared_categories(tmp_path):
    write(tmp_path, people=PEOPLE, interactions="source,target,kind,network\n c ,a,overleg,N2\nb,c ,mail,\n")
    ds = load(tmp_path)
    inter = ds.interactions
    assert all(inter[c].dtype == "category" for c in ("source", "target", "kind", "network"))
    assert list(inter["source"].cat.categories) == ["a", "b", "c"]  # trimmed, sorted, one set for both ends
    assert inter["source"].cat.categories.equals(inter["target"].cat.categories)
    assert inter["source"].astype(str).tolist() == ["c", "b"] and inter["network"].isna().tolist() == [False, True]
    assert ds.codes(inter["source"]).tolist() == [2, 1]
    assert ds.memberships.values.tolist() == [["c", "N2"], ["a", "N2"]]


def test_dask_partitions_concatenate_to_the_categories_of_the_whole_table():
    from collabgraph.io.loaders import from_frames
    from collabgraph.io.validate import concat_interactions

    whole = from_frames(interactions=pd.DataFrame({"source": ["b", "c", "a"], "target": ["a", "d", "c"],
                                                   "network": ["N", None, "M"]})).interactions
    parts = [from_frames(interactions=pd.DataFrame(p)).interactions for p in (
        {"source": ["b"], "target": ["a"], "network": ["N"]},
        {"source": ["c", "a"], "target": ["d", "c"], "network": [None, "M"]})]
    pd.testing.assert_frame_equal(concat_interactions(parts).drop(columns="row"), whole.drop(columns="row"))


def test_dataset_and_validation_report_do_not_import_the_validation():
    # issue 16: dataset.py imported io.validate (for ValidationReport, then parse_dates inside a method) while
    # io.validate imports Dataset. Counted as test_architecture counts: every import, inside functions too.
    # Dataset reads a --role-map file (io.rolemap) and parses a filter's dates (io.values) on first use;
    # neither imports io.validate or dataset
    assert {m for m, _ in imported_names("collabgraph.dataset") if m.startswith("collabgraph.io")} == {
        "collabgraph.io.rolemap", "collabgraph.io.values"}
    assert [m for m, _ in imported_names("collabgraph.validation") if m.startswith("collabgraph.io")] == []
    for module in ("collabgraph.io.rolemap", "collabgraph.io.values"):
        assert not {"collabgraph.dataset", "collabgraph.io.validate"} & {m for m, _ in imported_names(module)}


def test_dask_engine_imports_no_private_name():
    # issue 16: it imported ten private names of io/validate.py and three of io/read.py
    assert [(m, n) for m, n in imported_names("collabgraph.engines.dask") if n and n.startswith("_")] == []


def test_validate_with_an_interactions_step_equals_validate(tmp_path):
    # the hook the Dask engine uses: the same orchestration, the interactions validated by the caller
    import functools

    from collabgraph.io.read import read_dataset
    from collabgraph.io.validate import validate, validate_interactions

    write(tmp_path, people=PEOPLE + "a,Dup,Org3,zorg\n", events="id,date\ne1,2021-01-01\n",
          interactions="source,target,date\na,b,2021-01-05\nb,x,2021-02-01\na,a,2021-03-01\n",
          attendance="event,person\ne1,a\ne1,c\ne2,b\n")
    raw = read_dataset(tmp_path)
    whole = validate(raw, lenient=True)
    table = raw.tables.pop("interactions")
    hooked = validate(raw, lenient=True, interactions=functools.partial(validate_interactions, table))
    assert hooked.report.to_dict() == whole.report.to_dict() and hooked.report.follow_ons == whole.report.follow_ons
    for name in ("people", "interactions", "events", "attendance", "memberships"):
        pd.testing.assert_frame_equal(getattr(hooked, name), getattr(whole, name))
    assert [i.code for i in whole.report.issues] == ["duplicate_id", "self_tie", "unknown_event"]


def test_docs_example_of_validating_tables_in_memory_prints_what_it_says(capsys):
    import re
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "data.md"
    if not docs.is_file():
        pytest.skip("docs/ is not beside the tests (installed package)")
    section = docs.read_text(encoding="utf-8").split("### Validating tables you already have in memory")[1]
    code, printed = re.findall(r"^```(?:python)?\n(.*?)^```$", section, flags=re.S | re.M)[:2]
    exec(compile(code, str(docs), "exec"), {})
    assert capsys.readouterr().out == printed
