"""The base of every form: WTForms' own messages in the reader's language, and a
CSRF token made only for a page that shows it.

Flask-WTF would load WTForms' catalogue from disk on every request; it never
changes while we run, so it is loaded once per language.
"""

from __future__ import annotations

from functools import lru_cache

from babel import support
from flask_babel import get_locale
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.csrf.core import CSRFTokenField
from wtforms.i18n import messages_path


class TokenWhenShown(CSRFTokenField):
    """The CSRF field, whose new token is made when the page is shown, not as the form
    is made: a post that is saved and redirected never shows it, and signing one takes
    about 23 us here. Flask-WTF keeps one token a request."""

    def process(self, *args, **kwargs) -> None:
        HiddenField.process(self, *args, **kwargs)

    @property
    def current_token(self) -> str:
        return self.csrf_impl.generate_csrf_token(self)


class _FormCSRF(FlaskForm.Meta.csrf_class):
    def setup_form(self, form):
        self.meta = form.meta
        return [(self.meta.csrf_field_name, TokenWhenShown(label="CSRF Token", csrf_impl=self))]


class Form(FlaskForm):
    class Meta(FlaskForm.Meta):
        csrf_class = _FormCSRF

        def get_translations(self, form):
            return _wtforms_catalogue(str(get_locale()))


@lru_cache(maxsize=16)
def _wtforms_catalogue(language: str) -> support.Translations:
    return support.Translations.load(messages_path(), [language], domain="wtforms")
