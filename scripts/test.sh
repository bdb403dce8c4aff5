#!/usr/bin/env bash
# make test: set up like make run, lint, then the whole suite (SQLite and the SQLite broker by
# default; PostgreSQL/Redis when DATABASE_URL / CELERY_BROKER_URL are set, as in .ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
bash scripts/setup.sh test
echo "==> ruff"
.venv/bin/ruff check .
echo "==> pytest (database: ${DATABASE_URL:-sqlite}, broker: ${CELERY_BROKER_URL:-sqla+sqlite})"
.venv/bin/pytest "$@"
