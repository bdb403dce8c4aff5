#!/usr/bin/env bash
# make restore FILE=var/backups/govcloud-….tar.gz: check the manifest, then into an EMPTY
# database (it refuses one with users) and an empty media folder: migrate, loaddata, media;
# finally verify the audit log's hash chain.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE="${1:-${FILE:-}}"
[ -n "$FILE" ] && [ -f "$FILE" ] || { echo "usage: make restore FILE=var/backups/govcloud-<time>.tar.gz" >&2; exit 2; }
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"
if [ -z "${DJANGO_DEBUG:-}" ] && ! grep -qs '^DJANGO_DEBUG=' .env; then export DJANGO_DEBUG=true; fi
umask 077

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
tar -xzf "$FILE" -C "$WORK"
DIR="$(find "$WORK" -mindepth 1 -maxdepth 1 -type d | head -n 1)"
[ -f "$DIR/MANIFEST.sha256" ] && [ -f "$DIR/db.json" ] || { echo "not a GovCloud Assess backup: $FILE" >&2; exit 1; }

echo "==> Checking the manifest"
(cd "$DIR" && sha256sum --quiet --strict -c MANIFEST.sha256) || { echo "the archive does not match its manifest: refusing" >&2; exit 1; }
# Every file in the archive must be listed, not only the listed ones intact.
listed="$(wc -l < "$DIR/MANIFEST.sha256")"
present="$(cd "$DIR" && find . -type f ! -name MANIFEST.sha256 | wc -l)"
[ "$listed" -eq "$present" ] || { echo "the archive holds files not in its manifest: refusing" >&2; exit 1; }

echo "==> Database: migrate"
"$PY" manage.py migrate --noinput -v 0
MEDIA_ROOT="$("$PY" manage.py shell -v 0 -c "
import sys
from django.conf import settings
from accounts.models import User
if User.objects.exists():
    sys.exit('the database is not empty (it has users): restore only into an empty database')
print(settings.MEDIA_ROOT)
" | tail -n 1)"
if [ -d "$MEDIA_ROOT" ] && [ -n "$(find "$MEDIA_ROOT" -type f -print -quit)" ]; then
  echo "the media folder $MEDIA_ROOT is not empty: restore only into an empty one" >&2; exit 1
fi

echo "==> Database: loaddata"
"$PY" manage.py loaddata "$DIR/db.json" -v 1

echo "==> Media ($MEDIA_ROOT)"
mkdir -p "$MEDIA_ROOT"
(cd "$DIR/media" && tar -cf - .) | (cd "$MEDIA_ROOT" && tar -xf -)

echo "==> Audit log"
"$PY" manage.py verify_audit_log
echo "Restored $FILE"
