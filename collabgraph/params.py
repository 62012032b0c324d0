"""Parameter checks: one rule language and one message form for every public function.

The room of this module: the argument checks of the library (not of input files; those are
:mod:`collabgraph.io.validate`). In the style of scikit-learn's ``validate_params``: a function
declares a list of allowed rules per parameter, and a value that matches none of them raises
:class:`~collabgraph.errors.ParameterError` with the message ``"NAME must be RULE; got VALUE."``.
Rules are ``None`` (the value may be None), an :class:`Interval`, an :class:`Options`, or a type
(``str``, ``bool``, ``dict``...). Booleans are never whole numbers here (``True`` is not 1).

Examples
--------
>>> @validate_params({"k": [None, Interval(int, 1, None)], "method": [Options(["leiden", "louvain"])]})
... def f(k=None, method="leiden"):
...     return k, method
>>> f(3, "louvain")
(3, 'louvain')
>>> f(0)
Traceback (most recent call last):
...
collabgraph.errors.ParameterError: k must be None or a whole number >= 1; got 0.
>>> check("share", 1.5, Interval(float, 0, 1, closed="right"))
Traceback (most recent call last):
...
collabgraph.errors.ParameterError: share must be a number in (0, 1]; got 1.5.
"""

from __future__ import annotations

import functools
import inspect
import numbers
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from collabgraph.errors import ParameterError

__all__ = ["Interval", "Options", "check", "validate_params"]


@dataclass(frozen=True)
class Interval:
    """Numbers from ``left`` to ``right`` (None: unbounded); ``kind`` is ``int`` (whole numbers) or ``float``.

    ``closed`` is ``"both"`` (default), ``"left"``, ``"right"`` or ``"neither"``. ``float`` accepts
    whole numbers too; neither accepts booleans or NaN.

    >>> Interval(int, 0, None).describe(), Interval(float, 0, 1, closed="neither").describe()
    ('a whole number >= 0', 'a number in (0, 1)')
    """

    kind: type
    left: float | None
    right: float | None
    closed: str = "both"

    def accepts(self, value) -> bool:
        if isinstance(value, bool):
            return False
        if not isinstance(value, numbers.Integral if self.kind is int else numbers.Real):
            return False
        if value != value:  # NaN
            return False
        low_ok = self.left is None or (value >= self.left if self.closed in ("both", "left") else value > self.left)
        high_ok = self.right is None or (value <= self.right if self.closed in ("both", "right")
                                         else value < self.right)
        return bool(low_ok and high_ok)

    def describe(self) -> str:
        noun = "a whole number" if self.kind is int else "a number"
        if self.left is not None and self.right is not None:
            return (f"{noun} in {'[' if self.closed in ('both', 'left') else '('}{self.left:g}, "
                    f"{self.right:g}{']' if self.closed in ('both', 'right') else ')'}")
        if self.left is not None:
            return f"{noun} {'>=' if self.closed in ('both', 'left') else '>'} {self.left:g}"
        if self.right is not None:
            return f"{noun} {'<=' if self.closed in ('both', 'right') else '<'} {self.right:g}"
        return noun


@dataclass(frozen=True)
class Options:
    """One of a fixed set of values (shown in the given order; a single value as its repr).

    >>> Options(["day", "week"]).describe(), Options(["auto"]).describe(), Options([-1]).describe()
    ('one of day, week', "'auto'", '-1')
    """

    values: Iterable

    def accepts(self, value) -> bool:
        try:
            return value in tuple(self.values)
        except (TypeError, ValueError):  # an unhashable value or an array
            return False

    def describe(self) -> str:
        values = tuple(self.values)
        return repr(values[0]) if len(values) == 1 else f"one of {', '.join(map(str, values))}"


def _describe(rule) -> str:
    if rule is None:
        return "None"
    if isinstance(rule, type):
        return {str: "a text", bool: "True or False", dict: "a dict", list: "a list"}.get(rule, f"a {rule.__name__}")
    return rule.describe()


def _accepts(rule, value) -> bool:
    if rule is None:
        return value is None
    if rule is bool:  # numpy's booleans too (a column's value, np.True_); never 1, 0 or 'no'
        return isinstance(value, (bool, np.bool_))
    if isinstance(rule, type):
        return isinstance(value, rule)
    return rule.accepts(value)


def check(name: str, value, *rules) -> None:
    """Raise ``ParameterError("NAME must be RULE; got VALUE.")`` unless ``value`` matches one of ``rules``.

    >>> check("n", 5, Interval(int, 1, None))
    >>> check("n", True, Interval(int, 1, None))
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: n must be a whole number >= 1; got True.
    >>> check("directed", "no", bool, None)
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: directed must be True, False or None; got 'no'.
    """
    if not any(_accepts(rule, value) for rule in rules):
        described = [part for rule in rules for part in (("True", "False") if rule is bool else (_describe(rule),))]
        text = described[0] if len(described) == 1 else ", ".join(described[:-1]) + " or " + described[-1]
        raise ParameterError(f"{name} must be {text}; got {value!r}.")


def validate_params(rules: dict[str, list]) -> Callable:
    """Decorator: check the named parameters of each call against their rules before the function runs.

    Parameters not named in ``rules`` are not checked; a parameter left at its default is checked too
    (so a wrong default fails its own doctest). A numpy boolean given for a ``bool`` rule reaches the
    function as a Python bool.

    >>> @validate_params({"directed": [bool, None]})
    ... def f(*, directed=None):
    ...     return directed
    >>> f(directed=np.True_) is True
    True
    """

    def decorate(function: Callable) -> Callable:
        signature = inspect.signature(function)
        unknown = set(rules) - set(signature.parameters)
        if unknown:
            raise TypeError(f"{function.__qualname__} has no parameter {', '.join(sorted(unknown))}")

        @functools.wraps(function)
        def checked(*args, **kwargs):
            bound = signature.bind(*args, **kwargs)
            bound.apply_defaults()
            for name, allowed in rules.items():
                check(name, bound.arguments[name], *allowed)
                if isinstance(bound.arguments[name], np.bool_):
                    bound.arguments[name] = bool(bound.arguments[name])
            return function(*bound.args, **bound.kwargs)

        return checked

    return decorate
