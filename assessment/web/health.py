"""GET /healthz for load balancers and uptime checks: is this instance able to serve?

It asks the database for `SELECT 1` and says so in JSON. It needs no sign-in, is
never rate-limited (a monitor polls it) and is never cached.
"""

from __future__ import annotations

from flask import Blueprint, current_app
from sqlalchemy.exc import SQLAlchemyError

from ..storage import database
from . import throttle

blueprint = Blueprint("health", __name__)
NOT_CACHED = {"Cache-Control": "no-store"}
throttle.never_limit(blueprint)


@blueprint.get("/healthz")
def healthz():
    try:
        database.ping()
    except SQLAlchemyError as error:
        database.rollback()
        # The reason goes to the log, not to whoever asked: it can name hosts and users.
        current_app.logger.warning("Health check: the database is unreachable: %s", error)
        return {"status": "unavailable", "database": "unreachable"}, 503, NOT_CACHED
    return {"status": "ok", "database": "ok"}, 200, NOT_CACHED
