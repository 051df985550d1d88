"""Someone trying the tool loads the demo council and looks around.

The demo's synthetic answers are shaped per theme of the real bank, so these
tests run an app of their own, on the real questions/ folder.
"""

import json
import re

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from assessment.framework.loader import load_shelf
from assessment.storage import accounts, assessments, councils, database, results, snapshots
from assessment.storage.base import db
from assessment.storage.models import Assessment, Council, Response, User

from .conftest import REAL_BANK

PEOPLE_THEMES = ("leadership", "culture", "risk", "skills", "data_users", "collaboration")


@pytest.fixture
def demo_app(standalone_app):
    assert load_shelf(REAL_BANK).versions
    return standalone_app(REAL_BANK)


def run_demo(app):
    result = app.test_cli_runner().invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    return result.stdout


def rows(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__name__: db.session.scalar(select(func.count()).select_from(model))
            for model in (Council, User, Assessment, Response)
        }


def test_the_demo_says_where_to_look_and_how_to_sign_in(demo_app):
    output = run_demo(demo_app)
    assert "http://localhost/\n" in output
    assert "leader@exampleshire.example / demo-leader-password" in output
    [token] = re.findall(r"http://localhost/s/(\S+)", output)
    with demo_app.app_context():
        assessment = assessments.assessment_by_invitation(token)
        assert assessment.council.slug == "exampleshire"
        assert assessment.status == "open"
        assert results.response_counts(assessment) == (0, 0)  # the round officers answer
        leader = accounts.user_by_email("leader@exampleshire.example")
        assert (leader.role, leader.council.slug) == ("leader", "exampleshire")
        assert check_password_hash(leader.password_hash, "demo-leader-password")


def test_the_demo_runs_twice_and_creates_nothing_the_second_time(demo_app):
    first = run_demo(demo_app)
    loaded = rows(demo_app)
    assert loaded == {"Council": 1, "User": 1, "Assessment": 3, "Response": 120 + 150}
    second = run_demo(demo_app)
    assert rows(demo_app) == loaded
    assert second == first


def test_the_demo_results_show_a_believable_council(demo_app):
    [assessment_id] = re.findall(r"Results: assessment (\d+)", run_demo(demo_app))
    result = demo_app.test_cli_runner().invoke(
        args=["results", "--assessment", assessment_id, "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)

    assert 140 <= document["respondents"] <= 160
    assert document["assessment"]["anonymity_threshold"] == 5
    assert {theme["id"] for theme in document["themes"]} == {*PEOPLE_THEMES, "technology"}
    # Elected members and public health stay under the threshold of 5.
    assert any(role["suppressed"] for role in document["roles"])
    assert any(area["suppressed"] for area in document["service_areas"])
    hidden = [g["id"] for g in document["roles"] + document["service_areas"] if g["suppressed"]]
    assert {"elected_member", "public_health"} <= set(hidden)
    # Leaders see the people side more kindly than the frontline does.
    gap = document["perception_gap"]
    assert all(gap[theme] > 0 for theme in PEOPLE_THEMES)

    assert all(1 <= score <= 5 for score in every_score(document))


def every_score(document) -> list[float]:
    scores = [document["overall"]["score"], *document["pillars"].values()]
    scores += [theme["score"] for theme in document["themes"]]
    for group in document["roles"] + document["service_areas"]:
        if not group["suppressed"]:
            scores.append(group["overall"])
            scores += [s for s in group["themes"].values() if s is not None]
    assert len(scores) > 100 and None not in scores
    return scores


def test_the_demo_results_round_is_closed_with_its_results_even_after_an_older_demo(demo_app):
    [results_id] = re.findall(r"Results: assessment (\d+)", run_demo(demo_app))
    with demo_app.app_context():
        # An older demo left its only round open: the next run closes it.
        assessments.set_status(assessments.assessment_by_id(int(results_id)), "open")
        database.commit()
    run_demo(demo_app)
    with demo_app.app_context():
        closed = assessments.assessment_by_id(int(results_id))
        assert closed.status == "closed"
        kept = snapshots.stored(closed)
        assert kept.submitted == 150
        assert set(kept.comments) == {*PEOPLE_THEMES, "technology"}


def test_the_demo_keeps_a_previous_round_on_the_first_bank_to_compare_with(demo_app):
    run_demo(demo_app)
    with demo_app.app_context():
        council = councils.council_by_slug("exampleshire")
        rounds = {a.title: a for a in assessments.assessments_for(council)}
        previous = rounds["Digital maturity self-assessment 2025"]
        latest = rounds["Digital maturity self-assessment 2026"]
        assert (previous.bank_version, previous.status) == ("2026.1", "closed")
        assert results.response_counts(previous) == (120, 120)
        assert (latest.bank_version, latest.status) == ("2027.1", "closed")
        assert snapshots.stored(previous) is not None and snapshots.stored(latest) is not None
