#!/usr/bin/env bash
# Set up a fresh Debian machine for GovCloud Assess: Debian packages (as root), .venv,
# Python packages, compiled translations, static files, database, shipped data.
# Usage: scripts/setup.sh run|test   (idempotent; fast when nothing changed)
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-run}"

# WeasyPrint's pango stack, HarfBuzz subsetting (fast, small PDFs), an embeddable CJK font,
# gettext for compilemessages; Chromium for the browser tests.
DEB_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-noto-cjk gettext"
[ "$MODE" = test ] && DEB_PACKAGES="$DEB_PACKAGES chromium"

if command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for pkg in $DEB_PACKAGES; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ]; then
      echo "==> Installing Debian packages:$missing"
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
    else
      echo "Missing Debian packages. Run this, then run make again:"
      echo "    sudo apt-get update && sudo apt-get install -y --no-install-recommends$missing"
      exit 1
    fi
  fi
else
  echo "warning: not a Debian system; install pango, harfbuzz-subset, a CJK font and gettext yourself" >&2
fi

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "Python 3.11 or newer is needed (found $("$PYTHON" --version 2>&1))."; exit 1; }

if [ ! -x .venv/bin/python ]; then
  echo "==> Creating .venv"
  "$PYTHON" -m venv .venv
fi
REQ_FILE=requirements.txt
[ "$MODE" = test ] && REQ_FILE=requirements-dev.txt
stamp=".venv/.installed-$(cat requirements.txt "$REQ_FILE" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> Installing Python packages ($REQ_FILE)"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$REQ_FILE"
  touch "$stamp"
fi

export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
echo "==> Compiling translations"
.venv/bin/python manage.py compilemessages -v0 --ignore=.venv
if [ "$MODE" = run ]; then
  .venv/bin/python manage.py collectstatic --noinput -v0
  echo "==> Migrating the database"
  .venv/bin/python manage.py migrate --noinput -v0
  .venv/bin/python manage.py load_shipped_data
fi
