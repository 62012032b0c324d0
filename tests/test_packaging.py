"""The wheel carries the library, the CLI and the example data: it works outside the repository."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: Builds a wheel and a venv in subprocesses (~13 s); no line of the library runs in this process.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with only the built wheel installed; dependencies come from this interpreter."""
    if not (ROOT / "pyproject.toml").exists():
        pytest.skip("not a source checkout")
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                    "-w", str(tmp / "dist"), str(ROOT)], check=True, capture_output=True)
    (wheel,) = (tmp / "dist").glob("collabgraph-*.whl")
    env_dir = tmp / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               check=True, capture_output=True, text=True).stdout.strip())
    # Dependencies from this interpreter, appended after the venv's own packages. A plain path
    # line does not run that folder's .pth files, so an editable install there cannot shadow the wheel.
    (site / "zz_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    return python, site


def test_summary_from_the_installed_wheel_outside_the_repo(installed, tmp_path):
    python, site = installed
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    where = subprocess.run([str(python), "-c", "import collabgraph, collabgraph.datasets as d; "
                            "print(collabgraph.__file__); print(d.EXAMPLE)"],
                           cwd=tmp_path, env=env, check=True, capture_output=True, text=True).stdout.split()
    assert all(Path(p).is_relative_to(site) for p in where), where
    result = subprocess.run([str(python), "-m", "collabgraph.cli", "summary", where[1], "--format", "json"],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["networks"] == 16 and summary["people"] > 400
