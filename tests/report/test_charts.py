"""Tests for collabgraph/report/charts.py: deterministic, inert SVG."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from matplotlib import rc_context

from collabgraph.report import charts


def _matrix():
    labels = ["<script>alert(1)</script>", "$x^2$ & co"]
    return pd.DataFrame([[3, 1], [1, 2]], index=labels, columns=labels)


def test_heatmap_is_deterministic_and_escaped():
    a, b = charts.heatmap(_matrix(), name="h"), charts.heatmap(_matrix(), name="h")
    assert a == b  # no date, fixed hash salt
    assert a.startswith("<svg") and "<script" not in a
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in a
    assert "$x^2$ &amp; co" in a  # no mathtext: the dollar signs stay text


def test_hidden_groups():
    svg = charts.heatmap(_matrix(), name="h", hidden={"$x^2$ & co"}, hidden_label="<3")
    assert svg.count("&lt;3") == 3  # the hidden group's row and column


def test_charts_render():
    frame = pd.DataFrame({"label": ["2020", "2021"], "cross_share": [0.2, 0.4], "cross_expected": [0.6, 0.6],
                          "people_active": [10, 12], "ties": [30, 40]})
    for svg in [charts.timeline(frame, name="t", observed_label="o", expected_label="e"),
                charts.activity(frame, name="a", people_label="p", ties_label="t"),
                charts.ei_bars(pd.DataFrame({"group": ["a", "b"], "ei_index": [-0.5, 0.3]}), 0.1, name="e",
                               observed_label="o", expected_label="e"),
                charts.network_of_networks(pd.DataFrame({"network": ["N1", "N2"], "members": [5, 8]}),
                                           pd.DataFrame({"network_a": ["N1"], "network_b": ["N2"], "ties": [4]}),
                                           name="n")]:
        assert svg.startswith("<svg") and "</svg>" in svg


def test_colours_by_frequency():
    c = charts.colours(["b", "a", "b", "c", "a", "b"] + [f"x{i}" for i in range(20)])
    assert list(c)[:3] == ["b", "a", "c"] and c["b"] == charts.PALETTE[0]
    assert list(c.values()).count(charts.OTHER) == 23 - len(charts.PALETTE)


def test_network_of_networks_draws_the_strongest_pairs():
    nets = pd.DataFrame({"network": [f"N{i:02d}" for i in range(30)], "members": [5] * 30})
    pairs = [(a, b) for a in range(30) for b in range(a + 1, 30)]
    between = pd.DataFrame({"network_a": [f"N{a:02d}" for a, _ in pairs], "network_b": [f"N{b:02d}" for _, b in pairs],
                            "ties": range(1, len(pairs) + 1)})
    every = charts.network_of_networks(nets, between, name="n", max_lines=None)
    few = charts.network_of_networks(nets, between, name="n", max_lines=10)
    assert len(few) < len(every)
    assert few == charts.network_of_networks(nets, between, name="n", max_lines=10)  # deterministic
    # the 10 pairs with most ties, drawn alone, give the same picture (the weakest 10 would not)
    assert few == charts.network_of_networks(nets, between.nlargest(10, "ties"), name="n", max_lines=None)
    assert few != charts.network_of_networks(nets, between.nsmallest(10, "ties"), name="n", max_lines=None)


def test_network_of_networks_draws_no_line_for_ties_of_shared_members_only():
    # N1-N3 are linked only through people in both (ties 0, via_shared 50): no line, as if the row were absent
    nets = pd.DataFrame({"network": ["N1", "N2", "N3"], "members": [5, 8, 3]})
    between = pd.DataFrame({"network_a": ["N1", "N1"], "network_b": ["N2", "N3"], "ties": [4, 0],
                            "via_shared": [1, 50]})
    assert charts.network_of_networks(nets, between, name="n") == charts.network_of_networks(
        nets, between.head(1), name="n")


def _all_charts() -> list[str]:
    """Every chart of the module once, on small frames with long labels (which make the tight box wide)."""
    frame = pd.DataFrame({"label": [f"2021 kwartaal {i}" for i in range(1, 9)], "cross_share": [0.2, 0.4] * 4,
                          "cross_expected": [0.6] * 8, "people_active": [10, 12] * 4, "ties": [30, 40] * 4,
                          "partial": [True] + [False] * 7})
    nets = pd.DataFrame({"network": ["Ouderenzorg Noord-Drenthe", "N2", "N3"], "members": [5, 8, 2]})
    rows = [{"id": i, "composition": {"domain": {"counts": {"zorg": 3, "welzijn": 2}, "missing": 1}}} for i in range(5)]
    return [charts.heatmap(_matrix(), name="h"),
            charts.ei_bars(pd.DataFrame({"group": ["a long group name", "b"], "ei_index": [-0.5, 0.3]}), 0.1,
                           name="e", observed_label="o", expected_label="e"),
            charts.timeline(frame, name="t", observed_label="o", expected_label="e"),
            charts.activity(frame, name="a", people_label="people", ties_label="ties"),
            charts.network_of_networks(nets, pd.DataFrame({"network_a": ["N2"], "network_b": ["N3"], "ties": [4]}),
                                       name="n"),
            charts.composition(rows, "domain", name="c", colour_map={"zorg": charts.PALETTE[0], "welzijn":
                               charts.PALETTE[1]}, other="other", unknown="unknown", label="Cluster {id}"),
            charts.small_multiples(frame.assign(network=["A"] * 4 + ["B"] * 4), name="q"),
            charts.form_bars([("kind", pd.DataFrame({"form": ["casus", "plenair"], "rate": [0.3, 0.1]}))],
                             name="f", value="rate")]


def _savefig_tight(fig, name: str) -> str:
    """The chart as matplotlib's ``savefig(bbox_inches="tight")`` writes it (two draws)."""
    buffer = io.StringIO()
    with rc_context({"svg.hashsalt": f"collabgraph-{name}"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


_TEXT = re.compile(r'<text style="([^"]*)" x="([^"]*)" y="([^"]*)" transform="rotate\(([^ ]*) [^)]*\)">([^<]*)</text>')
_SIZE = re.compile(r'<svg [^>]*width="([^"]*)pt" height="([^"]*)pt" viewBox="([^"]*)"')


def test_one_draw_shows_what_savefig_tight_shows(monkeypatch):
    """Drawn once and cut out by the viewBox, every chart has savefig(bbox_inches="tight")'s size, and every text
    (its words, style and angle) sits at the same place in the visible box (so nothing is cut off or moved)."""
    ours = _all_charts()
    monkeypatch.setattr(charts, "_svg", _savefig_tight)
    tight = _all_charts()
    for a, b in zip(ours, tight, strict=True):
        (w, h, box), (w0, h0, box0) = _SIZE.search(a).groups(), _SIZE.search(b).groups()
        x0, y0, *size = map(float, box.split())
        assert float(w) == pytest.approx(float(w0), abs=1e-4) and float(h) == pytest.approx(float(h0), abs=1e-4)
        assert size == pytest.approx([float(v) for v in box0.split()][2:], abs=1e-4)
        texts, texts0 = _TEXT.findall(a), _TEXT.findall(b)
        assert len(texts) == len(texts0) > 0
        for (style, x, y, angle, word), (style0, x_0, y_0, angle0, word0) in zip(texts, texts0, strict=True):
            assert (style, angle, word) == (style0, angle0, word0)
            assert float(x) - x0 == pytest.approx(float(x_0), abs=1e-4)
            assert float(y) - y0 == pytest.approx(float(y_0), abs=1e-4)


@pytest.mark.filterwarnings("error")
def test_composition_without_bars_draws_no_legend():
    """Clusters whose members have no known value and none missing (nothing to stack) leave no bar: no legend
    is drawn, so matplotlib has nothing to warn about ("No artists with labels found to put in legend")."""
    rows = [{"id": 1, "composition": {"domain": {"counts": {}, "missing": 0}}}]
    svg = charts.composition(rows, "domain", name="c", colour_map={"zorg": charts.PALETTE[0]}, other="other",
                             unknown="unknown", label="Cluster {id}")
    assert svg.startswith("<svg") and "legend" not in svg
    with_bars = [{"id": 1, "composition": {"domain": {"counts": {"zorg": 2}, "missing": 0}}}]
    assert "legend" in charts.composition(with_bars, "domain", name="c", colour_map={"zorg": charts.PALETTE[0]},
                                          other="other", unknown="unknown", label="Cluster {id}")
