#!/usr/bin/env bash
# make run: set up, then a real Celery worker on the embedded SQLite broker and the web server
# on 127.0.0.1:8000. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_DEBUG="${DJANGO_DEBUG:-true}"
export GOVCLOUD_DEMO="${GOVCLOUD_DEMO:-true}"
bash scripts/setup.sh run
.venv/bin/python manage.py seed_demo > var/demo-logins.txt

ADDR="${GOVCLOUD_ADDR:-127.0.0.1:8000}"
pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "==> Stopping the web server and the worker"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait || true
  echo "==> Stopped"
}
trap cleanup INT TERM EXIT

.venv/bin/celery -A config worker --loglevel=INFO --concurrency=2 --hostname="govcloud@%h" \
  > var/worker.log 2>&1 &
pids+=($!)
.venv/bin/gunicorn config.wsgi:application --bind "$ADDR" --workers 2 --threads 4 \
  --access-logfile - --error-logfile - > var/web.log 2>&1 &
pids+=($!)

for _ in $(seq 1 100); do
  .venv/bin/python - "$ADDR" <<'PY' && break
import sys, urllib.request
try:
    urllib.request.urlopen(f"http://{sys.argv[1]}/health/", timeout=1)
except Exception:
    sys.exit(1)
PY
  sleep 0.2
done

cat <<BANNER

  GovCloud Assess is running:  http://$ADDR/
  API docs:                    http://$ADDR/api/docs/
  Logs:                        var/web.log, var/worker.log (Celery worker on the SQLite broker)

$(cat var/demo-logins.txt)

  Press Ctrl-C to stop.
BANNER
wait -n "${pids[@]}" || true
