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
_NOT_METRICS = {"with_network", "parse_period", "period_dataset", "active_people", "present_people", "inclusive_ends",
                "detached_groups", "network_density", "no_network_label"}


def test_unknown_names_raise_attribute_error():
    with pytest.raises(AttributeError, match="has no attribute 'nothing'"):
        collabgraph.metrics.nothing  # noqa: B018


#: Required arguments a metric takes after the dataset, positionally (the periods compared, an end date).
_REQUIRED = {"durability": ["programme_end"], "compare_periods": ["before", "after"], "compare": ["before", "after"]}


@pytest.mark.parametrize("name", sorted(collabgraph.METRICS))
def test_top_level_metrics_take_the_dataset_first_and_options_as_keywords(name):
    function = getattr(collabgraph, name)
    assert name in collabgraph.__all__ and inspect.isfunction(function)
    params = list(inspect.signature(function).parameters.values())
    assert params[0].name == "dataset", name
    positional = [p.name for p in params[1:] if p.kind is not p.KEYWORD_ONLY and p.kind is not p.VAR_KEYWORD]
    assert positional == _REQUIRED.get(name, []), name


def test_top_level_names_are_the_library_functions():
    assert collabgraph.compare is collabgraph.metrics.compare_periods
    assert collabgraph.ei_index is collabgraph.metrics.ei_index
    assert collabgraph.reach is importlib.import_module("collabgraph.metrics.reach").reach
    assert collabgraph.export.__name__ == "export_dataset"


def test_the_whole_api_works_from_the_top_level_on_the_example():
    ds = collabgraph.load_example()
    t = collabgraph.ties(ds)
    ei = collabgraph.ei_index(ds, by="domain", tie_table=t)
    # plain pandas from the tie table and people: the share of ties between two domains
    domain = ds.people["domain"].to_numpy()
    ends = t[["u", "v"]].to_numpy()
    known = (ds.people["domain"].notna().to_numpy()[ends]).all(axis=1)
    cross = (domain[ends[:, 0]] != domain[ends[:, 1]])[known]
    assert ei.share_external == pytest.approx(cross.mean())
    assert len(collabgraph.isolation(ds, tie_table=t).table) == len(ds.people)
