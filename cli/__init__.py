"""The ``collabgraph`` command: a thin layer over the library (sqlite-utils style).

Exit codes: 0 success; 1 input problems (validation found issues, a file cannot be read);
2 usage error (an unknown option, a value out of range, an output that cannot or must not be written:
``cannot write PATH: reason``); 3 an internal error (a bug: please report it with the command you ran;
set ``COLLABGRAPH_DEBUG=1`` for the traceback); 130 and 143 stopped by SIGINT and SIGTERM (the
partial output is removed). Text for people shows control characters in names as escapes.

Commands are imported only when used, so ``collabgraph --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os

import click

from collabgraph import __version__
from collabgraph.errors import CollabGraphError, ParameterError

__all__ = ["COMMANDS", "cli", "main"]

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
    "report": "collabgraph.cli.report:report",
    "export": "collabgraph.cli.report:export",
    "demo": "collabgraph.cli.report:demo",
}


class InputProblem(click.ClickException):
    exit_code = 1


class InternalError(click.ClickException):
    exit_code = 3


class LazyGroup(click.Group):
    """Loads each command's module on first use and turns library errors into exit codes."""

    def list_commands(self, ctx):
        return list(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def invoke(self, ctx):
        from collabgraph.outputs import Stopped, stop_on_signals, visible

        try:
            with stop_on_signals():
                return super().invoke(ctx)
        except Stopped:
            click.echo("stopped by a signal; no partial output is left behind.", err=True)
            raise
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ParameterError as err:
            raise click.UsageError(visible(str(err)), ctx) from err
        except CollabGraphError as err:
            raise InputProblem(visible(str(err))) from err
        except Exception as err:
            if os.environ.get("COLLABGRAPH_DEBUG"):
                raise
            raise InternalError(f"internal error ({type(err).__name__}: {err}). This is a bug; "
                                "please report it with the command you ran "
                                "(COLLABGRAPH_DEBUG=1 shows the traceback).") from err


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"],
                                              "max_content_width": 100})
@click.version_option(__version__, prog_name="collabgraph")
def cli():
    """Network analysis of collaboration across professions, organisations and domains.

    DATASET is a folder of CSV/XLSX/Parquet tables (people, interactions, events, attendance),
    an .xlsx workbook with a sheet per table, or a single interactions file (add --people FILE).
    """


def main():
    from collabgraph.outputs import stop_on_signals

    with stop_on_signals():  # also while click loads the command's module
        cli(prog_name="collabgraph")
