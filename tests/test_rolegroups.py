"""collabgraph/rolegroups.py: role values as users write them, mapped to role groups."""

from __future__ import annotations

import pandas as pd
import pytest

from collabgraph.rolegroups import GROUPS, SYNONYMS, coordinators, normalise, role_group, role_groups

# The labels issue 12 (point 12) lists, with the group each belongs to (written by hand, not from SYNONYMS).
ISSUE_LABELS = {
    "coordinator": "coordinator", "coördinator": "coordinator", "netwerkcoördinator": "coordinator",
    "projectleider": "coordinator", "trekker": "coordinator", "procesbegeleider": "coordinator",
    "ervaringsdeskundige": "experiential_expert", "docent": "educator", "opleider": "educator",
    "student": "student", "stagiair": "student", "cliënt": "client", "naaste": "client", "mantelzorger": "client",
}


@pytest.mark.parametrize(("label", "group"), ISSUE_LABELS.items())
def test_issue_labels_in_any_case_and_accent(label, group):
    accentless = label.replace("ö", "o").replace("ë", "e")
    for written in (label, label.upper(), f"  {label.title()} ", accentless):
        assert role_group(written) == group


def test_unknown_and_missing_values_have_no_group():
    assert role_group("wethouder") is None and role_group(None) is None and role_group(float("nan")) is None
    assert role_groups(pd.Series(["Docent", None, "huisarts"])).tolist() == ["educator", pd.NA, pd.NA]


def test_every_synonym_maps_to_its_own_group():
    assert set(SYNONYMS) == set(GROUPS)
    for group, labels in SYNONYMS.items():  # no label (after normalising) is listed under two groups
        assert all(role_group(label) == group for label in labels)
    assert normalise(" Netwerk_Coördinator ") == "netwerk coordinator"


def test_coordinators_default_and_named_values():
    roles = pd.Series(["Netwerkcoördinator", "voorzitter", None, "trekker", "docent"], dtype="string")
    mask, matched = coordinators(roles)
    assert mask.tolist() == [True, False, False, True, False] and matched == ["Netwerkcoördinator", "trekker"]
    # named values replace the built-in list, matched case- and accent-insensitively
    mask, matched = coordinators(roles, ["VOORZITTER", "netwerkcoordinator"])
    assert mask.tolist() == [True, True, False, False, False] and matched == ["Netwerkcoördinator", "voorzitter"]
    assert coordinators(roles, ["onbekend"])[1] == []
