"""``collabgraph validate`` and ``collabgraph summary``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from collabgraph.errors import ValidationError
from collabgraph.io import read_dataset
from collabgraph.io import validate as validate_tables
from collabgraph.metrics.structure import summary as summarize
from collabgraph.outputs import check_output

from .common import cli_report, counted, dataset_options, emit, format_option, pass_dataset, write_rejected


@click.command()
@click.argument("dataset", type=click.Path(exists=True, path_type=Path))
@click.option("--people", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="People file to use with a single interactions file.")
@click.option("--directed/--undirected", default=None, help="How to read interactions.")
@click.option("--rejected", type=click.Path(dir_okay=False, path_type=Path),
              help="Write every problem and the rejected row's values to this CSV file.")
@format_option("text", "json")
def validate(dataset, people, directed, rejected, fmt):
    """Check DATASET against the data contract and list every problem.

    Exit code 0 when the dataset is valid, 1 when problems were found. Warnings (things that look
    wrong but reject nothing) are listed too and do not change the exit code.
    """
    if rejected is not None:
        check_output(rejected, [dataset, people])
    # Strict rules, so people missing from the people table are listed too; validation collects
    # every problem before it raises, and the error carries the whole report.
    ratings = ()
    try:
        ds = validate_tables(read_dataset(dataset, people), directed=directed)
        report, ratings = ds.report, ds.ratings
    except ValidationError as err:
        report = err.report
    report = cli_report(report)
    if rejected is not None:
        write_rejected(report.rejected_frame(), rejected)
    lines = [str(i) for i in report.issues] + [f"warning: {w}" for w in report.warnings]
    unread = {i.file for i in report.issues if i.code == "not_a_table"}
    for table, c in report.counts.items():
        file = report.headers.get(table, ("", {}))[0]
        if file in unread:  # none of its rows could be counted: not "0 rows read"
            lines.append(f"{table}: {file} not read (see the problem above)")
            continue
        if table == "people" and table not in report.headers:  # no people table: everyone from the records
            lines.append(f"people: no people table; {counted(c['added'], 'person', 'people', sep=False)} added "
                         f"from the {_records(report)} (everyone their valid rows name)")
            continue
        added = f", {c['added']} added from records" if c.get("added") else ""
        blank = f", {c['skipped_blank']} blank skipped" if c.get("skipped_blank") else ""
        lines.append(f"{table}: {counted(c['read'], 'row', sep=False)} read, {c['used']} valid, "
                     f"{c['rejected']} with problems{blank}{added}")
    if report.ignored:
        lines.append(f"ignored files (not a table name): {', '.join(report.ignored)}")
    if ratings:
        lines.append(f"ratings (numeric columns of the interactions; collabgraph ratings, --weight-by): "
                     f"{', '.join(ratings)}")
    warned = f" {counted(len(report.warnings), 'warning')}." if report.warnings else ""
    lines.append(("valid: no problems found." if report.valid
                  else f"{counted(len(report.issues), 'problem')} found.") + warned)
    emit(fmt, report.to_dict(), "\n".join(lines))
    sys.exit(0 if report.valid else 1)


def _records(report) -> str:
    """The record tables people come from without a people table, as the data have them."""
    tables = [t for t in ("interactions", "attendance") if t in report.headers] or ["interactions"]
    return " and ".join(tables)


@click.command()
@dataset_options
@format_option("text", "json")
@pass_dataset
def summary(dataset, fmt):
    """Count people, records, groups and ties, and describe the network's shape."""
    s = summarize(dataset)
    payload = s.to_dict()  # density None below two people: no possible tie
    period = (f"{s.period['start']} to {s.period['end']}" if s.period["start"] else "no dates")

    def known(n: int) -> str:  # 0 distinct values: no person has the attribute
        return str(n) if n else "not in the data"
    density = (f"{s.density:>8.4f}" if payload["density"] is not None
               else f"{'–':>8}   undefined: fewer than 2 people, so no tie is possible")
    largest = f"   largest {counted(s.largest_component, 'person', 'people', sep=False)}" if s.people else ""
    without = "person without any tie" if s.isolates == 1 else "people without any tie"
    text = "\n".join([
        f"people          {s.people:>8}",
        f"interactions    {s.interactions:>8}",
        f"events          {s.events:>8}   attendance {s.attendance}",
        f"organisations   {known(s.organisations):>8}   domains {known(s.domains)}   networks {known(s.networks)}",
        f"ties            {s.ties:>8}   ({'directed' if s.directed else 'undirected'})",
        f"density         {density}",
        f"components      {s.components:>8}{largest}",
        f"isolates        {s.isolates:>8}   {without}",
        f"period          {period}",
    ] + ([f"rejected        {s.rejected:>8}   {'row' if s.rejected == 1 else 'rows'} with problems left out of "
          "every figure above"] if s.rejected else []))
    emit(fmt, payload, text)


__all__ = ["summary", "validate"]

