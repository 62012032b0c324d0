"""``collabgraph report``, ``collabgraph export`` and ``collabgraph demo``."""

from __future__ import annotations

import dataclasses
import inspect
import sys
from pathlib import Path

import click

from collabgraph.analysis import AnalysisOptions
from collabgraph.dataset import FREQS
from collabgraph.errors import ParameterError
from collabgraph.outputs import check_output, prepare_folder
from collabgraph.privacy import read_salt
from collabgraph.report.export import FORMATS, csv_layout, export_dataset
from collabgraph.report.html import ReportSettings, write_report
from collabgraph.report.i18n import data_language
from collabgraph.report.netmap import MAX_NODES
from collabgraph.report.texts import LANGUAGES, Texts, default_language

from .common import attribute, csv_style_option, dataset_options, load_dataset, say, weighted_option

__all__ = ["demo", "export", "report"]


def _progress() -> bool:
    return sys.stderr.isatty()


def _load(kwargs: dict, pseudonymise: bool):
    """Load the dataset from the options of ``dataset_options`` (removed from ``kwargs``)."""
    names = [p for p in inspect.signature(load_dataset).parameters if p != "fmt"]
    if pseudonymise and kwargs.get("rejected") is not None:
        say(f"warning: {kwargs['rejected']} lists the rejected rows with their original ids and values "
            "(not pseudonymised); keep it with the source data.", err=True)
    return load_dataset(**{name: kwargs.pop(name) for name in names if name in kwargs}, fmt="text")


def _inputs(kwargs: dict) -> list[Path]:
    return [p for p in (kwargs["dataset"], kwargs.get("people"), kwargs.get("role_map")) if p is not None]


def _salt(pseudonymise: bool, salt: str | None, salt_file: Path | None) -> tuple[bytes | None, bool]:
    if not pseudonymise:
        if salt is not None or salt_file is not None:
            raise ParameterError("--salt and --salt-file only make sense with --pseudonymise.")
        return None, False
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
        click.option("--coordinator-role", "coordinator_roles", multiple=True, metavar="VALUE",
                     help="Role value that means coordinator (repeatable; case and accents ignored). Default: "
                          "coordinator, coördinator, netwerkcoördinator, projectleider, trekker, procesbegeleider ..."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


def _options(by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles) -> AnalysisOptions:
    if (before is None) != (after is None):
        raise ParameterError("Give both --before and --after, or neither.")
    return AnalysisOptions(by=by, weighted=weighted, seed=seed, permutations=permutations, freq=freq,
                           compare_periods=(before, after) if before is not None else None,
                           betweenness_k=pivots if pivots is not None else "auto",
                           coordinator_roles=tuple(coordinator_roles) or None)


def _language(lang: str | None, dataset=None) -> str:
    """``--lang`` when given, else the language of the dataset's own file and column names
    (:func:`collabgraph.report.i18n.data_language`), else the locale's (:func:`default_language`)."""
    if lang is not None:
        return lang
    report = getattr(dataset, "report", None)
    return (data_language(report.headers) if report is not None else None) or default_language()


@click.command()
@dataset_options
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Report folder (default: reports/<dataset name>). An earlier report there is replaced; "
                   "a folder holding other files is refused.")
@analysis_options
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the texts (default: that of the data's file and column names, e.g. personen.csv "
                   "or Naam/Beroep: Dutch; when they do not tell, Dutch when the locale is nl_*, else English).")
@csv_style_option("excel-nl with --lang nl, else standard")
@click.option("--title", help="Title of the report.")
@privacy_options
@click.option("--min-group", type=click.IntRange(1), default=3, show_default=True,
              help="Tables by an attribute show smaller groups as '<N'; a person's --by value (with "
                   "--pseudonymise: every attribute) shared by fewer people shows as 'other'.")
@click.option("--map-nodes", type=click.IntRange(0), default=MAX_NODES, show_default=True,
              help="Most people drawn on the map; the rest are grouped by --by (0: draw everyone).")
