"""Shared by the CLI tests: ``run`` (the click app in-process) and a small dataset of three networks."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from collabgraph.cli import cli

#: Seven people in three learning networks (b and d are in two), one person without a domain.
NETWORKS_PEOPLE = ("id,role,domain,networks\na,coordinator,zorg,n1\nb,professional,zorg,n1;n2\n"
                   "c,professional,welzijn,n2\nd,teacher,onderwijs,n2;n3\ne,student,welzijn,n3\n"
                   "f,professional,zorg,n1\ng,professional,,\n")
NETWORKS_INTERACTIONS = "source,target\na,b\nb,c\nc,d\nd,e\na,f\nf,c\ne,g\na,c\n"


def run(*args, env=None):
    """Invoke ``collabgraph ARGS`` in this process and return click's Result."""
    return CliRunner().invoke(cli, [str(a) for a in args], env=env)


@pytest.fixture
def networks(tmp_path):
    """Folder with the three-network dataset (``NETWORKS_PEOPLE``, ``NETWORKS_INTERACTIONS``)."""
    (tmp_path / "people.csv").write_text(NETWORKS_PEOPLE)
    (tmp_path / "interactions.csv").write_text(NETWORKS_INTERACTIONS)
    return tmp_path
