"""A theme page filled into its shell is, byte for byte, the page rendered in full.

Officers' pages are served from a shell (web/shells.py): rendered once per
language and theme with holes, filled on each request. The full render runs the
same template with the same values, so here both are made for every theme, with
answers, comments and messages of every kind, and must be identical.
"""

from __future__ import annotations

import logging

import pytest
from flask import flash, g, render_template

from assessment.bank import current_bank
from assessment.forms import builder
from assessment.forms.builder import theme_form_class
from assessment.storage.officer_pages import StoredTheme
from assessment.web import shells, theme_pages

from .officer import Officer
from .people import make_council, sign_in

HOSTILE = '</textarea><script>alert("x")</script> & \ue000radios culture.change\ue001 \u2028 it\'s'


def _states(theme) -> list[tuple[StoredTheme, str | None]]:
    ids = theme.question_ids
    values = ["1", "2", "3", "4", "5", "dk"]
    every_level = {qid: values[index % 6] for index, qid in enumerate(ids)}
    return [
        (StoredTheme(answers={}, comment=None), None),
        (StoredTheme(answers=every_level, comment="Plain words."), None),
        (StoredTheme(answers={ids[0]: "dk"}, comment=HOSTILE), "Welcome back."),
        (StoredTheme(answers={ids[-1]: "5"}, comment="\nStarts on a new line\r\n<b>"), None),
    ]


def _themes(app):
    with app.app_context():
        return current_bank().themes


def _full(invitation: str, theme, stored: StoredTheme) -> str:
    # What survey.py did before shells: the form with the stored answers, shown.
    form = theme_form_class(theme)(data={**stored.answers, "comment": stored.comment or ""})
    form.show(stored.answers, stored.comment)
    return theme_pages.render(invitation, current_bank(), theme, form)


@pytest.mark.parametrize("query", ["", "?return=check"])
def test_every_theme_filled_in_is_the_page_rendered_in_full(
    app, open_assessment, query, monkeypatch
):
    monkeypatch.setattr(builder, "new_page_id", lambda: "the-same-page-id")
    monkeypatch.setattr(theme_pages, "new_page_id", lambda: "the-same-page-id")
    compared = 0
    for theme in _themes(app):
        for stored, message in _states(theme):
            with app.test_request_context(f"/s/{open_assessment}/themes/{theme.id}{query}"):
                g.csp_nonce = "the-same-nonce"
                if message:
                    flash(message, "success")
                filled = theme_pages.fresh(open_assessment, current_bank(), theme, stored)
                if message:
                    flash(message, "success")
                full = _full(open_assessment, theme, stored)
            assert filled == full, (theme.id, stored)
            compared += 1
    assert compared == 4 * len(_themes(app))
    assert any(key[2] == "culture" for key in app.extensions["page_shells"])


def test_the_holes_are_filled_with_what_the_officer_saved(client, open_assessment):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    officer.answer("culture", {"culture.change": "4"}, HOSTILE, later=True)
    page = officer.get(f"{officer.base}/themes/culture").get_data(as_text=True)
    assert 'name="culture.change" type="radio" value="4" checked' in page
    assert "&lt;/textarea&gt;&lt;script&gt;" in page and "<script>alert" not in page
    assert shells.OPEN not in page.replace("\ue000radios culture.change", "")


def test_a_page_that_cannot_be_a_shell_is_rendered_in_full(
    app, open_assessment, monkeypatch, caplog
):
    # Say a translation held one of the markers: the shell is refused, the page still right.
    monkeypatch.setitem(app.extensions, "page_shells", {})
    monkeypatch.setattr(theme_pages, "_shell_html", lambda bank, theme: f"{shells.OPEN}stray")
    theme = _themes(app)[0]
    stored = StoredTheme(answers={theme.question_ids[0]: "2"}, comment="Kept")
    page_of_the_theme = app.test_request_context(f"/s/{open_assessment}/themes/{theme.id}")
    with page_of_the_theme, caplog.at_level(logging.WARNING):
        page = theme_pages.fresh(open_assessment, current_bank(), theme, stored)
    assert f'name="{theme.question_ids[0]}" type="radio" value="2" checked' in page
    assert ">Kept</textarea>" in page
    assert "rendered in full" in caplog.text


def test_a_signed_in_leader_answering_sees_their_own_header(app, client, open_assessment):
    # An officer first, so the page's shell is made: the leader must not be given it.
    colleague = Officer(app.test_client(), open_assessment)
    colleague.say_about_me()
    assert "Sign out" not in colleague.get(f"{colleague.base}/themes/culture").get_data(True)
    leader = "leader@northshire.example"
    make_council(app, "northshire", leader)
    sign_in(client, leader)
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    page = officer.get(f"{officer.base}/themes/culture").get_data(as_text=True)
    assert "Sign out" in page and leader in page


def test_shells_refuse_missing_repeated_or_stray_holes():
    assert shells.Shell.of("a\ue000x\ue001b", {"x"}).fill({"x": "-"}) == "a-b"
    for html in ("ab", "a\ue000x\ue001\ue000x\ue001", "a\ue000x\ue001\ue000", "\ue000y\ue001"):
        with pytest.raises(shells.ShellError):
            shells.Shell.of(html, {"x"})


def test_a_redirect_note_is_its_template_filled_in(app, client, open_assessment):
    officer = Officer(client, open_assessment)
    officer.say_about_me()
    saved = officer.answer("culture", {"culture.change": "2"})
    assert saved.status_code == 302
    with app.test_request_context("/"):
        full = render_template("pages/redirect.html", location=saved.headers["Location"])
    assert saved.get_data(as_text=True) == full
    assert f'<a href="{saved.headers["Location"]}">' in full
