#!/usr/bin/env bash
# Debian packages the app and its tests need: Chromium (chart export for the PDF
# and the browser tests), Liberation Sans (Arial-compatible, for pages and PDF)
# Pango (WeasyPrint's text layout), wrk (the benchmarks), poppler-utils (pdftoppm, to look
# at a report's pages as images while working on its layout) and PostgreSQL's server, from
# which `make test` starts a throwaway cluster for the PostgreSQL tests (tests/postgresql_cluster.py).
# Installs only what is missing.
set -euo pipefail

packages=(chromium fonts-liberation libpango-1.0-0 libpangoft2-1.0-0 wrk poppler-utils postgresql)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Not a Debian system: install ${missing[*]} yourself; PDF charts, browser tests and PostgreSQL tests need them." >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "Installing Debian packages: ${missing[*]}"
$sudo apt-get update -q
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
