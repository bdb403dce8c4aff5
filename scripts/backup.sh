#!/usr/bin/env bash
# make backup: one archive with the database (dumpdata; content types and permissions referred
# to by natural key, so it loads on SQLite and PostgreSQL alike; every other row keeps its id,
# which the audit log refers to), the media folder (evidence, reports) and a sha256 manifest.
#   var/backups/govcloud-<UTC time>.tar.gz   (folder: GOVCLOUD_BACKUP_DIR)
# The archive holds password hashes and second-factor secrets: it is written mode 0600.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
[ -x "$PY" ] || PY="$(command -v python3)"
if [ -z "${DJANGO_DEBUG:-}" ] && ! grep -qs '^DJANGO_DEBUG=' .env; then export DJANGO_DEBUG=true; fi
umask 077

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
NAME="govcloud-$STAMP"
OUT_DIR="${GOVCLOUD_BACKUP_DIR:-var/backups}"
mkdir -p "$OUT_DIR"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/$NAME/media"

echo "==> Database"
# One transaction, so the dump is one consistent snapshot (REPEATABLE READ on PostgreSQL; on
# SQLite the immediate transaction holds writers back while the dump runs).
"$PY" manage.py shell -v 0 -c "
import json, sys
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
with transaction.atomic():
    if connection.vendor == 'postgresql':
        connection.cursor().execute('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')
    call_command('dumpdata', natural_foreign=True, output='$WORK/$NAME/db.json',
                 exclude=['contenttypes', 'auth.permission', 'sessions'], verbosity=0)
print(settings.MEDIA_ROOT)
import django
json.dump({'created_at': '$STAMP', 'database': connection.vendor, 'django': django.get_version(),
           'format': 1}, open('$WORK/$NAME/backup.json', 'w'))
" > "$WORK/media_root"
MEDIA_ROOT="$(tail -n 1 "$WORK/media_root")"

echo "==> Media ($MEDIA_ROOT)"
if [ -d "$MEDIA_ROOT" ]; then
  (cd "$MEDIA_ROOT" && tar -cf - .) | (cd "$WORK/$NAME/media" && tar -xf -)
fi

echo "==> Manifest"
(cd "$WORK/$NAME" && find . -type f ! -name MANIFEST.sha256 -print0 | sort -z | xargs -0 -r sha256sum > MANIFEST.sha256)

tar -czf "$WORK/$NAME.tar.gz" -C "$WORK" "$NAME"
mv "$WORK/$NAME.tar.gz" "$OUT_DIR/$NAME.tar.gz"
echo "$OUT_DIR/$NAME.tar.gz"
