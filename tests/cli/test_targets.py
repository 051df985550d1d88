"""An operator sets, lists and clears a theme's target for the next round from the
command line; anything that is not a target is one line on stderr and exit 1."""

import pytest

from assessment.storage import assessments, targets

from .conftest import assert_one_line_error


def run(runner, *args: str):
    return runner.invoke(args=["targets", *args])


def _saved(assessment_id: str) -> dict[str, int]:
    return targets.targets(assessments.assessment_by_id(int(assessment_id)))


def test_a_target_is_set_listed_changed_and_cleared(runner, make_assessment):
    survey = make_assessment()
    result = run(runner, "set", "--assessment", survey, "--theme", "culture", "--score", "3.5")
    assert result.exit_code == 0, result.output
    assert "culture is 3.5" in result.stdout
    assert _saved(survey) == {"culture": 35}

    run(runner, "set", "--assessment", survey, "--theme", "culture", "--score", "4")
    listed = run(runner, "list", "--assessment", survey)
    assert listed.stdout.splitlines() == ["culture\t4.0", "technology\t"]

    cleared = run(runner, "clear", "--assessment", survey, "--theme", "culture")
    assert cleared.exit_code == 0, cleared.output
    assert _saved(survey) == {}


@pytest.mark.parametrize(
    ("options", "says"),
    [
        (["--theme", "culture", "--score", "5.1"], "--score: enter a target between 1.0 and 5.0"),
        (["--theme", "culture", "--score", "2.25"], "one decimal place"),
        (["--theme", "culture", "--score", "lots"], "as a number"),
        (["--theme", "culture", "--score", "9" * 100_000], "as a number"),
        (["--theme", "nonsense", "--score", "3.0"], "--theme 'nonsense': no such theme"),
    ],
)
def test_what_is_not_a_target_is_refused_in_one_line_and_nothing_changes(
    runner, make_assessment, options, says
):
    survey = make_assessment()
    run(runner, "set", "--assessment", survey, "--theme", "culture", "--score", "3.5")
    result = run(runner, "set", "--assessment", survey, *options)
    assert_one_line_error(result, says)
    assert _saved(survey) == {"culture": 35}


@pytest.mark.parametrize("given", ["999999", "abc", "-1"])
def test_an_assessment_that_does_not_exist_is_one_line(runner, given):
    result = run(runner, "set", "--assessment", given, "--theme", "culture", "--score", "3.0")
    assert_one_line_error(result, "--assessment" if not given.isdigit() else "no assessment")


@pytest.mark.parametrize("command", ["set", "clear", "list"])
def test_each_targets_command_has_help(runner, command):
    result = run(runner, command, "--help")
    assert result.exit_code == 0, result.output
    assert "--assessment" in result.stdout
