"""Warnings (things that look wrong but reject nothing) and follow-on errors (one cause, reported once).

Every expected count below is counted from the test's own input text, not from collabgraph's tables.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabgraph import load
from collabgraph.errors import Issue, ValidationError
from tests.conftest import examples

INTERACTIONS = "source,target\nP1,P2\nP2,P3\n"


def write(folder, files: dict[str, str]):
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def strict_issues(folder, **kwargs):
    with pytest.raises(ValidationError) as err:
        load(folder, **kwargs)
    return err.value.issues, err.value.report


# ---- point 6: misnamed files, unknown columns, spellings ---------------------------------------
def test_misnamed_people_file_is_a_warning_naming_the_file_and_the_names(tmp_path):
    folder = write(tmp_path / "ds", {"Deelnemers lijst 2023.csv": "id,organisatie\nP1,O1\nP2,O2\nP9,O3\n",
                                     "interacties.csv": INTERACTIONS})
    ds = load(folder)  # a warning never stops strict mode
    assert ds.report.valid and ds.report.issues == []
    assert ds.report.warnings == [Issue(
        "ds", None, None, "no_people_table",
        "no people table found, so organisations, domains, professions and people without any record are "
        "unknown; everyone is taken from the records. Name the people file people.csv or personen.csv "
        "(recognised names: people, personen, persons, nodes, deelnemers, leden, members, actors). "
        "'Deelnemers lijst 2023.csv' was ignored: if it is the people table, rename it deelnemers.csv.",
        "warning")]
    assert ds.report.to_dict()["warnings"][0]["severity"] == "warning"


def test_single_interactions_file_without_people_suggests_the_option(tmp_path):
    folder = write(tmp_path, {"interactions.csv": INTERACTIONS})
    (warning,) = load(folder / "interactions.csv").report.warnings
    assert (warning.file, warning.code) == ("interactions.csv", "no_people_table")
    assert "Give the people file with people=FILE (recognised names:" in warning.message
    assert "was ignored" not in warning.message  # nothing was ignored
    assert load(folder / "interactions.csv", people=write(tmp_path / "p", {"people.csv": "id\nP1\nP2\nP3\n"})
                / "people.csv").report.warnings == []


def test_ignored_sheet_resembling_events_is_named(tmp_path):
    path = tmp_path / "data.xlsx"
    with pd.ExcelWriter(path) as xl:
        pd.DataFrame({"id": ["P1", "P2"]}).to_excel(xl, sheet_name="personen", index=False)
        pd.DataFrame({"event": ["e1"], "person": ["P1"]}).to_excel(xl, sheet_name="aanwezigheid", index=False)
        pd.DataFrame({"id": ["e1"]}).to_excel(xl, sheet_name="Bijeenkomsten 2023", index=False)
    assert load(path).report.warnings == [Issue(
        "data.xlsx", None, None, "ignored_file",
        "'data.xlsx[Bijeenkomsten 2023]' was ignored: if it is the events table, rename the sheet bijeenkomsten.",
        "warning")]


def test_unknown_column_close_to_a_known_one(tmp_path):
    folder = write(tmp_path, {"people.csv": "id,Organsiatie,regio\nP1,O1,Noord\nP2,O2,Zuid\nP3,O1,Noord\n",
                              "interactions.csv": INTERACTIONS})
    ds = load(folder)
    assert ds.report.warnings == [Issue(
        "people.csv", None, "Organsiatie", "unknown_column",
        "is not a column collabgraph knows, so it is kept as a free attribute; did you mean 'organisatie' "
        "(organisation)? Rename it to use it as organisation.", "warning")]  # 'regio' is far from any name
    assert ds.people["organisation"].isna().all() and ds.people["organsiatie"].tolist() == ["O1", "O2", "O1"]


def test_spellings_that_differ_in_case_or_accents_are_named_with_their_counts(tmp_path):
    people = "id,domain,networks\nP1,Zorg,Noord\nP2,zorg,noord\nP3,Zorg,Noord;Zuid\nP4,Wélzijn,\nP5,welzijn,\n"
    inter = "source,target,kind\nP1,P2,Advies\nP2,P3,advies\nP1,P3,advies\nP4,P5,ADVIES\nP3,P4,overleg\n"
    ds = load(write(tmp_path, {"people.csv": people, "interactions.csv": inter}))
    assert ds.report.valid
    assert [(w.file, w.column, w.code, w.message) for w in ds.report.warnings] == [
        ("people.csv", "domain", "spelling_variants",  # Zorg: P1, P3; zorg: P2
         "'Zorg' (2 rows) and 'zorg' (1 row) differ only in case or accents, so they count as 2 different "
         "groups; use one spelling."),
        ("people.csv", "domain", "spelling_variants",
         "'Wélzijn' (1 row) and 'welzijn' (1 row) differ only in case or accents, so they count as 2 different "
         "groups; use one spelling."),
        ("people.csv", "networks", "spelling_variants",  # Noord: P1, P3; noord: P2
         "'Noord' (2 people) and 'noord' (1 person) differ only in case or accents, so they count as 2 "
         "different groups; use one spelling."),
        ("interactions.csv", "kind", "spelling_variants",
         "'advies' (2 rows), 'ADVIES' (1 row) and 'Advies' (1 row) differ only in case or accents, so they "
         "count as 3 different groups; use one spelling."),
    ]


def test_network_spelled_differently_in_two_files(tmp_path):
    folder = write(tmp_path / "ds", {"people.csv": "id,networks\na,Noord\nb,Noord;Zuid\nc,Zuid\n",
                                     "interactions.csv": "source,target,network\na,b,noord\nb,c,Zuid\na,c,noord\n"})
    ds = load(folder)
    assert ds.report.warnings == [Issue(
        "ds", None, None, "spelling_variants",
        "learning networks 'Noord' (people.csv: 2 people) and 'noord' (interactions.csv: 2 rows) differ only in "
        "case or accents, so they count as 2 different networks; use one spelling.", "warning")]
    assert sorted(ds.networks) == ["Noord", "Zuid", "noord"]  # what the warning is about


# ---- point 7: the cause once, its consequences summarised --------------------------------------
def test_unquoted_separator_in_people_is_reported_once_with_its_follow_ons(tmp_path):
    people = "id;naam;organisatie\nP01;An;O1\nP02;Bo;O2\nP03;Di;O3\nP04;Jansen; Piet;O4\n"
    inter = "bron;doel\n" + "".join(f"P0{1 + i % 3};P04\n" for i in range(12)) + "P01;P02\n"
    folder = write(tmp_path, {"personen.csv": people, "interacties.csv": inter})
    issues, report = strict_issues(folder)
    assert [str(i) for i in issues] == [
        "personen.csv, row 5: has 4 values but the header has 3 columns; check for an unquoted separator "
        "in a value.",
        "interacties.csv: 'P04' was rejected at personen.csv row 5; 12 interactions refer to it "
        "(rows 2, 3, 4, 5, 6 and 7 more), so they are rejected too."]
    # every row is counted: 4 people read (1 rejected), 13 interactions read (12 rejected)
    assert report.counts["people"] == {"read": 4, "used": 3, "rejected": 1, "skipped_blank": 0, "added": 0}
    assert report.counts["interactions"] == {"read": 13, "used": 1, "rejected": 12, "skipped_blank": 0}
    # and every rejected row is in rejected.csv, with its values
    rejected = report.rejected_frame()
    assert rejected["code"].tolist() == ["ragged_row", "rejected_reference"] + ["rejected_reference"] * 12
    assert rejected["row"].tolist()[:2] == [5, pd.NA] and sorted(rejected["row"].tolist()[2:]) == list(range(2, 14))
    assert rejected.to_csv(index=False).splitlines()[1].startswith("personen.csv,5,,ragged_row,")
    assert rejected["values"].tolist()[0] == "P04; Jansen;  Piet; O4"  # the cells as read
    assert set(rejected["values"].tolist()[2:]) == {f"bron=P0{k}; doel=P04" for k in (1, 2, 3)}


def test_unquoted_separator_before_the_id_column(tmp_path):
    people = "naam;organisatie;id\nAn;O1;P01\nJansen; Piet;O2;P02\n"
    folder = write(tmp_path, {"personen.csv": people, "interacties.csv": "bron;doel\nP01;P02\nP02;P01\n"})
    issues, _ = strict_issues(folder)
    assert [i.code for i in issues] == ["ragged_row", "rejected_reference"]
    assert issues[1].message == ("'P02' was rejected at personen.csv row 3; 2 interactions refer to it (rows 2, 3), "
                                 "so they are rejected too.")


@pytest.mark.parametrize("tail", ["P03;Els;Org\n", "P03;Els;Org\nP05;\"Ed\";Org\n"])  # never closed; closed late
def test_unbalanced_quote_in_people_is_a_rejected_reference(tmp_path, tail):
    # newuser2 finding 12: an interaction naming the person of a people row rejected for its unbalanced quote
    # was told "'P02' is not in the people table; add the person there" (the person is there, the row is bad).
    people = 'id;naam;organisatie\nP01;An;Org\nP02;"Kees ""K"" de Wit;Org\n' + tail
    inter = "bron;doel\nP01;P03\nP02;P03\nP03;P02\n"
    folder = write(tmp_path, {"personen.csv": people, "interacties.csv": inter})
    issues, report = strict_issues(folder)
    records = pd.read_csv(folder / "interacties.csv", sep=";")
    naming = (records.index[(records["bron"] == "P02") | (records["doel"] == "P02")] + 2).tolist()  # spreadsheet rows
    assert naming == [3, 4]
    assert [i.code for i in issues] == ["unbalanced_quote", "rejected_reference"]
    assert issues[1].message == ("'P02' was rejected at personen.csv row 3; 2 interactions refer to it (rows 3, 4), "
                                 "so they are rejected too.")
    assert report.counts["interactions"]["rejected"] == len(naming)
    assert report.rejected_frame()["values"].tolist()[0] == 'P02; Kees "K" de Wit;Org'  # its line's cells, as read
    ds = load(folder, lenient=True)
    assert [w.code for w in ds.report.warnings if w.code == "rejected_person_added"] == ["rejected_person_added"]
    assert "P02" in ds.people.index and pd.isna(ds.people.loc["P02", "name"])


def test_one_follow_on_row_is_said_in_the_singular(tmp_path):
    folder = write(tmp_path, {"people.csv": "id,joined\nP1,2021-01-01\nP2,31-02-2021\nP3,\n",
                              "interactions.csv": INTERACTIONS})
    issues, _ = strict_issues(folder)
    assert [i.message for i in issues][1] == ("'P2' was rejected at people.csv row 3; 2 interactions refer to "
                                              "it (rows 2, 3), so they are rejected too.")
    folder = write(tmp_path / "one", {"people.csv": "id,joined\nP1,2021-01-01\nP2,\nP3,31-02-2021\n",
                                      "interactions.csv": INTERACTIONS})
    issues, _ = strict_issues(folder)
    assert issues[1] == Issue("interactions.csv", None, None, "rejected_reference",
                              "'P3' was rejected at people.csv row 4; 1 interaction refers to it (row 3), so it "
                              "is rejected too.")


def test_missing_id_column_is_one_issue_not_one_per_interaction(tmp_path):
    people = "naam,organisatie\n" + "".join(f"P{i},O{i % 3}\n" for i in range(30))
    inter = "source,target\n" + "".join(f"P{i},P{i + 1}\n" for i in range(29))
    issues, report = strict_issues(write(tmp_path, {"personen.csv": people, "interactions.csv": inter}))
    assert [i.code for i in issues] == ["missing_column"]
    assert report.counts["people"] == {"read": 30, "used": 0, "rejected": 30, "skipped_blank": 0, "added": 0}
    assert report.counts["interactions"] == {"read": 29, "used": 29, "rejected": 0, "skipped_blank": 0}


def test_event_rejected_in_its_table_is_named_as_the_cause(tmp_path):
    folder = write(tmp_path, {"people.csv": "id\na\nb\n", "events.csv": "id,date\ne1,2021-01-01\ne2,31-02-2021\n",
                              "attendance.csv": "event,person\ne1,a\ne2,a\ne2,b\ne3,b\n"})
    issues, report = strict_issues(folder)
    assert [str(i) for i in issues] == [
        "events.csv, row 3, column 'date': not a real date: '31-02-2021'.",
        "attendance.csv: 'e2' was rejected at events.csv row 3; 2 attendance rows refer to it (rows 3, 4), so "
        "they are rejected too.",
        "attendance.csv, row 5, column 'event': 'e3' is not in the events table; add the event there."]
    assert report.counts["attendance"] == {"read": 4, "used": 1, "rejected": 3, "skipped_blank": 0}


def test_lenient_keeps_the_people_of_a_rejected_row_as_unknown(tmp_path):
    folder = write(tmp_path, {"people.csv": "id,joined\nP1,\nP2,31-02-2021\nP3,\n", "interactions.csv": INTERACTIONS})
    ds = load(folder, lenient=True)
    assert [i.code for i in ds.report.issues] == ["bad_date"]  # references are not checked when lenient
    assert ds.report.counts["interactions"] == {"read": 2, "used": 2, "rejected": 0, "skipped_blank": 0}
    assert ds.report.counts["people"]["added"] == 1 and ds.people.index.tolist() == ["P1", "P3", "P2"]
    assert ds.report.warnings == [Issue(  # P2 is named in rows 2 and 3 of INTERACTIONS
        folder.name, None, None, "rejected_person_added",
        "'P2' was rejected at people.csv row 3, but 2 records name them; with lenient=True they are added from the "
        "records without attributes.", "warning")]


# ---- point 8: joined after left, header-only files ---------------------------------------------
def test_left_before_joined_is_rejected(tmp_path):
    folder = write(tmp_path, {"people.csv": "id,lid_sinds,lid_tot\nP1,01-05-2021,01-01-2021\nP2,,\nP3,2021-01-01,"
                                            "2021-01-01\n", "interactions.csv": "source,target\nP2,P3\n"})
    issues, report = strict_issues(folder)
    assert issues == [Issue("people.csv", 2, "lid_tot", "bad_period",
                            "left '01-01-2021' is before joined '01-05-2021'; a person cannot leave before joining. "
                            "Correct one of the two dates.")]
    assert report.counts["people"] == {"read": 3, "used": 2, "rejected": 1, "skipped_blank": 0, "added": 0}


def test_header_only_file_is_accepted_with_a_warning(tmp_path):
    folder = write(tmp_path, {"people.csv": "id\nP1\nP2\n", "interactions.csv": "source,target\n"})
    ds = load(folder)
    assert ds.report.valid
    assert ds.report.warnings == [Issue("interactions.csv", None, None, "header_only",
                                        "has a header but no rows; the dataset has no interactions from it.",
                                        "warning")]
    empty = write(tmp_path / "empty", {"people.csv": "id\nP1\n", "interactions.csv": ""})
    ds = load(empty, lenient=True)
    assert [i.code for i in ds.report.issues] == ["empty_file"] and ds.report.warnings == []  # an error, not this


def test_header_only_people_file_is_no_reference(tmp_path):
    """One warning, instead of an unknown_person issue for each interaction."""
    ds = load(write(tmp_path, {"people.csv": "id,organisatie\n", "interactions.csv": INTERACTIONS}))
    assert [(w.file, w.code) for w in ds.report.warnings] == [("people.csv", "header_only")]
    assert ds.report.counts["interactions"] == {"read": 2, "used": 2, "rejected": 0, "skipped_blank": 0}
    assert ds.people.index.tolist() == ["P1", "P2", "P3"]


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3", "P4", "P5"]),
                                  st.sampled_from(["", "2021-01-01", "31-02-2021", "x;y"])), max_size=6),
       pairs=st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3", "P4", "P5", "P6"]),
                                st.sampled_from(["P1", "P2", "P3", "P4", "P5", "P6"])), max_size=12))
def test_follow_on_summaries_account_for_every_referring_row(tmp_path_factory, people, pairs):
    """Computed here in plain Python: a person is rejected when none of their rows is good (a bad date or an
    unquoted ';'; a good repeat of a rejected row is kept); each interaction naming such a person is counted
    once in that person's summary, and each cell naming them is a follow-on row."""
    folder = tmp_path_factory.mktemp("ds")
    write(folder, {"people.csv": "id;joined\n" + "".join(f"{p};{j}\n" for p, j in people),
                   "interactions.csv": "source;target\n" + "".join(f"{a};{b}\n" for a, b in pairs)})
    good = {p for p, j in people if j in ("", "2021-01-01")}
    first_bad_row = {}
    for row, (p, _) in enumerate(people, start=2):
        if p not in good:
            first_bad_row.setdefault(p, row)
    expected = {}
    for a, b in pairs:
        for p in {a, b} & set(first_bad_row):
            expected[p] = expected.get(p, 0) + 1
    try:
        report = load(folder).report
    except ValidationError as err:
        report = err.report
    summaries = {re.match(r"'(\w+)' was rejected at people\.csv row (\d+); (\d+) ", i.message).groups(): i
                 for i in report.issues if i.code == "rejected_reference"}
    assert {p: int(n) for p, _, n in summaries} == expected
    assert {p: int(row) for p, row, _ in summaries} == {p: first_bad_row[p] for p in expected}
    assert len(report.follow_ons) == sum((a in first_bad_row) + (b in first_bad_row) for a, b in pairs)
    for table, c in report.counts.items():
        assert c["read"] == c["used"] + c["rejected"], table


