"""The report in real Chromium: it renders, the map draws its nodes, filters work, nothing is fetched,
and hostile names stay text."""

from __future__ import annotations

import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.report.html import write_report
from tests.report.conftest import DUTCH, FAST, IMG, SCRIPT, hostile_frames

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def hostile():
    people, inter, events, att = hostile_frames()
    return cg.from_frames(people=people, interactions=inter, events=events, attendance=att)


@pytest.fixture(scope="module")
def hostile_report(hostile, tmp_path_factory):
    return write_report(hostile, tmp_path_factory.mktemp("b") / "report", options=FAST)


@pytest.fixture(scope="module")
def dutch_report(example_report):
    return example_report(**DUTCH)


def _clean(v):
    assert v.errors == []
    assert [m for m in v.console if m[0] in ("error", "warning")] == []
    assert v.dialogs == []
    assert all(url.startswith(("file:", "data:")) for url in v.requests), v.requests


def _painted(v) -> int:
    """Canvas pixels that are not background (the map draws nodes and ties)."""
    return v.js("""(() => {
        const c = document.querySelector('#map canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }
        return n; })()""")


def test_renders_without_errors_or_requests(visit, hostile_report, hostile):
    v = visit(hostile_report)
    v.page.wait_for_timeout(500)
    assert v.page.title() == "Collaboration across boundaries"
    assert v.js("document.querySelectorAll('main section').length") == 13
    assert v.js("window.collabgraphMap.shownNodes()") == len(hostile.people)
    assert _painted(v) > 1000
    _clean(v)


def test_hostile_names_stay_inert(visit, hostile_report):
    v = visit(hostile_report)
    # Show the tooltip of the <img> person and of the </script> person, as hovering does.
    for node in (0, 1):
        v.js(f"window.collabgraphMap.network.body.emitter.emit('hoverNode', "
             f"{{node: {node}, pointer: {{DOM: {{x: 50, y: 50}}}}}})")
        assert v.js("document.getElementById('map-tooltip').querySelectorAll('*').length") > 1
        name = v.js("document.querySelector('#map-tooltip strong').textContent")
        assert name == (IMG if node == 0 else SCRIPT)
    v.page.fill("#map-search", IMG)
    v.page.press("#map-search", "Enter")
    assert v.js("window.collabgraphMap.network.getSelectedNodes()") == [0]
    v.page.wait_for_timeout(300)
    assert v.js("document.querySelectorAll('img').length") == 0
    # Only the three inline scripts and the JSON data block exist: nothing from the data became a script.
    assert v.js("document.scripts.length") == 4
    # The name is shown as visible text (its tooltip), not as an element. The tables no longer list this
    # person: since low_activity needs strictly lower tie weight, no one in this fixture is flagged.
    v.js("window.collabgraphMap.network.body.emitter.emit('hoverNode', {node: 0, pointer: {DOM: {x: 50, y: 50}}})")
    assert IMG in v.js("document.getElementById('map-tooltip').innerText")
    _clean(v)


def test_filters_change_what_is_shown(visit, hostile_report):
    v = visit(hostile_report)
    total_nodes, total_edges = v.js("window.collabgraphMap.shownNodes()"), v.js("window.collabgraphMap.shownEdges()")
    v.page.select_option("#map-network", label="Net & 2")
    assert v.js("window.collabgraphMap.shownNodes()") == 6  # H06..H11 are its members
    assert v.js("window.collabgraphMap.shownEdges()") < total_edges
    assert "6" in v.js("document.getElementById('map-status').textContent")
    v.page.select_option("#map-network", value="")
    # a tie is shown in a year when it has a record in it: pairs per year counted with pandas from the frames
    _, inter, events, att = hostile_frames()
    att = att.merge(events, left_on="event", right_on="id")
    shared = att.merge(att, on=["event", "date"])
    records = pd.concat([inter[["source", "target", "date"]].set_axis(["x", "y", "date"], axis=1),
                         shared.loc[shared["person_x"] < shared["person_y"], ["person_x", "person_y", "date"]]
                         .set_axis(["x", "y", "date"], axis=1)])
    records = pd.DataFrame({"a": records[["x", "y"]].min(axis=1), "b": records[["x", "y"]].max(axis=1),
                            "year": records["date"].str[:4]})
    for first, last in (("2020", "2020"), ("2021", "2021"), ("2020", "2021")):
        # the data run from 15 January 2020 to 15 December 2021: both years are partial, and say so
        v.page.select_option("#map-from", label=f"{first} (partial)")
        v.page.select_option("#map-to", label=f"{last} (partial)")
        inside = records[records["year"].between(first, last)].drop_duplicates(["a", "b"])
        assert v.js("window.collabgraphMap.shownEdges()") == len(inside)
    shown = v.js("window.collabgraphMap.shownEdges()")
    assert 0 < shown <= total_edges
    v.page.select_option("#map-from", value="")
    v.page.select_option("#map-to", value="")
    assert v.js("window.collabgraphMap.shownNodes()") == total_nodes
    v.page.select_option("#map-colour", value="organisation")
    legend = v.js("document.getElementById('map-legend').innerText")
    assert "<b>Org A</b>" in legend  # the organisation name as text, not markup
    v.page.select_option("#map-size", value="brokerage")
    _clean(v)


