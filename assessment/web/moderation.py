"""Leaders review the comments in their results: release those held because they look
like personal data, hide any with a reason (framework/moderation.py).

Only comments the results may show are here, those the snapshot kept (themes whose
council cell is shown), and a comment is named by a keyed hash, never its row id.
Every route takes the assessment id through @assessment_view, so another council's
leader gets 404 before a comment is looked for.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user

from ..bank import bank_of
from ..forms.leaders import ConfirmForm, HideCommentForm
from ..framework import moderation
from ..framework.model import Theme
from ..framework.snapshot import Comment, Snapshot
from ..services import closing
from ..storage import comments
from ..storage.models import Assessment, ThemeEntry
from .access import assessment_view

blueprint = Blueprint("comments", __name__, url_prefix="/assessments/<int:assessment_id>")

KINDS = {
    moderation.EMAIL: lazy_gettext("an email address"),
    moderation.PHONE: lazy_gettext("a phone number"),
    moderation.POSTCODE: lazy_gettext("a postcode"),
    moderation.NI_NUMBER: lazy_gettext("a National Insurance number"),
    moderation.NAME: lazy_gettext("a title and a name, such as Mr Smith"),
}


@dataclass(frozen=True)
class Reviewed:
    theme: Theme
    text: str
    ref: str
    state: str | None
    looks_like: list[str]  # what in it looks like personal data, in the reader's words
    moderated: comments.Moderation


@blueprint.get("/comments")
@assessment_view
def review(assessment: Assessment):
    return _review(assessment)


@blueprint.post("/comments/<ref>/release")
@assessment_view
def release(assessment: Assessment, ref: str):
    form = ConfirmForm()
    if not form.validate_on_submit():
        abort(400)
    entry = _entry(assessment, ref)
    state = comments.moderation_of([entry.id])[entry.id].state
    if not moderation.is_held(state, entry.comment or ""):
        problem = _("This comment is not held, so there is nothing to release.")
        return _review(assessment, problem=problem)
    comments.release(entry, current_user)
    flash(_("The comment is released: the results, downloads and report show it."), "success")
    return redirect(url_for(".review", assessment_id=assessment.id))


@blueprint.route("/comments/<ref>/hide", methods=["GET", "POST"])
@assessment_view
def hide(assessment: Assessment, ref: str):
    snapshot = closing.made_snapshot(assessment, bank_of(assessment))
    if snapshot is None:
        return render_template("results/not_yet.html", assessment=assessment)
    entry = _entry(assessment, ref, snapshot)
    form = HideCommentForm()
    if form.validate_on_submit():
        comments.hide(entry, current_user, form.reason.data.strip())
        flash(_("The comment is hidden: no results page, download or report shows it."), "success")
        return redirect(url_for(".review", assessment_id=assessment.id))
    return render_template(
        "leaders/hide_comment.html",
        assessment=assessment,
        theme=bank_of(assessment).theme(entry.theme_id),
        text=entry.comment,
        form=form,
    ), (400 if form.errors else 200)


def _review(assessment: Assessment, problem: str | None = None):
    snapshot = closing.made_snapshot(assessment, bank_of(assessment))
    if snapshot is None:
        return render_template("results/not_yet.html", assessment=assessment)
    reviewed = _reviewed(assessment, snapshot)
    form = ConfirmForm()
    if problem:
        # The page's title says "Error:" and its summary gives the problem.
        form.submit.errors = [problem]
    return render_template(
        "leaders/comments.html",
        assessment=assessment,
        held=[r for r in reviewed if moderation.is_held(r.state, r.text)],
        shown=[r for r in reviewed if moderation.is_shown(r.state, r.text)],
        hidden=[r for r in reviewed if r.state == moderation.HIDDEN],
        suppressed=snapshot.results.council.suppressed,
        problem=problem,
        form=form,
    ), (400 if problem else 200)


def _reviewed(assessment: Assessment, snapshot: Snapshot) -> list[Reviewed]:
    bank = bank_of(assessment)
    states = comments.moderation_of(c.entry for found in snapshot.comments.values() for c in found)
    reviewed = []
    for theme in bank.themes:
        for comment in snapshot.comments.get(theme.id, ()):
            moderated = states.get(comment.entry)
            if moderated is None:  # its response is gone
                continue
            reviewed.append(
                Reviewed(
                    theme=theme,
                    text=comment.text,
                    ref=_ref(assessment, comment),
                    state=moderated.state,
                    looks_like=[str(KINDS[k]) for k in moderation.personal_data(comment.text)],
                    moderated=moderated,
                )
            )
    return reviewed


def _ref(assessment: Assessment, comment: Comment) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return moderation.comment_ref(key, assessment.id, comment.entry)


def _entry(assessment: Assessment, ref: str, snapshot: Snapshot | None = None) -> ThemeEntry:
    """The entry of the snapshot's comment named `ref`; 404 for any other name, a
    forged one or one of another assessment alike."""
    snapshot = snapshot or closing.made_snapshot(assessment, bank_of(assessment))
    if snapshot is None or len(ref) != 24 or not ref.isascii():
        abort(404)
    for found in snapshot.comments.values():
        for comment in found:
            if hmac.compare_digest(_ref(assessment, comment), ref):
                entry = comments.entry_in(assessment, comment.entry)
                if entry is None:
                    abort(404)
                return entry
    abort(404)