def test_missing_interactions_table_names_the_closest_ignored_file(tmp_path):
    folder = write(tmp_path / "ds", {"people.csv": "id\nP1\nP2\n", "Interacties 2023 export.csv": INTERACTIONS,
                                     "notes.md": "-"})
    issues, _ = strict_issues(folder)
    assert issues == [Issue("ds", None, None, "missing_table",
                            "no interactions or attendance table found; name a file interactions.csv (interacties, "
                            "edges) or attendance.csv. 'Interacties 2023 export.csv' was ignored: if it is the "
                            "interactions table, rename it interacties.csv.")]


# ---- ids that differ only in case (newuser2 finding 13) ----------------------------------------
def _case_groups(ids: pd.Series) -> list[set[str]]:
    """The sets of distinct ids that are equal once lower-cased, computed with plain pandas."""
    distinct = pd.Series(ids.dropna().str.strip().unique())
    groups = distinct.groupby(distinct.str.lower()).agg(set)
    return [g for g in groups if len(g) > 1]


def test_ids_differing_only_in_case_in_the_people_table(tmp_path):
    people = "Id;Naam\np1;Ann\np2;Bo\nP1;Dubbel\n p2 ;Spatie\nX;Ed\nx;Fe\n"
    folder = write(tmp_path, {"personen.csv": people, "interacties.csv": "bron;doel\np1;p2\nP1;x\n"})
    issues, report = strict_issues(folder)  # ' p2 ' is p2 again: a duplicate_id, not a case variant
    assert [(i.row, i.code) for i in issues] == [(5, "duplicate_id")]
    table = pd.read_csv(folder / "personen.csv", sep=";")
    assert _case_groups(table["Id"]) == [{"p1", "P1"}, {"X", "x"}]
    ds = load(folder, lenient=True)
    warnings = [w for w in ds.report.warnings if w.code == "case_variant_ids"]
    assert [w for w in report.warnings if w.code == "case_variant_ids"] == warnings  # strict and lenient alike
    assert [str(w) for w in warnings] == [
        f"personen.csv, column 'Id': the ids {a!r} (row {ra}) and {b!r} (row {rb}) differ only in case, so they are 2 "
        "different people to every figure; they are not merged: if they are one person, use one spelling in every "
        "file." for a, ra, b, rb in (("p1", 2, "P1", 4), ("X", 6, "x", 7))]
    assert {"p1", "P1", "X", "x"} <= set(ds.people.index)  # kept as two people each
    assert len(ds.people) == table["Id"].str.strip().nunique()


