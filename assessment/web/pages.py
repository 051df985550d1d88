"""Pages that belong to no journey."""

from flask import Blueprint, render_template

from ..bank import current_bank
from ..framework.scoring import BAND_EDGES, DEFAULT_THRESHOLD, MIN_THRESHOLD

blueprint = Blueprint("pages", __name__)


@blueprint.get("/")
def home() -> str:
    return render_template("pages/home.html")


@blueprint.get("/how-scores-work")
def method() -> str:
    return render_template(
        "pages/method.html",
        bank=current_bank(),
        bands=list(zip(current_bank().levels, _band_texts(), strict=True)),
        default_threshold=DEFAULT_THRESHOLD,
        min_threshold=MIN_THRESHOLD,
    )


def _band_texts() -> list[str]:
    """ "1.0 to 1.7", ... as shown to one decimal place."""
    lows = (1.0, *BAND_EDGES)
    highs = (*(edge - 0.1 for edge in BAND_EDGES), 5.0)
    return [f"{low:.1f} to {high:.1f}" for low, high in zip(lows, highs, strict=True)]
