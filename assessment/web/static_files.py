"""The built assets (scripts/build-assets.mjs), served by WhiteNoise.

Every file a page loads carries a hash of its content in its name, listed in
static/assets/manifest.json against the name templates use: templates ask
asset_url("application.css") and get the hashed file's URL, so a browser may keep
each file for a year and still never run an old one. WhiteNoise sends the Brotli or
gzip copy the build wrote beside each file when the browser accepts it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from wsgiref.headers import Headers

from flask import Flask
from whitenoise import WhiteNoise

from . import security

STATIC_ROOT = Path(__file__).resolve().parents[2] / "static"
PREFIX = "/static/"
ASSETS = "assets"
# Hashed names change with their content, so a year (the most RFC 9111 allows) is safe.
HASHED_CACHE_CONTROL = "public, max-age=31536000, immutable"
# Anything else under static/ (the manifest) may change under the same name.
UNHASHED_MAX_AGE = 60


class AssetsNotBuilt(RuntimeError):
    pass


@dataclass
class AssetManifest:
    """static/assets/manifest.json, read again only when the build rewrites it."""

    path: Path
    _names: dict[str, str] = field(default_factory=dict)
    _read_at: float | None = None

    def hashed_name(self, name: str) -> str:
        names = self._current()
        if name not in names:
            raise AssetsNotBuilt(
                f"{name!r} is not in {self.path}: is it built by scripts/build-assets.mjs?"
            )
        return names[name]

    def is_hashed(self, relative_path: str) -> bool:
        return relative_path in self._current().values()

    def _current(self) -> dict[str, str]:
        try:
            modified = os.stat(self.path).st_mtime
        except FileNotFoundError:
            raise AssetsNotBuilt(
                f"{self.path} is missing: build the assets with `make setup` (npm run build)"
            ) from None
        if modified != self._read_at:
            self._names = json.loads(self.path.read_text(encoding="utf-8"))
            self._read_at = modified
        return self._names


def init_app(app: Flask, static_root: Path = STATIC_ROOT) -> None:
    manifest = AssetManifest(static_root / ASSETS / "manifest.json")

    def asset_url(name: str) -> str:
        return f"{PREFIX}{ASSETS}/{manifest.hashed_name(name)}"

    def add_headers(headers: Headers, path: str, url: str) -> None:
        relative = url.removeprefix(f"{PREFIX}{ASSETS}/")
        if relative != url and manifest.is_hashed(relative):
            headers["Cache-Control"] = HASHED_CACHE_CONTROL
        for name, value in security.static_file_headers().items():
            headers[name] = value

    app.add_template_global(asset_url)
    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(static_root),
        prefix=PREFIX,
        max_age=UNHASHED_MAX_AGE,
        allow_all_origins=False,
        add_headers_function=add_headers,
        # While developing, a rebuild's new files are served without a restart.
        autorefresh=app.debug,
    )
