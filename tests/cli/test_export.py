"""`collabgraph export`: every format through the CLI, the path printed, exit codes."""

from __future__ import annotations

import networkx as nx
import pandas as pd
import pytest

from tests.cli.conftest import run
from tests.report.conftest import FORMULA, hostile_frames


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("data")
    for name, frame in zip(["people", "interactions", "events", "attendance"], hostile_frames(), strict=True):
        frame.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.mark.parametrize(("to", "name"), [("gexf", "n.gexf"), ("graphml", "n.graphml"), ("json", "n.json"),
                                          ("csv", "tables"), ("csv", "tables.zip"), ("xlsx", "n.xlsx")])
def test_every_format(folder, tmp_path, to, name):
    result = run("export", folder, "--to", to, "-o", tmp_path / name, "--permutations", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [str(tmp_path / name)]
    assert (tmp_path / name).exists()


def test_gexf_and_filters(folder, tmp_path):
    result = run("export", folder, "--to", "gexf", "-o", tmp_path / "n.gexf", "--network", "Net & 2",
                 "--permutations", "0")
    assert result.exit_code == 0, result.output
    g = nx.read_gexf(tmp_path / "n.gexf")
    assert sorted(g.nodes) == [f"H{i:02d}" for i in range(6, 12)]  # the six members of "Net & 2"


def test_csv_neutralised(folder, tmp_path):
    assert run("export", folder, "--to", "csv", "-o", tmp_path / "t", "--permutations", "0").exit_code == 0
    people = pd.read_csv(tmp_path / "t" / "people.csv").set_index("id")
    assert people.loc["H02", "name"] == "'" + FORMULA


def test_pseudonymised(folder, tmp_path):
    result = run("export", folder, "--to", "graphml", "-o", tmp_path / "p.graphml", "--pseudonymise",
                 "--salt", "zout", "--permutations", "0")
    assert result.exit_code == 0, result.output
    g = nx.read_graphml(tmp_path / "p.graphml")
    assert all(n.startswith("P-") and g.nodes[n]["name"] == n for n in g)


def test_format_required(folder, tmp_path):
    result = run("export", folder, "-o", tmp_path / "x")
    assert result.exit_code == 2
    assert "Missing option '--to'" in result.output


def test_unknown_format(folder, tmp_path):
    result = run("export", folder, "--to", "pdf", "-o", tmp_path / "x")
    assert result.exit_code == 2
    assert "'pdf' is not one of 'gexf', 'graphml', 'json', 'csv', 'xlsx'" in result.output
