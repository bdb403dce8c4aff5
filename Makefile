# The two commands (see README): `make run` and `make test`.
.PHONY: run test setup lint messages bench backup restore load

run:
	bash scripts/run.sh

test:
	bash scripts/test.sh

setup:
	bash scripts/setup.sh run

lint:
	.venv/bin/ruff check .

# Refresh the catalogues after changing UI text; then translate locale/zh_Hans.
messages:
	DJANGO_DEBUG=true .venv/bin/python manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench --no-obsolete
	DJANGO_DEBUG=true .venv/bin/python manage.py compilemessages --ignore=.venv

bench:
	@for b in bench/*.py; do DJANGO_DEBUG=true .venv/bin/python $$b; done

# Database + media + sha256 manifest into var/backups/ (GOVCLOUD_BACKUP_DIR); see README "Security".
backup:
	bash scripts/backup.sh

# Into an empty database and media folder: make restore FILE=var/backups/govcloud-<time>.tar.gz
restore:
	bash scripts/restore.sh "$(FILE)"

# Load benchmark (README "Benchmarks"): gunicorn + a real worker on this machine's PostgreSQL and
# Redis (127.0.0.1), 10,000 generated assessments, 20 users for 60 s; loopback only.
load:
	.venv/bin/python bench/load.py
