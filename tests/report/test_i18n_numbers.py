"""i18n.number's own grouping against Babel's format_decimal, which it stands in for on plain decimals."""

from decimal import Decimal

import numpy as np
import pytest
from babel.numbers import format_decimal

from collabgraph.report.i18n import _decimal, _locale, number


def _babel(value, digits: int, lang: str) -> str:
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(Decimal(f"{value:.{digits}f}"), format=pattern, locale=_locale(lang))


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_number_writes_what_babel_writes(lang):
    rng = np.random.default_rng(0)
    values = [0, -0.0, -0.001, 0.5, -0.5, 1, 12, 999, 1000, -1000, 1234.5678, 999999.995, 10**12, -(10**15) - 0.25,
              float("inf"), float("-inf"), float("nan"), np.int64(1234567), np.float64(-12.345)]
    values += list(rng.normal(0, 1e6, 300)) + list(rng.uniform(-2, 2, 300)) + list(rng.integers(-10**9, 10**9, 300))
    _decimal.cache_clear()  # nothing from another test's texts
    for value in values:
        for digits in range(4):
            assert number(value, digits, lang) == _babel(value, digits, lang), (value, digits)
