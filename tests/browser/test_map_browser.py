"""The report's network map in real Chromium (issue 15, "The map"): people without a tie and separate groups are
listed by name beside the map, names are written only at the largest dots and never on top of each other, the
tooltip stays inside the map box, a filter refits the view, and a search without a match says so."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

import collabgraph as cg
from collabgraph.datasets import EXAMPLE
from collabgraph.report.html import write_report
from tests.conftest import plain_memberships
from tests.report.conftest import DUTCH, FAST, hostile_frames, raw_records

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAP = "window.collabgraphMap"


@pytest.fixture(scope="module")
def dutch(example_report):
    return example_report(**DUTCH)


@pytest.fixture(scope="module")
def files():
    """People and their ties read from the example's CSV files with pandas and networkx, not collabgraph."""
    people = pd.read_csv(EXAMPLE / "people.csv", dtype=str).set_index("id")
    pairs = raw_records(EXAMPLE)
    pairs = pairs.loc[pairs["a"] != pairs["b"], ["a", "b"]].drop_duplicates()
    graph = nx.Graph()
    graph.add_nodes_from(people.index)
    graph.add_edges_from(pairs.itertuples(index=False))
    return people, graph


def _ids(v, nodes) -> list[str]:
    return [v.js(f"{MAP}.data.nodes[{i}].pid") for i in nodes]


def _strip(v) -> list[tuple[str, list[str]]]:
    """The strip's lists as the page has them: (heading or fold title, names)."""
    return [tuple(x) for x in v.js("""[...document.querySelectorAll('#map-apart-list ul')].map(ul => [
        (ul.previousElementSibling || {}).textContent, [...ul.querySelectorAll('li')].map(li => li.textContent)])""")]


def test_people_without_a_tie_and_separate_groups_are_named_beside_the_map(visit, dutch, files, tmp_path):
    people, graph = files
    v = visit(dutch)
    alone = sorted(p for p in graph if graph.degree(p) == 0)
    parts = sorted(nx.connected_components(graph.subgraph([p for p in graph if graph.degree(p)])), key=len,
                   reverse=True)
    detached = [part for part in parts if len(part) < len(parts[0])]
    assert alone and detached  # the example has both, so the strip is tested
    apart = v.js(f"{MAP}.apart()")
    assert sorted(_ids(v, apart["alone"])) == alone
    assert sorted(map(sorted, (_ids(v, g) for g in apart["groups"]))) == sorted(map(sorted, detached))
    # the names, as text beside the map, under their headings; people without a tie are not drawn as dots
    names = people["name"]
    strip = _strip(v)
    assert strip[0][0] == f"{len(alone)} mensen zonder relatie" and sorted(strip[0][1]) == sorted(names[alone])
    assert sorted((k, sorted(x)) for k, x in strip[1:]) == sorted((f"Groep van {len(part)}", sorted(names[list(part)]))
                                                                  for part in detached)
    # groups of up to 12 people are open, larger ones folded
    assert v.js("[...document.querySelectorAll('#map-apart details')].map(d => d.open)") == \
        [len(g) <= 12 for g in apart["groups"]]
    assert v.js(f"{MAP}.drawnNodes()") == len(people) - len(alone)
    assert v.js(f"{MAP}.shownNodes()") == len(people)
    def nl_int(n: int) -> str:
        return f"{n:,}".replace(",", ".")

    assert v.js("document.getElementById('map-status').textContent") == \
        f"{nl_int(len(people))} mensen en {nl_int(graph.number_of_edges())} relaties getoond"
    box = v.js("document.getElementById('map-apart').getBoundingClientRect().toJSON()")
    canvas = v.js("document.getElementById('map').getBoundingClientRect().toJSON()")
    assert box["left"] >= canvas["right"] and box["top"] < canvas["bottom"]  # beside the map, not under it
    assert v.page.locator("#map-apart li").first.is_visible()
    v.page.locator(".map-wrap").screenshot(path=str(tmp_path / "strip.png"))
    # clicking a name of a separate group selects that person on the map and writes their name
    fold = v.page.locator("#map-apart details").first
    if not v.js("document.querySelector('#map-apart details').open"):
        fold.locator("summary").click()
    fold.locator("button").first.click()
    v.page.wait_for_timeout(600)
    selected = v.js(f"{MAP}.network.getSelectedNodes()")
    assert len(selected) == 1 and selected[0] in apart["groups"][0]
    assert selected[0] in [b["id"] for b in v.js(f"{MAP}.labels()")]
    assert v.errors == []


