"""Tests for collabgraph/report/charts.py: well-formed, deterministic, inert SVG whose geometry shows the data.

Every chart is parsed with xml.etree; bar lengths, point heights, cell texts and lines are checked against the
frames given to it (the input), never against another table of collabgraph.
"""

from __future__ import annotations

import math
import re
from xml.etree import ElementTree

import numpy as np
import pandas as pd
import pytest

from collabgraph.report import charts
from collabgraph.report.texts import Texts

SVG = "{http://www.w3.org/2000/svg}"
NL = Texts("nl").num  # the report's Dutch number formatter
HOSTILE = ["<script>alert(1)</script>", "Tom & Jerry's \"club\"", "bell\x07 and \x1b[31mred", "x" * 300,
           "שלום עולם", "team 🚀🎉", "$x^2$ \ufffe\uffff"]


def _tree(svg: str) -> ElementTree.Element:
    root = ElementTree.fromstring(svg)  # raises on anything not well-formed
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    w, h = float(root.get("width")), float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}" and w > 0 and h > 0
    return root


def _all(root, tag: str, cls: str | None = None) -> list:
    return [e for e in root.iter(f"{SVG}{tag}") if cls is None or e.get("class") == cls]


def _texts(root, cls: str | None = None) -> list[str]:
    return [e.text for e in _all(root, "text", cls)]


def _titles(root) -> list[str]:
    return [e.text for e in root.iter(f"{SVG}title")]


def _proportional(lengths, values) -> None:
    """``lengths`` = k x ``values`` for one k > 0 (to the 2 decimals the SVG keeps)."""
    assert len(lengths) == len(values) > 0
    k = max(lengths) / max(values)
    assert k > 0
    assert lengths == pytest.approx([k * v for v in values], abs=0.02)


def _matrix(labels=("<script>alert(1)</script>", "$x^2$ & co")):
    return pd.DataFrame([[3, 1], [1, 2]], index=list(labels), columns=list(labels))


def _frame(n: int = 8) -> pd.DataFrame:
    return pd.DataFrame({"label": [f"2021 kwartaal {i}" for i in range(1, n + 1)],
                         "cross_share": [0.2, 0.45, 0.0, 1.0, 0.3, 0.6, 0.25, 0.5][:n],
                         "cross_expected": [0.6] * n, "people_active": [10, 12, 3, 40, 7, 12, 9, 1][:n],
                         "ties": [30, 40, 0, 120, 5, 6, 7, 8][:n], "partial": [True] + [False] * (n - 1)})


def _rows():
    return [{"id": i, "composition": {"domain": {"counts": {"zorg": 3 + i, "welzijn": 2, "wonen": i},
                                                  "missing": i % 2}}} for i in range(5)]


def _all_charts(labels=None) -> list[str]:
    """Every chart of the module once, as the report draws them (Dutch numbers), with ``labels`` as names."""
    names = labels or ["a long group name", "b", "Ouderenzorg Noord-Drenthe"]
    frame = _frame()
    nets = pd.DataFrame({"network": names, "members": [5, 8, 2][:len(names)] + [3] * (len(names) - 3)})
    between = pd.DataFrame({"network_a": [names[0], names[1]], "network_b": [names[1], names[2]], "ties": [4, 1]})
    labels2 = names[:2]
    return [charts.heatmap(_matrix(labels2), name="heatmap", hidden={labels2[1]}, number=NL),
            charts.ei_bars(pd.DataFrame({"group": names, "ei_index": [-0.5, 0.3, 0.9][:len(names)]
                                         + [0.0] * (len(names) - 3)}), 0.1, name="ei", observed_label=names[0],
                           expected_label=names[1], number=NL),
            charts.timeline(frame.assign(label=(names * 8)[:8]), name="timeline", observed_label="o",
                            expected_label="e", number=NL),
            charts.activity(frame, name="activity", people_label=names[0], ties_label=names[1], number=NL),
            charts.network_of_networks(nets, between, name="non"),
            charts.composition(_rows(), "domain", name="composition", colour_map={"zorg": charts.PALETTE[0],
                               names[0]: charts.PALETTE[1]}, other="other", unknown=names[1], label="C {id}",
                               number=NL),
            charts.small_multiples(frame.assign(network=[names[0]] * 4 + [names[1]] * 4), name="quarters",
                                   number=NL),
            charts.form_bars([(names[0], pd.DataFrame({"form": names[:2], "rate": [0.3, 0.1]}))], name="forms",
                             value="rate", number=NL)]


