"""The report's clusters are what ``collabgraph clusters`` gives with the options its Method section states.

Found by a new user on the Lyon hospital ward: the report showed the most representative of 5 stability runs and
said "startgetal van het toeval: 4" although the seed was 0; ``clusters`` without options gave other clusters.
"""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.analysis import AnalysisOptions
from collabgraph.report.html import ReportSettings, write_report
from datasets import EXAMPLE
from tests.cli.conftest import run
from tests.conftest import lyon_ward
from tests.report.conftest import DUTCH

COMMAND = re.compile(r"collabgraph clusters (?:FOLDER|MAP)((?: --[a-z-]+(?: [^\s,-][^\s,]*)?)*),")


def stated_clusters(report, folder) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The report's people.csv communities, those of ``clusters`` with the options its Method section states,
    and its page text."""
    html = (report / "index.html").read_text(encoding="utf-8")
    options = COMMAND.findall(html)
    assert len(options) == 1, "the Method section states one clusters command"
    text = (report / "data" / "people.csv").read_text(encoding="utf-8-sig")
    sep = ";" if text.splitlines()[0].count(";") else ","
    shown = pd.read_csv(io.StringIO(text), sep=sep, dtype={"id": str})[["id", "community"]]
    result = run("clusters", folder, *options[0].split(), "--format", "csv")
    assert result.exit_code == 0, result.output
    found = pd.read_csv(io.StringIO(result.output), dtype={"id": str})[["id", "community"]]
    return shown.sort_values("id", ignore_index=True), found.sort_values("id", ignore_index=True), html


@pytest.mark.parametrize("settings", [{}, DUTCH], ids=["en", "nl"])
def test_the_stated_command_gives_the_example_reports_clusters(example_report, settings):
    shown, found, html = stated_clusters(example_report(**settings), EXAMPLE)
    pd.testing.assert_frame_equal(shown, found)
    assert " --stability 2," in html  # the report tests' options: 2 stability runs, seed 0, unweighted


@pytest.mark.usefixtures("analysed_once")  # the Dutch report renders a copy of the English one's analysis
def test_the_wards_report_says_which_run_it_shows(realdata, tmp_path):
    # the new user's case: default stability (5 runs from seed 0); the chosen run has another seed
    _, people, inter = lyon_ward(realdata)
    folder = tmp_path / "ward"
    folder.mkdir()
    inter.to_csv(folder / "interactions.csv", index=False)
    people.to_csv(folder / "people.csv", index=False)
    options = AnalysisOptions(by="status", freq="year", permutations=0, bootstraps=0)
    for lang, said in (("en", "of 5 runs with the seeds 0 to 4, the one that agrees best with the others "
                              "(seed {seed})"),
                       ("nl", "van 5 indelingen met startgetal van het toeval 0 tot en met 4 de indeling die het "
                              "best overeenkomt met de andere (startgetal {seed})")):
        report = write_report(from_frames(people=people, interactions=inter), tmp_path / lang, options=options,
                              settings=ReportSettings(lang=lang))
        shown, found, html = stated_clusters(report, folder)
        pd.testing.assert_frame_equal(shown, found)
        json_out = run("clusters", folder, "--stability", "5", "--format", "json").output
        seed = int(re.search(r'"representative_seed": (\d+)', json_out).group(1))
        assert said.format(seed=seed) in html
