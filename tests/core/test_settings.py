"""The settings module: embedded defaults, production refusals, Celery reliability options."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _django_setup(extra_env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update({"DJANGO_SETTINGS_MODULE": "config.settings.base", **extra_env})
    code = "import django; django.setup(); from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_production_refuses_to_start_without_secret_key():
    result = _django_setup({"DJANGO_DEBUG": "false", "DJANGO_ALLOWED_HOSTS": "gov.example"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _django_setup({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both_and_defaults_to_sqlite():
    result = _django_setup(
        {"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "gov.example"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_database_url_switches_to_postgresql():
    result = _django_setup({"DJANGO_DEBUG": "true", "DATABASE_URL": "postgres://u@127.0.0.1:5432/x"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.db.backends.postgresql"


def test_celery_is_json_only_acks_late_and_time_limited():
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert 0 < settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT


def test_embedded_defaults_use_wal_immediate_transactions_and_the_sqlite_broker():
    from config.settings import base

    if base.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        options = base.DATABASES["default"]["OPTIONS"]
        assert options["transaction_mode"] == "IMMEDIATE"
        assert options["timeout"] >= 5
        assert "journal_mode=WAL" in options["init_command"]
    if not os.environ.get("CELERY_BROKER_URL"):
        assert base.CELERY_BROKER_URL.startswith("sqla+sqlite:///")


def test_env_example_documents_every_variable_read_by_the_settings():
    import re

    source = (ROOT / "config/settings/base.py").read_text() + (ROOT / "config/settings/test.py").read_text()
    names = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', source)) | set(re.findall(r'env\(\)\.\w+\("([A-Z_]+)"', source))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert names, "no variables found: the test is looking in the wrong place"
    assert names <= documented, f"undocumented: {sorted(names - documented)}"
