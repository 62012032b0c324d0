"""Static SVG charts of the report, written directly as SVG text: readable on screen and in print.

Each chart function returns an ``<svg>`` element (``role="img"``, ``width``, ``height`` and ``viewBox`` in
pixels, ``font-family="sans-serif"``) to be inlined in the page. No plotting library is involved: the charts
are a few rectangles, lines, circles and texts, so writing them costs milliseconds.

- Text from the data is escaped (``& < > " '``) and characters XML 1.0 forbids (C0 controls other than tab,
  newline and carriage return, U+FFFE, U+FFFF, lone surrogates) become U+FFFD, so no name breaks the page.
- A label longer than its room ends in an ellipsis; the whole text is the ``<title>`` of its group (a
  tooltip). Widths are estimated from the advance widths of DejaVu Sans (:data:`_ADVANCE`), the widest of
  the common sans-serif fonts, so text in Arial or Helvetica fits too.
- Numbers in coordinates are rounded to 2 decimals (:func:`_n`): the same input gives the same bytes.
- Ids (the hatch pattern of partial windows) start with the chart's ``name``, so two charts on one page
  never share an id. Tick labels are ``<text class="tick">``; legends are ``<g class="legend">``.
- Axis ticks are "nice numbers" (:func:`nice_ticks`, Heckbert 1990), written by the ``number(value,
  digits)`` callable the report passes (the report language's separators, e.g. ``0,25``) with as few
  decimals as the ticks need and a true minus sign.

Examples
--------
>>> import pandas as pd
>>> svg = heatmap(pd.DataFrame([[3, 1], [1, 2]], index=["a", "b"], columns=["a", "b"]), name="h")
>>> svg.startswith("<svg") and "<script" not in svg
True
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter

import numpy as np
import pandas as pd

__all__ = ["MAX_LINES", "PALETTE", "activity", "colours", "composition", "ei_bars", "form_bars", "heatmap",
           "network_of_networks", "nice_ticks", "small_multiples", "timeline"]

#: Categorical colours: ColorBrewer's 12-class qualitative "Paired" (Brewer 2003), its six dark colours first,
#: then the six light ones; every two differ by a CIEDE2000 colour difference of at least 13.8, and from the
#: grey of "other" by at least 14.9 (tests/report/test_palette.py). Not all twelve stay apart for colour-blind
#: readers (red/green pairs); the map's tooltip and the charts' legends name each value.
PALETTE = ["#1f78b4", "#33a02c", "#e31a1c", "#ff7f00", "#6a3d9a", "#b15928", "#a6cee3", "#b2df8a",
           "#fb9a99", "#fdbf6f", "#cab2d6", "#ffff99"]
OTHER = "#B0B0B0"
#: Lines drawn at most in :func:`network_of_networks` (the pairs of networks with most ties).
MAX_LINES = 500
INK = "#1f2933"
MUTED = "#6b7785"
AXIS = "#c5ccd3"
GRID = "#e6e9ed"
#: ColorBrewer's 9-class "Blues" (Brewer 2003), the heatmap's scale from 0 to the largest count.
BLUES = ["#f7fbff", "#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c", "#08306b"]
#: Font sizes in pixels: axis labels and ticks, legends and cell counts, small multiples.
FONT, SMALL, TINY = 12, 11, 10

#: Advance widths (em) of DejaVu Sans for printable ASCII (its hmtx table, units per em 2048); other
#: characters: 1 em when East Asian wide (CJK, emoji), 0 for combining marks and format characters, else 0.7.
_ADVANCE = dict(zip(map(chr, range(32, 127)), [
    0.318, 0.401, 0.46, 0.838, 0.636, 0.95, 0.78, 0.275, 0.39, 0.39, 0.5, 0.838, 0.318, 0.361, 0.318, 0.337,
    0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.337, 0.337, 0.838, 0.838, 0.838,
    0.531, 1.0, 0.684, 0.686, 0.698, 0.77, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, 0.748,
    0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, 0.39, 0.337, 0.39, 0.838,
    0.5, 0.5, 0.613, 0.635, 0.55, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, 0.634,
    0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, 0.636, 0.337, 0.636,
    0.838], strict=True))
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def _escape(text) -> str:
    """``text`` as XML character data or attribute value: escaped, forbidden characters replaced by U+FFFD.

    >>> _escape("<a href='x'>&\\x00")
    '&lt;a href=&#39;x&#39;&gt;&amp;\\ufffd'
    """
    return _FORBIDDEN.sub("\ufffd", str(text)).translate(_ESCAPE)


def _n(value: float) -> str:
    """A coordinate rounded to 2 decimals, without trailing zeros (``-0`` is ``0``).

    >>> _n(3.14159), _n(2.0), _n(-0.001)
    ('3.14', '2', '0')
    """
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _el(tag: str, content: str | None = None, **attrs) -> str:
    """An element: numbers rounded by :func:`_n`, other values escaped, ``None`` and numbers that are not finite
    (NaN, infinity: never valid SVG) left out; ``stroke_width=`` is written ``stroke-width``, ``class_=``
    ``class``. ``content`` is inserted as is (already SVG).

    >>> _el("rect", x=1.005, y=float("nan"), class_="bar")
    '<rect x="1" class="bar"/>'
    """
    parts = [tag]
    for key, value in attrs.items():
        number = isinstance(value, (int, float, np.integer, np.floating))
        if value is None or (number and not math.isfinite(value)):
            continue
        text = _n(value) if number else _escape(value)
        parts.append(f'{key.rstrip("_").replace("_", "-")}="{text}"')
    head = "<" + " ".join(parts)
    return head + "/>" if content is None else f"{head}>{content}</{tag}>"


def _advance(ch: str) -> float:
    if ch in _ADVANCE:
        return _ADVANCE[ch]
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0.0
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.7


def text_width(text: str, size: float) -> float:
    """Estimated width in pixels of ``text`` at font size ``size`` (DejaVu Sans advance widths).

    >>> round(text_width("zorg", 10), 1)
    21.8
    """
    return size * sum(_advance(ch) for ch in str(text))


def _fit(text: str, size: float, width: float | None) -> str:
    """``text`` cut to ``width`` pixels, ending in an ellipsis when cut.

    >>> _fit("Ouderenzorg Noord-Drenthe", 10, 80)
    'Ouderenzorg…'
    """
    text = str(text)
    if width is None or text_width(text, size) <= width:
        return text
    room, used, keep = width - size * 1.0, 0.0, 0  # 1 em: the ellipsis
    for ch in text:
        used += size * _advance(ch)
        if used > room:
            break
        keep += 1
    return text[:keep].rstrip() + "…"


def _text(x: float, y: float, text, *, size: float = FONT, fill: str = INK, anchor: str = "start",
          va: str = "middle", width: float | None = None, rotate: float = 0, class_: str | None = None,
          weight: str | None = None) -> str:
    """A text at (x, y) (``va``: ``y`` is its middle, ``top`` or ``baseline``), rotated by ``rotate`` degrees
    (clockwise) about that point, cut to ``width`` pixels with the whole text as the ``<title>`` of a group."""
    full = str(text)
    shown = _fit(full, size, width)
    shift = {"middle": 0.35, "top": 0.8, "baseline": 0.0}[va] * size
    transform = f"rotate({_n(rotate)} {_n(x)} {_n(y)})" if rotate else None
    element = _el("text", _escape(shown), x=x, y=y + shift, font_size=size, fill=fill, text_anchor=anchor
                  if anchor != "start" else None, transform=transform, class_=class_, font_weight=weight)
    return element if shown == full else _el("g", _el("title", _escape(full)) + element)


def _svg(name: str, width: float, height: float, body: str, defs: str = "") -> str:
    """The ``<svg>`` element of a chart ``width`` x ``height`` pixels."""
    head = _el("svg", None, xmlns="http://www.w3.org/2000/svg", role="img", width=math.ceil(width),
               height=math.ceil(height), viewBox=f"0 0 {math.ceil(width)} {math.ceil(height)}",
               font_family="sans-serif", class_=f"chart-{name}")[:-2]
    return f"{head}>" + (f"<defs>{defs}</defs>" if defs else "") + body + "</svg>"


def _id(name: str, what: str) -> str:
    """An id unique on the page: the chart's ``name`` (letters, digits, ``-`` and ``_`` kept) and ``what``."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", f"chart-{name}-{what}")


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """At most ``most`` + 1 evenly spaced "nice" ticks covering ``low`` to ``high``.

    The step is 1, 2 or 5 times a power of ten (Heckbert, P. S. 1990, "Nice numbers for graph labels", in
    *Graphics Gems*, Academic Press, 61-63), the smallest that gives at most ``most`` intervals (as
    matplotlib's ``MaxNLocator`` chooses); the ticks start at or below ``low`` and end at or above ``high``.

    Examples
    --------
    A bound that is not finite (NaN, infinity: no finite value to show) is taken as 0 (``low``) or ``low`` + 1
    (``high``). Each tick is rounded to the decimals of the step, so tiny ranges keep distinct ticks.

    >>> nice_ticks(0, 5230), nice_ticks(-1, 1)
    ([0.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0], [-1.0, -0.5, 0.0, 0.5, 1.0])
    >>> nice_ticks(0, 1e-12, most=2), nice_ticks(0, float("inf"))
    ([0.0, 5e-13, 1e-12], [0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    """
    low = low if math.isfinite(low) else 0.0
    if not (math.isfinite(high) and high > low):
        high = low + 1
    power = math.floor(math.log10((high - low) / most))
    for exponent in (power, power + 1):
        for mantissa in (1, 2, 5):
            step = mantissa * 10.0 ** exponent
            first, last = math.floor(low / step + 1e-9), math.ceil(high / step - 1e-9)
            if last - first <= most:
                return [round(i * step, max(0, -exponent)) + 0.0 for i in range(first, last + 1)]
    raise AssertionError("a step of 10 ** (power + 1) always fits")  # pragma: no cover


