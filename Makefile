# The two commands (see README): `make run` and `make test`.
.PHONY: run test setup lint messages bench

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
