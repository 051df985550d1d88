"""The published results: the JSON document and the CSV table of FRAMEWORK.md.

Most tests use one small council on the two-theme test bank, four leaders in
housing, worked by hand:

    respondent  learn  change  legacy   culture score  technology score
    1           2      2       dk       2              -
    2           2      2       3        2              3
    3           2      2       4        2              4
    4           3      3       5        3              5

culture: mean (2 + 2 + 2 + 3) / 4 = 2.25 (Developing), spread sqrt(0.75 / 3) = 0.5,
no don't knows. technology: mean (3 + 4 + 5) / 3 = 4.0 (Advanced), spread 1.0,
1 don't know in 4 answers = 0.25. Overall (2.25 + 4) / 2 = 3.125 (Established),
people-first gap 2.25 - 4 = -1.75.
"""

import csv
import io
import json
from pathlib import Path

import pytest

from assessment.framework.loader import load_bank
from assessment.framework.question_counts import ChosenCount, question_counts
from assessment.framework.results_contract import (
    CSV_COLUMNS,
    AssessmentInfo,
    results_csv_rows,
    results_json,
    write_results_csv,
)
from assessment.framework.scoring import DONT_KNOW, Respondent, score

BANK = load_bank(Path(__file__).resolve().parents[1] / "fixtures" / "questions" / "two_themes")


def leader(learn, change, legacy, role="leadership", area="housing"):
    answers = {
        "culture.test_and_learn": learn,
        "culture.change": change,
        "technology.legacy": legacy,
    }
    return Respondent(role, area, answers)


COUNCIL = [leader(2, 2, DONT_KNOW), leader(2, 2, 3), leader(2, 2, 4), leader(3, 3, 5)]


def info(k):
    return AssessmentInfo(
        id="a1b2", council="exampleshire", title="Spring 2026", anonymity_threshold=k
    )


def document(people, k):
    return results_json(BANK, score(BANK, people, k), info(k))


def hidden(group_id):
    return {
        "id": group_id,
        "respondents": None,
        "suppressed": True,
        "overall": None,
        "themes": None,
    }


def test_the_json_document_for_a_shown_council():
    shown_group = {
        "respondents": 4,
        "suppressed": False,
        "overall": 3.125,
        "themes": {"culture": 2.25, "technology": 4.0},
    }
    assert document(COUNCIL, 3) == {
        "assessment": {
            "id": "a1b2",
            "council": "exampleshire",
            "title": "Spring 2026",
            "anonymity_threshold": 3,
        },
        "respondents": 4,
        "suppressed": False,
        "overall": {"score": 3.125, "level": "Established"},
        "pillars": {"people": 2.25, "technology": 4.0},
        "people_first_gap": -1.75,
        "themes": [
            {
                "id": "culture",
                "pillar": "people",
                "score": 2.25,
                "level": "Developing",
                "respondents": 4,
                "spread": 0.5,
                "dont_know_share": 0.0,
            },
            {
                "id": "technology",
                "pillar": "technology",
                "score": 4.0,
                "level": "Advanced",
                "respondents": 3,
                "spread": 1.0,
                "dont_know_share": 0.25,
            },
        ],
        "roles": [
            hidden("elected_member"),
            {"id": "leadership", **shown_group},
            hidden("manager"),
            hidden("frontline"),
            hidden("prefer_not_to_say"),
        ],
        "service_areas": [
            {"id": "housing", **shown_group},
            hidden("planning"),
            hidden("other"),
            hidden("prefer_not_to_say"),
        ],
        # frontline has nobody, so there is no gap to show.
        "perception_gap": None,
        # Given no answer counts (as for a snapshot made before they were kept).
        "questions": None,
        "change": None,
    }


def test_a_theme_cell_under_k_is_null_in_the_json():
    # With k = 4, technology's 3 respondents are too few.
    doc = document(COUNCIL, 4)
    assert doc["themes"][1] == {
        "id": "technology",
        "pillar": "technology",
        "score": None,
        "level": None,
        "respondents": None,
        "spread": None,
        "dont_know_share": None,
    }
    assert doc["roles"][1]["themes"] == {"culture": 2.25, "technology": None}
    # The hidden cell is left out of the overall and the pillars.
    assert doc["overall"] == {"score": 2.25, "level": "Developing"}
    assert doc["pillars"] == {"people": 2.25, "technology": None}
    assert doc["people_first_gap"] is None


def test_the_json_document_for_a_council_under_k():
    doc = document(COUNCIL[:2], 3)
    empty_theme = {
        "score": None,
        "level": None,
        "respondents": None,
        "spread": None,
        "dont_know_share": None,
    }
    assert doc == {
        "assessment": doc["assessment"],
        "respondents": None,
        "suppressed": True,
        "overall": {"score": None, "level": None},
        "pillars": {"people": None, "technology": None},
        "people_first_gap": None,
        "themes": [
            {"id": "culture", "pillar": "people", **empty_theme},
            {"id": "technology", "pillar": "technology", **empty_theme},
        ],
        "roles": [hidden(o.id) for o in BANK.roles],
        "service_areas": [hidden(o.id) for o in BANK.service_areas],
        "perception_gap": None,
        "questions": None,
        "change": None,
    }


