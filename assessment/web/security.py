"""Security headers on every response, and a fresh CSP nonce for every page.

Scripts come only from our own static files, plus the one-line inline script
GOV.UK Frontend's template needs, which carries the nonce. No 'unsafe-eval':
the charts use our own plotly.js build, which the build refuses to write if it
holds any eval. Styles come only from our static files too: plotly.js's own
rules are served as a stylesheet, so no <style> element or style attribute is
needed (both in scripts/build-assets.mjs).
"""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, request

# base64 of SHA-256 of the empty string.
EMPTY_STYLE_ATTRIBUTE = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="


def init_app(app: Flask) -> None:
    @app.context_processor
    def nonce_for_templates() -> dict[str, str]:
        return {"cspNonce": csp_nonce()}

    @app.after_request
    def add_headers(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
        response.headers.update(_BROWSER_PROTECTIONS)
        if request.is_secure:
            # Only over HTTPS: browsers ignore it on plain HTTP (TRUST_PROXY behind a proxy).
            response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
        # Pages, exports and reports can hold answers or results: never kept by a
        # shared computer's cache or a proxy. Only the static assets are cached, and
        # they never reach Flask (web/static_files.py serves them).
        response.headers["Cache-Control"] = "no-store"
        return response


_BROWSER_PROTECTIONS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def content_security_policy(nonce: str | None) -> str:
    scripts = f"script-src 'self' 'nonce-{nonce}'" if nonce else "script-src 'self'"
    return "; ".join(
        [
            "default-src 'self'",
            scripts,
            "style-src 'self'",
            # Only an empty style attribute, which styles nothing: plotly.js clears
            # a colour bar's with style="" before it colours it through the CSSOM.
            f"style-src-attr 'unsafe-hashes' '{EMPTY_STYLE_ATTRIBUTE}'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def static_file_headers() -> dict[str, str]:
    """The same protections for the static files, which WhiteNoise serves before
    Flask sees the request: an SVG opened on its own is a document too. No nonce, as
    no static file has an inline script; no HSTS, as these headers are fixed when the
    file is first served, whether over HTTPS or not (the pages carry it)."""
    return {"Content-Security-Policy": content_security_policy(None), **_BROWSER_PROTECTIONS}


def csp_nonce() -> str:
    # Made on first use, not before each request: a request refused before the views
    # run (a CSRF failure, say) still gets its error page's script a nonce.
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce
