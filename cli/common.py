"""Options and output shared by every command: the dataset arguments, filters and --format."""

from __future__ import annotations

import dataclasses
import functools
import gc
import importlib
import inspect
import math
import re
import sys
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import click
import pandas as pd

from collabgraph.dataset import FREQS, Dataset
from collabgraph.errors import ParameterError, ValidationError
from collabgraph.io import read_dataset, read_role_map, validate
from collabgraph.io.values import parse_dates
from collabgraph.outputs import (
    CSV_STYLES,
    atomic_file,
    check_output,
    csv_text,
    remember_inputs,
    visible,
    visible_json,
    write_csv,
)
from collabgraph.progress import Progress
from collabgraph.rolegroups import role_mapping as mapping_of
from collabgraph.schema import FIRST_DATE, LAST_DATE
from collabgraph.serialize import to_json
from collabgraph.validation import ValidationReport

from . import cli_words, frozen_import

if TYPE_CHECKING:
    from collabgraph.analysis import AnalysisOptions

__all__ = ["cli_report", "csv_style_option", "dataset_options", "emit", "format_option", "load_dataset",
           "not_listed", "person", "role_mapping", "say", "to_json", "who", "write_rejected"]



def counted(count, word: str, plural: str | None = None, *, sep: bool = True) -> str:
    """``count`` with thousands separators (unless ``sep`` is False) and ``word`` in the singular for 1,
    else ``plural`` (``word + 's'``).

    >>> counted(1, "tie"), counted(1200, "person", "people"), counted(1200, "time", sep=False)
    ('1 tie', '1,200 people', '1200 times')
    """
    count = int(count)
    return (f"{count:,}" if sep else str(count)) + f" {word if count == 1 else plural or word + 's'}"


def person(pid, name=None, *also) -> str:
    """A person as the text shows people: "name (id)"; the id alone when there is no name, or when the name
    is the id (data without a name column, where the metrics use the id as the name). ``also`` joins the
    brackets: "name (id, group)", "id (group)".

    >>> person("P1", "An"), person("574", "574"), person("574", None), person("P1", "An", "zorg")
    ('An (P1)', '574', '574', 'An (P1, zorg)')
    """
    missing = name is None or (isinstance(name, float) and math.isnan(name)) or name is pd.NA or str(name) == ""
    shown = [] if missing or str(name) == str(pid) else [str(pid)]
    inside = ", ".join([*shown, *map(str, also)])
    first = str(pid) if not shown else str(name)
    return f"{first} ({inside})" if inside else first


def who(pid, names: pd.Series | None, *also) -> str:
    """The person ``pid`` of a result table as the text shows people (:func:`person`: "name (id, also...)"), the name
    looked up in ``names`` (the people table's ``name`` column, indexed by id; None when the data have none).

    >>> names = pd.Series({"P1": "An"})
    >>> who("P1", names, "zorg"), who("P2", names), who("P1", None)
    ('An (P1, zorg)', 'P2', 'P1')
    """
    return person(pid, None if names is None else names.get(pid), *also)


def number(x, fmt: str = ".2f") -> str:
    """``x`` formatted with ``fmt``, or ``undefined`` for a missing value (None, NaN).

    >>> number(0.256, ".0%"), number(float("nan"))
    ('26%', 'undefined')
    """
    return "undefined" if x is None or (isinstance(x, float) and math.isnan(x)) else format(x, fmt)


def say(text: str, err: bool = False) -> None:
    """Print text for people, control characters in it shown as escapes (:func:`collabgraph.outputs.visible`)."""
    click.echo(visible(text), err=err)


def cli_report(report):
    """``report`` (a :class:`~collabgraph.validation.ValidationReport`) with its messages in the command's
    words (:func:`cli_words`: ``--lenient`` where the library says ``lenient=True``)."""
    def words(issues):
        return [dataclasses.replace(i, message=cli_words(i.message)) for i in issues]
    return dataclasses.replace(report, issues=words(report.issues), warnings=words(report.warnings),
                               follow_ons=words(report.follow_ons))


