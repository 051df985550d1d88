"""An administrator starts an assessment for a council, then opens and closes it."""

import re

import pytest

from assessment.storage import assessments, councils

from .conftest import assert_one_line_error


def create(runner, *options: str):
    return runner.invoke(args=["assessments", "create", *options])


def test_a_new_assessment_prints_its_id_alone_and_its_link_on_stderr(runner, council):
    result = create(runner, "--council", council, "--title", "Digital maturity 2026")
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"\d+\n", result.stdout)
    assessment = assessments.assessment_by_id(int(result.stdout))
    assert (assessment.title, assessment.council.slug) == ("Digital maturity 2026", council)
    link = f"http://localhost/s/{assessment.invitation_token}"
    assert link in result.stderr
    assert result.stdout.strip() not in result.stderr.replace(link, "")


def test_a_new_assessment_is_open_with_a_threshold_of_five_by_default(runner, council):
    result = create(runner, "--council", council, "--title", "Survey")
    assessment = assessments.assessment_by_id(int(result.stdout))
    assert assessment.status == "open"
    assert assessment.anonymity_threshold == 5
    assert assessment.bank_version == "test.1"


def test_each_assessment_gets_its_own_invitation_link(runner, make_assessment):
    first, second = make_assessment(), make_assessment()
    assert first != second
    tokens = {assessments.assessment_by_id(int(i)).invitation_token for i in (first, second)}
    assert len(tokens) == 2


def test_a_threshold_of_three_is_allowed(runner, make_assessment):
    assessment_id = make_assessment(threshold=3)
    assert assessments.assessment_by_id(int(assessment_id)).anonymity_threshold == 3


@pytest.mark.parametrize("threshold", ["2", "0", "-5"])
def test_a_threshold_below_three_is_refused(runner, council, threshold):
    options = ["--council", council, "--title", "Too small", "--anonymity-threshold", threshold]
    result = create(runner, *options)
    assert result.exit_code == 2
    assert "--anonymity-threshold" in result.stderr
    assert result.stdout == ""
    assert assessments.assessments_for(councils.council_by_slug(council)) == []


def test_an_assessment_for_an_unknown_council_is_refused(runner):
    result = create(runner, "--council", "nowhere", "--title", "Survey")
    assert_one_line_error(result, "--council", "'nowhere'", "no council")
    assert result.stdout == ""


@pytest.mark.parametrize("title", ["   ", "T" * 201])
def test_an_assessment_needs_a_title_that_fits(runner, council, title):
    result = create(runner, "--council", council, "--title", title)
    assert_one_line_error(result, "--title")
    assert assessments.assessments_for(councils.council_by_slug(council)) == []


def test_an_administrator_closes_and_reopens_an_assessment(runner, make_assessment):
    assessment_id = make_assessment()
    assessment = assessments.assessment_by_id(int(assessment_id))

    result = runner.invoke(args=["assessments", "close", assessment_id])
    assert result.exit_code == 0, result.output
    assert f"Assessment {assessment_id} is closed" in result.stdout
    assert assessment.status == "closed"

    result = runner.invoke(args=["assessments", "open", assessment_id])
    assert result.exit_code == 0, result.output
    assert f"Assessment {assessment_id} is open" in result.stdout
    assert assessment.status == "open"


@pytest.mark.parametrize("action", ["open", "close"])
@pytest.mark.parametrize("unknown", ["999999", "2147483648", "99999999999999999999"])
def test_opening_or_closing_an_unknown_assessment_is_refused(
    runner, make_assessment, action, unknown
):
    """Even an id too big for the database is simply not found, not a crash."""
    make_assessment()
    result = runner.invoke(args=["assessments", action, unknown])
    assert_one_line_error(result, f"assessment {unknown}", "no assessment")


@pytest.mark.parametrize("action", ["open", "close"])
def test_an_assessment_id_must_be_a_number(runner, action):
    result = runner.invoke(args=["assessments", action, "first"])
    assert result.exit_code == 2
    assert "'first' is not a valid integer" in result.stderr