def test_every_chart_is_well_formed_deterministic_and_its_ids_unique_on_a_page():
    first, second = _all_charts(), _all_charts()
    assert first == second  # byte-identical
    ids = [e.get("id") for svg in first for e in _tree(svg).iter() if e.get("id")]
    assert ids and len(ids) == len(set(ids))  # the hatch pattern of the activity chart at least
    for svg in first:
        assert re.search(r'="-?\d+\.\d{3,}', svg) is None  # coordinates rounded to 2 decimals


def test_hostile_labels_stay_text():
    """Names with markup, quotes, control characters, 300 characters, right-to-left text and emoji: every chart
    parses, no element comes from a name, and each name is written (cut with an ellipsis or whole) with its
    forbidden characters replaced; a cut name is whole in a <title>."""
    for svg in _all_charts(HOSTILE):
        root = _tree(svg)
        assert not [e for e in root.iter() if e.tag.endswith("script")] and "<script" not in svg
        written = [t for t in _texts(root) + _titles(root) if t]
        assert not [t for t in written if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", t)]
        for name in HOSTILE:
            clean = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "\ufffd", name)
            if any(clean in t for t in written):
                continue
            cut = [t for t in written if t.endswith("…") and clean.startswith(t[:-1].rstrip())]
            assert cut or not any(clean[:3] in t for t in written), (name, written)
        for text in _texts(root):
            if text and text.endswith("…"):
                assert any(title.startswith(text[:-1].rstrip()) for title in _titles(root))
    heat = _tree(charts.heatmap(_matrix(), name="h", number=NL))
    assert "<script>alert(1)</script>" in _texts(heat) and "$x^2$ & co" in _texts(heat)  # escaped, then parsed


def test_a_long_label_is_shortened_and_whole_in_its_title():
    name = "Ouderenzorg " * 30
    root = _tree(charts.ei_bars(pd.DataFrame({"group": [name], "ei_index": [0.5]}), None, name="e",
                                observed_label="o", expected_label="e"))
    shown = [t for t in _texts(root) if t.startswith("Ouderenzorg")]
    assert len(shown) == 1 and shown[0].endswith("…") and charts.text_width(shown[0], charts.FONT) <= 200
    assert name in _titles(root)


def test_heatmap_cells_show_the_counts_and_hidden_groups_the_label():
    labels = ["zorg", "welzijn", "wonen"]
    counts = [[3903, 1485, 12], [1485, 294, 0], [12, 0, 2]]
    m = pd.DataFrame(counts, index=labels, columns=labels)
    cells = _texts(_tree(charts.heatmap(m, name="h", number=NL)), "cell")
    assert cells == [NL(v) for row in counts for v in row] and "3.903" in cells
    hidden = _texts(_tree(charts.heatmap(m, name="h", hidden={"wonen"}, hidden_label="<3", number=NL)), "cell")
    assert hidden == ["3.903", "1.485", "<3", "1.485", "294", "<3", "<3", "<3", "<3"]  # its row and column
    dark = [e for e in _all(_tree(charts.heatmap(m, name="h", number=NL)), "text", "cell") if e.get("fill") == "white"]
    assert [e.text for e in dark] == ["3.903"]  # only 3903 > 0.6 x the largest shown count


def _bars(root) -> list:
    return _all(root, "rect", "bar")


