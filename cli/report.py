"""``collabgraph report`` and ``collabgraph demo`` (``collabgraph export`` is in :mod:`collabgraph.cli.export`)."""

from __future__ import annotations

import contextlib
import gc
from pathlib import Path

import click

from collabgraph.outputs import check_output, prepare_folder
from collabgraph.report import LANGUAGES, MAX_NODES
from collabgraph.report.i18n import report_language
from collabgraph.report.texts import Texts

from .common import (
    analysis_options,
    analysis_settings,
    check_analysis_options,
    csv_style_option,
    dataset_options,
    import_frozen,
    input_paths,
    load_importing,
    privacy_options,
    salt_from,
    show_progress,
)

__all__ = ["demo", "report"]


@click.command()
@dataset_options
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Report folder (default: reports/<dataset name>). An earlier report there is replaced; "
                   "a folder holding other files is refused.")
@analysis_options
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the texts (default: that of the data's file and column names, e.g. personen.csv "
                   "or Naam/Beroep: Dutch; when they do not tell, Dutch when the locale is nl_*, else English).")
@csv_style_option("excel-nl when the language is nl (--lang, else the data's or the locale's), else standard")
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
    secret, given = salt_from(pseudonymise, salt, salt_file)
    check_analysis_options(before, after)  # before the output is checked and the data read starts
    name = Path(kwargs["dataset"]).resolve()
    out = output if output is not None else Path("reports") / name.stem
    check_output(out, input_paths(kwargs), folder=True)
    prepare_folder(Path(out))
    html, ds, options = load_importing(kwargs, pseudonymise, "collabgraph.report.html", lambda: analysis_settings(
        by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles))
    settings = html.ReportSettings(lang=report_language(lang, ds), title=title, source=name.name, min_group=min_group,
                                   pseudonymised=pseudonymise, salt_given=given, exports=exports,
                                   map_nodes=map_nodes or None, csv_style=csv_style)
    with _frozen():
        folder = html.write_report(ds, out, options=options, settings=settings, salt=secret,
                                   progress=show_progress())
    click.echo(str(folder / "index.html"))


@contextlib.contextmanager
def _frozen():
    """Leave the objects that exist on entry (the imported modules, the loaded data) out of the garbage
    collections inside (:func:`gc.freeze`): they outlive the report, and its full collections scanned them
    again and again (mostly pandas' and igraph's module objects). What the report allocates is
    collected as before; on exit they are collected as usual again (:func:`gc.unfreeze`), so a process that
    writes many reports (the tests) keeps nothing. When objects are frozen on entry (:func:`collabgraph.cli.main`
    freezes the command's imports; a caller may have frozen its own) nothing is frozen: a freeze now would
    also freeze the garbage not yet collected, for good, as the unfreeze on exit would thaw the caller's."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@click.command()
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), default=Path("reports/demo"),
              show_default=True, help="Report folder.")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the texts (default: from the locale).")
def demo(output, lang):
    """Write the report of the bundled example (fictitious learning networks) and print its path."""
    from collabgraph.datasets import load_example

    html = import_frozen("collabgraph.report.html")
    t = Texts(report_language(lang))
    settings = html.ReportSettings(lang=t.lang, title=t.demo_title, source=t.demo_source)
    ds = load_example()
    with _frozen():
        folder = html.write_report(ds, output, settings=settings, progress=show_progress())
    click.echo(str(folder / "index.html"))
