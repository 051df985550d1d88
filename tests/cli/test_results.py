"""A council's results from the command line, checked against figures worked out by hand.

Eight officers answer the tiny test bank: culture (people pillar) has
test_and_learn (weight 1) and change (weight 2); technology has legacy.
The anonymity threshold is 3.

    respondent role        area       t&l change legacy   culture         technology
    L1         leadership  housing     2    5     3       (2+2*5)/3 = 4    3
    L2         leadership  housing    dk    5     4       5                4
    L3         leadership  other       5    2     2       (5+2*2)/3 = 3    2
    F1         frontline   planning    1    1     2       (1+2*1)/3 = 1    2
    F2         frontline   planning    3   dk    dk       3                -
    F3         frontline   housing     4    1     3       (4+2*1)/3 = 2    3
    M1         manager     other      dk    3     1       3                1
    P1         (empty)     (empty)     -    -    dk       -                -

A plain mean of the answers would give L1 3.5 and L3 3.5: the weight matters.
"""

import json
import math

import pytest

from .conftest import assert_one_line_error

ANSWERS = """\
respondent,role,service_area,culture.test_and_learn,culture.change,technology.legacy
L1,leadership,housing,2,5,3
L2,leadership,housing,dk,5,4
L3,leadership,other,5,2,2
F1,frontline,planning,1,1,2
F2,frontline,planning,3,dk,dk
F3,frontline,housing,4,1,3
M1,manager,other,dk,3,1
P1,,,,,dk
"""