def _plain(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def tick_labels(ticks: list[float], number=None) -> list[str]:
    """Tick labels written by ``number(value, digits)`` (default: plain ``f"{value:.{digits}f}"``) with as few
    decimals as the ticks need (at most 3) and a true minus sign (U+2212).

    >>> tick_labels([-0.5, 0, 0.25], lambda x, d: f"{x:.{d}f}".replace(".", ","))
    ['−0,50', '0,00', '0,25']
    """
    number = number or _plain
    digits = next((d for d in range(4) if all(abs(round(x, d) - x) < 1e-9 for x in ticks)), 3)
    return [("−" if round(x, digits) < 0 else "") + number(abs(x), digits) for x in ticks]


def _scale(d0: float, d1: float, r0: float, r1: float):
    """The linear map of the data interval [d0, d1] onto the pixels [r0, r1]."""
    k = (r1 - r0) / (d1 - d0) if d1 != d0 else 0.0
    return lambda v: r0 + (v - d0) * k


def _line(x1, y1, x2, y2, stroke: str, width: float = 1, dash: str | None = None, opacity=None) -> str:
    return _el("line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=stroke, stroke_width=width, stroke_dasharray=dash,
               stroke_opacity=opacity)


def _polyline(xs, ys, colour: str, width: float = 2, dash: str | None = None) -> str:
    """A line through the points, broken where y is missing (NaN) or not finite."""
    out, run = [], []
    for x, y in [*zip(xs, ys, strict=True), (0.0, math.nan)]:
        if not math.isfinite(y):
            if len(run) > 1:
                out.append(_el("polyline", points=" ".join(f"{_n(a)},{_n(b)}" for a, b in run), fill="none",
                               stroke=colour, stroke_width=width, stroke_dasharray=dash,
                               stroke_linejoin="round"))
            run = []
        else:
            run.append((x, y))
    return "".join(out)


def _points(xs, ys, colour: str, hollow, r: float = 4) -> str:
    """Points on a line; ``hollow`` ones (partial windows) white inside."""
    return "".join(_el("circle", cx=x, cy=y, r=r, fill="white" if h else colour, stroke=colour,
                       stroke_width=1.5 if h else None, class_="point")
                   for x, y, h in zip(xs, ys, hollow, strict=True) if math.isfinite(y))


def _swatch(kind: str, colour: str, x: float, y: float) -> str:
    """A legend's key, 22 x 12 pixels from (x, y - 6): a bar, a line, a dashed line or a line with a point."""
    if kind == "bar":
        return _el("rect", x=x + 4, y=y - 5, width=14, height=10, fill=colour)
    dash = "5 3" if kind == "dashed" else None
    point = _el("circle", cx=x + 11, cy=y, r=3.5, fill=colour) if kind == "point" else ""
    return _line(x, y, x + 22, y, colour, 2 if kind == "point" else 1.5, dash) + point


def _legend(items: list[tuple[str, str, str]], x: float, y: float, width: float) -> tuple[str, float]:
    """A legend of (kind, colour, label) items in rows from (x, y) within ``width`` pixels; its SVG and height."""
    out, cx, cy = [], x, y + 8
    for kind, colour, label in items:
        w = 28 + min(text_width(label, SMALL), 220) + 16
        if cx > x and cx + w > x + width:
            cx, cy = x, cy + 18
        out.append(_swatch(kind, colour, cx, cy) + _text(cx + 28, cy, label, size=SMALL, width=220))
        cx += w
    return _el("g", "".join(out), class_="legend"), cy + 10 - y


def _window_room(labels: list[str]) -> float:
    """Room left of the plot for the first window label when it is slanted 45° (:func:`_window_labels`)."""
    return 0.71 * min(text_width(labels[0], FONT), 200) - 10 if labels else 0.0


def _window_labels(xs, labels: list[str], y: float, step: float) -> tuple[str, float]:
    """Window labels under an x axis at ``y``: flat when each fits its ``step``, else slanted 45°; the SVG and
    the height they take."""
    widths = [text_width(s, FONT) for s in labels]
    if max(widths, default=0) <= step - 6:
        return "".join(_text(x, y + 6, s, anchor="middle", va="top", fill=MUTED, class_="tick")
                       for x, s in zip(xs, labels, strict=True)), FONT + 10
    out = "".join(_text(x + 4, y + 8, s, anchor="end", fill=MUTED, rotate=-45, width=200, class_="tick")
                  for x, s in zip(xs, labels, strict=True))
    return out, min(max(widths), 200) * 0.71 + FONT + 10


def _y_axis(scale, ticks: list[float], labels: list[str], x: float, grid: tuple[float, float] | None,
            right: bool = False) -> str:
    """Tick labels beside ``x`` (left or right of the plot), with horizontal gridlines across ``grid``."""
    out = [_line(grid[0], scale(v), grid[1], scale(v), GRID) for v in ticks] if grid else []
    out += [_text(x + 6 if right else x - 6, scale(v), s, anchor="start" if right else "end", fill=MUTED,
                  class_="tick") for v, s in zip(ticks, labels, strict=True)]
    return "".join(out)


def _x_axis(scale, ticks: list[float], labels: list[str], y: float, span: tuple[float, float]) -> str:
    """An axis line across ``span`` at ``y`` with tick marks and labels under it."""
    out = [_line(span[0], y, span[1], y, AXIS)]
    for v, s in zip(ticks, labels, strict=True):
        out.append(_line(scale(v), y, scale(v), y + 4, AXIS))
        out.append(_text(scale(v), y + 7, s, anchor="middle", va="top", fill=MUTED, class_="tick"))
    return "".join(out)


def _label_width(labels, size: float = FONT, most: float = 200) -> float:
    return min(max((text_width(s, size) for s in labels), default=0), most)


def colours(values) -> dict[str, str]:
    """Colour per value (sorted by frequency, then name): the palette for the most common, grey after.

    >>> colours(["zorg", "welzijn", "zorg"]) == {"zorg": PALETTE[0], "welzijn": PALETTE[1]}
    True
    """
    n = Counter(str(v) for v in values if not pd.isna(v))  # each value's text, missing ones left out
    order = sorted(n, key=lambda v: (-n[v], v))
    return {v: PALETTE[i] if i < len(PALETTE) else OTHER for i, v in enumerate(order)}


def _blue(share: float) -> str:
    """The colour of ``share`` (0-1) on :data:`BLUES`, interpolated linearly in RGB."""
    position = min(max(share, 0.0), 1.0) * (len(BLUES) - 1)
    i = min(int(position), len(BLUES) - 2)
    f = position - i
    a, b = (tuple(int(c[k:k + 2], 16) for k in (1, 3, 5)) for c in BLUES[i:i + 2])
    return "#" + "".join(f"{round(p + (q - p) * f):02x}" for p, q in zip(a, b, strict=True))


def heatmap(matrix: pd.DataFrame, *, name: str, hidden: set | None = None, hidden_label: str = "<3",
            number=lambda x: f"{x:,.0f}") -> str:
    """Ties between groups as a blue heatmap with the counts written in the cells.

    ``hidden`` groups (too small to show) get ``hidden_label`` in their row and column (an empty cell); ``number``
    formats a count (e.g. with the report language's thousands separator). A cell darker than 60% of the
    largest shown count has white text.

    >>> m = pd.DataFrame([[3, 1], [1, 2]], index=["zorg", "welzijn"], columns=["zorg", "welzijn"])
    >>> svg = heatmap(m, name="h")
    >>> svg.count('class="cell"'), ">3<" in svg
    (4, True)
    """
    hidden = hidden or set()
    labels = [str(x) for x in matrix.index]
    values = matrix.to_numpy(dtype=float)
    k = len(labels)
    mask = np.array([[a in hidden or b in hidden for b in labels] for a in labels], dtype=bool).reshape(k, k)
    texts = [[hidden_label if mask[i, j] else number(values[i, j]) if np.isfinite(values[i, j]) else ""
              for j in range(k)] for i in range(k)]
    mask |= ~np.isfinite(values)  # a cell without a count (NaN): no colour and no text, as an empty cell
    shown = values[~mask]
    top = float(shown.max()) if shown.size and shown.max() > 0 else 1.0
    cell = max(44, max((text_width(s, SMALL) for row in texts for s in row), default=0) + 12)
    label_w = _label_width(labels, most=180)
    slant = math.cos(math.radians(35))
    left = 8 + max(label_w + 8, *(min(text_width(s, FONT), 180) * slant - (j + 0.5) * cell
                                   for j, s in enumerate(labels)), 0)
    top_y, size = 8, k * cell
    out = []
    for i in range(k):
        for j in range(k):
            x, y = left + j * cell, top_y + i * cell
            if not mask[i, j]:
                out.append(_el("rect", x=x, y=y, width=cell, height=cell, fill=_blue(values[i, j] / top)))
            dark = not mask[i, j] and values[i, j] > 0.6 * top
            if texts[i][j]:  # "" for a cell without a count
                out.append(_text(x + cell / 2, y + cell / 2, texts[i][j], size=SMALL, anchor="middle",
                                 fill="white" if dark else INK, class_="cell"))
    for i, s in enumerate(labels):
        out.append(_text(left - 8, top_y + (i + 0.5) * cell, s, anchor="end", fill=MUTED, width=180))
        out.append(_text(left + (i + 0.5) * cell + 4, top_y + size + 8, s, anchor="end", fill=MUTED, rotate=-35,
                         width=180))
    height = top_y + size + 8 + label_w * math.sin(math.radians(35)) + FONT + 6
    return _svg(name, left + size + 8, height, "".join(out))


def ei_bars(groups: pd.DataFrame, expected: float | None, *, name: str, observed_label: str,
            expected_label: str, number=None) -> str:
    """Horizontal bars of each group's E-I index (highest on top) on a scale from -1 to 1, with the value
    under random mixing as a dashed line; ``number`` writes the axis' numbers (:func:`tick_labels`).

    >>> g = pd.DataFrame({"group": ["zorg", "welzijn", "wonen"], "ei_index": [-0.5, 0.2, float("nan")]})
    >>> ei_bars(g, 0.1, name="e", observed_label="observed", expected_label="random").count('class="bar"')
    2
    """
    g = groups[np.isfinite(groups["ei_index"].astype(float))]  # an undefined index (NaN) has no bar
    g = g.sort_values("ei_index", ascending=False, kind="stable")
    expected = expected if expected is not None and math.isfinite(expected) else None  # undefined: no line
    labels = [str(x) for x in g["group"]]
    width, row = 640, 26
    left = _label_width(labels) + 16
    items = [("bar", PALETTE[0], observed_label)] + ([("dashed", INK, expected_label)] if expected is not None
                                                    else [])
    legend, legend_h = _legend(items, left, 4, width - left)
    y0 = legend_h + 10
    y1 = y0 + max(len(g), 2) * row
    x = _scale(-1.05, 1.05, left, width - 16)
    ticks = nice_ticks(-1, 1, most=8)  # steps of 0.5
    out = [legend, _line(x(0), y0, x(0), y1, AXIS)]
    for i, (label, value) in enumerate(zip(labels, g["ei_index"].astype(float), strict=True)):
        y = y0 + (i + 0.5) * row
        out.append(_el("rect", x=min(x(0), x(value)), y=y - 0.3 * row, width=abs(x(value) - x(0)), height=0.6 * row,
                       fill=PALETTE[0], class_="bar"))
        out.append(_text(left - 8, y, label, anchor="end", fill=MUTED, width=200))
    if expected is not None:
        out.append(_line(x(expected), y0, x(expected), y1, INK, 1.5, "5 3"))
    out.append(_x_axis(x, ticks, tick_labels(ticks, number), y1, (left, width - 16)))
    out.append(_text((left + width - 16) / 2, y1 + 34, "E-I", anchor="middle"))
    return _svg(name, width, y1 + 46, "".join(out))


def _partial(frame: pd.DataFrame) -> np.ndarray:
    """Which windows are partial (none when the frame has no ``partial`` column)."""
    return frame["partial"].to_numpy(bool) if "partial" in frame else np.zeros(len(frame), bool)


def timeline(frame: pd.DataFrame, *, name: str, observed_label: str, expected_label: str, number=None) -> str:
    """``cross_share`` per window (a timeline's windows) in % on a 0-100 scale, with ``cross_expected`` of random
    mixing dashed; the points of ``partial`` windows are hollow (their labels should say so too).

    >>> f = pd.DataFrame({"label": ["2021", "2022"], "cross_share": [0.2, 0.4], "cross_expected": [0.5, 0.5],
    ...                   "partial": [False, True]})
    >>> timeline(f, name="t", observed_label="observed", expected_label="random").count('class="point"')
    2
    """
    width, height = 720, 200
    ticks = nice_ticks(0, 100, most=5)
    labels = tick_labels(ticks, number)
    windows = frame["label"].astype(str).tolist()
    left = max(24 + _label_width(labels) + 8, _window_room(windows))
    legend, legend_h = _legend([("point", PALETTE[0], observed_label), ("dashed", MUTED, expected_label)], left, 4,
                               width - left)
    y0 = legend_h + 10
    y = _scale(0, 100, y0 + height, y0)
    n = len(frame)
    step = (width - 8 - left) / max(n, 1)
    xs = [left + (i + 0.5) * step for i in range(n)]
    share = [y(100 * v) for v in frame["cross_share"].astype(float)]
    expected = [y(100 * v) for v in frame["cross_expected"].astype(float)]
    windows, windows_h = _window_labels(xs, windows, y(0), step)
    out = [legend, _y_axis(y, ticks, labels, left, (left, width - 8)), _line(left, y(0), width - 8, y(0), AXIS),
           _text(10, y(50), "%", anchor="middle", fill=INK), _polyline(xs, expected, MUTED, 1.5, "5 3"),
           _polyline(xs, share, PALETTE[0], 2), _points(xs, share, PALETTE[0], _partial(frame)), windows]
    return _svg(name, width, y(0) + windows_h, "".join(out))


def _hatch(name: str, colour: str) -> tuple[str, str]:
    """A pattern of diagonal stripes for partial windows: its ``<pattern>`` and ``url(#id)``."""
    pid = _id(name, "hatch")
    pattern = _el("pattern", _el("rect", width=6, height=6, fill=colour, fill_opacity=0.35)
                  + _line(0, 0, 0, 6, colour, 2.5), id=pid, patternUnits="userSpaceOnUse", width=6, height=6,
                  patternTransform="rotate(45)")
    return pattern, f"url(#{pid})"


def activity(frame: pd.DataFrame, *, name: str, people_label: str, ties_label: str, number=None) -> str:
    """Active people (bars, left axis) and ties (line, right axis) per window; ``partial`` windows hatched and
    hollow. Both axes start at 0.

    >>> f = pd.DataFrame({"label": ["2021", "2022"], "people_active": [10, 12], "ties": [30, 40],
    ...                   "partial": [False, True]})
    >>> svg = activity(f, name="a", people_label="people", ties_label="ties")
    >>> svg.count('class="bar"'), svg.count('fill="url(#chart-a-hatch)" class="bar"')
    (2, 1)
    """
    width, height = 720, 180
    partial = _partial(frame)
    active = frame["people_active"].to_numpy(float)
    ties = frame["ties"].to_numpy(float)
    left_ticks = nice_ticks(0, max(float(active[np.isfinite(active)].max(initial=0)), 1), most=5)
    right_ticks = nice_ticks(0, max(float(ties[np.isfinite(ties)].max(initial=0)), 1), most=5)
    left_labels, right_labels = tick_labels(left_ticks, number), tick_labels(right_ticks, number)
    windows = frame["label"].astype(str).tolist()
    left = max(30 + _label_width(left_labels) + 8, _window_room(windows))
    right = width - 30 - _label_width(right_labels) - 8
    pattern, hatched = _hatch(name, PALETTE[4])
    bar = ("bar", PALETTE[4] if not partial.all() else hatched, people_label)
    legend, legend_h = _legend([bar, ("point", PALETTE[5], ties_label)], left, 4, right - left)
    y0 = legend_h + 10
    yl = _scale(0, left_ticks[-1], y0 + height, y0)
    yr = _scale(0, right_ticks[-1], y0 + height, y0)
    n = len(frame)
    step = (right - left) / max(n, 1)
    xs = [left + (i + 0.5) * step for i in range(n)]
    out = [legend, _y_axis(yl, left_ticks, left_labels, left, (left, right)),
           _y_axis(yr, right_ticks, right_labels, right, None, right=True),
           _line(left, yl(0), right, yl(0), AXIS), _line(right, y0, right, yl(0), AXIS)]
    for x, value, part in zip(xs, active, partial, strict=True):
        if not math.isfinite(value):  # not counted (NaN): no bar, as for 0
            continue
        out.append(_el("rect", x=x - 0.3 * step, y=yl(value), width=0.6 * step, height=yl(0) - yl(value),
                       fill=hatched if part else PALETTE[4], class_="bar"))
    line = [yr(v) for v in ties]
    out += [_polyline(xs, line, PALETTE[5], 2), _points(xs, line, PALETTE[5], partial),
            _text(10, yl(left_ticks[-1] / 2), people_label, anchor="middle", rotate=-90, width=height),
            _text(width - 10, yr(right_ticks[-1] / 2), ties_label, anchor="middle", rotate=90, width=height)]
    labels, windows_h = _window_labels(xs, windows, yl(0), step)
    out.append(labels)
    return _svg(name, width, yl(0) + windows_h, "".join(out), pattern)


def network_of_networks(networks: pd.DataFrame, between: pd.DataFrame, *, name: str,
                        max_lines: int | None = MAX_LINES) -> str:
    """Learning networks on a circle (area: members), joined by lines (width and opacity: ``ties`` between members).

    A line is drawn for a pair with ``ties`` > 0: ties between a member of one network and a member of
    the other who are not in both (:func:`collabgraph.metrics.pollination.pollination`); ties of
    shared members (``via_shared``) draw none.

    Networks are placed in name order clockwise from the top, so programmes with a common prefix sit together;
    labels point outwards. Only the ``max_lines`` pairs with most ties are drawn (None: every pair), weakest
    first so the strongest lie on top. A node's area is 40 + 500 x its share of the largest network's members
    (in pt², as the matplotlib chart before it).

    Examples
    --------
    >>> svg = network_of_networks(pd.DataFrame({"network": ["N1", "N2"], "members": [5, 8]}),
    ...                           pd.DataFrame({"network_a": ["N1"], "network_b": ["N2"], "ties": [4]}), name="n")
    >>> svg.count("<path") == 1 and svg.count("<circle") == 2
    True
    """
    nodes = sorted(map(str, networks["network"]))
    members = dict(zip(networks["network"].astype(str), networks["members"].astype(int), strict=True))
    radius = 200
    angle = {n: math.pi / 2 - 2 * math.pi * i / max(len(nodes), 1) for i, n in enumerate(nodes)}
    pos = {n: (radius * math.cos(a), -radius * math.sin(a)) for n, a in angle.items()}
    top = max(int(between["ties"].max()) if len(between) else 1, 1)
    lines = between[between["network_a"].astype(str).isin(pos) & between["network_b"].astype(str).isin(pos)
                    & (between["ties"] > 0)]
    lines = lines.sort_values(["ties", "network_a", "network_b"])
    lines = lines.tail(max_lines) if max_lines is not None else lines
    out = []
    for a, b, ties in zip(lines["network_a"].astype(str), lines["network_b"].astype(str), lines["ties"], strict=True):
        share = float(ties) / top
        (xa, ya), (xb, yb) = pos[a], pos[b]
        out.append(_el("path", d=f"M{_n(xa)} {_n(ya)}L{_n(xb)} {_n(yb)}", stroke_width=0.4 + 8 * share,
                       stroke_opacity=0.15 + 0.5 * share))
    body = [_el("g", "".join(out), stroke=PALETTE[0], stroke_linecap="round", fill="none", class_="lines")]
    biggest = max(members.values(), default=1) or 1
    circles, labels = [], []
    box = [0.0, 0.0, 0.0, 0.0]  # x0, y0, x1, y1 of everything drawn, around the centre
    for n in nodes:
        r = math.sqrt(40 + 500 * members[n] / biggest) / 2 * 4 / 3  # the diameter in pt, as pixels
        x, y = pos[n]
        circles.append(_el("circle", _el("title", _escape(n)), cx=x, cy=y, r=r, fill=PALETTE[0], stroke="white",
                           stroke_width=2))
        a = angle[n]
        ux, uy = math.cos(a), -math.sin(a)
        sx, sy = (radius + 24) * ux, (radius + 24) * uy
        left = ux < -1e-9
        degrees = -math.degrees(a) + (180 if left else 0)
        w = min(text_width(n, SMALL), 220)
        labels.append(_text(sx, sy, n, size=SMALL, anchor="end" if left else "start", rotate=degrees, width=220))
        for px, py in ((sx, sy), (sx + w * ux, sy + w * uy), (x - r, y - r), (x + r, y + r)):
            for dx, dy in ((0.7 * SMALL * uy, -0.7 * SMALL * ux), (-0.7 * SMALL * uy, 0.7 * SMALL * ux)):
                box = [min(box[0], px + dx), min(box[1], py + dy), max(box[2], px + dx), max(box[3], py + dy)]
    body += circles + labels
    x0, y0 = box[0] - 6, box[1] - 6
    group = _el("g", "".join(body), transform=f"translate({_n(-x0)} {_n(-y0)})")
    return _svg(name, box[2] + 6 - x0, box[3] + 6 - y0, group)


def composition(rows: list[dict], attribute: str, *, name: str, colour_map: dict[str, str], other: str,
                unknown: str, label: str, axis: str = "people", number=None) -> str:
    """Stacked horizontal bars: members of each cluster per value of ``attribute``.

    ``rows`` are the composition dicts of :func:`collabgraph.metrics.communities.composition`
    (largest clusters first, drawn from the top); ``label`` is a format string with ``{id}``, ``axis`` the title of
    the x axis (what a bar's length counts, in the page's language). Values coloured
    :data:`OTHER` by ``colour_map`` are stacked together as ``other``, members without a value as ``unknown``.
    The legend (under the bars) names the values drawn; without any bar (no member with a value or a missing
    one) there is no legend.

    >>> rows = [{"id": 1, "composition": {"domain": {"counts": {"zorg": 3, "wonen": 1}, "missing": 1}}}]
    >>> svg = composition(rows, "domain", name="c", colour_map={"zorg": PALETTE[0], "wonen": OTHER},
    ...                   other="other", unknown="unknown", label="Cluster {id}")
    >>> re.findall("<title>([^<]*)</title>", svg)
    ['zorg: 3', 'other: 1', 'unknown: 1']
    """
    number = number or _plain
    names = [label.format(id=r["id"]) for r in rows]
    series = []  # keyed by sentinels, so a value spelled like the other/unknown label stays a value of its own
    keys = [*(("value", v) for v, c in colour_map.items() if c != OTHER), ("other",), ("unknown",)]
    for key in keys:
        widths = []
        for r in rows:
            comp = r["composition"].get(attribute, {"counts": {}, "missing": 0})
            if key[0] == "unknown":
                widths.append(comp["missing"])
            elif key[0] == "other":
                widths.append(sum(v for k, v in comp["counts"].items() if colour_map.get(k, OTHER) == OTHER))
            else:
                widths.append(comp["counts"].get(key[1], 0))
        if sum(widths):
            word, colour = ((unknown, "#e3e7eb") if key[0] == "unknown" else (other, OTHER) if key[0] == "other"
                            else (key[1], colour_map[key[1]]))
            series.append((word, colour, widths))
    totals = [sum(s[2][i] for s in series) for i in range(len(rows))]
    width, row = 680, 26
    left = _label_width(names) + 16
    ticks = nice_ticks(0, max(max(totals, default=0), 1), most=(width - 16 - left) // 60)
    x = _scale(0, ticks[-1], left, width - 16)
    y1 = 8 + max(len(rows), 1) * row
    out = []
    for i, n in enumerate(names):
        y = 8 + (i + 0.5) * row
        out.append(_text(left - 8, y, n, anchor="end", fill=MUTED, width=200))
        start = 0
        for key, colour, widths in series:
            if widths[i]:
                out.append(_el("rect", _el("title", _escape(f"{key}: {number(widths[i], 0)}")), x=x(start),
                               y=y - 0.33 * row, width=x(widths[i]) - x(0), height=0.66 * row, fill=colour,
                               stroke="white", stroke_width=0.5, class_="bar"))
                start += widths[i]
    out.append(_x_axis(x, ticks, tick_labels(ticks, number), y1, (left, width - 16)))
    out.append(_text((left + width - 16) / 2, y1 + 34, axis, anchor="middle"))
    height = y1 + 46
    if series:
        legend, legend_h = _legend([("bar", colour, key) for key, colour, _ in series], left, height,
                                   width - 16 - left)
        out.append(legend)
        height += legend_h + 6
    return _svg(name, width, height, "".join(out))


def small_multiples(frame: pd.DataFrame, *, name: str, number=None, columns: int = 4) -> str:
    """One small line chart per ``network`` of ``cross_share`` (0-1, drawn in %) per window, in a grid.

    ``frame`` has ``network``, ``label`` (the windows, in order, the same for every network), ``cross_share``
    (NaN: no tie, a gap in the line) and optionally ``partial`` (hollow points). Every panel has the same
    scale (0 to 100%, gridlines at 0, 50% and 100%, labelled in the first column), so the networks can be
    compared at a glance; the first and last window are written under the bottom panel of each column;
    ``number`` writes the %-labels.

    Examples
    --------
    >>> f = pd.DataFrame({"network": ["A", "A", "B", "B"], "label": ["2021Q1", "2021Q2"] * 2,
    ...                   "cross_share": [0.2, 0.5, float("nan"), 0.1]})
    >>> svg = small_multiples(f, name="q")
    >>> svg.count("<polyline") == 1 and ">B<" in svg
    True
    """
    number = number or _plain
    parts = dict(list(frame.groupby(frame["network"].astype(str), sort=False)))  # in order of appearance
    networks = list(parts)
    rows = max(1, -(-len(networks) // columns))
    percent = [number(100 * f, 0) + "%" for f in (0, 0.5, 1)]
    left = _label_width(percent, TINY) + 10
    cell_w, cell_h, plot_w, plot_h = 190, 130, 160, 70  # a panel's cell, and its plot inside (title above)
    out = []
    for i, network in enumerate(networks):
        col, row = i % columns, i // columns
        x0, y0 = left + col * cell_w, 8 + row * cell_h + 22  # the plot's top left
        y = _scale(0, 1, y0 + plot_h, y0)
        part = parts[network]
        k = len(part)
        xs = [x0 + plot_w * j / max(k - 1, 1) for j in range(k)]
        ys = [y(v) for v in part["cross_share"].astype(float)]
        out += [_line(x0, y(f), x0 + plot_w, y(f), GRID) for f in (0, 0.5, 1)]
        out.append(_text(x0, y0 - 14, network, size=SMALL, width=cell_w - 14))
        out += [_polyline(xs, ys, PALETTE[0], 1.6), _points(xs, ys, PALETTE[0], _partial(part), r=2.5)]
        if col == 0:
            out += [_text(x0 - 5, y(f), s, size=TINY, anchor="end", fill=MUTED, class_="tick")
                    for f, s in zip((0, 0.5, 1), percent, strict=True)]
        if k and i + columns >= len(networks):  # the bottom panel of its column: first and last window
            labels = part["label"].astype(str).tolist()
            out.append(_text(xs[0], y(0) + 6, labels[0], size=TINY, fill=MUTED, va="top", width=plot_w / 2))
            if k > 1:
                out.append(_text(xs[-1], y(0) + 6, labels[-1], size=TINY, fill=MUTED, va="top", anchor="end",
                                 width=plot_w / 2))
    return _svg(name, left + min(len(networks), columns) * cell_w, 8 + rows * cell_h + 12, "".join(out))


def form_bars(panels: list[tuple[str, pd.DataFrame]], *, name: str, value: str, number=None) -> str:
    """Horizontal bars of ``value`` per ``form`` (first on top), one panel per (title, frame) side by side (kinds,
    sizes), on one scale from 0 so the panels compare.

    A form whose value is missing (no person-hours, no dates) draws no bar.

    Examples
    --------
    >>> f = pd.DataFrame({"form": ["casus", "plenair"], "rate": [0.3, 0.1]})
    >>> form_bars([("kind", f)], name="f", value="rate").count('class="bar"')
    2
    """
    rows = max((len(frame) for _, frame in panels), default=1)
    values = [frame[value].astype(float).to_numpy() for _, frame in panels]
    most = max((float(np.nanmax(v)) for v in values if np.isfinite(v).any()), default=0.0)
    ticks = nice_ticks(0, most if most > 0 else 1, most=4)
    labels = tick_labels(ticks, number)
    row, panel_w, out, x_left = 26, 340, [], 0.0
    y0 = 30
    y1 = y0 + rows * row
    label_w = _label_width([str(f) for _, frame in panels for f in frame["form"]], SMALL, 150)
    for (title, frame), vals in zip(panels, values, strict=True):
        forms = [str(f) for f in frame["form"]]
        left = x_left + label_w + 14
        right = x_left + panel_w - 16
        x = _scale(0, ticks[-1], left, right)
        out.append(_text(left, 14, title, weight="bold", width=right - left))
        for i, (form, v) in enumerate(zip(forms, vals, strict=True)):
            y = y0 + (i + 0.5) * row
            out.append(_text(left - 6, y, form, size=SMALL, anchor="end", fill=MUTED, width=150))
            if np.isfinite(v):
                out.append(_el("rect", x=left, y=y - 0.3 * row, width=x(v) - left, height=0.6 * row,
                               fill=PALETTE[0], class_="bar"))
        out.append(_line(left, y0, left, y1, AXIS))
        out.append(_x_axis(x, ticks, labels, y1, (left, right)))
        x_left += panel_w
    return _svg(name, max(x_left, panel_w), y1 + 30, "".join(out))
