"""Pages that belong to no journey."""

from flask import Blueprint, render_template

from ..bank import current_bank
from ..framework.display import band_texts
from ..framework.scoring import DEFAULT_THRESHOLD, MIN_THRESHOLD

blueprint = Blueprint("pages", __name__)


@blueprint.get("/")
def home() -> str:
    return render_template("pages/home.html")


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