@pytest.fixture
def assessment_id(runner, make_assessment, tmp_path) -> str:
    assessment_id = make_assessment(threshold=3, title="Hand-checked")
    path = tmp_path / "answers.csv"
    path.write_text(ANSWERS, encoding="utf-8")
    result = runner.invoke(args=["responses", "import", "--assessment", assessment_id, str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 8 responses" in result.stdout
    return assessment_id


def results(runner, assessment_id: str, output_format: str):
    result = runner.invoke(
        args=["results", "--assessment", assessment_id, "--format", output_format]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_json_results_match_the_figures_worked_out_by_hand(runner, assessment_id):
    document = json.loads(results(runner, assessment_id, "json"))
    assert document["assessment"] == {
        "id": assessment_id,
        "council": "testshire",
        "title": "Hand-checked",
        "anonymity_threshold": 3,
    }
    # Everyone counts, P1 too, though P1 gave no level, only a don't know.
    assert (document["respondents"], document["suppressed"]) == (8, False)

    culture, technology = document["themes"]
    # Culture: 4, 5, 3, 1, 3, 2, 3 (7 respondents), sum 21, mean 3.0.
    assert (culture["id"], culture["pillar"], culture["respondents"]) == ("culture", "people", 7)
    assert (culture["score"], culture["level"]) == (3.0, "Established")
    # Spread: squared deviations 1+4+0+4+0+1+0 = 10, over n-1 = 6: sqrt(5/3).
    assert culture["spread"] == pytest.approx(math.sqrt(5 / 3), abs=1e-12)
    # Don't know: L2, F2 and M1 once each = 3, level answers 2+1+2+2+1+2+1 = 11: 3/14.
    assert culture["dont_know_share"] == 3 / 14

    # Technology: 3, 4, 2, 2, 3, 1 (F2 and P1 said don't know), mean 15/6 = 2.5.
    assert (technology["respondents"], technology["score"]) == (6, 2.5)
    assert technology["level"] == "Developing"
    # Squared deviations .25+2.25+.25+.25+.25+2.25 = 5.5, over 5: sqrt(1.1).
    assert technology["spread"] == pytest.approx(math.sqrt(1.1), abs=1e-12)
    assert technology["dont_know_share"] == 2 / 8  # F2's and P1's dk against 6 levels

    # Overall (3.0 + 2.5) / 2; pillars are the one theme each; people ahead by 0.5.
    assert document["overall"] == {"score": 2.75, "level": "Established"}
    assert document["pillars"] == {"people": 3.0, "technology": 2.5}
    assert document["people_first_gap"] == 0.5


def test_groups_are_scored_and_small_ones_suppressed(runner, assessment_id):
    document = json.loads(results(runner, assessment_id, "json"))
    roles = {role["id"]: role for role in document["roles"]}
    assert list(roles) == [
        "elected_member",
        "leadership",
        "manager",
        "frontline",
        "prefer_not_to_say",
    ]
    # Leadership: culture (4+5+3)/3 = 4.0, technology (3+4+2)/3 = 3.0, overall 3.5.
    assert roles["leadership"] == {
        "id": "leadership",
        "respondents": 3,
        "suppressed": False,
        "overall": 3.5,
        "themes": {"culture": 4.0, "technology": 3.0},
    }
    # One manager and one who preferred not to say are two, under 3, and no elected
    # members: hidden. Leadership and frontline have three each, but the council minus
    # them would be M1 and P1, so frontline, the later of the two, is hidden too.
    for hidden in ("elected_member", "manager", "frontline", "prefer_not_to_say"):
        assert roles[hidden] == {
            "id": hidden,
            "respondents": None,
            "suppressed": True,
            "overall": None,
            "themes": None,
        }
    # With frontline hidden there is no perception gap.
    assert document["perception_gap"] is None

    areas = {area["id"]: area for area in document["service_areas"]}
    assert list(areas) == ["housing", "planning", "other", "prefer_not_to_say"]
    # Housing is L1, L2 and F3: culture (4+5+2)/3 = 11/3, technology (3+4+3)/3 = 10/3.
    housing = areas["housing"]
    assert (housing["respondents"], housing["suppressed"]) == (3, False)
    assert housing["themes"] == {"culture": 11 / 3, "technology": 10 / 3}
    assert housing["overall"] == pytest.approx(3.5, abs=1e-12)  # (11/3 + 10/3) / 2
    # Planning (F1, F2) and other (L3, M1) have two each, under 3; P1 alone gave no area.
    for hidden in ("planning", "other", "prefer_not_to_say"):
        assert areas[hidden]["suppressed"] is True
        assert areas[hidden]["respondents"] is None
        assert areas[hidden]["themes"] is None


def test_the_csv_results_have_the_framework_columns_and_one_decimal(runner, assessment_id):
    table = results(runner, assessment_id, "csv").splitlines()
    assert table[0] == (
        "group_type,group,group_label,theme,respondents,score,level,spread,dont_know_percent,"
        "suppressed,previous_score,change"
    )
    # A row a theme and an overall row for the council, 5 roles and 4 service areas.
    assert len(table) == 1 + 3 * (1 + 5 + 4)
    # sqrt(5/3) = 1.29 is 1.3; 3/14 = 21.4%; sqrt(1.1) = 1.05 is 1.0; 2/8 = 25%;
    # the overall 2.75 rounds half up to 2.8; overall rows have no spread or share.
    # No previous round, so no previous score or change.
    assert "council,council,Whole council,culture,7,3.0,Established,1.3,21,no,," in table
    assert "council,council,Whole council,technology,6,2.5,Developing,1.0,25,no,," in table
    assert "council,council,Whole council,overall,8,2.8,Established,,,no,," in table
    # Leadership culture 4, 5, 3: spread 1.0; one dk against 5 levels is 17%.
    assert "role,leadership,Leadership,culture,3,4.0,Advanced,1.0,17,no,," in table
    # Housing culture 11/3 reads 3.7: spread sqrt(7/3) = 1.53; 1 dk against 5 levels.
    assert "service_area,housing,Housing,culture,3,3.7,Advanced,1.5,17,no,," in table
    # Housing technology 10/3 reads 3.3: spread sqrt(1/3) = 0.58; no dk.
    assert "service_area,housing,Housing,technology,3,3.3,Established,0.6,0,no,," in table
    # Hidden rows keep their group and theme and leave every figure empty.
    assert "role,frontline,Frontline,technology,,,,,,yes,," in table
    assert "role,frontline,Frontline,overall,,,,,,yes,," in table
    assert "role,manager,Manager,culture,,,,,,yes,," in table
    assert "service_area,planning,Planning,overall,,,,,,yes,," in table


def test_an_assessment_under_the_threshold_shows_nothing(runner, make_assessment):
    document = json.loads(results(runner, make_assessment(threshold=3), "json"))
    assert (document["respondents"], document["suppressed"]) == (None, True)
    assert document["overall"] == {"score": None, "level": None}
    assert document["pillars"] == {"people": None, "technology": None}
    assert document["people_first_gap"] is None
    assert document["perception_gap"] is None
    assert all(theme["score"] is None for theme in document["themes"])
    assert all(group["suppressed"] for group in document["roles"] + document["service_areas"])


def test_results_for_an_unknown_assessment_are_refused(runner, assessment_id):
    result = runner.invoke(args=["results", "--assessment", "31337"])
    assert_one_line_error(result, "assessment 31337", "no assessment")
    assert result.stdout == ""
