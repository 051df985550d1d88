"""A reader in another language hears "Error:" in their language before each message
a leader's form shows, the council select included."""

from __future__ import annotations

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from werkzeug.datastructures import MultiDict

from assessment import create_app
from assessment.forms.leaders import NewAssessmentForm

from ..conftest import TEST_SECRET_KEY, TWO_THEMES


@pytest.fixture(scope="module")
def welsh_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("translations")
    catalogue = Catalog(locale="cy")
    catalogue.add("Error", "Gwall")
    (folder / "cy" / "LC_MESSAGES").mkdir(parents=True)
    with (folder / "cy" / "LC_MESSAGES" / "messages.mo").open("wb") as file:
        write_mo(file, catalogue)
    return create_app(
        {
            "APP_ENV": "testing",
            "TESTING": True,
            "SECRET_KEY": TEST_SECRET_KEY,
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path_factory.mktemp('db') / 'x.db'}",
            "QUESTION_BANK_PATH": str(TWO_THEMES),
            "LANGUAGES": ["en", "cy"],
            "BABEL_TRANSLATION_DIRECTORIES": str(folder),
        }
    )


def test_an_administrator_choosing_no_council_hears_error_in_their_language(welsh_app):
    posted = MultiDict({"council": "999", "title": "Spring", "anonymity_threshold": "5"})
    with welsh_app.test_request_context(headers={"Accept-Language": "cy"}):
        form = NewAssessmentForm(formdata=posted, meta={"csrf": False})
        form.council.choices = [(1, "Eastshire")]
        assert not form.validate()
        select = str(form.council())
    assert form.council.errors
    assert '<span class="govuk-visually-hidden">Gwall:</span>' in select
    assert "Error:" not in select
