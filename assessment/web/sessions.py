"""Flask's signed-cookie sessions, refreshed once a minute rather than on every page.

Officers are often interrupted, so a session lasts a working day from the last
request (config: SESSION_REFRESH_EACH_REQUEST). Flask keeps that promise by
signing and sending the cookie again with every response, which was a tenth of
a question page's time. A cookie signed under a minute ago is left as it is:
the session then ends at most a minute earlier than it would have, out of twelve
hours. A changed session is always sent.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from itsdangerous import BadSignature, URLSafeTimedSerializer

REFRESH_AFTER = timedelta(minutes=1)


class Session(SecureCookieSession):
    # When the cookie this session came in was signed; None for a new session.
    signed_at: datetime | None = None


class SessionInterface(SecureCookieSessionInterface):
    session_class = Session

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        # Flask makes a new serializer for every request; one a set of keys will do,
        # as it holds nothing else (a fiftieth of an officer's page).
        keys = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cache = app.extensions.setdefault("session_serializers", {})
        if keys not in cache:
            cache[keys] = super().get_signing_serializer(app)
        return cache[keys]

    def open_session(self, app: Flask, request: Request) -> Session | None:
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        cookie = request.cookies.get(self.get_cookie_name(app))
        if not cookie:
            return self.session_class()
        max_age = int(app.permanent_session_lifetime.total_seconds())
        try:
            data, signed_at = serializer.loads(cookie, max_age=max_age, return_timestamp=True)
        except BadSignature:
            return self.session_class()
        session = self.session_class(data)
        session.signed_at = signed_at
        return session

    def should_set_cookie(self, app: Flask, session: SecureCookieSession) -> bool:
        if not super().should_set_cookie(app, session):
            return False
        if session.modified:
            return True
        signed_at = getattr(session, "signed_at", None)
        return signed_at is None or datetime.now(UTC) - signed_at >= REFRESH_AFTER


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
