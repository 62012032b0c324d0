"""Dutch plurals of counted hours, meetings and contacts, and window labels as Dutch reads them (issue 15,
"Dutch, all the way": "1 persoonsuren" must never appear; "2020Q1" reads "1e kwartaal 2020" in prose and
"K1 2020" on chart axes and in tables, CLDR's patterns through Babel). Month names are written out by hand."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace
from xml.etree import ElementTree

import pandas as pd
import pytest

import collabgraph.report.html as html
from collabgraph import load
from collabgraph.analysis import analyze
from collabgraph.report.html import ReportSettings
from collabgraph.report.i18n import period_label
from collabgraph.report.texts import Texts
from tests.report.conftest import DUTCH_MONTHS, FAST


@pytest.mark.parametrize(("label", "prose", "short"), [
    ("2020Q1", "1e kwartaal 2020", "K1 2020"),
    ("2021Q4", "4e kwartaal 2021", "K4 2021"),
    ("2021-03", f"{DUTCH_MONTHS[2]} 2021", "mrt 2021"),
    ("2021-03-14", f"14 {DUTCH_MONTHS[2]} 2021", "14-03-2021"),
    ("2020-01-06/2020-01-12", "6–12 jan 2020", "6–12 jan 2020"),
    ("2020", "2020", "2020"),
    ("meting 2", "meting 2", "meting 2"),
    ("2020-13", "2020-13", "2020-13"),  # a wave label that looks like a month: left as it is
])
def test_period_labels_in_dutch(label, prose, short):
    assert period_label(label, "nl") == prose
    assert period_label(label, "nl", short=True) == short
    assert period_label(label, "en") == period_label(label, "en", short=True) == label


def test_counted_hours_meetings_and_contacts_follow_the_plural_rule():
    nl, en = Texts("nl"), Texts("en")
    assert [nl.count("n_person_hours", x, digits) for x, digits in ((1, 0), (1, 1), (2.5, 1), (12, 0))] == [
        "1 persoonsuur", "1,0 persoonsuren", "2,5 persoonsuren", "12 persoonsuren"]  # CLDR: "1,0" is not one
    assert (nl.count("n_meetings", 1), nl.count("n_contacts", 1), nl.count("n_meetings", 0)) == (
        "1 bijeenkomst", "1 contact", "0 bijeenkomsten")
    assert (en.count("n_person_hours", 1), en.count("n_meetings", 1), en.count("n_contacts", 3)) == (
        "1 person-hour", "1 meeting", "3 contacts")
    assert nl.window("2021Q2", True) == "2e kwartaal 2021 (onvolledig)"


@pytest.fixture(scope="module")
def quarters(tmp_path_factory):
    """Four people of one learning network over three quarters of 2021 (the first and last partial); one meeting
    and one contact without a duration, so the hours sentence counts one of each."""
    folder = tmp_path_factory.mktemp("kwartalen")
    (folder / "people.csv").write_text("id,name,domain,networks\np1,Anna,zorg,N1\np2,Bram,welzijn,N1\n"
                                       "p3,Cor,zorg,N1\np4,Dirk,onderwijs,N1\n", encoding="utf-8")
    (folder / "interactions.csv").write_text(
        "source,target,date,duration_minutes\np1,p2,2021-01-05,60\np2,p3,2021-02-10,30\np1,p3,2021-04-20,\n"
        "p3,p4,2021-05-02,45\np1,p4,2021-07-01,90\np2,p4,2021-08-15,15\n", encoding="utf-8")
    (folder / "events.csv").write_text("id,date,duration_minutes\ne1,2021-03-01,120\ne2,2021-06-01,\n",
                                       encoding="utf-8")
    (folder / "attendance.csv").write_text("event,person\ne1,p1\ne1,p2\ne1,p4\ne2,p2\ne2,p3\n", encoding="utf-8")
    ds = load(folder)
    a = analyze(ds, replace(FAST, freq="quarter"))
    return folder, a, {lang: html.render(ds, a, ReportSettings(lang=lang)) for lang in ("nl", "en")}


def _text(page: str) -> str:
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_no_plural_after_one_in_the_hours_sentence(quarters):
    folder, a, pages = quarters
    inter = pd.read_csv(folder / "interactions.csv")
    events = pd.read_csv(folder / "events.csv")
    assert (inter["duration_minutes"].isna().sum(), events["duration_minutes"].isna().sum()) == (1, 1)
    nl, en = _text(pages["nl"]), _text(pages["en"])
    assert "1 bijeenkomst en 1 contact zonder duur tellen niet mee" in nl
    assert "1 meeting and 1 contact without a duration add none" in en
    assert re.search(r"(?<![\d,.])1 (persoonsuren|bijeenkomsten|contacten)\b", nl) is None
    assert re.search(r"(?<![\d,.])1 (person-hours|meetings|contacts)\b", en) is None


def test_window_labels_read_dutch_in_prose_axes_and_tables(quarters):
    folder, a, pages = quarters
    dates = pd.to_datetime(pd.read_csv(folder / "interactions.csv")["date"])
    quarters_seen = sorted({(d.year, (d.month - 1) // 3 + 1) for d in dates})
    assert quarters_seen == [(2021, 1), (2021, 2), (2021, 3)]
    nl = pages["nl"]
    visible = _text(re.sub(r"<svg\b.*?</svg>", " ", nl, flags=re.S))
    svgs = map(ElementTree.fromstring, re.findall(r"<svg\b.*?</svg>", nl, flags=re.S))
    charts = {svg.get("class"): svg for svg in svgs}
    assert {"chart-timeline", "chart-activity", "chart-quarters"} <= set(charts)  # time charts, small multiples
    assert re.search(r"\d{4}Q\d", _text(nl)) is None  # neither in prose, tables nor chart axes
    for year, q in quarters_seen:
        assert f"K{q} {year}" in visible  # the window table
    assert "3e kwartaal 2021" in visible  # the last quarter is partial: said in prose
    ticks = [t.text for t in charts["chart-timeline"].iter("{http://www.w3.org/2000/svg}text")
             if t.get("class") == "tick"]
    # the data run from 5 January to 15 August: the first and last quarters are partial
    assert {"K1 2021 (onvolledig)", "K2 2021", "K3 2021 (onvolledig)"} <= set(ticks), ticks
    assert re.search(r"\d{4}Q\d", _text(pages["en"]))  # English keeps pandas' labels
