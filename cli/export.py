"""``collabgraph export``: the network with every person's metrics, for Gephi, Excel, pandas or R.

Its own module, apart from ``report``: it imports neither the report's page (jinja2) nor its charts. The
analysis and the writers (:mod:`collabgraph.report.export`: scipy, igraph) are imported while the data are read in
a second process (:func:`~collabgraph.cli.common.read_beside`).
"""

from __future__ import annotations

from pathlib import Path

import click

from collabgraph.outputs import check_output, prepare_folder
from collabgraph.report import FORMATS, LANGUAGES, csv_layout
from collabgraph.report.i18n import report_language

from .common import (
    analysis_options,
    analysis_settings,
    csv_style_option,
    dataset_options,
    input_paths,
    load_importing,
    privacy_options,
    salt_from,
    say,
    show_progress,
)

__all__ = ["export"]


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
@click.option("--lang", type=click.Choice(LANGUAGES), default=None,
              help="Language of the xlsx sheets and headers, and of the csv style (nl: excel-nl). Default: as "
                   "report, that of the data's file and column names (personen.csv, Naam: Dutch), else the locale's.")
@csv_style_option("excel-nl when the language is nl (--lang, else the data's or the locale's), else standard")
def export(to, output, by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles, pseudonymise,
           salt, salt_file, min_group, lang, csv_style, **kwargs):
    """Export DATASET with every person's metrics for Gephi, Excel, pandas or R.

    Text cells that a spreadsheet would run as a formula (=, +, -, @) get a leading '. Prints the path.
    """
    secret, _ = salt_from(pseudonymise, salt, salt_file)
    options = analysis_settings(by, weighted, seed, permutations, freq, before, after, pivots, coordinator_roles)
    layout = csv_layout(output) if to == "csv" else "file"
    check_output(output, input_paths(kwargs), folder=layout == "folder")
    if layout == "folder":
        prepare_folder(Path(output))
    module, ds, options = load_importing(kwargs, pseudonymise, "collabgraph.report.export", lambda: options)
    path = module.export_dataset(ds, to, output, options=options, salt=secret, progress=show_progress(),
                                 min_group=min_group, lang=report_language(lang, ds), csv_style=csv_style)
    if to == "csv":
        say({"folder": f"csv: wrote people.csv, ties.csv, groups.csv and metrics.csv into the folder {path}.",
             "zip": f"csv: wrote people.csv, ties.csv, groups.csv and metrics.csv into the zip file {path}.",
             "ties": f"csv: wrote the tie table alone to {path} (its name ends in .csv); give a folder or .zip "
                     "name for all four tables."}[layout], err=True)
    click.echo(str(path))
