"""The role-map file (``--role-map FILE``, ``Dataset.with_role_map``): read, checked, every bad row reported."""

from __future__ import annotations

from types import MappingProxyType

import pandas as pd
import pytest

from collabgraph import from_frames
from collabgraph.errors import InputError, ParameterError, ValidationError
from collabgraph.io.rolemap import read_role_map
from collabgraph.rolegroups import role_groups


def write(tmp_path, text: str, name: str = "rollen.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_english_and_dutch_headers_any_separator_and_accents(tmp_path):
    assert read_role_map(write(tmp_path, "value,group\nHuisarts,professional\nVoorzitter, Coordinator \n")) == {
        "Huisarts": "professional", "Voorzitter": "coordinator"}
    dutch = "\ufeffWaarde;Groep\nCliëntvertegenwoordiger;client\nErvarings-deskundige;experiential expert\n"
    assert read_role_map(write(tmp_path, dutch)) == {"Cliëntvertegenwoordiger": "client",
                                                     "Ervarings-deskundige": "experiential_expert"}
    assert read_role_map(write(tmp_path, "waarde\tgroep\nopleider\teducator\n", "r.tsv")) == {"opleider": "educator"}


def test_xlsx(tmp_path):
    path = tmp_path / "rollen.xlsx"
    pd.DataFrame({"waarde": ["stagiaire"], "groep": ["student"]}).to_excel(path, index=False)
    assert read_role_map(path) == {"stagiaire": "student"}


def test_every_bad_row_is_reported_with_file_row_column_and_reason(tmp_path):
    text = ("waarde;groep\nhuisarts;educator\n;client\nwethouder;\nbestuurder;baas\n"
            "HUISÄRTS ;client\nhuisarts;educator\n")
    with pytest.raises(ValidationError) as err:
        read_role_map(write(tmp_path, text))
    found = [(i.file, i.row, i.column, i.code) for i in err.value.issues]
    assert found == [("rollen.csv", 3, "waarde", "missing_value"), ("rollen.csv", 4, "groep", "unknown_group"),
                     ("rollen.csv", 5, "groep", "unknown_group"), ("rollen.csv", 6, "groep", "conflicting_group")]
    messages = [i.message for i in err.value.issues]
    assert messages[1].startswith("the group is empty; use one of coordinator, experiential_expert")
    assert messages[2].startswith("'baas' is not a role group")
    assert messages[3] == ("'HUISÄRTS' is mapped to client here and to educator in row 2; "
                           "map each value to one group.")


def test_missing_columns_and_unreadable_files(tmp_path):
    with pytest.raises(ValidationError) as err:
        read_role_map(write(tmp_path, "rol,omschrijving\nhuisarts,arts\n"))
    (issue,) = err.value.issues
    assert (issue.row, issue.code) == (1, "missing_column")
    assert issue.message.startswith("has no 'group' column (also accepted: groep, role_group, rolgroep)")
    with pytest.raises(ValidationError) as err:
        read_role_map(write(tmp_path, ""))
    assert [i.code for i in err.value.issues] == ["empty_file"]
    with pytest.raises(InputError):
        read_role_map(tmp_path / "missing.csv")


def test_dataset_with_role_map_from_a_dict_or_a_file(tmp_path):
    people = pd.DataFrame({"id": list("abcd"), "role": ["Voorzitter", "docent", "huisarts", None]})
    ds = from_frames(people=people, interactions=pd.DataFrame({"source": ["a"], "target": ["b"]}))
    assert ds.role_map is None
    assert role_groups(ds.people["role"], ds.role_map).tolist() == ["professional", "educator", "professional", pd.NA]
    mapped = ds.with_role_map(write(tmp_path, "waarde,groep\nvoorzitter,coordinator\nDocent,professional\n"))
    assert mapped.role_map == {"voorzitter": "coordinator", "Docent": "professional"}
    assert role_groups(mapped.people["role"], mapped.role_map).tolist() == [
        "coordinator", "professional", "professional", pd.NA]
    assert mapped.filter(start="2020-01-01").role_map == mapped.role_map  # kept by every restriction
    assert ds.with_role_map({"huisarts": "educator"}).role_map == {"huisarts": "educator"}
    assert ds.with_role_map(MappingProxyType({"huisarts": "client"})).role_map == {"huisarts": "client"}
    with pytest.raises(ParameterError, match="role_map groups must be one of"):
        ds.with_role_map({"huisarts": "arts"})
