"""Tests of collabgraph.metrics.evolution: cluster evolution labels with Jaccard overlaps by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from collabgraph.errors import ParameterError
from collabgraph.metrics.evolution import cluster_evolution


def test_cluster_evolution_labels():
    m = [pd.Series({"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 1, "h": 2, "i": 2, "j": 2,
                    "x1": 3, "x2": 3, "x3": 3, "y1": 4, "y2": 4, "y3": 4, "y4": 4, "y5": 4, "y6": 4}),
         # a-d continue (0); e-g merge with h-j (1); x dies; y splits in two; z is born (growth: below, in this test)
         pd.Series({"a": 0, "b": 0, "c": 0, "d": 0, "e": 1, "f": 1, "g": 1, "h": 1, "i": 1, "j": 1,
                    "y1": 2, "y2": 2, "y3": 2, "y4": 3, "y5": 3, "y6": 3, "z1": 4, "z2": 4, "z3": 4})]
    ev = cluster_evolution(m, labels=["t0", "t1"])
    step = ev[ev["window"] == "t1"]
    got = sorted((r.event, r.before, r.after) for r in step.itertuples())
    # Jaccard by hand: {a..d} vs {a..d} = 1; {e,f,g} vs {e..j} = 3/6; {h,i,j} vs {e..j} = 3/6;
    # {y1..y6} vs {y1,y2,y3} = 3/6 and vs {y4,y5,y6} = 3/6; x has no overlap; z is new
    assert got == [("birth", [], [4]), ("continue", [0], [0]), ("death", [3], []),
                   ("merge", [1, 2], [1]), ("split", [4], [2, 3])]
    assert step.set_index("event").loc["merge", "size_before"] == 6
    # grow and shrink: a one-to-one match whose size changes by more than 10%
    grow = cluster_evolution([pd.Series(0, index=list("abcd")), pd.Series(0, index=list("abcdef"))])
    shrink = cluster_evolution([pd.Series(0, index=list("abcdef")), pd.Series(0, index=list("abcd"))])
    assert grow["event"].tolist() == ["birth", "grow"] and shrink["event"].tolist() == ["birth", "shrink"]
    # below the threshold there is no match: a death and a birth
    apart = cluster_evolution([pd.Series(0, index=list("abcd")), pd.Series(0, index=list("adxyz"))])
    assert apart["event"].tolist() == ["birth", "birth", "death"]
    with pytest.raises(ParameterError, match="threshold"):
        cluster_evolution(m, threshold=0)