def test_the_json_gives_each_questions_answers_by_group_null_where_hidden():
    results = score(BANK, COUNCIL, 3)
    rows = [
        ChosenCount(p.role, p.service_area, q, str(a), 1)
        for p in COUNCIL
        for q, a in p.answers.items()
    ]
    doc = results_json(BANK, results, info(3), questions=question_counts(BANK, rows, results))
    assert list(doc["questions"]) == [q.id for q in BANK.questions]
    legacy = {
        "counts": {"1": 0, "2": 0, "3": 1, "4": 1, "5": 1, "dk": 1},
        "answered": 4,
        "dont_know_share": 0.25,
        "most_chosen": [3, 4, 5],
    }
    assert doc["questions"]["technology.legacy"] == {
        "theme": "technology",
        "council": legacy,
        "roles": {o.id: legacy if o.id == "leadership" else None for o in BANK.roles},
        "service_areas": {o.id: legacy if o.id == "housing" else None for o in BANK.service_areas},
    }
    assert json.loads(json.dumps(doc)) == doc


def test_the_perception_gap_in_the_json():
    frontline = [leader(1, 1, 3, role="frontline", area="planning")] * 3
    # culture 2.25 - 1 = 1.25; technology 4 - 3 = 1.0
    assert document(COUNCIL + frontline, 3)["perception_gap"] == {
        "culture": 1.25,
        "technology": 1.0,
    }


def test_every_id_in_the_json_is_a_string_and_it_survives_a_round_trip():
    doc = document(COUNCIL, 3)
    ids = [doc["assessment"]["id"]] + [
        entry["id"] for key in ("themes", "roles", "service_areas") for entry in doc[key]
    ]
    assert ids and all(isinstance(i, str) for i in ids)
    assert json.loads(json.dumps(doc)) == doc


def test_the_json_refuses_a_threshold_other_than_the_one_scored_with():
    with pytest.raises(ValueError, match="threshold"):
        results_json(BANK, score(BANK, COUNCIL, 3), info(5))


def row(group_type, group, label, theme, *figures, suppressed="no", previous="", change=""):
    values = (group_type, group, label, theme, *figures, suppressed, previous, change)
    return dict(zip(CSV_COLUMNS, values, strict=True))


def test_the_csv_rows_for_the_whole_council():
    rows = results_csv_rows(BANK, score(BANK, COUNCIL, 3))
    council = "council", "council", "Whole council"
    assert rows[:3] == [
        row(*council, "culture", "4", "2.3", "Developing", "0.5", "0"),
        row(*council, "technology", "3", "4.0", "Advanced", "1.0", "25"),
        # The overall row: no spread or share, which belong to themes.
        row(*council, "overall", "4", "3.1", "Established", "", ""),
    ]


def test_the_csv_lists_every_group_in_order_with_a_row_a_theme_and_an_overall():
    rows = results_csv_rows(BANK, score(BANK, COUNCIL, 3))
    groups = [("council", "council")]
    groups += [("role", o.id) for o in BANK.roles] + [
        ("service_area", o.id) for o in BANK.service_areas
    ]
    expected = [(t, g, theme) for t, g in groups for theme in ("culture", "technology", "overall")]
    assert [(r["group_type"], r["group"], r["theme"]) for r in rows] == expected


def test_suppressed_csv_rows_keep_group_and_theme_but_no_figures():
    rows = results_csv_rows(BANK, score(BANK, COUNCIL, 3))
    member_rows = [r for r in rows if r["group"] == "elected_member"]
    blank = ("", "", "", "", "")
    assert member_rows == [
        row("role", "elected_member", "Elected member", "culture", *blank, suppressed="yes"),
        row("role", "elected_member", "Elected member", "technology", *blank, suppressed="yes"),
        row("role", "elected_member", "Elected member", "overall", *blank, suppressed="yes"),
    ]


def test_a_suppressed_cell_in_a_shown_group_has_an_empty_csv_row():
    rows = results_csv_rows(BANK, score(BANK, COUNCIL, 4))
    assert rows[1] == row(
        "council", "council", "Whole council", "technology", "", "", "", "", "", suppressed="yes"
    )
    assert rows[2] == row(
        "council", "council", "Whole council", "overall", "4", "2.3", "Developing", "", ""
    )


def test_write_results_csv_writes_the_header_then_the_rows():
    results = score(BANK, COUNCIL, 3)
    stream = io.StringIO(newline="")
    write_results_csv(BANK, results, stream)
    reader = csv.DictReader(io.StringIO(stream.getvalue(), newline=""))
    assert tuple(reader.fieldnames) == CSV_COLUMNS
    assert list(reader) == results_csv_rows(BANK, results)
