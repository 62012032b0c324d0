"""Static SVG charts of the report (matplotlib, no pyplot state), readable on screen and in print.

Every chart is drawn on its own :class:`matplotlib.figure.Figure` and returned as SVG text to be
inlined in the page. Output is deterministic: no date in the metadata, a fixed ``svg.hashsalt``
per chart (so ids differ between charts on one page), text kept as text. Labels from the data are
plain text: mathtext is off (a ``$`` in a name is just a dollar) and matplotlib escapes ``<``,
``>`` and ``&`` in SVG.

Examples
--------
>>> import pandas as pd
>>> svg = heatmap(pd.DataFrame([[3, 1], [1, 2]], index=["a", "b"], columns=["a", "b"]), name="h")
>>> svg.startswith("<svg") and "<script" not in svg
True
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
from matplotlib import rc_context, rcParams
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import RendererSVG
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

__all__ = ["MAX_LINES", "PALETTE", "NumberFormatter", "activity", "colours", "composition", "ei_bars", "form_bars",
           "heatmap", "network_of_networks", "small_multiples", "timeline"]

#: Colour-blind-safe categorical colours (Okabe & Ito 2008, then Tableau 10), grey for "other".
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#4E79A7",
           "#59A14F", "#B07AA1", "#9C755F", "#76B7B2"]
OTHER = "#B0B0B0"
#: Lines drawn at most in :func:`network_of_networks` (the pairs of networks with most ties).
MAX_LINES = 500
INK = "#1f2933"
MUTED = "#6b7785"
#: The size attributes of matplotlib's ``<svg>`` element, replaced by the cut-out box in :func:`_svg`.
_SIZE = re.compile(r'width="[^"]*" height="[^"]*" viewBox="[^"]*"')
_STYLE = {"font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
          "font.size": 10, "axes.edgecolor": "#c5ccd3", "axes.labelcolor": INK, "xtick.color": MUTED,
          "ytick.color": MUTED, "axes.spines.top": False, "axes.spines.right": False, "svg.fonttype": "none",
          "text.parse_math": False, "axes.titlesize": 11, "legend.frameon": False}


class NumberFormatter(Formatter):
    """Tick labels written by ``number(value, digits)`` (the report language's separators, e.g. ``0,25``),
    with as few decimals as the ticks need (at most 3) and a true minus sign, as matplotlib writes it.

    Examples
    --------
    >>> f = NumberFormatter(lambda x, d: f"{x:.{d}f}".replace(".", ","))
    >>> f.format_ticks([-0.5, 0, 0.25])
    ['−0,50', '0,00', '0,25']
    """

    def __init__(self, number):
        self.number = number
        self.digits = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        self.digits = next((d for d in range(4) if all(abs(round(x, d) - x) < 1e-9 for x in locs)), 3)

    def __call__(self, x, pos=None):
        text = self.number(abs(x), self.digits)
        return "−" + text if round(x, self.digits) < 0 else text


def _numbers(number, *axes) -> None:
    """Numeric tick labels of ``axes`` by :class:`NumberFormatter` (matplotlib's own when ``number`` is None)."""
    if number is not None:
        for axis in axes:
            axis.set_major_formatter(NumberFormatter(number))


def colours(values) -> dict[str, str]:
    """Colour per value (sorted by frequency, then name): the palette for the most common, grey after."""
    counts = pd.Series(list(values), dtype=object).dropna().astype(str).value_counts()
    order = sorted(counts.index, key=lambda v: (-counts[v], v))
    return {v: PALETTE[i] if i < len(PALETTE) else OTHER for i, v in enumerate(order)}


def _svg(fig: Figure, name: str) -> str:
    """The chart as SVG text, cut to what is drawn (``savefig(bbox_inches="tight")``'s box) in one draw.

    savefig with ``bbox_inches="tight"`` draws a figure twice (once to measure, once to write it, each
    measuring every text again). Here the figure is drawn once, as ``savefig(format="svg")`` would draw it
    (an SVG renderer at 72 dpi, images at the figure's dpi); the tight box is then measured with that renderer
    (its text extents cached by the draw) and the SVG's ``width``, ``height`` and ``viewBox`` cut it out: the
    same picture as savefig's, in the coordinates of the whole figure.
    """
    buffer = io.StringIO()
    dpi = fig.dpi
    width, height = fig.get_size_inches()
    with rc_context({"svg.hashsalt": f"collabgraph-{name}"}):
        fig.dpi = 72
        try:
            svg = RendererSVG(width * 72, height * 72, buffer, image_dpi=dpi, metadata={"Date": None})
            renderer = MixedModeRenderer(fig, width, height, dpi, svg)
            fig.draw(renderer)
            renderer.finalize()
            pad = rcParams["savefig.pad_inches"]
            box = fig.get_tightbbox(renderer).padded(pad, pad)
        finally:
            fig.dpi = dpi
    text = buffer.getvalue()
    x0, y0, w, h = (72 * v for v in (box.x0, height - box.y1, box.width, box.height))
    pt = [f"{v:f}".rstrip("0").rstrip(".") for v in (x0, y0, w, h)]  # as matplotlib writes SVG numbers
    size = f'width="{pt[2]}pt" height="{pt[3]}pt" viewBox="{" ".join(pt)}"'
    text = text[text.index("<svg"):]
    head = text[:text.index(">")]
    return text.replace(head, _SIZE.sub(size, head).replace("<svg ", '<svg role="img" ', 1), 1)


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=100)


def heatmap(matrix: pd.DataFrame, *, name: str, hidden: set | None = None, hidden_label: str = "<3",
            number=lambda x: f"{x:,.0f}") -> str:
    """Ties between groups as a blue heatmap with the counts written in the cells.

    ``hidden`` groups (too small to show) get ``hidden_label`` in their row and column; ``number``
    formats a count (e.g. with the report language's thousands separator).
    """
    hidden = hidden or set()
    labels = [str(x) for x in matrix.index]
    values = matrix.to_numpy(dtype=float)
    k = len(labels)
    with rc_context(_STYLE):
        fig = _figure(max(4.5, 0.65 * k + 2.2), max(3.2, 0.5 * k + 1.5))
        ax = fig.add_subplot()
        shown = values.copy()
        mask = np.array([[a in hidden or b in hidden for b in labels] for a in labels], dtype=bool).reshape(k, k)
        shown[mask] = np.nan
        ax.imshow(shown, cmap="Blues", vmin=0, vmax=np.nanmax(shown) if np.isfinite(shown).any() else 1)
        top = np.nanmax(shown) if np.isfinite(shown).any() else 1
        for i in range(k):
            for j in range(k):
                text = hidden_label if mask[i, j] else number(values[i, j])
                dark = not mask[i, j] and values[i, j] > 0.6 * top
                ax.text(j, i, text, ha="center", va="center", fontsize=9, color="white" if dark else INK)
        ax.set_xticks(range(k), labels, rotation=35, ha="right")
        ax.set_yticks(range(k), labels)
        ax.tick_params(length=0)
        for side in ("left", "bottom"):
            ax.spines[side].set_visible(False)
        return _svg(fig, name)


def ei_bars(groups: pd.DataFrame, expected: float | None, *, name: str, observed_label: str,
            expected_label: str, number=None) -> str:
    """Horizontal bars of each group's E-I index, with the random-mixing value as a dashed line; ``number``
    formats the axis' numbers (:class:`NumberFormatter`)."""
    g = groups.dropna(subset=["ei_index"]).sort_values("ei_index")
    with rc_context(_STYLE):
        fig = _figure(6.4, max(2.2, 0.34 * len(g) + 1.0))
        ax = fig.add_subplot()
        ax.barh([str(x) for x in g["group"]], g["ei_index"], color=PALETTE[0], height=0.6, label=observed_label)
        if expected is not None:
            ax.axvline(expected, color=INK, linestyle="--", linewidth=1.2, label=expected_label)
        ax.axvline(0, color="#c5ccd3", linewidth=0.8)
        ax.set_xlim(-1.05, 1.05)
        ax.set_xlabel("E-I")
        _numbers(number, ax.xaxis)
        ax.legend(loc="lower right", fontsize=8)
        return _svg(fig, name)


def _window_ticks(ax, x: np.ndarray, frame: pd.DataFrame) -> None:
    """Window labels under the x axis, slanted when there are many or long ones."""
    labels = frame["label"].astype(str)
    flat = len(frame) <= 8 and labels.str.len().max() <= 9 * 8 / max(len(frame), 1)
    ax.set_xticks(x, labels, rotation=0 if flat else 45, ha="center" if flat else "right")


def _partial(frame: pd.DataFrame) -> np.ndarray:
    """Which windows are partial (none when the frame has no ``partial`` column)."""
    return frame["partial"].to_numpy(bool) if "partial" in frame else np.zeros(len(frame), bool)


def timeline(frame: pd.DataFrame, *, name: str, observed_label: str, expected_label: str, number=None) -> str:
    """``cross_share`` per window (a timeline's windows), with ``cross_expected`` of random mixing; the
    points of ``partial`` windows are hollow (their labels should say so too)."""
    with rc_context(_STYLE):
        fig = _figure(7.2, 3.0)
        ax = fig.add_subplot()
        x = np.arange(len(frame))
        share = 100 * frame["cross_share"].astype(float).to_numpy()
        ax.plot(x, share, marker="o", color=PALETTE[0], linewidth=2, label=observed_label)
        partial = _partial(frame)
        ax.plot(x[partial], share[partial], linestyle="none", marker="o", markerfacecolor="white",
                markeredgecolor=PALETTE[0], markeredgewidth=1.5)  # a partial window: a hollow point
        ax.plot(x, 100 * frame["cross_expected"].astype(float), linestyle="--", color=MUTED, linewidth=1.2,
                label=expected_label)
        _window_ticks(ax, x, frame)
        ax.set_ylim(0, 100)
        ax.set_ylabel("%")
        _numbers(number, ax.yaxis)
        ax.grid(axis="y", color="#e6e9ed")
        ax.legend(loc="upper left", fontsize=8, ncols=2)
        return _svg(fig, name)


def activity(frame: pd.DataFrame, *, name: str, people_label: str, ties_label: str, number=None) -> str:
    """Active people (bars) and ties (line, right axis) per window; ``partial`` windows hatched and hollow."""
    with rc_context(_STYLE):
        fig = _figure(7.2, 2.8)
        ax = fig.add_subplot()
        x = np.arange(len(frame))
        partial = _partial(frame)
        active = frame["people_active"].to_numpy(float)
        full = ~partial  # the legend shows a full window's bar, a hatched one when all are partial
        ax.bar(x[full], active[full], color=PALETTE[4], width=0.6, label=people_label if full.any() else None)
        ax.bar(x[partial], active[partial], color=PALETTE[4], width=0.6, hatch="///", alpha=0.5,
               label=None if full.any() else people_label)
        ax.set_ylabel(people_label)
        right = ax.twinx()
        right.plot(x, frame["ties"], color=PALETTE[5], marker="o", linewidth=2, label=ties_label)
        right.plot(x[partial], frame["ties"].to_numpy(float)[partial], linestyle="none", marker="o",
                   markerfacecolor="white", markeredgecolor=PALETTE[5], markeredgewidth=1.5)
        right.set_ylabel(ties_label)
        right.spines["right"].set_visible(True)
        right.set_ylim(bottom=0)
        _numbers(number, ax.yaxis, right.yaxis)
        _window_ticks(ax, x, frame)
        handles = ax.get_legend_handles_labels()[0] + right.get_legend_handles_labels()[0]
        ax.legend(handles, [people_label, ties_label], loc="upper left", fontsize=8, ncols=2)
        return _svg(fig, name)


def network_of_networks(networks: pd.DataFrame, between: pd.DataFrame, *, name: str,
                        max_lines: int | None = MAX_LINES) -> str:
    """Learning networks on a circle (area: members), joined by lines (width: ``ties`` between members).

    A line is drawn for a pair with ``ties`` > 0: ties between a member of one network and a member of
    the other who are not in both (:func:`collabgraph.metrics.pollination.pollination`); ties of
    shared members (``via_shared``) draw none.

    Networks are placed in name order, so programmes with a common prefix sit together; labels point
    outwards. Only the ``max_lines`` pairs with most ties are drawn (None: every pair), as one line
    collection, so 200 networks linked pairwise stay a small, quick SVG.

    Examples
    --------
    >>> svg = network_of_networks(pd.DataFrame({"network": ["N1", "N2"], "members": [5, 8]}),
    ...                           pd.DataFrame({"network_a": ["N1"], "network_b": ["N2"], "ties": [4]}), name="n")
    >>> svg.count("<path") > 0
    True
    """
    nodes = sorted(map(str, networks["network"]))
    members = dict(zip(networks["network"].astype(str), networks["members"].astype(int), strict=True))
    angle = {n: np.pi / 2 - 2 * np.pi * i / max(len(nodes), 1) for i, n in enumerate(nodes)}
    pos = {n: (np.cos(a), np.sin(a)) for n, a in angle.items()}
    with rc_context(_STYLE):
        fig = _figure(7.6, 6.4)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_aspect("equal")
        top = max(int(between["ties"].max()) if len(between) else 1, 1)
        lines = between[between["network_a"].astype(str).isin(pos) & between["network_b"].astype(str).isin(pos)
                        & (between["ties"] > 0)]
        lines = lines.sort_values(["ties", "network_a", "network_b"])
        lines = lines.tail(max_lines) if max_lines is not None else lines
        if len(lines):
            share = lines["ties"].to_numpy(float) / top
            segments = [[pos[str(a)], pos[str(b)]] for a, b in zip(lines["network_a"], lines["network_b"],
                                                                  strict=True)]
            colour = np.tile(to_rgba(PALETTE[0]), (len(lines), 1))
            colour[:, 3] = 0.15 + 0.5 * share
            ax.add_collection(LineCollection(segments, colors=colour, linewidths=0.3 + 6 * share, zorder=1,
                                             capstyle="round"))
        biggest = max(members.values(), default=1) or 1
        ax.scatter([pos[n][0] for n in nodes], [pos[n][1] for n in nodes],
                   s=[40 + 500 * members[n] / biggest for n in nodes], color=PALETTE[0], edgecolor="white",
                   linewidth=1.5, zorder=2)
        for n in nodes:
            a = angle[n]
            x, y = 1.13 * np.cos(a), 1.13 * np.sin(a)
            left = np.cos(a) < -1e-9
            degrees = np.degrees(a) + (180 if left else 0)
            ax.text(x, y, n, ha="right" if left else "left", va="center", rotation=degrees, rotation_mode="anchor",
                    fontsize=8, color=INK)
        ax.set_xlim(-2.1, 2.1)
        ax.set_ylim(-1.75, 1.75)
        return _svg(fig, name)


def composition(rows: list[dict], attribute: str, *, name: str, colour_map: dict[str, str], other: str,
                unknown: str, label: str, number=None) -> str:
    """Stacked horizontal bars: members of each cluster per value of ``attribute``.

    ``rows`` are the composition dicts of :func:`collabgraph.metrics.communities.composition`
    (largest clusters first); ``label`` is a format string with ``{id}``. The legend names the values drawn;
    without any bar (no member with a value or a missing one) there is no legend.
    """
    with rc_context(_STYLE):
        fig = _figure(7.2, max(2.2, 0.36 * len(rows) + 1.2))
        ax = fig.add_subplot()
        names = [label.format(id=r["id"]) for r in rows][::-1]
        left = np.zeros(len(rows))
        keys = list(colour_map)
        for key in [*keys, other, unknown]:
            widths = []
            for r in rows[::-1]:
                comp = r["composition"].get(attribute, {"counts": {}, "missing": 0})
                if key == unknown:
                    widths.append(comp["missing"])
                elif key == other:
                    widths.append(sum(v for k, v in comp["counts"].items() if colour_map.get(k, OTHER) == OTHER))
                elif colour_map[key] != OTHER:
                    widths.append(comp["counts"].get(key, 0))
                else:
                    widths.append(0)
            widths = np.asarray(widths, dtype=float)
            if widths.sum() == 0:
                continue
            colour = "#e3e7eb" if key == unknown else OTHER if key == other else colour_map[key]
            ax.barh(names, widths, left=left, color=colour, height=0.65, label=key, edgecolor="white", linewidth=0.5)
            left += widths
        ax.set_xlabel("n")
        _numbers(number, ax.xaxis)
        if left.any():  # a legend of no bars would be an empty box (and a matplotlib warning)
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18 if len(rows) > 4 else -0.3), ncols=4,
                      fontsize=8)
        return _svg(fig, name)


