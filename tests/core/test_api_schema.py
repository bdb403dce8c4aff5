"""The OpenAPI schema is generated without warnings and is valid OpenAPI: every path parameter
typed, one name per choice set."""

import io

from django.core.management import call_command


def test_schema_generates_without_warnings_and_validates(db, tmp_path):
    out = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(out), stderr=io.StringIO())
    text = out.read_text()
    assert "CloudKindEnum" in text and "GateStatusEnum" in text
    assert "Kind3bdEnum" not in text  # no hash-suffixed collision names