def test_ids_differing_only_in_case_in_the_records(tmp_path):
    inter = "source,target\na,b\nB,c\nA,c\nc,b\n"
    ds = load(write(tmp_path / "none", {"interactions.csv": inter}))  # no people table: ids from the records
    records = pd.read_csv(tmp_path / "none" / "interactions.csv")
    assert _case_groups(pd.concat([records["source"], records["target"]])) == [{"a", "A"}, {"B", "b"}]
    assert [w.message.split(" differ")[0] for w in ds.report.warnings if w.code == "case_variant_ids"] == [
        "the ids 'a' (interactions.csv row 2) and 'A' (interactions.csv row 4)",
        "the ids 'B' (interactions.csv row 3) and 'b' (interactions.csv rows 2 and 5)"]
    folder = write(tmp_path / "people", {"people.csv": "id\np1\np2\n", "interactions.csv": "source,target\n"
                                                                                             "p1,p2\nP1,p2\np2,P1\n"})
    issues, report = strict_issues(folder)  # strict: the records naming P1 are rejected, and told of p1
    assert [(i.row, i.code) for i in issues] == [(3, "unknown_person"), (4, "unknown_person")]
    assert issues[0].message.startswith("'P1' is not in the people table; the people table has 'p1', which differs "
                                        "only in case (ids are case-sensitive): use one spelling; or add the person")
    assert not any(w.code == "case_variant_ids" for w in report.warnings)  # nothing added: nothing to warn about
    ds = load(folder, lenient=True)  # lenient adds P1 from the records: two people, and a warning
    assert [w.message.split(" differ")[0] for w in ds.report.warnings if w.code == "case_variant_ids"] == [
        "the ids 'p1' (people.csv row 2) and 'P1' (interactions.csv rows 3 and 4)"]
    assert sorted(ds.people.index) == ["P1", "p1", "p2"]


def test_ids_differing_only_in_case_in_a_workbook(tmp_path):
    path = tmp_path / "data.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"Id": ["x1", "x2", "X1 "]}).to_excel(writer, sheet_name="personen", index=False)
        pd.DataFrame({"Bron": ["x1"], "Doel": ["x2"]}).to_excel(writer, sheet_name="interacties", index=False)
    ds = load(path)
    (warning,) = [w for w in ds.report.warnings if w.code == "case_variant_ids"]
    assert (warning.file, warning.column) == ("data.xlsx[personen]", "Id")
    assert warning.message.startswith("the ids 'x1' (row 2) and 'X1' (row 4) differ only in case")
