"""The report's categorical colours (charts.PALETTE, also the map's): every two of the 12 clearly distinct."""

from __future__ import annotations

import itertools
import math

import pytest

from collabgraph.report import charts

#: The smallest CIEDE2000 difference allowed between two category colours, or a colour and "other"'s grey:
#: about 4x the just-noticeable difference (2.3), so small dots and legend swatches are told apart at a glance.
MIN_DELTA_E = 10.0


def _lab(colour: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB hex colour (IEC 61966-2-1; CIE 15:2004)."""
    rgb = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    xyz = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b, 0.2126729 * r + 0.7151522 * g + 0.0721750 * b,
           0.0193339 * r + 0.1191920 * g + 0.9503041 * b)
    f = [t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29
         for t in (xyz[0] / 0.95047, xyz[1] / 1.0, xyz[2] / 1.08883)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _ciede2000(lab1, lab2) -> float:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005, equations 1-22)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    h1 = math.degrees(math.atan2(b1, a1)) % 360 if c1 else 0.0
    h2 = math.degrees(math.atan2(b2, a2)) % 360 if c2 else 0.0
    dh = 0.0 if c1 * c2 == 0 else h2 - h1 - 360 * (h2 - h1 > 180) + 360 * (h2 - h1 < -180)
    d_big_h = 2 * math.sqrt(c1 * c2) * math.sin(math.radians(dh / 2))
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * math.cos(math.radians(h_mean - 30)) + 0.24 * math.cos(math.radians(2 * h_mean))
         + 0.32 * math.cos(math.radians(3 * h_mean + 6)) - 0.20 * math.cos(math.radians(4 * h_mean - 63)))
    rc = 2 * math.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7))
    rt = -math.sin(math.radians(60 * math.exp(-(((h_mean - 275) / 25) ** 2)))) * rc
    sl = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    sc, sh = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    return math.sqrt(((l2 - l1) / sl) ** 2 + ((c2 - c1) / sc) ** 2 + (d_big_h / sh) ** 2
                     + rt * ((c2 - c1) / sc) * (d_big_h / sh))


@pytest.mark.parametrize(("lab1", "lab2", "expected"), [  # pairs 1, 7, 17 and 25 of Sharma et al.'s table 1
    ((50, 2.6772, -79.7751), (50, 0, -82.7485), 2.0425), ((50, 0, 0), (50, -1, 2), 2.3669),
    ((50, 2.5, 0), (73, 25, -18), 27.1492), ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644)])
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert _ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)


def test_the_twelve_category_colours_and_other_are_mutually_distinct():
    assert len(charts.PALETTE) == 12 and len(set(charts.PALETTE)) == 12
    colours = [*charts.PALETTE, charts.OTHER]
    worst = min((_ciede2000(_lab(p), _lab(q)), p, q) for p, q in itertools.combinations(colours, 2))
    assert worst[0] > MIN_DELTA_E, worst
    # the pairs newuser2 saw on invs15's map (the old palette's 1st/8th blue, 4th/10th pink) were 6.3 and 5.8 apart
    assert _ciede2000(_lab("#0072B2"), _lab("#4E79A7")) < MIN_DELTA_E
    assert _ciede2000(_lab("#CC79A7"), _lab("#B07AA1")) < MIN_DELTA_E
