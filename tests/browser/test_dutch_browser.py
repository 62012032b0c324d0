"""The Dutch report of the bundled example in real Chromium (issue 15, "Dutch, all the way"): no English word in
the page's text, no decimal point in a chart axis label, long tables folded behind "toon alle"."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from collabgraph.datasets import EXAMPLE
from collabgraph.report.html import MAX_ROWS
from tests.report.conftest import DUTCH, english_on_page, english_words

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Tick labels of every chart: charts.py writes them as <text class="tick">.
TICKS = """Array.from(document.querySelectorAll('svg text.tick'))
           .map(function (t) { return t.textContent; })"""


@pytest.fixture(scope="module")
def dutch_example(example_report):
    return example_report(**DUTCH)


#: Every text of the page as Chromium has it after the scripts ran (the map's legend, strip, status line and tooltip
#: included): the text nodes outside <script> and <style>, SVG text among them, the title, and the title,
#: aria-label, placeholder and alt attributes.
TEXTS = """(() => {
  const out = [document.title];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {acceptNode: n =>
    n.parentElement.closest('script, style') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  while (walk.nextNode()) { out.push(walk.currentNode.nodeValue); }
  for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
    document.querySelectorAll('[' + a + ']').forEach(e => out.push(e.getAttribute(a)));
  }
  return out.filter(t => t.trim()); })()"""


def test_no_english_in_the_page(visit, dutch_example):
    v = visit(dutch_example)
    main = v.page.inner_text("main")
    assert "Wat vertel je de financier?" in main and "Over grenzen heen" in main
    # the programme view's sections are part of the text searched
    assert all(h in main for h in ("Leernetwerken naast elkaar", "Werkvormen en groepsgrootte",
                                   "Makelaars en afhankelijkheid van de coördinator", "Rollen: wie bereikt wie?",
                                   "Doorwerking na het einde van elk netwerk"))
    # the tooltip of the person in most learning networks and with most isolation reasons, written by report.js
    node = v.js("window.collabgraphMap.data.nodes.map(n => [n.nets.length + n.isolation.length, -n.id])"
                ".sort((a, b) => b[0] - a[0] || b[1] - a[1])[0][1]") * -1
    v.js(f"void window.collabgraphMap.network.body.emitter.emit('hoverNode', {{node: {node}, "
         "pointer: {DOM: {x: 40, y: 40}}})")
    texts = v.js(TEXTS)
    tooltip = v.page.inner_text("#map-tooltip")
    strip = v.page.inner_text("#map-apart")
    svg = v.js("Array.from(document.querySelectorAll('svg text')).map(t => t.textContent)")
    assert "leernetwerken: " in tooltip and "mensen zonder relatie" in strip and len(svg) > 100  # all searched
    every = " ".join(" ".join(texts).split())
    assert all(" ".join(line.split()) in every for line in [*tooltip.splitlines(), *strip.splitlines()[:3], *svg])
    frames = [pd.read_csv(f, dtype=str) for f in sorted(EXAMPLE.glob("*.csv"))]
    assert english_on_page(texts, english_words(*frames)) == {}
    assert v.errors == []


def test_chart_axes_have_decimal_commas(visit, dutch_example):
    v = visit(dutch_example)
    ticks = [t for t in v.js(TICKS) if re.fullmatch(r"[−\d.,]+", t)]
    assert ticks  # numeric tick labels were found
    assert [t for t in ticks if re.search(r"\d\.\d{1,2}$", t) or re.fullmatch(r"−?0\.\d+", t)] == []
    assert any(re.fullmatch(r"−?\d,\d+", t) for t in ticks)  # the E-I axis: −1,0 ... 1,0


def test_long_tables_show_the_top_rows_until_asked(visit, dutch_example):
    v = visit(dutch_example)
    rows = "document.querySelectorAll('#isolation table.iso tbody tr')"
    shown = f"Array.from({rows}).filter(function (r) {{ return r.offsetParent !== null; }}).length"
    total = v.js(f"{rows}.length")
    assert total > MAX_ROWS and v.js(shown) == MAX_ROWS
    label = v.page.locator("#isolation label.show-all")
    assert label.inner_text().strip() == f"toon alle {total}"
    label.click()
    assert v.js(shown) == total
    label.click()
    assert v.js(shown) == MAX_ROWS


def test_scorecard_sorts_by_a_clicked_header(visit, dutch_example):
    v = visit(dutch_example)
    cells = """Array.from(document.querySelectorAll('#networks table.sortable tbody tr'))
               .map(function (r) { return r.cells[COL].getAttribute('data-v'); })"""
    names = v.js(cells.replace("COL", "0"))
    members = [float(x) for x in v.js(cells.replace("COL", "1"))]
    header = v.page.locator("#networks table.sortable thead th").nth(1)
    assert header.inner_text().strip() == "leden"
    header.click()
    got = [float(x) for x in v.js(cells.replace("COL", "1"))]
    assert got == sorted(members) and header.get_attribute("aria-sort") == "ascending"
    header.click()
    assert [float(x) for x in v.js(cells.replace("COL", "1"))] == sorted(members, reverse=True)
    v.page.locator("#networks table.sortable thead th").nth(0).click()
    assert v.js(cells.replace("COL", "0")) == sorted(names)  # by name again, the programme row still last
    assert v.page.inner_text("#networks table.sortable tfoot").split("\t")[0].strip() == "alle leernetwerken"
    assert v.errors == []


def test_scorecard_fits_the_page(visit, dutch_example):
    # newuser2's finding 9: the scorecard (17 columns on the example) scrolled sideways; its headers now wrap
    v = visit(dutch_example)
    widths = v.js("""(function () { var s = document.querySelector('#networks .scroll');
                     return [s.scrollWidth, s.clientWidth, s.querySelectorAll('thead th').length]; })()""")
    assert widths[2] >= 16 and widths[0] <= widths[1] + 1, widths
    assert v.errors == []
