"""Messages name the caller's words: keyword arguments from Python, options from the command.

The library says ``lenient=True``; the command (:data:`collabgraph.cli.CLI_WORDS`) says ``--lenient``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import collabgraph as cg
from collabgraph.cli import CLI_WORDS, cli_words
from collabgraph.engines import get_engine
from collabgraph.privacy import read_salt
from tests.cli.conftest import run

LIBRARY = Path(cg.__file__).parent
#: The options that set a keyword argument of the library's functions.
OPTION = re.compile(r"--(?:lenient|people|salt|salt-file|scheduler|engine)\b")


@pytest.fixture
def unknown_person(tmp_path):
    (tmp_path / "people.csv").write_text("id,domain\na,zorg\nb,zorg\n")
    (tmp_path / "interactions.csv").write_text("source,target\na,b\na,x\n")
    return tmp_path


def test_python_errors_name_keyword_arguments(unknown_person, tmp_path):
    with pytest.raises(cg.ValidationError) as err:
        cg.load(unknown_person)
    assert "or pass lenient=True to add unknown people" in str(err.value)
    assert not OPTION.search(str(err.value))
    with pytest.raises(cg.InputError) as err:
        cg.load(unknown_person / "people.csv")
    assert str(err.value).endswith("as the path, and this file as people=FILE.")
    with pytest.raises(cg.ParameterError, match=r"salt=\) or in a file \(salt_file=\)"):
        read_salt("s", tmp_path / "salt.txt")
    with pytest.raises(cg.ParameterError, match="scheduler= needs engine='dask'"):
        get_engine("pandas", scheduler="tcp://localhost:8786")
    warning, = cg.load(unknown_person / "interactions.csv").report.warnings
    assert "Give the people file with people=FILE" in warning.message and not OPTION.search(warning.message)


def test_the_command_names_its_options(unknown_person):
    result = run("validate", unknown_person)
    assert ("'x' is not in the people table; add the person there, or use --lenient to add unknown people "
            "without attributes.") in result.output
    result = run("summary", unknown_person / "people.csv")
    assert result.exit_code == 1
    assert "as DATASET, and this file as --people." in result.output
    result = run("validate", unknown_person / "interactions.csv", "--format", "json")
    assert "Give the people file with --people FILE" in result.output
    assert "lenient=True" not in run("summary", unknown_person).output


def test_every_translated_phrase_is_a_library_message_and_the_library_names_no_option():
    source = "\n".join(p.read_text(encoding="utf-8") for p in LIBRARY.rglob("*.py"))
    for library, command in CLI_WORDS:
        assert cli_words(library) == command
        assert any(part in source for part in re.split(r"\.$| \+ \(", library)), library
    assert OPTION.findall(source) == []