def test_large_map_opens_frozen(visit, dutch_report, example):
    v = visit(dutch_report)
    assert v.js("window.collabgraphMap.data.frozen") is True
    assert v.js("window.collabgraphMap.shownNodes()") == len(example.people)
    v.page.wait_for_timeout(300)
    assert _painted(v) > 1000
    assert v.js("document.documentElement.lang") == "nl"
    _clean(v)


@pytest.fixture(scope="module")
def capped_report(example_report):
    return example_report(map_nodes=100)


def test_capped_map_draws_groups(visit, capped_report):
    v = visit(capped_report)
    groups = v.js("window.collabgraphMap.data.nodes.filter(n => n.group).length")
    assert groups > 0
    alone = v.js("window.collabgraphMap.data.alone")
    assert v.js("window.collabgraphMap.shownNodes()") == 100 + alone + groups
    assert len(v.js("window.collabgraphMap.apart()").get("alone")) == alone  # listed beside the map
    # the status line counts what it shows: dots and lines, not people and ties (a square is a group)
    lines = v.js("window.collabgraphMap.shownEdges()")
    assert v.js("document.getElementById('map-status').textContent") == \
        f"{100 + alone + groups} dots and {lines:,} lines shown (a square stands for a group, its lines for their ties)"
    assert v.js("document.getElementById('map-capped').textContent").startswith("The map shows the 100 people")
    group = v.js("window.collabgraphMap.data.nodes.find(n => n.group).id")
    v.js(f"void window.collabgraphMap.network.body.emitter.emit('hoverNode', "
         f"{{node: {group}, pointer: {{DOM: {{x: 50, y: 50}}}}}})")
    assert "people in this group" in v.js("document.getElementById('map-tooltip').textContent")
    v.page.select_option("#map-size", value="betweenness")
    v.page.wait_for_timeout(300)
    assert _painted(v) > 1000
    _clean(v)


def test_values_named_like_javascript_properties(visit, tmp_path):
    # "constructor", "__proto__" and "toString" are domains like any other: each has its own colour from the
    # palette (a plain-object lookup gave constructor a function as its colour), none counts as "other".
    domains = ["constructor", "__proto__", "toString"] * 3  # three people each: shown (min_group 3)
    people = pd.DataFrame({"id": [f"p{i}" for i in range(9)], "domain": domains})
    inter = pd.DataFrame({"source": [f"p{i}" for i in range(8)], "target": [f"p{i + 1}" for i in range(8)]})
    out = write_report(cg.from_frames(people=people, interactions=inter), tmp_path / "r", options=FAST)
    v = visit(out)
    v.page.select_option("#map-colour", "domain")
    colours = v.js("window.collabgraphMap.data.nodes.map(n => "
                   "window.collabgraphMap.network.body.data.nodes.get(n.id).color.background)")
    palette = dict(v.js("window.collabgraphMap.data.colours.domain"))
    label = {n["id"]: n["domain"] for n in v.js("window.collabgraphMap.data.nodes")}
    assert colours == [palette[label[i]] for i in range(9)]
    assert len(set(colours)) == 3 and all(isinstance(c, str) and c.startswith("#") for c in colours)
    legend = v.js("[...document.querySelectorAll('#map-legend .item span:last-child')].map(s => s.textContent)")
    assert sorted(legend) == sorted(set(domains))
    _clean(v)
