"""Pages that belong to no journey."""

from flask import Blueprint, current_app, render_template, request
from markupsafe import escape
from werkzeug.wrappers import Response

from ..bank import current_bank
from ..framework.display import band_texts
from ..framework.reading_time import whole_minutes
from ..framework.scoring import DEFAULT_THRESHOLD, MIN_THRESHOLD
from . import shells
from .i18n import current_language

blueprint = Blueprint("pages", __name__)


@blueprint.get("/")
def home() -> str:
    # Measured from the bank new assessments use, so the page never promises a figure
    # the questionnaire does not keep.
    return render_template("pages/home.html", minutes=whole_minutes(current_bank()))


@blueprint.get("/how-scores-work")
def method() -> str:
    return render_template(
        "pages/method.html",
        bank=current_bank(),
        bands=list(zip(current_bank().levels, band_texts(), strict=True)),
        default_threshold=DEFAULT_THRESHOLD,
        min_threshold=MIN_THRESHOLD,
    )


@blueprint.get("/accessibility")
def accessibility() -> str:
    return render_template("pages/accessibility.html")


@blueprint.get("/cookies")
def cookies() -> str:
    config = current_app.config
    return render_template(
        "pages/cookies.html",
        # The only cookie: Flask's signed session (web/sessions.py). The language choice,
        # an officer's place and a leader's sign-in all live inside it.
        cookie_name=config["SESSION_COOKIE_NAME"],
        session_hours=int(config["PERMANENT_SESSION_LIFETIME"].total_seconds() // 3600),
        idle_minutes=config["LEADER_IDLE_MINUTES"],
        signed_in_hours=config["SIGNED_IN_HOURS"],
    )


REDIRECTS = {301, 302, 303, 307, 308}


@blueprint.after_app_request
def redirect_note_in_the_readers_language(response: Response) -> Response:
    """A redirect's little page, for the rare browser that shows it, in the reader's
    language: Werkzeug writes its "Redirecting..." page in English."""
    if (
        response.status_code in REDIRECTS
        and response.location
        and response.mimetype == "text/html"
        and not response.is_streamed
    ):
        response.set_data(_redirect_note(response.location))
    return response


def _redirect_note(location: str) -> str:
    # Every save redirects: the note is rendered once a language, then filled in.
    key = ("redirect", request.script_root, current_language())
    note = shells.shell(key, {"location"}, _note_with_a_hole)
    if note is None:
        return render_template("pages/redirect.html", location=location)
    return note.fill({"location": escape(location)})


def _note_with_a_hole() -> str:
    return render_template("pages/redirect.html", location=shells.Hole("location"))
