"""Shared by the CLI tests: ``run`` (the click app in-process), a small dataset of three networks, and
``validated_once`` for the tests that run every command on the same folders."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from click.testing import CliRunner

from collabgraph.cli import cli
from collabgraph.cli import common as cli_common
from collabgraph.errors import ValidationError

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



@pytest.fixture(scope="module")
def validated_once():
    """``collabgraph.cli.common.validate`` (the validation behind every command but ``validate``) done once per
    folder, file state and options in the module; each command gets its own deep copy of the Dataset, or the same
    error again.

    The every-command matrices validated each tiny folder some twenty times, over a third of their time. Each
    command still reads the files (``read_dataset``) and gets a Dataset of its own equal to a fresh one
    (validation is deterministic: same input, same output); validation itself is tested in tests/io and by the
    ``validate`` command, which this leaves alone.
    """
    real_read, real_validate = cli_common.read_dataset, cli_common.validate
    origin, done = {}, {}

    def state(path):
        """A folder or file and what is in it now: names, sizes and modification times."""
        if path is None:
            return None
        path = Path(path)
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        return str(path), tuple((str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in files if f.is_file())

    def read(dataset, people=None):
        raw = real_read(dataset, people)
        origin[id(raw)] = (raw, state(dataset), state(people))  # the raw kept alive, so its id stays its own
        return raw

    def validate(raw, *, lenient=False, directed=None, **kwargs):
        key = (*origin.pop(id(raw))[1:], lenient, directed, tuple(sorted(kwargs.items())))
        if key not in done:
            try:
                done[key] = (True, real_validate(raw, lenient=lenient, directed=directed, **kwargs))
            except ValidationError as error:
                done[key] = (False, error)
        ok, value = done[key]
        if not ok:
            raise value
        return copy.deepcopy(value)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli_common, "read_dataset", read)
        patch.setattr(cli_common, "validate", validate)
        yield
