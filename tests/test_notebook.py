"""docs/notebook.md runs as written: its ```python blocks, in order, in an empty folder, on the bundled example."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "docs" / "notebook.md"


@pytest.mark.slow
def test_notebook_walkthrough_runs(tmp_path, monkeypatch, capsys):
    if not NOTEBOOK.is_file():
        pytest.skip("docs/notebook.md is not beside the tests (installed package)")
    blocks = re.findall(r"^```python\n(.*?)^```$", NOTEBOOK.read_text(encoding="utf-8"), flags=re.S | re.M)
    assert len(blocks) >= 5, "load, analyse, metrics, plot, export"
    import matplotlib

    matplotlib.use("Agg")  # no window; the walkthrough saves its figure
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    for code in blocks:
        exec(compile(code, str(NOTEBOOK), "exec"), namespace)
    out = capsys.readouterr().out
    ds = namespace["ds"]
    assert out.startswith(repr(ds))
    assert f"{len(ds.people)} people;" in out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["crossing.png", "leernetwerken.gexf", "leernetwerken.xlsx"]
    # Gephi reads the nodes and edges: one node per person, one edge per tie.
    root = ET.parse(tmp_path / "leernetwerken.gexf").getroot()
    nodes = root.findall(".//{*}nodes/{*}node")
    edges = root.findall(".//{*}edges/{*}edge")
    assert len(nodes) == len(ds.people) and len(edges) == len(namespace["a"].ties)
