"""What an officer's pages answer when they cannot go on as asked: the assessment is
closed, the session ended, the response already submitted, or too many codes tried."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from werkzeug.wrappers import Response as HttpResponse

from ..bank import bank_of
from ..services import staff_page
from ..storage.models import Assessment
from . import throttle
from .errors import try_again_in

WRONG_CODE = lazy_gettext("We could not find any answers with that code. Check it and try again")


def too_many_codes(wait: throttle.Paused) -> str:
    return " ".join(
        (
            _("Too many codes have been tried."),
            try_again_in(wait.seconds),
            _("Or use your resume link."),
        )
    )


def say_already_submitted() -> None:
    flash(_("You have already submitted your answers. They have been saved and cannot be changed."))


def closed(assessment: Assessment, status: int = 200) -> tuple[str, int]:
    return render_template("survey/closed.html", assessment=assessment), status


def closed_or_shared(assessment: Assessment) -> tuple[str, int]:
    """The invitation link once the assessment is closed: the page its leaders published
    for staff, or when they will share the results."""
    if not staff_page.is_published(assessment):
        return closed(assessment)
    bank = bank_of(assessment)
    page = staff_page.staff_page(assessment, bank)
    if page is None:
        return closed(assessment)
    return render_template(
        "survey/staff_page.html", assessment=assessment, bank=bank, page=page
    ), 200


def ended(invitation: str) -> HttpResponse:
    flash(_("Your session has ended. Use your resume link or code to carry on where you left off."))
    return redirect(url_for("survey.resume_with_code", invitation=invitation))
