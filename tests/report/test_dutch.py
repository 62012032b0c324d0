"""The Dutch report (issue 15, "Dutch, all the way"): Dutch dates, numbers and plurals, no English in the
Methode section, decimal commas on chart axes, and the language chosen from the data's own names.

Every expected figure is counted here from the input CSV files with plain pandas; Dutch month names are
written out by hand (the report takes them from CLDR through Babel).
"""

from __future__ import annotations

import html as html_lib
import re

import pandas as pd
import pytest

import collabgraph.report.html as html
from collabgraph import load
from collabgraph.analysis import analyze
from collabgraph.report.html import ReportSettings
from collabgraph.report.i18n import data_language
from collabgraph.report.texts import Texts
from tests.cli.conftest import run
from tests.report.conftest import DUTCH_MONTHS, FAST, hostile_frames

#: Words of the English report that must not be visible in the Dutch one (reason codes, table names, jargon).
ENGLISH = ["the", "and", "people", "person", "ties", "events", "interactions", "attendance", "seed", "seeds",
           "pivots", "isolate", "detached", "pendant", "periphery", "low_activity", "fading", "newcomer", "runs",
           "bootstrap", "resolution", "salt", "partial", "share", "within", "across", "boundary", "method"]


def _visible(page: str) -> str:
    """The text a reader sees: no scripts, styles or chart markup; file names and command lines left out."""
    page = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", page, flags=re.S)
    text = html_lib.unescape(re.sub(r"<[^>]+>", " ", page))
    text = re.sub(r"\S+\.(csv|json|gexf|graphml|xlsx)\b", " ", text)
    return re.sub(r"collabgraph [a-z]+ [^.]*\.", " ", text)


def _english_words(text: str) -> set[str]:
    words = set(re.findall(r"[A-Za-z_]+", text.lower()))
    return words & set(ENGLISH)


def _ticks(svg: str) -> list[str]:
    """The tick label texts of a matplotlib SVG (``svg.fonttype: none`` keeps them as text)."""
    return [html_lib.unescape(t) for t in re.findall(r'<g id="[xy]tick_\d+">.*?<text[^>]*>([^<]*)</text>', svg,
                                                      flags=re.S)]


@pytest.fixture(scope="module")
def small_nl(tmp_path_factory):
    """Four people with Dutch file and column names: one in two learning networks, one without any tie."""
    folder = tmp_path_factory.mktemp("nl")
    # Anna's Netwerken "N1;N2" is quoted, so the ';' separator keeps it one value
    (folder / "personen.csv").write_text("Id;Naam;Beroep;Domein;Netwerken\n"
                                         'p1;Anna;huisarts;zorg;"N1;N2"\np2;Bram;agent;veiligheid;N1\n'
                                         "p3;Cor;huisarts;zorg;N1\np4;Dirk;docent;onderwijs;N2\n", encoding="utf-8")
    (folder / "interacties.csv").write_text("Bron;Doel;Datum\np1;p2;14-03-2021\np2;p3;02-05-2021\n"
                                            "p1;p3;20-04-2021\n", encoding="utf-8")
    return folder


def test_the_language_follows_the_data_names(small_nl, tmp_path):
    assert data_language(load(small_nl).report.headers) == "nl"
    people = pd.read_csv(small_nl / "personen.csv", sep=";").set_axis(["id", "name", "profession", "domain",
                                                                      "networks"], axis=1)
    inter = pd.read_csv(small_nl / "interacties.csv", sep=";").set_axis(["source", "target", "date"], axis=1)
    people.to_csv(tmp_path / "people.csv", index=False)
    inter.to_csv(tmp_path / "interactions.csv", index=False)
    assert data_language(load(tmp_path).report.headers) == "en"
    assert data_language({"people": ("data.csv", {"id": "id"})}) is None  # nothing tells: the locale decides