def test_a_network_filter_lists_its_members_without_a_tie_in_it(visit, dutch):
    v = visit(dutch)
    v.page.select_option("#map-network", index=1)
    net = 0
    data = v.js(f"{MAP}.data")
    shown = {n["id"] for n in data["nodes"] if net in n["nets"]}
    edges = [e for e in data["edges"] if (not e["n"] or net in e["n"]) and e["from"] in shown and e["to"] in shown]
    tied = {x for e in edges for x in (e["from"], e["to"])}
    assert sorted(v.js(f"{MAP}.apart()")["alone"]) == sorted(shown - tied)
    assert v.js(f"{MAP}.drawnNodes()") == len(tied)


def _label_checks(v, forced=()):
    """Names written on the canvas: some, at most the budget, inside the box, none overlapping another or the
    legend (except the ``forced`` names: hovered or searched), each centred under its dot (positions from
    vis-network) and painted there (dark pixels of the text)."""
    labels = v.js(f"{MAP}.labels()")
    budget = v.js(f"{MAP}.labelBudget()")
    w, h = v.js("[document.getElementById('map').clientWidth, document.getElementById('map').clientHeight]")
    assert 0 < len(labels) <= budget
    legend = v.js("""(() => { const o = document.getElementById('map').getBoundingClientRect(),
        r = document.getElementById('map-legend').getBoundingClientRect();
        return {left: r.left - o.left, right: r.right - o.left, top: r.top - o.top, bottom: r.bottom - o.top}; })()""")
    for i, a in enumerate(labels):
        assert 0 <= a["left"] < a["right"] <= w and 0 <= a["top"] < a["bottom"] <= h
        others = labels[i + 1:] + ([legend] if a["id"] not in forced else [])  # forced: kept in the box only
        for b in others:
            assert a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] \
                or b["bottom"] <= a["top"], (a, b)
    centres = v.js(f"""{MAP}.labels().map(b => {{
        const p = {MAP}.network.getPositions([b.id])[b.id];
        return {MAP}.network.canvasToDOM(p).x; }})""")
    assert all(abs((b["left"] + b["right"]) / 2 - x) < 1 for b, x in zip(labels, centres, strict=True))
    dark = v.js(f"""(() => {{
        const c = document.querySelector('#map canvas'), r = c.width / c.clientWidth;
        const ctx = c.getContext('2d');
        return {MAP}.labels().map(b => {{
            const d = ctx.getImageData(Math.round(b.left * r), Math.round(b.top * r),
                                       Math.max(1, Math.round((b.right - b.left) * r)),
                                       Math.max(1, Math.round((b.bottom - b.top) * r))).data;
            let n = 0;
            for (let i = 0; i < d.length; i += 4) {{
                if (d[i + 3] > 200 && d[i] < 80 && d[i + 1] < 80 && d[i + 2] < 90) n++;
            }}
            return n; }}); }})()""")
    assert all(n > 5 for n in dark), dark
    return labels, budget


def test_names_only_at_the_largest_dots_and_never_overlapping(visit, dutch, tmp_path):
    v = visit(dutch)
    v.page.wait_for_timeout(300)
    labels, budget = _label_checks(v)
    # every named dot is among the `budget` dots in view with most contacts (size: number of contacts)
    degree = v.js(f"""(() => {{
        const m = {MAP}, box = document.getElementById('map');
        return m.data.nodes.filter(n => m.network.body.nodes[n.id] && m.network.body.data.nodes.get(n.id)).map(n => {{
            const p = m.network.canvasToDOM(m.network.getPositions([n.id])[n.id]);
            return [n.id, n.degree, p.x >= 0 && p.x <= box.clientWidth && p.y >= 0 && p.y <= box.clientHeight];
        }}); }})()""")
    in_view = sorted((d for _, d, inside in degree if inside), reverse=True)
    assert len(in_view) > budget  # more dots than names
    of = {i: d for i, d, _ in degree}
    assert all(of[b["id"]] >= in_view[budget - 1] for b in labels)
    assert len(labels) < len(in_view)
    v.page.locator("#map").screenshot(path=str(tmp_path / "labels.png"))
    # a small dot is named while hovered, and the names written still do not overlap
    small = min((i for i, _, inside in degree if inside), key=lambda i: (of[i], i))
    assert small not in [b["id"] for b in labels]
    v.js(f"void {MAP}.network.body.emitter.emit('hoverNode', {{node: {small}, pointer: {{DOM: {{x: 300, y: 300}}}}}})")
    labels, _ = _label_checks(v, forced=(small,))
    assert labels[0]["id"] == small
    v.js(f"void {MAP}.network.body.emitter.emit('blurNode', {{node: {small}}})")
    assert small not in [b["id"] for b in v.js(f"{MAP}.labels()")]
    # zoomed in, other (smaller) dots come into view and get names, still within the budget
    v.js(f"void {MAP}.network.moveTo({{scale: {MAP}.network.getScale() * 3}})")
    v.page.wait_for_timeout(100)
    _label_checks(v)
    assert v.errors == []


