"""The ``collabgraph`` command: a thin layer over the library (sqlite-utils style).

Exit codes: 0 success; 1 input problems (validation found issues, a file cannot be read);
2 usage error (an unknown option, a value out of range, an output that cannot or must not be written:
``cannot write PATH: reason``); 3 an internal error (a bug: please report it with the command you ran;
set ``COLLABGRAPH_DEBUG=1`` for the traceback); 130 and 143 stopped by SIGINT and SIGTERM (the
partial output is removed); 1 also when the reader of the output closed the pipe early
(``collabgraph ... | head``), silently. Text for people shows control characters in names as escapes.

Commands are imported only when used, so ``collabgraph --help`` stays fast.
"""

from __future__ import annotations

import gc
import importlib
import importlib.abc
import importlib.util
import os
import sys

import click

from collabgraph import __version__
from collabgraph.errors import CollabGraphError, ParameterError

__all__ = ["CLI_WORDS", "COMMANDS", "SUMMARIES", "CommandError", "IgraphWithoutMatplotlib", "cli", "cli_words",
           "console_script", "frozen_import", "main"]

#: The library's messages name its keyword arguments (for Python users); the command shows the
#: options that set them. Each pair: the library's words -> the command's words, replaced in order.
CLI_WORDS = (
    ("pass lenient=True", "use --lenient"),
    ("with lenient=True", "with --lenient"),
    ("with people=FILE", "with --people FILE"),
    ("as the path, and this file as people=FILE.", "as DATASET, and this file as --people."),
    ("holding all tables) as the path.", "holding all tables) as DATASET."),
    ("as text (salt=) or in a file (salt_file=)", "as text (--salt) or in a file (--salt-file)"),
    ("scheduler= needs engine='dask'.", "--scheduler needs --engine dask."),
    ("weight_by must be", "--weight-by must be"),
)


def cli_words(text: str) -> str:
    """``text`` (a library message) with the keyword arguments it names replaced by the options.

    Examples
    --------
    >>> cli_words("add the person there, or pass lenient=True to add unknown people without attributes.")
    'add the person there, or use --lenient to add unknown people without attributes.'
    """
    for library, command in CLI_WORDS:
        text = text.replace(library, command)
    return text

#: command name -> "module:attribute" of its click command, in the order --help lists them.
COMMANDS = {
    "validate": "collabgraph.cli.data:validate",
    "summary": "collabgraph.cli.data:summary",
    "metrics": "collabgraph.cli.metrics:metrics",
    "clusters": "collabgraph.cli.clusters:clusters",
    "isolated": "collabgraph.cli.isolated:isolated",
    "suggest": "collabgraph.cli.suggest:suggest",
    "brokers": "collabgraph.cli.brokers:brokers",
    "pollination": "collabgraph.cli.pollination:pollination",
    "timeline": "collabgraph.cli.timeline:timeline",
    "compare": "collabgraph.cli.compare:compare",
    "hours": "collabgraph.cli.hours:hours",
    "networks": "collabgraph.cli.networks:networks",
    "forms": "collabgraph.cli.forms:forms",
    "roles": "collabgraph.cli.roles:roles",
    "ratings": "collabgraph.cli.ratings:ratings",
    "report": "collabgraph.cli.report:report",
    "export": "collabgraph.cli.export:export",
    "demo": "collabgraph.cli.report:demo",
}

