"""The built assets: served by content-hashed name, kept by browsers for a year,
compressed with Brotli or gzip for whoever accepts it, under the same protections as
the pages, and with no eval anywhere for the Content Security Policy to refuse."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import pytest

from ..page_checks import MANIFEST, PageProblem, check_page

ASSETS = MANIFEST.parent
YEAR = "public, max-age=31536000, immutable"
PAGE = (
    "<!DOCTYPE html><html lang='en'><head><title>A page</title>"
    "<link rel='stylesheet' href='{href}'></head><body><h1>A page</h1></body></html>"
)


def _manifest() -> dict[str, str]:
    return json.loads(MANIFEST.read_text(encoding="utf-8"))


def _url(name: str) -> str:
    return f"/static/assets/{_manifest()[name]}"


def test_every_file_a_page_loads_is_built_with_a_hash_in_its_name():
    manifest = _manifest()
    assert set(manifest) == {
        "application.css",
        "plotly.css",
        "images/favicon.svg",
        "js/application.js",
        "js/plotly.js",
    }
    for name, hashed in manifest.items():
        stem, extension = name.rsplit(".", 1)
        assert re.fullmatch(rf"{re.escape(stem)}-[A-Z2-7]{{8}}\.{extension}", hashed), hashed
        assert (ASSETS / hashed).is_file(), hashed


def test_pages_load_only_hashed_files(client):
    page = client.get("/").get_data(as_text=True)  # the client's page check passed too
    for name in ("application.css", "images/favicon.svg", "js/application.js"):
        assert _url(name) in page


def test_the_page_check_refuses_a_file_without_its_hash():
    check_page(PAGE.format(href=_url("application.css")))
    for unhashed in ("/static/assets/application.css", "/static/assets/application-AAAAAAAA.css"):
        with pytest.raises(PageProblem, match="not named by content hash"):
            check_page(PAGE.format(href=unhashed))


def test_hashed_files_are_kept_for_a_year_without_asking_again(client):
    for name in _manifest():
        response = client.get(_url(name))
        assert response.status_code == 200, name
        assert response.headers["Cache-Control"] == YEAR, name
        assert response.get_data() == (ASSETS / _manifest()[name]).read_bytes()


def test_a_file_whose_name_can_stay_the_same_is_kept_only_a_minute(client):
    response = client.get("/static/assets/manifest.json")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=60, public"


@pytest.mark.parametrize(
    ("accepted", "encoding", "decompress"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip, deflate", "gzip", gzip.decompress),
    ],
)
def test_files_are_sent_compressed_to_browsers_that_accept_it(
    client, accepted, encoding, decompress
):
    for name in ("js/plotly.js", "application.css"):
        response = client.get(_url(name), headers={"Accept-Encoding": accepted})
        assert response.headers["Content-Encoding"] == encoding, name
        assert "Accept-Encoding" in response.headers["Vary"]
        original = (ASSETS / _manifest()[name]).read_bytes()
        assert len(response.get_data()) < len(original) / 2, name
        assert decompress(response.get_data()) == original, name


def test_a_browser_that_accepts_no_compression_gets_the_file_as_it_is(client):
    response = client.get(_url("js/plotly.js"), headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in response.headers
    assert response.get_data() == (ASSETS / _manifest()["js/plotly.js"]).read_bytes()


def test_static_files_carry_the_same_protections_as_pages(client):
    response = client.get(_url("images/favicon.svg"))
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize(
    "path", ["/static/assets/application.css", "/static/assets/js/nowhere.js", "/static/"]
)
def test_a_file_that_is_not_there_is_not_found_and_never_cached(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response.headers["Cache-Control"] == "no-store"


def test_no_script_builds_code_from_strings(client):
    """The CSP has no 'unsafe-eval': any eval or new Function would fail in the browser."""
    for name in ("js/plotly.js", "js/application.js"):
        source = (ASSETS / _manifest()[name]).read_text(encoding="utf-8")
        assert not re.search(r"\beval\s*\(|\bnew\s+Function\b", source), name
    assert "'unsafe-eval'" not in client.get("/").headers["Content-Security-Policy"]


def test_the_plotly_build_holds_only_the_trace_types_the_charts_draw():
    source = (ASSETS / _manifest()["js/plotly.js"]).read_text(encoding="utf-8")
    assert len(source) < 1_500_000  # the full strict bundle was 5.2 MB
    registered = set(re.findall(r'moduleType:"trace",name:"(\w+)"', source))
    assert registered == {"bar", "heatmap", "scatter", "scatterpolar"}
    assert "maplibregl" not in source  # nor maplibre's styles, for maps we don't draw
