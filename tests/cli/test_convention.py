"""One CLI convention (issue 15): errors, option names and the documentation of every option."""

from __future__ import annotations

import pytest

from tests.cli.conftest import run

GROUP_USAGE = "Usage: collabgraph [OPTIONS] COMMAND"


@pytest.mark.parametrize("args, message", [
    (("metrics", "{d}", "--by", "sector"), "Unknown attribute 'sector'"),
    (("clusters", "{d}", "--resolution", "-1"), "resolution must be a number > 0; got -1.0."),
    (("hours", "{d}", "--by", "sector"), "Unknown attribute 'sector'"),
])
def test_an_error_inside_a_command_prints_only_the_error_line(networks, args, message):
    """A ParameterError from the library: exit 2 and one line, without click's usage block."""
    result = run(*(a.format(d=networks) for a in args))
    assert result.exit_code == 2
    assert message in result.output and "Usage:" not in result.output
    assert result.output.startswith("Error: ")


def test_a_real_usage_error_keeps_the_usage_block(networks):
    result = run("metrics", networks, "--no-such-option")
    assert result.exit_code == 2 and "Usage: cli metrics" in result.output.replace("collabgraph", "cli")
    assert GROUP_USAGE not in result.output


def test_an_input_problem_inside_a_command_prints_only_the_error_line(tmp_path):
    """A CollabGraphError (exit 1) has no usage block either."""
    result = run("summary", tmp_path)
    assert result.exit_code == 1 and "Usage:" not in result.output
