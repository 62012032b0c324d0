"""The command line loads only what a command needs (issue 15: a CLI that answers at once).

Times are measured in benchmarks/ (``python -m benchmarks small``), never here; these tests check the
imports that make them: each runs a fresh interpreter and looks at ``sys.modules``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from collabgraph.cli import COMMANDS, SUMMARIES, cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "datasets" / "leernetwerken")
HEAVY = ("pandas", "sklearn", "matplotlib", "igraph", "networkx", "scipy", "jinja2", "pyvis", "dask", "babel")


def _loaded(code: str) -> set[str]:
    """Top-level packages of HEAVY that a fresh interpreter has imported after running ``code``."""
    probe = f"{code}\nimport sys, json\nprint(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def _command(*args: str) -> str:
    """Run ``collabgraph ARGS`` as the console script does (``console_script``), without exiting."""
    return ("import sys\nfrom collabgraph import cli\nsys.argv = ['collabgraph', " + ", ".join(map(repr, args))
            + "]\ntry:\n    cli.console_script()\nexcept SystemExit:\n    pass")


def test_importing_the_package_and_the_cli_loads_no_heavy_library():
    assert _loaded("import collabgraph.cli") == set()
    assert _loaded("import collabgraph") == set()


@pytest.mark.parametrize("args", [("--version",), ("--help",)])
def test_version_and_help_load_no_heavy_library(args):
    assert _loaded(_command(*args)) == set()


@pytest.mark.slow
@pytest.mark.parametrize("args, allowed", [
    (("validate", EXAMPLE), {"pandas"}),
    (("summary", EXAMPLE), {"pandas"}),
    (("clusters", EXAMPLE, "--format", "json"), {"pandas", "igraph", "scipy"}),
    (("isolated", EXAMPLE, "--format", "json"), {"pandas", "igraph", "scipy"}),
])
def test_commands_load_only_what_they_use(args, allowed):
    assert _loaded(_command(*args)) <= allowed


@pytest.mark.slow
def test_reading_csv_files_imports_no_parquet_module():
    """pyarrow.parquet (with pyarrow's file systems and ssl, 0.02 s) is imported for Parquet files only."""
    code = _command("summary", EXAMPLE) + "\nimport sys\nprint('pyarrow.parquet' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines()[-1] == "False"


@pytest.mark.slow
def test_the_console_script_imports_the_command_without_collections_and_freezes_the_imports():
    """The console script's process ends with the command: the command's modules are imported with the garbage
    collector off and then frozen (left out of later collections, the one at exit included); the collector is on
    again for the command's own objects."""
    watch = ("from collabgraph import cli\nimport gc, json\nunfrozen = []\ngc.callbacks.append(lambda phase, "
             "info: unfrozen.append(gc.get_freeze_count() == 0) if phase == 'start' else None)\n")
    code = _command("summary", EXAMPLE, "--format", "json").replace("from collabgraph import cli\n", watch)
    code += "\nprint(json.dumps([gc.isenabled(), gc.get_freeze_count(), sum(unfrozen), len(unfrozen)]))"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    enabled, frozen, before_freezing, collections = json.loads(done.stdout.splitlines()[-1])
    assert enabled and frozen > 100_000 and before_freezing == 0 and collections > 0


def test_the_command_in_a_process_of_its_own_only_freezes(tmp_path):
    """Invoked in a process that goes on (tests, a notebook) the command freezes nothing."""
    import gc

    from click.testing import CliRunner

    assert CliRunner().invoke(cli, ["validate", EXAMPLE]).exit_code == 0 and gc.get_freeze_count() == 0


@pytest.mark.slow
def test_the_command_line_imports_igraph_without_matplotlib():
    """python-igraph imports matplotlib.pyplot when it can; ``main`` hides matplotlib from it."""
    code = _command("brokers", EXAMPLE, "--format", "json")
    assert {"igraph"} <= _loaded(code) and "matplotlib" not in _loaded(code)
    # matplotlib itself still imports afterwards, and igraph works
    assert "matplotlib" in _loaded(code + "\nimport matplotlib.figure\nimport igraph\nigraph.Graph(3).vcount()")


def test_help_lists_each_command_with_the_first_paragraph_of_its_help():
    ctx = click.Context(cli)
    assert list(SUMMARIES) == list(COMMANDS)
    for name in COMMANDS:
        command = cli.get_command(ctx, name)
        assert click.utils.make_default_short_help(SUMMARIES[name], 1000) == command.get_short_help_str(1000), name
    ours, clicks = click.HelpFormatter(width=100), click.HelpFormatter(width=100)
    cli.format_commands(ctx, ours)
    click.Group.format_commands(cli, ctx, clicks)
    assert ours.getvalue() == clicks.getvalue()


@pytest.mark.slow
def test_export_imports_neither_the_report_page_nor_matplotlib(tmp_path):
    """``export`` has its own module: the report's page (jinja2) and charts (matplotlib) stay unloaded, and in
    English its texts (``--lang`` needs only ``collabgraph.report.LANGUAGES``)."""
    code = _command("export", EXAMPLE, "--to", "gexf", "-o", str(tmp_path / "x.gexf"))
    loaded = _loaded(code + "\nassert 'collabgraph.report.texts' not in sys.modules, 'texts loaded'")
    assert {"pandas", "igraph"} <= loaded and not loaded & {"matplotlib", "jinja2", "sklearn"}


def test_no_module_of_collabgraph_imports_matplotlib():
    """The report's charts are SVG written by report/charts.py; matplotlib is only the notebook's (issue 15)."""
    sources = [p for folder in ("collabgraph", "cli") for p in (ROOT / folder).rglob("*.py")]
    assert len(sources) > 20
    assert [p.name for p in sources if re.search(r"^\s*(import|from)\s+matplotlib\b", p.read_text(encoding="utf-8"),
                                                 flags=re.M)] == []
    assert "matplotlib" not in _loaded("import collabgraph.report.charts")  # (igraph, not hidden here, would)


@pytest.mark.slow
def test_the_report_imports_no_matplotlib(tmp_path):
    loaded = _loaded(_command("report", EXAMPLE, "-o", str(tmp_path / "r"), "--lang", "nl"))
    assert (tmp_path / "r" / "index.html").exists() and "jinja2" in loaded and "matplotlib" not in loaded


@pytest.mark.slow
def test_the_report_is_written_without_matplotlib_installed(tmp_path):
    """matplotlib is no dependency (only the notebook's): with its import failing and no metadata of it the
    report is written, and analysis.json's versions do not name it (no result depends on it)."""
    code = ("import sys, importlib.metadata as md\nsys.modules['matplotlib'] = None\nfound = md.version\n"
            "def version(name):\n    if name == 'matplotlib':\n        raise md.PackageNotFoundError(name)\n"
            "    return found(name)\nmd.version = version\n" + _command("report", EXAMPLE, "-o", str(tmp_path / "r")))
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    analysis = json.loads((tmp_path / "r" / "data" / "analysis.json").read_text(encoding="utf-8"))
    assert (tmp_path / "r" / "index.html").exists() and "matplotlib" not in analysis["versions"]


@pytest.mark.slow
def test_export_to_xlsx_loads_neither_networkx_nor_scipy_special(tmp_path):
    """The workbook's cross-pollination takes the network of networks as a table (graph.network_pairs) and the
    fading test its Poisson probability from numpy (isolation._poisson_cdf)."""
    code = _command("export", EXAMPLE, "--to", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    code += "\nimport sys\nprint([m for m in ('networkx', 'scipy.special') if m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert (tmp_path / "x.xlsx").exists() and done.stdout.splitlines()[-1] == "[]"


@pytest.mark.slow
def test_export_loads_no_programme_metric(tmp_path):
    """``export`` computes no time series, comparison, hours, introductions or programme view
    (report.export.export_analysis), so analysis.py imports their modules only in analyze()."""
    programme = ("durability", "forms", "hours", "periods", "ratings", "role_groups", "scorecard", "suggest",
                 "timeline")
    code = _command("export", EXAMPLE, "--to", "xlsx", "-o", str(tmp_path / "x.xlsx"))
    code += f"\nimport sys\nprint([m for m in {programme!r} if 'collabgraph.metrics.' + m in sys.modules])"
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert (tmp_path / "x.xlsx").exists() and done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["no-such-command"]])
def test_main_leaves_the_collector_on_when_click_exits_before_a_command(monkeypatch, args):
    """``--version``, ``--help`` and usage errors exit (SystemExit) before a command's module is imported:
    the collector ``main`` turned off is on again and the next command invoked freezes nothing."""
    import gc

    from collabgraph.cli import main

    monkeypatch.setattr(sys, "argv", ["collabgraph", *args])
    with pytest.raises(SystemExit):
        main()
    assert gc.isenabled() and not cli.freeze_imports and gc.get_freeze_count() == 0


