"""The parameter-check helper: every message has the form "NAME must be RULE; got VALUE."."""

import math

import numpy as np
import pytest

from collabgraph.errors import ParameterError
from collabgraph.params import Interval, Options, check, validate_params


@pytest.mark.parametrize("rule, good, bad, text", [
    (Interval(int, 0, None), [0, 5, np.int64(3)], [-1, 1.5, True, "3", None], "a whole number >= 0"),
    (Interval(float, 0, 1, closed="right"), [1, 0.5, np.float64(0.1)], [0, 1.01, math.nan, False],
     "a number in (0, 1]"),
    (Interval(float, 0, 1, closed="neither"), [0.5], [0, 1], "a number in (0, 1)"),
    (Interval(float, None, 10, closed="neither"), [-5, 9.9], [10], "a number < 10"),
    (Options(["leiden", "louvain"]), ["leiden"], ["Leiden", None, ["leiden"], np.array([1, 2])],
     "one of leiden, louvain"),
    (Options(["auto"]), ["auto"], ["Auto", None], "'auto'"),
    (Options([-1]), [-1], [0, True, "-1"], "-1"),
])
def test_rules_accept_and_describe(rule, good, bad, text):
    assert rule.describe() == text
    for value in good:
        check("x", value, rule)
    for value in bad:
        with pytest.raises(ParameterError) as err:
            check("x", value, rule)
        assert str(err.value) == f"x must be {text}; got {value!r}."


def test_several_rules_read_as_alternatives():
    check("k", None, None, Interval(int, 1, None))
    with pytest.raises(ParameterError, match=r"^k must be None, a text or a whole number >= 1; got 0\.$"):
        check("k", 0, None, str, Interval(int, 1, None))


def test_decorator_checks_positional_keyword_and_default_arguments():
    @validate_params({"n": [Interval(int, 1, None)], "how": [Options(["a", "b"])]})
    def f(data, n=1, *, how="a"):
        return data, n, how

    assert f("d", 2, how="b") == ("d", 2, "b")
    assert f.__name__ == "f"
    with pytest.raises(ParameterError, match=r"^n must be a whole number >= 1; got 0\.$"):
        f("d", 0)
    with pytest.raises(ParameterError, match=r"^how must be one of a, b; got 'c'\.$"):
        f("d", how="c")
    with pytest.raises(TypeError):
        validate_params({"missing": [None]})(f)
