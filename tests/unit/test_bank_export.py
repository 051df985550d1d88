import json
from pathlib import Path

import pytest

from assessment.framework.bank_export import Difference, bank_json, first_difference
from assessment.framework.loader import load_bank

BANK = load_bank(Path(__file__).parents[1] / "fixtures" / "questions" / "two_themes")


def levels(*texts: str) -> list[dict]:
    return [{"level": number, "text": text} for number, text in enumerate(texts, start=1)]


def test_the_export_has_exactly_the_documented_shape():
    assert bank_json(BANK) == {
        "version": "test.1",
        "levels": [
            {"level": 1, "name": "Starting"},
            {"level": 2, "name": "Developing"},
            {"level": 3, "name": "Established"},
            {"level": 4, "name": "Advanced"},
            {"level": 5, "name": "Leading"},
        ],
        "roles": [
            {"id": "elected_member", "label": "Elected member"},
            {"id": "leadership", "label": "Leadership"},
            {"id": "manager", "label": "Manager"},
            {"id": "frontline", "label": "Frontline"},
            {"id": "prefer_not_to_say", "label": "Prefer not to say"},
        ],
        "service_areas": [
            {"id": "housing", "label": "Housing"},
            {"id": "planning", "label": "Planning"},
            {"id": "other", "label": "Other"},
            {"id": "prefer_not_to_say", "label": "Prefer not to say"},
        ],
        "themes": [
            {
                "id": "culture",
                "title": "Culture",
                "pillar": "people",
                "questions": [
                    {
                        "id": "culture.test_and_learn",
                        "text": "How does the council try new things?",
                        "hint": "Think about the last year.",
                        "weight": 1.0,
                        "levels": levels(
                            "Never tries.",
                            "Rarely tries.",
                            "Sometimes tries.",
                            "Often tries.",
                            "Always tries.",
                        ),
                    },
                    {
                        "id": "culture.change",
                        "text": "How do teams respond to change?",
                        "hint": None,
                        "weight": 2.0,
                        "levels": levels(
                            "They resist it.",
                            "They tolerate it.",
                            "They accept it.",
                            "They welcome it.",
                            "They lead it.",
                        ),
                    },
                ],
            },
            {
                "id": "technology",
                "title": "Technology",
                "pillar": "technology",
                "questions": [
                    {
                        "id": "technology.legacy",
                        "text": "How much do legacy systems hold services back?",
                        "hint": None,
                        "weight": 1.0,
                        "levels": levels(
                            "All the time.", "Often.", "Sometimes.", "Rarely.", "Never."
                        ),
                    }
                ],
            },
        ],
    }


def test_weights_are_floats_and_a_missing_hint_is_json_null():
    exported = json.loads(json.dumps(bank_json(BANK)))
    questions = [q for theme in exported["themes"] for q in theme["questions"]]
    assert all(isinstance(q["weight"], float) for q in questions)
    assert [q["hint"] for q in questions] == ["Think about the last year.", None, None]


def _changed(change) -> dict:
    """The export of BANK with `change` applied to a copy."""
    exported = json.loads(json.dumps(bank_json(BANK)))
    change(exported)
    return exported


def test_the_same_bank_has_no_difference():
    assert first_difference(bank_json(BANK), bank_json(BANK)) is None


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda e: e["themes"][0]["questions"][1]["levels"][2].update(text="Fine."),
            Difference("themes/culture.yaml", "culture.change", "levels.3"),
        ),
        (
            lambda e: e["themes"][0]["questions"][1].update(weight=1.0),
            Difference("themes/culture.yaml", "culture.change", "weight"),
        ),
        (
            lambda e: e["themes"][1].update(title="Technology estate"),
            Difference("themes/technology.yaml", None, "title"),
        ),
        (
            lambda e: e["service_areas"][0].update(label="Homes"),
            Difference("bank.yaml", None, "service_areas.housing"),
        ),
        (
            lambda e: e["themes"][0]["questions"].pop(1),
            Difference("themes/culture.yaml", "culture.change", "id", "removed"),
        ),
        (
            lambda e: e["themes"][1]["questions"].append(
                {**e["themes"][1]["questions"][0], "id": "technology.cloud"}
            ),
            Difference("themes/technology.yaml", "technology.cloud", "id", "added"),
        ),
        (
            lambda e: e["themes"].reverse(),
            Difference("bank.yaml", None, "themes"),
        ),
    ],
    ids=["statement", "weight", "theme title", "label", "removed", "added", "theme order"],
)
def test_the_first_difference_names_the_file_the_question_and_the_field(change, expected):
    assert first_difference(bank_json(BANK), _changed(change)) == expected
