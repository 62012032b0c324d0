"""collabgraph.groups: an attribute's codes, the one check of an attribute's name, the programme's label."""

import pandas as pd
import pytest

from collabgraph.errors import ParameterError
from collabgraph.groups import check_attribute, group_codes


def test_group_codes_keep_missing_apart():
    people = pd.DataFrame({"d": ["b", None, "a", "b"]}, index=list("wxyz"))
    codes, labels = group_codes(people, "d")
    assert codes.tolist() == [1, -1, 0, 1] and labels == ["a", "b"]


def test_an_unknown_attribute_is_refused_in_the_house_form():
    # issue 16: eight modules each wrote "Unknown attribute 'x'; people have: ..."; now one check says
    # "NAME must be RULE; got VALUE." (collabgraph.params), listing the columns in their order, once each
    people = pd.DataFrame({"role": ["r"], "network": ["n"]})
    with pytest.raises(ParameterError, match=r"^by must be one of role, network; got 'hobby'\.$"):
        group_codes(people, "hobby")
    with pytest.raises(ParameterError, match=r"^level must be one of role, network; got 'x'\.$"):
        group_codes(people, "x", name="level")
    check_attribute(people.columns, "network", also=["network"])
    with pytest.raises(ParameterError, match=r"^by must be 'role'; got 0\.$"):
        check_attribute(["role"], 0)