@pytest.mark.parametrize(("names", "locale", "lang"), [("nl", "en_US.UTF-8", "nl"), ("en", "nl_NL.UTF-8", "en")])
def test_report_without_lang_follows_the_data(small_nl, tmp_path, monkeypatch, names, locale, lang):
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", locale)
    folder = small_nl
    if names == "en":
        folder = tmp_path / "data"
        folder.mkdir()
        (folder / "people.csv").write_text("id,name,networks\np1,Anna,N1\np2,Bram,N1\n", encoding="utf-8")
        (folder / "interactions.csv").write_text("source,target,date\np1,p2,2021-03-14\n", encoding="utf-8")
    result = run("report", folder, "-o", tmp_path / "out", "--permutations", "9", "--freq", "year")
    assert result.exit_code == 0, result.output
    assert f'<html lang="{lang}">' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def small_page(small_nl):
    ds = load(small_nl)
    return html.render(ds, analyze(ds, FAST), ReportSettings(lang="nl"))


def test_dutch_dates_and_plurals(small_nl, small_page):
    people = pd.read_csv(small_nl / "personen.csv", sep=";", dtype=str)
    inter = pd.read_csv(small_nl / "interacties.csv", sep=";", dtype=str)
    dates = pd.to_datetime(inter["Datum"], format="%d-%m-%Y")
    first, last = dates.min(), dates.max()
    text = " ".join(_visible(small_page).split())
    period = (f"{first.day} {DUTCH_MONTHS[first.month - 1]} {first.year} tot en met "
              f"{last.day} {DUTCH_MONTHS[last.month - 1]} {last.year}")
    assert period == "14 maart 2021 tot en met 2 mei 2021"  # the fixture's own dates, read by hand
    assert period in text
    spanners = int(people["Netwerken"].str.contains(";").sum())
    isolates = len(set(people["Id"]) - set(inter["Bron"]) - set(inter["Doel"]))
    assert (spanners, isolates) == (1, 1)
    assert "1 persoon doet mee aan meer dan één leernetwerk en brengt" in text
    assert "1 persoon heeft geen enkele relatie" in text
    assert re.search(r"\b1 (mensen|relaties|organisaties|domeinen|leernetwerken)\b", text) is None
    assert f"{len(people)} mensen" in text


def test_numbers_follow_cldr():
    nl, en = Texts("nl"), Texts("en")
    assert (nl.num(1234567.891, 2), en.num(1234567.891, 2)) == ("1.234.567,89", "1,234,567.89")
    assert (nl.pct(0.255, 1), en.pct(0.255, 1)) == ("25,5%", "25.5%")
    assert (nl.count("s_spanners", 2), en.count("s_spanners", 1)) == (
        "2 mensen doen mee aan meer dan één leernetwerk en brengen ideeën over tussen netwerken.",
        "1 person takes part in more than one learning network and carries ideas between them.")


@pytest.fixture(scope="module")
def hostile_pages():
    import collabgraph as cg

    people, inter, events, att = hostile_frames()
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att)
    a = analyze(ds, FAST)
    return {lang: html.render(ds, a, ReportSettings(lang=lang)) for lang in ("nl", "en")}


def test_no_english_in_the_dutch_method_section(hostile_pages):
    page = hostile_pages["nl"]
    method = page[page.index('<section id="method">'):page.index("</section>", page.index('<section id="method">'))]
    text = _visible(method)
    # software names (python, pandas ...) are names, not English
    assert _english_words(text) == set()
    assert "resolutie 1,0" in " ".join(text.split())
    for table in ("personen", "contacten", "bijeenkomsten", "aanwezigheid"):
        assert f"<td>{table}</td>" in method


def test_no_english_words_in_the_dutch_page(hostile_pages):
    assert _english_words(_visible(hostile_pages["nl"])) == set()


def test_chart_axes_use_the_language_separator(hostile_pages):
    for lang, sep, other in (("nl", ",", "."), ("en", ".", ",")):
        svgs = re.findall(r"<svg\b.*?</svg>", hostile_pages[lang], flags=re.S)
        ticks = [t for svg in svgs for t in _ticks(svg) if re.fullmatch(r"[−\d.,]+", t)]
        decimals = [t for t in ticks if re.search(r"\d[.,]\d", t)]
        assert decimals, ticks  # the E-I axis runs from −1 to 1 in steps of 0.5
        assert all(sep in t and other not in t for t in decimals), decimals