@click.option("--exports", is_flag=True,
              help="Also write exports/ (GEXF, GraphML, JSON, XLSX); slow for large data, see collabgraph export.")
def report(output, by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles, lang, csv_style,
           title, pseudonymise, salt, salt_file, min_group, map_nodes, exports, **kwargs):
    """Write an HTML report of DATASET (a folder with index.html and the data behind every figure as CSV).

    The page works offline: all scripts, styles and charts are inside it. Prints the path of index.html.
    See docs/report.md.
    """
    secret, given = _salt(pseudonymise, salt, salt_file)
    options = _options(by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles)
    name = Path(kwargs["dataset"]).resolve()
    out = output if output is not None else Path("reports") / name.stem
    check_output(out, _inputs(kwargs), folder=True)
    prepare_folder(Path(out))
    ds = _load(kwargs, pseudonymise)
    options = dataclasses.replace(options, by=attribute(ds, options.by))  # --by Domein: domain
    settings = ReportSettings(lang=_language(lang, ds), title=title, source=name.name, min_group=min_group,
                              pseudonymised=pseudonymise, salt_given=given, exports=exports,
                              map_nodes=map_nodes or None, csv_style=csv_style)
    folder = write_report(ds, out, options=options, settings=settings, salt=secret, progress=_progress())
    click.echo(str(folder / "index.html"))


@click.command()
@dataset_options
@click.option("--to", "to", type=click.Choice(FORMATS), required=True,
              help="gexf (Gephi, with time spells), graphml, json (node-link), csv (a folder, a .zip, or the tie "
                   "table alone as .csv), xlsx.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="The file to write; for csv a folder (new, empty or an earlier export), a .zip file with all "
                   "four tables, or a .csv file with the tie table. Never an input file or folder.")
@analysis_options
@privacy_options
@click.option("--min-group", type=click.IntRange(1), default=3, show_default=True,
              help="With --pseudonymise: attribute values fewer people share show as 'other', smaller groups' "
                   "numbers as '<N'.")
@click.option("--lang", type=click.Choice(LANGUAGES), default="en", show_default=True,
              help="Language of the xlsx sheets and headers, and of the csv style (nl: excel-nl).")
@csv_style_option("excel-nl with --lang nl, else standard")
def export(to, output, by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles, pseudonymise,
           salt, salt_file, min_group, lang, csv_style, **kwargs):
    """Export DATASET with every person's metrics for Gephi, Excel, pandas or R.

    Text cells that a spreadsheet would run as a formula (=, +, -, @) get a leading '. Prints the path.
    """
    secret, _ = _salt(pseudonymise, salt, salt_file)
    options = _options(by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles)
    layout = csv_layout(output) if to == "csv" else "file"
    check_output(output, _inputs(kwargs), folder=layout == "folder")
    if layout == "folder":
        prepare_folder(Path(output))
    ds = _load(kwargs, pseudonymise)
    options = dataclasses.replace(options, by=attribute(ds, options.by))  # --by Domein: domain
    path = export_dataset(ds, to, output, options=options, salt=secret, progress=_progress(), min_group=min_group,
                          lang=lang, csv_style=csv_style)
    if to == "csv":
        say({"folder": f"csv: wrote people.csv, ties.csv, groups.csv and metrics.csv into the folder {path}.",
             "zip": f"csv: wrote people.csv, ties.csv, groups.csv and metrics.csv into the zip file {path}.",
             "ties": f"csv: wrote the tie table alone to {path} (its name ends in .csv); give a folder or .zip "
                     "name for all four tables."}[layout], err=True)
    click.echo(str(path))


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("reports/demo"),
              show_default=True, help="Report folder.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the texts (default: from the locale).")
def demo(output, lang):
    """Write the report of the bundled example (fictitious learning networks) and print its path."""
    from collabgraph.datasets import load_example

    t = Texts(_language(lang))
    settings = ReportSettings(lang=t.lang, title=t.demo_title, source=t.demo_source)
    folder = write_report(load_example(), output, settings=settings, progress=_progress())
    click.echo(str(folder / "index.html"))
