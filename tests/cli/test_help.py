"""Every command explains itself: an operator can find their way with --help alone."""

import pytest

COMMANDS = [
    ["db"],
    ["db", "upgrade"],
    ["questions", "check"],
    ["questions", "export"],
    ["councils", "create"],
    ["users", "create"],
    ["assessments", "create"],
    ["assessments", "open"],
    ["assessments", "close"],
    ["responses", "import"],
    ["results"],
    ["actions"],
    ["demo"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_each_command_has_help(runner, command):
    result = runner.invoke(args=[*command, "--help"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Usage:")
    assert " ".join(command) in result.stdout


def test_the_help_of_a_command_describes_its_options(runner):
    result = runner.invoke(args=["assessments", "create", "--help"])
    assert "--anonymity-threshold" in result.stdout
    assert "--council" in result.stdout