def test_ei_bars_are_proportional_to_the_index_from_zero():
    groups = pd.DataFrame({"group": ["a", "b", "c", "d"], "ei_index": [-0.5, 0.25, 0.9, float("nan")]})
    root = _tree(charts.ei_bars(groups, -0.2, name="e", observed_label="o", expected_label="e", number=NL))
    bars = _bars(root)
    assert len(bars) == 3  # NaN draws none
    values = [0.9, 0.25, -0.5]  # highest on top
    assert [float(b.get("y")) for b in bars] == sorted(float(b.get("y")) for b in bars)
    _proportional([float(b.get("width")) for b in bars], [abs(v) for v in values])
    zero = float(bars[0].get("x"))  # a positive bar starts at 0; the negative one ends there
    assert float(bars[2].get("x")) + float(bars[2].get("width")) == pytest.approx(zero, abs=0.02)
    ticks = _texts(root, "tick")
    assert ticks == ["−1,0", "−0,5", "0,0", "0,5", "1,0"]
    dashed = [e for e in _all(root, "line") if e.get("stroke-dasharray") and e.get("y1") != e.get("y2")]  # not the key
    unit = float(bars[0].get("width")) / 0.9  # pixels per 1 of the index
    assert len(dashed) == 1 and float(dashed[0].get("x1")) == pytest.approx(zero - 0.2 * unit, abs=0.05)


def test_timeline_points_are_at_the_cross_share():
    frame = _frame()
    root = _tree(charts.timeline(frame, name="t", observed_label="o", expected_label="e", number=NL))
    points = _all(root, "circle", "point")
    assert len(points) == len(frame)
    ys = [float(p.get("cy")) for p in points]
    bottom = ys[frame["cross_share"].tolist().index(0.0)]
    _proportional([bottom - y for y in ys], frame["cross_share"].tolist())
    assert [p.get("fill") == "white" for p in points] == frame["partial"].tolist()  # hollow: partial
    assert _texts(root, "tick")[:6] == ["0", "20", "40", "60", "80", "100"]
    assert [e.text for e in root.iter(f"{SVG}text") if e.text in ("o", "e")] == ["o", "e"]  # the legend


def test_timeline_breaks_its_line_at_a_window_without_ties():
    frame = _frame(4).assign(cross_share=[0.2, float("nan"), 0.4, 0.5])
    root = _tree(charts.timeline(frame, name="t", observed_label="o", expected_label="e"))
    observed = [p for p in _all(root, "polyline") if p.get("stroke") == charts.PALETTE[0]]
    assert [len(p.get("points").split()) for p in observed] == [2]  # 0.2 alone draws no line; 0.4-0.5 one
    assert len(_all(root, "circle", "point")) == 3


def test_activity_bars_are_proportional_and_partial_windows_hatched():
    frame = _frame()
    root = _tree(charts.activity(frame, name="a", people_label="mensen", ties_label="relaties", number=NL))
    bars = _bars(root)
    _proportional([float(b.get("height")) for b in bars], frame["people_active"].tolist())
    pattern = [e.get("id") for e in root.iter(f"{SVG}pattern")]
    assert pattern == ["chart-a-hatch"]
    assert [b.get("fill") == "url(#chart-a-hatch)" for b in bars] == frame["partial"].tolist()
    points = _all(root, "circle", "point")
    ys = [float(p.get("cy")) for p in points if p.get("stroke") == charts.PALETTE[5]]
    bottom = ys[frame["ties"].tolist().index(0)]
    _proportional([bottom - y for y in ys], frame["ties"].tolist())
    assert _texts(root, "tick")[:9] == ["0", "10", "20", "30", "40", "0", "50", "100", "150"]  # left, right axis