@pytest.mark.parametrize(("command", "code"), [("validate", 0), ("report", 1), ("summary", 2)])
def test_main_leaves_nothing_frozen_for_a_caller_that_goes_on(monkeypatch, tmp_path, command, code):
    """A test runner or a notebook that catches main's SystemExit gets the collector on and nothing frozen, whatever
    the exit: the command's modules were frozen for its run only (frozen for good before: 0.2 s of every later full
    collection and the report's own freeze skipped)."""
    import gc

    from collabgraph.cli import main

    (tmp_path / "interactions.csv").write_text("source,target,date\na,b,31-02-2021\n")
    args = {"validate": [EXAMPLE], "report": [tmp_path, "-o", tmp_path / "r"], "summary": [tmp_path / "none"]}
    freeze, frozen = gc.freeze, []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(command) or freeze())
    monkeypatch.setattr(sys, "argv", ["collabgraph", command, *map(str, args[command])])
    try:
        with pytest.raises(SystemExit) as exit:
            main()
        assert exit.value.code == code and frozen  # the command froze its imports (report: its page's too)
        assert gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


def test_main_leaves_a_callers_collector_off_and_its_frozen_objects_frozen(monkeypatch):
    """A caller that froze objects keeps them frozen (main freezes nothing then: its unfreeze would thaw them), and
    one that turned the collector off finds it off again (the command turned it on: on for good before)."""
    import gc

    from collabgraph.cli import main

    freeze, frozen = gc.freeze, []
    monkeypatch.setattr(sys, "argv", ["collabgraph", "validate", EXAMPLE])
    gc.disable()
    freeze()
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(1) or freeze())
    try:
        with pytest.raises(SystemExit):
            main()
        assert not gc.isenabled() and gc.get_freeze_count() > 0 and frozen == []
    finally:
        gc.unfreeze()
        gc.enable()

def test_the_report_does_not_freeze_for_good_what_a_caller_froze():
    """Objects a caller froze stay the caller's: the cyclic garbage alive when the report starts is collected
    while the caller's objects stay frozen, not frozen with them."""
    import gc
    import weakref

    from collabgraph.cli.report import _frozen

    class Cycle:
        pass

    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        garbage = Cycle()
        garbage.self = garbage
        alive = weakref.ref(garbage)
        del garbage
        with _frozen():
            pass
        gc.collect()
        assert alive() is None and gc.get_freeze_count() > 0  # the caller's objects are still frozen
    finally:
        gc.unfreeze()