def small_multiples(frame: pd.DataFrame, *, name: str, number=None, columns: int = 4) -> str:
    """One small line chart per ``network`` of ``cross_share`` (0-1, drawn in %) per window, in a grid.

    ``frame`` has ``network``, ``label`` (the windows, in order, the same for every network), ``cross_share``
    (NaN: no tie, a gap in the line) and optionally ``partial`` (hollow points). Every panel has the same
    scale (0 to 100%, gridlines at 50% and 100%), so the networks can be compared at a glance; the first and
    last window are written under the bottom panels. The panels are drawn on one set of axes (one drawing
    pass instead of one per panel: 16 networks cost a tenth of 16 subplots); ``number`` writes the %-labels.

    Examples
    --------
    >>> f = pd.DataFrame({"network": ["A", "A", "B", "B"], "label": ["2021Q1", "2021Q2"] * 2,
    ...                   "cross_share": [0.2, 0.5, float("nan"), 0.1]})
    >>> svg = small_multiples(f, name="q")
    >>> svg.count('id="line2d_') >= 2 and ">B<" in svg
    True
    """
    number = number or (lambda x, digits: f"{x:.{digits}f}")
    networks = list(dict.fromkeys(frame["network"].astype(str)))
    rows = max(1, -(-len(networks) // columns))
    width, height = 0.82, 0.62  # of a cell (1 x 1): the rest is the gap and the title
    with rc_context(_STYLE):
        fig = _figure(2.3 * columns, 1.45 * rows + 0.4)
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_axis_off()
        grid = []
        for i, network in enumerate(networks):
            col, row = i % columns, i // columns
            x0, y0 = col, rows - 1 - row
            part = frame[frame["network"].astype(str) == network]
            k = len(part)
            x = x0 + width * (np.arange(k) / max(k - 1, 1))
            share = part["cross_share"].astype(float).to_numpy()
            y = y0 + height * share
            grid += [[(x0, y0 + height * f), (x0 + width, y0 + height * f)] for f in (0, 0.5, 1)]
            ax.plot(x, y, marker="o", markersize=2.5, color=PALETTE[0], linewidth=1.4)
            partial = _partial(part)
            ax.plot(x[partial], y[partial], linestyle="none", marker="o", markersize=2.5, markerfacecolor="white",
                    markeredgecolor=PALETTE[0])
            ax.text(x0, y0 + height + 0.08, network, fontsize=8, color=INK, va="bottom", ha="left")
            if col == 0:
                for f in (0, 0.5, 1):
                    ax.text(x0 - 0.03, y0 + height * f, number(100 * f, 0) + "%", fontsize=6.5, color=MUTED,
                            ha="right", va="center")
            if k and i + columns >= len(networks):  # the bottom panel of its column: first and last window
                labels = part["label"].astype(str).tolist()
                ends = [(0, "left")] + ([(k - 1, "right")] if k > 1 else [])
                for j, align in ends:
                    ax.text(x[j], y0 - 0.1, labels[j], fontsize=6.5, color=MUTED, ha=align, va="top")
        ax.add_collection(LineCollection(grid, colors="#e6e9ed", linewidths=0.8, zorder=0))
        ax.set_xlim(-0.3, columns)
        ax.set_ylim(-0.35, rows)
        return _svg(fig, name)


def form_bars(panels: list[tuple[str, pd.DataFrame]], *, name: str, value: str, number=None) -> str:
    """Horizontal bars of ``value`` per ``form``, one panel per (title, frame) side by side (kinds, sizes).

    A form whose value is missing (no person-hours, no dates) draws no bar.

    Examples
    --------
    >>> f = pd.DataFrame({"form": ["casus", "plenair"], "rate": [0.3, 0.1]})
    >>> form_bars([("kind", f)], name="f", value="rate").startswith("<svg")
    True
    """
    height = max(len(frame) for _, frame in panels) if panels else 1
    with rc_context(_STYLE):
        fig = _figure(3.6 * max(len(panels), 1), max(2.0, 0.34 * height + 1.1))
        axes = fig.subplots(1, max(len(panels), 1), squeeze=False)[0]
        for ax, (title, frame) in zip(axes, panels, strict=False):
            values = frame[value].astype(float).to_numpy()
            ax.barh([str(f) for f in frame["form"]][::-1], np.nan_to_num(values[::-1]), color=PALETTE[0],
                    height=0.6)
            ax.set_title(title, fontsize=9, loc="left")
            ax.tick_params(labelsize=8)
            _numbers(number, ax.xaxis)
        fig.tight_layout()
        return _svg(fig, name)