def test_composition_segments_are_proportional_to_the_counts():
    rows = _rows()
    root = _tree(charts.composition(rows, "domain", name="c", colour_map={"zorg": charts.PALETTE[0], "welzijn":
                                    charts.PALETTE[1], "wonen": charts.OTHER}, other="anders", unknown="onbekend",
                                    label="Cluster {id}", number=NL))
    bars = _bars(root)
    expected = []  # per cluster, the drawn segments in order: zorg, welzijn, other (wonen is grey), unknown
    for r in rows:
        c = r["composition"]["domain"]
        expected += [v for v in (c["counts"]["zorg"], c["counts"]["welzijn"], c["counts"]["wonen"], c["missing"]) if v]
    _proportional([float(b.get("width")) for b in bars], expected)
    titles = [b.find(f"{SVG}title").text for b in bars]
    assert titles[:6] == ["zorg: 3", "welzijn: 2", "zorg: 4", "welzijn: 2", "anders: 1", "onbekend: 1"]
    legend = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend"]
    assert len(legend) == 1 and _texts(legend[0]) == ["zorg", "welzijn", "anders", "onbekend"]


def test_composition_without_bars_draws_no_legend():
    """Clusters whose members have no known value and none missing (nothing to stack) leave no bar and no
    legend (a legend of no bars would be an empty box)."""
    rows = [{"id": 1, "composition": {"domain": {"counts": {}, "missing": 0}}}]
    svg = charts.composition(rows, "domain", name="c", colour_map={"zorg": charts.PALETTE[0]}, other="other",
                             unknown="unknown", label="Cluster {id}")
    assert not _bars(_tree(svg)) and "legend" not in svg
    with_bars = [{"id": 1, "composition": {"domain": {"counts": {"zorg": 2}, "missing": 0}}}]
    assert "legend" in charts.composition(with_bars, "domain", name="c", colour_map={"zorg": charts.PALETTE[0]},
                                          other="other", unknown="unknown", label="Cluster {id}")


def test_form_bars_share_one_scale_and_skip_missing_values():
    kinds = pd.DataFrame({"form": ["casus", "plenair", "werkbezoek"], "rate": [0.5, 0.25, float("nan")]})
    sizes = pd.DataFrame({"form": ["2-5", "26+"], "rate": [0.05, 0.125]})
    root = _tree(charts.form_bars([("soort", kinds), ("aanwezigen", sizes)], name="f", value="rate", number=NL))
    _proportional([float(b.get("width")) for b in _bars(root)], [0.5, 0.25, 0.05, 0.125])
    ticks = _texts(root, "tick")
    assert ticks == ["0,0", "0,2", "0,4", "0,6"] * 2  # one scale in both panels
    assert {"soort", "aanwezigen"} <= set(_texts(root))


def test_small_multiples_points_on_one_scale_with_first_and_last_window():
    frame = pd.DataFrame({"network": ["A"] * 3 + ["B"] * 3, "label": ["K1 2021", "K2 2021", "K3 2021"] * 2,
                          "cross_share": [0.0, 0.5, 1.0, 0.25, float("nan"), 0.75],
                          "partial": [False, False, True] * 2})
    root = _tree(charts.small_multiples(frame, name="q", number=NL))
    points = _all(root, "circle", "point")
    assert len(points) == 5 and [p.get("fill") == "white" for p in points] == [False, False, True, False, True]
    a, b = [float(p.get("cy")) for p in points[:3]], [float(p.get("cy")) for p in points[3:]]
    unit = a[0] - a[2]  # 0% to 100%
    assert a[0] - a[1] == pytest.approx(unit / 2, abs=0.02)
    assert (b[0], b[1]) == pytest.approx((a[0] - 0.25 * unit, a[0] - 0.75 * unit), abs=0.02)  # same scale, one row
    texts = _texts(root)
    assert texts.count("K1 2021") == 2 and texts.count("K3 2021") == 2 and "K2 2021" not in texts
    assert _texts(root, "tick") == ["0%", "50%", "100%"]


