"""``--role-map FILE`` on every command with the dataset options: used by the metrics, shown, errors located."""

from __future__ import annotations

import json

from tests.cli.conftest import run


def test_role_map_makes_a_value_a_coordinator_in_every_role_figure(networks, tmp_path):
    # conftest's people: d is a 'teacher' in n2 and n3; mapped to coordinator, d is tested for dependency too
    role_map = tmp_path / "rollen.csv"
    role_map.write_text("waarde;groep\nTeacher;coordinator\n", encoding="utf-8")
    out = json.loads(run("brokers", networks, "--role-map", role_map, "--format", "json").output)
    assert out["coordinator_roles"] == ["coordinator", "teacher"]
    assert {"value": "teacher", "group": "coordinator", "source": "role map", "count": 1} in out["role_mapping"]
    tested = {(r["network"], r["id"]) for r in out["dependency"] if "coordinator" in r["reason"]}
    assert tested == {("n1", "a"), ("n2", "d"), ("n3", "d")}
    card = json.loads(run("networks", networks, "--role-map", role_map, "--format", "json").output)
    assert [r["coordinators"] for r in card["networks"]] == [1, 1, 1]
    text = run("networks", networks, "--role-map", role_map).output
    assert "coordinator: 'coordinator' (1), 'teacher' (1, from the role map)" in text


def test_bad_role_map_exits_1_naming_file_row_column_and_reason(networks, tmp_path):
    role_map = tmp_path / "rollen.csv"
    role_map.write_text("waarde,groep\nteacher,educator\nTEACHER,student\nhuisarts,dokter\n", encoding="utf-8")
    r = run("summary", networks, "--role-map", role_map)
    assert r.exit_code == 1
    assert "Usage:" not in r.output
    assert ("rollen.csv, row 3, column 'groep': 'TEACHER' is mapped to student here and to educator in row 2"
            in r.output)
    assert "rollen.csv, row 4, column 'groep': 'dokter' is not a role group" in r.output


def test_rejected_file_never_replaces_the_role_map(networks, tmp_path):
    role_map = tmp_path / "rollen.csv"
    role_map.write_text("waarde,groep\nteacher,educator\n", encoding="utf-8")
    r = run("summary", networks, "--lenient", "--role-map", role_map, "--rejected", role_map)
    assert r.exit_code == 2 and "it is an input" in r.output
    assert role_map.read_text(encoding="utf-8") == "waarde,groep\nteacher,educator\n"
