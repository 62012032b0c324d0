"""The README's Python example runs as written (from the repository root, on the bundled example)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


@pytest.mark.slow
def test_python_example_runs(monkeypatch, capsys):
    if not README.is_file():
        pytest.skip("README.md is not beside the tests (installed package)")
    blocks = re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    assert blocks, "the README has a Python example"
    monkeypatch.chdir(ROOT)
    for code in blocks:
        exec(compile(code, str(README), "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    # one line per quarter of the example's records: label, ties
    dates = pd.concat([pd.read_csv(ROOT / "datasets" / "leernetwerken" / f"{name}.csv", usecols=["date"])["date"]
                       for name in ("interactions", "events")])
    quarters = pd.period_range(dates.min(), dates.max(), freq="Q")
    assert len(lines) == len(quarters) and all(re.fullmatch(r"\S+ \d+", line) for line in lines)