def _network(n: int, ties) -> tuple[pd.DataFrame, pd.DataFrame]:
    nets = pd.DataFrame({"network": [f"N{i:02d}" for i in range(n)], "members": [5] * n})
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    between = pd.DataFrame({"network_a": [f"N{a:02d}" for a, _ in pairs], "network_b": [f"N{b:02d}" for _, b in pairs],
                            "ties": list(ties)[:len(pairs)]})
    return nets, between


def _lines(svg: str) -> list[tuple[float, float]]:
    """(width, opacity) of each drawn line."""
    return [(float(p.get("stroke-width")), float(p.get("stroke-opacity"))) for p in _all(_tree(svg), "path")]


def test_network_of_networks_draws_the_strongest_pairs():
    nets, between = _network(30, range(1, 436))
    every = charts.network_of_networks(nets, between, name="n", max_lines=None)
    few = charts.network_of_networks(nets, between, name="n", max_lines=10)
    assert len(_lines(every)) == 435 and len(_lines(few)) == 10
    # the 10 pairs with most ties, drawn alone, give the same picture (the weakest 10 would not)
    assert few == charts.network_of_networks(nets, between.nlargest(10, "ties"), name="n", max_lines=None)
    assert few != charts.network_of_networks(nets, between.nsmallest(10, "ties"), name="n", max_lines=None)
    widths = [w for w, _ in _lines(every)]  # drawn weakest first: widths and opacities grow with the ties
    assert widths == sorted(widths) and widths[0] < widths[-1]
    assert [o for _, o in _lines(every)] == sorted(o for _, o in _lines(every))
    assert len(_lines(charts.network_of_networks(*_network(40, range(1, 781)), name="n"))) == charts.MAX_LINES


def test_network_of_networks_places_names_in_order_on_a_circle():
    nets = pd.DataFrame({"network": ["C", "A", "D", "B"], "members": [1, 4, 2, 8]})
    root = _tree(charts.network_of_networks(nets, pd.DataFrame(columns=["network_a", "network_b", "ties"]),
                                            name="n"))
    circles = _all(root, "circle")
    assert [c.find(f"{SVG}title").text for c in circles] == ["A", "B", "C", "D"]
    centre = [sum(float(c.get(k)) for c in circles) / 4 for k in ("cx", "cy")]
    radii = [math.dist(centre, (float(c.get("cx")), float(c.get("cy")))) for c in circles]
    assert max(radii) - min(radii) < 0.05
    areas = [float(c.get("r")) ** 2 for c in circles]  # 40 + 500 x members / most members
    assert [a / areas[1] for a in areas] == pytest.approx([(40 + 500 * m / 8) / 540 for m in (4, 8, 1, 2)], abs=1e-3)
    a, b = circles[0], circles[2]  # A on top, C at the bottom
    assert float(a.get("cy")) < centre[1] < float(b.get("cy"))


def test_network_of_networks_draws_no_line_for_ties_of_shared_members_only():
    # N1-N3 are linked only through people in both (ties 0, via_shared 50): no line, as if the row were absent
    nets = pd.DataFrame({"network": ["N1", "N2", "N3"], "members": [5, 8, 3]})
    between = pd.DataFrame({"network_a": ["N1", "N1"], "network_b": ["N2", "N3"], "ties": [4, 0],
                            "via_shared": [1, 50]})
    svg = charts.network_of_networks(nets, between, name="n")
    assert svg == charts.network_of_networks(nets, between.head(1), name="n") and len(_lines(svg)) == 1


def test_dutch_ticks_have_a_decimal_comma_and_a_true_minus():
    labels = charts.tick_labels(charts.nice_ticks(-1, 1), NL)
    assert labels == ["−1,0", "−0,5", "0,0", "0,5", "1,0"]
    assert charts.tick_labels(charts.nice_ticks(0, 5230), NL)[-2:] == ["5.000", "6.000"]
    for svg in _all_charts():
        assert not [t for t in _texts(_tree(svg), "tick") if re.search(r"\d\.\d{1,2}$", t) or t.startswith("-")]


