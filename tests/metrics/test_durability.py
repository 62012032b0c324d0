"""Tests of collabgraph.metrics.durability: ties formed before a date and active after it, by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from collabgraph.errors import ParameterError
from collabgraph.metrics.durability import durability
from tests.conftest import dated


def test_durability_by_hand():
    people = pd.DataFrame({"id": list("abcd"), "domain": ["zorg", "zorg", "welzijn", "welzijn"]})
    ds = dated([("a", "b", "2020-03-01"), ("a", "c", "2020-05-01"), ("b", "d", "2020-06-01"),
                 ("a", "c", "2021-02-01"), ("c", "d", "2021-03-01"), ("a", "b", "2020-12-31")], people)
    d = durability(ds, "2021-01-01")
    # formed before 2021: a-b (within), a-c, b-d (across); after: a-c, c-d; a-c lasted
    assert (d.formed, d.active_after) == (3, 1)
    assert d.within == {"formed": 1, "active_after": 0, "share": 0.0}
    assert d.across == {"formed": 2, "active_after": 1, "share": 0.5}
    # a record on the end date itself counts as after: with the end on 2020-12-31, a-b (formed in
    # March, seen on 2020-12-31) lasts too
    assert durability(ds, "2020-12-31").active_after == 2
    with pytest.raises(ParameterError, match="programme_end must be a date"):
        durability(ds, "soon")