def test_tooltip_stays_inside_the_map_box(visit, dutch, tmp_path):
    v = visit(dutch)
    # the person with the longest tooltip: most learning networks and reasons
    node = v.js(f"{MAP}.data.nodes.map(n => [n.nets.length + n.isolation.length, -n.id]).sort((a, b) => "
                "b[0] - a[0] || b[1] - a[1])[0][1]") * -1
    box = v.js("document.querySelector('.map-box').getBoundingClientRect().toJSON()")
    w, h = box["width"], box["height"]
    for x, y in ((2, 2), (w - 4, 2), (2, h - 4), (w - 4, h - 4), (w / 2, h / 2)):
        hover = f"{{node: {node}, pointer: {{DOM: {{x: {x}, y: {y}}}}}}}"
        v.js(f"void {MAP}.network.body.emitter.emit('hoverNode', {hover})")
        tip = v.js("document.getElementById('map-tooltip').getBoundingClientRect().toJSON()")
        assert tip["width"] > 100 and tip["height"] > 60
        assert box["left"] <= tip["left"] and tip["right"] <= box["right"], (x, y, tip, box)
        assert box["top"] <= tip["top"] and tip["bottom"] <= box["bottom"], (x, y, tip, box)
    v.page.locator(".map-box").screenshot(path=str(tmp_path / "tooltip.png"))
    assert v.errors == []


def _tooltip(v, pid: str) -> list[str]:
    """The rows of the tooltip of the person ``pid``, hovered."""
    node = v.js(f"{MAP}.data.nodes.findIndex(n => n.pid === {pid!r})")
    v.js(f"void {MAP}.network.body.emitter.emit('hoverNode', {{node: {node}, pointer: {{DOM: {{x: 40, y: 40}}}}}})")
    return v.page.inner_text("#map-tooltip").splitlines()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tooltip_numbers_and_labels_follow_the_language(visit, example_report, files, lang):
    # The tooltip wrote numbers unlocalised ("makelaarsrol: 9702" where the tables say 9.702) and labelled a list
    # of several learning networks "leernetwerk:". Memberships and contacts recounted from the example's files.
    people, graph = files
    v = visit(example_report(**DUTCH) if lang == "nl" else example_report())
    member = plain_memberships(people.reset_index(), pd.read_csv(EXAMPLE / "interactions.csv", dtype=str),
                               pd.read_csv(EXAMPLE / "events.csv", dtype=str).set_index("id"),
                               pd.read_csv(EXAMPLE / "attendance.csv", dtype=str))
    words = {"nl": ("leernetwerk", "leernetwerken", "contacten", "makelaarsrol", "."),
             "en": ("learning network", "learning networks", "contacts", "brokerage", ",")}[lang]
    one, many, contacts, brokerage, sep = words
    nodes = v.js(f"{MAP}.data.nodes")
    broker = max(nodes, key=lambda n: (n["brokerage"] or 0, n["pid"]))
    hub = max(member, key=lambda p: (len(member[p]), graph.degree(p), p))
    single = min(p for p in member if len(member[p]) == 1)
    assert broker["brokerage"] >= 1000 and graph.degree(hub) >= 10 and len(member[hub]) > 1  # the cases
    rows = _tooltip(v, broker["pid"])
    assert f"{brokerage}: {int(broker['brokerage']):,}".replace(",", sep) in rows, rows
    rows = _tooltip(v, hub)
    assert f"{contacts}: {graph.degree(hub)}" in rows, rows
    listed = [r for r in rows if r.startswith((f"{one}: ", f"{many}: "))]
    assert listed == [f"{many}: " + ", ".join(sorted(member[hub], key=v.js(f"{MAP}.data.networks").index))], rows
    assert [r.split(": ")[0] for r in _tooltip(v, single) if r.startswith(one)] == [one]
    assert v.errors == []


