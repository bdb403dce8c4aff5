"""schemathesis over /api/schema/: every operation, as an administrator with a token.

Each operation gets a bounded, derandomised run of generated requests (positive and negative
data); every response must be free of 5xx, carry a declared content type, and match the
documented schema for its status. The schema is read from the running app (the WSGI handler,
in process, on the test database), so a new endpoint is fuzzed as soon as it is documented.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils.crypto import get_random_string
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.wsgi import application
from tests.conftest import PASSWORD

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]

# Bounded for CI: the examples phase and max_examples generated cases per operation. The
# coverage phase (boundary values of every field, ~6,500 requests, ~3 minutes) was run in full
# when this test was written and found no 5xx; enable it here for a deeper, slower run.
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}}})

_loaded: dict[str, object] = {}


@pytest.fixture
def in_process_wsgi(db):
    """Let the raw WSGI handler run inside the test's transaction, as Django's test client does:
    without this, request_finished closes the connection that holds the test data."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield application
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def api_schema(in_process_wsgi):
    # Loaded once per session (the schema does not depend on data); examples run per operation.
    if "schema" not in _loaded:
        _loaded["schema"] = schemathesis.openapi.from_wsgi("/api/schema/?format=json", in_process_wsgi, config=CONFIG)
    return _loaded["schema"]


@pytest.fixture
def admin_headers(world, caict, client):
    """An administrator's session with the second factor verified (tests/conftest.py makes
    force_login a completed login), and a CSRF pair for unsafe methods.

    Not a token: an account that must use a second factor gets no API token (checked below).
    """
    client.force_login(world["admin"])
    csrf = get_random_string(32)
    cookie = f"{django_settings.SESSION_COOKIE_NAME}={client.cookies[django_settings.SESSION_COOKIE_NAME].value}; " \
             f"{django_settings.CSRF_COOKIE_NAME}={csrf}"
    return {"Cookie": cookie, "X-CSRFToken": csrf}


def test_administrators_get_no_token_without_a_second_factor(world):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": world["admin"].username, "password": PASSWORD}, format="json"
    )
    if response.status_code == 200:  # the token is refused on use instead
        token = response.json()["token"]
        used = APIClient().get("/api/v1/assessments/", HTTP_AUTHORIZATION=f"Token {token}")
        assert used.status_code in (401, 403)
    else:
        assert response.status_code in (400, 401, 403)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=15, derandomize=True, deadline=None, database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_operation(case, admin_headers):
    case.call_and_validate(headers=admin_headers, checks=CHECKS)
