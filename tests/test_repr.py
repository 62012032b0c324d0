"""Dataset and Analysis in a console and in Jupyter: counts and a few rows, never a table dumped."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.analysis import AnalysisOptions, analyze
from collabgraph.dataset import SHOWN_ROWS

HOSTILE = "<script>alert('x')</script> & Zoë"


@pytest.fixture(scope="module")
def hostile():
    """Six people, one with a name and an organisation that are HTML."""
    people = pd.DataFrame({"id": list("abcdef"), "name": [HOSTILE, "Bo", "Cas", "Do", "Eef", "Fien"],
                           "organisation": ["<b>O1</b>", "O1", "O2", "O2", "O3", "O3"],
                           "domain": ["zorg", "zorg", "welzijn", "welzijn", "wonen", "wonen"]})
    inter = pd.DataFrame({"source": list("abcde"), "target": list("bcdef")})
    return cg.from_frames(people=people, interactions=inter)


def rows(html: str) -> int:
    return html.count("<tr")


def test_dataset_repr_is_one_line_of_counts(example):
    text = repr(example)
    assert "\n" not in text and len(text) < 200
    assert f"people: {len(example.people):,}" in text and f"interactions: {len(example.interactions):,}" in text
    assert f"learning networks: {example.memberships['network'].nunique()}" in text


def test_dataset_html_shows_counts_and_a_few_people(example):
    html = example._repr_html_()
    assert 500 < len(html) < 5000 and rows(html) <= 20
    ids = re.findall(r"<th>(P\d{4})</th>", html)
    assert ids == list(example.people.index[:SHOWN_ROWS])  # the first rows only, not everyone
    assert f"<td>{len(example.interactions):,}</td>" in html


def test_names_are_escaped(hostile):
    for html in (hostile._repr_html_(), analyze(hostile, AnalysisOptions(permutations=0, stability_runs=0))
                 ._repr_html_()):
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;script&gt;" in html and "&amp; Zoë" in html


def test_analysis_repr_and_html(example, example_analysis):
    a = example_analysis
    text = repr(a)
    assert "\n" not in text and len(text) < 250
    assert f"people: {len(example.people):,}" in text and f"ties: {len(a.ties):,}" in text
    html = a._repr_html_()
    assert 500 < len(html) < 6000 and rows(html) <= 20
    top = a.people["betweenness"].nlargest(SHOWN_ROWS)
    shown = re.findall(r"<th>(P\d{4})</th>", html)
    assert len(shown) == SHOWN_ROWS and a.people.loc[shown, "betweenness"].min() == top.min()
    flagged = (a.isolation.table["reasons"].map(len) > 0).sum()
    assert f"<th>people flagged as possibly left out</th><td>{flagged}</td>" in html
