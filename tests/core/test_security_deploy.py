"""`manage.py check --deploy` with production settings reports no security issue, and the
production response carries HSTS — both in a separate process with production variables."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "GOVCLOUD_"))}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "assess.example.gov.cn",
        "GOVCLOUD_VAR_DIR": str(tmp_path),
    })
    return env


def test_check_deploy_reports_nothing_about_security(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"], cwd=ROOT, env=production_env(tmp_path),
        capture_output=True, text=True, timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    issues = re.findall(r"^\S*: \((\w+\.[EW]\d+)\)", output, re.M)
    # drf_spectacular.W001 are notes about the API schema's naming (the schema's own tests), not
    # about deployment; every other check — security.*, axes.*, admin, auth — must be silent.
    assert [i for i in issues if not i.startswith("drf_spectacular.")] == [], output
    assert "ERRORS:" not in output


PROBE = """
import django, json
django.setup()
from django.conf import settings
from django.test import Client
r = Client().get("/no-such-page/", secure=True, HTTP_HOST="assess.example.gov.cn")
plain = Client().get("/no-such-page/", HTTP_HOST="assess.example.gov.cn")
print(json.dumps({
    "hsts": r.get("Strict-Transport-Security"), "redirect": plain.status_code,
    "session_secure": settings.SESSION_COOKIE_SECURE, "csrf_secure": settings.CSRF_COOKIE_SECURE,
    "storage": settings.STORAGES["staticfiles"]["BACKEND"], "debug": settings.DEBUG,
}))
"""


def test_production_sends_hsts_redirects_to_https_and_uses_secure_cookies(tmp_path):
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=production_env(tmp_path),
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    facts = json.loads(result.stdout.strip().splitlines()[-1])
    assert facts["debug"] is False
    assert facts["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert facts["redirect"] == 301
    assert facts["session_secure"] and facts["csrf_secure"]