def write_rejected(frame: pd.DataFrame, path: Path) -> None:
    """Write the ``--rejected`` table (the neutralising CSV writer); the caller checked ``path`` with
    :func:`~collabgraph.outputs.check_output` before reading, so a path over an input fails before any work."""
    atomic_file(path, lambda tmp: write_csv(frame, tmp))


def _check_date(ctx, param, value):
    """A --start/--end date as validation reads dates, from FIRST_DATE to LAST_DATE (the range is whole years)."""
    if value is None:
        return None
    dates, bad = parse_dates(pd.Series([value]))  # a date outside FIRST_DATE .. LAST_DATE is bad
    day, year = dates.iloc[0], re.search(r"\d{4}", value)
    if bad.iloc[0] and year and not FIRST_DATE.year <= int(year[0]) <= LAST_DATE.year:
        raise click.BadParameter(f"{value!r} is out of range; give a date from {FIRST_DATE} to {LAST_DATE}.")
    if bad.iloc[0] or pd.isna(day):
        raise click.BadParameter(f"expected a date like 2021-03-14 or 14-03-2021, got {value!r}.")
    # A plain day as ISO text: Dataset.filter reads longer text (a Timestamp prints as
    # "2021-12-31 00:00:00") as an exact end, which would leave out the records of the --end day.
    return day.date().isoformat() if day == day.normalize() else day


def csv_style_option(help_default: str = "standard"):
    """--csv-style excel-nl|standard (:data:`collabgraph.outputs.CSV_STYLES`), kept as ``csv_style``."""
    return click.option("--csv-style", "csv_style", type=click.Choice(CSV_STYLES), default=None,
                        help="CSV for Excel in Dutch (excel-nl: ';', decimal comma, UTF-8 with BOM) or standard "
                             f"(',' and '.', UTF-8). Default: {help_default}.")


def _remember_csv_style(ctx, param, value):
    ctx.meta["csv_style"] = value or "standard"
    return value


def format_option(*choices: str):
    """--format; with ``csv`` among the choices also --csv-style (read by :func:`emit`)."""
    option = click.option("--format", "fmt", type=click.Choice(choices), default="text",
                          show_default=True, help="Output for people (text) or programs.")
    if "csv" not in choices:
        return option
    style = click.option("--csv-style", type=click.Choice(CSV_STYLES), default=None, expose_value=False,
                         callback=_remember_csv_style,
                         help="With --format csv: for Excel in Dutch (excel-nl: ';', decimal comma, UTF-8 with "
                              "BOM) or standard (',' and '.', UTF-8). Default: standard.")
    return lambda func: option(style(func))


