"""The public names: every name in ``collabgraph.__all__`` and ``collabgraph.metrics.__all__`` exists,
is importable lazily, and has a docstring with a runnable example (its doctest runs with the module's)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import collabgraph
import collabgraph.metrics


def _documented(obj) -> bool:
    return ">>> " in (inspect.getdoc(obj) or "")


@pytest.mark.parametrize("package", [collabgraph, collabgraph.metrics], ids=lambda p: p.__name__)
def test_every_exported_name_exists_and_has_an_example(package):
    for name in package.__all__:
        obj = getattr(package, name)
        if name == "__version__":
            assert isinstance(obj, str)
            continue
        assert callable(obj), name
        assert _documented(obj), f"{package.__name__}.{name} has no example in its docstring"
        assert name in dir(package)


def test_metrics_exports_are_the_functions_of_their_modules_and_no_module_name():
    submodules = {m.name for m in pkgutil.iter_modules(collabgraph.metrics.__path__)}
    for name in collabgraph.metrics.__all__:
        obj = getattr(collabgraph.metrics, name)
        assert inspect.isfunction(obj) and obj.__module__.startswith("collabgraph.metrics."), name
        # a name that is also a module would be the module once that is imported
        assert name not in submodules, name
    # every public function of a metric module is exported, unless it shares its module's name
    for module in sorted(submodules):
        mod = importlib.import_module(f"collabgraph.metrics.{module}")
        functions = {n for n in getattr(mod, "__all__", []) if inspect.isfunction(getattr(mod, n))}
        assert not functions - set(collabgraph.metrics.__all__) - submodules - _NOT_METRICS, module


#: Public functions of metric modules that are plumbing or helpers, not metrics.
_NOT_METRICS = {"group_codes", "with_network", "parse_period", "period_dataset", "active_people", "iso_day",
                "parse_day", "tie_keys"}


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        collabgraph.metrics.nothing  # noqa: B018