#: command name -> the first paragraph of its help, for ``collabgraph --help`` without importing
#: every command's module (and pandas, igraph, scipy with them). A command missing here is imported
#: for --help (slow, still correct); tests/cli/test_lazy.py fails when a command is missing or its
#: help changes and this does not.
SUMMARIES = {
    "validate": "Check DATASET against the data contract and list every problem.",
    "summary": "Count people, records, groups and ties, and describe the network's shape.",
    "metrics": "How much ties cross group boundaries: E-I index, random-mixing baseline, assortativity.",
    "clusters": "Find communities and show who is in them; flag silos; compare with formal groups.",
    "isolated": "List people who may be left out: isolate, detached, pendant, periphery, low activity, silo, "
                "fading, newcomer.",
    "suggest": "Suggest people to introduce to each other, preferring contacts of contacts from other domains.",
    "brokers": "Who brokers between groups: Gould–Fernandez roles, constraint, betweenness, dependency.",
    "pollination": "Do learning networks cross-pollinate? Shared members, spanners, ties between networks, "
                   "openness.",
    "timeline": "Follow the network over time: metrics, new and dropped ties, members and communities per "
                "window.",
    "compare": "Compare two periods or waves: every headline metric, its change with uncertainty, and its "
               "causes.",
    "hours": "Person-hours from event and interaction durations; meetings without a duration are counted, "
             "not guessed.",
    "networks": "The scorecard: one row per learning network and one for the programme (all networks together).",
    "forms": "Which work forms and group sizes produce first cross-group ties: events, person-hours, first ties.",
    "roles": "Role groups per learning network: reach of experiential experts, coordinators, education–practice "
             "ties.",
    "ratings": "Survey ratings of ties: mean trust, value and other ratings per network and overall, per wave, "
               "per person.",
    "report": "Write an HTML report of DATASET (a folder with index.html and the data behind every figure as "
              "CSV).",
    "export": "Export DATASET with every person's metrics for Gephi, Excel, pandas or R.",
    "demo": "Write the report of the bundled example (fictitious learning networks) and print its path.",
}


class InputProblem(click.ClickException):
    exit_code = 1


class CommandError(click.ClickException):
    """A wrong value (a ParameterError inside a command, or click's BadParameter for an option's value): exit 2,
    the error line without click's usage block."""

    exit_code = 2


class InternalError(click.ClickException):
    exit_code = 3


def frozen_import(name: str):
    """The module ``name`` imported without garbage collections, then every object alive frozen (:func:`gc.freeze`:
    left out of later collections) and the collector on. For a process that ends with the command
    (:class:`LazyGroup`, :func:`collabgraph.cli.common.import_frozen`).

    >>> import subprocess, sys  # in a process of its own: a process that goes on freezes nothing
    >>> code = ("import gc; from collabgraph.cli import frozen_import; "
    ...         "print(frozen_import('json').__name__, gc.isenabled(), gc.get_freeze_count() > 0)")
    >>> subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    ['json', 'True', 'True']
    """
    gc.disable()
    try:
        module = importlib.import_module(name)
    finally:
        gc.enable()
    gc.freeze()
    return module


