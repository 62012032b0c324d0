"""collabgraph/rolegroups.py: role values as users write them, mapped to role groups."""

from __future__ import annotations

import pandas as pd
import pytest

from collabgraph.errors import ParameterError
from collabgraph.rolegroups import (
    GROUPS,
    SOURCES,
    SYNONYMS,
    check_role_map,
    coordinators,
    normalise,
    role_group,
    role_groups,
    role_mapping,
)

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


def test_other_values_are_professional_and_missing_values_have_no_group():
    # issue 14: "professional (the rest)"; a missing or blank role is no role at all
    assert role_group("wethouder") == "professional" and role_group("Wijkverpleegkundige") == "professional"
    assert role_group(None) is None and role_group(float("nan")) is None and role_group("  ") is None
    assert role_groups(pd.Series(["Docent", None, "huisarts"])).tolist() == ["educator", pd.NA, "professional"]


def test_role_map_adds_values_and_wins_over_the_built_in_list():
    role_map = {"Huisarts": "educator", "trainer": "professional", "Voorzitter": "coordinator"}
    roles = pd.Series(["HUISARTS", "Trainer", "voorzitter", "docent", "wethouder", None], dtype="string")
    assert role_groups(roles, role_map).tolist() == ["educator", "professional", "coordinator", "educator",
                                                     "professional", pd.NA]
    assert role_group("Trainer") == "educator"  # the built-in list without the map
    mask, matched = coordinators(roles, role_map=role_map)
    assert mask.tolist() == [False, False, True, False, False, False] and matched == ["voorzitter"]


def test_role_mapping_says_each_value_group_source_and_count():
    roles = pd.Series(["Trekker", "huisarts", "Trekker", None, "docent", "Ervaringsdeskundige"])
    table = role_mapping(roles, {"docent": "professional"})
    assert table.to_dict("records") == [
        {"value": "Trekker", "group": "coordinator", "source": "built-in list", "count": 2},
        {"value": "Ervaringsdeskundige", "group": "experiential_expert", "source": "built-in list", "count": 1},
        {"value": "docent", "group": "professional", "source": "role map", "count": 1},
        {"value": "huisarts", "group": "professional", "source": "the rest", "count": 1}]
    assert table["count"].sum() == roles.notna().sum()  # everyone with a role is in one row


def test_check_role_map_refuses_unknown_groups_and_values_mapped_twice():
    assert check_role_map(None) is None
    with pytest.raises(ParameterError, match="role_map groups must be one of"):
        check_role_map({"huisarts": "dokter"})
    with pytest.raises(ParameterError, match="role_map must map each role value to one group; got 'HUISÄRTS ' "
                                             "to educator and client"):
        check_role_map({"huisarts": "educator", "HUISÄRTS ": "client"})
    with pytest.raises(ParameterError, match="non-empty text"):
        check_role_map({" ": "client"})


def test_every_synonym_maps_to_its_own_group():
    assert set(SYNONYMS) == set(GROUPS)
    for group, labels in SYNONYMS.items():  # no label (after normalising) is listed under two groups
        assert all(role_group(label) == group for label in labels)
    assert normalise(" Netwerk_Coördinator ") == normalise("netwerk coordinator") == "netwerkcoordinator"


def test_coordinators_default_and_named_values():
    roles = pd.Series(["Netwerkcoördinator", "voorzitter", None, "trekker", "docent"], dtype="string")
    mask, matched = coordinators(roles)
    assert mask.tolist() == [True, False, False, True, False] and matched == ["Netwerkcoördinator", "trekker"]
    # named values replace the built-in list, matched case- and accent-insensitively
    mask, matched = coordinators(roles, ["VOORZITTER", "netwerkcoordinator"])
    assert mask.tolist() == [True, True, False, False, False] and matched == ["Netwerkcoördinator", "voorzitter"]
    assert coordinators(roles, ["onbekend"])[1] == []


def test_coordinator_values_alone_make_the_coordinator_group():
    roles = pd.Series(["Voorzitter", "trekker", "Teacher", "huisarts", None, "docent"], dtype="string")
    named = ["voorzitter", "DOCENT"]
    # by hand: the named values are coordinators (over the role map's educator for docent); trekker (built-in) and
    # Teacher (mapped to coordinator) are not named, so professional; huisarts stays the rest
    role_map = {"teacher": "coordinator", "docent": "educator"}
    assert role_groups(roles, role_map, coordinator_roles=named).tolist() == [
        "coordinator", "professional", "professional", "professional", pd.NA, "coordinator"]
    table = role_mapping(roles, role_map, coordinator_roles=named)
    assert table.values.tolist() == [["Voorzitter", "coordinator", "coordinator value", 1],
                                     ["docent", "coordinator", "coordinator value", 1],
                                     ["Teacher", "professional", "not a coordinator value", 1],
                                     ["huisarts", "professional", "the rest", 1],
                                     ["trekker", "professional", "not a coordinator value", 1]]
    assert set(table["source"]) <= set(SOURCES)
    # coordinators() follows the same rule
    mask, matched = coordinators(roles, named, role_map)
    assert mask.tolist() == (role_groups(roles, role_map, coordinator_roles=named) == "coordinator").fillna(
        False).tolist() and matched == ["Voorzitter", "docent"]
    # an empty list names no coordinator: no one is one
    assert "coordinator" not in set(role_groups(roles, coordinator_roles=[]).dropna())


@pytest.mark.parametrize("bad", ["voorzitter", [" - "], [3]])
def test_coordinator_values_must_be_a_list_of_role_values(bad):
    with pytest.raises(ParameterError, match=r"^coordinator_roles must be .*; got "):
        role_groups(pd.Series(["a"]), coordinator_roles=bad)
