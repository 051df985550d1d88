import json
from pathlib import Path

from assessment.framework.bank_export import bank_json
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