class LazyGroup(click.Group):
    """Loads each command's module on first use and turns library errors into exit codes."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    #: Set by :func:`main` and :func:`console_script` (unless a caller froze objects): the command starts with the
    #: garbage collector off, and once the command's module is imported the objects alive are frozen
    #: (:func:`gc.freeze`) and the collector is turned on again. Importing pandas, numpy and pyarrow triggered some
    #: 150 collections (0.1 s CPU) that found next to nothing, and the frozen modules are left out of every later
    #: collection; in the console script's process, which ends with the command, the one at exit included (0.2 s).
    #: :func:`main` unfreezes them on its way out.
    freeze_imports = False
    #: Set with :data:`freeze_imports` for the command's run: a command may freeze what it imports later too
    #: (:func:`collabgraph.cli.common.import_frozen`), unfrozen with the rest by :func:`main`; a command invoked
    #: through click (tests, a notebook) freezes nothing.
    own_process = False

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        if self.freeze_imports:  # the collector is off since main() started
            self.freeze_imports = False
            return getattr(frozen_import(module), attr)
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx, formatter):
        """The command list of ``--help`` as click writes it, from :data:`SUMMARIES`."""
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, click.utils.make_default_short_help(SUMMARIES[name], limit) if name in SUMMARIES
                 else self.get_command(ctx, name).get_short_help_str(limit))  # not listed yet: import it
                for name in COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx):
        from collabgraph.outputs import Stopped, stop_on_signals, visible

        try:
            with stop_on_signals():
                return super().invoke(ctx)
        except Stopped:
            click.echo("stopped by a signal; no partial output is left behind.", err=True)
            raise
        except click.MissingParameter:
            raise
        except click.BadParameter as err:  # a bad option value: the error names the option, no usage block
            raise CommandError(visible(err.format_message())) from err
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:
            _reader_gone()
        except ParameterError as err:
            raise CommandError(visible(cli_words(str(err)))) from err
        except CollabGraphError as err:
            raise InputProblem(visible(cli_words(str(err)))) from err
        except Exception as err:
            if os.environ.get("COLLABGRAPH_DEBUG"):
                raise
            raise InternalError(f"internal error ({type(err).__name__}: {err}). This is a bug; "
                                "please report it with the command you ran "
                                "(COLLABGRAPH_DEBUG=1 shows the traceback).") from err


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"],
                                              "max_content_width": 100})
@click.version_option(__version__, prog_name="collabgraph")
@click.option("--engine", type=click.Choice(["pandas", "dask"]), default="pandas", show_default=True,
              envvar="COLLABGRAPH_ENGINE", show_envvar=True,
              help="Read and validate DATASET here (pandas) or in partitions on a Dask cluster (docs/scale.md); "
                   "for every command.")
@click.option("--scheduler", metavar="ADDRESS", envvar="COLLABGRAPH_SCHEDULER", show_envvar=True,
              help="With --engine dask: the Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster).")
def cli(engine, scheduler):
    """Network analysis of collaboration across professions, organisations and domains.

    DATASET is a folder of CSV/XLSX/Parquet tables (people, interactions, events, attendance),
    an .xlsx workbook with a sheet per table, or a single interactions file (add --people FILE).
    """


class IgraphWithoutMatplotlib(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """Import hook: python-igraph is imported with matplotlib hidden.

    When matplotlib is installed, ``import igraph`` imports ``matplotlib.pyplot`` for igraph's
    ``plot()`` (about 1 s, several times igraph itself). collabgraph does not need matplotlib (the report's
    charts are SVG written by ``collabgraph.report.charts``, the map is vis-network), but users may have it
    installed, e.g. for a notebook. No command plots with igraph, so :func:`main` installs
    this hook, and in the command's process igraph finds no matplotlib and leaves its matplotlib
    drawing backend out (``ig.plot(..., target=ax)`` would say matplotlib is missing); matplotlib
    itself imports normally afterwards. The library (``import collabgraph``, notebooks) is not
    affected. Does nothing when matplotlib was imported before igraph.
    """

    def find_spec(self, name, path=None, target=None):
        if name != "igraph" or "matplotlib" in sys.modules:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        self.loader, spec.loader = spec.loader, self
        return spec

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        module.__loader__ = module.__spec__.loader = self.loader
        sys.modules["matplotlib"] = None  # igraph's find_matplotlib: ImportError -> no matplotlib backend
        try:
            self.loader.exec_module(module)
        finally:
            if sys.modules.get("matplotlib", 0) is None:
                del sys.modules["matplotlib"]


def _reader_gone():
    """The reader of stdout closed the pipe (``collabgraph ... | head``): not a bug, nothing more to write.

    As the Python documentation advises for SIGPIPE: the rest of the output goes to ``os.devnull`` (so
    Python's final flush raises nothing either) and the command exits 1, its output cut short.
    """
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)


def main():
    """Run the command line (``sys.argv``) as the ``collabgraph`` command does, ending with click's SystemExit, for a
    caller that goes on (a test runner, a notebook catching the SystemExit): on every way out the garbage collector
    is left as main found it, on or off, and what main froze for the command is unfrozen
    (:data:`LazyGroup.freeze_imports`). Objects a caller froze stay frozen, and main freezes nothing then.
    """
    _main(thaw=True)


def console_script():
    """The ``collabgraph`` command (pyproject's console script) and ``python -m collabgraph.cli``: :func:`main` in a
    process that ends with it, so what it froze stays frozen, left out of the collections at exit too
    (:data:`LazyGroup.freeze_imports`)."""
    _main(thaw=False)


def _main(thaw: bool) -> None:
    enabled, freezes = gc.isenabled(), gc.get_freeze_count() == 0
    if freezes:
        gc.disable()  # until the command is imported (LazyGroup.freeze_imports)
    cli.freeze_imports = cli.own_process = freezes
    from collabgraph.outputs import stop_on_signals

    if "igraph" not in sys.modules:
        sys.meta_path.insert(0, IgraphWithoutMatplotlib())
    try:
        with stop_on_signals():  # also while click loads the command's module
            cli(prog_name="collabgraph")
    except BrokenPipeError:  # while click printed help or usage, outside a command
        _reader_gone()
    finally:  # --version, --help and usage errors exit before a command is imported
        cli.freeze_imports = cli.own_process = False
        if thaw and freezes:
            gc.unfreeze()
        if enabled:
            gc.enable()
        else:
            gc.disable()
