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
from flask_wtf import csrf as flask_wtf_csrf
from wtforms import HiddenField
from wtforms.csrf.core import CSRF, CSRFTokenField
from wtforms.i18n import messages_path


class TokenWhenShown(CSRFTokenField):
    """The CSRF field, whose new token is made when the page is shown, not as the form
    is made: a post that is saved and redirected never shows it, so never signs one.
    Flask-WTF keeps one token a request."""

    def process(self, *args, **kwargs) -> None:
        HiddenField.process(self, *args, **kwargs)

    @property
    def current_token(self) -> str:
        return self.csrf_impl.generate_csrf_token(self)


class _TokenWhenShownCSRF(CSRF):
    """WTForms' own way to bring a CSRF scheme (wtforms.csrf.core.CSRF), on Flask-WTF's
    public token functions: the same tokens and checks as FlaskForm's, without
    subclassing its private class."""

    field_class = TokenWhenShown

    def setup_form(self, form):
        self.meta = form.meta
        return super().setup_form(form)

    def generate_csrf_token(self, csrf_token_field) -> str:
        return flask_wtf_csrf.generate_csrf(
            secret_key=self.meta.csrf_secret, token_key=self.meta.csrf_field_name
        )

    def validate_csrf_token(self, form, field) -> None:
        # Raises wtforms' ValidationError, which the form shows as the field's error.
        flask_wtf_csrf.validate_csrf(
            field.data,
            self.meta.csrf_secret,
            self.meta.csrf_time_limit,
            self.meta.csrf_field_name,
        )


class Form(FlaskForm):
    class Meta(FlaskForm.Meta):
        csrf_class = _TokenWhenShownCSRF

        def get_translations(self, form):
            return _wtforms_catalogue(str(get_locale()))


@lru_cache(maxsize=16)
def _wtforms_catalogue(language: str) -> support.Translations:
    return support.Translations.load(messages_path(), [language], domain="wtforms")
