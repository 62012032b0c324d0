"""The import structure of collabgraph: no import cycles, no metric reaching into another module's privates.

Read from the source with :mod:`ast` (nothing is imported). Every import counts, at module level (also
inside ``if``/``try``/``with``) and inside functions (imported on first use, to keep start-up fast, but a
dependency all the same: a cycle hidden in a function is still two modules that need each other), except
those under ``if TYPE_CHECKING`` (annotations only, never run).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Package directories of the checkout and the module names they hold (pyproject's package-dir).
PACKAGES = {"collabgraph": ROOT / "collabgraph", "collabgraph.cli": ROOT / "cli",
            "collabgraph.datasets": ROOT / "datasets"}


def _modules() -> dict[str, Path]:
    out = {}
    for prefix, folder in PACKAGES.items():
        for path in sorted(folder.rglob("*.py")):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join([prefix, *parts])] = path
    return out


MODULES = _modules()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.Module):
    """Every ``import``/``from ... import`` statement that can run: at module level, in classes and in
    functions; not those under ``if TYPE_CHECKING``."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node):
            stack += node.orelse
        else:
            stack += ast.iter_child_nodes(node)


def _base(node: ast.ImportFrom, module: str, path: Path) -> str:
    """The absolute module name of ``from X import ...`` (relative ``X`` resolved)."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    package = package[: len(package) - node.level + 1]
    return ".".join(package + ([node.module] if node.module else []))


def _targets(node, module: str, path: Path) -> list[tuple[str, str | None]]:
    """The collabgraph modules a statement imports, each with the name taken from it (None: the module)."""
    if isinstance(node, ast.Import):
        return [(a.name, None) for a in node.names if a.name in MODULES]
    base = _base(node, module, path)
    out = []
    for alias in node.names:
        if f"{base}.{alias.name}" in MODULES:
            out.append((f"{base}.{alias.name}", None))
        elif base in MODULES:
            out.append((base, alias.name))
    return out


def imported_names(module: str) -> list[tuple[str, str | None]]:
    """Every collabgraph module ``module`` imports (on import or inside a function), each with the name taken
    from it (None: the module itself)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [t for node in _imports(tree) for t in _targets(node, module, path)]


def import_graph() -> dict[str, set[str]]:
    """Module -> the collabgraph modules it imports (on import or inside a function)."""
    return {module: {t for t, _ in imported_names(module) if t != module} for module in MODULES}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan 1972), each sorted."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def test_cycle_finder_finds_a_cycle_and_nothing_else():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert import_cycles(graph) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_import_reading_counts_every_import_that_can_run():
    tree = ast.parse("from typing import TYPE_CHECKING\nimport os\nif TYPE_CHECKING:\n    import a\n"
                     "try:\n    import b\nexcept ImportError:\n    import c\n"
                     "def f():\n    import d\n    if TYPE_CHECKING:\n        import e\n"
                     "class C:\n    import g\n    def m(self):\n        import h\n")
    names = sorted(a.name for n in _imports(tree) if isinstance(n, ast.Import) for a in n.names)
    assert names == ["b", "c", "d", "g", "h", "os"]


def test_imports_inside_functions_count_for_cycles():
    # issue 16: dataset imported io.validate.parse_dates inside a function while io.validate imports dataset;
    # the value parsers now live in io.values, which imports neither
    graph = import_graph()
    assert "collabgraph.io.values" in graph["collabgraph.dataset"]
    assert not {"collabgraph.dataset", "collabgraph.io.validate"} & graph["collabgraph.io.values"]


def test_the_checkout_is_read():
    assert {"collabgraph.graph", "collabgraph.tietable", "collabgraph.metrics.communities",
            "collabgraph.cli.common"} <= set(MODULES)
    assert "collabgraph.tietable" in import_graph()["collabgraph.graph"]


def test_no_import_cycles():
    assert import_cycles(import_graph()) == []


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m.startswith("collabgraph.metrics.")))
def test_metric_modules_import_no_private_names(module):
    private = [f"{target}.{name}" for target, name in imported_names(module)
               if name and name.startswith("_") and not name.startswith("__")]
    assert private == []


#: The layers of docs/architecture.md, in order: a module imports (on import) only from its own layer or
#: an earlier one. ``collabgraph`` itself (the package's __init__) is foundation: at import time it loads
#: only errors and names the rest lazily.
LAYERS = {
    "foundation": ["collabgraph", "collabgraph.errors", "collabgraph.params", "collabgraph.schema",
                   "collabgraph.serialize", "collabgraph.progress", "collabgraph.outputs", "collabgraph.texts",
                   "collabgraph.rolegroups", "collabgraph.background"],
    "input": ["collabgraph.io", "collabgraph.validation", "collabgraph.dataset"],
    "ties": ["collabgraph.tietable", "collabgraph.groups", "collabgraph.days", "collabgraph.kernels",
             "collabgraph.graph", "collabgraph.adjacency"],
    "engines": ["collabgraph.engines"],
    "metrics": ["collabgraph.metrics"],
    "orchestration": ["collabgraph.analysis", "collabgraph.privacy"],
    "output": ["collabgraph.report", "collabgraph.writers"],
    "interface": ["collabgraph.cli", "collabgraph.datasets"],
}


def layer_of(module: str) -> int:
    """Index of the module's layer in :data:`LAYERS` (the longest matching prefix wins; ``collabgraph`` itself
    is no prefix, or every module would have a layer)."""
    best, found = -1, None
    for i, prefixes in enumerate(LAYERS.values()):
        for prefix in prefixes:
            inside = module.startswith(prefix + ".") and prefix != "collabgraph"
            if (module == prefix or inside) and len(prefix) > best:
                best, found = len(prefix), i
    if found is None:
        raise KeyError(f"{module} is in no layer of LAYERS (add it, and to docs/architecture.md)")
    return found


def test_every_module_has_a_layer_and_imports_only_earlier_layers():
    names = list(LAYERS)
    upward = [f"{m} ({names[layer_of(m)]}) imports {t} ({names[layer_of(t)]})"
              for m, targets in import_graph().items() for t in sorted(targets) if layer_of(t) > layer_of(m)]
    assert upward == []


def test_the_architecture_page_names_every_layer_and_top_level_module():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for module in MODULES:
        parts = module.split(".")
        if len(parts) == 2 and parts[1] not in ("cli", "datasets"):
            assert f"`{parts[1]}" in text or f"`{module}`" in text, module
    for name in LAYERS:
        assert f"| {name} |" in text, name