def test_a_filter_refits_the_view(visit, dutch):
    v = visit(dutch)
    v.page.wait_for_timeout(300)
    before = v.js(f"[{MAP}.network.getScale(), {MAP}.network.getViewPosition()]")
    v.page.select_option("#map-network", index=1)
    v.page.wait_for_timeout(700)  # the fit animates for 300 ms
    after = v.js(f"[{MAP}.network.getScale(), {MAP}.network.getViewPosition()]")
    assert after[0] > before[0] * 1.2  # one network is smaller than all: the view zooms in on it
    assert after[1] != before[1]
    outside = v.js(f"""(() => {{
        const m = {MAP}, box = document.getElementById('map');
        return m.network.body.nodeIndices.map(id => m.network.canvasToDOM(m.network.getPositions([id])[id]))
            .filter(p => p.x < 0 || p.x > box.clientWidth || p.y < 0 || p.y > box.clientHeight).length; }})()""")
    assert outside == 0  # every dot of the network is in view
    assert v.errors == []


def test_search_says_when_nothing_matches(visit, dutch, files):
    people, graph = files
    v = visit(dutch)
    message = "document.getElementById('map-search-msg').textContent"
    v.page.fill("#map-search", "Xyzzy Qwertz")
    v.page.press("#map-search", "Enter")
    assert v.js(message) == "Niemand op de kaart past bij “Xyzzy Qwertz”."
    assert v.page.locator("#map-search-msg").is_visible()
    # a person on the map: found, selected, named; the message goes
    hub = max(graph, key=lambda p: (graph.degree(p), p))
    v.page.fill("#map-search", people.loc[hub, "name"])
    v.page.press("#map-search", "Enter")
    assert v.js(message) == ""
    assert _ids(v, v.js(f"{MAP}.network.getSelectedNodes()")) == [hub]
    # a person without a tie: pointed to in the list beside the map
    alone = min(p for p in graph if graph.degree(p) == 0)
    v.page.fill("#map-search", alone)
    v.page.press("#map-search", "Enter")
    assert v.js(message) == f"{people.loc[alone, 'name']} heeft geen relatie op de kaart: zie de lijst ernaast."
    assert v.js("document.querySelector('#map-apart li.hit').textContent") == people.loc[alone, "name"]
    assert v.errors == []


def test_english_search_message_and_strip(visit, example_report):
    v = visit(example_report())
    v.page.fill("#map-search", "nobody-here")
    v.page.press("#map-search", "Enter")
    assert v.js("document.getElementById('map-search-msg').textContent") == "No one on the map matches “nobody-here”."
    assert v.js("document.getElementById('map-apart-title').textContent") == "Not connected"
    assert _strip(v)[0][0].endswith(" people without a tie")


def test_pseudonymised_map_shows_pseudonyms_only(visit, example, example_report):
    v = visit(example_report(pseudonymised=True, salt_given=True, exports=True, salt=b"s3cret-zout"))
    v.page.wait_for_timeout(300)
    real = set(pd.read_csv(EXAMPLE / "people.csv", dtype=str)["name"]) | set(example.people.index)
    listed = [x for _, names in _strip(v) for x in names]
    written = [b["text"] for b in v.js(f"{MAP}.labels()")]
    assert listed and written
    assert not (set(listed) | set(written)) & real
    assert v.errors == []


def test_a_filter_keeps_where_people_were(visit, tmp_path):
    # Below FROZEN_ABOVE people the browser lays the map out; a person a filter hides comes back where they were
    # (vis-network re-places a node that leaves and re-enters the view).
    people, inter, events, att = hostile_frames()
    ds = cg.from_frames(people=people, interactions=inter, events=events, attendance=att)
    v = visit(write_report(ds, tmp_path / "small", options=FAST))
    assert v.js(f"{MAP}.data.frozen") is False
    v.page.wait_for_function(f"{MAP}.network.physics.options.enabled === false", timeout=30000)
    before = v.js(f"{MAP}.network.getPositions()")
    v.page.select_option("#map-network", label="Net & 2")
    v.page.wait_for_timeout(400)
    assert v.js(f"{MAP}.drawnNodes()") == 6
    v.page.select_option("#map-network", value="")
    v.page.wait_for_timeout(400)
    assert v.js(f"{MAP}.network.getPositions()") == before
    assert v.errors == []