@pytest.mark.parametrize("low, high, most", [(0, 1, 5), (0, 7, 6), (0, 5230, 5), (-1, 1, 8), (0.013, 0.62, 4),
                                             (3, 3, 5), (0, 98765, 6)])
def test_nice_ticks_cover_the_range_in_1_2_5_steps(low, high, most):
    ticks = charts.nice_ticks(low, high, most)
    step = ticks[1] - ticks[0]
    assert ticks[0] <= low and ticks[-1] >= max(high, low + 1e-12) and len(ticks) - 1 <= most
    assert all(b - a == pytest.approx(step) for a, b in zip(ticks, ticks[1:], strict=False))
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 9) in (1, 2, 5)
    assert ticks[0] > low - step and ticks[-1] < max(high, low + 1) + step  # no empty step at either end


def test_colours_by_frequency():
    c = charts.colours(["b", "a", "b", "c", "a", "b"] + [f"x{i}" for i in range(20)])
    assert list(c)[:3] == ["b", "a", "c"] and c["b"] == charts.PALETTE[0]
    assert list(c.values()).count(charts.OTHER) == 23 - len(charts.PALETTE)


@pytest.mark.parametrize("labels", [None, HOSTILE], ids=["plain", "hostile"])
def test_no_text_reaches_past_the_edge(labels):
    """Every horizontal text, at its estimated width (DejaVu Sans), lies inside the chart's box (four networks: one
    label on each side of the circle, two of them long)."""
    names = labels or ["A", "B" * 80, "C", "D" * 30]
    four = charts.network_of_networks(pd.DataFrame({"network": names[:4], "members": [1, 2, 3, 4]}),
                                      pd.DataFrame(columns=["network_a", "network_b", "ties"]), name="n")
    for svg in [*_all_charts(labels), four]:
        root = _tree(svg)
        width = float(root.get("width"))
        moved = [g for g in root if (g.get("transform") or "").startswith("translate(")]  # network_of_networks
        dx = float(moved[0].get("transform")[10:].split()[0]) if moved else 0.0
        for e in _all(root, "text"):
            if e.get("transform") or not e.text:
                continue
            w = charts.text_width(e.text, float(e.get("font-size")))
            x = float(e.get("x")) + dx
            x0 = {"start": x, "middle": x - w / 2, "end": x - w}[e.get("text-anchor", "start")]
            assert x0 >= -0.5 and x0 + w <= width + 0.5, (root.get("class"), e.text, x0, w, width)


@pytest.mark.parametrize(("other", "unknown"), [("overig", "onbekend"), ("other", "unknown")])
def test_composition_keeps_a_value_spelled_like_the_other_or_unknown_label(other, unknown):
    """A real value 'overig'/'onbekend' (nl) or 'other'/'unknown' (en) is a value of its own: its members are
    drawn under its own colour, once, and 'other' stacks only the values past the palette; the segments are
    recomputed with pandas from the people."""
    from collabgraph.metrics.communities import composition

    people = pd.DataFrame({"domain": [other, other, unknown, "zorg", "uniek", None, other, "zorg", unknown],
                           "community": [0, 0, 0, 0, 0, 0, 1, 1, 1]}, index=[f"p{i}" for i in range(9)])
    rows = composition(people, people["community"], attributes=("domain",), min_size=1)
    colour_map = charts.colours(people["domain"].dropna())
    colour_map["uniek"] = charts.OTHER  # a value past the palette: stacked as 'other'
    root = _tree(charts.composition(rows, "domain", name="c", colour_map=colour_map, other=other, unknown=unknown,
                                    label="Cluster {id}"))
    drawn = {}  # per cluster (bar row, by y), label -> n from the titles
    for b in _bars(root):
        word, n = b.find(f"{SVG}title").text.rsplit(": ", 1)
        drawn.setdefault(b.get("y"), []).append((word, int(n)))
    expected = []
    for _, g in people.groupby("community"):
        counts = g["domain"].value_counts()
        segs = [(v, int(counts[v])) for v in colour_map if colour_map[v] != charts.OTHER and v in counts]
        past = int(sum(counts[v] for v in counts.index if colour_map[v] == charts.OTHER))
        missing = int(g["domain"].isna().sum())
        segs += [(other, past)] * (past > 0) + [(unknown, missing)] * (missing > 0)
        expected.append(segs)
    assert list(drawn.values()) == expected
    assert sum(n for segs in expected for _, n in segs) == len(people)
    legend = [g for g in root.iter(f"{SVG}g") if g.get("class") == "legend"][0]
    assert _texts(legend) == [v for v in colour_map if colour_map[v] != charts.OTHER] + [other, unknown]


