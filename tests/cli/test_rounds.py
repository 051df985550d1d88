"""An administrator starts this year's round; it follows last year's, or the one they name."""

import pytest

from assessment.services import rounds
from assessment.services.rounds import RoundRefused
from assessment.storage import assessments, councils, database

from .conftest import assert_one_line_error


def create(runner, council, *options):
    result = runner.invoke(
        args=["assessments", "create", "--council", council, "--title", "Next", *options]
    )
    return result


def close(runner, assessment_id):
    assert runner.invoke(args=["assessments", "close", assessment_id]).exit_code == 0


def previous_of(result):
    assert result.exit_code == 0, result.output
    return assessments.assessment_by_id(int(result.stdout)).previous_assessment_id


def test_a_new_round_follows_the_councils_latest_closed_one(runner, council, make_assessment):
    first, second, still_open = make_assessment(), make_assessment(), make_assessment()
    close(runner, first)
    close(runner, second)
    assert previous_of(create(runner, council)) == int(second)
    assert still_open  # the open round is not a default: it has no results yet


def test_the_first_round_follows_nothing(runner, council):
    assert previous_of(create(runner, council)) is None


def test_the_administrator_can_name_the_previous_round_or_none(runner, council, make_assessment):
    first, second = make_assessment(), make_assessment()
    close(runner, second)
    assert previous_of(create(runner, council, "--previous", first)) == int(first)
    assert previous_of(create(runner, council, "--previous", "none")) is None


def test_another_councils_round_is_refused_and_nothing_is_made(runner, council):
    other = runner.invoke(args=["councils", "create", "--slug", "eastshire", "--name", "East"])
    assert other.exit_code == 0, other.output
    theirs = runner.invoke(
        args=["assessments", "create", "--council", "eastshire", "--title", "Theirs"]
    ).stdout.strip()
    before = len(assessments.assessments_for(councils.council_by_slug(council)))
    result = create(runner, council, "--previous", theirs)
    assert_one_line_error(result, "--previous", f"Assessment {theirs}", "this council's rounds")
    assert len(assessments.assessments_for(councils.council_by_slug(council))) == before


def test_a_previous_round_that_is_not_a_number_is_refused(runner, council):
    assert_one_line_error(create(runner, council, "--previous", "last"), "--previous", "'last'")


def test_a_round_cannot_follow_itself_or_one_that_follows_it(runner, council, make_assessment):
    first = assessments.assessment_by_id(int(make_assessment()))
    second = assessments.assessment_by_id(int(make_assessment()))
    rounds.set_previous(second, first.id)
    database.commit()
    with pytest.raises(RoundRefused, match="its own previous round"):
        rounds.set_previous(first, first.id)
    with pytest.raises(RoundRefused, match=f"Assessment {second.id} already comes after"):
        rounds.set_previous(first, second.id)  # a loop: first after second after first
    assert first.previous_assessment_id is None
    assert [r.id for r in rounds.chain(second)] == [second.id, first.id]
    assert rounds.choices(first, first.council) == []
