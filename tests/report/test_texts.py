"""Tests for collabgraph/report/texts.py: the catalogue is complete in both languages, the locale picks one."""

from __future__ import annotations

import string

import pytest

from collabgraph.errors import ParameterError
from collabgraph.report.texts import CATALOGUE, Texts, default_language


def _fields(text: str) -> set:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_both_languages_with_the_same_fields(key):
    en, nl = CATALOGUE[key]
    assert en.strip() and nl.strip()
    assert _fields(en) == _fields(nl)


@pytest.mark.parametrize(("env", "lang"), [
    ({"LANG": "nl_NL.UTF-8"}, "nl"), ({"LANG": "en_GB.UTF-8"}, "en"), ({}, "en"),
    ({"LC_ALL": "nl_BE.UTF-8", "LANG": "en_US.UTF-8"}, "nl"), ({"LC_ALL": "C", "LANG": "nl_NL"}, "en"),
    ({"LC_ALL": "", "LC_MESSAGES": "nl_NL", "LANG": "en_US"}, "nl")])
def test_default_language(env, lang):
    # POSIX precedence: the first of LC_ALL, LC_MESSAGES, LANG that is set and not empty.
    assert default_language(env) == lang


def test_numbers():
    nl, en = Texts("nl"), Texts("en")
    assert (nl.num(12345.678, 1), en.num(12345.678, 1)) == ("12.345,7", "12,345.7")
    assert (nl.pct(0.384), en.pct(0.3849, 1), en.pct(None), en.num(float("nan"))) == ("38%", "38.5%", "–", "–")


def test_unknown_language():
    with pytest.raises(ParameterError, match="lang must be one of en, nl"):
        Texts("de")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_an_infinity_keeps_its_sign(lang):
    """Texts('nl').num(float('-inf')) wrote '∞' (review): the rule that drops the sign of a number rounding to zero
    took '-∞' for one. The sign is kept, as U+2212; a value rounding to zero still has none."""
    t = Texts(lang)
    assert t.num(float("-inf")) == "−∞" and t.num(float("inf")) == "∞"
    assert t.pct(float("-inf")) == "−∞%"
    assert t.num(-0.001, 2) == ("0,00" if lang == "nl" else "0.00") and t.num(-1.5, 1) == ("−1,5" if lang == "nl"
                                                                                             else "−1.5")