@pytest.mark.parametrize(("low", "high"), [(0, 1e-12), (1, 1 + 1e-12), (0, 3e-15), (-2e-11, 5e-11)])
def test_nice_ticks_of_a_tiny_range_stay_distinct(low, high):
    """round(i * step, 10) collapsed every tick of a range below ~1e-10 to one value (review): nice_ticks(0, 1e-12)
    gave [0.0] * 6. The ticks are distinct, evenly spaced and cover the range."""
    ticks = charts.nice_ticks(low, high)
    steps = [b - a for a, b in zip(ticks, ticks[1:], strict=False)]
    assert len(set(ticks)) == len(ticks) >= 2 and ticks[0] <= low and ticks[-1] >= high
    assert steps == pytest.approx([steps[0]] * len(steps), rel=1e-6)


def test_charts_draw_nan_and_infinity_as_nothing():
    """NaN or infinite figures (review): activity drew y="nan" for a window's NaN people_active, ei_bars a line at
    an expected NaN, heatmap raised on a NaN cell and nice_ticks(0, inf) an OverflowError. Now a non-finite
    bar, cell, point or line is left out and every other one drawn as from the finite values (pandas)."""
    nan, inf = float("nan"), float("inf")
    frame = _frame().assign(people_active=[10, nan, 3, 40, inf, 12, 9, 1], ties=[30, 40, nan, 120, 5, inf, 7, 8])
    svgs = {"activity": charts.activity(frame, name="a", people_label="p", ties_label="t"),
            "timeline": charts.timeline(frame.assign(cross_share=[0.2, nan, inf, 0.5, 0.1, 0.2, 0.3, 0.4],
                                                     cross_expected=nan), name="t", observed_label="o",
                                        expected_label="e"),
            "ei": charts.ei_bars(pd.DataFrame({"group": ["a", "b", "c"], "ei_index": [0.5, nan, -inf]}), nan,
                                 name="e", observed_label="o", expected_label="e"),
            "heatmap": charts.heatmap(pd.DataFrame([[3, nan], [nan, 2]], index=["x", "y"], columns=["x", "y"]),
                                      name="h")}
    for svg in svgs.values():
        assert not re.search(r'="[^"]*(nan|inf)', svg, flags=re.I)
        _tree(svg)
    finite = frame["people_active"][np.isfinite(frame["people_active"])]
    bars = _bars(_tree(svgs["activity"]))
    _proportional([float(b.get("height")) for b in bars], finite.tolist())
    assert len(_bars(_tree(svgs["ei"]))) == 1
    assert not [e for e in _all(_tree(svgs["ei"]), "line") if e.get("stroke-dasharray") and e.get("y1") != e.get("y2")]
    heat = _tree(svgs["heatmap"])
    assert len(_all(heat, "rect")) == 2 and _texts(heat, "cell") == ["3", "2"]
    assert charts.nice_ticks(0, float("inf")) == charts.nice_ticks(0, 1)
    assert charts.nice_ticks(float("nan"), 5) == charts.nice_ticks(0, 5)