def dataset_options(func):
    """Add DATASET, --people, --lenient, --rejected, --directed, --network, --start, --end, --kind,
    --role-map, --weight-by, --engine, --scheduler."""
    decorators = [
        click.argument("dataset", type=click.Path(exists=True, path_type=Path)),
        click.option("--people", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="People file to use with a single interactions file."),
        click.option("--lenient", is_flag=True,
                     help="Go on with the valid rows; add people known only from records."),
        click.option("--rejected", type=click.Path(dir_okay=False, path_type=Path),
                     help="With --lenient: write rejected rows and reasons to this CSV file."),
        click.option("--directed/--undirected", default=None,
                     help="Interactions are nominations (A names B) or mutual contacts. "
                          "Default: undirected, unless a Gephi Type column says directed."),
        click.option("--network", help="Only this learning network."),
        click.option("--start", callback=_check_date, help="Only records on or after this date."),
        click.option("--end", callback=_check_date, help="Only records on or before this date."),
        click.option("--kind", help="Only interactions and events of this kind (e.g. one survey relation)."),
        click.option("--role-map", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Table of role values and their role group (columns value,group or waarde,groep; "
                          "groups: coordinator, experiential_expert, educator, student, client, professional): "
                          "added to the built-in synonyms, and wins over them."),
        click.option("--weight-by", "weight_by", metavar="RATING",
                     help="Use this rating column (e.g. trust) as the tie weight: a tie weighs the mean of its "
                          "ratings (in the latest wave that has one); implies --weighted."),
        # Documented once, as options of the group (collabgraph --engine dask COMMAND) and
        # COLLABGRAPH_ENGINE/COLLABGRAPH_SCHEDULER; still accepted after the command, not listed there.
        click.option("--engine", type=click.Choice(["pandas", "dask"]), default=None, hidden=True),
        click.option("--scheduler", metavar="ADDRESS", hidden=True),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def load_dataset(dataset: Path, people: Path | None, lenient: bool, rejected: Path | None,
                 directed: bool | None, network: str | None, start, end, fmt: str,
                 kind: str | None = None, engine: str | None = None, scheduler: str | None = None,
                 role_map: Path | None = None, weight_by: str | None = None,
                 read: Callable[[], Dataset] | None = None) -> Dataset:
    """Read, validate and filter; on strict validation failure print every issue and exit 1.

    ``read``: the pandas engine's read and validation started earlier (:func:`read_beside`); None: done here.

    ``role_map``: a role-map file (:func:`collabgraph.io.rolemap.read_role_map`), read first; its problems
    stop the command (exit 1) with file, row, column and reason.

    ``weight_by``: a rating column that becomes the tie weight (:meth:`Dataset.weighted_by`); a name that is
    no rating of the data is a usage error (exit 2) naming the ratings there are.

    ``engine``/``scheduler`` not given after the command: those of the group (``collabgraph --engine dask
    COMMAND``, or ``COLLABGRAPH_ENGINE``/``COLLABGRAPH_SCHEDULER``), else pandas in this process.
    """
    elsewhere = _elsewhere(engine, scheduler)
    if start is not None and end is not None and pd.Timestamp(start) > pd.Timestamp(end):
        raise click.BadParameter(f"{start} is after --end {end}; the period would be empty.", param_hint="'--start'")
    if rejected is not None:
        check_output(rejected, [dataset, people, role_map])
    roles = None if role_map is None else read_role_map(role_map)
    try:
        if elsewhere is None:
            ds = _read_valid(dataset, people, lenient, directed) if read is None else read()
        else:
            from collabgraph.engines import load

            ds = load(dataset, people=people, lenient=lenient, directed=directed, **elsewhere)
    except ValidationError as err:
        report = cli_report(err.report if err.report is not None else ValidationReport("", issues=err.issues))
        issues, warnings = report.issues, report.warnings
        if fmt == "json":
            click.echo(to_json({"valid": False, "issues": [i.to_dict() for i in issues],
                                "warnings": [w.to_dict() for w in warnings], "counts": err.counts}))
        else:
            for issue in issues:
                say(str(issue), err=True)
            _echo_warnings(warnings)
            unread = list(dict.fromkeys(i.file for i in issues if i.code == "not_a_table"))
            click.echo(f"{counted(len(issues), 'problem')} found; " + (_unread(unread) if unread else
                       "fix them, or use --lenient to go on with the valid rows."), err=True)
        sys.exit(1)
    report = cli_report(ds.report)
    if fmt == "text":
        _echo_warnings(report.warnings)
    if report.issues:
        if rejected is not None:
            write_rejected(report.rejected_frame(), rejected)
        if fmt == "text":
            where = (f"; listed in {rejected}" if rejected else
                     f"; --rejected FILE lists {'it' if len(report.issues) == 1 else 'them'}")
            say(f"note: {counted(len(report.issues), 'problem')} in the input, rows left out{where}.", err=True)
    if roles is not None:
        ds = ds.with_role_map(roles)
    if network is not None or start is not None or end is not None or kind is not None:
        ds = ds.filter(network=network, start=start, end=end, kind=kind)
    if weight_by is not None:
        ds = ds.weighted_by(weight_by)  # a ParameterError: exit 2 (cli.CommandError)
    return ds


def _elsewhere(engine: str | None, scheduler: str | None) -> dict | None:
    """The ``engine`` and ``scheduler`` of a command's read (given after the command, else the group's:
    ``collabgraph --engine dask COMMAND``, ``COLLABGRAPH_ENGINE``/``COLLABGRAPH_SCHEDULER``), or None for the
    pandas engine in this process (:func:`load_dataset`, :func:`read_beside`)."""
    group = click.get_current_context().find_root().params
    engine, scheduler = engine or group.get("engine") or "pandas", scheduler or group.get("scheduler")
    return None if engine == "pandas" and scheduler is None else {"engine": engine, "scheduler": scheduler}


def _unread(files: list[str]) -> str:
    """Why --lenient cannot help with files that cannot be read at all, in the singular or plural.

    >>> _unread(["a.csv"])
    'a.csv cannot be read at all, so --lenient cannot go on without it: fix or remove it.'
    >>> _unread(["a.csv", "b.csv"])
    'a.csv and b.csv cannot be read at all, so --lenient cannot go on without them: fix or remove them.'
    """
    names = files[0] if len(files) == 1 else f"{', '.join(files[:-1])} and {files[-1]}"
    it = "it" if len(files) == 1 else "them"
    return f"{names} cannot be read at all, so --lenient cannot go on without {it}: fix or remove {it}."


def _echo_warnings(warnings) -> None:
    """Each warning on stderr as ``warning: FILE, column 'X': message``."""
    for warning in warnings:
        say(f"warning: {warning}", err=True)


def emit(fmt: str, payload: dict, text: str, table: pd.DataFrame | None = None) -> None:
    """Print the result as text (control characters shown as escapes), JSON (DEL, C1 as ``\\uXXXX``), or CSV
    (the main table, through the neutralising writer of :mod:`collabgraph.outputs`); the command's progress line
    (:func:`progress`) ends first."""
    bar = progress()
    bar.step("done")
    bar.close()
    if fmt == "json":
        click.echo(visible_json(to_json(payload)))
    elif fmt == "csv":
        if table is None:
            raise click.UsageError("this command has no table to write as CSV; use --format json.")
        click.echo(csv_text(table, click.get_current_context().meta.get("csv_style", "standard")), nl=False)
    else:
        say(text)


#: The key of the running command's progress line in click's context (``meta``).
_PROGRESS = "collabgraph.progress"


def progress() -> Progress:
    """The progress line of the running command on stderr (:func:`pass_dataset` starts it; :class:`Progress`):
    drawn for text output in a terminal only, as the report's (:func:`show_progress`), never in a pipe or for JSON or
    CSV; a command adds the steps of its own long work (:meth:`Progress.add`). Outside a command, a bar that
    draws nothing."""
    context = click.get_current_context(silent=True)
    bar = None if context is None else context.meta.get(_PROGRESS)
    return Progress(1, enabled=False) if bar is None else bar


def pass_dataset(func):
    """Turn the dataset options into a loaded ``dataset`` argument, with the command's progress line (:func:`progress`:
    the data read, the command's work, done)."""
    @functools.wraps(func)
    def wrapper(dataset, people, lenient, rejected, directed, network, start, end, kind, engine, scheduler, fmt,
                role_map, weight_by, **kwargs):
        context = click.get_current_context()
        with Progress(2, enabled=fmt == "text" and show_progress()) as bar:
            context.meta[_PROGRESS] = bar
            ds = load_dataset(dataset, people, lenient, rejected, directed, network, start, end, fmt, kind,
                              engine, scheduler, role_map, weight_by)
            bar.step(f"data read; {context.info_name} ...")
            if weight_by is not None and "weighted" in kwargs and context.get_parameter_source(
                    "weighted") == click.core.ParameterSource.DEFAULT:
                kwargs["weighted"] = True  # --weight-by trust: the command's weighted figures use the rating
            for key in ("by", "compare_with"):
                if kwargs.get(key) is not None:
                    kwargs[key] = ds.attribute(kwargs[key])
            return func(ds, fmt=fmt, **kwargs)
    return wrapper


def limit_option(default: int | None, help: str, *aliases: str, minimum: int = 1):
    """``--limit N``, the one spelling of a row count; ``aliases`` (old spellings such as ``--top``, ``-n``)
    are still accepted but hidden from ``--help``. The given spelling wins over the defaults. A ``default``
    of None lists every row unless ``--limit`` is given (:func:`not_listed` says what was left out)."""
    def decorator(func):
        for alias in aliases:
            func = click.option(alias, "limit", type=click.IntRange(minimum), default=default, hidden=True)(func)
        return click.option("--limit", "limit", type=click.IntRange(minimum), default=default,
                            show_default=default is not None,
                            help=help + ("  [default: all]" if default is None else ""))(func)
    return decorator


def not_listed(total: int, limit: int | None, what: str) -> list[str]:
    """The line under a text list of ``total`` rows cut at ``--limit`` (none when nothing was left out).

    >>> not_listed(12, 10, "people"), not_listed(3, None, "people")
    (['2 more people not listed (--limit 10); --format json or csv has them all.'], [])
    """
    if limit is None or total <= limit:
        return []
    return [f"{total - limit} more {what} not listed (--limit {limit}); --format json or csv has them all."]


def weighted_option(help: str):
    """``--weighted/--unweighted``, the one pair for tie weights, unweighted by default on every command
    (each tie counts 1, as the report counts them; README, *Commands*)."""
    return click.option("--weighted/--unweighted", default=False, show_default=True, help=help)


def role_mapping(ds: Dataset, coordinator_roles=None) -> tuple[str, list[dict]]:
    """Which role values went to which role group: a line for the text and the records of the JSON key
    ``role_mapping`` (``value, group, source, count``; :func:`collabgraph.rolegroups.role_mapping`).

    Every command that uses role groups shows both (issue 14: it says which values it mapped to which group).
    ``coordinator_roles``: the ``--coordinator-role`` values (None or empty: not given), which alone make
    the coordinator group.
    """
    if "role" not in ds.people:
        return "Role groups: the people table has no role column, so no one has a role group.", []
    table = mapping_of(ds.people["role"], ds.role_map, coordinator_roles=list(coordinator_roles or []) or None)
    notes = {"role map": ", from the role map", "the rest": ", no synonym: the rest", "built-in list": "",
             "coordinator value": ", a --coordinator-role value",
             "not a coordinator value": ", not a --coordinator-role value"}
    groups = [f"{group}: " + ", ".join(f"'{r.value}' ({r.count}{notes[r.source]})" for r in rows.itertuples())
              for group, rows in table.groupby("group", sort=False)]
    if table.empty:
        return "Role groups: no one has a role in the data, so no one has a role group.", []
    missing = int(ds.people["role"].isna().sum())
    without = f"; {missing} {'person' if missing == 1 else 'people'} without a role: no group" if missing else ""
    return f"Role groups (role value and people): {'; '.join(groups)}{without}.", table.to_dict("records")


# ---- the options of the commands that run the whole analysis: report and export ----

def show_progress() -> bool:
    """Whether a command shows its progress line (``report``, ``export``; every other command for text output): when
    stderr is a terminal."""
    return sys.stderr.isatty()


def load_from(kwargs: dict, pseudonymise: bool, read: Callable[[], Dataset] | None = None):
    """Load the dataset from the options of ``dataset_options`` (removed from ``kwargs``); ``read``: see
    :func:`load_dataset`."""
    names = [p for p in inspect.signature(load_dataset).parameters if p not in ("fmt", "read")]
    if pseudonymise and kwargs.get("rejected") is not None:
        say(f"warning: {kwargs['rejected']} lists the rejected rows with their original ids and values "
            "(not pseudonymised); keep it with the source data.", err=True)
    return load_dataset(**{name: kwargs.pop(name) for name in names if name in kwargs}, fmt="text", read=read)


#: From this many bytes of input files :func:`read_beside` reads and validates them in a second process.
READ_BESIDE_BYTES = 200_000


def _read_valid(dataset: Path, people: Path | None, lenient: bool, directed: bool | None) -> Dataset:
    """The pandas engine's read and validation of :func:`load_dataset` (a :class:`ValidationError` when strict
    validation fails)."""
    return validate(read_dataset(dataset, people), lenient=lenient, directed=directed)


def _input_bytes(paths) -> int:
    """The bytes of the files given and of the files directly in the folders given; 0 when they cannot be listed or
    sized (the read itself then says what is wrong, with its own message and exit code)."""
    try:
        files = [f for p in map(Path, paths) for f in ([*p.iterdir()] if p.is_dir() else [p])]
        return sum(f.stat().st_size for f in files if f.is_file())
    except OSError:
        return 0


def read_beside(stack: ExitStack, kwargs: dict) -> Callable[[], Dataset]:
    """Start reading and validating the dataset of ``dataset_options`` (``kwargs``, left as they are) in a second,
    forked process (:mod:`collabgraph.background`) for the pandas engine and from :data:`READ_BESIDE_BYTES` bytes of
    input, so the command imports what it needs meanwhile; returns what :func:`load_from` takes as ``read``. The
    child only reads: warnings, ``--rejected`` and the filters stay with :func:`load_dataset`. The files it read
    are recorded in this process too (:func:`collabgraph.outputs.remember_inputs`: the public writers refuse them);
    when the data are invalid the child's error (:class:`ValidationError`, :class:`InputError`) is raised here, as the
    read here would raise it: the data are not read again."""
    from collabgraph.background import later, wanted

    paths = [p for p in (kwargs["dataset"], kwargs.get("people")) if p is not None]
    beside = (_elsewhere(kwargs.get("engine"), kwargs.get("scheduler")) is None
              and wanted(_input_bytes(paths), READ_BESIDE_BYTES))
    value = later(stack, _read_valid, kwargs["dataset"], kwargs.get("people"), kwargs.get("lenient", False),
                  kwargs.get("directed"), background=beside, what="the data")

    def read() -> Dataset:
        ds = value()
        remember_inputs([*paths, *ds.inputs])
        return ds

    return read


def load_importing(kwargs: dict, pseudonymise: bool, name: str, settings: Callable[[], AnalysisOptions]):
    """The module ``name`` (:func:`import_frozen`), the dataset of ``dataset_options`` (:func:`load_from`, read
    meanwhile: :func:`read_beside`) and ``settings()``, called once the module is imported and before the dataset is
    loaded, with ``by`` as the dataset names it (``--by Domein``: ``domain``; :meth:`Dataset.attribute`). What
    ``report`` and ``export`` do first."""
    with ExitStack() as stack:
        read = read_beside(stack, kwargs)
        module = import_frozen(name)
        options = settings()
        ds = load_from(kwargs, pseudonymise, read)
    return module, ds, dataclasses.replace(options, by=ds.attribute(options.by))


def import_frozen(name: str):
    """The module ``name``, imported by a command after :func:`read_beside` has started reading the data (not when
    the command's module is imported). In a process that ends with the command (:func:`collabgraph.cli.main`) it is
    imported as main() imports a command: without garbage collections, then frozen (:func:`gc.freeze`: left out of
    later collections); in any other process (tests, a notebook) plainly, freezing nothing.

    >>> import collabgraph
    >>> import_frozen("collabgraph") is collabgraph  # imported already: as it is, nothing frozen
    True
    """
    context = click.get_current_context(silent=True)
    own = context is not None and getattr(context.find_root().command, "own_process", False)
    if not own or name in sys.modules or not gc.isenabled():
        return importlib.import_module(name)
    return frozen_import(name)


def input_paths(kwargs: dict) -> list[Path]:
    """The input files and folder of ``dataset_options`` (no output may be written over them)."""
    return [p for p in (kwargs["dataset"], kwargs.get("people"), kwargs.get("role_map")) if p is not None]


def salt_from(pseudonymise: bool, salt: str | None, salt_file: Path | None) -> tuple[bytes | None, bool]:
    """The secret of ``--salt``/``--salt-file`` and whether it was given (:func:`collabgraph.privacy.read_salt`)."""
    if not pseudonymise:
        if salt is not None or salt_file is not None:
            raise ParameterError("--salt and --salt-file only make sense with --pseudonymise.")
        return None, False
    from collabgraph.privacy import read_salt

    return read_salt(salt, salt_file)


def privacy_options(func):
    """--pseudonymise, --salt, --salt-file."""
    decorators = [
        click.option("--pseudonymise", "--pseudonymize", "pseudonymise", is_flag=True,
                     help="Replace names and ids by salted pseudonyms everywhere; drop event titles and "
                          "free columns."),
        click.option("--salt", help="Secret for the pseudonyms (same salt, same pseudonyms). Never written out."),
        click.option("--salt-file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                     help="Read the salt from this file instead (safer than the command line)."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def coordinator_role_option(help: str = "Role value that means coordinator (repeatable; case and accents ignored). "
                            "Default: coordinator, coördinator, netwerkcoördinator, projectleider, trekker, "
                            "procesbegeleider ..."):
    """``--coordinator-role VALUE``, repeatable: the role values that mean coordinator (``coordinator_roles``, a
    tuple; :func:`role_mapping` says which are in the data); ``help`` where it applies to part of a command."""
    return click.option("--coordinator-role", "coordinator_roles", multiple=True, metavar="VALUE", help=help)


def analysis_options(func):
    """--by, --weighted/--unweighted, --seed, --permutations, --freq, --before/--after, --pivots, --coordinator-role."""
    decorators = [
        click.option("--by", default="domain", show_default=True,
                     help="Person attribute whose boundaries are studied (domain, profession, organisation ...)."),
        weighted_option("Use tie weights for the E-I index, structural holes and clusters (as the commands "
                        "metrics, brokers and clusters do with --weighted)."),
        click.option("--seed", type=int, default=0, show_default=True, help="Seed of every random procedure."),
        click.option("--permutations", type=click.IntRange(0), default=999, show_default=True,
                     help="Permutations of the E-I and before/after tests."),
        click.option("--freq", type=click.Choice(list(FREQS)), default="quarter", show_default=True,
                     help="Window of the time series."),
        click.option("--before", help="Period to compare from (2020, 2021Q1, 2020-01-01..2020-06-30, a wave). "
                                      "Default: the first year."),
        click.option("--after", help="Period to compare with. Default: the last year."),
        click.option("--pivots", type=click.IntRange(1), default=None,
                     help="Estimate betweenness from this many pivots (default: exact up to 2,000 people)."),
        coordinator_role_option(),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def check_analysis_options(before, after) -> None:
    """The checks of :func:`analysis_settings` beyond the options' own types, without importing the analysis (0.7 s
    CPU, which ``report`` imports while the data are read: :func:`read_beside`): a command makes them before it
    touches its output or starts a second process.

    >>> check_analysis_options("2020", None)
    Traceback (most recent call last):
    ...
    collabgraph.errors.ParameterError: Give both --before and --after, or neither.
    """
    if (before is None) != (after is None):
        raise ParameterError("Give both --before and --after, or neither.")


def analysis_settings(by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles
                      ) -> AnalysisOptions:
    """The :class:`~collabgraph.analysis.AnalysisOptions` of :func:`analysis_options` (checked first:
    :func:`check_analysis_options`)."""
    from collabgraph.analysis import AnalysisOptions

    check_analysis_options(before, after)
    return AnalysisOptions(by=by, weighted=weighted, seed=seed, permutations=permutations, freq=freq,
                           compare_periods=(before, after) if before is not None else None,
                           betweenness_k=pivots if pivots is not None else "auto",
                           coordinator_roles=tuple(coordinator_roles) or None)
