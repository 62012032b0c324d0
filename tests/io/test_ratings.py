"""Rating columns of the interactions (issue 14, data contract): kept as numbers, bad values warned per row
and left out while the interaction is used, text columns said to be ignored. Expected values are read from
the CSV text written here, never from collabgraph's tables."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from collabgraph import load
from collabgraph.privacy import pseudonymise
from tests.cli.conftest import run

PEOPLE = "id,domain\na,zorg\nb,zorg\nc,welzijn\nd,welzijn\n"
INTERACTIONS = ("source,target,Vertrouwen,waarde,frequentie,score,notitie,survey_id\n"
                "a,b,4,5,2,1,goed,s1\n"
                "b,c,0,3,1,2,,s2\n"
                "c,d,hoog,,3,3,matig,s3\n"
                "a,c,2,4,x,4,,s4\n"
                "a,a,5,5,5,5,,s5\n")  # a self tie: rejected whole, so no rating warning for it


def _write(folder, interactions=INTERACTIONS):
    (folder / "people.csv").write_text(PEOPLE)
    (folder / "interactions.csv").write_text(interactions)
    return folder


def test_rating_columns_are_numbers_under_their_canonical_names(tmp_path):
    ds = load(_write(tmp_path), lenient=True)
    assert ds.ratings == ("trust", "value", "frequency", "score")  # contract ratings first, then file order
    raw = pd.read_csv(io.StringIO(INTERACTIONS), dtype=str, keep_default_na=False).iloc[:4]  # row 6 is a self tie
    expected = {"trust": "Vertrouwen", "value": "waarde", "frequency": "frequentie", "score": "score"}
    for name, header in expected.items():
        want = pd.to_numeric(raw[header], errors="coerce").to_numpy(float)
        np.testing.assert_array_equal(ds.interactions[name].to_numpy(float), want)
    assert ds.interactions["trust"].tolist()[1] == 0.0  # 0 is a rating
    assert ds.interactions["notitie"].dtype == "string"  # text stays text


def test_bad_ratings_are_warned_per_row_and_the_row_is_used(tmp_path):
    ds = load(_write(tmp_path), lenient=True)
    counts = ds.report.counts["interactions"]
    assert (counts["read"], counts["used"], counts["rejected"]) == (5, 4, 1)  # only the self tie
    bad = [(w.file, w.row, w.column, w.code) for w in ds.report.warnings if w.code == "bad_rating"]
    assert bad == [("interactions.csv", 4, "Vertrouwen", "bad_rating"),
                   ("interactions.csv", 5, "frequentie", "bad_rating")]
    message = next(w.message for w in ds.report.warnings if w.code == "bad_rating")
    assert "'hoog'" in message and "left out" in message and "interaction is used" in message


def test_strict_mode_does_not_stop_for_a_bad_rating(tmp_path):
    ds = load(_write(tmp_path, INTERACTIONS.replace("a,a,5,5,5,5,,s5\n", "")))
    assert ds.report.valid and len(ds.interactions) == 4


def test_text_and_identifier_columns_are_said_to_be_ignored(tmp_path):
    ds = load(_write(tmp_path), lenient=True)
    ignored = {w.column: w.message for w in ds.report.warnings if w.code == "ignored_column"}
    assert set(ignored) == {"notitie", "survey_id"}
    assert "no metric uses it" in ignored["notitie"] and "text" in ignored["notitie"]


def test_identifier_made_of_numbers_is_no_rating(tmp_path):
    ds = load(_write(tmp_path, "source,target,Id,trust\na,b,1,3\nb,c,2,4\n"))
    assert ds.ratings == ("trust",)
    assert [w.message for w in ds.report.warnings if w.column == "Id"][0].startswith("holds an identifier")


def test_mostly_numeric_column_is_a_rating(tmp_path):
    ds = load(_write(tmp_path, "source,target,rank\na,b,1\nb,c,n/a\nc,d,2\n"))
    assert ds.ratings == ("rank",) and ds.interactions["rank"].isna().tolist() == [False, True, False]
    ds = load(_write(tmp_path, "source,target,rank\na,b,1\nb,c,n/a\nc,d,geen\n"))  # mostly text: ignored
    assert ds.ratings == () and [w.code for w in ds.report.warnings] == ["ignored_column"]


def test_numbers_outside_a_rating_scale_are_no_rating(tmp_path):
    # a year, an age and an amount are numbers but no survey rating (-10 to 10: 1-5, 0-10, -3 to 3); a 1-7 item
    # and a column of hours within that range are ratings (said by the ratings command: by their values)
    text = ("source,target,jaar,leeftijd,bedrag,item,uren,trust\na,b,2021,34,-250,1,1.5,3\nb,c,2022,51,12,7,2,4\n"
            "c,d,2021,,8,4,,\n")
    ds = load(_write(tmp_path, text))
    assert ds.ratings == ("trust", "item", "uren")
    raw = pd.read_csv(io.StringIO(text), dtype=str)
    for column in ("jaar", "leeftijd", "bedrag"):  # kept as text, as read
        assert ds.interactions[column].tolist() == raw[column].astype("string").tolist()
    ignored = {w.column: w.message for w in ds.report.warnings if w.code == "ignored_column"}
    assert set(ignored) == {"jaar", "leeftijd", "bedrag"}
    assert ignored["jaar"].startswith("holds numbers outside a rating scale (mostly beyond -10 to 10")
    assert "no metric uses it" in ignored["jaar"]
    out = run("ratings", tmp_path).output
    assert "item, uren: read as ratings because their values are numbers from -10 to 10" in out


def test_validate_names_the_ratings_and_says_the_warnings(tmp_path):
    result = run("validate", _write(tmp_path, INTERACTIONS.replace("a,a,5,5,5,5,,s5\n", "")))
    assert result.exit_code == 0
    assert "ratings (numeric columns of the interactions; collabgraph ratings, --weight-by): " \
           "trust, value, frequency, score" in result.output
    assert "warning: interactions.csv, row 4, column 'Vertrouwen': expected a rating like 4 or 3,5, got 'hoog'; " \
           "the value is left out and the interaction is used." in result.output
    assert "warning: interactions.csv, column 'notitie': holds text, not numbers, so no metric uses it" in result.output


def test_no_rating_columns(tmp_path):
    ds = load(_write(tmp_path, "source,target,weight\na,b,2\n"))
    assert ds.ratings == () and ds.weight_by is None


def test_pseudonymisation_keeps_ratings_and_weight_by(tmp_path):
    ds = load(_write(tmp_path), lenient=True).weighted_by("trust")
    p = pseudonymise(ds, b"salt")
    assert (p.ratings, p.weight_by) == (ds.ratings, "trust")
    np.testing.assert_array_equal(p.interactions["trust"].to_numpy(float), ds.interactions["trust"].to_numpy(float))
