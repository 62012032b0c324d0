"""`collabgraph suggest`: exact text, JSON keys, CSV and exit codes."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from tests.cli.conftest import run
from tests.cli.test_isolated import write_dated


@pytest.fixture
def dated(tmp_path):
    """The dated six-person network of tests/cli/test_isolated.py."""
    return write_dated(tmp_path)


def test_suggest_for_one_person(dated):
    result = run("suggest", dated, "--person", "n", "--limit", "3")
    assert result.exit_code == 0, result.output
    # n is tied to d only; d's contact c is two steps away (via d, degree 2 -> AA 1/log 2), a and b three
    # steps; everyone shares network N1. c is in another domain and profession.
    assert result.output.splitlines() == [
        "Introduce Noor (n) to:",
        "  1. Cor (c): shares 1 contact; agent in veiligheid; both in network 'N1'; already has 3 contacts",
        "  2. Anna (a): three steps away; verpleegkundige in zorg; both in network 'N1'",
        "  3. Bram (b): three steps away; arts in zorg; both in network 'N1'",
        "",
        "Role groups: no one has a role in the data, so no one has a role group.",
    ]
    payload = json.loads(run("suggest", dated, "--person", "n", "--format", "json").output)
    assert list(payload) == ["person", "suggestions", "outside", "role_mapping"] and payload["outside"] is False
    assert payload["role_mapping"] == []
    assert {"id", "score", "reason"} <= set(payload["suggestions"][0])


def test_suggest_for_flagged_people_csv(dated):
    lines = run("suggest", dated, "--format", "csv", "--limit", "1").output.splitlines()
    assert lines[0] == "person,rank,id,name,score,reason"
    assert lines[1].startswith("z,1,")


def test_suggest_unknown_person_exit_2(dated):
    result = run("suggest", dated, "--person", "q")
    assert result.exit_code == 2
    assert "person must be an id or a name of the people table; got 'q'." in result.output


def test_suggest_for_an_isolate_by_name(tmp_path):
    # tests/metrics/test_suggest.py recomputes these scores from the files; here: the name, the text, JSON.
    from tests.metrics.test_suggest import outside_folder

    folder = outside_folder(tmp_path)
    result = run("suggest", folder, "--person", "zoe", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Introduce Zoe (z), who has no tie with the rest of their learning network, to:",
        "  1. Kees (k): coordinator of network 'N1'; netwerkcoördinator in welzijn; 1 contact",
        "  2. Anna (a): both in network 'N1'; arts in zorg; 3 contacts",
        "",  # Kees is the one person with a role (Coördinator): coordinators of a shared network rank first
        "Role groups (role value and people): coordinator: 'Coördinator' (1); 11 people without a role: no group.",
    ]
    payload = json.loads(run("suggest", folder, "--person", "Zoe", "--format", "json").output)
    assert payload["person"] == "z" and payload["outside"] is True
    assert "y" not in [s["id"] for s in payload["suggestions"]]  # another isolate is never suggested


def test_names_that_are_the_id_are_shown_once(tmp_path):
    # Without a name column the id is the name: '574 (574)' said it twice. Each person's id once, in the
    # order of the scores recomputed from the files.
    from tests.metrics.test_suggest import outreach_recomputed, outside_folder

    folder = outside_folder(tmp_path)
    people = pd.read_csv(folder / "people.csv", dtype=str)
    people.drop(columns="name").to_csv(folder / "people.csv", index=False)
    lines = run("suggest", folder, "--person", "z", "--limit", "2").output.splitlines()
    first, second = (j for j, _ in outreach_recomputed(folder, "z")[:2])
    assert lines[:3] == ["Introduce z, who has no tie with the rest of their learning network, to:",
                         f"  1. {first}: coordinator of network 'N1'; netwerkcoördinator in welzijn; 1 contact",
                         f"  2. {second}: both in network 'N1'; arts in zorg; 3 contacts"]
    # a name equal to the id, too
    people.assign(name=people["id"]).to_csv(folder / "people.csv", index=False)
    assert run("suggest", folder, "--person", "z", "--limit", "2").output.splitlines()[:3] == lines[:3]


def test_suggest_ambiguous_name_exit_2(tmp_path):
    from tests.metrics.test_suggest import outside_folder

    folder = outside_folder(tmp_path)
    people = (folder / "people.csv").read_text().replace("y,Yusuf,", "y,Zoe,")
    (folder / "people.csv").write_text(people)
    result = run("suggest", folder, "--person", "Zoe")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == ("Error: person must be one person's id or name; got 'Zoe', the name "
                                              "of y, z.")


def test_coordinator_role_decides_who_is_a_coordinator(tmp_path):
    # Kees's role 'Coördinator' is not named: he is no coordinator (no such reason) and the mapping says why
    from tests.metrics.test_suggest import outside_folder

    folder = outside_folder(tmp_path)
    payload = json.loads(run("suggest", folder, "--person", "zoe", "--coordinator-role", "voorzitter",
                             "--format", "json").output)
    assert not any(s["coordinator"] for s in payload["suggestions"])
    assert payload["role_mapping"] == [{"value": "Coördinator", "group": "professional",
                                        "source": "not a coordinator value", "count": 1}]
    text = run("suggest", folder, "--person", "zoe", "--coordinator-role", "voorzitter").output
    assert "coordinator of network" not in text
    assert "professional: 'Coördinator' (1, not a --coordinator-role value)" in text


def test_one_person_has_no_one_to_meet(tmp_path):
    # One person, no ties: there is no 'rest of the network' and no one to introduce them to; both outputs say so.
    (tmp_path / "people.csv").write_text("id,name,domain\na,Ann,zorg\n")
    (tmp_path / "interactions.csv").write_text("source,target\n")
    result = run("suggest", tmp_path)
    assert result.exit_code == 0, result.output
    assert "Introduce Ann (a) to:\n  no one: Ann is the only person in the data." in result.output
    assert "rest of" not in result.output
    out = run("report", tmp_path, "-o", tmp_path / "r", "--permutations", "0")
    assert out.exit_code == 0, out.output
    page = (tmp_path / "r" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="isolation"'):]
    row = re.search(r"<tr><td>Ann</td>.*?</tr>", section[:section.index("</section>")], re.S).group(0)
    assert "the only person in the data" in row
